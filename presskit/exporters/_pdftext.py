"""``TextBlock``: a reportlab flowable that sets a paragraph with presskit's typesetter
(:func:`presskit.typesetting.typeset`) and draws its glyphs with
:func:`presskit.exporters._pdfglyphs.draw_line`.

The document's :class:`~presskit.exporters._pdfglyphs.GlyphWriter` lives on the canvas
(:func:`glyph_writer`); after ``doc.build`` the fonts are embedded with
:func:`presskit.exporters._pdfembed.embed_fonts`. When the canvas carries a tagger
(``canvas._presskit_tagger``, lane T's :class:`presskit.exporters._pdftags.Tagger`), each
line is drawn inside the marked content of the block's structure element, and the
bullet (a paragraph number) inside its own element (``Lbl``).

Units: points.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus.flowables import Flowable

from presskit.exporters._pdfglyphs import GlyphWriter, draw_line
from presskit.typesetting.types import Line, SetParagraph, Span, TextStyle

__all__ = ["TextBlock", "glyph_writer"]

_BULLET_WIDTH = 10_000.0  # points: wide enough that a bullet is never broken


def glyph_writer(canvas: Any) -> GlyphWriter:
    """The :class:`GlyphWriter` of the document ``canvas`` draws (made on first use and
    kept on the canvas as ``_presskit_glyphs``)."""
    writer = getattr(canvas, "_presskit_glyphs", None)
    if writer is None:
        writer = GlyphWriter()
        canvas._presskit_glyphs = writer
    return writer


def _typeset(spans: Sequence[Span], style: TextStyle, width: float, book: Any) -> SetParagraph:
    from presskit.typesetting import typeset

    result: SetParagraph = typeset(spans, style, width, book)
    return result


class TextBlock(Flowable):  # type: ignore[misc]
    """A paragraph of :class:`~presskit.typesetting.types.Span` set in ``style`` with the
    fonts of ``book`` (a :class:`presskit.typesetting.faces.FontBook`).

    Args:
        left_indent, right_indent: the text's distance from the frame's edges (points).
        first_indent: the first line's further indent (points); a negative value hangs
            it into the left indent. A positive indent narrows every line (the
            typesetter sets one measure), a negative one only moves the first line.
        space_before, space_after: space above and below (points; reportlab drops it
            at a frame's top).
        bullet: text set in the paragraph's style on the first line's baseline, in
            the indent half an em before the text (at the right in a right-to-left
            paragraph), at least ``bullet_indent`` points from the edge: a list bullet
            or paragraph number.
        keep_with_next: keep this block on the page of the next flowable (headings).
        elem: the structure element of the text (lane T's ``StructElem``: ``P``,
            ``H1``, ``LBody``), or ``None``; bullet_elem: the bullet's (``Lbl``).

    The block splits between whole lines; a paragraph of four lines or more leaves at
    least two on each side of a page break (no widows or orphans), a shorter one moves
    whole. The pieces keep the lines set for the first frame's width.
    """

    def __init__(
        self,
        spans: Sequence[Span],
        style: TextStyle,
        book: Any,
        *,
        left_indent: float = 0,
        right_indent: float = 0,
        first_indent: float = 0,
        space_before: float = 0,
        space_after: float = 0,
        bullet: str | None = None,
        bullet_indent: float = 0,
        keep_with_next: bool = False,
        elem: Any = None,
        bullet_elem: Any = None,
    ) -> None:
        super().__init__()
        self.spans = tuple(spans)
        self.style = style
        self.book = book
        self.left_indent = left_indent
        self.right_indent = right_indent
        self.first_indent = first_indent
        self.space_before = space_before
        self.space_after = space_after
        self.bullet = bullet
        self.bullet_indent = bullet_indent
        self.keepWithNext = keep_with_next
        self.elem = elem
        self.bullet_elem = bullet_elem
        self._set: SetParagraph | None = None
        self._set_width: float | None = None
        self._lines: tuple[Line, ...] | None = None  # a split piece's fixed lines
        self._first = True  # the piece holds the paragraph's first line

    # --- reportlab's Flowable protocol ---

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = sum(line.height for line in self.lines(availWidth))
        return availWidth, self.height

    def getSpaceBefore(self) -> float:
        return self.space_before

    def getSpaceAfter(self) -> float:
        return self.space_after

    def split(self, availWidth: float, availHeight: float) -> list[TextBlock]:
        lines = self.lines(availWidth)
        fit, used = 0, 0.0
        for line in lines:
            if used + line.height > availHeight + 1e-6:
                break
            used += line.height
            fit += 1
        if len(lines) < 4:
            return []
        fit = min(fit, len(lines) - 2)
        if fit < 2:
            return []
        head = self._piece(lines[:fit], first=self._first)
        head.space_after = 0
        tail = self._piece(lines[fit:], first=False)
        tail.space_before = 0
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        writer = glyph_writer(canvas)
        tagger = getattr(canvas, "_presskit_tagger", None)
        language = self.style.language
        lines = self.lines(self.width)
        rtl = self._set.rtl if self._set is not None else False
        top = self.height
        for i, line in enumerate(lines):
            baseline = top - line.baseline
            x = self.left_indent
            if i == 0 and self._first:
                x += self.first_indent
                if self.bullet:
                    self._draw_bullet(line, x, baseline, writer, tagger)
            draw_line(
                canvas, line, x, baseline, writer, tagger, self.elem, language=language, rtl=rtl
            )
            top -= line.height

    # --- the set text ---

    def lines(self, width: float) -> tuple[Line, ...]:
        """The block's lines set for a frame ``width`` points wide (cached)."""
        if self._lines is not None:
            return self._lines
        return self.paragraph(width).lines

    def paragraph(self, width: float) -> SetParagraph:
        """The whole paragraph set for a frame ``width`` points wide (cached per width)."""
        if self._set is None or self._set_width != width:
            measure = width - self.left_indent - self.right_indent - max(self.first_indent, 0)
            self._set = _typeset(self.spans, self.style, max(measure, 1.0), self.book)
            self._set_width = width
        return self._set

    @property
    def missing(self) -> tuple[str, ...]:
        """Characters no font could draw (after :meth:`wrap`), for the caller's warning."""
        return self._set.missing if self._set is not None else ()

    def _piece(self, lines: tuple[Line, ...], *, first: bool) -> TextBlock:
        piece = TextBlock(
            self.spans, self.style, self.book,
            left_indent=self.left_indent, right_indent=self.right_indent,
            first_indent=self.first_indent, space_before=self.space_before,
            space_after=self.space_after, bullet=self.bullet if first else None,
            bullet_indent=self.bullet_indent, keep_with_next=self.keepWithNext,
            elem=self.elem, bullet_elem=self.bullet_elem,
        )  # fmt: skip
        piece._set = self._set
        piece._set_width = self._set_width
        piece._lines = lines
        piece._first = first
        return piece

    def _draw_bullet(self, text_line: Line, x: float, baseline: float, writer: GlyphWriter,
                     tagger: Any) -> None:  # fmt: skip
        """Draw the bullet half an em before the first line's text (right-aligned in the
        indent: ``9.`` and ``10.`` end together), never nearer the edge than
        ``bullet_indent``. Nearer than an em, so that extractors (pdftotext) read the
        number and the line as one line of text."""
        assert self.bullet is not None
        rtl = self._set.rtl if self._set is not None else False
        style = self.style
        bullet = _typeset([Span(self.bullet)], style, _BULLET_WIDTH, self.book)
        if not bullet.lines or not text_line.runs:
            return
        line = bullet.lines[0]
        left = min((run.x for run in line.runs), default=0.0)
        gap = style.size / 2
        if rtl:
            text_right = x + max(run.x + run.width for run in text_line.runs)
            start = min(text_right + gap, self.width - self.bullet_indent - line.width)
        else:
            text_left = x + min(run.x for run in text_line.runs)
            start = max(text_left - gap - line.width, self.bullet_indent)
        elem = self.bullet_elem if self.bullet_elem is not None else self.elem
        draw_line(
            self.canv, line, start - left, baseline, writer, tagger, elem,
            language=style.language, rtl=rtl,
        )  # fmt: skip
