"""The DOCX exporter: read back with python-docx and lxml, and rendered by LibreOffice.

The checks follow ../shared/reference/docx-pdf.md section 6 (V3, V4, V5, V14-V19).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import attrs
import pytest
from docx import Document
from lxml import etree

import presskit
from presskit.errors import ExportError
from presskit.model import (
    BulletList,
    Embargoed,
    MediaContact,
    NumberedList,
    Paragraph,
    Quote,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def docx_bytes(release: presskit.PressRelease, **options: object) -> bytes:
    return presskit.export(release, "docx", **options)


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def styles_of(data: bytes) -> list[tuple[str, str]]:
    doc = Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in doc.paragraphs]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- structure ----------------------------------------------------------------------


def test_every_part_has_its_style(reference: presskit.PressRelease) -> None:
    paragraphs = styles_of(docx_bytes(reference))
    styles = [s for s, _ in paragraphs]
    assert paragraphs[0] == ("Release Status", "FOR IMMEDIATE RELEASE")
    assert paragraphs[1] == ("Title", reference.headline)
    assert paragraphs[2] == ("Dateline", "SINGAPORE – 17 JAN 2025")
    assert styles.count("Numbered Paragraph") == 23 and styles.count("Quote") == 1
    assert [t for s, t in paragraphs if s == "Heading 2"] == [
        "ASEAN Regional CERT",
        "ASEAN Checklist for the Implementation of the Norms of Responsible State Behaviour "
        "in Cyberspace",
    ]
    # attributed once, by its lead-in ("Minister Teo said:"), as the text format does
    assert "Quote Attribution" not in styles
    for style, text in [
        ("Last Updated", "LAST UPDATED: 17 JAN 2025"),
        ("Jointly Issued", "Jointly issued by MDDI and IMDA"),
        ("End Mark", "- END -"),
        ("Contacts Heading", "For media clarifications:"),
    ]:
        assert (style, text) in paragraphs
    assert [t for s, t in paragraphs if s == "Boilerplate Heading"] == [
        b.heading for b in reference.boilerplates
    ]


def test_text_in_order(reference: presskit.PressRelease) -> None:
    doc = Document(io.BytesIO(docx_bytes(reference)))
    body = squash("".join(p.text for p in doc.paragraphs))
    cells = squash("".join(c.text for t in doc.tables for row in t.rows for c in row.cells))
    expected = [reference.headline]
    for block in reference.body:
        if isinstance(block, Quote):
            expected.append(f"{block.lead_in} {block.text}")
        else:
            expected.append(block.text)  # type: ignore[union-attr]
    for boilerplate in reference.boilerplates:
        expected += [boilerplate.heading, *(b.text for b in boilerplate.body)]  # type: ignore[union-attr]
    position = 0
    for piece in expected:
        position = body.index(squash(piece), position)
    assert "media@imda.gov.sg" in cells and "wu_fan@mddi.gov.sg" in cells
    assert cells.index("AdelineLee") < cells.index("WuFan")


def test_paragraph_numbering_is_real_and_restarts(reference: presskit.PressRelease) -> None:
    data = docx_bytes(reference)
    body = part(data, "word/document.xml")
    numbered = body.xpath("//w:p[w:pPr/w:numPr]", namespaces=NS)
    assert len(numbered) == 24
    num_ids = {p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS) for p in numbered}
    assert len(num_ids) == 1
    numbering = part(data, "word/numbering.xml")
    (num,) = numbering.xpath(f"//w:num[@w:numId='{num_ids.pop()}']", namespaces=NS)
    abstract = num.xpath("string(w:abstractNumId/@w:val)", namespaces=NS)
    (fmt,) = numbering.xpath(
        f"//w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl/w:lvlText/@w:val", namespaces=NS
    )
    assert fmt == "%1."
    # us profile: no numbering
    us = part(docx_bytes(reference, profile="us"), "word/document.xml")
    assert not us.xpath("//w:p[w:pPr/w:numPr]", namespaces=NS)


def test_lists_restart(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(
        reference,
        body=(
            Paragraph("Lede."),
            NumberedList(["a", "b", "c"]),
            Paragraph("Between."),
            NumberedList(["d", "e"], start=4),
            BulletList(["x", "y"]),
        ),
    )
    data = docx_bytes(release)
    body = part(data, "word/document.xml")
    lists = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='ListNumber']", namespaces=NS)
    ids = [p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS) for p in lists]
    assert len(ids) == 5 and ids[0] == ids[2] != ids[3] == ids[4]
    numbering = part(data, "word/numbering.xml")
    starts = [
        numbering.xpath(f"string(//w:num[@w:numId='{i}']//w:startOverride/@w:val)", namespaces=NS)
        for i in (ids[0], ids[3])
    ]
    assert starts == ["1", "4"]


def test_links(reference: presskit.PressRelease) -> None:
    doc = Document(io.BytesIO(docx_bytes(reference)))
    links = [
        (link.address, link.text)
        for p in [*doc.paragraphs, *(p for t in doc.tables for c in t._cells for p in c.paragraphs)]
        for link in p.hyperlinks
    ]
    assert ("http://www.imda.gov.sg", "http://www.imda.gov.sg") in links
    assert ("mailto:media@imda.gov.sg", "media@imda.gov.sg") in links
    assert ("mailto:wu_fan@mddi.gov.sg", "wu_fan@mddi.gov.sg") in links
    body = part(docx_bytes(reference), "word/document.xml")
    styles = set(body.xpath("//w:hyperlink//w:rStyle/@w:val", namespaces=NS))
    assert styles == {"Hyperlink"}


def test_bare_urls_and_phones_become_links(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(
        reference,
        body=(Paragraph("Write to press@example.org or see www.example.org/a-b."),),
        media_contacts=(MediaContact("Jane Doe", phone="+65 6211 0888", email="j@x.org"),),
    )
    doc = Document(io.BytesIO(docx_bytes(release)))
    addresses = {
        link.address
        for p in [*doc.paragraphs, *(p for t in doc.tables for c in t._cells for p in c.paragraphs)]
        for link in p.hyperlinks
    }
    assert {
        "mailto:press@example.org",
        "https://www.example.org/a-b",
        "tel:+6562110888",
        "mailto:j@x.org",
    } <= addresses


def test_core_properties(reference: presskit.PressRelease) -> None:
    props = Document(io.BytesIO(docx_bytes(reference))).core_properties
    assert props.title == reference.headline
    assert props.author == (
        "Ministry of Digital Development and Information; Infocomm Media Development Authority"
    )
    assert props.language == "en-SG"
    assert props.keywords.startswith("ASEAN, ADGMIN")
    assert props.created == dt.datetime(2025, 1, 16, 16, 0, tzinfo=dt.UTC)
    assert props.modified == props.created
    assert props.last_printed is None
    assert "python-docx" not in (props.author + props.last_modified_by + props.comments)


def test_page_fields_in_footer(reference: presskit.PressRelease) -> None:
    data = docx_bytes(reference)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    footers = [n for n in names if n.startswith("word/footer")]
    assert footers
    for name in footers:
        instructions = [
            t.strip() for t in part(data, name).xpath("//w:instrText/text()", namespaces=NS)
        ]
        assert instructions == ["PAGE", "NUMPAGES"]
    settings = part(data, "word/document.xml")
    assert settings.xpath("//w:sectPr/w:titlePg", namespaces=NS)


def test_every_script_gets_its_font_slot_and_language(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(
        reference,
        language="en-SG",
        body=(
            Paragraph("English, then 新加坡 and தமிழ் and ภาษาไทย and Tiếng Việt."),
            Paragraph("أعلنت الشركة اليوم عن شراكة جديدة"),
        ),
    )
    body = part(docx_bytes(release), "word/document.xml")
    runs = body.xpath("//w:body/w:p[w:r/w:t[contains(., 'English')]]/w:r", namespaces=NS)
    by_text = {r.xpath("string(w:t)", namespaces=NS): r for r in runs}
    chinese = next(r for t, r in by_text.items() if "新加坡" in t)
    assert chinese.xpath("string(w:rPr/w:rFonts/@w:eastAsia)", namespaces=NS) == "Microsoft YaHei"
    assert chinese.xpath("string(w:rPr/w:lang/@w:eastAsia)", namespaces=NS) == "zh-CN"
    tamil = next(r for t, r in by_text.items() if "தமிழ்" in t)
    assert tamil.xpath("string(w:rPr/w:rFonts/@w:cs)", namespaces=NS) == "Nirmala UI"
    assert tamil.xpath("string(w:rPr/w:lang/@w:bidi)", namespaces=NS) == "ta-IN"
    thai = next(r for t, r in by_text.items() if "ภาษาไทย" in t)
    assert thai.xpath("string(w:rPr/w:rFonts/@w:cs)", namespaces=NS) == "Leelawadee UI"
    vietnamese = next(r for t, r in by_text.items() if "Tiếng" in t)
    assert vietnamese.find(f"{W}rPr") is None  # Latin: the style's fonts
    arabic = body.xpath("//w:body/w:p[w:r/w:t[contains(., 'أعلنت')]]", namespaces=NS)[0]
    assert arabic.xpath("w:pPr/w:bidi", namespaces=NS)
    assert arabic.xpath("w:r/w:rPr/w:rtl", namespaces=NS)
    defaults = part(docx_bytes(release), "word/styles.xml")
    assert defaults.xpath("string(//w:docDefaults//w:lang/@w:val)", namespaces=NS) == "en-SG"


def test_chinese_release_uses_its_own_language(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(
        reference,
        language="zh-Hant",
        headline="新加坡圓滿結束東盟數字部長會議主席國任期",
        body=(Paragraph("新加坡作為第四屆東盟數字部長會議主席國。"),),
    )
    body = part(docx_bytes(release), "word/document.xml")
    fonts = set(body.xpath("//w:rFonts/@w:eastAsia", namespaces=NS))
    langs = set(body.xpath("//w:lang/@w:eastAsia", namespaces=NS))
    assert fonts == {"Microsoft JhengHei"} and langs == {"zh-Hant"}


def test_embargo_and_profiles(reference: presskit.PressRelease) -> None:
    until = dt.datetime(2025, 1, 17, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    embargoed = attrs.evolve(reference, release=Embargoed(until))
    paragraphs = styles_of(docx_bytes(embargoed, profile="us"))
    assert paragraphs[0] == ("Release Status", "EMBARGOED UNTIL 10:00 SGT, Jan. 17, 2025")
    lede = next(t for s, t in paragraphs if s == "Body Text")
    assert lede.startswith("SINGAPORE, Jan. 17, 2025 – Singapore, as the Chair")
    props = Document(io.BytesIO(docx_bytes(embargoed))).core_properties
    assert props.content_status == "Embargoed"
    section = Document(io.BytesIO(docx_bytes(embargoed, profile="us"))).sections[0]
    assert (section.page_width, section.page_height) == (7772400, 10058400)  # US Letter
    section = Document(io.BytesIO(docx_bytes(embargoed, paper="a4", profile="us"))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_contact_table_widths(reference: presskit.PressRelease) -> None:
    body = part(docx_bytes(reference), "word/document.xml")
    grid = body.xpath("//w:tbl/w:tblGrid/w:gridCol/@w:w", namespaces=NS)
    cells = body.xpath("//w:tbl//w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)
    assert len(grid) == 2 and set(cells) == set(grid)


# --- robustness and determinism -----------------------------------------------------


def test_byte_identical_across_processes(project: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = project / f"out{seed}"
        subprocess.run(
            [
                __import__("sys").executable,
                "-m",
                "presskit.cli",
                "build",
                "-f",
                "docx",
                "-o",
                str(out),
                "-q",
            ],
            cwd=project,
            check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(
            (out / "asean-digital-ministers-2025/asean-digital-ministers-2025.docx").read_bytes()
        )
        time.sleep(1.1)
    assert outputs[0] == outputs[1]
    infos = zipfile.ZipFile(io.BytesIO(outputs[0])).infolist()
    assert {i.date_time for i in infos} == {(2025, 1, 16, 16, 0, 0)}


def test_source_date_epoch_dates_the_zip(reference: presskit.PressRelease) -> None:
    data = docx_bytes(reference, source_date_epoch=1_700_000_000)
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}


def test_large_release_keeps_every_contact(reference: presskit.PressRelease) -> None:
    """500 paragraphs and 600 contacts: every contact in the two-column table.

    Its speed is measured by ``tests/benchmarks/bench_build.py::test_large_docx``, not
    here: a wall-clock bound in a unit test fails on a loaded machine and proves nothing.
    """
    data = docx_bytes(_large(reference))
    doc = Document(io.BytesIO(data))
    assert len(doc.tables[0].rows) == 300
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert sum("Person" in c for c in cells) == 600


def _large(reference: presskit.PressRelease) -> presskit.PressRelease:
    paragraphs = tuple(
        Paragraph(f"Paragraph {n} of a long release, with text.") for n in range(500)
    )
    contacts = tuple(MediaContact(f"Person {n}", email=f"p{n}@example.org") for n in range(600))
    return attrs.evolve(reference, body=paragraphs, media_contacts=contacts)


# --- reference documents --------------------------------------------------------------


def test_reference_doc_restyles_every_part(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    from docx.shared import RGBColor

    from presskit.exporters.docx import STYLES, default_reference_doc

    path = tmp_path / "ref.docx"
    path.write_bytes(default_reference_doc())
    ref = Document(str(path))
    for spec in STYLES:
        style = ref.styles[spec.name]
        style.font.name = "Liberation Serif"
        style.font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    ref.save(str(path))
    data = docx_bytes(reference, reference_doc=path)
    styles = part(data, "word/styles.xml")
    used = set(
        part(data, "word/document.xml").xpath(
            "//w:pStyle/@w:val | //w:rStyle/@w:val", namespaces=NS
        )
    )
    for style_id in used:
        (style,) = styles.xpath(f"//w:style[@w:styleId='{style_id}']", namespaces=NS)
        assert style.xpath("string(w:rPr/w:color/@w:val)", namespaces=NS) == "123456", style_id
        assert style.xpath("string(w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == "Liberation Serif"


def test_any_docx_works_as_a_reference(reference: presskit.PressRelease, tmp_path: Path) -> None:
    bare = Document()
    bare.styles["Normal"].font.name = "Liberation Sans"
    path = tmp_path / "bare.docx"
    bare.save(str(path))
    data = docx_bytes(reference, reference_doc=path)
    names = {s.name for s in Document(io.BytesIO(data)).styles}
    assert {"Release Status", "Dateline", "Contact", "Hyperlink", "End Mark"} <= names


def test_bad_reference_docs(reference: presskit.PressRelease, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        docx_bytes(reference, reference_doc=tmp_path / "missing.docx")
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ExportError, match=r"docx: option reference_doc: .* not a zip package"):
        docx_bytes(reference, reference_doc=junk)
    clash = Document()
    from docx.enum.style import WD_STYLE_TYPE

    clash.styles.add_style("Dateline", WD_STYLE_TYPE.CHARACTER)
    clash_path = tmp_path / "clash.docx"
    clash.save(str(clash_path))
    with pytest.raises(ExportError, match="'Dateline' is a character style"):
        docx_bytes(reference, reference_doc=clash_path)


# --- logos ------------------------------------------------------------------------------


def _logos(tmp_path: Path) -> dict[str, Path]:
    from PIL import Image

    image = Image.new("RGB", (120, 60), (200, 30, 30))
    paths = {}
    for name, fmt, mode in [
        ("png", "PNG", "RGB"),
        ("webp", "WEBP", "RGB"),
        ("jpg", "JPEG", "CMYK"),
    ]:
        path = tmp_path / f"logo.{name}"
        image.convert(mode).save(path, format=fmt)
        paths[name] = path
    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
        '<rect width="120" height="60" fill="#1f3864"/></svg>',
        encoding="utf-8",
    )
    paths["svg"] = svg
    return paths


@pytest.mark.parametrize("kind", ["png", "webp", "jpg", "svg"])
def test_logos_in_the_first_page_header(
    reference: presskit.PressRelease, tmp_path: Path, kind: str
) -> None:
    logo = _logos(tmp_path)[kind]
    issuers = tuple(attrs.evolve(i, logo=logo.name) for i in reference.issuers)
    data = docx_bytes(attrs.evolve(reference, issuers=issuers), asset_root=tmp_path)
    archive = zipfile.ZipFile(io.BytesIO(data))
    media = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert media and all(n.endswith((".png", ".jpeg", ".jpg")) for n in media)
    header = Document(io.BytesIO(data)).sections[0].first_page_header
    alt = header._element.xpath(".//wp:docPr/@descr")
    assert alt == [f"{i.name} logo" for i in reference.issuers]


def test_bad_logo(reference: presskit.PressRelease, tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"not an image")
    issuers = (attrs.evolve(reference.issuers[0], logo="logo.png"), reference.issuers[1])
    release = attrs.evolve(reference, issuers=issuers)
    with pytest.raises(ExportError, match="is not an image"):
        docx_bytes(release, asset_root=tmp_path)
    with pytest.raises(ExportError, match="cannot read"):
        docx_bytes(release, asset_root=tmp_path / "elsewhere")


def test_logo_paths_from_agencies_are_rebased(tmp_path: Path) -> None:
    from .conftest import AGENCIES, FRONT

    (tmp_path / "logos").mkdir()
    (tmp_path / "2025").mkdir()
    (tmp_path / "agencies.toml").write_text(
        AGENCIES.replace('short_name = "MDDI"', 'short_name = "MDDI"\nlogo = "logos/mddi.png"'),
        encoding="utf-8",
    )
    source = tmp_path / "2025" / "release.md"
    source.write_text(FRONT + "Lede.\n", encoding="utf-8")
    release = presskit.load(source)
    assert release.issuers[0].logo == "../logos/mddi.png"


# --- LibreOffice ----------------------------------------------------------------------

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are not installed; "
    ".ci/run installs them",
)


@needs_soffice
def test_libreoffice_renders_the_reference_release(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    source = tmp_path / "release.docx"
    source.write_bytes(docx_bytes(reference))
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "release.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page  # fields filled in
        assert page.strip()  # no empty page
    # the page text without the running header and footer lines
    text = "\n".join(
        line
        for line in text.splitlines()
        if " | " not in line and not re.search(r"Page \d+ of \d+", line)
    )
    # paragraph numbers are visible on the page
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\.\s", text, re.M)]
    assert numbers == list(range(1, 25))
    flat = squash(text).replace("-", "")
    pieces = [reference.headline, "SINGAPORE – 17 JAN 2025"]
    for block in reference.body:
        if isinstance(block, Quote):
            pieces.append(f"{block.lead_in} {block.text}")  # attributed once
        else:
            pieces.append(block.text)  # type: ignore[union-attr]
    pieces += [
        *(b.heading for b in reference.boilerplates),
        "media@imda.gov.sg",
        "wu_fan@mddi.gov.sg",
    ]
    position = 0
    for piece in pieces:  # in order; hyphens dropped, as the layout may break lines at them
        position = flat.index(squash(piece).replace("-", ""), position)


# --- what a reader of the docs found (regressions) --------------------------------------


def test_no_template_leftovers(reference: presskit.PressRelease) -> None:
    archive = zipfile.ZipFile(io.BytesIO(docx_bytes(reference)))
    names = archive.namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert not [n for n in names if n.startswith("customXml/")]
    app = archive.read("docProps/app.xml")
    assert b"<Application>presskit</Application>" in app and b"Macintosh" not in app


def test_content_status_follows_now(reference: presskit.PressRelease) -> None:
    until = dt.datetime(2025, 1, 17, 10, tzinfo=dt.UTC)
    embargoed = attrs.evolve(reference, release=Embargoed(until))
    before = Document(io.BytesIO(docx_bytes(embargoed, now=until - dt.timedelta(1))))
    after = Document(io.BytesIO(docx_bytes(embargoed, now=until)))
    assert before.core_properties.content_status == "Embargoed"
    assert after.core_properties.content_status == "Final"
    assert after.paragraphs[0].text == "FOR IMMEDIATE RELEASE"


def test_contacts_print_as_in_every_format(reference: presskit.PressRelease) -> None:
    contact = MediaContact(
        "Adeline Lee", honorific="Ms", department="Comms", phone="+65 1", email="a@b.org"
    )
    release = attrs.evolve(reference, media_contacts=(contact,))
    cell = Document(io.BytesIO(docx_bytes(release))).tables[0].rows[0].cells[0]
    assert [p.text for p in cell.paragraphs] == [
        "(Ms) Adeline Lee",
        "(Comms)",
        "Tel: +65 1",
        "Email: a@b.org",
    ]
    text = presskit.export(release, "text").decode()
    assert "(Ms) Adeline Lee\n(Comms)\nTel: +65 1\nEmail: a@b.org\n" in text


def test_korean_in_a_chinese_release_is_korean(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(reference, language="zh-TW", body=(Paragraph("新加坡 한국어"),))
    body = part(docx_bytes(release), "word/document.xml")
    paragraph = body.xpath("//w:body/w:p[w:r/w:t[contains(., '한국어')]]", namespaces=NS)[0]
    langs = paragraph.xpath(".//w:lang/@w:eastAsia", namespaces=NS)
    assert langs == ["zh-TW", "ko-KR"]


def test_reference_doc_command_never_clobbers(tmp_path: Path) -> None:
    import sys

    out = tmp_path / "ref.docx"
    cmd = [sys.executable, "-m", "presskit.cli", "reference-doc", str(out)]
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 2 and "give --force" in again.stderr
    assert subprocess.run([*cmd, "--force"], capture_output=True).returncode == 0
    missing = subprocess.run(
        [*cmd[:-1], str(tmp_path / "no" / "ref.docx")], capture_output=True, text=True
    )
    assert missing.returncode == 2 and not (tmp_path / "no").exists()


def test_japanese_han_takes_the_japanese_font(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(reference, language="ja", body=(Paragraph("日本語の文章と한국어"),))
    body = part(docx_bytes(release), "word/document.xml")
    paragraph = body.xpath("//w:body/w:p[w:r/w:t[contains(., '한국어')]]", namespaces=NS)[0]
    fonts = paragraph.xpath(".//w:rFonts/@w:eastAsia", namespaces=NS)
    assert fonts == ["Yu Gothic"] * 4 + ["Malgun Gothic"]  # 日本語, の, 文章, と, 한국어
    names = zipfile.ZipFile(io.BytesIO(docx_bytes(reference))).namelist()
    assert "word/stylesWithEffects.xml" not in names


def test_long_texts_fit_the_255_character_document_properties(
    reference: presskit.PressRelease,
) -> None:
    """Word's core properties hold at most 255 characters; a longer headline or tag list
    is cut there (with "…"), never a traceback."""
    long = attrs.evolve(reference, headline="Long " * 60, tags=[f"tag {n}" for n in range(60)])
    props = Document(io.BytesIO(presskit.export(long, "docx"))).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert len(props.keywords) <= 255
