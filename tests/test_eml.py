"""The ``eml`` exporter: parsed back with the stdlib ``email`` package (RFC 5322, MIME)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import attrs
import pytest
from lxml import html as lxml_html

import presskit
from presskit.errors import PresskitWarning, UnsupportedContentError
from presskit.i18n import label
from presskit.model import (
    Attachment,
    BulletList,
    Embargoed,
    Heading,
    MediaContact,
    NumberedList,
    Paragraph,
    Quote,
    Run,
)

SLUG = "asean-digital-ministers-2025"
SGT = dt.timezone(dt.timedelta(hours=8))


def eml(release: presskit.PressRelease, **options: object) -> bytes:
    return presskit.export(release, "eml", **options)


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def tree(part: EmailMessage) -> object:
    """The MIME structure: a content type, or (container, [children])."""
    if part.is_multipart():
        return (part.get_content_type(), [tree(p) for p in part.iter_parts()])  # type: ignore[arg-type]
    return part.get_content_type()


def text_of(message: EmailMessage, subtype: str) -> str:
    body = message.get_body((subtype,))
    assert body is not None
    return str(body.get_content()).replace("\r\n", "\n")


def squash(text: str) -> str:
    """Without white space: wrapping may break a line after a hyphen."""
    return re.sub(r"\s+", "", text)


def paragraphs(release: presskit.PressRelease) -> list[str]:
    """Every text of the body, one string per paragraph, heading, quote or list item."""
    out = []
    for block in release.body:
        match block:
            case Paragraph() | Heading():
                out.append(block.text)
            case Quote():
                out.extend("".join(r.text for r in p) for p in block.paragraphs)
            case BulletList() | NumberedList():
                out.extend("".join(r.text for r in item) for item in block.items)
    return out


def logo_release(release: presskit.PressRelease, folder: Path) -> presskit.PressRelease:
    from PIL import Image

    Image.new("RGB", (60, 30), (200, 30, 30)).save(folder / "red.png")
    Image.new("RGB", (60, 30), (30, 30, 200)).save(folder / "blue.webp")
    logos = ["red.png", "blue.webp"]
    issuers = tuple(
        attrs.evolve(issuer, logo=logo)
        for issuer, logo in zip(release.issuers, logos, strict=False)
    )
    return attrs.evolve(release, issuers=issuers)


# --- structure and bodies --------------------------------------------------------------


def test_structure_of_the_reference_release(reference: presskit.PressRelease) -> None:
    message = parse(eml(reference))
    assert tree(message) == (
        "multipart/mixed",
        [("multipart/alternative", ["text/plain", "text/html"]), "application/pdf"],
    )
    assert message.get_content_type() == "multipart/mixed"
    for part in message.walk():
        if part.get_content_maintype() == "text":
            assert part.get_content_charset() == "utf-8"
            assert part["Content-Transfer-Encoding"] in ("7bit", "quoted-printable", "base64")


def test_text_body_is_the_press_wire_text(reference: presskit.PressRelease) -> None:
    text = text_of(parse(eml(reference)), "plain")
    assert text == presskit.export(reference, "text").decode("utf-8")
    flat = squash(text)
    assert squash(reference.headline) in flat
    for paragraph in paragraphs(reference):
        assert squash(paragraph) in flat


def test_html_body_holds_the_whole_release(reference: presskit.PressRelease) -> None:
    html = text_of(parse(eml(reference)), "html")
    document = lxml_html.document_fromstring(html)
    assert document.get("lang") == "en-SG"
    assert [h.text_content() for h in document.iter("h1")] == [reference.headline]
    flat = squash(document.text_content())
    for paragraph in paragraphs(reference):
        assert squash(paragraph) in flat
    for boilerplate in reference.boilerplates:
        assert squash(boilerplate.heading) in flat
    assert "AdelineLee" in flat and "mailto:media@imda.gov.sg" in html
    # e-mail friendly: no style sheet, no script, inline styles
    assert not list(document.iter("style", "script", "link"))
    assert all(p.get("style") for p in document.iter("p"))


def test_pdf_attachment_is_the_pdf(reference: presskit.PressRelease) -> None:
    message = parse(eml(reference))
    (pdf,) = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == f"{SLUG}.pdf"
    assert pdf.get_content_disposition() == "attachment"
    data = pdf.get_content()
    expected = presskit.export(reference, "pdf")
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(expected).hexdigest()


def test_no_pdf_when_asked(reference: presskit.PressRelease) -> None:
    message = parse(eml(reference, attach_pdf=False))
    assert tree(message) == ("multipart/alternative", ["text/plain", "text/html"])


def test_logos_are_inline_and_referenced_by_cid(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    release = logo_release(reference, tmp_path)
    message = parse(eml(release, asset_root=tmp_path))
    assert tree(message) == (
        "multipart/mixed",
        [
            (
                "multipart/related",
                [("multipart/alternative", ["text/plain", "text/html"]), "image/png", "image/png"],
            ),
            "application/pdf",
        ],
    )
    related = next(p for p in message.walk() if p.get_content_type() == "multipart/related")
    assert related.get_param("type") == "multipart/alternative"
    images = {
        str(p["Content-ID"]).strip("<>"): p
        for p in message.walk()
        if p.get_content_maintype() == "image"
    }
    assert all(p.get_content_disposition() == "inline" for p in images.values())
    document = lxml_html.document_fromstring(text_of(message, "html"))
    sources = [img.get("src") for img in document.iter("img")]
    assert sorted(sources) == sorted(f"cid:{cid}" for cid in images)
    alts = [img.get("alt") for img in document.iter("img")]
    assert alts == [f"{issuer.name} logo" for issuer in release.issuers]
    # the WebP logo went out as PNG, which every mail client shows
    assert all(p.get_content()[:8] == b"\x89PNG\r\n\x1a\n" for p in images.values())


def test_declared_attachments_are_attached_up_to_the_limit(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    (tmp_path / "annex.csv").write_bytes(b"place,date\nAng Mo Kio,2025-04-01\n")
    (tmp_path / "big.bin").write_bytes(b"\0" * 5000)
    release = attrs.evolve(
        reference,
        attachments=(
            Attachment("annex.csv", media_type="text/csv", title="Annex A"),
            Attachment("big.bin", media_type="application/octet-stream"),
            Attachment("https://example.org/remote.pdf", media_type="application/pdf"),
        ),
    )
    with pytest.warns(PresskitWarning, match=r"big\.bin \(5,000 bytes\) is larger"):
        message = parse(eml(release, asset_root=tmp_path, max_attachment_bytes=4000))
    files = {p.get_filename(): p for p in message.iter_attachments()}
    assert sorted(files) == ["annex.csv", f"{SLUG}.pdf"]
    assert files["annex.csv"].get_content_type() == "text/csv"
    assert files["annex.csv"].get_payload(decode=True) == (tmp_path / "annex.csv").read_bytes()


# --- headers --------------------------------------------------------------------------


def test_headers(reference: presskit.PressRelease) -> None:
    data = eml(reference)
    message = parse(data)
    assert message["Subject"] == reference.headline
    assert str(message["From"]) == "Adeline Lee <media@imda.gov.sg>"
    assert str(message["Reply-To"]) == "Adeline Lee <media@imda.gov.sg>"
    assert message["Date"].datetime == reference.issued_at
    assert message["Date"] == "Fri, 17 Jan 2025 00:00:00 +0800"
    assert re.fullmatch(
        rf"<{SLUG}\.20250117\.[0-9a-f]{{12}}@mddi\.gov\.sg>", str(message["Message-ID"])
    )
    assert message["MIME-Version"] == "1.0"
    assert message["X-Unsent"] == "1"
    assert message["Content-Language"] == "en-SG"
    assert message["To"] is None  # the sender adds the recipients
    assert data.startswith(b"From: ")
    lines = data.split(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # CR LF only
    assert max(len(line) for line in lines) <= 78  # RFC 5322 allows 998
    assert b"\r\nMessage-ID: <" in data  # on one line


def test_a_long_message_id_is_not_folded(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(reference, slug="a" * 100)
    data = eml(release, attach_pdf=False)
    (line,) = [line for line in data.split(b"\r\n") if line.startswith(b"Message-ID:")]
    assert 78 < len(line) <= 998
    message_id = parse(data)["Message-ID"]
    assert message_id.startswith("<" + "a" * 100 + ".20250117.") and message_id.endswith(">")
    others = [x for x in data.split(b"\r\n") if not x.startswith(b"Message-ID:")]
    assert max(len(x) for x in others) <= 78
    assert data.isascii()  # 7-bit: headers RFC 2047, bodies QP or base64


def test_the_lead_contact_with_an_email_sends_it(reference: presskit.PressRelease) -> None:
    contacts = (MediaContact("No Mail"), MediaContact("Wu Fan", email="wu_fan@mddi.gov.sg"))
    message = parse(eml(attrs.evolve(reference, media_contacts=contacts)))
    assert str(message["From"]) == "Wu Fan <wu_fan@mddi.gov.sg>"
    # with no web address for the lead issuer, the Message-ID takes the contact's domain
    issuers = (attrs.evolve(reference.issuers[0], url=None), *reference.issuers[1:])
    release = attrs.evolve(reference, media_contacts=contacts[1:], issuers=issuers)
    assert parse(eml(release, attach_pdf=False))["Message-ID"].endswith("@mddi.gov.sg>")


def test_no_contact_with_an_email_is_unsupported(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(reference, media_contacts=(MediaContact("No Mail"),))
    with pytest.raises(UnsupportedContentError, match="no media contact has an e-mail address"):
        eml(release)


CHINESE = """\
+++
headline = "数码援助站将于2025年底前在40个民众俱乐部设立"
issuers = ["mddi"]
dateline = "新加坡"
issued = 2025-03-03T18:00:00+08:00
embargo = 2025-03-04T10:00:00+08:00
language = "zh-Hans-SG"
media_contacts = [{ name = "林慧珊", email = "lim@mddi.gov.sg" }]
+++
"""


def test_non_ascii_headers_are_encoded_words(write_source: Callable[..., Path]) -> None:
    release = presskit.load(
        write_source("狮城数码办公室将在2025年底前设立数码援助站。\n", front=CHINESE)
    )
    after = dt.datetime(2025, 3, 5, tzinfo=SGT)
    data = eml(release, now=after)
    head = data.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    assert b"=?utf-8?" in head  # RFC 2047 encoded words
    message = parse(data)
    assert message["Subject"] == release.headline
    (sender,) = message["From"].addresses
    assert sender.display_name == "林慧珊" and sender.addr_spec == "lim@mddi.gov.sg"
    assert message["Reply-To"].addresses == message["From"].addresses
    assert message["Content-Language"] == "zh-Hans-SG"
    assert "狮城数码办公室将在2025年底前设立数码援助站。" in text_of(message, "plain")
    assert "狮城数码办公室将在2025年底前设立数码援助站。" in text_of(message, "html")


def test_non_ascii_file_names_are_rfc_2231(
    reference: presskit.PressRelease, tmp_path: Path
) -> None:
    (tmp_path / "附件.csv").write_bytes(b"a,b\n")
    release = attrs.evolve(reference, attachments=(Attachment("附件.csv", media_type="text/csv"),))
    data = eml(release, asset_root=tmp_path, attach_pdf=False)
    assert b"filename*=utf-8''" in data
    (part,) = parse(data).iter_attachments()
    assert part.get_filename() == "附件.csv"


def test_embargo_prefix_until_the_lift(write_source: Callable[..., Path]) -> None:
    release = presskit.load(write_source(front=CHINESE))
    # the release's own words and form of time (issue 15)
    prefix = "2025年3月4日上午10时（新加坡时间）前不得发布："
    before = parse(eml(release, now=dt.datetime(2025, 3, 4, 9, 59, tzinfo=SGT)))
    unknown = parse(eml(release))
    after = parse(eml(release, now=dt.datetime(2025, 3, 4, 10, 0, tzinfo=SGT)))
    assert before["Subject"].startswith(prefix) and before["Subject"].endswith(release.headline)
    assert unknown["Subject"] == before["Subject"]  # no "now": still under embargo
    assert after["Subject"] == release.headline
    when = "2025年3月4日上午10时（新加坡时间）"
    assert text_of(before, "plain").startswith(label("status.embargoed", "zh-SG", "sg", when=when))
    assert text_of(after, "plain").startswith(label("status.immediate", "zh-SG", "sg"))
    assert before["Message-ID"] != after["Message-ID"]  # a different message, a new id


# --- safety ---------------------------------------------------------------------------

SCRIPT = "<script>alert('x')</script>"
JS = "javascript:alert(1)"


def test_markup_and_script_come_out_inert(reference: presskit.PressRelease) -> None:
    evil = attrs.evolve(
        reference,
        headline=f"Launch {SCRIPT} {JS}",
        subheadline=f'<img src=x onerror="alert(1)"> {JS}',
        body=(
            Paragraph(f"{SCRIPT} and <a href='{JS}'>click</a> and {JS}"),
            # the model refuses "<" in a URL (tests/test_bounds.py): percent-encoded here
            Paragraph((Run("a link", href="https://example.org/?q=%3Cscript%3E"),)),
            Quote(f"“{SCRIPT}”", speaker=f"<b onmouseover=alert(1)>{SCRIPT}</b>"),
            BulletList([f"<iframe src='{JS}'></iframe>"]),
        ),
        media_contacts=(
            MediaContact(
                f'Eve {SCRIPT} "<evil@example.org>"',
                title=f"<style>body{{display:none}}</style>{JS}",
                email="eve@example.org",
            ),
        ),
    )
    message = parse(eml(evil))
    html = text_of(message, "html")
    document = lxml_html.document_fromstring(html)
    assert not list(document.iter("script", "style", "iframe", "object", "embed", "form"))
    assert not [i for i in document.iter("img") if not i.get("src", "").startswith("cid:")]
    for element in document.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "javascript:" not in value.lower(), (element.tag, name, value)
    # the words are still there, as text
    flat = document.text_content()
    assert SCRIPT in flat and JS in flat and "<iframe" in flat
    assert 'onerror="alert(1)"' in flat
    # and the headers carry them as text: the address is the contact's, not the name's
    (sender,) = message["From"].addresses
    assert sender.addr_spec == "eve@example.org"
    assert SCRIPT in sender.display_name
    assert SCRIPT in message["Subject"]


def test_no_header_injection(reference: presskit.PressRelease) -> None:
    injected = "Headline\r\nBcc: victim@example.org\r\nX-Evil: 1"
    via_model = attrs.evolve(reference, headline=injected)  # the model joins the lines
    bypassed = attrs.evolve(reference)
    object.__setattr__(bypassed, "headline", injected)  # as if the model let it through
    contact = MediaContact("Eve\r\nBcc: victim@example.org", email="eve@example.org")
    for release in (via_model, bypassed, attrs.evolve(reference, media_contacts=(contact,))):
        data = eml(release, attach_pdf=False)
        message = parse(data)
        assert message["Bcc"] is None and message["X-Evil"] is None
        head = data.split(b"\r\n\r\n", 1)[0]
        assert not re.search(rb"\r\n(Bcc|X-Evil):", head, re.IGNORECASE)
    assert parse(eml(bypassed, attach_pdf=False))["Subject"].startswith("Headline Bcc:")


def test_right_to_left_release_goes_with_its_pdf(reference: presskit.PressRelease) -> None:
    """The PDF of an Arabic release is set right to left (it was refused, and the
    e-mail went without it)."""
    release = attrs.evolve(
        reference, language="ar", body=(Paragraph("أعلنت الشركة اليوم عن شراكة جديدة"),)
    )
    message = parse(eml(release))
    assert tree(message) == (
        "multipart/mixed",
        [("multipart/alternative", ["text/plain", "text/html"]), "application/pdf"],
    )
    assert lxml_html.document_fromstring(text_of(message, "html")).get("dir") == "rtl"


# --- determinism ----------------------------------------------------------------------


def test_same_release_same_bytes(reference: presskit.PressRelease) -> None:
    embargoed = attrs.evolve(reference, release=Embargoed(dt.datetime(2025, 1, 17, 10, tzinfo=SGT)))
    assert eml(embargoed) == eml(embargoed)
    boundaries = re.findall(rb'boundary="([^"]+)"', eml(reference))
    assert boundaries and all(b.startswith(b"=_pk_") for b in boundaries)


def test_byte_identical_across_processes(project: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = project / f"out{seed}"
        result = subprocess.run(
            [sys.executable, "-m", "presskit.cli", "build", "-f", "eml", "-o", str(out), "-q"],
            cwd=project,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        outputs.append((out / SLUG / f"{SLUG}.eml").read_bytes())
    assert outputs[0] == outputs[1]
    assert email.utils.parsedate_to_datetime(parse(outputs[0])["Date"]) == dt.datetime(
        2025, 1, 17, tzinfo=SGT
    )


def test_the_build_attaches_the_pdf_it_wrote(
    tmp_path: Path, reference: presskit.PressRelease
) -> None:
    """In a build the e-mail carries the very PDF written next to it (rendered once)."""
    import email
    import email.policy

    from presskit.pipeline import parse_targets

    presskit.build([reference], tmp_path, targets=parse_targets(["pdf", "eml"]))
    folder = tmp_path / reference.slug
    message = email.message_from_bytes(
        (folder / f"{reference.slug}.eml").read_bytes(), policy=email.policy.default
    )
    (pdf,) = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_content() == (folder / f"{reference.slug}.pdf").read_bytes()
