"""Plain-text releases and e-mail bodies.

A text release is read as blocks separated by blank lines; each block is a
:class:`~presskit.importers._assemble.Chunk` whose lines keep their numbers, so the report
can point at them. An e-mail (RFC 5322, as a ``.eml`` file) is parsed with the standard
library's :mod:`email` package: its ``text/plain`` part is read, or its ``text/html``
part turned into text when it has no plain one; its Subject, Date and From help when
the body lacks a headline, a date or an issuer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from presskit.errors import SourceError
from presskit.importers._assemble import Chunk, Hints, assemble
from presskit.importers._report import AttachedFile, Finding, Imported, Report

if TYPE_CHECKING:
    import email.message

__all__ = ["html_to_text", "read_eml", "read_text", "text_chunks"]


def text_chunks(text: str, *, first_line: int = 1) -> list[Chunk]:
    """Blocks of lines separated by blank lines; line numbers start at ``first_line``."""
    chunks: list[Chunk] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        if line.strip():
            current.append((number, line.rstrip()))
        elif current:
            chunks.append(Chunk(current))
            current = []
    if current:
        chunks.append(Chunk(current))
    return chunks


def read_text(text: str, hints: Hints, *, source: str, fmt: str = "text") -> Imported:
    """Import a plain-text release (already decoded; any line endings).

    Raises:
        SourceError: the text holds no release (no text, no date, no paragraph).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\f", "\n").replace("\u00ad", "")
    return assemble(text_chunks(text), hints, source=source, fmt=fmt)


_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|tr|aw)\s*:\s*|\[[^\]]{1,40}\]\s*|"
    r"(?:press|media|news) release\s*[:：-]\s*)+",
    re.IGNORECASE,
)


def read_eml(data: bytes, hints: Hints, *, source: str) -> Imported:
    """Import the release in the body of an e-mail message (RFC 5322 bytes).

    Line numbers in the report count from the first line of the body part.

    Raises:
        SourceError: the message has no text body, or the body holds no release.
    """
    import email
    import email.policy
    import email.utils

    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise SourceError(source, "the e-mail has no text or HTML body")
    try:
        content = body.get_content()
    except (LookupError, UnicodeError) as exc:
        raise SourceError(source, f"the e-mail's body cannot be decoded ({exc})") from None
    if not isinstance(content, str):
        raise SourceError(source, "the e-mail's body is not text")
    if body.get_content_subtype() == "html":
        content = html_to_text(content)
    raw_subject = str(message.get("Subject") or "").strip()
    subject = _SUBJECT_PREFIX.sub("", raw_subject).strip() or None
    sent = None
    if message.get("Date"):
        try:
            parsed = email.utils.parsedate_to_datetime(str(message["Date"]))
            sent = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
        except (TypeError, ValueError):
            sent = None
    sender = None
    if message.get("From"):
        name, address = email.utils.parseaddr(str(message["From"]))
        sender = name or (address.split("@")[-1] if "@" in address else None)
    # the offset of the body in the file, so line numbers point into the .eml
    raw = data.replace(b"\r\n", b"\n")
    split = raw.find(b"\n\n")
    first = raw[:split].count(b"\n") + 3 if split >= 0 and not message.is_multipart() else 1
    hints = Hints(
        name=hints.name,
        subject=subject,
        sent=sent,
        sender=sender,
        time_zone=hints.time_zone,
        agencies=hints.agencies,
    )
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    imported = assemble(text_chunks(content, first_line=first), hints, source=source, fmt="eml")
    files, findings = _attachments(message, body)
    if not findings:
        return imported
    report = imported.report
    return Imported(
        imported.release,
        Report(report.source, report.format, (*report.findings, *findings)),
        files,
    )


def _attachments(
    message: email.message.EmailMessage, body: email.message.MIMEPart
) -> tuple[tuple[AttachedFile, ...], list[Finding]]:
    """The message's attachments, with a report line for each (a part that cannot be
    read is reported, not left out silently)."""
    import mimetypes

    from presskit.sources.release import slug_from_name

    files: list[AttachedFile] = []
    findings: list[Finding] = []
    taken: set[str] = set()
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        original = part.get_filename()
        if part.get_content_disposition() != "attachment" and not original:
            continue  # an alternative body (the HTML of a plain-text e-mail)
        media_type = part.get_content_type().lower()
        if not _MEDIA_TYPE.match(media_type) or media_type == "application/octet-stream":
            guessed = mimetypes.guess_type(original or "")[0]
            media_type = guessed if guessed and _MEDIA_TYPE.match(guessed) else media_type
        if not _MEDIA_TYPE.match(media_type):
            media_type = "application/octet-stream"
        shown = repr(original) if original else f"without a name ({media_type})"
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or not data:
            findings.append(
                Finding(None, "unsure", f"attachment {shown} is empty or unreadable; left out")
            )
            continue
        stem, dot, extension = (original or "").rpartition(".")
        if not dot:
            stem, extension = original or "", ""
        extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
        if not extension:
            extension = (mimetypes.guess_extension(media_type) or ".bin").lstrip(".")
        base = slug_from_name(stem)[:80] if stem.strip() else "attachment"
        name, number = f"{base}.{extension}", 2
        while name in taken:
            name, number = f"{base}-{number}.{extension}", number + 1
        taken.add(name)
        files.append(AttachedFile(name, original, media_type, data))
        findings.append(
            Finding(
                None,
                "recognised",
                f"attachment {shown} ({media_type}, {len(data):,} bytes); presskit import "
                "saves it next to the source and lists it as an attachment",
            )
        )
    return tuple(files), findings


_MEDIA_TYPE = re.compile(r"^[a-z0-9.+-]+/[a-z0-9.+-]+$")


_BLOCK_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol",
    "blockquote", "section", "article", "header", "footer", "hr",
}  # fmt: skip


def html_to_text(html: str) -> str:
    """Text of an HTML e-mail body: blocks separated by blank lines, ``<br>`` as a line
    break, list items as ``- item``; scripts and styles left out. Parsed with lxml,
    which never fetches anything."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except Exception:  # lxml raises ParserError for empty documents
        return html
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    out: list[str] = []

    def walk(node: object) -> None:
        tag = getattr(node, "tag", "")
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag == "br":
            out.append("\n")
        elif tag in _BLOCK_TAGS:
            out.append("\n\n")
        if tag == "li":
            out.append("- ")
        text = getattr(node, "text", None)
        if text:
            out.append(re.sub(r"\s+", " ", text) if tag != "pre" else text)
        for child in node:  # type: ignore[attr-defined]
            walk(child)
            tail = getattr(child, "tail", None)
            if tail:
                out.append(re.sub(r"\s+", " ", tail))
        if tag in _BLOCK_TAGS and tag != "br":
            out.append("\n\n")

    walk(root)
    text = "".join(out)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
