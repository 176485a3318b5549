"""Shared fixtures: paths, the reference release, and a factory for small sources."""

from __future__ import annotations

import shlex
import shutil
import textwrap
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pytest
from hypothesis import settings

import presskit
from presskit.model import PressRelease
from presskit.testing import check_golden, check_golden_folder

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
REFERENCE = SOURCES / "asean-digital-ministers-2025.md"
GOLDEN = Path(__file__).resolve().parent / "golden"
#: The web page text the reference release was transcribed from (docs/reference-release.md).
SEED = Path(__file__).resolve().parent / "fixtures" / "seeds" / "asean-digital-ministers-2025.txt"

AGENCIES = """\
[site]
time_zone = "Asia/Singapore"

[agencies.mddi]
name = "Ministry of Digital Development and Information"
short_name = "MDDI"
about = "MDDI drives Singapore's digital development."

[[agencies.mddi.contacts]]
id = "press"
name = "Wu Fan"
email = "wu_fan@mddi.gov.sg"

[agencies.imda]
name = "Infocomm Media Development Authority"
short_name = "IMDA"
about = "IMDA leads Singapore's digital transformation."
"""

FRONT = """\
+++
headline = "A headline"
issuers = ["mddi", "imda"]
dateline = "SINGAPORE"
issued = 2025-01-17T10:00:00+08:00
+++
"""

# The test run is reproducible: the same commit draws the same Hypothesis examples, so a
# CI result says something about the commit, not about the dice. Exploring new examples
# is a separate, deliberate run: ``pytest --hypothesis-profile=explore`` (and the fuzzing
# harness, tests/fuzz/run_fuzz.py); what it finds becomes an ``@example`` or a test.
settings.register_profile("default", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("default")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--accept",
        action="store_true",
        help="rewrite golden files from the current output instead of comparing",
    )


class Golden:
    """The one way tests compare output with golden files (``presskit.testing``): on a
    mismatch the failure shows a diff and the command that accepts the new output, which
    reruns this very test with ``--accept`` (see docs/testing.md)."""

    def __init__(self, accept: bool, nodeid: str) -> None:
        self.accept = accept
        self.command = f"python -m pytest {shlex.quote(nodeid)} --accept"

    def check(self, path: Path, data: bytes) -> None:
        """Compare ``data`` with the golden file ``path`` (or write it, with --accept)."""
        __tracebackhide__ = True
        check_golden(path, data, accept=self.accept, accept_command=self.command)

    def check_folder(
        self, folder: Path, files: Mapping[str, bytes], patterns: Iterable[str]
    ) -> None:
        """Compare ``files`` (relative path -> bytes) with the golden files under
        ``folder``; golden files matching ``patterns`` that no output has are stale."""
        __tracebackhide__ = True
        check_golden_folder(
            folder, files, accept=self.accept, accept_command=self.command, patterns=patterns
        )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--accept")), request.node.nodeid)


@pytest.fixture(scope="session")
def reference() -> PressRelease:
    return presskit.load(REFERENCE)


@pytest.fixture
def write_source(tmp_path: Path) -> Callable[..., Path]:
    """Write ``agencies.toml`` and one release source into a temporary folder."""

    def write(
        body: str = "The lede paragraph.\n",
        *,
        front: str = FRONT,
        name: str = "release.md",
        agencies: str | None = AGENCIES,
        raw: str | None = None,
    ) -> Path:
        if agencies is not None:
            (tmp_path / "agencies.toml").write_text(agencies, encoding="utf-8")
        path = tmp_path / name
        text = raw if raw is not None else textwrap.dedent(front) + "\n" + body
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A working folder whose sources/ holds the reference release and agencies.toml
    (only those: releases a user adds to sources/ do not change what the tests see)."""
    (tmp_path / "sources").mkdir()
    for name in (REFERENCE.name, "agencies.toml"):
        shutil.copy(SOURCES / name, tmp_path / "sources" / name)
    return tmp_path
