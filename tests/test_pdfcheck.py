"""The PDF checker of the acceptance tests (tests/pdfcheck.py) sees the faults it is
for, in reportlab's simple TrueType subsets (main today) and in Type0 / CIDFontType2
fonts with Identity-H, a CIDToGIDMap and /ActualText spans (issue 14's back end)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest

from presskit.fonts import SYSTEM_FONT_DIRS, find_file
from tests import pdfcheck

NOTO = find_file(["NotoSans-Regular.ttf"], SYSTEM_FONT_DIRS)
needs_noto = pytest.mark.skipif(
    NOTO is None, reason="fonts-noto-core is not installed; .ci/run installs it"
)


@needs_noto
def test_a_character_reportlab_could_not_draw_is_found() -> None:
    """reportlab's canvas draws a character its font lacks as code 0 (the font's U+0000
    glyph, mapped to U+0000): lost, though not .notdef."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("pk-check-noto", str(NOTO)))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont("pk-check-noto", 12)
    canvas.drawString(72, 700, "Rated \u2605 and \u0e01 ok")  # Noto Sans has neither
    canvas.showPage()
    canvas.save()
    glyphs = pdfcheck.drawn_glyphs(buffer.getvalue())
    assert "".join(g.text or "?" for g in glyphs) == "Rated \x00 and \x00 ok"
    assert all(g.gid for g in glyphs)  # the subset's cmap (1,0) gives every code a glyph
    lost = pdfcheck.missing_glyphs(glyphs)
    assert len(lost) == 2 and all("stand-in" in line and "U+0000" in line for line in lost)


@needs_noto
def test_a_notdef_glyph_of_a_simple_truetype_font_is_named() -> None:
    """A simple TrueType font without /Encoding: codes go through the font's cmap
    (ISO 32000-1 9.6.6.4); a code it lacks draws glyph 0."""
    assert NOTO is not None
    pdf = pikepdf.new()
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/NotoSans-Regular"),
        Flags=4, FontBBox=[-600, -300, 2600, 1100], ItalicAngle=0, Ascent=1069,
        Descent=-293, CapHeight=714, StemV=80,
        FontFile2=pikepdf.Stream(pdf, NOTO.read_bytes()),
    )  # fmt: skip
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
        BaseFont=pikepdf.Name("/NotoSans-Regular"), FirstChar=1, LastChar=255,
        Widths=[600] * 255, FontDescriptor=pdf.make_indirect(descriptor),
        ToUnicode=pikepdf.Stream(pdf, b"1 beginbfchar <01> <2605> endbfchar"),
    )  # fmt: skip
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pdf.make_indirect(font))),
        Contents=pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 700 Td (Ok\001) Tj ET"),
    )  # fmt: skip
    pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    glyphs = pdfcheck.drawn_glyphs(out.getvalue())
    assert [g.gid != 0 for g in glyphs] == [True, True, False]
    assert pdfcheck.missing_glyphs(glyphs) == ["★ (U+2605) (page 1, NotoSans-Regular, code 01)"]


def _type0_pdf(lines: list[tuple[float, list[tuple[str, str | None]]]]) -> bytes:
    """A one-page PDF in Noto Sans as a Type0 font (Identity-H, CIDFontType2, a
    CIDToGIDMap stream: CID n draws glyph n + 0 for the listed glyphs, shuffled so a
    reader that ignores the map would get other glyph ids), 20 pt, each line
    ``(baseline y, [(characters, ActualText or None)])``; a character the font lacks is
    drawn as CID 0 (.notdef) with its ToUnicode text."""
    from fontTools.ttLib import TTFont

    assert NOTO is not None
    data = NOTO.read_bytes()
    font = TTFont(io.BytesIO(data))
    cmap = font.getBestCmap()
    order = font.getGlyphOrder()
    cids: dict[str, int] = {}
    gids = [0]
    for _, pieces in lines:
        for chars, _actual in pieces:
            for ch in chars:
                if ch not in cids:
                    cids[ch] = len(gids)
                    gids.append(order.index(cmap[ord(ch)]) if ord(ch) in cmap else 0)
    pdf = pikepdf.new()
    cid_map = b"".join(g.to_bytes(2, "big") for g in gids)
    tounicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(cids)} beginbfchar\n"
        + "".join(f"<{c:04X}> <{ch.encode('utf-16-be').hex()}>\n" for ch, c in cids.items())
        + "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    descriptor = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/NotoSans-Regular"),
            Flags=32, FontBBox=[-600, -300, 2600, 1100], ItalicAngle=0, Ascent=1069,
            Descent=-293, CapHeight=714, StemV=80, FontFile2=pikepdf.Stream(pdf, data),
        )
    )  # fmt: skip
    cid_font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/NotoSans-Regular"), FontDescriptor=descriptor, DW=600,
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        CIDToGIDMap=pikepdf.Stream(pdf, cid_map),
    )  # fmt: skip
    type0 = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
        BaseFont=pikepdf.Name("/NotoSans-Regular"), Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=[pdf.make_indirect(cid_font)],
        ToUnicode=pikepdf.Stream(pdf, tounicode.encode()),
    )  # fmt: skip
    content = []
    for y, pieces in lines:
        content.append(f"BT /F1 20 Tf 72 {y} Td")
        for chars, actual in pieces:
            codes = "".join(f"{cids[ch]:04X}" for ch in chars)
            if actual is None:
                content.append(f"<{codes}> Tj")
            else:
                text = ("\ufeff" + actual).encode("utf-16-be").hex()
                content.append(f"/Span <</ActualText <{text}>>> BDC <{codes}> Tj EMC")
        content.append("ET")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pdf.make_indirect(type0))),
        Contents=pikepdf.Stream(pdf, "\n".join(content).encode()),
    )  # fmt: skip
    pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


@needs_noto
def test_type0_glyphs_are_decoded_through_the_cid_to_gid_map() -> None:
    data = _type0_pdf([(700, [("Hag", None), ("fi", "fi"), ("\u0b95", None)])])
    glyphs = pdfcheck.drawn_glyphs(data)
    assert [g.text for g in glyphs] == ["H", "a", "g", "f", "i", "\u0b95"]
    assert [g.actual_text for g in glyphs] == [None, None, None, "fi", "fi", None]
    assert all(g.gid for g in glyphs[:5]) and glyphs[5].gid == 0
    # advances from /DW (600 units at 20 pt: 12 pt a glyph)
    assert [round(g.origin[0]) for g in glyphs] == [72, 84, 96, 108, 120, 132]
    assert pdfcheck.missing_glyphs(glyphs) == ["க (U+0B95) (page 1, NotoSans-Regular, code 0006)"]
    h = glyphs[0].box
    assert h is not None and 700 < h[3] < 700 + 20 * 0.75  # ink from the font's outline


@needs_noto
def test_lines_whose_ink_overlaps_are_found() -> None:
    close = pdfcheck.drawn_glyphs(_type0_pdf([(700, [("gyp", None)]), (686, [("HHH", None)])]))
    touching = pdfcheck.touching_lines(close)
    pairs = {(upper.text, lower.text) for upper, lower in touching}
    assert pairs and pairs <= {("g", "H"), ("y", "H"), ("p", "H")}
    apart = pdfcheck.drawn_glyphs(_type0_pdf([(700, [("gyp", None)]), (674, [("HHH", None)])]))
    assert pdfcheck.touching_lines(apart) == []


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")
@needs_noto
def test_pdffonts_rows() -> None:
    rows = pdfcheck.pdffonts(_type0_pdf([(700, [("Hi", None)])]))
    assert rows == [pdfcheck.FontRow("NotoSans-Regular", "CID TrueType", True, True)]


def test_flat_keeps_ligatures_and_drops_spacing() -> None:
    assert pdfcheck.flat("o\ufb03cers") != pdfcheck.flat("officers")
    assert pdfcheck.flat("Vie\u0323\u0302t\n Nam\u200b \u202bx\u202c") == "Việt" + "Namx"
    assert Path(pdfcheck.__file__).name == "pdfcheck.py"


def test_an_embedded_type1_font_is_read() -> None:
    """A Type 1 program (/FontFile, as LibreOffice embeds fonts it converts) is read
    with fontTools' t1Lib: a glyph by its encoding's name, its box from the outline."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    folder = Path(reportlab.__file__).parent / "fonts"
    face = pdfmetrics.EmbeddedType1Face(str(folder / "_er_____.afm"), str(folder / "_er_____.pfb"))
    pdfmetrics.registerTypeFace(face)
    pdfmetrics.registerFont(pdfmetrics.Font("pk-check-t1", face.name, "WinAnsiEncoding"))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont("pk-check-t1", 20)
    canvas.drawString(72, 700, "Ok")
    canvas.showPage()
    canvas.save()
    glyphs = [g for g in pdfcheck.drawn_glyphs(buffer.getvalue()) if g.font.endswith(face.name)]
    assert [g.code for g in glyphs] == [b"O", b"k"]
    assert all(g.gid for g in glyphs) and pdfcheck.missing_glyphs(glyphs) == []
    box = glyphs[0].box
    assert box is not None and 72 <= box[0] < box[2] < 72 + 20 and 699 < box[3] < 700 + 20
