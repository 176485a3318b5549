"""The PDF after reportlab: the fonts of the glyphs drawn embedded
(:func:`presskit.exporters._pdfembed.embed_fonts`), then saved by qpdf (pikepdf) with
compressed object streams and a document ID derived from the content, so the same
release gives the same bytes (ISO 32000-1 section 14.4: the ID may be any stable
string)."""

from __future__ import annotations

import io
from typing import Any

from presskit.exporters._pdfembed import embed_fonts

__all__ = ["finish"]


def finish(data: bytes, glyphs: Any) -> bytes:
    """``data`` (a PDF reportlab saved) with the fonts of ``glyphs`` (the document's
    :class:`~presskit.exporters._pdfglyphs.GlyphWriter`) embedded."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        embed_fonts(pdf, glyphs)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return out.getvalue()
