"""In a build, the e-mail carries the text file and the PDF the build has just made
instead of making them again, and only when they are what it would make itself."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

import presskit
import presskit.exporters.text as text_module
from presskit.exporters import _made
from presskit.model import PressRelease
from presskit.pipeline import build, parse_targets
from presskit.site import Site

SITE = Site(sender="newsroom@example.org")


def _plain(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content()).replace("\r\n", "\n")


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = text_module.render_text

    def counting(*args: object, **kwargs: object) -> str:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(text_module, "render_text", counting)
    return calls


def test_build_reuses_the_text_file(
    reference: PressRelease, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counted(monkeypatch)
    build([reference], tmp_path, targets=parse_targets(["text", "eml"]), site=SITE)
    assert len(calls) == 3  # the three text variants; the e-mail made none
    folder = tmp_path / reference.slug
    eml = (folder / f"{reference.slug}.eml").read_bytes()
    text = (folder / f"{reference.slug}.sg.txt").read_text("utf-8")
    assert _plain(eml) == text
    assert eml == presskit.export(reference, "eml", site=SITE)  # as made alone


@pytest.mark.parametrize(
    "option", [{"width": 60}, {"ascii": True}, {"line_ending": "crlf"}], ids=str
)
def test_text_made_otherwise_is_not_reused(
    reference: PressRelease,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    option: dict[str, object],
) -> None:
    calls = _counted(monkeypatch)
    targets = parse_targets(["text:sg", "eml"], options={"text": option})
    build([reference], tmp_path, targets=targets, site=SITE)
    assert len(calls) == 2  # the text file, then the e-mail's own at width 72
    eml = (tmp_path / reference.slug / f"{reference.slug}.eml").read_bytes()
    assert eml == presskit.export(reference, "eml", site=SITE)


def test_bytes_of_another_release_are_not_taken(reference: PressRelease) -> None:
    data = presskit.export(reference, "text")
    key = ("text", "sg", 72, False, "lf", None)
    assert _made.made(data, reference, key)
    other = presskit.load(Path(__file__).parents[1] / "sources" / "sample-scam-alert-2025.md")
    assert not _made.made(data, other, key)
    copy = bytes(bytearray(data))  # equal bytes, not the same object
    assert copy == data and not _made.made(copy, reference, key)
    assert not _made.made(data, reference, (*key[:2], 60, *key[3:]))
