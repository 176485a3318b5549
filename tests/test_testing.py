"""presskit.testing: each kind of file is compared the way its reader would compare it,
a mismatch shows a diff and the accept command, and accepting writes the golden file."""

from __future__ import annotations

import email
import email.policy
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from presskit.testing import (
    GoldenMismatch,
    check_golden,
    check_golden_folder,
    compare,
    normal_form,
    unified_diff,
)

from .conftest import GOLDEN

COMMAND = "python -m pytest tests/test_x.py::test_y --accept"


def _rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    """The zip ``data`` with the members in ``change`` replaced, the rest as they were."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, change.get(info.filename, src.read(info)))
    return out.getvalue()


def test_text_is_compared_byte_for_byte_and_shows_control_characters() -> None:
    diff = compare("a.txt", b"line one\r\nline two\n", b"line one\nline two\n")
    assert diff is not None
    assert "+line one\\r" in diff and "-line one" in diff
    assert compare("a.iptc", b"\x01ZCZC\r\n", b"\x01ZCZC\r\n") is None
    assert "\\x01ZCZC" in normal_form("a.iptc", b"\x01ZCZC").readable


def test_xml_is_canonicalised() -> None:
    a = b"<?xml version='1.0' encoding='UTF-8'?>\n<r b=\"2\" a='1'><e></e>&#233;</r>"
    b = b'<?xml version="1.0" encoding="UTF-8"?>\n<r a="1" b="2"><e/>\xc3\xa9</r>'
    assert compare("feed.atom", a, b) is None
    diff = compare("x.nitf.xml", a.replace(b"'1'", b"'3'"), b)
    assert diff is not None and '+<r a="3" b="2">' in diff


def test_xml_white_space_between_elements_is_not_lost() -> None:
    """Indenting for the diff would hide it: the diff falls back to the canonical text."""
    diff = compare("x.xml", b"<r><a/> <b/></r>", b"<r><a/><b/></r>")
    assert diff is not None and "(canonical)" in diff


def test_html_is_canonicalised() -> None:
    a = (
        b"<!DOCTYPE html><html lang=en><head><meta charset=utf-8></head>"
        b"<body><p class=x id=y>A &amp; B<br></body></html>"
    )
    b = (
        b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/></head>'
        b'<body><p id="y" class="x">A &#38; B<br/></p></body></html>'
    )
    assert compare("index.html", a, b) is None
    diff = compare("index.html", a.replace(b"A &amp; B", b"A and B"), b)
    assert diff is not None and "A and B" in diff


def test_json_ignores_key_order_and_spacing() -> None:
    assert compare("a.json", b'{"b": 1, "a": [1, 2]}', b'{"a":[1,2],"b":1}') is None
    diff = compare("a.json", b'{"a": [1, 3]}', b'{"a": [1, 2]}')
    assert diff is not None and "+  3" in diff


def test_docx_is_compared_part_by_part() -> None:
    golden = (GOLDEN / "docx" / "every-block.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(golden)) as z:
        document = z.read("word/document.xml")
    # the same XML written differently: equal
    reserialised = document.replace(b"standalone='yes'", b'standalone="yes"')
    assert reserialised != document
    assert compare("r.docx", _rezip(golden, {"word/document.xml": reserialised}), golden) is None
    # different words: a diff that names the part and shows the words
    edited = document.replace(b"The lede says", b"The lede tells")
    diff = compare("r.docx", _rezip(golden, {"word/document.xml": edited}), golden)
    assert diff is not None
    assert "The lede tells" in diff and "The lede says" in diff
    assert "@@ === member word/document.xml (" in diff  # the hunk names the part


def test_pdf_is_compared_by_text_and_metadata_not_bytes() -> None:
    pypdf = pytest.importorskip("pypdf")
    golden = (GOLDEN / "pdf" / "every-block.pdf").read_bytes()
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(golden))
    writer.pdf_header = golden[:8]  # the golden's version (%PDF-1.5: object streams)
    out = io.BytesIO()
    writer.write(out)
    rewritten = out.getvalue()
    assert rewritten != golden
    assert compare("r.pdf", rewritten, golden) is None
    writer.add_metadata({"/Title": "Another title"})
    out = io.BytesIO()
    writer.write(out)
    diff = compare("r.pdf", out.getvalue(), golden)
    assert diff is not None and "+info /Title: Another title" in diff


def test_eml_is_compared_by_headers_and_parts() -> None:
    golden = (GOLDEN / "eml" / "reference.eml").read_bytes()
    message = email.message_from_bytes(golden, policy=email.policy.default)
    boundary = message.get_boundary()
    assert boundary is not None
    # another boundary (MIME framing only): equal
    assert compare("r.eml", golden.replace(boundary.encode(), b"other-boundary-1"), golden) is None
    message.replace_header("Subject", "Another subject")
    diff = compare("r.eml", message.as_bytes(policy=email.policy.SMTP), golden)
    assert diff is not None and "+Subject: Another subject" in diff


def test_zip_members_by_name_and_content() -> None:
    golden = (GOLDEN / "kit" / "reference.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(golden)) as z:
        manifest = next(n for n in z.namelist() if n.endswith("manifest.json"))
        data = json.loads(z.read(manifest))
    reordered = json.dumps(data, sort_keys=True).encode()
    assert compare("k.zip", _rezip(golden, {manifest: reordered}), golden) is None
    readme = next(n for n in z.namelist() if n.endswith("README.txt"))
    diff = compare("k.zip", _rezip(golden, {readme: b"PRESS KIT\r\n"}), golden)
    assert diff is not None and f"=== member {readme}" in diff


def test_binary_by_hash() -> None:
    assert normal_form("logo.png", b"\x89PNG...").exact.startswith("7 bytes, sha256 ")
    assert compare("logo.png", b"\x89PNG..", b"\x89PNG...") is not None


def test_the_diff_is_cut_short() -> None:
    expected = "".join(f"line {n}\n" for n in range(1000))
    actual = "".join(f"line {n}!\n" for n in range(1000))
    diff = unified_diff(expected, actual, name="a.txt", limit=50)
    assert len(diff.splitlines()) == 51 and diff.endswith("more lines of diff\n")
    long = unified_diff("a\n", "b" * 1000 + "\n", name="a.txt")
    assert max(len(line) for line in long.splitlines()) < 300


def test_check_golden_fails_with_the_diff_and_the_accept_command(tmp_path: Path) -> None:
    golden = tmp_path / "g" / "a.txt"
    with pytest.raises(GoldenMismatch, match="no golden file") as missing:
        check_golden(golden, b"new\n", accept=False, accept_command=COMMAND)
    assert COMMAND in str(missing.value)
    check_golden(golden, b"new\n", accept=True, accept_command=COMMAND)
    assert golden.read_bytes() == b"new\n"
    check_golden(golden, b"new\n", accept=False, accept_command=COMMAND)
    with pytest.raises(GoldenMismatch) as differs:
        check_golden(golden, b"newer\n", accept=False, accept_command=COMMAND)
    assert "-new\n+newer\n" in str(differs.value)
    assert str(differs.value).endswith(COMMAND)


def test_accept_leaves_a_golden_file_alone_when_only_trivia_changed(tmp_path: Path) -> None:
    golden = tmp_path / "a.json"
    golden.write_bytes(b'{"a": 1, "b": 2}')
    check_golden(golden, b'{"b":2,"a":1}', accept=True, accept_command=COMMAND)
    assert golden.read_bytes() == b'{"a": 1, "b": 2}'


def test_check_golden_folder_finds_stale_files(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "old.rss").write_bytes(b"<rss/>")
    (tmp_path / "other.txt").write_bytes(b"not this case's\n")
    with pytest.raises(GoldenMismatch, match=r"no output has any more: case/old\.rss"):
        check_golden_folder(
            tmp_path, {}, accept=False, accept_command=COMMAND, patterns=("case/**/*",)
        )
    check_golden_folder(
        tmp_path,
        {"case/new.rss": b"<rss/>"},
        accept=True,
        accept_command=COMMAND,
        patterns=("case/**/*",),
    )
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["new.rss", "other.txt"]


def test_importing_presskit_does_not_import_the_harness() -> None:
    """presskit.testing is for tests: the package's start-up never loads it, and it
    loads no test runner itself."""
    code = (
        "import sys, presskit; assert 'presskit.testing' not in sys.modules; "
        "import presskit.testing; assert 'pytest' not in sys.modules, 'pytest'; "
        "assert 'pypdf' not in sys.modules, 'pypdf'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
