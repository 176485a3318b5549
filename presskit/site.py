"""The newsroom: settings that belong to the whole collection of releases, not to one.

They come from the ``[site]`` table of ``sources/agencies.toml`` (see
docs/source-format.md) and are what collection formats (the feeds) need: the public
base URL the build folder is published under, the newsroom's name and description, its
default language, and how many entries a feed document holds.

URL layout of a published build folder (``base_url`` is its root)::

    <base_url><slug>/                 the release page (unless the release sets
                                      canonical_url)
    <base_url><slug>/<slug>.pdf       the release's files, and its attachments
    <base_url>feeds/newsroom.atom     the feeds (docs/feeds.md)
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import attrs

from presskit.errors import ModelError
from presskit.model import PressRelease

__all__ = ["Site", "iri_to_uri"]

_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\Z")


def iri_to_uri(iri: str) -> str:
    """An IRI, URL or path as a URI that every feed reader accepts (RFC 3987 section
    3.1): see :func:`presskit.uri.iri_to_uri`, which this is."""
    from presskit.uri import iri_to_uri as convert

    return convert(iri)


def _as_uri(field: str, value: str, *, paths: bool = False) -> str:
    """``value`` made an RFC 3986 URI as the model's URL fields are
    (:func:`presskit.uri.to_uri`); with ``paths``, a value without a scheme is a path.

    Raises:
        ModelError: it cannot be made one; ``field`` is named.
    """
    from presskit.uri import UriError, to_uri

    value = value.strip()
    if paths and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", value):
        return value
    try:
        return to_uri(value)
    except UriError as exc:
        raise ModelError(field, f"{value!r} is not a valid URL: {exc}") from None


def _hubs(value: Any) -> tuple[str, ...]:
    items = tuple(value)
    return tuple(_as_uri(f"hubs[{i}]", v) if isinstance(v, str) else v for i, v in enumerate(items))


def _icon(value: str | None) -> str | None:
    return value if value is None else _as_uri("icon", value, paths=True)


def _logo(value: str | None) -> str | None:
    return value if value is None else _as_uri("logo", value, paths=True)


def _base_url(value: str | None) -> str | None:
    """Checked (:func:`_check_web_url`) as given, then ending in ``/``."""
    if value is None:
        return None
    value = _as_uri("base_url", value)
    _check_web_url("base_url", value, base=True)
    return value if value.endswith("/") else value + "/"


def _check_web_url(field: str, value: str, *, base: bool = False) -> None:
    """An absolute http(s) URL with a host, no spaces, no user name or password (and,
    for a base URL, no query or fragment).

    Raises:
        ModelError: it is not; the message quotes ``value`` as given.
    """
    example = "https://newsroom.example.org/"
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise ModelError(field, f"{value!r} is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ModelError(field, f"{value!r} is not an absolute http(s) URL such as {example}")
    if any(c.isspace() for c in value):
        raise ModelError(field, f"{value!r} is not a valid URL: it contains a space")
    if parts.username is not None or parts.password is not None:
        raise ModelError(field, f"{value!r}: a public URL must not carry a user name or password")
    if base and (parts.query or parts.fragment):
        raise ModelError(field, f"{value!r}: a base URL has no ?query or #fragment")


def _check_image(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A path relative to ``base_url`` or an http(s) URL."""
    if value is None:
        return
    try:
        scheme = urlsplit(value).scheme
    except ValueError as exc:
        raise ModelError(attribute.name, f"{value!r} is not a valid path or URL ({exc})") from None
    if scheme:
        _check_web_url(attribute.name, value)


def _check_language(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    from presskit.model import language_problem

    if not isinstance(value, str) or not _LANGUAGE.match(value) or len(value) > 63:
        raise ModelError(attribute.name, f"{value!r} is not a BCP 47 language tag such as en-SG")
    problem = language_problem(value)
    if problem:
        raise ModelError(attribute.name, problem)


def _check_page_size(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10_000:
        raise ModelError(attribute.name, f"must be a whole number from 1 to 10000, got {value!r}")


def _check_time_zone(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ModelError(
            attribute.name, f"{value!r} is not an IANA time zone such as Asia/Singapore"
        ) from None


def _check_urls(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for index, url in enumerate(value):
        _check_web_url(f"{attribute.name}[{index}]", url)


def _check_style(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    from presskit.model import HOUSE_STYLES

    if value is not None and value not in HOUSE_STYLES:
        raise ModelError(
            attribute.name, f"unknown house style {value!r}; styles: {', '.join(HOUSE_STYLES)}"
        )


def _check_sender(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An e-mail address that can be written in a ``From`` header."""
    if value is None:
        return
    from presskit.mailheaders import HeaderError, address

    if not isinstance(value, str) or not _EMAIL.match(value):
        raise ModelError(
            attribute.name,
            f"{value!r} is not an e-mail address such as press@example.org (the name "
            "shown with it is the name of [site])",
        )
    try:
        address(value)
    except HeaderError as exc:
        raise ModelError(attribute.name, f"cannot send the e-mail: {exc}") from None


def _opt_text(value: str | None) -> str | None:
    if value is None:
        return None
    from presskit.textutils import clean_line

    cleaned = clean_line(value)
    return cleaned or None


@attrs.frozen(kw_only=True)
class Site:
    """Newsroom-wide settings (the ``[site]`` table of ``agencies.toml``).

    Attributes:
        name: the newsroom's name, the title of its feeds (``"MDDI and IMDA newsroom"``),
            or ``None`` (feeds then use the issuers' names).
        base_url: the absolute http(s) URL the build folder is published at, ending in
            ``/`` (added when missing), or ``None``. Feeds need it: every id and link in
            a feed is absolute.
        description: one sentence about the newsroom (the feeds' subtitle), or ``None``.
        language: default BCP 47 language of releases and of the newsroom feed.
        time_zone: IANA zone for date-only values and local times, or ``None``.
        icon: a small square image for feed readers (URL, or a path relative to
            ``base_url``), or ``None``.
        logo: a wide image (2:1) for feed readers, likewise, or ``None``.
        hubs: WebSub hub URLs (https://www.w3.org/TR/websub/) the feeds advertise.
        feed_page_size: entries per feed document; a feed of twice as many or more
            becomes an RFC 5005 archived feed (the newest entries, plus two or more
            archive pages of this many entries).
        rights: a copyright line for the feeds, or ``None``.
        sender: the e-mail address the ``eml`` exporter sends a release from when none
            of its media contacts has one (``"press@example.org"``; the display name is
            ``name``), or ``None``: such a release then gets no ``.eml``.
        style: the newsroom's house style (``"sg"``, ``"us"``, ``"uk"``:
            :mod:`presskit.profiles`), which every format prints a release in unless the
            release names its own (front matter ``style``) or the format's ``profile``
            option is given; ``None``: ``"sg"``. Set by ``style`` in presskit.toml.

    Raises:
        ModelError: a value is invalid; ``field`` names it.
    """

    name: str | None = attrs.field(default=None, converter=_opt_text)
    base_url: str | None = attrs.field(default=None, converter=_base_url)
    description: str | None = attrs.field(default=None, converter=_opt_text)
    language: str = attrs.field(default="en", validator=_check_language)
    time_zone: str | None = attrs.field(default=None, validator=_check_time_zone)
    icon: str | None = attrs.field(default=None, converter=_icon, validator=_check_image)
    logo: str | None = attrs.field(default=None, converter=_logo, validator=_check_image)
    hubs: tuple[str, ...] = attrs.field(default=(), converter=_hubs, validator=_check_urls)
    feed_page_size: int = attrs.field(default=50, validator=_check_page_size)
    rights: str | None = attrs.field(default=None, converter=_opt_text)
    sender: str | None = attrs.field(default=None, validator=_check_sender)
    style: str | None = attrs.field(default=None, validator=_check_style)

    def url(self, path: str) -> str:
        """The absolute URL (as an ASCII URI) of ``path``, a path relative to the site
        root or an absolute URL.

        Raises:
            ModelError: ``base_url`` is not set.
        """
        if self.base_url is None:
            raise ModelError(
                "base_url",
                "the newsroom has no base URL; set base_url in the [site] table of "
                "presskit.toml (the URL the build folder is published at)",
            )
        return iri_to_uri(urljoin(self.base_url, path))

    def release_url(self, release: PressRelease) -> str:
        """The URL of a release's page: its ``canonical_url``, else ``<base_url><slug>/``.

        Raises:
            ModelError: neither is set.
        """
        if release.canonical_url:
            return iri_to_uri(release.canonical_url)
        return self.url(f"{release.slug}/")

    @property
    def authority(self) -> str:
        """The host of ``base_url`` in IDNA form, the authority of the ``tag:`` URIs
        (RFC 4151) that identify releases in feeds.

        Raises:
            ModelError: ``base_url`` is not set.
        """
        host = urlsplit(self.url("")).hostname
        assert host is not None  # checked by the base_url validator
        return host
