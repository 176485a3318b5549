"""IPTC 7901 and ANPA-1312: golden byte streams of the reference release, and every
mechanical check of ../shared/reference/wire-formats.md ("Checks a verifier can run",
IPTC 7901 1-9 and ANPA-1312 1-8), on the reference release and on an embargoed Chinese
release; then the headline, every paragraph and the issuers, recovered by parsing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from anyascii import anyascii

import presskit
from presskit.errors import ExportError
from presskit.i18n import label
from presskit.model import PressRelease
from presskit.textutils import to_ascii

from .conftest import GOLDEN, Golden
from .wirekit import chinese_release, copy_paragraphs, corrected, squash

SOH, STX, ETX, EOT, BEL, DEL = b"\x01", b"\x02", b"\x03", b"\x04", b"\x07", b"\x7f"


def zh_embargo(zh: PressRelease) -> str:
    """The Chinese release's embargo line: the label in its language, the instant as the
    printed release in that language and house style (sg) writes it."""
    from presskit.layout import format_instant
    from presskit.profiles import get_profile

    assert zh.embargoed_until is not None
    when = format_instant(zh.embargoed_until, zh, get_profile("sg"))
    return label("wire.embargoed", "zh-Hans", when=when)


@pytest.fixture
def zh(write_source: Callable[..., Path]) -> PressRelease:
    return chinese_release(write_source)


def words(text: str) -> int:
    """The documented rule: white-space separated tokens with a letter or a digit."""
    return sum(1 for token in text.split() if re.search(r"[^\W_]", token))


def ascii_copy(text: str) -> str:
    return anyascii(text)


def unlinked(text: str) -> str:
    """The copy without the link targets the wire formats add in angle brackets."""
    return re.sub(r" ?<(?:https?|mailto|tel):[^>]*>", "", text)


# --- IPTC 7901 --------------------------------------------------------------------------


def parse_7901(data: bytes, encoding: str = "ascii") -> dict[str, object]:
    """What a receiver reads: the header fields (Superdesk's detection regex), the
    keyword lines, the headline block, the body, the notepad and the trailer."""
    text = data.decode(encoding)
    header, rest = text[1:].split("\r\n", 1)
    match = re.match(r"^([A-Za-z]+)(\d+) (.) ([A-Za-z]{1,3}) (\d+) (.*)$", header)
    assert match, header
    keywords, after = rest.split(STX.decode(), 1)
    inner, trailer = after.split(ETX.decode(), 1)
    blocks = [b.split("\r\n") for b in inner.rstrip("\r\n").split("\r\n\r\n")]
    notepad = next((i for i, b in enumerate(blocks) if b[0] == "* * * *"), len(blocks) - 1)
    return {
        "service": match[1],
        "priority": match[3],
        "category": match[4],
        "words": int(match[5]),
        "rest": match[6],
        "keywords": [line for line in keywords.split("\r\n") if line],
        "head": blocks[0],
        "body": blocks[1:notepad],
        "notepad": blocks[notepad:-1],
        "signoff": blocks[-1],
        "trailer": trailer,
    }


def check_7901(data: bytes, *, encoding: str = "ascii", priorities: str = "123456789") -> None:
    """IPTC 7901 checks 1 to 8 and the common checks."""
    text = data.decode(encoding)
    assert "\ufffd" not in text
    # 1. framing bytes once each, in order
    assert data[:1] == SOH
    for byte in (SOH, STX, ETX, EOT):
        assert data.count(byte) == 1, byte
    assert data.index(SOH) < data.index(STX) < data.index(ETX) < data.index(EOT)
    # 2. the end: DEL CR LF DEL EOT, nothing after EOT
    assert data.endswith(DEL + b"\r\n" + DEL + EOT)
    # common: only framing controls, CR LF everywhere
    assert not re.search(rb"[\x00\x05\x06\x08-\x09\x0b-\x0c\x0e-\x1f]", data)
    assert b"\r" not in data.replace(b"\r\n", b"") and b"\n" not in data.replace(b"\r\n", b"")
    # 3. the header line
    header = text.split("\r\n", 1)[0]
    match = re.match(r"^\x01[A-Za-z]{2,4}\d{3,4} (\d) [A-Za-z]{1,3} (\d{1,5})( .*)?$", header)
    assert match, header
    assert match[1] in priorities
    parsed = parse_7901(data, encoding)
    body = " ".join(line for block in parsed["body"] for line in block)  # type: ignore[attr-defined]
    assert int(match[2]) == words(body)
    # 4. keyword lines end with "/", the headline block with " ="
    keywords = text[text.index("\r\n\r\n") + 4 : text.index(STX.decode())].rstrip("\r\n")
    assert keywords.split("\r\n")[-1].endswith("/")
    head = text[text.index(STX.decode()) : text.index("\r\n\r\n", text.index(STX.decode()))]
    assert head.endswith(" =")
    # 5. every line from STX to ETX (the STX itself counted) is at most 69 characters
    inner = text[text.index(STX.decode()) : text.index(ETX.decode())]
    for line in inner.split("\r\n"):
        assert len(line) <= 69, line
    # 6. BEL only in the headline block, in one run of 10 or 5
    if BEL in data:
        assert text.count("\x07") in (5, 10)
        assert "\x07" * text.count("\x07") in head
    # 7. the date-time group after ETX
    assert re.match(r"^\x03\d{6}( GMT)? [A-Za-z]{3} \d{2}\r\n", text[text.index("\x03") :])
    # 8. 7-bit
    if encoding == "ascii":
        assert max(data) < 0x80


def test_7901_golden(reference: PressRelease, golden: Golden) -> None:
    data = presskit.export(reference, "iptc7901")
    golden.check(GOLDEN / "iptc7901" / "reference.iptc", data)


def test_7901_checks_reference(reference: PressRelease) -> None:
    data = presskit.export(reference, "iptc7901")
    check_7901(data)
    assert data.startswith(b"\x01prs0000 5 i ")
    # 7. the version time (17 Jan 2025 00:00 SGT) in UTC
    assert data.endswith(b"\x03161600 Jan 25\r\n\x7f\r\n\x7f\x04")


def test_7901_checks_chinese(zh: PressRelease) -> None:
    check_7901(presskit.export(zh, "iptc7901"))
    check_7901(presskit.export(zh, "iptc7901", charset="utf-8"), encoding="utf-8")
    check_7901(presskit.export(zh, "iptc7901", charset="latin-1"), encoding="latin-1")


def test_7901_headline_lines_leave_room_for_the_closing_mark(reference: PressRelease) -> None:
    """The " =" closing the headline block must not push a wrapped headline line past
    69 characters (a second line of 68 used to become 70; found by the property tests)."""
    headline = "a" * 60 + " " + "b" * 68
    check_7901(presskit.export(attrs.evolve(reference, headline=headline), "iptc7901"))


@pytest.mark.parametrize("length", range(64, 70))
def test_7901_headline_right_after_stx_keeps_its_closing_mark(
    reference: PressRelease, length: int
) -> None:
    """A one-line headline that opens the block (no alert, embargo or notice) shares its
    line with the STX: one of 67 characters plus " =" used to be re-wrapped for the
    STX, leaving "=" alone on the next line (found by the fuzzing run, b00322-r17)."""
    headline = "ab " * (length // 3) + "c" * (length % 3)
    data = presskit.export(attrs.evolve(reference, headline=headline.strip()), "iptc7901")
    check_7901(data)
    head = parse_7901(data)["head"]
    assert " ".join(head).removeprefix(STX.decode()).endswith(headline.strip() + " =")  # type: ignore[arg-type]


@pytest.mark.parametrize("headline", ["\u0301", "\U000b72c6", "\u200b"])
def test_7901_headline_with_nothing_in_the_charset_is_refused(
    reference: PressRelease, headline: str
) -> None:
    """A headline that transliterates to nothing in ASCII or Latin-1 (a lone combining
    mark, an unassigned character) used to crash (IndexError); it is refused, naming the
    headline and the way out, and UTF-8 carries it."""
    release = attrs.evolve(reference, headline=headline)
    for charset in ("ascii", "latin-1"):
        with pytest.raises(presskit.UnsupportedContentError, match=r"headline.*utf-8"):
            presskit.export(release, "iptc7901", charset=charset)
    check_7901(presskit.export(release, "iptc7901", charset="utf-8"), encoding="utf-8")


def test_7901_headline_block_has_no_blank_line(reference: PressRelease) -> None:
    """A notice line break followed only by a combining accent (dropped in ASCII) used to
    leave an empty line, which ends the headline block early (found by the property
    tests)."""
    notice = presskit.Notice(body=[presskit.Paragraph("Hold until noon\n\u0301")])
    data = presskit.export(attrs.evolve(reference, notices=(notice,)), "iptc7901")
    check_7901(data)
    assert parse_7901(data)["head"][0] == "Hold until noon"


def test_7901_recovers_headline_paragraphs_issuers(reference: PressRelease) -> None:
    """Check 9: parse the header, scan STX/ETX, find everything again."""
    parsed = parse_7901(presskit.export(reference, "iptc7901"))
    assert parsed["keywords"] == [
        "ASEAN/ADGMIN/AI-governance/cybersecurity/scams/",
        "cross-border-data-flows/",
    ]
    headline = " ".join(parsed["head"]).removesuffix(" =")  # type: ignore[arg-type]
    assert headline == reference.headline
    body = squash(" ".join(line for block in parsed["body"] for line in block))  # type: ignore[attr-defined]
    position = 0
    for paragraph in copy_paragraphs(reference):
        found = body.find(squash(ascii_copy(paragraph)), position)
        assert found >= 0, paragraph[:60]
        position = found
    # the sg house style (the default) numbers the paragraphs: the dateline stands alone
    assert parsed["body"][0] == ["SINGAPORE (MDDI) -"]  # type: ignore[index]
    assert parsed["body"][1][0].startswith("1. Singapore, as the Chair")  # type: ignore[index]
    unnumbered = parse_7901(presskit.export(reference, "iptc7901", profile="us"))
    first = unnumbered["body"][0][0]  # type: ignore[index]
    assert first.startswith("SINGAPORE (MDDI) - Singapore, as the Chair")
    assert ["Jointly issued by MDDI and IMDA"] in parsed["body"]  # type: ignore[operator]
    assert parsed["rest"] == " MDDI 0000"
    assert parsed["signoff"] == ["MDDI IMDA"]
    notepad = " ".join(line for block in parsed["notepad"] for line in block)  # type: ignore[attr-defined]
    assert "not for publication" in notepad
    assert "media@imda.gov.sg" in notepad and "wu_fan@mddi.gov.sg" in notepad


def test_7901_chinese_recovery(zh: PressRelease) -> None:
    parsed = parse_7901(presskit.export(zh, "iptc7901", charset="utf-8"), "utf-8")
    head = "".join(parsed["head"])  # type: ignore[arg-type]
    assert head.startswith(zh_embargo(zh))
    assert squash(head).endswith(squash(zh.headline + zh.subheadline + " ="))  # type: ignore[operator]
    body = squash(unlinked(" ".join(line for block in parsed["body"] for line in block)))  # type: ignore[attr-defined]
    for paragraph in copy_paragraphs(zh):
        assert squash(paragraph) in body, paragraph
    assert parsed["body"][0] == ["新加坡 (MDDI) -"]  # type: ignore[index]
    assert parsed["body"][1][0].startswith("1. 新加坡作为")  # type: ignore[index]
    # 7-bit: transliterated, every paragraph still there
    parsed = parse_7901(presskit.export(zh, "iptc7901"))
    body = squash(unlinked(" ".join(line for block in parsed["body"] for line in block)))  # type: ignore[attr-defined]
    for paragraph in copy_paragraphs(zh):
        assert squash(anyascii(paragraph)) in body, paragraph


def test_7901_word_count_rule(reference: PressRelease) -> None:
    from presskit.exporters.wire import count_words

    assert count_words("A well-known 1 000 | * - Z.") == 5
    parsed = parse_7901(presskit.export(reference, "iptc7901"))
    # counted by the rule, see test_7901_checks_reference: the 24 paragraph numbers of the
    # sg house style ("1.") are tokens with a digit, so words too
    assert parsed["words"] == 1606
    assert parse_7901(presskit.export(reference, "iptc7901", profile="us"))["words"] == 1582


def test_7901_priority_bells_and_tables(reference: PressRelease) -> None:
    flash = presskit.export(reference, "iptc7901", urgency=1)
    check_7901(flash)
    assert b" 1 i " in flash.split(b"\r\n")[0] and b"\x02FLASH" + BEL * 10 + b"\r\n" in flash
    urgent = presskit.export(reference, "iptc7901", urgency=2)
    assert b"\x02URGENT" + BEL * 5 + b"\r\n" in urgent
    # an agency's own table: TT sends normal copy as 4; a tag picks the category
    data = presskit.export(
        reference,
        "iptc7901",
        priorities={str(n): str(min(n, 8)) for n in range(1, 10)} | {"5": "4"},
        categories={"cybersecurity": "pl"},
        service="eca",
        sequence=62,
        selector="ccccb",
    )
    check_7901(data)
    assert re.match(rb"^\x01eca0062 4 pl \d+ ccccb  MDDI 0062\r\n", data)
    assert BEL not in data
    with pytest.raises(ExportError, match="priorities has no code for urgency 5"):
        presskit.export(reference, "iptc7901", priorities={"1": "1"})
    with pytest.raises(ExportError, match="urgency must be a whole number from 1 to 9"):
        presskit.export(reference, "iptc7901", urgency=0)
    with pytest.raises(ExportError, match="charset must be one of"):
        presskit.export(reference, "iptc7901", charset="cp1252")


def test_7901_embargo_and_time_zone(zh: PressRelease) -> None:
    data = presskit.export(zh, "iptc7901", time_zone="Asia/Singapore")
    assert data.endswith(b"\x03171000 Jan 25\r\n\x7f\r\n\x7f\x04")
    head = " ".join(parse_7901(data)["head"])  # type: ignore[arg-type]
    assert head.startswith(to_ascii(zh_embargo(zh)))  # wrapped at 69 characters
    # once the embargo has lifted at now, the copy says so no more (as the text does)
    lifted = zh.embargoed_until
    line = squash(to_ascii(zh_embargo(zh)))  # the label in the release's language
    for fmt in ("iptc7901", "anpa1312"):
        before = presskit.export(zh, fmt, now=lifted - dt.timedelta(seconds=1))
        after = presskit.export(zh, fmt, now=lifted)
        assert line in squash(before.decode("ascii")) and line not in squash(after.decode("ascii"))


# --- ANPA-1312 --------------------------------------------------------------------------


def check_anpa(data: bytes) -> list[str]:
    """ANPA-1312 checks 1 to 8 (AP profile); returns the CR LF lines."""
    text = data.decode("ascii")
    # 1. and 2. line 1: SYN SYN SOH, service level, story number, US, selectors
    assert data.startswith(b"\x16\x16\x01")
    lines = text.split("\r\n")
    assert re.match(r"^\x16\x16\x01[a-z]\d{4}\x1f[a-z0-9-]+", lines[0], re.I)
    # 3. line 2
    match = re.match(
        r"^[a-z] [a-z][\x13\x14][\x11\x12] ((?:bc-|am-|pm-|ap-)\S+).* (\d{1,2})-(\d{1,2}) (\d{4})$",
        lines[1],
        re.I,
    )
    assert match, lines[1]
    assert len(match[1]) <= 24
    assert 1 <= int(match[2]) <= 12 and 1 <= int(match[3]) <= 31
    body = [line[4:] for line in lines if line.startswith("\t   ") and "\x03" not in line]
    assert int(match[4]) == words(" ".join(body))
    # 4. STX follows line 2; ETX; EOT last
    assert lines[2].startswith("\x02")
    assert data.count(ETX) == 1 and data.endswith(EOT) and data.count(EOT) == 1
    # 5. 7-bit, allowed controls only
    assert max(data) < 0x80
    assert not re.search(rb"[\x00\x06-\x08\x0b\x0e-\x10\x15\x17-\x1e\x7f]", data)
    # 6. the headline line
    assert len(lines[3]) <= 64 and lines[3].startswith("^") and lines[3].endswith("<")
    # 7. every body paragraph line opens with TAB and 3 spaces
    text_lines = lines[2 : lines.index(next(line for line in lines if "\x03" in line))]
    for line in text_lines:
        assert line.startswith(("\x02^", "^", "\t   ")), line
        if line.startswith("^"):
            assert line.endswith(("<", "=")), line
    # 8. the AP trailer
    trailer = next(line for line in lines if "\x03" in line)
    assert trailer.startswith("\t   \x03")
    assert re.fullmatch(r"[A-Z]+-[A-Z]+-\d\d-\d\d-\d\d \d{4}GMT<", trailer[5:])
    assert text.endswith("GMT<\r\n\r\n\x0c\r\n\x04")
    return lines


def test_anpa_golden(reference: PressRelease, golden: Golden) -> None:
    data = presskit.export(reference, "anpa1312")
    golden.check(GOLDEN / "anpa1312" / "reference.anpa", data)


def anpa_copy(text: str) -> str:
    """The reference's text as ANPA sends it: AP dashes, ASCII, one line."""
    return re.sub(r"\s+", " ", anyascii(re.sub(" [\u2013\u2014] ", " _ ", text))).strip()


def test_anpa_checks_and_recovery(reference: PressRelease) -> None:
    lines = check_anpa(presskit.export(reference, "anpa1312"))
    assert lines[0] == "\x16\x16\x01a0000\x1f-----"
    assert lines[1].startswith("r i\x13\x11 BC-AseanDigitalMinisters   01-16 ")
    assert lines[2].startswith("\x02^BC-AseanDigitalMinisters,")
    # the headline: cut to fit the 64-character line, given in full as the first paragraph
    assert reference.headline.startswith(lines[3][1:-1])
    paragraphs = [line[4:] for line in lines if line.startswith("\t   ")]
    assert paragraphs[0] == reference.headline
    assert paragraphs[1] == "SINGAPORE (MDDI) _"  # the sg style numbers: the dateline alone
    assert paragraphs[2] == "1. " + anpa_copy(copy_paragraphs(reference)[0])
    unnumbered = check_anpa(presskit.export(reference, "anpa1312", profile="uk"))
    first = [line[4:] for line in unnumbered if line.startswith("\t   ")][1]
    assert first == "SINGAPORE (MDDI) _ " + anpa_copy(copy_paragraphs(reference)[0])
    for paragraph in copy_paragraphs(reference):
        assert any(line.endswith(anpa_copy(paragraph)) for line in paragraphs), paragraph[:60]
    # the issuers
    assert "^By MDDI and IMDA=" in lines
    assert "^Ministry of Digital Development and Information=" in lines
    assert "^Infocomm Media Development Authority=" in lines
    assert "Jointly issued by MDDI and IMDA" in paragraphs
    assert lines[-4] == "\t   \x03MDDI-PR-01-16-25 1600GMT<"


def test_anpa_chinese(zh: PressRelease) -> None:
    lines = check_anpa(presskit.export(zh, "anpa1312"))
    assert f"^Eds: {to_ascii(zh_embargo(zh))}=" in lines
    paragraphs = [line[4:] for line in lines if line.startswith("\t   ")]
    assert squash(paragraphs[0]) == squash(anyascii(zh.headline))
    joined = squash(unlinked(" ".join(paragraphs)))
    for paragraph in copy_paragraphs(zh):
        assert squash(anyascii(paragraph)) in joined, paragraph


def test_anpa_codes_and_corrections(reference: PressRelease) -> None:
    data = presskit.export(
        corrected(reference, 2),
        "anpa1312",
        urgency=2,
        selectors=["glbsm"],
        desk="US",
        service="W",
        sequence=14,
        categories={"ASEAN": "w"},
    )
    lines = check_anpa(data)
    assert lines[0] == "\x16\x16\x01W0014\x1fglbsm"
    assert lines[1].startswith("u w\x13\x11 BC-US--AseanDigitalMinis 2ndLd-Writethru  ")
    assert lines[2].startswith("\x02^BC-US--AseanDigitalMinis, 2nd Ld-Writethru,")
    with pytest.raises(ExportError, match="selectors"):
        presskit.export(reference, "anpa1312", selectors=["GLOBAL"])


# --- both -------------------------------------------------------------------------------


def test_deterministic_in_two_processes(reference: PressRelease) -> None:
    """The same release gives the same bytes in another process, another hash seed."""
    import hashlib
    import os
    import subprocess
    import sys

    from .conftest import REFERENCE

    formats = ["iptc7901", "anpa1312", "nitf", "ninjs", "newsmlg2"]
    code = (
        "import hashlib, sys, presskit; r = presskit.load(sys.argv[1]); "
        f"print(' '.join(hashlib.sha256(presskit.export(r, f)).hexdigest() for f in {formats!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(REFERENCE)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "7"},
    )
    here = [hashlib.sha256(presskit.export(reference, f)).hexdigest() for f in formats]
    assert out.stdout.split() == here
