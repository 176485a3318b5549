"""Benchmarks of label lookup (pytest-benchmark): label() is called hundreds of times per
release, so a lookup must cost a dictionary hit once the catalogues are read.

Run: .venv/bin/python -m pytest tests/benchmarks/bench_labels.py --benchmark-only

Not collected by the default test run (the file name does not match test_*.py).
"""

from __future__ import annotations

import pytest

from presskit.i18n import LABELS, clear_caches, label

KEYS = [(key, style) for key, style in LABELS if "{" not in LABELS[key, style]]
LANGUAGES = ["en", "zh-Hans-SG", "ms", "ta", "ja-JP", "th", "ar", "de"]


def ten_thousand_labels() -> None:
    for index in range(10_000):
        key, style = KEYS[index % len(KEYS)]
        label(key, LANGUAGES[index % len(LANGUAGES)], style)


def test_ten_thousand_labels_warm(benchmark) -> None:  # type: ignore[no-untyped-def]
    ten_thousand_labels()
    benchmark(ten_thousand_labels)


@pytest.mark.parametrize("language", ["en", "zh-Hans-SG", "th"])
def test_first_label_loads_its_catalogues(benchmark, language: str) -> None:  # type: ignore[no-untyped-def]
    label("downloads", "en")  # Babel's CLDR data loaded once, as in a build

    def first_call() -> str:
        clear_caches()
        return label("media_contacts", language, "sg")

    benchmark(first_call)


def test_filled_placeholder(benchmark) -> None:  # type: ignore[no-untyped-def]
    benchmark(label, "page_of", "zh-Hans-SG", page=1, pages=3)
