"""Issue 14's acceptance tests: the PDF of every release in tests/fixtures/languages
(one per language of the region, a copy of ../shared/cases/languages), an Arabic release
(tests/fixtures/rtl) and the reference release, read back as a journalist and a checker
would.

* each paragraph's text (headline, body paragraphs, list items, quote, boilerplate,
  contact names) comes back from pdftotext and from pypdf, in order, equal to the source
  after whitespace normalisation and NFC (:func:`tests.pdfcheck.flat`);
* no glyph drawn is .notdef: every glyph of every content stream is decoded through its
  font (:func:`tests.pdfcheck.drawn_glyphs`), and the failure names the characters lost;
* pdffonts shows every font embedded, with a Unicode mapping;
* Japanese and Chinese lines follow the kinsoku rules (the stress releases);
* right-to-left releases build, extract in logical order and align right;
* Burmese and Thai lines never touch (the glyphs' ink boxes, placed as drawn).

What fails on main today is marked ``xfail(strict=True)`` per case with what is wrong
(``KNOWN``): when lanes E (typesetter), P (glyph drawing, font embedding) and T (tags) of
issue 14 are merged, the marks go and the same tests must pass. Each PDF is built once per
session (``built``), so the whole file runs in seconds.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest

import presskit
from presskit.errors import PresskitWarning
from presskit.fonts import SYSTEM_FONT_DIRS, find_file
from presskit.fragment import direction
from presskit.layout import Body, layout, lead_in
from presskit.model import BulletList, Heading, NumberedList, Paragraph, PressRelease, Quote
from presskit.profiles import get_profile
from tests import pdfcheck
from tests.conftest import REFERENCE
from tests.pdfcheck import flat

#: A font for each script of the cases (the theme's first candidates; Debian's
#: fonts-noto-core, fonts-noto-cjk, fonts-thai-tlwg and fonts-wqy-zenhei).
FONTS = [
    ["NotoSans-Regular.ttf"],
    ["NotoSansTamil-Regular.ttf"],
    ["NotoSansKhmer-Regular.ttf"],
    ["NotoSansLao-Regular.ttf"],
    ["NotoSansMyanmar-Regular.ttf"],
    ["Loma.ttf", "NotoSansThai-Regular.ttf"],
    ["wqy-zenhei.ttc", "NotoSansSC-Regular.ttf", "NotoSansCJK-Regular.ttc"],
    ["NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf"],
]
pytestmark = [
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("pdftotext", "pdffonts")),
        reason="poppler-utils is not installed; .ci/run installs it",
    ),
    pytest.mark.skipif(
        not all(find_file(names, SYSTEM_FONT_DIRS) for names in FONTS),
        reason="the Noto, TLWG and WenQuanYi fonts are not installed; .ci/run installs them",
    ),
]

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = {p.stem: p for p in sorted((FIXTURES / "languages").glob("*.md"))}
SOURCES["ar"] = FIXTURES / "rtl" / "ar.md"
SOURCES["reference"] = REFERENCE
CASES = list(SOURCES)

#: Known failures, per check and case (each an xfail(strict=True) with its reason):
#: none since issue 14.
KNOWN: dict[str, dict[str, str]] = {}


def cases(check: str, names: list[str] | None = None) -> list[Any]:
    """``names`` (default: every case) as parameters, each known failure marked with its
    reason and the exception it fails with."""
    known = KNOWN.get(check, {})
    out: list[Any] = []
    for name in CASES if names is None else names:
        if name not in known:
            out.append(name)
            continue
        reason = known[name]
        mark = pytest.mark.xfail(strict=True, reason=reason)
        out.append(pytest.param(name, marks=mark))
    return out


@dataclass
class Built:
    """One case's release and PDF, and what is read back from it (each once)."""

    name: str
    release: PressRelease
    data: bytes
    warnings: list[str]

    @cached_property
    def glyphs(self) -> list[pdfcheck.DrawnGlyph]:
        return pdfcheck.drawn_glyphs(self.data)

    @cached_property
    def poppler_pages(self) -> list[str]:
        return pdfcheck.pdftotext(self.data)

    @cached_property
    def pypdf_pages(self) -> list[str]:
        return pdfcheck.pypdf_pages(self.data)


class Builds:
    """The PDFs of the session, built on first use; an export error is raised again at
    every use, so each test of a refused case fails (or xfails) with it."""

    def __init__(self) -> None:
        self._done: dict[str, Built | Exception] = {}

    def __call__(self, name: str) -> Built:
        if name not in self._done:
            release = presskit.load(SOURCES[name])
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", PresskitWarning)  # each test looks
                    data = presskit.export(release, "pdf")
                messages = [str(w.message) for w in caught if w.category is PresskitWarning]
                self._done[name] = Built(name, release, data, messages)
            except presskit.PresskitError as exc:
                self._done[name] = exc
        done = self._done[name]
        if isinstance(done, Exception):
            raise done
        return done


@pytest.fixture(scope="module")
def built() -> Builds:
    return Builds()


def test_the_fixtures_are_the_shared_cases() -> None:
    """tests/fixtures/languages is a copy of ../shared/cases/languages (the issue's
    releases): the tests run without ../shared, and must not drift from it."""
    shared = Path(__file__).resolve().parent.parent / "../shared/cases/languages"
    if not shared.is_dir():
        pytest.skip("../shared/cases/languages is not there (outside the workspace)")
    ours = FIXTURES / "languages"
    names = sorted(p.name for p in shared.iterdir())
    assert names == sorted(p.name for p in ours.iterdir())
    for name in names:
        assert (shared / name).read_bytes() == (ours / name).read_bytes(), name


# --- the source paragraphs ------------------------------------------------------------


def paragraphs(release: PressRelease) -> list[str]:
    """The source text of every paragraph the PDF must print, in reading order: the
    headline, the body's paragraphs, headings, list items and quote (its lead-in runs
    into it; a quote without one is credited below), the boilerplates, the contacts'
    names and addresses. Paragraph numbers, the dateline and other labels the exporter
    adds are not part of the source and are not looked for."""
    out = [release.headline]
    if release.subheadline:
        out.append(release.subheadline)
    for block in release.body:
        out += _block_text(block)
    for boilerplate in release.boilerplates:
        out.append(boilerplate.heading)
        for block in boilerplate.body:
            out += _block_text(block)
    for contact in release.media_contacts:
        out += [v for v in (contact.name, contact.email) if v]
    return out


def _block_text(block: Any) -> list[str]:
    match block:
        case Paragraph() | Heading():
            return [block.text]
        case BulletList() | NumberedList():
            return ["".join(run.text for run in item) for item in block.items]
        case Quote():
            texts = ["".join(run.text for run in p) for p in block.paragraphs]
            if block.lead_in:
                texts[0] = lead_in(block.lead_in) + texts[0]
            elif block.attribution:
                texts.append(block.attribution)
            return texts
    raise AssertionError(f"unexpected block {block!r}")


def page_bodies(release: PressRelease, pages: list[str]) -> str:
    """The pages' text run together (flat), without the running header and the page
    footer, which may fall inside a paragraph cut by a page break."""
    view = layout(release, get_profile("sg"))
    header = flat(view.running_header)
    out = []
    for number, page in enumerate(pages, start=1):
        text = flat(page)
        footer = flat(view.label("page_of").format(page=number, pages=len(pages)))
        text = text.replace(footer, "")
        if number > 1:
            text = text.replace(header, "", 1)
        out.append(text)
    return "".join(out)


def check_paragraphs(release: PressRelease, pages: list[str], tool: str) -> None:
    """Every source paragraph is found, whole, in the extracted text, in order; on a
    miss, the message shows the paragraph and the extracted text where it should be."""
    text = page_bodies(release, pages)
    rtl = direction(release.language) == "rtl"
    if rtl:
        # PDF holds right-to-left text in visual order; both extractors rebuild the
        # logical order by guessing each character's direction, and both move a
        # punctuation mark at the edge of a run (":" before an opening quote, the "."
        # after a number): letters and digits are compared in order, punctuation not
        text = _letters(text)
        if tool == "pdftotext":
            # UAX #9 (rule N1) sets "800 1234" in a right-to-left line as "1234 800",
            # and poppler reads the digits back left to right: digits are left to
            # pypdf's comparison
            text = _no_digits(text)
    if tool == "pdftotext":
        # poppler joins a word broken after its hyphen at a line end and drops the hyphen
        # ("well-" / "represented" -> "wellrepresented"; pdftotext has no switch for it):
        # hyphens are not compared in its text (pypdf's keeps them, and is compared)
        text = text.replace("-", "")
    position = 0
    for paragraph in paragraphs(release):
        wanted = _letters(flat(paragraph)) if rtl else flat(paragraph)
        if rtl and tool == "pdftotext":
            wanted = _no_digits(wanted)
        if tool == "pdftotext":
            wanted = wanted.replace("-", "")
        found = text.find(wanted, position)
        if found < 0:
            near = text.find(wanted[:6], position)
            context = text[max(near, position) : max(near, position) + len(wanted) + 20]
            pytest.fail(
                f"{tool}: paragraph not found in order\n  source:    {wanted[:160]}\n"
                f"  extracted: {context[:160]}\n  (non-ASCII in extracted: "
                f"{_odd_characters(context)})"
            )
        position = found + len(wanted)


def _letters(text: str) -> str:
    """``text`` without punctuation (Unicode general category P)."""
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))


def _no_digits(text: str) -> str:
    return "".join(ch for ch in text if not ch.isdigit())


def _odd_characters(text: str) -> str:
    odd = sorted({ch for ch in text if unicodedata.category(ch) in ("Co", "Cn")})
    liga = sorted({ch for ch in text if "\ufb00" <= ch <= "\ufb4f"})
    return f"private-use {[f'U+{ord(c):04X}' for c in odd[:8]]}, presentation forms {liga}"


# --- the tests ------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("text"))
def test_pdftotext_gives_each_paragraph(built: Builds, case: str) -> None:
    pdf = built(case)
    check_paragraphs(pdf.release, pdf.poppler_pages, "pdftotext")


@pytest.mark.parametrize("case", cases("text"))
def test_pypdf_gives_each_paragraph(built: Builds, case: str) -> None:
    pdf = built(case)
    check_paragraphs(pdf.release, pdf.pypdf_pages, "pypdf")


@pytest.mark.parametrize("case", cases("glyphs"))
def test_builds_without_a_warning(built: Builds, case: str) -> None:
    """With the fonts the theme names installed, no character is lost and no font
    missing: the exporter warns of neither."""
    assert built(case).warnings == []


@pytest.mark.parametrize("case", cases("glyphs"))
def test_no_glyph_drawn_is_notdef(built: Builds, case: str) -> None:
    glyphs = built(case).glyphs
    assert len(glyphs) > 200  # the walk found the text
    lost = pdfcheck.missing_glyphs(glyphs)
    assert not lost, f"{len(lost)} glyphs drawn as .notdef:\n" + "\n".join(lost[:20])


@pytest.mark.parametrize("case", cases("fonts"))
def test_every_font_is_embedded_with_a_unicode_mapping(built: Builds, case: str) -> None:
    rows = pdfcheck.pdffonts(built(case).data)
    assert rows
    bad = [r for r in rows if not (r.embedded and r.unicode)]
    assert not bad, bad


def _number_alone(line: str) -> int | None:
    match = re.fullmatch(r"\s*(\d+)\.\s*", line)
    return int(match.group(1)) if match else None


def check_numbers(pdf: Built, tool: str) -> None:
    """Copying a numbered paragraph gives ``4. Minister Teo said: ...``: its number and
    its first line on one line of the extracted text, numbers in order (issue 14, point
    5). Whether the text itself is right is the paragraph tests' business."""
    pages = pdf.poppler_pages if tool == "pdftotext" else pdf.pypdf_pages
    view = layout(pdf.release, get_profile("sg"))
    numbers = [
        item.number
        for part in view.parts
        if isinstance(part, Body)
        for item in part.blocks
        if item.number is not None
    ]
    assert numbers, "the house style numbers paragraphs"
    bidi = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
    lines = [line.translate(bidi) for page in pages for line in page.splitlines()]
    alone = [n for line in lines if (n := _number_alone(line)) in numbers]
    assert not alone, f"{tool}: numbers on lines of their own: {alone}"
    pattern = r"\s*(\d+)\.\s+\S"
    if direction(pdf.release.language) == "rtl":
        # the extractors rebuild a right-to-left line from its visual order: the number
        # comes out as "1." or ".1", at the line's start or end
        pattern = r"(?:\s*(?:(\d+)\.|\.(\d+))\s*\S|.*\S\s*(?:(\d+)\.|\.(\d+))\s*$)"
    found = [
        int(next(g for g in m.groups() if g))
        for line in lines
        if (m := re.match(pattern, line)) and int(next(g for g in m.groups() if g)) in numbers
    ]
    assert [n for n in found if n in numbers] == numbers, f"{tool}: numbers found: {found}"


@pytest.mark.parametrize("case", cases("numbers-pdftotext"))
def test_pdftotext_gives_each_number_with_its_first_line(built: Builds, case: str) -> None:
    check_numbers(built(case), "pdftotext")


@pytest.mark.parametrize("case", cases("numbers-pypdf"))
def test_pypdf_gives_each_number_with_its_first_line(built: Builds, case: str) -> None:
    check_numbers(built(case), "pypdf")


# --- kinsoku ----------------------------------------------------------------------------

#: May not begin a line (JIS X 4051 / the issue's rules): small kana, closing brackets
#: and quotes, the ideographic comma and full stop (and their full-width Latin kin).
NO_LINE_START = frozenset(
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "）〕］｝〉》」』】〙〗〟’”｠»)]}"
    "、。，．"
)
#: May not end a line: opening brackets and quotes.
NO_LINE_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{")


#: What the exporter puts before a line's text: a paragraph number, a list's bullet.
_MARKER = re.compile(r"^\s*(?:\d+\.|\(\d+\)|[•◦‣])\s*")


def kinsoku_faults(texts: list[str], lines: list[str]) -> tuple[list[str], list[int]]:
    """Line breaks that break the kinsoku rules, from extracted ``lines``, and how many
    characters of each of the paragraphs ``texts`` (flat) the lines were followed
    through. Each line is found in the paragraphs in order, so a paragraph's own first
    and last character (which no line break chose) are not counted; a line that is not
    a piece of a paragraph (header, footer, labels) is passed over."""
    faults: list[str] = []
    covered = [0] * len(texts)
    index, offset = 0, 0
    for raw in lines:
        line = flat(_MARKER.sub("", raw))
        if not line:
            continue
        for i in range(index, len(texts)):
            at = texts[i].find(line, offset if i == index else 0)
            if at >= 0:
                index, offset = i, at + len(line)
                break
        else:
            continue
        covered[index] += len(line)
        if at > 0 and line[0] in NO_LINE_START:
            faults.append(f"line starts with {line[0]}: {line[:12]}…")
        if offset < len(texts[index]) and line[-1] in NO_LINE_END:
            faults.append(f"line ends with {line[-1]}: …{line[-12:]}")
    return faults, covered


@pytest.mark.parametrize(
    "case", cases("kinsoku", ["ja-kinsoku", "zh-kinsoku", "ja", "zh-hans", "zh-hant"])
)
def test_kinsoku(built: Builds, case: str) -> None:
    pdf = built(case)
    lines = [line for page in pdf.poppler_pages for line in page.splitlines()]
    texts = [flat(p) for p in paragraphs(pdf.release)]
    faults, covered = kinsoku_faults(texts, lines)
    body = [flat(b.text) for b in pdf.release.body if isinstance(b, Paragraph)]
    lost = [t[:20] for t, n in zip(texts, covered, strict=True) if t in body and n < len(t)]
    assert not lost, f"lines of these paragraphs were not followed: {lost}"
    assert not faults, "\n".join(faults)


def test_kinsoku_check_sees_a_bad_break() -> None:
    """The checker itself: a break before 」 or after 「 is a fault, a paragraph that
    begins with 、 (as the stress test's second does) is not."""
    release = presskit.load(SOURCES["ja-kinsoku"])
    texts = [flat(p) for p in paragraphs(release)[1:3]]
    first, second = texts
    assert kinsoku_faults(texts, [first, second]) == ([], [len(first), len(second)])
    cut = first.index("」", 2)
    faults, _ = kinsoku_faults(texts, [first[:cut], first[cut:], second])
    assert faults == [f"line starts with 」: {first[cut:][:12]}…"]
    cut = first.index("「", 2) + 1
    faults, _ = kinsoku_faults(texts, [first[:cut], "1. " + first[cut:], second])
    assert faults == [f"line ends with 「: …{first[:cut][-12:]}"]
    cut = first.index("ッ")
    faults, _ = kinsoku_faults(texts, [first[:cut], first[cut:], second])
    assert f"line starts with ッ: {first[cut:][:12]}…" in faults  # (and 「 ends the line)


# --- right to left ------------------------------------------------------------------------


def _arabic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    arabic = [ch for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff"]
    return len(arabic) / len(letters) if letters else 0.0


@pytest.mark.parametrize("case", cases("rtl", ["ms-jawi", "ar"]))
def test_right_to_left_lines_align_right(built: Builds, case: str) -> None:
    """Every line of Arabic-script text ends at (or, indented, near) the right margin:
    its right edge is in the frame's last tenth (pdftotext -bbox-layout). (LibreOffice's
    PDF of the Jawi DOCX fails it: the quote's last line sits at the left.)"""
    data = built(case).data
    xml = pdfcheck.pdftotext_bbox(data)
    checked = 0
    for page in xml:
        width = float(re.search(r'<page width="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        left, right = 22 * 72 / 25.4, width - 22 * 72 / 25.4  # the theme's margins
        for match in re.finditer(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</line>', page, re.S
        ):
            if float(match.group(1)) > height - left:  # the footer ("صفحة 1 من 1") is centred
                continue
            words = " ".join(re.findall(r">([^<]*)</word>", match.group(3)))
            if _arabic_share(words) < 0.8:  # a Latin label with an Arabic name is LTR
                continue
            if re.fullmatch(r"- \S+ -", words.strip()):  # the end mark ("- تمات -") is centred
                continue
            checked += 1
            assert float(match.group(2)) >= left + 0.9 * (right - left), (
                f"a right-to-left line does not reach the right margin: {words[:60]}"
            )
    assert checked >= 8


# --- line spacing -----------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("spacing"))
def test_lines_never_touch(built: Builds, case: str) -> None:
    """No glyph's ink box overlaps a glyph of another line (the issue names Burmese and
    Thai, with stacked marks; every script is held to it)."""
    glyphs = built(case).glyphs
    assert sum(g.box is not None for g in glyphs) > 200
    touching = pdfcheck.touching_lines(glyphs)
    assert not touching, f"{len(touching)} glyph pairs of two lines overlap, e.g. " + "; ".join(
        f"{upper.describe()} over {lower.describe()}" for upper, lower in touching[:3]
    )
