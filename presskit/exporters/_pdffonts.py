"""Choosing the PDF's fonts: the theme's faces in a
:class:`~presskit.typesetting.faces.FontBook`, which picks a face for every character
(the text's script, the scripts a punctuation mark is shared with, Latin, every other
script, then the symbol and emoji fallbacks ``Zsym`` and ``Zsye``), and a
:class:`~presskit.errors.PresskitWarning` naming each script with no font and each
character no font has, before anything is drawn.

Fonts may have TrueType or CFF outlines (``.ttf``, ``.otf``, collections ``.ttc`` and
``.otc``): the PDF embeds the glyphs it uses (:mod:`presskit.exporters._pdfembed`).
Colour emoji fonts (Noto Color Emoji) hold bitmaps, not outlines: use a monochrome one
(Symbola, Noto Emoji).
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Mapping
from typing import Any

from presskit.errors import ExportError, PresskitWarning
from presskit.scripts import script_of, scripts_in
from presskit.typesetting.faces import FontBook, is_invisible

__all__ = ["FALLBACK", "SYMBOL_PACKAGES", "choose_book"]

#: The fallback scripts, in the order their fonts are tried.
FALLBACK = ("Zsym", "Zsye")

#: Where to get a font for symbols and emoji (Debian and Ubuntu package names).
SYMBOL_PACKAGES = "fonts-symbola (Symbola) or fonts-noto-core (Noto Sans Symbols 2)"

_NEUTRAL = frozenset({"Zyyy", "Zinh", "Zzzz"})


def choose_book(
    text: str, language: str, theme_fonts: Mapping[str, Any], options: Any,
    names: Mapping[str, str],
) -> FontBook:  # fmt: skip
    """The fonts for ``text`` (a release's every string, in ``language``), with a
    :class:`~presskit.errors.PresskitWarning` for each script of the text with no font
    and for the characters no font has (``names``: script code -> English name).

    Raises:
        ExportError: a font given in ``options.fonts`` is missing or not a font.
    """
    overrides = dict(options.fonts or {})
    try:
        book = FontBook.from_theme(theme_fonts, folders=options.font_dirs, overrides=overrides)
    except ExportError as exc:
        raise ExportError(f"pdf: {exc}") from None
    if "Latn" in book.missing_scripts:  # the book stands in reportlab's Vera
        _warn_no_font("Latn", theme_fonts, names, vera=True)
    lost = _lost_characters(book, text, language)
    for script, chars in sorted(lost.items()):
        if script in theme_fonts and script not in book.scripts and script not in FALLBACK:
            _warn_no_font(script, theme_fonts, names)
        else:
            warnings.warn(PresskitWarning(_lost(script, sorted(chars), names)), stacklevel=3)
    return book


def _lost_characters(book: FontBook, text: str, language: str) -> dict[str, set[str]]:
    """The characters of ``text`` no face of ``book`` has, by the script to name them
    with: their own; for a symbol or emoji of no script ``Zsym``; for other punctuation
    of no script, the script of the text around it (each where it stands).

    Each distinct character is looked at once: whether some face has it does not depend
    on the script of the text around it (the book tries every face in the end), so the
    text is split into scripts (:func:`~presskit.scripts.scripts_in`, character by
    character) only when a character of no script is missing."""
    lost: dict[str, set[str]] = {}
    in_context: set[str] = set()
    for char in set(text):
        if char.isspace() or is_invisible(char):
            continue
        own = script_of(char)  # (not the run's: an emoji after Latin is no letter)
        if book.face(char, own, language) is not None:
            continue
        if own in _NEUTRAL:
            if unicodedata.category(char)[0] != "S":
                in_context.add(char)
                continue
            own = "Zsym"
        lost.setdefault(own, set()).add(char)
    if in_context:
        for script, chunk in scripts_in(text):
            for char in in_context.intersection(chunk):
                lost.setdefault(script, set()).add(char)
    return lost


def _warn_no_font(
    script: str, theme_fonts: Mapping[str, Any], names: Mapping[str, str], vera: bool = False
) -> None:
    choices = ", ".join(theme_fonts.get(script, {}).get("regular", [])[:3])
    warnings.warn(
        PresskitWarning(
            f"pdf: no font found for {names.get(script, script)} text ({script}); "
            f"install one of {choices} or pass fonts={{'{script}': 'path/to/font.ttf'}}"
            + ("; drawing Latin text with reportlab's Bitstream Vera, which lacks "
               "Vietnamese letters" if vera else "")
        ),
        stacklevel=4,
    )  # fmt: skip


def _lost(script: str, chars: list[str], names: Mapping[str, str]) -> str:
    """The warning for characters no font has: each named, and where to get a font."""
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:12])
    more = f" and {len(chars) - 12} more" if len(chars) > 12 else ""
    symbols = all(unicodedata.category(c).startswith("S") for c in chars)
    if symbols:
        hint = (f"install {SYMBOL_PACKAGES}, or pass a monochrome symbol or emoji font as "
                "fonts={'Zsye': 'path/to/font.ttf'}")  # fmt: skip
    else:
        hint = f"pass a font that has them as fonts={{'{script}': 'path/to/font.ttf'}}"
        if any(unicodedata.category(c).startswith("S") for c in chars):
            hint += f"; for the symbols install {SYMBOL_PACKAGES}"
    return (
        f"pdf: no installed font has a glyph for {len(chars)} {names.get(script, script)} "
        f"character(s): {shown}{more}; they print as empty boxes (and still copy out as "
        f"written); {hint}"
    )
