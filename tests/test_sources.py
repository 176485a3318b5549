"""Loading sources: the reference release's structure, and one clear error per mistake."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import presskit
from presskit.errors import SourceError
from presskit.model import BulletList, Embargoed, Heading, NumberedList, Paragraph, Quote
from presskit.sources import discover, load_many

from .conftest import AGENCIES, FRONT, SEED

SGT = ZoneInfo("Asia/Singapore")


def seed_paragraphs() -> list[str]:
    """The numbered paragraphs of the original page, without their numbers."""
    assert SEED.is_file(), f"the seed text {SEED} is part of the repository"
    text = SEED.read_text(encoding="utf-8")
    return [m.group(1) for m in re.finditer(r"^\d+\. (.+)$", text, re.M)]


# --- the reference release ------------------------------------------------------------


def test_reference_metadata(reference: presskit.PressRelease) -> None:
    assert reference.slug == "asean-digital-ministers-2025"
    assert reference.headline.startswith("Singapore concludes fruitful chairmanship")
    assert [i.short_name for i in reference.issuers] == ["MDDI", "IMDA"]
    assert reference.dateline.place == "SINGAPORE"
    assert reference.dateline.date == dt.date(2025, 1, 17)
    assert reference.issued_at == dt.datetime(2025, 1, 17, tzinfo=SGT)
    assert reference.updated_at == dt.datetime(2025, 1, 17, tzinfo=SGT)
    assert reference.release == presskit.IMMEDIATE
    assert reference.time_zone == "Asia/Singapore"


def test_reference_body_is_faithful(reference: presskit.PressRelease) -> None:
    """Every numbered paragraph of the page, in order, word for word (the quote's
    paragraph is its lead-in plus the quoted words)."""
    texts = []
    for block in reference.body:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Quote):
            texts.append(f"{block.lead_in} {block.text}")
    assert texts == seed_paragraphs()
    assert len(texts) == 24


def test_reference_headings_and_levels(reference: presskit.PressRelease) -> None:
    headings = [(b.level, b.text) for b in reference.body if isinstance(b, Heading)]
    assert headings == [
        (1, "Milestones Achieved under Singapore’s Chairmanship"),
        (1, "AI Governance"),
        (1, "Cybersecurity"),
        (2, "ASEAN Regional CERT"),
        (
            2,
            "ASEAN Checklist for the Implementation of the Norms of Responsible State "
            "Behaviour in Cyberspace",
        ),
        (1, "Combatting Scams"),
        (1, "Cross-border data flows to facilitate business operations"),
        (1, "Singapore’s Winners at the ASEAN Digital Awards"),
        (1, "Conclusion"),
    ]


def test_reference_quote(reference: presskit.PressRelease) -> None:
    quotes = [b for b in reference.body if isinstance(b, Quote)]
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.speaker == "Josephine Teo"
    assert quote.speaker_title == "Minister for Digital Development and Information"
    assert quote.lead_in == "Minister Teo said:"
    assert quote.text.startswith("“Singapore is immensely grateful")
    assert quote.text.endswith("robust cybersecurity efforts.”")


def test_reference_boilerplates_and_contacts(reference: presskit.PressRelease) -> None:
    assert [b.heading for b in reference.boilerplates] == [
        "About the Infocomm Media Development Authority (IMDA)",
        "About the Ministry of Digital Development and Information (MDDI)",
    ]
    imda = reference.boilerplates[0]
    assert len(imda.body) == 2
    link = imda.body[1].runs[1]  # type: ignore[union-attr]
    assert link.href == "http://www.imda.gov.sg"
    contacts = reference.media_contacts
    assert [(c.honorific, c.name, c.email) for c in contacts] == [
        ("Ms", "Adeline Lee", "media@imda.gov.sg"),
        ("Ms", "Wu Fan", "wu_fan@mddi.gov.sg"),
    ]
    assert contacts[0].title == "Assistant Director"
    assert contacts[0].department == "Communications and Marketing"
    assert contacts[0].organisation == "Infocomm Media Development Authority"
    assert contacts[1].department == "Communications and Engagement Division"


def test_page_furniture_is_not_content(reference: presskit.PressRelease) -> None:
    dump = presskit.dumps(reference)
    assert "scam" not in dump.lower().split("anti-scam")[0] or "Anti-Scam helpline" not in dump
    assert "Anti-Scam helpline" not in dump
    assert "Explore more" not in dump


# --- Markdown body --------------------------------------------------------------------


def test_body_constructs(write_source: Callable[..., Path]) -> None:
    body = """\
The lede with **strong**, *emphasis*, [a link](https://example.org/x) and <b>markup</b>.

# Section

## Sub-section

> “Quoted words,” she said.
>
> — Jane Doe, Director

- one
- two

3. three
4. four

::: notes-to-editors
Photos are available.
:::

::: notice
Not for publication.
:::
"""
    release = presskit.load(write_source(body))
    lede, h1, h2, quote, bullets, numbers = release.body
    assert isinstance(lede, Paragraph)
    assert [(r.text, r.strong, r.emphasis, r.href) for r in lede.runs] == [
        ("The lede with ", False, False, None),
        ("strong", True, False, None),
        (", ", False, False, None),
        ("emphasis", False, True, None),
        (", ", False, False, None),
        ("a link", False, False, "https://example.org/x"),
        (" and <b>markup</b>.", False, False, None),
    ]
    assert (h1.level, h2.level) == (1, 2)  # type: ignore[union-attr]
    assert isinstance(quote, Quote) and quote.lead_in is None
    assert (quote.speaker, quote.speaker_title) == ("Jane Doe", "Director")
    assert isinstance(bullets, BulletList) and len(bullets.items) == 2
    assert isinstance(numbers, NumberedList) and numbers.start == 3
    assert release.notes_to_editors[0].text == "Photos are available."  # type: ignore[union-attr]
    assert release.notices[0].body[0].text == "Not for publication."  # type: ignore[union-attr]


def test_defaults_from_agencies(write_source: Callable[..., Path]) -> None:
    release = presskit.load(write_source())
    assert [b.issuer_id for b in release.boilerplates] == ["mddi", "imda"]
    assert [c.name for c in release.media_contacts] == ["Wu Fan"]
    assert (
        release.media_contacts[0].organisation == "Ministry of Digital Development and Information"
    )
    assert release.slug == "release"
    assert release.time_zone == "Asia/Singapore"


def test_embargo_and_date_only_values(write_source: Callable[..., Path]) -> None:
    front = """\
    +++
    headline = "H"
    issuers = ["mddi"]
    dateline = { place = "Singapore", date = 2025-01-16 }
    issued = 2025-01-17
    embargo = 2025-01-17T10:00:00+08:00
    +++
    """
    release = presskit.load(write_source(front=front))
    assert release.issued_at == dt.datetime(2025, 1, 17, tzinfo=SGT)
    assert release.dateline.date == dt.date(2025, 1, 16)
    assert isinstance(release.release, Embargoed)
    assert release.embargoed_until == dt.datetime(2025, 1, 17, 2, 0, tzinfo=dt.UTC)
    assert not release.is_public(dt.datetime(2025, 1, 17, 1, 59, tzinfo=dt.UTC))
    assert release.is_public(dt.datetime(2025, 1, 17, 2, 0, tzinfo=dt.UTC))


def test_control_characters_are_removed_with_a_warning(
    write_source: Callable[..., Path],
) -> None:
    path = write_source("The lede\x07 para\u0086graph e\u0301.\n")
    warnings: list[SourceError] = []
    release = presskit.load(path, warnings=warnings)
    assert release.body[0].text == "The lede paragraph é."  # type: ignore[union-attr]
    assert [(w.line, w.message) for w in warnings] == [
        (8, "removed control character U+0007 (column 9)"),
        (8, "removed control character U+0086 (column 15)"),
    ]


def test_replacement_characters_and_noncharacters_are_removed_with_a_warning(
    write_source: Callable[..., Path],
) -> None:
    """U+FFFD (a character lost before presskit got the text; the W3C feed validator
    reports it as BadCharacters) and noncharacters are not text a reader should get."""
    path = write_source("Caf\ufffd au lait\ufdd0 and tea\U0010ffff.\n")
    warnings: list[SourceError] = []
    release = presskit.load(path, warnings=warnings)
    assert release.body[0].text == "Caf au lait and tea."  # type: ignore[union-attr]
    assert [(w.line, w.message) for w in warnings] == [
        (8, "removed character U+FFFD (column 4)"),
        (8, "removed noncharacter U+FDD0 (column 13)"),
        (8, "removed noncharacter U+10FFFF (column 22)"),
    ]


def test_word_line_and_page_breaks_are_line_breaks(write_source: Callable[..., Path]) -> None:
    """VT (Word's manual line break), FF (its page break) and NEL are line breaks: the
    words on either side stay apart."""
    path = write_source("Line one\x0bline two\x0cline three\u0085four.\n")
    warnings: list[SourceError] = []
    release = presskit.load(path, warnings=warnings)
    assert release.body[0].text.split() == ["Line", "one", "line", "two", "line", "three", "four."]
    assert warnings == []
    headline = presskit.Paragraph("Budget\x0bday").text
    assert headline == "Budget\nday"


# --- errors: one clear message each ---------------------------------------------------


def error_of(path: Path) -> SourceError:
    with pytest.raises(SourceError) as info:
        presskit.load(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return info.value


@pytest.mark.parametrize(
    ("front", "line", "field", "words"),
    [
        pytest.param(
            '+++\nissuers = ["mddi"]\ndateline = "S"\nissued = 2025-01-17\n+++\n',
            None,
            "headline",
            "is required",
            id="missing-headline",
        ),
        pytest.param(
            '+++\nheadline = "H"\nissuers = ["mddi", "imdaa"]\ndateline = "S"\n'
            "issued = 2025-01-17\n+++\n",
            3,
            "issuers[1]",
            "unknown issuer 'imdaa'; known issuers",
            id="unknown-issuer",
        ),
        pytest.param(
            '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\n'
            "issued = 2025-01-17T10:00:00\n+++\n",
            5,
            "issued",
            "has no time zone",
            id="naive-datetime",
        ),
        pytest.param(
            '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\n'
            'issued = 2025-01-17\nembargo = "next tuesday"\n+++\n',
            6,
            "embargo",
            "is not a date-time",
            id="bad-embargo",
        ),
        pytest.param(
            '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\n'
            "issued = 2025-01-17\nembargo = 2025-01-17T10:00:00\n+++\n",
            6,
            "embargo",
            "has no time zone",
            id="naive-embargo",
        ),
        pytest.param(
            '+++\nheadline = "H\nissuers = ["mddi"]\n+++\n',
            2,
            None,
            "invalid TOML",
            id="malformed-front-matter",
        ),
        pytest.param(
            '+++\nheadline = "H"\nheadlien = "x"\nissuers = ["mddi"]\ndateline = "S"\n'
            "issued = 2025-01-17\n+++\n",
            3,
            "headlien",
            "unknown key; did you mean 'headline'?",
            id="unknown-key",
        ),
        pytest.param(
            '+++\nheadline = 3\nissuers = ["mddi"]\ndateline = "S"\nissued = 2025-01-17\n+++\n',
            2,
            "headline",
            "expected text, got the number 3",
            id="wrong-type",
        ),
        pytest.param(
            '+++\nheadline = "  "\nissuers = ["mddi"]\ndateline = "S"\nissued = 2025-01-17\n+++\n',
            2,
            "headline",
            "must not be empty",
            id="blank-headline",
        ),
        pytest.param(
            '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\nissued = 2025-01-17\n'
            'canonical_url = "javascript:alert(1)"\n+++\n',
            6,
            "canonical_url",
            "is not an absolute URL",
            id="bad-url",
        ),
        pytest.param(
            '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\nissued = 2025-01-17\n'
            'media_contacts = [{ name = "X", email = "not-an-address" }]\n+++\n',
            6,
            "media_contacts[0].email",
            "is not an e-mail address",
            id="bad-email",
        ),
        pytest.param(
            '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\nissued = 2025-01-17\n'
            'time_zone = "Mars/Olympus"\n+++\n',
            6,
            "time_zone",
            "is not an IANA time zone",
            id="bad-time-zone",
        ),
    ],
)
def test_front_matter_errors(
    write_source: Callable[..., Path],
    front: str,
    line: int | None,
    field: str | None,
    words: str,
) -> None:
    error = error_of(write_source(front=front, body="Lede.\n"))
    assert words in error.message
    assert error.line == line
    assert error.field == field


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("Lede.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", 10, "tables are not supported"),
        ("Lede.\n\n![logo](x.png)\n", 10, "images are not supported"),
        ("Lede.\n\n- ![logo](x.png)\n", 10, "images are not supported"),
        ("Lede.\n\n::: warning\nText.\n:::\n", 10, "unknown section '::: warning'"),
        ("Lede.\n\n---\n", 10, "thematic breaks"),
        ("Lede.\n\n- a\n  - nested\n", 10, "nested lists"),
        ("Lede.\n\n[x](ftp://example.org/x)\n", 10, "links may only use"),
        ("# Only a heading\n", 8, "needs at least one paragraph"),
    ],
)
def test_body_errors(write_source: Callable[..., Path], body: str, line: int, words: str) -> None:
    error = error_of(write_source(body))
    assert words in error.message
    assert error.line == line


def test_escaped_colons_start_a_paragraph(write_source: Callable[..., Path]) -> None:
    """A stray ``:::`` line is refused, but ``\\:::`` (or ``&#58;::``) is CommonMark's
    way to write a paragraph that starts with ``:::``: the check looks at the line as
    written, not at the text after escapes (which refused every such paragraph, with
    "unknown section '::: notice'" for the escaped ``\\::: notice``)."""
    body = "Lede.\n\n\\::: notice\n\n&#58;:: x\n\n*:::* y\n\n::: notes-to-editors\n\\:::\n:::\n"
    release = presskit.load(write_source(body))
    assert [b.text for b in release.body] == ["Lede.", "::: notice", "::: x", "::: y"]  # type: ignore[union-attr]
    assert release.notes_to_editors == (Paragraph(":::"),)
    error = error_of(write_source("Lede.\n\n:::\n"))
    assert error.message == "a ':::' line closes a section, but no section is open"


@pytest.mark.parametrize("target", ["javascript:alert(1)", "vbscript:x", "data:text/html,x"])
def test_script_links_are_refused(write_source: Callable[..., Path], target: str) -> None:
    error = error_of(write_source(f"Lede.\n\nSee [x]({target}).\n"))
    assert error.line == 10 and "links may only use" in error.message


def test_yaml_front_matter_is_refused(write_source: Callable[..., Path]) -> None:
    error = error_of(write_source(raw="---\nheadline: x\n---\nBody\n"))
    assert "YAML" in error.message and error.line == 1


def test_missing_front_matter(write_source: Callable[..., Path]) -> None:
    assert "front matter" in error_of(write_source(raw="Just text.\n")).message


def test_unclosed_front_matter(write_source: Callable[..., Path]) -> None:
    assert "not closed" in error_of(write_source(raw='+++\nheadline = "x"\n')).message


def test_empty_file(write_source: Callable[..., Path]) -> None:
    assert "empty" in error_of(write_source(raw="\n\n")).message


def test_unreadable_files(tmp_path: Path) -> None:
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x00\x01\x02PK")
    assert "binary" in error_of(binary).message
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes(b'+++\nheadline = "caf\xe9"\n+++\n')
    error = error_of(latin1)
    assert "not UTF-8" in error.message and error.line == 2
    with pytest.raises(SourceError, match="cannot read"):
        presskit.load(tmp_path)  # a folder is not a file
    with pytest.raises(SourceError, match="no such file"):
        discover([tmp_path / "missing.md"])


def test_bad_agencies_file(write_source: Callable[..., Path]) -> None:
    agencies = '[agencies.x]\nname = "X"\nurl = "ftp://x"\n'
    path = write_source(agencies=agencies)
    with pytest.raises(SourceError) as info:
        presskit.load(path)
    error = info.value
    assert error.path.endswith("agencies.toml")
    assert error.line == 3 and error.field == "agencies.x.url"


def test_load_many_keeps_going(write_source: Callable[..., Path], tmp_path: Path) -> None:
    write_source(name="a-good.md")
    write_source(raw="no front matter\n", name="b-bad.md")
    (tmp_path / "README.md").write_text("not a release", encoding="utf-8")
    (tmp_path / "_draft.md").write_text("not a release", encoding="utf-8")
    results = load_many(discover([tmp_path]))
    assert [r.path.name for r in results] == ["a-good.md", "b-bad.md"]
    assert results[0].release is not None and results[0].error is None
    assert results[1].release is None and results[1].error is not None


def test_dump_errors_name_the_field(reference: presskit.PressRelease) -> None:
    from presskit.dump import from_dict, to_dict

    data = to_dict(reference)
    data["release"]["media_contacts"][0]["email"] = "nope"
    with pytest.raises(SourceError, match=r"release\.media_contacts\[0\]\.email: 'nope' is not"):
        from_dict(data)
    data = to_dict(reference)
    data["release"]["body"][0]["type"] = "table"
    with pytest.raises(SourceError, match=r"release\.body\[0\]: 'table' is missing, or is not"):
        from_dict(data)


def test_dump_keeps_time_zone_names(reference: presskit.PressRelease) -> None:
    dump = presskit.dumps(reference)
    assert '"issued_at": "2025-01-17T00:00:00+08:00[Asia/Singapore]"' in dump
    again = presskit.loads(dump)
    assert again == reference and again.issued_at.tzinfo == SGT
    with pytest.raises(SourceError, match="does not match the time zone"):
        presskit.loads(dump.replace("+08:00[Asia/Singapore]", "+09:00[Asia/Singapore]"))


# --- what a first user tried (regressions) --------------------------------------------


def test_windows_and_old_mac_line_endings(write_source: Callable[..., Path]) -> None:
    text = FRONT_CRLF = FRONT.replace("\n", "\r\n") + "\r\nThe lede.\r\n"
    assert presskit.load(write_source(raw=FRONT_CRLF)).body[0].text == "The lede."  # type: ignore[union-attr]
    old_mac = text.replace("\r\n", "\r")
    assert presskit.load(write_source(raw=old_mac, name="mac.md")).headline == "A headline"
    with_bom = "\ufeff" + text
    assert presskit.load(write_source(raw=with_bom, name="bom.md")).headline == "A headline"


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ('tags = "ASEAN"', "tags", "expected an array"),
        ('media_contacts = "mddi/press"', "media_contacts", "expected an array"),
        (
            'media_contacts = ["mddi/press", "mddi/press"]',
            "media_contacts[1]",
            "Wu Fan is listed twice",
        ),
        ("embargo = 2025-01-17T09:00:00+08:00", "embargo", "before the release is issued"),
    ],
)
def test_front_matter_mistakes(
    write_source: Callable[..., Path], extra: str, field: str, words: str
) -> None:
    front = FRONT.replace("+++\n\n", "").rstrip("+\n") + f"\n{extra}\n+++\n"
    error = error_of(write_source(front=front))
    assert error.field == field and words in error.message and error.line == 6


def test_dateline_holding_a_date_is_refused(write_source: Callable[..., Path]) -> None:
    for place in ("SINGAPORE – 17 JAN 2025", "Singapore, Jan. 17", "Brussels 2024"):
        front = FRONT.replace('dateline = "SINGAPORE"', f'dateline = "{place}"')
        error = error_of(write_source(front=front))
        assert error.field == "dateline" and "looks like it holds a date" in error.message
    front = FRONT.replace('dateline = "SINGAPORE"', 'dateline = "KUALA LUMPUR"')
    assert presskit.load(write_source(front=front)).dateline.place == "KUALA LUMPUR"


def test_missing_agencies_file_is_named(write_source: Callable[..., Path]) -> None:
    error = error_of(write_source(agencies=None))
    assert "no agencies.toml was found" in error.message


def test_bad_site_time_zone_is_blamed_on_agencies(write_source: Callable[..., Path]) -> None:
    path = write_source(agencies=AGENCIES.replace("Asia/Singapore", "Asia/Singapur"))
    with pytest.raises(SourceError) as info:
        presskit.load(path)
    assert info.value.path.endswith("agencies.toml") and info.value.line == 2


def test_discovery_recurses_and_dedupes(tmp_path: Path) -> None:
    (tmp_path / "2025").mkdir()
    (tmp_path / "_drafts").mkdir()
    for name in ("a.md", "B.MD", "2025/c.md", "_drafts/d.md", "_e.md", "README.md", "x.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = discover([tmp_path, tmp_path / "a.md", Path(str(tmp_path) + "/2025/../a.md")])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["2025/c.md", "B.MD", "a.md"]


def test_duplicate_slugs_name_both_files(write_source: Callable[..., Path], tmp_path: Path) -> None:
    write_source(name="one.md")
    write_source(front=FRONT.replace('headline = "A headline"', 'headline = "B"\nslug = "one"'),
                 name="two.md")  # fmt: skip
    results = load_many(discover([tmp_path]))
    assert results[0].release is not None
    assert results[1].error is not None
    assert f"the slug 'one' is already used by {tmp_path / 'one.md'}" in str(results[1].error)


def test_boilerplate_errors_name_the_agency(write_source: Callable[..., Path]) -> None:
    agencies = AGENCIES.replace(
        'about = "MDDI drives Singapore\'s digital development."',
        'about = """\nText.\n\n![logo](x.png)\n"""',
    )
    with pytest.raises(SourceError) as info:
        presskit.load(write_source(agencies=agencies))
    assert info.value.field == "agencies.mddi.about"


def test_stray_emphasis_markers_are_a_warning(write_source: Callable[..., Path]) -> None:
    path = write_source("为期12个月的**“数字信任”计划**，帮助企业。\n\nThis is **bold**.\n")
    warnings: list[SourceError] = []
    release = presskit.load(path, warnings=warnings)
    assert "**" in release.body[0].text  # type: ignore[union-attr]
    assert [(w.line, w.field) for w in warnings] == [(8, "body")]
    assert "stays as text" in warnings[0].message
