"""The newsroom index: HTML5 pages listing the public releases, newest first (a
collection exporter).

Files (at the top of the build folder, beside the release folders):

* ``index.html``: every public release;
* ``agency-<issuer-id>.html``: the releases an agency issued or co-issued;
* ``language-<tag>.html``: the releases in one language (tag lower-cased).

Each page links to the others, lists each release with its date, headline (a link to
its page, ``<slug>/``), issuers and lede, and advertises the matching feeds with
``<link rel="alternate">`` (feed autodiscovery, https://www.rssboard.org/rss-autodiscovery)
when the site has a ``base_url`` (the feeds are written only then). Releases under
embargo at ``now`` are left out, exactly as in the feeds (:func:`presskit.feedplan.audiences`).
Text is escaped; the only links are to the newsroom's own pages and feeds.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping, Sequence
from html import escape
from typing import Any, ClassVar

import attrs

from presskit.errors import ExportError
from presskit.exporters import (
    BuildContext,
    CollectionDocument,
    CollectionExporter,
    CollectionOptions,
)
from presskit.layout import label, local_time
from presskit.model import PressRelease
from presskit.profiles import check_profile

__all__ = ["IndexExporter", "IndexOptions"]

_STYLE = """
:root { --ink: #1a1a1a; --muted: #5a5a5a; --accent: #004a8f; }
body { margin: 0; font: 1rem/1.55 system-ui, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "Noto Sans Tamil", "Noto Sans Thai", sans-serif; color: var(--ink); }
header, main, footer { max-width: 50rem; margin: 0 auto; padding: 1rem 1.25rem; }
header { border-bottom: 1px solid #ddd; }
header p { margin: 0; font-weight: 600; color: var(--accent); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
nav h2 { font-size: .9rem; text-transform: uppercase; color: var(--muted); margin: .75rem 0 0; }
h1 { color: var(--accent); font-size: 1.8rem; }
ol.releases { list-style: none; padding: 0; }
ol.releases li { border-bottom: 1px solid #eee; padding: .75rem 0; }
ol.releases h2 { font-size: 1.15rem; margin: .15rem 0; }
.meta { color: var(--muted); font-size: .9rem; margin: 0; }
.lede { margin: .25rem 0 0; }
a { color: var(--accent); }
footer { border-top: 1px solid #ddd; color: var(--muted); font-size: .9rem; }
@media print { nav, footer { display: none; } a { color: inherit; text-decoration: none; } }
""".strip()


@attrs.frozen(kw_only=True)
class IndexOptions(CollectionOptions):
    """Options of the ``index`` exporter.

    Attributes:
        profile: the house style of the dates (``"sg"``: ``17 JAN 2025``).
        ledes: show each release's lede under its headline.
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    ledes: bool = True
    fingerprints: Mapping[str, str] = attrs.field(
        factory=dict,
        repr=False,
        eq=False,
        validator=lambda _, __, value: _check_fingerprints(value),
    )


def _check_fingerprints(value: object) -> None:
    if not isinstance(value, Mapping):
        raise ExportError("index: option fingerprints is set by the build, not by hand")


def _file(key: str) -> str:
    """``newsroom`` -> ``index.html``; ``agency/mddi`` -> ``agency-mddi.html``."""
    return "index.html" if key == "newsroom" else key.replace("/", "-") + ".html"


class IndexExporter(CollectionExporter[IndexOptions]):
    """The newsroom index pages (see the module docstring)."""

    name: ClassVar[str] = "index"
    media_type: ClassVar[str] = "text/html"
    extension: ClassVar[str] = "html"
    owned: ClassVar[tuple[str, ...]] = ("index.html", "agency-*.html", "language-*.html")
    description: ClassVar[str] = (
        "the newsroom index: HTML pages of releases, newest first, per agency and language"
    )
    Options: ClassVar[type[IndexOptions]] = IndexOptions

    @classmethod
    def in_build(cls, options: IndexOptions, context: BuildContext) -> IndexOptions:
        """In a build, a page's key is made from its releases' fingerprints."""
        return attrs.evolve(options, fingerprints=context.fingerprints)

    def render_collection(
        self, releases: Sequence[PressRelease], options: IndexOptions
    ) -> dict[str, bytes]:
        return {d.path: d.make() for d in self.documents(releases, options)}

    def documents(
        self, releases: Sequence[PressRelease], options: IndexOptions
    ) -> Iterator[CollectionDocument]:
        """Each page, made when asked for, with a key made from what it shows (its
        releases' fingerprints, in order, the menu, the options and the site); ``None``
        when a release has no fingerprint. A release's list item is made once for all
        the pages that list it."""
        from presskit.buildcache import digest
        from presskit.exporters._feedparts import catalogue_stamp
        from presskit.feedplan import audiences

        if options.now is None:
            raise ExportError(
                "index: the newsroom index needs the current time (option now) to leave "
                "out releases under embargo"
            )
        slices = audiences(releases, site=options.site, now=options.now)
        items: dict[tuple[object, ...], str] = {}
        menu = repr([(a.key, a.title, a.label, a.language, len(a.releases)) for a in slices])
        salt = repr((options.site, options.profile, options.ledes, menu, catalogue_stamp()))
        for audience in slices:
            prints = [options.fingerprints.get(r.slug) for r in audience.releases]
            key = None
            if all(prints):
                key = digest("index-page/1", salt, audience.key, *(p or "" for p in prints))
            make = functools.partial(_page_bytes, audience, slices, options, items)
            yield CollectionDocument(_file(audience.key), key, make)


def _page_bytes(
    audience: Any,
    slices: Sequence[Any],
    options: IndexOptions,
    items: dict[tuple[object, ...], str],
) -> bytes:
    return _page(audience, slices, options, items).encode("utf-8")


def _page(
    audience: Any,
    slices: Sequence[Any],
    options: IndexOptions,
    items: dict[tuple[object, ...], str] | None = None,
) -> str:
    """The page of ``audience``; ``items`` keeps each release's list item by (slug,
    whether its language is not the page's), and each formatted date, for the other
    pages."""
    from presskit.fragment import direction
    from presskit.profiles import format_date, resolve_profile
    from presskit.publication import published_at

    site = options.site
    site_name = site.name or label("newsroom.releases", audience.language)
    lang = audience.language
    out: list[str] = []
    w = out.append
    w("<!DOCTYPE html>\n")
    w(f'<html lang="{escape(lang)}" dir="{direction(lang)}">\n<head>\n<meta charset="utf-8">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w(f"<title>{escape(audience.title)}</title>\n")
    if site.description:
        w(f'<meta name="description" content="{escape(site.description)}">\n')
    if site.base_url:
        page = _file(audience.key)
        w(f'<link rel="canonical" href="{escape(site.url(page))}">\n')
        for ext, media, kind in (
            ("atom", "application/atom+xml", "Atom"),
            ("rss", "application/rss+xml", "RSS"),
            ("json", "application/feed+json", "JSON Feed"),
        ):
            w(
                f'<link rel="alternate" type="{media}" title="{escape(audience.title)} ({kind})" '
                f'href="feeds/{escape(audience.key)}.{ext}">\n'
            )
    w(f"<style>\n{_STYLE}\n</style>\n</head>\n<body>\n")
    w(f'<header>\n<p><a href="index.html">{escape(site_name)}</a></p>\n')
    w(_nav(slices, audience))
    w("</header>\n<main>\n")
    w(f"<h1>{escape(audience.title)}</h1>\n")
    if not audience.releases:
        w(f"<p>{escape(label('index.empty', lang))}</p>\n")
    else:
        w('<ol class="releases">\n')
        kept: dict[tuple[object, ...], str] = {} if items is None else items

        def dates(day: dt.date, style: str, language: str) -> str:
            """format_date, each date once per build (many releases share a day)."""
            key = ("date", day, style, language)
            if key not in kept:
                kept[key] = format_date(day, style, language)
            return kept[key]

        for release in audience.releases:
            other = release.language.lower() != lang.lower()
            item = kept.get((release.slug, other))
            if item is None:
                profile = resolve_profile(options.profile, release, site.style)
                item = _item(release, lang, profile, options.ledes, dates, published_at)
                kept[(release.slug, other)] = item
            w(item)
        w("</ol>\n")
    w("</main>\n<footer>\n")
    if site.base_url:
        key = escape(audience.key)
        w(
            f'<p>{escape(label("feeds.subscribe", lang))} <a href="feeds/{key}.atom">Atom</a> · '
            f'<a href="feeds/{key}.rss">RSS</a> · <a href="feeds/{key}.json">JSON Feed</a></p>\n'
        )
    if site.rights:
        w(f"<p>{escape(site.rights)}</p>\n")
    w("</footer>\n</body>\n</html>\n")
    return "".join(out)


def _nav(slices: Sequence[Any], current: Any) -> str:
    agencies = [a for a in slices if a.key.startswith("agency/")]
    languages = [a for a in slices if a.key.startswith("language/")]
    language = current.language
    out = [f'<nav aria-label="{escape(label("index.nav", language))}">\n']
    for key, group in (("index.agencies", agencies), ("index.languages", languages)):
        if not group:
            continue
        out.append(f"<h2>{escape(label(key, language))}</h2>\n<ul>\n")
        for audience in group:
            name = audience.label
            lang = f' lang="{escape(audience.language)}"' if group is languages else ""
            current_mark = ' aria-current="page"' if audience is current else ""
            out.append(
                f'<li><a href="{_file(audience.key)}"{lang}{current_mark}>{escape(name)}</a> '
                f"({len(audience.releases)})</li>\n"
            )
        out.append("</ul>\n")
    out.append("</nav>\n")
    return "".join(out)


def _item(
    release: PressRelease,
    page_language: str,
    profile: Any,
    ledes: bool,
    format_date: Any,
    published_at: Any,
) -> str:
    from presskit.fragment import direction

    when = local_time(published_at(release), release)
    date = format_date(when.date(), profile.date_style, release.language)
    lang = ""
    if release.language.lower() != page_language.lower():
        lang = f' lang="{escape(release.language)}" dir="{direction(release.language)}"'
    issuers = " · ".join(escape(i.short_name) for i in release.issuers)
    parts = [
        f"<li{lang}>\n",
        f'<p class="meta"><time datetime="{when.isoformat()}">'
        f"{escape(date)}</time> · {issuers}</p>\n",
        f'<h2><a href="{escape(release.slug)}/">{escape(release.headline)}</a></h2>\n',
    ]
    if ledes and release.lede is not None:
        parts.append(f'<p class="lede">{escape(release.lede.text)}</p>\n')
    parts.append("</li>\n")
    return "".join(parts)
