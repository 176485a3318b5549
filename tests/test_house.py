"""The reference release typeset as a professional would (issue 14, item 5), and the PDF
built in one pass (item 6): one house style across the text, PDF, DOCX and HTML.

Each test reads the real output back: pypdf and poppler for the PDF, python-docx for
the DOCX, lxml for the HTML."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from pypdf import PdfReader

import presskit
from presskit.errors import PresskitWarning
from presskit.exporters._docxpackage import qn
from presskit.model import Heading, Paragraph, PressRelease, Run

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed; .ci/run installs it"
)


def export(release: PressRelease, fmt: str, **options: object) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PresskitWarning)
        return presskit.export(release, fmt, **options)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page (pypdf), header and footer included."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of each body paragraph, table cells included, in order."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    out = []
    for element in doc.element.body.iter():
        if element.tag.endswith("}p"):
            from docx.text.paragraph import Paragraph as DocxParagraph

            paragraph = DocxParagraph(element, doc)
            out.append((paragraph.style.name if paragraph.style else "", paragraph.text))
    return out


def html_text(data: bytes) -> str:
    from lxml import html

    return str(html.fromstring(data).xpath("string(//article)"))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def every_format(release: PressRelease) -> dict[str, str]:
    """The text a reader sees in each printed format."""
    return {
        "text": export(release, "text").decode("utf-8"),
        "pdf": "\n".join(pdf_pages(export(release, "pdf"))),
        "docx": "\n".join(t for _, t in docx_paragraphs(export(release, "docx"))),
        "html": html_text(export(release, "html")),
    }


# --- the quote is attributed once --------------------------------------------------------


def test_quote_with_a_lead_in_is_attributed_once(reference: PressRelease) -> None:
    """ "Minister Teo said: “...”" and no "— Josephine Teo, Minister ..." after it: the
    text format's choice, now every format's (presskit.layout.quote_credit)."""
    for fmt, text in every_format(reference).items():
        flat = squash(text)
        assert flat.count("Minister Teo said:") == 1, fmt
        assert "— Josephine Teo" not in flat, fmt
        assert "Josephine Teo, Minister for Digital" not in flat, fmt


def test_quote_without_a_lead_in_is_credited_once_below(
    write_source: Callable[..., Path],
) -> None:
    release = presskit.load(
        write_source(
            "The lede.\n\n> “Words that matter.”\n>\n> — Jane Doe, Director of Words\n\nThe end.\n"
        )
    )
    for fmt, text in every_format(release).items():
        flat = squash(text)
        assert flat.count("— Jane Doe, Director of Words") == 1, fmt
        assert flat.index("Words that matter") < flat.index("— Jane Doe"), fmt


# --- "Page X of Y" in one pass ------------------------------------------------------------


def test_page_x_of_y_in_one_pass(reference: PressRelease, monkeypatch: pytest.MonkeyPatch) -> None:
    """The document is laid out once (it was twice: one pass only to count the pages);
    every page still says "Page n of N" with the real N, and every bookmark still points
    at the page that holds its heading."""
    from reportlab.platypus import BaseDocTemplate

    builds = []
    real_build = BaseDocTemplate.build

    def counted(self: object, *args: object, **kwargs: object) -> None:
        builds.append(1)
        real_build(self, *args, **kwargs)

    monkeypatch.setattr(BaseDocTemplate, "build", counted)
    data = export(reference, "pdf")
    assert len(builds) == 1
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    seen = 0

    def walk(outline: list[object]) -> None:
        nonlocal seen
        for entry in outline:
            if isinstance(entry, list):
                walk(entry)
                continue
            title = str(entry.title)  # type: ignore[attr-defined]
            page = reader.get_destination_page_number(entry)  # type: ignore[arg-type]
            assert squash(title)[:40] in squash(pages[page]), (title, page + 1)
            seen += 1

    walk(reader.outline)  # type: ignore[arg-type]
    assert seen >= 10


@needs_poppler
def test_page_total_is_drawn_for_poppler(write_source: Callable[..., Path], tmp_path: Path) -> None:
    """The footer form is read by poppler too: a release of 3 pages says "Page 1 of 3"."""
    body = "\n\n".join(f"Paragraph {n}. " + "Words and more words. " * 40 for n in range(24))
    release = presskit.load(write_source(body + "\n"))
    path = tmp_path / "out.pdf"
    path.write_bytes(export(release, "pdf"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


# --- what stays together across a page break ---------------------------------------------


def _with_filler(release: PressRelease, before: int, words: int) -> PressRelease:
    """``release`` with a paragraph of ``words`` filler words inserted before body block
    ``before``: moves every page break after it."""
    filler = Paragraph([Run("Filler " + "words for the layout. " * (words // 4))])
    body = (*release.body[:before], filler, *release.body[before:])
    return attrs.evolve(release, body=body)


def _body_lines(data: bytes) -> list[list[str]]:
    """Each page's lines of text without the running header and the footer."""
    out = []
    for text in pdf_pages(data):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        lines = [line for line in lines if not re.fullmatch(r"Page \d+ of \d+", line)]
        out.append(lines[1:])  # the issuers' line (page 1) or the running header
    return out


def _headings(release: PressRelease) -> list[str]:
    return [
        *(b.text for b in release.body if isinstance(b, Heading)),
        *(b.heading for b in release.boilerplates),
        "For media clarifications:",
    ]


@pytest.mark.parametrize("words", [8, 40, 120, 144, 204, 276])
def test_media_contacts_never_alone_on_the_last_page(reference: PressRelease, words: int) -> None:
    """The boilerplates and the contacts fit on one page together: the contacts never
    start the last page on their own (on main, the first three printed them alone in
    Noto Sans; the last three do without the keep in Liberation Sans)."""
    release = _with_filler(reference, len(reference.body) - 1, words)
    pages = [squash(" ".join(lines)) for lines in _body_lines(export(release, "pdf"))]
    assert not pages[-1].startswith("For media clarifications"), pages[-1][:80]
    # the boilerplates and the contacts share a page
    assert release.boilerplates[0].heading in pages[-1], pages[-1][:80]


@pytest.mark.parametrize("words", [180, 212, 392, 408, 432])
def test_no_heading_alone_at_a_page_foot(reference: PressRelease, words: int) -> None:
    """Pushed down by a filler paragraph, "Cybersecurity" (a heading followed by another
    heading) ended page 2 alone on main; now every heading run has the first lines of
    its text under it on its page."""
    cyber = next(
        i
        for i, b in enumerate(reference.body)
        if isinstance(b, Heading) and b.text == "Cybersecurity"
    )
    release = _with_filler(reference, cyber, words)
    pages = _body_lines(export(release, "pdf"))
    for number, lines in enumerate(pages[:-1], start=1):
        tail = squash(" ".join(lines[-3:]))
        for heading in _headings(release):
            assert not tail.endswith(squash(heading)), (number, heading)


def test_end_matter_taller_than_a_page_is_not_pushed_to_a_new_page(
    reference: PressRelease,
) -> None:
    """Kept together only when it fits on a page: boilerplates longer than a page start
    where they are, after the end mark, with no gap before them."""
    long_about = Paragraph([Run("About us. " * 900)])
    boilerplates = [attrs.evolve(b, body=(*b.body, long_about)) for b in reference.boilerplates[:1]]
    release = attrs.evolve(reference, boilerplates=boilerplates)
    pages = _body_lines(export(release, "pdf"))
    end = next(n for n, lines in enumerate(pages) if "- END -" in lines)
    assert boilerplates[0].heading in pages[end]
    assert not squash(" ".join(pages[-1])).startswith("For media clarifications")


# --- one house style: the PDF and the DOCX look alike --------------------------------------

HOUSE_BODY = """\
The lede, with a [link](https://example.org/news) in it.

# A level-one heading

Text.

## A level-two heading

Text.

### A level-three heading

Text.

#### A level-four heading

Text with another [link](https://example.org/more).
"""

HEADINGS = {
    "Heading 1": "A level-one heading",
    "Heading 2": "A level-two heading",
    "Heading 3": "A level-three heading",
    "Heading 4": "A level-four heading",
}


def _hex(rgb: tuple[float, ...]) -> str:
    return "".join(f"{round(c * 255):02X}" for c in rgb)


def _pdf_looks(data: bytes) -> dict[str, tuple[bool, bool, str]]:
    """Line of text -> (bold, italic, fill colour RRGGBB) as page 1 draws it."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    colour = ["000000"]
    looks: dict[str, tuple[bool, bool, str]] = {}

    def before(op: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        if op == b"rg":
            colour[0] = _hex(tuple(float(a) for a in args))

    def text(chunk: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        name = str((font or {}).get("/BaseFont", ""))
        if chunk.strip():
            looks[chunk.strip()] = ("Bold" in name, "Italic" in name, colour[0])

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return looks


def _docx_look(style: Any) -> tuple[bool, bool, str]:
    """(bold, italic, colour RRGGBB) of a paragraph style, following its base styles."""
    bold = italic = colour = None
    while style is not None:
        bold = style.font.bold if bold is None else bold
        italic = style.font.italic if italic is None else italic
        if colour is None and style.font.color.type is not None:
            colour = str(style.font.color.rgb)
        style = style.base_style
    return bool(bold), bool(italic), colour or "000000"


def _strokes(data: bytes, page_index: int) -> list[tuple[str, float, float]]:
    """(stroke colour RRGGBB, length, y) of each straight horizontal line the page
    strokes (rules, underlines), in the coordinates of its content stream."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    colour, start, out = "000000", (0.0, 0.0), []
    for operands, operator in pikepdf.parse_content_stream(pdf.pages[page_index]):
        op = str(operator)
        if op == "RG":
            colour = _hex(tuple(float(o) for o in operands))
        elif op == "m":
            start = (float(operands[0]), float(operands[1]))
        elif op == "l" and abs(float(operands[1]) - start[1]) < 0.01:
            out.append((colour, abs(float(operands[0]) - start[0]), start[1]))
    return out


def test_pdf_and_docx_share_one_house_style(write_source: Callable[..., Path]) -> None:
    """Headings of every level in the same weight, slant and colour (level 2 was italic in
    the DOCX only); links in the link colour and underlined in both (the PDF's were not);
    the one rule under the first page's header in both (the DOCX had it under the
    headline instead); the PDF in the DOCX's font, or the font made to its metrics."""
    from docx import Document

    release = presskit.load(write_source(HOUSE_BODY))
    pdf_data, docx_data = export(release, "pdf"), export(release, "docx")
    doc = Document(io.BytesIO(docx_data))
    looks = _pdf_looks(pdf_data)
    for style, text in HEADINGS.items():
        assert looks[text] == _docx_look(doc.styles[style]), style
    assert looks[release.headline] == _docx_look(doc.styles["Title"])

    # links: the link colour, underlined
    link = doc.styles["Hyperlink"]
    assert link.font.underline and str(link.font.color.rgb) == "0563C1"
    links = PdfReader(io.BytesIO(pdf_data)).pages[0].get("/Annots") or []
    underlines = [s for s in _strokes(pdf_data, 0) if s[0] == "0563C1"]
    assert len(links) >= 2 and len(underlines) == len(links)

    # rules: under the first page's header, nowhere else
    def border(style: Any) -> Any:
        return style.element.find(qn("w:pPr") + "/" + qn("w:pBdr"))

    assert border(doc.styles["Header Issuers"]).find(qn("w:bottom")) is not None
    assert all(border(doc.styles[s]) is None for s in ("Title", *HEADINGS))
    rules = [s for s in _strokes(pdf_data, 0) if s[0] == "BFBFBF"]
    assert len(rules) == 1 and rules[0][1] > 400  # the width of the text

    # fonts: Arial in the DOCX; Arial or Liberation Sans (Arial's metrics) in the PDF
    assert doc.styles["Normal"].font.name == "Arial"
    fonts = {
        str(f["/BaseFont"]).split("+")[-1]
        for f in PdfReader(io.BytesIO(pdf_data)).pages[0]["/Resources"]["/Font"].values()
        if "/BaseFont" in f
    }
    assert fonts and all(re.match(r"(Arial|LiberationSans)", f) for f in fonts), fonts


needs_soffice = pytest.mark.skipif(
    not shutil.which("soffice"), reason="LibreOffice is not installed; .ci/run installs it"
)


def _docx_pages(documents: dict[str, bytes], folder: Path) -> dict[str, list[str]]:
    """Each DOCX's pages as LibreOffice lays them out, as text (pypdf); one LibreOffice
    run for all of them."""
    for name, data in documents.items():
        (folder / f"{name}.docx").write_bytes(data)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo",
         "--convert-to", "pdf", "--outdir", str(folder),
         *(str(folder / f"{name}.docx") for name in documents)],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    return {
        name: [squash(text) for text in pdf_pages((folder / f"{name}.pdf").read_bytes())]
        for name in documents
    }


@needs_soffice
def test_docx_contacts_never_alone_on_the_last_page(
    reference: PressRelease, tmp_path: Path
) -> None:
    """The DOCX follows the PDF's rule: the boilerplates are kept with the contacts
    (``keep with next``) and a contact is never split (``cantSplit``), so LibreOffice
    moves them to the last page together. Without, 200 filler words split the first row
    of contacts across two pages, and 280 left the contacts alone on the last page."""
    releases = {
        str(words): _with_filler(reference, len(reference.body) - 1, words) for words in (200, 280)
    }
    documents = {name: export(release, "docx") for name, release in releases.items()}
    for name, pages in _docx_pages(documents, tmp_path).items():
        last = pages[-1].split("SINGAPORE – 17 JAN 2025", 1)[-1].strip()  # after the header
        assert not last.startswith("For media clarifications"), (name, last[:80])
        assert reference.boilerplates[0].heading in pages[-1], name
        for contact in reference.media_contacts:  # whole, on the last page
            assert f"(Ms) {contact.name}" in pages[-1], name
            assert str(contact.email) in pages[-1], name
