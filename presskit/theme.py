"""Themes: one brand for every format (issue 17).

A theme is a folder::

    my-theme/
        theme.toml       colours, fonts per script, sizes, spacing, margins (one schema,
                         checked strictly: an unknown key is an error with a did-you-mean)
        reference.docx   optional: a Word reference document; its styles win for the DOCX
        templates/       optional: Jinja2 templates (release.html, index.html, email.html,
                         partials), each overriding the default theme's of the same name
        static/          optional: CSS and images published beside the HTML pages

presskit's own theme, the default, is ``presskit/themes/default/`` (the same layout). A
user's ``theme.toml`` is laid over the default's table by table, key by key, so a theme
names only what it changes. ``presskit theme new DIR`` writes a copy of the default theme.

Exporters read a theme from :attr:`presskit.exporters.BuildContext.theme` (the build's)
or from their ``theme`` option (the API's); :func:`load_theme` makes one.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from presskit.configfile import ListOf, TableOf
from presskit.errors import SourceError

__all__ = ["DEFAULT_FOLDER", "SCHEMA", "Theme", "default_theme", "load_theme"]

#: The default theme's folder, inside the package.
DEFAULT_FOLDER = Path(__file__).resolve().parent / "themes" / "default"

_COLOURS = {"accent": str, "muted": str, "link": str, "rule": str, "text": str, "background": str}

#: The keys a ``theme.toml`` may hold (see :mod:`presskit.configfile`).
SCHEMA: Mapping[str, Any] = {
    "colours": _COLOURS,
    "docx": {
        "fonts": {"latin": str, "east_asian": TableOf(str), "complex": TableOf(str)},
        "colours": _COLOURS,
    },
    "pdf": {
        "base_size": float,
        "leading": float,
        "margins_mm": {"top": float, "bottom": float, "left": float, "right": float},
        "colours": _COLOURS,
        "fonts": TableOf(TableOf((str, ListOf(str)))),
    },
    # the HTML pages (release page, index) and the e-mail's HTML part: a CSS font stack
    # and colours (presskit.templating)
    "html": {"fonts": ListOf(str), "colours": _COLOURS},
    "email": {"fonts": ListOf(str), "colours": _COLOURS},
}


@attrs.frozen
class Theme:
    """A theme, read and checked.

    Attributes:
        folder: the theme's folder (:data:`DEFAULT_FOLDER` for the default theme).
        values: its ``theme.toml`` laid over the default theme's (tables merged key by
            key): ``values["pdf"]["colours"]["accent"]`` is ``"1F3864"`` (RRGGBB hex).
        stamp: what identifies the theme's files (paths, sizes, modification times of
            every file of the theme and of the default theme), for the build cache.
    """

    folder: Path
    values: Mapping[str, Any] = attrs.field(eq=False, repr=False)
    stamp: str = attrs.field(repr=False)

    @property
    def is_default(self) -> bool:
        """True for presskit's own theme."""
        return self.folder == DEFAULT_FOLDER

    @property
    def reference_docx(self) -> Path | None:
        """The theme's ``reference.docx``, or ``None``."""
        path = self.folder / "reference.docx"
        return path if path.is_file() else None

    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are looked for, in order: the theme's ``templates/``, then the
        default theme's (so a theme may override one template or partial alone)."""
        return self._dirs("templates")

    def static_dirs(self) -> tuple[Path, ...]:
        """Where static files are looked for, in order (as :meth:`template_dirs`)."""
        return self._dirs("static")

    def section(self, name: str) -> Mapping[str, Any]:
        """The table ``name`` of :attr:`values` (``{}`` when the theme has none)."""
        value = self.values.get(name, {})
        return value if isinstance(value, Mapping) else {}

    def colours(self, format_name: str) -> dict[str, str]:
        """The colours (role -> ``RRGGBB`` hex) of the format ``format_name`` (``"pdf"``,
        ``"docx"``, ``"html"``): the theme's ``[colours]`` with the format's own
        ``[<format>.colours]`` laid over them."""
        own = self.section(format_name).get("colours", {})
        return {**self.section("colours"), **(own if isinstance(own, Mapping) else {})}

    def _dirs(self, name: str) -> tuple[Path, ...]:
        dirs = [self.folder / name, DEFAULT_FOLDER / name]
        return tuple(dict.fromkeys(d for d in dirs if d.is_dir()))


@cache
def default_theme() -> Theme:
    """presskit's own theme (read once per process)."""
    return _read(DEFAULT_FOLDER, {})


def load_theme(where: Path | str | Theme | None) -> Theme:
    """The theme in the folder ``where`` (or named by its ``theme.toml``), laid over the
    default theme; ``None`` gives the default theme, a :class:`Theme` itself.

    Raises:
        SourceError: there is no such folder, or its ``theme.toml`` cannot be read, is not
            valid TOML, holds an unknown key (with the likely one) or a value of the wrong
            type (``file:line: key: message``).
    """
    if where is None:
        return default_theme()
    if isinstance(where, Theme):
        return where
    path = Path(where).expanduser()
    folder = path.parent if path.suffix == ".toml" and path.is_file() else path
    if not folder.is_dir():
        raise SourceError(str(path), "no such theme folder (a theme is a folder with theme.toml)")
    if folder.resolve() == DEFAULT_FOLDER:
        return default_theme()
    return _read(folder, default_theme().values)


def _read(folder: Path, base: Mapping[str, Any]) -> Theme:
    from presskit.buildcache import digest, file_stamp
    from presskit.configfile import read_config

    toml = folder / "theme.toml"
    own = read_config(toml, SCHEMA) if toml.is_file() else {}
    stamps = [file_stamp(folder)]
    if folder != DEFAULT_FOLDER:
        stamps.append(file_stamp(DEFAULT_FOLDER))
    return Theme(folder=folder, values=_merge(base, own), stamp=digest("theme", *stamps))


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` laid over ``base``: tables merged key by key, other values replaced."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        out[key] = (
            _merge(old, value) if isinstance(value, dict) and isinstance(old, Mapping) else value
        )
    return out
