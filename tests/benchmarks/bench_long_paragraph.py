"""Benchmark: the PDF of one long paragraph is linear in its length (issue 12, item 4).

Run: .venv/bin/python -m pytest tests/benchmarks/bench_long_paragraph.py --benchmark-only

One paragraph of 25,000, 50,000 and 100,000 words (a made-up vocabulary, one word in
ten bold, italic or a link) is exported as PDF, 3 rounds each (PRESSKIT_BENCH_ROUNDS).
The last test checks that the median for 100,000 words is at most 5 times the median
for 25,000: linear work is 4 times; reportlab breaking the rest of the paragraph again
on each page made it far more. Times are process (CPU) time, so that other work on the
machine does not count. Slow: several minutes.

Not collected by the default test run (the file name does not match test_*.py).
"""

from __future__ import annotations

import os
import random
import textwrap
import time
import warnings
from pathlib import Path

import pytest

import presskit
from presskit.errors import PresskitWarning
from presskit.sources.agencies import load_agencies

AGENCIES = """\
[agencies.mddi]
name = "Ministry of Digital Development and Information"
short_name = "MDDI"
"""
FRONT = """\
+++
headline = "One long paragraph"
issuers = ["mddi"]
dateline = "SINGAPORE"
issued = 2025-01-17T10:00:00+08:00
+++
"""
VOCABULARY = ["digital", "ministers", "agreed", "a", "framework", "for", "cross-border", "data"]
SIZES = (25_000, 50_000, 100_000)
ROUNDS = int(os.environ.get("PRESSKIT_BENCH_ROUNDS", "3"))
medians: dict[int, float] = {}


def source(folder: Path, words: int) -> Path:
    rnd = random.Random(words)
    out = []
    for _ in range(words):
        word = rnd.choice(VOCABULARY)
        if rnd.random() < 0.1:
            word = rnd.choice([f"*{word}*", f"**{word}**", f"[{word}](https://example.org/{word})"])
        out.append(word)
    (folder / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    path = folder / "release.md"
    path.write_text(textwrap.dedent(FRONT) + "\n" + " ".join(out) + ".\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("words", SIZES)
def test_pdf_of_one_paragraph(benchmark, tmp_path: Path, words: int) -> None:  # type: ignore[no-untyped-def]
    # (through the API: 100,000 words are more than a source file may hold, 512 KiB)
    path = source(tmp_path, words)
    agencies = load_agencies(tmp_path / "agencies.toml")
    release = presskit.loads_markdown(path.read_text("utf-8"), agencies=agencies)
    benchmark._timer = time.process_time  # CPU time: other processes do not count
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PresskitWarning)
        benchmark.pedantic(presskit.export, (release, "pdf"), rounds=ROUNDS, iterations=1)
    medians[words] = benchmark.stats.stats.median
    if words == SIZES[-1] and SIZES[0] in medians:
        ratio = medians[SIZES[-1]] / medians[SIZES[0]]
        print(f"\n100k/25k = {ratio:.2f} (medians, s: {medians})")
        assert ratio <= 5, f"100k/25k = {ratio:.2f} ({medians})"
