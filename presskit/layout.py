"""The layout of a printed release: what every format prints, decided once.

:func:`layout` turns a release and a house style (:class:`~presskit.profiles.Profile`)
into a :class:`Layout`: a tree of frozen parts in print order, with their content
already decided (the status line, the dateline and where it stands, the paragraph
numbers, the labels, the local times, the joined lists of names). Every writer (the
``text``, ``pdf``, ``docx``, ``html`` and ``eml`` exporters, and the HTML fragment of
:mod:`presskit.fragment`) walks :attr:`Layout.parts` with one exhaustive ``match`` ending in
``assert_never``, as pandoc's writers walk its AST, and decides only how each part
looks in its format.

Three helpers hold decisions the wire formats share too:

* :func:`label`: the labels of the documents a reader sees (text, PDF, DOCX, the
  release page and index pages, the e-mail, the feeds' HTML), in the reader's language
  (English only today; localisation hooks in here). The wire formats (NITF, ninjs,
  NewsML-G2, IPTC 7901, ANPA 1312) keep their English wording for editors;
* :func:`local_time`: the one rule for "the release's local time";
* :func:`join_names`: ``A``, ``A and B``, ``A, B and C``.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Sequence
from typing import TypeAlias

import attrs

from presskit.i18n import LABELS, dates, label, labels_state
from presskit.model import Block, MediaContact, Paragraph, PressRelease, Quote
from presskit.profiles import Part, Profile, format_date
from presskit.publication import embargo_holds
from presskit.uri import iri_to_uri

__all__ = [
    "LABELS",
    "MAX_OFFSET",
    "Body",
    "BodyBlock",
    "Boilerplate",
    "Boilerplates",
    "ContactLine",
    "Correction",
    "Corrections",
    "Dateline",
    "EndMark",
    "Headline",
    "JointlyIssued",
    "LastUpdated",
    "Layout",
    "LayoutPart",
    "MediaContacts",
    "NotesToEditors",
    "Notices",
    "Status",
    "Subheadline",
    "contact_lines",
    "dateline_opens_lede",
    "format_dateline",
    "format_instant",
    "join_names",
    "jointly_issued",
    "label",
    "last_updated",
    "layout",
    "lead_in",
    "local_time",
    "offset_label",
    "quote_credit",
    "running_header",
    "status_line",
]

# --- labels ---------------------------------------------------------------------------


def join_names(names: Sequence[str], language: str = "en") -> str:
    """``A``, ``A and B``, ``A, B and C`` (no serial comma), with the words of
    :func:`label` (``list.comma``, ``list.and``); ``""`` for no names."""
    if len(names) <= 1:
        return "".join(names)
    comma = label("list.comma", language)
    return comma.join(names[:-1]) + label("list.and", language) + names[-1]


# --- local time -----------------------------------------------------------------------

#: The largest UTC offset a date format may carry: XML Schema's ``xs:dateTime`` (which
#: NewsML-G2 uses) and RFC 3339 in practice stop at ±14:00 (Pacific/Kiritimati).
MAX_OFFSET = dt.timedelta(hours=14)


def local_time(instant: dt.datetime, release: PressRelease) -> dt.datetime:
    """``instant`` (timezone-aware) as the release's local time, in whole seconds.

    The rule, the same in every format: the instant is shown in the release's
    ``time_zone`` (an IANA name such as ``Asia/Singapore``, resolved by :mod:`zoneinfo`)
    when it has one, else with the UTC offset the instant itself carries (as the source
    wrote it). When that offset is not a whole number of minutes (local mean time, e.g.
    ``+06:55:25`` in Asia/Singapore before 1905) or lies beyond ±14:00
    (:data:`MAX_OFFSET`), neither RFC 822, RFC 3339 nor XML Schema can write it, and the
    instant is given in UTC instead. Microseconds are dropped.
    """
    if release.time_zone:
        from zoneinfo import ZoneInfo

        instant = instant.astimezone(ZoneInfo(release.time_zone))
    offset = instant.utcoffset() or dt.timedelta(0)
    if offset.seconds % 60 or offset.microseconds or abs(offset) > MAX_OFFSET:
        instant = instant.astimezone(dt.UTC)
    return instant.replace(microsecond=0)


def _zone_label(local: dt.datetime, language: str) -> str:
    """The zone's name as readers of ``language`` know it (CLDR through babel): ``SGT``
    for Asia/Singapore in en-SG and ms-SG, ``EST`` in en-US, ``WIB`` in id; by its place
    in Chinese, Japanese and Thai (``新加坡时间``, ``日本時間``, ``เวลาไทย``,
    :func:`presskit.i18n.dates.names_zone_by_place`); else the zone database's
    abbreviation when it is a word (``GMT``, ``JST``), else ``UTC+08:00``."""
    from zoneinfo import ZoneInfo

    if isinstance(local.tzinfo, ZoneInfo):
        from babel import Locale, UnknownLocaleError
        from babel.dates import get_timezone_location, get_timezone_name

        try:
            locale = Locale.parse(language.split("-u-")[0].replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            locale = Locale.parse("en")
        if dates.names_zone_by_place(language):
            return get_timezone_location(local, locale=locale)
        name = get_timezone_name(local, width="short", locale=locale)
        if name.isalpha() and name.isupper() and 2 <= len(name) <= 5:
            return name
    name = local.tzname() or ""
    if name.isalpha() and name.isupper() and 2 <= len(name) <= 5:
        return name
    return offset_label(local)


def offset_label(instant: dt.datetime) -> str:
    """``UTC`` or ``UTC+08:00`` for an aware datetime (whole minutes of its offset)."""
    offset = instant.utcoffset() or dt.timedelta(0)
    if not offset:
        return "UTC"
    sign = "+" if offset >= dt.timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# --- the decisions of one line each -------------------------------------------------------


def format_instant(instant: dt.datetime, release: PressRelease, profile: Profile) -> str:
    """``10:00 SGT, 17 JAN 2025``: a 24-hour local time (:func:`local_time`), the zone,
    and the date in the profile's style, in the release's language
    (:func:`presskit.i18n.dates.format_moment`: ``2025年3月3日上午10时（新加坡时间）``,
    ``14 เมษายน 2568 เวลา 10.00 น. (เวลาไทย)``). The zone is named as readers of the
    release's language know it (CLDR), else by the zone database's abbreviation when it
    has a real one (``GMT``, ``BST``), else by the UTC offset (``UTC+08:00``)."""
    local = local_time(instant, release)
    zone = _zone_label(local, release.language)
    return dates.format_moment(local, zone, profile.date_style, release.language)


def status_line(release: PressRelease, profile: Profile, now: dt.datetime | None = None) -> str:
    """``FOR IMMEDIATE RELEASE``, or ``EMBARGOED UNTIL 10:00 SGT, 17 JAN 2025`` while the
    embargo holds: when ``now`` (timezone-aware) is given and the embargo has lifted, the
    release is for immediate release."""
    lang, style = release.language, profile.name
    if not embargo_holds(release, now):
        return label("status.immediate", lang, style)
    until = release.embargoed_until
    assert until is not None
    return label("status.embargoed", lang, style, when=format_instant(until, release, profile))


def format_dateline(release: PressRelease, profile: Profile) -> str:
    """The dateline: ``SINGAPORE – 17 JAN 2025`` (sg) or ``SINGAPORE, Jan. 17, 2025``
    (us; uk alike with ``17 January 2025``), in the release's language
    (:func:`presskit.i18n.dates.format_dateline`: ``新加坡，2025年3月3日``,
    ``KUALA LUMPUR – 3 MAC 2025``). The place is printed in capitals where its script
    has case."""
    dateline = release.dateline
    return dates.format_dateline(
        dateline.place, dateline.date, profile.date_style, release.language
    )


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
    names = join_names([i.short_name for i in release.issuers], release.language)
    return label("jointly_issued", release.language, profile.name, issuers=names)


def running_header(release: PressRelease, profile: Profile) -> str:
    """The header of pages after the first: the issuers' short names and the dateline
    (``MDDI and IMDA  |  SINGAPORE – 17 JAN 2025``)."""
    listed = join_names([i.short_name for i in release.issuers], release.language)
    return f"{listed}\u00a0\u00a0|\u00a0 {format_dateline(release, profile)}"


def last_updated(release: PressRelease, profile: Profile) -> str | None:
    """``LAST UPDATED: 17 JAN 2025`` (the local date, :func:`local_time`), or ``None``."""
    if release.updated_at is None:
        return None
    day = local_time(release.updated_at, release).date()
    date = format_date(day, profile.date_style, release.language)
    return label("last_updated", release.language, profile.name, date=date)


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


def contact_lines(
    contact: MediaContact, profile: Profile, language: str = "en"
) -> list[ContactLine]:
    """A contact's lines, in the order and form every format prints them: the name (with
    the honorific in brackets where the profile brackets them, ``sg``: ``(Ms) Adeline
    Lee``), title, department (bracketed alike), organisation, phone, e-mail."""
    brackets = profile.bracketed_contacts
    name = contact.name
    if contact.honorific:
        honorific = f"({contact.honorific})" if brackets else contact.honorific
        name = f"{honorific} {contact.name}"
    lines = [ContactLine("name", "", name)]
    if contact.title:
        lines.append(ContactLine("title", "", contact.title))
    if contact.department:
        department = f"({contact.department})" if brackets else contact.department
        lines.append(ContactLine("department", "", department))
    if contact.organisation:
        lines.append(ContactLine("organisation", "", contact.organisation))
    if contact.phone:
        tel = "tel:" + re.sub(r"[^\d+]", "", contact.phone)
        number = contact.phone
        if _right_to_left(language):
            # LRM: after an Arabic label the digit groups would be laid out right to left
            # ("5678 1234 3 60+", UAX #9 N1); after a strong L they read in order (W7)
            number = "\u200e" + number
        lines.append(ContactLine("phone", label("contact.phone", language), number, tel))
    if contact.email:
        words = label("contact.email", language)
        # (an address may hold what a URI may not: o|brien@example.ie is mailto:o%7Cbrien@...)
        mailto = iri_to_uri(f"mailto:{contact.email}")
        lines.append(ContactLine("email", words, contact.email, mailto))
    return lines


def _right_to_left(language: str) -> bool:
    from presskit.fragment import direction  # same layer; fragment imports this module

    return direction(language) == "rtl"


def lead_in(text: str) -> str:
    """A quote's lead-in as it runs into the quote: followed by a space, except after
    full-width punctuation (``杨莉明部长说：“...``), which carries its own space. A
    bidi embedding, override or isolate the lead-in opens is closed at its end, so it
    does not reverse the quote (UAX #9: they last to the paragraph's end)."""
    last = text[-1:]
    full_width = bool(last) and ("\u3000" <= last <= "\u303f" or "\uff00" <= last <= "\uffef")
    text = _close_bidi(text)
    return text if full_width else f"{text} "


_EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF (U+202C)
_ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI (U+2069)
_OPENERS = re.compile(f"[{_EMBEDDINGS}{_ISOLATES}]")


def _close_bidi(text: str) -> str:
    """``text`` with the closers of the explicit embeddings, overrides and isolates it
    leaves open (none: ``text`` itself)."""
    if not _OPENERS.search(text):
        return text
    open_: list[str] = []
    for ch in text:
        if ch in _EMBEDDINGS:
            open_.append("\u202c")
        elif ch in _ISOLATES:
            open_.append("\u2069")
        elif ch == "\u202c" and open_ and open_[-1] == "\u202c":
            open_.pop()
        elif ch == "\u2069" and "\u2069" in open_:
            del open_[len(open_) - 1 - open_[::-1].index("\u2069") :]
    return text + "".join(reversed(open_))


def quote_credit(quote: Quote) -> str | None:
    """The line that credits a quote below it (``"— Josephine Teo, Minister for ..."``),
    or ``None``.

    A quote is attributed once. One with a lead-in (``Minister Teo said:``) is attributed
    by it, as it runs into the text; crediting the speaker again below would attribute it
    twice. Only a quote without a lead-in is credited below, with ``speaker`` and
    ``speaker_title``. Every format that prints the release (text, PDF, DOCX, HTML, the
    e-mail, the wire copy) follows this rule."""
    if quote.lead_in is not None or quote.attribution is None:
        return None
    return f"— {quote.attribution}"


# --- the tree -------------------------------------------------------------------------


@attrs.frozen
class Status:
    """The status line (``FOR IMMEDIATE RELEASE``, ``EMBARGOED UNTIL ...``); ``embargoed``
    is true while the embargo holds."""

    text: str
    embargoed: bool


@attrs.frozen
class Notices:
    """The notices' blocks (a correction notice, a note on the embargo), unnumbered."""

    blocks: tuple[Block, ...]


@attrs.frozen
class Headline:
    """The headline."""

    text: str


@attrs.frozen
class Subheadline:
    """The subheadline (present only when the release has one)."""

    text: str


@attrs.frozen
class Dateline:
    """The dateline on a line of its own (``SINGAPORE – 17 JAN 2025``)."""

    text: str


@attrs.frozen
class BodyBlock:
    """A block of the body.

    Attributes:
        block: the block.
        number: its paragraph number (1, 2, 3 ...) when the house style numbers
            paragraphs and the block is a paragraph or a quote; else ``None``.
        dateline: the dateline that opens it, with its dash
            (``SINGAPORE, Jan. 17, 2025 – ``), on the lede only; else ``None``.
    """

    block: Block
    number: int | None = None
    dateline: str | None = None


@attrs.frozen
class Body:
    """The body, block by block."""

    blocks: tuple[BodyBlock, ...]


@attrs.frozen
class Correction:
    """One correction: ``Correction (when):`` and what was corrected.

    Attributes:
        lead: the words before the text, the time included
            (``Correction (10:00 SGT, 17 JAN 2025):``, label ``correction``).
        when: the local time it was made (:func:`format_instant`).
        text: what was corrected.
    """

    lead: str
    when: str
    text: str


@attrs.frozen
class Corrections:
    """The corrections, oldest first (present only when there are some)."""

    items: tuple[Correction, ...]


@attrs.frozen
class LastUpdated:
    """``LAST UPDATED: 17 JAN 2025`` (present only for an updated release)."""

    text: str


@attrs.frozen
class JointlyIssued:
    """``Jointly issued by MDDI and IMDA`` (present only for a joint release)."""

    text: str


@attrs.frozen
class EndMark:
    """The end mark (``- END -``, ``###``, ``ENDS``); ``centred`` where the house style
    centres it on a line of fixed width (plain text)."""

    text: str
    centred: bool


@attrs.frozen
class NotesToEditors:
    """The notes to editors under their title; present when there are notes, or when the
    house style prints the boilerplates as notes (then ``blocks`` may be empty)."""

    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        """The title as a heading: without its trailing colon."""
        return _heading(self.title)


@attrs.frozen
class Boilerplate:
    """One boilerplate: its heading (``About IMDA``) and blocks."""

    heading: str
    blocks: tuple[Block, ...]


@attrs.frozen
class Boilerplates:
    """The boilerplates (present only when there are some); ``in_notes`` when the house
    style prints them as items of the notes to editors (a level lower in an outline)."""

    items: tuple[Boilerplate, ...]
    in_notes: bool


@attrs.frozen
class MediaContacts:
    """The media contacts under their title, each as its printed lines (present only when
    there are some)."""

    title: str
    contacts: tuple[tuple[ContactLine, ...], ...]

    @property
    def heading(self) -> str:
        """The title as a heading: without its trailing colon."""
        return _heading(self.title)


def _heading(title: str) -> str:
    return title.strip().rstrip(":\uff1a\u17d6").strip()  # ASCII, full-width, Khmer colons


#: One part of a layout; writers ``match`` over these, ending in ``assert_never``.
LayoutPart: TypeAlias = (
    Status
    | Notices
    | Headline
    | Subheadline
    | Dateline
    | Body
    | Corrections
    | LastUpdated
    | JointlyIssued
    | EndMark
    | NotesToEditors
    | Boilerplates
    | MediaContacts
)


@attrs.frozen
class Layout:
    """A release laid out in a house style.

    Attributes:
        release: the release.
        profile: the house style.
        parts: the parts to print, in order; parts with nothing to print are left out.
        running_header: the header of pages after the first (:func:`running_header`).
        status: the status line, also for formats that print it outside the parts (the
            page's article header, the e-mail's HTML).
    """

    release: PressRelease
    profile: Profile
    parts: tuple[LayoutPart, ...]
    running_header: str
    status: Status

    @property
    def language(self) -> str:
        """The release's language (a BCP 47 tag)."""
        return self.release.language

    def label(self, key: str) -> str:
        """:func:`label` in the release's language and this house style."""
        return label(key, self.release.language, self.profile.name)


def layout(release: PressRelease, profile: Profile, now: dt.datetime | None = None) -> Layout:
    """The release laid out in ``profile``'s house style.

    A build asks for the same layout for many formats: the last few layouts are kept
    (for the same release object, profile, ``now`` and labels; layouts are immutable)
    and given again.

    Args:
        release: the release.
        profile: the house style: order of parts, date style, numbering, labels.
        now: the current time (timezone-aware) for the status line: the embargo line
            while the embargo holds, ``FOR IMMEDIATE RELEASE`` after; ``None``: the
            embargo holds.
    """
    key = (id(release), profile, now, labels_state())
    with _RECENT_LOCK:
        kept = _RECENT.get(key)
    if kept is not None and kept.release is release:
        return kept
    laid_out = _lay_out(release, profile, now)
    with _RECENT_LOCK:
        _RECENT[key] = laid_out  # holds the release: its id is not reused meanwhile
        while len(_RECENT) > _KEEP:
            del _RECENT[next(iter(_RECENT))]
    return laid_out


#: The layouts made last, oldest first, by (id of the release, profile, now, labels).
_RECENT: dict[tuple[object, ...], Layout] = {}
_RECENT_LOCK = threading.Lock()
_KEEP = 8


def _lay_out(release: PressRelease, profile: Profile, now: dt.datetime | None) -> Layout:
    parts: list[LayoutPart] = []
    for part in profile.order:
        parts.extend(_PARTS[part](release, profile, now))
    status = Status(status_line(release, profile, now), embargo_holds(release, now))
    return Layout(release, profile, tuple(parts), running_header(release, profile), status)


def _status(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    return [Status(status_line(release, profile, now), embargo_holds(release, now))]


def _notices(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    blocks = tuple(b for notice in release.notices for b in notice.body)
    return [Notices(blocks)] if blocks else []


def _headline(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    return [Headline(release.headline)]


def _subheadline(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    return [Subheadline(release.subheadline)] if release.subheadline else []


def _dateline(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    return [Dateline(format_dateline(release, profile))]


def _corrections(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    items = []
    for c in release.corrections:
        when = format_instant(c.at, release, profile)
        lead = label("correction", release.language, profile.name, when=when)
        items.append(Correction(lead, when, c.text))
    return [Corrections(tuple(items))] if items else []


def _last_updated(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    line = last_updated(release, profile)
    return [LastUpdated(line)] if line else []


def _jointly_issued(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    line = jointly_issued(release, profile)
    return [JointlyIssued(line)] if line else []


def _end_mark(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    return [EndMark(label("end_mark", release.language, profile.name), profile.centre_end_mark)]


def _notes(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    notes = tuple(release.notes_to_editors)
    if not notes and not (profile.boilerplates_in_notes and release.boilerplates):
        return []
    return [NotesToEditors(label("notes_to_editors", release.language, profile.name), notes)]


def _boilerplates(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    plates = tuple(Boilerplate(b.heading, tuple(b.body)) for b in release.boilerplates)
    return [Boilerplates(plates, profile.boilerplates_in_notes)] if plates else []


def _contacts(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    lang = release.language
    contacts = tuple(tuple(contact_lines(c, profile, lang)) for c in release.media_contacts)
    if not contacts:
        return []
    return [MediaContacts(label("media_contacts", lang, profile.name), contacts)]


def _body(release: PressRelease, profile: Profile, now: _Now) -> list[LayoutPart]:
    """The body, numbered where the profile numbers paragraphs; the dateline opens the
    lede where the profile wants it there, and stands before the body when the body
    does not start with a paragraph or a quote."""
    out: list[LayoutPart] = []
    opens = dateline_opens_lede(release, profile)
    if profile.dateline_in_lede and not opens:
        out.append(Dateline(format_dateline(release, profile)))
    lede = release.lede
    number = 0
    blocks = []
    for block in release.body:
        numbered: int | None = None
        if profile.number_paragraphs and isinstance(block, Paragraph | Quote):
            number += 1
            numbered = number
        dateline = _lede_dateline(release, profile) if block is lede and opens else None
        blocks.append(BodyBlock(block, numbered, dateline))
    out.append(Body(tuple(blocks)))
    return out


def _lede_dateline(release: PressRelease, profile: Profile) -> str:
    """The dateline as it opens the lede, with its dash (``SINGAPORE, Jan. 17, 2025 – ``,
    ``新加坡，2025年3月3日——``)."""
    return format_dateline(release, profile) + dates.lede_separator(release.language)


_Now: TypeAlias = dt.datetime | None

#: How each of a profile's parts is laid out: none, one, or (the body with a dateline
#: standing before it) two layout parts. ``tests/test_layout.py`` checks that every
#: :class:`~presskit.profiles.Part` has its entry.
_PARTS: dict[Part, Callable[[PressRelease, Profile, _Now], list[LayoutPart]]] = {
    Part.STATUS: _status,
    Part.NOTICES: _notices,
    Part.HEADLINE: _headline,
    Part.SUBHEADLINE: _subheadline,
    Part.DATELINE: _dateline,
    Part.BODY: _body,
    Part.CORRECTIONS: _corrections,
    Part.LAST_UPDATED: _last_updated,
    Part.JOINTLY_ISSUED: _jointly_issued,
    Part.END_MARK: _end_mark,
    Part.NOTES_TO_EDITORS: _notes,
    Part.BOILERPLATES: _boilerplates,
    Part.MEDIA_CONTACTS: _contacts,
}
