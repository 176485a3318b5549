"""Benchmarks of the main job (pytest-benchmark).

Run: .venv/bin/python -m pytest tests/benchmarks/bench_build.py --benchmark-only

Not collected by the default test run (the file name does not match test_*.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import presskit
from presskit.sources.dump import dumps, loads

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
