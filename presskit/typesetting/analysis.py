"""Text analysis for the typesetter, by ICU: each character's script (UAX #24, with
punctuation given the script around it), bidi levels and visual order (UAX #9), line
break opportunities (UAX #14, strict kinsoku for Japanese and Chinese) and the language
of a run of text.

ICU counts offsets in UTF-16 code units; every function here takes and returns code
point offsets into Python strings.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any, TypeVar

from presskit.scripts import default_language, script_of

__all__ = [
    "LANGUAGE_SCRIPT",
    "NEUTRAL",
    "NO_LINE_END",
    "NO_LINE_START",
    "bidi_levels",
    "break_opportunities",
    "kinsoku_forbids",
    "paragraph_rtl",
    "primary_subtag",
    "resolved_scripts",
    "run_language",
    "visual_order",
]

T = TypeVar("T")

#: The script codes of no script: Common (punctuation, digits, spaces), Inherited
#: (combining marks), Unknown.
NEUTRAL = frozenset({"Zyyy", "Zinh", "Zzzz"})
#: Characters that make a paragraph need the bidi algorithm: right-to-left letters
#: (Hebrew, Arabic, Syriac, Thaana, NKo, ... and their presentation forms, and the
#: right-to-left blocks of the supplementary planes) and explicit bidi controls.
_NEEDS_BIDI = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202a-\u202e\u2066-\u2069"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
#: The script a language is written in (its first subtag), for text with no letters.
LANGUAGE_SCRIPT = {
    "zh": "Hani", "ja": "Hani", "ko": "Hang", "th": "Thai", "lo": "Laoo", "km": "Khmr",
    "my": "Mymr", "ta": "Taml", "hi": "Deva", "bn": "Beng", "ar": "Arab", "he": "Hebr",
    "fa": "Arab", "ur": "Arab", "si": "Sinh",
}  # fmt: skip
#: Kinsoku (JIS X 4051, W3C JLREQ): characters that may not start a line (closing
#: brackets, 、。，．, middle dots, iteration marks, the prolonged sound mark, small
#: kana) and that may not end one (opening brackets). ICU's strict line breaking keeps
#: these rules at every break opportunity; a piece wider than the line is cut by them too.
NO_LINE_START = frozenset(
    "、。，．,.)）]］}｝」』】〕〉》〙〗〟’”｠»・：；:;?!？！‼⁇⁈⁉ヽヾゝゞ々〻ー゛゜‐゠–〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｯｬｭｮｰ"
)
NO_LINE_END = frozenset("(（[［{｛「『【〔〈《〘〖〝‘“｟«")


@cache
def run_language(script: str, paragraph: str) -> str:
    """The language of text of ``script`` in a paragraph in ``paragraph`` (BCP 47): the
    paragraph's when its tag names that script (Jawi, ``ms-Arab``) or its language is
    written in it, else the script's usual language
    (:func:`presskit.scripts.default_language`)."""
    subtags = paragraph.replace("_", "-").split("-")
    named = subtags[1].title() if len(subtags) > 1 and len(subtags[1]) == 4 else ""
    if named == script or (script == "Hani" and named in ("Hans", "Hant")):
        return paragraph
    return default_language(script, paragraph)


def primary_subtag(language: str) -> str:
    """The primary language subtag of a BCP 47 tag, lower case (``"zh"`` of ``"zh-Hant"``)."""
    return language.replace("_", "-").split("-")[0].lower()


def kinsoku_forbids(text: str, pos: int) -> bool:
    """True when a line may not end at ``pos`` by kinsoku (see :data:`NO_LINE_START`);
    ``pos`` is inside ``text``."""
    return text[pos] in NO_LINE_START or text[pos - 1] in NO_LINE_END


def paragraph_rtl(text: str, direction: str) -> bool:
    """True when a paragraph of ``text`` is right to left: ``direction`` (``"ltr"``,
    ``"rtl"``) or, for ``"auto"``, its first strong character (UAX #9 rules P2, P3)."""
    if direction != "auto":
        return direction == "rtl"
    from presskit.scripts import is_rtl_text

    return is_rtl_text(text)


def bidi_levels(text: str, para_level: int) -> list[int] | None:
    """Each character's bidi embedding level (UAX #9, by ICU), or ``None`` when all are
    0 (a left-to-right paragraph with no right-to-left character)."""
    if para_level == 0 and not _NEEDS_BIDI.search(text):
        return None
    import icu

    bidi = icu.Bidi()
    ustr = icu.UnicodeString(text)
    bidi.setPara(ustr, para_level)
    levels = bidi.getLevels()
    if len(levels) == len(text):
        return list(levels)
    out, unit = [], 0
    for char in text:
        out.append(levels[unit])
        unit += 2 if ord(char) > 0xFFFF else 1
    return out


#: Paired punctuation: a closing mark takes the script of its opening one (as UAX #24
#: and browsers' script itemisation do), so ``(陈美玲)`` after English text has both
#: brackets in one face.
_PAIRS = {
    ")": "(", "]": "[", "}": "{", "）": "（", "］": "［", "｝": "｛", "」": "「", "』": "『",
    "】": "【", "〕": "〔", "〉": "〈", "》": "《", "〗": "〖", "〙": "〘", "”": "“", "»": "«",
}  # fmt: skip
_OPENING = frozenset(_PAIRS.values())


def resolved_scripts(text: str, language: str) -> tuple[list[str], list[str]]:
    """Each character's script, raw (ICU) and resolved for choosing faces and shaping:

    * a mark (Inherited) takes the script of the character it is on;
    * a closing bracket or quotation mark the script of its opening one;
    * other punctuation, digits and spaces (Common) the script of the text around them
      when it is the same on both sides (or there is text on one side only), else the
      script of the paragraph's language: in an English paragraph the ``" / "`` between
      Chinese and Tamil is Latin, in a Japanese one the ``、`` after ``ASEAN`` is Han.
    """
    raw = [script_of(c) for c in text]
    paragraph = LANGUAGE_SCRIPT.get(primary_subtag(language), "Latn")
    following: list[str] = [""] * len(text)  # the next letter's script, for each index
    upcoming = ""
    for index in range(len(text) - 1, -1, -1):
        following[index] = upcoming
        if raw[index] not in NEUTRAL:
            upcoming = raw[index]
    out: list[str] = []
    last = ""
    opened: list[tuple[str, int]] = []  # (opening mark, its index)
    for index, code in enumerate(raw):
        if code not in NEUTRAL:
            last = code
            out.append(code)
            continue
        if code == "Zinh" and out:
            out.append(out[-1])
            continue
        char = text[index]
        if char in _PAIRS and opened and opened[-1][0] == _PAIRS[char]:
            out.append(out[opened.pop()[1]])
            continue
        if char in _OPENING:
            opened.append((char, index))
        after = following[index]
        if last and after:
            out.append(last if last == after else paragraph)
        else:
            out.append(last or after or paragraph)
    return raw, out


_LOCAL = threading.local()  # ICU break iterators hold the text: one set per thread


def break_opportunities(text: str, language: str) -> list[int]:
    """ICU's line break opportunities in ``text`` (code point offsets, ascending, the
    end included): UAX #14 with ICU's tailorings; for Japanese and Chinese the strict
    rules (``@lb=strict``: no line starts with a small kana or a prolonged sound mark)."""
    import icu

    primary = primary_subtag(language)
    locale = f"{primary}@lb=strict" if primary in ("ja", "zh", "yue") else primary
    breakers: dict[str, Any] = _LOCAL.__dict__.setdefault("breakers", {})
    breaker = breakers.get(locale)
    if breaker is None:
        breaker = breakers[locale] = icu.BreakIterator.createLineInstance(icu.Locale(locale))
    breaker.setText(text)
    found = list(breaker)
    if not text or max(text) <= "\uffff":  # no surrogate pairs: offsets agree
        return found
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    index = {u: i for i, u in enumerate(units)}
    return [index[b] for b in found if b in index]


def visual_order(levels: list[int], runs: list[T], para_level: int) -> list[T]:
    """Runs in visual order (UAX #9 rule L2): from the highest level down to the lowest
    odd one, every maximal sequence at that level or higher is reversed."""
    if not runs or (max(levels) == 0 and para_level == 0):
        return runs
    order = list(range(len(runs)))
    lv = list(levels)
    top = max(lv)
    low = min(lv)
    lowest_odd = low if low % 2 else low + 1
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if lv[i] >= level:
                j = i
                while j < len(order) and lv[j] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                lv[i:j] = lv[i:j][::-1]
                i = j
            else:
                i += 1
    return [runs[k] for k in order]
