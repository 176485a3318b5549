"""The rss, atom and jsonfeed exporters: structure (the checks at the end of
../shared/reference/feeds.md), round trips through feedparser, embargo, ids, order,
enclosures, determinism, paging, bad input, and canaries for feedgen's bugs."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import feedparser
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import presskit
from presskit.cli import main
from presskit.exporters import export_collection
from presskit.feedplan import plan
from presskit.model import Correction, Embargoed, Paragraph, PressRelease, Run
from presskit.pipeline import parse_targets
from presskit.profiles import get_profile
from presskit.publication import published_at, updated_at
from presskit.site import Site, iri_to_uri
from tests.conftest import ROOT, SOURCES

ATOM = "{http://www.w3.org/2005/Atom}"
A = {"a": "http://www.w3.org/2005/Atom", "fh": "http://purl.org/syndication/history/1.0"}
SITE = Site(name="Test newsroom", base_url="https://news.example.org/", language="en-SG")
AFTER = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
KIOSKS = "sample-digital-help-kiosks-2025"
LIFT = dt.datetime(2025, 3, 4, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


# --- helpers -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sources/ built into every format, as `presskit build` does, after every embargo."""
    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(
        main, ["build", str(SOURCES), "-o", str(out), "-q", "--now", "2026-01-01T00:00Z"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def releases() -> list[PressRelease]:
    return [presskit.load(p) for p in sorted(SOURCES.glob("*.md"))]


def parse(data: bytes) -> Any:
    return feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)


def feeds(out: dict[str, bytes], extension: str) -> dict[str, bytes]:
    return {k: v for k, v in out.items() if k.endswith("." + extension)}


def release(slug: str = "one", **changes: Any) -> PressRelease:
    base = PressRelease(
        slug,
        f"Headline {slug}",
        [presskit.Issuer("mddi", "Ministry of Digital Development", short_name="MDDI")],
        presskit.Dateline("SINGAPORE", dt.date(2025, 1, 17)),
        dt.datetime(2025, 1, 17, 10, tzinfo=dt.UTC),
        [Paragraph(f"The lede of {slug}.")],
        time_zone="Asia/Singapore",
    )
    return attrs.evolve(base, **changes)


def without_email(*slugs: str) -> Any:
    """Expect the build to say it wrote no .eml for these releases: none of their
    contacts (they have none) has an e-mail address to send it from."""
    names = "|".join(map(re.escape, slugs))
    return pytest.warns(
        presskit.PresskitWarning, match=rf"^({names}): eml: no media contact has an e-mail"
    )


def build(rels: list[PressRelease], fmt: str, **options: Any) -> dict[str, bytes]:
    options.setdefault("site", SITE)
    options.setdefault("now", AFTER)
    return export_collection(rels, fmt, **options)


def check_rss(data: bytes, self_url: str, site_url: str) -> None:
    """Check 4 of feeds.md for RSS, plus the self link (check 2)."""
    text = data.decode("utf-8")
    assert not ILLEGAL.search(text)
    root = etree.fromstring(data)
    channel = root.find("channel")
    assert channel.findtext("link") == site_url != self_url
    selfs = channel.findall(f"{ATOM}link[@rel='self']")
    assert [s.get("href") for s in selfs] == [self_url]
    guids = [item.findtext("guid") for item in channel.iter("item")]
    assert all(guids) and len(set(guids)) == len(guids)
    for item in channel.iter("item"):
        assert len(item.findall("author")) == 0  # agencies are dc:creator, never <author>
        enclosures = item.findall("enclosure")
        assert len(enclosures) <= 1
        for e in enclosures:
            assert e.get("length").isdigit() and e.get("type") and e.get("url").startswith("http")
        assert re.search(r"([+-]\d{4}|GMT)$", item.findtext("pubDate"))
        assert item.find("guid").get("isPermaLink") == "false"
        # RSS Profile: description before content:encoded
        tags = [child.tag for child in item]
        assert tags.index("description") < tags.index(
            "{http://purl.org/rss/1.0/modules/content/}encoded"
        )


def check_atom(data: bytes, self_url: str) -> None:
    """Check 4 of feeds.md for Atom, plus the self link (check 2)."""
    assert not ILLEGAL.search(data.decode("utf-8"))
    root = etree.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    assert root.xpath("a:link[@rel='self']/@href", namespaces=A) == [self_url]
    ids = root.xpath("a:entry/a:id/text()", namespaces=A)
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("tag:") for i in ids)
    for entry in root.findall(f"{ATOM}entry"):
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        # the page, then one per translation; never two per (type, hreflang)
        assert len(alternates) == len(set(alternates))
        assert [h for _, h in alternates].count(None) == 1
        assert alternates[-1] == ("text/html", None)  # feedparser's entry.link is the last
        for link in entry.findall(f"{ATOM}link[@rel='enclosure']"):
            assert link.get("type") and (link.get("length") is None or link.get("length").isdigit())
        assert entry.findall(f"{ATOM}author") or root.findall(f"{ATOM}author")
        for name in ("updated", "published"):
            assert DATE.match(entry.findtext(f"{ATOM}{name}"))
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html"
    assert DATE.match(root.findtext(f"{ATOM}updated"))


# --- the repository's own sources ---------------------------------------------------------


def test_build_writes_every_feed(dist: Path) -> None:
    names = sorted(p.relative_to(dist).as_posix() for p in (dist / "feeds").rglob("*"))
    for ext in ("atom", "rss", "json"):
        assert f"feeds/newsroom.{ext}" in names
        for agency in ("mddi", "imda", "lcdo"):
            assert f"feeds/agency/{agency}.{ext}" in names
        for language in ("en-sg", "zh-hans-sg"):
            assert f"feeds/language/{language}.{ext}" in names


def test_structure_of_every_feed(dist: Path) -> None:
    base = "https://newsroom.example.org/"
    for path in (dist / "feeds").rglob("*.rss"):
        check_rss(path.read_bytes(), base + path.relative_to(dist).as_posix(), base)
    for path in (dist / "feeds").rglob("*.atom"):
        check_atom(path.read_bytes(), base + path.relative_to(dist).as_posix())


def test_feedparser_reads_everything_back(dist: Path, releases: list[PressRelease]) -> None:
    """Check 6 of feeds.md, for the newsroom feed in both formats: one entry per news
    item (the Chinese kiosks release is a translation of the English one), dated by the
    latest change of the item."""
    expected = sorted(releases, key=lambda r: (-published_at(r).timestamp(), r.slug))
    expected = [r for r in expected if r.slug != KIOSKS + "-zh"]
    by_slug = {r.slug: r for r in releases}
    for ext, version in (("rss", "rss20"), ("atom", "atom10")):
        d = parse((dist / f"feeds/newsroom.{ext}").read_bytes())
        assert d.bozo == 0, d.get("bozo_exception")
        assert d.version == version
        assert d.feed.language == "en-SG"
        assert [e.title for e in d.entries] == [r.headline for r in expected]
        for entry, r in zip(d.entries, expected, strict=True):
            assert entry.id == f"tag:newsroom.example.org,{r.dateline.date}:{r.slug}"
            assert entry.link == f"https://newsroom.example.org/{r.slug}/"
            assert calendar.timegm(entry.published_parsed) == int(published_at(r).timestamp())
            item = [r, *(by_slug[t.slug] for t in r.translations if t.slug in by_slug)]
            latest = max(updated_at(m) for m in item)
            assert calendar.timegm(entry.updated_parsed) == int(latest.timestamp())
            assert {a["name"] for a in entry.authors} == {i.name for i in r.issuers}
            content = html.unescape(entry.content[0].value)
            for block in r.body:
                if isinstance(block, Paragraph):
                    assert block.text in content
            for boilerplate in r.boilerplates:
                assert boilerplate.heading in content
            for contact in r.media_contacts:
                assert contact.email is None or f"mailto:{contact.email}" in content
            if ext == "atom":
                assert [(t.term, t.scheme) for t in entry.tags] == [(t, None) for t in r.tags]
            else:
                assert [t.term for t in entry.tags] == list(r.tags)


def test_reference_release_is_complete_in_the_feed(dist: Path, reference: PressRelease) -> None:
    d = parse((dist / "feeds/agency/mddi.atom").read_bytes())
    (entry,) = [e for e in d.entries if reference.slug in e.id]
    content = html.unescape(entry.content[0].value)
    quote = next(b for b in reference.body if isinstance(b, presskit.Quote))
    assert quote.text in content and "Josephine Teo" in content
    headings = re.findall(r"<h([2-5])>(.*?)</h\1>", content)
    body_headings = [(b.level, b.text) for b in reference.body if isinstance(b, presskit.Heading)]
    assert [(int(level) - 1, text) for level, text in headings][: len(body_headings)] == (
        body_headings
    )
    assert entry.summary == reference.lede.text


def test_a_joint_release_is_in_each_issuers_feed_with_one_id(dist: Path) -> None:
    ids = {}
    for agency in ("mddi", "imda"):
        d = parse((dist / f"feeds/agency/{agency}.atom").read_bytes())
        ids[agency] = {e.id for e in d.entries if "asean-digital-ministers-2025" in e.id}
    assert ids["mddi"] == ids["imda"] and len(ids["mddi"]) == 1
    lcdo = parse((dist / "feeds/agency/lcdo.atom").read_bytes())
    assert not [e for e in lcdo.entries if "asean" in e.id]


def test_language_feeds(dist: Path) -> None:
    zh = parse((dist / "feeds/language/zh-hans-sg.atom").read_bytes())
    assert zh.feed.language == "zh-Hans-SG"
    assert [e.title for e in zh.entries] == ["数码援助站将于2025年底前在40个民众俱乐部设立"]
    newsroom = etree.parse(str(dist / "feeds/newsroom.atom")).getroot()
    langs = {
        e.findtext(f"{ATOM}title"): e.get("{http://www.w3.org/XML/1998/namespace}lang")
        for e in newsroom.findall(f"{ATOM}entry")
    }
    # the translation is no entry of its own in the newsroom feed, but an alternate link
    assert "数码援助站将于2025年底前在40个民众俱乐部设立" not in langs
    assert langs["New SMS sender ID rules to block impersonation scams from 1 July 2025"] is None
    (kiosks,) = [
        e for e in newsroom.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith(KIOSKS)
    ]
    assert [
        (x.get("hreflang"), x.get("href")) for x in kiosks.findall(f"{ATOM}link[@hreflang]")
    ] == [("zh-Hans-SG", f"https://newsroom.example.org/{KIOSKS}-zh/")]
    en = parse((dist / "feeds/language/en-sg.rss").read_bytes())
    assert all(not re.search("[\u4e00-\u9fff]", e.title) for e in en.entries)


def test_enclosures_are_the_files_the_build_wrote(dist: Path) -> None:
    """Check 5 of feeds.md: the PDF, the DOCX and the attachment, with their real sizes;
    RSS gets the PDF only; the entry's link is the release page."""
    atom = parse((dist / "feeds/newsroom.atom").read_bytes())
    rss = parse((dist / "feeds/newsroom.rss").read_bytes())
    for a_entry, r_entry in zip(atom.entries, rss.entries, strict=True):
        slug = a_entry.id.rsplit(":", 1)[1]
        folder = dist / slug
        expected = [f"{slug}.pdf", f"{slug}.docx"]
        if slug == KIOSKS:
            expected.append("kiosk-locations.csv")
        got = [(e.href.rsplit("/", 1)[1], e.type, int(e.length)) for e in a_entry.enclosures]
        assert [g[0] for g in got] == expected
        for name, _, length in got:
            assert (folder / name).stat().st_size == length
        assert [e.type for e in a_entry.enclosures][:2] == [
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ]
        (rss_enclosure,) = r_entry.enclosures
        assert rss_enclosure.href.endswith(f"/{slug}.pdf")
        assert int(rss_enclosure.length) == (folder / f"{slug}.pdf").stat().st_size
        assert a_entry.link == r_entry.link == f"https://newsroom.example.org/{slug}/"


def test_json_feed_validates_against_json_feed_1_1(dist: Path) -> None:
    import jsonschema

    schema = json.loads((ROOT / "tests/schemas/jsonfeed-1.1.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    paths = list((dist / "feeds").rglob("*.json"))
    assert paths
    for path in paths:
        feed = json.loads(path.read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(feed)]
        assert not errors, f"{path}: {errors}"
        assert feed["feed_url"].endswith(path.relative_to(dist).as_posix())
    newsroom = json.loads((dist / "feeds/newsroom.json").read_text(encoding="utf-8"))
    rss = parse((dist / "feeds/newsroom.rss").read_bytes())
    assert [i["id"] for i in newsroom["items"]] == [e.id for e in rss.entries]


def test_format_checker_is_really_on() -> None:
    """The schema test would be empty if format checking were off: a bad date fails."""
    import jsonschema

    schema = json.loads((ROOT / "tests/schemas/jsonfeed-1.1.schema.json").read_text())
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "t",
        "items": [{"id": "1", "content_html": "x", "date_published": "17 Jan 2025"}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            feed, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )


# --- embargo ------------------------------------------------------------------------------


def test_embargoed_release_is_in_no_feed_before_the_lift(releases: list[PressRelease]) -> None:
    """Check 8 of feeds.md: its id, title and attachment URLs appear nowhere, in any
    feed or format, one second before the lift; at the lift it appears, published then."""
    embargoed = [r for r in releases if r.embargoed_until is not None]
    assert {r.slug for r in embargoed} == {KIOSKS, KIOSKS + "-zh"}
    before = LIFT - dt.timedelta(seconds=1)
    for fmt in ("rss", "atom", "jsonfeed"):
        out = build(releases, fmt, now=before)
        blob = b"".join(out.values()).decode("utf-8")
        for r in embargoed:
            assert r.slug not in blob
            assert r.headline not in blob
        assert "kiosk-locations" not in blob
        assert not [k for k in out if "zh-hans" in k]  # no empty feed that hints at it
        out = build(releases, fmt, now=LIFT)
        blob = b"".join(out.values()).decode("utf-8")
        for r in embargoed:
            assert r.slug in blob and r.headline in blob
    d = parse(build(releases, "atom", now=LIFT)["feeds/newsroom.atom"])
    first = d.entries[0]
    assert first.title == embargoed[0].headline or first.title == embargoed[1].headline
    assert calendar.timegm(first.published_parsed) == int(LIFT.timestamp())


@settings(max_examples=40, deadline=None)
@given(offset=st.integers(min_value=-3 * 86400, max_value=3 * 86400))
def test_embargo_property(offset: int) -> None:
    """A release is in a feed exactly when now >= its lift time."""
    lift = dt.datetime(2025, 3, 4, 2, tzinfo=dt.UTC)
    held = release("held", release=Embargoed(lift), issued_at=lift - dt.timedelta(days=1))
    now = lift + dt.timedelta(seconds=offset)
    documents = plan([held, release("open")], site=SITE, now=now, profile=get_profile("sg"))
    present = any(e.slug == "held" for d in documents for e in d.entries)
    assert present == (now >= lift)
    if present:
        entry = next(e for d in documents for e in d.entries if e.slug == "held")
        assert entry.published == lift


# --- ids, corrections, order, determinism ---------------------------------------------------


def test_a_correction_keeps_the_id_and_moves_updated_only() -> None:
    """Check 10 of feeds.md."""
    original = release("fix")
    corrected = attrs.evolve(
        original,
        corrections=[Correction(dt.datetime(2025, 1, 18, 9, tzinfo=dt.UTC), "Date fixed.")],
        updated_at=dt.datetime(2025, 1, 18, 9, tzinfo=dt.UTC),
        headline="Headline fix (corrected)",
    )
    for fmt in ("atom", "rss"):
        a = parse(build([original], fmt)[f"feeds/newsroom.{'atom' if fmt == 'atom' else 'rss'}"])
        b = parse(build([corrected], fmt)[f"feeds/newsroom.{'atom' if fmt == 'atom' else 'rss'}"])
        assert a.entries[0].id == b.entries[0].id
        assert a.entries[0].published_parsed == b.entries[0].published_parsed
        assert b.entries[0].updated_parsed > a.entries[0].updated_parsed
        assert b.feed.updated_parsed > a.feed.updated_parsed
        assert "Date fixed." in html.unescape(b.entries[0].content[0].value)


def test_entries_are_newest_first_whatever_the_input_order() -> None:
    """Check 9 of feeds.md, and the prepend/append trap."""
    rels = [
        release(f"r{i}", issued_at=dt.datetime(2025, 1, 1 + i, tzinfo=dt.UTC)) for i in range(6)
    ]
    shuffled = rels[:]
    random.Random(4).shuffle(shuffled)
    for fmt in ("atom", "rss", "jsonfeed"):
        assert build(rels, fmt) == build(shuffled, fmt)
    for fmt, name in (("atom", "feeds/newsroom.atom"), ("rss", "feeds/newsroom.rss")):
        d = parse(build(shuffled, fmt)[name])
        published = [calendar.timegm(e.published_parsed) for e in d.entries]
        assert published == sorted(published, reverse=True)
        assert [e.title for e in d.entries] == [f"Headline r{i}" for i in reversed(range(6))]


def test_same_sources_give_the_same_bytes_at_two_wall_clocks(tmp_path: Path) -> None:
    """Check 7 of feeds.md: feed dates come from the releases, never the clock."""
    outs = []
    for index, now in enumerate(("2026-01-01T00:00Z", "2027-06-30T12:34:56+02:00")):
        out = tmp_path / f"out{index}"
        result = CliRunner().invoke(
            main,
            ["build", str(SOURCES), "-o", str(out), "-f", "rss,atom,jsonfeed", "--now", now, "-q"],
        )
        assert result.exit_code == 0, result.output
        outs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*.*")})
    assert outs[0] == outs[1]


# --- paging ---------------------------------------------------------------------------------


def test_long_feeds_are_rfc5005_archived_feeds() -> None:
    rels = [
        release(f"r{i:02}", issued_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(i))
        for i in range(7)
    ]
    site = attrs.evolve(SITE, feed_page_size=3)
    out = build(rels, "atom", site=site)
    assert sorted(out) == [
        "feeds/agency/mddi.atom",
        "feeds/archive/agency/mddi/1.atom",
        "feeds/archive/agency/mddi/2.atom",
        "feeds/archive/language/en/1.atom",
        "feeds/archive/language/en/2.atom",
        "feeds/archive/newsroom/1.atom",
        "feeds/archive/newsroom/2.atom",
        "feeds/language/en.atom",
        "feeds/newsroom.atom",
    ]
    base = "https://news.example.org/"

    def doc(name: str) -> Any:
        root = etree.fromstring(out[name])
        check_atom(out[name], base + name)
        return root

    def links(root: Any) -> dict[str, str]:
        return {
            link.get("rel"): link.get("href").removeprefix(base)
            for link in root.findall(f"{ATOM}link")
        }

    def titles(root: Any) -> list[str]:
        return root.xpath("a:entry/a:title/text()", namespaces=A)

    sub = doc("feeds/newsroom.atom")
    assert titles(sub) == ["Headline r06", "Headline r05", "Headline r04"]
    assert sub.find("fh:complete", A) is None and sub.find("fh:archive", A) is None
    assert links(sub)["prev-archive"] == "feeds/archive/newsroom/2.atom"
    one, two = doc("feeds/archive/newsroom/1.atom"), doc("feeds/archive/newsroom/2.atom")
    assert titles(one) == ["Headline r02", "Headline r01", "Headline r00"]
    assert titles(two) == ["Headline r05", "Headline r04", "Headline r03"]
    for page in (one, two):
        assert page.find("fh:archive", A) is not None
        assert links(page)["current"] == "feeds/newsroom.atom"
        assert page.findtext(f"{ATOM}id") == base + "feeds/newsroom.atom"
    assert "prev-archive" not in links(one) and links(one)["next-archive"] == (
        "feeds/archive/newsroom/2.atom"
    )
    assert links(two)["prev-archive"] == "feeds/archive/newsroom/1.atom"
    assert "next-archive" not in links(two)
    # Every entry is in the subscription document or an archive page.
    assert set(titles(sub) + titles(one) + titles(two)) == {r.headline for r in rels}
    # RSS carries the same links (feedgen drops them: F12) and JSON Feed pages by next_url.
    rss = etree.fromstring(build(rels, "rss", site=site)["feeds/archive/newsroom/2.rss"])
    channel_links = {
        link.get("rel"): link.get("href") for link in rss.findall(f"channel/{ATOM}link")
    }
    assert channel_links["current"] == base + "feeds/newsroom.rss"
    assert channel_links["prev-archive"] == base + "feeds/archive/newsroom/1.rss"
    assert rss.find("channel/fh:archive", A) is not None
    json_out = build(rels, "jsonfeed", site=site)
    page = json.loads(json_out["feeds/newsroom.json"])
    assert page["next_url"] == base + "feeds/archive/newsroom/2.json"


def test_a_short_feed_is_complete_without_paging_links() -> None:
    root = etree.fromstring(build([release()], "atom")["feeds/newsroom.atom"])
    assert root.find("fh:complete", A) is not None
    rels = {link.get("rel") for link in root.findall(f"{ATOM}link")}
    assert rels == {"self", "alternate", "related"}


def test_feeds_link_to_each_other(dist: Path) -> None:
    base = "https://newsroom.example.org/feeds/"
    newsroom = etree.parse(str(dist / "feeds/newsroom.atom")).getroot()
    related = newsroom.xpath("a:link[@rel='related']/@href", namespaces=A)
    assert [r.removeprefix(base) for r in related] == [
        "agency/imda.atom",
        "agency/lcdo.atom",
        "agency/mddi.atom",
        "language/en-sg.atom",
        "language/zh-hans-sg.atom",
    ]
    titles = newsroom.xpath("a:link[@rel='related']/@title", namespaces=A)
    assert "MDDI and IMDA newsroom: Lion City Digital Office" in titles
    agency = etree.parse(str(dist / "feeds/agency/mddi.rss")).getroot()
    assert agency.xpath("channel/a:link[@rel='related']/@href", namespaces=A) == [
        base + "newsroom.rss"
    ]


def test_hubs_are_advertised_in_every_format() -> None:
    site = attrs.evolve(SITE, hubs=("https://hub.example.org/",))
    atom = etree.fromstring(build([release()], "atom", site=site)["feeds/newsroom.atom"])
    assert atom.xpath("a:link[@rel='hub']/@href", namespaces=A) == ["https://hub.example.org/"]
    rss = etree.fromstring(build([release()], "rss", site=site)["feeds/newsroom.rss"])
    assert rss.xpath("channel/a:link[@rel='hub']/@href", namespaces=A) == [
        "https://hub.example.org/"
    ]
    assert rss.findtext("channel/link") == "https://news.example.org/"  # F1
    feed = json.loads(build([release()], "jsonfeed", site=site)["feeds/newsroom.json"])
    assert feed["hubs"] == [{"type": "WebSub", "url": "https://hub.example.org/"}]


# --- bad input --------------------------------------------------------------------------------


def _roundtrip(rel: PressRelease) -> list[Any]:
    parsed = []
    for fmt, name in (("rss", "feeds/newsroom.rss"), ("atom", "feeds/newsroom.atom")):
        data = build([rel], fmt)[name]
        etree.fromstring(data)
        assert not ILLEGAL.search(data.decode("utf-8"))
        d = parse(data)
        assert d.bozo == 0, d.get("bozo_exception")
        parsed.append(d)
    json.loads(build([rel], "jsonfeed")["feeds/newsroom.json"])
    return parsed


def test_xml_illegal_characters_never_reach_a_feed() -> None:
    rel = release(headline="Word\x0bpasted\x0c headline\x00", body=[Paragraph("Tab\tand \x1b esc")])
    for d in _roundtrip(rel):
        assert d.entries[0].title == "Word pasted headline"  # VT and FF are line breaks


def test_markup_and_cdata_ends_in_text_stay_text() -> None:
    headline = "Budget <b>2025</b> & the <new> scheme ]]> done"
    body = [
        Paragraph("Text with <script>alert(1)</script> and ]]> and &amp; in it."),
        Paragraph([Run("a link", href="annex.pdf#%3Cb%3E")]),  # "<" itself is refused
    ]
    rel = release(headline=headline, body=body)
    for d in _roundtrip(rel):
        # declared as HTML (Atom type="html"; RSS titles are read as HTML), escaped once:
        # a reader shows the characters, not bold text
        assert d.entries[0].title_detail.type == "text/html"
        assert html.unescape(d.entries[0].title) == headline
        assert "<b>" not in d.entries[0].title
        content = d.entries[0].content[0].value
        assert "<script" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
        assert "]]&gt;" in content
    rss = build([rel], "rss")["feeds/newsroom.rss"]
    # RSS Profile: & and < in titles as hexadecimal character references
    assert b"<title>Budget &#x26;lt;b&#x26;gt;2025&#x26;lt;/b&#x26;gt; &#x26;amp; the" in rss
    atom = build([rel], "atom")["feeds/newsroom.atom"]
    assert b'<title type="html">Budget &amp;lt;b&amp;gt;2025&amp;lt;/b&amp;gt;' in atom


def test_javascript_links_cannot_be_written() -> None:
    with pytest.raises(presskit.ModelError):
        Run("x", href="javascript:alert(1)")


def test_relative_links_become_absolute() -> None:
    rel = release(body=[Paragraph([Run("the annex", href="annex-a.pdf"), Run(" is here.")])])
    for d in _roundtrip(rel):
        assert 'href="https://news.example.org/one/annex-a.pdf"' in d.entries[0].content[0].value


def test_non_ascii_urls_are_written_as_uris() -> None:
    rel = release(
        canonical_url="https://新闻.example.org/发布/一号?q=数码",
        body=[Paragraph([Run("链接", href="https://example.org/路径/")])],
    )
    site = Site(base_url="https://bücher.example.org/新闻/", language="zh")
    for fmt, name in (("rss", "feeds/newsroom.rss"), ("atom", "feeds/newsroom.atom")):
        data = build([rel], fmt, site=site)[name]
        d = parse(data)
        assert d.bozo == 0
        link = d.entries[0].link
        assert link.isascii() and link.startswith("https://xn--")
        assert link == iri_to_uri("https://新闻.example.org/发布/一号?q=数码")
        assert d.entries[0].id.startswith("tag:xn--bcher-kva.example.org,2025-01-17:")
        assert "https://example.org/%E8%B7%AF%E5%BE%84/" in d.entries[0].content[0].value


def test_iri_to_uri() -> None:
    assert iri_to_uri("https://example.org/a b") == "https://example.org/a%20b"
    assert iri_to_uri("https://example.org/%E4%B8%80") == "https://example.org/%E4%B8%80"
    assert iri_to_uri("https://例子.测试/路?x=值#片") == (
        "https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF?x=%E5%80%BC#%E7%89%87"
    )


def test_rtl_release_content_carries_its_direction() -> None:
    rel = release(language="ar", body=[Paragraph("مرحبا بالعالم")])
    atom = _roundtrip(rel)[1]
    assert re.search(
        r'<div (lang="ar" dir="rtl"|dir="rtl" lang="ar")>', atom.entries[0].content[0].value
    )


# --- options, CLI and API errors ----------------------------------------------------------------


def test_feeds_need_now_and_a_base_url() -> None:
    with pytest.raises(presskit.ExportError, match="current time"):
        export_collection([release()], "atom", site=SITE)
    with pytest.raises(presskit.ExportError, match="base_url"):
        export_collection([release()], "atom", site=Site(), now=AFTER)
    with pytest.raises(presskit.ExportError, match="collection format"):
        presskit.export(release(), "rss")
    with pytest.raises(presskit.ExportError, match="document format"):
        export_collection([release()], "pdf", site=SITE, now=AFTER)


def test_an_empty_feed_is_dated_by_source_date_epoch_not_the_clock() -> None:
    held = release(
        "held",
        release=Embargoed(dt.datetime(2031, 1, 1, tzinfo=dt.UTC)),
    )
    out = build([held], "atom", source_date_epoch=1_700_000_000)
    root = etree.fromstring(out["feeds/newsroom.atom"])
    assert root.findtext(f"{ATOM}updated") == "2023-11-14T22:13:20+00:00"
    assert root.findall(f"{ATOM}entry") == []
    assert sorted(out) == ["feeds/newsroom.atom"]


def test_cli_without_base_url_skips_the_feeds_with_a_warning(
    write_source: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_source()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-f", "text,atom"])
    assert result.exit_code == 2
    assert "base_url" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "warning: atom, jsonfeed, rss not written" in result.output
    assert not (out / "feeds").exists()


def test_cli_warns_of_embargoed_releases_even_when_quiet(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(SOURCES), "-o", str(tmp_path), "-q", "--now", "2025-03-01T00:00Z"],
    )
    assert result.exit_code == 0, result.output
    assert f"warning: {KIOSKS} is under embargo until 2025-03-04T10:00:00+08:00" in result.output
    assert f"{tmp_path / '_embargoed' / KIOSKS}/, which must not be published" in result.output


def test_embargoed_files_stay_out_of_the_public_tree_until_the_lift(tmp_path: Path) -> None:
    """A release under embargo is written to _embargoed/<slug>/ (for the comms team to
    send to journalists), never to <slug>/; at the lift it moves to <slug>/."""

    def run(now: str) -> None:
        result = CliRunner().invoke(
            main, ["build", str(SOURCES), "-o", str(tmp_path), "-q", "--now", now]
        )
        assert result.exit_code == 0, result.output

    run("2025-03-04T09:59:59+08:00")
    assert not (tmp_path / KIOSKS).exists()
    held = tmp_path / "_embargoed" / KIOSKS
    assert {p.name for p in held.iterdir()} >= {
        f"{KIOSKS}.pdf",
        "index.html",
        "kiosk-locations.csv",
    }
    public = [p for p in tmp_path.rglob("*") if "_embargoed" not in p.parts and p.is_file()]
    for path in public:
        assert b"kiosk" not in path.read_bytes().lower(), path
    run("2025-03-04T10:00:00+08:00")
    assert (tmp_path / KIOSKS / f"{KIOSKS}.pdf").is_file()
    assert not (tmp_path / "_embargoed" / KIOSKS).exists()


def test_a_postponed_embargo_takes_the_release_out_again(tmp_path: Path) -> None:
    lift = dt.datetime(2025, 3, 4, 2, tzinfo=dt.UTC)
    rel = release("later", release=Embargoed(lift), issued_at=lift - dt.timedelta(days=1))
    out = tmp_path / "out"
    with without_email("later", "one"):
        presskit.build([rel, release()], out, now=lift, site=SITE)
    assert (out / "later" / "index.html").is_file()
    assert b"later" in (out / "feeds/newsroom.atom").read_bytes()
    postponed = attrs.evolve(rel, release=Embargoed(lift + dt.timedelta(days=30)))
    with (
        pytest.warns(presskit.PresskitWarning, match="removed .*later/"),
        without_email("later", "one"),
    ):
        presskit.build([postponed, release()], out, now=lift, site=SITE)
    assert not (out / "later").exists()
    assert (out / "_embargoed" / "later" / "index.html").is_file()
    for path in (out / "feeds").rglob("*"):
        assert not path.is_file() or b"later" not in path.read_bytes(), path


def test_feed_documents_no_longer_written_are_removed(tmp_path: Path) -> None:
    """A feed whose only release is gone, or an archive page after the page size grew,
    must not stay published with old entries."""
    rels = [
        release(f"r{i}", issued_at=dt.datetime(2025, 1, 1 + i, tzinfo=dt.UTC)) for i in range(5)
    ]
    thai = release("thai", language="th", issuers=[presskit.Issuer("solo", "Solo Agency")])
    small = attrs.evolve(SITE, feed_page_size=2)
    slugs = [r.slug for r in rels]
    with without_email(*slugs, "thai"):
        presskit.build([*rels, thai], tmp_path, now=AFTER, site=small)
    assert (tmp_path / "feeds/agency/solo.atom").is_file()
    assert (tmp_path / "feeds/archive/newsroom/2.rss").is_file()
    assert (tmp_path / "language-th.html").is_file()
    with without_email(*slugs):
        presskit.build(rels, tmp_path, now=AFTER, site=SITE)
    feeds = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "feeds").rglob("*.*"))
    assert feeds == [
        f"feeds/{name}.{ext}"
        for name in ("agency/mddi", "language/en", "newsroom")
        for ext in ("atom", "json", "rss")
    ]
    assert not (tmp_path / "language-th.html").exists()


def test_the_slug_feeds_is_reserved(tmp_path: Path) -> None:
    with pytest.raises(presskit.PresskitError, match="reserved"):
        presskit.build([release("feeds")], tmp_path / "out", now=AFTER, site=SITE)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))


def test_a_file_in_the_way_of_the_feeds_folder_stops_the_build_first(tmp_path: Path) -> None:
    tmp_path.joinpath("feeds").write_text("not a folder")
    with pytest.raises(OSError):
        presskit.build([release()], tmp_path, now=AFTER, site=SITE)
    assert not (tmp_path / "one").exists() or not any((tmp_path / "one").iterdir())


def test_api_build_skips_the_collections_it_cannot_write(tmp_path: Path) -> None:
    """presskit.build([release], "dist") as the README shows: no now, no site."""
    with (
        pytest.warns(presskit.PresskitWarning, match="needs? the current time"),
        without_email("one"),
    ):
        files = presskit.build([release()], tmp_path)
    assert {f.format for f in files} >= {"pdf", "docx", "html"}
    assert not (tmp_path / "feeds").exists() and not (tmp_path / "index.html").exists()
    with pytest.raises(presskit.PresskitError, match="nothing was written"):
        presskit.build(
            [release()], tmp_path / "x", targets=parse_targets(["text", "atom"]), now=AFTER
        )
    assert not (tmp_path / "x").exists()


def test_cli_builds_the_collections_from_folders_only(tmp_path: Path) -> None:
    source = SOURCES / "sample-scam-alert-2025.md"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert "not written: they list the whole newsroom" in result.output
    assert not (tmp_path / "feeds").exists() and not (tmp_path / "index.html").exists()
    result = CliRunner().invoke(
        main, ["build", str(source), "-o", str(tmp_path), "-q", "-f", "atom"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "feeds/newsroom.atom").is_file()


def test_a_release_dated_in_the_future_is_scheduled_not_published() -> None:
    soon = release("soon", issued_at=AFTER + dt.timedelta(days=1))
    out = build([release(), soon], "atom")
    assert b"soon" not in b"".join(out.values())
    out = build([release(), soon], "atom", now=AFTER + dt.timedelta(days=1))
    assert b"soon" in out["feeds/newsroom.atom"]


def test_rss_description_keeps_text_that_looks_like_markup() -> None:
    lede = "The new <Digital Ready> programme & AT&T <partnership> start."
    rel = release(body=[Paragraph(lede)])
    rss = parse(build([rel], "rss")["feeds/newsroom.rss"])
    assert html.unescape(rss.entries[0].summary) == lede or rss.entries[0].summary == lede
    atom = parse(build([rel], "atom")["feeds/newsroom.atom"])
    assert atom.entries[0].summary_detail.type == "text/html"
    assert html.unescape(atom.entries[0].summary) == lede


def test_attachment_names_with_url_characters(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    names = ["a#1.pdf", "b?.pdf", "100%.pdf", "two words.pdf", "附件.pdf"]
    for name in names:
        (src / name).write_bytes(b"%PDF-1.4 x")
    rel = release(attachments=[presskit.Attachment(n, media_type="application/pdf") for n in names])
    presskit.build(
        [rel],
        tmp_path / "out",
        asset_roots={"one": src},
        site=SITE,
        now=AFTER,
        targets=__import__("presskit.pipeline").pipeline.parse_targets(["atom"]),
    )
    d = parse((tmp_path / "out/feeds/newsroom.atom").read_bytes())
    hrefs = [e.href for e in d.entries[0].enclosures]
    assert hrefs == [
        "https://news.example.org/one/a%231.pdf",
        "https://news.example.org/one/b%3F.pdf",
        "https://news.example.org/one/100%25.pdf",
        "https://news.example.org/one/two%20words.pdf",
        "https://news.example.org/one/%E9%99%84%E4%BB%B6.pdf",
    ]
    for href, name in zip(hrefs, names, strict=True):
        from urllib.parse import unquote, urlsplit

        assert unquote(urlsplit(href).path).rsplit("/", 1)[1] == name


def test_json_feed_favicon_is_the_square_icon() -> None:
    site = attrs.evolve(SITE, icon="img/icon.png", logo="img/logo.png")
    feed = json.loads(build([release()], "jsonfeed", site=site)["feeds/newsroom.json"])
    assert feed["favicon"] == "https://news.example.org/img/icon.png"
    assert "icon" not in feed
    atom = etree.fromstring(build([release()], "atom", site=site)["feeds/newsroom.atom"])
    assert atom.findtext(f"{ATOM}icon") == "https://news.example.org/img/icon.png"
    assert atom.findtext(f"{ATOM}logo") == "https://news.example.org/img/logo.png"


def test_instants_with_second_offsets_are_written_in_utc() -> None:
    """Singapore's local mean time (+06:55:25, before 1905) fits neither RFC 822 nor
    RFC 3339: such instants go out in UTC."""
    old = release(
        issued_at=dt.datetime(1901, 5, 1, 9, tzinfo=dt.UTC),
        dateline=presskit.Dateline("SINGAPORE", dt.date(1901, 5, 1)),
    )
    for d in _roundtrip(old):
        assert calendar.timegm(d.entries[0].published_parsed) == int(old.issued_at.timestamp())
    data = build([old], "rss")["feeds/newsroom.rss"].decode()
    assert "+0000" in data and "+065525" not in data


def test_feed_options_are_checked() -> None:
    with pytest.raises(presskit.ExportError, match="profile"):
        build([release()], "atom", profile="fr")
    us = build([release()], "atom", profile="us")["feeds/newsroom.atom"].decode()
    assert "SINGAPORE, Jan. 17, 2025 – The lede of one." in html.unescape(us)


# --- canaries: each fails once feedgen fixes the bug its workaround is for --------------------


def _fg() -> Any:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id("https://x.example/f")
    fg.title("t")
    fg.description("d")
    fg.updated(AFTER)
    return fg


def test_canary_f1_rss_channel_link_follows_the_last_link() -> None:
    fg = _fg()
    fg.link(href="https://x.example/", rel="alternate")
    fg.link(href="https://x.example/feed.rss", rel="self")
    channel = etree.fromstring(fg.rss_str()).find("channel")
    assert channel.findtext("link") == "https://x.example/feed.rss"


def test_canary_f2_atom_entry_links_lose_their_attributes() -> None:
    fg = _fg()
    fg.link(href="https://x.example/", rel="alternate")
    fe = fg.add_entry()
    fe.id("https://x.example/1")
    fe.title("t")
    fe.content("c")
    fe.link(href="https://x.example/1.pdf", rel="enclosure", type="application/pdf", length="9")
    link = etree.fromstring(fg.atom_str()).find(f"{ATOM}entry/{ATOM}link")
    assert link.get("rel") is None and link.get("type") is None


def test_canary_f2_hreflang_is_lost_too() -> None:
    """The translations' alternate links need the F2 workaround as well."""
    fg = _fg()
    fe = fg.add_entry()
    fe.id("https://x.example/1")
    fe.title("t")
    fe.content("c")
    fe.link(href="https://x.example/zh/", rel="alternate", hreflang="zh-Hans-SG")
    link = etree.fromstring(fg.atom_str()).find(f"{ATOM}entry/{ATOM}link")
    assert link.get("hreflang") is None


def test_canary_text_that_looks_like_markup_is_written_undeclared() -> None:
    """feedgen's title() has no type and summary() writes what it is given: markup-like
    text goes out as Atom type="text" (validator: ContainsUndeclaredHTML) and as RSS
    text with &lt; (CharacterData). presskit declares it (_atom_text, _rss_text,
    _hex_refs); once feedgen types titles, the Atom part of that can go."""
    fg = _fg()
    fe = fg.add_entry()
    fe.id("https://x.example/1")
    fe.title("Budget <b>2025</b>")
    fe.summary("a <b>b</b>")
    fe.content("c")
    fg.link(href="https://x.example/", rel="alternate")
    entry = etree.fromstring(fg.atom_str()).find(f"{ATOM}entry")
    for name in ("title", "summary"):
        element = entry.find(f"{ATOM}{name}")
        assert element.get("type") is None and "<b>" in element.text
    assert b"<title>Budget &lt;b&gt;2025&lt;/b&gt;</title>" in fg.rss_str()


def test_canary_f3_f4_dates_default_to_the_clock() -> None:
    from feedgen.entry import FeedEntry
    from feedgen.feed import FeedGenerator

    assert FeedEntry().updated() is not None
    assert FeedGenerator().updated() is not None


def test_canary_entries_are_prepended_by_default() -> None:
    fg = _fg()
    fg.link(href="https://x.example/", rel="alternate")
    for n in ("1", "2"):
        fe = fg.add_entry()
        fe.id(f"https://x.example/{n}")
        fe.title(n)
        fe.updated(AFTER)
        fe.link(href=f"https://x.example/{n}")
    titles = etree.fromstring(fg.atom_str()).xpath("a:entry/a:title/text()", namespaces=A)
    assert titles == ["2", "1"]


def test_canary_f7_several_authors_with_email_make_several_rss_authors() -> None:
    fg = _fg()
    fg.link(href="https://x.example/", rel="alternate")
    fe = fg.add_entry()
    fe.id("https://x.example/1")
    fe.title("t")
    fe.author([{"name": "A", "email": "a@x.example"}, {"name": "B", "email": "b@x.example"}])
    assert len(etree.fromstring(fg.rss_str()).findall("channel/item/author")) == 2


def test_canary_f12_rss_drops_hub_and_archive_links() -> None:
    fg = _fg()
    fg.link(href="https://hub.example/", rel="hub")
    fg.link(href="https://x.example/archive/1", rel="prev-archive")
    fg.link(href="https://x.example/", rel="alternate")
    rels = etree.fromstring(fg.rss_str()).xpath("channel/a:link/@rel", namespaces=A)
    assert "hub" not in rels and "prev-archive" not in rels


def test_canary_f13_illegal_characters_fail_only_when_serialised() -> None:
    fg = _fg()
    fg.link(href="https://x.example/", rel="alternate")
    fe = fg.add_entry()
    fe.id("https://x.example/1")
    fe.title("A\x0bB")  # accepted here...
    with pytest.raises(ValueError):
        fg.rss_str()  # ...and refused only here, without naming the entry


# --- attachments in the build ---------------------------------------------------------------


def _with_attachment(href: str) -> PressRelease:
    return release(attachments=[presskit.Attachment(href, media_type="text/csv", title="Data")])


def test_build_copies_local_attachments(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "data.csv").write_text("a,b\n1,2\n")
    rel = _with_attachment("data.csv")
    with without_email("one"):
        files = presskit.build(
            [rel], tmp_path / "out", asset_roots={"one": tmp_path / "src"}, site=SITE, now=AFTER
        )
    assert (tmp_path / "out/one/data.csv").read_text() == "a,b\n1,2\n"
    assert [f.format for f in files if f.path == "one/data.csv"] == ["attachment"]
    d = parse((tmp_path / "out/feeds/newsroom.atom").read_bytes())
    hrefs = {e.href: e.length for e in d.entries[0].enclosures}
    assert hrefs["https://news.example.org/one/data.csv"] == "8"


@pytest.mark.parametrize(
    ("hrefs", "message"),
    [
        (["missing.csv"], "no such file"),
        # refused by the model since the fuzzing run, before any build
        (["data.csv", "sub/data.csv"], r"same file name as attachments\[0\]"),
        (["one.pdf"], "one.pdf is also a file the build writes"),
    ],
)
def test_bad_attachments_stop_the_build_before_writing(
    tmp_path: Path, hrefs: list[str], message: str
) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    for name in ("data.csv", "sub/data.csv", "one.pdf"):
        (src / name).write_text("x")
    with pytest.raises(presskit.PresskitError, match=message):
        rel = release(attachments=[presskit.Attachment(h, media_type="text/csv") for h in hrefs])
        presskit.build([rel], tmp_path / "out", asset_roots={"one": src}, site=SITE, now=AFTER)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))


def test_keep_going_does_not_withdraw_a_broken_release_from_the_feeds(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    out = tmp_path / "out"
    assert (
        CliRunner().invoke(main, ["build", str(src), "-o", str(out), "-q", "-f", "atom"]).exit_code
        == 0
    )
    before = (out / "feeds/newsroom.atom").read_bytes()
    broken = src / "sample-scam-alert-2025.md"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("headline =", "headlin ="), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "-k"])
    assert result.exit_code == 2
    assert "not written: a source failed to load" in result.output
    assert (out / "feeds/newsroom.atom").read_bytes() == before


def test_the_slug_feeds_is_refused_when_loading(tmp_path: Path) -> None:
    shutil.copy(SOURCES / "agencies.toml", tmp_path)
    text = (SOURCES / "sample-scam-alert-2025.md").read_text(encoding="utf-8")
    (tmp_path / "feeds.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "feeds.md: slug: the slug 'feeds' is reserved" in result.output


def test_collection_only_builds_leave_release_folders_alone(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(SOURCES),
            "-o",
            str(tmp_path),
            "-q",
            "-f",
            "atom,index",
            "--now",
            "2025-03-03T12:00+08:00",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["feeds"]


def test_the_embargoed_folder_goes_when_every_embargo_has_lifted(tmp_path: Path) -> None:
    for now in ("2025-03-03T12:00+08:00", "2026-01-01T00:00Z"):
        result = CliRunner().invoke(
            main, ["build", str(SOURCES), "-o", str(tmp_path), "-q", "-f", "text", "--now", now]
        )
        assert result.exit_code == 0, result.output
    assert not (tmp_path / "_embargoed").exists()


@pytest.mark.parametrize("name", ["index.html", "INDEX.HTML", "One.PDF"])
def test_an_attachment_cannot_replace_a_generated_file(tmp_path: Path, name: str) -> None:
    src = tmp_path / "src" / "odd"
    src.mkdir(parents=True)
    (src / name).write_text("<script>alert(1)</script>")
    rel = release(attachments=[presskit.Attachment(f"odd/{name}", media_type="text/html")])
    with pytest.raises(presskit.PresskitError, match="also a file the build writes"):
        presskit.build(
            [rel],
            tmp_path / "out",
            asset_roots={"one": tmp_path / "src"},
            targets=parse_targets(["html", "pdf"]),
        )


def test_the_page_links_attachments_by_quoted_name(tmp_path: Path) -> None:
    rel = release(
        attachments=[presskit.Attachment(n, media_type="text/csv") for n in ("a #1.csv", "b?.csv")]
    )
    page = presskit.export(rel, "html").decode()
    assert 'href="a%20%231.csv"' in page and 'href="b%3F.csv"' in page
