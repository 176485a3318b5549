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

The page is the theme's ``release.html`` Jinja2 template and its partials
(:mod:`presskit.templating`, docs/templates.md): a theme overrides any of them, and its
``[html]`` colours and fonts style the page (CSS custom properties).

Text is escaped, the article is passed through the allow-list sanitiser of
:mod:`presskit.fragment`, links may only be http(s), mailto or tel, and the JSON-LD cannot
close its ``<script>`` element.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable, Mapping
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
from presskit.theme import Theme, load_theme

__all__ = ["HtmlExporter", "HtmlOptions"]


def _slugs(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _theme(value: Theme | str | None) -> Theme | None:
    """A theme option: ``None``, a :class:`Theme` or a theme folder (loaded)."""
    return None if value is None else load_theme(value)


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
        theme: the theme whose templates, colours and fonts make the page
            (:class:`presskit.theme.Theme`, or its folder); ``None``: the build's theme,
            else the default theme (docs/templates.md).
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    site: Site = attrs.field(default=None, converter=as_site)
    siblings: Mapping[str, bytes] | None = None
    feeds: bool | None = None
    unpublished: frozenset[str] = attrs.field(default=frozenset(), converter=_slugs)
    language_versions: Mapping[str, tuple[Translation, ...]] = attrs.field(factory=dict)
    theme: Theme | None = attrs.field(default=None, converter=_theme)


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
        """In a build, the page links the files rendered before it, names the newsroom,
        links no translation that is not published yet and follows the build's theme
        (unless the option names one)."""
        return attrs.evolve(
            options,
            theme=options.theme or context.theme,
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
    """The page as text: the theme's ``release.html`` (:mod:`presskit.templating`)
    rendered with :func:`page_values`.

    Raises:
        ExportError: a logo cannot be read.
        presskit.templating.TemplateError: a theme's template fails (file and line).
    """
    from presskit import templating

    return templating.render(options.theme, "release.html", **page_values(release, options))


def page_values(release: PressRelease, options: HtmlOptions) -> dict[str, Any]:
    """What ``release.html`` and its partials are given (docs/templates.md): text as
    ``str`` (escaped when written), presskit's own sanitised HTML as ``Markup``."""
    from markupsafe import Markup

    from presskit import templating
    from presskit.fragment import direction
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
    description = release.lede.text if release.lede is not None else release.headline
    status = layout(release, profile, options.now).status
    values: dict[str, Any] = {
        "lang": lang,
        "dir": direction(lang),
        "rtl": direction(lang) == "rtl",
        "title": release.headline + (f" | {site.name}" if site.name else ""),
        "headline": release.headline,
        "description": description,
        "keywords": ", ".join(release.tags),
        "tags": list(release.tags),
        "page_url": page_url,
        "site_name": site.name,
        "hreflang": _translation_links(release, options, page_url),
        "feeds": _feed_links(release, site) if feeds else [],
        "json_ld": Markup(_json_ld(release, page_url, profile)),
        "colours": templating.colours(options.theme, "html"),
        "fonts": templating.fonts(options.theme, "html"),
        "status": status.text,
        "embargoed": status.embargoed,
        "translations": _translation_nav(release, options, page_url),
        "parts": _article_parts(release, profile, page_url),
        "downloads": {
            "heading": label("downloads", lang),
            "files": _download_items(release, options),
        },
        "newsroom": {
            "label": label("newsroom.nav", lang),
            "name": site.name or label("newsroom.all", lang),
            "feeds": label("feeds", lang) if feeds else "",
        },
    }
    values.update(_social_values(release))
    values.update(_masthead(release, options))
    return values


def _feed_links(release: PressRelease, site: Site) -> list[dict[str, str]]:
    """``<link rel="alternate">`` to the newsroom's feeds (feed autodiscovery)."""
    name = site.name or label("newsroom.releases", release.language)
    return [
        {"type": media, "title": f"{name} ({kind})", "href": f"../feeds/newsroom.{ext}"}
        for ext, media, kind in (
            ("atom", "application/atom+xml", "Atom"),
            ("rss", "application/rss+xml", "RSS"),
            ("json", "application/feed+json", "JSON Feed"),
        )
    ]


def _social_values(release: PressRelease) -> dict[str, Any]:
    """Open Graph (https://ogp.me/) values: locale, publication and modification."""
    from presskit.publication import published_at, updated_at

    return {
        "locale": release.language.replace("-", "_"),
        "published": _iso(published_at(release), release),
        "modified": _iso(updated_at(release), release),
    }


def _article_parts(
    release: PressRelease, profile: Profile, page_url: str | None
) -> list[dict[str, Any]]:
    """The article's parts in the profile's order: the media contacts as data for the
    ``contacts`` partial, every other part as presskit's sanitised HTML (Markup)."""
    from markupsafe import Markup

    from presskit.fragment import ALLOWED_SCHEMES, release_parts, sanitise
    from presskit.layout import MediaContacts
    from presskit.site import iri_to_uri

    parts = release_parts(release, profile, page_url=page_url)
    # one sanitiser pass for the whole article (a pass costs more to set up than to
    # run), cut apart again at a boundary no part holds: every text in them is escaped
    cleaned = sanitise(_BOUNDARY.join(html for _, html in parts)).split(_BOUNDARY)
    if len(cleaned) != len(parts):  # pragma: no cover (the sanitiser keeps the boundary)
        cleaned = [sanitise(html) for _, html in parts]
    out: list[dict[str, Any]] = []
    for (part, _), html in zip(parts, cleaned, strict=True):
        if isinstance(part, MediaContacts):
            people = []
            for contact in part.contacts:
                lines = []
                for line in contact:
                    href = iri_to_uri(line.href) if line.href else None
                    if href and href.split(":", 1)[0].lower() not in ALLOWED_SCHEMES:
                        href = None
                    lines.append({"kind": line.kind, "label": line.label, "text": line.text,
                                  "href": href})  # fmt: skip
                people.append(lines)
            out.append({"kind": "contacts", "heading": part.heading, "people": people})
        elif html:
            out.append({"kind": type(part).__name__.lower(), "html": Markup(html)})
    return out


#: What cuts the article's parts apart after one sanitiser pass (an element presskit
#: never writes otherwise, with a class the sanitiser keeps).
_BOUNDARY = '<p class="presskit-part-boundary"></p>'


def _download_items(release: PressRelease, options: HtmlOptions) -> list[dict[str, Any]]:
    lang = release.language
    return [
        {
            "url": item.url,
            "media_type": item.media_type,
            "title": item.title,
            "size": _size(item.length, lang) if item.length is not None else "",
        }
        for item in _downloads(release, options)
    ]


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
) -> list[LanguageVersion]:
    """The ``<link rel="alternate" hreflang>`` targets: each language version, the page
    itself and the ``x-default`` (see :func:`language_versions`)."""
    versions, default = language_versions(release, options, page_url)
    if not versions:
        return []
    own = LanguageVersion(release.language, page_url or f"../{release.slug}/")
    return [*versions, own, *((default,) if default else ())]


def _translation_nav(
    release: PressRelease, options: HtmlOptions, page_url: str | None
) -> dict[str, Any] | None:
    """The visible list of the page's other language versions: each link named in its
    own language (CLDR), with ``dir`` where its direction is not the page's; ``None``
    when there are none."""
    from presskit.feedplan import language_name
    from presskit.fragment import direction

    versions, _ = language_versions(release, options, page_url)
    if not versions:
        return None
    page_dir = direction(release.language)
    items = []
    for version in versions:
        other = direction(version.language)
        items.append(
            {
                "href": version.href,
                "language": version.language,
                "name": language_name(version.language),
                "dir": other if other != page_dir else "",
            }
        )
    return {"heading": label("translations", release.language), "versions": items}


def _masthead(release: PressRelease, options: HtmlOptions) -> dict[str, Any]:
    """The agencies' logos (``data:`` URLs) and names. A name in the other direction
    than the page's is a ``<bdi>`` (:func:`presskit.fragment.isolated`)."""
    from markupsafe import Markup

    from presskit.fragment import direction, isolated

    logos = []
    for issuer in release.issuers:
        src = _logo(issuer, options)
        if src:
            logos.append({"src": src, "alt": issuer.name})
    page_dir = direction(release.language)
    names = " · ".join(isolated(i.name, page_dir) for i in release.issuers)
    return {"logos": logos, "issuer_names": Markup(names)}
