"""Themes: one brand for every format (issue 17).

A theme is a folder::

    my-theme/
        theme.toml       colours, fonts per script, sizes, spacing, margins, logo
                         placement (one schema, :data:`SCHEMA`, checked strictly: an
                         unknown key is an error with the file, the line and a did-you-mean)
        reference.docx   optional: a Word reference document; its styles win for the DOCX
        templates/       optional: Jinja2 templates (release.html, index.html, email.html,
                         partials), each overriding the default theme's of the same name
        static/          optional: CSS and images published beside the HTML pages

presskit's own theme, the default, is ``presskit/themes/default/`` (the same layout).
``presskit theme new DIR`` writes a copy of it to edit.

What every format shares is said once: ``[colours]`` (RRGGBB hex by role) and
``[fonts.<script>]`` (by ISO 15924 script code: the family ``name`` the DOCX and the HTML
name, and the font files the PDF embeds, per face). What is the format's own (type size,
line height, margins, logo height: paper and screen differ) is in ``[pdf]``, ``[docx]``
and ``[html]``; a format's ``[<format>.colours]`` overrides shared colours for it alone.

A user's ``theme.toml`` is laid over the default's table by table, key by key, so a theme
names only what it changes, except that a ``[fonts.<script>]`` table replaces the
default's for that script whole (a family's name and its files go together). The user's
shared ``[colours]`` beat the default theme's ``[<format>.colours]``: each file is
resolved on its own (format over shared), the user's over the default's.

Exporters read a theme from :attr:`presskit.exporters.BuildContext.theme` (the build's)
or from their ``theme`` option (the API's); :func:`load_theme` makes one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from presskit.configfile import ListOf, TableOf, key_line
from presskit.errors import ExportError, SourceError

__all__ = [
    "DEFAULT_FOLDER", "FACES", "SCHEMA", "Theme", "default_theme", "load_theme", "new_theme",
    "theme_option",
]  # fmt: skip

#: The default theme's folder, inside the package.
DEFAULT_FOLDER = Path(__file__).resolve().parent / "themes" / "default"

#: The faces of a font, in ``[fonts.<script>]`` and ``[pdf.fonts.<script>]``.
FACES = ("regular", "bold", "italic", "bold_italic")

_COLOURS = {"accent": str, "muted": str, "link": str, "rule": str, "text": str, "background": str}
_FILES = (str, ListOf(str))
_MARGINS = {"top": float, "bottom": float, "left": float, "right": float}
#: What the PDF and the DOCX each set for themselves (paper: points and millimetres).
_PAGE = {"base_size": float, "leading": float, "margins_mm": _MARGINS, "logo_height_mm": float}

#: The keys a ``theme.toml`` may hold (see :mod:`presskit.configfile`).
SCHEMA: Mapping[str, Any] = {
    "colours": _COLOURS,
    "fonts": TableOf({"name": str, **dict.fromkeys(FACES, _FILES)}),
    "logo": {"align": str},
    "docx": {
        **_PAGE,
        "fonts": {"latin": str, "east_asian": TableOf(str), "complex": TableOf(str)},
        "colours": _COLOURS,
    },
    "pdf": {**_PAGE, "colours": _COLOURS, "fonts": TableOf(dict.fromkeys(FACES, _FILES))},
    # the HTML pages (release page, index) and the e-mail's HTML part: a CSS font stack
    # and colours (presskit.templating)
    "html": {"fonts": ListOf(str), "colours": _COLOURS},
    "email": {"fonts": ListOf(str), "colours": _COLOURS},
}

#: Allowed ranges of the numbers of ``[pdf]`` and ``[docx]`` (inclusive).
_RANGES = {"base_size": (5.0, 36.0), "leading": (0.9, 3.0), "logo_height_mm": (4.0, 60.0)}
_MARGIN_RANGE = (0.0, 60.0)
_ALIGN = ("left", "center", "right")
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
_SCRIPT = re.compile(r"[A-Z][a-z]{3}")
_FONT_CHARS = "letters, digits, spaces, - _ . only"
#: What a font family name may hold (letters of any script, digits, space, - _ .): the
#: names reach CSS (the pages' and the e-mail's font stacks) written as they are.
FONT_NAME = re.compile(r"[\w][\w .-]*")


@attrs.frozen
class Theme:
    """A theme, read and checked.

    Attributes:
        folder: the theme's folder (:data:`DEFAULT_FOLDER` for the default theme).
        values: its ``theme.toml`` laid over the default theme's (tables merged key by
            key, a ``[fonts.<script>]`` table replaced whole):
            ``values["colours"]["accent"]`` is ``"1F3864"`` (RRGGBB hex).
        stamp: what identifies the theme's files (paths, sizes, modification times of
            every file of the theme and of the default theme), for the build cache.
        layers: the files' own tables, the default theme's first, then the theme's (one
            for the default theme), for what is resolved file by file (:meth:`colours`).
        bare: the theme is a lone TOML file (the ``pdf`` exporter's old ``theme`` option):
            the folder around it is not a theme (no templates, no reference document).
    """

    folder: Path
    values: Mapping[str, Any] = attrs.field(eq=False, repr=False)
    stamp: str  # (in the repr: a Theme given as an option is keyed by it in the cache)
    layers: tuple[Mapping[str, Any], ...] = attrs.field(default=(), eq=False, repr=False)
    bare: bool = False

    @property
    def is_default(self) -> bool:
        """True for presskit's own theme."""
        return self.folder == DEFAULT_FOLDER and not self.bare

    @property
    def reference_docx(self) -> Path | None:
        """The theme's ``reference.docx``, or ``None``."""
        path = self.folder / "reference.docx"
        return path if not self.bare and path.is_file() else None

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
        ``"docx"``, ``"html"``): file by file, the default theme's then this theme's,
        the file's ``[colours]`` with its ``[<format>.colours]`` laid over them (so a
        theme's ``accent`` reaches every format even where the default theme gives a
        format a colour of its own). A theme's ``[colours]`` value equal to the default
        theme's is no change (a copy made by ``presskit theme new`` restates them all):
        it does not override the default's colour for the format."""
        out: dict[str, str] = {}
        layers = self.layers or (self.values,)
        shared = _table(layers[0], "colours")
        for n, layer in enumerate(layers):
            own = _table(layer, "colours").items()
            out.update({k: v for k, v in own if n == 0 or shared.get(k) != v})
            out.update(_table(_table(layer, format_name), "colours"))
        return out

    def font_name(self, script: str = "Latn") -> str | None:
        """The family name of the fonts of ``script`` (ISO 15924 code: ``"Latn"``,
        ``"Hant"``), as the DOCX and the HTML name it: ``[fonts.<script>] name``, or
        ``None`` when the theme gives none."""
        name = _table(self.section("fonts"), script).get("name")
        return name if isinstance(name, str) else None

    def pdf_fonts(self) -> dict[str, dict[str, list[str]]]:
        """The PDF's candidate font files: script -> face (:data:`FACES`) -> file names
        (a list; the first found wins), from ``[fonts.<script>]`` with ``[pdf.fonts]``
        laid over them, file by file (a new table on every call)."""
        out: dict[str, dict[str, list[str]]] = {}
        for layer in self.layers or (self.values,):
            for script, table in _table(layer, "fonts").items():
                out[script] = _faces(table)
            for script, table in _table(_table(layer, "pdf"), "fonts").items():
                out[script] = {**out.get(script, {}), **_faces(table)}
        return out

    def _dirs(self, name: str) -> tuple[Path, ...]:
        dirs = [DEFAULT_FOLDER / name] if self.bare else [self.folder / name, DEFAULT_FOLDER / name]
        return tuple(dict.fromkeys(d for d in dirs if d.is_dir()))


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    return value if isinstance(value, Mapping) else {}


def _faces(table: Mapping[str, Any]) -> dict[str, list[str]]:
    return {
        face: [files] if isinstance(files, str) else list(files)
        for face, files in table.items()
        if face in FACES
    }


@cache
def default_theme() -> Theme:
    """presskit's own theme (read once per process)."""
    return _read(DEFAULT_FOLDER, DEFAULT_FOLDER / "theme.toml", None)


def load_theme(where: Path | str | Theme | None) -> Theme:
    """The theme in the folder ``where`` (or named by its ``theme.toml``), laid over the
    default theme; ``None`` gives the default theme, a :class:`Theme` itself. A TOML file
    of another name is a theme of that file alone (the ``pdf`` exporter's ``theme``
    option before themes were folders).

    Raises:
        SourceError: there is no such folder or file, or its ``theme.toml`` cannot be
            read, is not valid TOML, holds an unknown key (with the likely one), a value
            of the wrong type or out of range (``file:line: key: message``).
    """
    if where is None:
        return default_theme()
    if isinstance(where, Theme):
        return where
    path = Path(where).expanduser()
    if path.suffix == ".toml" and path.is_file():
        if path.name != "theme.toml":
            return _read(path.parent, path, default_theme())
        path = path.parent
    if not path.is_dir():
        raise SourceError(str(path), "no such theme folder (a theme is a folder with theme.toml)")
    if path.resolve() == DEFAULT_FOLDER:
        return default_theme()
    return _read(path, path / "theme.toml", default_theme())


def theme_option(value: Theme | Path | str | None) -> Theme | None:
    """The ``theme`` option of the ``pdf`` and ``docx`` exporters: a theme folder (or its
    ``theme.toml``), a :class:`~presskit.theme.Theme`, a TOML file (a theme of that file
    alone), or ``None`` (the build's theme, else the default).

    Raises:
        SourceError: the theme cannot be read or is invalid (file, line, key).
        ExportError: the value is none of these.
    """
    if value is None or isinstance(value, Theme):
        return value
    if not isinstance(value, str | Path):
        raise ExportError(f"option theme must be a theme folder, got {value!r}")
    return load_theme(value)


def new_theme(folder: Path) -> None:
    """Write a copy of the default theme (``theme.toml``, ``templates/``, ``static/``)
    into ``folder`` (made with its parents), to edit; no ``reference.docx`` (one would
    take the DOCX's styles from ``theme.toml``).

    Raises:
        FileExistsError: ``folder`` exists and is not an empty folder.
        OSError: it cannot be written.
    """
    import shutil

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(str(folder))
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "reference.docx")
    shutil.copytree(DEFAULT_FOLDER, folder, ignore=ignore, dirs_exist_ok=True)
    toml = folder / "theme.toml"
    text = toml.read_text(encoding="utf-8")
    _, _, rest = text.partition("\n")
    toml.write_text(
        "# A presskit theme, made with `presskit theme new` from presskit's default theme.\n"
        + _unpin_screen_tables(rest),
        encoding="utf-8",
    )


#: The default theme's tables that a copy carries commented out: written out in a
#: theme's own file they would win over its [colours] and [fonts.Latn] for the pages
#: and the e-mail, so a brand colour or font changed once would not reach them.
_SCREEN_TABLES = re.compile(r"\[(html|email)(\.colours)?\]")


def _unpin_screen_tables(text: str) -> str:
    """``text`` (the default theme.toml) with the ``[html]``, ``[html.colours]``,
    ``[email]`` and ``[email.colours]`` tables commented out (their values stay the
    default's, laid under the copy): uncommented, they are the pages' own."""
    out = []
    inside = False
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            inside = bool(_SCREEN_TABLES.fullmatch(line.strip()))
        if inside and line.strip() and not line.startswith("#"):
            line = "# " + line
        out.append(line)
    return "".join(out)


def _read(folder: Path, toml: Path, base: Theme | None) -> Theme:
    from presskit.buildcache import digest, file_stamp
    from presskit.configfile import read_config

    own: dict[str, Any] = {}
    if toml.is_file():
        own = read_config(toml, SCHEMA)
        _check_values(own, str(toml), toml.read_text(encoding="utf-8"), base is None)
    bare = toml.name != "theme.toml"
    stamps = [file_stamp(toml if bare else folder)]
    if base is None:
        return Theme(folder, own, digest("theme", *stamps), (own,))
    stamps.append(file_stamp(DEFAULT_FOLDER))
    values = _merge(base.values, own)
    for script, table in _table(own, "fonts").items():  # a family goes whole
        values["fonts"][script] = table
    layers = (*base.layers, own)
    return Theme(folder, values, digest("theme", *stamps), layers, bare)


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` laid over ``base``: tables merged key by key, other values replaced."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        out[key] = (
            _merge(old, value) if isinstance(value, dict) and isinstance(old, Mapping) else value
        )
    return out


def _check_values(own: Mapping[str, Any], path: str, text: str, is_default: bool) -> None:
    """Refuse values of the right type that no format can use: colours that are not
    RRGGBB, sizes and margins out of range, an unknown logo alignment, a font table
    without the PDF's files (or, where the default theme names the family, without
    the family's name)."""

    def fail(dotted: str, message: str) -> None:
        raise SourceError(path, message, line=key_line(text, dotted), field=dotted)

    for where in ("", "docx.", "pdf.", "html.", "email."):
        table = _table(own, where[:-1]) if where else own
        for role, value in _table(table, "colours").items():
            if isinstance(value, str) and not _HEX.fullmatch(value):
                fail(f"{where}colours.{role}", f"must be an RRGGBB hex colour, got {value!r}")
    for fmt in ("html", "email"):
        if _table(own, fmt).get("fonts") == []:
            fail(f"{fmt}.fonts", "must name at least one font family (end with a generic one)")
        for name in _table(own, fmt).get("fonts", []):
            if not FONT_NAME.fullmatch(name):
                fail(f"{fmt}.fonts", f"{name!r} is not a font family name ({_FONT_CHARS})")
    for fmt in ("docx", "pdf"):
        _check_page(_table(own, fmt), fmt, fail)
    align = _table(own, "logo").get("align")
    if align is not None and align not in _ALIGN:
        fail("logo.align", f"must be one of {', '.join(_ALIGN)}, got {align!r}")
    _check_fonts(own, is_default, fail)


def _check_page(table: Mapping[str, Any], fmt: str, fail: Any) -> None:
    """The sizes and margins of ``[pdf]`` or ``[docx]`` in their ranges."""
    for key, (low, high) in _RANGES.items():
        value = table.get(key)
        if value is not None and not low <= value <= high:
            fail(f"{fmt}.{key}", f"must be a number from {low:g} to {high:g}, got {value!r}")
    for side, value in _table(table, "margins_mm").items():
        if not _MARGIN_RANGE[0] <= value <= _MARGIN_RANGE[1]:
            fail(f"{fmt}.margins_mm.{side}", f"must be a number from 0 to 60, got {value!r}")


def _check_fonts(own: Mapping[str, Any], is_default: bool, fail: Any) -> None:
    """Script codes that are ISO 15924's form (``Latn``), and each ``[fonts.<script>]``
    table whole: the PDF's files, and the family's name where the default has one."""
    named = {} if is_default else _table(default_theme().values, "fonts")
    tables = {"fonts": _table(own, "fonts"), "pdf.fonts": _table(_table(own, "pdf"), "fonts")}
    for where, scripts in tables.items():
        for script in scripts:
            if not _SCRIPT.fullmatch(script):
                close = difflib.get_close_matches(script, list(named) or ["Latn"], n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                fail(f"{where}.{script}", f"{script!r} is not an ISO 15924 script code (Latn, "
                     f"Hant, Thai...){hint}")  # fmt: skip
    whole = "a script's table replaces the default theme's whole"
    for script, table in tables["fonts"].items():
        name = table.get("name")
        if isinstance(name, str) and not FONT_NAME.fullmatch(name):
            fail(f"fonts.{script}.name", f"{name!r} is not a font family name ({_FONT_CHARS})")
        if "regular" not in table:
            fail(f"fonts.{script}", f"gives no regular = [font files] for the PDF ({whole}: "
                 "give the family's name and its files)")  # fmt: skip
        if "name" not in table and "name" in _table(named, script):
            fail(f"fonts.{script}", f'gives no name = "family" for the DOCX and HTML ({whole})')
