"""Setting a paragraph: spans of text in, lines of shaped glyph runs out.

The steps (:func:`typeset`), each done by a library where one does it well (the
Unicode algorithms are in :mod:`presskit.typesetting.analysis`):

1. bidi levels by ICU's Unicode Bidirectional Algorithm (UAX #9), skipped for text
   with no right-to-left character in a left-to-right paragraph;
2. itemisation: the text is cut where the span, the bidi level, the script (ICU,
   UAX #24: punctuation, digits and spaces take the script around them) or the face
   (:meth:`presskit.typesetting.faces.FontBook.face`, per character) changes;
3. shaping of each item by HarfBuzz (uharfbuzz), with its script, language and
   direction;
4. line breaking at ICU's line break opportunities (UAX #14: after hyphens too,
   dictionary breaks for Thai, Lao, Khmer and Burmese, strict kinsoku for Japanese and
   Chinese), never inside a URL or e-mail address unless it is wider than the line
   (then after ``/ ? & =``, else between clusters), greedy first fit;
5. each line's pieces reshaped where the break changes shaping (HarfBuzz's
   unsafe-to-break flag: Arabic joining, kerning), reordered visually (UAX #9 L2),
   aligned, and measured from its faces' ascent and descent.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate
from operator import attrgetter
from typing import Any

from presskit.textutils import URL_OR_EMAIL
from presskit.typesetting.analysis import (
    LANGUAGE_SCRIPT,
    NEUTRAL,
    bidi_levels,
    break_opportunities,
    kinsoku_forbids,
    paragraph_rtl,
    primary_subtag,
    resolved_scripts,
    run_language,
    visual_order,
)
from presskit.typesetting.faces import Face, FontBook, is_invisible
from presskit.typesetting.types import Cluster, GlyphRun, Line, SetParagraph, Span, TextStyle

__all__ = ["typeset"]

_SOFT_HYPHEN = "\u00ad"
_SPACE = re.compile("[ \u00a0\u3000\t]")
_SPACES = frozenset(" \u00a0\u3000\t")
_URL_BREAK_AFTER = frozenset("/?&=")
#: Scripts shaped as one item: Japanese mixes Han and kana in one run of text.
_ITEM_SCRIPT = {"Hira": "Hani", "Kana": "Hani", "Hrkt": "Hani", "Bopo": "Hani"}
_CACHE_SIZE = 4096  # set paragraphs kept per book (about 10 kB each)
_EPSILON = 1e-6


def typeset(spans: Sequence[Span], style: TextStyle, width: float, book: FontBook) -> SetParagraph:
    """Set ``spans`` (one paragraph, in logical order) in ``style`` to lines at most
    ``width`` points wide, with the faces of ``book``.

    Every character of the input is in exactly one cluster of the output, except the
    white space dropped at line ends (the spaces before a break, and ``"\\n"``). A line
    is wider than ``width`` only where a piece with no break opportunity is (a long
    word or URL), and then only by its first cluster, or by what kinsoku keeps together
    (``」。``). The result is cached on the book per ``(spans, style, width)``.

    Returns:
        the :class:`~presskit.typesetting.types.SetParagraph` (lines top to bottom;
        ``missing`` lists the characters no face of the book has).
    """
    key = (tuple(spans), style, round(float(width), 3))
    cache = book.cache
    hit = cache.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    result = _Setter(list(spans), style, float(width), book).run()
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[key] = result
    return result


class _Item:
    """A piece of text set in one face, direction, script and span, and its glyphs
    (after :func:`_shape`): ids, each glyph's first character (HarfBuzz's cluster
    value), advances and offsets in points, and HarfBuzz's glyph infos (for the
    unsafe-to-break flag, read only where a line is cut)."""

    __slots__ = ("advances", "clusters", "end", "face", "glyphs", "infos", "language",
                 "level", "offsets", "one", "script", "span", "start")  # fmt: skip

    def __init__(self, start: int, end: int, face: Face, level: int, script: str, span: int,
                 language: str) -> None:  # fmt: skip
        self.start = start
        self.end = end
        self.face = face
        self.level = level
        self.script = script
        self.span = span
        self.language = language
        self.glyphs: list[int] = []
        self.clusters: list[int] = []
        self.advances: list[float] = []
        self.offsets: list[tuple[float, float]] = []
        self.infos: list[Any] = []
        self.one = False  # one glyph per character, in order (left to right)

    def piece(self, start: int, end: int) -> _Item:
        """A copy for ``text[start:end]``, not shaped."""
        return _Item(start, end, self.face, self.level, self.script, self.span, self.language)


class _Setter:
    def __init__(self, spans: list[Span], style: TextStyle, width: float, book: FontBook) -> None:
        self.spans = spans
        self.style = style
        self.width = width
        self.book = book
        self.text = "".join(s.text for s in spans)
        self.east_asian = primary_subtag(style.language) in ("ja", "zh", "ko", "yue")
        self.missing: dict[str, None] = {}
        self._latin: bool | None = None  # every character Latin or of no script

    def run(self) -> SetParagraph:
        text = self.text
        rtl = paragraph_rtl(text, self.style.direction)
        self.para_level = 1 if rtl else 0
        self.levels = bidi_levels(text, self.para_level)
        items = self._itemise()
        for item in items:
            _shape(item, text, item.start, item.end, self.style.size)
        self.items = items
        advance = [0.0] * (len(text) + 1)
        boundary = [False] * (len(text) + 1)
        boundary[len(text)] = True
        if "\n" in text:
            for i, char in enumerate(text):
                if char == "\n":
                    boundary[i] = boundary[i + 1] = True
        for item in items:
            boundary[item.start] = True
            if item.one:  # (the usual case for Latin text: no Python loop)
                advance[item.start : item.end] = item.advances
                boundary[item.start : item.end] = [True] * (item.end - item.start)
                continue
            for c, a in zip(item.clusters, item.advances, strict=True):
                advance[c] += a
                boundary[c] = True
        self.cum = [0.0, *accumulate(advance)]
        self.boundary = boundary
        lines = []
        for start, end, hard in self._break_lines():
            lines.append(self._line(start, end, hard))
        return SetParagraph(tuple(lines), self.width, rtl, tuple(self.missing))

    # --- itemisation ---

    def _itemise(self) -> list[_Item]:
        items: list[_Item] = []
        style = self.style
        self.latin_paragraph = LANGUAGE_SCRIPT.get(primary_subtag(style.language), "Latn") == "Latn"
        self.scripts: tuple[list[str], list[str]] | None = None
        offset = 0
        for index, span in enumerate(self.spans):
            text = span.text
            bold = span.bold or style.bold
            italic = span.italic or style.italic
            language = span.language or style.language
            if self.levels is None and self.latin_paragraph:
                face = self.book.face("a", "Latn", language, bold, italic)
                if face is None:
                    pass
                elif text.isascii():
                    if face.covers(text.replace("\n", "")):
                        self._ascii_items(items, text, offset, face, index, language)
                        offset += len(text)
                        continue
                elif self._latin_only() and self._one_face(face, text, language, bold, italic):
                    # (what the character-by-character search would find, at once)
                    tag = span.language or run_language("Latn", style.language)
                    self._ascii_items(items, text, offset, face, index, tag)
                    offset += len(text)
                    continue
            self._general_items(items, text, offset, index, span.language, bold, italic)
            offset += len(text)
        return items

    def _ascii_items(self, items: list[_Item], text: str, offset: int, face: Face, span: int,
                     language: str) -> None:  # fmt: skip
        start = 0
        for part in text.split("\n"):
            if part:
                items.append(_Item(offset + start, offset + start + len(part), face,
                                   0, "Latn", span, language))  # fmt: skip
            start += len(part) + 1

    def _latin_only(self) -> bool:
        """True when every character of the paragraph is Latin or of no script (Common,
        Inherited, unassigned): then each one's resolved script is Latin
        (:func:`~presskit.typesetting.analysis.resolved_scripts`)."""
        if self._latin is None:
            self._latin = _latin_or_common().containsAll(self.text)
        return self._latin

    def _one_face(self, face: Face, text: str, language: str, bold: bool, italic: bool) -> bool:
        """True when the book draws every distinct character of ``text`` (Latin text)
        with ``face``, so that :meth:`_general_items` would make one item per line."""
        book = self.book
        return all(
            book.face(char, "Latn", language, bold, italic) is face
            for char in set(text)
            if char != "\n"
        )

    def _general_items(self, items: list[_Item], text: str, offset: int, span: int,
                       explicit: str | None, bold: bool, italic: bool) -> None:  # fmt: skip
        """Items for a span that is not plain ASCII Latin: a face per character; each
        item's language is the span's, else the paragraph's where its script is the
        paragraph language's, else the script's usual language (a Tamil name in an
        English paragraph is ``ta-IN``, as the DOCX marks it)."""
        language = explicit or self.style.language
        if self.scripts is None:
            # resolved over the whole paragraph: a comma that starts a span goes with
            # the script of the text before it, in the span before
            self.scripts = resolved_scripts(self.text, self.style.language)
        raw, scripts = self.scripts
        book = self.book
        levels = self.levels
        current: _Item | None = None
        previous: Face | None = None
        for i, char in enumerate(text):
            if char == "\n":
                current, previous = None, None
                continue
            script = scripts[offset + i]
            face: Face | None = None
            invisible = raw[offset + i] in NEUTRAL and is_invisible(char)
            if previous is not None and (raw[offset + i] == "Zinh" or invisible):
                face = previous if invisible or previous.has(char) else None
            if face is None:
                face = book.face(char, script, language, bold, italic)
            if face is None:
                if not char.isspace() and not invisible:
                    self.missing.setdefault(char, None)
                face = previous or book.primary(script, language, bold, italic)
                if face is None:
                    raise ValueError("the font book has no face at all")
            level = levels[offset + i] if levels is not None else 0
            run_script = _ITEM_SCRIPT.get(script, script)
            if (current is None or current.face is not face or current.level != level
                    or current.script != run_script):  # fmt: skip
                tag = explicit or run_language(script, self.style.language)
                current = _Item(offset + i, offset + i + 1, face, level, run_script, span, tag)
                items.append(current)
            else:
                current.end = offset + i + 1
            previous = face

    # --- line breaking ---

    def _opportunities(self) -> list[int]:
        """Break positions (character offsets), ascending, the end of text included:
        ICU's, less those inside a URL or e-mail address, and in Chinese, Japanese and
        Korean those kinsoku forbids that ICU's strict rules allow (before ``～``)."""
        text = self.text
        breaks = break_opportunities(text, self.style.language)
        banned: set[int] = set()
        for match in URL_OR_EMAIL.finditer(text):
            banned.update(range(match.start() + 1, match.end()))
        end = len(text)
        if self.east_asian:
            banned.update(
                b for b in breaks if b < end and text[b - 1] != "\n" and kinsoku_forbids(text, b)
            )
        return [b for b in breaks if b not in banned and self.boundary[b]]

    def _width(self, start: int, end: int) -> float:
        """The width of a line from ``start`` to ``end`` (spaces at its end left out, a
        hyphen added where it ends at a soft hyphen)."""
        text = self.text
        while end > start and (text[end - 1] in _SPACES or text[end - 1] == "\n"):
            end -= 1
        width = self.cum[end] - self.cum[start]
        if end > start and text[end - 1] == _SOFT_HYPHEN:
            width += self.style.size * 0.35  # about a hyphen's advance
        return width

    def _break_lines(self) -> list[tuple[int, int, bool]]:
        """``(start, end, hard)`` per line: ``hard`` when the line ends at ``"\\n"`` or
        the paragraph's end (a justified paragraph does not stretch it)."""
        text = self.text
        if not text:
            return []
        limit = self.width + _EPSILON
        out: list[tuple[int, int, bool]] = []
        start = 0
        last = 0  # the last opportunity that fits, after start
        ops = self._opportunities()
        i = 0
        while i < len(ops):
            pos = ops[i]
            if self._width(start, pos) <= limit:
                if text[pos - 1] == "\n" or pos == len(text):
                    out.append((start, pos, True))
                    start = last = pos
                else:
                    last = pos
                i += 1
                continue
            if last > start:
                out.append((start, last, False))
                start = last
                continue  # the same opportunity again, from the new start
            cut = self._emergency(start, pos)
            out.append((start, cut, False))
            start = last = cut
        return out

    def _emergency(self, start: int, end: int) -> int:
        """Where to cut a piece wider than the line (no break opportunity fits): after
        the last ``/ ? & =`` of a URL that fits, else after the last cluster that fits,
        never where kinsoku forbids (a line starting with ``、`` or a small kana, or
        ending with ``「``): then after the first cluster where it allows, the line
        overflowing."""
        text = self.text
        limit = self.width + _EPSILON
        fit = url_fit = start
        pos = start + 1
        for pos in range(start + 1, end):
            if not self.boundary[pos] or kinsoku_forbids(text, pos):
                continue
            if self.cum[pos] - self.cum[start] > limit:
                break
            fit = pos
            if text[pos - 1] in _URL_BREAK_AFTER and text[pos] not in _URL_BREAK_AFTER:
                url_fit = pos
        else:
            pos = end
        if url_fit > start:
            return url_fit
        return fit if fit > start else pos

    # --- lines ---

    def _line(self, start: int, end: int, hard: bool) -> Line:
        text = self.text
        content_end = end
        while content_end > start and (
            text[content_end - 1] in _SPACES or text[content_end - 1] == "\n"
        ):
            content_end -= 1
        pieces: list[_Item] = []  # logical order
        for item in self.items:
            if item.end <= start or item.start >= content_end:
                continue
            a, b = max(start, item.start), min(content_end, item.end)
            if a == item.start and b == item.end:
                pieces.append(item)
                continue
            piece = _slice(item, a, b)
            if piece is None:  # the cut changes shaping: shape the piece again
                piece = item.piece(a, b)
                _shape(piece, text, start, content_end, self.style.size)
            pieces.append(piece)
        if not hard and content_end > start and text[content_end - 1] == _SOFT_HYPHEN:
            pieces = self._hyphenate(pieces, start, content_end)
        visual = visual_order([p.level for p in pieces], pieces, self.para_level)
        return _finish_line(visual, text[start:content_end], self, hard)

    def _hyphenate(self, pieces: list[_Item], start: int, end: int) -> list[_Item]:
        """A line that ends at a soft hyphen (U+00AD) shows a hyphen: the last piece is
        shaped again with a hyphen for it (its cluster's text stays U+00AD)."""
        index = next(i for i, p in enumerate(pieces) if p.start <= end - 1 < p.end)
        last = pieces[index]
        mark = next((c for c in "-\u2010" if last.face.has(c)), None)
        if mark is None:
            return pieces
        shown = self.text[: end - 1] + mark + self.text[end:]
        piece = last.piece(last.start, last.end)
        _shape(piece, shown, start, end, self.style.size)
        return [*pieces[:index], piece, *pieces[index + 1 :]]


def _one_to_one(item: _Item) -> bool:
    """True when a left-to-right item has one glyph per character, in order."""
    values = item.clusters
    n = item.end - item.start
    return (
        not item.level % 2
        and len(values) == n
        and (n == 0 or (values[0] == item.start and values[-1] == item.end - 1))
        and len(set(values)) == n
    )


def _shape(item: _Item, text: str, context_start: int, context_end: int, size: float) -> None:
    """Shape ``text[item.start:item.end]`` with HarfBuzz, the text from
    ``context_start`` to ``context_end`` around it as context (Arabic joining)."""
    import uharfbuzz as hb

    face = item.face
    buf = hb.Buffer()
    chunk = text[context_start:context_end]
    if "\t" in chunk:
        chunk = chunk.replace("\t", " ")
    buf.add_str(chunk, item.start - context_start, item.end - item.start)
    buf.direction = "rtl" if item.level % 2 else "ltr"
    buf.script = item.script if len(item.script) == 4 else "Zyyy"
    buf.language = item.language
    buf.guess_segment_properties()
    hb.shape(face.hb_font, buf)
    scale = size / face.units_per_em
    infos = buf.glyph_infos
    item.infos = infos
    item.glyphs = list(map(_CODEPOINT, infos))
    clusters = list(map(_CLUSTER, infos))
    item.clusters = [c + context_start for c in clusters] if context_start else clusters
    positions = buf.glyph_positions
    item.advances = [a * scale for a in map(_X_ADVANCE, positions)]
    if any(map(_X_OFFSET, positions)) or any(map(_Y_OFFSET, positions)):
        item.offsets = [(p.x_offset * scale, p.y_offset * scale) for p in positions]
    else:
        item.offsets = [_ZERO] * len(positions)
    item.one = _one_to_one(item)


_CODEPOINT = attrgetter("codepoint")
_CLUSTER = attrgetter("cluster")
_X_ADVANCE = attrgetter("x_advance")
_X_OFFSET = attrgetter("x_offset")
_Y_OFFSET = attrgetter("y_offset")
_ZERO = (0.0, 0.0)


def _slice(item: _Item, a: int, b: int) -> _Item | None:
    """The glyphs of ``item`` that draw ``text[a:b]``, or ``None`` when the cut is not
    safe (HarfBuzz's unsafe-to-break flag: shaping would differ) and the piece must be
    shaped again."""
    clusters = item.clusters
    rtl = item.level % 2
    if rtl:  # right to left: cluster values descend
        keys = [-c for c in clusters]
        lo, hi = bisect_left(keys, -(b - 1)), bisect_right(keys, -a)
    else:
        lo, hi = bisect_left(clusters, a), bisect_left(clusters, b)
    if lo >= hi:
        return None
    # each cut must be at a cluster start whose glyphs are safe to break before
    for cut, at in ((a, hi - 1 if rtl else lo), (b, lo - 1 if rtl else hi)):
        if cut in (item.start, item.end):
            continue
        if not 0 <= at < len(clusters) or clusters[at] != cut or int(item.infos[at].flags) & 1:
            return None
    piece = item.piece(a, b)
    piece.glyphs = item.glyphs[lo:hi]
    piece.clusters = clusters[lo:hi]
    piece.advances = item.advances[lo:hi]
    piece.offsets = item.offsets[lo:hi]
    piece.infos = item.infos[lo:hi]
    piece.one = item.one
    return piece


_CLUSTERS: dict[tuple[int, int, str], Cluster] = {}


def _clusters(
    firsts: Sequence[int], lasts: Sequence[int], texts: Sequence[str]
) -> tuple[Cluster, ...]:
    """:class:`Cluster` objects, shared: the same small clusters recur in every
    paragraph, and a dictionary look-up (mapped in C) is cheaper than a new object."""
    keys = list(zip(firsts, lasts, texts, strict=True))
    found = list(map(_CLUSTERS.get, keys))
    if not all(found):  # (a truth test: no Cluster.__eq__ per element)
        if len(_CLUSTERS) > 500_000:
            _CLUSTERS.clear()
        for index, key in enumerate(keys):
            if found[index] is None:
                found[index] = _CLUSTERS[key] = Cluster(*key)
    return tuple(found)  # type: ignore[arg-type]


def _glyph_run(
    item: _Item, text: str, x: float, advances: list[float], setter: _Setter
) -> GlyphRun:
    """The :class:`GlyphRun` of a shaped piece, its clusters in drawing order (HarfBuzz
    keeps cluster values monotonic: ascending left to right, descending right to left)."""
    values = item.clusters
    rtl = bool(item.level % 2)
    n = len(values)
    if item.one:
        clusters = _clusters(range(n), range(1, n + 1), text[item.start : item.end])
        return _make_run(item, text, x, advances, setter, clusters)
    # the boundaries between clusters, in drawing order
    cuts = [i for i in range(1, len(values)) if values[i] != values[i - 1]]
    firsts = [0, *cuts]
    lasts = [*cuts, len(values)]
    starts = [values[i] for i in firsts]
    if rtl:
        ends = [item.end, *starts[:-1]]
        if starts:
            starts[-1] = item.start  # characters no glyph carries go with the first
    else:
        ends = [*starts[1:], item.end]
        if starts:
            starts[0] = item.start
    clusters = _clusters(firsts, lasts, [text[s:e] for s, e in zip(starts, ends, strict=True)])
    return _make_run(item, text, x, advances, setter, clusters)


def _make_run(item: _Item, text: str, x: float, advances: list[float], setter: _Setter,
              clusters: tuple[Cluster, ...]) -> GlyphRun:  # fmt: skip
    span = setter.spans[item.span]
    rtl = bool(item.level % 2)
    return GlyphRun(
        face=item.face,
        size=setter.style.size,
        glyphs=tuple(item.glyphs),
        advances=tuple(advances),
        offsets=tuple(item.offsets),
        clusters=clusters,
        text=text[item.start : item.end],
        x=x,
        width=sum(advances),
        rtl=rtl,
        colour=span.colour or setter.style.colour,
        href=span.href,
        language=item.language,
        span=item.span,
    )


def _finish_line(pieces: list[_Item], text: str, setter: _Setter, hard: bool) -> Line:
    """Position the pieces (alignment), make them glyph runs and measure the line."""
    style = setter.style
    advances = [p.advances for p in pieces]
    width = sum(sum(a) for a in advances)
    room = setter.width - width
    rtl = setter.para_level == 1
    align = style.align
    if (
        align == "justify"
        and not hard
        and room > 0
        and _justify(pieces, advances, room, setter.text, setter.east_asian)
    ):
        width = sum(sum(a) for a in advances)
        room = setter.width - width
        offset = max(room, 0.0) if rtl else 0.0
    elif align == "center":
        offset = room / 2
    elif (align == "end") != rtl:  # the end of a LTR line, the start of a RTL one: right
        offset = room
    else:
        offset = 0.0
    runs = []
    x = offset
    for piece, adv in zip(pieces, advances, strict=True):
        run = _glyph_run(piece, setter.text, x, adv, setter)
        runs.append(run)
        x += run.width
    size = style.size
    faces = {p.face for p in pieces} or _default_faces(setter)
    ascent = max(f.ascender / f.units_per_em * size for f in faces)
    descent = max(f.descender / f.units_per_em * size for f in faces)
    for piece in pieces:
        if piece.face.overshoots and (not piece.one or any(map(any, piece.offsets))):
            top, bottom = _ink(piece, size)
            ascent, descent = max(ascent, top), max(descent, bottom)
    height = max(size * style.line_height, ascent + descent)
    baseline = (height - ascent - descent) / 2 + ascent
    return Line(tuple(runs), text, width, ascent, descent, height, baseline)


def _ink(piece: _Item, size: float) -> tuple[float, float]:
    """How far a shaped piece's outlines reach above and below the baseline (points):
    for a face whose glyphs overshoot its metrics, where marks are stacked or moved."""
    face = piece.face
    scale = size / face.units_per_em
    top = bottom = 0.0
    for gid, (_, dy) in zip(piece.glyphs, piece.offsets, strict=True):
        up, down = face.ink(gid)
        top = max(top, up * scale + dy)
        bottom = max(bottom, down * scale - dy)
    return top, bottom


def _default_faces(setter: _Setter) -> set[Face]:
    style = setter.style
    script = LANGUAGE_SCRIPT.get(primary_subtag(style.language), "Latn")
    face = setter.book.primary(script, style.language, style.bold, style.italic)
    return {face} if face is not None else set()


def _justify(pieces: list[_Item], advances: list[list[float]], room: float, text: str,
             east_asian: bool) -> bool:  # fmt: skip
    """Spread ``room`` points over the line's spaces and, in a Chinese, Japanese or
    Korean paragraph (``east_asian``) or a line with no space, the gaps after its
    ideographs and kana (East Asian wide characters): the advance of each such
    cluster's last glyph grows (``advances`` is changed in place). Thai, Khmer, Lao or
    Burmese with no space on the line are not stretched letter by letter. False when
    there is nowhere to put it."""
    slots: list[tuple[int, int]] = []  # (piece, glyph) after an ideograph or kana
    spaces: list[tuple[int, int]] = []  # (piece, glyph) of a space
    for index, piece in enumerate(pieces):
        if piece.one:  # one glyph per character: find them in the text, in C
            chunk = text[piece.start : piece.end]
            spaces += [(index, m.start()) for m in _SPACE.finditer(chunk)]
            if chunk and max(chunk) >= "\u1100":
                slots += [(index, g) for g, char in enumerate(chunk) if _wide(char)]
            continue
        values = piece.clusters
        n = len(values)
        for g, c in enumerate(values):
            if g + 1 < n and values[g + 1] == c:
                continue  # not the cluster's last glyph
            char = text[c]
            if char in _SPACES:
                spaces.append((index, g))
            elif char >= "\u1100" and _wide(char):
                slots.append((index, g))
    # in an English line, a Chinese name keeps its letters together
    slots = spaces if spaces and not east_asian else sorted(spaces + slots)
    if slots and slots[-1] == (len(pieces) - 1, len(pieces[-1].clusters) - 1):
        slots.pop()  # nothing after the line's last character
    if not slots:
        return False
    extra = room / len(slots)
    for index, g in slots:
        if advances[index] is pieces[index].advances:
            advances[index] = list(advances[index])
        advances[index][g] += extra
    return True


@cache
def _latin_or_common() -> Any:
    """ICU's set of the characters of the Latin script and of none (Common, Inherited,
    Unknown), frozen (read-only, shared by threads)."""
    import icu

    chars = icu.UnicodeSet("[[:sc=Latn:][:sc=Zyyy:][:sc=Zinh:][:sc=Zzzz:]]")
    chars.freeze()
    return chars


@cache
def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
