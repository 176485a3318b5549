"""The newsroom's sender (issue 12, item 9): a release none of whose media contacts has an
e-mail address is sent from ``sender`` in ``[site]``; only without any address is the
``.eml`` skipped with a warning."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import presskit
from presskit.errors import PresskitWarning, SourceError, UnsupportedContentError
from presskit.model import MediaContact
from presskit.site import Site

from .conftest import AGENCIES

NO_MAIL = """\
+++
headline = "A headline"
issuers = ["mddi", "imda"]
dateline = "SINGAPORE"
issued = 2025-01-17T10:00:00+08:00
media_contacts = [{ name = "No Mail", phone = "+65 6000 0000" }]
+++
"""
SITE = '[site]\nname = "MDDI newsroom"\nsender = "press@mddi.gov.sg"\n'
WITH_SENDER = AGENCIES.replace("[site]\n", SITE)


def from_of(data: bytes) -> tuple[str, str, str]:
    message = email.message_from_bytes(data, policy=email.policy.strict)
    (sender,) = message["From"].addresses
    assert message["Reply-To"].addresses == message["From"].addresses
    return sender.display_name, sender.addr_spec, str(message["Message-ID"])


def test_without_contact_addresses_the_site_sends(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(reference, media_contacts=(MediaContact("No Mail"),))
    site = Site(name="MDDI newsroom", sender="press@mddi.gov.sg")
    name, addr, message_id = from_of(presskit.export(release, "eml", attach_pdf=False, site=site))
    assert (name, addr) == ("MDDI newsroom", "press@mddi.gov.sg")
    assert message_id.endswith("@mddi.gov.sg>")  # the lead issuer's host, as before
    # a mapping of the fields does too; without a name the address stands alone
    data = presskit.export(release, "eml", attach_pdf=False, site={"sender": "p@例子.org"})
    assert from_of(data)[:2] == ("", "p@xn--fsqu00a.org")
    assert b"\r\nFrom: p@xn--fsqu00a.org\r\n" in b"\r\n" + data


def test_a_contact_with_an_address_comes_first(reference: presskit.PressRelease) -> None:
    site = Site(name="MDDI newsroom", sender="press@mddi.gov.sg")
    name, addr, _ = from_of(presskit.export(reference, "eml", attach_pdf=False, site=site))
    assert (name, addr) == ("Adeline Lee", "media@imda.gov.sg")


def test_without_any_address_the_eml_is_skipped(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(reference, media_contacts=(MediaContact("No Mail"),))
    with pytest.raises(UnsupportedContentError, match=r"or set sender in the \[site\] table"):
        presskit.export(release, "eml", attach_pdf=False, site=Site(name="MDDI newsroom"))


def test_the_build_passes_the_site(write_source: Callable[..., Path], tmp_path: Path) -> None:
    path = write_source(front=NO_MAIL, agencies=WITH_SENDER)
    site = presskit.sources.load_agencies(path.parent / "agencies.toml").site
    release = presskit.load(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PresskitWarning)
        presskit.build(
            [release],
            tmp_path / "out",
            targets=presskit.pipeline.parse_targets(["eml"]),
            site=site,
            asset_roots={release.slug: path.parent},
        )
    (eml,) = (tmp_path / "out").rglob("*.eml")
    assert from_of(eml.read_bytes())[:2] == ("MDDI newsroom", "press@mddi.gov.sg")


@pytest.mark.parametrize(
    "value",
    [
        "press",
        "press@localhost",
        "新闻@mddi.gov.sg",
        "=?utf-8?q?x=0D=0ABcc:_x?=@mddi.gov.sg",
        "MDDI <press@mddi.gov.sg>",
        " press@mddi.gov.sg",
        "a b@mddi.gov.sg",
        "press@mddi.gov.sg\n",
    ],
)
def test_a_bad_sender_is_refused_at_load_time(
    write_source: Callable[..., Path], value: str
) -> None:
    agencies = AGENCIES.replace("[site]\n", f"[site]\nsender = {value!r}\n".replace("'", '"'))
    path = write_source(front=NO_MAIL, agencies=agencies)
    with pytest.raises(SourceError) as info:
        presskit.load(path)
    error = info.value
    assert error.path.endswith("agencies.toml") and error.line == 2
    assert error.field == "site.sender"


# --- the command line --------------------------------------------------------------------


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "presskit.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_sends_from_the_site(write_source: Callable[..., Path]) -> None:
    path = write_source(front=NO_MAIL, agencies=WITH_SENDER)
    result = cli("build", "-f", "eml", "-o", "out", path.name, cwd=path.parent)
    assert result.returncode == 0, result.stderr
    # no warning but the deprecation of [site] in agencies.toml (docs/configuration.md)
    warned = [line for line in result.stderr.splitlines() if "deprecated" not in line]
    assert not [line for line in warned if "warning" in line]
    (eml,) = (path.parent / "out").rglob("*.eml")
    assert from_of(eml.read_bytes())[:2] == ("MDDI newsroom", "press@mddi.gov.sg")


def test_cli_without_any_address_warns_and_skips(write_source: Callable[..., Path]) -> None:
    path = write_source(front=NO_MAIL)
    result = cli("build", "-f", "eml", "-o", "out", path.name, cwd=path.parent)
    assert result.returncode == 0, result.stderr
    assert "no media contact has an e-mail address" in result.stderr
    assert "set sender in the [site] table" in result.stderr
    assert not list((path.parent / "out").rglob("*.eml"))


def test_cli_names_a_bad_sender(write_source: Callable[..., Path]) -> None:
    agencies = AGENCIES.replace("[site]\n", '[site]\nsender = "press"\n')
    path = write_source(front=NO_MAIL, agencies=agencies)
    result = cli("check", path.name, cwd=path.parent)
    assert result.returncode != 0
    assert "agencies.toml:2: site.sender: 'press' is not an e-mail address" in result.stderr
    assert "Traceback" not in result.stderr
