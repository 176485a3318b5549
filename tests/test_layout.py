"""The layout layer: one place decides the parts, labels, local times and joined names
that every writer prints (issue 13, item 2)."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import presskit
from presskit import layout as L
from presskit.fragment import release_html
from presskit.i18n.dates import date_form, format_date
from presskit.model import Embargoed, Heading, Paragraph, PressRelease, Quote
from presskit.profiles import PROFILES, Part, get_profile
from tests.conftest import REFERENCE
from tests.strategies import releases

PACKAGE = Path(presskit.__file__).parent
#: The modules that write a release from its layout.
WRITERS = [
    "exporters/text.py",
    "exporters/_pdfwriter.py",
    "exporters/docx.py",
    "exporters/html.py",
    "exporters/eml.py",
    "fragment.py",
]


def test_every_part_of_every_profile_is_laid_out() -> None:
    assert set(L._PARTS) == set(Part)


@pytest.mark.parametrize("module", WRITERS)
def test_writers_dispatch_by_match_not_by_name(module: str) -> None:
    """No ``getattr(self, f"part_{...}")``: a writer matches over the layout's parts and
    ends in ``assert_never``, so mypy finds a part a writer forgot."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert not re.search(r"getattr\(.*part_", source)
    assert "def part_" not in source


@pytest.mark.parametrize("module", [*WRITERS, "feedplan.py", "exporters/index.py"])
def test_local_time_is_computed_in_one_place(module: str) -> None:
    """Only :func:`presskit.layout.local_time` converts an instant to the release's zone."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert "ZoneInfo(release.time_zone)" not in source


def _label_keys_used() -> set[str]:
    keys = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Name) and node.func.id == "label")
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "label")
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_label_used_is_defined_and_documented() -> None:
    defined = {key for key, _ in L.LABELS}
    used = _label_keys_used()
    assert used, "no label() calls found"
    assert used <= defined, used - defined
    from presskit.i18n import DESCRIPTIONS

    assert defined == set(DESCRIPTIONS)


@pytest.mark.parametrize(
    ("key", "style", "text"),
    [
        ("status.immediate", "sg", "FOR IMMEDIATE RELEASE"),
        ("last_updated", "sg", "LAST UPDATED: {date}"),
        ("last_updated", "uk", "Last updated: {date}"),
        ("media_contacts", "sg", "For media clarifications:"),
        ("media_contacts", "us", "Media contacts:"),
        ("media_contacts", "uk", "Media enquiries:"),
        ("notes_to_editors", "us", "Note to editors:"),
        ("notes_to_editors", None, "Notes to editors"),
        ("end_mark", "sg", "- END -"),
        ("end_mark", "us", "###"),
        ("end_mark", "uk", "ENDS"),
    ],
)
def test_label_per_house_style(key: str, style: str | None, text: str) -> None:
    assert L.label(key, "en-SG", style) == text


def test_unknown_label_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        L.label("no.such.label")


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([], ""),
        (["MDDI"], "MDDI"),
        (["MDDI", "IMDA"], "MDDI and IMDA"),
        (["MDDI", "IMDA", "CSA"], "MDDI, IMDA and CSA"),
        (["A", "B", "C", "D"], "A, B, C and D"),
    ],
)
def test_join_names(names: list[str], joined: str) -> None:
    assert L.join_names(names) == joined


def test_joint_lines_join_names_the_same_way(reference: PressRelease) -> None:
    three = (*reference.issuers, attrs.evolve(reference.issuers[0], id="csa", short_name="CSA"))
    release = attrs.evolve(reference, issuers=three)
    profile = get_profile("sg")
    assert L.jointly_issued(release, profile) == "Jointly issued by MDDI, IMDA and CSA"
    assert L.running_header(release, profile).startswith("MDDI, IMDA and CSA\u00a0")


def test_local_time_in_the_release_zone(reference: PressRelease) -> None:
    release = attrs.evolve(reference, time_zone="Asia/Singapore")
    instant = dt.datetime(2025, 1, 17, 2, 0, 0, 123456, tzinfo=dt.UTC)
    local = L.local_time(instant, release)
    assert local == instant.replace(microsecond=0)
    assert local.isoformat() == "2025-01-17T10:00:00+08:00"


def test_local_time_without_a_zone_keeps_the_offset(reference: PressRelease) -> None:
    release = attrs.evolve(reference, time_zone=None)
    instant = dt.datetime(2025, 1, 17, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert L.local_time(instant, release).isoformat() == "2025-01-17T10:00:00-05:00"


@pytest.mark.parametrize(
    "offset",
    [
        dt.timedelta(hours=6, minutes=55, seconds=25),  # local mean time, Singapore 1900
        dt.timedelta(hours=15),  # beyond ±14:00
        -dt.timedelta(hours=14, minutes=30),
    ],
)
def test_local_time_falls_back_to_utc(reference: PressRelease, offset: dt.timedelta) -> None:
    release = attrs.evolve(reference, time_zone=None)
    instant = dt.datetime(2025, 1, 17, 10, tzinfo=dt.timezone(offset))
    local = L.local_time(instant, release)
    assert local == instant
    assert local.utcoffset() == dt.timedelta(0)


def test_page_dates_are_rfc3339_before_standard_time(reference: PressRelease) -> None:
    """Asia/Singapore was +06:55:25 (local mean time) before 1905: the page's JSON-LD and
    Open Graph dates then carry seconds in the offset, which ISO 8601/RFC 3339 cannot
    write, unless the local time falls back to UTC as every other format does."""
    issued = dt.datetime(1900, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Singapore"))
    release = attrs.evolve(reference, issued_at=issued, time_zone="Asia/Singapore")
    page = presskit.export(release, "html").decode()
    data = json.loads(re.search(r"ld\+json\">\n(.*?)\n</script>", page, re.S)[1])  # type: ignore[index]
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
    assert rfc3339.match(data["datePublished"]), data["datePublished"]
    published = re.search(r'article:published_time" content="([^"]+)"', page)[1]  # type: ignore[index]
    assert rfc3339.match(published), published


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_layout_parts_follow_the_profile(reference: PressRelease, profile: str) -> None:
    laid_out = L.layout(reference, get_profile(profile))
    kinds = [type(part).__name__ for part in laid_out.parts]
    assert kinds[:2] == ["Status", "Headline"]
    assert ("Dateline" in kinds) == (profile == "sg")
    assert kinds.index("Body") < kinds.index("EndMark")
    body = next(p for p in laid_out.parts if isinstance(p, L.Body))
    numbers = [b.number for b in body.blocks if b.number is not None]
    if profile == "sg":
        assert numbers == list(range(1, len(numbers) + 1)) and numbers
    else:
        assert numbers == []
        assert body.blocks[0].dateline is not None
        assert all(b.dateline is None for b in body.blocks[1:])


def test_numbers_count_paragraphs_and_quotes_only(reference: PressRelease) -> None:
    body_blocks = (
        Paragraph("One."),
        Heading("Part"),
        Quote(("“Two.”",), speaker="A"),
        Paragraph("Three."),
    )
    release = attrs.evolve(reference, body=body_blocks)
    body = next(p for p in L.layout(release, get_profile("sg")).parts if isinstance(p, L.Body))
    assert [b.number for b in body.blocks] == [1, None, 2, 3]


def test_status_follows_now(reference: PressRelease) -> None:
    until = dt.datetime(2025, 1, 17, 2, tzinfo=dt.UTC)
    release = attrs.evolve(reference, release=Embargoed(until))
    before = L.layout(release, get_profile("sg"), until - dt.timedelta(seconds=1)).status
    after = L.layout(release, get_profile("sg"), until).status
    assert before.embargoed and before.text.startswith("EMBARGOED UNTIL 10:00 SGT")
    assert not after.embargoed and after.text == "FOR IMMEDIATE RELEASE"


@pytest.mark.parametrize("profile", ["us", "uk"])
def test_fragment_keeps_a_dateline_that_cannot_open_the_lede(
    reference: PressRelease, profile: str
) -> None:
    """A body that opens with a heading: the dateline stands before it, in the feeds'
    and the page's HTML too (it was dropped there, while text, PDF and DOCX printed it)."""
    release = attrs.evolve(reference, body=(Heading("Overview"), Paragraph("First.")))
    fragment = release_html(release, get_profile(profile), page_url=None)
    dateline = L.format_dateline(release, get_profile(profile))
    assert f"<p>{dateline}</p><h2>Overview</h2>" in fragment


def test_kit_readme_joins_three_issuers_like_every_format(reference: PressRelease) -> None:
    import io
    import zipfile

    third = attrs.evolve(reference.issuers[1], id="csa", name="Cyber Agency", short_name="CSA")
    release = attrs.evolve(reference, issuers=(*reference.issuers, third))
    siblings = {  # given, so the kit does not render every format for this test
        f"{release.slug}.{ext}": b"x" for ext in ("pdf", "docx", "eml", "json", "html")
    }
    data = presskit.export(release, "kit", siblings=siblings)
    archive = zipfile.ZipFile(io.BytesIO(data))
    readme = " ".join(archive.read(f"{release.slug}/README.txt").decode().split())
    first, second, _ = (f"{i.name} ({i.short_name})" for i in release.issuers)
    assert f"Issued by {first}, {second} and Cyber Agency (CSA)." in readme


@settings(max_examples=60, deadline=None)
@given(release=releases(), profile=st.sampled_from(sorted(PROFILES)))
def test_layout_properties(release: PressRelease, profile: str) -> None:
    """For any valid release: the body is laid out block for block, in order; paragraph
    numbers run 1, 2, 3 over paragraphs and quotes where the style numbers them; the
    dateline is printed exactly once (on its own line or opening the lede); the parts
    follow the profile's order; every instant printed is the release's local time."""
    style = get_profile(profile)
    laid_out = L.layout(release, style, dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    body = [p for p in laid_out.parts if isinstance(p, L.Body)]
    assert len(body) == 1
    assert [b.block for b in body[0].blocks] == list(release.body)
    numbers = [b.number for b in body[0].blocks if b.number is not None]
    if style.number_paragraphs:
        counted = [b for b in release.body if isinstance(b, Paragraph | Quote)]
        assert numbers == list(range(1, len(counted) + 1))
    else:
        assert numbers == []
    standing = [p for p in laid_out.parts if isinstance(p, L.Dateline)]
    opening = [b for b in body[0].blocks if b.dateline is not None]
    assert len(standing) + len(opening) == 1
    assert not opening or opening[0] is body[0].blocks[0]
    kinds = [type(p) for p in laid_out.parts]
    assert kinds.index(L.Status) < kinds.index(L.Headline) < kinds.index(L.Body)
    immediate = L.label("status.immediate", release.language, style.name)
    assert laid_out.status == L.Status(immediate, False)
    for correction in (p for p in laid_out.parts if isinstance(p, L.Corrections)):
        for item, source in zip(correction.items, release.corrections, strict=True):
            local = L.local_time(source.at, release)
            day = format_date(local.date(), style.date_style, release.language)
            assert day in item.when
            if date_form(release.language) is None:  # English: 24-hour time first
                assert item.when.startswith(f"{local:%H:%M} ")
            offset = local.utcoffset()
            assert offset is not None and offset.seconds % 60 == 0
            assert abs(offset) <= L.MAX_OFFSET


def test_a_lead_in_does_not_reverse_its_quote() -> None:
    """A right-to-left override the lead-in opens ends with it (found by the fuzz
    profile: the quote came out reversed in the PDF, whose text is in visual order)."""
    assert L.lead_in("\u202eSingapura") == "\u202eSingapura\u202c "
    assert L.lead_in("\u2067x\u202by\u2069") == "\u2067x\u202by\u2069 "  # closed: unchanged
    assert L.lead_in("Minister Teo said:") == "Minister Teo said: "
    assert L.lead_in("杨莉明部长说：") == "杨莉明部长说："


def test_a_layout_is_made_once_for_the_formats_of_a_build(
    reference: PressRelease, tmp_path: Path
) -> None:
    """A build lays each release out for many formats: the same release object, house
    style, ``now`` and labels give the same (immutable) layout again; anything else
    that changes the labels or the status line gives a new one."""
    from presskit.i18n import LABELS, clear_caches, using_catalogues

    profile = get_profile("sg")
    now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    first = L.layout(reference, profile, now)
    assert L.layout(reference, profile, now) is first
    assert L.layout(reference, get_profile("us"), now) is not first
    assert L.layout(reference, profile, None) is not first
    twin = presskit.load(REFERENCE)  # equal, but another object: laid out anew
    assert L.layout(twin, profile, now) == first
    assert L.layout(twin, profile, now) is not first
    messages = tmp_path / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    english = LABELS["media_contacts", "sg"]
    (messages / "presskit.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgctxt "media_contacts|sg"\nmsgid "{english}"\nmsgstr "Press office:"\n'
    )
    with using_catalogues(tmp_path):
        relabelled = L.layout(reference, profile, now)
    assert relabelled != first  # the media contacts' title
    clear_caches()
    assert L.layout(reference, profile, now) is not first
    assert L.layout(reference, profile, now) == first
