"""The ``docx`` exporter's starting point and end point: the styled template, built once
per process, and the package, written once with fixed dates.

Styling a template (python-docx's own or the user's reference document) costs more than
writing a release into it: the reference is opened and completed, every style of
:data:`~presskit.exporters._docxpackage.STYLES` is looked up and given its look. The
result depends only on the reference document's bytes and the paper, so it is made once
per process (:func:`styled_document`, a small LRU cache keyed by those) and each release
gets a deep copy of it (lxml copies the trees in C; python-docx's objects come along).

:func:`write_package` writes the finished document straight into a zip with fixed entry
dates and attributes (D12 in ../shared/reference/docx-pdf.md), in python-docx's order
of parts, instead of saving it with python-docx and rewriting that zip: one compression
pass, not two, and the same bytes.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import struct
import threading
import zlib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from presskit.errors import ExportError
from presskit.exporters._docx_reference import open_reference
from presskit.exporters._docxpackage import apply_styles, complete_page, docx_theme, page_setup
from presskit.theme import Theme, default_theme

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

__all__ = ["styled_document", "write_package"]

#: A zip entry's date: (year, month, day, hour, minute, even second).
DateTime = tuple[int, int, int, int, int, int]


def styled_document(
    reference: Path | None, default_paper: str, paper: str | None, theme: Theme | None = None
) -> tuple[DocumentObject, Mapping[str, str]]:
    """A new copy of the styled template, and its style ids by style name.

    Args:
        reference: the user's reference document (``reference_doc``, else the theme's
            ``reference.docx``), or ``None`` for python-docx's template in the theme's
            look. The file is read on every call: an edited reference gives a new
            template.
        default_paper: the profile's paper (a key of :data:`~presskit.exporters.
            _docxpackage.PAPER`), for a reference that sets no page size, and for the
            default template.
        paper: the ``paper`` option, or ``None`` (keep the template's).
        theme: the theme (:class:`presskit.theme.Theme`) whose colours, fonts, sizes and
            margins presskit's styles take (those a reference document lacks, with
            one); ``None``: presskit's default.

    Raises:
        ExportError: naming the option and the file, when the reference cannot be read,
            is not a usable ``.docx``, or has one of presskit's styles of another kind.
    """
    key = None
    if reference is not None:
        try:
            digest = hashlib.sha256(reference.read_bytes()).hexdigest()
        except OSError as exc:
            raise ExportError(
                f"docx: option reference_doc: cannot read {str(reference)!r}: {exc.strerror}"
            ) from None
        key = (str(reference), digest)
    template, style_ids = _template(key, default_paper, paper, theme or default_theme())
    return copy.deepcopy(template), style_ids


@functools.lru_cache(maxsize=8)
def _template(
    reference: tuple[str, str] | None, default_paper: str, paper: str | None, theme: Theme
) -> tuple[DocumentObject, Mapping[str, str]]:
    """The styled template (never handed out: callers get copies) and its style ids."""
    from docx import Document

    look = docx_theme(theme)
    if reference is not None:
        doc = open_reference(Path(reference[0]))
        apply_styles(doc, look, force=False)
        complete_page(doc, default_paper, look)
    else:
        doc = Document()
        apply_styles(doc, look, force=True)
        page_setup(doc, default_paper, margins=True, theme=look)
    if paper is not None:
        page_setup(doc, paper, margins=False)
    style_ids = MappingProxyType({style.name: style.style_id for style in doc.styles})
    return doc, style_ids


def write_package(doc: DocumentObject, date_time: DateTime) -> bytes:
    """``doc`` as ``.docx`` bytes: python-docx's parts in its order (content types,
    package relationships, then each part followed by its relationships), each entry
    dated ``date_time``, deflated at level 9, as :mod:`zipfile` writes such an entry
    (from no particular system, ``rw-------``); a large part that is the same as in an
    earlier document of this process (the styles, for each language) is not
    compressed again (:func:`_deflated`)."""
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    writer = _Zip(date_time)
    # python-docx's PackageWriter.write, with a zip writer of fixed dates
    PackageWriter._write_content_types_stream(writer, parts)  # type: ignore[no-untyped-call]
    PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
    PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]
    return writer.close()


class _Zip:
    """A zip (PKWARE APPNOTE 6.3) of deflated entries with one date, written entry by
    entry with python-docx's physical package writer interface (``write(pack_uri,
    blob)``): the bytes :mod:`zipfile` writes for ``ZipInfo(name, date_time)`` with
    ``compress_type = ZIP_DEFLATED``, ``create_system = 0``, ``external_attr = 0`` and
    ``compresslevel=9`` (test_docx_template compares them); no zip64 (a part of 4 GB
    is refused)."""

    def __init__(self, date_time: DateTime) -> None:
        year, month, day, hour, minute, second = date_time
        self.date = (year - 1980) << 9 | month << 5 | day
        self.time = hour << 11 | minute << 5 | second // 2
        self.out = io.BytesIO()
        self.central: list[bytes] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.add(pack_uri.membername, blob)

    def add(self, name: str, blob: bytes) -> None:
        if len(blob) >= _ZIP64_LIMIT:
            raise ExportError(f"docx: the part {name} is too large for a zip ({len(blob):,} bytes)")
        crc, data = _deflated(blob)
        encoded, flags = (name.encode("ascii"), 0) if name.isascii() else (name.encode(), 0x800)
        fields = (flags, 8, self.time, self.date, crc, len(data), len(blob), len(encoded))
        offset = self.out.tell()
        self.out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *fields, 0))
        self.out.write(encoded)
        self.out.write(data)
        central = struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, *fields, 0, 0, 0, 0,
                              0o600 << 16, offset)  # fmt: skip
        self.central.append(central + encoded)

    def close(self) -> bytes:
        start = self.out.tell()
        for record in self.central:
            self.out.write(record)
        size = self.out.tell() - start
        count = len(self.central)
        self.out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))
        return self.out.getvalue()


_ZIP64_LIMIT = (1 << 31) - 1


def _deflated(blob: bytes) -> tuple[int, bytes]:
    """The CRC-32 of ``blob`` and ``blob`` deflated at level 9 (raw, as in a zip); those
    of a large blob are kept (the last few), since the same styles part comes back for
    every release of a language: compressing it is most of writing a document."""
    if len(blob) < _KEEP_FROM:
        return _deflate(blob)
    found = _kept.get(blob)
    if found is None:
        found = _deflate(blob)
        with _lock:
            _kept[blob] = found
            while len(_kept) > _KEEP:
                del _kept[next(iter(_kept))]
    return found


def _deflate(blob: bytes) -> tuple[int, bytes]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return zlib.crc32(blob), compressor.compress(blob) + compressor.flush()


#: Blobs from this size (bytes) have their deflated form kept, up to this many.
_KEEP_FROM = 32_768
_KEEP = 16
_kept: dict[bytes, tuple[int, bytes]] = {}
_lock = threading.Lock()
