"""presskit.toml and the house style chosen once (issue 17 items 1 and 2).

The command line is run as a user runs it (a separate process); the outputs are read
back (DOCX XML, PDF text, HTML, the e-mail's parts, the kit's README, the wire copy).
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import presskit
from presskit.config import Config, effective, find_config, load_config
from presskit.errors import SourceError
from presskit.profiles import resolve_profile, style_name
from presskit.site import Site

from .conftest import FRONT
from .extract import pdf_text

SLUG = "asean-digital-ministers-2025"
NOW = "2025-03-05T00:00:00+08:00"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, "-m", "presskit.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def move_site(project: Path, head: str) -> None:
    """Move [site] of sources/agencies.toml into a presskit.toml that starts with
    ``head``, as a newsroom following the deprecation note does."""
    agencies = project / "sources" / "agencies.toml"
    text = agencies.read_text(encoding="utf-8")
    start, end = text.index("[site]"), text.index("[agencies.")
    agencies.write_text(text[:start] + text[end:], encoding="utf-8")
    (project / "presskit.toml").write_text(head + "\n" + text[start:end], encoding="utf-8")


def eml_plain(data: bytes) -> str:
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode("utf-8")
    raise AssertionError("no text/plain part")


# --- the done-when: a UK newsroom sets style = "uk" once --------------------------------


def test_uk_newsroom_sets_the_style_once(project: Path) -> None:
    move_site(
        project,
        'style = "uk"\nformats = ["text:uk", "docx", "pdf", "html", "eml", "kit", '
        '"iptc7901", "index", "atom"]\noutput = "public"\n',
    )
    result = run("build", "--now", NOW, "-q", "-j", "1", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "deprecated" not in result.stderr  # [site] was moved
    folder = project / "public" / SLUG
    text = (folder / f"{SLUG}.uk.txt").read_text(encoding="utf-8")
    assert not (folder / f"{SLUG}.sg.txt").exists()
    assert "ENDS" in text and "- END -" not in text
    with zipfile.ZipFile(folder / f"{SLUG}.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Notes to editors" in document and "ENDS" in document
    assert "- END -" not in document
    pdf = pdf_text((folder / f"{SLUG}.pdf").read_bytes())
    assert "17 January 2025" in pdf and "ENDS" in pdf and "17 JAN 2025" not in pdf
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "17 January 2025" in page and "17 JAN 2025" not in page
    plain = eml_plain((folder / f"{SLUG}.eml").read_bytes())
    assert "ENDS" in plain and "- END -" not in plain
    with zipfile.ZipFile(folder / f"{SLUG}.zip") as kit:
        readme = kit.read(f"{SLUG}/README.txt").decode("utf-8")
    assert "17 January 2025" in readme and "17 JAN 2025" not in readme
    wire = (folder / f"{SLUG}.iptc").read_bytes().decode("latin-1")
    assert "\n1. " not in wire  # the UK style numbers no paragraphs
    newsroom = (project / "public" / "index.html").read_text(encoding="utf-8")
    assert "17 January 2025" in newsroom and "17 JAN 2025" not in newsroom
    feed = (project / "public" / "feeds" / "newsroom.atom").read_text(encoding="utf-8")
    assert "17 January 2025" in feed and "17 JAN 2025" not in feed


def test_the_newsroom_style_picks_the_text_variant(project: Path) -> None:
    """A newsroom that chose a style gets its text copy in that style alone (not the
    three house styles' copies); naming variants still builds them."""
    move_site(project, 'style = "uk"\nformats = ["text", "json"]\n')
    result = run("build", "--now", NOW, "-q", cwd=project)
    assert result.returncode == 0, result.stderr
    texts = sorted(p.name for p in (project / "dist" / SLUG).glob("*.txt"))
    assert texts == [f"{SLUG}.uk.txt"]
    result = run("build", "--now", NOW, "-q", "-f", "text:sg,text:us", "-o", "both", cwd=project)
    assert result.returncode == 0, result.stderr
    texts = sorted(p.name for p in (project / "both" / SLUG).glob("*.txt"))
    assert texts == [f"{SLUG}.sg.txt", f"{SLUG}.us.txt"]


def test_singapore_style_stays_the_default(project: Path) -> None:
    result = run("build", "--now", NOW, "-q", "-f", "html,iptc7901", cwd=project)
    assert result.returncode == 0, result.stderr
    folder = project / "dist" / SLUG
    assert "17 JAN 2025" in (folder / "index.html").read_text(encoding="utf-8")
    assert "\n1. " in (folder / f"{SLUG}.iptc").read_bytes().decode("latin-1")


def test_a_flag_beats_the_file(project: Path) -> None:
    move_site(project, 'style = "uk"\noutput = "public"\nformats = ["html"]\n')
    result = run("build", "--now", NOW, "-q", "-o", "out", "--set", "html.profile=sg", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (project / "public").exists()
    page = (project / "out" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "17 JAN 2025" in page


def test_per_format_options_and_set(project: Path) -> None:
    move_site(project, 'formats = "text:us"\n[options.text]\nwidth = 40\nascii = true\n')
    result = run("build", "--now", NOW, "-q", "--set", "text.width=50", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "dist" / SLUG / f"{SLUG}.us.txt").read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) == 50  # --set wins over the file
    assert text.isascii()  # the file's other option stays


def test_the_files_options_of_a_format_not_asked_for_are_left_out(project: Path) -> None:
    """A newsroom's file sets options for every format it builds; `-f html` builds the
    pages without refusing [options.text], while --set of an unbuilt format is refused."""
    move_site(project, '[options.text]\nwidth = 40\n[options.pdf]\nprofile = "us"\n')
    result = run("build", "--now", NOW, "-q", "-f", "html", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "dist" / SLUG / "index.html").is_file()
    assert not (project / "dist" / SLUG / f"{SLUG}.pdf").exists()
    result = run("build", "--now", NOW, "-q", "-f", "html", "--set", "text.width=50", cwd=project)
    assert result.returncode == 2
    assert "options were given for 'text', which is not being built" in result.stderr


def test_config_names_a_file_elsewhere(project: Path, tmp_path: Path) -> None:
    """--config names the file; its relative paths are relative to its folder."""
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "newsroom.toml").write_text('output = "../built"\nformats = ["json"]\n')
    result = run("build", "--config", "conf/newsroom.toml", "-q", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "built" / SLUG / f"{SLUG}.json").is_file()


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('output = "x"\nstlye = "uk"\n', 2, "stlye: unknown key 'stlye'; did you mean 'style'?"),
        (
            '[site]\nname = "N"\nbase_ulr = "https://x.org/"\n',
            3,
            "site.base_ulr: unknown key 'base_ulr' in [site]; did you mean 'base_url'?",
        ),
        ('style = "ukk"\n', 1, "style: unknown house style 'ukk'; did you mean 'uk'?"),
        ('jobs = "2"\n', 1, "jobs: must be an integer, got a string ('2')"),
        ('formats = ["pfd"]\n', 1, "formats: unknown format 'pfd'; did you mean 'pdf'?"),
        ("[options.text]\nwidht = 60\n", 2, "options.text.widht: unknown text option 'widht'"),
        ('[options.text]\nwidth = "wide"\n', 2, "options.text.width: text: option width"),
        ('now = "tomorrow"\n', 1, "now: 'tomorrow' is not 'clock'"),
        ('[site]\nlanguage = "x y"\n', 2, "site.language: 'x y' is not a BCP 47 language tag"),
        ('style = "uk"\ntheme = "nothere"\n', 2, "theme: nothere: no such theme folder"),
        ('style = "uk"\noutput = ""\n', 2, "output: give a folder name, got an empty string"),
        ('sources = ["sources", " "]\n', 1, "sources: give a folder name, got an empty string"),
        ("cache_size = 0\n", 1, "cache_size: must be 1 or more, got 0"),
    ],
)
def test_a_bad_key_names_the_file_and_line(
    tmp_path: Path, text: str, line: int, expected: str
) -> None:
    (tmp_path / "presskit.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_config(find_config(None, tmp_path))
    message = str(info.value)
    assert info.value.line == line, message
    assert expected in message


def test_the_command_line_reports_a_misspelt_key(project: Path) -> None:
    (project / "presskit.toml").write_text('style = "uk"\n\nfromats = ["pdf"]\n')
    for command in ("build", "check", "config"):
        result = run(command, cwd=project)
        assert result.returncode == 2
        assert result.stderr == (
            "error: presskit.toml:3: fromats: unknown key 'fromats'; did you mean 'formats'?\n"
        )
        assert "Traceback" not in result.stderr
    assert not (project / "dist").exists()


def test_a_theme_is_checked_when_presskit_toml_is_read(project: Path) -> None:
    """`presskit config` and `check` refuse a theme build would refuse, naming its file."""
    (project / "presskit.toml").write_text('theme = "brand"\n', encoding="utf-8")
    (project / "brand").mkdir()
    (project / "brand" / "theme.toml").write_text('[colours]\nacent = "8B0000"\n')
    for command in ("config", "check"):
        result = run(command, cwd=project)
        assert result.returncode == 2, result.stdout
        assert "brand/theme.toml:2: colours.acent: unknown key 'acent'" in result.stderr
        assert "did you mean 'accent'?" in result.stderr and "Traceback" not in result.stderr


def test_missing_config_file(project: Path) -> None:
    result = run("build", "--config", "nothere.toml", cwd=project)
    assert result.returncode == 2
    assert result.stderr == "error: nothere.toml: no such configuration file (--config)\n"


def test_unknown_style_in_front_matter(write_source: object) -> None:
    path = write_source(front=FRONT.replace("+++\n", '+++\nstyle = "british"\n', 1))  # type: ignore[operator]
    with pytest.raises(SourceError) as info:
        presskit.load(path)
    assert info.value.line == 2 and info.value.field == "style"
    assert "unknown house style 'british'" in str(info.value)


# --- where [site] comes from --------------------------------------------------------------


def test_site_in_agencies_toml_is_deprecated(project: Path) -> None:
    result = run("build", "--now", NOW, "-q", "-f", "atom", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (
        "warning: sources/agencies.toml:4: [site] in agencies.toml is deprecated: move the "
        "table to presskit.toml (docs/configuration.md)"
    ) in result.stderr
    assert (project / "dist" / "feeds" / "newsroom.atom").is_file()  # still read


def test_site_in_presskit_toml_wins(project: Path) -> None:
    (project / "presskit.toml").write_text(
        '[site]\nbase_url = "https://press.example.com/"\nlanguage = "en-GB"\n'
    )
    result = run("build", "--now", NOW, "-q", "-f", "atom,json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "[site] is ignored: presskit.toml has a [site] table" in result.stderr
    feed = (project / "dist" / "feeds" / "newsroom.atom").read_text(encoding="utf-8")
    assert "https://press.example.com/" in feed
    assert "newsroom.example.org" not in feed
    # a release with no language of its own takes presskit.toml's [site] language
    source = project / "sources" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace('language = "en-SG"\n', ""))
    result = run("build", "--now", NOW, "-q", "-f", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    dump = (project / "dist" / SLUG / f"{SLUG}.json").read_text(encoding="utf-8")
    assert '"language": "en-GB"' in dump


# --- presskit config ---------------------------------------------------------------------


def test_presskit_config_says_where_each_value_comes_from(project: Path) -> None:
    (project / "presskit.toml").write_text(
        'style = "uk"\noutput = "public"\n\n[options.text]\nwidth = 60\n'
    )
    result = run("config", "-o", "elsewhere", "--set", "text.ascii=true", cwd=project)
    assert result.returncode == 0, result.stderr
    rows = {
        line.split("#")[0].strip(): line.split("#", 1)[1].strip()
        for line in result.stdout.splitlines()
        if "#" in line and not line.startswith("#")
    }
    assert rows['style = "uk"'] == "presskit.toml:1"
    assert rows['output = "elsewhere"'] == "-o/--out"
    assert "# formats is not set" in result.stdout
    assert "# default (every format)" in result.stdout
    assert rows["width = 60"] == "presskit.toml:5"
    assert rows["ascii = true"] == "--set text.ascii"
    assert rows['base_url = "https://newsroom.example.org/"'].startswith(
        "sources/agencies.toml:9 (deprecated"
    )
    assert "[options.text]" in result.stdout.splitlines()
    (icon,) = [line for line in result.stdout.splitlines() if line.startswith("# icon ")]
    assert icon.endswith("# default")  # not set in agencies.toml's [site]


def test_presskit_config_output_is_a_valid_config(project: Path) -> None:
    """What ``presskit config`` prints can be saved as presskit.toml."""
    result = run("config", cwd=project)
    assert result.returncode == 0, result.stderr
    (project / "presskit.toml").write_text(result.stdout, encoding="utf-8")
    config = load_config(project / "presskit.toml")
    assert config.site is not None and config.site.base_url == "https://newsroom.example.org/"
    assert config.style == "sg"


# --- the library ---------------------------------------------------------------------------


def test_style_resolution_order(reference: presskit.PressRelease) -> None:
    import attrs

    own = attrs.evolve(reference, style="us")
    assert style_name(None, reference) == "sg"
    assert style_name(None, reference, "uk") == "uk"
    assert style_name(None, own, "uk") == "us"
    assert style_name("sg", own, "uk") == "sg"
    assert resolve_profile(None, own).date_style == "ap"


def test_export_follows_the_release_style(reference: presskit.PressRelease) -> None:
    import attrs

    uk = attrs.evolve(reference, style="uk")
    assert presskit.export(uk, "text") == presskit.export(reference, "text", profile="uk")
    assert presskit.export(uk, "text", profile="sg") == presskit.export(reference, "text")
    html = presskit.export(uk, "html").decode("utf-8")
    assert "17 January 2025" in html


def test_build_follows_the_site_style(reference: presskit.PressRelease, tmp_path: Path) -> None:
    from presskit.pipeline import parse_targets

    targets = parse_targets(["text", "html"])
    presskit.build([reference], tmp_path, targets=targets, site=Site(style="us"))
    page = (tmp_path / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Jan. 17, 2025" in page
    # the text variants name their style: they stay as they are
    assert "- END -" in (tmp_path / SLUG / f"{SLUG}.sg.txt").read_text(encoding="utf-8")


def test_relative_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    from presskit.exporters.docx import default_reference_doc

    (tmp_path / "ref.docx").write_bytes(default_reference_doc())
    (tmp_path / "presskit.toml").write_text(
        'output = "out"\ntheme = "brand"\nsources = ["news"]\ncache_dir = "c"\n'
        '[options.docx]\nreference_doc = "ref.docx"\n'
    )
    config = load_config(tmp_path / "presskit.toml")
    assert config.output == tmp_path / "out" and config.theme == tmp_path / "brand"
    assert config.sources == (tmp_path / "news",) and config.cache_dir == tmp_path / "c"
    assert config.options["docx"]["reference_doc"] == str(tmp_path / "ref.docx")


def test_effective_precedence() -> None:
    config = Config(path=Path("p.toml"), output=Path("public"), jobs=2, lines={"output": 1})
    rows = {r.key: r for r in effective(config, {"jobs": 4})}
    assert (rows["jobs"].value, rows["jobs"].origin) == (4, "-j/--jobs")
    assert (rows["output"].value, rows["output"].origin) == ("public", "p.toml:1")
    assert (rows["now"].value, rows["now"].origin) == ("source-date-epoch", "default")


def test_release_style_round_trips(reference: presskit.PressRelease) -> None:
    """The model dump and a source written back keep the release's style."""
    import attrs

    from presskit.dump import dumps, loads
    from presskit.sources.write import write_source

    uk = attrs.evolve(reference, style="uk")
    assert loads(dumps(uk)) == uk
    assert '"style"' not in dumps(reference)  # a default is left out
    written = write_source(uk, agencies_text=None)
    assert 'style = "uk"' in written.markdown.splitlines()


def test_every_house_style_has_a_profile() -> None:
    from presskit.model import HOUSE_STYLES
    from presskit.profiles import PROFILES

    assert tuple(PROFILES) == HOUSE_STYLES


def test_output_to_a_closed_pipe_is_no_bug(project: Path) -> None:
    """``presskit config | head -1``: the reader goes away before presskit writes; that
    is no bug to report (it was reported as one, for every command that prints)."""
    for command in ("config", "formats"):
        process = subprocess.Popen(
            [sys.executable, "-m", "presskit.cli", command],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # before presskit has started: its writes find no reader
        stderr = process.stderr.read()
        process.wait(timeout=120)
        assert "bug" not in stderr and "Traceback" not in stderr, stderr


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--theme", "nothere"], "nothere: no such theme folder"),
        (["-f", "pdf,dox"], "unknown format 'dox'"),
        (["--set", "text.widht=60"], "unknown option widht (did you mean 'width'?)"),
    ],
)
def test_presskit_config_refuses_the_flags_build_refuses(
    project: Path, flags: list[str], words: str
) -> None:
    result = run("config", *flags, cwd=project)
    assert result.returncode == 2, result.stdout
    assert words in result.stderr and "Traceback" not in result.stderr
    assert run("build", "--now", NOW, *flags, cwd=project).returncode == 2
