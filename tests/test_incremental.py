"""Incremental builds (issue 16): the render and model caches, the manifest, stale
outputs, ``presskit clean``, and a cached build killed at any moment."""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs
import pytest

import presskit.render
import presskit.sources.release
from presskit.buildcache import Cache
from presskit.exporters import BuildContext
from presskit.model import PressRelease
from presskit.pipeline import Written, build, parse_targets
from presskit.render import options_stamp, render_key, slice_context
from presskit.site import Site
from presskit.sources import discover, load_many
from tests.conftest import SOURCES

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
SITE = Site(base_url="https://news.example.org/")
#: Cheap formats, a variant, a bundle that reads its siblings (kit) and the feeds.
FORMATS = ["json", "html", "nitf", "text:us", "atom", "index"]


@attrs.define
class Newsroom:
    """A copy of sources/, its output folder and cache."""

    src: Path
    out: Path
    cache: Cache

    def build(
        self,
        *,
        prune: bool = True,
        executor: object = None,
        now: dt.datetime = NOW,
        cache: bool = True,
    ) -> Written:
        loaded = load_many(discover([self.src]), cache=self.cache if cache else None)
        releases = [item.release for item in loaded if item.release is not None]
        return build(
            releases,
            self.out,
            targets=parse_targets(FORMATS),
            now=now,
            site=SITE,
            asset_roots={i.release.slug: i.path.parent for i in loaded if i.release},
            cache=self.cache if cache else None,
            fingerprints={i.release.slug: i.key for i in loaded if i.release and i.key},
            state=self.cache.folder,
            sources={i.release.slug: i.path for i in loaded if i.release},
            prune=prune,
            executor=executor,  # type: ignore[arg-type]
        )


@pytest.fixture
def newsroom(tmp_path: Path) -> Newsroom:
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    return Newsroom(src, tmp_path / "dist", Cache(tmp_path / ".presskit-cache"))


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _no_render(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a release was rendered")

    monkeypatch.setattr(presskit.render, "render", fail)


def _no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a source was parsed")

    monkeypatch.setattr(presskit.sources.release, "loads_markdown", fail)


def test_no_change_rebuild_parses_renders_and_writes_nothing(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = newsroom.build()
    before = {p: (newsroom.out / p).stat().st_mtime_ns for p in _files(newsroom.out)}
    _no_render(monkeypatch)
    _no_parse(monkeypatch)

    again = newsroom.build()

    documents = [f for f in again if f.format not in ("atom", "index")]
    assert documents and not any(f.changed for f in documents)
    assert [(f.path, f.sha256) for f in again] == [(f.path, f.sha256) for f in first]
    after = {p: (newsroom.out / p).stat().st_mtime_ns for p in _files(newsroom.out)}
    release_files = {f.path for f in documents}
    assert {p: before[p] for p in release_files} == {p: after[p] for p in release_files}
    assert not again.removed


def test_unchanged_collections_are_not_planned_again(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing changed, the feeds and the index are not even planned (the manifest's
    key of each collection format matches); a deleted feed file, an embargo that lifts and
    a changed release make them again, with the bytes of a build from scratch."""
    from presskit.exporters.feeds import AtomExporter
    from presskit.exporters.index import IndexExporter

    before = dt.datetime(2025, 3, 4, tzinfo=dt.UTC)  # two releases of sources/ under embargo
    first = newsroom.build(now=before)
    made: list[str] = []
    for exporter in (AtomExporter, IndexExporter):
        real = exporter.documents

        def spy(self, *args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            made.append(self.name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(exporter, "documents", spy)
    again = newsroom.build(now=before + dt.timedelta(minutes=5))
    assert made == []
    assert [(f.path, f.sha256, f.changed) for f in again if f.format in ("atom", "index")] == [
        (f.path, f.sha256, False) for f in first if f.format in ("atom", "index")
    ]
    (newsroom.out / "feeds" / "newsroom.atom").unlink()
    newsroom.build(now=before)
    assert made == ["atom"]
    later = NOW  # the embargoes have lifted
    newsroom.build(now=later)
    assert made == ["atom", "atom", "index"]
    fresh = Newsroom(newsroom.src, newsroom.out.parent / "fresh", Cache(newsroom.out.parent / "c2"))
    fresh.build(now=later, cache=False)
    assert _files(newsroom.out) == _files(fresh.out)


def test_one_change_rewrites_only_that_release(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom.build()
    source = newsroom.src / "sample-scam-alert-2025.md"
    source.write_text(source.read_text("utf-8").replace("scam", "fraud", 2), "utf-8")
    rendered: list[str] = []
    real = presskit.render.render

    def spy(release: PressRelease, *args: object, **kwargs: object) -> object:
        rendered.append(release.slug)
        return real(release, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(presskit.render, "render", spy)

    again = newsroom.build()

    assert rendered == ["sample-scam-alert-2025"]
    changed = {f.path.split("/")[0] for f in again if f.changed and f.format != "attachment"}
    assert "sample-scam-alert-2025" in changed
    assert changed <= {"sample-scam-alert-2025", "feeds", "index.html"} | {
        f.path for f in again if f.format == "index"
    }


def test_cached_renders_rewrite_a_deleted_output_without_rendering(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom.build()
    reference = _files(newsroom.out)
    shutil.rmtree(newsroom.out)
    _no_render(monkeypatch)

    newsroom.build()

    assert _files(newsroom.out) == reference


def test_a_damaged_cache_object_is_rendered_again(newsroom: Newsroom) -> None:
    newsroom.build()
    reference = _files(newsroom.out)
    for key in list(newsroom.cache.keys()):
        newsroom.cache.path(key).write_bytes(b"not a pickle")
    shutil.rmtree(newsroom.out)

    newsroom.build()

    assert _files(newsroom.out) == reference


def test_no_cache_renders_everything_and_stores_nothing(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom.build(cache=False)
    assert list(newsroom.cache.keys()) == []
    rendered: list[str] = []
    real = presskit.render.render
    monkeypatch.setattr(
        presskit.render, "render", lambda r, *a: rendered.append(r.slug) or real(r, *a)
    )

    newsroom.build(cache=False)

    assert len(rendered) == 4


def test_a_deleted_source_is_removed_from_the_output(newsroom: Newsroom) -> None:
    newsroom.build()
    (newsroom.out / "notes.txt").write_text("mine", "utf-8")
    (newsroom.src / "sample-scam-alert-2025.md").unlink()

    again = newsroom.build()

    assert not (newsroom.out / "sample-scam-alert-2025").exists()
    assert again.removed and all(p.startswith("sample-scam-alert-2025/") for p in again.removed)
    assert (newsroom.out / "notes.txt").read_text("utf-8") == "mine"
    index = (newsroom.out / "index.html").read_text("utf-8")
    assert "sample-scam-alert-2025" not in index


def test_a_partial_build_keeps_the_other_releases(newsroom: Newsroom) -> None:
    newsroom.build()
    (newsroom.src / "sample-scam-alert-2025.md").unlink()

    again = newsroom.build(prune=False)

    assert not again.removed
    assert (newsroom.out / "sample-scam-alert-2025").is_dir()


def test_workers_give_the_bytes_of_a_build_in_process(newsroom: Newsroom, tmp_path: Path) -> None:
    alone = Newsroom(newsroom.src, tmp_path / "alone", Cache(tmp_path / "c1"))
    pooled = Newsroom(newsroom.src, tmp_path / "pooled", Cache(tmp_path / "c2"))
    one = alone.build()
    with ThreadPoolExecutor(2) as pool:
        two = pooled.build(executor=pool)

    assert [f.path for f in one] == [f.path for f in two]  # release order, then targets
    assert _files(alone.out) == _files(pooled.out)


def test_model_cache_gives_the_release_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    paths = discover([SOURCES])
    first = load_many(paths, cache=cache)
    _no_parse(monkeypatch)

    second = load_many(paths, cache=cache)

    assert [i.release for i in second] == [i.release for i in first]
    assert [i.key for i in second] == [i.key for i in first]
    assert all(i.key for i in first)


def test_model_key_follows_the_agencies_file(tmp_path: Path) -> None:
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    paths = discover([src])
    first = load_many(paths, cache=Cache(tmp_path / "cache"))
    agencies = src / "agencies.toml"
    agencies.write_text(agencies.read_text("utf-8").replace("MDDI", "MDDI (new)"), "utf-8")

    second = load_many(paths, cache=Cache(tmp_path / "cache"))

    assert all(a.key != b.key for a, b in zip(first, second, strict=True))
    assert second[0].release != first[0].release


def test_model_key_follows_presskits_own_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited checkout of presskit (same version number) parses the sources again: a
    cached model made by other loader code is not taken."""
    import presskit.buildcache
    from presskit.errors import Crash

    paths = discover([SOURCES])
    first = load_many(paths, cache=Cache(tmp_path / "cache"))
    monkeypatch.setattr(presskit.buildcache, "_CODE", ["another checkout"])
    _no_parse(monkeypatch)
    with pytest.raises(Crash, match="a source was parsed"):  # loading wraps it
        load_many(paths, cache=Cache(tmp_path / "cache"))
    assert first[0].key is not None


# `now` reaches a document only through the embargo: equal keys, equal bytes.

EMBARGOED = "sample-digital-help-kiosks-2025"


def _embargoed_release() -> PressRelease:
    loaded = load_many(discover([SOURCES]))
    releases = [i.release for i in loaded if i.release is not None]
    return next(r for r in releases if r.embargoed_until is not None)


def test_two_nows_with_one_embargo_state_give_the_same_bytes_in_every_format(
    tmp_path: Path,
) -> None:
    release = _embargoed_release()
    until = release.embargoed_until
    assert until is not None
    root = {release.slug: SOURCES}
    outputs = []
    for index, now in enumerate([until + dt.timedelta(hours=1), until + dt.timedelta(days=300)]):
        written = build([release], tmp_path / str(index), now=now, site=SITE, asset_roots=root)
        outputs.append(
            {
                f.path: (tmp_path / str(index) / f.path).read_bytes()
                for f in written
                if "/" in f.path
            }
        )
    assert len(outputs[0]) >= 14
    assert outputs[0] == outputs[1]


def test_render_key_changes_with_the_embargo_state_only() -> None:
    release = _embargoed_release()
    until = release.embargoed_until
    assert until is not None
    targets = parse_targets(None)
    stamp = options_stamp(targets, [], BuildContext(site=SITE))

    def key(now: dt.datetime) -> str:
        from presskit.publication import unpublished_slugs

        context = BuildContext(now=now, site=SITE, unpublished=unpublished_slugs([release], now))
        return render_key(release, "model", slice_context(context, release), now, stamp)

    after = key(until + dt.timedelta(hours=1))
    assert after == key(until + dt.timedelta(days=300))
    assert after != key(until - dt.timedelta(hours=1))


# presskit clean, and a cached build killed.


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "presskit.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_clean_removes_what_the_build_wrote_and_nothing_else(tmp_path: Path) -> None:
    shutil.copytree(SOURCES, tmp_path / "sources")
    args = ["build", "-f", ",".join(FORMATS), "--now", "2025-06-01T00:00:00Z", "-q", "-j", "1"]
    assert _cli(*args, cwd=tmp_path).returncode == 0
    (tmp_path / "dist" / "mine.txt").write_text("mine", "utf-8")
    (tmp_path / "dist" / "feeds" / "extra.xml").write_text("mine", "utf-8")
    assert (tmp_path / ".presskit-cache" / "objects").is_dir()

    result = _cli("clean", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    left = sorted(
        p.relative_to(tmp_path / "dist").as_posix() for p in (tmp_path / "dist").rglob("*")
    )
    assert left == ["feeds", "feeds/extra.xml", "mine.txt"]
    assert (tmp_path / ".presskit-cache" / "objects").is_dir()

    assert _cli("clean", "--cache", cwd=tmp_path).returncode == 0
    assert not (tmp_path / ".presskit-cache").exists()


KILLED = """
import os, signal, sys
at, count = int(sys.argv[1]), [0]
real = os.replace
def replace(src, dst, *args, **kwargs):
    count[0] += 1
    if count[0] == at:
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst, *args, **kwargs)
os.replace = replace
from presskit.cli import main
sys.argv = ["presskit", *sys.argv[2:]]
main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("at", [3, 12, 30])
def test_a_killed_cached_build_leaves_a_usable_cache(tmp_path: Path, at: int) -> None:
    """Killed while it stores models and renders (os.replace is how both the cache and
    the output are written), the next build gives the output of a fresh build, and one
    more reads everything from the cache."""
    shutil.copytree(SOURCES, tmp_path / "sources")
    args = [
        "build",
        "sources",
        "-f",
        ",".join(FORMATS),
        "--now",
        "2025-06-01T00:00:00Z",
        "-q",
        "-j",
        "2",
    ]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED, str(at), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copytree(SOURCES, fresh / "sources")
    assert _cli(*args, "--no-cache", cwd=fresh).returncode == 0
    reference = _files(fresh / "dist")

    assert _cli(*args, cwd=tmp_path).returncode == 0  # over the killed build's output
    assert _files(tmp_path / "dist") == reference
    shutil.rmtree(tmp_path / "dist")  # from the cache alone
    assert _cli(*args, cwd=tmp_path).returncode == 0
    assert _files(tmp_path / "dist") == reference
