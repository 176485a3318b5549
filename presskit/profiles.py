"""House styles: which parts a release prints, in which order, with which labels.

The order of parts is decided here, once, so every exporter that follows a profile (the
press-wire text today; DOCX, PDF, HTML and e-mail too) prints the same release the same
way. Three profiles are built in:

``sg``
    Singapore government style: a dateline line ``SINGAPORE – 17 JAN 2025``, numbered
    body paragraphs, "LAST UPDATED", "Jointly issued by", ``- END -``, the "About"
    boilerplates and "For media clarifications".
``us``
    US newswire style: ``FOR IMMEDIATE RELEASE``, an AP-style dateline opening the lede
    (``SINGAPORE, Jan. 17, 2025 –``), unnumbered paragraphs, boilerplates and media
    contacts, then the end mark ``###``.
``uk``
    UK style: dateline ``SINGAPORE, 17 January 2025 –`` opening the lede, ``ENDS`` after
    the body, then "Notes to editors" (the notes, then the boilerplates) and the media
    contacts.

Sources for the conventions: ../shared/reference/wire-formats.md section 5 (AP style
months, end marks, UK "Notes to editors" order, Singapore government practice).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from presskit.errors import ExportError
from presskit.model import MediaContact, PressRelease

__all__ = [
    "PROFILES",
    "ContactLine",
    "Part",
    "Profile",
    "check_profile",
    "contact_lines",
    "dateline_opens_lede",
    "format_date",
    "format_dateline",
    "format_instant",
    "get_profile",
    "jointly_issued",
    "last_updated",
    "lead_in",
    "running_header",
    "status_line",
]


class Part(enum.Enum):
    """The parts of a printed release."""

    STATUS = "status"
    NOTICES = "notices"
    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"
    DATELINE = "dateline"
    BODY = "body"
    CORRECTIONS = "corrections"
    LAST_UPDATED = "last_updated"
    JOINTLY_ISSUED = "jointly_issued"
    END_MARK = "end_mark"
    NOTES_TO_EDITORS = "notes_to_editors"
    BOILERPLATES = "boilerplates"
    MEDIA_CONTACTS = "media_contacts"


@attrs.frozen(kw_only=True)
class Profile:
    """A house style.

    Attributes:
        name: ``"sg"``, ``"us"`` or ``"uk"``.
        order: the parts in print order. ``DATELINE`` in the order means the dateline
            stands on its own line; without it, the dateline opens the lede.
        date_style: ``"sg"`` (``17 JAN 2025``), ``"ap"`` (``Jan. 17, 2025``) or
            ``"long"`` (``17 January 2025``); non-English releases use their locale's
            medium date format.
        number_paragraphs: number body paragraphs and quotes 1, 2, 3 ...
        end_mark: the end mark (``"- END -"``, ``"###"``, ``"ENDS"``).
        centre_end_mark: centre the end mark on the line.
        boilerplates_in_notes: print the boilerplates as items of "Notes to editors".
        immediate, embargoed, last_updated, jointly_issued, notes_to_editors, contacts,
        correction: labels.
    """

    name: str
    order: tuple[Part, ...]
    date_style: str
    number_paragraphs: bool
    end_mark: str
    centre_end_mark: bool = False
    boilerplates_in_notes: bool = False
    immediate: str = "FOR IMMEDIATE RELEASE"
    embargoed: str = "EMBARGOED UNTIL"
    last_updated: str = "Last updated:"
    jointly_issued: str = "Jointly issued by"
    notes_to_editors: str = "Notes to editors"
    contacts: str = "Media contacts:"
    correction: str = "Correction"

    @property
    def dateline_in_lede(self) -> bool:
        """True when the dateline opens the first paragraph."""
        return Part.DATELINE not in self.order


_P = Part
PROFILES: dict[str, Profile] = {
    "sg": Profile(
        name="sg",
        order=(
            _P.STATUS,
            _P.NOTICES,
            _P.HEADLINE,
            _P.SUBHEADLINE,
            _P.DATELINE,
            _P.BODY,
            _P.CORRECTIONS,
            _P.LAST_UPDATED,
            _P.JOINTLY_ISSUED,
            _P.END_MARK,
            _P.NOTES_TO_EDITORS,
            _P.BOILERPLATES,
            _P.MEDIA_CONTACTS,
        ),
        date_style="sg",
        number_paragraphs=True,
        end_mark="- END -",
        last_updated="LAST UPDATED:",
        contacts="For media clarifications:",
    ),
    "us": Profile(
        name="us",
        order=(
            _P.STATUS,
            _P.NOTICES,
            _P.HEADLINE,
            _P.SUBHEADLINE,
            _P.BODY,
            _P.CORRECTIONS,
            _P.LAST_UPDATED,
            _P.JOINTLY_ISSUED,
            _P.NOTES_TO_EDITORS,
            _P.BOILERPLATES,
            _P.MEDIA_CONTACTS,
            _P.END_MARK,
        ),
        date_style="ap",
        number_paragraphs=False,
        end_mark="###",
        centre_end_mark=True,
        notes_to_editors="Note to editors:",
    ),
    "uk": Profile(
        name="uk",
        order=(
            _P.STATUS,
            _P.NOTICES,
            _P.HEADLINE,
            _P.SUBHEADLINE,
            _P.BODY,
            _P.CORRECTIONS,
            _P.LAST_UPDATED,
            _P.JOINTLY_ISSUED,
            _P.END_MARK,
            _P.NOTES_TO_EDITORS,
            _P.BOILERPLATES,
            _P.MEDIA_CONTACTS,
        ),
        date_style="long",
        number_paragraphs=False,
        end_mark="ENDS",
        boilerplates_in_notes=True,
        contacts="Media enquiries:",
    ),
}


def check_profile(_: object, attribute: Any, value: str) -> None:
    """An attrs validator for exporter options: ``value`` names a built-in profile.

    Raises:
        ExportError: it does not; the message lists the profiles.
    """
    get_profile(value)


def get_profile(name: str) -> Profile:
    """The built-in profile called ``name``.

    Raises:
        ExportError: no such profile; the message lists the profiles.
    """
    try:
        return PROFILES[name]
    except KeyError:
        raise ExportError(
            f"option profile: unknown profile {name!r}; available profiles: {', '.join(PROFILES)}"
        ) from None


_AP_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


def format_date(day: dt.date, style: str, language: str = "en") -> str:
    """A calendar date in a profile's style.

    ``sg``: ``17 JAN 2025``; ``ap``: ``Jan. 17, 2025`` (AP: March to July spelled out,
    ``Sept.``); ``long``: ``17 January 2025``. For a language other than English, the
    locale's medium form from CLDR (babel), e.g. ``2025年1月17日`` for ``zh``.
    """
    primary = language.split("-")[0].lower()
    if primary != "en":
        from babel import Locale, UnknownLocaleError
        from babel.dates import format_date as babel_date

        try:
            locale = Locale.parse(language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            try:
                locale = Locale.parse(primary)
            except (UnknownLocaleError, ValueError):
                locale = Locale.parse("en")
        return babel_date(day, "medium", locale=locale)
    if style == "sg":
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1][:3].upper()} {day.year}"
    if style == "ap":
        return f"{_AP_MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


#: English month names, January first.
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _local(instant: dt.datetime, release: PressRelease) -> dt.datetime:
    if release.time_zone:
        from zoneinfo import ZoneInfo

        return instant.astimezone(ZoneInfo(release.time_zone))
    return instant


def _zone_label(local: dt.datetime, language: str) -> str:
    """The zone's short name as readers of ``language`` know it (CLDR through babel:
    ``SGT`` for Asia/Singapore in en-SG, ``EST`` in en-US), else the zone database's
    abbreviation when it is a word (``GMT``, ``JST``), else ``UTC+08:00``."""
    from zoneinfo import ZoneInfo

    if isinstance(local.tzinfo, ZoneInfo):
        from babel import Locale, UnknownLocaleError
        from babel.dates import get_timezone_name

        try:
            locale = Locale.parse(language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            locale = Locale.parse("en")
        name = get_timezone_name(local, width="short", locale=locale)
        if name.isalpha() and name.isupper() and 2 <= len(name) <= 5:
            return name
    name = local.tzname() or ""
    if name.isalpha() and name.isupper() and 2 <= len(name) <= 5:
        return name
    offset = local.utcoffset() or dt.timedelta(0)
    if not offset:
        return "UTC"
    sign = "+" if offset >= dt.timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def format_instant(instant: dt.datetime, release: PressRelease, profile: Profile) -> str:
    """``10:00 UTC+08:00, 17 JAN 2025``: a 24-hour local time (in the release's
    ``time_zone``, or the offset the instant carries), the zone, and the date in the
    profile's style. A zone abbreviation is used where the zone database has a real one
    (``GMT``, ``BST``, ``EST``), else the UTC offset."""
    local = _local(instant, release)
    date = format_date(local.date(), profile.date_style, release.language)
    return f"{local:%H:%M} {_zone_label(local, release.language)}, {date}"


def status_line(release: PressRelease, profile: Profile, now: dt.datetime | None = None) -> str:
    """``FOR IMMEDIATE RELEASE``, or ``EMBARGOED UNTIL 10:00 SGT, 17 JAN 2025`` while the
    embargo holds: when ``now`` (timezone-aware) is given and the embargo has lifted, the
    release is for immediate release."""
    from presskit.publication import embargo_holds

    until = release.embargoed_until
    if until is None or not embargo_holds(release, now):
        return profile.immediate
    return f"{profile.embargoed} {format_instant(until, release, profile)}"


def format_dateline(release: PressRelease, profile: Profile) -> str:
    """The dateline: ``SINGAPORE – 17 JAN 2025`` (sg) or ``SINGAPORE, Jan. 17, 2025``
    (us; uk alike with ``17 January 2025``). The place is printed in capitals."""
    place = release.dateline.place.upper()
    date = format_date(release.dateline.date, profile.date_style, release.language)
    if profile.date_style == "sg":
        return f"{place} – {date}"
    return f"{place}, {date}"


def dateline_opens_lede(release: PressRelease, profile: Profile) -> bool:
    """True when the dateline is printed at the start of the lede; when the profile
    wants that but the body does not start with a paragraph, the dateline stands on its
    own line before the body instead."""
    return profile.dateline_in_lede and release.lede is not None


def jointly_issued(release: PressRelease, profile: Profile) -> str | None:
    """``Jointly issued by MDDI and IMDA`` (short names, lead first), or ``None`` for a
    release with one issuer."""
    if not release.is_joint:
        return None
    names = [issuer.short_name for issuer in release.issuers]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{profile.jointly_issued} {listed}"


@attrs.frozen
class ContactLine:
    """One printed line of a media contact.

    Attributes:
        kind: ``"name"``, ``"title"``, ``"department"``, ``"organisation"``, ``"phone"``
            or ``"email"``.
        label: printed before the value (``"Tel: "``, ``"Email: "``), or ``""``.
        text: the value as printed.
        href: a ``tel:`` or ``mailto:`` link for the value, or ``None``.
    """

    kind: str
    label: str
    text: str
    href: str | None = None


def contact_lines(contact: MediaContact, profile: Profile) -> list[ContactLine]:
    """A contact's lines, in the order and form every format prints them: the name (with
    the honorific in brackets in the ``sg`` profile: ``(Ms) Adeline Lee``), title,
    department (in brackets in ``sg``), organisation, phone, e-mail."""
    import re

    sg = profile.name == "sg"
    if contact.honorific:
        name = (
            f"({contact.honorific}) {contact.name}" if sg else f"{contact.honorific} {contact.name}"
        )
    else:
        name = contact.name
    lines = [ContactLine("name", "", name)]
    if contact.title:
        lines.append(ContactLine("title", "", contact.title))
    if contact.department:
        department = f"({contact.department})" if sg else contact.department
        lines.append(ContactLine("department", "", department))
    if contact.organisation:
        lines.append(ContactLine("organisation", "", contact.organisation))
    if contact.phone:
        tel = "tel:" + re.sub(r"[^\d+]", "", contact.phone)
        lines.append(ContactLine("phone", "Tel: ", contact.phone, tel))
    if contact.email:
        lines.append(ContactLine("email", "Email: ", contact.email, f"mailto:{contact.email}"))
    return lines


def lead_in(text: str) -> str:
    """A quote's lead-in as it runs into the quote: followed by a space, except after
    full-width punctuation (``杨莉明部长说：“...``), which carries its own space."""
    last = text[-1:]
    full_width = bool(last) and ("\u3000" <= last <= "\u303f" or "\uff00" <= last <= "\uffef")
    return text if full_width else f"{text} "


def running_header(release: PressRelease, profile: Profile) -> str:
    """The header of pages after the first: the issuers' short names and the dateline
    (``MDDI and IMDA  |  SINGAPORE – 17 JAN 2025``)."""
    names = [issuer.short_name for issuer in release.issuers]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed}\u00a0\u00a0|\u00a0 {format_dateline(release, profile)}"


def last_updated(release: PressRelease, profile: Profile) -> str | None:
    """``LAST UPDATED: 17 JAN 2025`` (the local date), or ``None``."""
    if release.updated_at is None:
        return None
    day = _local(release.updated_at, release).date()
    return f"{profile.last_updated} {format_date(day, profile.date_style, release.language)}"
