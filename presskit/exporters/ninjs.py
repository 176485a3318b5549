"""``ninjs``: the release as IPTC ninjs, News in JSON.

Standard: IPTC ninjs 2.1 (approved May 2023,
http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json) by default, or ninjs 3.1
(http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json, camelCase property names) with
``version="3.1"``. The two are not compatible. Both schemas are closed
(``unevaluatedProperties: false``), so only properties they define are written. Notes:
../shared/reference/wire-formats.md section 4b.

Mapping (2.1 name / 3.1 name):

* ``uri``: the stable id, a ``tag:`` URI from the lead issuer, the dateline date and the
  slug (never the headline); ``version``: ``"1"`` plus one per correction (a string);
* ``standard``: name, version and schema URL of the ninjs version written;
* ``type`` ``text``, ``representationtype``/``representationType`` ``full``,
  ``pubstatus``/``pubStatus`` ``usable``, ``urgency`` (a number, 1 to 9), ``language``
  (BCP 47), ``slugline`` (the slug), ``located`` (the dateline place), ``by``
  (``Jointly issued by MDDI and IMDA``), ``copyrightholder``/``copyrightHolder`` (the lead
  issuer);
* ``firstcreated``/``firstCreated`` (``issued_at``), ``versioncreated``/
  ``versionCreated`` (the latest of ``issued_at``, ``updated_at`` and the corrections),
  ``embargoed``/``embargoedUntil`` when embargoed: RFC 3339 date-times with a colon in
  the offset (``2025-01-17T00:00:00+08:00``), in the release's time zone;
* ``headlines``: the headline (role ``main``) and the subheadline (role ``sub``);
* ``bodies``: the same copy as ``text/plain`` and as ``text/html`` (role ``main``), with
  its character count: the dateline and body, corrections, ``Jointly issued by``, the
  boilerplates and the media contacts; notices and notes to editors go to
  ``ednote``/``edNote`` (not for publication);
* ``infosources``/``infoSources``: one entry per issuer, lead first, with the issuer's
  name, id (``literal``) and home page (``uri``); ``subjects``: the tags.

Every fixed word (``by``, "Correction (...)", "Jointly issued by", "Media contacts",
the ``ednote``'s "Notes to editors:") is a label in the release's language
(:func:`presskit.i18n.label`, general wording). Where the house style (option
``profile``, default ``sg``) numbers paragraphs, each numbered paragraph and quote of the
body opens with ``1. ``, ``2. `` ... in both bodies, as the text exporter prints it, and
the dateline stands as a paragraph of its own before them (as the Singapore style prints
it) instead of opening the lede.

The JSON is UTF-8, keys in a fixed order, indented by two spaces, ending with a newline.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar, assert_never

import attrs

from presskit.errors import ExportError
from presskit.exporters import Exporter, ExporterOptions
from presskit.exporters._newsitem import (
    body_numbers,
    byline,
    ednote_text,
    item_id,
    item_version,
    readable_instant,
    rfc3339,
    text_block,
    urgency_field,
    version_created,
)
from presskit.i18n import label
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
from presskit.profiles import Profile, check_profile, get_profile, resolve_profile

__all__ = ["SCHEMAS", "NinjsExporter", "NinjsOptions", "ninjs_document", "rfc3339"]

#: The schema URL of each ninjs version written.
SCHEMAS = {
    "2.1": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
    "3.1": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json",
}

# 2.1 name -> 3.1 name, for the properties whose spelling differs
_CAMEL = {
    "representationtype": "representationType",
    "pubstatus": "pubStatus",
    "firstcreated": "firstCreated",
    "versioncreated": "versionCreated",
    "embargoed": "embargoedUntil",
    "copyrightholder": "copyrightHolder",
    "ednote": "edNote",
    "infosources": "infoSources",
    "contenttype": "contentType",
    "charcount": "charCount",
}


def _version(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in SCHEMAS:
        raise ExportError(
            f"ninjs: option version must be one of {', '.join(map(repr, SCHEMAS))}, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class NinjsOptions(ExporterOptions):
    """Options of the ``ninjs`` exporter.

    Attributes:
        version: the ninjs version, ``"2.1"`` (default) or ``"3.1"``.
        urgency: IPTC urgency 1 (most urgent) to 9 (least), default 5 (normal).
        profile: the house style whose paragraph numbers the bodies carry: ``"sg"``
            (default, numbered), ``"us"`` or ``"uk"`` (unnumbered).
    """

    version: str = attrs.field(default="2.1", validator=_version)
    urgency: int = urgency_field("ninjs")
    profile: str | None = attrs.field(default=None, validator=check_profile)


class NinjsExporter(Exporter[NinjsOptions]):
    """IPTC ninjs JSON (see the module documentation)."""

    name: ClassVar[str] = "ninjs"
    media_type: ClassVar[str] = "application/json"
    extension: ClassVar[str] = "ninjs.json"
    binary: ClassVar[bool] = False
    Options: ClassVar[type[NinjsOptions]] = NinjsOptions
    description: ClassVar[str] = "IPTC ninjs 2.1 (or 3.1) JSON, valid against the schema"

    def render(self, release: PressRelease, options: NinjsOptions) -> bytes:
        document = ninjs_document(release, options)
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def ninjs_document(release: PressRelease, options: NinjsOptions) -> dict[str, Any]:
    """The ninjs object as a ``dict`` (property order fixed)."""
    text, html = _bodies(release, resolve_profile(options.profile, release))
    doc: dict[str, Any] = {
        "uri": item_id(release),
        "standard": {
            "name": "ninjs",
            "version": options.version,
            "schema": SCHEMAS[options.version],
        },
        "type": "text",
        "representationtype": "full",
        "version": str(item_version(release)),
        "firstcreated": rfc3339(release.issued_at, release),
        "versioncreated": rfc3339(version_created(release), release),
    }
    if release.embargoed_until is not None:
        doc["embargoed"] = rfc3339(release.embargoed_until, release)
    doc["pubstatus"] = "usable"
    doc["urgency"] = options.urgency
    doc["language"] = release.language
    doc["slugline"] = release.slug
    doc["headlines"] = [{"role": "main", "value": release.headline}]
    if release.subheadline:
        doc["headlines"].append({"role": "sub", "value": release.subheadline})
    doc["bodies"] = [
        {"role": "main", "contenttype": "text/plain", "charcount": len(text), "value": text},
        {"role": "main", "contenttype": "text/html", "charcount": len(text), "value": html},
    ]
    doc["located"] = release.dateline.place
    doc["by"] = byline(release)
    doc["copyrightholder"] = release.lead_issuer.name
    ednote = ednote_text(release)
    if ednote:
        doc["ednote"] = ednote
    sources = []
    for issuer in release.issuers:
        source = {"name": issuer.name, "literal": issuer.id}
        uri = _as_uri(issuer.url) if issuer.url else None
        if uri:
            source["uri"] = uri
        sources.append(source)
    doc["infosources"] = sources
    if release.tags:
        doc["subjects"] = [{"name": tag} for tag in release.tags]
    if options.version == "3.1":
        doc = _camel_case(doc)
    return doc


def _as_uri(iri: str) -> str | None:
    """A link as a URI the schema's ``format: uri`` accepts: the host in IDNA, characters
    a URI cannot hold (non-ASCII, ``<``, ``]`` ...) percent-encoded; ``None`` when the host
    cannot be encoded."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(iri)
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:
        return None
    try:
        netloc = host + (f":{parts.port}" if parts.port else "")
    except ValueError:  # a port that is not a number
        return None

    def encode(part: str) -> str:
        part = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", part)  # a lone % is not an escape
        return quote(part, safe="/:@!$&'()*+,;=%?")

    path, query, fragment = (encode(p) for p in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def _camel_case(value: Any) -> Any:
    if isinstance(value, dict):
        return {_CAMEL.get(key, key): _camel_case(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_camel_case(item) for item in value]
    return value


# --- bodies -----------------------------------------------------------------------------


def _bodies(release: PressRelease, profile: Profile) -> tuple[str, str]:
    """The copy as plain text (paragraphs separated by a blank line) and as HTML, with
    the paragraph numbers of the house style ``profile``."""
    from lxml import etree

    from presskit.profiles import format_date

    day = format_date(release.dateline.date, "long", release.language)
    dateline = f"{release.dateline.place}, {day} – "
    numbers = body_numbers(release, profile)
    numbered = any(n is not None for n in numbers)
    lede = None if numbered else release.lede  # numbered: the dateline stands alone
    text: list[str] = []
    html: list[Any] = []
    if lede is None:
        text.append(dateline.rstrip(" –"))
        html.append(_element("p", value=dateline.rstrip(" –")))
    for block, number in zip(release.body, numbers, strict=True):
        opening = dateline if block is lede else ""
        if number is not None:
            opening += f"{number}. "
        text += text_block(block, opening)
        html.append(_block_html(block, opening))
    for line, css in _closing_lines(release, profile):
        text.append(line)
        html.append(_element("p", value=line, css=css))
    for boilerplate in release.boilerplates:
        text.append(boilerplate.heading)
        html.append(_element("h2", value=boilerplate.heading))
        for block in boilerplate.body:
            text += text_block(block)
            html.append(_block_html(block))
    if release.media_contacts:
        _contacts(release, text, html)
    markup = "\n".join(etree.tostring(el, encoding="unicode", method="html") for el in html)
    return "\n\n".join(text), markup


def _closing_lines(release: PressRelease, profile: Profile) -> list[tuple[str, str | None]]:
    """The lines after the body, each with its HTML class: corrections, then the joint
    line."""
    language = release.language
    lines: list[tuple[str, str | None]] = [
        (f"{label('correction', language, when=readable_instant(c.at, release, profile))} {c.text}",
         "correction")
        for c in release.corrections
    ]  # fmt: skip
    if release.is_joint:
        lines.append((byline(release), None))
    return lines


def _contacts(release: PressRelease, text: list[str], html: list[Any]) -> None:
    """The media contacts, a heading and a paragraph each, into ``text`` and ``html``."""
    from lxml import etree

    from presskit.layout import MediaContacts, contact_lines

    title = label("media_contacts", release.language)
    text.append(title)
    html.append(_element("h2", value=MediaContacts(title, ()).heading))
    for contact in release.media_contacts:
        lines = contact_lines(contact, get_profile("uk"), release.language)
        text.append("\n".join(line.label + line.text for line in lines))
        paragraph = etree.Element("p")
        for index, item in enumerate(lines):
            if index:
                etree.SubElement(paragraph, "br")
            _append(paragraph, item.label)
            if item.href:
                link = etree.SubElement(paragraph, "a", href=item.href)
                link.text = item.text
            else:
                _append(paragraph, item.text)
        html.append(paragraph)


def _inline(parent: Any, runs: Inline, opening: str = "") -> Any:
    """Runs into ``parent``: ``a``, ``strong``, ``em``, ``br``."""
    from lxml import etree

    if opening:
        _append(parent, opening)
    for run in runs:
        target = parent
        if run.href:
            target = etree.SubElement(target, "a", href=run.href)
        if run.strong:
            target = etree.SubElement(target, "strong")
        if run.emphasis:
            target = etree.SubElement(target, "em")
        for index, line in enumerate(run.text.split("\n")):
            if index:
                etree.SubElement(target, "br")
            if line:
                _append(target, line)
    return parent


def _element(tag: str, runs: Inline | None = None, value: str = "", css: str | None = None) -> Any:
    """An HTML element with runs (``value`` opens them) or the text ``value``."""
    from lxml import etree

    el = etree.Element(tag, {"class": css} if css else {})
    if runs is not None:
        _inline(el, runs, value)
    elif value:
        el.text = value
    return el


def _block_html(block: Block, opening: str = "") -> Any:
    from lxml import etree

    from presskit.layout import lead_in, quote_credit

    match block:
        case Paragraph():
            return _element("p", block.runs, opening)
        case Heading():
            return _element(f"h{block.level + 1}", block.runs)
        case Quote():
            quote = etree.Element("blockquote")
            first = opening + (lead_in(block.lead_in) if block.lead_in else "")
            for index, paragraph in enumerate(block.paragraphs):
                quote.append(_element("p", paragraph, first if not index else ""))
            credit = quote_credit(block)  # a quote is attributed once
            if credit:
                quote.append(_element("footer", value=credit))
            return quote
        case BulletList() | NumberedList():
            tag = "ul" if isinstance(block, BulletList) else "ol"
            attrib = (
                {"start": str(block.start)}
                if isinstance(block, NumberedList) and block.start != 1
                else {}
            )
            listing = etree.Element(tag, attrib)
            for item in block.items:
                listing.append(_element("li", item))
            return listing
        case _:
            assert_never(block)


def _append(parent: Any, text: str) -> None:
    try:  # not len(parent): lxml counts the children one by one, quadratic over a paragraph
        last = parent[-1]
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text
