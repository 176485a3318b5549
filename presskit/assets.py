"""Files a release names (logos, attachments): found, read and converted once for every
exporter.

Images are normalised to what both python-docx and reportlab accept (see
../shared/reference/docx-pdf.md D11 and R14): PNG and RGB JPEG with a JFIF or Exif
header pass through unchanged; WebP, GIF, TIFF, BMP and CMYK JPEG are converted to PNG
with Pillow; SVG is rasterised with resvg. Nothing is downloaded: a URL is refused. The
files come from :mod:`presskit.paths`, inside the folder they must stay in; an SVG that
refers to another file (``<image href="...">``, which resvg would read from anywhere on
the disk) is refused.
"""

from __future__ import annotations

import io
from pathlib import Path

from presskit.errors import ExportError
from presskit.paths import ContainedFile

__all__ = ["normalise_image"]

#: Height in pixels SVG images are rasterised at (logos print at about 1.5 cm).
SVG_HEIGHT_PX = 256


def normalise_image(file: ContainedFile, what: str) -> bytes:
    """The image in ``file`` (see :func:`presskit.paths.contain`), as PNG or RGB JPEG
    bytes.

    Raises:
        ExportError: the file is unreadable, is not an image, or is an invalid SVG or one
            that refers to another file; the message names ``what`` and the path.
    """
    path = file.path
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot read {what} {file.shown!r}: {exc.strerror}") from None
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return data
    if path.suffix.lower() == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg "):
        return _svg_to_png(data, path, what)
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError):
        raise ExportError(
            f"{what} {str(path)!r} is not an image presskit can read (PNG, JPEG, GIF, WebP, "
            "TIFF, BMP or SVG)"
        ) from None
    if image.format == "JPEG" and image.mode in ("RGB", "L") and data[6:10] in (b"JFIF", b"Exif"):
        return data
    converted = image if image.mode in ("RGB", "RGBA", "L", "LA") else image.convert("RGBA")
    out = io.BytesIO()
    converted.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _svg_to_png(data: bytes, path: Path, what: str) -> bytes:
    import resvg_py

    _refuse_external(data, path, what)
    try:
        png = resvg_py.svg_to_bytes(
            svg_string=data.decode("utf-8"),
            height=SVG_HEIGHT_PX,
            resources_dir=str(path.parent),
        )
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExportError(f"{what} {str(path)!r} is not a valid SVG ({exc})") from None
    return bytes(png)


_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _refuse_external(data: bytes, path: Path, what: str) -> None:
    """Refuse an SVG with a reference to a file or a URL: resvg reads an ``<image>``'s
    file from anywhere on the disk, outside the folder the logo must stay in. Links
    inside the document (``#id``) and embedded images (``data:``) are fine."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ExportError(f"{what} {str(path)!r} is not a valid SVG ({exc})") from None
    for element in root.iter():
        for key in ("href", _XLINK_HREF):
            value = (element.get(key) or "").strip()
            if value and not value.startswith(("#", "data:")):
                raise ExportError(
                    f"{what} {str(path)!r} refers to the file {value!r}; presskit reads no "
                    "file an SVG names: embed the image in the SVG (a data: URI)"
                )
