"""A row of columns for the PDF (the media contacts side by side): each column a list of
flowables, the row as tall as its tallest column. reportlab's ``Table`` selects a font
for every cell, text or not, which names an unembedded Helvetica in the PDF; the row here
draws nothing but its flowables.

A row that does not fit in the space left moves to the next frame; a row taller than a
whole frame is set as its columns one after another, so nothing is too large to place.
Units: points. reportlab is imported when the class is first asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

__all__ = ["row_class"]


@cache
def row_class() -> type[Any]:
    """The ``Row`` flowable class: ``Row(columns, column_width, gap=0.0, on_draw=None)``
    with ``columns`` a list of lists of flowables; ``on_draw(canvas, index, draw)``, if
    given, wraps the drawing of column ``index`` (for the structure tree)."""
    from reportlab.platypus.flowables import Flowable

    class Row(Flowable):  # type: ignore[misc]
        def __init__(
            self,
            columns: Sequence[Sequence[Any]],
            column_width: float,
            gap: float = 0.0,
            space_after: float = 0.0,
            on_draw: Any = None,
        ) -> None:
            super().__init__()
            self.columns = [list(c) for c in columns]
            self.column_width = column_width
            self.gap = gap
            self.space_after = space_after
            self.on_draw = on_draw
            self._heights: list[list[float]] = []

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            inner = self.column_width - self.gap
            self._heights = [
                [float(f.wrap(inner, 0xFFFFFF)[1]) for f in column] for column in self.columns
            ]
            spaced = [
                sum(h) + sum(float(f.getSpaceAfter()) for f in column[:-1])
                for h, column in zip(self._heights, self.columns, strict=True)
            ]
            self.width = availWidth
            self.height = max(spaced, default=0.0)
            return availWidth, self.height

        def getSpaceAfter(self) -> float:
            return self.space_after

        def split(self, availWidth: float, availHeight: float) -> list[Any]:
            frame = self._doctemplateAttr("frame")
            if frame is not None and self.height > frame._height:  # never fits: stack
                return [f for column in self.columns for f in column]
            return []

        def draw(self) -> None:
            canvas = self.canv
            for index, (column, heights) in enumerate(
                zip(self.columns, self._heights, strict=True)
            ):
                x = index * self.column_width

                def draw(column: list[Any] = column, heights: list[float] = heights,
                         x: float = x) -> None:  # fmt: skip
                    y = self.height
                    for flowable, height in zip(column, heights, strict=True):
                        y -= height
                        flowable.drawOn(canvas, x, y)
                        y -= float(flowable.getSpaceAfter())

                if self.on_draw is not None:
                    self.on_draw(canvas, index, draw)
                else:
                    draw()

    return Row
