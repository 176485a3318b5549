"""Symbols and emoji no script font has come from a fallback font (issue 12, item 9);
characters no installed font has are named in the warning, with a package that has
them."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

import presskit
from presskit.errors import PresskitWarning
from presskit.fonts import SYSTEM_FONT_DIRS, find_file
from tests.conftest import FRONT

SYMBOLS = "Rated ★★★★, ✓ approved, ☎ +65 6000 0000, €5 a ticket, launch 😀."
needs_symbol_fonts = pytest.mark.skipif(
    not (find_file(["NotoSansSymbols2-Regular.ttf"], SYSTEM_FONT_DIRS)
         and find_file(["Symbola.ttf", "Symbola_hint.ttf"], SYSTEM_FONT_DIRS)
         and shutil.which("pdffonts") and shutil.which("pdftotext")),
    reason="needs fonts-noto-core, fonts-symbola and poppler-utils; .ci/run installs them",
)  # fmt: skip


def tool(name: str, data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    args = [name, str(path)] + (["-"] if name == "pdftotext" else [])
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@needs_symbol_fonts
def test_symbols_and_emoji_are_drawn_from_a_fallback_font(
    write_source: Callable[..., Path], tmp_path: Path
) -> None:
    release = presskit.load(write_source(SYMBOLS + "\n"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", PresskitWarning)  # nothing is lost
        data = presskit.export(release, "pdf")
    fonts = tool("pdffonts", data, tmp_path)
    assert "NotoSansSymbols2-Regular" in fonts  # ★ ✓ ☎
    assert "Symbola" in fonts  # 😀
    text = tool("pdftotext", data, tmp_path)
    # 😀 too: a character beyond U+FFFF maps to its UTF-16 surrogate pair (reportlab's
    # ToUnicode wrote it wrongly, and a reader could not copy it)
    for char in "★✓☎€😀":
        assert char in text


def test_a_character_no_font_has_is_named_with_a_package_that_has_it(
    write_source: Callable[..., Path], tmp_path: Path
) -> None:
    theme = tmp_path / "theme.toml"
    theme.write_text(
        '[pdf.fonts.Zsym]\nregular = ["no-such-font.ttf"]\n'
        '[pdf.fonts.Zsye]\nregular = ["no-such-font.ttf"]\n',
        encoding="utf-8",
    )
    # (U+1FAE0 and U+1F6DD, Unicode 14: in no font CI installs; the Chinese fonts have
    # ★ and ✓, so those are drawn)
    release = presskit.load(write_source("Rated \U0001fae0 and \U0001f6dd, ★.\n"))
    with pytest.warns(PresskitWarning) as caught:
        presskit.export(release, "pdf", theme=theme)
    messages = [str(w.message) for w in caught]
    lost = [m for m in messages if "no installed font has a glyph" in m]
    assert len(lost) == 1, messages
    assert "(U+1FAE0)" in lost[0] and "(U+1F6DD)" in lost[0] and "★" not in lost[0]
    # named as symbols, not as the Latin text they follow (found by trying to break it)
    assert "symbol or emoji character(s)" in lost[0] and "Latn" not in lost[0]
    assert "fonts-symbola" in lost[0]
    assert "no font found" not in " ".join(messages)  # the fallback is not a script


# Punctuation of other scripts in Latin text: Common (or Han-extended) characters the
# Latin font lacks; their Script_Extensions (UAX #24) or East Asian Width name the font.
SHARED = "Singapore、Jakarta，Hanoi：(Phnom Penh）「Vientiane」 and Delhi।"


@pytest.mark.skipif(
    not (find_file(["wqy-zenhei.ttc"], SYSTEM_FONT_DIRS) and shutil.which("pdftotext")),
    reason="needs fonts-wqy-zenhei and poppler-utils; .ci/run installs them",
)
@pytest.mark.parametrize("where", ["headline", "body"])
def test_punctuation_of_another_script_is_drawn_from_that_scripts_font(
    where: str, write_source: Callable[..., Path], tmp_path: Path
) -> None:
    """The fuzzing run found 'Singapore、' printed as 'Singapore': no script of the text
    (Latin, Common) has a font with U+3001, so no Han font was loaded."""
    text = SHARED.replace("।", "")  # the danda: Devanagari fonts are not installed in CI
    if where == "headline":
        front = FRONT.replace('"A headline"', f'"{text}"')
        source = write_source("The lede.\n", front=front)
    else:
        source = write_source(text + "\n")
    release = presskit.load(source)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PresskitWarning)  # nothing is lost
        data = presskit.export(release, "pdf")
    fonts = tool("pdffonts", data, tmp_path)
    assert "WenQuanYi" in fonts or "NotoSansCJK" in fonts
    # (a line may break between two CJK punctuation marks: compared without spaces)
    assert "".join(text.split()) in "".join(tool("pdftotext", data, tmp_path).split())


def test_font_scripts_follow_script_extensions_and_width() -> None:
    from presskit.scripts import font_scripts

    assert "Hani" in font_scripts("、") and "Hira" in font_scripts("、")
    assert font_scripts("，") == ("Hani",)  # U+FF0C: Common, no extensions, fullwidth
    assert "Deva" in font_scripts("।") and "Taml" in font_scripts("।")
    assert font_scripts(",") == () and font_scripts("★") == ()


def test_a_user_theme_leaves_the_cached_default_theme_unchanged(tmp_path: Path) -> None:
    """Checking a theme wrote ``["x.ttf"]`` for ``"x.ttf"`` into the font tables it
    shared with the cached default theme."""
    import copy

    from presskit.exporters._pdftheme import default_theme, pdf_theme
    from presskit.theme import load_theme

    before = copy.deepcopy(default_theme())
    theme = tmp_path / "theme.toml"
    theme.write_text('[pdf.fonts.Latn]\nregular = "NotoSans-Regular.ttf"\n', encoding="utf-8")
    merged = pdf_theme(load_theme(theme))
    assert merged["fonts"]["Latn"]["regular"] == ["NotoSans-Regular.ttf"]
    assert merged["fonts"]["Latn"]["bold"] == before["fonts"]["Latn"]["bold"]
    assert default_theme() == before


@needs_symbol_fonts
@pytest.mark.parametrize("word", ["ภาษาไทย👍", "ประเทศ★ไทย", "தமிழ்✓", "ພາສາລາວ😀"])
def test_a_shaped_word_with_a_symbol_its_font_lacks_is_drawn(
    word: str, write_source: Callable[..., Path], tmp_path: Path
) -> None:
    """reportlab shapes a whole word in the font of its first piece: a symbol no Thai
    font has, glued to Thai letters, crashed it ('TTFont' object has no attribute
    'hbAddPrivate', found by the fuzzing run). The word is cut where the font changes."""
    release = presskit.load(write_source(f"Before {word} after.\n"))
    data = presskit.export(release, "pdf")
    text = " ".join(tool("pdftotext", data, tmp_path).split())
    assert "Before" in text and "after." in text
    assert "Symbola" in tool("pdffonts", data, tmp_path) or "Symbols2" in tool(
        "pdffonts", data, tmp_path
    )
