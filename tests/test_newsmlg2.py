"""NewsML-G2 2.35: valid against the IPTC's power XSD in tests/schemas/newsml-g2 (or the
copy ``$PRESSKIT_NEWSML_G2_XSD`` names, when set), the inline NITF valid against the NITF
XSD on its own,
and the G2 checks of ../shared/reference/wire-formats.md (1-7) on the reference release
and an embargoed Chinese release."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from lxml import etree

import presskit
from presskit.model import PressRelease

from .test_nitf import assert_valid as assert_valid_nitf
from .test_nitf import check_nitf
from .wirekit import chinese_release, corrected, newsml_g2_xsd

G2 = "http://iptc.org/std/nar/2006-10-01/"
NITF = "http://iptc.org/std/NITF/2006-10-18/"
N = {"g": G2, "n": NITF}
#: The scheme aliases catalog.IPTC-G2-Standards_41.xml defines that the exporter uses.
CATALOG_ALIASES = {"ninat", "stat", "sig", "cpnat"}


@pytest.fixture
def zh(write_source: Callable[..., Path]) -> PressRelease:
    return chinese_release(write_source)


@cache
def _schema(path: Path) -> Any:
    return etree.XMLSchema(etree.parse(str(path)))


def g2_schema(*, required: bool = True) -> Any:
    """The compiled NewsML-G2 XSD (see :func:`tests.wirekit.newsml_g2_xsd`), or ``None``
    when there is none and it is not ``required``."""
    path = newsml_g2_xsd(required=required)
    return None if path is None else _schema(path)


def assert_valid_g2(root: Any) -> None:
    """Validate a ``newsItem`` against the XSD."""
    schema = g2_schema()
    assert schema.validate(root), schema.error_log


def parse(release: PressRelease, **options: object) -> Any:
    return etree.fromstring(presskit.export(release, "newsmlg2", **options))


def check_g2(root: Any, release: PressRelease) -> None:
    """Checks 2 to 7, and what is read back (check 1 is test_validates_against_the_xsd)."""
    assert root.tag == f"{{{G2}}}newsItem"
    assert root.get("standard") == "NewsML-G2" and root.get("standardversion") == "2.35"
    assert root.get("conformance") == "power"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == release.language
    # 2. the inline NITF, validated on its own
    inline = root.find("g:contentSet/g:inlineXML", N)
    assert inline.get("contenttype") == "application/nitf+xml"
    (nitf,) = list(inline)
    assert_valid_nitf(nitf)
    check_nitf(etree.fromstring(etree.tostring(nitf)), release)
    # 3. itemMeta's order
    meta = [child.tag.split("}")[1] for child in root.find("g:itemMeta", N)]
    assert meta[:3] == ["itemClass", "provider", "versionCreated"]
    # 4. explicit offsets
    for name in ("versionCreated", "firstCreated", "embargoed", "contentCreated"):
        for element in root.iter(f"{{{G2}}}{name}"):
            assert re.search(r"([+-]\d\d:\d\d|Z)$", element.text), name
    # 5. embargoed iff embargoed
    embargoed = root.find("g:itemMeta/g:embargoed", N)
    if release.embargoed_until is None:
        assert embargoed is None
    else:
        assert embargoed.text == release.embargoed_until.isoformat(timespec="seconds")
    # 6. the catalog and the QCode prefixes
    assert root.find("g:catalogRef", N).get("href").endswith("IPTC-G2-Standards_41.xml")
    for element in root.iter():
        qcode = element.get("qcode")
        if qcode:
            assert qcode.split(":")[0] in CATALOG_ALIASES, qcode
    # the issuers: provider is the lead, one infoSource per issuer in order
    assert root.find("g:itemMeta/g:provider/g:name", N).text == release.lead_issuer.name
    sources = root.findall("g:contentMeta/g:infoSource", N)
    assert [s.findtext("g:name", namespaces=N) for s in sources] == [
        i.name for i in release.issuers
    ]
    assert root.findtext("g:contentMeta/g:headline", namespaces=N) == release.headline
    assert root.findtext("g:contentMeta/g:slugline", namespaces=N) == release.slug


def test_validates_against_the_xsd(reference: PressRelease, zh: PressRelease) -> None:
    """Check 1, against the repository's copy of the XSD (tests/schemas/newsml-g2)."""
    for release in (reference, zh, corrected(zh, 2)):
        assert_valid_g2(parse(release))


def test_reference(reference: PressRelease) -> None:
    root = parse(reference)
    check_g2(root, reference)
    assert root.get("guid") == "tag:mddi.gov.sg,2025-01-17:asean-digital-ministers-2025"
    assert root.get("version") == "1"
    content = root.find("g:contentMeta", N)
    assert [c.tag.split("}")[1] for c in content][:4] == [
        "urgency",
        "contentCreated",
        "contentModified",
        "located",
    ]
    assert content.findtext("g:dateline", namespaces=N) == "SINGAPORE, 17 January 2025"
    assert content.findtext("g:by", namespaces=N) == "Jointly issued by MDDI and IMDA"
    assert [k.text for k in content.findall("g:keyword", N)] == list(reference.tags)
    assert root.find("g:itemMeta/g:signal", N) is None


def test_embargoed_chinese(zh: PressRelease) -> None:
    root = parse(zh, urgency=2)
    check_g2(root, zh)
    assert root.findtext("g:itemMeta/g:embargoed", namespaces=N) == "2025-01-18T00:01:00+08:00"
    assert root.findtext("g:contentMeta/g:urgency", namespaces=N) == "2"
    assert "附件A列出工作组成员。" in root.findtext("g:itemMeta/g:edNote", namespaces=N)
    assert root.find("g:contentMeta/g:language", N).get("tag") == "zh-Hans"


def test_guid_stable_version_increases(reference: PressRelease) -> None:
    """7. A correction keeps the guid, bumps the version and signals the correction."""
    first = parse(reference)
    fixed = corrected(reference, 2)
    second = parse(fixed)
    check_g2(second, fixed)
    assert second.get("guid") == first.get("guid")
    assert (first.get("version"), second.get("version")) == ("1", "3")
    assert second.find("g:itemMeta/g:signal", N).get("qcode") == "sig:correction"
    du_key = second.find(".//n:du-key", N)
    assert du_key.get("version") == "3"
    assert second.findtext("g:itemMeta/g:versionCreated", namespaces=N) == (
        "2025-01-18T01:00:00+08:00"
    )


@pytest.mark.parametrize("hours", [15, -15, 23])
def test_offsets_beyond_14_hours_are_written_in_utc(reference: PressRelease, hours: int) -> None:
    """A source may give ``+15:00`` (TOML and Python allow up to ±23:59), but
    ``xs:dateTime`` stops at ±14:00: such an instant is written in UTC, still valid."""
    issued = dt.datetime(2025, 1, 17, 10, tzinfo=dt.timezone(dt.timedelta(hours=hours)))
    release = attrs.evolve(reference, issued_at=issued, updated_at=None, time_zone=None)
    root = parse(release)
    expected = issued.astimezone(dt.UTC).isoformat(timespec="seconds")
    for name in ("versionCreated", "firstCreated"):
        assert root.findtext(f"g:itemMeta/g:{name}", namespaces=N) == expected
    assert root.findtext("g:contentMeta/g:contentCreated", namespaces=N) == expected
    schema = g2_schema(required=False)
    if schema is not None:
        assert schema.validate(root), schema.error_log
