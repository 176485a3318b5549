"""The per-character implementations presskit's text helpers had before issue 16, kept
verbatim as oracles: tests/test_text_runs.py checks that the per-run versions in
:mod:`presskit.scripts`, :mod:`presskit.textutils` and :mod:`presskit.exporters.wire`
give exactly the same results (byte-identical output is the contract)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from anyascii import anyascii
from wcwidth import wcswidth

from presskit.scripts import script_of
from presskit.textutils import URL_OR_EMAIL, word_segments

_NEUTRAL = frozenset({"Zyyy", "Zinh", "Zzzz"})


def scripts_in(text: str) -> Iterator[tuple[str, str]]:
    current: str | None = None
    chunk: list[str] = []
    pending: list[str] = []
    for char in text:
        code = script_of(char)
        if code == "Zinh" or (
            code in _NEUTRAL and not pending and not (chunk and chunk[-1].isspace())
        ):
            (pending or chunk).append(char)
            continue
        if code in _NEUTRAL:
            pending.append(char)
            continue
        if current is None or code == current:
            current = code
            chunk += pending
            pending = []
            chunk.append(char)
            continue
        if chunk:
            yield current, "".join(chunk)
        current, chunk, pending = code, [*pending, char], []
    chunk += pending
    if chunk:
        yield current or "Zyyy", "".join(chunk)


def display_width(text: str) -> int:
    width = wcswidth(text)
    if width < 0:
        return sum(max(0, wcswidth(ch)) for ch in text)
    return int(width)


@cache
def line_breaker(locale: str) -> Any:
    import icu

    for tag in (locale, locale.split("-")[0], "und"):
        try:
            return icu.BreakIterator.createLineInstance(icu.Locale.forLanguageTag(tag))
        except icu.ICUError:
            continue
    return icu.BreakIterator.createLineInstance(icu.Locale.getRoot())


def break_opportunities(text: str, locale: str = "en") -> list[int]:
    breaker = line_breaker(locale)
    breaker.setText(text)
    boundaries = list(breaker)
    if any(ord(ch) > 0xFFFF for ch in text):
        to_code_point = {}
        units = 0
        for index, ch in enumerate(text):
            to_code_point[units] = index
            units += 2 if ord(ch) > 0xFFFF else 1
        to_code_point[units] = len(text)
        boundaries = [to_code_point[b] for b in boundaries]
    allowed = [False] * (len(text) + 1)
    for boundary in boundaries:
        allowed[boundary] = True
    for match in URL_OR_EMAIL.finditer(text):
        for i in range(match.start() + 1, match.end()):
            allowed[i] = False
    for i, ch in enumerate(text):
        if ch in "\u00a0\u202f\u2007":
            allowed[i] = False
            allowed[i + 1] = False
    return [i for i in range(1, len(text)) if allowed[i]]


def wrap(
    text: str,
    width: int,
    *,
    initial_indent: str = "",
    subsequent_indent: str = "",
    locale: str = "en",
) -> list[str]:
    def segments(line: str) -> Iterator[str]:
        start = 0
        for offset in break_opportunities(line, locale):
            yield line[start:offset]
            start = offset
        yield line[start:]

    lines: list[str] = []
    indent = initial_indent
    for hard_line in text.split("\n"):
        current = indent
        line_has_text = False
        for segment in segments(hard_line):
            if line_has_text and display_width((current + segment).rstrip()) > width:
                lines.append(current.rstrip())
                indent = subsequent_indent
                current = indent
                segment = segment.lstrip()
            current += segment
            line_has_text = line_has_text or bool(segment.strip())
        lines.append(current.rstrip())
        indent = subsequent_indent
    return lines


def to_ascii(text: str) -> str:
    gap = "\x00"

    def ideographs(match: re.Match[str]) -> str:
        return gap + gap.join(str(anyascii(ch)) for ch in match.group()) + gap

    def words(match: re.Match[str]) -> str:
        return gap + gap.join(str(anyascii(w)) for w in word_segments(match.group())) + gap

    text = _IDEOGRAPHS.sub(ideographs, text)
    text = _NO_SPACE_SCRIPTS.sub(words, text)
    text = _FULL_WIDTH_PUNCTUATION.sub(lambda m: str(anyascii(m.group())) + gap, text)
    text = str(anyascii(text))
    text = re.sub(r"\x00+(?=[\s,.;:!?)\]]|$)|(?<=[\s(\[])\x00+|^\x00+", "", text)
    return re.sub(r"\x00+", " ", text)


_IDEOGRAPHS = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)
_NO_SPACE_SCRIPTS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
_FULL_WIDTH_PUNCTUATION = re.compile(r"[\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f]")


def count_words(text: str) -> int:
    return sum(
        1
        for token in re.findall(r"\S+", text)
        if any(unicodedata.category(ch)[0] in "LN" for ch in token)
    )


def tidy(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\t", " ")
    text = re.sub("[\u00a0\u2007\u202f]", " ", text)
    return unicodedata.normalize("NFC", text)


def wrap_chars(text: str, width: int, *, locale: str = "en", first: int | None = None) -> list[str]:
    lines: list[str] = []
    limit = first if first is not None else width
    for hard in text.split("\n"):
        current = ""
        for segment in _unhyphenated(word_segments(hard, locale)) or [""]:
            if current.strip() and len((current + segment).rstrip()) > limit:
                lines.append(current.rstrip())
                limit = width
                current = ""
                segment = segment.lstrip()
            current += segment
            while len(current.rstrip()) > limit:
                lines.append(current[:limit])
                limit = width
                current = current[len(lines[-1]) :].lstrip()
        lines.append(current.rstrip())
        limit = width
    return lines


def _unhyphenated(segments: list[str]) -> list[str]:
    out: list[str] = []
    for segment in segments:
        if out and out[-1].endswith(("-", "\u2010")):
            out[-1] += segment
        else:
            out.append(segment)
    return out
