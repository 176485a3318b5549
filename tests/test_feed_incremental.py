"""Incremental feeds and index (issue 16): documents with content keys, entry fragments
kept in the build cache by the release's fingerprint, archive pages that keep their key
while their entries do not change, and the same bytes whichever way they were made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import presskit
from presskit.buildcache import Cache, digest
from presskit.errors import ExportError
from presskit.exporters import CollectionDocument, get
from presskit.exporters import feeds as feed_exporters
from presskit.exporters._feedparts import Memo
from presskit.model import PressRelease
from presskit.site import Site

SITE = Site(name="Test newsroom", base_url="https://news.example.org/", language="en-SG")
SMALL_PAGES = attrs.evolve(SITE, feed_page_size=2)
NOW = dt.datetime(2060, 1, 1, tzinfo=dt.UTC)
FEEDS = ("rss", "atom", "jsonfeed")


def _newsroom(reference: PressRelease, count: int) -> list[PressRelease]:
    """``count`` releases, 7 hours apart, two agencies, every fifth in Malay."""
    third = attrs.evolve(reference.issuers[0], id="cyber", name="Cyber Agency", short_name="CA")
    issuers = [reference.issuers[:1], (third,)]
    out = []
    for n in range(count):
        at = reference.issued_at + dt.timedelta(hours=7 * n)
        out.append(
            attrs.evolve(
                reference,
                slug=f"release-{n:03}",
                headline=f"{reference.headline} ({n})",
                issuers=issuers[n % 2],
                issued_at=at,
                updated_at=None,
                dateline=attrs.evolve(reference.dateline, date=at.date()),
                language="en-SG" if n % 5 else "ms-SG",
            )
        )
    return out


def _prints(releases: list[PressRelease], salt: str = "") -> dict[str, str]:
    return {r.slug: digest("test", r.slug, salt) for r in releases}


@pytest.fixture(autouse=True)
def _fresh_sessions() -> Iterator[None]:
    """Each test plans from scratch (the exporters reuse the last plan)."""
    feed_exporters._last_plan.clear()
    yield
    feed_exporters._last_plan.clear()


def _documents(
    fmt: str, releases: list[PressRelease], **options: object
) -> list[CollectionDocument]:
    exporter = get(fmt)
    values: dict[str, object] = {"site": SMALL_PAGES, "now": NOW, **options}
    if fmt == "index":
        values.pop("cache", None)
    return list(exporter().documents(releases, exporter.make_options(**values)))  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", [*FEEDS, "index"])
def test_every_document_has_a_key_given_fingerprints(reference: PressRelease, fmt: str) -> None:
    """With the releases' fingerprints (as in a build), every document has a key, and
    keys are distinct: the build can leave alone each document whose key it wrote."""
    releases = _newsroom(reference, 12)
    documents = _documents(fmt, releases, fingerprints=_prints(releases))
    keys = [d.key for d in documents]
    assert len(documents) > 3
    assert all(keys)
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("fmt", [*FEEDS, "index"])
def test_no_keys_without_fingerprints(reference: PressRelease, fmt: str) -> None:
    releases = _newsroom(reference, 6)
    assert all(d.key is None for d in _documents(fmt, releases))


@pytest.mark.parametrize("fmt", FEEDS)
def test_archive_pages_keep_their_key_when_a_release_comes_in(
    reference: PressRelease, fmt: str
) -> None:
    """RFC 5005 archive pages never change as releases come in: a new release changes
    the subscription documents (and the archive page it fills), never the full pages
    before it, so the build neither renders nor rewrites them."""
    releases = _newsroom(reference, 13)
    before = {d.path: d.key for d in _documents(fmt, releases[:12], fingerprints=_prints(releases))}
    feed_exporters._last_plan.clear()
    after = {d.path: d.key for d in _documents(fmt, releases, fingerprints=_prints(releases))}
    archive = "feeds/archive/newsroom/"
    pages = sorted(p for p in before if p.startswith(archive))
    assert len(pages) == 6
    # pages 1 to 5 are full and older than the new release; page 6 gains nothing either
    # (13 entries make 6 full pages of 2), so every archive page keeps its key
    assert all(after[p] == before[p] for p in pages)
    assert after[f"feeds/newsroom.{_ext(fmt)}"] != before[f"feeds/newsroom.{_ext(fmt)}"]


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_changed_release_changes_only_the_documents_that_hold_it(
    reference: PressRelease, fmt: str
) -> None:
    releases = _newsroom(reference, 12)
    prints = _prints(releases)
    before = {d.path: (d.key, d) for d in _documents(fmt, releases, fingerprints=prints)}
    changed = dict(prints, **{"release-000": digest("edited")})
    releases[0] = attrs.evolve(releases[0], headline="Edited headline")
    feed_exporters._last_plan.clear()
    after = {d.path: (d.key, d) for d in _documents(fmt, releases, fingerprints=changed)}
    moved = {p for p in before if before[p][0] != after[p][0]}
    holding = {p for p, (_, d) in after.items() if b"Edited headline" in d.make()}
    assert moved == holding
    assert f"feeds/archive/newsroom/1.{_ext(fmt)}" in moved
    assert f"feeds/newsroom.{_ext(fmt)}" not in moved  # the newest entries only


def _ext(fmt: str) -> str:
    return {"rss": "rss", "atom": "atom", "jsonfeed": "json"}[fmt]


def test_cached_fragments_give_the_same_bytes_without_rendering_again(
    reference: PressRelease, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second build with the cache makes no entry content (the expensive part) and
    writes the same bytes as a build without a cache."""
    releases = _newsroom(reference, 12)
    prints = _prints(releases)
    plain = {f: {d.path: d.make() for d in _documents(f, releases)} for f in FEEDS}
    feed_exporters._last_plan.clear()
    cache = Cache(tmp_path / "cache")
    first = {
        f: {d.path: d.make() for d in _documents(f, releases, fingerprints=prints, cache=cache)}
        for f in FEEDS
    }
    assert first == plain
    # one fragment per release and format (and the languages' names, once per cache)
    fragments = set(cache.keys()) - {digest("language-names/1")}
    assert len(fragments) == 3 * len(releases)

    def no_content(*_: object) -> str:
        raise AssertionError("entry content made again")

    monkeypatch.setattr("presskit.feedplan.content_html", no_content)
    feed_exporters._last_plan.clear()
    again = {
        f: {d.path: d.make() for d in _documents(f, releases, fingerprints=prints, cache=cache)}
        for f in FEEDS
    }
    assert again == plain


def test_the_cache_is_keyed_by_the_fingerprint(reference: PressRelease, tmp_path: Path) -> None:
    """A release whose fingerprint changed is made again, not taken from the cache."""
    releases = _newsroom(reference, 4)
    cache = Cache(tmp_path / "cache")
    _documents("atom", releases, fingerprints=_prints(releases), cache=cache)[0].make()
    releases[3] = attrs.evolve(releases[3], headline="Corrected headline")  # the newest
    feed_exporters._last_plan.clear()
    documents = _documents("atom", releases, fingerprints=_prints(releases, "v2"), cache=cache)
    assert b"Corrected headline" in documents[0].make()


def test_a_small_memo_gives_the_same_bytes(
    reference: PressRelease, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With room in memory for a few fragments only (a huge newsroom), the rest are read
    back from the cache: same bytes."""
    releases = _newsroom(reference, 12)
    plain = {d.path: d.make() for d in _documents("rss", releases)}
    monkeypatch.setattr("presskit.exporters._feedparts.MEMO_BYTES", 20_000)
    feed_exporters._last_plan.clear()
    cache = Cache(tmp_path / "cache")
    for fmt in FEEDS:  # the rss fragments are made while atom's are asked for, and so on
        made = {
            d.path: d.make()
            for d in _documents(fmt, releases, fingerprints=_prints(releases), cache=cache)
        }
    made = {
        d.path: d.make()
        for d in _documents("rss", releases, fingerprints=_prints(releases), cache=cache)
    }
    assert made == plain


def test_memo_takes_no_more_once_full() -> None:
    memo = Memo(10)
    memo.put(("atom", True, "a"), b"123456")
    memo.put(("atom", True, "b"), b"123456")  # would pass the limit: not kept
    memo.put(("atom", True, "c"), b"1234")
    assert set(memo.items) == {("atom", True, "a"), ("atom", True, "c")}
    memo.keep_only("rss", True)
    assert memo.items == {} and memo.size == 0


@pytest.mark.parametrize("fmt", [*FEEDS, "index"])
def test_documents_and_render_collection_agree(reference: PressRelease, fmt: str) -> None:
    releases = _newsroom(reference, 9)
    exporter = get(fmt)
    options = exporter.make_options(site=SMALL_PAGES, now=NOW)
    rendered = exporter().render_collection(releases, options)  # type: ignore[attr-defined]
    feed_exporters._last_plan.clear()
    made = {d.path: d.make() for d in _documents(fmt, releases, fingerprints=_prints(releases))}
    assert made == rendered


def test_index_page_key_follows_its_releases(reference: PressRelease) -> None:
    releases = _newsroom(reference, 6)
    prints = _prints(releases)
    before = {d.path: d.key for d in _documents("index", releases, fingerprints=prints)}
    # release-001 is issued by the Cyber Agency, in English: its agency's page, the
    # English page and the newsroom page list it; the other agency's page does not
    after = {
        d.path: d.key
        for d in _documents(
            "index", releases, fingerprints=dict(prints, **{"release-001": digest("x")})
        )
    }
    moved = {p for p in before if before[p] != after[p]}
    assert moved == {"index.html", "agency-cyber.html", "language-en-sg.html"}


@pytest.mark.parametrize(
    ("fmt", "option"), [("rss", "fingerprints"), ("atom", "cache"), ("index", "fingerprints")]
)
def test_options_the_build_sets_refuse_other_values(fmt: str, option: str) -> None:
    exporter = get(fmt)
    with pytest.raises(ExportError, match="set by the build"):
        exporter.make_options(site=SITE, now=NOW, **{option: "x"})


def test_a_build_with_a_cache_writes_the_same_feeds(tmp_path: Path) -> None:
    """presskit.build with the cache and fingerprints: the same feeds and index as
    without, and the feed fragments are in the cache."""
    from presskit.pipeline import parse_targets
    from tests.conftest import SOURCES

    loaded = [presskit.load(p) for p in sorted(SOURCES.glob("*.md"))]
    site = attrs.evolve(SITE, feed_page_size=1)
    formats = ["rss", "atom", "jsonfeed", "index"]
    targets = parse_targets(formats)
    presskit.build(loaded, tmp_path / "plain", targets=targets, now=NOW, site=site)
    cache = Cache(tmp_path / "cache")
    feed_exporters._last_plan.clear()
    presskit.build(loaded, tmp_path / "cached", targets=targets, now=NOW, site=site, cache=cache)
    plain = sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*"))
    cached = sorted(p.relative_to(tmp_path / "cached") for p in (tmp_path / "cached").rglob("*"))
    assert plain == cached
    for path in plain:
        if (tmp_path / "plain" / path).is_file():
            assert (tmp_path / "plain" / path).read_bytes() == (
                tmp_path / "cached" / path
            ).read_bytes(), path
    assert len(list(cache.keys())) >= 3 * len(loaded)
