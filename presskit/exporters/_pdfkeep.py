"""What the PDF keeps together across a page break, as a typesetter would (R13).

* A heading is never the last thing on a page: each run of headings (a heading, or
  several in a row, ``Cybersecurity`` then ``ASEAN Regional CERT``) goes to the next page
  unless it fits with the first lines of what follows it: two lines of a paragraph of
  four or more (a shorter one cannot be split without leaving a line alone, so all of
  it), the first row of a table, or the whole of anything else. reportlab's own
  ``keepWithNext`` keeps the *whole* next paragraph, which leaves a gap at the page foot
  before a long one; a fixed ``CondPageBreak`` did not count the headings in a row.
* The media contacts are never alone on the last page when they fit on one page with
  the part before them (the boilerplates): the two move together; when they do not, the
  contacts keep at least the last paragraph before them.

Headings are recognised by their outline mark (:func:`._pdfdoc.outlined`): every
heading of the PDF has a bookmark. reportlab is imported when a class is first needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

__all__ = ["keep_headings", "keep_with_previous"]

#: A paragraph of this many lines or more may be split after its first two lines.
_SPLITTABLE_LINES = 4


def keep_headings(flowables: Sequence[Any]) -> list[Any]:
    """``flowables`` with a break before each run of headings that would otherwise end a
    page (see the module documentation), inside :func:`keep_with_previous` groups too."""
    out: list[Any] = []
    items = list(flowables)
    index = 0
    while index < len(items):
        item = items[index]
        if _is_heading(item):
            run = [item]
            while index + len(run) < len(items) and _is_heading(items[index + len(run)]):
                run.append(items[index + len(run)])
            following = items[index + len(run)] if index + len(run) < len(items) else None
            out.append(_heading_keep_class()(run, following))
            out.extend(run)
            index += len(run)
            continue
        content = getattr(item, "_content", None)
        if isinstance(item, _keep_if_fits_class()) and content is not None:
            item._content = keep_headings(content)
        out.append(item)
        index += 1
    return out


def keep_with_previous(previous: Sequence[Any], block: Sequence[Any]) -> list[Any]:
    """``previous`` (the flowables of the part before) and ``block`` (the media
    contacts' heading and table) kept on one page when they fit on one; else ``block``
    is kept with the last flowable of ``previous`` (and the headings right before it)."""
    if not previous:
        return [_keep_if_fits_class()(list(block))]
    cut = len(previous) - 1
    while cut > 0 and _is_heading(previous[cut - 1]):
        cut -= 1
    inner = _keep_if_fits_class()([*previous[cut:], *block])
    return [_keep_if_fits_class()([*previous[:cut], inner])] if cut else [inner]


def _is_heading(flowable: Any) -> bool:
    return getattr(flowable, "_presskit_outline", None) is not None


def _first_lines_height(flowable: Any, canvas: Any, width: float, height: float) -> float:
    """The height of what must follow a heading on its page: two lines of a paragraph
    of four or more, else the whole paragraph; a table's first row; the first of a
    group's flowables; anything else whole."""
    if flowable is None:
        return 0.0
    content = getattr(flowable, "_content", None)
    if content:
        return _first_lines_height(content[0], canvas, width, height)
    _, whole = flowable.wrapOn(canvas, width, height)
    before = float(flowable.getSpaceBefore())
    set_lines = getattr(flowable, "lines", None)  # a TextBlock
    if callable(set_lines):
        lines = set_lines(width)
        if len(lines) >= _SPLITTABLE_LINES:
            return before + float(lines[0].height + lines[1].height)
        return before + float(whole)
    rows = getattr(flowable, "_rowHeights", None)
    if rows:
        return before + float(rows[0])
    return before + float(whole)


def _measure(flowables: Sequence[Any], canvas: Any, width: float) -> tuple[float, float, float]:
    """(width, height, height of the first) of ``flowables`` set one after another, with
    the spaces between them as a frame puts them (the space after one, then the space
    before the next less that; reportlab's ``_listWrapOn`` skips flowables of no
    height, which a frame does not)."""
    used = total = first = 0.0
    space_after = 0.0
    for index, flowable in enumerate(flowables):
        if getattr(flowable, "_SPACETRANSFER", False):
            continue  # takes no room and passes the space before it on
        w, h = flowable.wrapOn(canvas, width, 0xFFFFFFF)
        if index == 0:
            first = float(h)
        else:
            total += space_after + max(float(flowable.getSpaceBefore()) - space_after, 0.0)
        total += float(h)
        used = max(used, min(float(w), width))
        space_after = float(flowable.getSpaceAfter())
    return used, total, first


def _flattened(flowables: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for flowable in flowables:
        if isinstance(flowable, _keep_if_fits_class()):
            out.extend(_flattened(flowable._content))
        else:
            out.append(flowable)
    return out


@cache
def _heading_keep_class() -> type[Any]:
    from reportlab.platypus import CondPageBreak

    class HeadingKeep(CondPageBreak):  # type: ignore[misc]
        """A page break, taken when the headings after it and the first lines of what
        follows them do not fit in the space left on the page. It takes no room, and
        the space after the flowable before it still merges with the heading's."""

        _SPACETRANSFER = True

        def __init__(self, headings: list[Any], following: Any) -> None:
            super().__init__(0)
            self._headings = headings
            self._following = following

        def wrap(self, width: float, height: float) -> tuple[float, float]:
            frame = self._doctemplateAttr("frame")
            if frame is None or frame._atTop:
                return 0, 0  # a new page would not make more room
            need = 0.0
            space_after = float(frame._prevASpace)
            for heading in self._headings:
                need += max(float(heading.getSpaceBefore()) - space_after, 0.0)
                need += heading.wrapOn(self.canv, width, height)[1]
                space_after = float(heading.getSpaceAfter())
                need += space_after
            need += _first_lines_height(self._following, self.canv, width, height)
            self.height = need
            return tuple(super().wrap(width, height))

    return HeadingKeep


@cache
def _keep_if_fits_class() -> type[Any]:
    from reportlab.platypus import KeepTogether

    class KeepIfFits(KeepTogether):  # type: ignore[misc]
        """reportlab's ``KeepTogether``, but content taller than a whole page is split
        where it stands instead of starting a new page and leaving a gap first, and a
        group inside a group counts with its real height."""

        def wrap(self, width: float, height: float) -> tuple[float, float]:
            used_width, self._H, self._H0 = _measure(_flattened(self._content), self.canv, width)
            self._wrapInfo = width, height
            return used_width, 0xFFFFFF  # always split: the content is drawn, not this

        def split(self, width: float, height: float) -> list[Any]:
            if getattr(self, "_wrapInfo", None) != (width, height):
                self.wrap(width, height)
            peek = self._doctemplateAttr("_peekNextFrame")
            frame = peek() if peek is not None else self._doctemplateAttr("frame")
            pieces = list(self._content)
            if frame is None or frame._aH >= self._H:
                pieces = list(super().split(width, height))
            # (an action first: the frame must be able to place the first piece whole, and
            # a group, or content that does not fit whole, cannot be)
            if isinstance(pieces[0], KeepIfFits) or pieces == list(self._content):
                pieces.insert(0, self.NullActionFlowable())
            return pieces

    return KeepIfFits
