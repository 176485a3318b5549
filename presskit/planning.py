"""What a build writes: the targets (a format, a variant, options) and the plan that
sorts them into documents (one file per release) and collections (the feeds, the index),
leaving out, with the reason, the collections that cannot be written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from presskit import exporters
from presskit.errors import ExportError, PresskitError
from presskit.exporters import CollectionExporter

if TYPE_CHECKING:
    from presskit.site import Site

__all__ = ["RESERVED_OPTIONS", "Plan", "Skipped", "Target", "parse_targets", "plan"]


@attrs.frozen
class Target:
    """One file to write per release: a format, an optional variant, and its options."""

    format: str
    variant: str | None = None
    options: Mapping[str, object] = attrs.field(factory=dict)

    def filename(self, slug: str, extension: str) -> str:
        """``<slug>.<ext>`` or ``<slug>.<variant>.<ext>``."""
        middle = f".{self.variant}" if self.variant else ""
        return f"{slug}{middle}.{extension}"


def parse_targets(
    specs: Sequence[str] | None,
    *,
    options: Mapping[str, Mapping[str, object]] | None = None,
    style: str | None = None,
) -> list[Target]:
    """Turn format specs (``"text"``, ``"text:us"``, ``"json"``, aliases allowed) into
    targets. ``None`` or an empty list means every registered format that loads (a
    broken plugin is left out with a warning, see :func:`presskit.exporters.usable`).
    A format with variants and no ``:variant`` expands to all its variants, except that
    a format whose variants are the house styles (``text``) expands to ``style``'s alone
    when the newsroom has chosen one.

    Args:
        specs: the format specs.
        options: per-format options (``{"text": {"width": 80}}``), applied to every
            variant of that format (a variant's own preset wins for its key).
        style: the newsroom's house style (presskit.toml's ``style``), or ``None``.

    Raises:
        UnknownFormatError: a format name is not registered.
        PluginError: a format named cannot be used (a broken plugin).
        ExportError: a variant is unknown, or an option is invalid.
    """
    options = options or {}
    names = list(specs) if specs else exporters.usable()  # broken plugins: warned, left out
    targets: list[Target] = []
    for spec in names:
        name, _, variant = spec.partition(":")
        exporter = exporters.get(name)
        extra = dict(options.get(exporter.name, {}))
        _refuse_reserved(exporter.name, extra)
        chosen = [variant] if variant else _variants(exporter, style)
        for v in chosen:
            merged = exporters.apply_variant(exporter, v, extra)
            if merged or not exporter.__module__.startswith("presskit."):
                # validate early, before anything is written (a built-in format's
                # defaults are valid: making them costs a rebuild ~50 ms of imports)
                exporter.make_options(**merged)
            target = Target(exporter.name, v or None, merged)
            if target not in targets:
                targets.append(target)
    for fmt in options:
        if not any(t.format == exporters.resolve(fmt) for t in targets):
            exporters.get(fmt)  # a broken plugin's own error first
            raise ExportError(f"options were given for {fmt!r}, which is not being built")
    return targets


def _variants(exporter: type[exporters.BaseExporter], style: str | None) -> list[str]:
    """The variants a format named without one is built in: all of them, or, for a
    format whose variants are the house styles, the newsroom's ``style`` alone."""
    from presskit.profiles import PROFILES

    variants = list(getattr(exporter, "variants", {}))
    if style is not None and style in variants and set(variants) <= set(PROFILES):
        return [style]
    return variants or [""]


#: Options the build sets itself, from its :class:`~presskit.exporters.BuildContext`.
RESERVED_OPTIONS = frozenset(
    {
        "now",
        "source_date_epoch",
        "asset_root",
        "site",
        "files",
        "siblings",
        "unpublished",
        "fingerprints",
        "cache",
    }
)


def _refuse_reserved(fmt: str, options: Mapping[str, object]) -> None:
    reserved = sorted(RESERVED_OPTIONS & set(options))
    if reserved:
        raise ExportError(
            f"{fmt}: {', '.join(reserved)} cannot be set per format: the build passes "
            "now (from --now), source_date_epoch (from SOURCE_DATE_EPOCH), asset_root "
            "(each source's folder), site (the [site] table of presskit.toml), files (what "
            "it wrote, to the feeds), siblings (a release's other files, to the page "
            "and the kit), fingerprints and cache (the build cache, to the feeds) itself"
        )


@attrs.frozen
class Skipped:
    """Collection formats a build leaves out, and why.

    Attributes:
        formats: the format names, in target order.
        reason: why, a clause that follows ``"<formats> not written: "``.
    """

    formats: tuple[str, ...]
    reason: str

    def message(self) -> str:
        """``"atom, rss not written: <reason>"``."""
        return f"{', '.join(self.formats)} not written: {self.reason}"


@attrs.frozen
class Plan:
    """What a build writes: the document targets (one file per release each), the
    collection targets (files for the whole newsroom) and the collection formats left
    out, with the reason (see :func:`plan`).
    """

    documents: tuple[Target, ...]
    collections: tuple[Target, ...]
    skipped: tuple[Skipped, ...] = ()


#: Why a collection format is left out (templates: ``{they}`` is "it" or "they" ...).
_NEEDS_NOW = "the current time (now)"
_NEEDS_URL = (
    "the newsroom's public URL (base_url in the [site] table of presskit.toml; docs/feeds.md)"
)
_NEEDS = "{they} need{s} {missing}"
_PART = (
    "{they} list{s} the whole newsroom, so {they} {are} built from folders of sources (such "
    "as sources/), not from single files; ask for {them} with -f to build {them} anyway"
)
_FAILED = "a source failed to load, and {they} list{s} the whole newsroom; fix it and build again"
_ONE = {"they": "it", "s": "s", "are": "is", "them": "it"}
_MANY = {"they": "they", "s": "", "are": "are", "them": "them"}


def plan(
    targets: Sequence[Target] | None = None,
    *,
    now: dt.datetime | None,
    site: Site,
    explicit: bool | None = None,
    whole_newsroom: bool = True,
    all_loaded: bool = True,
) -> Plan:
    """Choose what a build writes: the command line and :func:`build` both ask here.

    Document formats are always written. A collection format (the feeds, the index) is
    left out when it cannot be written (no ``now``; a feed without ``site.base_url``),
    when the releases are not the whole newsroom (built from single files) and it was
    not asked for, or when a source failed to load (the collections would withdraw its
    release from the public site).

    Args:
        targets: what to write; ``None``: :func:`parse_targets` of every format.
        now: the build's current instant, or ``None``.
        site: the newsroom settings.
        explicit: the formats were asked for by name (default: ``targets`` given).
        whole_newsroom: the releases are the whole newsroom (a folder of sources).
        all_loaded: every source loaded.

    Raises:
        PresskitError: a collection format asked for by name cannot be written.
    """
    explicit = targets is not None if explicit is None else explicit
    chosen = list(targets) if targets is not None else parse_targets(None, style=site.style)
    documents: list[Target] = []
    collections: list[Target] = []
    skipped: dict[str, list[str]] = {}
    for target in chosen:
        exporter = exporters.get(target.format)
        if not issubclass(exporter, exporters.CollectionExporter):
            documents.append(target)
            continue
        reason = _left_out(exporter, now, site, explicit, whole_newsroom, all_loaded)
        if reason is None:
            collections.append(target)
        elif target.format not in skipped.setdefault(reason, []):
            skipped[reason].append(target.format)
    return Plan(
        tuple(documents),
        tuple(collections),
        tuple(
            Skipped(tuple(formats), reason.format(**(_ONE if len(formats) == 1 else _MANY)))
            for reason, formats in skipped.items()
        ),
    )


def _left_out(
    exporter: type[CollectionExporter],
    now: dt.datetime | None,
    site: Site,
    explicit: bool,
    whole_newsroom: bool,
    all_loaded: bool,
) -> str | None:
    """Why the collection ``exporter`` is not written, or ``None`` when it is."""
    missing = []
    if now is None:
        missing.append(_NEEDS_NOW)
    if exporter.needs_base_url and site.base_url is None:
        missing.append(_NEEDS_URL)
    if missing and explicit:
        raise PresskitError(f"{exporter.name} needs {' and '.join(missing)}; nothing was written")
    if missing:
        return _NEEDS.replace("{missing}", " and ".join(missing))
    if not whole_newsroom and not explicit:
        return _PART
    if not all_loaded:
        return _FAILED
    return None
