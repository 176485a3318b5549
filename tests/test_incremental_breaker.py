"""Incremental builds used as a communications team would (issue 16, the breaker's
findings): each test is a case where a build removed, kept or wrote a file it should
not have."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from presskit.errors import PresskitWarning
from tests.conftest import SOURCES
from tests.test_incremental import Newsroom, _cli, newsroom  # noqa: F401 - the fixture

SLUG = "sample-digital-help-kiosks-2025"
BEFORE_LIFT = dt.datetime(2025, 3, 3, 4, 0, tzinfo=dt.UTC)


def test_an_embargo_moved_back_leaves_the_users_files_in_the_public_folder(
    newsroom: Newsroom,  # noqa: F811
) -> None:
    # The team put a file of its own into a published release's folder; the embargo is
    # then postponed: presskit's files leave the public folder, the team's file stays.
    newsroom.build()
    public = newsroom.out / SLUG
    (public / "photo-credits.txt").write_text("ours\n")
    with pytest.warns(PresskitWarning, match="embargo moved"):
        newsroom.build(now=BEFORE_LIFT)
    assert (newsroom.out / "_embargoed" / SLUG / f"{SLUG}.json").is_file()
    assert [p.name for p in public.iterdir()] == ["photo-credits.txt"]
    assert (public / "photo-credits.txt").read_text() == "ours\n"


def test_an_embargo_lift_leaves_the_users_files_under_embargoed(
    newsroom: Newsroom,  # noqa: F811
) -> None:
    newsroom.build(now=BEFORE_LIFT)
    held = newsroom.out / "_embargoed" / SLUG
    (held / "draft-notes.txt").write_text("ours\n")
    newsroom.build()
    assert (newsroom.out / SLUG / f"{SLUG}.json").is_file()
    assert [p.name for p in held.iterdir()] == ["draft-notes.txt"]


def test_an_embargo_moved_back_removes_every_file_presskit_wrote(
    newsroom: Newsroom,  # noqa: F811
) -> None:
    # Files of formats not built now, and an attachment: all presskit's, all removed.
    newsroom.build()
    public = newsroom.out / SLUG
    (public / f"{SLUG}.pdf").write_bytes(b"%PDF- an earlier build's")
    (public / f"{SLUG}.sg.txt").write_bytes(b"an earlier build's")
    with pytest.warns(PresskitWarning, match="embargo moved"):
        newsroom.build(now=BEFORE_LIFT)
    assert not public.exists()


@pytest.mark.parametrize(
    "name", ["../sources/agencies.toml", "{victim}", "sample-scam-alert-2025/../../victim"]
)
def test_a_manifest_naming_a_file_outside_the_output_folder_is_ignored(
    tmp_path: Path, name: str
) -> None:
    # A damaged or edited manifest (it lives in a cache folder, beside the output)
    # must not make presskit clean, or a build's stale-file removal, delete a file
    # outside the output folder.
    shutil.copytree(SOURCES, tmp_path / "sources")
    victim = tmp_path / "victim"
    victim.write_text("ours", "utf-8")
    name = name.format(victim=victim)
    args = ["build", "-f", "json", "--now", "2025-06-01T00:00:00Z", "-q", "-j", "1"]
    assert _cli(*args, cwd=tmp_path).returncode == 0
    (path,) = (tmp_path / ".presskit-cache" / "manifests").glob("*.json")
    data = json.loads(path.read_bytes())
    row = next(iter(data["collections"].values()), [1, 1, "0" * 64, "json", None, None])
    data["releases"]["gone"] = {"key": "k", "files": {name: row}, "messages": []}
    data["collections"][name] = row
    path.write_text(json.dumps(data), "utf-8")

    assert _cli(*args, cwd=tmp_path).returncode == 0  # "gone" is stale: removed
    assert _cli("clean", cwd=tmp_path).returncode == 0

    assert victim.read_text("utf-8") == "ours"
    assert (tmp_path / "sources" / "agencies.toml").is_file()


def test_a_build_with_another_cache_folder_still_removes_a_deleted_release(
    tmp_path: Path,
) -> None:
    # The cache folder moved (--cache-dir, or .presskit-cache/ became read-only and the
    # user cache folder is used): the manifest the last build saved is still found.
    shutil.copytree(SOURCES, tmp_path / "sources")
    args = ["build", "-f", "json", "--now", "2025-06-01T00:00:00Z", "-q", "-j", "1"]
    assert _cli(*args, cwd=tmp_path).returncode == 0
    assert (tmp_path / "dist" / "sample-scam-alert-2025").is_dir()
    (tmp_path / "sources" / "sample-scam-alert-2025.md").unlink()

    result = _cli(*args, "--cache-dir", str(tmp_path / "elsewhere"), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "dist" / "sample-scam-alert-2025").exists()
    assert _cli("clean", "--cache-dir", str(tmp_path / "elsewhere"), cwd=tmp_path).returncode == 0
    assert not (tmp_path / "dist" / "asean-digital-ministers-2025").exists()
