"""Fonts for the PDF: found by file name, embedded, one family per writing system.

A PDF must embed its fonts, and reportlab embeds TrueType outlines only (not CFF/OTF,
../shared/reference/docx-pdf.md R05). The theme lists, for each script (ISO 15924 code),
candidate font *files* for the regular, bold, italic and bold italic faces; the first
candidate found in the search folders wins. The search folders are the ones given in the
options, then the usual system font folders (Linux, macOS, Windows).

When no candidate is found for the Latin family, presskit falls back to the Bitstream Vera
fonts that reportlab ships (embedded TrueType, but without Vietnamese letters). When no
font is found for another script, :func:`FontSet.missing` reports it so the exporter can
warn, naming the script, rather than print boxes silently.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attrs

__all__ = ["SYSTEM_FONT_DIRS", "FontFamily", "FontSet", "load_font_set"]

FACES = ("regular", "bold", "italic", "bold_italic")


def _system_dirs() -> tuple[Path, ...]:
    home = Path.home()
    dirs = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        home / "Library/Fonts",
    ]
    if sys.platform == "win32":  # pragma: no cover - not run on CI
        windir = Path(os.environ.get("WINDIR", "C:/Windows"))
        dirs += [windir / "Fonts", home / "AppData/Local/Microsoft/Windows/Fonts"]
    return tuple(dirs)


#: The system font folders searched after the ones a theme or option gives.
SYSTEM_FONT_DIRS = _system_dirs()


@cache
def _index(folder: Path) -> dict[str, Path]:
    """Every font file under ``folder`` by lower-case file name (first one wins):
    TrueType (``.ttf``, ``.ttc``) and OpenType with CFF outlines (``.otf``, ``.otc``),
    which the typesetter (:mod:`presskit.typesetting`) reads; reportlab's own fonts
    are only ever given TrueType names by the theme."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith((".ttf", ".ttc", ".otf", ".otc")):
                found.setdefault(name.lower(), Path(root) / name)
    return found


def find_file(names: Iterable[str], folders: Sequence[Path]) -> Path | None:
    """The first of ``names`` (file names, or paths) found in ``folders``: by name, then
    by folder."""
    for name in names:
        candidate = Path(name).expanduser()
        if candidate.is_absolute() or os.sep in name or "/" in name:
            if candidate.is_file():
                return candidate
            continue
        for folder in folders:
            hit = _index(folder).get(name.lower())
            if hit is not None:
                return hit
    return None


@attrs.frozen
class FontFamily:
    """The registered reportlab font names of one family.

    Attributes:
        name: the family name registered with reportlab (``"pk-Taml-1a2b3c4d"``: the
            script and a digest of the files).
        files: face -> file, for the faces found.
    """

    name: str
    files: Mapping[str, Path]

    def face(self, bold: bool, italic: bool) -> str:
        """The reportlab font name of a face (falling back to the regular face)."""
        key = "bold_italic" if bold and italic else "bold" if bold else "italic" if italic else ""
        return f"{self.name}-{key}" if key and key in self.files else f"{self.name}-regular"

    def covers(self, char: str) -> bool:
        """True when the regular face has a glyph for ``char``."""
        return ord(char) in _cmap(self.files["regular"])


@attrs.frozen
class FontSet:
    """The families for a document: Latin first, then one per other script found.

    Attributes:
        families: script code -> family; ``"Latn"`` always present.
        missing_scripts: scripts the theme lists but no font file was found for
            (``"Latn"`` when the Latin family fell back to reportlab's Vera).
    """

    families: Mapping[str, FontFamily]
    missing_scripts: tuple[str, ...]

    @property
    def latin(self) -> FontFamily:
        """The Latin family, used for all text whose script has no family."""
        return self.families["Latn"]

    def for_script(self, script: str) -> FontFamily:
        """The family for ``script`` (``"Hani"`` also serves kana), else the Latin one."""
        if script in self.families:
            return self.families[script]
        if script in ("Hira", "Kana", "Hrkt", "Bopo") and "Hani" in self.families:
            return self.families["Hani"]
        return self.latin

    def missing(self, text: str) -> dict[str, list[str]]:
        """Characters of ``text`` no chosen font can draw, by script: what would print as
        an empty box. Punctuation and digits count with the script around them, as the
        exporter draws them (:func:`presskit.scripts.scripts_in`)."""
        from presskit.scripts import scripts_in

        out: dict[str, set[str]] = {}
        for script, chunk in scripts_in(text):
            family = self.for_script(script)
            for char in chunk:
                if char.isspace() or char in _INVISIBLE:
                    continue
                if not any(f.covers(char) for f in (family, *self.families.values())):
                    out.setdefault(script, set()).add(char)
        return {k: sorted(v) for k, v in sorted(out.items())}

    def runs(self, script: str, text: str) -> list[tuple[FontFamily, str]]:
        """``text`` of ``script`` cut into pieces by the family that draws them: the
        script's family where it has the glyph, else the Latin family, else any other
        family that has it (digits in a Thai font that lacks them, a full-width bracket
        after Latin letters in Chinese text). An invisible character (a zero-width space
        after ``/`` in a long URL) goes the same way: drawn in a font without its glyph it
        is the .notdef glyph, which a reader copying the text gets as U+0000."""
        family = self.for_script(script)
        others = [f for f in self.families.values() if f is not family and f is not self.latin]
        out: list[tuple[FontFamily, str]] = []
        current, start = family, 0  # the piece text[start:index] is in current
        for index, char in enumerate(text):
            use = family
            if char.isspace() or family.covers(char):
                pass
            elif char in _INVISIBLE and current.covers(char):
                use = current  # (a zero-width space stays with the text before it)
            else:
                for candidate in (self.latin, *others):
                    if candidate.covers(char):
                        use = candidate
                        break
            if use is not current:
                if index > start:
                    out.append((current, text[start:index]))
                current, start = use, index
        if len(text) > start:
            out.append((current, text[start:]))
        return out


_INVISIBLE = frozenset("\u200b\u200c\u200d\u00ad\ufeff\u2060")


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont as ToolsFont

    with ToolsFont(str(path), fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


_registered: set[tuple[str, Path]] = set()


def _register(name: str, path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if (name, path) in _registered:
        return
    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    _registered.add((name, path))


def load_font_set(
    candidates: Mapping[str, Mapping[str, Sequence[str]]],
    *,
    scripts: Iterable[str],
    folders: Sequence[Path] = (),
    overrides: Mapping[str, Any] | None = None,
) -> FontSet:
    """Find, register and return the fonts a document needs.

    Args:
        candidates: script -> face -> candidate file names (the theme's ``[pdf.fonts]``).
        scripts: the scripts the document uses (the Latin family is always loaded).
        folders: font folders searched before the system ones.
        overrides: script -> a font file (the regular face) or a table of faces
            (``{"regular": ..., "bold": ...}``), chosen over the candidates. Every override
            is checked, used or not.

    Raises:
        ExportError: an override names a file that does not exist or is not a TrueType font.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase.ttfonts import TTFError

    from presskit.errors import ExportError

    search_groups = [list(folders), list(SYSTEM_FONT_DIRS)] if folders else [list(SYSTEM_FONT_DIRS)]
    wanted = _wanted_scripts(scripts)
    for script, value in (overrides or {}).items():
        list(_override_faces(script, value))  # a wrong path is an error even if unused
    families: dict[str, FontFamily] = {}
    missing: list[str] = []
    for script in wanted:
        override = (overrides or {}).get(script)
        if override is not None:
            faces = dict(_override_faces(script, override))
        else:
            faces = _found_faces(candidates.get(script, {}), search_groups)
        if "regular" not in faces:
            if script == "Latn":
                faces = _vera()
                missing.append("Latn")
            else:
                if script in candidates:
                    missing.append(script)
                continue
        # reportlab's font registry is global to the process: the name carries a digest
        # of the files, so two font sets (another theme, an override) never collide
        digest = hashlib.sha1(
            "\n".join(f"{face}={path}" for face, path in sorted(faces.items())).encode()
        ).hexdigest()[:8]
        name = f"pk-{script}-{digest}"
        try:
            for face, path in faces.items():
                _register(f"{name}-{face}", path)
        except TTFError as exc:
            raise ExportError(
                f"font for {script}: {exc}; presskit needs TrueType outlines (.ttf, .ttc), "
                "not CFF/OpenType (.otf)"
            ) from None
        family = FontFamily(name, faces)
        # <b> and <i> inside <font face="pk-X-regular"> find the family's faces; the
        # regular face is mapped last so that it reads back as (family, regular).
        for bold, italic in ((1, 1), (0, 1), (1, 0), (0, 0)):
            addMapping(name, bold, italic, family.face(bool(bold), bool(italic)))
        families[script] = family
    return FontSet(families, tuple(missing))


def _wanted_scripts(scripts: Iterable[str]) -> list[str]:
    """The scripts to load fonts for, in order: Latin, the others sorted (Chinese too
    for Japanese kana and Bopomofo), then symbols and emoji, tried after every script's
    font; the script codes of no script (``Zyyy``, ``Zinh``, ``Zzzz``) left out."""
    # symbol and emoji fonts (Zsym, Zsye) come last: tried after every script's font
    fallback = [s for s in ("Zsym", "Zsye") if s in set(scripts)]
    wanted = ["Latn", *sorted(set(scripts) - {"Latn", "Zyyy", "Zinh", "Zzzz", *fallback})]
    if any(s in ("Hira", "Kana", "Hrkt", "Bopo") for s in wanted) and "Hani" not in wanted:
        wanted.append("Hani")
    return wanted + fallback


def _found_faces(
    candidates: Mapping[str, Sequence[str]], search_groups: list[list[Path]]
) -> dict[str, Path]:
    """face -> the first file found of its candidate names; the caller's folders (the
    first group) win over the system's."""
    faces: dict[str, Path] = {}
    for face in FACES:
        names = candidates.get(face, ())
        for group in search_groups:
            found = find_file(names, group)
            if found is not None:
                faces[face] = found
                break
    return faces


def _override_faces(script: str, value: Any) -> Iterator[tuple[str, Path]]:
    """An override is a file (the regular face) or a table of faces."""
    from presskit.errors import ExportError

    table = {"regular": value} if isinstance(value, str | Path) else value
    if not isinstance(table, dict) or "regular" not in table:
        raise ExportError(
            f'font for {script}: give a file, or a table with at least regular = "file"'
        )
    for face, file in table.items():
        if face not in FACES:
            raise ExportError(
                f"font for {script}: unknown face {face!r}; faces: {', '.join(FACES)}"
            )
        path = Path(str(file)).expanduser()
        if not path.is_file():
            raise ExportError(f"font for {script}: {str(file)!r} does not exist")
        yield face, path


def _vera() -> dict[str, Path]:
    import reportlab

    base = Path(reportlab.__file__).parent / "fonts"
    return {
        "regular": base / "Vera.ttf",
        "bold": base / "VeraBd.ttf",
        "italic": base / "VeraIt.ttf",
        "bold_italic": base / "VeraBI.ttf",
    }
