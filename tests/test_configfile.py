"""Strict configuration files (presskit.configfile) and themes (presskit.theme): an unknown
key names the file, the line and the likely key; a wrong type names what was expected; a
theme names only what it changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from presskit.configfile import ANY, ListOf, TableOf, read_config
from presskit.errors import SourceError
from presskit.theme import DEFAULT_FOLDER, default_theme, load_theme

SCHEMA = {
    "style": str,
    "jobs": int,
    "formats": ListOf(str),
    "site": {"name": str, "base_url": str},
    "options": TableOf(ANY),
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "presskit.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, 'style = "uk"\njobs = 2\nformats = ["pdf"]\n[site]\nname = "N"\n'
                 '[options.pdf]\npaper = "a4"\n')  # fmt: skip
    data = read_config(path, SCHEMA)
    assert data["style"] == "uk" and data["options"] == {"pdf": {"paper": "a4"}}


def test_an_unknown_key_names_file_line_and_the_likely_key(tmp_path: Path) -> None:
    path = write(
        tmp_path, '# config\nstyle = "uk"\n\n[site]\nname = "N"\nbase_ulr = "https://x/"\n'
    )
    with pytest.raises(SourceError) as caught:
        read_config(path, SCHEMA)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), 6, "site.base_ulr")
    assert "did you mean 'base_url'?" in str(error)
    assert str(error).startswith(f"{path}:6: site.base_ulr: unknown key 'base_ulr' in [site]")


def test_a_top_level_misspelling_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, 'styel = "uk"\n')
    with pytest.raises(SourceError, match=r":1: styel: unknown key 'styel'; did you mean 'style'"):
        read_config(path, SCHEMA)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jobs = true\n", "jobs: must be an integer, got true or false (True)"),
        ('jobs = "2"\n', "jobs: must be an integer, got a string ('2')"),
        ('formats = "pdf"\n', "formats: must be an array, got a string ('pdf')"),
        ("formats = [1]\n", "formats[0]: must be a string, got an integer (1)"),
        ('site = "x"\n', "site: must be a table, got a string ('x')"),
    ],
)
def test_a_wrong_type_says_what_was_expected(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourceError, match=":1: " + re.escape(message)):
        read_config(write(tmp_path, text), SCHEMA)


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_config(write(tmp_path, 'style = "uk"\njobs = \n'), SCHEMA)
    assert caught.value.line == 2 and "invalid TOML" in str(caught.value)


def test_the_default_theme_is_presskits_own() -> None:
    theme = load_theme(None)
    assert theme is default_theme() and theme.is_default and theme.folder == DEFAULT_FOLDER
    assert theme.values["colours"]["accent"] == "1F3864"
    assert theme.colours("pdf")["accent"] == theme.colours("docx")["accent"] == "1F3864"


def test_a_theme_names_only_what_it_changes(tmp_path: Path) -> None:
    (tmp_path / "theme.toml").write_text('[pdf.colours]\naccent = "AA0000"\n', encoding="utf-8")
    theme = load_theme(tmp_path)
    assert theme.colours("pdf") == {**default_theme().colours("pdf"), "accent": "AA0000"}
    assert theme.colours("docx") == default_theme().colours("docx")
    assert theme.values["pdf"]["base_size"] == default_theme().values["pdf"]["base_size"]
    assert theme.stamp != default_theme().stamp and not theme.is_default
    assert load_theme(tmp_path / "theme.toml").values == theme.values


def test_a_misspelt_theme_key_is_an_error_with_the_line(tmp_path: Path) -> None:
    (tmp_path / "theme.toml").write_text('[pdf]\nbase_size = 11\n[pdf.colours]\naccnt = "AA0000"\n')
    with pytest.raises(
        SourceError, match=r"theme.toml:4: pdf.colours.accnt: .*did you mean 'accent'"
    ):
        load_theme(tmp_path)


def test_a_missing_theme_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such theme folder"):
        load_theme(tmp_path / "nope")
