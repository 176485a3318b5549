"""The data that flows through the typesetter: spans of text in, lines of shaped glyph
runs out.

Units: lengths are PostScript points (1/72 inch) unless a name says font units; x grows
to the right, y upwards (PDF's user space); a line's ``x`` positions are measured from
the left edge of the box the paragraph is set in.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["Align", "Cluster", "Direction", "GlyphRun", "Line", "SetParagraph", "Span", "TextStyle"]

Align = Literal["start", "end", "center", "justify"]
Direction = Literal["auto", "ltr", "rtl"]


@attrs.frozen
class Span:
    """A run of text with one set of attributes: the typesetter's input.

    Attributes:
        text: the text, in logical (reading) order; ``"\\n"`` is a hard line break.
        bold, italic: the face wanted (a real bold or italic face where the family
            has one).
        href: a link target (an absolute URI) for the text, or ``None``.
        colour: ``"RRGGBB"`` (hex), or ``None`` for the paragraph style's colour.
        language: a BCP 47 tag when the span is in another language than the
            paragraph (``"ta"`` for a Tamil name in an English release), else ``None``.
    """

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    colour: str | None = None
    language: str | None = None


@attrs.frozen
class TextStyle:
    """How a paragraph is set.

    Attributes:
        size: font size in points.
        line_height: the distance between baselines as a multiple of ``size`` (1.38):
            the least distance; a line whose fonts reach higher or lower (Burmese,
            Thai with stacked marks) is given more, so no two lines touch.
        bold, italic: the face of spans that do not ask for more.
        colour: ``"RRGGBB"``.
        align: ``"start"`` (left in a left-to-right paragraph, right in a right-to-left
            one), ``"end"``, ``"center"`` or ``"justify"`` (the last line starts).
        language: the paragraph's BCP 47 language tag: it chooses fonts (``ja`` sets
            Han in a Japanese face), shaping (HarfBuzz language) and line-breaking rules
            (ICU's, with kinsoku for ``ja`` and ``zh``).
        direction: the paragraph direction; ``"auto"`` decides by the first strong
            character (UAX #9 rules P2 and P3).
    """

    size: float
    line_height: float = 1.38
    bold: bool = False
    italic: bool = False
    colour: str = "000000"
    align: Align = "start"
    language: str = "en"
    direction: Direction = "auto"


@attrs.frozen
class Cluster:
    """Glyphs and the text they draw, the smallest unit that may not be split: a
    ligature (``ﬃ`` for ``ffi``), a Tamil syllable whose vowel sign is drawn before its
    consonant, a Khmer consonant with its subscript.

    Attributes:
        start, end: the glyphs ``glyphs[start:end]`` of the run that draw it.
        text: the characters it stands for, in logical order.
    """

    start: int
    end: int
    text: str


@attrs.frozen
class GlyphRun:
    """Glyphs of one font face, size, colour and link, shaped by HarfBuzz, in drawing
    order (left to right on the page, also for right-to-left text).

    Attributes:
        face: the font (:class:`presskit.typesetting.faces.Face`).
        size: font size in points.
        glyphs: glyph ids in the face.
        advances: each glyph's advance in points (HarfBuzz's, with kerning).
        offsets: each glyph's ``(dx, dy)`` offset from its pen position, in points
            (mark positioning).
        clusters: the run's clusters in drawing order; together they cover every glyph
            once and every character of ``text`` once.
        text: the run's characters in logical order.
        x: where the run starts, from the left edge of the paragraph's box.
        width: the sum of ``advances``.
        rtl: the run is right to left (its clusters are in reverse logical order).
        colour: ``"RRGGBB"``.
        href: the link target, or ``None``.
        language: the BCP 47 tag of the run's text.
        span: the index of the input :class:`Span` the run comes from (a link or a
            language span cut over two lines is one element of the structure tree).
    """

    face: object
    size: float
    glyphs: tuple[int, ...]
    advances: tuple[float, ...]
    offsets: tuple[tuple[float, float], ...]
    clusters: tuple[Cluster, ...]
    text: str
    x: float
    width: float
    rtl: bool
    colour: str
    href: str | None
    language: str
    span: int


@attrs.frozen
class Line:
    """One line of a set paragraph.

    Attributes:
        runs: the glyph runs, left to right, positioned (alignment applied).
        text: the line's characters in logical order (a trailing space at a break
            dropped), for ``/ActualText`` and tests.
        width: the width of the set content in points.
        ascent: the most any run's font rises above the baseline (points, >= 0).
        descent: the most any run's font falls below the baseline (points, >= 0).
        height: the height of the line's slot (points), which is the distance from
            this line's baseline to the next's: the style's ``size * line_height``, or
            ``ascent + descent`` when that is more.
        baseline: the distance from the top of the slot down to the baseline (points):
            the content centred in the slot, as CSS's half-leading does,
            ``(height - ascent - descent) / 2 + ascent``.
    """

    runs: tuple[GlyphRun, ...]
    text: str
    width: float
    ascent: float
    descent: float
    height: float
    baseline: float


@attrs.frozen
class SetParagraph:
    """A paragraph set to a width.

    Attributes:
        lines: the lines, top to bottom.
        width: the box width it was set to (points).
        rtl: the paragraph's direction is right to left (for a bullet or paragraph
            number: it goes on the right).
        missing: characters no font could draw (each drawn as the font's .notdef box),
            in order of first appearance; the caller warns about them.
    """

    lines: tuple[Line, ...]
    width: float
    rtl: bool
    missing: tuple[str, ...] = ()

    @property
    def height(self) -> float:
        """The height of all lines' slots (points); line ``i``'s baseline is
        ``sum(l.height for l in lines[:i]) + lines[i].baseline`` below the top."""
        if not self.lines:
            return 0.0
        return sum(line.height for line in self.lines)
