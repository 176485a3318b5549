"""The ``kit`` exporter: the press-kit zip, its manifest and README, byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import attrs
import pytest

import presskit
from presskit import exporters
from presskit.errors import ExportError
from presskit.model import Attachment, Embargoed

SLUG = "asean-digital-ministers-2025"
SGT = dt.timezone(dt.timedelta(hours=8))
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40">'
    b'<rect width="80" height="40" fill="#c00"/></svg>\n'
)


def kit(release: presskit.PressRelease, **options: Any) -> bytes:
    return presskit.export(release, "kit", **options)


def open_kit(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def contents(data: bytes, slug: str = SLUG) -> tuple[dict[str, bytes], dict[str, Any], str]:
    """The files under the kit folder by name, the manifest, the README."""
    archive = open_kit(data)
    files = {}
    for name in archive.namelist():
        assert name.startswith(f"{slug}/"), name
        files[name.removeprefix(f"{slug}/")] = archive.read(name)
    manifest = json.loads(files.pop("manifest.json"))
    readme = files.pop("README.txt").decode("utf-8")
    return files, manifest, readme


def with_assets(release: presskit.PressRelease, folder: Path) -> presskit.PressRelease:
    """The release with a photo (caption, credit, licence), an annex, a remote file and
    a PNG and an SVG logo, all in ``folder``."""
    from PIL import Image

    (folder / "media").mkdir()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(folder / "media" / "kiosk.jpg")
    (folder / "annex-a.csv").write_bytes(b"place,opens\nAng Mo Kio,2025-04-01\n")
    Image.new("RGBA", (90, 30), (0, 0, 0, 255)).save(folder / "imda.png")
    (folder / "mddi.svg").write_bytes(SVG)
    logos = {"imda": "imda.png", "mddi": "mddi.svg"}
    return attrs.evolve(
        release,
        issuers=tuple(attrs.evolve(i, logo=logos.get(i.id)) for i in release.issuers),
        attachments=(
            Attachment(
                "media/kiosk.jpg",
                media_type="image/jpeg",
                title="Kiosk at Ang Mo Kio",
                caption="A digital ambassador helps a resident at the Ang Mo Kio kiosk.",
                credit="Photo: IMDA",
                licence="CC BY 4.0",
                alt_text="A woman points at a tablet screen while a man watches.",
            ),
            Attachment("annex-a.csv", media_type="text/csv", title="Annex A"),
            Attachment("https://example.org/video.mp4", media_type="video/mp4"),
        ),
    )


def expected_formats(slug: str) -> dict[str, str]:
    """File name -> format of every document format the kit should hold."""
    out = {}
    for name in exporters.available():
        exporter = exporters.get(name)
        if exporter.collection or name == "kit":
            continue
        fixed = getattr(exporter, "file_name", None)
        for variant in exporter.variants or [None]:
            middle = f".{variant}" if variant else ""
            out[fixed or f"{slug}{middle}.{exporter.extension}"] = name
    return out


# --- contents and manifest ------------------------------------------------------------


def test_manifest_matches_the_contents_exactly(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    release = with_assets(reference, tmp_path)
    files, manifest, _ = contents(kit(release, asset_root=tmp_path))
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert sorted(listed) == sorted(files)  # every other entry listed, nothing more
    assert [e["name"] for e in manifest["files"]] == sorted(listed)
    for name, entry in listed.items():
        assert entry["size"] == len(files[name])
        assert entry["sha256"] == hashlib.sha256(files[name]).hexdigest()
    assert manifest["kit"] == 1 and manifest["slug"] == SLUG
    assert manifest["headline"] == reference.headline
    assert manifest["issued_at"] == "2025-01-17T00:00:00+08:00"
    assert manifest["embargoed_until"] is None


def test_every_format_attachment_and_logo_is_in(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    release = with_assets(reference, tmp_path)
    files, manifest, _ = contents(kit(release, asset_root=tmp_path))
    formats = expected_formats(SLUG)
    assert {"eml", "pdf", "docx", "json", "text"} <= set(formats.values())
    assert f"{SLUG}.sg.txt" in formats and f"{SLUG}.us.txt" in formats
    assert set(files) == {
        *formats,
        "attachments/kiosk.jpg",
        "attachments/annex-a.csv",
        "logos/imda.png",
        "logos/mddi.svg",
    }
    listed = {entry["name"]: entry for entry in manifest["files"]}
    for name, fmt in formats.items():
        assert listed[name]["kind"] == "format" and listed[name]["format"] == fmt
        assert listed[name]["media_type"] == exporters.get(fmt).media_type
    assert listed[f"{SLUG}.pdf"]["media_type"] == "application/pdf"
    assert listed[f"{SLUG}.eml"]["media_type"] == "message/rfc822"
    assert listed[f"{SLUG}.uk.txt"]["variant"] == "uk"
    # attachments and logos as they are, with their captions, credits and licences
    assert files["attachments/kiosk.jpg"] == (tmp_path / "media" / "kiosk.jpg").read_bytes()
    assert files["logos/mddi.svg"] == SVG
    photo = listed["attachments/kiosk.jpg"]
    assert photo == {
        "name": "attachments/kiosk.jpg",
        "kind": "attachment",
        "format": None,
        "variant": None,
        "media_type": "image/jpeg",
        "size": len(files["attachments/kiosk.jpg"]),
        "sha256": hashlib.sha256(files["attachments/kiosk.jpg"]).hexdigest(),
        "title": "Kiosk at Ang Mo Kio",
        "caption": "A digital ambassador helps a resident at the Ang Mo Kio kiosk.",
        "credit": "Photo: IMDA",
        "licence": "CC BY 4.0",
        "alt_text": "A woman points at a tablet screen while a man watches.",
    }
    assert listed["attachments/annex-a.csv"]["media_type"] == "text/csv"
    assert listed["logos/imda.png"]["media_type"] == "image/png"
    assert listed["logos/mddi.svg"]["media_type"] == "image/svg+xml"
    assert listed["logos/imda.png"]["kind"] == "logo"
    # the remote file is named, not fetched
    assert manifest["not_included"] == [
        {
            "name": "https://example.org/video.mp4",
            "kind": "attachment",
            "reason": "a remote file: presskit does not download it",
        }
    ]


def test_formats_are_the_same_files_as_alone(reference: presskit.PressRelease) -> None:
    files, _, _ = contents(kit(reference))
    assert files[f"{SLUG}.pdf"] == presskit.export(reference, "pdf")
    assert files[f"{SLUG}.us.txt"] == presskit.export(reference, "text:us")
    assert files[f"{SLUG}.eml"] == presskit.export(reference, "eml")


def test_sibling_files_are_taken_as_given(reference: presskit.PressRelease) -> None:
    given = {f"{SLUG}.json": b'{"given": true}\n', f"{SLUG}.sg.txt": b"given\n"}
    files, manifest, _ = contents(kit(reference, siblings=given))
    assert files[f"{SLUG}.json"] == given[f"{SLUG}.json"]
    assert files[f"{SLUG}.sg.txt"] == given[f"{SLUG}.sg.txt"]
    (entry,) = [e for e in manifest["files"] if e["name"] == f"{SLUG}.json"]
    assert entry["sha256"] == hashlib.sha256(given[f"{SLUG}.json"]).hexdigest()
    assert files[f"{SLUG}.uk.txt"] == presskit.export(reference, "text:uk")  # rendered here
    with pytest.raises(ExportError, match="kit: option siblings must map file names"):
        kit(reference, siblings={f"{SLUG}.json": "not bytes"})


def test_unsupported_format_is_left_out_and_said(reference: presskit.PressRelease) -> None:
    """A format that cannot carry the release (the e-mail, with no contact address to
    send it from) is left out of the kit, and the manifest and README say why."""
    release = attrs.evolve(
        reference,
        media_contacts=tuple(attrs.evolve(c, email=None) for c in reference.media_contacts),
    )
    files, manifest, readme = contents(kit(release))
    assert f"{SLUG}.eml" not in files and f"{SLUG}.pdf" in files
    (missing,) = manifest["not_included"]
    assert missing["name"] == f"{SLUG}.eml" and missing["kind"] == "format"
    assert "no media contact has an e-mail address" in missing["reason"]
    assert "Not included:" in readme and f"{SLUG}.eml: eml: no media contact" in readme


def test_missing_attachment_is_an_error(reference: presskit.PressRelease, tmp_path: Path) -> None:
    release = attrs.evolve(reference, attachments=(Attachment("nope.csv", media_type="text/csv"),))
    with pytest.raises(ExportError, match=r"kit: cannot read attachments\[0\] \(nope.csv\)"):
        kit(release, asset_root=tmp_path)


def test_readme(reference: presskit.PressRelease, tmp_path: Path) -> None:
    release = with_assets(reference, tmp_path)
    release = attrs.evolve(release, release=Embargoed(dt.datetime(2025, 1, 17, 10, tzinfo=SGT)))
    _, _, before = contents(kit(release, asset_root=tmp_path))
    _, _, after = contents(
        kit(release, asset_root=tmp_path, now=dt.datetime(2025, 1, 18, tzinfo=SGT))
    )
    assert before.startswith("PRESS KIT\r\n\r\nSingapore concludes")
    assert "\r\n" in before and "\n" not in before.replace("\r\n", "")
    assert "EMBARGOED UNTIL 10:00 SGT, 17 JAN 2025. Nothing in this kit may" in before
    assert "FOR IMMEDIATE RELEASE" in after and "EMBARGOED" not in after
    for name in ("attachments/kiosk.jpg", "logos/mddi.svg", f"{SLUG}.pdf", "manifest.json"):
        assert name in before
    assert "Email: media@imda.gov.sg" in before
    assert max(len(line) for line in before.splitlines()) <= 72


# --- the zip itself ------------------------------------------------------------------


def test_zip_is_sound_and_safe(reference: presskit.PressRelease, tmp_path: Path) -> None:
    release = with_assets(reference, tmp_path)
    archive = open_kit(kit(release, asset_root=tmp_path))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names == sorted(names) and len(names) == len(set(names))
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        assert not path.is_absolute() and ".." not in path.parts and "\\" not in info.filename
        assert path.parts[0] == SLUG and not info.is_dir()
        # already compressed files stored as they are, the others deflated
        stored = path.suffix in (".pdf", ".docx", ".jpg", ".png", ".zip")
        assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        assert info.create_system == 3 and info.external_attr == 0o100644 << 16
        assert info.date_time == (2025, 1, 16, 16, 0, 0)  # updated_at, in UTC
        assert not info.extra and not info.comment
    assert not archive.comment
    target = tmp_path / "unzipped"
    archive.extractall(target)
    assert (target / SLUG / "manifest.json").is_file()
    assert {p.parent.name for p in target.rglob("*") if p.is_file()} <= {
        SLUG,
        "attachments",
        "logos",
    }


def test_attachments_cannot_reach_outside_the_source_folder() -> None:
    """The model refuses ../ and absolute paths, so no kit can pick up /etc/passwd."""
    for href in ("../up.csv", "/etc/passwd", "sub/../../up.csv"):
        with pytest.raises(presskit.ModelError, match="source's folder or below"):
            Attachment(href, media_type="text/csv")


def test_source_date_epoch_dates_the_entries(reference: presskit.PressRelease) -> None:
    archive = open_kit(kit(reference, source_date_epoch=1_700_000_000))
    assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_two_builds_give_the_same_bytes(reference: presskit.PressRelease, tmp_path: Path) -> None:
    release = with_assets(reference, tmp_path)
    assert kit(release, asset_root=tmp_path) == kit(release, asset_root=tmp_path)


def test_byte_identical_across_processes(project: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = project / f"out{seed}"
        result = subprocess.run(
            [sys.executable, "-m", "presskit.cli", "build", "-f", "kit", "-o", str(out), "-q"],
            cwd=project,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        outputs.append((out / SLUG / f"{SLUG}.zip").read_bytes())
    assert outputs[0] == outputs[1]
    assert open_kit(outputs[0]).testzip() is None


# --- in a build -----------------------------------------------------------------------


def test_a_build_puts_the_files_it_wrote_in_the_kit(
    reference: presskit.PressRelease, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from presskit.exporters.docx import DocxExporter
    from presskit.pipeline import build, parse_targets

    calls = []
    render = DocxExporter.render

    def counting(self: DocxExporter, release: presskit.PressRelease, options: Any) -> bytes:
        calls.append(release.slug)
        return render(self, release, options)

    monkeypatch.setattr(DocxExporter, "render", counting)
    documents = [n for n in exporters.available() if not exporters.get(n).collection]
    targets = parse_targets(documents, options={"text": {"width": 60}})
    written = build([reference], tmp_path / "dist", targets=targets)
    assert calls == [SLUG]  # the kit took the DOCX the build had rendered
    folder = tmp_path / "dist" / SLUG
    files, _, _ = contents((folder / f"{SLUG}.zip").read_bytes())
    for name, fmt in expected_formats(SLUG).items():
        assert files[name] == (folder / name).read_bytes(), fmt
    assert files[f"{SLUG}.sg.txt"] != presskit.export(reference, "text:sg")  # width 60
    # the build reports the files in target order, the kit where it was asked for
    assert [f.format for f in written] == [t.format for t in targets]
