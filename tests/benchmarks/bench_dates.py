"""Benchmarks of dates in every language (pytest-benchmark).

Run: .venv/bin/python -m pytest tests/benchmarks/bench_dates.py --benchmark-only

:func:`presskit.i18n.dates.format_date` caches only the choice of form and ICU locale per
language tag (``date_form``, ``_icu_name``); each call builds its ICU formatter, which
keeps it free of shared state across threads. The index page of a newsroom formats one
date per release: a few tens of microseconds each.
"""

from __future__ import annotations

import datetime as dt

import pytest

from presskit.i18n.dates import format_date, format_dateline, parse_date

DAY = dt.date(2025, 4, 14)


@pytest.mark.parametrize("language", ["en", "ms", "zh-Hans-SG", "th", "km", "vi", "ms-Arab"])
def test_format_date(benchmark, language: str) -> None:  # type: ignore[no-untyped-def]
    benchmark(format_date, DAY, "sg", language)


def test_format_dateline_thai(benchmark) -> None:  # type: ignore[no-untyped-def]
    benchmark(format_dateline, "กรุงเทพมหานคร", DAY, "long", "th-TH")


def test_parse_date_khmer(benchmark) -> None:  # type: ignore[no-untyped-def]
    text = format_date(DAY, "long", "km")
    assert benchmark(parse_date, text, "km") == DAY
