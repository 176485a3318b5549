"""Release sources: TOML front matter between ``+++`` lines, then a Markdown body.

The front matter keys (see docs/source-format.md for the full reference)::

    +++
    headline = "..."                       # required
    subheadline = "..."
    issuers = ["mddi", "imda"]             # required; ids from agencies.toml, lead first
    dateline = "SINGAPORE"                 # or { place = "SINGAPORE", date = 2025-01-17 }
    issued = 2025-01-17T10:00:00+08:00     # required; or a date (midnight in time_zone)
    updated = 2025-01-17                   # "LAST UPDATED"
    time_zone = "Asia/Singapore"           # defaults to [site] time_zone
    embargo = 2025-01-17T10:00:00+08:00    # leave out for immediate release
    language = "en"
    slug = "..."                           # defaults to the file name
    boilerplates = ["imda", "mddi"]        # order of the "About" blocks
    media_contacts = ["imda/adeline-lee", { name = "...", email = "..." }]
    tags = ["ASEAN", "digital"]
    canonical_url = "https://..."
    style = "uk"                           # house style: sg, us, uk (default: the site's)
    [[attachments]]  href, media_type, title, caption, credit, alt_text, licence
    [[translations]] language, url, slug
    [[corrections]]  at, text
    +++

Dates and times are TOML values. A date-time must carry an offset (``+08:00`` or ``Z``):
a local date-time is refused, since the same text means different instants in different
places. A bare date means midnight in ``time_zone``.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import attrs

from presskit.dump import flatten_errors
from presskit.errors import ModelError, SourceError
from presskit.model import (
    IMMEDIATE,
    Attachment,
    Boilerplate,
    Correction,
    Dateline,
    Embargoed,
    Issuer,
    MediaContact,
    PressRelease,
    Translation,
    instant_out_of_range,
)
from presskit.paths import AGENCIES_FILE, PathError, contain
from presskit.sources._structure import ContactSpec, strict_converter
from presskit.sources._toml import key_line, parse_toml
from presskit.sources.agencies import Agencies, Site
from presskit.textutils import removed_characters

__all__ = ["DATE_IN_PLACE", "FRONT_MATTER_FENCE", "loads_markdown", "slug_from_name"]

FRONT_MATTER_FENCE = "+++"


@attrs.define
class _DatelineSpec:
    place: str
    date: Any = None


@attrs.define
class _AttachmentSpec:
    href: str
    media_type: str | None = None
    title: str | None = None
    caption: str | None = None
    credit: str | None = None
    alt_text: str | None = None
    licence: str | None = None


@attrs.define
class _TranslationSpec:
    language: str
    url: str | None = None
    slug: str | None = None


@attrs.define
class _CorrectionSpec:
    at: Any
    text: str


@attrs.define
class _FrontMatter:
    headline: str
    issuers: list[str]
    dateline: Any
    issued: Any
    subheadline: str | None = None
    updated: Any = None
    time_zone: str | None = None
    embargo: Any = None
    language: str | None = None
    slug: str | None = None
    boilerplates: list[str] | None = None
    media_contacts: list[Any] | None = None
    tags: list[str] = attrs.Factory(list)
    canonical_url: str | None = None
    style: str | None = None
    attachments: list[_AttachmentSpec] = attrs.Factory(list)
    translations: list[_TranslationSpec] = attrs.Factory(list)
    corrections: list[_CorrectionSpec] = attrs.Factory(list)


def slug_from_name(name: str) -> str:
    """A slug from a file name: transliterated to ASCII, lower case, runs of anything
    else than ``a-z0-9`` turned into one ``-``, at most 100 characters."""
    from anyascii import anyascii

    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")
    return slug[:100].rstrip("-") or "release"


def split_front_matter(text: str, *, path: str) -> tuple[str, int, str, int]:
    """Split a source into ``(front matter, its line offset, body, its line offset)``.

    A line offset is the number of lines in the file before that part starts.

    Raises:
        SourceError: no ``+++`` front matter, or it is not closed.
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise SourceError(path, "the file is empty")
    opener = lines[first].strip()
    if opener == "---":
        raise SourceError(
            path,
            "front matter must be TOML between '+++' lines; YAML ('---') is not supported",
            line=first + 1,
        )
    if opener != FRONT_MATTER_FENCE:
        raise SourceError(
            path,
            "a release starts with TOML front matter between '+++' lines "
            "(headline, issuers, dateline, issued)",
            line=first + 1,
        )
    for index in range(first + 1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            front = "\n".join(lines[first + 1 : index])
            body = "\n".join(lines[index + 1 :])
            return front, first + 1, body, index + 1
    raise SourceError(path, "the front matter is not closed by a '+++' line", line=first + 1)


def loads_markdown(
    text: str,
    *,
    path: str = "<string>",
    agencies: Agencies | None = None,
    warnings: list[SourceError] | None = None,
) -> PressRelease:
    """Build a :class:`~presskit.model.PressRelease` from a Markdown source.

    Args:
        text: the whole source file.
        path: the file name, used in errors and for the default slug.
        agencies: the issuers and contacts the release may reference.
        warnings: if given, a list that receives a :class:`SourceError` for each problem
            that was repaired rather than refused (control characters removed).

    Raises:
        SourceError: the source is invalid; the error names the line and the key.
    """
    if agencies is None:
        agencies = Agencies(None, Site(), {}, {})
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac files
    if warnings is not None:
        _warn_removed(text, path, warnings)
    front_text, front_offset, body_text, body_offset = split_front_matter(text, path=path)
    data = parse_toml(front_text, path=path, line_offset=front_offset)

    def fail(field: str, message: str) -> SourceError:
        return SourceError(
            path, message, line=key_line(front_text, field, line_offset=front_offset), field=field
        )

    spec = _front_matter(data, path, front_offset, fail)
    agencies = _about_in(agencies, spec.language or agencies.site.language)
    time_zone = spec.time_zone or agencies.site.time_zone
    zone = _zone(time_zone, fail)

    def instant(value: Any, field: str) -> dt.datetime:
        return _instant(value, field, zone, fail)

    issued = instant(spec.issued, "issued")
    issuers = _issuers(spec.issuers, agencies, path, fail)
    dateline = _dateline(spec.dateline, issued, zone, fail)
    release = _release_status(spec.embargo, issued, instant, fail)
    boilerplates = _boilerplates(spec.boilerplates, issuers, agencies, fail)
    contacts = _contacts(spec.media_contacts, issuers, agencies, fail)
    for index, contact in enumerate(contacts):
        if contact in contacts[:index]:
            raise fail(f"media_contacts[{index}]", f"{contact.name} is listed twice")

    updated = None if spec.updated is None else instant(spec.updated, "updated")
    corrections = _corrections(spec.corrections, instant, fail)
    attachments = _attachments(spec.attachments, path, fail)
    translations = _translations(spec.translations, fail)
    slug = _slug(spec.slug, path, fail)

    from presskit.sources.markdown import parse_body

    parsed = parse_body(body_text, path=path, line_offset=body_offset)
    if warnings is not None:
        _warn_stray_markers(body_text, path, body_offset, warnings)

    try:
        return PressRelease(
            slug,
            spec.headline,
            issuers,
            dateline,
            issued,
            parsed.body,
            language=spec.language or agencies.site.language,
            subheadline=spec.subheadline,
            updated_at=updated,
            time_zone=time_zone,
            release=release,
            notes_to_editors=parsed.notes_to_editors,
            boilerplates=boilerplates,
            media_contacts=contacts,
            notices=parsed.notices,
            attachments=attachments,
            tags=spec.tags,
            translations=translations,
            corrections=corrections,
            canonical_url=spec.canonical_url,
            style=spec.style,
        )
    except ModelError as exc:
        raise _source_error(exc, path, body_text, body_offset, fail) from None


def _source_error(
    exc: ModelError, path: str, body_text: str, body_offset: int, fail: Any
) -> SourceError:
    """The model's refusal of the whole release as a source error: a body fault at the
    body's first line, any other at its front-matter key (``issued``, not ``issued_at``)."""
    field = {"issued_at": "issued", "updated_at": "updated"}.get(exc.field, exc.field)
    message = exc.message.replace("issued_at", "issued")
    if field == "body":
        blank = len(body_text) - len(body_text.lstrip("\n"))
        line = body_offset + 1 + body_text[:blank].count("\n")
        return SourceError(path, message, line=line, field="body")
    error: SourceError = fail(field, message)
    return error


def _corrections(specs: list[_CorrectionSpec], instant: Any, fail: Any) -> list[Correction]:
    """The ``[[corrections]]``, each at its instant."""
    corrections = []
    for index, c in enumerate(specs):
        at = instant(c.at, f"corrections[{index}].at")
        corrections.append(
            _model(lambda at=at, c=c: Correction(at, c.text), f"corrections[{index}]", fail)
        )
    return corrections


def _attachments(specs: list[_AttachmentSpec], path: str, fail: Any) -> list[Attachment]:
    """The ``[[attachments]]``; local files are looked for next to the source file."""
    folder = Path(path).parent if Path(path).is_file() else None
    return [
        _model(lambda a=a: _attachment(a, folder), f"attachments[{index}]", fail)
        for index, a in enumerate(specs)
    ]


def _translations(specs: list[_TranslationSpec], fail: Any) -> list[Translation]:
    return [
        _model(
            lambda t=t: Translation(t.language, url=t.url, slug=t.slug),
            f"translations[{index}]",
            fail,
        )
        for index, t in enumerate(specs)
    ]


def _slug(slug: str | None, path: str, fail: Any) -> str:
    """The front matter's slug, else the one made of the file name.

    Raises:
        SourceError: the slug is empty.
    """
    if slug is not None and not slug.strip():
        raise fail("slug", "must not be empty; leave it out to take the file name")
    return slug_from_name(Path(path).stem) if slug is None else slug


def _front_matter(data: Any, path: str, front_offset: int, fail: Any) -> _FrontMatter:
    """The front matter's TOML data checked and structured.

    Raises:
        SourceError: an unknown key, a missing one or a value of the wrong type (an
            unknown key first: it usually explains a missing one).
    """
    try:
        spec: _FrontMatter = strict_converter().structure(data, _FrontMatter)
    except Exception as exc:  # cattrs raises exception groups
        errors = flatten_errors(exc)
        # an unknown key usually explains a "required" one (headlin -> headline): first
        errors.sort(key=lambda e: not e[1].startswith("unknown key"))
        field, message = errors[0]
        if not field:
            raise SourceError(path, message, line=front_offset) from None
        raise fail(field, message) from None
    return spec


def _issuers(ids: list[str], agencies: Agencies, path: str, fail: Any) -> list[Issuer]:
    """The issuers the ids name in ``agencies``, their logos relative to the release.

    Raises:
        SourceError: no issuer, an issuer listed twice, or an unknown one.
    """
    issuers = []
    for index, issuer_id in enumerate(ids):
        if issuer_id in ids[:index]:
            raise fail(f"issuers[{index}]", f"issuer {issuer_id!r} is listed twice")
        if issuer_id not in agencies.issuers:
            if agencies.path is None:
                raise fail(
                    f"issuers[{index}]",
                    f"unknown issuer {issuer_id!r}: no {AGENCIES_FILE} was found next to this "
                    "file or in a folder above it",
                )
            known = ", ".join(agencies.issuers) or "none"
            raise fail(
                f"issuers[{index}]",
                f"unknown issuer {issuer_id!r}; known issuers in {agencies.path}: {known}",
            )
        issuers.append(_rebase_logo(agencies.issuers[issuer_id], agencies, path))
    if not issuers:
        raise fail("issuers", "a release needs at least one issuer")
    return issuers


def _release_status(embargo: Any, issued: dt.datetime, instant: Any, fail: Any) -> Any:
    """:data:`IMMEDIATE`, or :class:`Embargoed` until the ``embargo`` instant.

    Raises:
        SourceError: the embargo lifts before the release is issued, or is invalid.
    """
    if embargo is None:
        return IMMEDIATE
    until = instant(embargo, "embargo")
    if until < issued:
        raise fail(
            "embargo",
            f"{until.isoformat()} is before the release is issued ({issued.isoformat()}); "
            "an embargo lifts after the release goes out to journalists",
        )
    try:
        return Embargoed(until)
    except ModelError as exc:
        raise fail("embargo", exc.message) from None


def _about_in(agencies: Agencies, language: str) -> Agencies:
    """``agencies`` with the default "About" headings (label ``about``, for agencies
    without ``about_heading``) in the release's ``language`` (a BCP 47 tag) rather than
    the site's."""
    if not agencies.default_about or language == agencies.site.language:
        return agencies
    from presskit.i18n import label

    issuers = dict(agencies.issuers)
    for issuer_id in agencies.default_about:
        issuer = issuers[issuer_id]
        if issuer.boilerplate is not None:
            heading = label("about", language, name=issuer.name)
            boilerplate = attrs.evolve(issuer.boilerplate, heading=heading)
            issuers[issuer_id] = attrs.evolve(issuer, boilerplate=boilerplate)
    return attrs.evolve(agencies, issuers=issuers)


def _boilerplates(
    refs: list[str] | None, issuers: list[Issuer], agencies: Agencies, fail: Any
) -> list[Boilerplate]:
    """The boilerplates the front matter lists by issuer id (by default, the issuers').

    Raises:
        SourceError: an unknown issuer, or one without an "about" text.
    """
    if refs is None:
        return [i.boilerplate for i in issuers if i.boilerplate is not None]
    by_id = {i.id: i for i in issuers}
    boilerplates = []
    for index, ref in enumerate(refs):
        issuer = by_id.get(ref) or agencies.issuers.get(ref)
        if issuer is None:
            raise fail(f"boilerplates[{index}]", f"unknown issuer {ref!r}")
        if issuer.boilerplate is None:
            raise fail(f"boilerplates[{index}]", f"issuer {ref!r} has no 'about' text")
        boilerplates.append(issuer.boilerplate)
    return boilerplates


def _rebase_logo(issuer: Issuer, agencies: Agencies, path: str) -> Issuer:
    """A logo path in agencies.toml is relative to that file; in the release it becomes
    relative to the release's own folder, the one exporters resolve assets against."""
    logo = issuer.logo
    if logo is None or agencies.path is None or "://" in logo or Path(logo).is_absolute():
        return issuer
    target = agencies.path.parent / logo
    rebased = os.path.relpath(target, Path(path).parent)
    return attrs.evolve(issuer, logo=Path(rebased).as_posix())


def _model(make: Any, field: str, fail: Any) -> Any:
    try:
        return make()
    except ModelError as exc:
        raise fail(exc.prefixed(field).field, exc.message) from None


def _attachment(spec: _AttachmentSpec, folder: Path | None) -> Attachment:
    """The attachment of a ``[[attachments]]`` table; a local file must exist (relative to
    ``folder``, the source's folder, when the source is a file)."""
    guessed = spec.media_type or mimetypes.guess_type(spec.href, strict=False)[0]
    attachment = Attachment(
        spec.href,
        media_type=guessed or "application/octet-stream",
        title=spec.title,
        caption=spec.caption,
        credit=spec.credit,
        alt_text=spec.alt_text,
        licence=spec.licence,
    )
    if guessed is None:
        raise ModelError("media_type", f"cannot guess the media type of {spec.href!r}; give it")
    local = "://" not in attachment.href
    if local and folder is not None:
        if not (folder / attachment.href).exists():
            raise ModelError(
                "href", f"no such file {attachment.href!r} (paths are relative to the source file)"
            )
        try:  # links followed: the file must be in the source's folder
            contain(attachment.href, folder, what="the file")
        except PathError as exc:
            raise ModelError("href", str(exc)) from None
    return attachment


def _zone(name: str | None, fail: Any) -> dt.tzinfo | None:
    if name is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise fail(
            "time_zone", f"{name!r} is not an IANA time zone such as Asia/Singapore"
        ) from None


def _instant(value: Any, field: str, zone: dt.tzinfo | None, fail: Any) -> dt.datetime:
    """The aware instant of a front-matter value, bounded to the model's years before
    anything converts it (``astimezone`` overflows past year 9999 in UTC)."""
    instant = _aware_instant(value, field, zone, fail)
    problem = instant_out_of_range(instant)
    if problem:
        raise fail(field, problem)
    return instant


def _aware_instant(value: Any, field: str, zone: dt.tzinfo | None, fail: Any) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = (
                dt.date.fromisoformat(value)
                if len(value) == 10
                else dt.datetime.fromisoformat(value)
            )
        except ValueError:
            raise fail(
                field,
                f"{value!r} is not a date-time; write it as a TOML date-time with an offset, "
                "such as 2025-01-17T10:00:00+08:00",
            ) from None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise fail(
                field,
                f"{value.isoformat()} has no time zone; add an offset, such as "
                f"{value.isoformat()}+08:00, or Z for UTC",
            )
        return value
    if isinstance(value, dt.date):
        if zone is None:
            raise fail(
                field,
                f"the date {value.isoformat()} needs a time zone: give a date-time with an "
                "offset, or set time_zone (here or in [site] of agencies.toml)",
            )
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=zone)
    raise fail(
        field,
        "expected a date-time with an offset, such as 2025-01-17T10:00:00+08:00, got "
        + (f"the time {value.isoformat()}" if isinstance(value, dt.time) else repr(value)),
    )


def _dateline(value: Any, issued: dt.datetime, zone: dt.tzinfo | None, fail: Any) -> Dateline:
    local_day = (issued.astimezone(zone) if zone else issued).date()
    if isinstance(value, str):
        place, day = value, local_day
    elif isinstance(value, dict):
        try:
            spec = strict_converter().structure(value, _DatelineSpec)
        except Exception as exc:
            field, message = flatten_errors(exc)[0]
            raise fail(f"dateline.{field}" if field else "dateline", message) from None
        place = spec.place
        if spec.date is None:
            day = local_day
        elif isinstance(spec.date, dt.date) and not isinstance(spec.date, dt.datetime):
            day = spec.date
        else:
            got = spec.date.isoformat() if hasattr(spec.date, "isoformat") else repr(spec.date)
            raise fail("dateline.date", f"expected a date such as 2025-01-17, got {got}")
    else:
        raise fail("dateline", 'expected a place ("SINGAPORE") or { place = ..., date = ... }')
    if DATE_IN_PLACE.search(place):
        raise fail(
            "dateline",
            f'{place!r} looks like it holds a date; give the place only ("SINGAPORE"): the '
            "date comes from issued, or from dateline.date, and each profile prints it in its "
            "own style",
        )
    try:
        return Dateline(place, day)
    except ModelError as exc:
        raise fail(f"dateline.{exc.field}", exc.message) from None


#: A date (a year, or a day and month) written into a dateline's place, which the
#: dateline's date already gives.
DATE_IN_PLACE = re.compile(
    r"\b(1[89]|20)\d\d\b|\b\d{1,2}\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b"
    r"|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b",
    re.IGNORECASE,
)


def _contacts(
    refs: list[Any] | None, issuers: list[Any], agencies: Agencies, fail: Any
) -> list[MediaContact]:
    if refs is None:
        return [c for issuer in issuers for c in issuer.contacts]
    out = []
    for index, ref in enumerate(refs):
        field = f"media_contacts[{index}]"
        if isinstance(ref, str):
            if ref not in agencies.contacts:
                known = ", ".join(agencies.contacts) or "none"
                raise fail(field, f"unknown contact {ref!r}; known contacts: {known}")
            out.append(agencies.contacts[ref])
        elif isinstance(ref, dict):
            try:
                spec = strict_converter().structure(ref, ContactSpec)
            except Exception as exc:
                sub, message = flatten_errors(exc)[0]
                raise fail(f"{field}.{sub}" if sub else field, message) from None
            out.append(
                _model(
                    spec.to_model,
                    field,
                    fail,
                )
            )
        else:
            raise fail(
                field, 'expected "issuer/contact-id" or an inline table with name, email ...'
            )
    return out


_STRAY = re.compile(r"\*\*|__")


def _warn_stray_markers(body: str, path: str, offset: int, warnings: list[SourceError]) -> None:
    """Warn about ``**`` or ``__`` that CommonMark left as text. Its rules do not open
    emphasis between a letter and punctuation, which bites Chinese, Japanese and Korean
    text: ``说**“数字信任”计划**`` keeps its asterisks."""
    from presskit.sources.markdown import rendered_text

    leftover = rendered_text(body)
    if not _STRAY.search(leftover):
        return
    for number, line in enumerate(body.split("\n"), start=offset + 1):
        if _STRAY.search(line) and _STRAY.search(rendered_text(line)):
            warnings.append(
                SourceError(
                    path,
                    "'**' or '__' stays as text here (CommonMark does not open bold or "
                    "italics between a letter and punctuation); put a space before the "
                    "markers, or leave them out",
                    line=number,
                    field="body",
                )
            )
            return


#: How a removal warning names a character, by general category (U+FFFD is "So").
_KINDS = {"Cc": "control character", "Cs": "lone surrogate", "Cn": "noncharacter"}


def _warn_removed(text: str, path: str, warnings: list[SourceError]) -> None:
    removed = removed_characters(text)
    if not removed:
        return
    starts = [0]
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    for index, ch in enumerate(normalised):
        if ch == "\n":
            starts.append(index + 1)
    import bisect

    for offset, ch in removed[:20]:
        line = bisect.bisect_right(starts, offset)
        column = offset - starts[line - 1] + 1
        warnings.append(
            SourceError(
                path,
                f"removed {_KINDS.get(unicodedata.category(ch), 'character')}"
                f" U+{ord(ch):04X} (column {column})",
                line=line,
            )
        )
