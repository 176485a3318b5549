"""The labels presskit prints, in the reader's language: the one place exporters ask.

:func:`label` gives a fixed string (a status line, a heading, "Page 1 of 3") for a BCP 47
language tag and a house style. The English wording is :data:`~presskit.i18n.labels.LABELS`;
the other languages come from gettext catalogues (``presskit/locale/<locale>/LC_MESSAGES/
presskit.po``), where each entry's ``msgctxt`` is the label's key and its ``msgid`` the
English text (see ``docs/languages.md``).
"""

from __future__ import annotations

from presskit.i18n.labels import DESCRIPTIONS, LABELS

__all__ = ["DESCRIPTIONS", "LABELS", "label"]


def label(key: str, language: str = "en", style: str | None = None, **fields: object) -> str:
    """The label ``key`` for readers of ``language`` (a BCP 47 tag) in the house style
    ``style`` (``"sg"``, ``"us"``, ``"uk"`` or ``None``): the style's own wording where
    it has one, else the general one.

    With ``fields``, the label's placeholders are filled (``label("page_of", "en",
    page=1, pages=3)`` is ``"Page 1 of 3"``); without, the text is returned as it stands,
    placeholders included.

    Raises:
        KeyError: no such key, or a placeholder without its field (programming errors,
            not bad input).
    """
    text = LABELS.get((key, style)) or LABELS[key, None]
    return text.format(**fields) if fields else text
