"""The text helpers work per run (ICU sets, regular expressions, translation tables)
instead of per character (issue 16), with the same results as the per-character code
they replace, kept in ``tests/textref.py``: script pieces, line-break opportunities,
wrapping and terminal widths, ASCII transliteration, the wire formats' word count and
tidying. Checked on generated text mixing every script presskit supports (emoji, wide
and combining characters, URLs, no-break spaces) and on every line of the sample
sources and language fixtures."""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import presskit.exporters.wire as wire
from presskit.scripts import scripts_in
from presskit.textutils import display_width, to_ascii, word_segments, wrap
from tests import textref

ROOT = Path(__file__).resolve().parent.parent

#: Pieces text is drawn from: words of many scripts, spaces of every kind, punctuation
#: that is neutral or wide, combining marks, joiners, emoji beyond the BMP.
PIECES = [
    "Singapore", "ASEAN", "co-operation", "naïve", "2025", "S$1.2", "Nguyễn", "Vie\u0323\u0302t",
    "新加坡", "数码发展", "の", "カタカナ", "한국어", "ประเทศไทย", "ລາວ", "ខ្មែរ", "မြန်မာ",
    "தலைவர்", "அமைச்சர்", "العربية", "עברית", "ދިވެހި", "हिन्दी",
    " ", "  ", "\t", "\u00a0", "\u202f", "\u2007", "\u3000", "\u200b", "\u200d", "\ufe0f",
    "(", ")", "[", "]", ",", ".", ":", ";", "!", "?", "-", "—", "–", "“", "”", "‘", "’", "…",
    "、", "。", "，", "：", "！", "（", "）", "「", "」", "《", "》", "\u00ad", "\u0301", "\u0bcd",
    "😀", "👩\u200d💻", "🇸🇬", "\U00020000", "\ue000", "\u0378",
    "https://www.mddi.gov.sg/news", "www.scamalert.sg", "press@mddi.gov.sg", "tel:+6561234567",
]  # fmt: skip

mixed = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = mixed | st.text(max_size=40)


def _sample_lines() -> list[str]:
    files = [*sorted((ROOT / "sources").glob("*.md"))]
    files += sorted((ROOT / "tests" / "fixtures" / "languages").glob("*.md"))
    lines = {line for path in files for line in path.read_text("utf-8").splitlines()}
    return sorted(line for line in lines if line.strip())


SAMPLES = _sample_lines()
LOCALES = ["en", "zh", "ja", "th", "km", "lo", "my", "ta", "ar"]


def test_the_samples_cover_many_scripts() -> None:
    scripts = {script for line in SAMPLES for script, _ in textref.scripts_in(line)}
    assert {"Latn", "Hani", "Thai", "Taml", "Khmr", "Laoo", "Mymr", "Arab"} <= scripts


@given(any_text)
def test_scripts_in_matches_the_per_character_split(text: str) -> None:
    assert list(scripts_in(text)) == list(textref.scripts_in(text))


def test_scripts_in_matches_the_per_character_split_on_the_samples() -> None:
    for line in SAMPLES:
        assert list(scripts_in(line)) == list(textref.scripts_in(line)), line


@given(any_text, st.sampled_from(LOCALES))
def test_word_segments_match_the_per_character_break_opportunities(text: str, locale: str) -> None:
    cuts = [0, *textref.break_opportunities(text, locale), len(text)]
    expected = [text[a:b] for a, b in itertools.pairwise(cuts) if text[a:b]]
    assert word_segments(text, locale) == expected


@given(
    st.lists(any_text, min_size=1, max_size=3).map("\n".join),
    st.integers(1, 80),
    st.sampled_from(["", "  ", "1. ", "- ", "（一）"]),
    st.sampled_from(["", "    ", "\u3000"]),
    st.sampled_from(LOCALES),
)
def test_wrap_matches_the_per_character_wrap(
    text: str, width: int, first: str, rest: str, locale: str
) -> None:
    ours = wrap(text, width, initial_indent=first, subsequent_indent=rest, locale=locale)
    theirs = textref.wrap(text, width, initial_indent=first, subsequent_indent=rest, locale=locale)
    assert ours == theirs


@pytest.mark.parametrize("width", [20, 40, 69, 72])
def test_wrap_matches_the_per_character_wrap_on_the_samples(width: int) -> None:
    for line in SAMPLES:
        assert wrap(line, width, subsequent_indent="  ") == textref.wrap(
            line, width, subsequent_indent="  "
        ), line


@given(any_text)
def test_display_width_matches_wcwidth(text: str) -> None:
    assert display_width(text) == textref.display_width(text)


#: The characters display_width counts without asking wcwidth (textutils._ONE_COLUMN).
ONE_COLUMN = [
    chr(c)
    for lo, hi in [(0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x24F), (0x2010, 0x2027), (0x2030, 0x205E)]
    for c in range(lo, hi + 1)
]


def test_one_column_characters_are_one_column_alone_and_in_pairs() -> None:
    """wcswidth is grapheme-aware (joiners, variation selectors, viramas, regional
    indicators change widths): none of these characters takes part in that."""
    from wcwidth import wcswidth

    assert all(wcswidth(a) == 1 for a in ONE_COLUMN)
    assert all(wcswidth(a + b) == 2 for a in ONE_COLUMN for b in ONE_COLUMN)
    assert not re.search("[\u00ad\u200b-\u200f\u2028-\u202f\u2060-\u206f]", "".join(ONE_COLUMN))


@given(st.lists(st.sampled_from(ONE_COLUMN)).map("".join))
def test_display_width_of_one_column_text_is_its_length(text: str) -> None:
    assert display_width(text) == textref.display_width(text) == len(text)


@given(any_text)
def test_to_ascii_matches_the_per_character_transliteration(text: str) -> None:
    text = text.replace("\x00", "")  # never reaches it: the model removes controls
    assert to_ascii(text) == textref.to_ascii(text)


def test_to_ascii_matches_on_the_samples() -> None:
    for line in SAMPLES:
        assert to_ascii(line) == textref.to_ascii(line), line


@given(any_text)
def test_wire_word_count_and_tidying_match(text: str) -> None:
    assert wire.count_words(text) == textref.count_words(text)
    assert wire._tidy(text) == textref.tidy(text)


def test_letters_and_digits_are_exactly_the_alphanumeric_characters() -> None:
    """count_words' regular expression relies on ``[^\\W_]`` (``str.isalnum``) being
    Unicode categories L and N, for every code point, in this Python."""
    alnum = re.compile(r"[^\W_]")
    different = [
        hex(c)
        for c in range(0x110000)
        if (unicodedata.category(chr(c))[0] in "LN") != bool(alnum.match(chr(c)))
    ]
    assert not different


def test_a_long_latin_paragraph_is_split_and_wrapped_per_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No Python call per character: the script of a Latin paragraph is asked a few
    times, not once a character, and its width is its length (wcwidth not asked)."""
    import presskit.scripts
    import presskit.textutils

    asked: list[str] = []
    script_code = presskit.scripts._script_code
    monkeypatch.setattr(
        presskit.scripts, "_script_code", lambda cp: asked.append(chr(cp)) or script_code(cp)
    )
    monkeypatch.setattr(presskit.scripts, "script_of", lambda ch: asked.append(ch) or "Zyyy")
    paragraph = "The Ministers welcomed “ASEAN’s” digital co-operation — naïvely. " * 150
    assert list(scripts_in(paragraph)) == [("Latn", paragraph)]
    assert len(asked) < 5
    widths: list[str] = []
    monkeypatch.setattr(presskit.textutils, "_wcswidth", lambda: widths.append)
    assert len(wrap(paragraph, 72)) > 100
    assert not widths


def test_threads_wrapping_at_once_get_their_own_breaks() -> None:
    """An ICU break iterator holds the text it is on: threads rendering at once (a
    build with a thread pool) must not read each other's break opportunities."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"{n} {line}" for n in range(8) for line in SAMPLES]  # none wrapped before
    expected = [textref.wrap(text, 30, locale="th") for text in texts]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(4) as pool:
            got = list(pool.map(lambda text: wrap(text, 30, locale="th"), texts))
    finally:
        sys.setswitchinterval(interval)
    assert got == expected


@given(
    st.lists(any_text, min_size=1, max_size=3).map("\n".join),
    st.integers(1, 80),
    st.none() | st.integers(1, 80),
    st.sampled_from(LOCALES),
)
def test_wire_wrap_matches_the_per_segment_wrap(
    text: str, width: int, first: int | None, locale: str
) -> None:
    assert wire.wrap_chars(text, width, locale=locale, first=first) == textref.wrap_chars(
        text, width, locale=locale, first=first
    )


@pytest.mark.parametrize("width", [20, 66, 69])
def test_wire_wrap_matches_on_the_samples(width: int) -> None:
    for line in SAMPLES:
        assert wire.wrap_chars(line, width, first=width - 3) == textref.wrap_chars(
            line, width, first=width - 3
        ), line
