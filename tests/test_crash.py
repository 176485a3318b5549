"""Crash safety of a build: a build killed with SIGKILL at any moment leaves every file
either its complete old or its complete new version, never a temporary file where
publishing picks it up, and the next build leaves no temporary file anywhere.

The build runs in a subprocess (``python -c`` running ``presskit.cli.main``) whose
``os.replace`` is wrapped to count the renames and to SIGKILL the process itself just
before or just after the N-th one: a deterministic kill -9, at the moment a temporary
file exists or a rename has just happened.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest

from presskit import atomic
from presskit.atomic import STAGING, sync_folders, write_atomic, write_files
from presskit.model import Embargoed, PressRelease
from presskit.pipeline import OutputFile, build, parse_targets
from presskit.site import Site
from tests.conftest import SOURCES

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

#: Run the CLI with os.replace counted; argv: mode (count, before, after), N, CLI args.
KILLER = """
import atexit, os, signal, sys
mode, at = sys.argv[1], int(sys.argv[2])
real, count = os.replace, [0]
def replace(src, dst, *args, **kwargs):
    count[0] += 1
    if mode == "before" and count[0] == at:
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst, *args, **kwargs)
    if mode == "after" and count[0] == at:
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
atexit.register(lambda: print(f"replaces={count[0]}", file=sys.stderr))
from presskit.cli import main
sys.argv = ["presskit", *sys.argv[3:]]
main()
"""
FORMATS = "json,html,nitf,atom,rss,index"
#: Old build: three releases under embargo (in _embargoed/); new build: all public, and
#: one release's text changed, so files move, change and disappear.
OLD_NOW, NEW_NOW = "2025-02-01T00:00:00Z", "2025-06-01T00:00:00Z"


def _run(
    sources: Path, out: Path, now: str, mode: str = "count", at: int = 0, fsync: str = ""
) -> tuple[int, str]:
    args = ["build", str(sources), "-o", str(out), "-f", FORMATS, "--now", now, "-q"]
    result = subprocess.run(
        [sys.executable, "-c", KILLER, mode, str(at), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PRESSKIT_FSYNC": fsync},  # "": the default (syncfs on Linux)
    )
    return result.returncode, result.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() or path.is_symlink()
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The sources of the new build, the old and the new reference outputs, and how
    many files the new build renames over the old output."""
    base = tmp_path_factory.mktemp("crash")
    old_src, new_src = base / "old-src", base / "new-src"
    shutil.copytree(SOURCES, old_src)
    shutil.copytree(SOURCES, new_src)
    release = new_src / "asean-digital-ministers-2025.md"
    text = release.read_text(encoding="utf-8")
    release.write_text(text.replace("ASEAN", "ASEAN (edited)", 3), encoding="utf-8")
    old, new, over = base / "old", base / "new", base / "over"
    assert _run(old_src, old, OLD_NOW)[0] == 0
    assert _run(new_src, new, NEW_NOW)[0] == 0
    shutil.copytree(old, over)
    status, stderr = _run(new_src, over, NEW_NOW)
    assert status == 0, stderr
    assert _files(over) == _files(new)  # the new build over the old output = a fresh one
    count = int(stderr.rsplit("replaces=", 1)[1])
    assert count > 10
    return {"src": new_src, "old": _files(old), "new": _files(new), "count": count}


def test_references_differ(builds: dict[str, object]) -> None:
    old, new = builds["old"], builds["new"]
    assert isinstance(old, dict) and isinstance(new, dict)
    assert any(name.startswith("_embargoed/") for name in old)
    assert not any(name.startswith("_embargoed/") for name in new)
    assert {n for n in old.keys() & new.keys() if old[n] != new[n]}


@pytest.mark.parametrize(
    ("mode", "point", "fsync"),
    [
        ("before", 0.0, ""),
        ("before", 0.5, ""),
        ("after", 0.5, ""),
        ("after", 1.0, ""),
        # each way of making files durable (presskit.atomic.strategy): what a kill
        # leaves rests on the renames alone, and none of them reorders those
        ("before", 0.5, "file"),
        ("after", 0.5, "syncfs"),
        ("after", 0.5, "none"),
    ],
)
def test_kill_leaves_old_or_new_files(
    builds: dict[str, object], tmp_path: Path, mode: str, point: float, fsync: str
) -> None:
    old, new, count, src = builds["old"], builds["new"], builds["count"], builds["src"]
    assert isinstance(old, dict) and isinstance(new, dict) and isinstance(count, int)
    assert isinstance(src, Path)
    out = tmp_path / "dist"
    out.mkdir()
    for name, data in old.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    at = max(1, round(count * point))

    status, stderr = _run(src, out, NEW_NOW, mode, at, fsync)

    assert status == -signal.SIGKILL, stderr
    for name, data in _files(out).items():
        if name in old or name in new:
            assert data in (old.get(name), new.get(name)), f"{name} is neither old nor new"
        else:  # a temporary file: only where publishing never looks
            assert name.startswith("_embargoed/"), f"{name} left in the public tree"

    status, stderr = _run(src, out, NEW_NOW)  # one more build

    assert status == 0, stderr
    assert _files(out) == new
    assert not (out / "_embargoed").exists()


# The write path in process: where temporary files go, what the next build removes.

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
SITE = Site(base_url="https://news.example.org/")


def _build(out: Path, releases: list[PressRelease]) -> list[OutputFile]:
    targets = parse_targets(["json", "html", "atom"])
    return build(releases, out, targets=targets, now=NOW, site=SITE)


def test_temporary_files_only_in_the_staging_folder(
    reference: PressRelease, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = Embargoed(NOW + dt.timedelta(days=1))
    embargoed = attrs.evolve(reference, slug="later", release=later)
    folders: list[Path] = []
    real = tempfile.mkstemp

    def mkstemp(**kwargs: Any) -> tuple[int, str]:
        fd, name = real(**kwargs)
        folders.append(Path(name).parent)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    out = tmp_path / "dist"
    files = _build(out, [reference, embargoed])

    assert len(folders) == len(files) > 5
    assert set(folders) == {out.resolve() / "_embargoed" / STAGING}
    assert not (out / "_embargoed" / STAGING).exists()
    assert (out / "_embargoed" / "later").is_dir()


def test_next_build_removes_leftovers_only(reference: PressRelease, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    _build(out, [reference])
    slug = reference.slug
    staging = out / "_embargoed" / STAGING
    staging.mkdir(parents=True)
    leftovers = [  # an interrupted build's, in the staging folder and (older presskit) beside
        staging / f".{slug}.json.k2j_9x0a.presskit-tmp",
        staging / ".index.html.abcdefgh.presskit-tmp",
        out / slug / f".{slug}.json.p2v8t5v2.tmp",
        out / ".index.html.a1b2c3d4.tmp",
        out / "feeds" / ".newsroom.atom.zz_zz_zz.tmp",
        out / "feeds" / "agency" / ".mddi.atom.00000000.tmp",
    ]
    others = [  # a user's files that only look alike
        out / slug / "notes.tmp",
        out / slug / ".draft.tmp",
        out / slug / ".x.ABCDEFGH.tmp",
        out / "extra" / ".a.abcdefgh.tmp",  # not a folder presskit writes to
        staging / "mine.txt",
    ]
    for path in leftovers + others:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")

    files = _build(out, [reference])

    assert not any(f.changed for f in files)  # nothing else moved
    assert [p for p in leftovers if p.exists()] == []
    assert [p for p in others if not p.exists()] == []
    assert staging.is_dir()  # it holds a file that is not presskit's


def test_each_folder_is_synced_once(
    reference: PressRelease, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    real = os.open

    def spy(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).is_dir():
            synced.append(Path(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    out = (tmp_path / "dist").resolve()
    _build(out, [reference])
    written = {out, out / reference.slug, out / "feeds", out / "feeds" / "agency"}
    written.add(out / "feeds" / "language")
    # once each, the output folder once after the releases and once after the feeds
    assert sorted(synced) == sorted([*written, out])

    synced.clear()
    _build(out, [reference])
    assert synced == []  # nothing changed, nothing to sync


def test_write_atomic_alone(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "file.txt"
    assert write_atomic(path, b"one")
    assert not write_atomic(path, b"one")
    assert write_atomic(path, b"two")
    assert path.read_bytes() == b"two"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["file.txt"]
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_write_files_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    staging = tmp_path / "staging"
    files = [(tmp_path / f"f{i % 3}" / f"{i}.txt", str(i).encode()) for i in range(150)]
    (tmp_path / "f0").mkdir()
    (tmp_path / "f0" / "0.txt").write_bytes(b"0")  # already right: left alone
    fsynced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (fsynced.append(fd), real(fd))[1])
    monkeypatch.setattr(atomic, "strategy", lambda: "file")
    synced: set[Path] = set()

    changed = write_files(files, staging=staging, synced=synced)

    assert changed == [i != 0 for i in range(150)]
    assert len(fsynced) == 149  # every new file, before its rename
    assert all(path.read_bytes() == data for path, data in files)
    assert synced == {tmp_path / "f0", tmp_path / "f1", tmp_path / "f2"}
    assert list(staging.iterdir()) == []


def test_write_files_failure_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staging = tmp_path / "staging"
    files = [(tmp_path / f"{i}.txt", b"new") for i in range(5)]
    real, calls = os.replace, [0]

    def replace(src: Any, dst: Any) -> None:
        calls[0] += 1
        if calls[0] == 3:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="No space"):
        write_files(files, staging=staging, synced=set())
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == ["0.txt", "1.txt"]
    assert list(staging.iterdir()) == []


@pytest.mark.skipif(atomic._syncfs_call() is None, reason="syncfs(2) is Linux's")
def test_syncfs_once_per_batch_instead_of_fsync_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = atomic._syncfs_call()
    assert real is not None
    synced_fds: list[int] = []
    renamed_before_sync: list[int] = []
    renames = [0]
    real_replace = os.replace

    def syncfs(fd: int) -> int:
        synced_fds.append(fd)
        renamed_before_sync.append(renames[0])
        return real(fd)

    def replace(src: Any, dst: Any) -> None:
        renames[0] += 1
        real_replace(src, dst)

    monkeypatch.setattr(atomic, "strategy", lambda: "syncfs")
    monkeypatch.setattr(atomic, "_syncfs_call", lambda: syncfs)
    monkeypatch.setattr(os, "fsync", lambda fd: pytest.fail("fsync of one file"))
    monkeypatch.setattr(os, "replace", replace)
    files = [(tmp_path / f"f{i % 3}" / f"{i}.txt", str(i).encode()) for i in range(100)]
    folders: set[Path] = set()

    assert all(write_files(files, staging=tmp_path / "staging", synced=folders))
    assert renamed_before_sync == [0, 64]  # one per batch, before its renames (BATCH 64)
    sync_folders(folders, tmp_path)
    assert len(synced_fds) == 3  # and one for the three folders: one filesystem
    assert all(path.read_bytes() == data for path, data in files)


def test_strategy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        for value, expected in [("none", "none"), ("FILE", "file"), ("syncfs", "syncfs")]:
            monkeypatch.setenv("PRESSKIT_FSYNC", value)
            atomic.strategy.cache_clear()
            assert atomic.strategy() == expected
        monkeypatch.setenv("PRESSKIT_FSYNC", "")
        atomic.strategy.cache_clear()
        linux = atomic._syncfs_call() is not None
        assert atomic.strategy() == ("syncfs" if linux else "file")
    finally:
        monkeypatch.delenv("PRESSKIT_FSYNC")
        atomic.strategy.cache_clear()


def test_no_sync_at_all_with_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "strategy", lambda: "none")
    monkeypatch.setattr(os, "fsync", lambda fd: pytest.fail("fsync"))
    monkeypatch.setattr(atomic, "_syncfs_call", lambda: pytest.fail("syncfs"))
    folders: set[Path] = set()
    write_files([(tmp_path / "a" / "x.txt", b"x")], staging=tmp_path / "s", synced=folders)
    sync_folders(folders, tmp_path)
    assert (tmp_path / "a" / "x.txt").read_bytes() == b"x"
