"""The ``docx`` exporter's reference document: checked, opened and completed.

Word and LibreOffice both write valid ``.docx`` files that python-docx cannot build on as
they are: LibreOffice leaves out the numbering part when a document has no list
(python-docx 1.2.0 then raises ``NotImplementedError`` on the first numbered
paragraph), marks no paragraph style as the default, and writes the language of its
user interface into ``Normal``; a hand-made or stripped package may have no section
properties, no page size, no document defaults. :func:`open_reference` checks the file
is a Word document at all and adds what is missing, so that any ``.docx`` saved by Word
or LibreOffice (or python-docx) works as a reference, with its own styles kept as they
are.
"""

from __future__ import annotations

import copy
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from presskit.errors import ExportError

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

__all__ = [
    "MAX_REFERENCE_BYTES",
    "check_reference",
    "complete_reference",
    "open_reference",
    "unique_style_id",
]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_MS_WORD = "application/vnd.ms-word."

#: Main-part content types of the Word files that are not plain documents, with the
#: name a user knows them by.
_NOT_A_DOCUMENT = {
    f"{_WML}template.main+xml": "a Word template (.dotx)",
    f"{_MS_WORD}document.macroEnabled.main+xml": "a macro-enabled Word document (.docm)",
    f"{_MS_WORD}template.macroEnabledTemplate.main+xml": "a macro-enabled Word template (.dotm)",
}
_DOCUMENT = f"{_WML}document.main+xml"
#: The most a reference document may unpack to (bytes): python-docx holds every part in
#: memory, and a zip's declared sizes bound what reading it costs.
MAX_REFERENCE_BYTES = 100_000_000
_SAVE_AS = 'save it as a Word document (.docx; in LibreOffice "Word 2007-365")'


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def check_reference(path: Path) -> None:
    """Check that ``path`` is a Word document package (``.docx``) python-docx can open.

    Raises:
        ExportError: naming the option (``reference_doc``) and the file, when it is
            not a zip, a corrupt zip, an OpenDocument file (``.odt``), a Word template
            (``.dotx``), a macro-enabled file (``.docm``, ``.dotm``) or any other
            package without a Word main document part, or one that unpacks to more than
            :data:`MAX_REFERENCE_BYTES`.
    """
    where = f"docx: option reference_doc: {str(path)!r}"
    try:
        with zipfile.ZipFile(path) as package:
            types = _content_types(package, where)
    except zipfile.BadZipFile as exc:
        if _starts_like_a_zip(path):
            raise ExportError(
                f"{where} is a corrupt zip file ({exc}): damaged or cut short; save it again"
            ) from None
        raise ExportError(
            f"{where} is not a Word document (.docx): it is not a zip package ({exc})"
        ) from None
    except (OSError, EOFError, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise ExportError(f"{where} cannot be read: {exc}") from None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(types, parser)
    except etree.XMLSyntaxError as exc:
        raise ExportError(f"{where} is a corrupt package ([Content_Types].xml: {exc})") from None
    kinds = {o.get("ContentType", "") for o in root.iter(f"{{{_CT}}}Override")}
    if _DOCUMENT in kinds:
        return
    for content_type, name in _NOT_A_DOCUMENT.items():
        if content_type in kinds:
            raise ExportError(f"{where} is {name}, not a Word document: {_SAVE_AS}")
    raise ExportError(f"{where} is not a Word document: it has no main document part")


def _content_types(package: zipfile.ZipFile, where: str) -> bytes:
    """The ``[Content_Types].xml`` of a package that is not too big, is not an
    OpenDocument file and whose entries are intact.

    Raises:
        ExportError: naming ``where``, when it is not so.
    """
    names = set(package.namelist())
    size = sum(info.file_size for info in package.infolist())
    if size > MAX_REFERENCE_BYTES:
        raise ExportError(
            f"{where} unpacks to {size:,} bytes, more than a reference document "
            f"may ({MAX_REFERENCE_BYTES:,})"
        )
    if "[Content_Types].xml" not in names:
        if "mimetype" in names:
            kind = package.read("mimetype")[:100].decode("ascii", "replace").strip()
            raise ExportError(
                f"{where} is an OpenDocument file ({kind}), not a Word document: {_SAVE_AS}"
            )
        raise ExportError(f"{where} is a zip file but not a Word document (no [Content_Types].xml)")
    try:
        broken = package.testzip()
    except zlib.error as exc:
        broken = f"{exc}"
    if broken is not None:
        raise ExportError(f"{where} is a corrupt zip file (bad entry: {broken})")
    return package.read("[Content_Types].xml")


def _starts_like_a_zip(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def open_reference(path: Path) -> DocumentObject:
    """The reference document at ``path``, checked (:func:`check_reference`) and
    completed (:func:`complete_reference`).

    Raises:
        ExportError: naming the option and the file, when it is not a usable ``.docx``.
    """
    from docx import Document

    check_reference(path)
    try:
        doc = Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a bad part
        raise ExportError(f"docx: option reference_doc: cannot open {str(path)!r}: {exc}") from None
    try:
        complete_reference(doc)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ExportError(
            f"docx: option reference_doc: {str(path)!r} has a malformed part: {exc}"
        ) from None
    return doc


def complete_reference(doc: DocumentObject) -> None:
    """Add to ``doc`` what the exporter needs and a saved ``.docx`` may lack.

    - a numbering part (LibreOffice writes none for a document without lists); the
      exporter adds its own numbering definitions to it;
    - one section, the body's, with the first section's page set-up (a reference with
      several sections keeps the first one's);
    - the document defaults (``w:docDefaults`` with run and paragraph properties);
    - a default paragraph style (``Normal``, which LibreOffice does not mark as default);
    - a settings part with one header and footer for odd and even pages (the exporter
      writes those; an even-page set from the reference would show its own), and
      without what would follow the reference into every release: editing
      restrictions, tracked changes turned on, a mail merge (Word asks for its data
      source on opening) and an attached template (an external file Word loads).

    Page size and margins left unset are the caller's to fill.
    """
    _numbering_part(doc)
    _one_section(doc)
    _doc_defaults(doc)
    _default_paragraph_style(doc)
    _settings(doc)


#: Settings of a reference that must not reach the output (see complete_reference).
_DROPPED_SETTINGS = (
    "documentProtection",
    "writeProtection",
    "trackRevisions",
    "mailMerge",
    "attachedTemplate",
)
#: Relationship types (last segment) of the settings part that go with those settings.
_DROPPED_RELATIONSHIPS = (
    "/attachedTemplate",
    "/mailMergeSource",
    "/mailMergeHeaderSource",
    "/recipientData",
)


def _settings(doc: DocumentObject) -> None:
    settings = doc.settings
    settings.odd_and_even_pages_header_footer = False
    element = settings.element
    for name in _DROPPED_SETTINGS:
        for found in element.findall(_w(name)):
            element.remove(found)
    part = doc.part._settings_part
    for rel in list(part.rels.values()):
        if rel.reltype.endswith(_DROPPED_RELATIONSHIPS):
            del part.rels[rel.rId]


def _numbering_part(doc: DocumentObject) -> None:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml.parser import parse_xml
    from docx.parts.numbering import NumberingPart

    part = doc.part
    try:
        part.part_related_by(RT.NUMBERING)
        return
    except KeyError:
        pass
    package = part.package
    used = {str(p.partname) for p in package.iter_parts()}
    name = "/word/numbering.xml"
    if name in used:
        name = str(package.next_partname("/word/numbering%d.xml"))
    element = parse_xml(f'<w:numbering xmlns:w="{_W}"/>')
    numbering = NumberingPart(PackURI(name), CT.WML_NUMBERING, element, package)
    part.relate_to(numbering, RT.NUMBERING)


def _one_section(doc: DocumentObject) -> None:
    """Leave one section, the body's, carrying the first section's properties."""
    body = doc.element.body
    inner = body.findall(f"{_w('p')}/{_w('pPr')}/{_w('sectPr')}")
    last = body.find(_w("sectPr"))
    if inner:
        first = copy.deepcopy(inner[0])
        if last is not None:
            body.replace(last, first)
        else:
            body.append(first)
        for sect_pr in inner:
            sect_pr.getparent().remove(sect_pr)
    elif last is None:
        body.get_or_add_sectPr()


def _doc_defaults(doc: DocumentObject) -> None:
    styles = doc.styles.element
    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(styles, _w("docDefaults"))
        styles.insert(0, defaults)
    r_default = defaults.find(_w("rPrDefault"))
    if r_default is None:
        r_default = etree.SubElement(defaults, _w("rPrDefault"))
        defaults.insert(0, r_default)
    if r_default.find(_w("rPr")) is None:
        etree.SubElement(r_default, _w("rPr"))
    p_default = defaults.find(_w("pPrDefault"))
    if p_default is None:
        p_default = etree.SubElement(defaults, _w("pPrDefault"))
    if p_default.find(_w("pPr")) is None:
        etree.SubElement(p_default, _w("pPr"))


def _default_paragraph_style(doc: DocumentObject) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    styles = doc.styles
    if styles.default(WD_STYLE_TYPE.PARAGRAPH) is not None:
        return
    normal = next(
        (s for s in styles if s.name == "Normal" and s.type == WD_STYLE_TYPE.PARAGRAPH), None
    )
    if normal is None:
        normal = styles.add_style("Normal", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        unique_style_id(normal.element)
    normal.element.set(_w("default"), "1")


def unique_style_id(style: Any) -> None:
    """Give ``style`` (a ``w:style`` element just added) an id no other style has.

    python-docx derives the id from the name (``Body Text`` -> ``BodyText``); a
    reference may already use that id for a style of another name (LibreOffice's ids
    follow its own names), and two styles with one id make Word drop one of them."""
    styles = style.getparent()
    taken = {s.get(_w("styleId")) for s in styles.iterchildren(_w("style")) if s is not style}
    base = style.get(_w("styleId")) or "Style"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}Pk{n}"
    style.set(_w("styleId"), candidate)
