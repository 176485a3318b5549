"""The PDF's per-release shortcuts (issue 16) give what the long way gives.

* reportlab runs with its C accelerator (``rl_accel``, a dependency through
  ``reportlab[accel]``).
* Font subsets are written from glyphs compiled once per process
  (presskit/exporters/_pdfembed.py): the program's ``head``, ``maxp`` and ``hhea``
  values are those fontTools recalculates from the glyphs, and a warm cache gives the
  bytes a cold one gives.
* The characters no font has are found once per distinct character, not character by
  character of the whole release (presskit/exporters/_pdffonts.py), named as before.
* A paragraph of Latin text beyond ASCII (curly quotes, dashes, accents) is itemised at
  once when one face draws it all (presskit/typesetting/paragraph.py), as the
  character-by-character search would.
* A run's glyph codes are looked up run by run (presskit/exporters/_pdfglyphs.py), giving
  the operators and codes the glyph-by-glyph loop gave.

The fonts are Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk; the tests skip when
they are absent).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from presskit.exporters import _pdfembed, _pdfoutlines
from presskit.exporters import _pdfglyphs as _glyphs

from .test_pdf_glyphs import CASES, _all_cases_pdf, _need


def _programs(data: bytes) -> list[bytes]:
    """The embedded TrueType programs of a PDF, in page resource order."""
    pdf = pikepdf.open(io.BytesIO(data))
    out = []
    for font in pdf.pages[0].Resources.Font.values():
        if font.Subtype == pikepdf.Name.Type0:
            out.append(font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes())
    return out


def _summary(program: bytes, *, recalculate: bool) -> dict[str, Any]:
    """The font-wide values of a program, as written or as fontTools recalculates them
    from its glyphs (compiled again)."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(program))
    if recalculate:
        font["glyf"].ensureDecompiled()
        out = io.BytesIO()
        font.save(out)  # (recalcBBoxes: head, maxp and hhea from the glyphs)
        font = TTFont(io.BytesIO(out.getvalue()))
    head, maxp, hhea = font["head"], font["maxp"], font["hhea"]
    values = {f"head.{k}": getattr(head, k) for k in ("xMin", "yMin", "xMax", "yMax", "flags")}
    for key in ("numGlyphs", "maxPoints", "maxContours", "maxCompositePoints"):
        values[f"maxp.{key}"] = getattr(maxp, key)
    for key in ("advanceWidthMax", "minLeftSideBearing", "minRightSideBearing", "xMaxExtent"):
        values[f"hhea.{key}"] = getattr(hhea, key)
    values["glyf"] = font.getTableData("glyf")
    return values


def test_subset_tables_are_what_fonttools_recalculates() -> None:
    """Each subset (Latin, Tamil, Thai, Khmer, Lao, Burmese, CFF Noto CJK converted,
    Arabic) has the bounding box, maxp extremes, hhea extremes and glyph data that
    fontTools computes when it compiles the glyphs itself."""
    programs = _programs(_all_cases_pdf())
    assert len(programs) == len(CASES)
    for program in programs:
        assert _summary(program, recalculate=False) == _summary(program, recalculate=True)


def test_warm_glyph_cache_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The glyphs kept for the process change nothing: a document made with an empty
    cache, and again with it full, has the same bytes."""
    for _, path, *_ in CASES:
        _need(path)
    monkeypatch.setattr(_pdfoutlines, "_OUTLINES", {})
    cold = _all_cases_pdf()
    assert _pdfoutlines._OUTLINES
    assert _all_cases_pdf() == cold


def test_cjk_release_fonts_are_subsets() -> None:
    """A program holds only the glyphs drawn (and .notdef), also from a 65,000-glyph
    CJK collection."""
    from fontTools.ttLib import TTFont

    cjk = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    _need(cjk)
    for program in _programs(_all_cases_pdf()):
        assert len(TTFont(io.BytesIO(program)).getGlyphOrder()) < 100


def test_reportlab_runs_with_its_accelerator() -> None:
    """presskit depends on ``reportlab[accel]``: ASCII85 (the logos), number formatting
    and string escaping run in C, not in reportlab's Python fallbacks."""
    import inspect

    from reportlab.lib import rl_accel

    for name in ("asciiBase85Encode", "fp_str", "escapePDF"):
        assert inspect.isbuiltin(getattr(rl_accel, name)), name


class _Book:
    """A font book with no face for some characters."""

    def __init__(self, lacking: str) -> None:
        self.lacking = set(lacking)

    def face(self, char: str, script: str, language: str) -> object | None:
        return None if char in self.lacking else object()


def _lost_char_by_char(book: _Book, text: str, language: str) -> dict[str, set[str]]:
    """The characters no font has, as the PDF found them before (every character of
    the text in its script run)."""
    import unicodedata

    from presskit.scripts import script_of, scripts_in
    from presskit.typesetting.faces import is_invisible

    lost: dict[str, set[str]] = {}
    for script, chunk in scripts_in(text):
        for char in set(chunk):
            if char.isspace() or is_invisible(char):
                continue
            if book.face(char, script, language) is None:
                own = script_of(char)
                if own in {"Zyyy", "Zinh", "Zzzz"}:
                    own = "Zsym" if unicodedata.category(char)[0] == "S" else script
                lost.setdefault(own, set()).add(char)
    return lost


@pytest.mark.parametrize(
    ("text", "lacking"),
    [
        ("abc x \u2605\u3001 \u0e01\u0e02\u0e04\u3001 done", "x\u2605\u3001\u0e01"),
        ("\u0e44\u0e17\u0e22 (ADGMIN) \u0bb5\u0bb0\u0bcd \u2e5d end", "(\u0bcd\u2e5d"),
        ("\U0001fae0 only \u200b\u00ad", "\U0001fae0\u200b\u00ad"),
        ("nothing lost", ""),
    ],
)
def test_lost_characters_named_as_the_run_by_run_search_named_them(text: str, lacking: str) -> None:
    """Symbols as symbols, letters by their own script, punctuation of no script by the
    script of each run it stands in (both, when it stands in two)."""
    from presskit.exporters._pdffonts import _lost_characters

    book = _Book(lacking)
    assert _lost_characters(book, text, "en") == _lost_char_by_char(book, text, "en")  # type: ignore[arg-type]


def test_every_face_of_the_default_theme_stays_read() -> None:
    """A build of releases in every language of the region reads each font once per
    process: the faces kept read are at least as many as the default theme finds here
    (37 with Debian's Noto, TLWG, Liberation and Symbola fonts; with 16 kept, a build in
    turn over the 18 language cases, 22 faces, read the Chinese and Japanese fonts
    again for each release: 0.5 s a PDF)."""
    from presskit.exporters._pdftheme import default_theme
    from presskit.typesetting.faces import FontBook

    book = FontBook.from_theme(default_theme()["fonts"])
    faces = {face for faces in book._files.values() for face in faces.values()}
    assert len(faces) <= _pdfembed._FACES_KEPT
    assert _pdfembed._header.cache_parameters()["maxsize"] == _pdfembed._FACES_KEPT
    for kept in (_pdfoutlines._source, _pdfoutlines._hb_font, _pdfoutlines._face_stamp):
        assert len(faces) <= (kept.cache_parameters()["maxsize"] or 0)


LATIN_CASES = [
    ("en", "The Minister\u2019s \u201cDigital Masterplan\u201d \u2013 2025\u20132030."),
    ("vi", "Vi\u1ec7t Nam v\u00e0 Singapore k\u00fd k\u1ebft h\u1ee3p t\u00e1c."),
    ("vi", "Vie\u0323\u0302t Nam (NFD: marks on their letters) \u0301at the start"),
    ("en", "soft\u00adhyphen, zero\u200bwidth, word\u2060joiner, caf\u00e9 \u00a0 \u20ac5"),
    ("en", "Latin then \u0e44\u0e17\u0e22 and \u0ba4\u0bae\u0bbf\u0bb4\u0bcd text"),
    ("en", "\u00c0 la carte \u2605 \u2713 \U0001f600 symbols"),
    ("fil", "Kagawaran ng Impormasyon at Teknolohiyang Pangkomunikasyon (DICT) \u2014 \u00f1"),
    ("ms", "Menteri\u2019s line one\nline two \u2013 after a break"),
]


@pytest.mark.parametrize(("language", "text"), LATIN_CASES)
@pytest.mark.parametrize("styled", [False, True])
def test_latin_paragraph_set_at_once_as_char_by_char(
    language: str, text: str, styled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from presskit.typesetting import paragraph, typeset
    from presskit.typesetting.types import Span, TextStyle

    from .test_typesetting import book

    spans = [Span(text[:9], bold=styled), Span(text[9:], italic=styled),
             Span(" (en)", language="en-GB")]  # fmt: skip
    style = TextStyle(size=11, language=language)
    taken: list[bool] = []
    one_face = paragraph._Setter._one_face

    def spy(self: Any, *args: Any) -> bool:
        taken.append(one_face(self, *args))
        return taken[-1]

    monkeypatch.setattr(paragraph._Setter, "_one_face", spy)
    book().cache.clear()
    fast = typeset(spans, style, 200.0, book())
    # (the shortcut is taken for a span of Latin text one face draws: not in a
    # paragraph with Thai, nor for the span with symbols)
    assert any(taken) == ("\u0e44" not in text)
    book().cache.clear()
    monkeypatch.setattr(paragraph._Setter, "_latin_only", lambda self: False)
    slow = typeset(spans, style, 200.0, book())
    assert fast == slow


def _run_ops_glyph_by_glyph(run: Any, use: Any, baseline: float, left: float) -> list[str]:
    """The operators of one run, as the PDF drew them glyph by glyph before."""
    size = run.size
    scale = 1000 / size
    units = use.face.units_per_em / size
    texts = [""] * len(run.glyphs)  # a cluster's text on its first glyph
    simple = True  # one glyph per character, in order
    for cluster in run.clusters:
        texts[cluster.start] = cluster.text
        if simple and (cluster.end - cluster.start != 1 or len(cluster.text) != 1):
            simple = False
    hexcodes, widths, new_code = use.hexcodes, use.widths, use.code
    items: list[str] = []
    hexes: list[str] = []
    drift = 0.0  # where the pen is minus where HarfBuzz puts it, in 1/1000 em
    for gid, text, (dx, dy), advance in zip(
        run.glyphs, texts, run.offsets, run.advances, strict=True
    ):
        key = (gid, text, round(dx * units), round(dy * units)) if dx or dy else (gid, text, 0, 0)
        hexcode = hexcodes.get(key)
        if hexcode is None:
            new_code(*key)
            hexcode = hexcodes[key]
        hexes.append(hexcode)
        drift += widths[gid] - advance * scale
        if drift >= 0.01 or drift <= -0.01:
            value = _glyphs._num(drift)
            items.append(f"<{''.join(hexes)}> {value} ")
            hexes = []
            drift -= float(value)
    if hexes:
        items.append(f"<{''.join(hexes)}>")
    ops = [
        f"/{use.name} {_glyphs._num(size)} Tf",
        _glyphs._fill(run.colour),
        f"1 0 0 1 {_glyphs._num(left + run.x)} {_glyphs._num(baseline)} Tm",
        f"[{''.join(items)}] TJ",
    ]
    if not simple:
        ops.insert(0, f"/Span <</ActualText <{_glyphs._utf16_hex(run.text)}>>> BDC")
        ops.append("EMC")
    return ops


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_run_operators_as_glyph_by_glyph(case: str) -> None:
    """Marks moved by HarfBuzz (Thai, Khmer, Arabic), clusters of several glyphs, and
    Latin: the same operators, and the same codes given in the same order."""
    from presskit.exporters._pdfglyphs import GlyphWriter

    from .test_pdf_glyphs import _face, _run

    _, path, index, text, rtl = next(c for c in CASES if c[0] == case)
    _need(path)
    face = _face(path, index)
    runs = [_run(text, face, 12, rtl=rtl), _run(text[: len(text) // 2], face, 9.5, rtl=rtl)]
    new, old = GlyphWriter(), GlyphWriter()
    for run in runs:
        ops = _glyphs._run_ops(run, new.font(face), 700.0, 72.0)
        assert ops == _run_ops_glyph_by_glyph(run, old.font(face), 700.0, 72.0)
    assert new.font(face).entries == old.font(face).entries
