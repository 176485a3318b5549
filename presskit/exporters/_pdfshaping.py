"""A guard around reportlab's shaper for words drawn in more than one font.

reportlab (5.1) shapes a word, the text between two spaces, with HarfBuzz in the font
of its first piece, then files each glyph id it got under the font of the piece the
glyph came from. When the word's pieces are in fonts with other glyph tables (Chinese
punctuation before a Thai mark, a bold Latin address run into a bold Tamil word) the
ids of the first font land in the other font: reportlab fails when it subsets that font
on saving (``IndexError`` in ``makeSubset``, or ``AttributeError: hbAddPrivate``), or
draws the wrong glyphs. Such a word is left unshaped here: every character is drawn in
its own font, as written (a complex-script word so mixed loses its ligatures, never its
text). A word whose fonts share their glyph ids for its characters (the faces of one
family, as today) is shaped as before.

Installed by :func:`install`, once, from :func:`presskit.exporters._pdflines.paragraph_class`
(reportlab's ``Paragraph`` looks the shaper up in its module's namespace). The package
has no hook for this; the guard changes nothing for a word in one font.
"""

from __future__ import annotations

from typing import Any

__all__ = ["install"]


def install() -> None:
    """Wrap ``reportlab.platypus.paragraph.shapeFragWord`` (idempotent)."""
    from reportlab.platypus import paragraph

    original = paragraph.shapeFragWord
    if getattr(original, "_presskit_guard", False):
        return

    def shape_fragword(word: Any, *args: Any, **kwargs: Any) -> Any:
        if not _one_glyph_table(word):
            return word
        return original(word, *args, **kwargs)

    shape_fragword._presskit_guard = True  # type: ignore[attr-defined]
    paragraph.shapeFragWord = shape_fragword


def _one_glyph_table(word: Any) -> bool:
    """True when every piece of ``word`` (``[width, (frag, text), ...]``) is in one font,
    or in fonts that map each of the word's characters to the same glyph id."""
    from reportlab.pdfbase import pdfmetrics

    pieces = [(frag.fontName, text) for frag, text in word[1:] if not hasattr(frag, "cbDefn")]
    names = {name for name, _ in pieces}
    if len(names) <= 1:
        return True
    faces: list[Any] = [getattr(pdfmetrics.getFont(name), "face", None) for name in sorted(names)]
    if not all(hasattr(face, "charToGlyph") for face in faces):
        return False
    if len({getattr(face, "numGlyphs", None) for face in faces}) != 1:
        return False
    codes = {ord(ch) for _, text in pieces for ch in text}
    first = faces[0].charToGlyph
    return all(face.charToGlyph.get(c) == first.get(c) for face in faces[1:] for c in codes)
