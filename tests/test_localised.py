"""Issue 15's acceptance test: a release in each language of the region, built through
every format, prints no English fixed label, and prints the labels of its own language.

For each language (:data:`localised.CASES`), two releases made from its fixture (one
public, with every part that has a label: joint issuers, a correction, an update, notes
to editors, a contact, a download, a translation, a boilerplate without a heading; one
under embargo) are built once through every format, each file's text is extracted as a
reader or a receiving system sees it (``extract.py``), and:

* no English label is in it: every text of :data:`presskit.i18n.labels.LABELS`, its
  placeholders matching anything, found as whole words (``###`` and ``", "`` are the
  same in every language and left out; so is an English wording the language's own
  catalogue uses, such as a Malay ``Tel:``);
* each label the format prints is there in the language, as
  :func:`presskit.i18n.label` gives it for the format's house style (IPTC 7901 and
  ANPA-1312 transliterated to ASCII, as they send it). Which labels a format prints is
  read off the English build of the same releases, so a label an exporter starts
  printing is checked without a list to keep.

The checks themselves are tested against a made-up catalogue in which every label is a
marker, except one left English (:func:`test_the_checks_find_a_label_left_english`).
"""

from __future__ import annotations

import functools
import re
import shutil
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import attrs
import pytest

import presskit
import presskit.i18n
from presskit.i18n.labels import LABELS
from presskit.profiles import get_profile
from presskit.sources.agencies import load_agencies
from tests.extract import pdf_text, text_of
from tests.localised import (
    CASES,
    NOW,
    Case,
    has_words,
    label_pattern,
    normalise,
    spans,
    within,
    write_sources,
)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler's pdftotext reads the PDF back"
)

#: The English wording of every label, before any test patches anything.
ENGLISH: dict[tuple[str, str | None], str] = dict(LABELS)
#: Labels the same in every language: those without a letter of their own (``###``,
#: ``", "``, ``{status}. {embargo}``).
NEUTRAL = {entry for entry, english in LABELS.items() if not has_words(english)}
#: Labels not looked for as labels a format prints: their English (" and ") is also
#: everywhere in the English text (they are checked as English, though).
NOT_DISCOVERED = {"list.and", "list.comma"}
#: The house styles whose wording a format may print (the text variants their own).
STYLES: dict[str, tuple[str | None, ...]] = {
    "sg": ("sg", None),
    "us": ("us", None),
    "uk": ("uk", None),
}
#: Formats of the whole newsroom (the release under embargo is in none of them).
COLLECTIONS = {"index", "rss", "atom", "jsonfeed"}
#: Formats sent as 7-bit ASCII: their labels are transliterated (anyascii).
ASCII = {"iptc7901", "anpa1312"}
#: Every format, with each text variant on its own (the ``presskit formats`` names).
FORMATS = ["text:sg", "text:us", "text:uk", "docx", "pdf", "json", "html", "index", "eml",
           "kit", "rss", "atom", "jsonfeed", "iptc7901", "anpa1312", "nitf", "ninjs",
           "newsmlg2"]  # fmt: skip


def styles(fmt: str) -> tuple[str | None, ...]:
    """The house styles of ``fmt``'s labels: a text variant's own, else ``sg`` (every
    exporter's default) or none."""
    return STYLES[fmt.split(":")[1]] if ":" in fmt else STYLES["sg"]


@attrs.frozen
class Built:
    """One language's build: ``texts`` maps a format (``text:sg``, ``pdf`` ...) to the
    text of all its files (both releases, every feed or index page), and ``pdf`` holds
    the public release's PDF."""

    case: Case
    language: str
    texts: Mapping[str, str]
    pdf: bytes
    release: presskit.PressRelease


def build(case: Case, folder: Path) -> Built:
    """Build ``case``'s two releases into ``folder`` through every format and extract
    the text of every file."""
    public, embargoed = write_sources(case, folder)
    releases = [presskit.load(public), presskit.load(embargoed)]
    site = load_agencies(folder / "agencies.toml").site
    out = folder / "out"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        files = presskit.build(
            releases, out, now=NOW, site=site, asset_roots={r.slug: folder for r in releases}
        )
    # every format of both releases, and the collections of the public one: a file left
    # out (with a warning) would go unchecked
    made = Counter(f"{f.format}:{f.variant}" if f.variant else f.format for f in files)
    left_out = [fmt for fmt in FORMATS if made[fmt] < (1 if fmt in COLLECTIONS else 2)]
    assert not left_out, (left_out, [str(w.message) for w in caught])
    texts: dict[str, list[str]] = {}
    for f in files:
        if f.format == "attachment":
            continue
        key = f"{f.format}:{f.variant}" if f.variant else f.format
        data = (out / f.path).read_bytes()
        texts.setdefault(key, []).append(text_of(f.format, data, language=site.language))
    pdf = (out / releases[0].slug / f"{releases[0].slug}.pdf").read_bytes()
    joined = {k: "\n\f\n".join(v) for k, v in texts.items()}
    return Built(case, releases[0].language, joined, pdf, releases[0])


class Builds:
    """Each language built once per test session, when a test first asks for it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.done: dict[str, Built | Exception] = {}

    def __getitem__(self, name: str) -> Built:
        if name not in self.done:
            folder = self.root / name
            folder.mkdir()
            try:
                self.done[name] = build(CASES[name], folder)
            except Exception as exc:  # (each test of the language fails with it, once built)
                self.done[name] = exc
        done = self.done[name]
        if isinstance(done, Exception):
            raise done
        return done


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory.mktemp("localised"))


# --- the checks -------------------------------------------------------------------------


@functools.cache
def catalogue_wordings(catalogues: tuple[str, ...]) -> tuple[str, ...]:
    """Every translation (non-empty ``msgstr``) in the language's catalogues."""
    from babel.messages.pofile import read_po

    root = Path(presskit.__file__).parent / "locale"
    out: list[str] = []
    for name in catalogues:
        path = root / name / "LC_MESSAGES" / "presskit.po"
        if not path.exists():
            continue
        with path.open("rb") as po:
            for message in read_po(po):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                out.extend(s for s in strings if s and message.id)
    return tuple(out)


def english_found(case: Case, text: str) -> list[str]:
    """The English labels in ``text`` (each as its English wording), leaving out the
    neutral ones and any English wording the language's catalogue itself uses."""
    text = normalise(text)
    own = [normalise(w) for w in catalogue_wordings(case.catalogues)]
    found = []
    for entry, english in ENGLISH.items():
        if entry in NEUTRAL:
            continue
        pattern = label_pattern(english)
        if pattern.search(text) and not any(pattern.search(w) for w in own):
            found.append(english)
    return sorted(set(found))


def printed(fmt: str, english_text: str) -> list[dict[str, set[str | None]]]:
    """The labels ``fmt`` prints, read off its English text: each a group of the keys
    whose English wording is found at the same places (``Press release`` is both the
    PDF's subject and its category), key -> the house styles whose wording is there. A
    label found only inside another one (``Issued by ...`` inside the kit's ``Issued by
    ... .``) is the other one's."""
    text = normalise(english_text)
    found: dict[str, set[str | None]] = {}
    where: dict[str, list[tuple[int, int]]] = {}
    for key in sorted({k for k, _ in ENGLISH} - NOT_DISCOVERED):
        for style in styles(fmt):
            english = ENGLISH.get((key, style)) or ENGLISH.get((key, None))
            if english is None or not has_words(english):
                continue
            at = spans(label_pattern(english), text)
            if at:
                found.setdefault(key, set()).add(style)
                where.setdefault(key, []).extend(at)
    groups: dict[tuple[tuple[int, int], ...], dict[str, set[str | None]]] = {}
    for key, chosen in found.items():
        if any(within(where[key], where[o]) and not within(where[o], where[key])
               for o in found):  # fmt: skip
            continue
        groups.setdefault(tuple(sorted(set(where[key]))), {})[key] = chosen
    return list(groups.values())


def keys(groups: list[dict[str, set[str | None]]]) -> set[str]:
    return {key for group in groups for key in group}


def localised_missing(
    fmt: str, language: str, text: str, wanted: list[dict[str, set[str | None]]],
    label: Callable[..., str] = presskit.i18n.label,
) -> list[str]:  # fmt: skip
    """The labels of ``wanted`` (see :func:`printed`) that ``text`` lacks in
    ``language``: ``key: expected wording`` (one of them, for a group)."""
    from anyascii import anyascii

    text = normalise(text, spaces=False)
    missing = []
    for group in wanted:
        wordings = {(k, label(k, language, s)) for k, styles in group.items() for s in styles}
        if fmt in ASCII:
            wordings = {(k, anyascii(w)) for k, w in wordings}
        if not any(label_pattern(w, spaces=False).search(text) for _, w in wordings):
            missing.append(" | ".join(f"{k}: {w}" for k, w in sorted(wordings)))
    return sorted(missing)


# --- the tests --------------------------------------------------------------------------

LOCALISED = [name for name in CASES if name != "en"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", LOCALISED)
def test_no_english_label(builds: Builds, name: str, fmt: str) -> None:
    built = builds[name]
    found = english_found(built.case, built.texts[fmt])
    assert not found, f"English in the {name} {fmt}: " + " · ".join(found)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(CASES))
def test_localised_labels_printed(builds: Builds, name: str, fmt: str) -> None:
    wanted = printed(fmt, builds["en"].texts[fmt])
    built = builds[name]
    missing = localised_missing(fmt, built.language, built.texts[fmt], wanted)
    assert not missing, f"not in the {name} {fmt}: " + " · ".join(missing)


#: The formats that must print labels (a floor for :func:`printed`: an extraction that
#: lost its text would otherwise expect nothing).
FLOOR = {
    "text:sg": {"status.immediate", "status.embargoed", "media_contacts", "end_mark",
                "notes_to_editors", "correction", "last_updated", "jointly_issued"},
    "pdf": {"status.immediate", "status.embargoed", "media_contacts", "end_mark", "page_of",
            "about", "contact.phone", "contact.email"},
    "docx": {"status.immediate", "media_contacts", "end_mark", "document.category"},
    "html": {"status.immediate", "downloads", "newsroom.nav", "media_contacts"},
    "eml": {"subject.embargoed", "status.immediate", "media_contacts"},
    "kit": {"kit.title", "kit.files"},
    "index": {"index.agencies", "index.languages", "newsroom.releases"},
}  # fmt: skip


@pytest.mark.parametrize("fmt", sorted(FLOOR))
def test_english_build_prints_the_labels(builds: Builds, fmt: str) -> None:
    """The English build, from which the other languages' expectations are read, shows
    the labels each main format is known to print (the extraction works)."""
    assert FLOOR[fmt] <= keys(printed(fmt, builds["en"].texts[fmt]))


# --- page 1 of the PDF ------------------------------------------------------------------

#: The dateline's date as each language's releases print it (issue 15): the Thai
#: Buddhist Era year, the Japanese 年月日 form.
DATES = {"th": "2568", "ja": "2025年3月3日", "zh-Hans": "2025年3月3日", "zh-Hant": "2025年3月3日"}


@pytest.mark.parametrize("name", list(CASES))
def test_pdf_page_one_has_status_and_dateline(builds: Builds, name: str) -> None:
    from presskit.layout import format_dateline

    built = builds[name]
    from presskit.fragment import direction

    rtl = direction(built.language) == "rtl"
    page = pdf_text(built.pdf, first_page=1, last_page=1, right_to_left=rtl)
    page = normalise(page, spaces=False)
    status = presskit.i18n.label("status.immediate", built.language, "sg")
    dateline = format_dateline(built.release, get_profile("sg"))
    assert label_pattern(status, spaces=False).search(page), status
    assert normalise(dateline, spaces=False) in page, dateline
    if name in DATES:
        assert DATES[name] in normalise(dateline, spaces=False)


# --- the checks, checked ----------------------------------------------------------------


_STYLE_MARK = {None: "", "sg": "С", "us": "У", "uk": "Б"}


def fake_label(left_english: str) -> Callable[..., str]:
    """A catalogue for every language but English: each label a marker in Cyrillic
    capitals (``ЯРЛ7Ж``; ``ЯРЛ7СЖ`` for the ``sg`` style's own wording) with its
    placeholders kept, except ``left_english``."""
    keys = sorted({k for k, _ in ENGLISH})

    def label(key: str, language: str = "en", style: str | None = None, **fields: object) -> str:
        english = ENGLISH.get((key, style)) or ENGLISH[key, None]
        if language.startswith("en") or key == left_english:
            text = english
        else:
            own = style if (key, style) in ENGLISH else None  # a style's own wording
            marker = f"ЯРЛ{keys.index(key)}{_STYLE_MARK[own]}Ж"
            text = " ".join([marker, *re.findall(r"\{\w+\}", english)])
        return text.format(**fields) if fields else text

    return label


@pytest.fixture
def fake_catalogue(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    """:func:`fake_label` in place of :func:`presskit.i18n.label` everywhere it was
    imported."""
    real = presskit.i18n.label
    fake = fake_label("downloads")
    for module in list(sys.modules.values()):
        if module is not None and getattr(module, "label", None) is real:
            monkeypatch.setattr(module, "label", fake)
    yield fake


def test_the_checks_find_a_label_left_english(
    builds: Builds, fake_catalogue: Callable[..., str], tmp_path: Path
) -> None:
    """With every label but ``Downloads`` translated (into markers), the checks find
    ``Downloads`` where it is printed (the release page and the e-mail), and nothing
    else: the extraction reaches every label, and the patterns find them."""
    english = {fmt: printed(fmt, builds["en"].texts[fmt]) for fmt in FORMATS}
    built = build(CASES["ms"], tmp_path)
    fake_case = attrs.evolve(built.case, catalogues=())
    leaks = {fmt: english_found(fake_case, built.texts[fmt]) for fmt in FORMATS}
    assert {fmt: found for fmt, found in leaks.items() if found} == {
        fmt: ["Downloads"] for fmt in FORMATS if "downloads" in keys(english[fmt])
    }
    missing = {
        fmt: localised_missing(fmt, built.language, built.texts[fmt], english[fmt], fake_catalogue)
        for fmt in FORMATS
    }
    assert {fmt: m for fmt, m in missing.items() if m} == {}


@pytest.mark.parametrize(
    ("label", "text", "found"),
    [
        ("ENDS", "- ENDS -", True),
        ("ENDS", "LEGENDS", False),  # whole words
        ("Page {page} of {pages}", "Page 2 of 3", True),
        ("Page {page} of {pages}", "Page number", False),
        ("{name} logo", "IMDA logo", True),  # a placeholder at an end is left out
        ("For media clarifications:", "For media clarifications", True),  # as a heading
        ("Jointly issued by {issuers}", "Jointly issued\n  by MDDI", True),  # wrapped
        ("Correction ({when}):", "Correction (10:00 SGT, 17 JAN 2025): text", True),
        ("Tel: ", "Hotel: 5", False),
    ],
)
def test_label_pattern_finds_the_label_as_printed(label: str, text: str, found: bool) -> None:
    assert bool(label_pattern(label).search(normalise(text))) is found


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("第{page}页，共{pages}页", "第 1 页，\n共 2 页"),  # wrapped between any two characters
        ("หน้า {page} จาก {pages}", "หน้า 1 จาก\n2"),
        ("يُحظر النشر قبل {when}", "\u202bيُحظر النشر قبل\u202c 10:00"),  # bidi marks left out
    ],
)
def test_label_pattern_without_spaces(label: str, text: str) -> None:
    assert label_pattern(label, spaces=False).search(normalise(text, spaces=False))


@pytest.mark.parametrize(
    ("label", "words"),
    [("###", False), (", ", False), ("{status}. {embargo}", False), ("Tel: ", True)],
)
def test_labels_without_words_are_neutral(label: str, words: bool) -> None:
    assert has_words(label) is words
