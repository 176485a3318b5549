"""WordprocessingML as python-docx gives it, read for the Word importers: the body's
paragraphs (style, runs with bold, italics, links and character styles, numbering) and
tables, numbered in document order; and a numbering's start and format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from presskit.errors import ModelError
from presskit.model import (
    Inline,
    Run,
    inline,
)

if TYPE_CHECKING:
    from docx.document import Document

__all__ = [
    "BodyParagraph",
    "BodyTable",
    "Piece",
    "num_format",
    "num_start",
    "piece_runs",
    "walk_body",
]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


# --- runs ---------------------------------------------------------------------------------


@attrs.frozen
class Piece:
    run: Run
    char_style: str | None


def _run_text(element: Any) -> str:
    out = []
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("\u2011")
    return "".join(out)


def _on(rpr: Any, name: str) -> bool:
    if rpr is None:
        return False
    element = rpr.find(f"{_W}{name}")
    if element is None:
        return False
    return element.get(f"{_W}val", "true") not in ("0", "false", "off")


def _piece(r: Any, href: str | None, style_names: dict[str, str]) -> Piece | None:
    """A run (``w:r``) with its bold, italics and character style; ``None`` when empty.
    A link target the model refuses is dropped, the text kept."""
    text = _run_text(r)
    if not text:
        return None
    rpr = r.find(f"{_W}rPr")
    style = None
    if rpr is not None:
        rstyle = rpr.find(f"{_W}rStyle")
        if rstyle is not None:
            style = style_names.get(rstyle.get(f"{_W}val", ""))
    try:
        run = Run(text, strong=_on(rpr, "b"), emphasis=_on(rpr, "i"), href=href)
    except ModelError:
        run = Run(text, strong=_on(rpr, "b"), emphasis=_on(rpr, "i"))
    return Piece(run, style)


def _link_target(hyperlink: Any, rels: Any) -> str | None:
    """A ``w:hyperlink``'s target: its relationship's URL, or ``#anchor``."""
    r_id = hyperlink.get(f"{_R}id")
    if r_id and r_id in rels:
        target: str = rels[r_id].target_ref
        return target
    anchor = hyperlink.get(f"{_W}anchor")
    return f"#{anchor}" if anchor else None


#: Elements whose runs are read as the paragraph's own (insertions, smart tags, simple
#: fields, content controls).
_RUN_WRAPPERS = (f"{_W}ins", f"{_W}smartTag", f"{_W}fldSimple", f"{_W}sdt")


def _pieces(paragraph: Any, style_names: dict[str, str]) -> list[Piece]:
    """The runs of a paragraph with bold, italics, links and character styles."""
    found: list[tuple[Any, str | None]] = []
    for child in paragraph._p:
        if child.tag == f"{_W}r":
            found.append((child, None))
        elif child.tag == f"{_W}hyperlink":
            href = _link_target(child, paragraph.part.rels)
            found.extend((r, href) for r in child.iter(f"{_W}r"))
        elif child.tag in _RUN_WRAPPERS:
            found.extend((r, None) for r in child.iter(f"{_W}r"))
    pieces = (_piece(r, href, style_names) for r, href in found)
    return [piece for piece in pieces if piece is not None]


def piece_runs(pieces: list[Piece]) -> Inline:
    try:
        return inline([p.run for p in pieces])
    except ModelError:
        return ()


def _num_id(paragraph: Any) -> int | None:
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    return int(ppr.numPr.numId.val)


def num_start(doc: Document, num_id: int) -> int:
    try:
        numbering = doc.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return 1
    for num in numbering.findall(f"{_W}num"):
        if num.get(f"{_W}numId") == str(num_id):
            override = num.find(f"{_W}lvlOverride/{_W}startOverride")
            if override is not None:
                return int(override.get(f"{_W}val"))
            abstract_id = num.find(f"{_W}abstractNumId").get(f"{_W}val")
            for abstract in numbering.findall(f"{_W}abstractNum"):
                if abstract.get(f"{_W}abstractNumId") == abstract_id:
                    start = abstract.find(f"{_W}lvl/{_W}start")
                    if start is not None:
                        return int(start.get(f"{_W}val"))
    return 1


def num_format(doc: Document, num_id: int) -> str | None:
    try:
        numbering = doc.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None
    for num in numbering.findall(f"{_W}num"):
        if num.get(f"{_W}numId") == str(num_id):
            abstract_id = num.find(f"{_W}abstractNumId").get(f"{_W}val")
            for abstract in numbering.findall(f"{_W}abstractNum"):
                if abstract.get(f"{_W}abstractNumId") == abstract_id:
                    fmt = abstract.find(f"{_W}lvl/{_W}numFmt")
                    return None if fmt is None else fmt.get(f"{_W}val")
    return None


@attrs.define
class BodyParagraph:
    number: int
    style: str
    pieces: list[Piece]
    num_id: int | None
    paragraph: Any

    @property
    def text(self) -> str:
        return "".join(p.run.text for p in self.pieces).strip()


@attrs.define
class BodyTable:
    number: int
    rows: list[list[list[BodyParagraph]]]


def walk_body(doc: Document, style_names: dict[str, str]) -> Any:
    """Paragraphs and tables of the body, in order, numbered 1, 2, ... (a table's cell
    paragraphs take numbers too)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    counter = 0

    def para(p: Any) -> BodyParagraph:
        nonlocal counter
        counter += 1
        name = p.style.name if p.style is not None else "Normal"
        return BodyParagraph(counter, name, _pieces(p, style_names), _num_id(p), p)

    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield para(DocxParagraph(child, doc))
        elif child.tag == f"{_W}tbl":
            table = Table(child, doc)
            start = counter + 1
            rows = []
            for row in table.rows:
                cells = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    cells.append([para(p) for p in cell.paragraphs])
                rows.append(cells)
            yield BodyTable(start, rows)
