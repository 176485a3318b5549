"""The PDF after reportlab: the fonts of the glyphs drawn embedded
(:func:`presskit.exporters._pdfembed.embed_fonts`) and the structure tree written
(:func:`presskit.exporters._pdftags.write_structure`), then saved by qpdf (pikepdf) with
compressed object streams and a document ID derived from the content, so the same
release gives the same bytes (ISO 32000-1 section 14.4: the ID may be any stable
string)."""

from __future__ import annotations

import io
from typing import Any

from presskit.exporters._pdfembed import embed_fonts
from presskit.exporters._pdftags import Tagger, write_structure

__all__ = ["finish"]


def finish(data: bytes, glyphs: Any | None, tagger: Tagger, *, title: str, language: str) -> bytes:
    """``data`` (a PDF reportlab saved) with the fonts of ``glyphs`` (the document's
    :class:`~presskit.exporters._pdfglyphs.GlyphWriter`, or ``None`` when no glyph was
    drawn by presskit) embedded and the structure
    tree ``tagger`` recorded (``title`` and ``language``, BCP 47, for the catalog and
    the XMP metadata)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        if glyphs is not None:
            embed_fonts(pdf, glyphs)
        write_structure(pdf, tagger, title=title, language=language)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return out.getvalue()
