"""The size limit of a source (issue 12, item 4): a source every format can render in
well under a minute is accepted; a larger one is refused at load time, naming the limit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import presskit
from presskit.errors import SourceError
from presskit.sources import MAX_SOURCE_BYTES


def fill(write_source: Callable[..., Path], size: int) -> Path:
    path = write_source("x")
    head = path.read_bytes()
    words = b"digital ministers agreed a framework " * (size // 37 + 1)
    body = words[: size - len(head) - 2].rstrip() + b".\n"
    path.write_bytes(head + body + b"a" * (size - len(head) - len(body)))
    assert path.stat().st_size == size
    return path


def test_a_source_at_the_limit_loads(write_source: Callable[..., Path]) -> None:
    assert MAX_SOURCE_BYTES == 512 * 1024
    release = presskit.load(fill(write_source, MAX_SOURCE_BYTES))
    assert len(release.body[0].text) > 500_000


def test_a_source_over_the_limit_is_refused_naming_the_limit(
    write_source: Callable[..., Path],
) -> None:
    path = fill(write_source, MAX_SOURCE_BYTES + 1)
    with pytest.raises(SourceError) as caught:
        presskit.load(path)
    message = str(caught.value)
    assert str(path) in message
    assert "524,289 bytes" in message and "at most 524,288 bytes (512 KiB)" in message
