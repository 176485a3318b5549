"""The typesetter (presskit.typesetting): faces, per-character fallback, bidi, shaping,
line breaking with kinsoku, and line metrics, on the system fonts the default theme
names (tests skip, saying which font, where one is not installed)."""

from __future__ import annotations

import itertools
import tomllib
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import icu
import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from presskit.errors import ExportError
from presskit.theme import default_theme
from presskit.typesetting import FontBook, Line, SetParagraph, Span, TextStyle, load_face, typeset
from presskit.typesetting.faces import face_keys, resolve_candidate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "languages"


@cache
def book() -> FontBook:
    return FontBook.from_theme(default_theme().pdf_fonts())


def latin() -> str:
    """The PostScript name of the theme's regular Latin face (Liberation Sans in CI)."""
    face = book().family("Latn")
    assert face is not None
    return face.postscript_name


def need(script: str, postscript_prefix: str = "") -> None:
    face = book().family(script)
    if face is None or not face.postscript_name.startswith(postscript_prefix):
        pytest.skip(f"no {postscript_prefix or script} font installed for {script}")


def glyph_ids(par: SetParagraph) -> list[int]:
    return [g for line in par.lines for run in line.runs for g in run.glyphs]


def hb_shape(face_path: Path, index: int, text: str, language: str) -> list[int]:
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(face_path)), index))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.language = language
    hb.shape(font, buf)
    return [g.codepoint for g in buf.glyph_infos]


def clusters_text(line: Line) -> str:
    """The text of every cluster of a line, in drawing order."""
    return "".join(c.text for run in line.runs for c in run.clusters)


def body_paragraphs(name: str) -> list[str]:
    text = (FIXTURES / name).read_text("utf-8").split("+++", 2)[2]
    return [p.strip() for p in text.split("\n\n") if p.strip()]


# --- faces ---


@pytest.mark.parametrize(
    ("script", "language", "first"),
    [
        ("Hani", "ja", "Jpan"),
        ("Hira", "zh", "Jpan"),
        ("Hani", "zh-TW", "Hant"),
        ("Hani", "zh-Hant", "Hant"),
        ("Hani", "zh-HK", "Hant"),
        ("Hani", "zh", "Hans"),
        ("Hani", "zh-Hans-SG", "Hans"),
        ("Hani", "en", "Hans"),
        ("Latn", "ja", "Latn"),
    ],
)
def test_face_keys_choose_by_language(script: str, language: str, first: str) -> None:
    assert face_keys(script, language)[0] == first


def test_japanese_traditional_and_simplified_faces_differ() -> None:
    need("Jpan", "NotoSansCJK")
    ja = book().face("直", "Hani", "ja")
    tc = book().face("直", "Hani", "zh-TW")
    sc = book().face("直", "Hani", "zh")
    assert ja is not None and tc is not None and sc is not None
    assert ja.postscript_name == "NotoSansCJKjp-Regular"
    assert tc.postscript_name == "NotoSansCJKtc-Regular"
    assert sc.postscript_name == "NotoSansCJKsc-Regular"
    assert ja.is_cff
    # the same character, a different glyph: the Japanese form of 直 is not the Chinese
    jp_glyphs = hb_shape(ja.path, ja.index, "直", "ja")
    assert jp_glyphs != hb_shape(sc.path, sc.index, "直", "zh")
    par = typeset([Span("直")], TextStyle(10, language="ja"), 100, book())
    assert list(par.lines[0].runs[0].glyphs) == jp_glyphs


def test_chinese_bold_comes_from_a_bold_face() -> None:
    need("Hans", "NotoSansCJK")
    bold = book().face("中", "Hani", "zh", bold=True)
    assert bold is not None and bold.bold and bold.postscript_name == "NotoSansCJKsc-Bold"


def test_collection_face_by_name_and_index() -> None:
    folder = Path("/usr/share/fonts/opentype/noto")
    if not (folder / "NotoSansCJK-Regular.ttc").is_file():
        pytest.skip("Noto Sans CJK (fonts-noto-cjk) not installed")
    assert resolve_candidate("NotoSansCJK-Regular.ttc#Noto Sans CJK TC", [folder]) == (
        folder / "NotoSansCJK-Regular.ttc",
        3,
    )
    assert resolve_candidate("NotoSansCJK-Regular.ttc#2", [folder]) == (
        folder / "NotoSansCJK-Regular.ttc",
        2,
    )


def test_face_metrics_reach_the_win_values() -> None:
    need("Mymr", "NotoSansMyanmar")
    face = book().family("Mymr")
    assert face is not None
    assert face.ascender >= 1324 and face.descender >= 860
    assert load_face(face.path, face.index) is face  # one object per file and index


# --- shaping ---


@pytest.mark.parametrize(
    ("script", "language", "word"),
    [
        ("Khmr", "km", "បណ្តុះបណ្តាល"),
        ("Khmr", "km", "ក្នុង"),
        ("Taml", "ta", "தொழில்நுட்பம்"),
        ("Thai", "th", "ประชาสัมพันธ์"),
        ("Mymr", "my", "မြန်မာနိုင်ငံ"),
        ("Laoo", "lo", "ປະເທດລາວ"),
    ],
)
def test_glyphs_are_harfbuzz_shaping(script: str, language: str, word: str) -> None:
    need(script)
    par = typeset([Span(word)], TextStyle(10, language=language), 400, book())
    (line,) = par.lines
    (run,) = line.runs
    face = run.face
    assert run.glyphs == tuple(hb_shape(face.path, face.index, word, language))  # type: ignore[attr-defined]
    assert 0 not in run.glyphs
    assert "".join(c.text for c in run.clusters) == word


def test_ligature_is_one_cluster_with_its_text() -> None:
    par = typeset([Span("officers")], TextStyle(10), 400, book())
    (run,) = par.lines[0].runs
    texts = [c.text for c in run.clusters]
    assert "".join(texts) == "officers"
    if len(run.glyphs) < len("officers"):  # the font has the ffi ligature
        assert "ffi" in texts


# --- fallback ---


def test_thai_punctuation_never_in_a_face_that_lacks_it() -> None:
    need("Thai")
    text = "ข่าว “ประเทศไทย” มี.ค. 2568, 1.5 ล้านบาท."
    par = typeset([Span(text)], TextStyle(10, language="th"), 1000, book())
    assert par.missing == ()
    for line in par.lines:
        for run in line.runs:
            assert 0 not in run.glyphs
            for char in run.text:
                assert run.face.has(char) or char.isspace(), (char, run.face)  # type: ignore[attr-defined]


def test_thai_punctuation_falls_back_from_noto_sans_thai() -> None:
    path = Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf")
    if not path.is_file():
        pytest.skip("Noto Sans Thai not installed")
    theme = default_theme().pdf_fonts()
    noto = FontBook.from_theme(theme, overrides={"Thai": str(path)})
    text = "“ประเทศไทย” มี.ค. 2568,"
    par = typeset([Span(text)], TextStyle(10, language="th"), 1000, noto)
    assert par.missing == ()
    faces = {}
    for run in par.lines[0].runs:
        assert 0 not in run.glyphs
        for char in run.text:
            faces[char] = run.face.postscript_name  # type: ignore[attr-defined]
    assert faces["ป"].startswith("NotoSansThai")
    for char in "“”.,2":
        assert not faces[char].startswith("NotoSansThai"), char


def test_missing_characters_are_reported() -> None:
    par = typeset([Span("a\U000f0001b")], TextStyle(10), 400, book())
    assert par.missing == ("\U000f0001",)


# --- line breaking ---


def test_breaks_after_a_hyphen() -> None:
    text = "cooperation co-operation"
    style = TextStyle(10)
    full = typeset([Span(text)], style, 1000, book()).lines[0].width
    prefix = typeset([Span("cooperation co-")], style, 1000, book()).lines[0].width
    par = typeset([Span(text)], style, prefix + 1, book())
    assert [line.text for line in par.lines] == ["cooperation co-", "operation"]
    assert full > prefix


def test_trailing_space_is_dropped_and_lines_fit() -> None:
    text = " ".join(["digital"] * 40)
    par = typeset([Span(text)], TextStyle(10), 120, book())
    assert len(par.lines) > 3
    for line in par.lines:
        assert line.width <= 120 + 1e-6
        assert not line.text.endswith(" ")
        assert abs(sum(r.width for r in line.runs) - line.width) < 1e-6


def test_hard_line_break() -> None:
    par = typeset([Span("one\ntwo")], TextStyle(10), 400, book())
    assert [line.text for line in par.lines] == ["one", "two"]


def test_long_url_breaks_after_a_slash_only_when_it_does_not_fit() -> None:
    url = "https://www.example.gov.sg/news/2025/asean-digital-ministers-meeting?lang=en&x=1"
    par = typeset([Span(f"See {url} now.")], TextStyle(10), 200, book())
    texts = [line.text for line in par.lines]
    assert texts[0] == "See"  # the URL does not break while it fits on a line of its own
    for text in texts[1:-1]:
        assert text[-1] in "/?&=", texts
    assert "".join(texts[1:]) == f"{url} now."


def test_word_wider_than_the_line_is_cut_between_clusters() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    par = typeset([Span(word)], TextStyle(10), 50, book())
    assert len(par.lines) > 1
    assert "".join(line.text for line in par.lines) == word
    assert all(line.width <= 50 for line in par.lines)


_SMALL_KANA = set("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")
_SMALL_KANA |= set("ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿーｧｨｩｪｫｯｬｭｮｰ")
_NO_START = _SMALL_KANA | set("、。，．）」』】〕〉》〙〗｝］：；！？‐゠–〜・")
_NO_END = set("（「『【〔〈《〘〖｛［")


@pytest.mark.parametrize(
    ("name", "language"),
    [("ja-kinsoku.md", "ja"), ("zh-kinsoku.md", "zh"), ("zh-hans.md", "zh-Hans-SG")],
)
def test_kinsoku(name: str, language: str) -> None:
    """At every width, from three characters a line up: also where a piece with no
    break opportunity (``「デ」、``, a URL before ``。``) is wider than the line."""
    need("Jpan" if language == "ja" else "Hans")
    for paragraph in body_paragraphs(name):
        for width in range(31, 300, 7):
            par = typeset([Span(paragraph)], TextStyle(10, language=language), width, book())
            texts = [line.text for line in par.lines]
            assert "".join(texts) == paragraph.replace("\n", "")
            for text in texts[1:]:
                assert text[0] not in _NO_START, (width, texts)
            for text in texts[:-1]:
                assert text[-1] not in _NO_END, (width, texts)


# --- bidi ---


def visual_text(line: Line) -> str:
    """A line's characters in the order they are drawn, left to right (a right-to-left
    cluster's characters reversed, as a bidi-reordered string has them)."""
    return "".join(c.text[::-1] if run.rtl else c.text for run in line.runs for c in run.clusters)


def icu_visual(text: str, rtl: bool) -> str:
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), 1 if rtl else 0)
    return str(bidi.writeReordered(0))


@pytest.mark.parametrize(
    ("text", "rtl"),
    [
        ("قال الوزير Josephine Teo إن 24 دولة (آسيان).", True),
        ("Minister Teo said «مرحبا بكم في 2025» today, 3.5%.", False),
        ("שלום ASEAN 2025, עולם!", True),
        ("مرحبا", True),
    ],
)
def test_bidi_visual_order_is_icu_s(text: str, rtl: bool) -> None:
    need("Arab")
    par = typeset([Span(text)], TextStyle(10, language="ar"), 1000, book())
    assert par.rtl is rtl
    (line,) = par.lines
    assert line.text == text
    assert visual_text(line) == icu_visual(text, rtl)
    runs = line.runs
    assert [r.x for r in runs] == sorted(r.x for r in runs)
    latin = [r for r in runs if "ASEAN" in r.text or "Josephine" in r.text]
    assert all(not r.rtl for r in latin)
    edge = runs[-1].x + runs[-1].width if rtl else runs[0].x
    assert edge == pytest.approx(1000 if rtl else 0)  # aligned at the paragraph's start


def test_jawi_paragraph_is_right_to_left_and_keeps_every_character() -> None:
    need("Arab")
    for paragraph in body_paragraphs("ms-jawi.md")[:3]:
        par = typeset([Span(paragraph)], TextStyle(10, language="ms-Arab"), 300, book())
        assert par.rtl
        assert par.missing == ()
        assert {r.language for line in par.lines for r in line.runs if r.rtl} == {"ms-Arab"}
        assert len(par.lines) > 1
        for line in par.lines:
            assert visual_text(line) == icu_visual(line.text, True)
            assert line.runs[-1].x + line.runs[-1].width == pytest.approx(300)
        assert "".join(line.text for line in par.lines).replace(" ", "") == paragraph.replace(
            " ", ""
        ).replace("\n", "")


# --- metrics ---


def ink(line: Line) -> tuple[float, float]:
    """How far the line's glyph outlines reach above and below its baseline (points),
    measured with HarfBuzz's glyph extents, marks' offsets included."""
    top = bottom = 0.0
    for run in line.runs:
        face = run.face
        scale = run.size / face.units_per_em  # type: ignore[attr-defined]
        for gid, (_, dy) in zip(run.glyphs, run.offsets, strict=True):
            extents = face.hb_font.get_glyph_extents(gid)  # type: ignore[attr-defined]
            if extents is not None:
                top = max(top, extents.y_bearing * scale + dy)
                bottom = max(bottom, -(extents.y_bearing + extents.height) * scale - dy)
    return top, bottom


@pytest.mark.parametrize(
    ("name", "language", "script"),
    [
        ("my.md", "my", "Mymr"),
        ("km.md", "km", "Khmr"),
        ("th.md", "th", "Thai"),
        ("lo.md", "lo", "Laoo"),
        ("ta.md", "ta", "Taml"),
        ("vi-nfd.md", "vi", "Latn"),
    ],
)
def test_lines_never_touch(name: str, language: str, script: str) -> None:
    """Even set solid (line height 1.0): each line's slot holds its fonts' ascent and
    descent, and the outlines of glyphs that reach beyond them (Noto Sans Khmer's
    subscripts), so the ink of two lines never meets."""
    need(script)
    for paragraph in body_paragraphs(name):
        style = TextStyle(10, line_height=1.0, language=language)
        par = typeset([Span(paragraph)], style, 200, book())
        for line in par.lines:
            top, bottom = ink(line)
            assert top <= line.ascent + 1e-6 and bottom <= line.descent + 1e-6, line.text
            assert line.height >= line.ascent + line.descent - 1e-9
            assert line.baseline == pytest.approx(
                (line.height - line.ascent - line.descent) / 2 + line.ascent
            )
        for upper, lower in itertools.pairwise(par.lines):
            gap = (upper.height - upper.baseline) + lower.baseline - ink(upper)[1] - ink(lower)[0]
            assert gap > 0, (upper.text, lower.text)
    if script == "Mymr":
        assert par.lines[0].ascent > 13  # Noto Sans Myanmar rises 1.324 em


def test_english_line_height_is_the_style_s() -> None:
    par = typeset([Span("Hello")], TextStyle(10, line_height=1.38), 400, book())
    assert par.lines[0].height == pytest.approx(13.8)
    assert par.height == pytest.approx(13.8)


# --- alignment ---


@pytest.mark.parametrize("align", ["start", "end", "center", "justify"])
def test_alignment(align: str) -> None:
    text = " ".join(["alignment"] * 12)
    style = TextStyle(10, align=align)  # type: ignore[arg-type]
    par = typeset([Span(text)], style, 150, book())
    for index, line in enumerate(par.lines):
        left = line.runs[0].x
        right = line.runs[-1].x + line.runs[-1].width
        last = index == len(par.lines) - 1
        if align == "start" or (align == "justify" and last):
            assert left == 0
        elif align == "end":
            assert right == pytest.approx(150)
        elif align == "center":
            assert left == pytest.approx(150 - right)
        else:
            assert left == 0 and right == pytest.approx(150)


# --- properties ---

_ALPHABET = st.sampled_from(
    [
        *"abc fiﬁ-/ .,“”()1٢\n\t",
        *"ประเทศ中文「」。ッمرحباשלוםបណ្តុះ",
        *"\u0301\u00ad\u00a0\u200b\u200d\ufe0f\u202b\u2069",
        *"\U00020000\U0001f600\U0001f3fd\U000f0001",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(_ALPHABET, min_size=0, max_size=25), min_size=1, max_size=4),
    st.sampled_from([30.0, 80.0, 400.0]),
)
def test_every_character_is_in_exactly_one_cluster(texts: list[str], width: float) -> None:
    spans = [Span(t, bold=i % 2 == 1) for i, t in enumerate(texts)]
    text = "".join(texts)
    par = typeset(spans, TextStyle(10, language="th"), width, book())
    # every character is in one cluster, once; only white space at line ends is dropped
    assert "".join("".join(line.text.split()) for line in par.lines) == "".join(text.split())
    for line in par.lines:
        assert Counter(line.text) == Counter(clusters_text(line))
        runs = line.runs
        for left, right in itertools.pairwise(runs):
            assert left.x + left.width == pytest.approx(right.x)  # side by side, in order
        assert sum(r.width for r in runs) == pytest.approx(line.width)
        for run in line.runs:
            logical = run.clusters[::-1] if run.rtl else run.clusters
            assert "".join(c.text for c in logical) == run.text
            assert len(run.glyphs) == len(run.advances) == len(run.offsets)
            covered = sorted(i for c in run.clusters for i in range(c.start, c.end))
            assert covered == list(range(len(run.glyphs)))
            assert abs(run.width - sum(run.advances)) < 1e-9
    assert all(unicodedata.is_normalized("NFC", t) or True for t in texts)


def test_each_line_is_shaped_as_harfbuzz_shapes_its_runs() -> None:
    """A line's pieces are HarfBuzz's shaping of that piece alone: glyphs reused from
    the paragraph's shaping only where HarfBuzz says a cut is safe, else shaped again
    (an Arabic letter at a line end takes its final form)."""
    need("Arab")
    paragraph = body_paragraphs("ms-jawi.md")[0]
    for width in (120, 200, 300):
        par = typeset([Span(paragraph)], TextStyle(10, language="ms-Arab"), width, book())
        for line in par.lines:
            for run in line.runs:
                face = run.face
                want = hb_shape(face.path, face.index, run.text, "ms")  # type: ignore[attr-defined]
                assert list(run.glyphs) == want, run.text


def test_a_cut_inside_an_arabic_word_is_shaped_again() -> None:
    need("Arab")
    word = "المستشفيات" * 3  # one word, wider than the line: cut between letters
    par = typeset([Span(word)], TextStyle(10, language="ar"), 40, book())
    assert len(par.lines) > 1
    for line in par.lines:
        (run,) = line.runs
        face = run.face
        assert list(run.glyphs) == hb_shape(face.path, face.index, run.text, "ar")  # type: ignore[attr-defined]


def test_a_break_at_a_soft_hyphen_shows_a_hyphen() -> None:
    text = "infor\u00admation"
    style = TextStyle(10)
    whole = typeset([Span(text)], style, 1000, book())
    assert whole.lines[0].text == text
    full = typeset([Span("information")], style, 1000, book()).lines[0].width
    par = typeset([Span(text)], style, full - 1, book())
    assert [line.text for line in par.lines] == ["infor\u00ad", "mation"]
    first = par.lines[0].runs[0]
    hyphen = first.face.hb_font.get_nominal_glyph(ord("-"))  # type: ignore[attr-defined]
    assert first.glyphs[-1] == hyphen
    assert first.clusters[-1].text == "\u00ad"
    assert hyphen not in whole.lines[0].runs[0].glyphs  # unbroken, it draws nothing


def faces_of(par: SetParagraph) -> dict[str, set[str]]:
    """Each character -> the PostScript names of the faces that draw it."""
    out: dict[str, set[str]] = {}
    for line in par.lines:
        for run in line.runs:
            for char in run.text:
                out.setdefault(char, set()).add(run.face.postscript_name)  # type: ignore[attr-defined]
    return out


def test_names_in_other_scripts_inside_english() -> None:
    need("Taml")
    need("Hans", "NotoSansCJK")
    text = "Ms Tan Mei Ling (陈美玲) and Mr Subramaniam Raja (சுப்பிரமணியம் ராஜா) will co-chair"
    par = typeset([Span(text)], TextStyle(10, language="en-SG"), 451, book())
    faces = faces_of(par)
    assert faces["陈"] == {"NotoSansCJKsc-Regular"}
    assert faces["ச"] == {"NotoSansTamil-Regular"}
    assert faces["("] == faces[")"] == {latin()}  # the brackets pair up
    tamil = next(r for line in par.lines for r in line.runs if "ச" in r.text)
    face = tamil.face
    assert list(tamil.glyphs) == hb_shape(face.path, face.index, tamil.text, "ta")  # type: ignore[attr-defined]
    languages = {r.text.strip(): r.language for line in par.lines for r in line.runs}
    assert languages["சுப்பிரமணியம் ராஜா"] == "ta-IN"  # as the DOCX marks it (w:lang)
    assert languages["陈美玲"] == "zh-CN"
    assert {languages[k] for k in languages if k.startswith("Ms")} == {"en-SG"}
    # a span marked Japanese sets the same Han in the Japanese face
    spans = [Span("Minister "), Span("直子", language="ja"), Span(" said")]
    marked = typeset(spans, TextStyle(10), 451, book())
    assert faces_of(marked)["直"] == {"NotoSansCJKjp-Regular"}
    assert [r.language for r in marked.lines[0].runs if "直" in r.text] == ["ja"]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_no_missing_glyph_in_any_language_case(name: str) -> None:
    """Every paragraph of every language case: no character without a face, no
    .notdef glyph drawn (glyph 0)."""
    front, body = (FIXTURES / name).read_text("utf-8").split("+++", 2)[1:]
    meta = tomllib.loads(front)
    language = meta.get("language", "en")
    need({"ja": "Jpan", "zh": "Hans", "th": "Thai", "km": "Khmr", "lo": "Laoo", "my": "Mymr",
          "ta": "Taml", "ms": "Arab" if "Arab" in language else "Latn"}.get(
              language.split("-")[0], "Latn"))  # fmt: skip
    paragraphs = [meta["headline"], *(p.strip() for p in body.split("\n\n") if p.strip())]
    for paragraph in paragraphs:
        par = typeset([Span(paragraph)], TextStyle(10, language=language), 300, book())
        assert par.missing == (), paragraph
        for line in par.lines:
            for run in line.runs:
                assert 0 not in run.glyphs, (run.text, run.face)


def test_justify_stretches_spaces_and_ideographs_but_not_khmer_letters() -> None:
    need("Khmr")
    need("Jpan", "NotoSansCJK")
    khmer = "ក្រសួងប្រៃសណីយ៍និងទូរគមនាគមន៍បានចុះហត្ថលេខាលើអនុស្សរណៈនៃការយោគយល់គ្នា"
    par = typeset([Span(khmer)], TextStyle(10, language="km", align="justify"), 150, book())
    first = par.lines[0]
    assert first.runs[0].x == 0 and first.width < 150  # no space: left ragged, not spread
    japanese = (
        "デジタル大臣会合は、東京で開かれ、各国の代表がASEAN Digital Masterplanについて議論した。"
    )
    par = typeset([Span(japanese)], TextStyle(10, language="ja", align="justify"), 120, book())
    for line in par.lines[:-1]:
        assert line.width == pytest.approx(120)


def test_punctuation_between_two_scripts_takes_the_paragraph_s() -> None:
    need("Taml")
    need("Hans", "NotoSansCJK")
    text = "the campaign “防骗，从我做起” / “மோசடியைத் தடுப்போம்”."
    faces = faces_of(typeset([Span(text)], TextStyle(10, language="en-SG"), 451, book()))
    assert faces["“"] == faces["”"] == faces["/"] == {latin()}
    assert faces["，"] == {"NotoSansCJKsc-Regular"}  # inside Chinese: the Chinese face
    japanese = "日本とASEAN、生成AIの安全性"
    faces = faces_of(typeset([Span(japanese)], TextStyle(10, language="ja"), 451, book()))
    assert faces["、"] == {"NotoSansCJKjp-Regular"}
    assert faces["A"] == {latin()}


def _cff_font(family: str, advance: int) -> TTFont:
    """A small OpenType font with CFF outlines: a box for A and B, a space."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    names = [".notdef", "space", "A", "B"]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({32: "space", 65: "A", 66: "B"})
    charstrings = {}
    for name in names:
        pen = T2CharStringPen(advance, None)
        if name != "space":
            pen.moveTo((50, 0))
            pen.lineTo((50, 700))
            pen.lineTo((advance - 50, 700))
            pen.lineTo((advance - 50, 0))
            pen.closePath()
        charstrings[name] = pen.getCharString()
    postscript = family.replace(" ", "") + "-Regular"
    builder.setupCFF(postscript, {"FullName": family}, charstrings, {})
    builder.setupHorizontalMetrics({n: (advance, 50) for n in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular", "psName": postscript})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=900, usWinDescent=300)
    builder.setupPost()
    return builder.font


def test_cff_fonts_and_a_face_in_an_otc_collection(tmp_path: Path) -> None:
    from fontTools.ttLib import TTCollection

    otf = tmp_path / "DemoOne-Regular.otf"
    _cff_font("Demo One", 600).save(otf)
    collection = TTCollection()
    collection.fonts = [_cff_font("Demo One", 600), _cff_font("Demo Two", 800)]
    otc = tmp_path / "Demo.otc"
    collection.save(otc)

    face = load_face(otf)
    assert face.is_cff and face.has("A") and not face.has("C")
    assert (face.ascender, face.descender) == (900, 300)  # the usWin values, higher
    assert resolve_candidate("Demo.otc#Demo Two", [tmp_path]) == (otc, 1)
    assert resolve_candidate("Demo.otc#DemoTwo-Regular", [tmp_path]) == (otc, 1)

    theme = {"Latn": {"regular": ["Demo.otc#Demo Two"]}}
    two = FontBook.from_theme(theme, folders=[tmp_path])
    (run,) = typeset([Span("AB A")], TextStyle(10), 400, two).lines[0].runs
    assert run.face.postscript_name == "DemoTwo-Regular"  # type: ignore[attr-defined]
    assert run.advances == (8.0, 8.0, 8.0, 8.0)  # 800 units at 10 pt
    overridden = FontBook.from_theme(theme, overrides={"Latn": str(otf)})
    (run,) = typeset([Span("AB")], TextStyle(10), 400, overridden).lines[0].runs
    assert run.face.path == otf  # type: ignore[attr-defined]
    with pytest.raises(ExportError, match="does not exist"):
        FontBook.from_theme(theme, overrides={"Latn": str(tmp_path / "nope.otf")})


def test_no_latin_font_found_falls_back_to_vera(tmp_path: Path) -> None:
    theme = {"Latn": {"regular": ["NoSuchFont.ttf"]}, "Thai": {"regular": ["NoSuchThai.ttf"]}}
    bare = FontBook.from_theme(theme, folders=[tmp_path])
    assert bare.missing_scripts == ("Latn", "Thai")
    (run,) = typeset([Span("Hello")], TextStyle(10), 400, bare).lines[0].runs
    assert run.face.postscript_name == "BitstreamVeraSans-Roman"  # type: ignore[attr-defined]
    assert typeset([Span("ไทย")], TextStyle(10), 400, bare).missing == ("ไ", "ท", "ย")


def test_threads_set_paragraphs_as_one_thread_does() -> None:
    """ICU's break iterators hold their text: each thread has its own."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        f"{n} " + " ".join(["paragraph", "digital", "co-operation"] * (n % 7 + 3))
        for n in range(60)
    ]
    style = TextStyle(10)

    def lines(text: str) -> list[str]:
        return [line.text for line in typeset([Span(text)], style, 90, book()).lines]

    alone = [lines(t) for t in texts]
    book().cache.clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lines, texts)) == alone


def test_kinsoku_where_icu_strict_allows_a_break() -> None:
    """ICU's strict rules break before a fullwidth tilde (U+FF5E); kinsoku does not."""
    need("Jpan", "NotoSansCJK")
    text = "営業時間は九時～十七時です" * 3
    for width in range(40, 200, 10):
        par = typeset([Span(text)], TextStyle(10, language="ja"), width, book())
        assert all(line.text[0] != "～" for line in par.lines[1:]), width
    hard = typeset([Span("「東京」\n」と書いた")], TextStyle(10, language="ja"), 400, book())
    assert [line.text for line in hard.lines] == ["「東京」", "」と書いた"]  # a hard break stays
