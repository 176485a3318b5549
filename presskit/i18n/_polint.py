"""The lines of a ``.po`` file that Babel's reader would take in silently but wrongly.

Babel's ``read_po`` (even with ``abort_invalid=True``) reads a string by dropping its
first and last characters: ``msgstr "Pertanyaan media:`` (the closing quote forgotten)
becomes ``Pertanyaan media``, ``msgstr Pertanyaan`` an empty translation, and a second
entry with the same ``msgctxt`` and ``msgid`` is dropped. GNU ``msgfmt`` refuses all
of these; so does :func:`first_problem`, before Babel reads the file, so that a hand
edit gone wrong stops with its line instead of printing a clipped label.
"""

from __future__ import annotations

import re

__all__ = ["first_problem"]

_STRING = r'"(?:[^"\\]|\\.)*"'
#: A keyword line (``msgstr "..."``) or a string continuing the one above.
_LINE = re.compile(rf"(?:(?P<keyword>msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_STRING}")


def first_problem(text: str) -> tuple[int, str] | None:
    """The first line of the ``.po`` text ``text`` that is neither blank, a comment
    (``#``...), a keyword and one string in double quotes, nor a string continuing the
    one above; or the second entry with a ``msgctxt`` and ``msgid`` already seen.

    Returns:
        ``(line, reason)``, the line 1-based; ``None`` when every line is well formed.
    """
    if text.startswith("\ufeff"):
        return 1, "starts with a byte order mark: save it as UTF-8 without one (BOM)"
    reader = _Reader()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        found = _LINE.fullmatch(line)
        if found is None:
            shown = line if len(line) <= 60 else f"{line[:57]}..."
            return number, f"expected a keyword and a string in double quotes: {shown}"
        problem = reader.step(number, found["keyword"], line[line.index('"') + 1 : -1])
        if problem is not None:
            return problem
    return None


class _Reader:
    """The entry being read: its ``msgctxt`` and ``msgid`` (as written, escapes kept),
    the line it starts on, and the keyword the last string belongs to."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str | None, str], int] = {}
        self.context: str | None = None
        self.msgid = ""
        self.started = 0
        self.field = ""

    def step(self, number: int, keyword: str | None, value: str) -> tuple[int, str] | None:
        if keyword is None:
            return self._continue(number, value)
        if keyword == "msgctxt":
            self.context, self.started = value, number
        elif keyword == "msgid":
            if self.field != "msgctxt":
                self.context, self.started = None, number
            self.msgid = value
        elif keyword in ("msgstr", "msgstr[0]"):
            if self.field not in ("msgid", "msgid_plural"):
                return number, f"a {keyword} without its msgid"
            key = (self.context, self.msgid)
            if key != (None, "") and key in self.seen:
                first = self.seen[key]
                return self.started, f"the same msgctxt and msgid as the entry at line {first}"
            self.seen[key] = self.started
        self.field = keyword
        return None

    def _continue(self, number: int, value: str) -> tuple[int, str] | None:
        if not self.field:
            return number, "a string that continues nothing"
        if self.field == "msgctxt":
            self.context = (self.context or "") + value
        elif self.field == "msgid":
            self.msgid += value
        return None
