"""The press-release model: frozen attrs classes in the trade's own terms.

One :class:`PressRelease` holds everything every exporter needs. Issuer references are
already resolved (exporters never see an id they must look up), every text field is
sanitised on construction (see :mod:`presskit.textutils`), and every datetime carries a time
zone. An invalid value raises :class:`presskit.errors.ModelError` naming the field.

Shapes:

* Inline text is a tuple of :class:`Run` (plain, strong, emphasis, link), flat like the
  runs of a Word paragraph.
* Body blocks form a closed set, :data:`Block`: :class:`Paragraph`, :class:`Heading`,
  :class:`Quote`, :class:`BulletList` and :class:`NumberedList`. Exporters ``match`` on
  it and end with ``typing.assert_never`` so that a new block type is caught by mypy.
* Paragraph numbering (Singapore government style numbers body paragraphs 1, 2, 3 ...) is
  chosen by the exporter's profile; it is never stored in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Any, TypeAlias
from urllib.parse import urlsplit

import attrs
from attrs import field, frozen

from presskit.errors import ModelError
from presskit.textutils import clean_fragment, clean_line, clean_text

__all__ = [
    "HOUSE_STYLES",
    "IMMEDIATE",
    "Attachment",
    "Block",
    "Boilerplate",
    "BulletList",
    "Correction",
    "Dateline",
    "Embargoed",
    "Heading",
    "Immediate",
    "Inline",
    "Issuer",
    "MediaContact",
    "Notice",
    "NumberedList",
    "Paragraph",
    "PressRelease",
    "Quote",
    "ReleaseStatus",
    "Run",
    "Translation",
    "inline",
    "instant_out_of_range",
    "language_problem",
    "plain_text",
]

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$")
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$")
# BCP 47 (RFC 5646) well-formed language tags: language, then optional script, region,
# variants, extensions and private use. ASCII only, as the RFC's ABNF (and XML Schema's
# xs:language, which xml:lang and the wire formats use): without re.ASCII, \d would also
# take the digits of other scripts ("es-٤١٩").
_LANGUAGE = re.compile(
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*"
    r"(?:-[A-WYZa-wyz0-9](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$",
    re.ASCII,
)
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\".]+(?:\.[^@\s<>\".]+)+$")
_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_WEB_SCHEMES = frozenset({"http", "https"})


# --- validators -------------------------------------------------------------------------


def _fail(attribute: attrs.Attribute[Any], message: str) -> None:
    raise ModelError(attribute.name, message)


def _non_empty(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not value:
        _fail(attribute, "must not be empty")


#: An HTML end tag (``</b>``): what feed readers and validators take for markup in text
#: that has no markup (W3C ContainsHTML), whatever the escaping.
END_TAG = re.compile(r"</[A-Za-z][A-Za-z0-9]*>")


def _plain_name(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """A name is plain text: an HTML end tag in one is markup pasted from a web page's
    source. Feeds carry agency names where no markup can be declared (Atom
    ``author/name``), so such a name is refused, not published as markup."""
    tag = END_TAG.search(value)
    if tag:
        _fail(
            attribute,
            f"{value[:60]!r} holds {tag.group()!r}, an HTML end tag: a name is plain "
            "text; write it as readers should see it",
        )


def _optional_non_empty(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not value:
        _fail(attribute, "must not be empty (leave it out instead)")


def _aware(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dt.datetime):
        _fail(attribute, f"expected a date and time, got {type(value).__name__}")
    assert isinstance(value, dt.datetime)
    if value.tzinfo is None or value.utcoffset() is None:
        _fail(
            attribute,
            f"{value.isoformat()} has no time zone; give an offset such as "
            f"{value.isoformat(timespec='minutes')}+08:00",
        )
    problem = instant_out_of_range(value)
    if problem:
        _fail(attribute, problem)


#: Years a release's dates may fall in. Outside them, dates cannot be written in every
#: format (zip entries stop at 2107, RFC 822 needs four-digit years, and zones before
#: 1900 use local mean time offsets with seconds).
YEARS = range(1900, 2100)


def _in_range(attribute: attrs.Attribute[Any], year: int) -> None:
    if year not in YEARS:
        _fail(attribute, f"the year {year} is outside {YEARS.start} to {YEARS.stop - 1}")


def instant_out_of_range(value: dt.datetime) -> str | None:
    """Why an aware datetime is outside :data:`YEARS`, or ``None`` when it is inside.

    Both readings count: the wall-clock year as written and the year in UTC, so that
    every exporter can convert it (``9999-12-31T23:00-08:00`` is in 9999 as written but
    past ``datetime.max`` in UTC, where ``astimezone`` raises ``OverflowError``). The
    UTC year is computed without converting, so this never raises.
    """
    if value.year not in YEARS:
        return f"the year {value.year} is outside {YEARS.start} to {YEARS.stop - 1}"
    offset = value.utcoffset() or dt.timedelta(0)
    # the year is in range here, so shifting by less than a day cannot overflow
    utc_year = (value.replace(tzinfo=None) - offset).year
    if utc_year not in YEARS:
        return (
            f"{value.isoformat()} is in the year {utc_year} in UTC, outside "
            f"{YEARS.start} to {YEARS.stop - 1}"
        )
    return None


def _check_url(attribute: attrs.Attribute[Any], value: str, schemes: frozenset[str]) -> None:
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        _fail(attribute, f"{value!r} is not a valid URL ({exc})")
    scheme = parts.scheme.lower()
    if scheme not in schemes or (scheme in _WEB_SCHEMES and not parts.netloc):
        allowed = ", ".join(f"{s}:" for s in sorted(schemes))
        _fail(attribute, f"{value!r} is not an absolute URL with one of {allowed}")
    if scheme in _WEB_SCHEMES:
        try:
            host = parts.hostname
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError as exc:
            _fail(attribute, f"{value!r} is not a valid URL ({exc})")
        if not host or any(c.isspace() for c in value):
            _fail(attribute, f"{value!r} is not a valid URL: it needs a host and no spaces")
        if host and "." not in host and ":" not in host:  # an IPv6 literal holds ":"
            _fail(
                attribute,
                f"{value!r}: a published URL needs a public host name such as "
                f"www.example.org; {host!r} is only reachable on your own network",
            )
        if parts.username is not None or parts.password is not None:
            _fail(attribute, f"{value!r}: a published URL must not carry a user name or password")


def _web_url(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _check_url(attribute, value, _WEB_SCHEMES)


def _href(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Links may be absolute (http, https, mailto, tel) or relative; never javascript:,
    data: or any other scheme that turns into active content in HTML."""
    if value is None:
        return
    if not value:
        _fail(attribute, "must not be empty")
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError as exc:
        _fail(attribute, f"{value!r} is not a valid link ({exc})")
    if scheme and scheme not in _LINK_SCHEMES:
        _fail(attribute, f"{value!r}: links may only use http:, https:, mailto: or tel:")


def _file_href(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Files are a path relative to the source, or an http(s) URL."""
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError as exc:
        _fail(attribute, f"{value!r} is not a valid path or URL ({exc})")
    if scheme and scheme not in _WEB_SCHEMES:
        _fail(
            attribute,
            f"{value!r}: an attachment is a file; give a path relative to the source file "
            "or an http(s) URL",
        )
    if scheme:
        _check_url(attribute, value, _WEB_SCHEMES)
        return
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or value[1:2] == ":":
        _fail(
            attribute,
            f"{value!r}: an attachment must be in the source's folder or below it (no "
            "absolute path, no ..)",
        )
    if len(path.name.encode("utf-8")) > 150:
        _fail(attribute, f"the file name {path.name[:40]!r}... is longer than 150 bytes")


def _local(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A file presskit embeds (a logo) is a local path: presskit does not download."""
    if value is not None and (
        _HAS_SCHEME.match(value) or value.startswith(("//", "\\\\")) or "://" in value
    ):  # "://" anywhere: what presskit.paths refuses as a URL when it reads the file
        _fail(
            attribute,
            f"{value!r} is a URL; presskit does not download files: save the image in the "
            "sources and give its path",
        )


def _email(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _EMAIL.match(value):
        _fail(attribute, f"{value!r} is not an e-mail address")


def _matches(pattern: re.Pattern[str], what: str) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and not pattern.match(value):
            _fail(attribute, f"{value!r} is not {what}")

    return check


#: The names of the built-in house styles (:data:`presskit.profiles.PROFILES` has a
#: profile for each).
HOUSE_STYLES: tuple[str, ...] = ("sg", "us", "uk")


def _style(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """``None`` or the name of a built-in house style (:data:`HOUSE_STYLES`)."""
    if value is not None and value not in HOUSE_STYLES:
        _fail(attribute, f"unknown house style {value!r}; styles: {', '.join(HOUSE_STYLES)}")


def _language(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    # a build checks the same few tags thousands of times: each is asked once
    problem = _known_languages.get(value, "") if isinstance(value, str) else ""
    if problem == "":
        problem = language_problem(value)
        if isinstance(value, str) and len(_known_languages) < 4096:
            _known_languages[value] = problem
    if problem:
        _fail(attribute, problem)


#: The answers of :func:`language_problem` the model's validators got, by tag.
_known_languages: dict[str, str | None] = {}


def language_problem(tag: object) -> str | None:
    """Why ``tag`` is not a valid BCP 47 language tag, or ``None`` when it is one.

    Valid (RFC 5646 section 2.2.9) means well-formed, and every language, script,
    region and variant subtag in the IANA Language Subtag Registry, as xml:lang readers
    and the W3C feed validator expect: ``xx`` is well-formed, not valid. The registry is
    langcodes' copy, imported here (its tables take ~0.1 s to load, which
    ``presskit --help`` should not pay).
    """
    if not isinstance(tag, str) or not _LANGUAGE.match(tag):
        return f"{tag!r} is not a BCP 47 language tag such as en-SG or zh-Hans"
    import langcodes

    if langcodes.tag_is_valid(tag):
        return None
    parsed = langcodes.Language.get(tag, normalize=False)
    parts = [("language", parsed.language or ""), ("script", parsed.script or "")]
    parts += [("region", parsed.territory or "")]
    parts += [("variant", v) for v in parsed.variants or ()]
    unknown = [
        f"the {kind} {subtag!r}"
        for kind, subtag in parts
        if subtag and not langcodes.tag_is_valid(subtag if kind == "language" else f"und-{subtag}")
    ]
    what = ", ".join(unknown) or "a subtag"
    verb = "are" if len(unknown) > 1 else "is"
    return (
        f"{tag!r}: {what} {verb} not in the IANA Language Subtag Registry; give a "
        "registered tag such as en-SG, zh-Hans or ms-MY"
    )


def _max_length(limit: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
        if value is not None and len(value) > limit:
            _fail(attribute, f"is {len(value)} characters long; at most {limit}")

    return check


def _items_of(*types: type) -> Any:
    names = " or ".join(t.__name__ for t in types)

    def check(_: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
        for index, item in enumerate(value):
            if not isinstance(item, types):
                raise ModelError(
                    f"{attribute.name}[{index}]", f"expected {names}, got {type(item).__name__}"
                )

    return check


# --- converters -------------------------------------------------------------------------


def _opt_line(value: str | None) -> str | None:
    return None if value is None else clean_line(value)


_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def _to_uri(value: Any, name: str, *, relative: bool, paths: bool = False) -> Any:
    """``value`` as an RFC 3986 URI (:func:`presskit.uri.to_uri`: spaces and non-ASCII
    percent-encoded, the host in IDNA form; ``"``, ``<``, ``>`` and the like refused with
    the field named). With ``paths``, a value without a scheme is a file path and is only
    cleaned."""
    if not isinstance(value, str):
        return value  # None, or a wrong type the validator names
    value = clean_line(value)
    if not value or (paths and not _HAS_SCHEME.match(value)):
        return value
    from presskit.uri import UriError, to_uri

    try:
        return to_uri(value, relative=relative)
    except UriError as exc:
        raise ModelError(name, f"{value!r} is not a valid URL: {exc}") from None


def _link_uri(value: str | None) -> str | None:
    return _to_uri(value, "href", relative=True)  # type: ignore[no-any-return]


def _url_uri(value: str | None) -> str | None:
    return _to_uri(value, "url", relative=False)  # type: ignore[no-any-return]


def _file_uri(value: str) -> str:
    return _to_uri(value, "href", relative=False, paths=True)  # type: ignore[no-any-return]


def _canonical_uri(value: str | None) -> str | None:
    return _to_uri(value, "canonical_url", relative=False)  # type: ignore[no-any-return]


def _opt_text(value: str | None) -> str | None:
    return None if value is None else clean_text(value)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, str | bytes):
        raise TypeError("expected a sequence of items, got a string")
    return tuple(value)


def _lines(value: Iterable[str]) -> tuple[str, ...]:
    """One-line texts, cleaned; empty ones are dropped."""
    return tuple(line for line in (clean_line(v) for v in _tuple(value)) if line)


# --- inline text ------------------------------------------------------------------------


@frozen
class Run:
    """A stretch of inline text with one set of styles.

    Attributes:
        text: the characters; may contain LF (a hard line break). Sanitised, not stripped.
        strong: set in bold.
        emphasis: set in italics.
        href: a link target (``http``, ``https``, ``mailto``, ``tel`` or relative), or
            ``None``.
    """

    text: str = field(converter=clean_fragment, validator=_non_empty)
    strong: bool = field(default=False, kw_only=True)
    emphasis: bool = field(default=False, kw_only=True)
    href: str | None = field(default=None, kw_only=True, converter=_link_uri, validator=_href)


#: Inline text: a tuple of runs.
Inline: TypeAlias = tuple[Run, ...]


def inline(value: str | Iterable[Run]) -> Inline:
    """Accept a plain ``str`` as one unstyled run, or an iterable of runs.

    The result is canonical: adjacent runs with the same styles are merged, and white
    space at the start and end of the whole inline is dropped (with runs left empty).
    """
    if isinstance(value, str):
        runs: list[Any] = [Run(value)] if value.strip() else []
    else:
        runs = list(_tuple(value))
    if not all(isinstance(r, Run) for r in runs):
        return tuple(runs)  # the validator names the bad item
    merged: list[Run] = []
    for run in runs:
        if merged and (run.strong, run.emphasis, run.href) == (
            merged[-1].strong,
            merged[-1].emphasis,
            merged[-1].href,
        ):
            merged[-1] = attrs.evolve(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    while merged and not merged[0].text.strip():
        merged.pop(0)
    while merged and not merged[-1].text.strip():
        merged.pop()
    if merged:
        merged[0] = attrs.evolve(merged[0], text=merged[0].text.lstrip())
        merged[-1] = attrs.evolve(merged[-1], text=merged[-1].text.rstrip())
    return tuple(merged)


def plain_text(runs: Sequence[Run]) -> str:
    """The text of some runs with the styles dropped."""
    return "".join(run.text for run in runs)


def _inline_validator(_: object, attribute: attrs.Attribute[Any], value: Inline) -> None:
    _items_of(Run)(_, attribute, value)
    if not plain_text(value).strip():
        _fail(attribute, "must contain text")


# --- blocks -----------------------------------------------------------------------------


@frozen
class Paragraph:
    """A paragraph of running text. In numbered profiles it gets the next number."""

    runs: Inline = field(converter=inline, validator=_inline_validator)

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return plain_text(self.runs)


@frozen
class Heading:
    """A section heading. ``level`` 1 is a section, 2 a sub-section, down to 4."""

    runs: Inline = field(converter=inline, validator=_inline_validator)
    level: int = field(default=1, kw_only=True)

    @level.validator
    def _check_level(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or not 1 <= value <= 4:
            _fail(attribute, f"must be 1, 2, 3 or 4, got {value!r}")

    @property
    def text(self) -> str:
        """The heading's plain text."""
        return plain_text(self.runs)


def _paragraphs(value: Iterable[str | Iterable[Run]] | str) -> tuple[Inline, ...]:
    if isinstance(value, str):
        return (inline(value),)
    return tuple(inline(v) for v in value)


def _inline_items(_: object, attribute: attrs.Attribute[Any], value: tuple[Inline, ...]) -> None:
    if not value:
        _fail(attribute, "must not be empty")
    for index, item in enumerate(value):
        if not plain_text(item).strip():
            raise ModelError(f"{attribute.name}[{index}]", "must contain text")


@frozen
class Quote:
    """A quotation with its speaker.

    Attributes:
        paragraphs: the quoted words as written, quotation marks included, one inline per
            paragraph.
        speaker: who said it (``"Josephine Teo"``), or ``None`` if unattributed.
        speaker_title: the speaker's title (``"Minister for Digital Development and
            Information"``), or ``None``.
        lead_in: the attribution sentence that introduces the quote in the running text,
            as written (``"Minister Teo said:"``), or ``None``. Exporters that run the
            quote into the text put it first; the others set the quote apart and credit
            ``speaker`` and ``speaker_title`` below it.
    """

    paragraphs: tuple[Inline, ...] = field(converter=_paragraphs, validator=_inline_items)
    speaker: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )
    speaker_title: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )
    lead_in: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )

    @property
    def text(self) -> str:
        """The quoted words, paragraphs separated by a blank line."""
        return "\n\n".join(plain_text(p) for p in self.paragraphs)

    @property
    def attribution(self) -> str | None:
        """``"Speaker, Title"`` (or the speaker alone), or ``None``."""
        if self.speaker is None:
            return None
        return f"{self.speaker}, {self.speaker_title}" if self.speaker_title else self.speaker


@frozen
class BulletList:
    """An unordered list; each item is one inline."""

    items: tuple[Inline, ...] = field(converter=_paragraphs, validator=_inline_items)


@frozen
class NumberedList:
    """An ordered list starting at ``start``; each item is one inline."""

    items: tuple[Inline, ...] = field(converter=_paragraphs, validator=_inline_items)
    start: int = field(default=1, kw_only=True)

    @start.validator
    def _check_start(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or value < 0:
            _fail(attribute, f"must be a whole number from 0, got {value!r}")


#: The closed set of body blocks.
Block: TypeAlias = Paragraph | Heading | Quote | BulletList | NumberedList
_BLOCK_TYPES = (Paragraph, Heading, Quote, BulletList, NumberedList)


def _blocks(value: Iterable[Block]) -> tuple[Block, ...]:
    return _tuple(value)


# --- people and organisations -----------------------------------------------------------


@frozen
class MediaContact:
    """A person journalists can call or write to.

    Attributes:
        name: full name (``"Adeline Lee"``).
        honorific: ``"Ms"``, ``"Mr"``, ``"Dr"`` ... without brackets, or ``None``.
        title: job title (``"Assistant Director"``).
        department: unit (``"Communications and Marketing"``).
        organisation: the organisation's full name.
        email: an e-mail address.
        phone: a phone number as it should be printed (``"+65 6211 0888"``).
    """

    name: str = field(converter=clean_line, validator=_non_empty)
    honorific: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )
    title: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )
    department: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )
    organisation: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )
    email: str | None = field(default=None, kw_only=True, converter=_opt_line, validator=_email)
    phone: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )


@frozen
class Boilerplate:
    """The standard "About X" text of one issuer.

    Attributes:
        heading: as it is printed (``"About the Infocomm Media Development Authority
            (IMDA)"``).
        body: its paragraphs and lists.
        issuer_id: the id of the issuer it describes, or ``None`` for a boilerplate that
            belongs to no issuer (a partner named in the release).
    """

    heading: str = field(converter=clean_line, validator=_non_empty)
    body: tuple[Block, ...] = field(converter=_blocks, validator=_items_of(*_BLOCK_TYPES))
    issuer_id: str | None = field(
        default=None, kw_only=True, validator=_matches(_ID, "an issuer id")
    )


@frozen
class Issuer:
    """An issuing agency or company.

    Attributes:
        id: short lower-case key used in sources (``"imda"``).
        name: full name (``"Infocomm Media Development Authority"``).
        short_name: the acronym or short form (``"IMDA"``); defaults to ``name``.
        url: the home page (http or https), or ``None``.
        logo: a path to a local image (relative to the file that defined the issuer), or
            ``None``; never a URL (presskit does not download files).
        boilerplate: the issuer's "About" text, or ``None``.
        contacts: the issuer's media contacts, in order.
    """

    id: str = field(validator=_matches(_ID, "an id of lower-case letters, digits, - and _"))
    name: str = field(converter=clean_line, validator=[_non_empty, _plain_name])
    short_name: str = field(kw_only=True, converter=clean_line, validator=[_non_empty, _plain_name])
    url: str | None = field(default=None, kw_only=True, converter=_url_uri, validator=_web_url)
    logo: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=[_optional_non_empty, _local]
    )
    boilerplate: Boilerplate | None = field(default=None, kw_only=True)
    contacts: tuple[MediaContact, ...] = field(
        default=(), kw_only=True, converter=_tuple, validator=_items_of(MediaContact)
    )

    @short_name.default
    def _default_short_name(self) -> str:
        return self.name


# --- release-level parts ----------------------------------------------------------------


@frozen
class Dateline:
    """Where and on which day the release was issued.

    Attributes:
        place: the city as it is printed (``"SINGAPORE"``; profiles may change its case).
        date: the local calendar date.
    """

    place: str = field(converter=clean_line, validator=_non_empty)
    date: dt.date = field()

    @date.validator
    def _check_date(self, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            _fail(attribute, f"expected a calendar date, got {value!r}")
        _in_range(attribute, value.year)


@frozen
class Immediate:
    """Release status: for immediate release."""


#: The one :class:`Immediate` value.
IMMEDIATE = Immediate()


@frozen
class Embargoed:
    """Release status: not to be published before ``until`` (timezone-aware)."""

    until: dt.datetime = field(validator=_aware)


ReleaseStatus: TypeAlias = Immediate | Embargoed


@frozen
class Notice:
    """A notice printed above the release (``"Not for publication"``, a correction
    notice, a warning to readers)."""

    body: tuple[Block, ...] = field(converter=_blocks, validator=_items_of(*_BLOCK_TYPES))


@frozen
class Attachment:
    """A file that goes with the release.

    Attributes:
        href: a path (relative to the source file) or an absolute http(s) URL.
        media_type: IANA media type (``"application/pdf"``).
        title: a short name for links (``"Annex A"``), or ``None``.
        caption, credit, alt_text, licence: for images; ``None`` when not given.
    """

    href: str = field(converter=_file_uri, validator=[_non_empty, _file_href])
    media_type: str = field(kw_only=True, converter=clean_line)
    title: str | None = field(default=None, kw_only=True, converter=_opt_line)
    caption: str | None = field(default=None, kw_only=True, converter=_opt_text)
    credit: str | None = field(default=None, kw_only=True, converter=_opt_line)
    alt_text: str | None = field(default=None, kw_only=True, converter=_opt_text)
    licence: str | None = field(default=None, kw_only=True, converter=_opt_line)

    @media_type.validator
    def _check_media_type(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not re.match(r"^[a-z0-9.+-]+/[a-z0-9.+-]+$", value, re.I):
            _fail(attribute, f"{value!r} is not a media type such as application/pdf")


@frozen
class Translation:
    """The same release in another language.

    Attributes:
        language: BCP 47 tag (``"zh-Hans"``).
        url: where it is published (http or https), or ``None``.
        slug: its slug in the same build, or ``None``.
    """

    language: str = field(validator=_language)
    url: str | None = field(default=None, kw_only=True, converter=_url_uri, validator=_web_url)
    slug: str | None = field(default=None, kw_only=True, validator=_matches(_SLUG, "a slug"))


@frozen
class Correction:
    """A change made after the release was issued.

    Attributes:
        at: when the correction was made (timezone-aware).
        text: what changed, as told to readers.
    """

    at: dt.datetime = field(validator=_aware)
    text: str = field(converter=clean_text, validator=_non_empty)


# --- the release ------------------------------------------------------------------------


@frozen
class PressRelease:
    """One press release, possibly issued jointly by several agencies.

    Attributes:
        slug: file-safe identifier (``a-z``, ``0-9``, ``-``; at most 100 characters); the
            build writes to ``dist/<slug>/``.
        headline: one line.
        issuers: the issuing agencies in order, the lead first; at least one, ids unique.
        dateline: place and local date.
        issued_at: when it was issued (timezone-aware).
        body: the blocks of the release proper, lede first.
        language: BCP 47 tag of the text (default ``"en"``).
        subheadline: one line under the headline, or ``None``.
        updated_at: the "LAST UPDATED" instant (timezone-aware), or ``None``; not earlier
            than ``issued_at``.
        time_zone: IANA name used to print local times (``"Asia/Singapore"``), or
            ``None`` to print the offsets the datetimes carry.
        release: :data:`IMMEDIATE` or :class:`Embargoed`.
        notes_to_editors: blocks for journalists, not for publication.
        boilerplates: the "About X" blocks in print order.
        media_contacts: in print order.
        notices: printed above the release.
        attachments, tags, translations, corrections: as their classes say.
        canonical_url: where the release is published (http or https), or ``None``.
        style: the house style the release is printed in (``"sg"``, ``"us"``, ``"uk"``:
            :mod:`presskit.profiles`), or ``None``: the newsroom's (``style`` in
            presskit.toml), else ``"sg"``. An exporter's explicit ``profile`` option wins.

    Raises:
        ModelError: a field is invalid; ``field`` names it.
    """

    slug: str = field(validator=_matches(_SLUG, "a slug of a-z, 0-9 and - (at most 100)"))
    headline: str = field(converter=clean_line, validator=_non_empty)
    issuers: tuple[Issuer, ...] = field(converter=_tuple, validator=_items_of(Issuer))
    dateline: Dateline = field()
    issued_at: dt.datetime = field(validator=_aware)
    body: tuple[Block, ...] = field(converter=_blocks, validator=_items_of(*_BLOCK_TYPES))
    language: str = field(
        default="en",
        kw_only=True,
        validator=[_language, _max_length(63)],
    )
    subheadline: str | None = field(
        default=None, kw_only=True, converter=_opt_line, validator=_optional_non_empty
    )
    updated_at: dt.datetime | None = field(default=None, kw_only=True, validator=_aware)
    time_zone: str | None = field(default=None, kw_only=True)
    release: ReleaseStatus = field(default=IMMEDIATE, kw_only=True)
    notes_to_editors: tuple[Block, ...] = field(
        default=(), kw_only=True, converter=_blocks, validator=_items_of(*_BLOCK_TYPES)
    )
    boilerplates: tuple[Boilerplate, ...] = field(
        default=(), kw_only=True, converter=_tuple, validator=_items_of(Boilerplate)
    )
    media_contacts: tuple[MediaContact, ...] = field(
        default=(), kw_only=True, converter=_tuple, validator=_items_of(MediaContact)
    )
    notices: tuple[Notice, ...] = field(
        default=(), kw_only=True, converter=_tuple, validator=_items_of(Notice)
    )
    attachments: tuple[Attachment, ...] = field(
        default=(), kw_only=True, converter=_tuple, validator=_items_of(Attachment)
    )
    tags: tuple[str, ...] = field(default=(), kw_only=True, converter=_lines)
    translations: tuple[Translation, ...] = field(
        default=(), kw_only=True, converter=_tuple, validator=_items_of(Translation)
    )
    corrections: tuple[Correction, ...] = field(
        default=(), kw_only=True, converter=_tuple, validator=_items_of(Correction)
    )
    canonical_url: str | None = field(
        default=None, kw_only=True, converter=_canonical_uri, validator=_web_url
    )
    style: str | None = field(default=None, kw_only=True, validator=_style)

    @issuers.validator
    def _check_issuers(self, attribute: attrs.Attribute[Any], value: tuple[Issuer, ...]) -> None:
        if not value:
            _fail(attribute, "a release needs at least one issuer")
        seen: set[str] = set()
        for index, issuer in enumerate(value):
            if issuer.id in seen:
                raise ModelError(
                    f"{attribute.name}[{index}]", f"issuer {issuer.id!r} is listed twice"
                )
            seen.add(issuer.id)

    @attachments.validator
    def _check_attachments(
        self, attribute: attrs.Attribute[Any], value: tuple[Attachment, ...]
    ) -> None:
        """Local attachments are published side by side (the release's folder, the kit's
        attachments/, the e-mail): their file names must differ, case folded as macOS
        and Windows compare them."""
        seen: dict[str, int] = {}
        for index, attachment in enumerate(value):
            if _HAS_SCHEME.match(attachment.href):
                continue
            name = PurePosixPath(attachment.href.replace("\\", "/")).name.casefold()
            if name in seen:
                raise ModelError(
                    f"{attribute.name}[{index}]",
                    f"{attachment.href!r} has the same file name as attachments[{seen[name]}] "
                    f"({value[seen[name]].href!r}); attachments are published in one folder: "
                    "rename one",
                )
            seen[name] = index

    @dateline.validator
    def _check_dateline(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Dateline):
            _fail(attribute, f"expected a Dateline, got {type(value).__name__}")

    @body.validator
    def _check_body(self, attribute: attrs.Attribute[Any], value: tuple[Block, ...]) -> None:
        if not any(isinstance(b, Paragraph | Quote) for b in value):
            _fail(attribute, "the body needs at least one paragraph")

    @updated_at.validator
    def _check_updated(self, attribute: attrs.Attribute[Any], value: dt.datetime | None) -> None:
        if value is not None and value < self.issued_at:
            _fail(
                attribute,
                f"{value.isoformat()} is earlier than issued_at {self.issued_at.isoformat()}",
            )

    @time_zone.validator
    def _check_time_zone(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is None:
            return
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            _fail(attribute, f"{value!r} is not an IANA time zone such as Asia/Singapore")

    @corrections.validator
    def _check_corrections(
        self, attribute: attrs.Attribute[Any], value: tuple[Correction, ...]
    ) -> None:
        for index, correction in enumerate(value):
            if isinstance(correction, Correction) and correction.at < self.issued_at:
                raise ModelError(
                    f"{attribute.name}[{index}].at",
                    f"{correction.at.isoformat()} is earlier than issued_at "
                    f"{self.issued_at.isoformat()}: a correction comes after the release",
                )

    @release.validator
    def _check_release(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Immediate | Embargoed):
            _fail(attribute, f"expected IMMEDIATE or Embargoed(until=...), got {value!r}")

    # --- derived views (computed, never stored) ---

    @property
    def lead_issuer(self) -> Issuer:
        """The first issuer."""
        return self.issuers[0]

    @property
    def is_joint(self) -> bool:
        """True when more than one agency issues the release."""
        return len(self.issuers) > 1

    @property
    def embargoed_until(self) -> dt.datetime | None:
        """The embargo instant, or ``None`` for immediate release."""
        return self.release.until if isinstance(self.release, Embargoed) else None

    @property
    def lede(self) -> Paragraph | Quote | None:
        """The body's first block when it is a paragraph or a quote (the lede, which a
        dateline may open), else ``None``."""
        first = self.body[0] if self.body else None
        return first if isinstance(first, Paragraph | Quote) else None

    def is_public(self, now: dt.datetime) -> bool:
        """True when the release may be published at ``now`` (timezone-aware).

        Raises:
            ValueError: ``now`` is naive.
        """
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be timezone-aware")
        until = self.embargoed_until
        return until is None or now >= until
