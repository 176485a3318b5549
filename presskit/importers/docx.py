"""Word documents (``.docx``, Office Open XML).

The file is untrusted. Before python-docx opens it, the zip is checked: at most
:data:`MAX_ENTRIES` entries, at most :data:`MAX_UNCOMPRESSED` bytes once decompressed,
no entry larger than 1 MiB that expands more than :data:`MAX_RATIO` times (a zip bomb),
and every XML part is parsed with entity resolution and network access off; a part that
declares a document type (``<!DOCTYPE``, where external entities hide) is refused, since
Word never writes one.

Two readings:

* A document made by presskit's ``docx`` exporter (it uses presskit's own style names,
  ``Release Status``, ``Boilerplate Heading``, ``Contacts Heading`` ...) is read part by
  part back into the model: the styles say what each paragraph is, the numbering which
  list it belongs to and where it starts, the core properties give the slug, the issue
  and update instants, the language and the tags.
* Any other document is read like a text release, helped by its paragraph styles
  (``Title``, ``Subtitle``, ``Heading 1`` to ``4``, list styles), its numbering, its
  tables (a table with e-mail addresses is a contacts table) and its hyperlinks.

The body is read by :mod:`presskit.importers._wordml`; the first reading is
:mod:`presskit.importers._docx_presskit`, the second the text assembler's.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from presskit.errors import SourceError
from presskit.importers._assemble import EMAIL, PHONE, PHONE_LABEL, Chunk, Hints, assemble
from presskit.importers._report import Imported
from presskit.importers._wordml import BodyParagraph, BodyTable, num_format, piece_runs, walk_body
from presskit.model import Inline, plain_text

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_UNCOMPRESSED", "check_package", "read_docx"]

#: The most entries a ``.docx`` zip may hold.
MAX_ENTRIES = 2000
#: The most bytes all entries may hold once decompressed: 256 MiB.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
#: The largest compression ratio accepted for an entry of more than 1 MiB.
MAX_RATIO = 200


def check_package(data: bytes, source: str) -> None:
    """Refuse a zip bomb, a damaged zip, a zip that is not a Word document, and XML
    parts with a document type declaration.

    Raises:
        SourceError: with a message that says which limit or rule was broken.
    """
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SourceError(source, f"not a Word document: a damaged zip ({exc})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise SourceError(
                source,
                f"the .docx holds {len(infos):,} files; presskit reads at most {MAX_ENTRIES:,}",
            )
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise SourceError(
                source,
                f"the .docx would expand to {total:,} bytes, more than the {MAX_UNCOMPRESSED:,} "
                "presskit accepts (a zip bomb?); refused",
            )
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                raise SourceError(
                    source,
                    f"{info.filename} would expand {ratio:,.0f} times, from "
                    f"{info.compress_size:,} to {info.file_size:,} bytes (a zip bomb?); refused",
                )
        names = {info.filename for info in infos}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise SourceError(source, "not a Word document: the zip has no word/document.xml")
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                part = archive.read(info)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
                raise SourceError(source, f"{info.filename}: a damaged zip entry ({exc})") from None
            try:
                root = etree.fromstring(part, parser)
            except etree.XMLSyntaxError as exc:
                raise SourceError(source, f"{info.filename}: not well-formed XML ({exc})") from None
            doctype = root.getroottree().docinfo
            if doctype.doctype or doctype.internalDTD is not None:
                raise SourceError(
                    source,
                    f"{info.filename} declares a document type (<!DOCTYPE ...>), which Word "
                    "never writes and which can hide external entities; refused",
                )


def _open(data: bytes, source: str) -> Document:
    from docx import Document as open_document

    check_package(data, source)
    try:
        return open_document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        raise SourceError(source, f"not a Word document python-docx can read ({exc})") from None


# --- reading --------------------------------------------------------------------------------

_PRESSKIT_STYLES = {"Release Status", "Boilerplate Heading", "Contacts Heading", "End Mark"}


def read_docx(data: bytes, hints: Hints, *, source: str) -> Imported:
    """Import a Word document (see the module documentation).

    Raises:
        SourceError: the file is not a safe, readable Word document, or holds no release.
    """
    doc = _open(data, source)
    style_names = {s.style_id: s.name for s in doc.styles}
    items = list(walk_body(doc, style_names))
    used = {item.style for item in items if isinstance(item, BodyParagraph)}
    if len(used & _PRESSKIT_STYLES) >= 2 and "Title" in used:
        from presskit.importers._docx_presskit import read_presskit_docx

        return read_presskit_docx(doc, items, hints, source)
    return assemble(_chunks(doc, items), hints, source=source, fmt="docx")


def _chunks(doc: Document, items: list[Any]) -> list[Chunk]:
    """A generic Word document as chunks for the text assembler."""
    chunks: list[Chunk] = []
    for item in items:
        if isinstance(item, BodyTable):
            chunks.extend(_table_chunks(item))
        else:
            chunks.extend(_paragraph_chunks(doc, item))
    return chunks


def _table_chunks(table: BodyTable) -> list[Chunk]:
    """A table as one chunk a row (one contact a row) or one chunk a cell; a first row
    without an e-mail address of a row-wise table is its header."""
    chunks: list[Chunk] = []
    rows = [[_cell_lines(cell) for cell in cells] for cells in table.rows]
    row_wise = _row_wise(rows)
    for position, cells in enumerate(rows):
        if row_wise:
            lines = [line for cell in cells for line in cell]
            header = position == 0 and not any("@" in t for _, t in lines)
            if lines:
                chunks.append(Chunk(lines, None, "header" if header else "cell"))
        else:
            chunks.extend(Chunk(lines, None, "cell") for lines in cells if lines)
    return chunks


def _paragraph_chunks(doc: Document, para: BodyParagraph) -> list[Chunk]:
    """A paragraph as one chunk with its runs and style hint; a paragraph of line breaks
    (Shift+Enter) without a hint as one chunk of lines."""
    runs = piece_runs(para.pieces)
    if not runs:
        return []
    hint = _style_hint(doc, para, runs)
    text = plain_text(runs)
    if "\n" in text and hint is None:
        lines = [(para.number, line) for line in text.split("\n") if line.strip()]
        return [Chunk(lines, None, None)]
    return [Chunk([(para.number, text)], runs, hint)]


def _style_hint(doc: Document, para: BodyParagraph, runs: Inline) -> str | None:
    """What the paragraph's style or numbering says it is: ``"title"``, ``"subtitle"``,
    ``"h1"`` to ``"h4"``, ``"bullet"``, ``"number"``, ``"quote"``, or ``None``."""
    style = para.style.lower()
    if style in ("title", "subtitle"):
        return style
    if m := re.match(r"heading ([1-4])$", style):
        return f"h{m.group(1)}"
    if style.startswith("list bullet"):
        return "bullet"
    if style.startswith("list number"):
        return "number"
    if para.num_id is not None and len(plain_text(runs)) < 200:
        fmt = num_format(doc, para.num_id)
        return "bullet" if fmt == "bullet" else "number"
    if style in ("quote", "intense quote"):
        return "quote"
    return None


def _reach(text: str) -> bool:
    return bool(EMAIL.search(text) or PHONE_LABEL.match(text) or PHONE.match(text))


def _cell_lines(cell: list[BodyParagraph]) -> list[tuple[int, str]]:
    """The lines of a table cell: its paragraphs, split at line breaks (Shift+Enter)."""
    return [(p.number, line.strip()) for p in cell for line in p.text.split("\n") if line.strip()]


def _row_wise(rows: list[list[list[tuple[int, str]]]]) -> bool:
    """True when a table gives one contact per row (``Name | Title | Email``, one field a
    cell), False when it gives one per cell (a cell that holds a name and an e-mail
    address, or a row with two cells that hold an address each: two people side by
    side)."""
    for cells in rows:
        with_email = [cell for cell in cells if any(EMAIL.search(t) for _, t in cell)]
        whole = [
            cell for cell in with_email if len(cell) >= 2 and any(not _reach(t) for _, t in cell)
        ]
        if len(with_email) >= 2 or whole:
            return False
    return any(
        len(cells) >= 2 and any("@" in t for cell in cells for _, t in cell) for cells in rows
    )
