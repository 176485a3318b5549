"""Benchmarks of the main job (pytest-benchmark).

Run: .venv/bin/python -m pytest tests/benchmarks/bench_build.py --benchmark-only

Not collected by the default test run (the file name does not match test_*.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import presskit
from presskit.dump import dumps, loads
from presskit.pipeline import parse_targets

REFERENCE = Path(__file__).resolve().parents[2] / "sources" / "asean-digital-ministers-2025.md"


@pytest.fixture(scope="module")
def release() -> presskit.PressRelease:
    return presskit.load(REFERENCE)


def test_load_reference(benchmark) -> None:  # type: ignore[no-untyped-def]
    benchmark(presskit.load, REFERENCE)


@pytest.mark.parametrize("profile", ["sg", "us", "uk"])
def test_text(benchmark, release: presskit.PressRelease, profile: str) -> None:  # type: ignore[no-untyped-def]
    benchmark(presskit.export, release, "text", profile=profile)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_document(benchmark, release: presskit.PressRelease, fmt: str) -> None:  # type: ignore[no-untyped-def]
    benchmark(presskit.export, release, fmt)


def test_json_round_trip(benchmark, release: presskit.PressRelease) -> None:  # type: ignore[no-untyped-def]
    benchmark(lambda: loads(dumps(release)))


def test_build_all_formats(benchmark, release: presskit.PressRelease, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    benchmark(presskit.build, [release], tmp_path)


def test_build_into_fresh_folder(benchmark, release: presskit.PressRelease, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The write path: every file new (temporary file, fsync, rename, folder fsyncs)."""
    targets = parse_targets(["json", "html", "nitf", "text"])
    rounds = iter(range(1_000_000))

    def fresh() -> tuple[tuple[object, ...], dict[str, object]]:
        return ([release], tmp_path / str(next(rounds))), {"targets": targets}

    benchmark.pedantic(presskit.build, setup=fresh, rounds=30)


def test_large_docx(benchmark, release: presskit.PressRelease) -> None:  # type: ignore[no-untyped-def]
    """500 paragraphs and 600 media contacts (was a 3 s wall-clock bound in test_docx.py)."""
    import attrs

    from presskit.model import MediaContact, Paragraph

    paragraphs = tuple(
        Paragraph(f"Paragraph {n} of a long release, with text.") for n in range(500)
    )
    contacts = tuple(MediaContact(f"Person {n}", email=f"p{n}@example.org") for n in range(600))
    big = attrs.evolve(release, body=paragraphs, media_contacts=contacts)
    benchmark(presskit.export, big, "docx")
