"""From what the text assembler read to a :class:`~presskit.model.PressRelease`: where
and when (time zone, day of issue, embargo, update), body and headline, the issuers
with their "About" texts and contacts, language and slug; and the agencies of a known
``agencies.toml`` reused for equal-named ones (the Word importer uses that too).

The reading itself, which part of a release each chunk is, is
:mod:`presskit.importers._assemble`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from presskit.errors import ModelError, SourceError
from presskit.importers._dates import find_date, place_info
from presskit.importers._report import Finding, Imported, Report
from presskit.model import (
    IMMEDIATE,
    Block,
    Boilerplate,
    Dateline,
    Embargoed,
    Issuer,
    MediaContact,
    Paragraph,
    PressRelease,
    Quote,
    ReleaseStatus,
    plain_text,
)

if TYPE_CHECKING:
    from presskit.importers._assemble import Assembler

__all__ = ["build_release", "reuse_agencies", "same_org"]


def _issuer_id(short: str, taken: set[str]) -> str:
    from presskit.sources.release import slug_from_name

    base = slug_from_name(short)[:24].strip("-") or "issuer"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _language(text: str) -> str:
    counts = {"zh": 0, "th": 0, "ta": 0, "latin": 0}
    for ch in text[:20000]:
        if "\u4e00" <= ch <= "\u9fff":
            counts["zh"] += 1
        elif "\u0e00" <= ch <= "\u0e7f":
            counts["th"] += 1
        elif "\u0b80" <= ch <= "\u0bff":
            counts["ta"] += 1
        elif ch.isalpha():
            counts["latin"] += 1
    script = max(counts, key=lambda k: counts[k])
    if script != "latin":
        return script
    words = re.findall(r"[^\W\d_]+", text[:20000].casefold())
    scores = {
        "en": sum(w in {"the", "and", "of", "to", "in", "is", "for", "with"} for w in words),
        "fr": sum(w in {"le", "la", "les", "des", "et", "du", "est", "pour", "une"} for w in words),
        "ms": sum(
            w in {"dan", "yang", "untuk", "dengan", "ini", "kepada", "akan", "telah"} for w in words
        ),
    }
    return max(scores, key=lambda k: scores[k])


def build_release(work: Assembler) -> Imported:
    """The release from what the assembler read: where and when, the body and headline,
    the issuers with their boilerplates and contacts, the language and slug."""
    from presskit.sources.release import slug_from_name

    hints = work.hints
    all_text = "\n".join(c.text for c in work.chunks)
    place = work.dateline.place if work.dateline else None
    info = place_info(place) if place else None
    zone_name, zone = _zone(work, info)
    day = _issued_day(work, zone, all_text)
    issued, release, updated = _instants(work, day, zone)
    body, headline = _body_and_headline(work)
    issuers, boilerplates, media_contacts = _parties(work, _organisations(work))
    if hints.agencies is not None:
        issuers, boilerplates, media_contacts = reuse_agencies(
            hints.agencies, issuers, boilerplates, media_contacts, work.findings
        )
    language = _language(all_text)
    if info is not None and language in ("en", "zh", "ms", "ta", "th", "fr"):
        language = f"{language}-{info.country}"
    slug = slug_from_name(hints.name) if hints.name else slug_from_name(headline)
    try:
        result = PressRelease(
            slug,
            headline,
            issuers,
            Dateline(place or "UNKNOWN", day),
            issued,
            body,
            language=language,
            subheadline=work.subheadline,
            updated_at=updated,
            time_zone=zone_name,
            release=release,
            notes_to_editors=work.notes,
            boilerplates=boilerplates,
            media_contacts=media_contacts,
        )
    except ModelError as exc:  # pragma: no cover - every part was built valid
        raise SourceError(work.source, f"the release cannot be built: {exc}") from None
    ordered = sorted(work.findings, key=lambda f: (f.line is None, f.line or 0))
    return Imported(result, Report(work.source, work.format, tuple(ordered)))


def _zone(work: Assembler, info: Any) -> tuple[str | None, dt.tzinfo]:
    """The release's time zone name and zone: the dateline place's, else the caller's or
    ``[site]``'s, else the e-mail Date's offset, else UTC (each guess noted)."""
    from zoneinfo import ZoneInfo

    hints = work.hints
    zone_name = info.time_zone if info else hints.time_zone
    if zone_name is None and hints.agencies is not None:
        zone_name = hints.agencies.site.time_zone
    if zone_name:
        return zone_name, ZoneInfo(zone_name)
    if hints.sent is not None and hints.sent.tzinfo is not None:
        work.note(None, "unsure", "time zone taken from the e-mail's Date")
        return zone_name, hints.sent.tzinfo
    work.note(None, "unsure", "no time zone is known for the dateline; dates are in UTC")
    return zone_name, dt.UTC


def _issued_day(work: Assembler, zone: dt.tzinfo, all_text: str) -> dt.date:
    """The dateline's day, else the first date in the text, the e-mail's Date, the
    "last updated" day.

    Raises:
        SourceError: none of them is there.
    """
    if work.dateline:
        return work.dateline.date
    found = find_date(all_text)
    if found is not None:
        return found[0]
    if work.hints.sent is not None:
        return work.hints.sent.astimezone(zone).date()
    if work.updated is not None:
        return work.updated
    raise SourceError(
        work.source,
        "found no date (no dateline, no date in the text, no e-mail Date); "
        "a release needs the day it was issued",
    )


def _instants(
    work: Assembler, day: dt.date, zone: dt.tzinfo
) -> tuple[dt.datetime, ReleaseStatus, dt.datetime | None]:
    """Issued (local midnight of ``day``, or the embargo when that lifts earlier), the
    release status, and the update (left out when before the issue)."""
    issued = dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)
    release: ReleaseStatus = IMMEDIATE
    if work.status is not None and work.status[0] == "embargoed":
        _, eday, etime, ezone = work.status
        eday = eday or day
        until = dt.datetime.combine(eday, etime or dt.time(0, 0), tzinfo=ezone or zone)
        if until < issued:
            issued = until
            work.note(None, "unsure", "the embargo lifts before the dateline's day; issued then")
        release = Embargoed(until)
    updated = None
    if work.updated is not None:
        updated = dt.datetime.combine(work.updated, dt.time(0, 0), tzinfo=zone)
        if updated < issued:
            work.note(None, "unsure", "LAST UPDATED is before the release's day; left out")
            updated = None
    return issued, release, updated


def _body_and_headline(work: Assembler) -> tuple[list[Block], str]:
    """The body blocks and the headline (the first words of the body without one).

    Raises:
        SourceError: the body has no paragraph and no quote.
    """
    body = [b for b, _ in work.body]
    if not any(isinstance(b, Paragraph | Quote) for b in body):
        raise SourceError(work.source, "found no paragraph of body text in the release")
    headline = work.headline
    if not headline:
        headline = (
            work.hints.subject
            or plain_text(next(b for b in body if isinstance(b, Paragraph)).runs)[:120]
        )
        work.note(None, "unsure", "no headline found; the first words are used")
    return body, headline


def _organisation_of(work: Assembler, name: str) -> tuple[str, str | None]:
    """The name and short name of the "About" section or contact's organisation that
    ``name`` (from an "Issued by" line) stands for; else ``name`` itself."""
    for about in work.abouts:
        if same_org(name, about.name) or (about.short and same_org(name, about.short)):
            return about.name, about.short
    for contact in work.contacts:
        org = contact.contact.organisation
        if org and same_org(name, org):
            return org, None
    return name, None


def _organisations(work: Assembler) -> list[tuple[str, str | None]]:
    """The issuers' names and short names: the "Issued by" line's, else those of the
    "About" sections that contacts belong to, the first "About" section, the first
    contact's organisation, the e-mail's sender, or a placeholder (each guess noted)."""
    if work.issuer_names:
        return [_organisation_of(work, n) for n in work.issuer_names]
    contact_orgs = [c.contact.organisation for c in work.contacts if c.contact.organisation]
    with_contacts = [
        (a.name, a.short) for a in work.abouts if any(same_org(a.name, o) for o in contact_orgs)
    ]
    orgs: list[tuple[str, str | None]]
    if with_contacts:
        orgs = with_contacts
    elif work.abouts:
        orgs = [(work.abouts[0].name, work.abouts[0].short)]
    elif contact_orgs:
        orgs = [(contact_orgs[0], None)]
    elif work.hints.sender:
        orgs = [(work.hints.sender, None)]
    else:
        orgs = [("Issuer", None)]
        work.note(None, "unsure", "no issuer found; edit the agency 'issuer' it was given")
    if orgs != [("Issuer", None)]:
        work.note(
            None,
            "unsure",
            "no 'Issued by' line; issuers taken from the 'About' sections and "
            "contacts: " + ", ".join(n for n, _ in orgs),
        )
    return orgs


def _parties(
    work: Assembler, orgs: list[tuple[str, str | None]]
) -> tuple[list[Issuer], list[Boilerplate], list[MediaContact]]:
    """The issuers (each with its "About" text and contacts), the boilerplates in the
    order read, and the media contacts, each once."""
    taken: set[str] = set()
    issuers: list[Issuer] = []
    by_about: dict[int, Boilerplate] = {}
    for name, short in orgs:
        issuer_id = _issuer_id(short or name, taken)
        taken.add(issuer_id)
        about = next(
            (
                a
                for a in work.abouts
                if same_org(a.name, name) or (short and a.short and same_org(a.short, short))
            ),
            None,
        )
        boilerplate = None
        if about is not None and about.blocks:
            boilerplate = Boilerplate(about.heading, about.blocks, issuer_id=issuer_id)
            by_about[id(about)] = boilerplate
        contacts = [
            c.contact
            for c in work.contacts
            if c.contact.organisation and same_org(c.contact.organisation, name)
        ]
        issuers.append(
            Issuer(
                issuer_id,
                name,
                short_name=short or name,
                boilerplate=boilerplate,
                contacts=contacts,
            )
        )
    boilerplates: list[Boilerplate] = []
    for about in work.abouts:
        if not about.blocks:
            work.note(about.line, "unsure", f"{about.heading!r} has no text")
            continue
        boilerplates.append(by_about.get(id(about)) or Boilerplate(about.heading, about.blocks))
    media_contacts: list[MediaContact] = []
    for c in work.contacts:
        if c.contact not in media_contacts:
            media_contacts.append(c.contact)
    return issuers, boilerplates, media_contacts


def reuse_agencies(
    agencies: Any,
    issuers: list[Issuer],
    boilerplates: list[Boilerplate],
    contacts: list[MediaContact],
    findings: list[Finding],
) -> tuple[list[Issuer], list[Boilerplate], list[MediaContact]]:
    """Issuers, boilerplates and contacts replaced by the equal-named ones of a known
    ``agencies.toml``, so a re-imported release refers to the agencies already there."""
    known: dict[str, Issuer] = agencies.issuers
    out: list[Issuer] = []
    swap: dict[int, Issuer] = {}
    from presskit.sources.agencies import same_agency

    for issuer in issuers:
        match = next(
            (
                k
                for k in known.values()
                if same_agency([k.id, k.name, k.short_name], [issuer.name, issuer.short_name])
            ),
            None,
        )
        if match is None or match in out:
            out.append(issuer)
            continue
        out.append(match)
        swap[id(issuer)] = match
        findings.append(
            Finding(None, "recognised", f"issuer {match.name} is {match.id!r} in agencies.toml")
        )
    new_boilerplates = []
    for boilerplate in boilerplates:
        replacement = next(
            (
                k.boilerplate
                for k in known.values()
                if k.boilerplate is not None
                and same_org(k.boilerplate.heading, boilerplate.heading)
            ),
            None,
        )
        # the text only: the known one carries its agency's id, the imported one may not
        if replacement is not None and (replacement.heading, replacement.body) != (
            boilerplate.heading,
            boilerplate.body,
        ):
            findings.append(
                Finding(
                    None,
                    "unsure",
                    f"{boilerplate.heading!r} differs from agencies.toml's text, which is used",
                )
            )
        new_boilerplates.append(replacement or boilerplate)
    all_known = [c for k in known.values() for c in k.contacts]
    new_contacts = []
    for contact in contacts:
        same = next(
            (
                k
                for k in all_known
                if (contact.email and k.email == contact.email) and same_org(k.name, contact.name)
            ),
            None,
        )
        new_contacts.append(same or contact)
    return out, new_boilerplates, new_contacts


def same_org(a: str, b: str) -> bool:
    """Whether two names name one organisation (``"the Lion City Digital Office
    (LCDO)"``, ``"Lion City Digital Office"`` and ``"LCDO"`` do)."""
    from presskit.sources.agencies import same_agency

    return same_agency([a], [b])
