"""Logos and attachments read from a source folder (presskit.assets): a file that only
looks like an image is refused with an error naming it, by every exporter that embeds
logos, never a traceback from Pillow or reportlab (found by the fuzzing run)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import attrs
import pytest
from PIL import Image

import presskit
from presskit.assets import normalise_image
from presskit.errors import ExportError
from presskit.paths import contain

LOGO_FORMATS = ["docx", "pdf", "eml", "kit", "html"]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 2), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def broken_pngs() -> dict[str, bytes]:
    """Files that start with the PNG signature but that no PNG reader can decode."""
    good = png()
    header_end = 8 + 8 + 13 + 4  # signature, IHDR length and type, IHDR data, CRC
    bad_crc = bytearray(good)
    bad_crc[header_end - 1] ^= 0xFF
    garbage_idat = b"IDAT" + b"\x00" * 10
    idat = len(garbage_idat) - 4
    chunk = idat.to_bytes(4, "big") + garbage_idat + zlib.crc32(garbage_idat).to_bytes(4, "big")
    return {
        "signature only": good[:8],
        "truncated": good[: len(good) // 2],
        "bad IHDR checksum": bytes(bad_crc),
        "undecodable image data": good[:header_end] + chunk + good[-12:],
    }


@pytest.mark.parametrize("name", list(broken_pngs()))
def test_a_broken_png_is_not_an_image(name: str, tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(broken_pngs()[name])
    with pytest.raises(ExportError, match=r"logo.png.* is not an image"):
        normalise_image(contain("logo.png", tmp_path, what="the logo"), "the logo")


def test_a_good_png_passes_unchanged(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(png())
    assert normalise_image(contain("logo.png", tmp_path, what="the logo"), "the logo") == png()


@pytest.mark.parametrize("fmt", LOGO_FORMATS)
def test_every_exporter_refuses_a_broken_png_logo(
    reference: presskit.PressRelease, fmt: str, tmp_path: Path
) -> None:
    (tmp_path / "logo.png").write_bytes(broken_pngs()["undecodable image data"])
    issuers = (attrs.evolve(reference.issuers[0], logo="logo.png"), *reference.issuers[1:])
    release = attrs.evolve(reference, issuers=issuers)
    with pytest.raises(ExportError, match="is not an image"):
        presskit.export(release, fmt, asset_root=tmp_path)
