"""Strict TOML configuration files: ``presskit.toml`` and a theme's ``theme.toml``.

A configuration file is read as strictly as a source (docs/source-format.md): a syntax
error, a key presskit does not know (with the likely one: "did you mean 'style'?") and a
value of the wrong type are each a :class:`~presskit.errors.SourceError` naming the file,
the line and the dotted key, so that an editor can jump to it and nothing is silently
ignored.

A *schema* describes the keys a table may hold::

    SCHEMA = {
        "style": str,                       # a string
        "jobs": int,                        # an integer (not a boolean)
        "formats": ListOf(str),             # an array of strings
        "site": {"name": str, "base_url": str},   # a table with these keys
        "options": TableOf(ANY),            # a table with keys of the user's choosing
    }

Every key is optional; what a missing key means is the reader's business.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from presskit.errors import SourceError

__all__ = ["ANY", "ListOf", "Schema", "TableOf", "check", "key_line", "parse_toml", "read_config"]

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


@attrs.frozen
class TableOf:
    """A table whose keys the user chooses (agencies by id, fonts by script); each value
    follows ``value``."""

    value: Any


@attrs.frozen
class ListOf:
    """An array whose items follow ``item``."""

    item: Any


class _Any:
    def __repr__(self) -> str:
        return "ANY"


#: Any value at all (checked by its reader).
ANY: Any = _Any()

Schema: TypeAlias = Mapping[str, Any]

_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
          list: "an array", dict: "a table"}  # fmt: skip


def read_config(path: Path, schema: Schema) -> dict[str, Any]:
    """Read the TOML file at ``path`` and check it against ``schema``.

    Returns:
        The parsed document (plain ``dict``/``list``/scalars, as :mod:`tomllib` gives;
        dates and times as :mod:`datetime` objects).

    Raises:
        SourceError: the file cannot be read, is not UTF-8 or not valid TOML, or holds an
            unknown key or a value of the wrong type (``path:line: key: message``).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SourceError(str(path), "is not UTF-8 text") from None
    except OSError as exc:
        raise SourceError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    data = parse_toml(text, path=str(path))
    check(data, schema, path=str(path), text=text)
    return data


def check(data: Mapping[str, Any], schema: Schema, *, path: str, text: str = "") -> None:
    """Check a parsed TOML table against ``schema`` (see the module documentation).

    Args:
        data: the table.
        schema: its schema.
        path: the file's name, for errors.
        text: the file's text, to find the line of a key (``""``: lines not given).

    Raises:
        SourceError: the first unknown key or wrongly typed value, in file order.
    """
    _check_table(data, schema, "", path, text)


def _check_table(
    data: Mapping[str, Any], schema: Schema, prefix: str, path: str, text: str
) -> None:
    for key, value in data.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if key not in schema:
            known = sorted(schema)
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            where = f" in [{prefix}]" if prefix else ""
            hint = f"; did you mean {close[0]!r}?" if close else (
                f"; known keys: {', '.join(known)}" if known else "")  # fmt: skip
            _fail(path, text, dotted, f"unknown key {key!r}{where}{hint}")
        _check_value(value, schema[key], dotted, path, text)


def _check_value(value: Any, spec: Any, dotted: str, path: str, text: str) -> None:
    if spec is ANY:
        return
    if isinstance(spec, tuple):  # one of these
        _check_one_of(value, spec, dotted, path, text)
    elif isinstance(spec, Mapping | TableOf):
        if not isinstance(value, dict):
            _fail(path, text, dotted, f"must be a table, got {_kind(value)}")
        if isinstance(spec, TableOf):
            for key, item in value.items():
                _check_value(item, spec.value, f"{dotted}.{key}", path, text)
        else:
            _check_table(value, spec, dotted, path, text)
    elif isinstance(spec, ListOf):
        if not isinstance(value, list):
            _fail(path, text, dotted, f"must be an array, got {_kind(value)}")
        for index, item in enumerate(value):
            _check_value(item, spec.item, f"{dotted}[{index}]", path, text)
    elif not _is(value, spec):
        _fail(path, text, dotted, f"must be {_describe(spec)}, got {_kind(value)}")


def _check_one_of(value: Any, specs: tuple[Any, ...], dotted: str, path: str, text: str) -> None:
    for alternative in specs:
        try:
            _check_value(value, alternative, dotted, path, text)
            return
        except SourceError:
            continue
    wanted = " or ".join(_describe(a) for a in specs)
    _fail(path, text, dotted, f"must be {wanted}, got {_kind(value)}")


def _describe(spec: Any) -> str:
    if isinstance(spec, ListOf):
        return f"an array of {_describe(spec.item).split(' ', 1)[-1]}s"
    if isinstance(spec, TableOf | Mapping):
        return "a table"
    return _NAMES.get(spec, getattr(spec, "__name__", str(spec)))


def _is(value: Any, kind: type) -> bool:
    if isinstance(value, bool) or kind is bool:
        return isinstance(value, bool) and kind is bool
    if isinstance(value, int) and kind is float:
        return True
    return isinstance(value, kind)


def _kind(value: Any) -> str:
    for kind in (bool, int, float, str, list, dict):
        if isinstance(value, kind):
            return (
                f"{_NAMES[kind]} ({value!r})" if kind in (bool, int, float, str) else _NAMES[kind]
            )
    return type(value).__name__


def _fail(path: str, text: str, dotted: str, message: str) -> None:
    line = key_line(text, dotted) if text else None
    raise SourceError(path, message, line=line, field=dotted)
