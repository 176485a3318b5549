"""The releases and the label patterns of the localised acceptance test
(tests/test_localised.py).

For each language of the region, :func:`write_sources` writes two releases made from the
language's fixture (``tests/fixtures/languages``, ``tests/fixtures/rtl``), so that every
label some format prints has its occasion: the public one is jointly issued, updated,
corrected, with notes to editors, a media contact, a remote attachment, a translation
and a boilerplate whose heading is the ``about`` label; the other is under embargo at
:data:`NOW`. The newsroom has no name, so the index and feed titles are labels too, and
its language is the release's.

:func:`label_pattern` turns a label (with its ``{placeholders}``) into a regular
expression over extracted text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import attrs

FIXTURES = Path(__file__).parent / "fixtures"

#: The current time of every build: after the releases are issued (10:00 on 3 March
#: 2025 in Singapore, or in Dubai: 14:00 SGT), corrected and updated (:data:`CHANGED`),
#: before the embargoed copy's embargo lifts (:data:`EMBARGO`).
NOW = dt.datetime(2025, 3, 3, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
EMBARGO = "2025-03-04T10:00:00+08:00"
CHANGED = "2025-03-03T16:00:00+08:00"
BASE_URL = "https://newsroom.example/"


@attrs.frozen
class Case:
    """One language: its fixture, and the catalogues (``presskit/locale/<id>``) that
    ``label`` reads for it, most specific first (empty for English)."""

    name: str
    fixture: Path
    catalogues: tuple[str, ...]


def _case(name: str, fixture: str, *catalogues: str) -> Case:
    return Case(name, FIXTURES / fixture, catalogues)


#: The languages of issue 15 (the tags are the fixtures' own: ms-MY, zh-Hans-SG ...).
CASES: dict[str, Case] = {
    c.name: c
    for c in (
        _case("en", "languages/en-mixed.md"),
        _case("ms", "languages/ms.md", "ms"),
        _case("id", "languages/id.md", "id"),
        _case("fil", "languages/fil.md", "fil"),
        _case("vi", "languages/vi-nfc.md", "vi"),
        _case("zh-Hans", "languages/zh-hans.md", "zh_Hans"),
        _case("zh-Hant", "languages/zh-hant.md", "zh_Hant"),
        _case("ja", "languages/ja.md", "ja"),
        _case("ta", "languages/ta.md", "ta"),
        _case("th", "languages/th.md", "th"),
        _case("km", "languages/km.md", "km"),
        _case("lo", "languages/lo.md", "lo"),
        _case("my", "languages/my.md", "my"),
        _case("ar", "rtl/ar.md", "ar"),
        _case("ms-Arab", "languages/ms-jawi.md", "ms_Arab", "ms"),
    )
}


def _front_value(front: str, key: str) -> str:
    found = re.search(rf"^{key} = (.+)$", front, re.M)
    assert found, key
    return found.group(1).strip()


def write_sources(case: Case, folder: Path) -> tuple[Path, Path]:
    """Write ``agencies.toml`` and the case's two releases into ``folder``: returns the
    paths of ``<name>.md`` (public at :data:`NOW`) and ``<name>-embargoed.md``."""
    text = case.fixture.read_text(encoding="utf-8")
    _, front, body = text.split("+++\n", 2)
    language = _front_value(front, "language").strip("\"'")
    lead = _front_value(front, "boilerplates").strip("[]\"' ")
    headline = _front_value(front, "headline")
    extra = ""
    if not lead:  # (the English fixture has one issuer and no boilerplate)
        lead, extra = "csa", _CSA
        front = re.sub(r"^issuers = .*$", 'issuers = ["csa", "imda"]', front, flags=re.M)
        front = re.sub(r"^boilerplates = .*$", 'boilerplates = ["csa"]', front, flags=re.M)
    _write_agencies(case.fixture.parent / "agencies.toml", folder, language, lead, extra)
    # the notes to editors: the body's last paragraph again (the language's own words)
    notes = body.strip().rsplit("\n\n", 1)[-1]
    body = f"{body.rstrip()}\n\n::: notes-to-editors\n{notes}\n:::\n"
    other = "ms-MY" if language.startswith("en") else "en-SG"
    tables = (
        f"[[attachments]]\nhref = '{BASE_URL}files/annex.pdf'\ntitle = {headline}\n"
        f"media_type = 'application/pdf'\n"
        f"[[translations]]\nlanguage = '{other}'\nurl = '{BASE_URL}{other.lower()}/'\n"
        f"[[corrections]]\nat = {CHANGED}\ntext = {headline}\n"
    )
    public = folder / f"{case.name.lower()}.md"
    public.write_text(f"+++\n{front}updated = {CHANGED}\n{tables}+++\n{body}", encoding="utf-8")
    embargoed = folder / f"{case.name.lower()}-embargoed.md"
    embargoed.write_text(f"+++\n{front}embargo = {EMBARGO}\n+++\n{body}", encoding="utf-8")
    return public, embargoed


_CSA = """
[agencies.csa]
name = "Cyber Security Agency of Singapore"
short_name = "CSA"
about = "CSA protects Singapore's cyberspace."
"""


def _write_agencies(source: Path, folder: Path, language: str, lead: str, extra: str) -> None:
    """The fixture's agencies, for a newsroom without a name in ``language`` (so that
    its titles are labels), and the lead agency without its ``about_heading`` (so that
    its boilerplate's heading is the ``about`` label)."""
    text = source.read_text(encoding="utf-8")
    site, rest = text.split("[agencies.", 1)
    site = re.sub(r"^(name|language) = .*\n", "", site, flags=re.M)
    site += f'language = "{language}"\nbase_url = "{BASE_URL}"\n\n'
    sections = rest.split("\n[agencies.")
    for i, section in enumerate(sections):
        if section.startswith(f"{lead}]"):
            sections[i] = re.sub(r"^about_heading = .*\n", "", section, flags=re.M)
    text = site + "[agencies." + "\n[agencies.".join(sections) + extra
    (folder / "agencies.toml").write_text(text, encoding="utf-8")


# --- matching labels in text --------------------------------------------------------------

_FIELD = re.compile(r"\{(\w+)\}")


def fixed_parts(text: str) -> list[str]:
    """A label's words around its placeholders: ``"Page {page} of {pages}"`` ->
    ``["Page ", " of ", ""]``."""
    return _FIELD.split(text)[::2]


#: The invisible marks of bidirectional text (pdftotext writes them around runs of
#: Arabic and Latin): LRM, RLM, ALM, the embeddings and the isolates.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def normalise(text: str, *, spaces: bool = True) -> str:
    """Text compared as a reader reads it: NFKC (a PDF's presentation forms and a wire's
    full-width forms read as the plain letters), every run of white space one space
    (a wrapped line reads as one), or none at all with ``spaces=False`` (text that wraps
    between any two characters, as Chinese and Thai do); the marks of bidirectional
    text are left out."""
    text = _BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " " if spaces else "", text)


def label_pattern(text: str, *, spaces: bool = True) -> re.Pattern[str]:
    """A regular expression that finds the label ``text`` in :func:`normalise`'d text:
    its words as they stand, each placeholder between them one to 120 characters. A
    placeholder at either end is left out (``{name} logo`` is found as ``logo``), and so
    are the white space around the label and a closing colon (a heading drops it).
    With ``spaces``, a label that starts or ends with a Latin letter is found only as
    whole words (``ENDS`` is not in ``LEGENDS``); without, white space is left out of
    the pattern as :func:`normalise` leaves it out of the text."""
    parts = [normalise(p, spaces=spaces) for p in fixed_parts(text)]
    while len(parts) > 1 and not parts[0].strip():
        parts.pop(0)
    while len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    parts[0] = parts[0].lstrip()
    parts[-1] = parts[-1].rstrip().removesuffix(":").removesuffix("：").removesuffix("៖").rstrip()
    core = ".{1,120}?".join(re.escape(p) for p in parts)
    head = r"(?<!\w)" if spaces and _latin(parts[0][:1]) else ""
    tail = r"(?!\w)" if spaces and _latin(parts[-1][-1:]) else ""
    return re.compile(head + core + tail)


def has_words(text: str) -> bool:
    """Whether a label has a letter outside its placeholders: ``###``, ``", "`` and
    ``{status}. {embargo}`` have none, and read the same in every language."""
    return any(c.isalpha() for c in "".join(fixed_parts(text)))


def _latin(char: str) -> bool:
    """A letter or digit of a script written with spaces between words (Latin), where a
    label is found as whole words; Chinese or Thai have no such boundary."""
    return (
        bool(char) and char.isalnum() and unicodedata.name(char, "").startswith(("LATIN", "DIGIT"))
    )


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def within(inner: Iterable[tuple[int, int]], outer: Iterable[tuple[int, int]]) -> bool:
    """Every span of ``inner`` lies inside a span of ``outer``."""
    outer = list(outer)
    return all(any(a <= s and e <= b for a, b in outer) for s, e in inner)
