"""Benchmarks of the feeds at newsroom scale (pytest-benchmark).

Run: .venv/bin/python -m pytest tests/benchmarks/bench_feeds.py --benchmark-only

A newsroom of 10,000 releases (copies of the reference release with their own slugs and
dates, issued by one or two of three agencies, in two languages) is written as every
feed document of one format: the newsroom feed, three agency feeds and two language
feeds, each an RFC 5005 archived feed of 50-entry pages (about 600 documents, 30,000
entries). `test_plan` measures the format-neutral part alone (entries, HTML content,
sanitising, paging), so the difference is what feedgen and JSON writing cost.

Not collected by the default test run (the file name does not match test_*.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import presskit
from presskit.exporters import export_collection
from presskit.exporters import feeds as feed_exporters
from presskit.feedplan import plan
from presskit.profiles import get_profile
from presskit.site import Site

REFERENCE = Path(__file__).resolve().parents[2] / "sources" / "asean-digital-ministers-2025.md"
SITE = Site(name="Bench newsroom", base_url="https://news.example.org/", language="en-SG")
NOW = dt.datetime(2060, 1, 1, tzinfo=dt.UTC)
COUNT = 10_000


@pytest.fixture(scope="module")
def newsroom() -> list[presskit.PressRelease]:
    reference = presskit.load(REFERENCE)
    third = attrs.evolve(reference.issuers[0], id="cyber", name="Cyber Agency", short_name="CA")
    issuers = [reference.issuers, reference.issuers[:1], (third,), (third, reference.issuers[1])]
    start = reference.issued_at
    out = []
    for n in range(COUNT):
        at = start + dt.timedelta(hours=7 * n)
        out.append(
            attrs.evolve(
                reference,
                slug=f"release-{n:05}",
                headline=f"{reference.headline} ({n})",
                issuers=issuers[n % 4],
                issued_at=at,
                updated_at=None,
                dateline=attrs.evolve(reference.dateline, date=at.date()),
                language="en-SG" if n % 5 else "ms-SG",
            )
        )
    return out


def test_plan(benchmark, newsroom: list[presskit.PressRelease]) -> None:  # type: ignore[no-untyped-def]
    documents = benchmark.pedantic(
        plan,
        args=(newsroom,),
        kwargs={"site": SITE, "now": NOW, "profile": get_profile("sg")},
        rounds=3,
        iterations=1,
    )
    assert sum(len(d.entries) for d in documents) >= COUNT


def _forget_plan() -> None:
    """The exporters reuse the last plan (the build writes three formats in a row):
    measure each round from scratch."""
    feed_exporters._last_plan.clear()


@pytest.mark.parametrize("fmt", ["atom", "rss", "jsonfeed"])
def test_feed(benchmark, newsroom: list[presskit.PressRelease], fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = benchmark.pedantic(
        export_collection,
        args=(newsroom, fmt),
        kwargs={"site": SITE, "now": NOW},
        setup=_forget_plan,
        rounds=3,
        iterations=1,
    )
    assert len(out) > 600


def test_all_three_formats(benchmark, newsroom: list[presskit.PressRelease]) -> None:  # type: ignore[no-untyped-def]
    """What `presskit build` does: RSS, Atom and JSON Feed in turn (planned once)."""

    def run() -> int:
        total = 0
        for fmt in ("rss", "atom", "jsonfeed"):
            total += len(export_collection(newsroom, fmt, site=SITE, now=NOW))
        return total

    assert benchmark.pedantic(run, setup=_forget_plan, rounds=3, iterations=1) > 1800
