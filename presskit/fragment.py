"""A release as an HTML fragment, for feed content (and any format that embeds HTML).

The fragment follows the profile's order of parts (headings, paragraphs, quotes, lists,
corrections, last-updated line, notes to editors, boilerplates, media contacts) and ends
with the release's downloads. Every link is absolute (relative links are resolved against
the release page) and an ASCII URI; text is escaped once. :func:`sanitise` then passes
the fragment through an allow-list sanitiser (nh3, the Python binding of the Rust
``ammonia`` crate), so nothing outside a small set of harmless elements, attributes and
URL schemes can reach a reader.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from html import escape
from typing import assert_never
from urllib.parse import urljoin

import attrs

from presskit.layout import (
    Body,
    Boilerplates,
    Corrections,
    Dateline,
    EndMark,
    Headline,
    JointlyIssued,
    LastUpdated,
    Layout,
    LayoutPart,
    MediaContacts,
    NotesToEditors,
    Notices,
    Status,
    Subheadline,
    layout,
    lead_in,
    quote_credit,
)
from presskit.model import (
    Block,
    BulletList,
    Heading,
    Inline,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
    Translation,
)
from presskit.profiles import Profile
from presskit.site import iri_to_uri

__all__ = [
    "Download",
    "LanguageVersion",
    "direction",
    "isolated",
    "language_versions",
    "release_html",
    "release_parts",
    "sanitise",
]

#: Elements a sanitised fragment may contain.
ALLOWED_TAGS = frozenset(
    {"a", "blockquote", "br", "div", "em", "h2", "h3", "h4", "h5", "li", "ol", "p", "strong", "ul"}
)
#: Their allowed attributes.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang", "type", "title", "lang", "dir"},
    "ol": {"start"},
    "div": {"lang", "dir"},
    "p": {"class"},
}
#: URL schemes links may use.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@attrs.frozen
class Download:
    """A file a reader can download with the release.

    Attributes:
        url: its absolute URL.
        media_type: IANA media type.
        title: the link text (``"PDF"``, ``"Annex A"``).
        length: size in bytes, or ``None`` when unknown.
    """

    url: str
    media_type: str
    title: str
    length: int | None = None


@attrs.frozen
class LanguageVersion:
    """One language version of a release page: its BCP 47 language and its address
    (absolute, or relative to the page)."""

    language: str
    href: str


def language_versions(
    release: PressRelease,
    declared: Sequence[Translation],
    unpublished: Collection[str],
    page_url: str | None,
) -> tuple[list[LanguageVersion], LanguageVersion | None]:
    """A release's other language versions and its ``x-default``, for its page and its
    e-mail.

    The versions: the release's own translations (``url`` or ``slug``), then
    ``declared``, the language versions of its news item the build found
    (:attr:`presskit.exporters.BuildContext.language_versions`, the original first); one
    per language, none in the release's own language, none whose slug is in
    ``unpublished``. A slug is linked as ``../<slug>/``, resolved against ``page_url``
    when it is known.

    The ``x-default`` (https://developers.google.com/search/docs/specialty/international/
    localized-versions): the original of the news item (published first; at the same
    instant the one in the site's language), when ``declared`` holds two published
    releases or more and there are other versions; else ``None``.
    """

    def href_of(slug: str) -> str:
        return urljoin(page_url, f"../{slug}/") if page_url else f"../{slug}/"

    found: dict[str, LanguageVersion] = {}
    members = [t for t in declared if t.slug and t.slug not in unpublished]
    for translation in (*release.translations, *declared):
        if translation.slug is not None and translation.slug in unpublished:
            continue  # not published yet: neither a dead link nor a leaked address
        if translation.url:
            href = iri_to_uri(translation.url)
        elif translation.slug and translation.slug != release.slug:
            href = href_of(translation.slug)
        else:
            continue
        found.setdefault(translation.language.lower(), LanguageVersion(translation.language, href))
    found.pop(release.language.lower(), None)
    versions = list(found.values())
    default = None
    if versions and len(members) > 1:  # the build knows the set: its original
        original = members[0]
        if original.slug == release.slug and page_url:
            href = page_url
        elif original.url:
            href = iri_to_uri(original.url)
        else:
            href = href_of(original.slug or "")
        default = LanguageVersion("x-default", href)
    return versions, default


@functools.cache
def direction(language: str) -> str:
    """``"rtl"`` for a language written right to left (Arabic, Hebrew, Persian, Urdu ...),
    else ``"ltr"``; from the CLDR data in babel."""
    from babel import Locale, UnknownLocaleError

    for tag in (language, language.split("-")[0]):
        try:
            return "rtl" if Locale.parse(tag, sep="-").text_direction == "rtl" else "ltr"
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return "ltr"


def isolated(text: str, page_direction: str) -> str:
    """``text`` escaped, in a ``<bdi>`` (HTML's bidirectional isolate, its own direction
    from its first strong character) when it holds a strong character of the other
    direction than ``page_direction`` (``"ltr"`` or ``"rtl"``): an English agency name in
    an Arabic page, an Arabic one in an English page. Isolated, it neither takes the
    page's direction nor reorders the text around it (UAX #9, rule X5a-c)."""
    import unicodedata

    other = ("R", "AL") if page_direction == "ltr" else ("L",)
    if any(unicodedata.bidirectional(char) in other for char in text):
        return f"<bdi>{escape(text)}</bdi>"
    return escape(text)


def sanitise(fragment: str) -> str:
    """``fragment`` with everything outside :data:`ALLOWED_TAGS`,
    :data:`ALLOWED_ATTRIBUTES` and :data:`ALLOWED_SCHEMES` removed (scripts, styles, event
    handlers, ``javascript:`` links), by nh3 (https://github.com/messense/nh3)."""
    import nh3

    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def release_html(
    release: PressRelease,
    profile: Profile,
    *,
    page_url: str | None,
    downloads: Sequence[Download] = (),
) -> str:
    """The release as an HTML fragment (a ``<div lang=... dir=...>``), not sanitised.

    The headline and the status line are left out (a feed entry's title is the
    headline, and a feed only carries releases whose embargo has lifted); body headings
    start at ``<h2>``.

    Args:
        release: the release.
        profile: the house style (order of parts, labels, date style).
        page_url: the release page's absolute URL; relative links resolve against it
            (``None``: they are kept relative).
        downloads: files to list at the end, in order.
    """
    writer = _Writer(layout(release, profile), page_url)
    for part in writer.layout.parts:
        writer.part(part)
    if downloads:
        writer.downloads(downloads)
    lang = escape(release.language)
    return (
        f'<div lang="{lang}" dir="{direction(release.language)}">' + "".join(writer.out) + "</div>"
    )


def release_parts(
    release: PressRelease, profile: Profile, *, page_url: str | None
) -> list[tuple[LayoutPart, str]]:
    """The parts of :func:`release_html` one by one, without the enclosing ``<div>``:
    each layout part (:mod:`presskit.layout`) with its HTML (not sanitised; ``""`` for
    the parts a fragment leaves out). The release page's template writes them, giving
    some (the media contacts) to a partial of their own."""
    writer = _Writer(layout(release, profile), page_url)
    out = []
    for part in writer.layout.parts:
        writer.out = []
        writer.part(part)
        out.append((part, "".join(writer.out)))
    return out


class _Writer:
    def __init__(self, laid_out: Layout, page_url: str | None) -> None:
        self.layout = laid_out
        self.page_url = page_url
        self.out: list[str] = []

    def part(self, part: LayoutPart) -> None:  # noqa: C901 (one case per layout part)
        match part:
            case Status() | Headline() | EndMark():
                pass
            case Notices():
                self.blocks(part.blocks)
            case Subheadline():
                self.out.append(f"<p><strong>{escape(part.text)}</strong></p>")
            case Dateline() | JointlyIssued():
                self.out.append(f"<p>{escape(part.text)}</p>")
            case Body():
                for item in part.blocks:
                    self.block(item.block, escape(item.dateline or ""))
            case Corrections():
                for correction in part.items:
                    self.out.append(
                        f"<p><em>{escape(correction.lead)}</em> {escape(correction.text)}</p>"
                    )
            case LastUpdated():
                self.out.append(f"<p><em>{escape(part.text)}</em></p>")
            case NotesToEditors():
                if part.blocks:
                    self.out.append(f"<h2>{escape(part.heading)}</h2>")
                    self.blocks(part.blocks)
            case Boilerplates():
                for boilerplate in part.items:
                    self.out.append(f"<h2>{escape(boilerplate.heading)}</h2>")
                    self.blocks(boilerplate.blocks)
            case MediaContacts():
                self.contacts(part)
            case _:
                assert_never(part)

    def contacts(self, part: MediaContacts) -> None:
        """The media contacts. In a right-to-left release a phone number or an address
        is ``dir="ltr"``: its digit groups, separated by spaces, would otherwise be laid
        out right to left ("4567 123 4 971+"), by the Unicode bidirectional algorithm
        (UAX #9, rule N1)."""
        self.out.append(f"<h2>{escape(part.heading)}</h2>")
        rtl = direction(self.layout.release.language) == "rtl"
        for contact in part.contacts:
            lines = []
            for line in contact:
                text = escape(line.text)
                if line.href:
                    ltr = ' dir="ltr"' if rtl else ""
                    text = f'<a href="{escape(iri_to_uri(line.href))}"{ltr}>{text}</a>'
                lines.append(escape(line.label) + text)
            self.out.append("<p>" + "<br>".join(lines) + "</p>")

    def downloads(self, downloads: Iterable[Download]) -> None:
        self.out.append(f"<h2>{escape(self.layout.label('downloads'))}</h2><ul>")
        for item in downloads:
            self.out.append(
                f'<li><a href="{escape(item.url)}" type="{escape(item.media_type)}">'
                f"{escape(item.title)}</a></li>"
            )
        self.out.append("</ul>")

    def blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            self.block(block, "")

    def block(self, block: Block, prefix: str) -> None:
        match block:
            case Paragraph():
                self.out.append(f"<p>{prefix}{self.runs(block.runs)}</p>")
            case Heading():
                level = min(block.level + 1, 5)
                self.out.append(f"<h{level}>{self.runs(block.runs)}</h{level}>")
            case Quote():
                self.quote(block, prefix)
            case BulletList():
                items = "".join(f"<li>{self.runs(item)}</li>" for item in block.items)
                self.out.append(f"<ul>{items}</ul>")
            case NumberedList():
                start = f' start="{block.start}"' if block.start != 1 else ""
                items = "".join(f"<li>{self.runs(item)}</li>" for item in block.items)
                self.out.append(f"<ol{start}>{items}</ol>")
            case _:
                assert_never(block)

    def quote(self, block: Quote, prefix: str) -> None:
        if prefix or block.lead_in:
            opening = prefix + (escape(lead_in(block.lead_in)) if block.lead_in else "")
            self.out.append(f"<p>{opening.rstrip()}</p>")
        paragraphs = "".join(f"<p>{self.runs(p)}</p>" for p in block.paragraphs)
        credit = quote_credit(block)  # a quote is attributed once
        credit = f"<p>{escape(credit)}</p>" if credit else ""
        self.out.append(f"<blockquote>{paragraphs}{credit}</blockquote>")

    def runs(self, runs: Inline) -> str:
        out = []
        for run in runs:
            text = escape(run.text, quote=False)
            if run.emphasis:
                text = f"<em>{text}</em>"
            if run.strong:
                text = f"<strong>{text}</strong>"
            if run.href:
                href = iri_to_uri(urljoin(self.page_url, run.href) if self.page_url else run.href)
                text = f'<a href="{escape(href)}">{text}</a>'
            out.append(text)
        return "".join(out)
