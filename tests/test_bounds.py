"""Values at and past the edges the model accepts: every one is refused at load time with
the file, line and field named, or is one that every exporter can render (issue 12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import presskit
from presskit.errors import ModelError, SourceError
from presskit.model import Correction, Embargoed, instant_out_of_range

HEAD = '+++\nheadline = "H"\nissuers = ["mddi"]\ndateline = "S"\n'


def error_of(path: Path) -> SourceError:
    with pytest.raises(SourceError) as info:
        presskit.load(path)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)
    return info.value


# --- dates: bounded before anything converts them ----------------------------------------


@pytest.mark.parametrize(
    ("extra", "line", "field"),
    [
        ("issued = 9999-12-31T23:59:59-08:00\n", 5, "issued"),  # astimezone overflowed
        ("issued = 9999-12-31T23:59:59+08:00\n", 5, "issued"),
        ("issued = 9999-12-31\n", 5, "issued"),
        ("issued = 0001-01-01T00:00:00+08:00\n", 5, "issued"),
        ("issued = 2099-12-31T23:00:00-12:00\n", 5, "issued"),  # 2100 in UTC
        ("issued = 2025-01-17\nembargo = 9999-12-31T23:59:59-12:00\n", 6, "embargo"),
        ("issued = 2025-01-17\nupdated = 9999-12-31T23:59:59-12:00\n", 6, "updated"),
        (
            "issued = 2025-01-17\n[[corrections]]\nat = 9999-12-31T23:59:59-12:00\ntext = 'x'\n",
            7,
            "corrections[0].at",
        ),
    ],
)
def test_out_of_range_dates_are_refused_with_the_field(
    write_source: Callable[..., Path], extra: str, line: int, field: str
) -> None:
    error = error_of(write_source(front=HEAD + extra + "+++\n"))
    assert (error.line, error.field) == (line, field)
    assert "1900 to 2099" in error.message


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(-dt.timedelta(hours=8))),
        dt.datetime(1900, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))),  # 1899 in UTC
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    ],
)
def test_model_refuses_instants_outside_the_years_in_utc_too(value: dt.datetime) -> None:
    assert instant_out_of_range(value) is not None
    with pytest.raises(ModelError, match="until:"):
        Embargoed(value)
    with pytest.raises(ModelError, match="at:"):
        Correction(value, "x")


def test_instants_at_the_edges_are_accepted() -> None:
    for value in (
        dt.datetime(1900, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2099, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
        dt.datetime(2099, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    ):
        assert instant_out_of_range(value) is None


@pytest.mark.parametrize(
    ("env", "args", "words"),
    [
        ({"SOURCE_DATE_EPOCH": "4354819200"}, [], "SOURCE_DATE_EPOCH must be from 0 to"),
        ({"SOURCE_DATE_EPOCH": "253402300800"}, [], "SOURCE_DATE_EPOCH must be from 0 to"),
        ({}, ["--now", "9999-12-31T23:59:59-12:00"], "--now: the year 9999 is outside"),
    ],
)
def test_clock_values_past_the_years_are_refused(
    write_source: Callable[..., Path], env: dict[str, str], args: list[str], words: str
) -> None:
    """SOURCE_DATE_EPOCH past 2099 overflowed the zip entries of docx and the kit
    (struct.error) or datetime (ValueError)."""
    import os
    import subprocess
    import sys

    source = write_source()
    result = subprocess.run(
        [sys.executable, "-m", "presskit.cli", "build", str(source), "-f", "docx", *args],
        cwd=source.parent,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert result.returncode == 2 and words in result.stderr
    assert "Traceback" not in result.stderr


# --- smaller faults: issuers, slug, line endings -----------------------------------------


def test_a_repeated_issuer_is_named_with_its_index_and_line(
    write_source: Callable[..., Path],
) -> None:
    front = '+++\nheadline = "H"\nissuers = ["mddi",\n  "mddi"]\ndateline = "S"\n'
    error = error_of(write_source(front=front + "issued = 2025-01-17\n+++\n"))
    assert (error.field, error.line) == ("issuers[1]", 3)
    assert "'mddi' is listed twice" in error.message


def test_model_names_the_repeated_issuer() -> None:
    issuer = presskit.Issuer("x", "X")
    with pytest.raises(ModelError) as info:
        presskit.PressRelease(
            "s",
            "H",
            [issuer, issuer],
            presskit.Dateline("S", dt.date(2025, 1, 1)),
            dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
            [presskit.Paragraph("x")],
        )
    assert info.value.field == "issuers[1]"


@pytest.mark.parametrize("slug", ['""', '"  "'])
def test_an_empty_slug_is_refused(write_source: Callable[..., Path], slug: str) -> None:
    front = HEAD + f"issued = 2025-01-17\nslug = {slug}\n+++\n"
    error = error_of(write_source(front=front))
    assert (error.field, error.line) == ("slug", 6)


def test_nel_and_unicode_separators_are_line_endings_vt_and_ff_line_breaks(
    write_source: Callable[..., Path],
) -> None:
    """NEL, U+2028 and U+2029 end a line of the source, as LF does: inside a paragraph a
    soft break (a space), and two in a row end the paragraph. VT and FF (Word's manual
    line and page breaks) are a hard line break inside the paragraph."""
    body = "One\u0085two\u2028three\u2029four\x0bfive\x0csix.\u0085\u0085Next.\u2029\u2029Last.\n"
    release = presskit.load(write_source(body))
    texts = [block.text for block in release.body]  # type: ignore[union-attr]
    assert texts == ["One two three four\nfive\nsix.", "Next.", "Last."]


def test_nel_in_front_matter_keeps_line_numbers(write_source: Callable[..., Path]) -> None:
    front = '+++\nheadline = "A\u0085B"\nissuers = ["mddi"]\ndateline = "S"\n'
    error = error_of(write_source(front=front + 'issued = "soon"\n+++\n'))
    assert (error.field, error.line) == ("issued", 5)


# --- the last-resort handler: no library exception reaches a user as a traceback ---------


def _crash(*args: object, **kwargs: object) -> bytes:
    raise ZeroDivisionError("division by zero, deep in a library")


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_an_unexpected_exporter_error_names_source_and_format(
    write_source: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    debug: list[str],
) -> None:
    from click.testing import CliRunner

    from presskit.cli import main
    from presskit.exporters.text import TextExporter

    source = write_source()
    monkeypatch.delenv("PRESSKIT_DEBUG", raising=False)
    monkeypatch.setattr(TextExporter, "render", _crash)  # what the build calls
    result = CliRunner().invoke(main, [*debug, "build", str(source), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert not isinstance(result.exception, ZeroDivisionError)  # handled, not escaped
    lines = result.stderr.splitlines()
    assert f"rendering the text of {source} (release 'release')" in result.output
    assert "ZeroDivisionError: division by zero, deep in a library" in result.output
    assert "please report it" in result.output and "PRESSKIT_DEBUG=1" in result.output
    assert ("Traceback (most recent call last)" in result.output) == bool(debug)
    assert lines[-1].startswith("error: this is a bug in presskit")


def test_the_debug_variable_prints_the_traceback_of_a_pool_worker(
    write_source: Callable[..., Path], tmp_path: Path
) -> None:
    """With -j 2 the error happens in another process: the report still names the
    release and the format, and PRESSKIT_DEBUG=1 prints the worker's traceback."""
    import os
    import subprocess
    import sys

    source = write_source()
    (source.parent / "second.md").write_text(source.read_text("utf-8"), encoding="utf-8")
    plugin = tmp_path / "plugin"
    plugin.mkdir()
    (plugin / "sitecustomize.py").write_text(
        "from presskit.exporters.text import TextExporter\n"
        "def render(*a, **k):\n    raise KeyError('boom')\n"
        "TextExporter.render = render\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "presskit.cli",
            "build",
            str(source.parent),
            "-j",
            "2",
            "-f",
            "text",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(plugin), "PRESSKIT_DEBUG": "1"},
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "KeyError: 'boom'" in result.stderr
    assert "rendering the text of " in result.stderr and ".md (release '" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr  # asked for
    assert result.stderr.splitlines()[-1].startswith("error: this is a bug in presskit")


# --- images: pixel counts bounded from the header, large logos scaled down once ---------


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` × ``height`` pixels and holds none: what a
    decompression bomb looks like to a reader of its header."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


AGENCIES_WITH_LOGO = """\
[site]
time_zone = "Asia/Singapore"

[agencies.mddi]
name = "Ministry of Digital Development and Information"
logo = "logo.png"
"""


@pytest.mark.parametrize(
    ("width", "height", "words"),
    [
        (20_000, 20_000, "more pixels than Pillow opens"),  # DecompressionBombError
        (13_000, 13_000, "is 13,000 × 13,000 pixels; at most 25,000,000"),  # just under it
        (25_000_001, 1, "at most 25,000,000 pixels"),
    ],
)
def test_a_logo_with_too_many_pixels_is_refused_at_load_time(
    write_source: Callable[..., Path], width: int, height: int, words: str
) -> None:
    source = write_source(front=HEAD + "issued = 2025-01-17\n+++\n", agencies=AGENCIES_WITH_LOGO)
    (source.parent / "logo.png").write_bytes(png_header(width, height))
    error = error_of_agencies(source)
    assert error.field == "agencies.mddi.logo" and error.line == 6
    assert error.path.endswith("agencies.toml") and words in error.message


def error_of_agencies(source: Path) -> SourceError:
    with pytest.raises(SourceError) as info:
        presskit.load(source)
    return info.value


def test_exporters_refuse_a_bomb_from_the_model_with_an_export_error(tmp_path: Path) -> None:
    """A release built in Python skips the loader: normalise_image, which every exporter
    calls, refuses the same file from its header, as an ExportError."""
    from presskit.assets import normalise_image
    from presskit.errors import ExportError
    from presskit.paths import contain

    (tmp_path / "bomb.png").write_bytes(png_header(20_000, 20_000))
    (tmp_path / "big.png").write_bytes(png_header(13_000, 13_000))
    for name in ("bomb.png", "big.png"):
        with pytest.raises(ExportError, match=f"the logo '.*{name}'"):
            normalise_image(contain(name, tmp_path, what="the logo"), "the logo")


def test_a_bomb_logo_in_a_build_is_a_clear_error_not_a_traceback(
    write_source: Callable[..., Path], tmp_path: Path
) -> None:
    import subprocess
    import sys

    source = write_source(front=HEAD + "issued = 2025-01-17\n+++\n", agencies=AGENCIES_WITH_LOGO)
    (source.parent / "logo.png").write_bytes(png_header(20_000, 20_000))
    result = subprocess.run(
        [sys.executable, "-m", "presskit.cli", "build", str(source), "-f", "pdf,docx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "agencies.toml:6: agencies.mddi.logo: 'logo.png' has more pixels" in result.stderr


@pytest.mark.parametrize(("mode", "suffix"), [("1", "png"), ("RGB", "jpg"), ("P", "gif")])
def test_a_large_logo_is_scaled_down_once_for_every_exporter(
    tmp_path: Path, mode: str, suffix: str
) -> None:
    import io

    from PIL import Image

    from presskit import assets
    from presskit.paths import contain

    Image.new(mode, (6000, 1500)).save(tmp_path / f"wide.{suffix}")
    assets._normalised.cache_clear()
    first = assets.normalise_image(contain(f"wide.{suffix}", tmp_path, what="the logo"), "the logo")
    again = assets.normalise_image(contain(f"wide.{suffix}", tmp_path, what="the logo"), "the logo")
    assert again is first  # read and converted once, whichever exporter asks
    assert assets._normalised.cache_info().misses == 1
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (1024, 256)
    small = tmp_path / "small.png"
    Image.new("RGB", (400, 100)).save(small)
    fits = assets.normalise_image(contain("small.png", tmp_path, what="x"), "x")
    assert fits == small.read_bytes()


def test_a_very_wide_svg_is_rasterised_within_bounds(tmp_path: Path) -> None:
    """A 100000:1 viewBox at 256 pixels high would take 26 GB (resvg aborts the
    process): it is fitted into SVG_MAX_WIDTH_PX × SVG_HEIGHT_PX instead."""
    import io

    from PIL import Image

    from presskit.assets import SVG_MAX_WIDTH_PX, normalise_image
    from presskit.paths import contain

    (tmp_path / "wide.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100000 1">'
        '<rect width="100000" height="1" fill="red"/></svg>',
        encoding="utf-8",
    )
    png = normalise_image(contain("wide.svg", tmp_path, what="x"), "x")
    with Image.open(io.BytesIO(png)) as image:
        assert image.size[0] <= SVG_MAX_WIDTH_PX and image.size[1] <= 256


# --- URLs: every URL field is an RFC 3986 URI --------------------------------------------

SITE_HEAD = '[site]\ntime_zone = "Asia/Singapore"\nbase_url = "https://news.example.org/"\n'
AGENCY = '\n[agencies.mddi]\nname = "MDDI"\nurl = "https://www.mddi.gov.sg"\n'
REFUSED = ['"', "<", ">", "\\", "^", "`", "{", "|", "}", "\u00a0", "\u2003", "%"]


def _source_with(tmp_path: Path, *, front: str = "", agencies: str = "", site: str = "") -> Path:
    (tmp_path / "agencies.toml").write_text(SITE_HEAD + site + AGENCY + agencies, "utf-8")
    path = tmp_path / "release.md"
    path.write_text(HEAD + "issued = 2025-01-17\n" + front + "+++\n\nLede.\n", "utf-8")
    return path


def _toml(text: str) -> str:
    import json

    return json.dumps(text)  # a TOML basic string: the same escapes as JSON


@pytest.mark.parametrize("char", REFUSED)
@pytest.mark.parametrize(
    ("where", "line", "field"),
    [
        ("canonical_url = {}\n", 6, "canonical_url"),
        ("[[translations]]\nlanguage = 'zh'\nurl = {}\n", 8, "translations[0].url"),
        ("[[attachments]]\nhref = {}\nmedia_type = 'application/pdf'\n", 7, "attachments[0].href"),
    ],
)
def test_a_character_no_url_may_hold_is_refused_in_the_release(
    tmp_path: Path, char: str, where: str, line: int, field: str
) -> None:
    url = _toml(f"https://www.example.org/a{char}b")
    error = error_of(_source_with(tmp_path, front=where.format(url)))
    assert (error.field, error.line) == (field, line)
    assert "is not a valid URL" in error.message


def test_a_link_in_the_body_is_encoded_or_refused(write_source: Callable[..., Path]) -> None:
    """markdown-it percent-encodes a link destination in a source; the model refuses
    what no URL may hold in a release built in Python."""
    release = presskit.load(write_source("A [link](<https://x.org/a b>).\n"))
    assert release.body[0].runs[1].href == "https://x.org/a%20b"  # type: ignore[union-attr]
    for char in ('"', "<", ">"):
        with pytest.raises(ModelError, match=r"href: .*is not a valid URL"):
            presskit.Run("x", href=f"https://x.org/a{char}b")


@pytest.mark.parametrize(
    ("agencies", "site", "line", "field"),
    [
        ("", 'hubs = ["https://hub.example.org/a<b"]\n', 4, "site.hubs[0]"),
        ("", 'icon = "https://cdn.example.org/i\\"c.png"\n', 4, "site.icon"),
        ("", 'logo = "https://cdn.example.org/l>g.png"\n', 4, "site.logo"),
        ('\n[agencies.imda]\nname = "IMDA"\nurl = "https://imda.gov.sg/<x>"\n', "", 11, None),
    ],
)
def test_a_character_no_url_may_hold_is_refused_in_agencies_toml(
    tmp_path: Path, agencies: str, site: str, line: int, field: str | None
) -> None:
    error = error_of_agencies(_source_with(tmp_path, agencies=agencies, site=site))
    assert error.path.endswith("agencies.toml") and error.line == line
    assert error.field == (field or "agencies.imda.url")
    assert "is not a valid URL" in error.message


def test_a_base_url_with_a_quote_is_refused() -> None:
    from presskit.site import Site

    with pytest.raises(ModelError, match=r"base_url: .*'\"'"):
        Site(base_url='https://news.example.org/"x"/')


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (
            "https://www.example.org/annual report 2025",
            "https://www.example.org/annual%20report%202025",
        ),
        (
            "https://例子.测试/路径?q=值#节",
            "https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84?q=%E5%80%BC#%E8%8A%82",
        ),
        ("https://x.org/a[1]", "https://x.org/a%5B1%5D"),
        (
            "https://www.example.org/a%20b?x=1&y=%C3%A9",
            "https://www.example.org/a%20b?x=1&y=%C3%A9",
        ),
    ],
)
def test_what_is_unambiguous_is_percent_encoded(given: str, stored: str) -> None:
    from presskit.uri import to_uri

    assert to_uri(given) == stored
    assert to_uri(stored) == stored  # idempotent: a URI comes back as it is
    translation = presskit.Translation("zh", url=given)
    assert translation.url == stored


def test_feeds_of_a_percent_encoded_url_validate(tmp_path: Path) -> None:
    """canonical_url with spaces and non-ASCII, a translation's URL and an attachment
    URL: the Atom and RSS feeds pass the W3C validator (../shared/tools/feedcheck), and
    the JSON Feed carries the URI."""
    import json
    import subprocess
    import sys

    front = (
        'canonical_url = "https://news.example.org/2025/budget day é"\n'
        "[[translations]]\nlanguage = 'zh'\nurl = 'https://例子.测试/预算 日'\n"
        "[[attachments]]\nhref = 'https://cdn.example.org/annex a.pdf'\n"
        "media_type = 'application/pdf'\n"
    )
    folder = tmp_path / "src"
    folder.mkdir()
    _source_with(folder, front=front)
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "presskit.cli",
            "build",
            str(folder),
            "-o",
            str(out),
            "-q",
            "-f",
            "atom,rss,jsonfeed",
            "--now",
            "2026-01-01T00:00:00Z",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    feed = json.loads((out / "feeds" / "newsroom.json").read_text("utf-8"))
    assert feed["items"][0]["url"] == "https://news.example.org/2025/budget%20day%20%C3%A9"
    checker = Path(__file__).parents[1] / ".." / "shared" / "tools" / "feedcheck"
    if not checker.is_file():
        pytest.skip("../shared/tools/feedcheck is absent (../shared/ is not beside the checkout)")
    pytest.importorskip("html5lib")
    feeds = sorted(str(p) for p in (out / "feeds").iterdir() if p.suffix in (".atom", ".rss"))
    check = subprocess.run(
        [sys.executable, str(checker), *feeds], capture_output=True, text=True, timeout=300
    )
    assert "InvalidUriChar" not in check.stdout and "ERROR" not in check.stdout, check.stdout
