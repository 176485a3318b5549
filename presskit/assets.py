"""Files a release names (logos, attachments): found, read and converted once for every
exporter.

Images are normalised to what both python-docx and reportlab accept (see
../shared/reference/docx-pdf.md D11 and R14): PNG and RGB JPEG with a JFIF or Exif
header pass through unchanged; WebP, GIF, TIFF, BMP and CMYK JPEG are converted to PNG
with Pillow; SVG is rasterised with resvg. Nothing is downloaded: a URL is refused. The
files come from :mod:`presskit.paths`, inside the folder they must stay in; an SVG that
refers to another file (``<image href="...">``, which resvg would read from anywhere on
the disk) is refused.

Sizes are bounded: a raster image of more than :data:`MAX_PIXELS` is refused from its
header, before it is decoded (the loader does so when it reads ``agencies.toml``), and
one with a side longer than :data:`MAX_SIDE_PX` is scaled down, once per process for all
exporters: a logo prints about 1.5 cm high, and a larger one only costs memory in every
exporter that embeds it. An SVG is rasterised to fit :data:`SVG_HEIGHT_PX` by
:data:`SVG_MAX_WIDTH_PX`, whatever its proportions.
"""

from __future__ import annotations

import functools
import io
import warnings
from pathlib import Path

from presskit.errors import ExportError
from presskit.paths import ContainedFile

__all__ = ["MAX_PIXELS", "MAX_SIDE_PX", "image_size_problem", "normalise_image"]

#: Height in pixels SVG images are rasterised at (logos print at about 1.5 cm).
SVG_HEIGHT_PX = 256
#: Width in pixels an SVG is rasterised at, at most (a very wide SVG would otherwise take
#: width / height × 256 × 256 × 4 bytes: 26 GB for a 100000 × 1 viewBox).
SVG_MAX_WIDTH_PX = 4096
#: Most pixels (width × height) a raster image may have: 25 million, such as 5000 × 5000,
#: 100 MB decoded. Pillow's own limit (about 179 million) lets through files that take
#: gigabytes, and raises DecompressionBombError only past it.
MAX_PIXELS = 25_000_000
#: Longest side, in pixels, an image is handed to exporters at; larger ones are scaled
#: down (1024 pixels over 1.5 cm is about 1700 dpi).
MAX_SIDE_PX = 1024


def image_size_problem(data: bytes) -> str | None:
    """Why the raster image in ``data`` (a file's bytes) is too large, read from its
    header only (nothing is decoded), or ``None``: it is small enough, or it is not a
    raster image Pillow knows (an SVG, say), or it cannot be read (the exporters report
    that)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return f"has more pixels than Pillow opens; at most {MAX_PIXELS:,}"
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    return _too_many(width, height)


def _too_many(width: int, height: int) -> str | None:
    if width * height <= MAX_PIXELS:
        return None
    return (
        f"is {width:,} × {height:,} pixels; at most {MAX_PIXELS:,} pixels (such as 5,000 × "
        f"5,000): scale it down (a logo prints about 1.5 cm high)"
    )


def normalise_image(file: ContainedFile, what: str) -> bytes:
    """The image in ``file`` (see :func:`presskit.paths.contain`), as PNG or RGB JPEG
    bytes, at most :data:`MAX_SIDE_PX` on its longer side (an image that fits is returned
    unchanged where it is PNG or RGB JPEG). Each file's content is converted once per
    process, however many exporters ask (the conversion is memoised by the bytes read).

    Raises:
        ExportError: the file is unreadable, is not an image, has more than
            :data:`MAX_PIXELS` pixels, or is an invalid SVG or one that refers to another
            file; the message names ``what`` and the path.
    """
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot read {what} {file.shown!r}: {exc.strerror}") from None
    return _normalised(data, file.path, what)


@functools.lru_cache(maxsize=8)
def _normalised(data: bytes, path: Path, what: str) -> bytes:
    """:func:`normalise_image` of a file's bytes ``data`` (``path`` for SVG resources and
    messages)."""
    png = data[:8] == b"\x89PNG\r\n\x1a\n"
    if not png and (path.suffix.lower() == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg ")):
        return _svg_to_png(data, path, what)
    from PIL import Image, UnidentifiedImageError

    unreadable = ExportError(
        f"{what} {str(path)!r} is not an image presskit can read (PNG, JPEG, GIF, WebP, "
        "TIFF, BMP or SVG)"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # the header only
    except Image.DecompressionBombError:
        raise ExportError(f"{what} {str(path)!r} {image_size_problem(data)}") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise unreadable from None
    problem = _too_many(*image.size)
    if problem:
        raise ExportError(f"{what} {str(path)!r} {problem}")
    fits = max(image.size) <= MAX_SIDE_PX
    try:
        if not fits and image.format == "JPEG":
            image.draft(image.mode, (MAX_SIDE_PX, MAX_SIDE_PX))  # decode at 1/2, 1/4, 1/8
        # decoded even when it passes through unchanged: a file that only starts like a
        # PNG would otherwise reach reportlab and python-docx and fail there
        image.load()
    except (OSError, ValueError, SyntaxError, EOFError):
        raise unreadable from None
    if fits and png and image.format == "PNG":
        return data
    rgb_jpeg = image.format == "JPEG" and image.mode in ("RGB", "L")
    if fits and rgb_jpeg and data[6:10] in (b"JFIF", b"Exif"):
        return data
    converted = image if image.mode in ("RGB", "RGBA", "L", "LA") else image.convert("RGBA")
    if not fits:
        converted.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    converted.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _svg_to_png(data: bytes, path: Path, what: str) -> bytes:
    import resvg_py

    _refuse_external(data, path, what)
    try:
        png = resvg_py.svg_to_bytes(
            svg_string=data.decode("utf-8"),
            width=SVG_MAX_WIDTH_PX,  # fits the box, keeping the proportions
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
