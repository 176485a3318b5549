"""Benchmark: the PDF of the reference release, of a 2,000-paragraph release and of the
language cases (issue 14, item 6: tagging and the extra text may cost at most 30 %).

Run: .venv/bin/python -m pytest tests/benchmarks/bench_pdf.py --benchmark-only

Times are process (CPU) time, ``PRESSKIT_BENCH_ROUNDS`` rounds (default 5), so that
other work on this shared machine counts less. To compare two commits, run the file in
both checkouts in the same session and compare the medians (the closing note of issue
14 quotes them); ``--benchmark-json FILE`` keeps them.

Not collected by the default test run (the file name does not match test_*.py).
"""

from __future__ import annotations

import os
import time
import warnings
from pathlib import Path

import pytest

import presskit
from presskit.errors import PresskitWarning
from presskit.sources.agencies import load_agencies

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
ROUNDS = int(os.environ.get("PRESSKIT_BENCH_ROUNDS", "5"))

LONG = """\
+++
headline = "Two thousand paragraphs"
issuers = ["mddi"]
dateline = "SINGAPORE"
issued = 2025-01-17T10:00:00+08:00
+++
"""
PARAGRAPH = (
    "The Ministry of Digital Development and Information and the Infocomm Media "
    "Development Authority will work with **ASEAN partners** on *cross-border data "
    "flows*, digital trade and online safety; details at https://www.mddi.gov.sg/news."
)


def _export(benchmark, release: presskit.PressRelease) -> None:  # type: ignore[no-untyped-def]
    benchmark._timer = time.process_time  # CPU time: other processes do not count
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PresskitWarning)
        benchmark.pedantic(presskit.export, (release, "pdf"), rounds=ROUNDS, iterations=1)


def test_reference_release(benchmark) -> None:  # type: ignore[no-untyped-def]
    sources = ROOT / "sources"
    agencies = load_agencies(sources / "agencies.toml")
    text = (sources / "asean-digital-ministers-2025.md").read_text("utf-8")
    _export(benchmark, presskit.loads_markdown(text, agencies=agencies))


def test_two_thousand_paragraphs(benchmark) -> None:  # type: ignore[no-untyped-def]
    agencies = load_agencies(ROOT / "sources" / "agencies.toml")
    body = "\n\n".join(f"{PARAGRAPH} ({n})" for n in range(2000))
    _export(benchmark, presskit.loads_markdown(LONG + "\n" + body + "\n", agencies=agencies))


@pytest.mark.parametrize("case", ["ta", "th", "km", "zh-hans", "ja", "my"])
def test_language_case(benchmark, case: str) -> None:  # type: ignore[no-untyped-def]
    agencies = load_agencies(LANGUAGES / "agencies.toml")
    text = (LANGUAGES / f"{case}.md").read_text("utf-8")
    _export(benchmark, presskit.loads_markdown(text, agencies=agencies))


def test_every_language_in_turn(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The 17 language cases one after another, as a build of a many-language newsroom
    exports them (issue 16: the fonts of every language stay read in the process; with
    too few kept, each Chinese or Japanese PDF read its fonts again)."""
    agencies = load_agencies(LANGUAGES / "agencies.toml")
    releases = [presskit.loads_markdown(path.read_text("utf-8"), agencies=agencies)
                for path in sorted(LANGUAGES.glob("*.md"))]  # fmt: skip

    def every() -> None:
        for release in releases:
            presskit.export(release, "pdf")

    benchmark._timer = time.process_time
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PresskitWarning)
        every()  # (the first round reads the fonts)
        benchmark.pedantic(every, rounds=ROUNDS, iterations=1)
