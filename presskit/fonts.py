"""Font files on this machine: found by file name in the given folders, then the usual
system font folders (Linux, macOS, Windows).

The PDF's theme lists, for each script (ISO 15924 code), candidate font *files*; the
first found wins (:class:`presskit.typesetting.faces.FontBook` chooses among them per
character). TrueType and OpenType/CFF files and collections are indexed (``.ttf``,
``.otf``, ``.ttc``, ``.otc``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

__all__ = ["SYSTEM_FONT_DIRS", "find_file"]


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
