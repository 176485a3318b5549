"""``newsmlg2``: the release as a NewsML-G2 2.35 ``newsItem`` carrying NITF 3.6.

Standard: IPTC NewsML-G2 2.35 (schema approved 2024-10-02,
https://iptc.org/std/NewsML-G2/2.35/specification/NewsML-G2_2.35-spec-All-Power.xsd),
power conformance, namespace ``http://iptc.org/std/nar/2006-10-01/``. QCodes resolve
through the IPTC catalog ``catalog.IPTC-G2-Standards_41.xml``. Notes:
../shared/reference/wire-formats.md section 4a.

Mapping:

* ``newsItem/@guid``: the stable id, a ``tag:`` URI from the lead issuer, the dateline
  date and the slug (never the headline); ``@version``: 1 plus one per correction;
  ``@xml:lang``: the release's language;
* ``rightsInfo/copyrightHolder``: the lead issuer;
* ``itemMeta``, in the order the schema fixes: ``itemClass`` ``ninat:text``, ``provider``
  (the lead issuer), ``versionCreated`` (the latest of ``issued_at``, ``updated_at`` and
  the corrections), ``firstCreated`` (``issued_at``), ``embargoed`` (only when
  embargoed), ``pubStatus`` ``stat:usable``, ``edNote`` (notices and notes to editors),
  ``signal`` ``sig:correction`` after a correction;
* ``contentMeta``: ``urgency`` (1 to 9), ``contentCreated``, ``contentModified`` (when
  updated), ``located`` (the dateline place), one ``infoSource`` per issuer (lead first;
  no role, which in G2 means the party originated the content), ``language``, a
  ``keyword`` per tag, ``slugline``, ``headline``, ``dateline``, ``by``;
* ``contentSet/inlineXML contenttype="application/nitf+xml"``: the ``nitf`` exporter's
  document (G2 only checks it laxly; it is valid against the NITF 3.6 XSD on its own).

Every date-time carries its offset, in the release's time zone (in UTC when that offset
lies beyond ±14:00, which ``xs:dateTime`` cannot hold). The output is UTF-8 with an XML
declaration, indented by two spaces. Every fixed word (``by``, the ``edNote``'s "Notes to
editors:", and those of the NITF body) is a label in the release's language
(:func:`presskit.i18n.label`); the NITF body carries the house style's paragraph numbers
(option ``profile``, default ``sg``), as the ``nitf`` exporter does.
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from presskit.errors import ExportError
from presskit.exporters import Exporter, ExporterOptions
from presskit.exporters._newsitem import (
    byline,
    ednote_text,
    item_id,
    item_version,
    rfc3339,
    urgency_field,
    version_created,
)
from presskit.model import PressRelease
from presskit.profiles import check_profile

__all__ = ["CATALOG", "G2_NS", "STANDARD_VERSION", "NewsmlG2Exporter", "NewsmlG2Options"]

#: The NewsML-G2 namespace.
G2_NS = "http://iptc.org/std/nar/2006-10-01/"
#: The NewsML-G2 version written.
STANDARD_VERSION = "2.35"
#: The IPTC catalog that defines the QCode prefixes used (ninat, stat, sig, cpnat).
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _flag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise ExportError(f"newsmlg2: option {attribute.name} must be true or false, got {value!r}")


@attrs.frozen(kw_only=True)
class NewsmlG2Options(ExporterOptions):
    """Options of the ``newsmlg2`` exporter.

    Attributes:
        urgency: IPTC urgency 1 (most urgent) to 9 (least), default 5 (normal).
        profile: the house style whose paragraph numbers the NITF body carries, as the
            ``nitf`` option does: ``"sg"`` (default, numbered), ``"us"`` or ``"uk"``.
        number_paragraphs: ``True`` or ``False`` to number the paragraphs whatever the
            profile does, as the ``nitf`` option; ``None`` (default): as the profile does.
    """

    urgency: int = urgency_field("newsmlg2")
    profile: str | None = attrs.field(default=None, validator=check_profile)
    number_paragraphs: bool | None = attrs.field(default=None, validator=_flag)


class NewsmlG2Exporter(Exporter[NewsmlG2Options]):
    """NewsML-G2 newsItem XML (see the module documentation)."""

    name: ClassVar[str] = "newsmlg2"
    media_type: ClassVar[str] = "application/vnd.iptc.g2.newsitem+xml"
    extension: ClassVar[str] = "newsml.xml"
    binary: ClassVar[bool] = False
    Options: ClassVar[type[NewsmlG2Options]] = NewsmlG2Options
    description: ClassVar[str] = "NewsML-G2 2.35 newsItem with the NITF body inline"

    def render(self, release: PressRelease, options: NewsmlG2Options) -> bytes:
        from lxml import etree

        root = news_item(release, options)
        etree.indent(root, space="  ")
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        return data + b"\n"


def news_item(release: PressRelease, options: NewsmlG2Options) -> Any:
    """The ``newsItem`` element (not indented)."""
    from lxml import etree

    from presskit.exporters.nitf import NitfOptions, nitf_element
    from presskit.profiles import format_date

    def sub(parent: Any, name: str, text: str | None = None, **attrib: str) -> Any:
        element = etree.SubElement(parent, f"{{{G2_NS}}}{name}", attrib)
        if text is not None:
            element.text = text
        return element

    def party(parent: Any, tag: str, issuer: Any) -> Any:
        element = sub(parent, tag, literal=issuer.id)
        sub(element, "name", issuer.name)
        return element

    root = etree.Element(
        f"{{{G2_NS}}}newsItem",
        {
            "guid": item_id(release),
            "version": str(item_version(release)),
            "standard": "NewsML-G2",
            "standardversion": STANDARD_VERSION,
            "conformance": "power",
            _XML_LANG: release.language,
        },
        nsmap={None: G2_NS},
    )
    sub(root, "catalogRef", href=CATALOG)
    rights = sub(root, "rightsInfo")
    party(rights, "copyrightHolder", release.lead_issuer)

    meta = sub(root, "itemMeta")
    sub(meta, "itemClass", qcode="ninat:text")
    party(meta, "provider", release.lead_issuer)
    sub(meta, "versionCreated", rfc3339(version_created(release), release))
    sub(meta, "firstCreated", rfc3339(release.issued_at, release))
    if release.embargoed_until is not None:
        sub(meta, "embargoed", rfc3339(release.embargoed_until, release))
    sub(meta, "pubStatus", qcode="stat:usable")
    note = ednote_text(release)
    if note:
        sub(meta, "edNote", note)
    if release.corrections:
        sub(meta, "signal", qcode="sig:correction")

    content = sub(root, "contentMeta")
    sub(content, "urgency", str(options.urgency))
    sub(content, "contentCreated", rfc3339(release.issued_at, release))
    if release.updated_at is not None:
        sub(content, "contentModified", rfc3339(release.updated_at, release))
    located = sub(content, "located", type="cpnat:geoArea")
    sub(located, "name", release.dateline.place)
    for issuer in release.issuers:
        party(content, "infoSource", issuer)
    sub(content, "language", tag=release.language)
    for tag in release.tags:
        sub(content, "keyword", tag)
    sub(content, "slugline", release.slug)
    sub(content, "headline", release.headline)
    day = format_date(release.dateline.date, "long", release.language)
    sub(content, "dateline", f"{release.dateline.place}, {day}")
    sub(content, "by", byline(release))

    inline = sub(sub(root, "contentSet"), "inlineXML", contenttype="application/nitf+xml")
    nitf_options = NitfOptions(
        urgency=options.urgency,
        profile=options.profile,
        number_paragraphs=options.number_paragraphs,
    )
    inline.append(nitf_element(release, nitf_options))
    return root
