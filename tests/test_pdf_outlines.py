"""The outlines embedded in PDFs (presskit/exporters/_pdfoutlines.py, issue 16): CFF
glyphs drawn by HarfBuzz and TrueType ones by fontTools, packed as ``glyf`` data by
presskit, give the very bytes fontTools' pens and compiler give (the way presskit made
them before): so shapes, and PDFs, are unchanged.

The reference is fontTools all the way: the glyph set's charstring interpreter, a
``Cu2QuPen`` (within 1/1000 em, reversing) into a ``TTGlyphPen``, ``Glyph.compile``.
The fonts are Debian's (fonts-noto-cjk, fonts-noto-core, fonts-liberation2,
fonts-tlwg-loma-ttf); a test skips when its font is absent.
"""

from __future__ import annotations

import copy
import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from presskit.buildcache import using_renderer_cache
from presskit.exporters import _pdfoutlines
from presskit.exporters._pdfoutlines import outline

CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
NOTO = Path("/usr/share/fonts/truetype/noto")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")

# (font file, face index, how many glyphs to compare, chosen at random with a fixed seed)
CFF_FACES = [(CJK, 0, 400), (CJK, 3, 300), (CJK_BOLD, 1, 300)]
TT_FACES = [
    (LIBERATION, 0, 400),
    (NOTO / "NotoSansKhmer-Regular.ttf", 0, 300),
    (NOTO / "NotoSansThai-Regular.ttf", 0, 200),
    (NOTO / "NotoSansMyanmar-Regular.ttf", 0, 300),
    (NOTO / "NotoNaskhArabic-Regular.ttf", 0, 200),
]


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"font {path.name} not installed (Debian fonts-noto-*, fonts-liberation2)")


@cache
def _font(path: Path, index: int) -> Any:
    return TTFont(str(path), fontNumber=index, lazy=True)


def _reference(path: Path, index: int, gid: int, dx: int = 0, dy: int = 0) -> tuple[bytes, int]:
    """The glyph's ``glyf`` data and advance as fontTools alone makes them."""
    font = _font(path, index)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    upem = font["head"].unitsPerEm
    recording = DecomposingRecordingPen(glyph_set)
    glyph_set[order[gid]].draw(recording)
    pen = TTGlyphPen(None)
    target: Any = Cu2QuPen(pen, upem / 1000, reverse_direction=True) if "CFF " in font else pen
    recording.replay(TransformPen(target, (1, 0, 0, 1, dx, dy)) if dx or dy else target)
    glyph = pen.glyph()
    glyph.recalcBounds(None)
    data = copy.copy(glyph).compile(newTable("glyf"), recalcBBoxes=True)
    return data, font["hmtx"][order[gid]][0]


def _sample(path: Path, index: int, count: int) -> list[int]:
    total = len(_font(path, index).getGlyphOrder())
    rng = random.Random(f"{path.name}#{index}")
    return sorted({0, 1, 2, total - 1, *rng.sample(range(total), min(count, total))})


def _ours(path: Path, index: int, gid: int, dx: int = 0, dy: int = 0) -> tuple[bytes, int]:
    font = _font(path, index)
    drawn = outline(path, index, gid, dx, dy, cff="CFF " in font, upem=font["head"].unitsPerEm)
    return drawn.data, drawn.advance


@pytest.mark.parametrize(("path", "index", "count"), CFF_FACES + TT_FACES,
                         ids=lambda v: v.name if isinstance(v, Path) else str(v))  # fmt: skip
def test_outlines_are_fonttools_bytes(path: Path, index: int, count: int) -> None:
    """Every glyph of a sample (the first, the last, hundreds at random) gives the bytes
    and advance fontTools gives: CJK (CFF, drawn by HarfBuzz) and TrueType faces."""
    _need(path)
    _pdfoutlines._OUTLINES.clear()
    gids = _sample(path, index, count)
    differing = [gid for gid in gids if _ours(path, index, gid) != _reference(path, index, gid)]
    assert differing == [], f"{len(differing)} of {len(gids)} glyphs differ: {differing[:10]}"


@pytest.mark.parametrize("path", [CJK, NOTO / "NotoSansThai-Regular.ttf"], ids=lambda p: p.name)
def test_moved_glyphs_are_fonttools_bytes(path: Path) -> None:
    """A glyph drawn with an offset (a mark HarfBuzz placed) is moved as fontTools'
    TransformPen moved it, before the conversion."""
    _need(path)
    _pdfoutlines._OUTLINES.clear()
    gids = _sample(path, 0, 40)
    for dx, dy in [(0, 120), (-250, 0), (37, -512)]:
        for gid in gids:
            assert _ours(path, 0, gid, dx, dy) == _reference(path, 0, gid, dx, dy), (gid, dx, dy)


def test_glyph_beyond_the_font_is_notdef() -> None:
    _need(LIBERATION)
    count = len(_font(LIBERATION, 0).getGlyphOrder())
    assert _ours(LIBERATION, 0, count + 5) == _reference(LIBERATION, 0, 0)


def test_cjk_face_is_not_parsed_by_fonttools() -> None:
    """Drawing CJK glyphs reads none of the face's 65,000 glyphs' charset or metrics
    with fontTools (what made a first Chinese PDF cost a second): only HarfBuzz."""
    _need(CJK)
    _pdfoutlines._OUTLINES.clear()
    _pdfoutlines._source.cache_clear()
    for gid in (1000, 20000, 40000):
        outline(CJK, 2, gid, cff=True, upem=1000)
    assert _pdfoutlines._source.cache_info().currsize == 0


# --- the build cache ---


def _no_conversion(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("a glyph was converted again")


def test_outlines_kept_in_the_build_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within ``using_renderer_cache(cache)`` each outline converted from a CFF face is stored
    once; a new process (here: the process's outlines forgotten) takes it from the
    cache, unconverted, and gets the same outline. Outside the block, the cache is not
    used; TrueType glyphs are not stored."""
    from presskit.buildcache import Cache

    _need(CJK)
    cache = Cache(tmp_path / "cache")
    gids = [1000, 20000, 20000, 40000]
    _pdfoutlines._OUTLINES.clear()
    with using_renderer_cache(cache):
        first = [outline(CJK, 0, gid, 0, 0, cff=True, upem=1000) for gid in gids]
    assert len(list(cache.keys())) == 3
    _pdfoutlines._OUTLINES.clear()
    monkeypatch.setattr(_pdfoutlines, "_convert", _no_conversion)
    with using_renderer_cache(cache):
        again = [outline(CJK, 0, gid, 0, 0, cff=True, upem=1000) for gid in gids]
    assert again == first
    _pdfoutlines._OUTLINES.clear()
    with pytest.raises(AssertionError, match="converted again"):
        outline(CJK, 0, 1000, 0, 0, cff=True, upem=1000)
    monkeypatch.undo()
    if LIBERATION.exists():
        with using_renderer_cache(cache):
            outline(LIBERATION, 0, 36, 0, 0, cff=False, upem=2048)
        assert len(list(cache.keys())) == 3


def test_build_renders_a_cjk_pdf_again_without_converting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build with a cache (presskit.render, as a worker runs it) stores the CJK glyphs
    of a Traditional Chinese PDF; rendered again in a fresh process (the outlines it
    kept forgotten), the PDF is the same bytes and no CJK glyph is converted (Latin
    ones, quicker to convert than to store, are)."""
    import presskit
    from presskit.buildcache import Cache
    from presskit.exporters import BuildContext
    from presskit.planning import parse_targets
    from presskit.render import render
    from presskit.sources.agencies import load_agencies

    _need(CJK)
    folder = Path(__file__).parent / "fixtures" / "languages"
    release = presskit.load(folder / "zh-hant.md", agencies=load_agencies(folder / "agencies.toml"))
    context = BuildContext(cache=Cache(tmp_path / "cache"))
    targets = parse_targets(["pdf"])
    _pdfoutlines._OUTLINES.clear()
    first = render(release, targets, context).files
    assert len(list(context.cache.keys())) > 100  # type: ignore[union-attr]
    _pdfoutlines._OUTLINES.clear()
    monkeypatch.setattr(_pdfoutlines, "_cff_points", _no_conversion)
    assert render(release, targets, context).files == first


def test_stored_outline_key_follows_the_font_file(tmp_path: Path) -> None:
    """The key of a stored outline changes with the font file (its size or modification
    time), the face, the glyph and the offset."""
    import os
    import shutil

    _need(LIBERATION)
    font = tmp_path / LIBERATION.name
    shutil.copyfile(LIBERATION, font)
    key = _pdfoutlines._stored_key
    before = key(font, 0, 36, 0, 0, False, 2048)
    assert len({before, key(font, 1, 36, 0, 0, False, 2048), key(font, 0, 37, 0, 0, False, 2048),
                key(font, 0, 36, 0, 5, False, 2048)}) == 4  # fmt: skip
    os.utime(font, ns=(1, 1))
    _pdfoutlines._face_stamp.cache_clear()
    assert key(font, 0, 36, 0, 0, False, 2048) != before
