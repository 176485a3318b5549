"""The release page: one HTML5 document per release, written as ``<slug>/index.html`` so
that the page's address is ``<base_url><slug>/``, the link every feed entry points to.

What it holds (HTML Living Standard, https://html.spec.whatwg.org/):

* landmarks: ``<header>`` (the issuers' logos and names), ``<main>`` with one
  ``<article>``, ``<footer>`` (downloads, feeds, the newsroom); one ``<h1>`` (the
  headline), body headings from ``<h2>`` down, in order;
* ``lang`` and ``dir`` on ``<html>`` from the release's language (CLDR, via babel);
* alt text on every image (the issuer's name);
* a screen and a print stylesheet, inline, so the page is one self-contained file (logos
  are embedded as ``data:`` PNG/JPEG);
* schema.org ``NewsArticle`` JSON-LD (https://schema.org/NewsArticle): headline,
  dateline, datePublished, dateModified, publisher (every issuer), inLanguage,
  keywords, correction;
* Open Graph (https://ogp.me/) and Twitter card tags for link previews;
* the language versions (:func:`language_versions`): a ``<link rel="alternate"
  hreflang>`` to each translation, to the page itself and, as ``x-default``, to the
  original of the set; and a visible list of the other languages, each link named in its
  own language (CLDR) with ``lang`` and ``hreflang``. In a build, every release of the
  set links every other, whichever side declared the translation;
* ``<link rel="alternate">`` for the newsroom's feeds, ``<link rel="canonical">`` when
  the page's address is known;
* text in another direction isolated: an issuer's name in the other direction in a
  ``<bdi>``, phone numbers and addresses ``dir="ltr"`` in a right-to-left page.

Text is escaped, the article is passed through the allow-list sanitiser of
:mod:`presskit.fragment`, links may only be http(s), mailto or tel, and the JSON-LD cannot
close its ``<script>`` element.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any, ClassVar
from urllib.parse import quote

import attrs

from presskit.errors import ExportError
from presskit.exporters import BuildContext, Exporter, ExporterOptions, as_site
from presskit.fragment import LanguageVersion
from presskit.layout import format_dateline, label, layout, local_time
from presskit.model import PressRelease, Translation
from presskit.profiles import Profile, check_profile, resolve_profile
from presskit.site import Site

__all__ = ["HtmlExporter", "HtmlOptions"]


def _slugs(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class HtmlOptions(ExporterOptions):
    """Options of the ``html`` exporter.

    Attributes:
        profile: the house style (``"sg"``, ``"us"``, ``"uk"``).
        site: the newsroom (:class:`presskit.site.Site`): its ``base_url`` gives the
            canonical address and the Open Graph URL, its name the page title's suffix;
            the build passes the ``[site]`` table.
        siblings: the release's other files by name (``{"<slug>.pdf": b"..."}``), to
            link as downloads with their sizes; the build passes the files it rendered
            for the release. ``None`` links ``<slug>.pdf`` and ``<slug>.docx`` without
            sizes.
        feeds: link the newsroom feeds (they are at ``../feeds/``); default: when the
            site has a ``base_url`` (without it the build writes no feeds).
        unpublished: slugs of releases not yet published (under embargo): translations
            with these slugs are not linked, so a public page neither points at them nor
            reveals their address; the build passes them.
        language_versions: by slug, the language versions of each release's news item,
            the original first (see
            :attr:`presskit.exporters.BuildContext.language_versions`); the build passes
            them, so a page links its translations whichever side declared them.
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    site: Site = attrs.field(default=None, converter=as_site)
    siblings: Mapping[str, bytes] | None = None
    feeds: bool | None = None
    unpublished: frozenset[str] = attrs.field(default=frozenset(), converter=_slugs)
    language_versions: Mapping[str, tuple[Translation, ...]] = attrs.field(factory=dict)


_STYLE = """
:root { --ink: #1a1a1a; --muted: #5a5a5a; --accent: #004a8f; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.6 system-ui, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "Noto Sans Tamil", "Noto Sans Thai", sans-serif; color: var(--ink); background: #fff; }
header.masthead, main, footer { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem; }
header.masthead { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem;
  border-bottom: 1px solid #ddd; }
header.masthead img { height: 3rem; width: auto; }
header.masthead p { margin: 0; font-weight: 600; color: var(--accent); }
.status { font-weight: 700; letter-spacing: .04em; color: var(--muted); margin: 1rem 0 0; }
.status.embargoed { color: #a00000; }
h1 { font-size: 1.9rem; line-height: 1.25; color: var(--accent); margin: .5rem 0; }
.subheadline { font-size: 1.2rem; color: var(--muted); margin-top: 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
blockquote { margin: 1rem 0; padding: .25rem 1rem; border-left: 4px solid var(--accent);
  background: #f4f7fb; }
[dir="rtl"] blockquote { border-left: 0; border-right: 4px solid var(--accent); }
a { color: var(--accent); }
footer { border-top: 1px solid #ddd; font-size: .95rem; color: var(--muted); }
footer ul { padding: 0 1.25rem; }
@media print {
  body { font-size: 11pt; }
  header.masthead, main, footer { max-width: none; padding: 0; }
  footer nav, .feeds { display: none; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 9pt; }
  h2, h3 { break-after: avoid; }
  blockquote, p { break-inside: avoid; }
}
""".strip()


#: The list of other language versions, in the style sheet of a page that has one.
_NAV_STYLE = """
nav.translations { max-width: 46rem; margin: 0 auto; padding: .5rem 1.25rem 0;
  font-size: .95rem; color: var(--muted); }
nav.translations p { margin: 0; }
nav.translations ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none;
  margin: .25rem 0 0; padding: 0; }
""".strip()


class HtmlExporter(Exporter[HtmlOptions]):
    """The release page (see the module docstring)."""

    name: ClassVar[str] = "html"
    media_type: ClassVar[str] = "text/html"
    extension: ClassVar[str] = "html"
    file_name: ClassVar[str | None] = "index.html"
    renders_last: ClassVar[bool] = True
    description: ClassVar[str] = (
        "the release page: accessible HTML5 with JSON-LD, Open Graph and print styles"
    )
    Options: ClassVar[type[HtmlOptions]] = HtmlOptions

    @classmethod
    def in_build(cls, options: HtmlOptions, context: BuildContext) -> HtmlOptions:
        """In a build, the page links the files rendered before it, names the newsroom
        and links no translation that is not published yet."""
        return attrs.evolve(
            options,
            site=context.site,
            siblings=context.siblings,
            unpublished=context.unpublished,
            language_versions=context.language_versions,
        )

    def render(self, release: PressRelease, options: HtmlOptions) -> bytes:
        return render_page(release, options).encode("utf-8")


def _size(length: int, language: str) -> str:
    """A file size for readers of ``language``: in English ``"900 bytes"``, ``"31 KB"``,
    ``"1.4 MB"``; in another language CLDR's short units (babel), ``"31 كيلوبايت"``."""
    if language.split("-")[0].lower() == "en":
        if length < 1024:
            return f"{length} bytes"
        if length < 1024 * 1024:
            return f"{length / 1024:.0f} KB"
        return f"{length / (1024 * 1024):.1f} MB"
    if length < 1024:
        return _cldr_size(length, "digital-byte", language)
    if length < 1024 * 1024:
        return _cldr_size(round(length / 1024), "digital-kilobyte", language)
    return _cldr_size(round(length / (1024 * 1024), 1), "digital-megabyte", language)


def _cldr_size(amount: float, unit: str, language: str) -> str:
    from babel import Locale, UnknownLocaleError
    from babel.units import format_unit

    for tag in (language, language.split("-")[0], "en"):
        try:
            locale = Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        return str(format_unit(amount, unit, length="short", locale=locale))
    return f"{amount} B"  # pragma: no cover (babel always knows "en")


def _downloads(release: PressRelease, options: HtmlOptions) -> list[Any]:
    """The page's downloads: the release's PDF and DOCX (those the build rendered, with
    their sizes) and its attachments, hrefs relative to the page."""
    from pathlib import PurePosixPath

    from presskit.fragment import Download
    from presskit.publication import RELEASE_FILES

    out = []
    for extension, media_type, title in RELEASE_FILES:
        name = f"{release.slug}.{extension}"
        if options.siblings is None:
            out.append(Download(name, media_type, title))
        elif name in options.siblings:
            out.append(Download(name, media_type, title, len(options.siblings[name])))
    for attachment in release.attachments:
        href = attachment.href
        local = "://" not in href
        name = PurePosixPath(href).name
        # "annex #1.pdf" is a file name: # and ? must not become a fragment or a query
        url = quote(name) if local else href
        out.append(Download(url, attachment.media_type, attachment.title or name))
    return out


def _logo(release_issuer: Any, options: HtmlOptions) -> str | None:
    from presskit.assets import normalise_image
    from presskit.paths import AssetRoot

    href = release_issuer.logo
    if not href:
        return None
    if "://" in href:
        return str(href)
    try:
        what = f"{release_issuer.name}'s logo"
        data = normalise_image(AssetRoot.or_cwd(options.asset_root).logo(href, what), what)
    except ExportError as exc:
        raise ExportError(f"html: {exc}") from None
    kind = "png" if data[:4] == b"\x89PNG" else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _iso(instant: dt.datetime, release: PressRelease) -> str:
    """ISO 8601 in the release's local time (:func:`presskit.layout.local_time`)."""
    return local_time(instant, release).isoformat()


def _json_ld(release: PressRelease, page_url: str | None, profile: Profile) -> str:
    from presskit.publication import published_at, updated_at

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.headline,
        "dateline": format_dateline(release, profile),
        "datePublished": _iso(published_at(release), release),
        "dateModified": _iso(updated_at(release), release),
        "inLanguage": release.language,
        "publisher": [
            {"@type": "Organization", "name": i.name} | ({"url": i.url} if i.url else {})
            for i in release.issuers
        ],
    }
    if release.subheadline:
        data["alternativeHeadline"] = release.subheadline
    lede = release.lede
    if lede is not None:
        data["description"] = lede.text
    if page_url:
        data["url"] = page_url
        data["mainEntityOfPage"] = page_url
    if release.tags:
        data["keywords"] = list(release.tags)
    if release.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": _iso(c.at, release)}
            for c in release.corrections
        ]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # Inside <script>, "</" could end the element and "<!--" open a comment: escape "<".
    return text.replace("<", "\\u003c")


def render_page(release: PressRelease, options: HtmlOptions) -> str:
    """The page as text (see the module docstring).

    Raises:
        ExportError: a logo cannot be read.
    """
    from presskit.fragment import direction, release_html, sanitise
    from presskit.site import iri_to_uri

    site = options.site
    profile = resolve_profile(options.profile, release, site.style)
    page_url = None
    if release.canonical_url:
        page_url = iri_to_uri(release.canonical_url)
    elif site.base_url:
        page_url = site.release_url(release)
    feeds = options.feeds if options.feeds is not None else site.base_url is not None
    lang = release.language
    out = ["<!DOCTYPE html>\n", f'<html lang="{escape(lang)}" dir="{direction(lang)}">\n<head>\n']
    out += _head(release, options, profile, page_url, feeds=feeds)
    out.append("</head>\n<body>\n")
    article = sanitise(release_html(release, profile, page_url=page_url))
    nav = _translation_nav(release, options, page_url)
    out += _masthead_and_article(release, options, profile, article, nav)
    out += _footer(release, options, feeds=feeds)
    out.append("</body>\n</html>\n")
    return "".join(out)


def _head(
    release: PressRelease, options: HtmlOptions, profile: Profile, page_url: str | None, *,
    feeds: bool,
) -> list[str]:  # fmt: skip
    """The ``<head>``'s elements: title, description, links, Open Graph, JSON-LD, style."""
    site = options.site
    out = ['<meta charset="utf-8">\n']
    w = out.append
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    title = release.headline + (f" | {site.name}" if site.name else "")
    w(f"<title>{escape(title)}</title>\n")
    description = release.lede.text if release.lede is not None else release.headline
    w(f'<meta name="description" content="{escape(description)}">\n')
    if release.tags:
        w(f'<meta name="keywords" content="{escape(", ".join(release.tags))}">\n')
    if page_url:
        w(f'<link rel="canonical" href="{escape(page_url)}">\n')
    out += _translation_links(release, options, page_url)
    if feeds:
        for ext, media, kind in (
            ("atom", "application/atom+xml", "Atom"),
            ("rss", "application/rss+xml", "RSS"),
            ("json", "application/feed+json", "JSON Feed"),
        ):
            feed_title = f"{site.name or label('newsroom.releases', release.language)} ({kind})"
            w(
                f'<link rel="alternate" type="{media}" title="{escape(feed_title)}" '
                f'href="../feeds/newsroom.{ext}">\n'
            )
    out += _social_meta(release, site, page_url, description)
    w(f'<script type="application/ld+json">\n{_json_ld(release, page_url, profile)}\n</script>\n')
    style = _STYLE
    if language_versions(release, options, page_url)[0]:
        style += "\n" + _NAV_STYLE
    w(f"<style>\n{style}\n</style>\n")
    return out


def language_versions(
    release: PressRelease, options: HtmlOptions, page_url: str | None
) -> tuple[list[LanguageVersion], LanguageVersion | None]:
    """The page's other language versions and its ``x-default``: see
    :func:`presskit.fragment.language_versions`."""
    from presskit.fragment import language_versions as versions_of

    declared = options.language_versions.get(release.slug, ())
    return versions_of(release, declared, options.unpublished, page_url)


def _translation_links(
    release: PressRelease, options: HtmlOptions, page_url: str | None
) -> list[str]:
    """``<link rel="alternate" hreflang>`` to each language version, to the page itself
    and to the ``x-default`` (see :func:`language_versions`)."""
    versions, default = language_versions(release, options, page_url)
    if not versions:
        return []
    own = LanguageVersion(release.language, page_url or f"../{release.slug}/")
    out = []
    for version in (*versions, own, *((default,) if default else ())):
        out.append(
            f'<link rel="alternate" hreflang="{escape(version.language)}" '
            f'href="{escape(version.href)}">\n'
        )
    return out


def _translation_nav(release: PressRelease, options: HtmlOptions, page_url: str | None) -> str:
    """The visible list of the page's other language versions: each link named in its
    own language (CLDR), with ``lang``, ``hreflang`` and, where its direction is not the
    page's, ``dir``; empty when there are none."""
    from presskit.feedplan import language_name
    from presskit.fragment import direction

    versions, _ = language_versions(release, options, page_url)
    if not versions:
        return ""
    page_dir = direction(release.language)
    items = []
    for version in versions:
        lang = escape(version.language)
        other = direction(version.language)
        dir_ = f' dir="{other}"' if other != page_dir else ""
        items.append(
            f'<li><a href="{escape(version.href)}" hreflang="{lang}" lang="{lang}"{dir_}>'
            f"{escape(language_name(version.language))}</a></li>\n"
        )
    heading = escape(label("translations", release.language))
    return (
        '<nav class="translations" aria-labelledby="translations">\n'
        f'<p id="translations">{heading}</p>\n<ul>\n' + "".join(items) + "</ul>\n</nav>\n"
    )


def _social_meta(
    release: PressRelease, site: Site, page_url: str | None, description: str
) -> list[str]:
    """Open Graph (https://ogp.me/) and Twitter card properties."""
    from presskit.publication import published_at, updated_at

    out = ['<meta property="og:type" content="article">\n']
    w = out.append
    w(f'<meta property="og:title" content="{escape(release.headline)}">\n')
    w(f'<meta property="og:description" content="{escape(description)}">\n')
    if page_url:
        w(f'<meta property="og:url" content="{escape(page_url)}">\n')
    if site.name:
        w(f'<meta property="og:site_name" content="{escape(site.name)}">\n')
    w(f'<meta property="og:locale" content="{escape(release.language.replace("-", "_"))}">\n')
    w(
        '<meta property="article:published_time" '
        f'content="{_iso(published_at(release), release)}">\n'
    )
    w(f'<meta property="article:modified_time" content="{_iso(updated_at(release), release)}">\n')
    for tag in release.tags:
        w(f'<meta property="article:tag" content="{escape(tag)}">\n')
    w('<meta name="twitter:card" content="summary">\n')
    w(f'<meta name="twitter:title" content="{escape(release.headline)}">\n')
    w(f'<meta name="twitter:description" content="{escape(description)}">\n')
    return out


def _masthead_and_article(
    release: PressRelease, options: HtmlOptions, profile: Profile, article: str, nav: str
) -> list[str]:
    """The agencies' logos and names, the other language versions, then the status
    line, headline and release. A name in the other direction than the page's is a
    ``<bdi>`` (:func:`presskit.fragment.isolated`)."""
    from presskit.fragment import direction, isolated

    out = ['<header class="masthead">\n']
    for issuer in release.issuers:
        src = _logo(issuer, options)
        if src:
            out.append(f'<img src="{escape(src)}" alt="{escape(issuer.name)}">\n')
    page_dir = direction(release.language)
    names = " · ".join(isolated(i.name, page_dir) for i in release.issuers)
    out.append(f"<p>{names}</p>\n</header>\n")
    out.append(nav)
    status = layout(release, profile, options.now).status
    embargoed = " embargoed" if status.embargoed else ""
    out.append("<main>\n<article>\n")
    out.append(f'<p class="status{embargoed}">{escape(status.text)}</p>\n')
    out.append(f"<h1>{escape(release.headline)}</h1>\n")
    out += [article, "\n</article>\n</main>\n"]
    return out


def _footer(release: PressRelease, options: HtmlOptions, *, feeds: bool) -> list[str]:
    """The downloads, and the way back to the newsroom and its feeds."""
    lang = release.language
    out = ["<footer>\n"]
    w = out.append
    downloads = _downloads(release, options)
    if downloads:
        heading = escape(label("downloads", lang))
        w(f'<section aria-labelledby="downloads"><h2 id="downloads">{heading}</h2>\n<ul>\n')
        for item in downloads:
            size = f" ({_size(item.length, lang)})" if item.length is not None else ""
            w(
                f'<li><a href="{escape(item.url)}" type="{escape(item.media_type)}">'
                f"{escape(item.title)}</a>{size}</li>\n"
            )
        w("</ul>\n</section>\n")
    w(f'<nav aria-label="{escape(label("newsroom.nav", lang))}"><ul>\n')
    newsroom = options.site.name or label("newsroom.all", lang)
    w(f'<li><a href="../index.html">{escape(newsroom)}</a></li>\n')
    if feeds:
        w(f'<li class="feeds">{escape(label("feeds", lang))} ')
        w('<a href="../feeds/newsroom.atom">Atom</a>, ')
        w('<a href="../feeds/newsroom.rss">RSS</a>, <a href="../feeds/newsroom.json">JSON Feed</a>')
        w("</li>\n")
    w("</ul></nav>\n</footer>\n")
    return out
