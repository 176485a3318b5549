"""Reading back a Word document that presskit's ``docx`` exporter wrote: its styles
say what each paragraph is, its numbering which list a paragraph belongs to and where
it starts, its core properties the slug, issue and update instants, language and tags.
(:func:`presskit.importers.docx.read_docx` tells such a document from any other.)"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from presskit.errors import ModelError, SourceError
from presskit.importers._assemble import Hints
from presskit.importers._report import Finding, Imported, Report
from presskit.importers._wordml import BodyParagraph, BodyTable, Piece, num_start, piece_runs
from presskit.model import (
    IMMEDIATE,
    Block,
    Boilerplate,
    BulletList,
    Correction,
    Dateline,
    Embargoed,
    Heading,
    Inline,
    Issuer,
    MediaContact,
    Notice,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
    ReleaseStatus,
)

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["read_presskit_docx"]


# --- documents made by presskit ---------------------------------------------------------------


class _Section(enum.Enum):
    """Where the walk over a presskit document is: which part a paragraph belongs to."""

    NOTICE = enum.auto()  # before the title: the notice above the release
    BODY = enum.auto()  # from the title on
    END = enum.auto()  # after the end mark: notes to editors without a heading
    NOTES = enum.auto()  # after the "Notes to editors" heading
    ABOUT = enum.auto()  # after a boilerplate heading
    CONTACTS = enum.auto()  # after the "Media contacts" heading


@attrs.define
class _OpenQuote:
    """A quote whose paragraphs are being read, and the blocks it goes to."""

    target: list[Block]
    lead_in: str | None
    paragraphs: list[Inline] = attrs.Factory(list)
    speaker: str | None = None
    title: str | None = None

    def block(self) -> Quote | None:
        try:
            return Quote(
                self.paragraphs,
                lead_in=self.lead_in,
                speaker=self.speaker,
                speaker_title=self.title,
            )
        except ModelError:
            return None


@attrs.define
class _OpenList:
    """The list that the next list paragraph of the same numbering and blocks extends."""

    key: int  # the numbering id, -1 for none
    container: list[Block]
    items: list[Inline]


@attrs.define
class _State:
    """What the walk over a presskit document has read so far."""

    doc: Document
    findings: list[Finding]
    section: _Section = _Section.NOTICE
    status: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    dateline_text: str | None = None
    jointly: str | None = None
    updated_seen: bool = False
    notice: list[Block] = attrs.Factory(list)
    body: list[Block] = attrs.Factory(list)
    notes: list[Block] = attrs.Factory(list)
    boilerplates: list[tuple[str, list[Block]]] = attrs.Factory(list)
    contacts: list[MediaContact] = attrs.Factory(list)
    corrections: list[tuple[str, int]] = attrs.Factory(list)
    #: the blocks that body paragraphs go to (in the notice section: the notice)
    target: list[Block] = attrs.Factory(lambda self: self.notice, takes_self=True)
    quote: _OpenQuote | None = None
    open_list: _OpenList | None = None

    def note(self, line: int | None, kind: Any, message: str) -> None:
        self.findings.append(Finding(line, kind, message))

    def container(self) -> list[Block]:
        """The blocks a paragraph, heading, quote or list goes to."""
        return self.notice if self.section is _Section.NOTICE else self.target

    def move(self, section: _Section, target: list[Block]) -> None:
        self.section, self.target = section, target

    def close_quote(self) -> None:
        if self.quote is not None:
            block = self.quote.block()
            if block is not None:
                self.quote.target.append(block)
        self.quote = None

    def take_dateline(self, pieces: list[Piece]) -> list[Piece]:
        """The pieces without a leading dateline run (character style ``Dateline
        Char``), which is kept as the dateline's text."""
        if pieces and pieces[0].char_style == "Dateline Char":
            self.dateline_text = pieces[0].run.text.rstrip(" –")
            return pieces[1:]
        return pieces


_Handler = Callable[[_State, BodyParagraph], None]


def _on_status(state: _State, para: BodyParagraph) -> None:
    state.status = para.text


def _on_title(state: _State, para: BodyParagraph) -> None:
    state.headline = para.text
    state.move(_Section.BODY, state.body)


def _on_subtitle(state: _State, para: BodyParagraph) -> None:
    state.subheadline = para.text


def _on_dateline(state: _State, para: BodyParagraph) -> None:
    state.dateline_text = para.text


def _on_paragraph(state: _State, para: BodyParagraph) -> None:
    runs = piece_runs(state.take_dateline(para.pieces))
    if runs:
        state.container().append(Paragraph(runs))


_HEADING_STYLE = re.compile(r"Heading ([1-4])$")


def _on_heading(state: _State, para: BodyParagraph) -> None:
    match = _HEADING_STYLE.match(para.style)
    assert match is not None
    runs = piece_runs(para.pieces)
    if runs:
        state.container().append(Heading(runs, level=int(match.group(1))))


def _on_quote(state: _State, para: BodyParagraph) -> None:
    pieces = state.take_dateline(para.pieces)
    lead = [p for p in pieces if p.char_style == "Quote Lead-in"]
    rest = [p for p in pieces if p.char_style != "Quote Lead-in"]
    if state.quote is None or para.num_id is not None or lead:
        state.close_quote()
        lead_in = "".join(p.run.text for p in lead).strip() or None
        state.quote = _OpenQuote(state.container(), lead_in)
    runs = piece_runs(rest)
    if runs:
        state.quote.paragraphs.append(runs)


def _on_attribution(state: _State, para: BodyParagraph) -> None:
    credit = para.text.removeprefix("—").strip()
    speaker, _, title = credit.partition(", ")
    if state.quote is not None:
        state.quote.speaker = speaker or None
        state.quote.title = title or None
    state.close_quote()


def _on_list_item(state: _State, para: BodyParagraph) -> None:
    runs = piece_runs(para.pieces)
    if not runs:
        return
    key = para.num_id if para.num_id is not None else -1
    container = state.container()
    current = state.open_list
    if current is not None and current.key == key and current.container is container:
        items = [*current.items, runs]
        container[-1] = _list(para.style, items, key, state.doc)
    else:
        items = [runs]
        container.append(_list(para.style, items, key, state.doc))
    state.open_list = _OpenList(key, container, items)


def _on_correction(state: _State, para: BodyParagraph) -> None:
    state.corrections.append((para.text, para.number))


def _on_last_updated(state: _State, para: BodyParagraph) -> None:
    state.updated_seen = True


def _on_jointly(state: _State, para: BodyParagraph) -> None:
    state.jointly = para.text


def _on_end_mark(state: _State, para: BodyParagraph) -> None:
    state.move(_Section.END, state.notes)


def _on_notes_heading(state: _State, para: BodyParagraph) -> None:
    state.move(_Section.NOTES, state.notes)


def _on_boilerplate_heading(state: _State, para: BodyParagraph) -> None:
    state.boilerplates.append((para.text, []))
    state.move(_Section.ABOUT, state.boilerplates[-1][1])


def _on_contacts_heading(state: _State, para: BodyParagraph) -> None:
    state.section = _Section.CONTACTS


def _on_other(state: _State, para: BodyParagraph) -> None:
    """A paragraph in a style presskit does not write: kept in the body, with a note."""
    if para.text:
        state.note(para.number, "unsure", f"a paragraph in style {para.style!r} kept in the body")
        state.body.append(Paragraph(piece_runs(para.pieces)))


#: The handler of each paragraph style that presskit's docx exporter writes.
_HANDLERS: dict[str, _Handler] = {
    "Release Status": _on_status,
    "Title": _on_title,
    "Subtitle": _on_subtitle,
    "Dateline": _on_dateline,
    **dict.fromkeys(
        ("Numbered Paragraph", "Body Text", "Boilerplate", "Notice", "Normal"), _on_paragraph
    ),
    "Quote": _on_quote,
    "Quote Attribution": _on_attribution,
    "List Bullet": _on_list_item,
    "List Number": _on_list_item,
    "Corrections": _on_correction,
    "Last Updated": _on_last_updated,
    "Jointly Issued": _on_jointly,
    "End Mark": _on_end_mark,
    "Notes Heading": _on_notes_heading,
    "Boilerplate Heading": _on_boilerplate_heading,
    "Contacts Heading": _on_contacts_heading,
}

#: The styles that continue an open quote, and those that continue an open list.
_IN_QUOTE = frozenset({"Quote", "Quote Attribution"})
_IN_LIST = frozenset({"List Bullet", "List Number"})


def read_presskit_docx(doc: Document, items: list[Any], hints: Hints, source: str) -> Imported:
    """The release in a document presskit wrote; ``items`` are its body's paragraphs
    and tables (:func:`presskit.importers._wordml.walk_body`).

    Raises:
        SourceError: the document does not make a release.
    """
    return PresskitReader(doc, items, hints, source).read()


class PresskitReader:
    """Reads back what :mod:`presskit.exporters.docx` writes."""

    def __init__(self, doc: Document, items: list[Any], hints: Hints, source: str) -> None:
        self.doc = doc
        self.items = items
        self.hints = hints
        self.source = source
        self.findings: list[Finding] = []
        props = doc.core_properties
        self.language = props.language or "en"

    def note(self, line: int | None, kind: Any, message: str) -> None:
        self.findings.append(Finding(line, kind, message))

    def read(self) -> Imported:
        self.note(None, "recognised", "a document made by presskit's docx exporter")
        state = self.walk_body()
        issuers = self._issuer_models(state.jointly)
        issued, updated = self._instants(state.updated_seen)
        place, day = self._dateline(state.dateline_text, issued)
        release = self._release_status(state.status)
        fixed = self._corrections(state.corrections)
        slug, canonical = self._slug(state.headline)
        props = self.doc.core_properties
        tags = [t for t in (props.keywords or "").split(", ") if t.strip()]
        boilerplates, issuers = _owned_boilerplates(state.boilerplates, issuers, self.language)
        contacts = state.contacts
        if self.hints.agencies is not None:
            from presskit.importers._release import reuse_agencies

            issuers, boilerplates, contacts = reuse_agencies(
                self.hints.agencies, issuers, boilerplates, contacts, self.findings
            )
        try:
            result = PressRelease(
                slug,
                state.headline or "",
                issuers,
                Dateline(place, day),
                issued,
                state.body,
                language=self.language,
                subheadline=state.subheadline or None,
                updated_at=updated,
                time_zone=None,
                release=release,
                notes_to_editors=state.notes,
                boilerplates=boilerplates,
                media_contacts=contacts,
                notices=[Notice(state.notice)] if state.notice else [],
                tags=tags,
                corrections=fixed,
                canonical_url=canonical,
            )
        except ModelError as exc:
            raise SourceError(self.source, f"the document does not make a release: {exc}") from None
        return Imported(result, Report(self.source, "docx", tuple(self.findings)))

    def walk_body(self) -> _State:
        """Every paragraph and table, each given to the handler of its style."""
        state = _State(self.doc, self.findings)
        for item in self.items:
            if isinstance(item, BodyTable):
                state.close_quote()
                state.open_list = None
                if state.section is _Section.CONTACTS:
                    self._contacts_table(state, item)
                continue
            style = item.style
            if style not in _IN_QUOTE:
                state.close_quote()
            if style not in _IN_LIST:
                state.open_list = None
            if _HEADING_STYLE.match(style):
                _on_heading(state, item)
            else:
                _HANDLERS.get(style, _on_other)(state, item)
        state.close_quote()
        return state

    def _contacts_table(self, state: _State, table: BodyTable) -> None:
        for cells in table.rows:
            for cell in cells:
                contact = self._contact(cell)
                if contact is not None:
                    state.contacts.append(contact)

    def _issuer_models(self, jointly: str | None) -> list[Issuer]:
        """The issuers the page headers name, with ids made from their short names."""
        from presskit.sources.release import slug_from_name

        names, shorts = self._issuers(jointly)
        taken: set[str] = set()
        issuers = []
        for name, short in zip(names, shorts, strict=True):
            base = slug_from_name(short)[:60].strip("-") or "issuer"
            issuer_id, number = base, 2
            while issuer_id in taken:
                issuer_id, number = f"{base}-{number}", number + 1
            taken.add(issuer_id)
            issuers.append(Issuer(issuer_id, name, short_name=short))
        return issuers

    def _instants(self, updated_seen: bool) -> tuple[dt.datetime, dt.datetime | None]:
        """Issued and updated, from the core properties' created and modified (UTC)."""
        props = self.doc.core_properties
        created = props.created
        issued = (
            created.replace(tzinfo=dt.UTC)
            if created is not None
            else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        )
        if created is None:
            self.note(None, "unsure", "the document has no creation date; issued set to 1970")
        updated = None
        if updated_seen and props.modified is not None:
            updated = props.modified.replace(tzinfo=dt.UTC)
        return issued, updated

    def _release_status(self, status: str | None) -> ReleaseStatus:
        from presskit.i18n import read_label

        read = read_label("status.embargoed", self.language, status) if status else None
        if read is not None or (status and "EMBARGO" in status.upper()):
            until = self._instant(read[0]["when"] if read else status or "")
            if until is not None:
                return Embargoed(until)
            self.note(None, "unsure", f"cannot read the embargo {status!r}")
        return IMMEDIATE

    def _corrections(self, corrections: list[tuple[str, int]]) -> list[Correction]:
        fixed: list[Correction] = []
        from presskit.i18n import read_label

        for text, number in corrections:
            read = read_label("correction", self.language, text)  # the language's wording
            when = self._instant(read[0]["when"]) if read and read[1] else None
            if read and when is not None:
                fixed.append(Correction(when, read[1]))
            else:
                self.note(number, "unsure", "a correction whose time cannot be read")
        return fixed

    def _slug(self, headline: str | None) -> tuple[str, str | None]:
        """The slug and canonical URL, from the core properties' identifier (a URL is the
        canonical URL; a slug is the slug), else the slug made from the name or headline."""
        from presskit.sources.release import slug_from_name

        identifier = (self.doc.core_properties.identifier or "").strip()
        canonical = identifier if re.match(r"^https?://", identifier) else None
        if canonical is None and re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?", identifier):
            return identifier, canonical
        return slug_from_name(self.hints.name or headline or "release"), canonical

    def _issuers(self, jointly: str | None) -> tuple[list[str], list[str]]:
        section = self.doc.sections[0]
        names: list[str] = []
        running = ""
        for paragraph in section.first_page_header.paragraphs:
            if paragraph.style is not None and paragraph.style.name == "Header Issuers":
                names = [n for n in paragraph.text.split("  |  ") if n.strip()]
        for paragraph in section.header.paragraphs:
            if paragraph.text.strip():
                running = paragraph.text
        listed = running.split("\u00a0\u00a0|\u00a0 ")[0] if running else ""
        shorts = _split_names(listed, len(names), self.language)
        if shorts is None and jointly:
            from presskit.i18n import read_label

            read = read_label("jointly_issued", self.language, jointly)
            listed = read[0]["issuers"] if read else jointly.split(" by ", 1)[-1]
            shorts = _split_names(listed, len(names), self.language)
        if not names:
            self.note(None, "unsure", "no issuers in the first page's header")
            return ["Issuer"], ["Issuer"]
        return names, shorts or names

    def _dateline(self, text: str | None, issued: dt.datetime) -> tuple[str, dt.date]:
        from presskit.i18n.dates import read_dateline
        from presskit.profiles import format_date

        if not text:
            self.note(None, "unsure", "no dateline")
            return "UNKNOWN", issued.date()
        localised = read_dateline(text, self.language)  # 新加坡，2025年3月3日 ...
        if localised is not None:
            return localised
        for separator in (" – ", ", "):
            start = 0
            while True:
                at = text.find(separator, start)
                if at < 0:
                    break
                place, date_text = text[:at], text[at + len(separator) :]
                for day in _candidate_dates(date_text, self.language):
                    for style in ("sg", "ap", "long"):
                        if format_date(day, style, self.language) == date_text:
                            return place, day
                start = at + 1
        self.note(None, "unsure", f"cannot read the dateline {text!r}")
        return text, issued.date()

    def _instant(self, text: str) -> dt.datetime | None:
        from presskit.i18n.dates import parse_date, parse_time
        from presskit.importers._dates import (
            find_time,
            find_zone,
            parse_date_in_language,
            zone_in_language,
        )

        zone = zone_in_language(text, self.language) or find_zone(text)
        clock, local_day = parse_time(text, self.language), parse_date(text, self.language)
        if clock is not None and local_day is not None:  # 2025年3月3日上午10时, ...
            return dt.datetime.combine(local_day, clock, tzinfo=zone or dt.UTC)
        time = find_time(text)
        day = (
            parse_date_in_language(text[time[2] :] if time else text, self.language)
            if text
            else None
        )
        if time is None or day is None:
            return None
        return dt.datetime.combine(day, time[0], tzinfo=zone or dt.UTC)

    def _contact_field(self, text: str) -> tuple[str | None, str]:
        """``("phone", "+65 6211 0888")`` for a line that starts with the phone or e-mail
        label of the release's language (``电话：``) or of English (``Tel: ``); the marks
        that keep a number left to right in a right-to-left release are dropped."""
        from presskit.i18n import label

        for field, key in (("email", "contact.email"), ("phone", "contact.phone")):
            for words in dict.fromkeys((label(key, self.language), label(key, "en"))):
                if words and text.startswith(words):
                    return field, text.removeprefix(words).strip(
                        "\u200e\u200f\u2066\u2067\u2068\u2069"
                    )
        return None, text

    def _contact(self, cell: list[BodyParagraph]) -> MediaContact | None:
        if not cell or not cell[0].pieces:
            return None
        first = cell[0]
        name_text = "".join(p.run.text for p in first.pieces)
        honorific = None
        match = re.match(r"^\((?P<h>[^()]+)\) (?P<name>.+)$", name_text)
        if match:
            honorific, name_text = match["h"], match["name"]
        values: dict[str, str | None] = {
            "title": None, "department": None, "organisation": None, "email": None, "phone": None,
        }  # fmt: skip
        plain: list[str] = []
        for para in cell[1:]:
            text = "".join(p.run.text for p in para.pieces)
            field, value = self._contact_field(text)
            if field is not None:
                values[field] = value
            elif re.fullmatch(r"\(.+\)", text) and values["department"] is None:
                values["department"] = text[1:-1]
                plain.append("\0department")
            else:
                plain.append(text)
        others = [t for t in plain if t != "\0department"]
        if "\0department" in plain:
            at = plain.index("\0department")
            before = [t for t in plain[:at]]
            after = [t for t in plain[at + 1 :]]
            values["title"] = before[0] if before else None
            values["organisation"] = after[0] if after else None
        elif len(others) >= 2:
            values["title"], values["organisation"] = others[0], others[1]
        elif others:
            values["title"] = others[0]
        try:
            return MediaContact(name_text, honorific=honorific, **values)
        except ModelError as exc:
            self.note(cell[0].number, "unsure", f"a contact could not be read ({exc})")
            return None


def _owned_boilerplates(
    boilerplates: list[tuple[str, list[Block]]], issuers: list[Issuer], language: str = "en"
) -> tuple[list[Boilerplate], list[Issuer]]:
    """The boilerplates, each given to the issuer its heading names (``About the Lion
    City Digital Office (LCDO)`` is the issuer ``Lion City Digital Office``, short name
    ``LCDO``; ``デジタル庁について`` is ``デジタル庁``, the ``about`` label of ``language``
    read back): the document does not say whose it is, and without an owner it would
    become an agency of its own when written as a source."""
    from presskit.i18n import read_label
    from presskit.importers._assemble import ABOUT, ABOUT_TA
    from presskit.sources.agencies import same_agency

    out: list[Boilerplate] = []
    owned = list(issuers)
    for heading, blocks in boilerplates:
        read = read_label("about", language, heading)
        match = ABOUT.match(heading) or ABOUT_TA.match(heading)
        if read is not None and not read[1]:
            name = read[0]["name"]
        else:
            name = match["name"] if match else heading
        at = next(
            (
                index
                for index, issuer in enumerate(owned)
                if issuer.boilerplate is None
                and same_agency([issuer.id, issuer.name, issuer.short_name], [name])
            ),
            None,
        )
        if at is None:
            out.append(Boilerplate(heading, blocks))
            continue
        boilerplate = Boilerplate(heading, blocks, issuer_id=owned[at].id)
        owned[at] = attrs.evolve(owned[at], boilerplate=boilerplate)
        out.append(boilerplate)
    return out, owned


def _list(style: str, items: list[Inline], key: int, doc: Document) -> Block:
    if style == "List Bullet":
        return BulletList(items)
    return NumberedList(items, start=num_start(doc, key) if key >= 0 else 1)


def _split_names(listed: str, count: int, language: str = "en") -> list[str] | None:
    """``"MDDI and IMDA"`` -> ``["MDDI", "IMDA"]`` when it makes ``count`` names, with the
    joiners of ``language`` (``list.comma``, ``list.and``: ``MDDI和IMDA``), else English."""
    from presskit.i18n import label

    if not listed or count == 0:
        return None
    if count == 1:
        return [listed]
    for lang in dict.fromkeys((language, "en")):
        comma, conjunction = label("list.comma", lang), label("list.and", lang)
        head, sep, last = listed.rpartition(conjunction)
        if not sep:
            continue
        parts = [*head.split(comma), last]
        if len(parts) == count:
            return parts
    return None


def _candidate_dates(text: str, language: str) -> list[dt.date]:
    from presskit.importers._dates import find_date, parse_date_in_language

    out = []
    first = parse_date_in_language(text, language)
    if first is not None:
        out.append(first)
    found = find_date(text)
    if found is not None and found[0] not in out:
        out.append(found[0])
    return out
