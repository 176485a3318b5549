"""The publication policy (presskit.publication): one place decides what is published
when and which files a release offers; the loader, the pipeline, the command line and the
exporters follow it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest

import presskit
from presskit.model import Embargoed, Paragraph, PressRelease, Translation
from presskit.pipeline import Target
from presskit.publication import (
    EMBARGOED,
    RELEASE_FILES,
    RESERVED_SLUGS,
    PublishedFile,
    declared_files,
    embargo_holds,
    is_published,
    news_items,
    published_at,
    published_files,
    unpublished_slugs,
    updated_at,
)
from presskit.sources import load_many

ISSUED = dt.datetime(2025, 1, 17, 10, tzinfo=dt.UTC)
LIFT = ISSUED + dt.timedelta(days=2)


def release(slug: str = "one", **changes: Any) -> PressRelease:
    base = PressRelease(
        slug,
        f"Headline {slug}",
        [presskit.Issuer("mddi", "Ministry of Digital Development", short_name="MDDI")],
        presskit.Dateline("SINGAPORE", dt.date(2025, 1, 17)),
        ISSUED,
        [Paragraph(f"The lede of {slug}.")],
        time_zone="Asia/Singapore",
    )
    return attrs.evolve(base, **changes)


def test_an_embargoed_release_is_published_at_the_lift_time() -> None:
    held = release(release=Embargoed(LIFT))
    assert published_at(held) == LIFT
    assert not is_published(held, None)
    assert not is_published(held, LIFT - dt.timedelta(seconds=1))
    assert is_published(held, LIFT)
    assert embargo_holds(held, None) and embargo_holds(held, LIFT - dt.timedelta(seconds=1))
    assert not embargo_holds(held, LIFT)


def test_a_release_dated_later_than_now_is_scheduled_but_its_copy_is_not_embargoed() -> None:
    later = release(issued_at=LIFT)
    assert not is_published(later, ISSUED)
    assert not embargo_holds(later, ISSUED)  # it is for immediate release, when it comes
    assert unpublished_slugs([release("a"), attrs.evolve(later, slug="b")], ISSUED) == {"b"}


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        is_published(release(), dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        embargo_holds(release(release=Embargoed(LIFT)), dt.datetime(2025, 1, 1))


def test_updated_at_is_the_latest_instant() -> None:
    later = ISSUED + dt.timedelta(days=5)
    assert updated_at(release()) == ISSUED
    assert updated_at(release(updated_at=later)) == later
    assert updated_at(release(release=Embargoed(LIFT))) == LIFT


def test_the_original_of_a_news_item_is_published_first_then_in_the_site_language() -> None:
    en = release("en", translations=[Translation("zh-Hans-SG", slug="zh")])
    zh = release("zh", language="zh-Hans-SG")
    ms = release("ms", language="ms", translations=[Translation("zh-Hans-SG", slug="zh")])
    items = news_items([en, zh, ms], [zh, ms, en], language="zh-Hans-SG")
    assert [r.slug for r in items["en"]] == ["zh", "en", "ms"]
    assert items["en"] == items["zh"] == items["ms"]
    # linked through an unpublished member, the item stays one
    items = news_items([en, zh, ms], [ms, en], language="en")
    assert [r.slug for r in items["ms"]] == ["en", "ms"]


def test_published_files_offer_the_pdf_and_docx_present_then_the_attachments() -> None:
    annex = presskit.Attachment("annex #1.pdf", media_type="application/pdf", title="Annex")
    remote = presskit.Attachment("https://example.org/a.pdf", media_type="application/pdf")
    rel = release(attachments=[annex, remote])
    sizes = {"one.pdf": 10, "annex #1.pdf": 3}
    files = published_files(rel, sizes.get)
    assert files == (
        PublishedFile("one/one.pdf", "application/pdf", 10, "PDF"),
        PublishedFile("one/annex%20%231.pdf", "application/pdf", 3, "Annex"),
        PublishedFile("https://example.org/a.pdf", "application/pdf", None, "a.pdf"),
    )
    assert [f[0] for f in RELEASE_FILES] == ["pdf", "docx"]
    assert declared_files(rel)[0] == PublishedFile(
        "one/annex #1.pdf", "application/pdf", None, "Annex"
    )


def test_the_loader_and_the_build_refuse_the_same_reserved_slugs(tmp_path: Path) -> None:
    assert "feeds" in RESERVED_SLUGS
    source = tmp_path / "feeds.md"
    source.write_text(
        '+++\nheadline = "H"\nissuers = ["x"]\ndateline = "SINGAPORE"\n'
        "issued = 2025-01-17T10:00:00+08:00\n+++\nText.\n",
        encoding="utf-8",
    )
    (tmp_path / "agencies.toml").write_text('[agencies.x]\nname = "X"\n', encoding="utf-8")
    [loaded] = load_many([source])
    assert loaded.error is not None and "reserved" in str(loaded.error)
    with pytest.raises(presskit.PresskitError, match="reserved"):
        presskit.build([release("feeds")], tmp_path / "out", targets=[Target("json")])


def test_an_unpublished_release_is_built_into_the_embargoed_folder(tmp_path: Path) -> None:
    held = release(release=Embargoed(LIFT))
    presskit.build([held], tmp_path, targets=[Target("json")], now=ISSUED)
    assert (tmp_path / EMBARGOED / "one" / "one.json").is_file()
    assert not (tmp_path / "one").exists()
