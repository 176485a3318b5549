"""Files a source names stay inside the folder they must stay in, links followed
(presskit.paths): attachments in the source's folder, logos in the agencies.toml folder.
Checked through presskit.load, presskit check/build, every exporter that reads a file,
the build's copies, and the importer's saved attachments."""

from __future__ import annotations

import email
import email.policy
import io
import os
import subprocess
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

import attrs
import pytest

import presskit
from presskit.errors import ExportError, PresskitError, SourceError
from presskit.paths import ContainedFile, PathError, contain, write_beneath
from presskit.pipeline import parse_targets

from .conftest import AGENCIES

SECRET = b"TOP-SECRET-OUTSIDE-THE-SOURCES,1\n"
INSIDE = b"place,opens\nAng Mo Kio,2025-04-01\n"

SOURCE = """\
+++
headline = "A headline"
issuers = ["mddi", "imda"]
dateline = "SINGAPORE"
issued = 2025-01-17T10:00:00+08:00

[[attachments]]
href = "{href}"
title = "Annex"
+++

The lede paragraph.
"""


def _png(path: Path, colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp/outside/ (a secret file and a logo) beside tmp/src/ (agencies.toml, files/
    with an attachment and a logo)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_bytes(SECRET)
    _png(outside / "logo.png", (200, 0, 0))
    src = tmp_path / "src"
    (src / "files").mkdir(parents=True)
    (src / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    (src / "files" / "annex.csv").write_bytes(INSIDE)
    _png(src / "files" / "logo.png", (0, 0, 200))
    return tmp_path


def _source(tree: Path, href: str) -> Path:
    path = tree / "src" / "release.md"
    path.write_text(SOURCE.format(href=href), encoding="utf-8")
    return path


def _with_logo(tree: Path, logo: str) -> None:
    text = AGENCIES.replace('short_name = "IMDA"\n', f'short_name = "IMDA"\nlogo = "{logo}"\n')
    (tree / "src" / "agencies.toml").write_text(text, encoding="utf-8")


# --- presskit.load: attachments -------------------------------------------------------------


def test_load_refuses_an_attachment_that_links_outside(tree: Path) -> None:
    (tree / "src" / "annex.csv").symlink_to(tree / "outside" / "secret.csv")
    path = _source(tree, "annex.csv")
    with pytest.raises(SourceError) as caught:
        presskit.load(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), 8, "attachments[0].href")
    assert str(error).startswith(f"{path}:8: attachments[0].href: the file 'annex.csv' leads to")
    assert f"outside {(tree / 'src').resolve()}" in str(error)


def test_load_refuses_an_attachment_in_a_folder_that_links_outside(tree: Path) -> None:
    (tree / "src" / "media").symlink_to(tree / "outside", target_is_directory=True)
    path = _source(tree, "media/secret.csv")
    with pytest.raises(SourceError, match=r"attachments\[0\]\.href: .* leads to .*outside"):
        presskit.load(path)


@pytest.mark.parametrize("href", ["../outside/secret.csv", "files/../../outside/secret.csv"])
def test_load_refuses_dot_dot(tree: Path, href: str) -> None:
    with pytest.raises(SourceError, match=r":8: attachments\[0\]\.href: .*no \.\."):
        presskit.load(_source(tree, href))


def test_load_refuses_an_absolute_path(tree: Path) -> None:
    href = str(tree / "outside" / "secret.csv")
    with pytest.raises(SourceError, match=r":8: attachments\[0\]\.href: .*no absolute path"):
        presskit.load(_source(tree, href))


def test_a_link_inside_to_a_file_inside_is_allowed(tree: Path) -> None:
    (tree / "src" / "latest.csv").symlink_to("files/annex.csv")
    (tree / "src" / "media").symlink_to("files", target_is_directory=True)
    for href in ("latest.csv", "media/annex.csv"):
        release = presskit.load(_source(tree, href))
        files, _ = _kit_files(presskit.export(release, "kit", asset_root=tree / "src"))
        assert files[f"attachments/{Path(href).name}"] == INSIDE


# --- presskit.load: logos in agencies.toml ---------------------------------------------------


@pytest.mark.parametrize(
    "logo",
    [
        "brand/logo.png",  # brand/ is a link to ../outside
        "link.png",  # a link to ../outside/logo.png
        "../outside/logo.png",
        "{tree}/outside/logo.png",
    ],
)
def test_agencies_toml_refuses_a_logo_outside_its_folder(tree: Path, logo: str) -> None:
    (tree / "src" / "brand").symlink_to(tree / "outside", target_is_directory=True)
    (tree / "src" / "link.png").symlink_to(tree / "outside" / "logo.png")
    _with_logo(tree, logo.format(tree=tree))
    agencies = tree / "src" / "agencies.toml"
    with pytest.raises(SourceError) as caught:
        presskit.load(_source(tree, "files/annex.csv"))
    error = caught.value
    assert (error.path, error.field) == (str(agencies), "agencies.imda.logo")
    assert (
        error.line
        == agencies.read_text().splitlines().index(f'logo = "{logo.format(tree=tree)}"') + 1
    )
    assert "leads to" in str(error) and "outside" in str(error)


def test_a_logo_linked_inside_the_sources_tree_is_allowed(tree: Path) -> None:
    """A release in a subfolder uses the agencies.toml above it; its logo is in the
    sources tree, not in the release's own folder, and may be reached by a link."""
    (tree / "src" / "brand").symlink_to("files", target_is_directory=True)
    _with_logo(tree, "brand/logo.png")
    (tree / "src" / "2025").mkdir()
    (tree / "src" / "2025" / "annex.csv").write_bytes(INSIDE)
    path = tree / "src" / "2025" / "release.md"
    path.write_text(SOURCE.format(href="annex.csv"), encoding="utf-8")
    release = presskit.load(path)
    assert release.issuers[1].logo == "../brand/logo.png"
    files, _ = _kit_files(presskit.export(release, "kit", asset_root=path.parent))
    assert files["logos/imda.png"] == (tree / "src" / "files" / "logo.png").read_bytes()


def test_a_json_dump_refuses_a_file_outside(tree: Path) -> None:
    release = presskit.load(_source(tree, "files/annex.csv"))
    linked = attrs.evolve(release.issuers[1], logo="../outside/logo.png")
    dump = attrs.evolve(release, issuers=(release.issuers[0], linked))
    path = tree / "src" / "release.json"
    path.write_bytes(presskit.export(dump, "json"))
    with pytest.raises(SourceError, match=r"release\.json: issuers\[1\]\.logo: .*outside"):
        presskit.load(path)


# --- the command line ------------------------------------------------------------------------


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "presskit.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_build_refuses_a_linked_attachment_and_writes_nothing(tree: Path) -> None:
    (tree / "src" / "annex.csv").symlink_to(tree / "outside" / "secret.csv")
    _source(tree, "annex.csv")
    result = _cli("build", "src", "-f", "kit,eml", "-o", "dist", cwd=tree)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith(
        "error: src/release.md:8: attachments[0].href: the file 'annex.csv' leads to "
    )
    assert "Traceback" not in result.stderr
    assert not (tree / "dist").exists()
    check = _cli("check", "src", cwd=tree)
    assert check.returncode == 2 and "attachments[0].href" in check.stderr


def test_a_source_found_in_a_folder_must_be_inside_it(tree: Path) -> None:
    """A link in sources/ to a release elsewhere would publish that file."""
    from presskit.sources import discover

    (tree / "outside" / "draft.md").write_text(SOURCE.format(href="x.csv"), encoding="utf-8")
    (tree / "src" / "draft.md").symlink_to(tree / "outside" / "draft.md")
    with pytest.raises(SourceError, match=r"draft\.md: the source 'draft\.md' leads to"):
        discover([tree / "src"])
    assert discover([tree / "src" / "draft.md"]) == [tree / "src" / "draft.md"]
    result = _cli("build", "src", "-f", "text", "-o", "dist", cwd=tree)
    assert result.returncode == 2 and "outside" in result.stderr
    assert not (tree / "dist").exists()


# --- exporters and the build: the check is made again where the file is read ----------------


def _kit_files(data: bytes) -> tuple[dict[str, bytes], list[str]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    return {n.split("/", 1)[1]: archive.read(n) for n in names}, names


def _swapped(tree: Path) -> presskit.PressRelease:
    """A release loaded while its attachment and logo were inside, then both replaced by
    links to files outside (the time between load and build)."""
    (tree / "src" / "annex.csv").write_bytes(INSIDE)
    _with_logo(tree, "brand.png")
    _png(tree / "src" / "brand.png", (0, 0, 200))
    release = presskit.load(_source(tree, "annex.csv"))
    (tree / "src" / "annex.csv").unlink()
    (tree / "src" / "annex.csv").symlink_to(tree / "outside" / "secret.csv")
    (tree / "src" / "brand.png").unlink()
    (tree / "src" / "brand.png").symlink_to(tree / "outside" / "logo.png")
    return release


@pytest.mark.parametrize("fmt", ["kit", "eml", "docx", "pdf", "html"])
def test_exporters_refuse_a_logo_that_became_a_link_outside(tree: Path, fmt: str) -> None:
    release = _swapped(tree)
    no_attachment = attrs.evolve(release, attachments=())
    with pytest.raises(ExportError, match=r"Authority's logo 'brand\.png' leads to .*outside"):
        presskit.export(no_attachment, fmt, asset_root=tree / "src")


@pytest.mark.parametrize("fmt", ["kit", "eml"])
def test_exporters_refuse_an_attachment_that_became_a_link_outside(tree: Path, fmt: str) -> None:
    release = _swapped(tree)
    no_logo = attrs.evolve(release, issuers=[attrs.evolve(i, logo=None) for i in release.issuers])
    options = {"attach_pdf": False} if fmt == "eml" else {}
    with pytest.raises(ExportError, match=r"attachments\[0\] \(annex.csv\) 'annex.csv' leads to"):
        presskit.export(no_logo, fmt, asset_root=tree / "src", **options)


def test_kit_and_eml_carry_a_file_linked_inside(tree: Path) -> None:
    (tree / "src" / "annex.csv").symlink_to("files/annex.csv")
    _with_logo(tree, "files/logo.png")
    release = presskit.load(_source(tree, "annex.csv"))
    files, _ = _kit_files(presskit.export(release, "kit", asset_root=tree / "src"))
    assert files["attachments/annex.csv"] == INSIDE
    data = presskit.export(release, "eml", asset_root=tree / "src", attach_pdf=False)
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    attached = [p.get_content() for p in message.iter_attachments()]
    assert INSIDE.decode() in [a if isinstance(a, str) else a.decode() for a in attached]
    assert SECRET not in data


def test_build_refuses_a_link_swapped_in_after_load(tree: Path) -> None:
    release = _swapped(tree)
    no_logo = attrs.evolve(release, issuers=[attrs.evolve(i, logo=None) for i in release.issuers])
    out = tree / "dist"
    targets = parse_targets(["text:us", "html"])
    with pytest.raises(PresskitError, match=r"attachments\[0\] \(annex.csv\).*leads to"):
        presskit.build([no_logo], out, targets=targets, asset_roots={"release": tree / "src"})
    found = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert found == []


def test_an_svg_logo_may_not_read_other_files(tree: Path) -> None:
    """resvg reads an <image>'s file from anywhere on the disk: such an SVG is refused."""
    for href in (str(tree / "outside" / "logo.png"), "../outside/logo.png"):
        (tree / "src" / "logo.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            f' width="40" height="20"><image width="40" height="20" xlink:href="{href}"/></svg>',
            encoding="utf-8",
        )
        _with_logo(tree, "logo.svg")
        release = presskit.load(_source(tree, "files/annex.csv"))
        with pytest.raises(ExportError, match="refers to the file"):
            presskit.export(release, "html", asset_root=tree / "src")


# --- presskit.paths itself -------------------------------------------------------------------


def test_a_contained_file_is_not_read_through_a_link_swapped_in_after_the_check(
    tree: Path,
) -> None:
    src = tree / "src"
    file = contain("files/annex.csv", src, what="the file")
    assert file.read_bytes() == INSIDE and file.size() == len(INSIDE)
    (src / "files" / "annex.csv").unlink()
    (src / "files" / "annex.csv").symlink_to(tree / "outside" / "secret.csv")
    with pytest.raises(OSError):
        file.read_bytes()
    file = contain("files/logo.png", src, what="the file")
    (src / "files").rename(src / "old")
    (src / "files").symlink_to(tree / "outside", target_is_directory=True)
    (tree / "outside" / "logo.png").write_bytes(SECRET)
    with pytest.raises(OSError):
        file.read_bytes()


def test_contain_refuses_what_is_not_a_regular_file_inside(tree: Path) -> None:
    src = tree / "src"
    with pytest.raises(PathError, match="is not a file"):
        contain("files", src, what="the file")
    with pytest.raises(PathError, match="No such file"):
        contain("nothere.csv", src, what="the file")
    with pytest.raises(PathError, match="is a URL"):
        contain("https://example.org/a.csv", src, what="the file")
    (src / "loop").symlink_to("loop")
    with pytest.raises(PathError, match="cannot read"):
        contain("loop", src, what="the file")
    with pytest.raises(TypeError):
        ContainedFile(object(), src, ("x",), "x")


# --- the importer's saved attachments ---------------------------------------------------------


@pytest.mark.parametrize("href", ["../x.csv", "files/../../x.csv", "/tmp/x.csv", "", "a\\..\\b"])
def test_write_beneath_refuses_paths_that_leave_the_folder(tmp_path: Path, href: str) -> None:
    with pytest.raises(PathError, match="not a plain relative path"):
        write_beneath(tmp_path / "out", href, b"x")


def test_write_beneath_never_writes_through_a_link(tree: Path) -> None:
    out = tree / "out"
    out.mkdir()
    (out / "files").symlink_to(tree / "outside", target_is_directory=True)
    with pytest.raises(PathError, match="symbolic link"):
        write_beneath(out, "files/secret.csv", b"overwritten")
    (out / "files").unlink()
    (out / "files").mkdir()
    (out / "files" / "a.csv").symlink_to(tree / "outside" / "secret.csv")
    with pytest.raises(PathError, match="symbolic link"):
        write_beneath(out, "files/a.csv", b"overwritten")
    assert (tree / "outside" / "secret.csv").read_bytes() == SECRET
    assert write_beneath(out, "files/new/b.csv", b"ok") == out / "files" / "new" / "b.csv"
    assert (out / "files" / "new" / "b.csv").read_bytes() == b"ok"
    assert [p.name for p in (out / "files" / "new").iterdir()] == ["b.csv"]  # no temp file


def _mail(filename: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Nurul <nurul@csa.example.sg>"
    message["Subject"] = "PRESS RELEASE: CSA launches a hotline"
    message["Date"] = "Mon, 12 May 2025 09:30:00 +0800"
    message.set_content(
        "CSA launches a hotline for seniors\n\nSINGAPORE – 12 MAY 2025\n\n"
        "The agency launched a free hotline today.\n\n###\n"
    )
    message.add_attachment(b"overwritten\n", maintype="text", subtype="csv", filename=filename)
    return message.as_bytes()


def test_import_saves_attachments_only_inside_the_output_folder(tree: Path) -> None:
    mail = tree / "hotline.eml"
    mail.write_bytes(_mail("../../outside/secret.csv"))
    out = tree / "sources"
    result = _cli("import", str(mail), "-o", str(out), cwd=tree)
    assert result.returncode == 0, result.stderr
    saved = [p.relative_to(out).as_posix() for p in out.rglob("*.csv")]
    assert saved == ["files/hotline/outside-secret.csv"]
    assert (tree / "outside" / "secret.csv").read_bytes() == SECRET
    # a folder on the way that is a link to elsewhere is refused, not followed
    other = tree / "again"
    other.mkdir()
    (other / "files").symlink_to(tree / "outside", target_is_directory=True)
    os.mkdir(tree / "outside" / "hotline")
    result = _cli("import", str(mail), "-o", str(other), cwd=tree)
    assert result.returncode == 2
    assert "symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert list((tree / "outside" / "hotline").iterdir()) == []
    assert (tree / "outside" / "secret.csv").read_bytes() == SECRET
