"""The reportlab paragraph of :mod:`presskit.exporters._pdflines`, which breaks its lines
once however many pages it runs over (see there). This module imports reportlab: it is
imported when :func:`presskit.exporters._pdflines.paragraph_class` is first called."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _FK_BREAK

__all__ = ["LinearParagraph"]


class LinearParagraph(Paragraph):  # type: ignore[misc]
    """A reportlab ``Paragraph`` that hands its broken lines to the rest it is split into."""

    lines_broken: int = 0  # for tests

    # (availWidth, lines) handed over by the paragraph this one was split from
    _rest: tuple[float, Any] | None = None
    # styled lines (kind 1) index their first word in the paragraph's word list
    # (sFW); handed-over lines keep the indexes of the first paragraph's list, which
    # the rest's own list starts at index _offset of
    _offset: int = 0

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) == 2 and hasattr(self, "blPara"):
            head, rest = parts
            lines, rest._offset = _hand_over(self, rest, len(head.blPara.lines))
            rest._rest = (self.width, lines)
        return parts

    def _split_blParaProcessed(self, blPara: Any, start: int, stop: int) -> list[Any]:
        """reportlab's, with the word indexes counted from ``_offset``."""
        from reportlab.platypus.paragraph import (
            _InjectedFrag,
            _SHYWord,
            _SHYWordHS,
            _SplitFragHY,
            _SplitFragLL,
        )

        if not stop:
            return []
        lines = blPara.lines
        first = max(0, lines[start].sFW - self._offset)
        end = lines[stop].sFW - self._offset if stop != len(lines) else len(self.frags)
        words: list[Any] = self.frags[first:end]
        while words and isinstance(words[-1], _InjectedFrag):
            del words[-1]
        if isinstance(words[-1], _SplitFragHY):
            words[-1].__class__ = _SHYWordHS if isinstance(words[-1], _SHYWord) else _SplitFragLL
        return words

    def _get_split_blParaFunc(self) -> Any:
        """reportlab makes the rest of a plain paragraph (kind 0) by listing every word
        of its lines, on every page: the rest here lists them only if it is broken
        again (at another width)."""
        split = super()._get_split_blParaFunc()
        if self.blPara.kind != 0:
            return split
        count = len(self.blPara.lines)

        def lazily(para: Any, start: int, stop: int) -> Any:
            if start == 0 or stop != count:
                return split(para, start, stop)
            head = para.clone()
            for name in ("lines", "kind", "text"):
                head.__dict__.pop(name, None)
            head.words = _LazyWords(lambda: split(para, start, stop)[0].words)
            return [head]

        return lazily

    def breakLines(self, width: Any) -> Any:
        return self._reused(width) or self._counted(super().breakLines, width)

    def breakLinesCJK(self, width: Any) -> Any:
        return self._reused(width) or self._counted(super().breakLinesCJK, width)

    def _counted(self, method: Any, width: Any) -> Any:
        result = method(width)
        type(self).lines_broken += len(result.lines)
        return result

    def _reused(self, widths: Any) -> Any:
        """The lines handed over at split, when every line has the width they were
        broken for (else None, and they are broken again)."""
        if self._rest is None or self.bulletText:
            return None
        broken_at, lines = self._rest
        style = self.style
        wanted = broken_at - style.leftIndent - style.rightIndent
        if not isinstance(widths, list | tuple):
            widths = [widths]
        if any(abs(w - wanted) > 1e-6 for w in widths):
            self._rest = None
            self._offset = 0  # the lines broken now index this paragraph's words
            return None
        return lines


class _LazyWords(Sequence[str]):
    """A list of words made when first read."""

    def __init__(self, make: Callable[[], list[str]]) -> None:
        self._make: Callable[[], list[str]] | None = make
        self._words: list[str] = []

    def _list(self) -> list[str]:
        if self._make is not None:
            self._words, self._make = self._make(), None
        return self._words

    def __len__(self) -> int:
        return len(self._list())

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        return self._list()[index]


def _hand_over(paragraph: Any, rest: Any, start: int) -> tuple[Any, int]:
    """The broken lines of ``paragraph`` from line ``start`` on, for ``rest``, the
    paragraph ``split`` made of them, and the index in the first paragraph's word list
    that the word list of ``rest`` starts at (styled text, kind 1; else 0).

    The lines are not copied one by one (that would be quadratic again). ``rest`` starts
    at line ``start``'s first word, or at the line break that ended the line before:
    reportlab keeps that break, and breaking ``rest`` again would begin it with an empty
    line (Thai text, broken into lines with ``<br/>``, started each continued page one
    line down). The break is dropped from ``rest``."""
    para = paragraph.blPara
    lines = para.lines[start:]
    offset = 0
    if para.kind == 1 and lines and hasattr(lines[0], "sFW"):
        words = rest.frags
        drop = 1 if words and getattr(words[0][1][0], "_fkind", None) == _FK_BREAK else 0
        rest.frags = words[drop:]
        offset = lines[0].sFW + drop
    return para.clone(lines=lines), offset
