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
import zipfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from presskit.errors import ExportError
from presskit.exporters._docx_reference import open_reference
from presskit.exporters._docxpackage import apply_styles, complete_page, load_theme, page_setup

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

__all__ = ["styled_document", "write_package"]

#: A zip entry's date: (year, month, day, hour, minute, even second).
DateTime = tuple[int, int, int, int, int, int]


def styled_document(
    reference: Path | None, default_paper: str, paper: str | None
) -> tuple[DocumentObject, Mapping[str, str]]:
    """A new copy of the styled template, and its style ids by style name.

    Args:
        reference: the user's reference document (``reference_doc``), or ``None`` for
            python-docx's template in presskit's look. The file is read on every call:
            an edited reference gives a new template.
        default_paper: the profile's paper (a key of :data:`~presskit.exporters.
            _docxpackage.PAPER`), for a reference that sets no page size, and for the
            default template.
        paper: the ``paper`` option, or ``None`` (keep the template's).

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
    template, style_ids = _template(key, default_paper, paper)
    return copy.deepcopy(template), style_ids


@functools.lru_cache(maxsize=8)
def _template(
    reference: tuple[str, str] | None, default_paper: str, paper: str | None
) -> tuple[DocumentObject, Mapping[str, str]]:
    """The styled template (never handed out: callers get copies) and its style ids."""
    from docx import Document

    theme = load_theme()
    if reference is not None:
        doc = open_reference(Path(reference[0]))
        apply_styles(doc, theme, force=False)
        complete_page(doc, default_paper)
    else:
        doc = Document()
        apply_styles(doc, theme, force=True)
        page_setup(doc, default_paper, margins=True)
    if paper is not None:
        page_setup(doc, paper, margins=False)
    style_ids = MappingProxyType({style.name: style.style_id for style in doc.styles})
    return doc, style_ids


def write_package(doc: DocumentObject, date_time: DateTime) -> bytes:
    """``doc`` as ``.docx`` bytes: python-docx's parts in its order (content types,
    package relationships, then each part followed by its relationships), each entry
    dated ``date_time``, from no particular system, without attributes, deflated at
    level 9."""
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _FixedDates(archive, date_time)
        # python-docx's PackageWriter.write, with a zip writer of fixed dates
        PackageWriter._write_content_types_stream(writer, parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]
    return out.getvalue()


class _FixedDates:
    """python-docx's physical package writer interface (``write(pack_uri, blob)``) over a
    zip whose entries have fixed dates and attributes."""

    def __init__(self, archive: zipfile.ZipFile, date_time: DateTime) -> None:
        self.archive = archive
        self.date_time = date_time

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        self.archive.writestr(info, blob, compresslevel=9)
