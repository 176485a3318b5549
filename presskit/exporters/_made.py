"""What an exporter's bytes were made from, so that another exporter of the same build
can reuse them instead of making them again.

In a build, an exporter with ``renders_last`` is given the release's files already
rendered (:attr:`presskit.exporters.BuildContext.siblings`), by file name only. The
e-mail carries the press-wire text, which the ``text`` exporter has just made, but the
file name does not say with which options (``--set text.width=60`` changes the file,
not its name). The exporter that makes bytes records here from which release and with
which options (:func:`remember`); the one that would reuse them asks (:func:`made`)
with the very bytes object it was given, so a file is reused only when it is known to
be what the asking exporter would make itself. The record holds the bytes it names, so
their ``id`` is not reused while it is kept; only the last few are kept.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable

from presskit.model import PressRelease

__all__ = ["made", "remember"]

#: How many records are kept (a release's text variants, with room for threads).
KEPT = 32

_records: dict[int, tuple[bytes, PressRelease, Hashable]] = {}
_lock = threading.Lock()


def remember(data: bytes, release: PressRelease, key: Hashable) -> None:
    """Record that ``data`` was made from ``release`` with ``key`` (the exporter's name
    and the option values the bytes depend on)."""
    with _lock:
        _records[id(data)] = (data, release, key)
        while len(_records) > KEPT:
            del _records[next(iter(_records))]


def made(data: bytes, release: PressRelease, key: Hashable) -> bool:
    """Whether this very ``data`` object was recorded as made from this very
    ``release`` object with ``key``."""
    with _lock:
        record = _records.get(id(data))
    return record is not None and record[0] is data and record[1] is release and record[2] == key
