"""Right-to-left releases are right to left in every format (issue 15, item 7): the
Arabic release (tests/fixtures/rtl/ar.md) and the Jawi one
(tests/fixtures/languages/ms-jawi.md), parsed back from the HTML page, the Word file and
the e-mail."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner

from presskit.cli import main
from presskit.exporters.eml import LRM, RLM, rtl_lines

FIXTURES = Path(__file__).parent / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CASES = {"ar": FIXTURES / "rtl" / "ar.md", "ms-jawi": FIXTURES / "languages" / "ms-jawi.md"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rtl")
    args = ["build", *map(str, CASES.values()), "-o", str(out), "-q"]
    result = CliRunner().invoke(main, [*args, "--now", "2030-01-01T00:00Z", "-f", "html,docx,eml"])
    assert result.exit_code == 0, result.output
    return out


def document(dist: Path, slug: str) -> Any:
    with zipfile.ZipFile(dist / slug / f"{slug}.docx") as package:
        return lxml.etree.fromstring(package.read("word/document.xml"))


@pytest.mark.parametrize("slug", CASES)
def test_html_page_is_rtl(dist: Path, slug: str) -> None:
    doc = lxml.html.document_fromstring((dist / slug / "index.html").read_bytes())
    root = doc.getroottree().getroot()
    assert root.get("dir") == "rtl"
    # the English agency name keeps its direction in the Arabic-script masthead
    assert "Infocomm Media Development Authority" in doc.xpath("//header//bdi/text()")
    # phone numbers and addresses are left to right: "+971 4 123 4567", not reordered
    links = doc.xpath("//article//a[starts-with(@href, 'tel:') or starts-with(@href, 'mailto:')]")
    assert links and all(a.get("dir") == "ltr" for a in links)


@pytest.mark.parametrize("slug", CASES)
def test_docx_is_rtl(dist: Path, slug: str) -> None:
    """Every paragraph of the body (the quote and the label lines too) is bidi, exactly
    once; the section and the contacts table too; Arabic-script runs are w:rtl."""
    root = document(dist, slug)
    body = root.find(f"{W}body")
    paragraphs = body.findall(f".//{W}p")
    assert paragraphs
    for p in paragraphs:
        assert len(p.findall(f"{W}pPr/{W}bidi")) == 1, lxml.etree.tostring(p)[:300]
    quotes = [p for p in paragraphs if p.find(f"{W}pPr/{W}pStyle[@{W}val='Quote']") is not None]
    assert quotes
    assert body.find(f"{W}sectPr/{W}bidi") is not None
    assert body.find(f".//{W}tbl/{W}tblPr/{W}bidiVisual") is not None
    arabic = [
        r
        for r in body.iter(f"{W}r")
        if any("\u0600" <= c <= "\u06ff" for c in "".join(r.itertext()))
    ]
    assert arabic and all(r.find(f"{W}rPr/{W}rtl") is not None for r in arabic)
    # the phone number after its label: an LRM keeps its digit groups left to right
    links = ["".join(h.itertext()) for h in body.iter(f"{W}hyperlink")]
    phones = [t for t in links if t.lstrip("\u200e").startswith("+")]
    assert phones and all(t.startswith("\u200e") for t in phones)


def test_english_docx_is_not_rtl(tmp_path: Path) -> None:
    out = tmp_path / "en"
    source = FIXTURES / "languages" / "en-mixed.md"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-q", "-f", "docx"])
    assert result.exit_code == 0, result.output
    root = document(out, "en-mixed")
    assert root.find(f".//{W}sectPr/{W}bidi") is None
    assert root.find(f".//{W}bidiVisual") is None


@pytest.mark.parametrize("slug", CASES)
def test_email_is_rtl(dist: Path, slug: str) -> None:
    message = email.message_from_bytes(
        (dist / slug / f"{slug}.eml").read_bytes(), policy=email.policy.default
    )
    html_part = message.get_body(("html",))
    text_part = message.get_body(("plain",))
    assert html_part is not None and text_part is not None
    root = lxml.html.document_fromstring(html_part.get_content()).getroottree().getroot()
    assert root.get("dir") == "rtl"
    phones = root.xpath("//a[starts-with(@href, 'tel:')]")
    assert phones and all(a.get("dir") == "ltr" for a in phones)
    lines = [line for line in text_part.get_content().splitlines() if line.strip()]
    for line in lines:  # an RLM exactly where the line would open left to right
        letters = [c for c in line.lstrip(RLM) if c.isalpha()]
        latin = bool(letters) and letters[0].isascii()
        assert line.startswith(RLM) == latin, line


def test_rtl_lines() -> None:
    assert rtl_lines("Tel: +60 3 1234 5678") == RLM + "Tel: +60 3 1234 5678"
    assert rtl_lines("+60 3 1234 5678") == "+60 3 1234 5678"  # no strong character
    assert rtl_lines("1. کوالا لومڤور") == "1. کوالا لومڤور"
    assert rtl_lines("a\n\nب") == RLM + "a\n\nب"
    # a phone number after an Arabic label: an LRM keeps its digit groups in order
    assert rtl_lines(f"هاتف: {LRM}+971 4 123 4567") == f"هاتف: {LRM}+971 4 123 4567"
    assert rtl_lines(f"Tel: {LRM}+60 3") == f"{RLM}Tel: {LRM}+60 3"


def test_contact_phone_keeps_its_digit_order_in_every_rtl_format() -> None:
    """The layout marks the number once (LRM), so the PDF and the text copy read
    "+971 4 123 4567" after an Arabic label, as the DOCX and the e-mail did."""
    from presskit.layout import contact_lines
    from presskit.model import MediaContact
    from presskit.profiles import get_profile

    contact = MediaContact("سارة أحمد", phone="+971 4 123 4567")
    phone = [
        line for line in contact_lines(contact, get_profile("sg"), "ar") if line.kind == "phone"
    ]
    assert phone[0].text == f"{LRM}+971 4 123 4567"
    english = contact_lines(contact, get_profile("sg"), "en")
    assert [line.text for line in english if line.kind == "phone"] == ["+971 4 123 4567"]


#: ECMA-376 CT_PPrBase's children in order (those presskit writes).
_PPR_ORDER = ["pStyle", "keepNext", "numPr", "pBdr", "bidi", "spacing", "ind", "jc"]


@pytest.mark.parametrize("slug", CASES)
def test_docx_paragraph_properties_in_schema_order(dist: Path, slug: str) -> None:
    """w:numPr before w:bidi (Word refuses a file with properties out of order)."""
    for ppr in document(dist, slug).iter(f"{W}pPr"):
        names = [child.tag.removeprefix(W) for child in ppr]
        known = [n for n in names if n in _PPR_ORDER]
        assert known == sorted(known, key=_PPR_ORDER.index), names


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are not installed",
)
def test_libreoffice_lays_the_arabic_docx_out_right_to_left(dist: Path, tmp_path: Path) -> None:
    """Rendered by LibreOffice: the paragraph numbers stand at the right margin, every
    line reaches into the right half (right-aligned), and the phone number reads in its
    own order."""
    source = tmp_path / "ar.docx"
    source.write_bytes((dist / "ar" / "ar.docx").read_bytes())
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    command = ["soffice", "--headless", profile, "--convert-to", "pdf", "--outdir"]
    result = subprocess.run(
        [*command, str(tmp_path), str(source)], capture_output=True, text=True, timeout=180
    )
    pdf = tmp_path / "ar.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))  # type: ignore[union-attr]
    words = [
        (float(m.group(1)), m.group(2))
        for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
    ]
    numbers = [x for x, word in words if word in ("1", "2", "3", "4")]
    # the four paragraph numbers at the right margin, none in the left one
    assert len([x for x in numbers if x > width * 0.85]) >= 4, numbers
    assert not [x for x in numbers if x < width * 0.15], numbers
    # every line of the first page ends at the right margin or close to it (the
    # text is right-aligned), none stops short at the left
    rows: dict[float, float] = {}
    for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)"', bbox):
        rows[float(m.group(1))] = max(rows.get(float(m.group(1)), 0.0), float(m.group(2)))
    assert rows and min(rows.values()) > width / 2, rows
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "+971 4 123 4567" in text
