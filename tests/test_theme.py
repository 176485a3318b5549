"""One theme for every format (issue 17 item 3): a theme made with ``presskit theme new``
and changed in ``theme.toml`` only (its accent colour and its Latin font) changes the
DOCX's styles and the PDF's drawn colours and fonts alike; a misspelt key names the
file, the line and the likely key; a theme's reference.docx still wins for Word."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import attrs
import pytest
from pypdf import PdfReader

import presskit
from presskit.errors import SourceError
from presskit.fonts import find_file
from presskit.planning import parse_targets
from presskit.theme import default_theme, load_theme, new_theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SERIF = ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
         "DejaVuSerif-BoldItalic.ttf"]  # fmt: skip
SERIF_FOUND = all(find_file([name], [Path("/usr/share/fonts")]) for name in SERIF)


def brand(folder: Path, *, accent: str = "8B0000", font: bool = True) -> Path:
    """A theme made as a user would: ``theme new``, then its accent and Latin font
    changed in theme.toml (the shared tables only)."""
    new_theme(folder)
    toml = folder / "theme.toml"
    text = toml.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^accent = "1F3864"$', f'accent = "{accent}"', text, count=1)
    if font:
        latin = re.search(r"(?ms)^\[fonts\.Latn\]\n.*?\n\n", text)
        assert latin is not None
        serif = (f'[fonts.Latn]\nname = "DejaVu Serif"\nregular = ["{SERIF[0]}"]\n'
                 f'bold = ["{SERIF[1]}"]\nitalic = ["{SERIF[2]}"]\n'
                 f'bold_italic = ["{SERIF[3]}"]\n\n')  # fmt: skip
        text = text.replace(latin.group(0), serif)
    toml.write_text(text, encoding="utf-8")
    return folder


def styles(docx: bytes) -> dict[str, object]:
    """Style id -> its colour (``w:color``) and Latin font (``w:rFonts w:ascii``)."""
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml"))
    out: dict[str, object] = {}
    for style in root.iter(f"{W}style"):
        color = style.find(f"{W}rPr/{W}color")
        fonts = style.find(f"{W}rPr/{W}rFonts")
        out[style.get(f"{W}styleId")] = (
            None if color is None else color.get(f"{W}val"),
            None if fonts is None else fonts.get(f"{W}ascii"),
        )
    return out


def pdf_fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_a_copy_of_the_default_theme_is_the_default_theme(tmp_path: Path) -> None:
    theme = load_theme(new_theme(tmp_path / "mine") or tmp_path / "mine")
    default = default_theme()
    assert not theme.is_default and theme.values == default.values
    for fmt in ("pdf", "docx", "html"):
        assert theme.colours(fmt) == default.colours(fmt)
    assert theme.pdf_fonts() == default.pdf_fonts() and theme.font_name() == "Arial"


@pytest.mark.skipif(not SERIF_FOUND, reason="DejaVu Serif not installed (fonts-dejavu)")
def test_accent_and_font_changed_once_change_the_docx_and_the_pdf(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    theme = brand(tmp_path / "brand")
    out = tmp_path / "out"
    targets = parse_targets(["docx", "pdf"])
    presskit.build([reference], out, targets=targets, theme=theme)
    folder = out / reference.slug
    docx = styles((folder / f"{reference.slug}.docx").read_bytes())
    assert docx["Title"][0] == docx["Heading1"][0] == "8B0000"  # type: ignore[index]
    assert docx["Normal"][1] == "DejaVu Serif"  # type: ignore[index]
    data = (folder / f"{reference.slug}.pdf").read_bytes()
    assert {"DejaVuSerif", "DejaVuSerif-Bold"} <= pdf_fonts(data)
    assert not any(name.startswith(("Arial", "Liberation")) for name in pdf_fonts(data))
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert b".545 0 0 rg" in content  # 8B0000, the headline's fill colour
    # and the default build is untouched by it
    plain = presskit.export(reference, "docx")
    assert styles(plain)["Title"][0] == "1F3864"  # type: ignore[index]


def test_a_format_colour_overrides_the_shared_one_for_that_format_alone(tmp_path: Path) -> None:
    (tmp_path / "theme.toml").write_text(
        '[colours]\naccent = "004D40"\n[pdf.colours]\naccent = "8B0000"\n', encoding="utf-8"
    )
    theme = load_theme(tmp_path)
    assert theme.colours("pdf")["accent"] == "8B0000"
    assert theme.colours("docx")["accent"] == theme.colours("html")["accent"] == "004D40"
    assert theme.colours("html")["link"] == default_theme().colours("html")["link"]


def test_the_docx_option_and_the_api_take_a_theme_folder(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    theme = brand(tmp_path / "brand", accent="004D40", font=False)
    data = presskit.export(reference, "docx", theme=theme)
    assert styles(data)["Title"][0] == "004D40"  # type: ignore[index]
    assert styles(data)["Normal"][1] == "Arial"  # type: ignore[index]


def test_a_themes_reference_docx_wins_for_word(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    from presskit.exporters.docx import default_reference_doc

    theme = brand(tmp_path / "brand", accent="004D40", font=False)
    (theme / "reference.docx").write_bytes(default_reference_doc())  # presskit's look
    assert load_theme(theme).reference_docx == theme / "reference.docx"
    data = presskit.export(reference, "docx", theme=theme)
    assert styles(data)["Title"][0] == "1F3864"  # the reference's, not theme.toml's
    restyled = presskit.export(reference, "docx", theme=theme, reference_doc=None)
    assert styles(restyled)["Title"][0] == "1F3864"
    # the reference document made from a theme carries its look
    assert styles(default_reference_doc(load_theme(tmp_path / "brand")))["Title"][0] == "004D40"  # type: ignore[index]


def test_a_misspelt_key_names_the_file_the_line_and_the_likely_key(tmp_path: Path) -> None:
    new_theme(tmp_path / "t")
    toml = tmp_path / "t" / "theme.toml"
    lines = toml.read_text(encoding="utf-8").split("\n")
    at = lines.index('accent = "1F3864"')
    lines[at] = 'acent = "8B0000"'
    toml.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_theme(tmp_path / "t")
    assert str(caught.value) == (
        f"{toml}:{at + 1}: colours.acent: unknown key 'acent' in [colours]; did you mean 'accent'?"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[colours]\nmuted = "grey"\n', 2, "colours.muted: must be an RRGGBB hex colour"),
        ("[docx]\nbase_size = 2\n", 2, "docx.base_size: must be a number from 5 to 36"),
        ('\n[logo]\nalign = "middle"\n', 3, "logo.align: must be one of left, center, right"),
        ('[fonts.Latn]\nname = "Georgia"\n', 1, "fonts.Latn: gives no regular = [font files]"),
        ('[fonts.Latn]\nregular = ["x.ttf"]\n', 1, 'fonts.Latn: gives no name = "family"'),
        ("[pdf]\nlogo_height = 10\n", 2, "pdf.logo_height: unknown key 'logo_height' in [pdf]"),
        ('[fonts.Latin]\nname = "X"\nregular = ["x.ttf"]\n', 1, "fonts.Latin: 'Latin' is not an"),
        ('[pdf.fonts.thai]\nregular = ["x.ttf"]\n', 1, "pdf.fonts.thai: 'thai' is not an ISO"),
        ('[email.colours]\naccent = "red;}"\n', 2, "email.colours.accent: must be an RRGGBB"),
        ("[email]\nfonts = []\n", 2, "email.fonts: must name at least one font family"),
        (
            '[pdf.fonts.Latn]\nregualr = ["x.ttf"]\n',
            2,
            "pdf.fonts.Latn.regualr: unknown key 'regualr' in [pdf.fonts.Latn]; did you mean",
        ),
        ('\n[html]\nfonts = ["A\\"; } b {"]\n', 3, "html.fonts: 'A\"; } b {' is not a font"),
        ('[email]\nfonts = ["Bob\'s"]\n', 2, 'email.fonts: "Bob\'s" is not a font family'),
        ('[fonts.Latn]\nname = "A\\"B"\nregular = ["x.ttf"]\n', 2, "fonts.Latn.name: 'A\"B' is"),
    ],
)
def test_values_no_format_can_use_are_errors_with_the_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / "theme.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(f"theme.toml:{line}: {message}")):
        load_theme(tmp_path)


def test_a_bad_theme_in_a_build_is_one_line_with_exit_status_2(tmp_path: Path) -> None:
    (tmp_path / "theme.toml").write_text('[colours]\naccnt = "8B0000"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "presskit.cli", "build", str(Path("sources").resolve()), "-f", "pdf",
         "-o", str(tmp_path / "out"), "--set", f"pdf.theme={tmp_path}"],
        capture_output=True, text=True, check=False, cwd=Path(__file__).parent.parent,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "theme.toml:2: colours.accnt: unknown key 'accnt' in [colours]; did you mean" in (
        result.stderr
    )


def test_theme_new_writes_a_copy_and_refuses_to_overwrite(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "presskit.cli", "theme", "new", *args],
                              capture_output=True, text=True, check=False)  # fmt: skip

    folder = tmp_path / "brand"
    first = run(str(folder))
    assert first.returncode == 0, first.stderr
    assert (folder / "theme.toml").is_file() and not (folder / "reference.docx").exists()
    again = run(str(folder))
    assert again.returncode == 2 and "exists and is not empty" in again.stderr
    assert "Traceback" not in again.stderr


def test_logos_placed_as_the_theme_says(reference: presskit.PressRelease, tmp_path: Path) -> None:
    from PIL import Image

    from presskit.model import Issuer

    Image.new("RGB", (200, 100), (200, 30, 30)).save(tmp_path / "logo.png")
    release = attrs.evolve(reference, issuers=(Issuer("a", "Agency A", logo="logo.png"),))
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "theme.toml").write_text('[logo]\nalign = "right"\n', encoding="utf-8")
    xs: dict[str, float] = {}
    for name, theme in (("default", None), ("right", tmp_path / "t")):
        data = presskit.export(release, "pdf", asset_root=tmp_path, theme=theme)

        def visit(op: bytes, args: list[object], cm: list[float], tm: list[float]) -> None:
            if op == b"Do" and "PKFooter" not in str(args[0]):
                xs[name] = cm[4] + cm[0]  # the logo's right edge  # noqa: B023

        PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_operand_before=visit)
    right_margin = 595.2756 - 22 * 72 / 25.4
    assert xs["default"] < 200 and abs(xs["right"] - right_margin) < 0.5
    docx = presskit.export(release, "docx", asset_root=tmp_path, theme=tmp_path / "t")
    package = zipfile.ZipFile(io.BytesIO(docx))
    headers = [package.read(n).decode() for n in package.namelist() if "header" in n]
    first = next(h for h in headers if "Header Issuers" in h or "HeaderIssuers" in h)
    assert first.count('<w:jc w:val="right"/>') == 2  # the logos and the names


def test_a_kit_built_alone_renders_its_formats_in_the_builds_theme(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    theme = brand(tmp_path / "brand", accent="004D40", font=False)
    out = tmp_path / "out"
    presskit.build([reference], out, targets=parse_targets(["kit"]), theme=theme)
    kit = zipfile.ZipFile(out / reference.slug / f"{reference.slug}.zip")
    docx = next(kit.read(n) for n in kit.namelist() if n.endswith(".docx"))
    assert styles(docx)["Title"][0] == "004D40"  # type: ignore[index]


def test_a_broken_reference_docx_in_a_theme_is_named_as_the_themes(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    from presskit.errors import ExportError

    new_theme(tmp_path / "t")
    (tmp_path / "t" / "reference.docx").write_text("not a docx", encoding="utf-8")
    with pytest.raises(
        ExportError, match=r"docx: the theme's reference: .*reference\.docx' is not"
    ):
        presskit.export(reference, "docx", theme=tmp_path / "t")


def test_an_edited_theme_given_as_an_option_changes_the_cache_key(tmp_path: Path) -> None:
    from presskit.render import options_stamp

    def key() -> str:
        targets = parse_targets(["pdf"], options={"pdf": {"theme": load_theme(tmp_path)}})
        return options_stamp(targets, [])

    (tmp_path / "theme.toml").write_text('[colours]\naccent = "004D40"\n', encoding="utf-8")
    before = key()
    (tmp_path / "theme.toml").write_text('[colours]\naccent = "8B0000" # red\n', "utf-8")
    assert key() != before


def test_a_theme_new_copy_changed_in_colours_and_fonts_changes_the_pages_and_the_email(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    """The copy `presskit theme new` writes must not pin the pages' and the e-mail's own
    colours and font stacks: its [colours] accent and [fonts.Latn] name, changed as the
    docs say, reach the release page, the index pages and the e-mail like the PDF."""
    import email
    import email.policy

    from presskit.site import Site

    theme = brand(tmp_path / "brand")
    out = tmp_path / "out"
    site = Site(name="Test newsroom", base_url="https://press.example/")
    targets = parse_targets(["html", "index", "eml"])
    now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    presskit.build([reference], out, targets=targets, theme=theme, site=site, now=now)
    page = (out / reference.slug / "index.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    for html in (page, index):
        assert "--accent: #8b0000;" in html
        assert re.search(r'font: [^;]*"DejaVu Serif", system-ui', html)
    message = email.message_from_bytes(
        (out / reference.slug / f"{reference.slug}.eml").read_bytes(), policy=email.policy.default
    )
    body = message.get_body(("html",))
    assert body is not None
    part = str(body.get_content())
    assert "color:#8b0000;" in part and "font-family:'DejaVu Serif',Arial" in part


def test_an_unchanged_theme_new_copy_renders_the_pages_as_the_default(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    new_theme(tmp_path / "mine")
    for fmt in ("html", "eml"):
        assert presskit.export(reference, fmt, theme=tmp_path / "mine") == presskit.export(
            reference, fmt
        )
