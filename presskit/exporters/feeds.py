"""The newsroom feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 (collection exporters).

* RSS 2.0: https://www.rssboard.org/rss-specification, with the RSS Best Practices
  Profile (https://www.rssboard.org/rss-profile): ``atom:link rel="self"``, one
  enclosure per item (the release's PDF), ``dc:creator`` for every issuing agency
  (never ``<author>``, which must be an e-mail address), ``content:encoded`` for the
  full text, ``atom:updated`` for corrections (RSS has no item-level updated date).
* Atom 1.0: RFC 4287 (https://www.rfc-editor.org/rfc/rfc4287), ``type="html"`` content,
  one ``<author>`` per agency, the PDF, the DOCX and the attachments as
  ``rel="enclosure"`` links with type and length, per-entry ``xml:lang`` when an
  entry's language differs from the feed's.
* JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/.
* Translations (:class:`presskit.feedplan.Alternate`): Atom entry links
  ``rel="alternate" hreflang``; the same as ``atom:link`` in RSS items (RSS has no
  per-item language); in JSON Feed, which has no alternate links, an item extension
  object ``"_presskit": {"about": ..., "translations": [{"language", "url"}]}``. They
  come before the page link, which feedparser takes as the entry's link only if last.
* Text that would read differently as HTML (``Budget <b>2025</b>``, ``&lt;``) is
  declared: Atom text constructs become ``type="html"``, escaped once; RSS plain-text
  elements are escaped once as HTML (readers take RSS titles as HTML) with ``&`` and
  ``<`` as hexadecimal references (RSS Profile). See :func:`_atom_text`.
* Long feeds are RFC 5005 archived feeds (``fh:archive``, ``prev-archive``,
  ``next-archive``, ``current``); a feed that fits in one document is ``fh:complete``.
  JSON Feed pages with ``next_url``.
* WebSub hubs from ``[site] hubs`` are advertised as ``rel="hub"`` links.

Which feeds exist, which entries each holds, ids, dates and the embargo rule are
decided in :mod:`presskit.feedplan`; this module only writes them.

RSS and Atom are written with feedgen 1.0.0, whose known bugs are worked around here;
each workaround has a test in tests/test_feeds.py that fails once feedgen fixes the bug,
so the workaround can be removed:

* F1: the RSS channel ``<link>`` is the href of the *last* ``link()`` call: the
  alternate (HTML) link is added last.
* F2 (lkiesow/python-feedgen#135, #143): Atom entry links lose every attribute but
  ``href``: :class:`_EntryExtension` puts rel, type, length and title back.
* F3/F4: entry and feed ``updated`` default to the clock: always set from the releases.
* Entries are prepended by default: they are sorted and added with ``order="append"``.
* F7 (#59): several authors with e-mail become several RSS ``<author>`` elements (a
  validator error): authors are names only, and RSS gets ``dc:creator``.
* F12: RSS output drops hub and RFC 5005 links: :class:`_FeedExtension` writes them.
* feedgen's ``title()`` has no type and ``summary()`` writes text untyped: markup-like
  text is declared by the extensions (:func:`_atom_text`, :func:`_rss_text`).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from presskit.errors import ExportError
from presskit.exporters import (
    BuildContext,
    CollectionDocument,
    CollectionExporter,
    CollectionOptions,
)
from presskit.exporters._feedparts import Session
from presskit.feedplan import Entry, FeedDocument
from presskit.model import END_TAG, PressRelease
from presskit.profiles import check_profile, get_profile
from presskit.publication import PDF

if TYPE_CHECKING:
    from presskit.buildcache import Cache

__all__ = ["AtomExporter", "FeedOptions", "JsonFeedExporter", "RssExporter"]

ATOM_NS = "http://www.w3.org/2005/Atom"
FH_NS = "http://purl.org/syndication/history/1.0"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
JSON_FEED_TYPE = "application/feed+json"
#: What the JSON Feed extension object ``_presskit`` of an item means (its ``about``).
EXTENSION_DOCS = "https://github.com/presskit/presskit/blob/main/docs/feeds.md#translations"


def _set_by_build(name: str, kind: type | None) -> Any:
    """A validator of an option the build sets from its context (see
    :meth:`_FeedBase.in_build`): a clear error for any other value."""

    def check(_: object, __: object, value: object) -> None:
        from presskit.buildcache import Cache

        ok = (
            isinstance(value, Mapping)
            if kind is Mapping
            else value is None or isinstance(value, Cache)
        )
        if not ok:
            raise ExportError(f"option {name} is set by the build, not by hand")

    return check


@attrs.frozen(kw_only=True)
class FeedOptions(CollectionOptions):
    """Options of the three feed exporters.

    Attributes:
        profile: the house style of the entries' HTML content (``"sg"``, ``"us"``,
            ``"uk"``): order of parts, labels, date style.
        pretty: indent the XML or JSON (the default) for people who read feeds; off
            gives the smallest files.
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    pretty: bool = True
    fingerprints: Mapping[str, str] = attrs.field(
        factory=dict, repr=False, eq=False, validator=_set_by_build("fingerprints", Mapping)
    )
    cache: Cache | None = attrs.field(
        default=None, repr=False, eq=False, validator=_set_by_build("cache", None)
    )


def _session(releases: Sequence[PressRelease], options: FeedOptions, name: str) -> Session:
    """The planned documents of ``releases`` (shared by the three formats of one build,
    which ask with the same releases and build context)."""
    from presskit.feedplan import language_names, plan

    if options.now is None:
        raise ExportError(
            f"{name}: feeds need the current time (option now) to leave out releases under embargo"
        )
    if options.site.base_url is None:
        raise ExportError(
            f"{name}: feeds need the newsroom's public URL; set base_url in the [site] "
            "table of presskit.toml (docs/feeds.md)"
        )
    fallback = None
    if options.source_date_epoch is not None:
        fallback = dt.datetime.fromtimestamp(options.source_date_epoch, dt.UTC)
    # The build writes the same releases as RSS, Atom and JSON Feed in turn: plan once.
    key = (options.site, options.now, options.profile, fallback)
    given = (id(options.files), id(options.fingerprints), options.cache)
    cached = _last_plan.get("plan")
    if (
        cached is not None
        and cached[0] == key
        and cached[2][:2] == given[:2]  # compared by identity: the build's own mappings
        and cached[2][2] == given[2]
        and len(cached[1]) == len(releases)
        and all(a is b for a, b in zip(cached[1], releases, strict=True))
    ):
        reused: Session = cached[3]
        return reused
    profile = None if options.profile is None else get_profile(options.profile)
    with language_names(options.cache):
        documents = plan(
            releases,
            site=options.site,
            now=options.now,
            profile=profile,
            files=options.files,
            fallback=fallback,
            content=False,
        )
    session = Session(
        documents=documents,
        releases={r.slug: r for r in releases},
        profile=profile,
        default_style=options.site.style,
        writers=_WRITERS,
        fingerprints=options.fingerprints,
        cache=options.cache,
    )
    # the mappings themselves are kept too, so that their ids are not reused
    _last_plan["plan"] = (key, tuple(releases), given, session, options.files, options.fingerprints)
    return session


#: The last plan made, with what it was made from (releases compared by identity).
_last_plan: dict[str, Any] = {}


class _FeedBase(CollectionExporter[FeedOptions]):
    Options: ClassVar[type[FeedOptions]] = FeedOptions
    needs_base_url: ClassVar[bool] = True

    @classmethod
    def in_build(cls, options: FeedOptions, context: BuildContext) -> FeedOptions:
        """In a build, entries are kept in the build's cache by the fingerprints of
        their releases."""
        return attrs.evolve(options, fingerprints=context.fingerprints, cache=context.cache)

    def render_collection(
        self, releases: Sequence[PressRelease], options: FeedOptions
    ) -> dict[str, bytes]:
        return {d.path: d.make() for d in self.documents(releases, options)}

    def documents(
        self, releases: Sequence[PressRelease], options: FeedOptions
    ) -> Iterator[CollectionDocument]:
        """Every feed document, made when asked for, with a key that stays the same
        while its entries and settings do (an archive page that gained no entry keeps
        its key; see :mod:`presskit.exporters._feedparts`)."""
        session = _session(releases, options, self.name)
        salt = repr((options.site, options.pretty))
        for document in session.documents:
            yield CollectionDocument(
                f"{document.path}.{self.extension}",
                session.document_key(self, document, salt),
                functools.partial(session.make, self, document, options.pretty, options),
            )

    def write(self, document: FeedDocument, options: FeedOptions) -> bytes:
        """The bytes of a planned document (its entries with their content)."""
        return self.assemble(document, self.fragments(document.entries, options.pretty), options)

    def fragments(self, entries: Sequence[Entry], pretty: bool) -> list[bytes]:
        """The serialisation of each of ``entries`` as it is in every document that
        holds it (in a document in another language, :meth:`assemble` marks it)."""
        raise NotImplementedError

    def assemble(self, document: FeedDocument, fragments: Sequence[bytes], options: Any) -> bytes:
        """The bytes of ``document`` around ``fragments``, those of its entries."""
        raise NotImplementedError


# --- text that looks like markup --------------------------------------------------------


_ENTITY_LIKE = re.compile(r"&#?\w")


def _reads_the_same_as_html(text: str) -> bool:
    """True when ``text`` taken as HTML shows the same characters as taken as plain
    text: no ``<``, and no ``&`` that begins a character reference (``&amp;``,
    ``&lt``, ``&#60;``; HTML5 rules, so ``R&D`` and ``AT&T`` read the same)."""
    return "<" not in text and html.unescape(text) == text


def _atom_text(element: Any) -> None:
    """Make an Atom text construct (RFC 4287 section 3.1) that feedgen wrote as
    ``type="text"`` say its text to every reader: text that would read differently as
    HTML (``Budget <b>2025</b>``) becomes ``type="html"``, escaped, which readers show
    as the same characters and which validators do not take for undeclared markup."""
    if element is None or element.get("type", "text") != "text" or not element.text:
        return
    # "&lang=en" reads the same as HTML, but validators take it for an entity reference
    if not _reads_the_same_as_html(element.text) or _ENTITY_LIKE.search(element.text):
        element.set("type", "html")
        element.text = html.escape(element.text, quote=False)


def _rss_text(element: Any) -> None:
    """The RSS counterpart of :func:`_atom_text` for an element that holds plain text
    (titles, the channel's description, copyright, ``dc:creator``, categories): most
    readers (feedparser among them) take such text as HTML, so text that would read
    differently as HTML is escaped once as HTML; :func:`_hex_refs` then writes its
    ``&`` and ``<`` as hexadecimal references, as the RSS Profile asks."""
    if element is not None and element.text and not _reads_the_same_as_html(element.text):
        element.text = html.escape(element.text, quote=False)


# --- feedgen extensions -----------------------------------------------------------------


class _FeedExtension:
    """Feed-level parts feedgen cannot write: RFC 5005 markers and links, and (RSS only)
    hub links (F12)."""

    def __init__(self) -> None:
        self.kind = "complete"
        self.rss = False
        self.links: list[dict[str, str]] = []  # rel, href, type: for RSS

    def extend_ns(self) -> dict[str, str]:
        return {"fh": FH_NS, "dc": DC_NS} if self.rss else {"fh": FH_NS}

    def _marker(self, parent: Any) -> None:
        from lxml import etree

        if self.kind in ("complete", "archive"):
            etree.SubElement(parent, f"{{{FH_NS}}}{self.kind}")

    def extend_atom(self, feed: Any) -> Any:
        for name in ("title", "subtitle", "rights"):
            _atom_text(feed.find(name))
        self._marker(feed)
        return feed

    def extend_rss(self, rss: Any) -> Any:
        from lxml import etree

        channel = rss[0]
        for name in ("title", "description", "copyright", "image/title"):
            _rss_text(channel.find(name))
        for link in self.links:
            etree.SubElement(channel, f"{{{ATOM_NS}}}link", link)
        self._marker(channel)
        return rss


class _EntryExtension:
    """Entry-level parts: Atom link attributes (F2), per-entry ``xml:lang`` (Atom),
    ``dc:creator``, ``atom:updated`` and the translations' ``atom:link`` (RSS), and
    text that looks like markup (both)."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []
        self.language: str | None = None
        self.creators: Sequence[str] = ()
        self.updated: str | None = None

    def extend_atom(self, entry: Any) -> Any:
        elements = entry.findall("link")
        for element, link in zip(elements, self.links, strict=True):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if link.get(key):
                    element.set(key, link[key])
        if self.language:
            entry.set(XML_LANG, self.language)
        for name in ("title", "summary"):
            _atom_text(entry.find(name))
        return entry

    def extend_rss(self, item: Any) -> Any:
        from lxml import etree

        _rss_text(item.find("title"))
        for element in item.findall("category"):
            _rss_text(element)
        for name in self.creators:
            creator = etree.SubElement(item, f"{{{DC_NS}}}creator")
            creator.text = name
            _rss_text(creator)
        # the translations (RSS has no hreflang of its own), before <link>: feedparser
        # takes the last alternate link as the item's
        at = item.index(item.find("link")) if item.find("link") is not None else len(item)
        for offset, link in enumerate(self.links):
            item.insert(at + offset, etree.Element(f"{{{ATOM_NS}}}link", link))
        if self.updated:
            etree.SubElement(item, f"{{{ATOM_NS}}}updated").text = self.updated
        return item


def _generator(document: FeedDocument) -> Any:
    import feedgen.feed  # F15: import feedgen.feed before anything else of feedgen

    import presskit

    fg = feedgen.feed.FeedGenerator()
    fg.register_extension("presskit", _FeedExtension, _EntryExtension)
    fg.title(document.title)
    fg.updated(document.updated)  # F4
    fg.generator("presskit", presskit.__version__, "https://pypi.org/project/presskit/")
    fg.presskit.kind = document.kind
    return fg


def _rfc3339(instant: dt.datetime) -> str:
    return instant.isoformat()


def _archive_links(document: FeedDocument, site: Any, extension: str, media: str) -> list[Any]:
    """(rel, href, type) of the hub and RFC 5005 links of a document."""
    links: list[tuple[str, str, str | None]] = []
    if document.kind != "archive":
        links.extend(("hub", hub, None) for hub in site.hubs)
    if document.kind == "archive":
        links.append(("current", site.url(f"{document.feed}.{extension}"), media))
    if document.prev_archive:
        links.append(("prev-archive", site.url(f"{document.prev_archive}.{extension}"), media))
    if document.next_archive:
        links.append(("next-archive", site.url(f"{document.next_archive}.{extension}"), media))
    return links


def _serialise(fg: Any, method: str, pretty: bool) -> bytes:
    try:
        data: bytes = getattr(fg, method)(pretty=pretty)
    except ValueError as exc:  # F13: illegal XML characters fail only here
        raise ExportError(f"the feed cannot be written as XML: {exc}") from None
    return data


def _atom_post(data: bytes) -> bytes:
    """What is done to a whole Atom document once lxml wrote it (see
    :func:`_atom_refs`, :func:`_latin1_pair_refs`); it never spans two entries."""
    return _latin1_pair_refs(_atom_refs(data))


def _rss_post(data: bytes) -> bytes:
    """The same for RSS (:func:`_hex_refs`, :func:`_plain_refs`)."""
    return _latin1_pair_refs(_plain_refs(_hex_refs(data)))


def _wrapper(*, rss: bool) -> Any:
    """A feed to serialise entries in (their fragments are cut out of it): the root and
    namespaces of every document of its format."""
    import feedgen.feed  # F15

    fg = feedgen.feed.FeedGenerator()
    fg.register_extension("presskit", _FeedExtension, _EntryExtension)
    fg.title("-")
    fg.id("-")
    fg.description("-")
    fg.link(href="-", rel="alternate")
    fg.updated(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    fg.presskit.kind = "subscription"  # no RFC 5005 marker
    fg.presskit.rss = rss
    return fg


def _split(full: bytes, empty: bytes, end: bytes, close: bytes, pretty: bool) -> list[bytes]:
    """The entries of ``full`` (a wrapper holding entries; ``empty``, the same holding
    none), each from its start tag (with its indentation) to its end tag ``close``
    (with its newline): text and attribute values never hold a raw ``<``, so ``close``
    occurs only as an end tag."""
    at = _end_at(empty, end)
    block = full[at : len(full) - (len(empty) - at)]
    out = []
    start = 0
    step = len(close) + (1 if pretty else 0)
    while start < len(block):
        stop = block.index(close, start) + step
        out.append(block[start:stop])
        start = stop
    return out


def _splice(data: bytes, end: bytes, fragments: Sequence[bytes]) -> bytes:
    """``data`` (a document holding no entries) with ``fragments`` before its last
    ``end`` tag, where a document's entries are."""
    at = _end_at(data, end)
    return b"".join((data[:at], *fragments, data[at:]))


def _end_at(data: bytes, end: bytes) -> int:
    """Where the last ``end`` tag of ``data`` begins, with its indentation."""
    at = data.rindex(end)
    return len(data[:at].rstrip(b" "))


def _with_language(fragment: bytes, language: str) -> bytes:
    """An Atom entry's fragment marked ``xml:lang`` (for a document in another
    language)."""
    value = html.escape(language, quote=True).replace("&#x27;", "'").encode("utf-8")
    return fragment.replace(b"<entry>", b'<entry xml:lang="' + value + b'">', 1)


class AtomExporter(_FeedBase):
    """Atom 1.0 newsroom feeds (RFC 4287, RFC 5005); see the module docstring."""

    name = "atom"
    media_type = ATOM_TYPE
    extension = "atom"
    owned = ("feeds/**/*.atom",)
    description = "Atom 1.0 feeds: newsroom, per agency, per language (RFC 4287, RFC 5005)"

    def assemble(
        self, document: FeedDocument, fragments: Sequence[bytes], options: FeedOptions
    ) -> bytes:
        site = options.site
        fg = _generator(document)
        fg.id(site.url(f"{document.feed}.atom"))
        fg.language(document.language)
        if document.subtitle:
            fg.subtitle(document.subtitle)
        if site.icon:
            fg.icon(site.url(site.icon))
        if site.logo:
            fg.logo(site.url(site.logo))
        if site.rights:
            fg.rights(site.rights)
        fg.link(href=site.url(f"{document.path}.atom"), rel="self", type=ATOM_TYPE)
        for rel, href, media in _archive_links(document, site, "atom", ATOM_TYPE):
            fg.link({"href": href, "rel": rel, **({"type": media} if media else {})})
        for path, title in document.related:
            fg.link(href=site.url(f"{path}.atom"), rel="related", type=ATOM_TYPE, title=title)
        fg.link(href=site.url(""), rel="alternate", type="text/html")  # F1: last
        data = _atom_post(_serialise(fg, "atom_str", options.pretty))
        marked = [
            _with_language(fragment, entry.language)
            if entry.language.lower() != document.language.lower()
            else fragment
            for fragment, entry in zip(fragments, document.entries, strict=True)
        ]
        return _splice(data, b"</feed>", marked)

    def fragments(self, entries: Sequence[Entry], pretty: bool) -> list[bytes]:
        fg = _wrapper(rss=False)
        empty = _atom_post(_serialise(fg, "atom_str", pretty))
        for entry in entries:
            self.entry(fg, entry)
        full = _atom_post(_serialise(fg, "atom_str", pretty))
        return _split(full, empty, b"</feed>", b"</entry>", pretty)

    def entry(self, fg: Any, entry: Entry) -> None:
        fe = fg.add_entry(order="append")
        fe.id(entry.id)
        fe.title(entry.title)
        fe.published(entry.published)
        fe.updated(entry.updated)  # F3
        fe.author([{"name": a.name, **({"uri": a.url} if a.url else {})} for a in entry.authors])
        fe.summary(entry.summary)
        fe.content(entry.content_html, type="html")
        # the translations first: feedparser takes the last alternate link as the entry's
        links = _translation_links(entry)
        links.append({"href": entry.url, "rel": "alternate", "type": "text/html"})
        for item in entry.enclosures:
            link = {"href": item.url, "rel": "enclosure", "type": item.media_type}
            if not END_TAG.search(item.title):  # advisory: left out rather than taken for markup
                link["title"] = item.title
            if item.length is not None:
                link["length"] = str(item.length)
            links.append(link)
        fe.link(links)
        fe.presskit.links = links  # F2
        for tag in entry.tags:
            fe.category(term=tag)


def _rss_date(instant: dt.datetime) -> dt.datetime:
    """An instant as RSS writes it: in UTC (``+0000``). Local offsets are not all
    RFC 822 ones: the W3C validator warns ProblematicalRFC822Date on any whose minutes
    are not 00 or 30 (Nepal's +0545, Chatham's +1245, old local mean times)."""
    return instant.astimezone(dt.UTC)


class RssExporter(_FeedBase):
    """RSS 2.0 newsroom feeds (RSS Best Practices Profile, RFC 5005); see the module
    docstring."""

    name = "rss"
    media_type = RSS_TYPE
    extension = "rss"
    owned = ("feeds/**/*.rss",)
    description = "RSS 2.0 feeds: newsroom, per agency, per language (RSS Profile, RFC 5005)"

    def assemble(
        self, document: FeedDocument, fragments: Sequence[bytes], options: FeedOptions
    ) -> bytes:
        site = options.site
        fg = _generator(document)
        fg.presskit.rss = True
        fg.description(document.subtitle or document.title)
        fg.language(document.language)
        fg.lastBuildDate(_rss_date(document.updated))
        if site.rights:
            fg.copyright(site.rights)
        if site.logo:
            fg.image(url=site.url(site.logo), title=document.title, link=site.url(""))
        fg.link(href=site.url(f"{document.path}.rss"), rel="self", type=RSS_TYPE)
        fg.presskit.links = [
            {"rel": rel, "href": href, **({"type": media} if media else {})}
            for rel, href, media in _archive_links(document, site, "rss", RSS_TYPE)
        ] + [
            {"rel": "related", "href": site.url(f"{path}.rss"), "type": RSS_TYPE, "title": title}
            for path, title in document.related
        ]
        fg.link(href=site.url(""), rel="alternate")  # F1: last
        return _splice(
            _rss_post(_serialise(fg, "rss_str", options.pretty)), b"</channel>", fragments
        )

    def fragments(self, entries: Sequence[Entry], pretty: bool) -> list[bytes]:
        fg = _wrapper(rss=True)
        empty = _rss_post(_serialise(fg, "rss_str", pretty))
        for entry in entries:
            self.entry(fg, entry)
        full = _rss_post(_serialise(fg, "rss_str", pretty))
        return _split(full, empty, b"</channel>", b"</item>", pretty)

    def entry(self, fg: Any, entry: Entry) -> None:
        fe = fg.add_entry(order="append")
        fe.id(entry.id)  # guid isPermaLink="false": a tag: URI
        fe.title(entry.title)
        fe.link(href=entry.url)
        # RSS readers take description as HTML: "<Digital Ready>" must stay text
        fe.summary(html.escape(entry.summary, quote=False))
        fe.content(entry.content_html, type="html")
        fe.pubDate(_rss_date(entry.published))
        fe.updated(entry.updated)
        for tag in entry.tags:
            fe.category(term=tag)
        enclosure = next((e for e in entry.enclosures if e.media_type == PDF), None)
        if enclosure is None and entry.enclosures:
            enclosure = entry.enclosures[0]
        if enclosure is not None:
            fe.enclosure(enclosure.url, str(enclosure.length or 0), enclosure.media_type)
        fe.presskit.creators = [a.name for a in entry.authors]
        fe.presskit.links = _translation_links(entry)
        fe.presskit.updated = _rfc3339(entry.updated)


def _translation_links(entry: Entry) -> list[dict[str, str]]:
    """``rel="alternate"`` links with ``hreflang`` to the entry's translations (Atom
    links; in RSS, ``atom:link`` elements of the item)."""
    return [
        {"href": a.url, "rel": "alternate", "type": "text/html", "hreflang": a.language}
        for a in entry.alternates
    ]


_PLAIN = re.compile(rb"(<(title|copyright|dc:creator|category)(?: [^>]*)?>)(.*?)(</\2>)", re.S)
_CHANNEL_PLAIN = re.compile(rb"(<(title|description|copyright)>)(.*?)(</\2>)", re.S)


def _hex_refs(data: bytes) -> bytes:
    """Write ``&`` and ``<`` in the RSS elements that hold plain text (see
    :func:`_rss_text`) as hexadecimal character references, as the RSS Profile asks
    (lxml writes ``&amp;`` and ``&lt;``; the document is the same). The items'
    ``description`` is HTML, not plain text, and is left alone."""

    def fix(match: re.Match[bytes]) -> bytes:
        text = match.group(3).replace(b"&lt;", b"&#x3C;").replace(b"&amp;", b"&#x26;")
        return match.group(1) + text + match.group(4)

    head, item, items = data.partition(b"<item>")
    return _CHANNEL_PLAIN.sub(fix, head) + item + _PLAIN.sub(fix, items)


_LINK_TITLE = re.compile(rb'(<(?:atom:)?link\b[^>]*?\stitle=")([^"]*)(")')
_PERSON_NAME = re.compile(rb"(<name>)(.*?)(</name>)", re.S)
# type="text" only: a type="html" construct is escaped markup, which the validator reads
_ATOM_TEXT = re.compile(rb'(<(title|subtitle|summary|rights)(?: type="text")?>)(.*?)(</\2>)', re.S)


def _plain_refs(data: bytes) -> bytes:
    """Write ``&`` and ``<`` as hexadecimal references where plain text has no type to
    declare (link ``title`` attributes, Atom person ``name``): the same characters to
    an XML reader, and the RSS Profile's sign that the text was encoded on purpose, so
    validators do not take ``&amp;`` or ``&lang=en`` in a name or a file name for
    escaped markup (W3C ContainsHTML). A name holding an end tag (``</b>``) is still
    reported by the validator: no encoding changes the text it reads."""

    def fix(match: re.Match[bytes]) -> bytes:
        text = match.group(2).replace(b"&amp;", b"&#x26;").replace(b"&lt;", b"&#x3C;")
        return match.group(1) + text + match.group(3)

    return _PERSON_NAME.sub(fix, _LINK_TITLE.sub(fix, data))


def _atom_refs(data: bytes) -> bytes:
    """:func:`_plain_refs`, and the same for Atom text constructs: a ``type="text"``
    title holding ``&lang=en`` (a URL in a headline) reads the same as HTML, so it
    stays text (see :func:`_atom_text`), but the validator took it for an entity
    (ContainsUndeclaredHTML)."""

    def fix(match: re.Match[bytes]) -> bytes:
        text = match.group(3).replace(b"&amp;", b"&#x26;").replace(b"&lt;", b"&#x3C;")
        return match.group(1) + text + match.group(4)

    return _ATOM_TEXT.sub(fix, _plain_refs(data))


# U+00C2 or U+00C3 (UTF-8 C3 82, C3 83) and a character U+0080 to U+00BF (C2 80 to C2 BF)
_LATIN1_PAIR = re.compile(rb"(\xc3[\x82\x83])\xc2([\x80-\xbf])")
_CDATA = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.S)


def _latin1_pair_refs(data: bytes) -> bytes:
    """Write the second character of ``Â`` or ``Ã`` followed by a character from U+0080
    to U+00BF (``Ã¼``, ``Â¹``, ``Â`` and a soft hyphen) as a hexadecimal character
    reference (``Ã&#xBC;``): the same text to an XML reader.

    Such a pair is what UTF-8 bytes read as Latin-1 look like (mojibake), and the W3C
    validator reports it as BadCharacters wherever the two characters arrive in one
    run of text. A press release may hold the pair on purpose (presskit does not guess
    at a source's encoding, and rewriting it would change the author's text), and a
    reference cannot be the product of a wrong decoding: it states the code point.
    In a CDATA section (presskit writes none) the section is closed around the
    reference. Operates on the UTF-8 document (a match always starts on a character, since UTF-8
    lead bytes never occur inside a character); ``C2 xx`` is the code point U+00xx.
    """

    def ref(match: re.Match[bytes]) -> bytes:
        return match.group(1) + b"&#x%X;" % match.group(2)[0]

    def cdata(match: re.Match[bytes]) -> bytes:
        return match.group(1) + b"]]>&#x%X;<![CDATA[" % match.group(2)[0]

    parts = _CDATA.split(data)
    for i, part in enumerate(parts):
        parts[i] = _LATIN1_PAIR.sub(cdata if i % 2 else ref, part)
    return b"".join(parts)


class JsonFeedExporter(_FeedBase):
    """JSON Feed 1.1 newsroom feeds (https://www.jsonfeed.org/version/1.1/); pages of
    an archived feed are chained with ``next_url`` (newest to oldest)."""

    name = "jsonfeed"
    media_type = JSON_FEED_TYPE
    extension = "json"
    owned = ("feeds/**/*.json",)
    description = "JSON Feed 1.1: newsroom, per agency, per language"

    def assemble(
        self, document: FeedDocument, fragments: Sequence[bytes], options: FeedOptions
    ) -> bytes:
        site = options.site
        feed: dict[str, Any] = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": document.title,
            "home_page_url": site.url(""),
            "feed_url": site.url(f"{document.path}.json"),
            "language": document.language,
        }
        if document.subtitle:
            feed["description"] = document.subtitle
        if site.icon:  # small and square: JSON Feed's favicon (its icon is 512 px)
            feed["favicon"] = site.url(site.icon)
        older = document.prev_archive
        if older:
            feed["next_url"] = site.url(f"{older}.json")
        if site.hubs and document.kind != "archive":
            feed["hubs"] = [{"type": "WebSub", "url": hub} for hub in site.hubs]
        feed["items"] = []  # last: the items go between its brackets
        indent = 2 if options.pretty else None
        data = (json.dumps(feed, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
        if not fragments:
            return data
        at = data.rindex(b"[]") + 1
        if options.pretty:
            return b"".join((data[:at], b"\n", b",\n".join(fragments), b"\n  ", data[at:]))
        return b"".join((data[:at], b", ".join(fragments), data[at:]))

    def fragments(self, entries: Sequence[Entry], pretty: bool) -> list[bytes]:
        """Each item as ``json.dumps`` writes it in a feed: indented to its depth
        there (a JSON string never holds a raw newline)."""
        out = []
        for entry in entries:
            text = json.dumps(self.item(entry), ensure_ascii=False, indent=2 if pretty else None)
            if pretty:
                text = "    " + text.replace("\n", "\n    ")
            out.append(text.encode("utf-8"))
        return out

    def item(self, entry: Entry) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "summary": entry.summary,
            "content_html": entry.content_html,
            "date_published": _rfc3339(entry.published),
            "date_modified": _rfc3339(entry.updated),
            "authors": [
                {"name": a.name, **({"url": a.url} if a.url else {})} for a in entry.authors
            ],
            "language": entry.language,
        }
        if entry.alternates:  # JSON Feed 1.1 has no translations: an extension object
            item["_presskit"] = {
                "about": EXTENSION_DOCS,
                "translations": [{"language": a.language, "url": a.url} for a in entry.alternates],
            }
        if entry.tags:
            item["tags"] = list(entry.tags)
        if entry.enclosures:
            item["attachments"] = [
                {
                    "url": e.url,
                    "mime_type": e.media_type,
                    "title": e.title,
                    **({"size_in_bytes": e.length} if e.length is not None else {}),
                }
                for e in entry.enclosures
            ]
        return item


#: The feed formats, whose fragments are made together (see :class:`Session`).
_WRITERS = {
    "rss": RssExporter(),
    "atom": AtomExporter(),
    "jsonfeed": JsonFeedExporter(),
}
