"""Shaped glyphs drawn straight into a reportlab canvas with raw PDF operators.

reportlab can only draw text it shapes itself, and maps each glyph to one character, so
shaped text copies out of its PDFs as private-use characters (R08 in
../shared/reference/docx-pdf.md). Here presskit's typesetter
(:mod:`presskit.typesetting`) sets the text and this module draws its glyphs:

* :class:`GlyphWriter` (one per document) gives every font face a resource name
  (``/PKF0``, ``/PKF1``, ...) and every *(glyph id, text)* pair a two-byte code, first
  come first served, so that one glyph standing for different text in different clusters
  gets different codes. The first glyph of a cluster carries the cluster's text, the
  cluster's further glyphs an empty string; :func:`presskit.exporters._pdfembed.embed_fonts`
  writes the fonts (Type0, Identity-H) with a ToUnicode CMap built from these pairs.
* :func:`draw_line` draws a :class:`~presskit.typesetting.types.Line`: ``BT``, ``Tf``,
  ``Tm``, ``TJ`` with adjustments where HarfBuzz's advance differs from the font's,
  a glyph of its own (a composite) for each mark HarfBuzz offsets, an ``/ActualText``
  span around each run whose clusters are not one character per glyph, and a link
  rectangle for each run with a link (through the document's tagger when there is one,
  so the link gets its place in the structure tree).

Right-to-left runs are drawn in visual order (as the typesetter gives them); each
glyph's text is in logical order, and extractors (pdftotext, pypdf) put right-to-left
characters back in logical order.

Units: points, PDF user space (y upwards); glyph widths in the PDF's 1/1000 em.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import repeat
from operator import mul, sub
from pathlib import Path
from typing import Any, Protocol, cast

import attrs

from presskit.typesetting.types import GlyphRun, Line

__all__ = ["FaceLike", "FontUse", "GlyphWriter", "draw_line"]


class FaceLike(Protocol):
    """What the back end needs of a font face (:class:`presskit.typesetting.faces.Face`)."""

    path: Path
    index: int
    postscript_name: str
    units_per_em: int
    is_cff: bool


@attrs.define(eq=False)
class FontUse:
    """One face as used in the document.

    Attributes:
        name: the resource name without the slash (``"PKF0"``).
        face: the font face.
        entries: ``entries[code - 1]`` is the ``(glyph id, text, dx, dy)`` of each code,
            in order of first use: the glyph, the text it stands for, and its offset
            from the pen position in font units (a mark placed by HarfBuzz; the
            embedded font gets a composite glyph for each offset glyph, so no operator
            moves the pen back and forth around a mark, which extractors would read as
            a space); code 0 is never used (it would be .notdef's).
        codes: the inverse of ``entries``; hexcodes: the same codes as 4 hex digits.
        widths: glyph id -> advance in 1/1000 em (the font's ``hmtx``; the ``/W``
            widths).
    """

    name: str
    face: FaceLike
    entries: list[tuple[int, str, int, int]] = attrs.field(factory=list)
    codes: dict[tuple[int, str, int, int], int] = attrs.field(factory=dict)
    hexcodes: dict[tuple[int, str, int, int], str] = attrs.field(factory=dict)
    widths: dict[int, float] = attrs.field(factory=dict)
    _hmtx: Any = None

    def code(self, gid: int, text: str, dx: int = 0, dy: int = 0) -> int:
        """The two-byte code (CID) for glyph ``gid`` standing for ``text``, drawn
        ``(dx, dy)`` font units from the pen position.

        Raises:
            ExportError: more than 65,535 codes in one face (a two-byte code each: a
                release with that many different glyph clusters in one font).
        """
        key = (gid, text, dx, dy)
        code = self.codes.get(key)
        if code is None:
            if len(self.entries) >= 0xFFFF:
                from presskit.errors import ExportError

                raise ExportError(
                    f"pdf: more than 65,535 different glyph clusters in the font "
                    f"{self.face.postscript_name}; a PDF font holds no more: split the release"
                )
            self.entries.append(key)
            code = self.codes[key] = len(self.entries)
            self.hexcodes[key] = f"{code:04X}"
            if gid not in self.widths:
                self.widths[gid] = self._width(gid)
        return code

    def _width(self, gid: int) -> float:
        advance_of = getattr(self.face, "advance", None)
        if callable(advance_of):
            return round(float(advance_of(gid)) * 1000 / self.face.units_per_em, 3)
        if self._hmtx is None:
            from fontTools.ttLib import TTFont

            with TTFont(str(self.face.path), fontNumber=self.face.index, lazy=True) as font:
                order = font.getGlyphOrder()
                metrics = font["hmtx"].metrics
                self._hmtx = [metrics[name][0] for name in order]
        advance = self._hmtx[gid] if gid < len(self._hmtx) else 0
        return round(advance * 1000 / self.face.units_per_em, 3)


class GlyphWriter:
    """The fonts and glyph codes of one PDF document (see the module documentation)."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[str, int], FontUse] = {}
        # (id(paragraph element), span, role, ...) -> (paragraph element, child)
        self._children: dict[tuple[Any, ...], tuple[Any, Any]] = {}

    @property
    def fonts(self) -> list[FontUse]:
        """The faces used so far, in order of first use."""
        return list(self._fonts.values())

    def font(self, face: FaceLike) -> FontUse:
        """The :class:`FontUse` of ``face`` (a resource name given on first use)."""
        key = (str(face.path), face.index)
        use = self._fonts.get(key)
        if use is None:
            use = self._fonts[key] = FontUse(f"PKF{len(self._fonts)}", face)
        return use

    def link_elem(self, elem: Any, span: int) -> Any:
        """The Link structure element for span ``span`` of the paragraph ``elem`` (one
        element for a link set over two lines)."""
        return self._child(elem, span, "Link")

    def language_elem(self, elem: Any, span: int, language: str) -> Any:
        """The Span structure element (with ``/Lang``) for the text of span ``span`` of
        the paragraph ``elem`` in ``language`` (one element over two lines)."""
        return self._child(elem, span, "Span", lang=language)

    def _child(self, elem: Any, span: int, role: str, **kwargs: Any) -> Any:
        key = (id(elem), span, role, *kwargs.values())
        if key not in self._children:
            self._children[key] = (elem, elem.child(role, **kwargs))
        return self._children[key][1]


def _num(value: float) -> str:
    """A PDF number: at most 3 decimals, no trailing zeros, never ``-0``."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _utf16_hex(text: str) -> str:
    return "FEFF" + text.encode("utf-16-be").hex().upper()


@cache
def _fill(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return f"{_num(r)} {_num(g)} {_num(b)} rg"


def _run_ops(run: GlyphRun, use: FontUse, baseline: float, left: float) -> list[str]:
    """The operators that draw one run (inside BT ... ET)."""
    size = run.size
    scale = 1000 / size
    texts = [""] * len(run.glyphs)  # a cluster's text on its first glyph
    simple = True  # one glyph per character, in order
    for cluster in run.clusters:
        texts[cluster.start] = cluster.text
        if simple and (cluster.end - cluster.start != 1 or len(cluster.text) != 1):
            simple = False
    hexes = _hexcodes(run, texts, use)
    # where the pen is minus where HarfBuzz puts it, in 1/1000 em, after each glyph
    widths = map(use.widths.__getitem__, run.glyphs)
    deltas = map(sub, widths, map(mul, run.advances, repeat(scale)))
    items: list[str] = []
    start, drift = 0, 0.0
    for index, delta in enumerate(deltas, start=1):
        drift += delta
        if drift >= 0.01 or drift <= -0.01:
            value = _num(drift)
            items.append(f"<{''.join(hexes[start:index])}> {value} ")
            start = index
            drift -= float(value)
    if start < len(hexes):
        items.append(f"<{''.join(hexes[start:])}>")
    ops = [
        f"/{use.name} {_num(size)} Tf",
        _fill(run.colour),
        f"1 0 0 1 {_num(left + run.x)} {_num(baseline)} Tm",
        f"[{''.join(items)}] TJ",
    ]
    if not simple:
        ops.insert(0, f"/Span <</ActualText <{_utf16_hex(run.text)}>>> BDC")
        ops.append("EMC")
    return ops


def _hexcodes(run: GlyphRun, texts: list[str], use: FontUse) -> list[str]:
    """The code of each glyph of ``run`` (4 hex digits), new codes given in order."""
    glyphs, offsets = run.glyphs, run.offsets
    if offsets.count(_ZERO) == len(offsets):  # (the usual case: no mark moved)
        keys = list(zip(glyphs, texts, repeat(0), repeat(0)))
    else:
        units = use.face.units_per_em / run.size
        keys = [
            (gid, text, round(dx * units), round(dy * units)) if dx or dy else (gid, text, 0, 0)
            for gid, text, (dx, dy) in zip(glyphs, texts, offsets, strict=True)
        ]
    hexcodes = use.hexcodes
    found = list(map(hexcodes.get, keys))
    if None in found:
        for index, key in enumerate(keys):
            if found[index] is None:
                use.code(*key)
                found[index] = hexcodes[key]
    return found  # type: ignore[return-value]


_ZERO = (0.0, 0.0)


def _logical_runs(line: Line, rtl: bool) -> list[GlyphRun]:
    """The runs of ``line`` in reading order (as the bidi algorithm's levels 0 to 2 put
    them: the right-to-left runs of a group reversed, the groups reversed in a
    right-to-left paragraph). Drawn in this order, extractors that read the content
    stream (pypdf) put the pieces of a mixed line in logical order; extractors that
    sort by position (pdftotext) are not affected."""
    groups: list[list[GlyphRun]] = []
    for run in line.runs:
        if groups and groups[-1][0].rtl == run.rtl:
            groups[-1].append(run)
        else:
            groups.append([run])
    if rtl:
        groups.reverse()
    return [run for group in groups for run in (reversed(group) if group[0].rtl else group)]


def _segments(runs: Sequence[GlyphRun], language: str | None) -> list[list[GlyphRun]]:
    """Consecutive runs with the same link and language: one marked-content sequence."""
    out: list[list[GlyphRun]] = []
    last: tuple[int, str | None, str | None] | None = None
    for run in runs:
        lang = run.language if language is not None and run.language != language else None
        key = (run.span if run.href or lang else -1, run.href, lang)
        if out and key == last:
            out[-1].append(run)
        else:
            out.append([run])
        last = key
    return out


def draw_line(
    canvas: Any,
    line: Line,
    x: float,
    baseline_y: float,
    writer: GlyphWriter,
    tagger: Any = None,
    elem: Any = None,
    *,
    language: str | None = None,
    rtl: bool = False,
) -> None:
    """Draw ``line`` with its left edge at ``x`` and its baseline at ``baseline_y``
    (points, in the canvas's current user space).

    With a ``tagger`` (lane T's :class:`presskit.exporters._pdftags.Tagger`, duck-typed:
    ``begin(canvas, elem)``, ``end(canvas)``, ``link(canvas, elem, rect, uri)``) and a
    structure element ``elem``, the line's content is marked as ``elem``'s; a link's
    text as a ``Link`` child of ``elem`` (one per link span), and a run in another
    language than ``language`` (the paragraph's BCP 47 tag) as a ``Span`` child with
    ``/Lang``. Without a tagger the line is drawn untagged and links are plain link
    annotations. ``rtl``: the paragraph is right to left (the runs are drawn in
    reading order, see :func:`_logical_runs`).
    """
    code = canvas._code
    tagged = tagger is not None and elem is not None
    for runs in _segments(_logical_runs(line, rtl), language):
        target = elem
        first = runs[0]
        if tagged:
            if first.href:
                target = writer.link_elem(elem, first.span)
            elif language is not None and first.language != language:
                target = writer.language_elem(elem, first.span, first.language)
            tagger.begin(canvas, target)
        ops = ["q", "BT"]
        for run in runs:
            if run.glyphs:
                ops += _run_ops(run, writer.font(cast(FaceLike, run.face)), baseline_y, x)
        ops.append("ET")
        if first.href:
            ops += _underline(runs, x, baseline_y)
        ops.append("Q")
        code.append("\n".join(ops))
        if tagged:
            tagger.end(canvas)
        if first.href:
            _link(canvas, runs, line, x, baseline_y, tagger if tagged else None, target)


def _underline(runs: Sequence[GlyphRun], x: float, baseline_y: float) -> list[str]:
    """A link's underline, in its colour: a link is not told by colour alone (WCAG 2.2
    1.4.1), and the DOCX underlines its links too. The line lies an eighth of the size
    below the baseline, a twentieth of the size thick (points)."""
    size = max(run.size for run in runs)
    left = x + min(r.x for r in runs)
    right = x + max(r.x + r.width for r in runs)
    y = baseline_y - size * 0.125
    colour = _fill(runs[0].colour).replace(" rg", " RG")
    return [
        colour,
        f"{_num(size * 0.05)} w",
        f"{_num(left)} {_num(y)} m {_num(right)} {_num(y)} l S",
    ]


def _link(
    canvas: Any,
    runs: Sequence[GlyphRun],
    line: Line,
    x: float,
    baseline_y: float,
    tagger: Any,
    elem: Any,
) -> None:
    left = x + min(r.x for r in runs)
    right = x + max(r.x + r.width for r in runs)
    rect = (left, baseline_y - line.descent, right, baseline_y + line.ascent)
    uri = cast(str, runs[0].href)
    if tagger is not None:
        tagger.link(canvas, elem, rect, uri, text="".join(run.text for run in runs))
    else:
        canvas.linkURL(uri, rect, relative=1, thickness=0)
