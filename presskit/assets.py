"""Files a release names (logos, attachments): found, read and converted once for every
exporter.

Images are normalised to what both python-docx and reportlab accept (see
../shared/reference/docx-pdf.md D11 and R14): PNG and RGB JPEG with a JFIF or Exif
header pass through unchanged; WebP, GIF, TIFF, BMP and CMYK JPEG are converted to PNG
with Pillow; SVG is rasterised with resvg. Nothing is downloaded: a URL is refused.
"""

from __future__ import annotations

import io
from pathlib import Path

from presskit.errors import ExportError

__all__ = ["normalise_image", "resolve_asset"]

_PNG = b"\x89PNG\r\n\x1a\n"
#: Height in pixels SVG images are rasterised at (logos print at about 1.5 cm).
SVG_HEIGHT_PX = 256


def resolve_asset(href: str, root: Path | None, what: str) -> Path:
    """The file a release's relative or absolute path names.

    Args:
        href: the path as the release gives it.
        root: the folder relative paths are relative to (``None``: the current folder).
        what: how to name the file in errors (``"IMDA's logo"``).

    Raises:
        ExportError: ``href`` is a URL (presskit never downloads).
    """
    if "://" in href:
        raise ExportError(
            f"{what} {href!r} is a URL; presskit does not download files, give a local path"
        )
    path = Path(href)
    return path if path.is_absolute() else (root or Path.cwd()) / path


def normalise_image(href: str, root: Path | None, what: str) -> bytes:
    """The image ``href`` names, as PNG or RGB JPEG bytes.

    Raises:
        ExportError: the file is missing or unreadable, is not an image, or is an invalid
            SVG; the message names ``what`` and the path.
    """
    path = resolve_asset(href, root, what)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot read {what} {str(path)!r}: {exc.strerror}") from None
    if data[:8] != _PNG and (
        path.suffix.lower() == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg ")
    ):
        return _svg_to_png(data, path, what)
    from PIL import Image, UnidentifiedImageError

    try:
        # decoded even when it passes through unchanged: a file that only starts like a
        # PNG would otherwise reach reportlab and python-docx and fail there
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ExportError(
            f"{what} {str(path)!r} is not an image presskit can read (PNG, JPEG, GIF, WebP, "
            "TIFF, BMP or SVG)"
        ) from None
    if image.format == "PNG" and data[:8] == _PNG:
        return data
    if image.format == "JPEG" and image.mode in ("RGB", "L") and data[6:10] in (b"JFIF", b"Exif"):
        return data
    converted = image if image.mode in ("RGB", "RGBA", "L", "LA") else image.convert("RGBA")
    out = io.BytesIO()
    converted.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _svg_to_png(data: bytes, path: Path, what: str) -> bytes:
    import resvg_py

    try:
        png = resvg_py.svg_to_bytes(
            svg_string=data.decode("utf-8"),
            height=SVG_HEIGHT_PX,
            resources_dir=str(path.parent),
        )
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExportError(f"{what} {str(path)!r} is not a valid SVG ({exc})") from None
    return bytes(png)
