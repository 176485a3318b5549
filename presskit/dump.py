"""The JSON model dump: every field of a :class:`~presskit.model.PressRelease`, losslessly.

Shape::

    {"format": "presskit.release", "version": 1, "release": {...}}

Inside ``release``, field names are the model's; datetimes are RFC 3339 strings with their
offset (``"2025-01-17T00:00:00+08:00"``), followed by the IANA zone in brackets when the
datetime carries one (RFC 9557: ``"2025-01-17T00:00:00+08:00[Asia/Singapore]"``); dates
are ``YYYY-MM-DD``; body blocks carry a
``"type"`` tag (``paragraph``, ``heading``, ``quote``, ``bullet_list``,
``numbered_list``) and the release status a ``"status"`` tag (``immediate``,
``embargoed``). Fields at their default value are left out. ``loads(dumps(r)) == r``
holds for every release.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from presskit.errors import ModelError, SourceError
from presskit.model import (
    Block,
    BulletList,
    Embargoed,
    Heading,
    Immediate,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
    ReleaseStatus,
)

__all__ = [
    "DUMP_FORMAT",
    "DUMP_VERSION",
    "dumps",
    "flatten_errors",
    "from_dict",
    "loads",
    "to_dict",
]

DUMP_FORMAT = "presskit.release"
DUMP_VERSION = 1

_BLOCK_TAGS: dict[type, str] = {
    Paragraph: "paragraph",
    Heading: "heading",
    Quote: "quote",
    BulletList: "bullet_list",
    NumberedList: "numbered_list",
}
_STATUS_TAGS: dict[type, str] = {Immediate: "immediate", Embargoed: "embargoed"}


def _unstructure_datetime(value: dt.datetime) -> str:
    """RFC 3339, with the IANA zone name appended in brackets when the datetime carries
    one (RFC 9557: ``2025-01-17T10:00:00+08:00[Asia/Singapore]``), so local times print
    the same after a round trip."""
    from zoneinfo import ZoneInfo

    text = value.isoformat()
    if isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key:
        text += f"[{value.tzinfo.key}]"
    return text


def _structure_datetime(value: Any, _type: type) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected an RFC 3339 date-time string, got {value!r}")
    zone = None
    name = ""
    if value.endswith("]") and "[" in value:
        value, _, name = value[:-1].partition("[")
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {name!r}") from None
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no offset")
    if zone is not None:
        # The same wall time in the zone, with the fold that gives the written offset: this
        # also keeps times in a DST gap or overlap exactly as they were dumped.
        for fold in (0, 1):
            local = parsed.replace(tzinfo=zone, fold=fold)
            if local.utcoffset() == parsed.utcoffset():
                return local
        raise ValueError(f"{value!r}: the offset does not match the time zone {name}")
    return parsed


def _structure_date(value: Any, _: type) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"expected a YYYY-MM-DD date string, got {value!r}")
    return dt.date.fromisoformat(value)


@cache
def converter() -> cattrs.Converter:
    """The cattrs converter for the model (built once)."""
    from cattrs.strategies import configure_tagged_union

    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    conv.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, _structure_date)
    configure_tagged_union(
        Block,
        conv,
        tag_generator=lambda cls: _BLOCK_TAGS[cls],
        tag_name="type",
    )
    configure_tagged_union(
        ReleaseStatus,
        conv,
        tag_generator=lambda cls: _STATUS_TAGS[cls],
        tag_name="status",
    )
    return conv


def to_dict(release: PressRelease) -> dict[str, Any]:
    """The dump as plain JSON-ready data."""
    return {
        "format": DUMP_FORMAT,
        "version": DUMP_VERSION,
        "release": converter().unstructure(release),
    }


def dumps(release: PressRelease) -> str:
    """The dump as JSON text: UTF-8 ready (no ``\\u`` escapes but for controls), two-space
    indent, keys in model order, a final newline."""
    return json.dumps(to_dict(release), ensure_ascii=False, indent=2) + "\n"


def from_dict(data: Any, *, path: str = "<string>") -> PressRelease:
    """Rebuild a release from :func:`to_dict` data.

    Raises:
        SourceError: not a presskit dump, an unknown version, or an invalid field (named
            by its JSON path).
    """
    if not isinstance(data, dict) or data.get("format") != DUMP_FORMAT:
        raise SourceError(path, f'not a presskit release dump (no "format": "{DUMP_FORMAT}")')
    if data.get("version") != DUMP_VERSION:
        raise SourceError(
            path, f"dump version {data.get('version')!r} is not supported (expected {DUMP_VERSION})"
        )
    try:
        return converter().structure(data.get("release"), PressRelease)
    except ModelError as exc:
        raise SourceError(path, exc.message, field=f"release.{exc.field}") from None
    except Exception as exc:  # cattrs raises exception groups
        field, message = flatten_errors(exc)[0]
        raise SourceError(path, message, field=f"release.{field}" if field else "release") from None


def loads(text: str | bytes, *, path: str = "<string>") -> PressRelease:
    """Parse :func:`dumps` output back into an equal release.

    Raises:
        SourceError: the text is not JSON, or see :func:`from_dict`.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"invalid JSON: {exc.msg}", line=exc.lineno) from None
    return from_dict(data, path=path)


def flatten_errors(exc: BaseException, path: str = "") -> list[tuple[str, str]]:
    """Turn a cattrs validation error tree into ``(field path, message)`` pairs.

    The field path uses dots and brackets (``"attachments[0].href"``); the message is one
    sentence.
    """
    out: list[tuple[str, str]] = []
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = note.name if hasattr(note, "name") else note.index
            sub_path = (
                f"{path}[{name}]" if isinstance(name, int) else f"{path}.{name}" if path else name
            )
            out.extend(flatten_errors(sub, str(sub_path)))
        for sub in without:
            out.extend(flatten_errors(sub, path))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        import difflib

        import attrs

        known = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
            out.append((f"{path}.{key}" if path else key, f"unknown key{hint}"))
        return out
    if isinstance(exc, KeyError):
        missing = exc.args[0] if exc.args else None
        if isinstance(missing, str) and missing and not path.endswith(missing):
            out.append((path, f"{missing!r} is missing, or is not one of the values allowed here"))
        else:
            out.append((path, "is required"))
        return out
    if isinstance(exc, ModelError):
        return [(exc.prefixed(path).field if path else exc.field, exc.message)]
    message = str(exc) or type(exc).__name__
    out.append((path, message))
    return out
