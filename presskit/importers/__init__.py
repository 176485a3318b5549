"""Importers: a partner's press release (plain text, an e-mail, a Word document) read into
a :class:`~presskit.model.PressRelease`, with a report of what was recognised.

::

    from presskit import importers

    release = importers.read("partner-release.docx")           # the release only
    result = importers.read_with_report("partner-release.txt") # release and report
    for line in result.report.lines():
        print(line)

The input is untrusted: it is size-capped before it is read (:data:`MAX_TEXT_BYTES` for
text and e-mail, :data:`MAX_DOCX_BYTES` for Word), a ``.docx`` is checked as a zip (entry
count, uncompressed size and compression ratio) before anything is decompressed, and an
XML part with a document type declaration (where external entities hide) is refused.

Formats: ``"text"`` (UTF-8, UTF-16 with a byte-order mark, or Windows-1252 text),
``"eml"`` (an RFC 5322 message) and ``"docx"`` (Office Open XML). Without ``format``,
the bytes decide: a zip is a ``.docx``, a text that starts with mail headers is an
e-mail, other text is text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presskit.errors import SourceError
from presskit.importers._report import AttachedFile, Finding, Imported, Report

if TYPE_CHECKING:
    from presskit.model import PressRelease
    from presskit.sources.agencies import Agencies

__all__ = [
    "FORMATS",
    "MAX_DOCX_BYTES",
    "MAX_TEXT_BYTES",
    "AttachedFile",
    "Finding",
    "Imported",
    "Report",
    "detect_format",
    "read",
    "read_with_report",
]

#: The input formats, by name.
FORMATS = ("text", "eml", "docx")

#: The largest text or e-mail accepted, in bytes: the size of the largest source
#: (``presskit.sources.MAX_SOURCE_BYTES``, 10 MiB), since the import is written as one.
MAX_TEXT_BYTES = 10 * 1024 * 1024

#: The largest ``.docx`` accepted, in bytes (compressed, as on disk): 32 MiB.
MAX_DOCX_BYTES = 32 * 1024 * 1024

_MAIL_HEADER = (
    b"from:", b"to:", b"subject:", b"date:", b"received:", b"return-path:", b"message-id:",
    b"mime-version:", b"content-type:", b"delivered-to:", b"reply-to:", b"cc:", b"x-",
    b"dkim-signature:", b"arc-", b"authentication-results:", b"sender:", b"thread-",
)  # fmt: skip


def detect_format(data: bytes) -> str:
    """``"docx"``, ``"eml"`` or ``"text"`` for the bytes of a file.

    Raises:
        SourceError: (with path ``"<bytes>"``) a kind of file presskit cannot import: an
            old binary Word ``.doc``, a PDF, RTF, or other binary data.
    """
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError(
            "<bytes>", "this is an old Word .doc file; save it as .docx (Word 2007 or later)"
        )
    if head.startswith(b"%PDF"):
        raise SourceError("<bytes>", "PDF files cannot be imported; export the text or a .docx")
    if head.lstrip().startswith(b"{\\rtf"):
        raise SourceError("<bytes>", "RTF files cannot be imported; save it as .docx or text")
    first = data[:8192].lstrip(b"\xef\xbb\xbf").lower()
    known = 0
    for line in first.replace(b"\r\n", b"\n").split(b"\n")[:60]:
        if not line.strip():
            break
        if line.startswith((b" ", b"\t")):
            continue  # a folded header line
        if not re.match(rb"^[!-9;-~]+:", line):
            return "text"
        known += line.startswith(_MAIL_HEADER)
    return "eml" if known >= 2 else "text"


def _decode(data: bytes, source: str) -> tuple[str, str | None]:
    """Text from bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a
    byte-order mark, else Windows-1252 (with a note)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise SourceError(source, "not valid UTF-16 text") from None
    if b"\x00" in data:
        raise SourceError(source, "this is a binary file, not a text release (or a .docx)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if controls > max(8, len(text) // 100):
        raise SourceError(source, "this is a binary file, not a text release (or a .docx)")
    return text, "not UTF-8: read as Windows-1252 (Western European) text"


def _load(source: Path | str | bytes, fmt: str | None) -> tuple[bytes, str, str | None]:
    """The bytes, the name for messages, and the file's stem (for the slug)."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        limit = MAX_DOCX_BYTES if data[:2] == b"PK" else MAX_TEXT_BYTES
        if len(data) > limit:
            raise SourceError("<bytes>", _too_big(len(data), limit))
        return data, "<bytes>", None
    path = Path(source)
    name = str(source)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise SourceError(name, "not a file")
        with path.open("rb") as handle:
            head = handle.read(8)
            is_zip = head.startswith(b"PK")
            limit = MAX_DOCX_BYTES if (fmt == "docx" or is_zip) else MAX_TEXT_BYTES
            if size > limit:
                raise SourceError(name, _too_big(size, limit))
            data = head + handle.read(limit + 1 - len(head))
    except FileNotFoundError:
        raise SourceError(name, "no such file") from None
    except OSError as exc:
        raise SourceError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise SourceError(name, _too_big(len(data), limit))
    return data, name, path.stem


def _too_big(size: int, limit: int) -> str:
    return f"the file is {size:,} bytes; presskit imports files of at most {limit:,} bytes"


def read_with_report(
    source: Path | str | bytes,
    *,
    format: str | None = None,
    time_zone: str | None = None,
    agencies: Agencies | None = None,
    name: str | None = None,
) -> Imported:
    """Read a release and report how it was read.

    Args:
        source: a path (``str`` or :class:`~pathlib.Path`) or the file's bytes.
        format: ``"text"``, ``"eml"`` or ``"docx"``; ``None`` to tell from the bytes.
        time_zone: an IANA name for dates whose place presskit does not know (the
            dateline's place decides otherwise: ``SINGAPORE`` is ``Asia/Singapore``).
        agencies: known agencies (an ``agencies.toml``, loaded with
            :func:`presskit.sources.agencies.load_agencies`): issuers, their "About" texts
            and contacts with the same names are taken from there.
        name: the file name the slug is made from (default: the path's stem; for bytes,
            the headline).

    Returns:
        The release (issued at 00:00 local time of the dateline's day, in the place's
        time zone) and the report.

    Raises:
        SourceError: the input cannot be read or holds no release; the message says why
            (too big, binary, a zip bomb, a document type declaration, no text, no date).
    """
    from presskit.importers._assemble import Hints

    if format is not None and format not in FORMATS:
        raise SourceError(
            str(source) if not isinstance(source, bytes) else "<bytes>",
            f"unknown import format {format!r}; formats: {', '.join(FORMATS)}",
        )
    data, label, stem = _load(source, format)
    if not data.strip():
        raise SourceError(label, "the file is empty")
    try:
        fmt = format or detect_format(data)
    except SourceError as exc:
        raise SourceError(label, exc.message) from None
    hints = Hints(name=name or stem, time_zone=time_zone, agencies=agencies)
    if fmt == "docx":
        from presskit.importers.docx import read_docx

        return read_docx(data, hints, source=label)
    if len(data) > MAX_TEXT_BYTES:
        raise SourceError(label, _too_big(len(data), MAX_TEXT_BYTES))
    if fmt == "eml":
        from presskit.importers.text import read_eml

        return read_eml(data, hints, source=label)
    from presskit.importers.text import read_text

    text, note = _decode(data, label)
    imported = read_text(text, hints, source=label)
    if note:
        report = imported.report
        findings = (*report.findings, Finding(None, "unsure", note))
        imported = Imported(imported.release, Report(report.source, report.format, findings))
    return imported


def read(source: Path | str | bytes, **options: Any) -> PressRelease:
    """Read a release; :func:`read_with_report` with the same arguments, without the
    report.

    Raises:
        SourceError: see :func:`read_with_report`.
    """
    return read_with_report(source, **options).release
