"""ninjs 2.1 and 3.1: valid against the IPTC JSON Schemas in tests/schemas/ninjs with
format checking on, and the ninjs checks of ../shared/reference/wire-formats.md (1-3) on
the reference release and an embargoed Chinese release; the headline, every paragraph
(in the text and the HTML body) and the issuers are read back."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

import presskit
from presskit.model import PressRelease

from .wirekit import chinese_release, copy_paragraphs, corrected, schema_file

VERSIONS = ("2.1", "3.1")
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$")


@pytest.fixture
def zh(write_source: Callable[..., Path]) -> PressRelease:
    return chinese_release(write_source)


def validator(version: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads(schema_file("ninjs", f"ninjs-schema_{version}.json").read_text())
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def render(release: PressRelease, version: str, **options: object) -> dict[str, Any]:
    data = presskit.export(release, "ninjs", version=version, **options)
    assert data.endswith(b"\n")
    document: dict[str, Any] = json.loads(data)
    return document


def key(version: str, name: str) -> str:
    """The 3.1 spelling of a 2.1 property name."""
    from presskit.exporters.ninjs import _CAMEL

    return _CAMEL.get(name, name) if version == "3.1" else name


def check(document: dict[str, Any], release: PressRelease, version: str) -> None:
    """Checks 1 to 3, and everything read back."""
    errors = [e.message for e in validator(version).iter_errors(document)]
    assert errors == []
    assert document["uri"] and document["standard"]["version"] == version
    assert document["standard"]["schema"].endswith(f"ninjs-schema_{version}.json")
    assert isinstance(document["urgency"], int) and 1 <= document["urgency"] <= 9
    for name in ("firstcreated", "versioncreated", "embargoed"):
        if key(version, name) in document:
            assert DATE.match(document[key(version, name)]), name
    assert document["headlines"][0] == {"role": "main", "value": release.headline}
    assert {b[key(version, "contenttype")] for b in document["bodies"]} <= {
        "text/plain",
        "text/html",
    }
    sources = document[key(version, "infosources")]
    assert [s["name"] for s in sources] == [i.name for i in release.issuers]
    assert [s["literal"] for s in sources] == [i.id for i in release.issuers]
    plain, markup = (b["value"] for b in document["bodies"])
    html_text = lxml_html.fromstring(f"<div>{markup}</div>").text_content()
    for paragraph in copy_paragraphs(release):
        assert paragraph in plain, paragraph[:60]
        assert paragraph in html_text, paragraph[:60]
    assert document["language"] == release.language
    embargo = key(version, "embargoed")
    if release.embargoed_until is None:
        assert embargo not in document
    else:
        assert document[embargo] == release.embargoed_until.isoformat(timespec="seconds")


def test_the_format_checker_is_real() -> None:
    """Check 1's harness: without rfc3339-validator dates are not checked at all."""
    from jsonschema import ValidationError

    schema = validator("2.1")
    with pytest.raises(ValidationError, match="date-time"):
        schema.validate({"uri": "urn:x", "versioncreated": "2025-01-17T09:00:00+0000"})
    with pytest.raises(ValidationError, match="uri"):
        schema.validate({"uri": "not a uri"})
    with pytest.raises(ValidationError):
        schema.validate({"uri": "urn:x", "guid": "x"})  # closed: no unknown properties
    schema.validate({"uri": "urn:x", "versioncreated": "2025-01-17T09:00:00+00:00"})


@pytest.mark.parametrize("version", VERSIONS)
def test_reference(reference: PressRelease, version: str) -> None:
    document = render(reference, version)
    check(document, reference, version)
    assert document["uri"] == "tag:mddi.gov.sg,2025-01-17:asean-digital-ministers-2025"
    assert document["version"] == "1"
    assert document[key(version, "versioncreated")] == "2025-01-17T00:00:00+08:00"
    assert document["by"] == "Jointly issued by MDDI and IMDA"
    assert document["located"] == "SINGAPORE"
    plain = document["bodies"][0]["value"]
    # the sg house style (the default) numbers the paragraphs: the dateline stands alone
    assert plain.startswith("SINGAPORE, 17 January 2025\n\n1. Singapore, as the Chair")
    assert "<p>1. Singapore, as the Chair" in document["bodies"][1]["value"]
    unnumbered = render(reference, version, profile="uk")["bodies"][0]["value"]
    assert unnumbered.startswith("SINGAPORE, 17 January 2025 – Singapore, as the Chair")
    assert "Email: wu_fan@mddi.gov.sg" in plain
    assert [s["name"] for s in document["subjects"]] == list(reference.tags)


@pytest.mark.parametrize("version", VERSIONS)
def test_embargoed_chinese(zh: PressRelease, version: str) -> None:
    document = render(zh, version, urgency=3)
    check(document, zh, version)
    assert document[key(version, "embargoed")] == "2025-01-18T00:01:00+08:00"
    assert document["urgency"] == 3
    assert document["headlines"][1] == {"role": "sub", "value": zh.subheadline}
    assert "附件A列出工作组成员。" in document[key(version, "ednote")]
    assert "附件A" not in document["bodies"][0]["value"]  # not for publication
    assert '<a href="https://www.imda.gov.sg/news">' in document["bodies"][1]["value"]


def test_uri_stable_version_bumped(reference: PressRelease) -> None:
    first = render(reference, "2.1")
    again = render(corrected(reference, 2), "2.1")
    check(again, corrected(reference, 2), "2.1")
    assert again["uri"] == first["uri"] and again["version"] == "3"
    assert again["versioncreated"] > first["versioncreated"]


def test_options(reference: PressRelease) -> None:
    from presskit.errors import ExportError

    with pytest.raises(ExportError, match=re.escape("version must be one of '2.1', '3.1'")):
        presskit.export(reference, "ninjs", version="1.6")
    with pytest.raises(ExportError, match="urgency"):
        presskit.export(reference, "ninjs", urgency="4")
