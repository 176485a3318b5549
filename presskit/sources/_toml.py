"""TOML parsing with line numbers for errors."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from presskit.errors import SourceError

__all__ = ["key_line", "parse_toml"]

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_SEGMENT = re.compile(r"([^.\[\]]+)")


def parse_toml(text: str, *, path: str, line_offset: int = 0) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes a :class:`SourceError` with the line.

    Args:
        text: the TOML document.
        path: the file name used in errors.
        line_offset: lines in the file before ``text`` starts (front matter delimiters).

    Raises:
        SourceError: the text is not valid TOML.
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _AT_LINE.search(message)
        line = None
        if match:
            line = int(match.group(1)) + line_offset
            message = _AT_LINE.sub("", message).strip()
            message = f"{message} (column {match.group(2)})"
        raise SourceError(path, f"invalid TOML: {message}", line=line) from None


def key_line(text: str, field: str, *, line_offset: int = 0) -> int | None:
    """Best-effort 1-based line of a dotted field path (``"attachments[0].href"``,
    ``"agencies.imda.contacts[0].email"``) in TOML ``text``; ``None`` when not found.

    The search walks the path's names in order, each one from the line where the previous
    one was found, looking for ``name =`` or a ``[table]`` header that contains it. A name
    with an index (``attachments[1]``) is the index's occurrence of it (the second
    ``[[attachments]]`` table), or its last one (an inline array is on one line).
    """
    segments = _SEGMENT.findall(field)
    if not any(not s.isdigit() for s in segments):
        return None
    lines = text.split("\n")  # not splitlines(): NEL, VT and FF do not end a TOML line
    start = 0
    found: int | None = None
    for position, name in enumerate(segments):
        if name.isdigit():
            continue
        after = segments[position + 1] if position + 1 < len(segments) else ""
        wanted = int(after) + 1 if after.isdigit() else 1
        key = re.escape(name)
        pattern = re.compile(
            rf"^\s*(?:{key}\s*=|\[\[?\s*(?:[^\]]*\.)?{key}\s*(?:\]|\.)|\"{key}\"\s*=)"
        )
        hits = [i for i in range(start, len(lines)) if pattern.search(lines[i])][:wanted]
        if not hits:
            break
        found = start = hits[-1]
    return None if found is None else found + 1 + line_offset
