"""The command line end to end, run as a user runs it: a separate process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import AGENCIES, FRONT

EXPECTED = [
    "asean-digital-ministers-2025.anpa",
    "asean-digital-ministers-2025.docx",
    "asean-digital-ministers-2025.eml",
    "asean-digital-ministers-2025.iptc",
    "asean-digital-ministers-2025.json",
    "asean-digital-ministers-2025.newsml.xml",
    "asean-digital-ministers-2025.ninjs.json",
    "asean-digital-ministers-2025.nitf.xml",
    "asean-digital-ministers-2025.pdf",
    "asean-digital-ministers-2025.sg.txt",
    "asean-digital-ministers-2025.uk.txt",
    "asean-digital-ministers-2025.us.txt",
    "asean-digital-ministers-2025.zip",
    "index.html",
]


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "presskit.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_defaults(project: Path) -> None:
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    folder = project / "dist" / "asean-digital-ministers-2025"
    assert sorted(p.name for p in folder.iterdir()) == EXPECTED
    assert "written" in result.stdout
    again = run("build", cwd=project)
    assert "unchanged" in again.stdout and "written" not in again.stdout


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    first = run("build", "-o", "one", cwd=project, env={"PYTHONHASHSEED": "1"})
    second = run("build", "-o", "two", cwd=project, env={"PYTHONHASHSEED": "2"})
    assert first.returncode == second.returncode == 0
    assert snapshot(project / "one") == snapshot(project / "two")
    files = snapshot(project / "one")
    assert len([f for f in files if f.startswith("asean")]) == len(EXPECTED)
    # newsroom, two agencies, one language: RSS, Atom and JSON Feed each; their index pages
    assert len([f for f in files if f.startswith("feeds")]) == 12
    assert len([f for f in files if "/" not in f]) == 4


def test_formats_and_settings(project: Path) -> None:
    result = run("build", "-f", "text:us", "--set", "text.width=60", "-o", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    files = list((project / "out").rglob("*.txt"))
    assert [f.name for f in files] == ["asean-digital-ministers-2025.us.txt"]
    lines = files[0].read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines if "@" not in line and "http" not in line) <= 60


def test_formats_command(project: Path) -> None:
    result = run("formats", cwd=project)
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert ["json", "application/json", ".json"] in rows
    assert rows[[r[0] for r in rows].index("text")][:2] == ["text", "text/plain;"]


def test_dump_builds_back(project: Path) -> None:
    assert run("build", "-f", "json", cwd=project).returncode == 0
    dump = project / "dist" / "asean-digital-ministers-2025" / "asean-digital-ministers-2025.json"
    copy = project / "again.json"
    copy.write_bytes(dump.read_bytes())
    result = run("build", str(copy), "-f", "text:sg", "-o", "from-dump", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (
        project / "from-dump/asean-digital-ministers-2025/asean-digital-ministers-2025.sg.txt"
    ).read_bytes() == (Path(__file__).parent / "golden" / "text" / "reference.sg.txt").read_bytes()


BAD_SOURCES = {
    "missing-headline": '+++\nissuers = ["mddi"]\ndateline = "S"\n'
    "issued = 2025-01-17\n+++\nLede.\n",
    "unknown-issuer": '+++\nheadline = "H"\nissuers = ["nope"]\ndateline = "S"\n'
    "issued = 2025-01-17\n+++\nLede.\n",
    "naive-datetime": '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\n'
    "issued = 2025-01-17T10:00:00\n+++\nLede.\n",
    "bad-embargo": '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\n'
    'issued = 2025-01-17\nembargo = "soon"\n+++\nLede.\n',
    "malformed": '+++\nheadline = "H\n+++\nLede.\n',
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_bad_source_leaves_dist_intact(project: Path, case: str) -> None:
    assert run("build", cwd=project).returncode == 0
    before = snapshot(project / "dist")
    bad = project / "sources" / f"{case}.md"
    bad.write_text(BAD_SOURCES[case], encoding="utf-8")
    result = run("build", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: sources/")]
    assert len(errors) == 1 and f"{case}.md" in errors[0]
    assert "nothing was written" in result.stderr
    assert snapshot(project / "dist") == before


def test_unreadable_source(project: Path) -> None:
    (project / "sources" / "binary.md").write_bytes(b"\x00\xff\x00")
    result = run("build", cwd=project)
    assert result.returncode == 2 and "binary.md: this is a binary file" in result.stderr


def test_keep_going_builds_the_others(project: Path) -> None:
    (project / "sources" / "bad.md").write_text(BAD_SOURCES["unknown-issuer"], encoding="utf-8")
    result = run("build", "--keep-going", cwd=project)
    assert result.returncode == 2
    assert "unknown issuer 'nope'" in result.stderr
    assert "the 1 other was built" in result.stderr
    assert (project / "dist" / "asean-digital-ministers-2025").is_dir()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["build", "-f", "nope"],
            "unknown format 'nope'; available formats: ",
        ),
        (["build", "-f", "text:fr"], "unknown variant 'fr'"),
        (["build", "--set", "text.width=3"], "width must be a whole number"),
        (["build", "--set", "text.colour=red"], "unknown option colour"),
        (["build", "--set", "nonsense"], "write FORMAT.OPTION=VALUE"),
        (["build", "--set", "text.now=2025-01-17T10:00:00Z"], "cannot be set per format"),
        (["build", "--set", "kit.siblings={}"], "kit: siblings cannot be set per format"),
        (["build", "-f", "text", "--set", "text.profile=uk"], "pick the variant instead"),
        (["build", "--now", "tomorrow"], "not an ISO 8601 date-time"),
        (["build", "--now", "2025-01-17T10:00"], "has no time zone"),
        (["build", "missing.md"], "missing.md: no such file or folder"),
        (["build", "-o", ""], "-o/--out: give a folder name"),
    ],
)
def test_usage_errors(project: Path, args: list[str], words: str) -> None:
    result = run(*args, cwd=project)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert not (project / "dist").exists()


def test_check_without_sources(tmp_path: Path) -> None:
    result = run("check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2 and "no release sources" in result.stderr


def test_source_date_epoch_must_be_a_number(project: Path) -> None:
    result = run("build", cwd=project, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 2 and "SOURCE_DATE_EPOCH" in result.stderr


def test_check_command(tmp_path: Path) -> None:
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "good.md").write_text(FRONT + "Lede.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text(BAD_SOURCES["naive-datetime"], encoding="utf-8")
    result = run("check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert f"ok: {tmp_path / 'good.md'}" in result.stdout
    assert f"{tmp_path / 'bad.md'}:5: issued:" in result.stderr
    assert not (tmp_path / "dist").exists()


def test_slug_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    source = FRONT.replace('headline = "A headline"', 'headline = "H"\nslug = "../../etc"')
    (tmp_path / "evil.md").write_text(source + "Lede.\n", encoding="utf-8")
    result = run("build", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2 and "slug" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agencies.toml", "evil.md"]


def test_a_blocked_folder_stops_the_build_before_any_write(project: Path) -> None:
    second = (project / "sources" / "asean-digital-ministers-2025.md").read_text("utf-8")
    (project / "sources" / "second.md").write_text(
        second.replace("+++\n#", '+++\nslug = "second"\n#', 1), encoding="utf-8"
    )
    (project / "dist").mkdir()
    (project / "dist" / "second").write_text("in the way", encoding="utf-8")
    result = run("build", cwd=project)
    assert result.returncode == 1 and "cannot write" in result.stderr
    assert sorted(p.name for p in (project / "dist").iterdir()) == [
        "asean-digital-ministers-2025",
        "second",
    ]
    assert not any((project / "dist" / "asean-digital-ministers-2025").iterdir())


def test_write_error_is_reported(project: Path) -> None:
    (project / "dist").mkdir()
    blocker = project / "dist" / "asean-digital-ministers-2025"
    blocker.write_text("a file where the release folder should be", encoding="utf-8")
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
    assert errors[0].startswith("error: cannot write to ")
    assert blocker.read_text(encoding="utf-8").startswith("a file where")


def test_help_and_version(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0 and "build" in result.stdout and "formats" in result.stdout
    version = run("--version", cwd=tmp_path)
    assert version.returncode == 0 and "presskit" in version.stdout


def test_the_python_example_runs(tmp_path: Path) -> None:
    """examples/build_in_python.py, as docs/api.md tells users to run it."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, str(root / "examples" / "build_in_python.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "EMBARGOED UNTIL" in result.stdout
    assert (tmp_path / "ai-testing-workshop-2025" / "index.html").is_file()
    assert (tmp_path / "feeds" / "newsroom.atom").is_file()
    assert not (tmp_path / "_embargoed").exists()
