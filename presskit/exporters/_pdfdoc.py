"""The PDF document around the story: an outline entry for each marked flowable (never
skipping a level, R16), "Page X of Y" in the footer (R15), and the creation date taken
from the release instead of the clock (R17); see ../shared/reference/docx-pdf.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from functools import cache
from typing import Any

__all__ = ["doc_template_class", "footer_canvas", "outlined"]


def outlined(flowable: Any, title: str, level: int) -> Any:
    """Mark a flowable for the outline (bookmarks)."""
    flowable._presskit_outline = (title, level)
    return flowable


@cache
def doc_template_class() -> type:
    """reportlab's ``BaseDocTemplate`` with outline entries (made once, on first use, so
    importing the exporter does not import reportlab)."""
    from reportlab.platypus import BaseDocTemplate

    class DocTemplate(BaseDocTemplate):  # type: ignore[misc]
        """Adds an outline entry for each marked flowable; never skips a level (R16)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._outline_level = -1
            self._outline_count = 0

        def afterFlowable(self, flowable: Any) -> None:
            mark = getattr(flowable, "_presskit_outline", None)
            if mark is None:
                return
            title, level = mark
            level = min(level, self._outline_level + 1)
            key = f"pk-{self._outline_count}"
            self._outline_count += 1
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=max(level, 0))
            self._outline_level = max(level, 0)

    return DocTemplate


def footer_canvas(
    stamp: dt.datetime,
    draw_label: Callable[[Any, str, float], None],
    page_label: Callable[[int, int], str],
) -> Any:
    """A canvas class that draws "Page X of Y" in one pass (R15) and dates the document
    from the release (R17).

    Each page draws a form XObject (``/PKFooterN Do``) that is not defined yet; the
    forms are defined in :meth:`save`, once the last page is known:
    ``draw_label(canvas, page_label(number, total), page_width)`` draws the words.
    The pages themselves are written in order as they end, so bookmarks and links stay
    on their pages. After the build, the class's ``pages`` attribute holds the page
    count."""
    from reportlab.pdfgen.canvas import Canvas

    class FooterCanvas(Canvas):  # type: ignore[misc]
        pages = 0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            _set_timestamp(self, stamp)
            self._footer_sizes: list[tuple[float, float]] = []

        def _make_preamble(self) -> None:
            # (reportlab's preamble selects Helvetica, an unembedded font every page
            # would then name; presskit draws all text with its own embedded fonts)
            self._preamble = "1 0 0 1 0 0 cm"

        def showPage(self) -> None:
            type(self).pages += 1
            self._footer_sizes.append(self._pagesize)
            tagger = getattr(self, "_presskit_tagger", None)  # page numbers are artifacts
            with tagger.artifact(self, "Pagination", "Footer") if tagger else nullcontext():
                self.doForm(f"PKFooter{type(self).pages}")  # defined in save()
            super().showPage()

        def save(self) -> None:
            if len(self._code):
                self.showPage()
            total = len(self._footer_sizes)
            for number, (width, height) in enumerate(self._footer_sizes, start=1):
                self.setPageSize((width, height))
                self.beginForm(f"PKFooter{number}")
                draw_label(self, page_label(number, total), width)
                self.endForm()
            super().save()

    return FooterCanvas


def _set_timestamp(canvas: Any, stamp: dt.datetime) -> None:
    """Date the PDF (/CreationDate, /ModDate) from ``stamp`` instead of the clock."""
    from reportlab.lib.utils import TimeStamp

    ts = TimeStamp(invariant=1)
    ts.t = stamp.timestamp()
    ts.lt = stamp.timetuple()
    ts.YMDhms = tuple(stamp.timetuple())[:6]
    ts.dhh = ts.dmm = 0
    ts.tzname = "UTC"
    canvas._doc._timeStamp = ts
