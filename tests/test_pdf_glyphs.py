"""The PDF glyph back end (issue 14, lane P): shaped glyphs drawn with raw operators
(presskit/exporters/_pdfglyphs.py), fonts embedded with an exact ToUnicode
(_pdfembed.py), and the TextBlock flowable (_pdftext.py).

The lines here are shaped directly with uharfbuzz, so the back end is tested on its own;
the fonts are Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk; the tests skip
when they are absent).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate

from presskit.exporters import _pdftext
from presskit.exporters._pdfembed import embed_fonts
from presskit.exporters._pdfglyphs import GlyphWriter, draw_line
from presskit.exporters._pdftext import TextBlock, glyph_writer
from presskit.typesetting.types import Cluster, GlyphRun, Line, SetParagraph, Span, TextStyle

NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# (case, font file, collection index, text, right to left)
CASES = [
    ("en", NOTO / "NotoSans-Regular.ttf", 0,
     "The officers affirm the efficient offices of the Ministry.", False),
    ("ta", NOTO / "NotoSansTamil-Regular.ttf", 0,
     "சென்னை கொண்டு தமிழ்நாடு அரசு புதிய திட்டத்தை அறிவித்தது", False),
    ("th", NOTO / "NotoSansThai-Regular.ttf", 0, "ประเทศไทยมีน้ำใจ กระทรวงดิจิทัล", False),
    ("km", NOTO / "NotoSansKhmer-Regular.ttf", 0, "បណ្តុះបណ្តាល ក្នុង ប្រទេសកម្ពុជា", False),
    ("lo", NOTO / "NotoSansLao-Regular.ttf", 0, "ສະບາຍດີ ປະເທດລາວ ກະຊວງ", False),
    ("my", NOTO / "NotoSansMyanmar-Regular.ttf", 0, "မြန်မာနိုင်ငံ ဒီဂျစ်တယ် ဝန်ကြီးဌာန", False),
    ("ja", CJK, 0, "日本語のテキスト「ッ」を、デジタル庁が発表しました。", False),
    ("ar", NOTO / "NotoNaskhArabic-Regular.ttf", 0, "أعلنت الوزارة اليوم عن برنامج جديد", True),
]  # fmt: skip


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"font {path.name} not installed (Debian fonts-noto-core / fonts-noto-cjk)")


def _need_tool(name: str) -> None:
    if shutil.which(name) is None:
        pytest.skip(f"{name} not installed (poppler-utils)")


# --- lines shaped with uharfbuzz, without presskit's typesetter ---


@attrs.frozen
class _Face:
    path: Path
    index: int
    postscript_name: str
    units_per_em: int
    ascender: int
    descender: int
    is_cff: bool


@cache
def _face(path: Path, index: int = 0) -> _Face:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    hhea = font["hhea"]
    return _Face(path, index, font["name"].getDebugName(6) or path.stem,
                 font["head"].unitsPerEm, hhea.ascent, -hhea.descent, "CFF " in font)  # fmt: skip


@cache
def _hb_font(path: Path, index: int) -> Any:
    import uharfbuzz as hb

    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path)), index))


def _run(text: str, face: _Face, size: float, *, rtl: bool = False, x: float = 0.0,
         href: str | None = None, language: str = "en", span: int = 0) -> GlyphRun:  # fmt: skip
    import uharfbuzz as hb

    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(_hb_font(face.path, face.index), buf, {})
    scale = size / face.units_per_em
    infos, positions = buf.glyph_infos, buf.glyph_positions
    starts = [i for i in range(len(infos)) if i == 0 or infos[i].cluster != infos[i - 1].cluster]
    values = sorted({info.cluster for info in infos})
    ends = dict(zip(values, [*values[1:], len(text)], strict=True))
    clusters = tuple(
        Cluster(s, e, text[infos[s].cluster : ends[infos[s].cluster]])
        for s, e in zip(starts, [*starts[1:], len(infos)], strict=True)
    )
    advances = tuple(p.x_advance * scale for p in positions)
    return GlyphRun(
        face, size, tuple(i.codepoint for i in infos), advances,
        tuple((p.x_offset * scale, p.y_offset * scale) for p in positions), clusters, text,
        x, sum(advances), rtl, "000000", href, language, span,
    )  # fmt: skip


def _line(runs: list[GlyphRun], size: float) -> Line:
    ascent = max(r.size * r.face.ascender / r.face.units_per_em for r in runs)  # type: ignore[attr-defined]
    descent = max(r.size * r.face.descender / r.face.units_per_em for r in runs)  # type: ignore[attr-defined]
    height = max(size * 1.38, ascent + descent)
    text = "".join(r.text for r in runs)
    width = sum(r.width for r in runs)
    return Line(tuple(runs), text, width, ascent, descent, height,
                (height - ascent - descent) / 2 + ascent)  # fmt: skip


def _simple_typeset(spans: Any, style: TextStyle, width: float, book: Any) -> SetParagraph:
    """A stand-in typesetter: one face (``book``), breaks at spaces only."""
    face, rtl = book
    text = "".join(s.text for s in spans)
    lines: list[Line] = []
    current = ""
    for word in text.split(" "):
        trial = f"{current} {word}" if current else word
        if current and _run(trial, face, style.size).width > width:
            lines.append(_line([_run(current, face, style.size, rtl=rtl)], style.size))
            current = word
        else:
            current = trial
    lines.append(_line([_run(current, face, style.size, rtl=rtl)], style.size))
    if rtl:  # right-aligned
        lines = [attrs.evolve(ln, runs=tuple(attrs.evolve(r, x=width - r.width) for r in ln.runs))
                 for ln in lines]  # fmt: skip
    return SetParagraph(tuple(lines), width, rtl)


# --- building and reading PDFs ---


def _finish(raw: bytes, writer: GlyphWriter) -> bytes:
    pdf = pikepdf.open(io.BytesIO(raw))
    embed_fonts(pdf, writer)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _canvas_pdf(lines: list[Line]) -> bytes:
    raw = io.BytesIO()
    canvas = Canvas(raw, pagesize=A4, invariant=1)
    writer = GlyphWriter()
    y = 780.0
    for line in lines:
        draw_line(canvas, line, 50, y, writer)
        y -= line.height * 2
    canvas.showPage()
    canvas.save()
    return _finish(raw.getvalue(), writer)


def _doc_pdf(story: list[Any], *, frame_height: float = 700) -> bytes:
    raw = io.BytesIO()
    doc = BaseDocTemplate(raw, pagesize=A4, invariant=1)
    frame = Frame(72, 800 - frame_height, 400, frame_height, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame])])
    doc.build(story)
    return _finish(raw.getvalue(), glyph_writer(doc.canv))


def _pdftotext(data: bytes, *extra: str) -> str:
    _need_tool("pdftotext")
    result = subprocess.run(["pdftotext", *extra, "-", "-"], input=data, capture_output=True,
                            check=True)  # fmt: skip
    return result.stdout.decode("utf-8")


def _pypdf(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def _norm(text: str) -> str:
    """NFC, bidi controls (pdftotext's embeddings around right-to-left lines) removed,
    whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_BIDI_CONTROLS)
    return re.sub(r"\s+", " ", text).strip()


# --- the tests ---


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_extraction_gives_the_source_text(case: str) -> None:
    """pdftotext and pypdf give the text of a shaped line in logical order: Tamil
    reordering, Khmer subscripts, Thai and Lao marks, Burmese, Japanese, Arabic
    (right to left) and English ligatures (``ffi``, ``ff``)."""
    _, path, index, text, rtl = next(c for c in CASES if c[0] == case)
    _need(path)
    data = _canvas_pdf([_line([_run(text, _face(path, index), 14, rtl=rtl)], 14)])
    assert _norm(_pdftotext(data)) == _norm(text)
    assert _norm(_pypdf(data)) == _norm(text)


def test_ligature_is_one_glyph_for_three_characters() -> None:
    """The English case really draws ligatures (so the extraction test above proves
    the mapping of one glyph to ``ffi``)."""
    _need(CASES[0][1])
    run = _run("officers", _face(CASES[0][1]), 12)
    assert any(len(c.text) > 1 and c.end - c.start == 1 for c in run.clusters)


def _all_cases_pdf() -> bytes:
    for _, path, *_ in CASES:
        _need(path)
    lines = [_line([_run(t, _face(p, i), 12, rtl=r)], 12) for _, p, i, t, r in CASES]
    return _canvas_pdf(lines)


def test_fonts_embedded_with_unicode_mapping() -> None:
    """pdffonts: every presskit font is embedded, subset, with a ToUnicode (uni yes), as
    a CID TrueType font, also the CFF Noto Sans CJK (converted to TrueType outlines)."""
    _need_tool("pdffonts")
    data = _all_cases_pdf()
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True)
    rows = [line.split() for line in out.stdout.decode().splitlines()[2:]]
    ours = [row for row in rows if "+" in row[0]]
    assert len(ours) == len(CASES)
    for row in ours:
        assert row[1:3] == ["CID", "TrueType"], row
        assert row[-5:-2] == ["yes", "yes", "yes"], row  # emb sub uni
    assert any("NotoSansCJK" in row[0] for row in ours)


def _drawn_glyphs(data: bytes) -> list[tuple[str, int]]:
    """(BaseFont, glyph id in the embedded font) of every glyph drawn with a Type0 font."""
    pdf = pikepdf.open(io.BytesIO(data))
    drawn = []
    for page in pdf.pages:
        fonts = page.Resources.Font
        current = None
        for operands, operator in pikepdf.parse_content_stream(page):
            if operator == pikepdf.Operator("Tf"):
                current = fonts.get(operands[0])
            elif operator == pikepdf.Operator("TJ") and current is not None:
                if current.Subtype != pikepdf.Name.Type0:
                    continue
                cid_font = current.DescendantFonts[0]
                table = cid_font.CIDToGIDMap.read_bytes()
                for item in operands[0]:
                    if isinstance(item, pikepdf.String):
                        raw = bytes(item)
                        for k in range(0, len(raw), 2):
                            code = int.from_bytes(raw[k : k + 2], "big")
                            gid = int.from_bytes(table[2 * code : 2 * code + 2], "big")
                            drawn.append((str(current.BaseFont), gid))
    return drawn


def test_no_glyph_drawn_is_notdef() -> None:
    """Every code drawn maps (through CIDToGIDMap) to a real glyph of the subset font,
    never glyph 0 (.notdef); and every such glyph exists in the embedded program."""
    from fontTools.ttLib import TTFont

    data = _all_cases_pdf()
    drawn = _drawn_glyphs(data)
    assert drawn
    assert all(gid != 0 for _, gid in drawn), [d for d in drawn if d[1] == 0]
    pdf = pikepdf.open(io.BytesIO(data))
    for font in pdf.pages[0].Resources.Font.values():
        if font.Subtype != pikepdf.Name.Type0:
            continue
        program = font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
        tt = TTFont(io.BytesIO(program))
        assert "glyf" in tt and "CFF " not in tt
        count = len(tt.getGlyphOrder())
        assert all(gid < count for name, gid in drawn if name == str(font.BaseFont))


def _check_widths(data: bytes) -> None:
    from fontTools.ttLib import TTFont

    pdf = pikepdf.open(io.BytesIO(data))
    fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
    for font in {f.objgen: f for f in fonts}.values():
        if font.Subtype != pikepdf.Name.Type0:
            continue
        cid_font = font.DescendantFonts[0]
        tt = TTFont(io.BytesIO(cid_font.FontDescriptor.FontFile2.read_bytes()))
        scale = 1000 / tt["head"].unitsPerEm
        advances = [tt["hmtx"].metrics[name][0] * scale for name in tt.getGlyphOrder()]
        table = cid_font.CIDToGIDMap.read_bytes()
        first, widths = cid_font.W[0], list(cid_font.W[1])
        for k, width in enumerate(widths):
            code = int(first) + k
            gid = int.from_bytes(table[2 * code : 2 * code + 2], "big")
            assert abs(float(width) - advances[gid]) <= 0.5, (font.BaseFont, code)


def test_widths_match_the_font_program() -> None:
    """The /W widths equal the embedded font's advances (PDF/UA-1 7.21.5 and
    PDF/A: consistent glyph widths), with faces read by the test and by presskit's
    typesetter (variable Noto Thai, CFF Noto CJK converted, Loma)."""
    _check_widths(_all_cases_pdf())
    for case in ("th", "ja", "en-mixed"):
        _check_widths(_release_pdf(case)[0])


def test_font_that_forbids_embedding_is_refused(tmp_path: Path) -> None:
    """A font whose licence forbids embedding (OS/2 fsType 2) is refused with an error
    naming it, as reportlab refuses it."""
    from fontTools.ttLib import TTFont

    from presskit.errors import ExportError

    _need(CASES[0][1])
    font = TTFont(str(CASES[0][1]))
    font["OS/2"].fsType = 2
    path = tmp_path / "Restricted.ttf"
    font.save(str(path))
    face = _face(path)
    with pytest.raises(ExportError, match=r"Restricted\.ttf.*does not allow embedding"):
        _canvas_pdf([_line([_run("Hello", face, 12)], 12)])


def test_rebuild_is_byte_identical() -> None:
    assert _all_cases_pdf() == _all_cases_pdf()


def test_same_bytes_in_processes_with_other_hash_seeds() -> None:
    """No set or hash order leaks into the codes, subset tags or font programs."""
    import hashlib
    import os
    import sys

    for _, path, *_ in CASES:
        _need(path)
    script = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]); import test_pdf_glyphs as t; "
        "print(hashlib.sha256(t._all_cases_pdf()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)],
                             env=env, capture_output=True, check=True, text=True)  # fmt: skip
        digests.add(out.stdout.strip())
    assert digests == {hashlib.sha256(_all_cases_pdf()).hexdigest()}


def test_fonts_named_in_form_xobjects() -> None:
    """Text drawn in a form XObject (reportlab's beginForm, as "Page X of Y" is) finds
    its font in the form's resources and extracts."""
    _need(CASES[0][1])
    face = _face(CASES[0][1])
    raw = io.BytesIO()
    canvas = Canvas(raw, pagesize=A4, invariant=1)
    writer = GlyphWriter()
    canvas.doForm("total")
    canvas.showPage()
    canvas.beginForm("total")
    draw_line(canvas, _line([_run("of 12 offices", face, 10)], 10), 100, 100, writer)
    canvas.endForm()
    canvas.save()
    data = _finish(raw.getvalue(), writer)
    pdf = pikepdf.open(io.BytesIO(data))
    (form,) = pdf.pages[0].Resources.XObject.values()
    assert "/PKF0" in form.Resources.Font
    assert _norm(_pdftotext(data)) == "of 12 offices"


def test_one_glyph_two_texts_gets_two_codes() -> None:
    """A glyph standing for different text in different clusters gets different codes,
    each with its own ToUnicode text."""
    _need(CASES[0][1])
    face = _face(CASES[0][1])
    writer = GlyphWriter()
    use = writer.font(face)
    assert use.code(5, "a") == 1
    assert use.code(5, "") == 2
    assert use.code(5, "a") == 1
    assert use.name == "PKF0"
    assert writer.font(face) is use


def test_link_annotation_covers_the_run() -> None:
    _need(CASES[0][1])
    face = _face(CASES[0][1])
    runs = [
        _run("See ", face, 12),
        _run("example.org", face, 12, x=0, href="https://example.org/", span=1),
    ]
    runs[1] = attrs.evolve(runs[1], x=runs[0].width)
    data = _canvas_pdf([_line(runs, 12)])
    pdf = pikepdf.open(io.BytesIO(data))
    (annot,) = pdf.pages[0].Annots
    assert str(annot.A.URI) == "https://example.org/"
    x0, _, x1, _ = (float(v) for v in annot.Rect)
    assert x0 == pytest.approx(50 + runs[0].width, abs=0.01)
    assert x1 == pytest.approx(50 + runs[0].width + runs[1].width, abs=0.01)


# --- TextBlock ---


@pytest.fixture
def simple_typeset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_pdftext, "_typeset", _simple_typeset)


@pytest.mark.usefixtures("simple_typeset")
def test_textblock_splits_without_widows_or_orphans() -> None:
    _need(CASES[0][1])
    book = (_face(CASES[0][1]), False)
    words = " ".join(f"word{n}" for n in range(120))
    style = TextStyle(size=12)
    block = TextBlock([Span(words)], style, book)
    _, height = block.wrap(400, 10_000)
    lines = block.lines(400)
    assert len(lines) >= 6
    # room for one line and a bit: a single line may not stay behind
    assert block.split(400, lines[0].height * 1.5) == []
    # room for all but one line: two lines go over
    head, tail = block.split(400, height - lines[-1].height)
    assert len(head.lines(400)) == len(lines) - 2
    assert len(tail.lines(400)) == 2
    assert tail.getSpaceBefore() == 0
    short = TextBlock([Span("a few words")], style, book)
    short.wrap(400, 100)
    assert short.split(400, 1) == []


@pytest.mark.usefixtures("simple_typeset")
def test_textblock_over_pages_extracts_in_order() -> None:
    _need(CASES[0][1])
    book = (_face(CASES[0][1]), False)
    style = TextStyle(size=11)
    paragraphs = [" ".join(f"p{p}w{n}" for n in range(60)) for p in range(12)]
    story = [TextBlock([Span(t)], style, book, space_after=6) for t in paragraphs]
    data = _doc_pdf(story, frame_height=300)
    assert len(PdfReader(io.BytesIO(data)).pages) > 2
    assert _norm(_pdftotext(data)) == _norm(" ".join(paragraphs))
    assert _norm(_pypdf(data)) == _norm(" ".join(paragraphs))


@pytest.mark.usefixtures("simple_typeset")
def test_bullet_on_the_first_line() -> None:
    """The paragraph number and the first line come out on one line of pdftotext."""
    _need(CASES[0][1])
    book = (_face(CASES[0][1]), False)
    text = "The Ministry announced a programme " * 6
    block = TextBlock([Span(text.strip())], TextStyle(size=11), book, left_indent=26,
                      bullet="12.")  # fmt: skip
    first = _pdftotext(_doc_pdf([block])).splitlines()[0]
    assert first.startswith("12. The Ministry announced")


@pytest.mark.usefixtures("simple_typeset")
def test_rtl_bullet_on_the_right() -> None:
    path = CASES[-1][1]
    _need(path)
    book = (_face(path), True)
    text = CASES[-1][3]
    block = TextBlock([Span(text)], TextStyle(size=12, language="ar"), book, right_indent=26,
                      bullet="3.")  # fmt: skip
    data = _doc_pdf([block])
    # (the number's place among the Arabic words is each extractor's bidi guess)
    assert _norm(text) in _norm(_pypdf(data))
    (line,) = _pdftotext(data).strip().splitlines()
    assert "3" in line and _norm(text) in _norm(line)
    pdf = pikepdf.open(io.BytesIO(data))
    xs: dict[str | None, list[float]] = {}
    fonts = pdf.pages[0].Resources.Font
    font = None
    for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
        if operator == pikepdf.Operator("Tf"):
            font = str(fonts[operands[0]].BaseFont)
        if operator == pikepdf.Operator("Tm"):
            xs.setdefault(font, []).append(float(operands[4]))
    assert len(xs) == 1
    (positions,) = xs.values()
    text_x, bullet_x = positions[-1], positions[0]
    assert bullet_x > text_x  # the number is drawn right of the text


class _Elem:
    def __init__(self, role: str, parent: _Elem | None = None, **kw: Any) -> None:
        self.role, self.parent, self.kw, self.children = role, parent, kw, []

    def child(self, role: str, **kw: Any) -> _Elem:
        elem = _Elem(role, self, **kw)
        self.children.append(elem)
        return elem


class _Tagger:
    """Lane T's Tagger interface, recording calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.mcid = 0

    def begin(self, canvas: Any, elem: _Elem) -> int:
        canvas._code.append(f"/{elem.role} <</MCID {self.mcid}>> BDC")
        self.calls.append(("begin", elem))
        self.mcid += 1
        return self.mcid - 1

    def end(self, canvas: Any) -> None:
        canvas._code.append("EMC")
        self.calls.append(("end", None))

    def link(self, canvas: Any, elem: _Elem, rect: Any, uri: str, *, text: str) -> None:
        canvas.linkURL(uri, rect, relative=1, thickness=0)
        self.calls.append(("link", (elem, uri, text)))


def test_tagged_drawing_marks_every_line_and_link() -> None:
    """With a tagger on the canvas, the text is inside its element's marked content, the
    bullet inside the Lbl's, a link's text inside one Link element (across lines)."""
    _need(CASES[0][1])
    face = _face(CASES[0][1])
    tagger = _Tagger()
    body = _Elem("LBody")
    label = _Elem("Lbl")

    def typeset(spans: Any, style: TextStyle, width: float, book: Any) -> SetParagraph:
        if len(spans) == 1:
            return _simple_typeset(spans, style, width, (face, False))
        a = _run("Read ", face, 12)
        b = _run("the plan", face, 12, x=a.width, href="https://example.org/", span=1)
        c = _run("online", face, 12, href="https://example.org/", span=1)
        return SetParagraph((_line([a, b], 12), _line([c], 12)), width, False)

    raw = io.BytesIO()
    canvas = Canvas(raw, invariant=1)
    canvas._presskit_tagger = tagger
    spans = [Span("Read "), Span("the plan online", href="https://example.org/")]
    style = TextStyle(size=12)
    block = TextBlock(spans, style, None, bullet="1.", elem=body, bullet_elem=label)
    original = _pdftext._typeset
    _pdftext._typeset = typeset
    try:
        block.wrapOn(canvas, 400, 500)
        block.drawOn(canvas, 72, 600)
    finally:
        _pdftext._typeset = original
    canvas.showPage()
    canvas.save()
    begun = [elem.role for kind, elem in tagger.calls if kind == "begin"]
    assert begun == ["Lbl", "LBody", "Link", "Link"]
    assert [k for k, _ in tagger.calls].count("end") == 4
    links = [v for k, v in tagger.calls if k == "link"]
    assert len(links) == 2 and links[0][0] is links[1][0]  # one Link element for the span
    assert [text for _, _, text in links] == ["the plan", "online"]
    assert body.children == [links[0][0]]
    data = _finish(raw.getvalue(), glyph_writer(canvas))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        content = pdf.pages[0].Contents.read_bytes().decode("latin-1")
    assert content.count("BDC") == content.count("EMC")
    assert _norm(_pdftotext(data)) == "1. Read the plan online"


def test_text_in_another_language_is_one_span_element() -> None:
    """A run in another language than the paragraph's is marked as a Span child with
    its language, one element for the span over two lines."""
    _need(CASES[0][1])
    face = _face(CASES[0][1])
    tagger = _Tagger()
    body = _Elem("P")
    a = _run("Said ", face, 12)
    b = _run("Ibu", face, 12, x=a.width, language="ms", span=1)
    c = _run("Siti", face, 12, language="ms", span=1)
    raw = io.BytesIO()
    canvas = Canvas(raw, invariant=1)
    writer = GlyphWriter()
    for y, line in ((700, _line([a, b], 12)), (680, _line([c], 12))):
        draw_line(canvas, line, 72, y, writer, tagger, body, language="en")
    begun = [(elem.role, elem.kw.get("lang")) for kind, elem in tagger.calls if kind == "begin"]
    assert begun == [("P", None), ("Span", "ms"), ("Span", "ms")]
    assert len(body.children) == 1


# --- with presskit's typesetter: whole releases, paragraph by paragraph ---

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
RELEASES = ["en-mixed", "ta", "th", "km", "lo", "my", "ja", "zh-hans", "ms-jawi"]


@cache
def _book() -> Any:

    from presskit.theme import default_theme
    from presskit.typesetting import FontBook

    return FontBook.from_theme(default_theme().pdf_fonts())


def _paragraphs(case: str) -> tuple[str, list[str]]:
    """The release's language and its headline and body paragraphs (plain text)."""
    import presskit
    from presskit.model import Paragraph
    from presskit.sources.agencies import load_agencies

    agencies = load_agencies(LANGUAGES / "agencies.toml")
    release = presskit.loads_markdown((LANGUAGES / f"{case}.md").read_text("utf-8"),
                                      agencies=agencies)  # fmt: skip
    body = [b.text for b in release.body if isinstance(b, Paragraph)]
    return release.language, [release.headline, *body]


@cache
def _release_pdf(case: str) -> tuple[bytes, list[str], tuple[str, ...]]:
    language, paragraphs = _paragraphs(case)
    style = TextStyle(size=10.5, language=language)
    story = [TextBlock([Span(p)], style, _book(), space_after=8) for p in paragraphs]
    data = _doc_pdf(story)
    missing = tuple(ch for block in story for ch in block.missing)
    return data, paragraphs, missing


def _squash(text: str) -> str:
    """NFC, no bidi controls, no white space (lines of Thai, Khmer, Japanese break
    between letters; the extracted line ends are not in the source)."""
    return re.sub(r"\s+", "", _norm(text))


@pytest.mark.parametrize("case", RELEASES)
def test_release_paragraphs_extract_as_written(case: str) -> None:
    """The headline and body paragraphs of each language case, set by presskit's
    typesetter and drawn by the back end: pdftotext and pypdf give each paragraph, in
    order (white space aside: line ends fall inside words in scripts without
    spaces); in space-separated scripts also word for word."""
    data, paragraphs, missing = _release_pdf(case)
    assert not missing
    for tool, extracted in (("pdftotext", _pdftotext(data)), ("pypdf", _pypdf(data))):
        flat = _squash(extracted)
        at = 0
        for paragraph in paragraphs:
            # (pdftotext drops a hyphen at a line end: poppler joins hyphenated words)
            hyphen = "-?" if tool == "pdftotext" else "-"
            pattern = "".join(hyphen if ch == "-" else re.escape(ch) for ch in _squash(paragraph))
            found = re.compile(pattern).search(flat, at)
            assert found, (case, tool, paragraph[:40], flat[at : at + 80])
            at = found.end()
    # words parted by spaces (not en-mixed: in its Chinese run "“防骗，从我做" pypdf
    # guesses a space after 防; pdftotext does not, and neither does the check above)
    if case in ("ta", "ms-jawi"):
        text = _norm(_pypdf(data).replace("-\n", "-"))
        assert all(_norm(p) in text for p in paragraphs), case


@pytest.mark.parametrize("case", RELEASES)
def test_release_fonts_embedded_and_no_notdef(case: str) -> None:
    _need_tool("pdffonts")
    data, _, _ = _release_pdf(case)
    assert all(gid != 0 for _, gid in _drawn_glyphs(data))
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True)
    rows = [line.split() for line in out.stdout.decode().splitlines()[2:]]
    ours = [row for row in rows if "+" in row[0]]
    assert ours
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in ours), ours


def test_too_many_glyph_clusters_in_one_font_is_a_clear_error() -> None:
    """Found by trying to break the new PDF: 70,000 different clusters (a letter with
    two marks each) overflowed the two-byte codes with an OverflowError, reported as a
    bug in presskit; it is an ExportError that says what to do."""
    from presskit.errors import ExportError
    from presskit.exporters._pdftheme import default_theme
    from presskit.typesetting.faces import FontBook

    face = FontBook.from_theme(default_theme()["fonts"]).family("Latn")
    assert face is not None
    use = GlyphWriter().font(face)
    use.entries.extend([(0, "", 0, 0)] * 0xFFFF)
    with pytest.raises(ExportError, match=r"65,535 different glyph clusters.*split"):
        use.code(1, "x")
