"""Reading a PDF back the way a checker must, for the acceptance tests of issue 14
(tests/test_pdf_scripts.py): every glyph drawn, where it is drawn and what text it stands
for; the text as pdftotext and pypdf extract it; pdffonts' table.

Written for any correct PDF, not for one writer's font objects: simple TrueType fonts
(reportlab's subsets, code -> glyph by the embedded font's cmap, ISO 32000-1 9.6.6.4),
simple Type 1 and Type1C fonts (code -> glyph name by /Encoding or the built-in one),
Type0 fonts (Identity-H or -V, CIDFontType2 with a ``/CIDToGIDMap`` stream or
``/Identity``; CIDFontType0, a CID-keyed CFF's charset), ``/ToUnicode`` CMaps (bfchar and
bfrange), ``/ActualText`` marked-content spans (inline or named in ``/Properties``), form
XObjects (a "Page X of Y" drawn once and placed on every page), the text state
(``Tc Tw Tz TL Ts``, ``TJ`` adjustments) and the current transformation matrix.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pikepdf

__all__ = [
    "DrawnGlyph",
    "drawn_glyphs",
    "flat",
    "missing_glyphs",
    "pdffonts",
    "pdftotext",
    "pdftotext_bbox",
    "pypdf_pages",
    "touching_lines",
]

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mul(a: Matrix, b: Matrix) -> Matrix:
    """``a`` then ``b`` (PDF's row-vector convention: ``a × b``)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


# --- text -----------------------------------------------------------------------------


def flat(text: str) -> str:
    """Text for comparing a paragraph with its extraction: NFC (not NFKC: a ligature
    ``ﬃ`` extracted for ``ffi`` is a fault), no white space, no zero-width space, soft
    hyphen, word joiner or BOM (a line may break anywhere in Thai or Chinese, where the
    source has no space), no bidi controls (pdftotext marks right-to-left lines with
    them)."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[\s\u200b\u00ad\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", text)


def _tool(args: list[str], data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.pdf"
        path.write_bytes(data)
        command = [*args, str(path)] + (["-"] if args[0] == "pdftotext" else [])
        return subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=120
        ).stdout


def pdftotext(data: bytes, *options: str) -> list[str]:
    """poppler's text of each page (reading order, ``-layout`` off), UTF-8."""
    assert shutil.which("pdftotext"), "poppler-utils is not installed"
    return _tool(["pdftotext", "-enc", "UTF-8", *options], data).split("\f")[:-1]


def pdftotext_bbox(data: bytes) -> list[str]:
    """poppler's ``-bbox-layout`` XHTML, one string per ``<page>`` element."""
    assert shutil.which("pdftotext"), "poppler-utils is not installed"
    xhtml = _tool(["pdftotext", "-enc", "UTF-8", "-bbox-layout"], data)
    return re.findall(r"<page .*?</page>", xhtml, re.S)


def pypdf_pages(data: bytes) -> list[str]:
    """pypdf's text of each page (plain mode)."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@dataclass(frozen=True)
class FontRow:
    """One row of ``pdffonts``."""

    name: str
    type: str
    embedded: bool
    unicode: bool


def pdffonts(data: bytes) -> list[FontRow]:
    """``pdffonts``' table: every font the pages use (also inside form XObjects)."""
    assert shutil.which("pdffonts"), "poppler-utils is not installed"
    lines = _tool(["pdffonts"], data).splitlines()
    header, rule = lines[0], lines[1]
    starts = [m.start() for m in re.finditer(r"-+", rule)]
    rows = []
    for line in lines[2:]:
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)]
        name, kind, _encoding, emb, _sub, uni = cells[:6]
        rows.append(FontRow(name, kind, emb == "yes", uni == "yes"))
    assert header.split()[:2] == ["name", "type"], header
    return rows


# --- fonts ----------------------------------------------------------------------------


def _tounicode(stream: Any) -> dict[bytes, str]:
    """A ToUnicode CMap: code bytes -> text (bfchar and bfrange, both range forms)."""
    if stream is None:
        return {}
    text = stream.read_bytes().decode("latin-1")
    out: dict[bytes, str] = {}

    def utf16(hexes: str) -> str:
        return bytes.fromhex(hexes).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, dest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[bytes.fromhex(code)] = utf16(dest)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        pattern = r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])"
        for lo, hi, dest in re.findall(pattern, block):
            width, first, last = len(lo) // 2, int(lo, 16), int(hi, 16)
            if dest.startswith("["):
                items = re.findall(r"<([0-9A-Fa-f]*)>", dest)
                for offset, item in enumerate(items[: last - first + 1]):
                    out[(first + offset).to_bytes(width, "big")] = utf16(item)
                continue
            base = bytes.fromhex(dest[1:-1])
            for offset in range(last - first + 1):
                value = int.from_bytes(base, "big") + offset
                out[(first + offset).to_bytes(width, "big")] = utf16(
                    value.to_bytes(len(base), "big").hex()
                )
    return out


class Font:
    """What the checks need of one PDF font dictionary: how its strings split into codes,
    each code's glyph id, advance width (text space units per 1000) and text, and each
    glyph's bounding box in the embedded font (font units)."""

    def __init__(self, font: Any) -> None:
        self.dict = font
        self.subtype = str(font.get("/Subtype", ""))
        self.name = str(font.get("/BaseFont", "?")).lstrip("/")
        self.tounicode = _tounicode(font.get("/ToUnicode"))
        self.type0 = self.subtype == "/Type0"
        if self.type0:
            self.cid = font.DescendantFonts[0]
            self.descriptor = self.cid.get("/FontDescriptor")
            self.widths = self._cid_widths(self.cid)
            self.default_width = float(self.cid.get("/DW", 1000))
            encoding = str(font.get("/Encoding", ""))
            assert encoding in ("/Identity-H", "/Identity-V"), f"{self.name}: {encoding}"
        else:
            self.descriptor = font.get("/FontDescriptor")
            first = int(font.get("/FirstChar", 0))
            self.widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
            missing = self.descriptor.get("/MissingWidth", 0) if self.descriptor else 0
            self.default_width = float(missing)
        self._gids: dict[bytes, int | None] = {}
        self._boxes: dict[int, tuple[float, float, float, float] | None] = {}

    @staticmethod
    def _cid_widths(cid: Any) -> dict[int, float]:
        widths: dict[int, float] = {}
        items = list(cid.get("/W", []))
        i = 0
        while i < len(items):
            first = int(items[i])
            if isinstance(items[i + 1], pikepdf.Array):
                for offset, w in enumerate(items[i + 1]):
                    widths[first + offset] = float(w)
                i += 2
            else:
                for c in range(first, int(items[i + 1]) + 1):
                    widths[c] = float(items[i + 2])
                i += 3
        return widths

    def codes(self, string: bytes) -> Iterator[bytes]:
        step = 2 if self.type0 else 1
        for i in range(0, len(string) - step + 1, step):
            yield string[i : i + step]

    def width(self, code: bytes) -> float:
        return self.widths.get(int.from_bytes(code, "big"), self.default_width)

    @cached_property
    def ttfont(self) -> Any:
        """The embedded sfnt font program (TrueType, or OpenType with CFF outlines) read
        with fontTools, or ``None``."""
        from fontTools.ttLib import TTFont

        stream = self._program("/FontFile2") or self._program("/FontFile3")
        if stream is None or (
            "/FontFile3" in self.descriptor and str(stream.get("/Subtype")) != "/OpenType"
        ):
            return None
        return TTFont(io.BytesIO(stream.read_bytes()), lazy=True)

    @cached_property
    def cff(self) -> Any:
        """The embedded bare CFF program (``/FontFile3`` of subtype Type1C or
        CIDFontType0C, or the CFF table of an OpenType one): its top dict, or ``None``."""
        from fontTools.cffLib import CFFFontSet

        if self.ttfont is not None:
            return self.ttfont["CFF "].cff.topDictIndex[0] if "CFF " in self.ttfont else None
        stream = self._program("/FontFile3")
        if stream is None:
            return None
        fonts = CFFFontSet()
        fonts.decompile(io.BytesIO(stream.read_bytes()), None)
        return fonts.topDictIndex[0]

    @cached_property
    def type1(self) -> Any:
        """The embedded Type 1 program (``/FontFile``, as LibreOffice writes CFF fonts it
        converts), parsed by fontTools' t1Lib, or ``None``."""
        from fontTools.t1Lib import T1Font

        stream = self._program("/FontFile")
        if stream is None:
            return None
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "font.pfa"
            path.write_bytes(stream.read_bytes())
            font = T1Font(str(path), kind="OTHER")
            font.parse()
        return font

    def _program(self, key: str) -> Any:
        return self.descriptor.get(key) if self.descriptor is not None else None

    @cached_property
    def order(self) -> list[str]:
        """Glyph names by glyph id."""
        if self.ttfont is not None:
            return list(self.ttfont.getGlyphOrder())
        if self.cff is not None:
            return list(self.cff.charset)
        if self.type1 is not None:
            names = [n for n in self.type1["CharStrings"] if n != ".notdef"]
            return [".notdef", *names]
        return []

    @cached_property
    def _cid_to_gid(self) -> bytes | None:
        mapping = self.cid.get("/CIDToGIDMap")
        return mapping.read_bytes() if isinstance(mapping, pikepdf.Stream) else None

    def gid(self, code: bytes) -> int | None:
        """The glyph id drawn for ``code`` (0 is .notdef), or ``None`` when the font is
        not one the checks can read (not embedded, or Type 3; pdffonts reports a font
        not embedded)."""
        if code not in self._gids:
            self._gids[code] = self._gid(code)
        return self._gids[code]

    def _gid(self, code: bytes) -> int | None:
        value = int.from_bytes(code, "big")
        if self.type0:
            if str(self.cid.get("/Subtype")) == "/CIDFontType0":
                return self._cff_cid_gid(value)
            table = self._cid_to_gid
            if table is None:
                return value  # /Identity
            if 2 * value + 1 >= len(table):
                return 0  # beyond the map: CID 0's glyph
            return int.from_bytes(table[2 * value : 2 * value + 2], "big")
        if self.subtype == "/TrueType" and self.ttfont is not None:
            return self._simple_truetype_gid(value)
        if self.subtype in ("/Type1", "/MMType1") and (self.cff or self.type1) is not None:
            return self._simple_named_gid(value)
        return None

    def _cff_cid_gid(self, cid: int) -> int:
        """CIDFontType0: a CID-keyed CFF maps CIDs to glyphs by its charset (fontTools
        names them ``cid01234``); any other, CID = glyph id. CID 0 is .notdef."""
        top = self.cff
        if top is None or not hasattr(top, "ROS"):
            return cid
        name = f"cid{cid:05d}"
        return self.order.index(name) if cid and name in self.order else 0

    def _simple_named_gid(self, code: int) -> int:
        """A Type 1 or Type1C font: the code's glyph name by /Encoding (its
        /Differences), else by the font's built-in encoding; the glyph is the one of that
        name (glyph ids: the CFF charset's order; a Type 1 font's .notdef first)."""
        from fontTools.encodings.StandardEncoding import StandardEncoding

        name = _encoded_name(self.dict["/Encoding"], code) if "/Encoding" in self.dict else None
        if name is None:
            builtin = self.cff.Encoding if self.cff is not None else self.type1["Encoding"]
            table = StandardEncoding if builtin == "StandardEncoding" else builtin
            name = table[code] if isinstance(table, list) and code < len(table) else None
        if not name or name == ".notdef" or name not in self.order:
            return 0
        return self.order.index(name)

    def _simple_truetype_gid(self, code: int) -> int:
        """ISO 32000-1 9.6.6.4: a symbolic font (or one without /Encoding) looks the code
        up in the (3,0) cmap (also at 0xF000 + code) or the (1,0) cmap; a non-symbolic
        font maps it to a glyph name by its encoding, then to a glyph by the (3,1) cmap or
        the post table's names."""
        font = self.ttfont
        cmap = font.get("cmap")
        tables = {(t.platformID, t.platEncID): t.cmap for t in cmap.tables} if cmap else {}
        order = self.order
        encoding = self.dict.get("/Encoding")
        if encoding is not None:
            name = _encoded_name(encoding, code)
            if name is not None:
                if name in order and name != ".notdef":
                    return order.index(name)
                from fontTools.agl import toUnicode

                char = toUnicode(name)
                if len(char) == 1 and (3, 1) in tables and ord(char) in tables[(3, 1)]:
                    return order.index(tables[(3, 1)][ord(char)])
        for key, value in (
            ((3, 0), code),
            ((3, 0), 0xF000 + code),
            ((1, 0), code),
            ((3, 1), code),
        ):
            if key in tables and value in tables[key]:
                return order.index(tables[key][value])
        return 0

    def box(self, gid: int) -> tuple[float, float, float, float] | None:
        """The glyph's ink box ``(xMin, yMin, xMax, yMax)`` in font units, or ``None``
        for a glyph with no outline (a space) or a font the checks cannot read."""
        if gid not in self._boxes:
            self._boxes[gid] = self._box(gid)
        return self._boxes[gid]

    def _box(self, gid: int) -> tuple[float, float, float, float] | None:
        from fontTools.pens.boundsPen import BoundsPen

        if gid >= len(self.order):
            return None
        name = self.order[gid]
        if self.ttfont is not None:
            glyphs = self._glyph_set
            pen = BoundsPen(glyphs)
            glyphs[name].draw(pen)
            return pen.bounds  # type: ignore[no-any-return]
        if self.cff is not None:
            strings = self.cff.CharStrings
            return strings[name].calcBounds(strings)  # type: ignore[no-any-return]
        if self.type1 is not None:
            strings = self.type1["CharStrings"]
            pen = BoundsPen(strings)
            strings[name].draw(pen)
            return pen.bounds  # type: ignore[no-any-return]
        return None

    @cached_property
    def _glyph_set(self) -> Any:
        return self.ttfont.getGlyphSet()

    @cached_property
    def units_per_em(self) -> float:
        """Font units per em (1000 for a bare CFF program with the usual FontMatrix)."""
        if self.ttfont is not None:
            return float(self.ttfont["head"].unitsPerEm)
        if self.cff is not None:
            return 1 / float(self.cff.FontMatrix[0])
        if self.type1 is not None:
            return 1 / float(self.type1["FontMatrix"][0])
        return 1000.0


def _encoded_name(encoding: Any, code: int) -> str | None:
    """The glyph name a simple font's /Encoding gives ``code`` (its /Differences, then a
    WinAnsi base encoding), or ``None``."""
    if isinstance(encoding, pikepdf.Dictionary):
        current = -1
        for item in encoding.get("/Differences", []):
            if isinstance(item, pikepdf.Name):
                if current == code:
                    return str(item).lstrip("/")
                current += 1
            else:
                current = int(item)
        encoding = encoding.get("/BaseEncoding")
    if isinstance(encoding, pikepdf.Name) and str(encoding) == "/WinAnsiEncoding":
        from fontTools.agl import UV2AGL

        char = bytes([code]).decode("cp1252", errors="ignore")
        return UV2AGL.get(ord(char)) if char else None
    return None


# --- the content streams ----------------------------------------------------------------


@dataclass(frozen=True)
class DrawnGlyph:
    """One glyph shown on a page.

    Attributes:
        page: the page number, from 1.
        font: the font's /BaseFont (``ABCDEF+NotoSansThai-Regular``).
        code: the character code in the string shown.
        gid: the glyph id in the embedded font (0: .notdef), ``None`` if not readable.
        text: the code's ToUnicode text (``None``: no mapping).
        actual_text: the innermost enclosing ``/ActualText``, or ``None``.
        origin: the glyph origin on the page (points, PDF user space of the page).
        size: the glyph's em in points on the page (font size × text and CTM scale).
        box: the glyph's ink box on the page ``(x0, y0, x1, y1)``, or ``None``.
    """

    page: int
    font: str
    code: bytes
    gid: int | None
    text: str | None
    actual_text: str | None
    origin: tuple[float, float]
    size: float
    box: tuple[float, float, float, float] | None

    def describe(self) -> str:
        """The characters lost, for a failure message: ``"ม (U+0E21)"``."""
        chars = self.text if self.text else None
        where = f"page {self.page}, {self.font}, code {self.code.hex()}"
        if not chars:
            chars = self.actual_text
            if chars:
                return f"a glyph of {_named(chars)} ({where})"
            return f"an unmapped code ({where})"
        return f"{_named(chars)} ({where})"


def _named(text: str) -> str:
    return " ".join(f"{ch} (U+{ord(ch):04X})" for ch in text)


@dataclass
class _TextState:
    font: Font | None = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0


@dataclass
class _Walker:
    page: int
    glyphs: list[DrawnGlyph] = field(default_factory=list)
    fonts: dict[tuple[int, int], Font] = field(default_factory=dict)

    def font(self, obj: Any) -> Font:
        key = obj.objgen if obj.is_indirect else (id(obj), 0)
        if key not in self.fonts:
            self.fonts[key] = Font(obj)
        return self.fonts[key]

    def walk(self, stream: Any, resources: Any, ctm: Matrix, depth: int = 0) -> None:  # noqa: C901 (one case per operator)
        assert depth < 12, "form XObjects nest too deep"
        state = _TextState()
        stack: list[tuple[Matrix, _TextState]] = []
        marked: list[str | None] = []
        tm = lm = IDENTITY
        for instruction in pikepdf.parse_content_stream(stream):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                continue
            op = str(instruction.operator)
            args = list(instruction.operands)
            if op == "q":
                stack.append((ctm, _TextState(**vars(state))))
            elif op == "Q" and stack:
                ctm, state = stack.pop()
            elif op == "cm":
                ctm = mul(tuple(float(a) for a in args), ctm)  # type: ignore[arg-type]
            elif op == "BT":
                tm = lm = IDENTITY
            elif op == "Tf":
                fonts = resources.get("/Font", {}) if resources is not None else {}
                state.font = self.font(fonts[str(args[0])])
                state.size = float(args[1])
            elif op == "Tc":
                state.char_space = float(args[0])
            elif op == "Tw":
                state.word_space = float(args[0])
            elif op == "Tz":
                state.scale = float(args[0]) / 100
            elif op == "TL":
                state.leading = float(args[0])
            elif op == "Ts":
                state.rise = float(args[0])
            elif op in ("Td", "TD"):
                tx, ty = float(args[0]), float(args[1])
                if op == "TD":
                    state.leading = -ty
                tm = lm = mul((1, 0, 0, 1, tx, ty), lm)
            elif op == "Tm":
                tm = lm = tuple(float(a) for a in args)  # type: ignore[assignment]
            elif op in ("T*", "'", '"'):
                if op == '"':
                    state.word_space, state.char_space = float(args[0]), float(args[1])
                tm = lm = mul((1, 0, 0, 1, 0, -state.leading), lm)
                if op != "T*":
                    tm = self.show(bytes(args[-1]), state, tm, ctm, marked)
            elif op == "Tj":
                tm = self.show(bytes(args[0]), state, tm, ctm, marked)
            elif op == "TJ":
                for item in args[0]:
                    if isinstance(item, pikepdf.String):
                        tm = self.show(bytes(item), state, tm, ctm, marked)
                    else:
                        shift = -float(item) / 1000 * state.size * state.scale
                        tm = mul((1, 0, 0, 1, shift, 0), tm)
            elif op in ("BDC", "BMC"):
                marked.append(self._actual_text(args, resources) if op == "BDC" else None)
            elif op == "EMC" and marked:
                marked.pop()
            elif op == "Do":
                self._form(args[0], resources, ctm, depth)

    @staticmethod
    def _actual_text(args: list[Any], resources: Any) -> str | None:
        props = args[1] if len(args) > 1 else None
        if isinstance(props, pikepdf.Name) and resources is not None:
            props = resources.get("/Properties", {}).get(str(props))
        if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
            return str(props.ActualText)
        return None

    def _form(self, name: Any, resources: Any, ctm: Matrix, depth: int) -> None:
        xobject = resources.get("/XObject", {}).get(str(name)) if resources is not None else None
        if xobject is None or str(xobject.get("/Subtype")) != "/Form":
            return
        matrix = tuple(float(a) for a in xobject.get("/Matrix", IDENTITY))
        inner = xobject.get("/Resources", resources)
        self.walk(xobject, inner, mul(matrix, ctm), depth + 1)  # type: ignore[arg-type]

    def show(
        self, string: bytes, state: _TextState, tm: Matrix, ctm: Matrix, marked: list[str | None]
    ) -> Matrix:
        font = state.font
        assert font is not None, f"page {self.page}: text shown with no font set"
        actual = next((m for m in reversed(marked) if m is not None), None)
        for code in font.codes(string):
            trm = mul((state.size * state.scale, 0, 0, state.size, 0, state.rise), mul(tm, ctm))
            gid = font.gid(code)
            box = None
            if gid is not None:
                glyph_box = font.box(gid)
                if glyph_box is not None:
                    upem = font.units_per_em
                    corners = [
                        apply(trm, x / upem, y / upem)
                        for x in (glyph_box[0], glyph_box[2])
                        for y in (glyph_box[1], glyph_box[3])
                    ]
                    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
                    box = (min(xs), min(ys), max(xs), max(ys))
            self.glyphs.append(
                DrawnGlyph(
                    page=self.page,
                    font=font.name,
                    code=code,
                    gid=gid,
                    text=font.tounicode.get(code),
                    actual_text=actual,
                    origin=apply(trm, 0, 0),
                    size=abs(trm[3]) or abs(trm[1]),
                    box=box,
                )
            )
            advance = font.width(code) / 1000 * state.size + state.char_space
            if code == b" ":
                advance += state.word_space
            tm = mul((1, 0, 0, 1, advance * state.scale, 0), tm)
        return tm


def drawn_glyphs(data: bytes) -> list[DrawnGlyph]:
    """Every glyph the pages draw, in content-stream order."""
    out: list[DrawnGlyph] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts: dict[tuple[int, int], Font] = {}
        for number, page in enumerate(pdf.pages, start=1):
            walker = _Walker(number, fonts=fonts)
            walker.walk(page.obj, page.obj.get("/Resources"), IDENTITY)
            out += walker.glyphs
    return out


def missing_glyphs(glyphs: list[DrawnGlyph]) -> list[str]:
    """The characters lost, one line each: a .notdef glyph drawn (glyph id 0), described
    with the text it stood for; a glyph that stands for U+0000 or U+FFFD (reportlab's
    canvas draws a character its font lacks as code 0, the font's U+0000 glyph); a glyph
    of a font the checks cannot read."""
    out = []
    for glyph in glyphs:
        if glyph.gid is None:
            out.append(f"unreadable font: {glyph.describe()}")
        elif glyph.gid == 0:
            out.append(glyph.describe())
        elif glyph.text in ("\x00", "\ufffd"):
            out.append(f"a stand-in for a character the font lacks: {glyph.describe()}")
    return out


def touching_lines(
    glyphs: list[DrawnGlyph], *, apart: float = 0.6
) -> list[tuple[DrawnGlyph, DrawnGlyph]]:
    """Pairs of glyphs from different lines whose ink boxes overlap: "lines touch".

    Two glyphs are on different lines when their origins are further apart vertically
    than ``apart`` ems of the larger (a mark's offset within its line is less; lines are
    more than an em apart). Boxes are the fonts' glyph outlines' bounds placed by the text
    and transformation matrices, so a stacked mark set by a y offset counts where drawn.
    """
    found: list[tuple[DrawnGlyph, DrawnGlyph]] = []
    cell = 12.0
    grid: dict[tuple[int, int, int], list[DrawnGlyph]] = {}
    for glyph in glyphs:
        if glyph.box is None:
            continue
        x0, y0, x1, y1 = glyph.box
        for gx in range(int(x0 // cell), int(x1 // cell) + 1):
            for gy in range(int(y0 // cell), int(y1 // cell) + 1):
                grid.setdefault((glyph.page, gx, gy), []).append(glyph)
    seen: set[tuple[int, int]] = set()
    for bucket in grid.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if abs(a.origin[1] - b.origin[1]) <= apart * max(a.size, b.size):
                    continue
                key = (id(a), id(b))
                if key in seen or not _overlap(a.box, b.box):  # type: ignore[arg-type]
                    continue
                seen.add(key)
                found.append((a, b) if a.origin[1] > b.origin[1] else (b, a))
    return found


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
