"""Property tests (Hypothesis) over generated press releases; see ``tests/strategies.py``.

Properties:

* the JSON dump round-trips (``loads(dumps(r)) == r``) and is byte-stable;
* ``clean_text``, ``clean_line`` and ``clean_fragment`` are idempotent, return NFC and
  drop every character of the removed set; ``clean_line`` returns one line;
* every text field of a release is clean;
* the text exporter never raises and keeps its output rules (UTF-8 or 7-bit ASCII, no
  controls but LF, no tabs, no trailing spaces, no NBSP, one final LF, lines within the
  width unless a URL, an e-mail address or an unbreakable token forces them wider, the
  headline kept whole);
* ``wrap`` never loses or reorders a non-space character;
* exporting is deterministic.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import attrs
import icu
import pytest
from anyascii import anyascii
from hypothesis import given, settings
from hypothesis import strategies as st

import presskit.model
from presskit.dump import dumps, loads
from presskit.exporters import export
from presskit.model import PressRelease, Run
from presskit.textutils import (
    URL_OR_EMAIL,
    clean_fragment,
    clean_line,
    clean_text,
    display_width,
    wrap,
)
from tests.strategies import FIELDS, releases, texts

PROFILES = ["sg", "us", "uk"]

# The characters sanitising must remove, written out independently of presskit.textutils:
# C0 controls except TAB and LF (CR included: line endings become LF), DEL, C1 controls,
# lone surrogates, U+FFFD, and the noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF.
_LAST_TWO = "".join(chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
REMOVED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffd{_LAST_TWO}]")
LINE_SEPARATORS = re.compile("[\r\x85\u2028\u2029]")
NO_BREAK_SPACES = "\u00a0\u202f\u2007"

#: Fields whose converter is clean_line (one line, white space folded to one space).
LINE_FIELDS = {
    ("PressRelease", "headline"),
    ("PressRelease", "subheadline"),
    ("PressRelease", "tags"),
    ("PressRelease", "canonical_url"),
    ("Run", "href"),
    ("Quote", "speaker"),
    ("Quote", "speaker_title"),
    ("Quote", "lead_in"),
    ("MediaContact", "name"),
    ("MediaContact", "honorific"),
    ("MediaContact", "title"),
    ("MediaContact", "department"),
    ("MediaContact", "organisation"),
    ("MediaContact", "email"),
    ("MediaContact", "phone"),
    ("Boilerplate", "heading"),
    ("Issuer", "name"),
    ("Issuer", "short_name"),
    ("Issuer", "url"),
    ("Issuer", "logo"),
    ("Dateline", "place"),
    ("Attachment", "href"),
    ("Attachment", "media_type"),
    ("Attachment", "title"),
    ("Attachment", "credit"),
    ("Attachment", "licence"),
    ("Translation", "url"),
}

any_text = texts(6) | st.text(st.characters(exclude_categories=[]), max_size=30)


def assert_clean(value: str, where: str = "") -> None:
    assert not REMOVED.search(value), (where, value)
    assert not LINE_SEPARATORS.search(value), (where, value)
    assert unicodedata.is_normalized("NFC", value), (where, value)


def strings(
    obj: Any, owner: str = "PressRelease", name: str = "", *, joined: bool = False
) -> Iterator[tuple[str, str]]:
    """``(owner.field, text)`` for every string in a model object; with ``joined``, also
    the joined text of every inline (exporters join the runs, so a token may span runs)."""
    if attrs.has(type(obj)):
        cls = type(obj).__name__
        for f in attrs.fields(type(obj)):
            yield from strings(getattr(obj, f.name), cls, f.name, joined=joined)
    elif isinstance(obj, tuple):
        if joined and obj and all(isinstance(item, Run) for item in obj):
            yield f"{owner}.{name}", "".join(run.text for run in obj)
        for item in obj:
            yield from strings(item, owner, name, joined=joined)
    elif isinstance(obj, str):
        yield f"{owner}.{name}", obj


def with_fixed_offsets(obj: Any) -> Any:
    """``obj`` with every datetime's zone replaced by its fixed UTC offset (same instant,
    same wall time)."""
    if isinstance(obj, dt.datetime):
        return obj.replace(tzinfo=dt.timezone(obj.utcoffset()))  # type: ignore[arg-type]
    if isinstance(obj, tuple):
        return tuple(with_fixed_offsets(item) for item in obj)
    if attrs.has(type(obj)) and attrs.fields(type(obj)):
        changes = {
            f.name: with_fixed_offsets(getattr(obj, f.name)) for f in attrs.fields(type(obj))
        }
        return attrs.evolve(obj, **changes)
    return obj


def without_space(text: str) -> str:
    return "".join(text.split())


# --- the attrs rule -----------------------------------------------------------------------


def test_strategies_cover_every_model_field() -> None:
    """Every attrs class of presskit.model, and every one of its fields, has a strategy."""
    classes = [
        cls
        for _, cls in inspect.getmembers(presskit.model, inspect.isclass)
        if attrs.has(cls) and cls.__module__ == presskit.model.__name__
    ]
    assert classes
    for cls in classes:
        assert cls in FIELDS, f"no strategy for {cls.__name__}"
        assert set(FIELDS[cls]) == {f.name for f in attrs.fields(cls)}, cls.__name__


# --- the JSON dump ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(releases())
def test_json_dump_round_trips(release: PressRelease) -> None:
    text = dumps(release)
    again = loads(text)
    assert again == release
    assert dumps(again) == text


@settings(max_examples=100, deadline=None)
@given(releases().map(with_fixed_offsets))
def test_json_dump_round_trips_with_fixed_offsets(release: PressRelease) -> None:
    """As above, with every datetime at a fixed offset (as TOML and JSON sources give
    them), so that the rest of the model is checked even while IANA zones fail."""
    text = dumps(release)
    again = loads(text)
    assert again == release
    assert dumps(again) == text


# --- sanitising ---------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_clean_functions_are_idempotent_nfc_and_remove_controls(text: str) -> None:
    for clean in (clean_text, clean_line, clean_fragment):
        once = clean(text)
        assert clean(once) == once, clean.__name__
        assert_clean(once, clean.__name__)
    line = clean_line(text)
    assert "\n" not in line
    assert "\t" not in line


@settings(max_examples=100, deadline=None)
@given(releases())
def test_every_model_text_field_is_clean(release: PressRelease) -> None:
    for where, value in strings(release):
        assert_clean(value, where)
        owner, _, name = where.partition(".")
        if (owner, name) in LINE_FIELDS:
            assert "\n" not in value, where
            assert "\t" not in value, where
            assert value == value.strip(), where


# --- the text exporter --------------------------------------------------------------------

_MARKER = re.compile(r"^ *(?:\d+\. |- |\([a-z0-9]+\) )?")


def _breaks(text: str, language: str) -> list[int]:
    """Where the line-breaking rules (UAX #14 as ICU implements it for ``language``) let a
    line break inside ``text``, minus the positions next to a no-break space (the rule
    presskit.textutils.wrap documents)."""
    try:
        locale = icu.Locale.forLanguageTag(language)
    except icu.ICUError:
        locale = icu.Locale.getRoot()
    breaker = icu.BreakIterator.createLineInstance(locale)
    breaker.setText(text)
    units = [0]  # UTF-16 offset -> code point offset
    for ch in text:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    to_index = {unit: index for index, unit in enumerate(units)}
    flags = [False] * (len(text) + 1)
    for boundary in breaker:
        flags[to_index[boundary]] = True
    for i, ch in enumerate(text):
        if ch in NO_BREAK_SPACES:
            flags[i] = flags[i + 1] = False
    return [i for i in range(1, len(text)) if flags[i]]


def _single_token(line: str, corpus: str, language: str) -> bool:
    """True if ``line`` is, after its indent and list marker, one token that cannot be
    broken: no break opportunity at all, or one whose spaces were no-break spaces in the
    source (the exporter prints those as plain spaces)."""
    rest = line[_MARKER.match(line).end() :].strip(" ")  # type: ignore[union-attr]
    if not rest or not _breaks(rest, language):
        return True
    if " " not in rest:
        return False
    pattern = "".join(f"[{NO_BREAK_SPACES}]" if ch == " " else re.escape(ch) for ch in rest)
    return any(not _breaks(m.group(), language) for m in re.finditer(pattern, corpus))


@settings(max_examples=200, deadline=None)
@given(
    release=releases(),
    profile=st.sampled_from(PROFILES),
    width=st.integers(40, 100),
    ascii=st.booleans(),
)
def test_text_export_keeps_its_output_rules(
    release: PressRelease, profile: str, width: int, ascii: bool
) -> None:
    data = export(release, "text", profile=profile, width=width, ascii=ascii)
    if ascii:
        assert all(byte < 0x80 for byte in data)
    text = data.decode("utf-8")
    assert text.endswith("\n")
    assert not text.endswith("\n\n")

    corpus = "\n".join(value for _, value in strings(release, joined=True))
    corpus += "\n" + corpus.upper()  # the dateline place is printed in capitals
    if ascii:
        corpus = anyascii(corpus)
    for number, line in enumerate(text[:-1].split("\n"), start=1):
        where = f"line {number}: {line!r}"
        controls = [ch for ch in line if unicodedata.category(ch) in ("Cc", "Zl", "Zp")]
        assert not controls, where
        assert not line.endswith(" "), where
        assert not (line and unicodedata.category(line[-1]) == "Zs"), where
        for ch in NO_BREAK_SPACES:
            assert ch not in line, where
        if display_width(line) > width:
            assert URL_OR_EMAIL.search(line) or _single_token(line, corpus, release.language), (
                f"{where} is {display_width(line)} columns wide (width {width})"
            )

    # every word of the headline, in order and unbroken but for line breaks (soft hyphens,
    # invisible break hints, are dropped by the exporter)
    headline = release.headline.replace("\u00ad", "")
    if ascii:
        headline = anyascii(headline)
    assert without_space(headline) in without_space(text)


@settings(max_examples=50, deadline=None)
@given(release=releases(), profile=st.sampled_from(PROFILES), width=st.integers(40, 100))
def test_text_export_is_deterministic(release: PressRelease, profile: str, width: int) -> None:
    first = export(release, "text", profile=profile, width=width)
    assert export(release, "text", profile=profile, width=width) == first


@pytest.mark.parametrize("format", ["json"])
@settings(max_examples=30, deadline=None)
@given(release=releases())
def test_other_exports_are_deterministic(format: str, release: PressRelease) -> None:
    assert export(release, format) == export(release, format)


# --- wrapping -----------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    text=any_text.map(clean_fragment),
    width=st.integers(1, 120),
    initial_indent=st.sampled_from(["", "  ", "1. ", "- ", "(a) "]),
    subsequent_indent=st.sampled_from(["", "  ", "    "]),
)
def test_wrap_keeps_every_non_space_character_in_order(
    text: str, width: int, initial_indent: str, subsequent_indent: str
) -> None:
    lines = wrap(text, width, initial_indent=initial_indent, subsequent_indent=subsequent_indent)
    assert without_space("".join(lines)) == without_space(initial_indent + text)


@settings(max_examples=25, deadline=None)
@given(releases())
def test_docx_export_never_fails_and_reads_back(release: PressRelease) -> None:
    """Any valid release becomes a DOCX that python-docx opens, with the headline as its
    title and in the Title paragraph."""
    import io

    from docx import Document

    release = _without_logos(release)
    doc = Document(io.BytesIO(export(release, "docx")))
    assert doc.core_properties.title == release.headline
    assert any(p.style.name == "Title" and p.text == release.headline for p in doc.paragraphs)


@settings(max_examples=20, deadline=None)
@given(releases())
def test_pdf_export_never_fails(release: PressRelease) -> None:
    """Any valid release becomes a PDF (right-to-left text too, since issue 14); never
    an exception."""
    import io
    import warnings

    from pypdf import PdfReader

    from presskit.errors import PresskitWarning

    release = _without_logos(release)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PresskitWarning)
        data = export(release, "pdf")
    # the only warnings: text in a rare script that no installed font draws
    rare_script = r"pdf: no (font found for|installed font has a glyph)"
    for warning in caught:
        assert re.match(rare_script, str(warning.message)), warning.message
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == release.headline


def _without_logos(release: PressRelease) -> PressRelease:
    """Generated logo paths name no real file (logos have their own tests)."""
    return attrs.evolve(release, issuers=tuple(attrs.evolve(i, logo=None) for i in release.issuers))
