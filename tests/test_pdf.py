"""The PDF exporter: read back with pypdf and poppler, checked against
../shared/reference/docx-pdf.md section 6 (V1, V2, V4, V7-V13, V20)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import attrs
import pytest
from pypdf import PdfReader

import presskit
from presskit.errors import ExportError, PresskitWarning, SourceError
from presskit.fonts import find_file
from presskit.model import Heading, MediaContact, Paragraph, Quote

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "qpdf")),
    reason="poppler-utils and qpdf are not installed; .ci/run installs them",
)


def pdf(release: presskit.PressRelease, **options: object) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("error", PresskitWarning)  # a missing font fails the test
        return presskit.export(release, "pdf", **options)


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """For comparing extracted text: NFKC (undoes ligatures), no white space, no
    zero-width spaces, no hyphens (lines may break at them)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u200b\-]+", "", text)


def run_tool(*args: str, data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(
        [*args, str(path)] if args[0] != "pdftotext" else [*args, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


# --- the reference release --------------------------------------------------------------


@needs_poppler
def test_qpdf_check_and_embedded_fonts(reference: presskit.PressRelease, tmp_path: Path) -> None:
    data = pdf(reference)
    assert "No syntax or stream encoding errors" in run_tool(
        "qpdf", "--check", data=data, tmp_path=tmp_path
    )
    rows = run_tool("pdffonts", data=data, tmp_path=tmp_path).splitlines()[2:]
    assert rows
    for row in rows:
        *_, emb, _sub, uni, _obj, _gen = row.split()
        assert (emb, uni) == ("yes", "yes"), row  # no standard-14 font, text extractable
    names = {row.split()[0].split("+")[-1] for row in rows}
    # the DOCX's Arial, or Liberation Sans, made to its metrics (the house style)
    assert names in (
        {"Arial", "Arial-BoldMT", "Arial-ItalicMT"},
        {"ArialMT", "Arial-BoldMT", "Arial-ItalicMT"},
        {"LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"},
    ), names


@needs_poppler
def test_text_in_reading_order(reference: presskit.PressRelease, tmp_path: Path) -> None:
    raw = run_tool("pdftotext", data=pdf(reference), tmp_path=tmp_path)
    pages = raw.split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    body = "\n".join(
        line
        for line in raw.splitlines()
        if " | " not in line and not re.fullmatch(r"Page \d+ of \d+", line.strip())
    )
    text = flat(body)
    pieces = ["FOR IMMEDIATE RELEASE", reference.headline, "SINGAPORE – 17 JAN 2025"]
    for block in reference.body:
        if isinstance(block, Quote):
            pieces.append(f"{block.lead_in} {block.text}")  # attributed once
        else:
            pieces.append(block.text)  # type: ignore[union-attr]
    pieces += ["LAST UPDATED: 17 JAN 2025", "Jointly issued by MDDI and IMDA", "- END -"]
    for boilerplate in reference.boilerplates:
        pieces += [boilerplate.heading, *(b.text for b in boilerplate.body)]  # type: ignore[union-attr]
    pieces += [
        "For media clarifications:",
        "(Ms) Adeline Lee",
        "media@imda.gov.sg",
        "wu_fan@mddi.gov.sg",
    ]
    position = 0
    for piece in pieces:
        found = text.find(flat(piece), position)
        assert found >= 0, f"missing or out of order: {piece[:70]!r}"
        position = found
    numbers = [int(n) for n in re.findall(r"^(\d+)\.\s", body, re.M)]
    assert numbers == list(range(1, 25))


def test_metadata_outline_and_links(reference: presskit.PressRelease) -> None:
    reader = PdfReader(io.BytesIO(pdf(reference)))
    info = reader.metadata
    assert info is not None
    assert info.title == reference.headline
    assert info.author == (
        "Ministry of Digital Development and Information; Infocomm Media Development Authority"
    )
    assert info["/Keywords"].startswith("ASEAN, ADGMIN")
    assert info.creation_date == dt.datetime(2025, 1, 16, 16, 0, tzinfo=dt.UTC)
    assert reader.trailer["/Root"]["/Lang"] == "en-SG"

    def titles(items: list[object], depth: int = 0) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for item in items:
            if isinstance(item, list):
                out += titles(item, depth + 1)
            else:
                out.append((depth, item.title))  # type: ignore[attr-defined]
        return out

    outline = titles(reader.outline)
    assert outline[0] == (0, reference.headline)
    assert (2, "ASEAN Regional CERT") in outline
    assert (1, "For media clarifications") in outline
    assert all(b[0] <= a[0] + 1 for a, b in itertools.pairwise(outline))
    uris = {
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
    }
    assert {
        "http://www.imda.gov.sg",
        "mailto:media@imda.gov.sg",
        "mailto:wu_fan@mddi.gov.sg",
    } <= uris


def test_byte_identical_across_processes(project: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = project / f"out{seed}"
        subprocess.run(
            [sys.executable, "-m", "presskit.cli", "build", "-f", "pdf", "-o", str(out), "-q"],
            cwd=project,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(
            (out / "asean-digital-ministers-2025/asean-digital-ministers-2025.pdf").read_bytes()
        )
    assert outputs[0] == outputs[1]


def test_source_date_epoch_dates_the_document(reference: presskit.PressRelease) -> None:
    reader = PdfReader(io.BytesIO(pdf(reference, source_date_epoch=1_700_000_000)))
    assert reader.metadata is not None
    assert reader.metadata.creation_date == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


def test_paper_sizes(reference: presskit.PressRelease) -> None:
    a4 = PdfReader(io.BytesIO(pdf(reference))).pages[0].mediabox
    letter = PdfReader(io.BytesIO(pdf(reference, profile="us"))).pages[0].mediabox
    assert (round(a4.width), round(a4.height)) == (595, 842)
    assert (round(letter.width), round(letter.height)) == (612, 792)
    assert (
        PdfReader(io.BytesIO(pdf(reference, paper="a4", profile="us"))).pages[0].mediabox.width
        < 600
    )


# --- text is never mangled ----------------------------------------------------------------


MARKUP = [
    "R&D <2025>",
    "AT&T and Q&A",
    "0.1 <A <0.9",
    "Tom & Jerry's <press@example.com>",
    "<b>not bold</b> &amp; <script>alert(1)</script> ]]>",
    "She said \"yes\" & 'no'.",
]


@pytest.mark.parametrize("sample", MARKUP)
def test_markup_like_text_comes_out_as_written(
    reference: presskit.PressRelease, sample: str
) -> None:
    release = attrs.evolve(reference, headline=sample, body=(Paragraph(f"Lede: {sample}"),))
    text = text_of(pdf(release))
    assert flat(f"Lede: {sample}") in flat(text)
    assert flat(sample) in flat(text.split("Lede")[0])  # the headline too


@needs_poppler
def test_long_urls_wrap_inside_the_frame(reference: presskit.PressRelease, tmp_path: Path) -> None:
    url = (
        "https://www.example.gov.sg/news/2025/01/"
        + "a-very-long-path-segment-" * 6
        + "?utm_source=x&y=z"
    )
    email = "communications.and.marketing.division@very-long-agency-name.example.gov.sg"
    release = attrs.evolve(reference, body=(Paragraph(f"See {url} or write to {email}."),))
    data = pdf(release)
    html = run_tool("pdftotext", "-bbox", data=data, tmp_path=tmp_path)
    page_width = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    right = page_width - 22 * 72 / 25.4
    for x_max in re.findall(r'xMax="([\d.]+)"', html):
        assert float(x_max) <= right + 1
    reader = PdfReader(io.BytesIO(data))
    uris = {a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])}
    assert url in uris and f"mailto:{email}" in uris  # targets never changed


def test_long_release_paginates_and_big_cells_do_not_break(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    from PIL import Image

    logo = tmp_path / "tall.png"
    Image.new("RGB", (50, 3000), (10, 10, 10)).save(logo)
    long_department = " ".join(["department"] * 1400)
    release = attrs.evolve(
        reference,
        issuers=(attrs.evolve(reference.issuers[0], logo=logo.name), reference.issuers[1]),
        body=tuple(
            Paragraph(f"Paragraph {n}. " + "Words in a sentence. " * 20) for n in range(300)
        ),
        media_contacts=(MediaContact("A Person", department=long_department, email="a@b.org"),),
    )
    reader = PdfReader(io.BytesIO(pdf(release, asset_root=tmp_path)))
    assert len(reader.pages) > 20
    text = "".join(page.extract_text() for page in reader.pages)
    assert text.index("Paragraph 299.") < text.index("Email: a@b.org")  # nothing lost
    assert text.count("department") == 1400


# --- every script ---------------------------------------------------------------------

SAMPLES = {
    "Hani": "新加坡作为第四届东盟数字部长会议主席国，已将主席国职务移交给泰国。",
    "Taml": "சிங்கப்பூர், நான்காவது ஆசியான் மின்னிலக்க அமைச்சர்கள் கூட்டத்தின் தலைவர்.",
    "Thai": "ประเทศสิงคโปร์ ในฐานะประธานการประชุมรัฐมนตรีดิจิทัลอาเซียนครั้งที่ 4 "
    "ได้ส่งมอบตำแหน่งประธานให้แก่ประเทศไทย",
    "Viet": "Singapore, với tư cách là Chủ tịch Hội nghị Bộ trưởng Số ASEAN lần thứ 4.",
    "Malay": "Singapura, selaku Pengerusi Mesyuarat Menteri-Menteri Digital ASEAN ke-4.",
}
FONT_FILES = {
    "Hani": ("wqy-zenhei.ttc", "DroidSansFallbackFull.ttf", "NotoSansSC-Regular.ttf"),
    "Taml": ("NotoSansTamil-Regular.ttf",),
    "Thai": ("Loma.ttf", "NotoSansThai-Regular.ttf"),
}

needs_fonts = pytest.mark.skipif(
    not all(find_file(names, [Path("/usr/share/fonts")]) for names in FONT_FILES.values()),
    reason="the Noto (fonts-noto-core) and WenQuanYi (fonts-wqy-zenhei) fonts are not "
    "installed; .ci/run installs them",
)


@needs_fonts
@needs_poppler
def test_every_script_renders_with_embedded_fonts(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    release = attrs.evolve(
        reference,
        body=(*(Paragraph(text) for text in SAMPLES.values()), Heading("ภาษาไทย and 中文")),
    )
    data = pdf(release)  # PresskitWarning (a missing font) would fail here
    fonts = run_tool("pdffonts", data=data, tmp_path=tmp_path)
    embedded = {row.split()[0].split("+")[-1] for row in fonts.splitlines()[2:]}
    assert "NotoSansTamil-Regular" in embedded
    assert embedded & {"LiberationSans", "ArialMT", "Arial"}  # Latin: the house font
    assert embedded & {"Loma", "NotoSansThai-Regular"}
    assert embedded & {
        "WenQuanYiZenHei-0",
        "WenQuanYiZenHei",
        "DroidSansFallbackFull",
        "NotoSansSC-Regular",
        "NotoSansCJKsc-Regular",
    }
    assert all(" yes " in row for row in fonts.splitlines()[2:])
    text = text_of(data)
    assert "\u25a0" not in text and "\ufffd" not in text
    # every script extracts as written, shaped Tamil and Thai too: each glyph cluster
    # maps to its characters in logical order (issue 14)
    for sample in SAMPLES.values():
        assert flat(sample) in flat(text)
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in text)


@needs_fonts
def test_thai_breaks_between_words(reference: presskit.PressRelease) -> None:
    """Thai is written without spaces between words: the typesetter breaks its lines at
    ICU's word boundaries (R10), never inside a word."""
    from presskit.exporters._pdfstyles import block_styles
    from presskit.exporters._pdftheme import default_theme
    from presskit.exporters._pdfwriter import PdfWriter
    from presskit.exporters.pdf import PdfOptions
    from presskit.textutils import word_segments
    from presskit.typesetting import typeset
    from presskit.typesetting.types import Span

    thai = SAMPLES["Thai"].replace(" ", "") * 3
    writer = PdfWriter(attrs.evolve(reference, body=(Paragraph(thai),)), PdfOptions())
    style = block_styles(default_theme(), "th")["Body"].text
    lines = [line.text for line in typeset([Span(thai)], style, 450.0, writer._fonts()).lines]
    assert len(lines) > 2 and "".join(lines) == thai
    boundaries = set()
    position = 0
    for word in word_segments(thai, "th"):
        position += len(word)
        boundaries.add(position)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        assert position in boundaries  # every line ends between two words


@needs_poppler
def test_right_to_left_text_is_set_right_to_left(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    """Arabic is laid out by the Unicode Bidirectional Algorithm and shaped by HarfBuzz
    (R09 was a refusal): the paragraph aligns right, and both extractors give the text
    in logical order, the Latin name and the number where they were written."""
    arabic = "أعلنت شركة ACME اليوم عن 25 شراكة جديدة"
    # (compared without white space: both extractors guess where a space between a
    # right-to-left and a left-to-right run goes, docs/exporters/pdf.md)
    # (one Arabic paragraph in an English release was refused; whole Arabic and Jawi
    # releases are read back with pdftotext too in test_pdf_scripts.py: on a page of
    # English poppler takes the line for left to right and lists its runs so)
    data = pdf(attrs.evolve(reference, body=(Paragraph(arabic),)))
    assert flat(arabic) in flat(text_of(data))


def test_a_build_writes_the_pdf_of_a_right_to_left_release(project: Path) -> None:
    source = project / "sources" / "arabic.md"
    source.write_text(
        '+++\nheadline = "Arabic release"\nissuers = ["imda"]\ndateline = "DUBAI"\n'
        'issued = 2025-01-17T10:00:00+04:00\nlanguage = "ar"\n+++\n\n'
        "أعلنت الشركة اليوم عن شراكة جديدة\n",
        encoding="utf-8",
    )
    result = subprocess.run(  # two processes: warnings from workers reach the user too
        [sys.executable, "-m", "presskit.cli", "build", "-f", "pdf,docx", "-q", "-j", "2"],
        cwd=project, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "right-to-left" not in result.stderr
    written = sorted(p.name for p in (project / "dist" / "arabic").iterdir())
    assert written == ["arabic.docx", "arabic.pdf"]
    assert (
        project / "dist/asean-digital-ministers-2025/asean-digital-ministers-2025.pdf"
    ).is_file()


def test_a_missing_font_is_a_warning_naming_the_script(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    (tmp_path / "theme.toml").write_text(
        '[fonts.Thai]\nname = "X"\nregular = ["NoSuchThaiFont.ttf"]\n', encoding="utf-8"
    )
    release = attrs.evolve(reference, body=(Paragraph(SAMPLES["Thai"]),))
    with pytest.warns(PresskitWarning, match=r"no font found for Thai text \(Thai\)"):
        presskit.export(release, "pdf", theme=tmp_path)


def test_font_overrides(reference: presskit.PressRelease, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"pdf: font for Latn: .* does not exist"):
        presskit.export(reference, "pdf", fonts={"Latn": str(tmp_path / "none.ttf")})
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(ExportError, match="TrueType"):
        presskit.export(reference, "pdf", fonts={"Latn": str(bad)})
    with pytest.raises(ExportError, match=r"pdf: font for Thai: .* does not exist"):
        presskit.export(reference, "pdf", fonts={"Thai": "/nowhere/thai.ttf"})  # checked unused
    dejavu = find_file(["DejaVuSans.ttf"], [Path("/usr/share/fonts")])
    bold = find_file(["DejaVuSans-Bold.ttf"], [Path("/usr/share/fonts")])
    if dejavu and bold:
        data = pdf(reference, fonts={"Latn": {"regular": str(dejavu), "bold": str(bold)}})
        names = {f.split("+")[-1] for f in _font_names(data)}
        assert names == {"DejaVuSans", "DejaVuSans-Bold"}


def _font_names(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    return {
        str(font.get_object()["/BaseFont"]).lstrip("/")
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_bad_theme_values(reference: presskit.PressRelease, tmp_path: Path) -> None:
    theme = tmp_path / "theme.toml"
    for body, words in [
        ('[pdf]\nbase_size = "big"\n', r":2: pdf.base_size: must be a number, got a string"),
        ("[pdf]\nbase_size = 40\n", r":2: pdf.base_size: must be a number from 5 to 36"),
        ("[pdf.margins_mm]\ntop = 500\n", r":2: pdf.margins_mm.top: must be a number from 0"),
        ("[pdf.fonts.Hani]\nregular = 3\n", r":2: pdf.fonts.Hani.regular: must be a string or"),
    ]:
        theme.write_text(body, encoding="utf-8")
        with pytest.raises(SourceError, match=words):
            presskit.export(reference, "pdf", theme=theme)


def test_outline_entries_point_at_their_pages(reference: presskit.PressRelease) -> None:
    reader = PdfReader(io.BytesIO(pdf(reference)))
    pages = {
        item.title: reader.get_destination_page_number(item) for item in _flatten(reader.outline)
    }
    assert pages[reference.headline] == 0
    assert pages["For media clarifications"] == len(reader.pages) - 1
    assert len(set(pages.values())) > 2


def _flatten(items: list[object]) -> list[object]:
    out: list[object] = []
    for item in items:
        out += _flatten(item) if isinstance(item, list) else [item]
    return out


def test_latin_falls_back_to_vera_when_no_font_is_found() -> None:
    from presskit.typesetting.faces import FontBook

    book = FontBook.from_theme({"Latn": {"regular": ["NoSuchFont.ttf"]}})
    face = book.family("Latn")
    assert face is not None and face.path.name == "Vera.ttf"
    assert book.missing_scripts == ("Latn",)


def test_a_user_theme_changes_sizes_and_colours(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    theme = tmp_path / "theme.toml"
    theme.write_text('[pdf]\nbase_size = 12\n[pdf.colours]\naccent = "C00000"\n', "utf-8")
    default = PdfReader(io.BytesIO(pdf(reference)))
    themed_bytes = pdf(reference, theme=theme)
    themed = PdfReader(io.BytesIO(themed_bytes))
    assert len(themed.pages) > len(default.pages)  # bigger type, more pages
    content = themed.pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert b".753 0 0 rg" in content  # C00000 as an RGB fill colour
    theme.write_text('[pdf.colours]\naccent = "red"\n', "utf-8")
    with pytest.raises(SourceError, match=r"pdf\.colours\.accent: must be an RRGGBB hex colour"):
        presskit.export(reference, "pdf", theme=theme)


def test_many_logos_fit_in_one_row(reference: presskit.PressRelease, tmp_path: Path) -> None:
    from PIL import Image

    from presskit.model import Issuer

    Image.new("RGB", (400, 100), (200, 30, 30)).save(tmp_path / "wide.png")
    issuers = tuple(Issuer(f"agency{n}", f"Agency {n}", logo="wide.png") for n in range(8))
    data = pdf(attrs.evolve(reference, issuers=issuers), asset_root=tmp_path)
    page = PdfReader(io.BytesIO(data)).pages[0]
    right = float(page.mediabox.width) - 22 * 72 / 25.4
    xs: list[float] = []

    def visit(op: bytes, args: list[object], cm: list[float], tm: list[float]) -> None:
        # (the footer's "Page X of Y" is a form too)
        if op == b"Do" and "PKFooter" not in str(args[0]):
            xs.append(cm[4] + cm[0])  # the image's right edge: e + a (unit square scaled)

    page.extract_text(visitor_operand_before=visit)
    assert len(xs) == 8 and max(xs) <= right + 0.5


def test_segments_in_two_fonts_with_no_space_between_are_parted(
    reference: presskit.PressRelease,
) -> None:
    """Found by Hypothesis: in a line with Thai (broken by presskit at ICU's word
    boundaries), a Tamil word followed by a Thai mark made one reportlab word in two
    fonts, which reportlab's shaper cannot draw (AttributeError hbAddPrivate)."""
    headline = "Singapore）《、》》̪̰̯ͦ̃ͬ͌̽சிங்கப்பூர்ํ ประเทศไทย"
    data = presskit.export(attrs.evolve(reference, headline=headline), "pdf")
    assert data.startswith(b"%PDF")


def test_list_labels_never_run_into_their_text(reference: presskit.PressRelease) -> None:
    """Found by trying to break the new PDF: "(10)" was drawn over its item's first
    letters (the label was wider than the list's indent); the text is now indented past
    the widest label of its list."""
    from presskit.model import NumberedList

    body = (
        Paragraph("The lede."),
        NumberedList(["nine", "ten"], start=9),
        NumberedList(["big"], start=999_999),
    )
    text = text_of(pdf(attrs.evolve(reference, body=body)))
    for label, word in (("(9)", "nine"), ("(10)", "ten"), ("(999999)", "big")):
        assert f"{label} {word}" in text


def test_an_empty_source_date_epoch_counts_as_unset(
    reference: presskit.PressRelease, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by trying to break the new PDF: fontTools read SOURCE_DATE_EPOCH="" (as CI
    often sets it) as a number, and every PDF failed; the fonts' dates are the source
    fonts' own."""
    unset = pdf(reference)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert pdf(reference) == unset
