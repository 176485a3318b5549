"""The fuzzing run's small profile in the default test run: the checks of
``tests/fuzzkit.py`` (every document format rendered and read back the way its reader
would, every paragraph found again; the feeds, JSON Feed and index pages over a batch)
on a few dozen releases from ``tests/strategies.py``. The run at scale is
``tests/fuzz/run_fuzz.py`` (see docs/testing.md).

:data:`KNOWN` lists faults the run found whose fix belongs to work in progress elsewhere;
each names the issue item that removes it. A fault matching none fails the test.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from presskit.model import PressRelease
from tests import fuzzkit
from tests.strategies import releases

#: ``(format pattern, message pattern, why)``: faults tolerated until the named fix lands.
KNOWN: list[tuple[str, str, str]] = []  # nothing is tolerated: every entry was fixed

PROFILE = settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.generate],  # no shrinking: a failure prints the whole release
    suppress_health_check=list(HealthCheck),
)


def unexpected(report: fuzzkit.Report) -> list[fuzzkit.Fault]:
    """The failing faults of ``report`` that :data:`KNOWN` does not list."""
    return [
        fault
        for fault in report.faults
        if fault.kind in ("crash", "invalid", "lost")
        and not any(
            re.search(where, fault.format) and re.search(what, fault.message)
            for where, what, _ in KNOWN
        )
    ]


def describe(faults: list[fuzzkit.Fault], release: object) -> str:
    lines = [f"{f.kind} {f.format}: {f.message}\n{f.detail}" for f in faults]
    if isinstance(release, PressRelease):
        lines.append(fuzzkit.dump(release))
    return "\n".join(lines)


@PROFILE
@given(releases())
def test_every_document_format_reads_back_with_its_text(release: PressRelease) -> None:
    report = fuzzkit.check_release(release)
    faults = unexpected(report)
    assert not faults, describe(faults, release)


@settings(PROFILE, max_examples=2)
@given(st.lists(releases(), min_size=1, max_size=6).map(fuzzkit.unique_slugs))
def test_collections_parse_and_validate(batch: list[PressRelease]) -> None:
    report = fuzzkit.check_collection(batch, w3c=lambda path: path.startswith("feeds/newsroom"))
    faults = unexpected(report)
    assert not faults, describe(faults, None)


def test_the_checkers_see_a_lost_paragraph() -> None:
    """The checks would be empty if text were never compared: a paragraph missing from
    an output is reported."""
    report = fuzzkit.Report()
    release = PressRelease.__new__(PressRelease)  # only what paragraphs() reads
    object.__setattr__(release, "headline", "Head line")
    for name in ("body", "notices", "notes_to_editors", "boilerplates"):
        object.__setattr__(release, name, ())
    fuzzkit.check_text(report, "text", "Head\nline", release)
    assert report.faults == []
    fuzzkit.check_text(report, "text", "Headlin", release)
    assert [f.kind for f in report.faults] == ["lost"]


def test_removed_characters_do_not_change_how_marks_compare() -> None:
    """A line break or a soft hyphen between combining marks blocks canonical
    reordering; an output that drops it or puts markup there (``<br/>``) still holds
    the text, so flattening removes it before NFD, not after (fuzzing run b00007-r19,
    b00095-r24, b00123-r03)."""
    assert fuzzkit.flat("\u1ebf\n\u0e4b") == fuzzkit.flat("\u1ebf\u0e4b")
    assert fuzzkit.flat("a\u0302\u00ad\u0333") == fuzzkit.flat("\u00e2\u0333")
    assert fuzzkit.flat("\u1ebf\u200b\u0331") == fuzzkit.flat("\u1ebf\u0331")


def test_pdf_check_leaves_out_paragraphs_with_arabic_marks_or_digits() -> None:
    """pypdf reads ``ௗۨ۶`` (Tamil, an Arabic mark, an Extended Arabic-Indic digit) back
    as ``ௗ۶ۨ`` from a PDF that holds it in order (pdftotext reads it right): the fuzz
    check compares such paragraphs as it compares right-to-left ones, not at all."""
    from tests.fuzzkit import _pdf_comparable

    assert not _pdf_comparable(["ௗۨ۶௨ளடஸ"])
    assert _pdf_comparable(["ௗ௨ளடஸ"])
