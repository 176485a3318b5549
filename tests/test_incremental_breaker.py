"""Incremental builds used as a communications team would (issue 16, the breaker's
findings): each test is a case where a build removed, kept or wrote a file it should
not have."""

from __future__ import annotations

import datetime as dt

import pytest

from presskit.errors import PresskitWarning
from tests.test_incremental import Newsroom, newsroom  # noqa: F401 - the fixture

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
