"""The fonts of the glyphs :mod:`presskit.exporters._pdfglyphs` drew, embedded into the
saved PDF with pikepdf.

For each face the document used (ISO 32000-1 section 9.7):

* the font program, subset with fontTools to the glyphs drawn (glyph ids renumbered;
  the ``/CIDToGIDMap`` stream maps the document's codes to them), hinting dropped;
  OpenType fonts with CFF outlines (Noto Sans CJK, TLWG Loma ``.otf``) have the used
  glyphs converted to TrueType outlines (drawn by HarfBuzz, quadratic curves by
  fontTools' cu2qu, within 1/1000 em: :mod:`presskit.exporters._pdfoutlines`), because
  reportlab's pages and most PDF/A and PDF/UA checkers expect ``/FontFile2``; embedded
  as ``/FontFile2``;
* a ``/Type0`` font with ``/Identity-H`` encoding over a ``/CIDFontType2`` with ``/W``
  widths and a ``/FontDescriptor`` (flags, bounding box, ascent, descent, cap height,
  italic angle, StemV);
* a ``/ToUnicode`` CMap with the text of every code (a cluster's text on its first
  glyph, an empty string on its further glyphs), so text copies out in logical order;
* the subset tag (``ABCDEF+``) derived from a hash of the face and its codes, so the
  same document gives the same bytes.

fontTools builds the font programs (well kept, and already a dependency of the
typesetter), HarfBuzz draws CFF outlines; pikepdf (qpdf) makes the PDF objects, after
reportlab has saved the pages.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path
from typing import Any

import attrs

from presskit.exporters._pdfglyphs import FontUse, GlyphWriter
from presskit.exporters._pdfoutlines import outline

__all__ = ["embed_fonts", "font_program", "to_unicode_cmap"]


def embed_fonts(pdf: Any, writer: GlyphWriter) -> None:
    """Add the fonts of ``writer`` to ``pdf`` (a :class:`pikepdf.Pdf` of the document the
    writer drew) and name them (``/PKF0`` ...) in the ``/Font`` resources of every page
    and every form XObject.

    Raises:
        ExportError: a font does not allow embedding, or has CFF2 outlines.
        fontTools.ttLib.TTLibError: a font file cannot be read.
    """
    import pikepdf

    fonts = {use.name: _type0(pdf, use) for use in writer.fonts if use.entries}
    if not fonts:
        return
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        _add_resources(page.obj, fonts, seen, pikepdf)


def _add_resources(
    owner: Any, fonts: dict[str, Any], seen: set[tuple[int, int]], pikepdf: Any
) -> None:
    """Name ``fonts`` in ``owner``'s resources (a page or a form XObject), then in the
    resources of the form XObjects it uses."""
    if owner.is_indirect:
        if owner.objgen in seen:
            return
        seen.add(owner.objgen)
    Name = pikepdf.Name
    if Name.Resources not in owner:
        owner[Name.Resources] = pikepdf.Dictionary()
    resources = owner[Name.Resources]
    if Name.Font not in resources:
        resources[Name.Font] = pikepdf.Dictionary()
    font_dict = resources[Name.Font]
    for name, ref in fonts.items():
        font_dict[Name("/" + name)] = ref
    for xobject in resources.get(Name.XObject, {}).values():
        if xobject.get(Name.Subtype) == Name.Form:
            _add_resources(xobject, fonts, seen, pikepdf)


def _subset_tag(use: FontUse) -> str:
    digest = hashlib.sha256(use.face.postscript_name.encode())
    for gid, text, dx, dy in use.entries:
        digest.update(f"{gid}:{dx}:{dy}:{text}\0".encode())
    value = int.from_bytes(digest.digest()[:8], "big")
    letters = []
    for _ in range(6):
        value, letter = divmod(value, 26)
        letters.append(chr(65 + letter))
    return "".join(letters)


def font_program(use: FontUse) -> tuple[bytes, list[int], dict[str, float]]:
    """The subset TrueType font program of ``use``, the glyph id in it of each code
    (``[0]`` for code 0, then one per entry), and the descriptor metrics (1/1000 em:
    ``ascent``, ``descent``, ``cap_height``, ``x_min`` ... ``y_max``, ``italic_angle``,
    ``stem_v``, ``flags``).

    The program is built afresh from the outlines of the glyphs drawn
    (:mod:`presskit.exporters._pdfoutlines`: CFF outlines drawn by HarfBuzz and
    converted to quadratic ones within 1/1000 em, composite glyphs decomposed, hinting
    left out) with fontTools' FontBuilder; of the face's own tables only ``head``,
    ``hhea``, ``OS/2`` and ``post`` are read. Subsetting the whole font instead read
    every outline of a font with 65,000 glyphs (Noto Sans CJK) on every export: 1.2 s a
    PDF. A glyph drawn with an offset (a mark) becomes a glyph of its own, moved by the
    offset, with the same advance.

    Raises:
        ExportError: the font does not allow embedding, or has CFF2 outlines.
        fontTools.ttLib.TTLibError: the font file cannot be read.
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import TTFont

    face = use.face
    header = _header(face.path, face.index)
    _check_embeddable(header, face)
    head, hhea, post = header.head, header.hhea, header.post
    upem = head.unitsPerEm
    names: list[str] = []
    glyphs: dict[str, Any] = {}
    metrics: dict[str, tuple[int, int]] = {}
    made: dict[tuple[int, int, int], int] = {}
    compiled: dict[str, bytes] = {}

    def add(gid: int, dx: int, dy: int) -> int:
        key = (gid, dx, dy)
        if key not in made:
            drawn = outline(face.path, face.index, gid, dx, dy, cff=header.cff, upem=upem)
            new = ".notdef" if not names else f"g{len(names)}"
            names.append(new)
            glyphs[new] = _shape(drawn.contours, drawn.points, drawn.bounds)
            compiled[new] = drawn.data
            metrics[new] = (drawn.advance, drawn.bounds[0])
            made[key] = len(names) - 1
        return made[key]

    glyph_ids = [add(0, 0, 0)]
    glyph_ids += [add(gid, dx, dy) for gid, _, dx, dy in use.entries]
    # (FontBuilder(upem) stamps the head table from the clock, or from
    # SOURCE_DATE_EPOCH, which it cannot read when set empty: the source's dates)
    builder = FontBuilder(font=TTFont(recalcTimestamp=False))
    builder.isTTF = True
    builder.setupHead(unitsPerEm=upem, created=head.created, modified=head.created,
                      macStyle=head.macStyle)  # fmt: skip
    builder.setupMaxp()
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({})
    builder.setupGlyf(glyphs, calcGlyphBounds=False)  # (bounds made with the glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    builder.setupNameTable({"familyName": face.postscript_name, "styleName": "Regular",
                            "psName": face.postscript_name})  # fmt: skip
    builder.setupOS2(**_os2_fields(header.os2))
    builder.setupPost(italicAngle=post.italicAngle, isFixedPitch=post.isFixedPitch)
    return _save(builder.font, compiled), glyph_ids, _metrics(header)


@lru_cache(maxsize=1 << 16)
def _shape(contours: int, points: int, bounds: tuple[int, int, int, int]) -> Any:
    """A ``glyf`` glyph with what fontTools' recalculation of ``maxp``, ``head`` and
    ``hhea`` reads (contours, point count, bounds): its points are never written (the
    font is saved from the glyphs' data, see :func:`_save`). Shared by the subsets, which
    only read it."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates

    glyph = Glyph()
    glyph.numberOfContours = contours
    glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax = bounds
    if contours:
        glyph.coordinates = GlyphCoordinates.zeros(points)
        glyph.endPtsOfContours = [0] * contours
        glyph.flags = b""  # (quadratic: no cubic flag)
    return glyph


def _save(font: Any, compiled: dict[str, bytes]) -> bytes:
    """The bytes of ``font`` (its ``glyf`` glyphs drawn, with their bounds), the glyphs
    written from ``compiled`` (name -> the glyph's ``glyf`` data) instead of compiled
    again: fontTools' own recalculation of the font's bounding box and the ``maxp`` and
    ``hhea`` extremes runs first, on the glyphs, then the save recalculates nothing."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    font["maxp"].recalc(font)  # (maxp's extremes, and head's bounding box and flags)
    font["hhea"].recalc(font)
    font["glyf"].glyphs = {name: Glyph(data) for name, data in compiled.items()}
    font.recalcBBoxes = False
    font.recalcTimestamp = False
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


#: Font faces whose header is kept: as many as the default theme finds for the region's
#: scripts (37 faces with Debian's fonts).
_FACES_KEPT = 48


@attrs.frozen
class _Header:
    """What a subset takes from a face's own tables: ``head``, ``hhea``, ``OS/2`` (or
    ``None``) and ``post``'s header (fontTools' table objects), and whether its
    outlines are CFF or CFF2."""

    head: Any
    hhea: Any
    os2: Any
    post: Any
    cff: bool
    cff2: bool


@lru_cache(maxsize=_FACES_KEPT)
def _header(path: Path, index: int) -> _Header:
    """The :class:`_Header` of face ``index`` of the font file ``path`` (read once per
    process; only those tables are read, and the file is closed again).

    Raises:
        fontTools.ttLib.TTLibError: the file is not a font.
    """
    from fontTools.misc import sstruct
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._p_o_s_t import postFormat, postFormatSize

    with TTFont(str(path), fontNumber=index, lazy=True) as font:
        post = _PostHeader()
        sstruct.unpack(postFormat, font.reader["post"][:postFormatSize], post)
        head, hhea, os2 = font["head"], font["hhea"], font.get("OS/2")
        return _Header(head, hhea, os2, post, "CFF " in font, "CFF2" in font)


class _PostHeader:
    """The fixed part of a ``post`` table (its glyph names are not read)."""

    italicAngle: float
    isFixedPitch: int


def _os2_fields(os2: Any) -> dict[str, Any]:
    """The OS/2 values worth keeping in a subset (of ``os2``, a face's OS/2 table or
    ``None``): weight, width, embedding rights, vertical metrics."""
    if os2 is None:
        return {}
    keys = ("version", "usWeightClass", "usWidthClass", "fsType", "sTypoAscender", "sTypoDescender",
            "sTypoLineGap", "usWinAscent", "usWinDescent", "fsSelection", "sxHeight",
            "sCapHeight")  # fmt: skip
    return {k: getattr(os2, k) for k in keys if hasattr(os2, k)}


def _check_embeddable(font: _Header, face: Any) -> None:
    """Raise :class:`~presskit.errors.ExportError` for a font that may not be embedded
    (OS/2 ``fsType`` "restricted license", as reportlab refuses too) or whose outlines
    cannot be converted (CFF2, variable PostScript outlines)."""
    from presskit.errors import ExportError

    where = f"{face.path}" + (f"#{face.index}" if face.index else "")
    os2 = font.os2
    if os2 is not None and os2.fsType & 0x000F == 0x0002:
        raise ExportError(
            f"pdf: font {where} ({face.postscript_name}) does not allow embedding "
            "(OS/2 fsType: restricted license); choose another font in the theme"
        )
    if font.cff2:
        raise ExportError(
            f"pdf: font {where} ({face.postscript_name}) has CFF2 (variable PostScript) "
            "outlines, which presskit cannot embed; use a static .otf or a .ttf"
        )


def _metrics(font: _Header) -> dict[str, float]:
    head, hhea, os2, post = font.head, font.hhea, font.os2, font.post
    scale = 1000 / head.unitsPerEm
    ascent = (os2.sTypoAscender if os2 else hhea.ascent) * scale
    descent = (os2.sTypoDescender if os2 else hhea.descent) * scale
    cap = getattr(os2, "sCapHeight", 0) * scale if os2 else 0
    weight = os2.usWeightClass if os2 else 400
    italic = float(post.italicAngle)
    flags = 4  # symbolic: the glyphs are reached through CIDToGIDMap, not a standard encoding
    if post.isFixedPitch:
        flags |= 1
    if italic or (head.macStyle & 2):
        flags |= 64
    return {
        "ascent": round(ascent),
        "descent": round(descent),
        "cap_height": round(cap or ascent),
        "x_min": round(head.xMin * scale),
        "y_min": round(head.yMin * scale),
        "x_max": round(head.xMax * scale),
        "y_max": round(head.yMax * scale),
        "italic_angle": italic,
        "stem_v": round(10 + 220 * (max(weight, 50) - 50) / 900),
        "flags": flags,
    }


def to_unicode_cmap(use: FontUse) -> bytes:
    """The ToUnicode CMap of ``use``: every code (2 bytes) to its text (UTF-16BE; empty
    for a cluster's further glyphs)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    pairs = [(code, text) for code, (_, text, _, _) in enumerate(use.entries, start=1)]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [
            f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in chunk
        ]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end", ""]
    return "\n".join(lines).encode("ascii")


def _type0(pdf: Any, use: FontUse) -> Any:
    """The Type0 font object of ``use`` (an indirect reference in ``pdf``)."""
    import pikepdf

    Name = pikepdf.Name
    program, glyph_ids, m = font_program(use)
    base = Name("/" + _subset_tag(use) + "+" + _pdf_name(use.face.postscript_name))
    file2 = pikepdf.Stream(pdf, program)
    file2[Name.Length1] = len(program)
    descriptor = pikepdf.Dictionary(
        Type=Name.FontDescriptor,
        FontName=base,
        Flags=int(m["flags"]),
        FontBBox=[m["x_min"], m["y_min"], m["x_max"], m["y_max"]],
        ItalicAngle=m["italic_angle"],
        Ascent=m["ascent"],
        Descent=m["descent"],
        CapHeight=m["cap_height"],
        StemV=m["stem_v"],
        FontFile2=pdf.make_indirect(file2),
    )
    cid_to_gid = b"".join(gid.to_bytes(2, "big") for gid in glyph_ids)
    widths = [use.widths[gid] for gid, *_ in use.entries]
    cid_font = pikepdf.Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=base,
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=0,
        W=[1, [_pdf_number(w) for w in widths]],
        CIDToGIDMap=pdf.make_indirect(pikepdf.Stream(pdf, cid_to_gid)),
    )
    type0 = pikepdf.Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=base,
        Encoding=Name("/Identity-H"),
        DescendantFonts=[pdf.make_indirect(cid_font)],
        ToUnicode=pdf.make_indirect(pikepdf.Stream(pdf, to_unicode_cmap(use))),
    )
    return pdf.make_indirect(type0)


def _pdf_number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _pdf_name(name: str) -> str:
    """A PostScript name safe in a PDF name (no spaces or delimiters)."""
    return (
        "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_." else "-" for ch in name)
        or "Font"
    )
