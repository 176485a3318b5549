"""The shortcuts of a rebuild with little or nothing changed (issue 16): agencies files
taken from the build cache, the cache's pruning from its tally of shards, feed URLs
made without joining, language tags checked once. Each gives what the long way gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import presskit.buildcache
import presskit.sources
from presskit.buildcache import Cache
from presskit.errors import ModelError, SourceError
from presskit.feedplan import Urls
from presskit.model import Translation
from presskit.site import Site
from presskit.sources import agencies_of, discover, load_many
from tests.conftest import SOURCES


@pytest.fixture(autouse=True)
def _forget_agencies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty in-process memo of agencies files."""
    monkeypatch.setattr(presskit.sources, "_AGENCIES", {})


def _no_agencies_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("an agencies file was parsed")

    monkeypatch.setattr(presskit.sources, "load_agencies", fail)


def test_a_cached_agencies_file_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    paths = discover([SOURCES])
    first = load_many(paths, cache=cache)
    site = agencies_of(SOURCES / "agencies.toml", cache=cache).site
    monkeypatch.setattr(presskit.sources, "_AGENCIES", {})  # a new process
    _no_agencies_parse(monkeypatch)

    second = load_many(paths, cache=cache)

    assert [i.release for i in second] == [i.release for i in first]
    assert agencies_of(SOURCES / "agencies.toml", cache=cache).site == site


def test_an_edited_agencies_file_is_parsed_again(tmp_path: Path) -> None:
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    cache = Cache(tmp_path / "cache")
    load_many(discover([src]), cache=cache)
    agencies = src / "agencies.toml"
    agencies.write_text(agencies.read_text("utf-8").replace("MDDI", "MDDI (new)"), "utf-8")

    loaded = load_many(discover([src]), cache=cache)

    names = {i.short_name for item in loaded if item.release for i in item.release.issuers}
    assert "MDDI (new)" in names


def test_a_broken_agencies_file_fails_its_sources_with_cached_models(tmp_path: Path) -> None:
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    cache = Cache(tmp_path / "cache")
    load_many(discover([src]), cache=cache)
    (src / "agencies.toml").write_text("[site\n", "utf-8")

    loaded = load_many(discover([src]), cache=cache)

    assert all(isinstance(item.error, SourceError) for item in loaded)
    assert all("agencies.toml" in str(item.error) for item in loaded)


def _png(width: int, height: int) -> bytes:
    """The header of a PNG of ``width`` x ``height`` pixels (enough for the size check)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def test_an_agencies_file_whose_logo_changed_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A logo's checks (containment, size) are made when the agencies file is parsed:
    a cached agencies file is taken only while the logos it names are unchanged, so a
    logo swapped for one too large is refused by the next build as by the first."""
    agencies = tmp_path / "src" / "agencies.toml"
    agencies.parent.mkdir()
    agencies.write_text(
        '[site]\ntime_zone = "Asia/Singapore"\n\n[agencies.mddi]\n'
        'name = "Ministry of Digital Development and Information"\nlogo = "logo.png"\n',
        "utf-8",
    )
    logo = agencies.parent / "logo.png"
    logo.write_bytes(_png(10, 10))
    cache = Cache(tmp_path / "cache")
    assert agencies_of(agencies, cache=cache).issuers["mddi"].logo == "logo.png"
    monkeypatch.setattr(presskit.sources, "_AGENCIES", {})  # a new process
    logo.write_bytes(_png(20_000, 20_000))
    os.utime(logo, ns=(1, 1))

    with pytest.raises(SourceError, match="pixels"):
        agencies_of(agencies, cache=cache)
    with pytest.raises(SourceError, match="pixels"):  # and again, from this process
        agencies_of(agencies, cache=cache)


# --- pruning from the tally of shards ----------------------------------------------------


def test_prune_lists_no_object_when_nothing_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    for n in range(40):
        cache.put(f"{n:02x}" + "0" * 62, b"x" * 100)
    old = 1_000_000_000  # the shards were written long ago (not in the last second)
    for shard in (cache.folder / "objects").iterdir():
        if shard.is_dir():
            os.utime(shard, ns=(old, old))
    assert cache.prune(1 << 20) == 0
    listed: list[str] = []
    real = presskit.buildcache._shard_size

    def counted(folder: str) -> tuple[int, bool]:
        listed.append(folder)
        return real(folder)

    monkeypatch.setattr(presskit.buildcache, "_shard_size", counted)

    assert cache.prune(1 << 20) == 0
    assert listed == []

    cache.put("05" + "1" * 62, b"y" * 100)  # one shard changed: only it is listed again
    assert cache.prune(1 << 20) == 0
    assert [Path(p).name for p in listed] == ["05"]


def test_prune_still_keeps_the_cache_under_its_bound(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    for n in range(10):
        cache.put(f"{n:02x}" + "0" * 62, b"x" * 1000)
    assert cache.prune(1 << 20) == 0  # tallied
    for n in range(10, 20):
        key = f"{n:02x}" + "0" * 62
        cache.put(key, b"x" * 1000)
        os.utime(cache.path(key), ns=(2 * 10**18, 2 * 10**18))  # used last

    removed = cache.prune(10 * 1016)  # room for ten objects (with their checks)

    assert removed == 10 * 1016
    assert sorted(cache.keys()) == [f"{n:02x}" + "0" * 62 for n in range(10, 20)]


def test_a_damaged_tally_is_counted_again(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    for n in range(5):
        cache.put(f"{n:02x}" + "0" * 62, b"x" * 1000)
    cache.prune(1 << 20)
    (cache.folder / "objects" / presskit.buildcache.TALLY).write_text("{not json", "utf-8")

    assert cache.prune(3 * 1016) == 2 * 1016
    assert len(list(cache.keys())) == 3


# --- feed URLs ---------------------------------------------------------------------------

BASES = [
    "https://news.example.org/",
    "https://news.example.org/sub/dir/",
    "https://Example.ORG:8443/a/",
    "https://例え.jp/news/",
    "http://host/%7Eme/",
    "https://news.example.org/page",
]
PATHS = [
    "a/", "a-b_c~d/a-b_c~d.pdf", "feeds/newsroom.atom", ".hidden", "..x/y", "x/./y",
    "x/../y", "..", ".", "a//b", "", "é/", "a b/", "A/B.C", "x/.y/..z", "a/..", "a/.",
    "../a", "./a", "...", "a/...", "/abs/", "a?b", "a#b", "a%20b/", "https://other.org/x",
    "kiosks-zh-00024/kiosks-zh-00024.docx",
]  # fmt: skip


@pytest.mark.parametrize("base", BASES)
def test_feed_urls_are_those_of_the_site(base: str) -> None:
    site = Site(base_url=base)
    urls = Urls(site)
    for path in PATHS:
        assert urls.url(path) == site.url(path), path


# --- language tags -----------------------------------------------------------------------


def test_a_language_tag_is_refused_every_time_it_is_given() -> None:
    for _ in range(3):
        with pytest.raises(ModelError, match="xx-Qqqq"):
            Translation("xx-Qqqq", slug="a")
    assert Translation("en-SG", slug="a").language == "en-SG"
    with pytest.raises((ModelError, TypeError)):
        Translation(["en"], slug="a")  # type: ignore[arg-type]


# --- the command line --------------------------------------------------------------------


def test_a_quiet_rebuild_imports_no_renderer_it_does_not_need(tmp_path: Path) -> None:
    """A rebuild with nothing changed parses no source (no Markdown parser imported) and
    imports no rich (no spinner with -q), and writes nothing."""
    shutil.copytree(SOURCES, tmp_path / "sources")
    args = ["build", "-f", "json,html,atom,index", "--now", "2025-06-01T00:00:00Z", "-q"]
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['presskit', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('presskit.cli', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "loaded = [m for m in ('rich', 'markdown_it') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    run = [sys.executable, "-c", probe, *args]
    first = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=True)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "dist").rglob("*") if p.is_file()}

    again = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=True)

    assert "LOADED []" in again.stdout, again.stdout + first.stdout
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / "dist").rglob("*") if p.is_file()}
    assert after == before


def test_language_names_are_kept_in_the_build_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import presskit.feedplan
    from presskit.feedplan import language_name, language_names

    cache = Cache(tmp_path / "cache")
    cache.mark()
    monkeypatch.setattr(presskit.feedplan, "_NAMES", {})
    monkeypatch.setattr(presskit.feedplan, "_NAMES_FROM", set())
    with language_names(cache):
        first = [language_name(tag) for tag in ("zh-Hans-SG", "th", "qqq")]
    monkeypatch.setattr(presskit.feedplan, "_NAMES", {})  # a new process
    monkeypatch.setattr(presskit.feedplan, "_NAMES_FROM", set())

    def fail(tag: str) -> str:
        raise AssertionError("babel was asked")

    monkeypatch.setattr(presskit.feedplan, "_babel_name", fail)
    with language_names(cache):
        again = [language_name(tag) for tag in ("zh-Hans-SG", "th", "qqq")]

    assert again == first == ["中文 (简体, 新加坡)", "ไทย", "qqq"]


def test_a_source_named_twice_is_listed_once_through_a_linked_folder(tmp_path: Path) -> None:
    """discover() resolves a folder without links once: a source found in it and named
    again (by itself, or through a link to the folder) is listed once."""
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    (tmp_path / "link").symlink_to(src, target_is_directory=True)
    first = discover([src])
    named = first[0]

    again = discover([src, named, tmp_path / "link" / named.name, tmp_path / "link"])

    assert again == first
