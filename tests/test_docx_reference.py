"""Reference documents saved by Word, LibreOffice or python-docx (issue 12, item 8).

A ``.docx`` LibreOffice saves has no numbering part when it has no list, no default
paragraph style, and a header distance of 0; a hand-made Word-like package may have no
styles, settings or section at all. Each must work as ``docx.reference_doc``: the
output opens with python-docx, its numbering is real Word numbering, its text is all
there, LibreOffice renders the numbers, and the reference's own styles are kept. A file
that is not a ``.docx`` gives a clear error naming the option and the file.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

import presskit
from presskit.errors import ExportError
from presskit.model import BulletList, NumberedList, Paragraph, Quote

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
CASE = Path(__file__).resolve().parent / "fixtures" / "libreoffice-reference"
LO_TEMPLATE = CASE / "lo-template.docx"

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are not installed",
)


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def style_element(data: bytes, name: str) -> etree._Element:
    (style,) = part(data, "word/styles.xml").xpath(
        f"//w:style[w:name/@w:val='{name}']", namespaces=NS
    )
    return style


def release_texts(release: presskit.PressRelease) -> list[str]:
    """The text of every body paragraph and list item."""
    texts: list[str] = []
    for block in release.body:
        if isinstance(block, (BulletList, NumberedList)):
            texts += ["".join(r.text for r in item) for item in block.items]
        elif isinstance(block, Quote):
            texts += ["".join(r.text for r in p) for p in block.paragraphs]
        elif isinstance(block, Paragraph):
            texts.append(block.text)
    return texts


def check_output(data: bytes, release: presskit.PressRelease) -> None:
    """The DOCX opens, every numbered paragraph points at a real ``w:num`` whose
    ``w:abstractNum`` is in numbering.xml, and every paragraph's text is found again."""
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    for text in release_texts(release):
        assert any(text in t for t in texts), text
    numbering = part(data, "word/numbering.xml")
    abstracts = set(numbering.xpath("w:abstractNum/@w:abstractNumId", namespaces=NS))
    nums = {
        n.get(f"{W}numId"): n.xpath("string(w:abstractNumId/@w:val)", namespaces=NS)
        for n in numbering.findall(f"{W}num")
    }
    used = part(data, "word/document.xml").xpath("//w:numPr/w:numId/@w:val", namespaces=NS)
    assert used, "no paragraph carries w:numPr"
    for num_id in used:
        assert nums[num_id] in abstracts
    # the release's body paragraphs are numbered (sg profile)
    lede = release_texts(release)[0]
    (first,) = [p for p in doc.paragraphs if lede in p.text]
    assert first._p.find(f"{W}pPr/{W}numPr") is not None
    # presskit's running header and page-number footer are there, whatever the reference
    section = doc.sections[0]
    assert release.issuers[0].name in section.first_page_header.paragraphs[-1].text
    for footer in (section.footer, section.first_page_footer):
        instructions = " ".join(footer._element.xpath(".//w:instrText/text()"))
        assert "PAGE" in instructions and "NUMPAGES" in instructions
    # one default paragraph style, and the output's style ids are unique
    styles = part(data, "word/styles.xml")
    ids = styles.xpath("w:style/@w:styleId", namespaces=NS)
    assert len(ids) == len(set(ids))
    assert styles.xpath("w:style[@w:type='paragraph'][@w:default='1']", namespaces=NS)


def lists_release() -> presskit.PressRelease:
    return presskit.load(CASE / "d03-release.md")


# --- the case: LibreOffice's template --------------------------------------------------


@pytest.mark.parametrize("name", ["d03-release.md", "d03-nolists.md"])
def test_libreoffice_template_is_a_reference(name: str) -> None:
    release = presskit.load(CASE / name)
    data = presskit.export(release, "docx", reference_doc=LO_TEMPLATE)
    check_output(data, release)
    # the template's own look is kept: Normal in Liberation Serif 12 pt, and "Body Text"
    # (LibreOffice's id TextBody) is the style of the body's paragraphs
    normal = style_element(data, "Normal")
    assert normal.xpath("string(w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == "Liberation Serif"
    assert normal.xpath("string(w:rPr/w:sz/@w:val)", namespaces=NS) == "24"
    assert normal.get(f"{W}default") == "1"
    body_ids = part(data, "word/document.xml").xpath(
        "//w:body/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS
    )
    assert "TextBody" in body_ids or "NumberedParagraph" in body_ids
    body_text = style_element(data, "Body Text")
    assert body_text.get(f"{W}styleId") == "TextBody"
    # the release's language, not LibreOffice's en-US written into Normal
    assert normal.xpath("string(w:rPr/w:lang/@w:val)", namespaces=NS) == release.language
    # the template's page (A4, 2 cm margins) and a header 1 cm from the edge, not 0
    section = Document(io.BytesIO(data)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.cm, 1) == 2.0
    assert section.header_distance.cm == pytest.approx(1.0, abs=0.01)


def test_libreoffice_template_through_the_cli(tmp_path: Path) -> None:
    for name in ("agencies.toml", "d03-release.md", "lo-template.docx"):
        shutil.copy(CASE / name, tmp_path / name)
    result = subprocess.run(
        [sys.executable, "-m", "presskit.cli", "build", "d03-release.md", "-o", "out",
         "-f", "docx", "--set", "docx.reference_doc=lo-template.docx"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = (tmp_path / "out" / "d03-release" / "d03-release.docx").read_bytes()
    check_output(data, lists_release())


# --- python-docx's template and a minimal Word-like package ---------------------------


def test_python_docx_template_is_a_reference(tmp_path: Path) -> None:
    path = tmp_path / "python-docx.docx"
    Document().save(str(path))
    release = lists_release()
    data = presskit.export(release, "docx", reference_doc=path)
    check_output(data, release)
    # its Title is kept (python-docx's template: 26 pt, 17365D)
    title = style_element(data, "Title")
    assert title.xpath("string(w:rPr/w:sz/@w:val)", namespaces=NS) == "52"


_MINIMAL_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
_MINIMAL_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_MINIMAL_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:document xmlns:w="{NS["w"]}"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p>'
    "</w:body></w:document>"
)
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def minimal_package(path: Path, main: str = _DOCUMENT_TYPE) -> Path:
    """The smallest package Word opens: a document part and nothing else (no styles,
    settings, numbering, section properties or document properties)."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", _MINIMAL_TYPES.format(main=main))
        package.writestr("_rels/.rels", _MINIMAL_RELS)
        package.writestr("word/document.xml", _MINIMAL_DOCUMENT)
    return path


def test_minimal_word_package_is_a_reference(tmp_path: Path) -> None:
    path = minimal_package(tmp_path / "minimal.docx")
    release = lists_release()
    data = presskit.export(release, "docx", reference_doc=path)
    check_output(data, release)
    section = Document(io.BytesIO(data)).sections[0]
    assert round(section.page_width.mm) == 210  # the sg profile's A4, since none was set
    assert section.left_margin is not None and section.header_distance is not None
    us = presskit.export(release, "docx", reference_doc=path, profile="us")
    assert round(Document(io.BytesIO(us)).sections[0].page_width.mm) == 216  # Letter
    defaults = part(data, "word/styles.xml").find(f"{W}docDefaults")
    assert defaults.xpath("string(.//w:lang/@w:val)", namespaces=NS) == release.language


def test_reference_quirks_word_allows(tmp_path: Path) -> None:
    """Several sections (the first one's page is used), odd and even headers (presskit
    writes one set), and a style whose id is one presskit would derive for another."""
    from docx.enum.section import WD_SECTION
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm

    ref = Document()
    first = ref.sections[0]
    first.page_width, first.page_height = Mm(148), Mm(210)  # A5
    ref.add_paragraph("first section")
    last = ref.add_section(WD_SECTION.NEW_PAGE)
    last.page_width, last.page_height = Mm(297), Mm(420)  # A3
    ref.settings.odd_and_even_pages_header_footer = True
    squatter = ref.styles.add_style("Date Line Old", WD_STYLE_TYPE.PARAGRAPH)
    squatter.element.set(f"{W}styleId", "Dateline")
    styles = ref.styles.element
    styles.remove(styles.find(f"{W}docDefaults"))
    for style in styles.findall(f"{W}style"):
        style.attrib.pop(f"{W}default", None)  # no default style of any kind
    path = tmp_path / "quirks.docx"
    ref.save(str(path))
    release = lists_release()
    data = presskit.export(release, "docx", reference_doc=path)
    check_output(data, release)
    doc = Document(io.BytesIO(data))
    assert len(doc.sections) == 1 and round(doc.sections[0].page_width.mm) == 148
    assert not doc.settings.odd_and_even_pages_header_footer
    (dateline,) = [p for p in doc.paragraphs if p.text.startswith("SINGAPORE")]
    assert dateline.style.name == "Dateline"
    defaults = part(data, "word/styles.xml").find(f"{W}docDefaults")
    assert defaults.xpath("string(w:rPrDefault/w:rPr/w:lang/@w:val)", namespaces=NS) == "en-SG"


def test_reference_settings_and_headers_do_not_follow(tmp_path: Path) -> None:
    """Editing restrictions, tracked changes, a mail merge with its data source, an
    attached template, and the reference's own header table and text stay behind."""
    ref = Document()
    settings = ref.settings.element
    part = ref.part._settings_part
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    template = part.relate_to("file:///C:/templates/house.dotm", f"{r}/attachedTemplate", True)
    source = part.relate_to("file:///C:/data/list.csv", f"{r}/mailMergeSource", True)
    settings.insert(0, etree.fromstring(
        f'<w:documentProtection xmlns:w="{NS["w"]}" w:edit="readOnly" w:enforcement="1"/>'
    ))  # fmt: skip
    for xml in (
        f'<w:trackRevisions xmlns:w="{NS["w"]}"/>',
        f'<w:attachedTemplate xmlns:w="{NS["w"]}" xmlns:r="{r}" r:id="{template}"/>',
        f'<w:mailMerge xmlns:w="{NS["w"]}" xmlns:r="{r}"><w:mainDocumentType w:val="formLetters"/>'
        f'<w:dataType w:val="textFile"/><w:query w:val="SELECT * FROM list.csv"/>'
        f'<w:dataSource r:id="{source}"/></w:mailMerge>',
    ):
        settings.append(etree.fromstring(xml))
    header = ref.sections[0].header
    header.paragraphs[0].text = "OLD HEADER TEXT"
    header.add_table(1, 2, ref.sections[0].page_width).cell(0, 0).text = "OLD TABLE"
    path = tmp_path / "settings.docx"
    ref.save(str(path))
    assert b"list.csv" in zipfile.ZipFile(path).read("word/_rels/settings.xml.rels")
    release = lists_release()
    data = presskit.export(release, "docx", reference_doc=path)
    check_output(data, release)
    archive = zipfile.ZipFile(io.BytesIO(data))
    out = archive.read("word/settings.xml")
    for name in (b"documentProtection", b"trackRevisions", b"attachedTemplate", b"mailMerge"):
        assert name not in out
    for name in archive.namelist():
        assert b"house.dotm" not in archive.read(name) and b"list.csv" not in archive.read(name)
    doc = Document(io.BytesIO(data))
    for story in (doc.sections[0].header, doc.sections[0].first_page_header):
        assert not story.tables
        assert "OLD" not in " ".join(p.text for p in story.paragraphs)


# --- files that are not a .docx --------------------------------------------------------


def _not_docx(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    text = tmp_path / "notes.docx"
    text.write_text("just some text\n", encoding="utf-8")
    good = tmp_path / "good.docx"
    Document().save(str(good))
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    dotx = minimal_package(
        tmp_path / "template.dotx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    )
    odt = tmp_path / "letter.odt"
    with zipfile.ZipFile(odt, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    docm = minimal_package(
        tmp_path / "macros.docm", "application/vnd.ms-word.document.macroEnabled.main+xml"
    )
    crc = tmp_path / "crc.docx"
    raw = bytearray(good.read_bytes())
    offset = raw.index(b"word/document.xml") + len(b"word/document.xml") + 40
    raw[offset] ^= 0xFF  # one byte of the compressed document part
    crc.write_bytes(bytes(raw))
    return {
        "text": (text, "not a zip package"),
        "corrupt": (corrupt, "corrupt zip file .*cut short"),
        "crc": (crc, "corrupt"),
        "dotx": (dotx, r"Word template \(\.dotx\)"),
        "odt": (odt, r"OpenDocument file \(application/vnd\.oasis\.opendocument\.text\)"),
        "docm": (docm, r"macro-enabled Word document \(\.docm\)"),
    }


def test_reference_that_unpacks_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip's declared sizes bound what the check reads (the limit lowered from 100 MB
    to keep the test fast)."""
    from presskit.exporters import _docx_reference

    assert _docx_reference.MAX_REFERENCE_BYTES == 100_000_000
    monkeypatch.setattr(_docx_reference, "MAX_REFERENCE_BYTES", 1_000_000)
    path = minimal_package(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/filler.bin", bytes(2_000_000))
    assert path.stat().st_size < 20_000
    with pytest.raises(ExportError, match=r"bomb\.docx' unpacks to [\d,]+ bytes, more than"):
        presskit.export(lists_release(), "docx", reference_doc=path)


@pytest.mark.parametrize("kind", ["text", "corrupt", "crc", "dotx", "odt", "docm"])
def test_not_a_docx_is_a_clear_error(tmp_path: Path, kind: str) -> None:
    path, reason = _not_docx(tmp_path)[kind]
    with pytest.raises(
        ExportError, match=rf"docx: option reference_doc: '.*{path.name}' .*{reason}"
    ):
        presskit.export(lists_release(), "docx", reference_doc=path)
    for name in ("agencies.toml", "d03-release.md"):
        shutil.copy(CASE / name, tmp_path / name)
    result = subprocess.run(
        [sys.executable, "-m", "presskit.cli", "build", "d03-release.md", "-o", "out",
         "-f", "docx", "--set", f"docx.reference_doc={path.name}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "docx: option reference_doc: " in result.stderr and path.name in result.stderr
    assert re.search(reason, result.stderr)


# --- references LibreOffice makes, rendered by LibreOffice ----------------------------

#: A flat OpenDocument text whose default paragraph style is DejaVu Sans 10.5 pt, green,
#: and whose Title is dark red 24 pt: LibreOffice saves it as .docx with no numbering.
FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/>
 </office:font-face-decls>
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph">
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="10.5pt"
     fo:color="#1a5e20"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties fo:color="#c00000" fo:font-size="24pt"/>
  </style:style>
 </office:styles>
 <office:body><office:text><text:p text:style-name="Standard">Reference</text:p>
 </office:text></office:body>
</office:document>
"""


def soffice(tmp_path: Path, target: str, source: Path, outdir: Path) -> Path:
    """``soffice --headless --convert-to target`` with a private profile; the output."""
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", target, "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    out = outdir / f"{source.stem}.{target.split(':')[0]}"
    assert result.returncode == 0 and out.is_file(), result.stderr
    return out


def pdf_text(tmp_path: Path, docx: Path) -> str:
    pdf = soffice(tmp_path, "pdf", docx, tmp_path / "pdf")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def check_rendered_numbers(text: str) -> None:
    """LibreOffice drew the paragraph numbers and the list numbers."""
    for number, start in ((1, "Highlights of the plan"), (2, "Availability follows"),
                          (3, "Quoted text here")):  # fmt: skip
        assert re.search(rf"^\s*{number}\.\s+{start}", text, re.M), (number, text)
    for label, item in (("(1)", "First highlight"), ("(3)", "Third highlight"),
                        ("(1)", "Available in April"), ("(2)", "Available in May")):  # fmt: skip
        assert re.search(rf"{re.escape(label)}\s+{item}", text), (label, text)
    assert re.search(r"•\s+a bullet", text)


@needs_soffice
def test_reference_saved_by_libreoffice_from_odt(tmp_path: Path) -> None:
    fodt = tmp_path / "house.fodt"
    fodt.write_text(FODT, encoding="utf-8")
    reference = soffice(tmp_path, "docx:MS Word 2007 XML", fodt, tmp_path / "ref")
    names = zipfile.ZipFile(reference).namelist()
    assert "word/numbering.xml" not in names  # the case this test is about
    release = lists_release()
    data = presskit.export(release, "docx", reference_doc=reference)
    check_output(data, release)
    normal = style_element(data, "Normal")
    assert normal.xpath("string(w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == "DejaVu Sans"
    assert normal.xpath("string(w:rPr/w:color/@w:val)", namespaces=NS) == "1A5E20"
    title = style_element(data, "Title")
    assert title.xpath("string(w:rPr/w:color/@w:val)", namespaces=NS) == "C00000"
    out = tmp_path / "release.docx"
    out.write_bytes(data)
    text = pdf_text(tmp_path, out)
    check_rendered_numbers(text)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "pdf" / "release.pdf")], capture_output=True, text=True
    ).stdout
    assert "DejaVuSans" in fonts  # the reference's font reached the page


@needs_soffice
def test_presskit_reference_round_tripped_through_libreoffice(tmp_path: Path) -> None:
    from presskit.exporters.docx import default_reference_doc

    source = tmp_path / "src" / "presskit-ref.docx"
    source.parent.mkdir()
    source.write_bytes(default_reference_doc())
    reference = soffice(tmp_path, "docx:MS Word 2007 XML", source, tmp_path / "ref")
    release = lists_release()
    data = presskit.export(release, "docx", reference_doc=reference)
    check_output(data, release)
    out = tmp_path / "release.docx"
    out.write_bytes(data)
    check_rendered_numbers(pdf_text(tmp_path, out))


@needs_soffice
def test_libreoffice_template_renders_the_numbers(tmp_path: Path) -> None:
    out = tmp_path / "release.docx"
    out.write_bytes(presskit.export(lists_release(), "docx", reference_doc=LO_TEMPLATE))
    check_rendered_numbers(pdf_text(tmp_path, out))
