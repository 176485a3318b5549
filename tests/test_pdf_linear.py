"""The PDF's work grows with the text, not with the text times its pages (issue 12,
item 4). Not timed: the tests count how often the typesetter sets a paragraph; a
paragraph set again for every page it runs over would make the work quadratic. The
timed check is tests/benchmarks/bench_long_paragraph.py."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

import presskit
from presskit.exporters import _pdftext

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


def characters_set(release: presskit.PressRelease, monkeypatch: pytest.MonkeyPatch) -> int:
    """The characters the typesetter set to build the release's PDF."""
    count = 0
    typeset = _pdftext._typeset

    def counting(spans, style, width, book):  # type: ignore[no-untyped-def]
        nonlocal count
        count += sum(len(span.text) for span in spans)
        return typeset(spans, style, width, book)

    monkeypatch.setattr(_pdftext, "_typeset", counting)
    presskit.export(release, "pdf", profile="us")
    monkeypatch.undo()
    return count


@pytest.mark.parametrize("styled", [False, True], ids=["plain", "styled"])
def test_a_long_paragraph_is_set_a_bounded_number_of_times(
    write_source: Callable[..., Path], styled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1,500 words fill 3 pages, 6,000 fill 12: the paragraph is set once for the frame's
    # width and its pieces keep their lines, so the work is 4 times, not 16
    small_text = long_paragraph(1500, styled)
    large_text = long_paragraph(6000, styled)
    small = characters_set(presskit.load(write_source(small_text)), monkeypatch)
    large = characters_set(presskit.load(write_source(large_text)), monkeypatch)
    assert large / small < 5, (small, large)
    assert large < 2 * len(large_text)  # the long paragraph is set at most twice


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


def test_the_pieces_of_a_split_paragraph_keep_its_lines() -> None:
    """A paragraph split over pages is set once: the piece for the next page holds
    exactly the lines that did not fit, as set for the whole paragraph."""
    from presskit.exporters._pdftext import TextBlock
    from presskit.exporters._pdftheme import default_theme
    from presskit.typesetting.faces import FontBook
    from presskit.typesetting.types import Span, TextStyle

    book = FontBook.from_theme(default_theme()["fonts"])
    style = TextStyle(size=10, line_height=1.2)
    block = TextBlock([Span("\n".join(f"line {n}" for n in range(40)))], style, book)
    _, height = block.wrap(400, 10_000)
    lines = block.lines(400)
    assert len(lines) == 40 and height == pytest.approx(sum(line.height for line in lines))
    head, rest = block.split(400, sum(line.height for line in lines[:15]) + 1)
    assert [line.text for line in head.lines(400)] == [line.text for line in lines[:15]]
    assert rest.lines(400) == lines[15:]
    _, rest2 = rest.split(400, sum(line.height for line in lines[15:25]) + 1)
    assert rest2.lines(400) == lines[25:]
    assert rest2.lines(300) == lines[25:]  # a piece keeps its lines at another width
