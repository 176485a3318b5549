"""Text hygiene and plain-text layout helpers shared by every exporter.

Sanitising happens once, when a model object is built (the model's attrs converters call
:func:`clean_text` and :func:`clean_line`), so no exporter ever sees a control character,
a lone surrogate or text that is not in Unicode Normalization Form C.

Wrapping (:func:`wrap`) follows the Unicode Line Breaking Algorithm (UAX #14, through
ICU's line break iterator, which also breaks Thai, Lao, Khmer and Burmese between words
by dictionary) and measures width in terminal columns (East Asian wide characters count 2,
through ``wcwidth``), so Chinese text wraps between ideographs and Latin text between
words. URLs and e-mail addresses are never broken.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Any

__all__ = [
    "URL_OR_EMAIL",
    "bare_links",
    "clean_fragment",
    "clean_line",
    "clean_text",
    "display_width",
    "removed_characters",
    "to_ascii",
    "word_segments",
    "wrap",
]

# C0 controls except TAB (U+0009) and LF (U+000A), DEL, C1 controls, lone surrogates, the
# 66 noncharacters (U+FDD0 to U+FDEF, and the last two code points of every plane: U+FFFE,
# U+FFFF, U+1FFFE ... U+10FFFF) and U+FFFD REPLACEMENT CHARACTER. Controls, surrogates and
# U+FFFE/U+FFFF are not allowed in XML 1.0; noncharacters are for a program's internal
# use, never for interchange (Unicode 15, section 23.7); U+FFFD marks a character lost
# before presskit got the text, which the W3C feed validator reports (BadCharacters).
# None is text a reader should get. CR is handled separately (line ends become LF).
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_REMOVED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd{_NONCHARACTERS}]")
# CR LF, CR, the Unicode line and paragraph separators, NEL, and the two controls Word
# pastes for a manual line break (VT, U+000B) and a page break (FF, U+000C): all are
# line breaks, so they become LF rather than gluing two words together.
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[ \t\n\r\u2028\u2029]+")

#: Characters that end a URL written in running text: white space, quotation marks and
#: angle brackets, and the punctuation of CJK and other scripts (``。，、；：！？（）「」《》``
#: and the fullwidth forms), which is never part of an address a person types: in
#: ``请浏览www.scamalert.sg。资媒局……`` the address ends at ``。``.
_URL_END = '\\s<>"“”‘’\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65'

#: A URL (scheme or ``www.``) or an e-mail address: spans that wrapping never breaks.
#: Without a scheme, only ASCII counts (``www.``, ``name@host``), since Chinese, Japanese
#: and Thai put no space between an address and the next word; an address in another
#: script needs its scheme (``https://例子.测试``) or a Markdown link.
URL_OR_EMAIL = re.compile(
    rf"(?:(?:https?|mailto|tel):[^{_URL_END}]+|www\.(?:(?![{_URL_END}])[!-~])+"
    r"|[A-Za-z0-9.+_-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)",
    re.UNICODE,
)


def bare_links(text: str) -> Iterator[tuple[int, int, str]]:
    """The URLs and e-mail addresses written in ``text`` without markup, as a reader
    would click them: ``(start, end, href)`` with code-point offsets into ``text``.

    Trailing sentence punctuation (``. , ; : )``) is not part of the link. ``www.`` gets
    ``https://`` and a bare address ``mailto:``. A span that is not a valid RFC 3986 URI
    even after percent-encoding (see :func:`presskit.uri.to_uri`) is left as text, never
    an error: it is the author's prose, not a field.
    """
    from presskit.uri import UriError, to_uri

    for match in URL_OR_EMAIL.finditer(text):
        target = match.group().rstrip(".,;:)")
        if re.match(r"^[a-z]+:", target):
            href = target
        elif "@" in target and "/" not in target:
            href = f"mailto:{target}"
        else:
            href = f"https://{target}"
        try:
            href = to_uri(href)
        except UriError:
            continue
        yield match.start(), match.start() + len(target), href


def removed_characters(text: str) -> list[tuple[int, str]]:
    """Return ``(offset, character)`` for each character :func:`clean_text` would drop.

    Offsets are 0-based code-point offsets into ``text``. Loaders use this to warn, with a
    line and column, about what sanitising removed.
    """
    return [(m.start(), m.group()) for m in _REMOVED.finditer(_NEWLINES.sub("\n", text))]


def clean_text(text: str) -> str:
    """Sanitise multi-line text: line endings to LF, controls removed, then NFC.

    Line breaks (CR LF, CR, U+2028, U+2029, NEL, and VT and FF, which Word uses for
    manual line and page breaks) become LF. Kept: LF and TAB. Removed: the other C0
    controls, DEL, C1 controls (U+0080 to U+009F), lone surrogates, the 66 noncharacters
    (U+FDD0 to U+FDEF, U+FFFE, U+FFFF, U+1FFFE, U+1FFFF ... U+10FFFF) and U+FFFD
    REPLACEMENT CHARACTER. Leading and trailing blank space is stripped. The result is in
    Unicode Normalization Form C. The function is idempotent:
    ``clean_text(clean_text(s)) == clean_text(s)``.

    Raises:
        TypeError: ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text, got {type(text).__name__}")
    text = _REMOVED.sub("", _NEWLINES.sub("\n", text))
    return unicodedata.normalize("NFC", text).strip()


def clean_fragment(text: str) -> str:
    """Sanitise a fragment of running text (an inline run): as :func:`clean_text` but
    without stripping, since the spaces at a run's edges separate it from its neighbours.

    Raises:
        TypeError: ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text, got {type(text).__name__}")
    return unicodedata.normalize("NFC", _REMOVED.sub("", _NEWLINES.sub("\n", text)))


def clean_line(text: str) -> str:
    """Sanitise single-line text (headlines, names): as :func:`clean_text`, and every run
    of white space, line breaks and tabs included, becomes one space.

    Raises:
        TypeError: ``text`` is not a ``str``.
    """
    return _SPACES.sub(" ", clean_text(text)).strip()


def display_width(text: str) -> int:
    """Width of ``text`` in terminal columns (East Asian wide and full-width characters
    count 2, combining marks 0), per ``wcwidth``. Never negative."""
    if _ONE_COLUMN.fullmatch(text):  # the common case, without asking wcwidth
        return len(text)
    wcswidth = _wcswidth()
    width = wcswidth(text)
    if width < 0:  # a non-printable character: count each code point as one column
        return sum(max(0, wcswidth(ch)) for ch in text)
    return int(width)


#: Text whose width is its length: printable ASCII, Latin-1 (but the soft hyphen),
#: Latin Extended-A and -B, and the dashes, quotation marks and other punctuation of
#: U+2010 to U+2027 and U+2030 to U+205E. Each is one column wide, and none combines
#: with a neighbour (no combining mark, joiner, variation selector or control), so
#: ``wcswidth`` of any string of them is its length (tests/test_text_runs.py).
_ONE_COLUMN = re.compile("[ -~\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e]*")


@cache
def _wcswidth() -> Callable[[str], int]:
    """``wcwidth.wcswidth``, imported on first use (not at ``import presskit``)."""
    from wcwidth import wcswidth

    return wcswidth


def _line_breaker(locale: str) -> Any:
    """ICU's line break iterator for ``locale``, or for its language, or the root rules
    when ICU does not know the tag: one per thread, since an iterator holds the text it
    is on (threads sharing one would read each other's breaks)."""
    breakers: dict[str, Any] = _THREAD.__dict__.setdefault("line_breakers", {})
    breaker = breakers.get(locale)
    if breaker is None:
        breaker = breakers[locale] = _new_line_breaker(locale)
    return breaker


_THREAD = threading.local()


def _new_line_breaker(locale: str) -> Any:
    import icu

    for tag in (locale, locale.split("-")[0], "und"):
        try:
            return icu.BreakIterator.createLineInstance(icu.Locale.forLanguageTag(tag))
        except icu.ICUError:
            continue
    return icu.BreakIterator.createLineInstance(icu.Locale.getRoot())


def _break_opportunities(text: str, locale: str = "en") -> list[int]:
    """Code-point offsets where a line may break before the character there: the
    Unicode Line Breaking Algorithm (UAX #14) as ICU implements it, with dictionary
    word breaks for Thai, Lao, Khmer and Burmese, and with URL and e-mail spans and
    no-break spaces protected."""
    breaker = _line_breaker(locale)
    breaker.setText(text)
    boundaries: list[int] = list(breaker)
    if _ASTRAL.search(text):  # ICU counts UTF-16 code units
        boundaries = _code_point_offsets(text, boundaries)
    blocked: set[int] = set()
    for match in URL_OR_EMAIL.finditer(text):
        blocked.update(range(match.start() + 1, match.end()))
    for match in _NO_BREAK_SPACES.finditer(text):
        blocked.update((match.start(), match.end()))
    end = len(text)
    return [b for b in boundaries if 0 < b < end and b not in blocked]


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NO_BREAK_SPACES = re.compile("[\u00a0\u202f\u2007]")


def _code_point_offsets(text: str, units: list[int]) -> list[int]:
    """UTF-16 code-unit offsets into ``text`` (ICU's) as code-point offsets: each
    character beyond the BMP (two code units) before an offset counts one less."""
    # the code-unit offset of the k-th astral character is its code-point offset + k
    starts = [match.start() + k for k, match in enumerate(_ASTRAL.finditer(text))]
    return [unit - bisect_left(starts, unit) for unit in units]


@lru_cache(maxsize=1024)
def _segments(text: str, locale: str) -> tuple[str, ...]:
    """``text`` cut before each break opportunity (the last piece may be empty).
    Cached: a build wraps a release's paragraphs for several formats and house styles
    (1,024 paragraphs, some MB at most, are many releases' worth)."""
    pieces = []
    start = 0
    for offset in _break_opportunities(text, locale):
        pieces.append(text[start:offset])
        start = offset
    pieces.append(text[start:])
    return tuple(pieces)


def wrap(
    text: str,
    width: int,
    *,
    initial_indent: str = "",
    subsequent_indent: str = "",
    locale: str = "en",
) -> list[str]:
    """Wrap one paragraph of text to lines of at most ``width`` terminal columns.

    Args:
        text: the paragraph; LF characters in it are hard line breaks.
        width: the maximum line width in columns (see :func:`display_width`).
        initial_indent: put before the first line (counts towards ``width``).
        subsequent_indent: put before every other line.
        locale: BCP 47 or ICU locale of the text (``"th"``, ``"ja"``), for the
            language-specific line-breaking rules ICU applies.

    Returns:
        The lines, without line terminators and without trailing spaces. A single
        unbreakable token (a URL, an e-mail address, a very long word) that is wider than
        the space left stands alone on a line that is longer than ``width``: it is never
        broken.
    """
    lines: list[str] = []
    indent = initial_indent
    for hard_line in text.split("\n"):
        current = indent
        line_has_text = False
        # the width of a line of one-column characters is its length
        plain = _ONE_COLUMN.fullmatch(hard_line + initial_indent + subsequent_indent)
        if plain and len(current) + len(hard_line) <= width:  # fits: no breaks to find
            lines.append((current + hard_line).rstrip())
            indent = subsequent_indent
            continue
        measure = len if plain else display_width
        for segment in _segments(hard_line, locale):
            # measured as a whole: wcwidth counts a combining mark as 0 columns at the
            # start of a string but 1 after a space, so widths do not add up
            if line_has_text and measure((current + segment).rstrip()) > width:
                lines.append(current.rstrip())
                indent = subsequent_indent
                current = indent
                segment = segment.lstrip()
            current += segment
            line_has_text = line_has_text or bool(segment.strip())
        lines.append(current.rstrip())
        indent = subsequent_indent
    return lines


def word_segments(text: str, locale: str = "en") -> list[str]:
    """``text`` cut at ICU's line-break opportunities: words for Thai, Lao, Khmer and
    Burmese (by dictionary), ideographs for Chinese, and space-separated words
    elsewhere. Joining the pieces gives ``text`` back."""
    return [piece for piece in _segments(text, locale) if piece]


def to_ascii(text: str) -> str:
    """7-bit ASCII by ``anyascii``, keeping the text wrappable: ideographs and kana are
    transliterated one by one and separated by spaces (``新加坡`` -> ``Xin Jia Po``),
    scripts written without spaces between words (Thai, Lao, Khmer, Burmese) get a space
    at each word boundary ICU finds, and full-width punctuation is followed by a space.
    Used by the ``text`` exporter's ``ascii`` option and the wire formats' ASCII and
    Latin-1 character sets."""
    if text.isascii() and _GAP not in text:  # nothing to transliterate, no space to add
        return text
    text = _IDEOGRAPHS.sub(_ideographs, text)
    text = _NO_SPACE_SCRIPTS.sub(_words, text)
    text = _FULL_WIDTH_PUNCTUATION.sub(_punctuation, text)
    # anyascii maps each character on its own: only the runs beyond ASCII need it
    text = _NON_ASCII.sub(_transliterated, text)
    # an added space is dropped next to a space, a line end or closing punctuation
    text = _NEEDLESS_GAPS.sub("", text)
    return _GAPS.sub(" ", text)


_GAP = "\x00"  # a space to_ascii adds (control characters never reach it)
_IDEOGRAPHS = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)
_NO_SPACE_SCRIPTS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
_FULL_WIDTH_PUNCTUATION = re.compile(r"[\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NEEDLESS_GAPS = re.compile(r"\x00+(?=[\s,.;:!?)\]]|$)|(?<=[\s(\[])\x00+|^\x00+")
_GAPS = re.compile(r"\x00+")


class _SpacedIdeographs(dict[int, str]):
    """``str.translate`` table: an ideograph or kana as ``anyascii`` spells it, then a
    gap (filled on first use, so each character is looked up once a process)."""

    def __missing__(self, codepoint: int) -> str:
        self[codepoint] = spelled = _transliterated_text(chr(codepoint)) + _GAP
        return spelled


_SPACED_IDEOGRAPHS = _SpacedIdeographs()


def _ideographs(match: re.Match[str]) -> str:
    return _GAP + match.group().translate(_SPACED_IDEOGRAPHS)


def _words(match: re.Match[str]) -> str:
    spelled = (_transliterated_text(word) for word in word_segments(match.group()))
    return _GAP + _GAP.join(spelled) + _GAP


def _punctuation(match: re.Match[str]) -> str:
    return _transliterated_text(match.group()) + _GAP


def _transliterated(match: re.Match[str]) -> str:
    return _transliterated_text(match.group())


def _transliterated_text(text: str) -> str:
    from anyascii import anyascii

    return str(anyascii(text))
