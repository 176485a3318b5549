"""The outlines of the glyphs a PDF embeds, as TrueType ``glyf`` data (ISO/IEC 14496-22
section 5.3.3), for :mod:`presskit.exporters._pdfembed`.

* CFF outlines (Noto Sans CJK, ``.otf`` fonts) are drawn by HarfBuzz (uharfbuzz,
  ``hb_font_draw_glyph``: its CFF interpreter is C, and reads only the glyph asked for,
  where fontTools parsed the charset and ``hmtx`` of all 65,000 glyphs of a Noto Sans
  CJK face first), converted to quadratic curves within 1/1000 em by fontTools' cu2qu
  (compiled), their direction reversed (PostScript outlines turn counter-clockwise,
  TrueType ones clockwise) with the start point kept, as fontTools' ``Cu2QuPen`` and
  ``ReverseContourPen`` do;
* TrueType outlines are read by fontTools: a simple glyph's points taken as they are,
  each contour started at its first on-curve point as fontTools' ``Glyph.draw`` starts
  it; a composite drawn with fontTools' pens (decomposed); hinting left out;
* either way the points are rounded (``otRound``) and packed as fontTools'
  ``Glyph.compile`` packs them (shortest coordinates, repeated flags: its greedy
  encoding), so that the bytes are those fontTools' pens and compiler gave before
  (tests/test_pdf_outlines.py compares the two on thousands of glyphs).

A glyph drawn with an offset (a mark HarfBuzz moved) is moved by the offset, in font
units, before it is converted. Each outline is converted once per process and kept
(:data:`KEPT` of them): a newsroom's releases share most glyphs; in a build with a cache
a CFF glyph is also stored there (:func:`presskit.buildcache.renderer_cache`), for the
build's other processes and the next builds.

Advances come from HarfBuzz (the font's ``hmtx``, read for the glyph asked for only).
"""

from __future__ import annotations

import hashlib
import io
import math
import struct
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from presskit.buildcache import Cache

__all__ = ["KEPT", "Outline", "advance", "outline"]


@attrs.frozen
class Outline:
    """One glyph of a subset.

    Attributes:
        data: the glyph's ``glyf`` data (empty for a glyph with no outline).
        advance: its advance width, font units.
        bounds: ``(x_min, y_min, x_max, y_max)``, font units (all 0 when empty).
        points: how many points its contours have; contours: how many contours.
    """

    data: bytes
    advance: int
    bounds: tuple[int, int, int, int]
    points: int
    contours: int


#: How many converted outlines a process keeps (about 0.5 kB each).
KEPT = 50_000
_OUTLINES: dict[tuple[Path, int, int, int, int], Outline] = {}
#: Faces (and files) kept open: as many as the default theme finds (37 on Debian).
_FACES_KEPT = 48
#: fontTools reads lazily and is not thread-safe: its fonts are read under this lock.
_LOCK = threading.Lock()


def outline(path: Path, index: int, gid: int, dx: int = 0, dy: int = 0, *,
            cff: bool, upem: int) -> Outline:  # fmt: skip
    """The outline of glyph ``gid`` of face ``index`` of the font file ``path``, moved
    by ``(dx, dy)`` font units, as TrueType ``glyf`` data. ``cff``: the face has CFF
    outlines (drawn by HarfBuzz, converted to quadratic curves within ``upem / 1000``);
    ``upem``: its units per em. A glyph id beyond the font's glyphs gives ``.notdef``.

    Kept for the process, and, for a CFF face, in the build cache given by
    :func:`presskit.buildcache.renderer_cache`, if any (a TrueType glyph is converted
    faster than it is stored).

    Raises:
        fontTools.ttLib.TTLibError: the font file cannot be read.
    """
    key = (path, index, gid, dx, dy)
    found = _OUTLINES.get(key)
    if found is None:
        cache = _active_cache() if cff else None
        stored = _stored_key(path, index, gid, dx, dy, cff, upem) if cache is not None else ""
        found = _unpack(cache.get(stored)) if cache is not None else None
        if found is None:
            found = _convert(path, index, gid, dx, dy, cff=cff, upem=upem)
            if cache is not None:
                cache.put(stored, _pack_outline(found))
        if len(_OUTLINES) >= KEPT:
            _OUTLINES.clear()
        _OUTLINES[key] = found
    return found


def _convert(path: Path, index: int, gid: int, dx: int, dy: int, *, cff: bool,
             upem: int) -> Outline:  # fmt: skip
    hb_font = _hb_font(path, index)
    if gid >= hb_font.face.glyph_count:
        gid = 0
    if cff:
        points, types, ends = _cff_points(hb_font, gid, dx, dy, upem / 1000)
    else:
        points, types, ends = _glyf_points(path, index, gid, dx, dy)
    data, bounds = _compile(points, types, ends)
    return Outline(data, advance(path, index, gid), bounds, len(points), len(ends))


# --- the build cache ---


def _active_cache() -> Cache | None:
    """The build cache the render of this thread or task may keep outlines in
    (:func:`presskit.buildcache.renderer_cache`): a CFF glyph is stored one object per
    glyph, by a key of the font file (path, size, modification time), face, glyph,
    offset, this module's code and the versions of fontTools and uharfbuzz, so that a
    build that renders a Chinese release again, in a new process, does not convert its
    glyphs again. Objects are read without marking them used.

    What it costs and saves, per CJK glyph, in CPU time on the project's 2-core
    machine: converting about 270 µs, storing about 300 µs (once), reading about 45 µs,
    looking for one not stored about 30 µs. TrueType glyphs (130 to 180 µs to convert)
    are not stored."""
    from presskit.buildcache import renderer_cache

    return renderer_cache()


def _stored_key(path: Path, index: int, gid: int, dx: int, dy: int, cff: bool,
                upem: int) -> str:  # fmt: skip
    from presskit.buildcache import digest

    return digest("pdf-outline", _face_stamp(path, index), f"{gid}:{dx}:{dy}:{cff}:{upem}")


@lru_cache(maxsize=_FACES_KEPT)
def _face_stamp(path: Path, index: int) -> str:
    """What a stored outline of the face depends on besides the glyph (read once per
    process: a font file replaced during a build is seen by the next)."""
    import fontTools
    import uharfbuzz

    from presskit.buildcache import file_stamp

    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return f"{code}:{fontTools.version}:{uharfbuzz.__version__}:{file_stamp(path)}#{index}"


_HEAD = struct.Struct(">i4hIH")


def _pack_outline(found: Outline) -> bytes:
    return _HEAD.pack(found.advance, *found.bounds, found.points, found.contours) + found.data


def _unpack(stored: bytes | None) -> Outline | None:
    """An outline from the cache, or ``None`` (none stored, or not one of these)."""
    if stored is None or len(stored) < _HEAD.size:
        return None
    advance, x0, y0, x1, y1, points, contours = _HEAD.unpack_from(stored)
    return Outline(stored[_HEAD.size :], advance, (x0, y0, x1, y1), points, contours)


def advance(path: Path, index: int, gid: int) -> int:
    """The advance width of glyph ``gid`` (font units; ``hmtx``)."""
    return int(_hb_font(path, index).get_glyph_h_advance(gid))


@lru_cache(maxsize=_FACES_KEPT)
def _hb_font(path: Path, index: int) -> Any:
    """The face as a ``uharfbuzz.Font`` at its units per em (the file mapped, not read)."""
    import uharfbuzz as hb

    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path)), index))


# --- CFF outlines, drawn by HarfBuzz ---


def _record(*args: Any) -> None:
    """A HarfBuzz draw callback: the segment's numbers, then the list it goes to."""
    args[-1].append(args[:-1])


@lru_cache(maxsize=1)
def _draw_funcs() -> Any:
    import uharfbuzz as hb

    funcs = hb.DrawFuncs()
    funcs.set_move_to_func(_record)  # (x, y)
    funcs.set_line_to_func(_record)  # (x, y)
    funcs.set_quadratic_to_func(_record)  # (cx, cy, x, y)
    funcs.set_cubic_to_func(_record)  # (c1x, c1y, c2x, c2y, x, y)
    funcs.set_close_path_func(_record)  # ()
    return funcs


Point = tuple[float, float]


def _cff_points(hb_font: Any, gid: int, dx: int, dy: int,
                max_err: float) -> tuple[list[Point], list[int], list[int]]:  # fmt: skip
    """The TrueType points of a glyph HarfBuzz draws (cubic curves converted), their
    on-curve flags and the last point of each contour: what fontTools' ``Cu2QuPen``
    (reversing, through ``ReverseContourPen``) into a ``TTGlyphPen`` makes of the same
    segments."""
    from fontTools.cu2qu import curve_to_quadratic

    segments: list[Any] = []  # (tuples of 2, 4 or 6 numbers, or () for a close)
    hb_font.draw_glyph(gid, _draw_funcs(), segments)
    if dx or dy:
        segments = [tuple(v + (dy if i % 2 else dx) for i, v in enumerate(s)) for s in segments]
    points: list[Point] = []
    types: list[int] = []
    ends: list[int] = []
    first: Any = None
    current: Any = None
    contour: list[tuple[Any, Point, bool]] = []  # (off-curve points, end, a line)
    for segment in segments:
        n = len(segment)
        if n == 2:
            if first is None:  # (HarfBuzz starts each path with its move)
                first = current = segment
                continue
            contour.append(((), segment, True))
            current = segment
        elif n == 6:
            cubic = (current, segment[0:2], segment[2:4], segment[4:6])
            quadratic = curve_to_quadratic(cubic, max_err, True)
            current = quadratic[-1]
            contour.append((quadratic[1:-1], current, False))
        elif n == 4:  # a quadratic curve (a CFF font draws none)
            current = segment[2:4]
            contour.append(((segment[0:2],), current, False))
        else:  # the path closed
            if first is not None:
                _add_reversed(first, contour, points, types, ends)
            first, contour = None, []
    return points, types, ends


def _add_reversed(first: Point, contour: list[tuple[Any, Point, bool]], points: list[Point],
                  types: list[int], ends: list[int]) -> None:  # fmt: skip
    """Add a closed contour (its start, then its segments), direction reversed, to
    ``points``, as fontTools' ``reversedContour`` gives it to a ``TTGlyphPen``: the
    start kept; the contour closed by a line if it does not end at its start; its
    first segment, a line, left to the closing (implied); then the pen's rules: a
    one-point contour dropped, and a last point equal to the first."""
    if not contour:
        return
    if contour[-1][1] != first:
        contour.append(((), first, True))
    start = len(points)
    points.append(first)
    types.append(1)
    stop = 1 if contour[0][2] and contour[0][1] != first else 0
    for i in range(len(contour) - 1, stop - 1, -1):
        offs = contour[i][0]
        if offs:
            points.extend(reversed(offs))
            types.extend([0] * len(offs))
        points.append(contour[i - 1][1] if i else first)
        types.append(1)
    last = len(points) - 1
    if last == start:  # an anchor (one point)
        points.pop()
        types.pop()
        return
    if points[start] == points[last]:
        points.pop()
        types.pop()
        last -= 1
    ends.append(last)


# --- TrueType outlines, drawn by fontTools ---


def _glyf_points(path: Path, index: int, gid: int, dx: int,
                 dy: int) -> tuple[list[Point], list[int], list[int]]:  # fmt: skip
    """The points of a TrueType glyph as fontTools draws it (composites decomposed)
    into a ``TTGlyphPen``, moved by the offset: a simple glyph's points are taken as
    they are (see :func:`_simple_points`), a composite is drawn with fontTools' pens."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    with _LOCK:
        order, glyph_set = _source(path, index)
        name = order[gid]
        glyph = glyph_set.glyfTable[name]
        if glyph.numberOfContours > 0 and not any(f & 0x80 for f in glyph.flags):
            # (as the glyph set draws it: moved to its left side bearing, if another)
            shift = glyph_set.hMetrics[name][1] - glyph.xMin + dx
            return _simple_points(list(glyph.coordinates), glyph.flags,
                                  glyph.endPtsOfContours, shift, dy)  # fmt: skip
        recording = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(recording)
    pen = TTGlyphPen(None)
    recording.replay(TransformPen(pen, (1, 0, 0, 1, dx, dy)) if dx or dy else pen)
    return pen.points, pen.types, pen.endPts


def _simple_points(coordinates: list[Point], flags: Any, ends: list[int], dx: float,
                   dy: float) -> tuple[list[Point], list[int], list[int]]:  # fmt: skip
    """What fontTools' ``Glyph.draw`` gives a ``TTGlyphPen`` of a simple glyph's
    contours: each starting at its first on-curve point (an all-off-curve contour as it
    is), a one-point contour dropped, and a last point equal to the first."""
    if dx or dy:
        coordinates = [(x + dx, y + dy) for x, y in coordinates]
    points: list[Point] = []
    types: list[int] = []
    out_ends: list[int] = []
    start = 0
    for end in ends:
        contour = coordinates[start : end + 1]
        on = [f & 1 for f in flags[start : end + 1]]
        start = end + 1
        if 1 in on:
            first = on.index(1)
            contour = contour[first:] + contour[:first]
            on = on[first:] + on[:first]
            if not on[-1]:  # (drawn as a curve back to the start: the start again)
                contour.append(contour[0])
                on.append(1)
        if len(contour) < 2:  # an anchor (one point)
            continue
        if contour[0] == contour[-1]:
            contour.pop()
            on.pop()
        points += contour
        types += on
        out_ends.append(len(points) - 1)
    return points, types, out_ends


@lru_cache(maxsize=_FACES_KEPT)
def _source(path: Path, index: int) -> tuple[list[str], Any]:
    """The glyph order and the glyph set of the font ``index`` of the file at ``path``
    (read once; its glyphs parsed when first drawn), used under :data:`_LOCK`."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(path.read_bytes()), fontNumber=index, lazy=True)
    return font.getGlyphOrder(), font.getGlyphSet()


# --- glyf data ---

_X_SHORT, _Y_SHORT, _REPEAT, _X_SAME, _Y_SAME = 0x02, 0x04, 0x08, 0x10, 0x20
_pack = struct.Struct(">h").pack


def _compile(points: list[Point], types: list[int],
             ends: list[int]) -> tuple[bytes, tuple[int, int, int, int]]:  # fmt: skip
    """The ``glyf`` data of a simple glyph with no instructions, and its bounds: the
    coordinates rounded half up (``otRound``), packed greedily (the shortest form of
    each coordinate; a flag repeated three times or more written once, with a count of
    up to 255), as fontTools' ``Glyph.compile``."""
    if not ends:
        return b"", (0, 0, 0, 0)
    floor = math.floor
    xs = [floor(x + 0.5) for x, _ in points]
    ys = [floor(y + 0.5) for _, y in points]
    bounds = (min(xs), min(ys), max(xs), max(ys))
    flags = bytearray()
    x_data = bytearray()
    y_data = bytearray()
    last_flag = -1
    repeat = 0
    last_x = last_y = 0
    for flag, x, y in zip(types, xs, ys, strict=True):
        delta = x - last_x
        last_x = x
        if not delta:
            flag |= _X_SAME
        elif 0 < delta < 256:
            flag |= _X_SHORT | _X_SAME
            x_data.append(delta)
        elif -256 < delta < 0:
            flag |= _X_SHORT
            x_data.append(-delta)
        else:
            x_data += _pack(delta)
        delta = y - last_y
        last_y = y
        if not delta:
            flag |= _Y_SAME
        elif 0 < delta < 256:
            flag |= _Y_SHORT | _Y_SAME
            y_data.append(delta)
        elif -256 < delta < 0:
            flag |= _Y_SHORT
            y_data.append(-delta)
        else:
            y_data += _pack(delta)
        if flag != last_flag or repeat == 255:
            repeat = 0
            flags.append(flag)
            last_flag = flag
        else:
            repeat += 1
            if repeat == 1:
                flags.append(flag)
            else:
                flags[-2] = flag | _REPEAT
                flags[-1] = repeat
    header = struct.pack(f">5h{len(ends)}HH", len(ends), *bounds, *ends, 0)
    return header + flags + x_data + y_data, bounds
