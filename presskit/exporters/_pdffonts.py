"""Choosing the PDF's fonts: one family per script; for a character none of them has,
the fonts of the scripts it is shared with (``、`` after Latin text is drawn in the Han
font: :func:`presskit.scripts.font_scripts`); then fallback fonts for symbols and emoji
that no script's font has, and a warning naming each character still lost.

The fallback families are the theme's ``Zsym`` (symbols: Noto Sans Symbols 2) and
``Zsye`` (emoji: Symbola, Noto Emoji) candidates (ISO 15924 codes for symbols and emoji),
loaded only when the text has a character the other fonts lack. They must be monochrome
TrueType fonts: reportlab draws outlines, and colour emoji fonts (Noto Color Emoji) hold
bitmaps it cannot draw.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Mapping
from typing import Any

from presskit.errors import ExportError, PresskitWarning
from presskit.fonts import FontSet, load_font_set
from presskit.scripts import font_scripts

__all__ = ["FALLBACK", "choose_fonts", "one_font_per_word"]

#: The fallback scripts, in the order their fonts are tried.
FALLBACK = ("Zsym", "Zsye")

#: Where to get a font for symbols and emoji (Debian and Ubuntu package names).
SYMBOL_PACKAGES = "fonts-symbola (Symbola) or fonts-noto-core (Noto Sans Symbols 2)"


def choose_fonts(
    text: str, scripts: set[str], theme_fonts: Mapping[str, Any], options: Any,
    names: Mapping[str, str],
) -> FontSet:  # fmt: skip
    """The fonts for ``text`` (whose characters are of ``scripts``), with a
    :class:`~presskit.errors.PresskitWarning` for each script with no font and for the
    characters no font has (``names``: script code -> English name, for the warnings).

    Raises:
        ExportError: a font given in ``options.fonts`` is missing or not TrueType.
    """

    def load(wanted: set[str]) -> FontSet:
        try:
            return load_font_set(theme_fonts, scripts=wanted, folders=options.font_dirs,
                                 overrides=options.fonts)  # fmt: skip
        except ExportError as exc:
            raise ExportError(f"pdf: {exc}") from None

    fonts = load(scripts)
    missing = fonts.missing(text)
    if missing:  # punctuation shared with other scripts: their fonts, then the fallbacks
        borrowed = {
            script
            for chars in missing.values()
            for char in chars
            for script in font_scripts(char)
            if script in theme_fonts or script in (options.fonts or {})
        } - scripts
        if borrowed:
            fonts = load(scripts | borrowed)
        if fonts.missing(text):
            fonts = load(scripts | borrowed | set(FALLBACK))
    else:
        borrowed = set()
    for script in fonts.missing_scripts:
        if script in FALLBACK or script in borrowed:
            continue
        choices = ", ".join(theme_fonts[script]["regular"][:3])
        warnings.warn(
            PresskitWarning(
                f"pdf: no font found for {names.get(script, script)} text ({script}); "
                f"install one of {choices} or pass fonts={{'{script}': 'path/to/font.ttf'}}"
                + ("; drawing Latin text with reportlab's Bitstream Vera, which lacks "
                   "Vietnamese letters" if script == "Latn" else "")
            ),
            stacklevel=3,
        )  # fmt: skip
    for script, chars in fonts.missing(text).items():
        if script not in fonts.missing_scripts:
            warnings.warn(PresskitWarning(_lost(script, chars, names)), stacklevel=3)
    return fonts


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
        f"character(s): {shown}{more}; they will be missing from the page; {hint}"
    )


def one_font_per_word(pieces: list[tuple[Any, str]], latin: Any) -> list[tuple[Any, str]]:
    """In a shaped paragraph reportlab draws a whole word (text between spaces) in the
    font of its first piece, so a word that switches fonts loses glyphs: “ประเทศไทย”
    printed as boxes. A word whose letters are all in one font goes to that font,
    punctuation and digits included. A word whose letters need two fonts (Chinese
    against Tamil: 计划（கூறுகள்）) is cut where the letters change font, with a hair
    space, and its punctuation goes with the letters before it."""
    words: list[list[tuple[Any, str]]] = [[]]
    for family, piece in pieces:
        for ch in piece:
            if ch.isspace():
                words.append([(family, ch)])
                words.append([])
            else:
                words[-1].append((family, ch))
    out: list[tuple[Any, list[str]]] = []  # (family, characters); joined at the end

    def emit(family: Any, text: str) -> None:
        if out and out[-1][0] is family:
            out[-1][1].append(text)
        else:
            out.append((family, [text]))

    for word in words:
        whole = _one_font(word, latin)
        if whole is not None:
            for _, ch in word:
                emit(whole, ch)
            continue
        current: Any = None
        for family, ch in word:
            wanted = family
            if not ch.isalpha() and current is not None and _covers(current, ch):
                wanted = current  # punctuation stays with the letters before it
            if current is not None and wanted is not current:
                emit(current, "\u200a")  # a word boundary reportlab can see
            current = wanted
            emit(current, ch)
    return [(family, "".join(chars)) for family, chars in out]


def _one_font(word: list[tuple[Any, str]], latin: Any) -> Any:
    """The font a whole word is drawn in, or ``None`` when it must be cut: the font of
    its letters when they all need one (else the non-Latin font of its other
    characters), and only when that font has every character of the word: HarfBuzz
    shapes the word in it, and a glyph it lacks (an emoji after Thai letters) crashed
    reportlab."""
    lettered = {f.name: f for f, ch in word if ch.isalpha()}
    if len(lettered) > 1:
        return None
    counts = {f.name: f for f, _ in word}
    best = next(iter(lettered.values()), None) or max(
        counts.values(), key=lambda f: f is not latin, default=latin
    )
    if all(f is best or ch.isspace() or _covers(best, ch) for f, ch in word):
        return best
    return None


def _covers(family: Any, char: str) -> bool:
    try:
        return bool(family.covers(char))
    except KeyError:  # a family without files (tests)
        return True
