"""The PDF's work grows with the text, not with the text times its pages (issue 12,
item 4). Not timed: the tests count the lines reportlab breaks, which a paragraph that
is broken again on every page it runs over makes quadratic. The timed check is
tests/benchmarks/bench_long_paragraph.py."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

import presskit
from presskit.exporters._pdflines import paragraph_class

PAGE_FURNITURE = r"Page \d+ of \d+|MDDI and IMDA\s*\|\s*SINGAPORE, Jan\. 17, 2025"
VOCABULARY = ["digital", "ministers", "agreed", "a", "framework", "for", "cross-border", "data"]


def long_paragraph(words: int, styled: bool = False, seed: int = 1) -> str:
    rnd = random.Random(seed)
    out = []
    for _ in range(words):
        word = rnd.choice(VOCABULARY)
        if styled and rnd.random() < 0.1:
            word = rnd.choice([f"*{word}*", f"**{word}**", f"[{word}](https://example.org/{word})"])
        out.append(word)
    return " ".join(out) + "."


def lines_broken(release: presskit.PressRelease) -> int:
    counter = paragraph_class()
    before = counter.lines_broken
    presskit.export(release, "pdf", profile="us")
    return int(counter.lines_broken - before)


@pytest.mark.parametrize("styled", [False, True], ids=["plain", "styled"])
def test_a_long_paragraph_is_broken_into_lines_a_bounded_number_of_times(
    write_source: Callable[..., Path], styled: bool
) -> None:
    # 1,500 words fill 3 pages, 6,000 fill 12: breaking the rest again on every page
    # breaks 4 times the lines twice over (about 16 times in all); once is 4 times
    small = lines_broken(presskit.load(write_source(long_paragraph(1500, styled))))
    large = lines_broken(presskit.load(write_source(long_paragraph(6000, styled))))
    assert large / small < 5, (small, large)
    # each line is broken about 4 times: the paragraph (twice: the page count needs two
    # passes), and each page's share again when reportlab cuts it off
    words_per_line = 10
    assert large < 6 * 6000 / words_per_line


@pytest.mark.parametrize("styled", [False, True], ids=["plain", "styled"])
def test_every_word_of_a_paragraph_over_many_pages_is_printed_once_in_order(
    write_source: Callable[..., Path], styled: bool
) -> None:
    text = long_paragraph(5000, styled, seed=2)
    release = presskit.load(write_source(text))
    data = presskit.export(release, "pdf", profile="us")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 8
    printed = " ".join(page.extract_text() for page in reader.pages)
    # the running header and "Page X of Y" lie between the pages' text
    printed = re.sub(PAGE_FURNITURE, " ", printed)
    wanted = re.sub(r"\[([^]]+)\]\([^)]*\)|\*+", r"\1", text)
    assert " ".join(re.findall(r"\w+", wanted)) in " ".join(re.findall(r"\w+", printed))


def test_the_rest_of_a_split_paragraph_does_not_start_with_an_empty_line() -> None:
    """reportlab's rest of a paragraph split after a line break (<br/>, how presskit
    sets Thai lines) began with the break, so every continued page started one line
    down; the rest now has exactly the lines that did not fit."""
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("t", fontSize=10, leading=12)
    para = paragraph_class()("<br/>".join(f"line {n}" for n in range(40)), style)
    _, height = para.wrap(400, 10_000)
    assert height == 40 * 12
    head, rest = para.split(400, 12 * 15 + 1)
    assert head.wrap(400, 10_000)[1] == 15 * 12
    assert rest.wrap(400, 10_000)[1] == 25 * 12
    head2, rest2 = rest.split(400, 12 * 10 + 1)
    assert head2.wrap(400, 10_000)[1] == 10 * 12
    assert rest2.wrap(400, 10_000)[1] == 15 * 12
    # at another width the rest is broken again, to the same lines
    assert rest2.wrap(300, 10_000)[1] == 15 * 12


def test_the_handed_over_lines_are_the_ones_breaking_again_gives() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("t", fontSize=10, leading=12)
    for markup in (long_paragraph(800), "<b>bold</b> " + long_paragraph(800, seed=3)):
        ours = paragraph_class()(markup, style)
        theirs = Paragraph(markup, style)
        ours.wrap(300, 10_000)
        theirs.wrap(300, 10_000)
        rest = ours.split(300, 12 * 20)[1]
        again = theirs.split(300, 12 * 20)[1]
        assert rest.wrap(300, 10_000) == again.wrap(300, 10_000)
        assert [_line_text(x) for x in rest.blPara.lines] == [
            _line_text(x) for x in again.blPara.lines
        ]


def _line_text(line: object) -> str:
    words = line[1] if isinstance(line, tuple) else line.words  # type: ignore[attr-defined]
    return " ".join(w if isinstance(w, str) else w.text for w in words)
