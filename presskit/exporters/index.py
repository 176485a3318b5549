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
The pages are the theme's ``index.html`` Jinja2 template and its partials
(:mod:`presskit.templating`, docs/templates.md), in the theme's ``[html]`` colours and
fonts. Text is escaped; the only links are to the newsroom's own pages and feeds.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping, Sequence
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
from presskit.theme import Theme, load_theme

__all__ = ["IndexExporter", "IndexOptions"]


def _theme(value: Theme | str | None) -> Theme | None:
    """A theme option: ``None``, a :class:`Theme` or a theme folder (loaded)."""
    return None if value is None else load_theme(value)


@attrs.frozen(kw_only=True)
class IndexOptions(CollectionOptions):
    """Options of the ``index`` exporter.

    Attributes:
        profile: the house style of the dates (``"sg"``: ``17 JAN 2025``).
        ledes: show each release's lede under its headline.
        theme: the theme whose templates, colours and fonts make the pages
            (:class:`presskit.theme.Theme`, or its folder); ``None``: the build's theme,
            else the default theme (docs/templates.md).
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    ledes: bool = True
    theme: Theme | None = attrs.field(default=None, converter=_theme)
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
        """In a build, a page's key is made from its releases' fingerprints, and the
        pages follow the build's theme (unless the option names one)."""
        theme = options.theme or context.theme
        return attrs.evolve(options, fingerprints=context.fingerprints, theme=theme)

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
        from presskit.theme import default_theme

        if options.now is None:
            raise ExportError(
                "index: the newsroom index needs the current time (option now) to leave "
                "out releases under embargo"
            )
        slices = audiences(releases, site=options.site, now=options.now)
        items: dict[tuple[object, ...], str] = {}
        menu = repr([(a.key, a.title, a.label, a.language, len(a.releases)) for a in slices])
        theme = options.theme or default_theme()
        salt = repr((options.site, options.profile, options.ledes, menu, catalogue_stamp()))
        salt += f"theme={theme.folder}:{theme.stamp}"
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
    """The page of ``audience``: the theme's ``index.html`` (:mod:`presskit.templating`);
    ``items`` keeps each release's list item by (slug, whether its language is not the
    page's), and each formatted date, for the other pages.

    Raises:
        presskit.templating.TemplateError: a theme's template fails (file and line).
    """
    from markupsafe import Markup

    from presskit import templating
    from presskit.fragment import direction
    from presskit.profiles import format_date, resolve_profile
    from presskit.publication import published_at

    site = options.site
    lang = audience.language
    kept: dict[tuple[object, ...], str] = {} if items is None else items

    def dates(day: dt.date, style: str, language: str) -> str:
        """format_date, each date once per build (many releases share a day)."""
        key = ("date", day, style, language)
        if key not in kept:
            kept[key] = format_date(day, style, language)
        return kept[key]

    listed = []
    item_html = templating.macro(options.theme, "partials/index-item.html", "item")
    for release in audience.releases:
        other = release.language.lower() != lang.lower()
        item = kept.get((release.slug, other))
        if item is None:
            profile = resolve_profile(options.profile, release, site.style)
            values = _item(release, lang, profile, options.ledes, dates, published_at)
            item = item_html(values)
            kept[(release.slug, other)] = item
        listed.append(Markup(item))
    key = audience.key
    feeds = []
    if site.base_url:
        for ext, media, kind in (
            ("atom", "application/atom+xml", "Atom"),
            ("rss", "application/rss+xml", "RSS"),
            ("json", "application/feed+json", "JSON Feed"),
        ):
            feeds.append({"type": media, "title": f"{audience.title} ({kind})",
                          "href": f"feeds/{key}.{ext}"})  # fmt: skip
    subscribe = None
    if site.base_url:
        subscribe = {"label": label("feeds.subscribe", lang), "atom": f"feeds/{key}.atom",
                     "rss": f"feeds/{key}.rss", "json": f"feeds/{key}.json"}  # fmt: skip
    values = {
        "lang": lang,
        "dir": direction(lang),
        "title": audience.title,
        "description": site.description or "",
        "canonical": site.url(_file(key)) if site.base_url else "",
        "feeds": feeds,
        "colours": templating.colours(options.theme, "html"),
        "fonts": templating.fonts(options.theme, "html"),
        "site_name": site.name or label("newsroom.releases", lang),
        "nav": _nav(slices, audience),
        "items": listed,
        "empty": label("index.empty", lang),
        "subscribe": subscribe,
        "rights": site.rights or "",
    }
    return templating.render(options.theme, "index.html", **values)


def _nav(slices: Sequence[Any], current: Any) -> dict[str, Any]:
    """The menu: the agencies' pages, then the languages' (each named in its own
    language, with its ``lang``), each with its number of releases."""
    agencies = [a for a in slices if a.key.startswith("agency/")]
    languages = [a for a in slices if a.key.startswith("language/")]
    language = current.language
    groups = []
    for key, group in (("index.agencies", agencies), ("index.languages", languages)):
        if not group:
            continue
        pages = [
            {
                "href": _file(audience.key),
                "name": audience.label,
                "lang": audience.language if group is languages else "",
                "current": audience is current,
                "count": len(audience.releases),
            }
            for audience in group
        ]
        groups.append({"heading": label(key, language), "pages": pages})
    return {"label": label("index.nav", language), "groups": groups}


def _item(
    release: PressRelease,
    page_language: str,
    profile: Any,
    ledes: bool,
    format_date: Any,
    published_at: Any,
) -> dict[str, Any]:
    """What ``partials/index-item.html`` is given for one release."""
    from presskit.fragment import direction

    when = local_time(published_at(release), release)
    other = release.language.lower() != page_language.lower()
    return {
        "lang": release.language if other else "",
        "dir": direction(release.language),
        "datetime": when.isoformat(),
        "date": format_date(when.date(), profile.date_style, release.language),
        "issuers": [i.short_name for i in release.issuers],
        "href": f"{release.slug}/",
        "headline": release.headline,
        "lede": release.lede.text if ledes and release.lede is not None else "",
        "slug": release.slug,
        "language": release.language,
    }
