"""What the newswire exporters (``iptc7901``, ``anpa1312``, ``nitf``, ``ninjs``,
``newsmlg2``) share: the item's identifier and version, its instants, its urgency, how a
joint release names its issuers, the wording of an embargo and of the byline, and the
paragraph numbers of a house style.

Every fixed word they print is a label (:func:`presskit.i18n.label`) in the release's
language, in the general wording (no house style: wire copy is for editors, and the
English copy keeps the wording it always had); a house style decides only the paragraph
numbers (:func:`body_numbers`).

Facts and sources: ../shared/reference/wire-formats.md.

Identity rules (every wire format follows them, so a receiver can match the same release
across formats):

* **id** (:func:`item_id`): a ``tag:`` URI (RFC 4151,
  https://www.rfc-editor.org/rfc/rfc4151) built from the lead issuer, the dateline's
  calendar date and the slug: ``tag:mddi.gov.sg,2025-01-17:asean-digital-ministers-2025``.
  The authority is the host of the lead issuer's ``url`` without ``www.``, or the issuer's
  id when it has no URL. The headline never enters it, so a corrected headline keeps the
  id.
* **version** (:func:`item_version`): 1 + the number of corrections; a correction bumps it.
* **version time** (:func:`version_created`): the latest of ``issued_at``, ``updated_at``
  and the corrections' instants.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, assert_never
from urllib.parse import urlsplit

import attrs

from presskit.errors import ExportError
from presskit.i18n import label
from presskit.layout import MAX_OFFSET, join_names, local_time, offset_label
from presskit.model import (
    Block,
    BulletList,
    Heading,
    Inline,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
)
from presskit.profiles import ENGLISH_MONTHS, Profile, format_date

__all__ = [
    "MAX_OFFSET",
    "MONTHS",
    "body_numbers",
    "byline",
    "check_urgency",
    "ednote_text",
    "embargo_text",
    "issuer_list",
    "item_id",
    "item_version",
    "local",
    "normalise_table",
    "plain",
    "readable_instant",
    "rfc3339",
    "text_block",
    "version_created",
]

#: English month names, January first (the table the house styles use).
MONTHS = ENGLISH_MONTHS


def item_id(release: PressRelease) -> str:
    """The release's stable identifier, a ``tag:`` URI (see the module documentation)."""
    lead = release.lead_issuer
    authority = lead.id
    if lead.url:
        host = (urlsplit(lead.url).hostname or "").lower()
        host = host.removeprefix("www.")
        if re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*", host):
            authority = host
    return f"tag:{authority},{release.dateline.date.isoformat()}:{release.slug}"


def item_version(release: PressRelease) -> int:
    """1 for a release as first issued, plus one for every correction."""
    return 1 + len(release.corrections)


def version_created(release: PressRelease) -> dt.datetime:
    """When the current version was made: the latest of ``issued_at``, ``updated_at``
    and the corrections (timezone-aware)."""
    instants = [release.issued_at]
    if release.updated_at is not None:
        instants.append(release.updated_at)
    instants.extend(c.at for c in release.corrections)
    return max(instants)


def local(instant: dt.datetime, release: PressRelease) -> dt.datetime:
    """``instant`` as the release's local time: :func:`presskit.layout.local_time`."""
    return local_time(instant, release)


def readable_instant(
    instant: dt.datetime, release: PressRelease, profile: Profile | None = None
) -> str:
    """An instant in the release's local time, as the wire copy writes it.

    English (``en``, ``en-SG`` ...): the time, the UTC offset and the long date,
    ``08:01 UTC+08:00, 4 March 2025``, as the copy always wrote it. Any other language:
    :func:`presskit.layout.format_instant` in the house style ``profile`` (default
    ``uk``, the long date), so the copy writes the instant as the printed release in
    that language does (``2025年3月4日 ...``)."""
    if release.language.split("-")[0].lower() != "en":
        from presskit.layout import format_instant
        from presskit.profiles import get_profile

        return format_instant(instant, release, profile or get_profile("uk"))
    when = local(instant, release)
    day = format_date(when.date(), "long", release.language)
    return f"{when:%H:%M} {offset_label(when)}, {day}"


def embargo_text(
    release: PressRelease, now: dt.datetime | None = None, profile: Profile | None = None
) -> str | None:
    """The embargo instant as :func:`readable_instant` writes it (in the house style
    ``profile``), or ``None`` for immediate release or once the embargo has lifted at
    ``now`` (timezone-aware; ``None``: the embargo holds), as the text, the e-mail and the
    page say."""
    from presskit.publication import embargo_holds

    until = release.embargoed_until
    if until is None or not embargo_holds(release, now):
        return None
    return readable_instant(until, release, profile)


def rfc3339(instant: dt.datetime, release: PressRelease) -> str:
    """``2025-01-17T00:00:00+08:00``: RFC 3339 with a colon in the offset, in the
    release's time zone (seconds, no fraction)."""
    return local(instant, release).isoformat(timespec="seconds")


def plain(runs: Inline) -> str:
    """The runs' text, styles and links dropped."""
    return "".join(run.text for run in runs)


def text_block(block: Block, opening: str = "") -> list[str]:
    """A block as plain-text paragraphs."""
    from presskit.layout import lead_in, quote_credit

    match block:
        case Paragraph() | Heading():
            return [opening + plain(block.runs)]
        case Quote():
            texts = [plain(p) for p in block.paragraphs]
            if block.lead_in:
                texts[0] = lead_in(block.lead_in) + texts[0]
            texts[0] = opening + texts[0]
            credit = quote_credit(block)  # a quote is attributed once
            if credit:
                texts.append(credit)
            return texts
        case BulletList():
            return ["\n".join(f"- {plain(item)}" for item in block.items)]
        case NumberedList():
            items = enumerate(block.items, start=block.start)
            return ["\n".join(f"{n}. {plain(item)}" for n, item in items)]
        case _:
            assert_never(block)


def ednote_text(release: PressRelease) -> str:
    """Notices and notes to editors as plain text (not for publication), the notes under
    the label ``wire.notes_to_editors`` (``Notes to editors:``)."""
    paragraphs: list[str] = []
    for notice in release.notices:
        paragraphs += [p for block in notice.body for p in text_block(block)]
    if release.notes_to_editors:
        paragraphs.append(label("wire.notes_to_editors", release.language))
        paragraphs += [p for block in release.notes_to_editors for p in text_block(block)]
    return "\n\n".join(paragraphs)


def issuer_list(names: list[str], language: str = "en") -> str:
    """``A``, ``A and B``, ``A, B and C`` in ``language`` (a BCP 47 tag):
    :func:`presskit.layout.join_names`."""
    return join_names(names, language)


def byline(release: PressRelease, names: list[str] | None = None) -> str:
    """``Issued by MDDI`` or ``Jointly issued by MDDI and IMDA`` in the release's language
    (labels ``issued_by``, ``jointly_issued``); ``names`` default to the issuers' short
    names, lead first."""
    if names is None:
        names = [issuer.short_name for issuer in release.issuers]
    key = "jointly_issued" if release.is_joint else "issued_by"
    return label(key, release.language, issuers=issuer_list(names, release.language))


def body_numbers(release: PressRelease, profile: Profile) -> list[int | None]:
    """The paragraph number of each block of ``release.body`` (in order), as the house
    style ``profile`` prints it (:class:`presskit.layout.BodyBlock`): 1, 2, 3 ... for
    paragraphs and quotes where the profile numbers paragraphs, else ``None``."""
    from presskit.layout import Body, layout

    for part in layout(release, profile).parts:
        if isinstance(part, Body):
            return [block.number for block in part.blocks]
    return [None] * len(release.body)  # a profile that does not print the body


def check_urgency(fmt: str, value: object) -> None:
    """Raise :class:`ExportError` unless ``value`` is a whole number from 1 to 9 (the
    IPTC urgency scale: 1 most urgent, 5 normal, 9 least)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9:
        raise ExportError(
            f"{fmt}: option urgency must be a whole number from 1 to 9, got {value!r}"
        )


def normalise_table(fmt: str, name: str, value: Any, pattern: str) -> dict[str, str]:
    """A code table given as a mapping (TOML keys are strings: ``{5 = "r"}``) with its
    keys and values as strings; every value must match ``pattern``.

    Raises:
        ExportError: not a mapping, or a code that does not match.
    """
    if not isinstance(value, Mapping):
        raise ExportError(f"{fmt}: option {name} must be a table, got {value!r}")
    table = {str(k).strip(): str(v) for k, v in value.items()}
    for key, code in table.items():
        if not re.fullmatch(pattern, code):
            raise ExportError(
                f"{fmt}: option {name}: code {code!r} for {key!r} does not match {pattern}"
            )
    return table


def urgency_field(fmt: str) -> Any:
    """An attrs field for the ``urgency`` option (default 5, normal)."""
    return attrs.field(default=5, validator=lambda _, a, v: check_urgency(fmt, v))
