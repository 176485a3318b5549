"""Property tests for the five newswire exporters: for any release the strategies can
build (every script, control-character and markup-like text, every block type), each
exporter renders, and the output passes its format's checks (the mechanical checks for
IPTC 7901 and ANPA-1312, the XSD for NITF, the JSON Schema for ninjs, the NewsML-G2 XSD
when there is one: see :func:`tests.wirekit.newsml_g2_xsd`)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from lxml import etree

from presskit.exporters import export
from presskit.model import PressRelease
from tests.strategies import releases

from .test_newsmlg2 import g2_schema
from .test_ninjs import validator
from .test_nitf import assert_valid
from .test_wire import check_7901, check_anpa

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(release=releases())
def test_byte_streams_keep_their_rules(release: PressRelease) -> None:
    check_7901(export(release, "iptc7901"))
    check_7901(export(release, "iptc7901", charset="utf-8"), encoding="utf-8")
    check_anpa(export(release, "anpa1312"))


@SETTINGS
@given(release=releases())
def test_xml_and_json_stay_valid(release: PressRelease) -> None:
    assert_valid(etree.fromstring(export(release, "nitf")))
    g2 = etree.fromstring(export(release, "newsmlg2"))
    schema = g2_schema(required=False)
    if schema is not None:
        assert schema.validate(g2), schema.error_log
    (nitf,) = g2.find("{http://iptc.org/std/nar/2006-10-01/}contentSet")[0]
    assert_valid(nitf)
    for version in ("2.1", "3.1"):
        document = json.loads(export(release, "ninjs", version=version))
        assert [e.message for e in validator(version).iter_errors(document)] == []
