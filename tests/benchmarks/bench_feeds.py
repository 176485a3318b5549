"""Benchmarks of the feeds at newsroom scale (pytest-benchmark, or a script).

Run: .venv/bin/python -m pytest tests/benchmarks/bench_feeds.py --benchmark-only
Or:  .venv/bin/python tests/benchmarks/bench_feeds.py [COUNT] [--cache DIR]

A newsroom of 10,000 releases (copies of the reference release with their own slugs and
dates, issued by one or two of three agencies, in two languages) is written as every
feed document of one format: the newsroom feed, three agency feeds and two language
feeds, each an RFC 5005 archived feed of 50-entry pages (about 700 documents, 35,000
entries). `test_plan` measures the format-neutral part alone (entries, HTML content,
sanitising, paging), so the difference is what feedgen and JSON writing cost.

The script does what a build does with the feeds and the index (RSS, Atom, JSON Feed,
index, every document made through ``documents()``, its bytes dropped) three times:
``cold`` (an empty cache: every entry laid out and serialised), ``warm`` (every entry's
fragments in the cache, every document made again, the worst rebuild) and ``keys``
(the documents' keys only: what a rebuild with nothing changed asks of the feeds). It
prints wall and CPU seconds and the peak resident memory of the process (the releases
included). Each run is a fresh process, so peaks do not mix.

Not collected by the default test run (the file name does not match test_*.py).
"""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs
import pytest

import presskit
from presskit.buildcache import Cache, digest
from presskit.exporters import export_collection, get
from presskit.exporters import feeds as feed_exporters
from presskit.feedplan import plan
from presskit.profiles import get_profile
from presskit.site import Site

REFERENCE = Path(__file__).resolve().parents[2] / "sources" / "asean-digital-ministers-2025.md"
SITE = Site(name="Bench newsroom", base_url="https://news.example.org/", language="en-SG")
NOW = dt.datetime(2060, 1, 1, tzinfo=dt.UTC)
COUNT = 10_000


def make_newsroom(count: int = COUNT) -> list[presskit.PressRelease]:
    """``count`` distinct releases made from the reference release."""
    reference = presskit.load(REFERENCE)
    third = attrs.evolve(reference.issuers[0], id="cyber", name="Cyber Agency", short_name="CA")
    issuers = [reference.issuers, reference.issuers[:1], (third,), (third, reference.issuers[1])]
    start = reference.issued_at
    out = []
    for n in range(count):
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


@pytest.fixture(scope="module")
def newsroom() -> list[presskit.PressRelease]:
    return make_newsroom()


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


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(count: int, mode: str, cache_dir: str) -> str:
    """One measurement (see the module docstring); returns its report line."""
    releases = make_newsroom(count)
    # a loader's fingerprint (the digest of the source's bytes) costs next to nothing
    prints = {r.slug: digest("bench", r.slug) for r in releases}
    cache = Cache(cache_dir)
    wall, cpu = time.perf_counter(), _cpu()
    documents = made = 0
    for fmt in ("rss", "atom", "jsonfeed", "index"):
        exporter = get(fmt)
        extra: dict[str, object] = {"fingerprints": prints}
        if fmt != "index":
            extra["cache"] = cache
        options = exporter.make_options(site=SITE, now=NOW, **extra)
        for document in exporter().documents(releases, options):  # type: ignore[attr-defined]
            documents += 1
            if mode != "keys":
                made += len(document.make())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        f"{mode:5} {count} releases: {time.perf_counter() - wall:6.2f} s wall, "
        f"{_cpu() - cpu:6.2f} s CPU, {documents} documents, {made / 1e6:.0f} MB made, "
        f"peak {peak:.0f} MB"
    )


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv and not argv[0].startswith("-") else COUNT
    if "--one" in argv:  # a child: one measurement
        print(run(count, argv[argv.index("--one") + 1], argv[argv.index("--cache") + 1]))
        return
    with tempfile.TemporaryDirectory() as scratch:
        cache = argv[argv.index("--cache") + 1] if "--cache" in argv else scratch
        for mode in ("cold", "warm", "keys"):
            command = [sys.executable, __file__, str(count), "--one", mode, "--cache", cache]
            subprocess.run(command, check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
