"""The PDF's theme: what the writer reads of a :class:`presskit.theme.Theme` (checked
when the theme was read: sizes, margins, colours, fonts), as one table.

The table's keys: ``base_size`` (points), ``leading`` (a multiple of the type size),
``margins_mm`` (``top``, ``bottom``, ``left``, ``right``), ``logo_height_mm``,
``logo_align`` (``"left"``, ``"center"``, ``"right"``), ``colours`` (role -> RRGGBB hex:
the theme's ``[colours]`` with ``[pdf.colours]`` over them) and ``fonts`` (script ->
face -> candidate file names: ``[fonts.<script>]`` with ``[pdf.fonts]`` over them).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from presskit.theme import Theme
from presskit.theme import default_theme as _default

__all__ = ["default_theme", "pdf_theme", "rgb"]


def default_theme() -> dict[str, Any]:
    """The PDF's table of presskit's default theme (read once; do not change it)."""
    return pdf_theme(_default())


@cache
def pdf_theme(theme: Theme) -> dict[str, Any]:
    """The PDF's table of ``theme`` (made once per theme and process; do not change it:
    :meth:`Theme.pdf_fonts` gives a table of one's own)."""
    pdf = theme.section("pdf")
    return {
        "base_size": float(pdf["base_size"]),
        "leading": float(pdf["leading"]),
        "margins_mm": {side: float(value) for side, value in pdf["margins_mm"].items()},
        "logo_height_mm": float(pdf["logo_height_mm"]),
        "logo_align": str(theme.section("logo").get("align", "left")),
        "colours": theme.colours("pdf"),
        "fonts": theme.pdf_fonts(),
    }


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """``"1F3864"`` as red, green and blue from 0 to 1."""
    value = int(hex_colour, 16)
    return ((value >> 16) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255)
