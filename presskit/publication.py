"""Publication policy: what is published when, and which files a release offers.

One place decides, for the feed planner, the pipeline, the command line and the
exporters alike:

* **When a release is public** (:func:`is_published`): at :func:`published_at`, the lift
  time of its embargo, else its ``issued_at``; a release dated later than ``now`` is
  scheduled, not published. The build writes an unpublished release's files to
  ``<out>/_embargoed/<slug>/`` (:data:`EMBARGOED`), leaves it out of the feeds and the
  index, and no page links to it (:func:`unpublished_slugs`).
* **What the copy says** (:func:`embargo_holds`): the release's own text says
  ``EMBARGOED UNTIL ...`` until its embargo lifts at ``now``, or always when ``now`` is
  not known.
* **Translations** (:func:`news_items`): releases linked by ``[[translations]] slug``
  (in either direction, directly or through each other) are one news item; its
  *original* is the member published first (at the same instant: the one in the
  site's language, then by slug).
* **Which files a release offers** (:data:`RELEASE_FILES`, :func:`published_files`,
  :func:`declared_files`): its PDF and DOCX, then its attachments, as downloads on its
  page and enclosures in the feeds.
* **Which folder names the build keeps for itself** (:data:`RESERVED_SLUGS`,
  :data:`EMBARGOED`): no release may take them.

Instants are timezone-aware :class:`datetime.datetime` values; a naive ``now`` raises
:class:`ValueError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

import attrs

from presskit.model import PressRelease, Translation

__all__ = [
    "DOCX",
    "EMBARGOED",
    "PDF",
    "RELEASE_FILES",
    "RESERVED_SLUGS",
    "PublishedFile",
    "declared_files",
    "embargo_holds",
    "is_published",
    "language_versions",
    "news_items",
    "published_at",
    "published_files",
    "unpublished_slugs",
    "updated_at",
]

#: Release slugs the build refuses: they name the build's own folders.
RESERVED_SLUGS = frozenset({"feeds"})
#: Where the files of releases not yet published go, inside the output folder; never
#: to be published.
EMBARGOED = "_embargoed"

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: A release's own files offered for download (feeds' enclosures, the page's downloads),
#: in order: (extension of ``<slug>.<extension>``, media type, link text).
RELEASE_FILES = (("pdf", PDF, "PDF"), ("docx", DOCX, "Word (DOCX)"))


@attrs.frozen
class PublishedFile:
    """A file published with a release, as the build wrote it.

    Attributes:
        path: its path relative to the site root (``"<slug>/<slug>.pdf"``), or an
            absolute URL.
        media_type: IANA media type.
        length: size in bytes, or ``None`` when unknown.
        title: link text (``"PDF"``, ``"Annex A"``).
    """

    path: str
    media_type: str
    length: int | None
    title: str


def published_at(release: PressRelease) -> dt.datetime:
    """When a release becomes public: its embargo's lift time, else ``issued_at``."""
    return release.embargoed_until or release.issued_at


def is_published(release: PressRelease, now: dt.datetime | None) -> bool:
    """True when a release is public at ``now``: its embargo has lifted, or it has none
    and its ``issued_at`` has come (a release dated in the future is scheduled, not
    published). With ``now`` ``None``, a release is public unless it is embargoed.

    Raises:
        ValueError: ``now`` is naive.
    """
    if now is None:
        return release.embargoed_until is None
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return published_at(release) <= now


def embargo_holds(release: PressRelease, now: dt.datetime | None) -> bool:
    """True when the release's copy must still say it is embargoed: it has an embargo
    that has not lifted at ``now`` (timezone-aware; ``None``: every embargo holds).

    Raises:
        ValueError: ``now`` is naive.
    """
    return release.embargoed_until is not None and not (now is not None and release.is_public(now))


def updated_at(release: PressRelease) -> dt.datetime:
    """The latest of :func:`published_at`, ``updated_at`` and the corrections' instants."""
    instants = [published_at(release), *(c.at for c in release.corrections)]
    if release.updated_at is not None:
        instants.append(release.updated_at)
    return max(instants)


def unpublished_slugs(releases: Iterable[PressRelease], now: dt.datetime | None) -> frozenset[str]:
    """The slugs of the releases not published at ``now`` (see :func:`is_published`):
    no page may link to them, neither as a translation nor otherwise."""
    return frozenset(r.slug for r in releases if not is_published(r, now))


def news_items(
    releases: Sequence[PressRelease], public: Sequence[PressRelease], *, language: str
) -> dict[str, tuple[PressRelease, ...]]:
    """By slug of every release in ``public``, the public members of its news item (see
    the module docstring), the original first, then by publication and slug.

    Releases are linked through every release in ``releases`` (unpublished ones too), so
    a news item does not split or merge when an embargo lifts. ``language`` is the
    site's BCP 47 language (its release is the original among those published at the
    same instant).
    """
    parent = {r.slug: r.slug for r in releases}

    def root(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    for release in releases:
        for translation in release.translations:
            if translation.slug in parent:
                a, b = sorted((root(release.slug), root(translation.slug)))
                parent[b] = a
    language = language.lower()
    groups: dict[str, list[PressRelease]] = {}
    for release in public:
        groups.setdefault(root(release.slug), []).append(release)
    out: dict[str, tuple[PressRelease, ...]] = {}
    for group in groups.values():
        group.sort(key=lambda r: (published_at(r), r.language.lower() != language, r.slug))
        for release in group:
            out[release.slug] = tuple(group)
    return out


def language_versions(
    releases: Sequence[PressRelease], *, language: str
) -> dict[str, tuple[Translation, ...]]:
    """By slug of every release, its news item's language versions (see
    :func:`news_items`; unpublished releases included): each member as a
    :class:`~presskit.model.Translation` with its ``slug`` (and its ``canonical_url`` as
    ``url``), the original first, then the
    ``url`` translations any member declares. ``language`` is the site's BCP 47
    language."""
    items = news_items(releases, releases, language=language)
    out: dict[str, tuple[Translation, ...]] = {}
    for slug, group in items.items():
        # a member's page is at its canonical_url when it has one (as in the feeds)
        members = [Translation(r.language, url=r.canonical_url, slug=r.slug) for r in group]
        urls = [t for r in group for t in r.translations if t.url]
        out[slug] = (*members, *urls)
    return out


def published_files(
    release: PressRelease, size_of: Callable[[str], int | None]
) -> tuple[PublishedFile, ...]:
    """The files published with a release, as the build wrote them: its PDF and DOCX
    (those present), then its attachments (copied into its folder, or remote).

    Args:
        release: the release.
        size_of: the size in bytes of a file of the release's public folder, by file
            name (``"<slug>.pdf"``), or ``None`` when there is no such file.

    Returns:
        Paths relative to the site root (``<slug>/<file>``, percent-encoded: ``a#1.pdf``
        is a file name, not a fragment) or the attachment's absolute URL.
    """
    out = []
    for extension, media_type, title in RELEASE_FILES:
        name = f"{release.slug}.{extension}"
        size = size_of(name)
        if size is not None:
            out.append(PublishedFile(f"{release.slug}/{name}", media_type, size, title))
    for attachment in release.attachments:
        name = PurePosixPath(attachment.href).name
        title = attachment.title or name
        if "://" in attachment.href:
            out.append(PublishedFile(attachment.href, attachment.media_type, None, title))
        else:
            url = f"{quote(release.slug)}/{quote(name)}"
            out.append(PublishedFile(url, attachment.media_type, size_of(name), title))
    return tuple(out)


def declared_files(release: PressRelease) -> tuple[PublishedFile, ...]:
    """The release's declared attachments as published files, when no build has written
    them: an absolute URL as it is, a local path as ``<slug>/<file name>``; lengths
    unknown."""
    out = []
    for attachment in release.attachments:
        href = attachment.href
        local = "://" not in href
        path = f"{release.slug}/{PurePosixPath(href).name}" if local else href
        title = attachment.title or PurePosixPath(href).name
        out.append(PublishedFile(path, attachment.media_type, None, title))
    return tuple(out)
