"""PDF faults found by the 10,000-release fuzzing run (issue 12): links that are not
URLs, words in two fonts handed to reportlab's shaper, invisible characters in a font
without their glyph."""

from __future__ import annotations

import io
import re
import unicodedata

import attrs
from pypdf import PdfReader

import presskit
from presskit.model import Paragraph, Run


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"[\s\u200b\-]+", "", unicodedata.normalize("NFKC", text))


def uris(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    return {
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/URI" in annot.get_object().get("/A", {})
    }


def _with_links(release: presskit.PressRelease, *hrefs: str) -> presskit.PressRelease:
    runs = [Run("See ")]
    for n, href in enumerate(hrefs):
        runs += [Run(f"part {n} here", href=href), Run(" and ")]
    return attrs.evolve(release, body=(*release.body, Paragraph(tuple(runs))))


def test_a_relative_link_without_a_page_stays_text(reference: presskit.PressRelease) -> None:
    """``#section-2`` crashed reportlab (no such destination in the PDF); with no page
    to resolve against, the text is printed, unlinked."""
    release = _with_links(attrs.evolve(reference, canonical_url=None), "#section-2", "../a.html")
    data = presskit.export(release, "pdf")
    assert "part0hereandpart1here" in flat(text_of(data))
    assert not any("section-2" in uri or "a.html" in uri for uri in uris(data))
    assert "http://www.imda.gov.sg" in uris(data)  # absolute links are kept


def test_a_relative_link_resolves_against_the_release_page(
    reference: presskit.PressRelease,
) -> None:
    page = "https://www.example.gov.sg/news/2025/release/"
    release = _with_links(attrs.evolve(reference, canonical_url=page), "#section-2", "../a.html")
    found = uris(presskit.export(release, "pdf"))
    assert {f"{page}#section-2", "https://www.example.gov.sg/news/2025/a.html"} <= found


def test_the_kit_and_eml_carry_a_pdf_with_a_fragment_link(
    reference: presskit.PressRelease,
) -> None:
    release = _with_links(attrs.evolve(reference, canonical_url=None), "#section-2")
    assert presskit.export(release, "kit")[:2] == b"PK"
    assert b"application/pdf" in presskit.export(release, "eml")


def test_a_word_in_two_fonts_is_drawn_unshaped_not_crashing(
    reference: presskit.PressRelease,
) -> None:
    """Chinese punctuation run into a bold Thai word: reportlab shaped the word in the
    Chinese font and filed its glyph ids under the Thai one (IndexError on saving);
    a bold Latin address run into bold Tamil (AttributeError: hbAddPrivate)."""
    texts = ["！、---ู๛็ณึุ๑ฬ", "。>：；「]]>ํิมฑบยพพ"]
    body = [Paragraph((Run(text, strong=True),)) for text in texts]
    body.append(Paragraph((Run("wu_fan@mddi.gov.sg", strong=True), Run("அமைச்சர்", strong=True))))
    place = "！、---ู๛็ณึุ๑ฬ"
    release = attrs.evolve(
        reference,
        body=(*reference.body, *body),
        dateline=attrs.evolve(reference.dateline, place=place),
    )
    data = presskit.export(release, "pdf")
    assert flat("wu_fan@mddi.gov.sg") in flat(text_of(data))


def test_a_zero_width_space_is_drawn_in_a_font_that_has_it(
    reference: presskit.PressRelease,
) -> None:
    """A long bare IDN URL gets zero-width spaces after ``/`` and ``?`` (break hints);
    in the Chinese font, which has no glyph for U+200B, they came back as U+0000 and
    the URL was not found again in the text."""
    url = "https://例子.测试/路径?q=值"
    data = presskit.export(attrs.evolve(reference, headline=url * 3), "pdf")
    text = text_of(data)
    assert "\x00" not in text
    assert flat(url * 3) in flat(text)


def test_a_contact_address_holding_uri_delimiters_is_linked_percent_encoded() -> None:
    """RFC 5322 allows ``|`` and ``{`` in an address's local part; RFC 3986 does not
    allow them in a URI. The ``mailto:`` link was refused at export time (ModelError in
    the PDF, the e-mail and the kit, found by the fuzzing run); it is percent-encoded."""
    import datetime as dt

    from presskit.model import Dateline, Issuer, MediaContact, PressRelease

    contact = MediaContact("Pat O'Brien", email="o|brien{x}@example.ie")
    release = PressRelease(
        slug="delims", headline="A headline", issuers=[Issuer("mddi", "MDDI")],
        dateline=Dateline("SINGAPORE", dt.date(2025, 1, 17)),
        issued_at=dt.datetime(2025, 1, 17, 10, tzinfo=dt.UTC),
        body=[Paragraph("The lede.")], media_contacts=[contact],
    )  # fmt: skip
    data = presskit.export(release, "pdf")
    links = [
        str(a["/A"]["/URI"])
        for page in PdfReader(io.BytesIO(data)).pages
        for a in (x.get_object() for x in page.get("/Annots", []))
        if "/A" in a and "/URI" in a["/A"]
    ]
    assert "mailto:o%7Cbrien%7Bx%7D@example.ie" in links
    assert "o|brien{x}@example.ie" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(data)).pages
    )
    for fmt in ("eml", "kit", "docx", "html"):
        assert presskit.export(release, fmt)
