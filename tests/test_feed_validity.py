"""Feeds that the W3C Feed Validation Service accepts without a warning (issue 12,
item 7): one entry per news item (a release and its translations), text that looks
like markup declared as such, archive pages that link to a neighbour, empty feeds dated
``now``.

The structural tests need nothing but tests/fixtures/feeds (a few releases of
../shared/cases/newsroom-30); the validator runs (``../shared/tools/feedcheck``, the
W3C validator's own code) skip with a reason where ../shared or html5lib is absent."""

from __future__ import annotations

import datetime as dt
import functools
import html
import importlib.util
import json
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest
from lxml import etree

import presskit
from presskit.exporters import export_collection
from presskit.model import PressRelease
from presskit.publication import is_published, published_at
from presskit.site import Site
from presskit.sources.agencies import load_agencies
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/feeds"
SHARED = ROOT.parent / "shared"
FEEDCHECK = SHARED / "tools/feedcheck"
NEWSROOM_30 = SHARED / "cases/newsroom-30"
A = {"a": "http://www.w3.org/2005/Atom", "fh": "http://purl.org/syndication/history/1.0"}
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Instants around the fixtures' events: nothing published yet; the English and Chinese
#: releases out, the Tamil translation not yet (10:00 SGT); everything but the two
#: embargoed releases; one second before and at their common lift; all.
NOWS = [
    "2025-01-01T00:00:00Z",
    "2025-02-02T01:30:00Z",
    "2025-12-21T01:59:59Z",
    "2025-12-21T02:00:00Z",
    "2026-01-01T00:00:00Z",
]


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@functools.cache
def _load(folder: Path) -> tuple[tuple[PressRelease, ...], Site]:
    site = load_agencies(folder / "agencies.toml").site
    return tuple(presskit.load(p) for p in sorted(folder.glob("nr-*.md"))), site


def load(folder: Path) -> tuple[list[PressRelease], Site]:
    releases, site = _load(folder)
    return list(releases), site


def render(releases: list[PressRelease], site: Site, now: dt.datetime) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for fmt in ("rss", "atom", "jsonfeed"):
        out.update(export_collection(releases, fmt, site=site, now=now))
    return out


def news_items(releases: Iterable[PressRelease]) -> dict[str, frozenset[str]]:
    """By slug, the slugs of its news item: releases linked by translation slugs, in
    either direction, transitively (written here independently of presskit.publication)."""
    items = {r.slug: {r.slug} for r in releases}
    for r in list(releases):
        for t in r.translations:
            if t.slug in items and items[t.slug] is not items[r.slug]:
                merged = items[r.slug] | items[t.slug]
                for slug in merged:
                    items[slug] = merged
    return {slug: frozenset(group) for slug, group in items.items()}


def page(release: PressRelease) -> str:
    return release.canonical_url or f"https://newsroom.example.net/{release.slug}/"


def slug_of(entry_id: str) -> str:
    return entry_id.rsplit(":", 1)[1]


# --- the properties the validator checks, asserted directly ------------------------------


def check_one_entry_per_news_item(
    out: dict[str, bytes], releases: list[PressRelease], now: dt.datetime
) -> None:
    """Newsroom and agency feeds: no two entries of one news item (DuplicateUpdated),
    every public release is an entry or an hreflang alternate of one; language feeds:
    every release of the language is its own entry."""
    items = news_items(releases)
    public = {r.slug: r for r in releases if is_published(r, now)}
    for name, data in out.items():
        if not name.endswith(".atom") or "/archive/" in name:
            continue
        root = etree.fromstring(data)
        entries = root.findall(f"{ATOM}entry")
        slugs = [slug_of(e.findtext(f"{ATOM}id")) for e in entries]
        if name.startswith("feeds/language/"):
            language = root.get(XML_LANG)
            expected = {s for s, r in public.items() if r.language == language}
            if root.find("fh:complete", A) is not None:
                assert set(slugs) == expected, name
            continue
        groups = [items[s] for s in slugs]
        assert len(set(groups)) == len(groups), f"{name}: two entries of one news item"
        for entry, slug in zip(entries, slugs, strict=True):
            links = entry.findall(f"{ATOM}link[@rel='alternate']")
            assert links[-1].get("hreflang") is None  # the page last: feedparser's link
            assert links[-1].get("href") == page(public[slug])
            translated = {x.get("hreflang"): x.get("href") for x in links[:-1]}
            for other in items[slug] - {slug}:
                if other in public:
                    url = page(public[other])
                    assert translated[public[other].language] == url, (name, slug, other)
                else:  # not published yet: no link, no address
                    assert other.encode() not in data, (name, other)
            # the original: published first, so none of its public translations is older
            for other in items[slug] & public.keys():
                assert published_at(public[other]) >= published_at(public[slug])


def check_text_is_text(out: dict[str, bytes]) -> None:
    """No element that holds plain text carries what reads as markup (ContainsHTML,
    ContainsUndeclaredHTML, CharacterData): Atom text constructs of type text read the
    same as HTML, anything else is type="html"; RSS plain-text elements have no ``<``
    once parsed, and write ``&`` and ``<`` as hexadecimal references."""
    for name, data in out.items():
        if name.endswith(".atom"):
            root = etree.fromstring(data)
            for element in root.iter(
                *(f"{ATOM}{t}" for t in ("title", "subtitle", "rights", "summary"))
            ):
                text = element.text or ""
                if element.get("type", "text") == "text":
                    assert "<" not in text and html.unescape(text) == text, (name, text)
                else:
                    assert element.get("type") == "html", name
        elif name.endswith(".rss"):
            root = etree.fromstring(data)
            channel = root.find("channel")
            plain = [channel.find("title"), channel.find("description")]
            for item in channel.iter("item"):
                plain += [item.find("title"), *item.iter("category", f"{DC}creator")]
            for element in plain:
                assert "<" not in (element.text or ""), (name, element.text)
            for line in data.split(b"\n"):
                if b"<title>" in line or b"<dc:creator>" in line or b"<category" in line:
                    assert b"&lt;" not in line and b"&amp;" not in line, (name, line)


def check_archives_link_their_neighbours(out: dict[str, bytes]) -> None:
    """Every archive page links ``current`` and at least one neighbouring archive page
    (ArchiveIncomplete, MissingCurrentInArchive); the chain from the subscription
    document reaches every page."""
    for name, data in out.items():
        if not name.endswith(".atom"):
            continue
        root = etree.fromstring(data)
        rels = {x.get("rel"): x.get("href") for x in root.findall(f"{ATOM}link")}
        if root.find("fh:archive", A) is not None:
            assert "current" in rels, name
            assert "prev-archive" in rels or "next-archive" in rels, name
        elif root.find("fh:complete", A) is None:  # a subscription document
            seen, href = 0, rels["prev-archive"]
            while href:
                page = etree.fromstring(out[href.removeprefix("https://newsroom.example.net/")])
                assert page.find("fh:archive", A) is not None
                seen += 1
                href = {x.get("rel"): x.get("href") for x in page.findall(f"{ATOM}link")}.get(
                    "prev-archive"
                )
            assert seen >= 2, name


def check_dates(out: dict[str, bytes], now: dt.datetime) -> None:
    """An empty feed is dated ``now`` (ImplausibleDate: it was 1970)."""
    for name, data in out.items():
        if name.endswith(".atom"):
            root = etree.fromstring(data)
            if not root.findall(f"{ATOM}entry"):
                assert instant(root.findtext(f"{ATOM}updated")) == now, name
        elif name.endswith(".rss"):
            channel = etree.fromstring(data).find("channel")
            if channel.find("item") is None:
                from email.utils import parsedate_to_datetime

                assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == now, name


def check_json_feeds(out: dict[str, bytes], releases: list[PressRelease]) -> None:
    import jsonschema

    schema = json.loads((ROOT / "tests/schemas/jsonfeed-1.1.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for name, data in out.items():
        if name.endswith(".json"):
            feed = json.loads(data)
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(feed)]
            assert not errors, f"{name}: {errors}"
            for item in feed["items"]:
                extension = item.get("_presskit")
                if extension is not None:
                    assert extension["about"].startswith("https://")
                    assert all(t["language"] and t["url"] for t in extension["translations"])


def check_all(out: dict[str, bytes], releases: list[PressRelease], now: dt.datetime) -> None:
    check_one_entry_per_news_item(out, releases, now)
    check_text_is_text(out)
    check_archives_link_their_neighbours(out)
    check_dates(out, now)
    check_json_feeds(out, releases)


@pytest.mark.parametrize("now", NOWS)
@pytest.mark.parametrize("page_size", [1, 3, 50])
def test_fixture_feeds_have_what_the_validator_asks(now: str, page_size: int) -> None:
    releases, site = load(FIXTURES)
    site = attrs.evolve(site, feed_page_size=page_size)
    check_all(render(releases, site, instant(now)), releases, instant(now))


def test_a_release_and_its_translations_are_one_news_item_in_every_format() -> None:
    releases, site = load(FIXTURES)
    out = render(releases, attrs.evolve(site, feed_page_size=50), instant("2026-01-01T00:00Z"))
    base = "https://newsroom.example.net/"
    expected = [
        ("ms-MY", "https://www.mcmc.example.gov.my/ms/kenyataan"),
        ("ta-SG", base + "nr-trans-ta-14/"),
        ("zh-Hans-SG", base + "nr-trans-zh-13/"),
    ]
    for feed in ("newsroom", "agency/mddi", "agency/imda"):
        atom = etree.fromstring(out[f"feeds/{feed}.atom"])
        ids = [slug_of(i) for i in atom.xpath("a:entry/a:id/text()", namespaces=A)]
        assert "nr-trans-en-12" in ids and "nr-trans-zh-13" not in ids
        assert "nr-trans-ta-14" not in ids
        (entry,) = [
            e for e in atom.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("-12")
        ]
        got = [(x.get("hreflang"), x.get("href")) for x in entry.findall(f"{ATOM}link[@hreflang]")]
        assert got == expected
        # the item changed when the Tamil translation came out, an hour later
        assert entry.findtext(f"{ATOM}updated") == "2025-02-02T10:00:00+08:00"
        assert entry.findtext(f"{ATOM}published") == "2025-02-02T09:00:00+08:00"
        rss = etree.fromstring(out[f"feeds/{feed}.rss"])
        (item,) = [i for i in rss.iter("item") if i.findtext("guid").endswith("-12")]
        got = [(x.get("hreflang"), x.get("href")) for x in item.findall(f"{ATOM}link")]
        assert got == expected and item.findtext("link") == base + "nr-trans-en-12/"
        jf = json.loads(out[f"feeds/{feed}.json"])
        (it,) = [i for i in jf["items"] if i["id"].endswith("-12")]
        assert [(t["language"], t["url"]) for t in it["_presskit"]["translations"]] == expected
    # each language feed keeps its own language's release
    zh = etree.fromstring(out["feeds/language/zh-hans-sg.atom"])
    assert [slug_of(i) for i in zh.xpath("a:entry/a:id/text()", namespaces=A)] == [
        "nr-embargo-future-16",
        "nr-trans-zh-13",
    ]


def test_before_a_translation_is_out_it_is_neither_entry_nor_link() -> None:
    releases, site = load(FIXTURES)
    out = render(releases, site, instant("2025-02-02T01:30:00Z"))
    for data in out.values():
        assert b"nr-trans-ta-14" not in data
    newsroom = etree.fromstring(out["feeds/newsroom.atom"])
    assert newsroom.findtext("a:entry/a:updated", namespaces=A) == "2025-02-02T09:00:00+08:00"


def test_an_empty_feed_is_dated_now() -> None:
    releases, site = load(FIXTURES)
    now = instant("2025-01-01T00:00:00Z")
    out = render(releases, site, now)
    root = etree.fromstring(out["feeds/newsroom.atom"])
    assert root.findtext(f"{ATOM}updated") == "2025-01-01T00:00:00+00:00"
    assert (
        b"<lastBuildDate>Wed, 01 Jan 2025 00:00:00 +0000</lastBuildDate>"
        in out["feeds/newsroom.rss"]
    )


# --- the W3C validator's own code ---------------------------------------------------------


def feedcheck(files: list[Path]) -> list[tuple[Path, str, str]]:
    """(file, event name, message) of every error and warning feedcheck reports."""
    if not FEEDCHECK.exists():
        pytest.skip(f"{FEEDCHECK} is absent (../shared is not beside this checkout)")
    if importlib.util.find_spec("html5lib") is None:
        pytest.skip("feedcheck needs html5lib: pip install html5lib")
    events = []
    for start in range(0, len(files), 100):
        run = subprocess.run(
            [sys.executable, str(FEEDCHECK), *map(str, files[start : start + 100])],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode in (0, 1), run.stderr
        for line in run.stdout.splitlines():
            path, _, rest = line.partition(": ")
            level_name, _, message = rest.partition(" | ")
            events.append((Path(path), level_name.split()[1], message))
    return events


def validate(out: dict[str, bytes], releases: list[PressRelease], folder: Path) -> list[str]:
    """feedcheck every RSS and Atom document of ``out``; the events left once
    DuplicateUpdated between entries of different news items (true data: two releases
    issued at the same instant) is set aside."""
    items = news_items(releases)
    files = []
    for name, data in sorted(out.items()):
        if name.endswith((".rss", ".atom")):
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            files.append(path)
    problems = []
    for path, name, message in feedcheck(files):
        if name == "DuplicateUpdated" and path.suffix == ".atom":
            root = etree.parse(str(path)).getroot()
            by_updated: dict[str, list[str]] = defaultdict(list)
            for entry in root.findall(f"{ATOM}entry"):
                by_updated[entry.findtext(f"{ATOM}updated")].append(
                    slug_of(entry.findtext(f"{ATOM}id"))
                )
            if all(len({items[s] for s in slugs}) == len(slugs) for slugs in by_updated.values()):
                continue
        problems.append(f"{path.relative_to(folder)}: {name} {message}")
    return problems


@pytest.mark.parametrize("now", NOWS)
def test_fixture_feeds_pass_feedcheck(now: str, tmp_path: Path) -> None:
    releases, site = load(FIXTURES)  # feed_page_size = 3: archives and complete feeds
    assert validate(render(releases, site, instant(now)), releases, tmp_path) == []


@pytest.mark.parametrize("now", NOWS[1:])
def test_newsroom_30_passes_feedcheck(now: str, tmp_path: Path) -> None:
    """../shared/cases/newsroom-30 (30 releases, 11 languages): no error and no warning
    but DuplicateUpdated between different releases of the same instant, at the
    site's page size (10) and at a small one that makes many archive pages; and every
    property above."""
    if not NEWSROOM_30.exists():
        pytest.skip(f"{NEWSROOM_30} is absent (../shared is not beside this checkout)")
    releases, site = load(NEWSROOM_30)
    for size in (site.feed_page_size, 3):
        out = render(releases, attrs.evolve(site, feed_page_size=size), instant(now))
        check_all(out, releases, instant(now))
        assert validate(out, releases, tmp_path / str(size)) == []


#: Text that looks like UTF-8 read as Latin-1 (``Â`` or ``Ã`` and a character from U+0080
#: to U+00BF), which the validator reports as BadCharacters (fuzzing batches b00032,
#: b00046, b00126, b00320): a headline, a subheadline, a paragraph, a link, a tag.
LATIN1_PAIRS = ("MenteriÃ¼ Â¹", "Ã°x Â±5", "]]>Â¹a", "J]XÃ°x@y.z", "Â\xadO")


def _latin1_pair_release() -> PressRelease:
    from presskit.model import Dateline, Issuer, Paragraph, Run

    issued = dt.datetime(2025, 3, 4, 9, 15, tzinfo=dt.UTC)
    return PressRelease(
        slug="latin1-pairs",
        headline=LATIN1_PAIRS[0],
        subheadline=LATIN1_PAIRS[1],
        issuers=[Issuer("mddi", "MDDI")],
        dateline=Dateline("SINGAPORE", issued.date()),
        issued_at=issued,
        body=[
            Paragraph([Run(LATIN1_PAIRS[2] + " "), Run(LATIN1_PAIRS[3], href="https://e.org/")]),
            Paragraph(LATIN1_PAIRS[1] + " lost\ufffd, internal\ufdd0 use"),
        ],
        tags=[LATIN1_PAIRS[4]],
    )


def test_text_that_looks_double_encoded_is_carried_as_written(tmp_path: Path) -> None:
    """``Ã¼`` is what UTF-8 ``ü`` read as Latin-1 looks like, but it is also text an
    author may write: the feeds keep it (the parsed feed holds the very characters) and
    write the second character as a reference, which the validator accepts. U+FFFD,
    which the validator reports wherever it is, never reaches the feed."""
    release = _latin1_pair_release()
    site = Site(base_url="https://news.example.org/", name="Newsroom")
    out = render([release], site, instant("2026-01-01T00:00Z"))
    for name in ("feeds/newsroom.rss", "feeds/newsroom.atom"):
        root = etree.fromstring(out[name])
        text = "".join(root.itertext()) + " ".join(v for e in root.iter() for v in e.values())
        flat = html.unescape(html.unescape(text))  # content is escaped HTML
        for written in LATIN1_PAIRS:
            assert written in flat, (name, written)
        assert "lost, internal use" in flat  # U+FFFD and U+FDD0 removed in the model
    assert validate(out, [release], tmp_path) == []


def test_latin1_pair_references_read_back_as_the_same_text() -> None:
    """The rewrite keeps the document's text, in character data, in an attribute and in
    a CDATA section (closed around the reference), and leaves other text alone."""
    from presskit.exporters.feeds import _latin1_pair_refs

    doc = '<a t="Ã¼">Â¹ ÂÂ\xad Ãx é<![CDATA[<b>Ã°</b>]]></a>'.encode()
    out = _latin1_pair_refs(doc)
    assert b"\xc3\x83\xc2\xbc" not in out and b"&#xBC;" in out and b"&#xB0;" in out
    before, after = etree.fromstring(doc), etree.fromstring(out)
    assert (after.text, after.get("t")) == (before.text, before.get("t"))
    assert "Ãx é" in after.text and after.text.endswith("<b>Ã°</b>")
