"""``nitf``: the release as NITF 3.6, the News Industry Text Format.

Standard: IPTC NITF 3.6 (XSD "NITF XSD Version 3.6, November 3rd, 2010", with the
xml:lang fix of 2012-01-12), http://www.iptc.org/std/NITF/3.6/specification/nitf-3-6.xsd.
The document is in the XSD's namespace, ``http://iptc.org/std/NITF/2006-10-18/`` (a
namespace-less ``<nitf>`` only fits the DTD), and validates against that XSD. Notes on the
format and its pitfalls: ../shared/reference/wire-formats.md section 3.

Mapping:

* ``head/title`` and ``body.head/hedline/hl1``: the headline; ``hl2`` in ``hedline``:
  the subheadline;
* ``head/docdata``: ``management-status`` ``embargoed`` (with ``date.release`` at the
  embargo) or ``usable``; ``doc-id/@id-string`` the stable id (a ``tag:`` URI from the
  lead issuer, the dateline date and the slug, never the headline); ``urgency/@ed-urg``
  (NITF's 1 most, 5 normal, 8 least; urgency 9 is sent as 8); ``date.issue``;
  ``du-key`` with the slug and the version (1 + corrections); one ``correction`` per
  correction; ``doc.copyright`` (the lead issuer, the year of issue); ``key-list`` from
  the tags;
* every ``norm`` is ISO 8601 basic form, ``YYYYMMDDTHHMMSS+HHMM``, in the release's time
  zone (or the offset the instant carries);
* ``body.head``: ``note`` per notice, ``byline`` (``Jointly issued by MDDI and IMDA``, or
  the issuer), ``distributor`` with one ``org`` per issuer (lead first, ``value`` the
  issuer id), ``dateline`` with ``location`` and ``story.date``;
* ``body.content``: paragraphs as ``p``, headings as ``hl2``, quotes as
  ``bq/block/p`` with the speaker in ``credit`` (a lead-in opens the first ``p``), lists as
  ``ul``/``ol``, bold and italic as ``em class="bold"``/``"italic"``, links as ``a``,
  hard breaks as ``br``; corrections and ``Jointly issued by`` as ``p``; notes to editors
  as ``note type="npa"``; each boilerplate as an ``hl2`` and its blocks;
* ``body.end/tagline type="npa"``: the media contacts.

Every fixed word (the byline, "Correction (...)", "Jointly issued by", "Media contacts:",
the "and" between the distributors) is a label in the release's language
(:func:`presskit.i18n.label`, general wording). Where the house style (option ``profile``,
default ``sg``) numbers paragraphs, each numbered body paragraph and quote opens with
``1. ``, ``2. `` ... in its text, as the text exporter prints it (the dateline is in
``body.head``, so the numbers open the paragraphs themselves).

The output is UTF-8 with an XML declaration and two-space indentation where the content
model allows it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, assert_never

import attrs

from presskit.errors import ExportError
from presskit.exporters import Exporter, ExporterOptions
from presskit.exporters._newsitem import (
    body_numbers,
    byline,
    item_id,
    item_version,
    local,
    readable_instant,
    urgency_field,
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
from presskit.profiles import check_profile, get_profile, resolve_profile

__all__ = ["NITF_NS", "NitfExporter", "NitfOptions", "basic_iso", "nitf_element"]

#: The namespace of the NITF 3.6 XSD.
NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
#: The only value the XSD allows for ``nitf/@version``.
NITF_VERSION = "-//IPTC//DTD NITF 3.6//EN"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _flag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise ExportError(f"nitf: option {attribute.name} must be true or false, got {value!r}")


@attrs.frozen(kw_only=True)
class NitfOptions(ExporterOptions):
    """Options of the ``nitf`` exporter.

    Attributes:
        urgency: IPTC urgency 1 (most urgent) to 9 (least), default 5 (normal); sent as
            ``ed-urg`` (9 becomes 8, NITF's lowest).
        profile: the house style whose paragraph numbers the body carries: ``"sg"``
            (default; ``1. ``, ``2. `` ... in front of the body paragraphs and quotes, as
            Singapore government releases print them), ``"us"`` or ``"uk"`` (none).
        number_paragraphs: ``True`` or ``False`` to number the body paragraphs whatever
            the profile does; ``None`` (default): as the profile does.
    """

    urgency: int = urgency_field("nitf")
    profile: str | None = attrs.field(default=None, validator=check_profile)
    number_paragraphs: bool | None = attrs.field(default=None, validator=_flag)

    def numbers(self, release: PressRelease) -> list[int | None]:
        """The paragraph number of each body block (``None``: unnumbered)."""
        if self.number_paragraphs is None:
            return body_numbers(release, resolve_profile(self.profile, release))
        profile = attrs.evolve(
            resolve_profile(self.profile, release), number_paragraphs=self.number_paragraphs
        )
        return body_numbers(release, profile)


class NitfExporter(Exporter[NitfOptions]):
    """NITF 3.6 XML (see the module documentation)."""

    name: ClassVar[str] = "nitf"
    media_type: ClassVar[str] = "application/nitf+xml"
    extension: ClassVar[str] = "nitf.xml"
    binary: ClassVar[bool] = False
    Options: ClassVar[type[NitfOptions]] = NitfOptions
    description: ClassVar[str] = "NITF 3.6 XML, valid against the IPTC XSD"

    def render(self, release: PressRelease, options: NitfOptions) -> bytes:
        from lxml import etree

        root = nitf_element(release, options)
        etree.indent(root, space="  ")
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        return data + b"\n"


def basic_iso(instant: dt.datetime, release: PressRelease) -> str:
    """``instant`` in ISO 8601 basic form as NITF's ``norm`` attributes want it,
    ``20250117T000000+0800``, in the release's time zone."""
    return local(instant, release).strftime("%Y%m%dT%H%M%S%z")


def _q(tag: str) -> str:
    return f"{{{NITF_NS}}}{tag}"


def _sub(parent: Any, tag: str, text: str | None = None, **attrib: str) -> Any:
    """A child element in the NITF namespace; ``ed_urg="5"`` is the attribute
    ``ed-urg``, ``class_`` is ``class``."""
    from lxml import etree

    names = {key: key.rstrip("_").replace("_", "-") for key in attrib}
    element = etree.SubElement(parent, _q(tag), {names[k]: v for k, v in attrib.items()})
    if text is not None:
        element.text = text
    return element


def nitf_element(release: PressRelease, options: NitfOptions) -> Any:
    """The ``<nitf>`` element of ``release`` (not indented), in the NITF namespace; the
    NewsML-G2 exporter puts it into ``inlineXML``."""
    from lxml import etree

    root = etree.Element(_q("nitf"), {"version": NITF_VERSION}, nsmap={None: NITF_NS})
    _head(_sub(root, "head"), release, options)
    body = _sub(root, "body")
    writer = _Writer(_sub)
    _body_head(_sub(body, "body.head"), release, writer)
    _body_content(_sub(body, "body.content"), release, writer, options)
    if release.media_contacts:
        _body_end(body, release)
    return root


def _head(head: Any, release: PressRelease, options: NitfOptions) -> None:
    """``<head>``: the title and the document data (status, id, urgency, dates,
    corrections, copyright, keywords)."""
    sub = _sub
    sub(head, "title", release.headline)
    until = release.embargoed_until
    docdata = sub(head, "docdata", management_status="embargoed" if until else "usable")
    sub(docdata, "doc-id", id_string=item_id(release))
    sub(docdata, "urgency", ed_urg=str(min(options.urgency, 8)))
    sub(docdata, "date.issue", norm=basic_iso(release.issued_at, release))
    if until is not None:
        sub(docdata, "date.release", norm=basic_iso(until, release))
    sub(docdata, "du-key", key=release.slug, version=str(item_version(release)))
    for correction in release.corrections:
        sub(docdata, "correction", info=correction.text)
    lead = release.lead_issuer
    sub(docdata, "doc.copyright", holder=lead.name, year=str(release.issued_at.year))
    if release.tags:
        keys = sub(docdata, "key-list")
        for tag in release.tags:
            sub(keys, "keyword", key=tag)


def _body_head(body_head: Any, release: PressRelease, writer: _Writer) -> None:
    """``<body.head>``: headlines, notices, byline, distributor and dateline."""
    from presskit.profiles import format_date

    sub = _sub
    hedline = sub(body_head, "hedline")
    sub(hedline, "hl1", release.headline)
    if release.subheadline:
        sub(hedline, "hl2", release.subheadline)
    for notice in release.notices:
        note = sub(body_head, "note", noteclass="hd")
        writer.blocks(sub(note, "body.content"), notice.body)
    sub(body_head, "byline", byline(release))
    distributor = sub(body_head, "distributor")
    for index, issuer in enumerate(release.issuers):
        org = sub(distributor, "org", issuer.name, idsrc="presskit", value=issuer.id)
        if index < len(release.issuers) - 1:
            last = index == len(release.issuers) - 2
            org.tail = label("list.and" if last else "list.comma", release.language)
    dateline = sub(body_head, "dateline")
    location = sub(dateline, "location", release.dateline.place)
    location.tail = ", "
    day = release.dateline.date
    midnight = dt.datetime.combine(day, dt.time(), local(release.issued_at, release).tzinfo)
    sub(
        dateline,
        "story.date",
        format_date(day, "long", release.language),
        norm=basic_iso(midnight, release),
    )


def _body_content(
    content: Any, release: PressRelease, writer: _Writer, options: NitfOptions
) -> None:
    """``<body.content>``: the body, corrections, the joint line, notes to editors and
    boilerplates."""
    sub = _sub
    writer.blocks(content, release.body, options.numbers(release))
    language = release.language
    for correction in release.corrections:
        when = readable_instant(correction.at, release, resolve_profile(options.profile, release))
        lead = label("correction", language, when=when)
        sub(content, "p", f"{lead} {correction.text}", class_="correction")
    if release.is_joint:
        sub(content, "p", byline(release))
    if release.notes_to_editors:
        note = sub(content, "note", noteclass="editorsnote", type="npa")
        writer.blocks(sub(note, "body.content"), release.notes_to_editors)
    for boilerplate in release.boilerplates:
        sub(content, "hl2", boilerplate.heading)
        writer.blocks(content, boilerplate.body)


def _body_end(body: Any, release: PressRelease) -> None:
    """``<body.end>``: the media contacts in a tagline, one a line."""
    from presskit.layout import contact_lines

    title = label("media_contacts", release.language) + " "
    tagline = _sub(_sub(body, "body.end"), "tagline", title, type="npa")
    for index, contact in enumerate(release.media_contacts):
        if index:
            _sub(tagline, "br")
        lines = contact_lines(contact, get_profile("uk"), release.language)
        for number, line in enumerate(lines):
            text = line.label + line.text + (", " if number < len(lines) - 1 else "")
            _append_text(tagline, text)


def _append_text(parent: Any, text: str) -> None:
    """Add ``text`` at the end of ``parent``'s content (after its last child)."""
    try:  # not len(parent): lxml counts the children one by one, quadratic over a paragraph
        last = parent[-1]
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


@attrs.define
class _Writer:
    """Body blocks into NITF elements."""

    sub: Any

    def inline(self, parent: Any, runs: Inline, opening: str = "") -> None:
        """Runs into ``parent``: ``em class="bold"``/``"italic"``, ``a href``, ``br``."""
        if opening:
            _append_text(parent, opening)
        for run in runs:
            target = parent
            if run.href:
                target = self.sub(target, "a", href=run.href)
            if run.strong:
                target = self.sub(target, "em", class_="bold")
            if run.emphasis:
                target = self.sub(target, "em", class_="italic")
            for index, line in enumerate(run.text.split("\n")):
                if index:
                    self.sub(target, "br")
                if line:
                    _append_text(target, line)

    def blocks(
        self,
        parent: Any,
        blocks: tuple[Block, ...],
        numbers: list[int | None] | None = None,
    ) -> None:
        """``blocks`` into ``parent``; ``numbers`` (one per block, ``None``: unnumbered)
        open their paragraphs with ``1. ``, ``2. `` ..."""
        from presskit.layout import lead_in

        for block, number in zip(blocks, numbers or [None] * len(blocks), strict=True):
            prefix = "" if number is None else f"{number}. "
            match block:
                case Paragraph():
                    self.inline(self.sub(parent, "p"), block.runs, prefix)
                case Heading():
                    self.inline(self.sub(parent, "hl2"), block.runs)
                case Quote():
                    bq = self.sub(parent, "bq")
                    container = self.sub(bq, "block")
                    opening = prefix
                    if block.lead_in:
                        opening += lead_in(block.lead_in)
                    for index, paragraph in enumerate(block.paragraphs):
                        self.inline(
                            self.sub(container, "p"), paragraph, opening if not index else ""
                        )
                    if block.attribution:
                        self.sub(bq, "credit", block.attribution)
                case BulletList():
                    ul = self.sub(parent, "ul")
                    for item in block.items:
                        self.inline(self.sub(ul, "li"), item)
                case NumberedList():
                    ol = self.sub(parent, "ol")  # NITF's ol has no start: number in the text
                    shown = block.start != 1
                    for n, item in enumerate(block.items, start=block.start):
                        self.inline(self.sub(ol, "li"), item, f"{n}. " if shown else "")
                case _:
                    assert_never(block)
