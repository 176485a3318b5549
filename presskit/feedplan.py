"""Feed planning: which feeds a newsroom publishes, which entries each holds, and how a
long feed is split into RFC 5005 archive documents. Format-neutral; the ``rss``,
``atom`` and ``jsonfeed`` exporters (:mod:`presskit.exporters.feeds`) write the
documents planned here.

Feeds (paths relative to the site root, without the format's extension):

* ``feeds/newsroom``: every public news item;
* ``feeds/agency/<issuer-id>``: the news items an agency issued or co-issued (a joint
  release is in each of its issuers' feeds, with the same id);
* ``feeds/language/<language-tag>``: the releases in one language (tag lower-cased).

A *news item* is a release together with its translations (releases of the same build
linked by ``[[translations]] slug``, in either direction, directly or through each
other). In the newsroom and agency feeds a news item is one entry, that of its
*original*: the member published first (at the same instant: the one in the site's
language, then by slug), with an ``hreflang`` alternate link (:class:`Alternate`) to
each translation. An agency's feed holds a news item when the agency issued any of its
public members. The language feeds keep one entry per release, each with the same
alternate links to its translations.

A feed with fewer than twice ``Site.feed_page_size`` entries is one *complete* document
(RFC 5005 section 2). A longer one is an *archived feed* (RFC 5005 section 4,
https://www.rfc-editor.org/rfc/rfc5005#section-4): the subscription document holds the
newest ``feed_page_size`` entries and links ``prev-archive`` to archive pages
``feeds/archive/<feed>/<n>`` (``n`` from 1, the oldest), each holding exactly
``feed_page_size`` entries in publication order, so a page's contents never change as
new releases come in. There are always at least two archive pages, so every archive
page links to a neighbour (``prev-archive`` or ``next-archive``), as the W3C Feed
Validation Service expects (``ArchiveIncomplete``). The newest entries may be both in
the subscription document and in the last archive page; RFC 5005 readers merge entries
by id.

Embargo: a release whose embargo has not lifted at ``now`` is left out of every feed
(entries, dates, agency and language lists); at the lift time it appears, published at
the lift time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from presskit.errors import ExportError, ModelError
from presskit.fragment import Download, release_html, sanitise
from presskit.layout import local_time
from presskit.model import Paragraph, PressRelease, Quote
from presskit.profiles import Profile, resolve_profile
from presskit.publication import (
    PublishedFile,
    declared_files,
    is_published,
    news_items,
    published_at,
    updated_at,
)
from presskit.site import Site

if TYPE_CHECKING:
    from pathlib import Path

    from presskit.buildcache import Cache

__all__ = [
    "Alternate",
    "Audience",
    "Author",
    "Entry",
    "FeedDocument",
    "audiences",
    "content_html",
    "entry_for",
    "language_name",
    "plan",
]


@attrs.frozen
class Author:
    """An issuing agency as a feed author: its full name and home page (or ``None``)."""

    name: str
    url: str | None


@attrs.frozen
class Alternate:
    """A translation of an entry's release: its BCP 47 language and its page (an
    absolute URI)."""

    language: str
    url: str


@attrs.frozen
class Entry:
    """One release as a feed entry (the same in every feed and format).

    Attributes:
        slug: the release's slug.
        id: a ``tag:`` URI (RFC 4151), ``tag:<site host>,<dateline date>:<slug>``;
            corrections never change it.
        url: the release page.
        title: the headline (plain text).
        summary: the lede (plain text).
        content_html: the whole release as sanitised HTML.
        published: the release instant (the embargo lift time for an embargoed release).
        updated: the latest of ``published``, the release's last-updated instant and its
            corrections (in a feed: of every public member of its news item, so an
            entry's date moves when a translation appears or is corrected).
        authors: the issuers, lead first.
        tags: the release's tags.
        language: BCP 47 tag.
        enclosures: the downloads, the release's PDF first.
        alternates: its public translations, one per language other than its own,
            sorted by language tag.
    """

    slug: str
    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: dt.datetime
    updated: dt.datetime
    authors: tuple[Author, ...]
    tags: tuple[str, ...]
    language: str
    enclosures: tuple[Download, ...]
    alternates: tuple[Alternate, ...] = ()


FeedKind = Literal["complete", "subscription", "archive"]


@attrs.frozen
class FeedDocument:
    """One feed document to write.

    Attributes:
        feed: the feed's path without extension (``"feeds/newsroom"``); its subscription
            document is at that path.
        path: this document's path without extension (the subscription document's is
            ``feed``; archive pages are ``feeds/archive/<feed>/<n>``).
        title: the feed's title; ``subtitle`` its description (or ``None``).
        language: the feed's BCP 47 language.
        kind: ``"complete"``, ``"subscription"`` (of an archived feed) or ``"archive"``.
        entries: newest first.
        updated: the newest ``updated`` of its entries (for an empty feed, ``fallback``
            of :func:`plan`).
        prev_archive, next_archive: paths (without extension) of the neighbouring
            archive documents, or ``None``.
        related: ``(path, title)`` of the newsroom's other feeds, for the subscription
            documents (the newsroom feed lists every agency and language feed; those
            list the newsroom feed).
    """

    feed: str
    path: str
    title: str
    subtitle: str | None
    language: str
    kind: FeedKind
    entries: tuple[Entry, ...]
    updated: dt.datetime
    prev_archive: str | None = None
    next_archive: str | None = None
    related: tuple[tuple[str, str], ...] = ()


def _summary(release: PressRelease) -> str:
    lede = release.lede
    if lede is None:
        lede = next((b for b in release.body if isinstance(b, Paragraph | Quote)), None)
    if isinstance(lede, Paragraph):
        return lede.text
    if isinstance(lede, Quote):
        return lede.text
    return release.headline


def entry_for(
    release: PressRelease,
    site: Site,
    *,
    profile: Profile | None,
    files: Sequence[PublishedFile] | None = None,
    content: bool = True,
) -> Entry:
    """The feed entry of ``release``.

    Args:
        release: the release.
        site: the newsroom (its ``base_url`` is required).
        profile: the house style of the HTML content; ``None``: the release's own, else
            the site's (:func:`presskit.profiles.resolve_profile`).
        files: the files published with the release (see :class:`PublishedFile`);
            ``None`` lists its declared attachments only.
        content: make the HTML content (most of the work); ``False`` leaves
            ``content_html`` empty, for a writer that makes it when needed with
            :func:`content_html` (or finds what it made from it in a cache).

    Raises:
        ExportError: the site has no ``base_url``.
    """

    try:
        return _entry(release, site, lambda: site.authority, profile, files, content, Urls(site))
    except ModelError as exc:
        raise ExportError(f"{exc.field}: {exc.message}") from None


def _entry(
    release: PressRelease,
    site: Site,
    authority: Callable[[], str],
    profile: Profile | None,
    files: Sequence[PublishedFile] | None,
    content: bool,
    urls: Urls,
) -> Entry:
    """:func:`entry_for`, the site's authority (the same for every entry) asked of
    ``authority``, its URLs made by ``urls``."""
    try:
        url = urls.release_url(release)
        tag_authority = authority()
        downloads = tuple(
            Download(urls.url(f.path), f.media_type, f.title, f.length)
            for f in (declared_files(release) if files is None else files)
        )
    except ModelError as exc:
        raise ExportError(f"{exc.field}: {exc.message}") from None
    style = profile or resolve_profile(None, release, site.style)
    html = (
        sanitise(release_html(release, style, page_url=url, downloads=downloads)) if content else ""
    )
    return Entry(
        slug=release.slug,
        id=f"tag:{tag_authority},{release.dateline.date.isoformat()}:{release.slug}",
        url=url,
        title=release.headline,
        summary=_summary(release),
        content_html=html,
        published=local_time(published_at(release), release),
        updated=local_time(updated_at(release), release),
        authors=tuple(Author(i.name, i.url) for i in release.issuers),
        tags=release.tags,
        language=release.language,
        enclosures=downloads,
    )


#: A path whose URL is the site's base URL followed by the path as it is: unreserved
#: characters (RFC 3986 section 2.3) and ``/``, no empty, ``.`` or ``..`` segment.
_SEGMENT = r"(?!\.\.?(?:/|\Z))[A-Za-z0-9._~-]+"
_PLAIN_PATH = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*/?\Z")


class Urls:
    """:meth:`Site.url <presskit.site.Site.url>` and :meth:`Site.release_url
    <presskit.site.Site.release_url>` for the thousands of paths of a newsroom's feeds:
    a plain path (:data:`_PLAIN_PATH`: what slugs and generated file names are) is
    appended to the site's URL, which is what joining and converting it to a URI gives;
    any other path is joined and converted."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.base: str | None = None
        if site.base_url is not None:
            base = site.url("")
            if base == site.base_url and base.endswith("/") and base.isascii():
                self.base = base

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` (see :meth:`presskit.site.Site.url`)."""
        if self.base is not None and _PLAIN_PATH.match(path):
            return self.base + path
        return self.site.url(path)

    def release_url(self, release: PressRelease) -> str:
        """The URL of a release's page (see :meth:`presskit.site.Site.release_url`)."""
        if release.canonical_url:
            return self.site.release_url(release)
        return self.url(f"{release.slug}/")


def content_html(
    release: PressRelease, entry: Entry, profile: Profile | None, default_style: str | None = None
) -> str:
    """The HTML content of ``entry`` (made by :func:`entry_for` with ``content=False``
    from ``release``): what :func:`entry_for` puts in ``content_html``; ``profile``
    ``None``: the release's house style, else ``default_style`` (the site's)."""
    style = profile or resolve_profile(None, release, default_style)
    return sanitise(release_html(release, style, page_url=entry.url, downloads=entry.enclosures))


#: The names :func:`language_name` gave, by tag; ``"*"`` is set when one was added.
_NAMES: dict[str, str] = {}
#: The cache folders whose names are in :data:`_NAMES`.
_NAMES_FROM: set[Path] = set()


def language_name(tag: str) -> str:
    """The name of a language in that language (CLDR via babel): ``"中文 (简体, 新加坡)"``
    for ``zh-Hans-SG``; the tag itself when babel does not know it. Each is asked of
    babel once per process, or once per build cache (:func:`language_names`): loading a
    locale's data takes tens of milliseconds."""
    name = _NAMES.get(tag)
    if name is None:
        name = _NAMES[tag] = _babel_name(tag)
        _NAMES["*"] = ""
    return name


def _babel_name(tag: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag, sep="-").get_display_name()
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
    return name or tag


@contextlib.contextmanager
def language_names(cache: Cache | None) -> Iterator[None]:
    """Within the block, :func:`language_name` takes the names kept in ``cache`` (under
    a key that includes babel's version, see :func:`presskit.buildcache.digest`), and
    those it asked of babel are kept there afterwards."""
    import json

    from presskit.buildcache import digest

    key = digest("language-names/1")
    if cache is not None and cache.folder not in _NAMES_FROM:
        _NAMES_FROM.add(cache.folder)
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            kept = json.loads(cache.get(key) or b"{}")
            for tag, name in kept.items():
                _NAMES.setdefault(str(tag), str(name))
    try:
        yield
    finally:
        if cache is not None and _NAMES.pop("*", None) is not None:
            names = dict(sorted(_NAMES.items()))
            cache.put(key, json.dumps(names, ensure_ascii=False).encode("utf-8"))


@attrs.frozen
class Audience:
    """One slice of the newsroom: every release, one agency's, or one language's.

    Attributes:
        key: ``"newsroom"``, ``"agency/<issuer-id>"`` or ``"language/<tag>"`` (tag
            lower-cased); feeds are at ``feeds/<key>``.
        title: ``"<site name>"``, ``"<site name>: <agency name>"`` or
            ``"<site name> (<language name>)"``.
        language: the BCP 47 language of the slice (the site's, or the one language).
        releases: newest first.
        label: what the slice is, for menus: the site's name, the agency's name, or the
            language's name in that language (``"中文 (简体, 新加坡)"``).
    """

    key: str
    title: str
    language: str
    releases: tuple[PressRelease, ...]
    label: str = ""


def audiences(releases: Iterable[PressRelease], *, site: Site, now: dt.datetime) -> list[Audience]:
    """The newsroom's slices at ``now``, in a stable order: the whole newsroom, the
    agencies by id, the languages by tag. Releases under embargo at ``now`` are in none,
    and an agency or language that only they have gets no slice.

    Raises:
        ExportError: ``now`` is naive.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ExportError("now must be timezone-aware")
    public = [r for r in releases if is_published(r, now)]
    # newest first; releases published at the same instant by slug
    newest_first = tuple(sorted(public, key=lambda r: (-published_at(r).timestamp(), r.slug)))
    from presskit.i18n import label

    # a newsroom without a name is called "Press releases" in its language, a language's
    # slice of it in that language
    site_name = site.name or label("newsroom.releases", site.language)
    out = [Audience("newsroom", site_name, site.language, newest_first, site_name)]
    issuers = {i.id: i for r in public for i in r.issuers}
    for issuer_id in sorted(issuers):
        chosen = tuple(r for r in newest_first if issuer_id in {i.id for i in r.issuers})
        name = issuers[issuer_id].name
        title = f"{site.name}: {name}" if site.name else name
        out.append(Audience(f"agency/{issuer_id}", title, site.language, chosen, name))
    for tag in sorted({r.language.lower() for r in public}):
        chosen = tuple(r for r in newest_first if r.language.lower() == tag)
        language = chosen[0].language
        name = language_name(language)
        title = f"{site.name or label('newsroom.releases', language)} ({name})"
        out.append(Audience(f"language/{tag}", title, language, chosen, name))
    return out


def plan(
    releases: Iterable[PressRelease],
    *,
    site: Site,
    now: dt.datetime,
    profile: Profile | str | None = None,
    files: Mapping[str, Sequence[PublishedFile]] | None = None,
    fallback: dt.datetime | None = None,
    content: bool = True,
) -> list[FeedDocument]:
    """Every feed document of a newsroom, in a stable order (newsroom, agencies by id,
    languages by tag; each feed's subscription document, then its archive pages).

    Args:
        releases: all releases (embargoed ones included; they are left out here).
        site: the newsroom; ``base_url`` is required.
        now: the current instant (timezone-aware): releases under embargo at ``now``
            are left out.
        profile: the house style of entry content (a :class:`~presskit.profiles.Profile`
            or its name); ``None``: each release's own, else the site's.
        files: by slug, the files published with each release; releases not listed get
            their declared attachments
            (:func:`presskit.publication.declared_files`).
        fallback: the ``updated`` instant of a feed with no entries; default ``now``
            (never the clock, so output stays reproducible).
        content: make each entry's HTML content; ``False`` leaves ``content_html``
            empty (see :func:`entry_for`), so that planning costs little.

    Raises:
        ExportError: ``now`` is naive, or the site has no ``base_url``.
    """
    if isinstance(profile, str):
        from presskit.profiles import get_profile

        profile = get_profile(profile)
    releases = tuple(releases)
    slices = audiences(releases, site=site, now=now)
    fallback = fallback or now.replace(microsecond=0)
    public = slices[0].releases
    items = news_items(releases, public, language=site.language)
    entries: dict[str, Entry] = {}
    authority = functools.cache(lambda: site.authority)
    urls = Urls(site)
    for release in public:
        release_files = None if files is None else files.get(release.slug)
        entry = _entry(release, site, authority, profile, release_files, content, urls)
        members = items[release.slug]
        entries[release.slug] = attrs.evolve(
            entry,
            updated=max(local_time(updated_at(m), release) for m in members),
            alternates=_alternates(release, members, site, urls),
        )
    originals = {members[0].slug for members in items.values()}

    documents: list[FeedDocument] = []
    newsroom = ("feeds/newsroom", slices[0].title)
    others = tuple((f"feeds/{a.key}", a.title) for a in slices[1:])
    for audience in slices:
        path = f"feeds/{audience.key}"
        chosen = audience.releases
        if not audience.key.startswith("language/"):  # one entry per news item
            slugs = {r.slug for r in chosen}
            chosen = tuple(
                r
                for r in public
                if r.slug in originals and any(m.slug in slugs for m in items[r.slug])
            )
        pages = _paginate(
            path,
            audience.title,
            site.description,
            audience.language,
            [entries[r.slug] for r in chosen],
            site.feed_page_size,
            fallback,
        )
        related = others if path == newsroom[0] else (newsroom,)
        pages[0] = attrs.evolve(pages[0], related=related)
        documents.extend(pages)
    return documents


def _alternates(
    release: PressRelease, members: Sequence[PressRelease], site: Site, urls: Urls | None = None
) -> tuple[Alternate, ...]:
    """The translations of ``release``: the other public members of its news item, then
    the ``url`` translations any member declares; one per language, none in its own."""
    from presskit.site import iri_to_uri

    found: dict[str, Alternate] = {release.language.lower(): Alternate(release.language, "")}
    for member in members:
        if member is not release:
            url = (urls or Urls(site)).release_url(member)
            found.setdefault(member.language.lower(), Alternate(member.language, url))
    for member in (release, *members):
        for translation in member.translations:
            if translation.url:
                alternate = Alternate(translation.language, iri_to_uri(translation.url))
                found.setdefault(translation.language.lower(), alternate)
    del found[release.language.lower()]
    return tuple(found[key] for key in sorted(found))


def _newest(entries: Sequence[Entry], fallback: dt.datetime) -> dt.datetime:
    return max((e.updated for e in entries), default=fallback)


def _paginate(
    path: str,
    title: str,
    subtitle: str | None,
    language: str,
    newest_first: list[Entry],
    size: int,
    fallback: dt.datetime,
) -> list[FeedDocument]:
    def doc(
        where: str,
        kind: FeedKind,
        items: Sequence[Entry],
        prev: str | None = None,
        next_: str | None = None,
    ) -> FeedDocument:
        return FeedDocument(
            feed=path,
            path=where,
            title=title,
            subtitle=subtitle,
            language=language,
            kind=kind,
            entries=tuple(items),
            updated=_newest(items, fallback),
            prev_archive=prev,
            next_archive=next_,
        )

    if len(newest_first) < 2 * size:  # at least two archive pages (ArchiveIncomplete)
        return [doc(path, "complete", newest_first)]
    oldest_first = newest_first[::-1]
    pages = len(oldest_first) // size
    archive = f"feeds/archive/{path.removeprefix('feeds/')}"
    out = [doc(path, "subscription", newest_first[:size], prev=f"{archive}/{pages}")]
    for n in range(1, pages + 1):
        items = oldest_first[(n - 1) * size : n * size][::-1]
        out.append(
            doc(
                f"{archive}/{n}",
                "archive",
                items,
                prev=f"{archive}/{n - 1}" if n > 1 else None,
                next_=f"{archive}/{n + 1}" if n < pages else None,
            )
        )
    return out
