"""The labels presskit prints, in the reader's language: the one place exporters ask.

:func:`label` gives a fixed string (a status line, a heading, "Page 1 of 3") for a BCP 47
language tag and a house style. The English wording is :data:`~presskit.i18n.labels.LABELS`;
the other languages come from gettext catalogues (domain ``presskit``: the package's
``presskit/locale/<id>/LC_MESSAGES/presskit.po``, and user catalogue folders made active
with :func:`using_catalogues`), where each entry's ``msgctxt`` is the label's key and its
``msgid`` the English text. The fallback chain and the lookup order are described in
:mod:`presskit.i18n.catalogues` and ``docs/languages.md``.
"""

from __future__ import annotations

from presskit.i18n.catalogues import (
    active_folders,
    clear_caches,
    fallback_chain,
    labels_state,
    printed_wordings,
    template,
    using_catalogues,
)
from presskit.i18n.labels import DESCRIPTIONS, LABELS

__all__ = [
    "DESCRIPTIONS",
    "LABELS",
    "active_folders",
    "clear_caches",
    "fallback_chain",
    "label",
    "labels_state",
    "read_label",
    "using_catalogues",
    "wordings",
]


def label(key: str, language: str = "en", style: str | None = None, **fields: object) -> str:
    """The label ``key`` for readers of ``language`` (a BCP 47 tag) in the house style
    ``style`` (``"sg"``, ``"us"``, ``"uk"`` or ``None``): the style's own wording where
    the language has one, else the language's general one, else English (the lookup is
    :func:`presskit.i18n.catalogues.template`; user catalogues from
    :func:`using_catalogues` come first).

    With ``fields``, the label's placeholders are filled (``label("page_of", "en",
    page=1, pages=3)`` is ``"Page 1 of 3"``); without, the text is returned as it stands,
    placeholders included.

    Raises:
        KeyError: no such key, or a placeholder without its field (programming errors,
            not bad input).
        SourceError: a user catalogue read for the first time is not a valid ``.po``.
    """
    text = template(key, language, style, active_folders())
    return text.format(**fields) if fields else text


def read_label(
    key: str, language: str, text: str, styles: tuple[str | None, ...] = (None, "sg", "us", "uk")
) -> tuple[dict[str, str], str] | None:
    """Read a printed label back (an importer reading presskit's own documents): when
    ``text`` starts with label ``key`` as :func:`label` prints it for ``language`` (in any
    of the house ``styles``, else in English), the placeholders' texts and the rest of
    ``text`` after the label; else ``None``.

    ``read_label("correction", "zh-SG", "2025年3月3日上午10时（新加坡时间）更正：Text")``
    is ``({"when": "2025年3月3日上午10时（新加坡时间）"}, "Text")``.
    """
    import re

    tried = set()
    for lang in (language, "en"):
        for style in styles:
            try:
                wording = template(key, lang, style, active_folders())
            except KeyError:
                continue
            if wording in tried:
                continue
            tried.add(wording)
            parts = re.split(r"\{(\w+)\}", wording)
            pattern = "".join(
                re.escape(piece.strip() if i == len(parts) - 1 else piece)
                if i % 2 == 0
                else f"(?P<{piece}>.+)"
                if i == len(parts) - 2 and not parts[-1].strip()
                else f"(?P<{piece}>.+?)"
                for i, piece in enumerate(parts)
            )
            found = re.match(pattern + r"\s*", text.strip(), re.S | re.I)
            if found:
                return found.groupdict(), text.strip()[found.end() :]
    return None


def wordings(key: str) -> frozenset[str]:
    """Every text label ``key`` is printed as, in English and in each language of
    presskit's own catalogues, in every house style (``wordings("end_mark")`` holds
    ``"- END -"``, ``"- 完 -"``, ``"以上"`` ...), placeholders unfilled: for readers of
    text that does not say its language (the plain-text importer). User catalogues made
    active with :func:`using_catalogues` count too.

    Raises:
        KeyError: ``key`` is not a label.
    """
    return printed_wordings(key, active_folders())
