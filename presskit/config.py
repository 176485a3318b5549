"""``presskit.toml``: a newsroom's choices, made once (issue 17).

``presskit build`` (and ``check``, ``config``) read ``presskit.toml`` in the current
folder, or the file named with ``--config``. Every key is optional::

    style = "uk"                      # the house style of every format (sg, us, uk)
    formats = ["text:uk", "docx", "pdf", "html", "eml", "kit", "atom", "index"]
    output = "public"                 # the output folder (default: dist)
    sources = ["releases"]            # what to build when no path is given (default: sources)
    theme = "brand"                   # a theme folder (docs/themes.md)
    now = "source-date-epoch"         # "clock", "source-date-epoch" or a date-time
    jobs = 2                          # render processes (default: one per core)
    cache_dir = ".cache/presskit"     # the build cache (default: beside the output)
    cache_size = 1024                 # MB

    [site]                            # the newsroom (was [site] in agencies.toml)
    name = "MDDI and IMDA newsroom"
    base_url = "https://newsroom.example.org/"

    [options.text]                    # per-format options, as --set text.width=80
    width = 80

Relative paths (``output``, ``sources``, ``theme``, ``cache_dir`` and exporter options
that are paths, such as ``[options.docx] reference_doc``) are relative to the folder of
``presskit.toml``. The file is read as strictly as a source: an unknown key (with the
likely one), a value of the wrong type, an unknown format, option or style is a
:class:`~presskit.errors.SourceError` naming the file and the line.

Command-line flags win over the file, the file over presskit's defaults:
:func:`effective` says, for each setting, its value and where it came from.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from presskit.configfile import ListOf, TableOf, key_line, parse_toml
from presskit.configfile import check as check_schema
from presskit.errors import ModelError, PresskitError, SourceError
from presskit.site import Site

if TYPE_CHECKING:
    from presskit.buildcache import Cache

__all__ = [
    "CONFIG_FILE",
    "NOW_POLICIES",
    "SCHEMA",
    "Config",
    "Setting",
    "agencies_site",
    "effective",
    "find_config",
    "format_settings",
    "load_config",
    "toml_value",
]

#: The file name looked for in the current folder.
CONFIG_FILE = "presskit.toml"

#: The words ``now`` may be, besides a date-time (RFC 3339, with an offset).
NOW_POLICIES = ("clock", "source-date-epoch")

_SITE = {
    "name": str,
    "base_url": str,
    "description": str,
    "language": str,
    "time_zone": str,
    "icon": str,
    "logo": str,
    "hubs": ListOf(str),
    "feed_page_size": int,
    "rights": str,
    "sender": str,
}

#: The keys presskit.toml may hold (see :mod:`presskit.configfile`).
SCHEMA: Mapping[str, Any] = {
    "style": str,
    "formats": (ListOf(str), str),
    "output": str,
    "sources": (ListOf(str), str),
    "theme": str,
    "now": (str, dt.datetime),
    "jobs": int,
    "cache_dir": str,
    "cache_size": int,
    "site": _SITE,
    "options": TableOf(TableOf((str, int, float, bool, ListOf(str)))),
}


@attrs.frozen(kw_only=True)
class Config:
    """A ``presskit.toml``, read and checked (every attribute ``None`` when not set).

    Attributes:
        path: the file, or ``None`` (no file: presskit's defaults).
        style: the newsroom's house style (``"sg"``, ``"us"``, ``"uk"``).
        formats: the formats to build, as ``-f`` takes them (``"text:uk"``).
        output: the output folder (absolute, or relative to the current folder).
        sources: the source files and folders built when no path is given.
        theme: the theme folder.
        now: ``"clock"``, ``"source-date-epoch"`` or an ISO 8601 date-time with offset.
        jobs: render processes.
        cache_dir: the build cache folder.
        cache_size: the cache's bound in megabytes.
        site: the newsroom settings of ``[site]``, or ``None`` when the file has no
            ``[site]`` table (``style`` is not in it: :meth:`site_for` adds it).
        options: by format name (resolved: ``word`` -> ``docx``), its options.
        lines: by dotted key (``"site.base_url"``, ``"options.text.width"``), the line it
            is set on.
    """

    path: Path | None = None
    style: str | None = None
    formats: tuple[str, ...] | None = None
    output: Path | None = None
    sources: tuple[Path, ...] | None = None
    theme: Path | None = None
    now: str | None = None
    jobs: int | None = None
    cache_dir: Path | None = None
    cache_size: int | None = None
    site: Site | None = None
    options: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict)
    lines: Mapping[str, int] = attrs.field(factory=dict, repr=False)

    def site_for(self, fallback: Site | None) -> Site:
        """The newsroom settings of a build: ``[site]`` of this file, else ``fallback``
        (``[site]`` of ``agencies.toml``), else the defaults; with this file's ``style``
        when it sets one."""
        site = self.site or fallback or Site()
        return site if self.style is None else attrs.evolve(site, style=self.style)

    def origin(self, key: str) -> str:
        """Where ``key`` was set: ``"presskit.toml:3"``."""
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else str(self.path)


def find_config(given: Path | None = None, folder: Path | None = None) -> Path | None:
    """The configuration file: ``given`` (``--config``), else ``presskit.toml`` in
    ``folder`` (default: the current folder) when there is one, else ``None``.

    Raises:
        SourceError: ``given`` is not a file.
    """
    if given is not None:
        if not given.is_file():
            raise SourceError(str(given), "no such configuration file (--config)")
        return given
    found = (folder or Path()) / CONFIG_FILE
    return found if found.is_file() else None


def load_config(path: Path | None) -> Config:
    """Read and check the ``presskit.toml`` at ``path`` (``None``: an empty
    :class:`Config`).

    Raises:
        SourceError: the file cannot be read, is not valid TOML, holds an unknown key
            (with the likely one), a value of the wrong type, an unknown style, format or
            exporter option, or an invalid ``[site]`` value or ``now``; the error names
            the file, the line and the key.
    """
    if path is None:
        return Config()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(name, "is not UTF-8 text") from None
    except OSError as exc:
        raise SourceError(name, f"cannot be read: {exc.strerror or exc}") from None
    data = parse_toml(text, path=name)
    check_schema(data, SCHEMA, path=name, text=text)
    checker = _Checker(name, text, path.parent)
    lines = {key: line for key in _keys(data) if (line := key_line(text, key))}
    return Config(
        path=path,
        style=checker.style(data.get("style"), "style"),
        formats=checker.formats(data.get("formats")),
        output=checker.folder(data.get("output"), "output"),
        sources=checker.folders(data.get("sources")),
        theme=checker.theme(data.get("theme")),
        now=checker.now(data.get("now")),
        jobs=checker.number(data.get("jobs"), "jobs", 1, 256),
        cache_dir=checker.folder(data.get("cache_dir"), "cache_dir"),
        cache_size=checker.number(data.get("cache_size"), "cache_size", 1, None),
        site=checker.site(data.get("site")),
        options=checker.options(data.get("options", {})),
        lines=lines,
    )


def _keys(data: Mapping[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        dotted = f"{prefix}.{key}" if prefix else key
        out.append(dotted)
        if isinstance(value, dict):
            out += _keys(value, dotted)
    return out


@attrs.define
class _Checker:
    """Checks of a value beyond its type; each failure names the file and line."""

    path: str
    text: str
    folder_: Path

    def fail(self, field: str, message: str) -> SourceError:
        return SourceError(self.path, message, line=key_line(self.text, field), field=field)

    def style(self, value: str | None, field: str) -> str | None:
        from presskit.profiles import PROFILES

        if value is not None and value not in PROFILES:
            raise self.fail(field, _unknown("house style", value, list(PROFILES)))
        return value

    def folder(self, value: str | None, field: str) -> Path | None:
        if value is not None and not value.strip():  # "" would be this file's folder
            raise self.fail(field, "give a folder name, got an empty string")
        return None if value is None else self.folder_ / Path(value).expanduser()

    def theme(self, value: str | None) -> Path | None:
        """The theme folder, read now: a folder that is not there names this file's
        line (``theme``); a mistake in its theme.toml names that file's line."""
        from presskit.theme import load_theme

        folder = self.folder(value, "theme")
        if folder is not None:
            try:
                load_theme(folder)
            except SourceError as exc:
                if exc.path != str(folder):
                    raise
                raise self.fail("theme", f"{value}: {exc.message}") from None
        return folder

    def folders(self, value: str | list[str] | None) -> tuple[Path, ...] | None:
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        return tuple(p for item in items if (p := self.folder(item, "sources")) is not None)

    def number(self, value: int | None, field: str, low: int, high: int | None) -> int | None:
        if value is not None and (value < low or (high is not None and value > high)):
            within = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise self.fail(field, f"must be {within}, got {value}")
        return value

    def now(self, value: str | dt.datetime | None) -> str | None:
        if value is None or value in NOW_POLICIES:
            return value if value is None else str(value)
        if isinstance(value, dt.datetime):
            parsed = value
        else:
            try:
                parsed = dt.datetime.fromisoformat(str(value))
            except ValueError:
                raise self.fail(
                    "now",
                    f"{value!r} is not 'clock', 'source-date-epoch' or a date-time such as "
                    "2025-01-17T10:00:00+08:00",
                ) from None
        if parsed.tzinfo is None:
            raise self.fail("now", f"{value!s} has no time zone; add an offset such as +08:00")
        return parsed.isoformat()

    def formats(self, value: str | list[str] | None) -> tuple[str, ...] | None:

        if value is None:
            return None
        items = value.split(",") if isinstance(value, str) else value
        specs = tuple(item.strip() for item in items if item.strip())
        for spec in specs:
            name, _, variant = spec.partition(":")
            if not variant:  # the name alone: nothing imported (a build's start-up stays light)
                self._name(name, "formats")
                continue
            exporter = self._exporter(name, "formats")
            if variant not in exporter.variants:
                choices = list(exporter.variants)
                raise self.fail(
                    "formats", _unknown(f"variant of {exporter.name}", variant, choices)
                )
        return specs

    def options(self, value: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = {}
        for fmt, table in value.items():
            exporter = self._exporter(fmt, f"options.{fmt}")
            known = exporter.option_names()
            paths = {a.name for a in attrs.fields(exporter.Options) if "Path" in str(a.type or "")}
            resolved = out.setdefault(exporter.name, {})
            for key, item in table.items():
                if key not in known:
                    raise self.fail(f"options.{fmt}.{key}", _unknown(f"{fmt} option", key, known))
                if key == "profile":
                    self.style(str(item), f"options.{fmt}.{key}")
                if key in paths and isinstance(item, str):
                    item = str(self.folder_ / Path(item).expanduser())
                try:
                    exporter.make_options(**{key: item})
                except PresskitError as exc:
                    raise self.fail(f"options.{fmt}.{key}", str(exc)) from None
                resolved[key] = item
        return out

    def site(self, value: Mapping[str, Any] | None) -> Site | None:
        if value is None:
            return None
        try:
            return Site(**value)
        except ModelError as exc:
            raise self.fail(f"site.{exc.field}", exc.message) from None

    def _name(self, name: str, field: str) -> str:
        from presskit import exporters

        try:
            return exporters.resolve(name)
        except PresskitError:
            known = exporters.available()
            raise self.fail(field, _unknown("format", name, known)) from None

    def _exporter(self, name: str, field: str) -> Any:
        from presskit import exporters

        resolved = self._name(name, field)
        try:
            return exporters.get(resolved)
        except PresskitError as exc:  # a broken plugin's options: this file names it
            raise self.fail(field, str(exc)) from None


def _unknown(what: str, value: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {what} {value!r}{hint} (known: {', '.join(known)})"


@attrs.frozen
class Setting:
    """One setting of a build: its value and where it came from.

    Attributes:
        key: ``"output"``, ``"site.base_url"``, ``"options.text.width"``.
        value: the value (``None``: not set; ``note`` says what that means).
        origin: ``"--out"``, ``"presskit.toml:3"``, ``"sources/agencies.toml (deprecated)"``,
            ``"default"``.
        note: what an unset value or a policy means (``"one per core"``), or ``""``.
    """

    key: str
    value: object
    origin: str
    note: str = ""


#: presskit's defaults, with what they mean.
_DEFAULTS: dict[str, tuple[object, str]] = {
    "style": ("sg", "Singapore government style, unless a release names its own"),
    "formats": (None, "every format"),
    "output": ("dist", ""),
    "sources": (["sources"], ""),
    "theme": (None, "presskit's default theme"),
    "now": ("source-date-epoch", "SOURCE_DATE_EPOCH when set, else the clock"),
    "jobs": (None, "one per core"),
    "cache_dir": (None, ".presskit-cache/ beside the output folder"),
    "cache_size": (2048, "megabytes"),
}

#: The command-line flag of each setting.
FLAGS: Mapping[str, str] = {
    "formats": "-f/--format",
    "output": "-o/--out",
    "sources": "PATHS",
    "theme": "--theme",
    "now": "--now",
    "jobs": "-j/--jobs",
    "cache_dir": "--cache-dir",
    "cache_size": "--cache-size",
}


def effective(
    config: Config,
    given: Mapping[str, object],
    *,
    settings: Mapping[str, Mapping[str, object]] = {},
    site: Site | None = None,
    site_origin: str = "default",
    site_origins: Mapping[str, str] = {},
) -> list[Setting]:
    """Every setting of a build, with where it came from: a command-line flag
    (``given``: values by key, ``None`` when the flag was not given), else the
    configuration file, else presskit's default.

    Args:
        config: the configuration file read.
        given: by key (:data:`FLAGS`), the value of the flag given, or ``None``.
        settings: the ``--set`` options by format, which win over ``[options.<format>]``.
        site: the newsroom settings when not from the file (``agencies.toml``'s).
        site_origin: where ``site`` came from.
        site_origins: by field name, where each of its values came from (a line).
    """
    out = []
    for key, (default, note) in _DEFAULTS.items():
        flag = given.get(key)
        value = getattr(config, key)
        if key == "style":
            out.append(_style(config, site, site_origin, note))
        elif flag not in (None, (), []):
            out.append(Setting(key, _plain(flag), FLAGS[key]))
        elif value is not None:
            out.append(Setting(key, _plain(value), config.origin(key)))
        else:
            out.append(Setting(key, default, "default", note))
    chosen = config.site_for(site)
    blank = Site()
    for field in attrs.fields(Site):
        key = f"site.{field.name}"
        value = getattr(chosen, field.name)
        if field.name == "style":
            continue
        if config.site is not None:
            where = config.origin(key) if key in config.lines else "default"
        else:
            where = site_origins.get(field.name, "default")
            if where == "default" and value != getattr(blank, field.name):
                where = site_origin
        out.append(Setting(key, _plain(value), where))
    for fmt in sorted({*config.options, *settings}):
        for key, value in {**config.options.get(fmt, {}), **settings.get(fmt, {})}.items():
            from_cli = key in settings.get(fmt, {})
            where = f"--set {fmt}.{key}" if from_cli else config.origin(f"options.{fmt}.{key}")
            out.append(Setting(f"options.{fmt}.{key}", value, where))
    return out


def _style(config: Config, site: Site | None, site_origin: str, note: str) -> Setting:
    if config.style is not None:
        return Setting("style", config.style, config.origin("style"))
    if site is not None and site.style is not None:
        return Setting("style", site.style, site_origin)
    return Setting("style", "sg", "default", note)


def _plain(value: object) -> object:
    """A value as TOML writes it: paths as text, tuples as lists."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def agencies_site(
    sources: Sequence[Path], *, cache: Cache | None = None
) -> tuple[Site | None, str | None, dict[str, str]]:
    """The ``[site]`` table of the ``agencies.toml`` the first of ``sources`` uses (the
    deprecated place), where it is (``file:line``, relative to the current folder when
    inside it), and where each of its keys is; ``(None, None, {})`` when it has none.
    The file is parsed once per process for the same bytes, or taken from the build
    ``cache`` (:func:`presskit.sources.agencies_of`).

    Raises:
        SourceError: that agencies.toml is not valid.
    """
    from presskit.sources import agencies_of
    from presskit.sources.agencies import find_agencies

    found = find_agencies(sources[0]) if sources else None
    if found is None:
        return None, None, {}
    site = agencies_of(found, cache=cache).site
    if site == Site():
        return None, None, {}
    shown = _shown(found)
    text = found.read_text(encoding="utf-8-sig")  # (only when it has a [site]: deprecated)
    line = key_line(text, "site")
    table = tomllib.loads(text).get("site", {})
    lines = {name: key_line(text, f"site.{name}") for name in table}
    where = {name: f"{shown}:{n}" for name, n in lines.items() if n}
    return site, f"{shown}:{line}" if line else shown, where


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def format_settings(rows: Sequence[Setting]) -> list[str]:
    """The lines ``presskit config`` prints: each setting as a TOML line, in tables as
    presskit.toml has them, with where it came from in a comment; an unset one as a
    comment saying what that means. The lines are a valid presskit.toml."""
    lines: list[tuple[str, str]] = []
    table = ""
    for row in rows:
        head, _, key = row.key.rpartition(".")
        if head != table:
            lines.append((f"\n[{head}]", ""))
            table = head
        if row.value is None:
            note = f" ({row.note})" if row.note else ""
            lines.append((f"# {key} is not set", f"{row.origin}{note}"))
        else:
            note = f": {row.note}" if row.note else ""
            lines.append((f"{key} = {toml_value(row.value)}", f"{row.origin}{note}"))
    width = min(max(len(text) for text, why in lines if why), 60)
    return [f"{text:<{width}}  # {why}" if why else text for text, why in lines]


def toml_value(value: object) -> str:
    """A value as TOML writes it (strings quoted as JSON quotes them, which TOML reads)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)
