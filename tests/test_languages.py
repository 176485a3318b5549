"""Every release of the region's languages (a copy of ../shared/cases/languages: one
short release per language, and the kinsoku stress tests) builds into every format.

It caught a build that stopped on the Chinese release once URL fields were checked as
URIs (a bare link ran into the next sentence). What each script's output must look like
is tested format by format elsewhere; this is the net under all of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import presskit

CASES = Path(__file__).parent / "fixtures" / "languages"
NOW = "2030-01-01T00:00:00Z"
#: Known refusals, each a warning the build prints: the e-mail of the kinsoku stress
#: tests, which name no contact address.
REFUSED = {("ja-kinsoku", "eml"), ("zh-kinsoku", "eml")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The CLI's build, as a comms officer runs it: ``(output folder, warning lines)``."""
    out = tmp_path_factory.mktemp("langs")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "presskit.cli",
            "build",
            str(CASES),
            "-o",
            str(out),
            "-q",
            "-j",
            "2",
            "--now",
            NOW,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warned = [line.removeprefix("warning: ") for line in result.stderr.splitlines()]
    return out, warned


@pytest.mark.parametrize("source", sorted(p.stem for p in CASES.glob("*.md")))
def test_every_language_builds_every_format(built: tuple[Path, list[str]], source: str) -> None:
    out, messages = built
    release = presskit.load(CASES / f"{source}.md")
    folder = out / release.slug
    for suffix in ("docx", "pdf", "json", "sg.txt", "nitf.xml", "ninjs.json", "newsml.xml",
                   "iptc", "anpa", "eml", "zip"):  # fmt: skip
        fmt = suffix.split(".")[-1] if suffix not in ("sg.txt",) else "text"
        made = folder / f"{release.slug}.{suffix}"
        if (release.slug, {"zip": "kit"}.get(fmt, fmt)) in REFUSED:
            assert not made.exists()
            assert any(m.startswith(f"{release.slug}: {fmt}") for m in messages), messages
        else:
            assert made.stat().st_size > 0, made
    assert (folder / "index.html").read_text(encoding="utf-8").count(release.headline[:20]) >= 1
