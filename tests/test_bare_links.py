"""Bare URLs and e-mail addresses in running text become links in the DOCX and the PDF,
ending where a reader sees them end: at CJK punctuation too (the Chinese sample of
../shared/cases/languages wrote ``浏览www.scamalert.sg。资媒局……`` and the whole
sentence became the link's host, which then stopped the build)."""

from __future__ import annotations

import io

import attrs
import pytest
from docx import Document
from pypdf import PdfReader

import presskit
from presskit.model import Paragraph
from presskit.textutils import bare_links

CASES = [
    (
        "或浏览www.scamalert.sg。资媒局提醒公众（OTP）。",
        "www.scamalert.sg",
        "https://www.scamalert.sg",
    ),
    ("請瀏覽https://www.gov.sg/news，謝謝", "https://www.gov.sg/news", "https://www.gov.sg/news"),
    ("電郵press@example.org、或致電", "press@example.org", "mailto:press@example.org"),
    ("浏览www.scamalert.sg资媒局", "www.scamalert.sg", "https://www.scamalert.sg"),
    ("see https://例子.测试/路径?q=值.", "https://例子.测试/路径?q=值", None),
    ("See www.example.org/a-b.", "www.example.org/a-b", "https://www.example.org/a-b"),
]


@pytest.mark.parametrize(("text", "shown", "href"), CASES)
def test_a_bare_link_ends_where_a_reader_sees_it_end(
    text: str, shown: str, href: str | None
) -> None:
    (found,) = list(bare_links(text))
    start, end, target = found
    assert text[start:end] == shown
    assert target.isascii()  # always a URI, percent-encoded or punycode where needed
    if href is not None:
        assert target == href


def test_a_span_that_is_no_uri_stays_text() -> None:
    assert list(bare_links("see http://ex%zz/ and http://[::1")) == []


def _release(reference: presskit.PressRelease, text: str) -> presskit.PressRelease:
    return attrs.evolve(reference, language="zh-Hans", body=(Paragraph(text),))


def test_docx_links_the_address_not_the_sentence(reference: presskit.PressRelease) -> None:
    release = _release(reference, CASES[0][0])
    doc = Document(io.BytesIO(presskit.export(release, "docx")))
    links = [(link.address, link.text) for p in doc.paragraphs for link in p.hyperlinks]
    assert ("https://www.scamalert.sg", "www.scamalert.sg") in links
    assert any("资媒局提醒公众" in p.text for p in doc.paragraphs)


def test_pdf_links_the_address_not_the_sentence(reference: presskit.PressRelease) -> None:
    release = _release(reference, CASES[0][0])
    data = presskit.export(release, "pdf")
    reader = PdfReader(io.BytesIO(data))
    uris = {
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    }
    assert "https://www.scamalert.sg" in uris


def test_a_bad_escape_in_a_host_is_a_uri_error() -> None:
    """It was a StopIteration out of presskit.uri (a traceback for any URL field)."""
    from presskit.uri import UriError, to_uri

    with pytest.raises(UriError, match="two hex digits"):
        to_uri("http://ex%zz/")
