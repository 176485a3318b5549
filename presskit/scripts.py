"""Writing systems: which script a piece of text is in, and what that means for fonts.

Word processors and PDF renderers pick a font per *script*, not per language: Word keeps
three font slots per run (Latin ``w:ascii``/``w:hAnsi``, East Asian ``w:eastAsia`` and
complex script ``w:cs``), and a PDF needs an embedded font that has the glyphs. This
module classifies text by Unicode script (ICU's ``uscript_getScript``) so every exporter
decides the same way.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

__all__ = [
    "Slot",
    "default_language",
    "font_scripts",
    "is_rtl_text",
    "script_of",
    "scripts_in",
    "slot_of",
]


class Slot(enum.Enum):
    """Word's font slots (ECMA-376 Part 1, 17.3.2.26 rFonts)."""

    LATIN = "latin"
    EAST_ASIAN = "east_asian"
    COMPLEX = "complex"


_EAST_ASIAN = frozenset(
    {"Hani", "Hira", "Kana", "Hang", "Bopo", "Hrkt", "Jpan", "Kore", "Hans", "Hant"}
)
_COMPLEX = frozenset(
    {
        "Arab",
        "Hebr",
        "Syrc",
        "Thaa",
        "Nkoo",  # right to left
        "Thai",
        "Laoo",
        "Khmr",
        "Mymr",  # South-East Asian
        "Deva",
        "Beng",
        "Guru",
        "Gujr",
        "Orya",
        "Taml",
        "Telu",
        "Knda",
        "Mlym",
        "Sinh",  # Indic
        "Tibt",
        "Ethi",
    }
)
_NEUTRAL = frozenset({"Zyyy", "Zinh", "Zzzz"})  # common, inherited, unknown

#: A language tag for each script, used for ``w:lang`` when the release's own language
#: is not written in that script.
_SCRIPT_LANGUAGE = {
    "Hani": "zh-CN", "Hans": "zh-CN", "Hant": "zh-TW", "Bopo": "zh-TW",
    "Hira": "ja-JP", "Kana": "ja-JP", "Hrkt": "ja-JP", "Jpan": "ja-JP",
    "Hang": "ko-KR", "Kore": "ko-KR",
    "Thai": "th-TH", "Laoo": "lo-LA", "Khmr": "km-KH", "Mymr": "my-MM",
    "Taml": "ta-IN", "Deva": "hi-IN", "Beng": "bn-IN", "Guru": "pa-IN", "Gujr": "gu-IN",
    "Orya": "or-IN", "Telu": "te-IN", "Knda": "kn-IN", "Mlym": "ml-IN", "Sinh": "si-LK",
    "Arab": "ar-SA", "Hebr": "he-IL", "Syrc": "syr-SY", "Thaa": "dv-MV", "Tibt": "bo-CN",
    "Ethi": "am-ET",
}  # fmt: skip

#: The script a language is usually written in (first subtag), for choosing w:lang.
_LANGUAGE_SCRIPT = {
    "zh": "Hani", "ja": "Jpan", "ko": "Kore", "th": "Thai", "lo": "Laoo", "km": "Khmr",
    "my": "Mymr", "ta": "Taml", "hi": "Deva", "bn": "Beng", "ar": "Arab", "he": "Hebr",
    "fa": "Arab", "ur": "Arab", "si": "Sinh",
}  # fmt: skip


#: Scripts a language's writing system combines (Japanese mixes kana and Han, Korean
#: Hangul and Han).
_WRITES_WITH = {
    "Jpan": ("Hani", "Hira", "Kana", "Hrkt"),
    "Kore": ("Hani", "Hang"),
    "Hani": ("Bopo",),
}


@cache
def _script_code(codepoint: int) -> str:
    import icu

    return str(icu.Script.getScript(codepoint).getShortName())


def script_of(char: str) -> str:
    """The ISO 15924 code of one character's script (``"Latn"``, ``"Hani"``,
    ``"Taml"``); ``"Zyyy"`` for punctuation, digits and spaces shared by all scripts."""
    return _script_code(ord(char))


@cache
def font_scripts(char: str) -> tuple[str, ...]:
    """The scripts whose fonts may draw ``char`` when its own script's font lacks it:
    its Unicode Script_Extensions (UAX #24; ICU's ``uscript_getScriptExtensions``),
    so ``、`` (U+3001, Common) names Han, kana, Hangul, Bopomofo, Mongolian and Yi, and
    ``।`` (U+0964) the Indic scripts; for a Common character with no extensions that is
    wide (East Asian Width F or W, UAX #11: fullwidth forms), Han. Empty when neither
    says (Latin punctuation, symbols)."""
    import unicodedata

    import icu

    codes = icu.Script.getScriptExtensions(ord(char))
    found = tuple(
        sorted(
            name for code in codes if (name := str(icu.Script(code).getShortName())) not in _NEUTRAL
        )
    )
    if found:
        return found
    return ("Hani",) if unicodedata.east_asian_width(char) in ("F", "W") else ()


def scripts_in(text: str) -> Iterator[tuple[str, str]]:
    """Split ``text`` into ``(script, chunk)`` pieces. Neutral characters (spaces,
    punctuation, digits) join the piece before them, except those that follow white
    space, which join the piece after them: in ``தலைவர் (ADGMIN)`` the bracket goes with
    ``ADGMIN``, so no word mixes two scripts. Combining marks always stay with their
    base. Neutral characters at the start join the first piece."""
    if _ASTRAL.search(text):  # ICU's spans count UTF-16 code units: go by character
        yield from _scripts_by_character(text)
        return
    # A piece runs as far as its script and the neutral characters do (ICU's
    # UnicodeSet.span, in C++); only the neutral characters at its end are looked at
    # one by one, to find where the next piece takes over.
    from icu import USetSpanCondition

    simple = USetSpanCondition.SPAN_SIMPLE
    end = len(text)
    pos = _neutral_set().span(text, simple)  # the first character of some script
    if pos == end:
        if text:
            yield "Zyyy", text
        return
    start = 0
    while True:
        script = _script_code(ord(text[pos]))
        run_end = pos + _set_with_neutrals(script).span(text[pos:] if pos else text, simple)
        if run_end == end:
            yield script, text[start:]
            return
        cut = _next_piece_start(text, run_end)
        yield script, text[start:cut]
        start, pos = cut, run_end


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NEUTRAL_SET = "[:sc=Zyyy:][:sc=Zinh:][:sc=Zzzz:]"


@cache
def _neutral_set() -> Any:
    """ICU's set of the neutral characters (scripts Common, Inherited, Unknown)."""
    import icu

    return _frozen(icu.UnicodeSet(f"[{_NEUTRAL_SET}]"))


@cache
def _set_with_neutrals(script: str) -> Any:
    """ICU's set of the characters of ``script`` (ISO 15924) and the neutral ones."""
    import icu

    return _frozen(icu.UnicodeSet(f"[[:sc={script}:]{_NEUTRAL_SET}]"))


def _frozen(chars: Any) -> Any:
    chars.freeze()  # immutable: faster to search, and safe to share between threads
    return chars


def _next_piece_start(text: str, run_end: int) -> int:
    """Where the piece of the character at ``run_end`` starts: at the first neutral
    character (not a combining mark) after white space in the neutral characters before
    it, or at ``run_end``."""
    first = run_end
    while _script_code(ord(text[first - 1])) in _NEUTRAL:
        first -= 1
    for index in range(first, run_end):
        if _script_code(ord(text[index])) != "Zinh" and text[index - 1].isspace():
            return index
    return run_end


def _scripts_by_character(text: str) -> Iterator[tuple[str, str]]:
    """:func:`scripts_in`, one character at a time."""
    current: str | None = None
    chunk: list[str] = []
    pending: list[str] = []  # neutrals after white space, waiting for the next script
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


def slot_of(script: str) -> Slot:
    """The Word font slot a script uses."""
    if script in _EAST_ASIAN:
        return Slot.EAST_ASIAN
    if script in _COMPLEX:
        return Slot.COMPLEX
    return Slot.LATIN


def default_language(script: str, release_language: str) -> str:
    """The language tag to mark text of ``script`` with: the release's own language when
    that language is written in this script, else a common language of the script."""
    primary = release_language.split("-")[0].lower()
    own = _LANGUAGE_SCRIPT.get(primary)
    if own == script or script in _WRITES_WITH.get(own or "", ()):
        return release_language
    return _SCRIPT_LANGUAGE.get(script, release_language)


def is_rtl_text(text: str) -> bool:
    """True when the first strongly directional character of ``text`` is right to left
    (Unicode bidirectional class R or AL), as the Unicode Bidirectional Algorithm's rule
    P2 decides a paragraph's direction."""
    import unicodedata

    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
