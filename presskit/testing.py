"""Golden-file testing for exporters: compare output with a stored file the way its
reader would, show a diff, accept new output on request.

For presskit's own tests and for plugin authors (as :mod:`sphinx.testing` is for Sphinx
extensions). It needs no test runner: a mismatch raises :class:`GoldenMismatch` (an
``AssertionError``), which pytest and unittest report as a failure. Importing it imports
nothing heavy; the readers it uses (lxml, and pypdf for PDF files) are imported when a
file of their kind is compared. pypdf is not a dependency of presskit: install it
(``pip install pypdf``) to compare PDF files.

Each file is compared by its *normal form*, chosen by its name's extension
(:func:`normal_form`):

* text (``.txt``, ``.iptc``, ``.anpa``, ``.csv``, and any other name whose content is
  UTF-8): the bytes themselves, compared exactly; the diff shows control characters as
  ``\\xNN``;
* XML (``.xml``, ``.atom``, ``.rss``, ``.rels``, ``.svg``): Canonical XML 2.0 (W3C C14N
  2.0, comments kept), with the declaration's version, encoding and standalone, and the
  document type;
* HTML (``.html``, ``.htm``): parsed with lxml's HTML parser, then canonical XML, with
  the document type;
* JSON (``.json``): parsed, then written with sorted keys;
* zip (``.zip``, ``.docx``, ``.xlsx``, ``.odt``, ``.epub``): each member in order, its
  name, date, compression and its own normal form (so a DOCX is compared part by part
  as canonical XML);
* PDF (``.pdf``): the document information, XMP metadata, catalog entries, outline, and
  per page its size, fonts (subset tags dropped), images, links and text (pypdf's
  layout extraction): not the bytes;
* e-mail (``.eml``): parsed (RFC 5322, MIME): per part its headers in order (MIME
  boundaries left out) and its decoded content in its own normal form;
* other binary files (``.png`` ...): size and SHA-256.

A diff's hunk headers name the zip member, e-mail part or PDF page they are in.

Typical use, in a test::

    from presskit.testing import check_golden

    def test_golden(accept):
        data = presskit.export(release, "myformat")
        check_golden(Path("tests/golden/myformat/release.ext"), data, accept=accept,
                     accept_command="pytest tests/test_mine.py --accept")
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

__all__ = [
    "GoldenMismatch",
    "NormalForm",
    "check_golden",
    "check_golden_folder",
    "compare",
    "normal_form",
    "unified_diff",
]

#: Lines of diff shown before the rest is cut off; characters shown of one line.
MAX_DIFF_LINES = 120
MAX_LINE_CHARS = 240


class GoldenMismatch(AssertionError):
    """The output differs from its golden file (or the golden file is missing); the
    message holds a unified diff and the command that accepts the new output."""


@attrs.frozen
class NormalForm:
    """What is compared (``exact``) and what a diff shows (``readable``, indented
    where ``exact`` has long lines; it may not show white space between XML elements)."""

    exact: str
    readable: str


# --- text -----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\\]")
_SHOWN = {"\\": "\\\\", "\r": "\\r"}


def _show_controls(text: str) -> str:
    """Control characters (not the line feed, nor the tab) as ``\\xNN`` (the carriage
    return as ``\\r``), and ``\\`` doubled: lossless, and showing what a terminal
    would hide."""
    return _CONTROL.sub(lambda m: _SHOWN.get(m[0]) or f"\\x{ord(m[0]):02x}", text)


def _text(data: bytes) -> NormalForm:
    text = _show_controls(data.decode("utf-8", "backslashreplace"))
    return NormalForm(text, text)


def _binary(data: bytes) -> NormalForm:
    line = f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}\n"
    return NormalForm(line, line)


def _text_or_binary(data: bytes) -> NormalForm:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _binary(data)
    if b"\x00" in data:
        return _binary(data)
    return _text(data)


# --- XML and HTML ---------------------------------------------------------------------


def _readable_xml(canonical: str) -> str:
    """``canonical`` re-parsed and indented (for the diff only)."""
    from lxml import etree

    try:
        root = etree.fromstring(canonical.encode("utf-8"))
    except etree.XMLSyntaxError:
        return canonical
    etree.indent(root, space=" ")
    return str(etree.tostring(root, encoding="unicode")) + "\n"


def _xml(data: bytes) -> NormalForm:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        form = _text(data)
        note = f"(not well-formed XML: {exc})\n"
        return NormalForm(note + form.exact, note + form.readable)
    info = tree.docinfo
    head = (
        f"xml version={info.xml_version} encoding={info.encoding} "
        f"standalone={info.standalone} doctype={info.doctype!r}\n"
    )
    canonical = str(etree.tostring(tree, method="c14n2", with_comments=True).decode("utf-8"))
    return NormalForm(head + canonical + "\n", head + _readable_xml(canonical))


def _html(data: bytes) -> NormalForm:
    from lxml import etree, html

    try:
        document = html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        form = _text(data)
        note = f"(not parsed as HTML: {exc})\n"
        return NormalForm(note + form.exact, note + form.readable)
    tree = document.getroottree()
    head = f"doctype={tree.docinfo.doctype!r}\n"
    canonical = str(etree.tostring(tree, method="c14n2", with_comments=True).decode("utf-8"))
    return NormalForm(head + canonical + "\n", head + _readable_xml(canonical))


# --- JSON -----------------------------------------------------------------------------


def _json(data: bytes) -> NormalForm:
    try:
        value = json.loads(data)
    except ValueError as exc:
        form = _text(data)
        note = f"(not JSON: {exc})\n"
        return NormalForm(note + form.exact, note + form.readable)
    text = json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return NormalForm(text, text)


# --- containers: zip, e-mail ----------------------------------------------------------


def _join(parts: Iterable[tuple[str, NormalForm]]) -> NormalForm:
    exact: list[str] = []
    readable: list[str] = []
    for header, form in parts:
        exact += [header, form.exact]
        readable += [header, form.readable]
    return NormalForm("".join(exact), "".join(readable))


def _zip(data: bytes) -> NormalForm:
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return _join([(f"(not a zip file: {exc})\n", _binary(data))])
    parts = []
    with archive:
        for info in archive.infolist():
            y, mo, d, h, mi, sec = info.date_time
            date = f"{y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{sec:02d}"
            header = (
                f"=== member {info.filename} ({date}, compression {info.compress_type}, "
                f"external_attr {info.external_attr:#o})\n"
            )
            parts.append((header, normal_form(info.filename, archive.read(info))))
    return _join(parts)


_BOUNDARY = re.compile(r'(boundary=)("[^"]*"|[^;\s]+)', re.IGNORECASE)

_MEDIA_EXTENSIONS = {
    "text/plain": ".txt",
    "text/html": ".html",
    "text/csv": ".csv",
    "application/pdf": ".pdf",
    "application/json": ".json",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/zip": ".zip",
    "message/rfc822": ".eml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def _eml(data: bytes) -> NormalForm:
    import email
    import email.policy
    from email.message import EmailMessage

    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    parts = []
    for number, part in enumerate(message.walk()):
        lines = [f"=== part {number}: {part.get_content_type()}\n"]
        for name, value in part.items():
            shown = _BOUNDARY.sub(r"\1<boundary>", str(value))
            lines.append(f"{name}: {shown}\n")
        if part.is_multipart():
            parts.append(("".join(lines), NormalForm("", "")))
            continue
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        suffix = _MEDIA_EXTENSIONS.get(part.get_content_type())
        name = f"part{suffix}" if suffix else (part.get_filename() or "part.bin")
        parts.append(("".join(lines) + "---\n", normal_form(name, content)))
    return _join(parts)


# --- PDF ------------------------------------------------------------------------------

_SUBSET_TAG = re.compile(r"^/?[A-Z]{6}\+")


def _pdf_value(value: Any) -> str:
    text = str(value)
    return re.sub(r", \d+\)", ")", text)  # IndirectObject ids carry a Python object id


def _pdf_page(number: int, page: Any) -> list[str]:
    box = [round(float(v), 2) for v in page.mediabox]
    lines = [f"=== page {number + 1}: mediabox {box}, rotate {page.rotation}\n"]
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    fonts = resources.get("/Font")
    if fonts is not None:
        names = {
            _SUBSET_TAG.sub("", str(font.get_object().get("/BaseFont")))
            for font in fonts.get_object().values()
        }
        lines.append(f"fonts: {', '.join(sorted(names))}\n")
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for key, xobject in sorted(xobjects.get_object().items()):
            obj = xobject.get_object()
            lines.append(
                f"xobject {key}: {obj.get('/Subtype')} {obj.get('/Width')}x{obj.get('/Height')}\n"
            )
    for annotation in page.get("/Annots") or []:
        annot = annotation.get_object()
        action = annot.get("/A")
        uri = action.get_object().get("/URI") if action is not None else None
        rect = [round(float(v), 1) for v in annot.get("/Rect", [])]
        lines.append(f"annotation {annot.get('/Subtype')} {rect} {uri}\n")
    text = page.extract_text(extraction_mode="layout")
    lines.append("---\n")
    lines += [_show_controls(line.rstrip()) + "\n" for line in text.splitlines()]
    return lines


def _outline(items: Any, depth: int = 0) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, list):
            lines += _outline(item, depth + 1)
        else:
            lines.append(f"{'  ' * depth}- {item.get('/Title')}\n")
    return lines


def _pdf(data: bytes) -> NormalForm:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "presskit.testing compares PDF files with pypdf: pip install pypdf"
        ) from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        lines = [f"pdf version {reader.pdf_header}, {len(reader.pages)} pages\n"]
        for key, value in sorted((reader.metadata or {}).items()):
            lines.append(f"info {key}: {_pdf_value(value)}\n")
        root: Any = reader.trailer["/Root"].get_object()
        for key in sorted(root):
            if key not in ("/Pages", "/Outlines", "/Metadata", "/Names", "/StructTreeRoot"):
                lines.append(f"root {key}: {_pdf_value(root[key])}\n")
        if "/Metadata" in root:
            xmp = root["/Metadata"].get_object().get_data()
            lines.append("xmp: " + _xml(xmp).exact)
        lines += _outline(reader.outline)
        for number, page in enumerate(reader.pages):
            lines += _pdf_page(number, page)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return _join([(f"(not a readable PDF: {exc})\n", _binary(data))])
    text = "".join(lines)
    return NormalForm(text, text)


# --- dispatch -------------------------------------------------------------------------

_BY_EXTENSION: Mapping[str, Callable[[bytes], NormalForm]] = {
    ".xml": _xml,
    ".atom": _xml,
    ".rss": _xml,
    ".rels": _xml,
    ".svg": _xml,
    ".html": _html,
    ".htm": _html,
    ".json": _json,
    ".zip": _zip,
    ".docx": _zip,
    ".xlsx": _zip,
    ".odt": _zip,
    ".epub": _zip,
    ".pdf": _pdf,
    ".eml": _eml,
    ".png": _binary,
    ".jpg": _binary,
    ".jpeg": _binary,
    ".gif": _binary,
    ".webp": _binary,
    ".ttf": _binary,
    ".otf": _binary,
}

#: Extensions whose files are compared byte for byte (their normal form is lossless).
EXACT = frozenset({".txt", ".iptc", ".anpa", ".csv"})


def _suffix(name: str) -> str:
    """The extension, lower case, with its dot; a dot file's whole name (``.rels``)."""
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def normal_form(name: str, data: bytes) -> NormalForm:
    """The normal form of a file named ``name`` (only its extension is used) holding
    ``data``; see the module's table. Never raises for malformed content: the form then
    says what could not be read and falls back to the text or the hash."""
    return _normal_form(_suffix(name), data)


@functools.lru_cache(maxsize=64)
def _normal_form(suffix: str, data: bytes) -> NormalForm:
    """Cached: a golden file and the output share most of their zip members and e-mail
    parts (a press kit holds the PDF twice), each read once."""
    return _BY_EXTENSION.get(suffix, _text_or_binary)(data)


def _cut(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + " [...]\n"


def unified_diff(expected: str, actual: str, *, name: str, limit: int = MAX_DIFF_LINES) -> str:
    """A unified diff from ``expected`` (the golden) to ``actual`` (the output), cut
    after ``limit`` lines and with each line cut after :data:`MAX_LINE_CHARS`."""
    lines = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"golden/{name}",
            tofile=f"output/{name}",
            n=2,
        )
    )
    lines = _name_sections(lines, expected.splitlines())
    shown = [_cut(line if line.endswith("\n") else line + "\n") for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"... {len(lines) - limit} more lines of diff\n")
    return "".join(shown)


_HUNK = re.compile(r"^@@ -(\d+)")


def _name_sections(diff: list[str], expected: list[str]) -> list[str]:
    """Each hunk header followed by the section the hunk is in (the nearest ``=== ``
    line above it: a zip member, an e-mail part, a PDF page), as ``git diff`` names the
    function."""
    out = []
    for line in diff:
        match = _HUNK.match(line)
        if match:
            above = expected[: int(match[1])]
            section = next((s for s in reversed(above) if s.startswith("=== ")), None)
            if section is not None:
                line = f"{line.rstrip()} {section[:120]}\n"
        out.append(line)
    return out


def compare(name: str, actual: bytes, expected: bytes) -> str | None:
    """``None`` when ``actual`` equals ``expected`` for a file named ``name`` (bytes for
    the exact kinds, else the normal form); otherwise a unified diff of the two."""
    if actual == expected:
        return None
    got, want = normal_form(name, actual), normal_form(name, expected)
    if _suffix(name) not in EXACT and got.exact == want.exact:
        return None
    diff = unified_diff(want.readable, got.readable, name=name)
    if not diff:  # the readable forms hide the difference (white space between tags)
        diff = unified_diff(
            _break_tags(want.exact), _break_tags(got.exact), name=name + " (canonical)"
        )
    return diff or f"the bytes of {name} differ; their normal forms do not show how\n"


def _break_tags(text: str) -> str:
    """One line per tag, with the white space between tags shown (``\\n`` ...)."""
    return re.sub(r">(\s*)<", lambda m: ">" + repr(m[1])[1:-1] + "\n<", text)


def _problem(path: Path, data: bytes, *, accept: bool) -> str | None:
    """What is wrong with the golden file at ``path`` for ``data`` (``None``: nothing);
    with ``accept``, write ``data`` there instead when it differs."""
    if accept:
        if not path.exists() or compare(path.name, data, path.read_bytes()) is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return None
    if not path.exists():
        return f"no golden file {_shown(path)}"
    diff = compare(path.name, data, path.read_bytes())
    return None if diff is None else f"{_shown(path)} differs from the output:\n{diff}"


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _mismatch(problems: list[str], accept_command: str) -> GoldenMismatch:
    return GoldenMismatch(
        "\n\n".join(problems) + "\n\nif the new output is right, accept it with:\n"
        f"    {accept_command}"
    )


def check_golden(path: Path, data: bytes, *, accept: bool, accept_command: str) -> None:
    """Compare ``data`` with the golden file at ``path``.

    With ``accept`` true, write ``data`` there instead when it differs (a file whose
    normal form is unchanged is left alone, so output that moved only in ways the
    comparison ignores does not churn the golden files), creating folders as needed.

    Raises:
        GoldenMismatch: the golden file is missing, or differs; the message holds the
            diff (golden to output) and ``accept_command``.
    """
    __tracebackhide__ = True  # pytest shows the test's line, not these
    problem = _problem(path, data, accept=accept)
    if problem is not None:
        raise _mismatch([problem], accept_command)


def check_golden_folder(
    folder: Path,
    files: Mapping[str, bytes],
    *,
    accept: bool,
    accept_command: str,
    patterns: Iterable[str] = ("**/*",),
) -> None:
    """Compare each of ``files`` (relative POSIX path -> bytes) with the golden file of
    that path under ``folder``, and refuse golden files matching ``patterns`` (globs
    under ``folder``) that no output has any more (with ``accept``, they are removed).

    Raises:
        GoldenMismatch: every file that is missing, differs, or is stale, in one message.
    """
    __tracebackhide__ = True
    present = {
        p.relative_to(folder).as_posix()
        for pattern in patterns
        for p in folder.glob(pattern)
        if p.is_file()
    }
    stale = sorted(present - set(files))
    problems = []
    if stale:
        if accept:
            for name in stale:
                (folder / name).unlink()
        else:
            problems.append("golden files that no output has any more: " + ", ".join(stale))
    for name, data in files.items():
        problem = _problem(folder / name, data, accept=accept)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise _mismatch(problems, accept_command)
