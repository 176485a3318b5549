"""Writing a release back as a source: Markdown with TOML front matter, plus the
``agencies.toml`` entries its issuers, boilerplates and contacts need.

The inverse of :func:`presskit.sources.release.loads_markdown`: for the releases the
source format can express, loading what :func:`write_source` writes (next to the
``agencies.toml`` it returns) gives an equal release. What the format cannot express is
not silently changed: each such place is listed in :attr:`WrittenSource.notes`, and the
text is always kept (a style that Markdown cannot carry at that spot is dropped, never a
character). The known cases:

* bold or italics that CommonMark cannot open or close at that spot (between a letter and
  punctuation, as in CJK text): the text is written without the style;
* a link target that markdown-it would rewrite (spaces, non-ASCII characters are
  percent-encoded): the link is written as its text;
* a quote's lead-in that does not end with a colon, or whose first paragraph does not
  start with a quotation mark; a speaker's title without a speaker, or a speaker whose
  name holds a comma;
* a heading with a line break; a numbered list that starts above 999999999 (CommonMark
  list numbers have at most 9 digits): it starts at 999999999;
* a boilerplate whose ``issuer_id`` is not the agency it is written under, or a contact
  of an agency with no organisation (``agencies.toml`` gives every contact one);
* a media contact listed twice: the source lists it once (the loader refuses a repeat);
* no time zone, next to an ``agencies.toml`` whose ``[site]`` names one (a source
  without ``time_zone`` takes that one);
* an instant at a wall-clock time that its zone repeats or skips (``fold``): the source
  gives the instant with its UTC offset, and Python counts a datetime in a repeated or
  skipped hour equal to no datetime of another zone.

Existing ``agencies.toml`` text is edited with tomlkit, so its comments and layout stay;
agencies already in it are reused by id, name, short name or the ``"Name (SHORT)"``
form (:func:`presskit.sources.agencies.same_agency`), and new ones are appended; an
"About" text that names an issuer is that issuer's, even when it does not say so.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from presskit.model import (
    Block,
    Boilerplate,
    BulletList,
    Embargoed,
    Heading,
    Inline,
    Issuer,
    MediaContact,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
    Run,
    plain_text,
)

__all__ = ["WrittenSource", "inline_markdown", "write_source"]


@attrs.frozen
class WrittenSource:
    """The files that make a release a source.

    Attributes:
        markdown: the release source (``+++`` TOML front matter, then the Markdown body),
            UTF-8 text ending with one LF.
        agencies_toml: the whole new ``agencies.toml`` (the old text with new entries
            appended), or ``None`` when it needs no change.
        agency_ids: issuer id in the release -> the agency id it is written under.
        added_agencies: ids of the agencies added to ``agencies.toml``.
        notes: what the source format could not express exactly, one sentence each.
    """

    markdown: str
    agencies_toml: str | None
    agency_ids: dict[str, str]
    added_agencies: tuple[str, ...]
    notes: tuple[str, ...]


# --- inline text ------------------------------------------------------------------------

_ALWAYS = frozenset("\\`*_[]<>|")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LIST_NUMBER = re.compile(r"\d{1,9}[.)]")


def _escape(text: str, *, line_start: bool) -> str:
    """Markdown for literal ``text`` (no hard breaks in it). ``line_start``: the text
    starts a line, where ``#``, ``-``, ``1.`` and the like would start a block."""
    out: list[str] = []
    for index, ch in enumerate(text):
        if ch in _ALWAYS or (ch == "&" and _ENTITY.match(text, index)):
            out.append("\\" + ch)
        else:
            out.append(ch)
    escaped = "".join(out)
    if line_start:
        stripped = escaped
        if stripped[:1] in ("#", "-", "+", "=", "~", ">", ":"):
            escaped = "\\" + stripped
        else:
            match = _LIST_NUMBER.match(stripped)
            if match:
                end = match.end() - 1
                escaped = stripped[:end] + "\\" + stripped[end:]
    return escaped


def _spaces_as_references(line: str, *, at_start: bool, at_end: bool) -> str:
    """Spaces and tabs at the start or end of a Markdown line are dropped by CommonMark;
    write them as character references so they stay."""

    def ref(chars: str) -> str:
        return "".join("&#9;" if c == "\t" else "&#32;" for c in chars)

    if at_start:
        stripped = line.lstrip(" \t")
        line = ref(line[: len(line) - len(stripped)]) + stripped
    if at_end:
        stripped = line.rstrip(" \t")
        line = stripped + ref(line[len(stripped) :])
    return line


def _run_markdown(run: Run, *, line_start: bool, styled: bool, linked: bool) -> str:
    pieces = run.text.split("\n")
    lines = []
    for index, piece in enumerate(pieces):
        text = _escape(piece, line_start=line_start or index > 0)
        text = _spaces_as_references(text, at_start=index > 0, at_end=index < len(pieces) - 1)
        lines.append(text)
    body = "\\\n".join(lines)
    if styled and run.emphasis:
        body = f"*{body}*"
    if styled and run.strong:
        body = f"**{body}**"
    if linked and run.href is not None:
        target = run.href.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
        body = f"[{body}](<{target}>)"
    return body


def _render(runs: Inline, *, styled: bool, linked: bool) -> str:
    out = []
    at_line_start = True
    for run in runs:
        out.append(_run_markdown(run, line_start=at_line_start, styled=styled, linked=linked))
        at_line_start = run.text.endswith("\n")
    return "".join(out)


def _parses_to(markdown: str, runs: Inline) -> bool:
    from presskit.errors import SourceError
    from presskit.sources.markdown import parse_body

    try:
        parsed = parse_body(markdown, path="<write>", allow_sections=False)
    except SourceError:
        return False
    return (
        len(parsed.body) == 1
        and isinstance(parsed.body[0], Paragraph)
        and parsed.body[0].runs == runs
    )


def inline_markdown(runs: Inline, notes: list[str] | None = None) -> str:
    """Markdown for inline text (hard breaks as ``\\`` + LF), checked by parsing it
    back: when CommonMark would not give the same runs, links and then styles are
    dropped (the text stays) and a note is added to ``notes``."""
    for styled, linked, note in (
        (True, True, None),
        (True, False, "a link target that Markdown would rewrite was written as text"),
        (False, False, "bold or italics that Markdown cannot carry here were dropped"),
    ):
        markdown = _render(runs, styled=styled, linked=linked)
        if _parses_to(markdown, runs if styled and linked else _strip(runs, styled, linked)):
            if note and notes is not None:
                notes.append(f"{note}: {_excerpt(plain_text(runs))}")
            return markdown
    if notes is not None:
        notes.append(f"this text may not load back exactly: {_excerpt(plain_text(runs))}")
    return _render(runs, styled=False, linked=False)


def _strip(runs: Inline, styled: bool, linked: bool) -> Inline:
    from presskit.model import inline

    return inline(
        attrs.evolve(
            r,
            strong=r.strong and styled,
            emphasis=r.emphasis and styled,
            href=r.href if linked else None,
        )
        for r in runs
    )


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


# --- blocks -----------------------------------------------------------------------------


def _indent(markdown: str, first: str, rest: str) -> str:
    lines = markdown.split("\n")
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])])


#: CommonMark list numbers have at most 9 digits (``1000000000.`` is a paragraph).
_MAX_LIST_START = 999_999_999


def _blocks_markdown(blocks: Sequence[Block], notes: list[str]) -> list[str]:
    out: list[str] = []
    previous: Block | None = None
    alternate = False
    for block in blocks:
        # CommonMark makes two lists in a row one list when they use the same marker,
        # blank line or not: a list right after one of its kind takes the other marker
        # ("-" and "*", "1." and "1)"), which starts a new list.
        alternate = type(block) is type(previous) and not alternate
        previous = block
        if isinstance(block, Paragraph):
            out.append(inline_markdown(block.runs, notes))
        elif isinstance(block, Heading):
            text = inline_markdown(block.runs, notes)
            if "\n" in text:
                notes.append(f"a heading's line break became a space: {_excerpt(block.text)}")
                text = text.replace("\\\n", " ")
            out.append("#" * block.level + " " + text)
        elif isinstance(block, Quote):
            out.append(_quote_markdown(block, notes))
        elif isinstance(block, BulletList):
            bullet = "* " if alternate else "- "
            out.append(
                "\n".join(
                    _indent(inline_markdown(item, notes), bullet, "  ") for item in block.items
                )
            )
        elif isinstance(block, NumberedList):
            delimiter = ")" if alternate else "."
            start = block.start
            if start > _MAX_LIST_START:
                notes.append(
                    f"a numbered list starts at {start}, but a CommonMark list number has at "
                    f"most 9 digits: it starts at {_MAX_LIST_START}"
                )
                start = _MAX_LIST_START
            lines = []
            for index, item in enumerate(block.items):
                marker = f"{start if index == 0 else 1}{delimiter}"
                lines.append(
                    _indent(inline_markdown(item, notes), marker + " ", " " * (len(marker) + 1))
                )
            out.append("\n".join(lines))
        else:  # pragma: no cover - the block set is closed
            raise TypeError(f"unknown block {block!r}")
    return out


_OPENING_MARKS = "“\"«„「『‘'"


def _quote_markdown(quote: Quote, notes: list[str]) -> str:
    paragraphs = [inline_markdown(p, notes) for p in quote.paragraphs]
    from presskit.sources.markdown import ATTRIBUTION, LEAD_IN

    if not quote.lead_in and LEAD_IN.match(plain_text(quote.paragraphs[0])):
        notes.append(
            "a quote that starts with words and a colon before a quotation mark loads with "
            f"those words as its lead-in: {_excerpt(plain_text(quote.paragraphs[0]))}"
        )
    if quote.speaker is None and ATTRIBUTION.match(plain_text(quote.paragraphs[-1])):
        notes.append(
            "a quote whose last paragraph starts with a dash loads with it as the "
            f"attribution: {_excerpt(plain_text(quote.paragraphs[-1]))}"
        )
    if quote.lead_in:
        first = plain_text(quote.paragraphs[0])
        if quote.lead_in[-1:] in (":", "：") and first[:1] in _OPENING_MARKS:
            paragraphs[0] = _escape(quote.lead_in, line_start=True) + " " + paragraphs[0]
        else:
            notes.append(
                f"the quote's lead-in {quote.lead_in!r} does not end with a colon before a "
                "quotation mark, so it was written as quoted text"
            )
            paragraphs[0] = _escape(quote.lead_in, line_start=True) + " " + paragraphs[0]
    if quote.speaker or quote.speaker_title:
        if quote.speaker is None or "," in quote.speaker:
            notes.append(
                f"the attribution {quote.attribution or quote.speaker_title!r} cannot be "
                "split back into speaker and title"
            )
        credit = quote.attribution or f"— {quote.speaker_title}"
        paragraphs.append("— " + _escape(credit, line_start=False).removeprefix("— "))
    return "\n>\n".join(_indent(p, "> ", "> ") for p in paragraphs)


def body_markdown(release: PressRelease, notes: list[str]) -> str:
    """The Markdown body: blocks, then ``::: notice`` and ``::: notes-to-editors``
    sections."""
    parts = _blocks_markdown(release.body, notes)
    for notice in release.notices:
        inner = "\n\n".join(_blocks_markdown(notice.body, notes))
        parts.append(f"::: notice\n{inner}\n:::")
    if release.notes_to_editors:
        inner = "\n\n".join(_blocks_markdown(release.notes_to_editors, notes))
        parts.append(f"::: notes-to-editors\n{inner}\n:::")
    return "\n\n".join(parts) + "\n"


# --- TOML values ------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _toml_array(values: Sequence[str]) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def _local_midnight(value: dt.datetime, zone_name: str | None) -> dt.date | None:
    """The date, when ``value`` is midnight in ``zone_name`` (so a bare TOML date says
    the same instant)."""
    if zone_name is None:
        return None
    from zoneinfo import ZoneInfo

    local = value.astimezone(ZoneInfo(zone_name))
    if local.time() == dt.time(0, 0):
        day = local.date()
        loaded = dt.datetime.combine(day, dt.time(0, 0), tzinfo=ZoneInfo(zone_name))
        # == alone is not enough: in one zone it compares wall-clock times, fold ignored,
        # and a midnight the zone repeats (Atlantic/Azores, 26 October 2025) loads as
        # the first of the two
        if loaded == value and loaded.astimezone(dt.UTC) == value.astimezone(dt.UTC):
            return day
    return None


def _toml_instant(value: dt.datetime, zone_name: str | None, notes: list[str], key: str) -> str:
    day = _local_midnight(value, zone_name)
    if day is not None:
        return day.isoformat()
    first = value.replace(fold=0).utcoffset() or dt.timedelta(0)
    second = value.replace(fold=1).utcoffset() or dt.timedelta(0)
    if first != second:
        # A wall-clock time in a repeated or skipped hour of its zone: Python never counts
        # it equal to a datetime in another zone (PEP 495), so the instant, which the
        # source gives with an offset, does not load back equal.
        what = "repeats" if first > second else "skips"
        notes.append(
            f"{key}: {value.replace(tzinfo=None)} is a wall-clock time that {value.tzinfo} "
            f"{what}; the source gives the instant with its offset, not the zone"
        )
    offset = value.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        # TOML offsets are hours and minutes; local mean times before standard time
        # (St. John's -03:30:52 until 1935) have seconds: give such an instant in UTC
        value = value.astimezone(dt.UTC)
    text = value.isoformat()
    return text.replace("+00:00", "Z") if text.endswith("+00:00") else text


# --- agencies ---------------------------------------------------------------------------


def _agency_key(issuer: Issuer) -> set[str]:
    return {issuer.id, issuer.name.casefold(), issuer.short_name.casefold()}


def _new_id(wanted: str, taken: set[str]) -> str:
    from presskit.sources.release import slug_from_name

    base = slug_from_name(wanted)[:60].strip("-") or "agency"
    candidate = base
    number = 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _contact_id(contact: MediaContact, taken: set[str]) -> str:
    return _new_id(contact.name, taken)


def _contact_table(contact: MediaContact, organisation_default: str | None) -> dict[str, str]:
    table: dict[str, str] = {}
    for key in ("honorific", "name", "title", "department", "organisation", "email", "phone"):
        value = getattr(contact, key)
        if key == "organisation" and value == organisation_default:
            continue
        if value is not None:
            table[key] = value
    return table


def _inline_table(table: dict[str, str]) -> str:
    return "{ " + ", ".join(f"{k} = {_toml_string(v)}" for k, v in table.items()) + " }"


@attrs.define
class _Agencies:
    """The ``agencies.toml`` being written: its tomlkit document and ``[agencies]``
    table, and what the release has taken from it so far.

    Attributes:
        document: the whole tomlkit document.
        table: its ``[agencies]`` table (added when missing).
        notes: the notes of the source being written (shared, appended to).
        changed: whether the document differs from the text it was read from.
        existing: agency id -> its table, those read and those added.
        taken: the agency ids in use.
        agency_ids: issuer id in the release -> the agency id it is written under.
        added: ids of the agencies added, in order.
        contact_refs: a media contact -> its ``"agency/contact"`` reference.
        language: the release's language: an "About" heading that is the label ``about``
            in it is the loader's default and is not written.
    """

    document: Any
    table: Any
    notes: list[str]
    changed: bool
    existing: dict[str, Any]
    taken: set[str]
    agency_ids: dict[str, str] = attrs.Factory(dict)
    added: list[str] = attrs.Factory(list)
    contact_refs: dict[MediaContact, str] = attrs.Factory(dict)
    language: str = "en"

    @classmethod
    def parse(cls, agencies_text: str | None, notes: list[str], zone: str | None) -> _Agencies:
        """The agencies of ``agencies_text`` (none when ``None``), with a note when the
        release names no time zone (``zone``) and ``[site]`` names one."""
        import tomlkit

        document = tomlkit.parse(agencies_text) if agencies_text is not None else tomlkit.document()
        changed = agencies_text is None
        site = document.get("site")
        site_zone = site.get("time_zone") if isinstance(site, dict) else None
        if zone is None and site_zone:
            notes.append(
                f"the release names no time zone, so it loads with the one of [site] in "
                f"agencies.toml ({site_zone})"
            )
        table = document.get("agencies")
        if table is None:
            table = tomlkit.table(is_super_table=True)
            document.add("agencies", table)
            changed = True
        existing: dict[str, Any] = dict(table.items())
        return cls(document, table, notes, changed, existing, set(existing))

    def text(self) -> str | None:
        """The new ``agencies.toml`` text, ``None`` when unchanged."""
        import tomlkit

        return tomlkit.dumps(self.document) if self.changed else None

    def find(self, issuer: Issuer) -> str | None:
        """The id of the agency in the file that stands for ``issuer``, if any."""
        from presskit.sources.agencies import same_agency

        keys = _agency_key(issuer)
        # an agency stands for one issuer of the release: two issuers of one name (or
        # one's short name the other's name) must not both become the first one's id,
        # which the loader refuses as an issuer listed twice
        used = set(self.agency_ids.values())
        for agency_id, table in self.existing.items():
            if agency_id in used:
                continue
            name = str(table.get("name", ""))
            # the same agency by its full name, its short name or "Name (SHORT)"
            if same_agency(
                [agency_id, name, str(table.get("short_name", name))],
                [issuer.name, issuer.short_name],
            ) or (agency_id in keys and name.casefold() == issuer.name.casefold()):
                return agency_id
        return None

    def add(self, issuer: Issuer) -> str:
        """The agency id ``issuer`` is written under: an agency of the file that stands
        for it, or a new one."""
        reused = self.find(issuer)
        if reused is not None:
            self._reuse(reused, issuer)
            return reused
        return self._new(issuer)

    def _reuse(self, agency_id: str, issuer: Issuer) -> None:
        """Give the agency the issuer's "About" text if it has none, and learn its
        contacts' references."""
        table = self.existing[agency_id]
        if "about" not in table and issuer.boilerplate is not None:
            self.set_about(table, issuer.boilerplate)
        for contact in table.get("contacts", []):
            if "id" in contact:
                self.contact_refs.setdefault(
                    _contact_from_table(contact, str(table.get("name", ""))),
                    f"{agency_id}/{contact['id']}",
                )

    def set_about(self, table: Any, boilerplate: Boilerplate) -> None:
        table["about_heading"] = boilerplate.heading
        table["about"] = _about_text(boilerplate, self.notes)
        self.changed = True

    def _new(self, issuer: Issuer) -> str:
        wanted = issuer.id if issuer.id not in self.taken else issuer.short_name
        agency_id = issuer.id if issuer.id not in self.taken else _new_id(wanted, self.taken)
        self.taken.add(agency_id)
        table = _agency_table(issuer, agency_id, self.notes, self.language)
        if issuer.contacts:
            table["contacts"] = self._contacts(issuer, agency_id)
        self.table[agency_id] = table
        self.existing[agency_id] = table
        self.added.append(agency_id)
        self.changed = True
        return agency_id

    def _contacts(self, issuer: Issuer, agency_id: str) -> Any:
        """The issuer's contacts as an array of tables, each with an id."""
        import tomlkit

        contacts = tomlkit.aot()
        contact_ids: set[str] = set()
        for contact in issuer.contacts:
            if contact.organisation is None:
                self.notes.append(
                    f"{contact.name} has no organisation; in agencies.toml a contact "
                    f"takes its agency's ({issuer.name})"
                )
            cid = _contact_id(contact, contact_ids)
            contact_ids.add(cid)
            entry = tomlkit.table()
            entry["id"] = cid
            for key, value in _contact_table(contact, issuer.name).items():
                entry[key] = value
            contacts.append(entry)
            self.contact_refs.setdefault(contact, f"{agency_id}/{cid}")
        return contacts

    def boilerplate_ref(self, release: PressRelease, boilerplate: Boilerplate) -> str:
        """The agency a boilerplate of the release is written under: its issuer's; else
        the issuer its heading names; else a new agency of its own."""
        from presskit.sources.agencies import same_agency

        ref = next(
            (
                self.agency_ids[i.id]
                for i in release.issuers
                if i.boilerplate == boilerplate and i.id in self.agency_ids
            ),
            None,
        )
        name = boilerplate.heading.removeprefix("About ").removeprefix("the ").strip()
        if ref is None:
            # an "About" text that names an issuer of the release without being its
            # boilerplate (a document that does not say whose it is) is that issuer's
            owner = next(
                (i for i in release.issuers if same_agency([i.name, i.short_name], [name])),
                None,
            )
            if owner is not None and owner.boilerplate is None:
                ref = self.agency_ids[owner.id]
                table = self.existing[ref]
                if "about" not in table:
                    self.set_about(table, boilerplate)
        if ref is None:
            partner = Issuer(
                boilerplate.issuer_id or _new_id(name, self.taken),
                name or boilerplate.heading,
                boilerplate=boilerplate,
            )
            ref = self.add(partner)
        return ref

    def contact_lines(self, release: PressRelease) -> list[str]:
        """The ``media_contacts`` entries: a reference to an agency's contact, or an
        inline table; a contact listed twice is written once, with a note."""
        lines = []
        for index, contact in enumerate(release.media_contacts):
            if contact in release.media_contacts[:index]:
                self.notes.append(
                    f"{contact.name} is listed twice among the media contacts; a source lists "
                    "a contact once, so the repeat was left out"
                )
                continue
            ref = self.contact_refs.get(contact)
            if ref is not None:
                lines.append(_toml_string(ref))
            else:
                lines.append(_inline_table(_contact_table(contact, None)))
        return lines


def _agency_table(issuer: Issuer, agency_id: str, notes: list[str], language: str = "en") -> Any:
    """A new agency's table for ``issuer`` (its contacts apart), with notes on a logo
    outside the sources folder and an "About" text of another agency."""
    import tomlkit

    table = tomlkit.table()
    table["name"] = issuer.name
    if issuer.short_name != issuer.name:
        table["short_name"] = issuer.short_name
    if issuer.url:
        table["url"] = issuer.url
    if issuer.logo:
        table["logo"] = issuer.logo
        if Path(issuer.logo).is_absolute() or os.path.normpath(issuer.logo).startswith(".."):
            notes.append(
                f"the logo of {issuer.name} is {issuer.logo!r}, outside the sources "
                "folder, where the loader does not read: copy it into the folder"
            )
    if issuer.boilerplate is not None:
        if issuer.boilerplate.issuer_id != agency_id:
            notes.append(
                f"the 'About' text of {issuer.name} belongs to the agency {agency_id!r} "
                "in agencies.toml"
            )
        from presskit.i18n import label

        if issuer.boilerplate.heading != label("about", language, name=issuer.name):
            table["about_heading"] = issuer.boilerplate.heading
        table["about"] = _about_text(issuer.boilerplate, notes)
    return table


def _refuse_unwritable(release: PressRelease) -> None:
    """Raise :class:`~presskit.errors.ModelError` for what a source cannot say (see
    :func:`write_source`)."""
    from presskit.errors import ModelError
    from presskit.sources.release import DATE_IN_PLACE

    until = release.embargoed_until
    # as instants: two datetimes of one zone compare by wall-clock time, fold ignored
    if until is not None and until.astimezone(dt.UTC) < release.issued_at.astimezone(dt.UTC):
        raise ModelError(
            "release.until",
            f"the embargo lifts at {until.isoformat()}, before the release is issued at "
            f"{release.issued_at.isoformat()}; a source cannot say that (an embargo lifts "
            "after the release goes out to journalists)",
        )
    if DATE_IN_PLACE.search(release.dateline.place):
        raise ModelError(
            "dateline.place",
            f"{release.dateline.place!r} looks like it holds a date, which a source refuses "
            "(the date comes from issued or dateline.date)",
        )


def write_source(
    release: PressRelease,
    *,
    agencies_text: str | None = None,
) -> WrittenSource:
    """Write ``release`` as a Markdown source and the ``agencies.toml`` it needs.

    Args:
        release: the release.
        agencies_text: the current ``agencies.toml`` of the folder the source goes to,
            or ``None`` when there is none yet. Its agencies are reused when their id,
            name or short name matches an issuer's; its comments are kept.

    Returns:
        The source text, the new ``agencies.toml`` text (or ``None`` if unchanged), and
        notes on anything the format could not express exactly.

    Raises:
        tomlkit.exceptions.ParseError: ``agencies_text`` is not TOML.
        ModelError: what a source cannot say and no other source means the same: the
            embargo lifts before the release is issued, or the dateline's place looks
            like it holds a date (``"SINGAPORE, 17 Jan"``); the loader refuses both.
    """
    _refuse_unwritable(release)
    notes: list[str] = []
    agencies = _Agencies.parse(agencies_text, notes, release.time_zone)
    agencies.language = release.language
    for issuer in release.issuers:
        agencies.agency_ids[issuer.id] = agencies.add(issuer)
    boilerplate_refs = [agencies.boilerplate_ref(release, b) for b in release.boilerplates]
    contact_lines = agencies.contact_lines(release)
    front = _front_matter(release, agencies.agency_ids, boilerplate_refs, contact_lines, notes)
    markdown = "+++\n" + front + "+++\n\n" + body_markdown(release, notes)
    return WrittenSource(
        markdown, agencies.text(), agencies.agency_ids, tuple(agencies.added), tuple(notes)
    )


def _contact_from_table(table: Any, organisation: str) -> MediaContact:
    from presskit.errors import ModelError

    try:
        return MediaContact(
            str(table.get("name", "")),
            honorific=table.get("honorific"),
            title=table.get("title"),
            department=table.get("department"),
            organisation=table.get("organisation") or organisation or None,
            email=table.get("email"),
            phone=table.get("phone"),
        )
    except ModelError:
        return MediaContact("?")


def _about_text(boilerplate: Boilerplate, notes: list[str]) -> Any:
    import tomlkit

    text = "\n\n".join(_blocks_markdown(boilerplate.body, notes))
    return tomlkit.string("\n" + text + "\n", multiline=True) if text else ""


def _front_matter(
    release: PressRelease,
    agency_ids: dict[str, str],
    boilerplates: list[str],
    contacts: list[str],
    notes: list[str],
) -> str:
    lines = [f"headline = {_toml_string(release.headline)}"]
    if release.subheadline:
        lines.append(f"subheadline = {_toml_string(release.subheadline)}")
    lines.append(f"issuers = {_toml_array([agency_ids[i.id] for i in release.issuers])}")
    lines.extend(_time_lines(release, notes))
    lines.append(f"language = {_toml_string(release.language)}")
    lines.append(f"slug = {_toml_string(release.slug)}")
    lines.append(f"boilerplates = {_toml_array(boilerplates)}")
    if len(contacts) <= 1:
        lines.append(f"media_contacts = [{', '.join(contacts)}]")
    else:
        lines.append("media_contacts = [\n" + "".join(f"  {c},\n" for c in contacts) + "]")
    if release.tags:
        lines.append(f"tags = {_toml_array(release.tags)}")
    if release.canonical_url:
        lines.append(f"canonical_url = {_toml_string(release.canonical_url)}")
    if release.style:
        lines.append(f"style = {_toml_string(release.style)}")
    lines.extend(_table_lines(release, notes))
    return "\n".join(lines) + "\n"


def _time_lines(release: PressRelease, notes: list[str]) -> list[str]:
    """``dateline``, ``issued``, ``updated``, ``time_zone`` and ``embargo``: the
    dateline's date is left out when it is the day of issue in the release's zone."""
    zone = release.time_zone
    lines = []
    issued_day = release.issued_at.date()
    if zone:
        from zoneinfo import ZoneInfo

        issued_day = release.issued_at.astimezone(ZoneInfo(zone)).date()
    if release.dateline.date == issued_day:
        lines.append(f"dateline = {_toml_string(release.dateline.place)}")
    else:
        lines.append(
            f"dateline = {{ place = {_toml_string(release.dateline.place)}, "
            f"date = {release.dateline.date.isoformat()} }}"
        )
    lines.append(f"issued = {_toml_instant(release.issued_at, zone, notes, 'issued')}")
    if release.updated_at is not None:
        lines.append(f"updated = {_toml_instant(release.updated_at, zone, notes, 'updated')}")
    if zone:
        lines.append(f"time_zone = {_toml_string(zone)}")
    if isinstance(release.release, Embargoed):
        lines.append(f"embargo = {_toml_instant(release.release.until, zone, notes, 'embargo')}")
    return lines


def _table_lines(release: PressRelease, notes: list[str]) -> list[str]:
    """The arrays of tables: ``[[attachments]]``, ``[[translations]]``,
    ``[[corrections]]``."""
    lines = []
    for attachment in release.attachments:
        lines.append("\n[[attachments]]")
        lines.extend(
            _key_lines(
                attachment,
                ("href", "media_type", "title", "caption", "credit", "alt_text", "licence"),
            )
        )
    for translation in release.translations:
        lines.append("\n[[translations]]")
        lines.extend(_key_lines(translation, ("language", "url", "slug")))
    zone = release.time_zone
    for index, correction in enumerate(release.corrections):
        lines.append("\n[[corrections]]")
        lines.append(
            f"at = {_toml_instant(correction.at, zone, notes, f'corrections[{index}].at')}"
        )
        lines.append(f"text = {_toml_string(correction.text)}")
    return lines


def _key_lines(value: object, keys: Sequence[str]) -> list[str]:
    """``key = "string"`` for each of ``keys`` that ``value`` has (not ``None``)."""
    out = []
    for key in keys:
        field = getattr(value, key)
        if field is not None:
            out.append(f"{key} = {_toml_string(field)}")
    return out
