"""The PDF's theme: presskit's default ``[pdf]`` table (presskit/themes/default/theme.toml)
with a user's theme file laid over it, key by key, and checked (sizes, margins, fonts,
colours), so the writer only reads values it can use."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from presskit.errors import ExportError

__all__ = ["default_theme", "merged_theme", "rgb"]


@cache
def default_theme() -> dict[str, Any]:
    """The ``[pdf]`` table of presskit/themes/default/theme.toml (read once)."""
    text = resources.files("presskit").joinpath("themes/default/theme.toml").read_text("utf-8")
    return dict(tomllib.loads(text)["pdf"])


def merged_theme(base: dict[str, Any], path: Path | None) -> dict[str, Any]:
    """The default theme with a user's ``[pdf]`` table laid over it (tables merged)."""
    if path is None:
        return base
    try:
        user = tomllib.loads(path.read_text(encoding="utf-8")).get("pdf", {})
    except OSError as exc:
        raise ExportError(f"pdf: cannot read theme {str(path)!r}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ExportError(f"pdf: theme {str(path)!r} is not valid TOML: {exc}") from None

    def merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        out = dict(a)
        for key, value in b.items():
            out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(
                out.get(key), dict) else value  # fmt: skip
        return out

    return _checked_theme(merge(base, user), str(path))


def _checked_theme(merged: dict[str, Any], where: str) -> dict[str, Any]:
    """Refuse theme values the layout cannot use, naming the key."""

    def number(value: Any, key: str, low: float, high: float) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise ExportError(f"pdf: theme {where}: {key} must be a number from {low} to {high}, "
                              f"got {value!r}")  # fmt: skip
        return float(value)

    number(merged.get("base_size"), "base_size", 5, 36)
    number(merged.get("leading"), "leading", 0.9, 3)
    margins = merged.get("margins_mm")
    if not isinstance(margins, dict):
        raise ExportError(f"pdf: theme {where}: margins_mm must be a table")
    for side in ("top", "bottom", "left", "right"):
        number(margins.get(side), f"margins_mm.{side}", 0, 60)
    merged["fonts"] = _checked_fonts(merged.get("fonts"), where)
    for key in ("accent", "muted", "link", "rule"):
        colour = str(merged["colours"].get(key, ""))
        if not re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
            raise ExportError(f"pdf: theme colour {key} must be RRGGBB hex, got {colour!r}")
    return merged


def _checked_fonts(fonts: Any, where: str) -> dict[str, dict[str, list[str]]]:
    """The theme's ``fonts`` table, script -> face -> file names (a single name becomes
    a list of one): a new table, so the cached default theme is never changed."""
    if not isinstance(fonts, dict):
        raise ExportError(f"pdf: theme {where}: fonts must be a table of scripts")
    out: dict[str, dict[str, list[str]]] = {}
    for script, faces in fonts.items():
        if not isinstance(faces, dict):
            raise ExportError(f"pdf: theme {where}: fonts.{script} must be a table of faces")
        out[script] = {}
        for face, names in faces.items():
            if isinstance(names, str):
                names = [names]
            elif not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
                raise ExportError(
                    f"pdf: theme {where}: fonts.{script}.{face} must be a file name or a list "
                    "of file names"
                )
            out[script][face] = list(names)
    return out


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """``"1F3864"`` as red, green and blue from 0 to 1."""
    value = int(hex_colour, 16)
    return ((value >> 16) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255)
