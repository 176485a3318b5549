"""The text a reader sees in each output file, format by format, for the acceptance tests
of the localised labels (tests/test_localised.py).

Each function takes a file's bytes and returns its text as one string, in reading order
where the format has one, with the parts a reader or a receiving system sees: body text,
headers and footers, document properties, accessible names (``aria-label``, table
captions), titles of links, e-mail headers. Markup, element and style names are left
out, so that the English ``Page`` of a Word style name is not taken for a label.

The libraries are the ones a receiver would use: python-docx for Word, poppler's
``pdftotext`` for the PDF (pypdf when poppler is missing), lxml for HTML and XML,
:mod:`email` for the e-mail, :mod:`zipfile` for the kit, feedparser for the feeds.
"""

from __future__ import annotations

import email
import email.policy
import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

__all__ = ["EXTRACTORS", "docx_text", "html_text", "pdf_text", "text_of"]

#: Attributes whose values a reader meets (screen readers, tooltips, the tab's title).
_READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
#: ``<meta>`` names and properties whose content a reader or a sharing card shows.
_READ_META = ("description", "og:title", "og:description", "twitter:title", "twitter:description")


def pdf_text(
    data: bytes,
    *,
    first_page: int | None = None,
    last_page: int | None = None,
    right_to_left: bool = False,
) -> str:
    """The PDF's text as ``pdftotext -layout`` reads it (UTF-8, page breaks as form
    feeds), after its document information (title, subject, keywords) when the whole
    document is read. A right-to-left release is read with pypdf, which keeps the
    order the PDF gives its text in (pdftotext reorders a line that mixes Arabic with
    Latin letters and digits by where the glyphs stand, and turns its Arabic around);
    so is a PDF where poppler is missing."""
    whole = first_page is None and last_page is None
    info = _pdf_info(data) + "\n" if whole else ""
    if shutil.which("pdftotext") and not right_to_left:
        # (-layout: the default mode joins a line ending in "-" to the next, "- END -")
        args = ["pdftotext", "-layout", "-enc", "UTF-8"]
        if first_page is not None:
            args += ["-f", str(first_page)]
        if last_page is not None:
            args += ["-l", str(last_page)]
        done = subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True)
        return info + done.stdout.decode("utf-8")
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    chosen = pages[(first_page or 1) - 1 : last_page]
    return info + "\f".join(page.extract_text() or "" for page in chosen)


def _pdf_info(data: bytes) -> str:
    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(data)).metadata or {}
    return "\n".join(str(meta[k]) for k in ("/Title", "/Subject", "/Keywords") if k in meta)


def docx_text(data: bytes) -> str:
    """The Word document's paragraphs and tables (body, headers, footers, in order), its
    core properties (title, subject, category, keywords, description) and its tables'
    captions and descriptions (``w:tblCaption``, ``w:tblDescription``)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    parts = [document.element.body]
    for section in document.sections:
        for hf in (section.header, section.first_page_header, section.footer,
                   section.first_page_footer, section.even_page_header,
                   section.even_page_footer):  # fmt: skip
            if not hf.is_linked_to_previous:
                parts.append(hf._element)
    out: list[str] = []
    for part in parts:
        for p in part.iter(qn("w:p")):
            out.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
        for name in ("w:tblCaption", "w:tblDescription"):
            out.extend(el.get(qn("w:val"), "") for el in part.iter(qn(name)))
    core = document.core_properties
    out.extend(
        str(v) for v in (core.title, core.subject, core.category, core.keywords, core.comments) if v
    )
    return "\n".join(out)


def html_text(data: bytes | str) -> str:
    """An HTML page's text: the title, every text node outside ``<script>`` and
    ``<style>``, the attributes a reader meets (``aria-label``, ``title``, ``alt``), the
    description and Open Graph metadata, and each JSON-LD block's string values."""
    import lxml.html

    # (parsed as text: lxml reads bytes without a declared charset as Latin-1)
    root = lxml.html.fromstring(data.decode("utf-8") if isinstance(data, bytes) else data)
    out: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments, processing instructions
        if el.tag == "script":
            if el.get("type") == "application/ld+json" and el.text:
                out.extend(_json_strings(json.loads(el.text)))
        elif el.tag != "style" and el.text:
            out.append(el.text)
        out.extend(el.get(a, "") for a in _READ_ATTRIBUTES if el.get(a))
        if el.tag == "meta" and (el.get("name") or el.get("property")) in _READ_META:
            out.append(el.get("content", ""))
        if el.tail:
            out.append(el.tail)
    return "\n".join(out)


def _json_strings(value: Any) -> Iterator[str]:
    """Every string value of a JSON document (keys left out)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)


def xml_text(data: bytes) -> str:
    """An XML document's text nodes and attribute values that carry text (NITF,
    NewsML-G2: element names and codes are left out)."""
    from lxml import etree

    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    out: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and el.text.strip():
            out.append(el.text)
        if el.tail and el.tail.strip():
            out.append(el.tail)
    return "\n".join(out)


def eml_text(data: bytes) -> str:
    """The e-mail's subject, its plain-text part and the text of its HTML part (the
    attachments, such as the PDF, are the PDF's test)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    out = [str(message["Subject"] or "")]
    for part in message.walk():
        if part.get_content_maintype() != "text" or part.get_filename():
            continue
        content = part.get_content()
        if part.get_content_subtype() == "html":
            out.append(html_text(content))
        else:
            out.append(content)
    return "\n".join(out)


def kit_text(data: bytes) -> str:
    """The press kit's ``README.txt`` (the kit's other files are their formats' test)."""
    with zipfile.ZipFile(io.BytesIO(data)) as kit:
        names = [n for n in kit.namelist() if n.rsplit("/", 1)[-1] == "README.txt"]
        assert names, kit.namelist()
        return kit.read(names[0]).decode("utf-8")


def feed_text(data: bytes) -> str:
    """A feed (RSS, Atom or JSON Feed) as a feed reader shows it: the feed's title and
    subtitle, each entry's title, summary and content, and the titles of its links."""
    if data.lstrip().startswith(b"{"):
        return "\n".join(_json_strings(json.loads(data)))
    import feedparser

    parsed = feedparser.parse(data)
    out = [parsed.feed.get("title", ""), parsed.feed.get("subtitle", "")]
    out.extend(link.get("title", "") for link in parsed.feed.get("links", ()))
    for entry in parsed.entries:
        out += [entry.get("title", ""), entry.get("summary", "")]
        out.extend(c.get("value", "") for c in entry.get("content", ()))
        out.extend(link.get("title", "") for link in entry.get("links", ()))
    # (summaries and contents are HTML in the feeds: read as a reader shows them)
    return "\n".join(html_text(f"<div>{piece}</div>") if "<" in piece else piece for piece in out)


def json_text(data: bytes) -> str:
    """A JSON document's string values (ninjs, the model dump)."""
    return "\n".join(_json_strings(json.loads(data)))


def wire_text(data: bytes) -> str:
    """A wire message (IPTC 7901, ANPA-1312) as its bytes decode: control characters
    other than line ends become line ends."""
    text = data.decode("latin-1")
    return "".join(c if c >= " " or c in "\n\t" else "\n" for c in text)


#: The extractor of each format (the name ``presskit formats`` lists).
EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "text": lambda data: data.decode("utf-8"),
    "docx": docx_text,
    "pdf": pdf_text,
    "json": json_text,
    "html": html_text,
    "index": html_text,
    "eml": eml_text,
    "kit": kit_text,
    "rss": feed_text,
    "atom": feed_text,
    "jsonfeed": feed_text,
    "iptc7901": wire_text,
    "anpa1312": wire_text,
    "nitf": xml_text,
    "ninjs": json_text,
    "newsmlg2": xml_text,
}


def text_of(fmt: str, data: bytes, *, language: str = "en") -> str:
    """The text of one output file of format ``fmt`` (a name ``presskit formats``
    lists) of a release in ``language`` (a BCP 47 tag: the PDF of a right-to-left
    language is read with pypdf, see :func:`pdf_text`)."""
    if fmt == "pdf":
        from presskit.fragment import direction

        return pdf_text(data, right_to_left=direction(language) == "rtl")
    return EXTRACTORS[fmt](data)
