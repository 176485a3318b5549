"""E-mail headers carry release text as text (issue 12, item 1): whatever a headline, a
name, an address or a file name holds, the ``.eml`` read back with the standard
library's strict parser has exactly the headers presskit meant to write, once each, and
each decodes to the model's text."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import tempfile
from email.header import decode_header
from email.message import EmailMessage
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import presskit
from presskit import mailheaders as headers
from presskit.errors import ExportError, ModelError, UnsupportedContentError
from presskit.i18n import label
from presskit.model import Attachment, Embargoed, MediaContact
from presskit.site import Site
from tests.strategies import emails, ids, languages, lines, slugs

#: The literal injections of issue 12, and neighbours: encoded words that decode to a
#: line break and a header, in q and b form, quoted, and raw line breaks.
INJECTIONS = [
    "=?utf-8?q?x=0D=0ABcc:_x@example.org?=",
    "=?utf-8?q?=0D=0ABcc:_x@example.org?=",
    "Launch =?utf-8?b?DQpCY2M6IHhAZXhhbXBsZS5vcmc=?= today",
    "=?us-ascii?q?x?= =?utf-8?q?=0D=0AX-Evil:_1?=",
    '"=?utf-8?q?x=0D=0ABcc:_x@example.org?="',
    "=?utf-8*en?Q?x=0ABcc=3A_x@example.org?=",
    "x\r\nBcc: x@example.org",
]
TOP = [
    "From",
    "Reply-To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "Content-Language",
    "X-Unsent",
    "Content-Type",
]
FILE_PART = {"Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Content-ID"}


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (1, 1), (0, 0, 0, 0)).save(out, format="PNG")
    return out.getvalue()


# made by Pillow: the hand-written one had a bad IDAT, which the logo check now refuses
PNG = _png()


def strict(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.strict)
    assert isinstance(message, EmailMessage)
    return message


def check(
    data: bytes,
    *,
    subject: str,
    name: str,
    addr: tuple[str, str],
    files: list[str],
    slug: str,
    language: str,
) -> None:
    """The message has presskit's headers and no other, once each, without a defect,
    and they read back as the model's text."""
    assert data.isascii()
    head = data.split(b"\r\n\r\n", 1)[0]
    for line in head.split(b"\r\n"):
        # a msg-id, a language tag (up to 63 characters) and an address are never
        # folded: a longer line holds one of them alone
        alone = len(line.split(b": ", 1)[-1].strip().split(b" ")) == 1
        assert len(line) <= (998 if alone else 78), line
    message = strict(data)
    assert list(message.keys()) == TOP
    for part in message.walk():
        keys = list(part.keys())
        assert len(keys) == len(set(keys)), keys
        if part is not message:
            assert set(keys) <= FILE_PART, keys
        for key in keys:
            assert not part[key].defects, (key, part[key].defects)
    assert message["Subject"] == subject
    raw = dict(message.raw_items())
    for field in ("From", "Reply-To"):
        (mailbox,) = message[field].addresses
        assert (mailbox.username, mailbox.domain) == addr
        assert display_name(raw[field], mailbox.display_name) == name
    assert message["Content-Language"] == language
    assert message["Message-ID"].startswith(f"<{slug}.")
    attached = [p for p in message.walk() if p.get_content_disposition() == "attachment"]
    assert [p.get_filename() for p in attached] == files


def display_name(raw: str, parsed: str) -> str:
    """The display name of a ``From`` value as RFC 2047 section 6.2 reads it.

    Python before gh-128110 (fixed in later releases) keeps the white space between two
    encoded words of a display name, which the RFC says a reader ignores: a long name
    (several encoded words) then reads back with extra spaces. For encoded words this
    decodes the phrase with ``email.header.decode_header``, which follows the RFC;
    otherwise it is the strict parser's display name."""
    phrase = raw.rsplit("<", 1)[0].strip() if raw.endswith(">") else ""
    if "=?" not in phrase:
        return parsed
    parts = decode_header(phrase)
    assert all(charset == "utf-8" for _, charset in parts), parts  # wholly encoded
    return "".join(bytes(data).decode("utf-8") for data, _ in parts)


def expected_addr(address: str) -> tuple[str, str]:
    local, _, domain = address.rpartition("@")
    return local, domain.encode("idna").decode("ascii").lower()


# --- the injections of the issue, one by one ----------------------------------------------


@pytest.mark.parametrize("text", INJECTIONS)
def test_an_encoded_word_in_the_headline_stays_text(
    reference: presskit.PressRelease, text: str
) -> None:
    release = attrs.evolve(reference, headline=text)
    data = presskit.export(release, "eml", attach_pdf=False)
    head = data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert not [line for line in head if line.lower().startswith((b"bcc", b"x-evil"))]
    check(
        data,
        subject=release.headline,
        name="Adeline Lee",
        addr=("media", "imda.gov.sg"),
        files=[],
        slug=release.slug,
        language=release.language,
    )
    assert strict(data)["Bcc"] is None and strict(data)["X-Evil"] is None


@pytest.mark.parametrize("text", INJECTIONS)
def test_an_encoded_word_in_a_contact_name_stays_text(
    reference: presskit.PressRelease, text: str
) -> None:
    contact = MediaContact(text, email="eve@example.org", organisation=text)
    release = attrs.evolve(reference, media_contacts=(contact,))
    data = presskit.export(release, "eml", attach_pdf=False)
    check(
        data,
        subject=release.headline,
        name=contact.name,
        addr=("eve", "example.org"),
        files=[],
        slug=release.slug,
        language=release.language,
    )


@pytest.mark.parametrize("text", INJECTIONS)
def test_an_encoded_word_in_the_embargoed_subject_stays_text(
    reference: presskit.PressRelease, text: str
) -> None:
    lift = reference.issued_at + dt.timedelta(days=1)
    release = attrs.evolve(reference, headline=text, release=Embargoed(lift))
    data = presskit.export(release, "eml", attach_pdf=False)
    subject = strict(data)["Subject"]
    assert subject.startswith("EMBARGOED until ") and subject.endswith(": " + release.headline)
    assert list(strict(data).keys()) == TOP


@pytest.mark.parametrize("text", [t for t in INJECTIONS if "\r" not in t and '"' not in t])
def test_an_encoded_word_in_a_file_name_stays_text(
    reference: presskit.PressRelease, tmp_path: Path, text: str
) -> None:
    name = text + ".csv"
    (tmp_path / name).write_bytes(b"a,b\n")
    release = attrs.evolve(reference, attachments=(Attachment(name, media_type="text/csv"),))
    data = presskit.export(release, "eml", attach_pdf=False, asset_root=tmp_path)
    check(
        data,
        subject=release.headline,
        name="Adeline Lee",
        addr=("media", "imda.gov.sg"),
        files=[name],
        slug=release.slug,
        language=release.language,
    )


def test_an_encoded_word_as_an_address_is_not_written(reference: presskit.PressRelease) -> None:
    """A local part that is an encoded word cannot be written so that every reader
    leaves it alone, so that contact is passed over for the next."""
    odd = MediaContact("Eve", email="=?utf-8?q?x=0D=0ABcc:_x?=@example.org")
    fine = MediaContact("Wu Fan", email="a;Bcc:x@example.org")  # a quoted local part
    release = attrs.evolve(reference, media_contacts=(odd, fine))
    data = presskit.export(release, "eml", attach_pdf=False)
    check(
        data,
        subject=release.headline,
        name="Wu Fan",
        addr=("a;Bcc:x", "example.org"),
        files=[],
        slug=release.slug,
        language=release.language,
    )
    alone = attrs.evolve(reference, media_contacts=(odd,))
    with pytest.raises(
        UnsupportedContentError, match=r"that can be written in an e-mail header .*=\?utf-8"
    ):
        presskit.export(alone, "eml", attach_pdf=False)


def test_a_model_bypassed_still_gives_one_line(reference: presskit.PressRelease) -> None:
    """Even text the model would have cleaned (set behind its back) cannot break a
    header: the writer turns controls into spaces and encodes the rest."""
    release = attrs.evolve(reference)
    object.__setattr__(release, "headline", "x\r\nBcc: v@example.org\n\x00X-Evil: 1")
    data = presskit.export(release, "eml", attach_pdf=False)
    message = strict(data)
    assert list(message.keys()) == TOP
    assert message["Subject"] == "x Bcc: v@example.org X-Evil: 1"


def test_an_address_too_long_for_smtp_is_passed_over(reference: presskit.PressRelease) -> None:
    long = MediaContact("Long", email="x" * 250 + "@example.org")
    release = attrs.evolve(reference, media_contacts=(long, MediaContact("Wu", email="w@x.org")))
    data = presskit.export(release, "eml", attach_pdf=False)
    assert strict(data)["From"].addresses[0].addr_spec == "w@x.org"


def test_a_value_no_header_can_hold_is_an_export_error(reference: presskit.PressRelease) -> None:
    release = attrs.evolve(reference)
    object.__setattr__(release, "headline", "\x00\r\n")  # as if the model let it through
    with pytest.raises(ExportError, match="eml: Subject: no text"):
        presskit.export(release, "eml", attach_pdf=False)


# --- the writer's own guarantees ----------------------------------------------------------


def test_plain_ascii_headers_are_written_as_they_are() -> None:
    assert headers.unstructured("Subject", "Minister opens hub") == "Minister opens hub"
    assert headers.mailbox("From", "Adeline Lee", "a@b.org") == "Adeline Lee <a@b.org>"
    assert headers.mailbox("From", "Dr. Lee", "a@b.org") == '"Dr. Lee" <a@b.org>'
    assert headers.mailbox("From", None, "a@b.org") == "a@b.org"
    assert headers.content_disposition("attachment", "a.pdf") == 'attachment; filename="a.pdf"'


def test_anything_with_an_encoded_word_is_wholly_encoded() -> None:
    value = headers.unstructured("Subject", "Launch =?utf-8?q?x?= today")
    assert value.startswith("=?utf-8?") and "Launch" not in value and " today" not in value


@pytest.mark.parametrize(
    "value", ["a\r\nBcc: x", "a\nb", "a\rb", "caf\u00e9", "a\r\n\r\nb", " a", "a\r\n b\r\n"]
)
def test_the_last_check_refuses_any_other_line_break(value: str) -> None:
    with pytest.raises(ValueError, match="must not write"):
        headers.checked("Subject", value)


# --- every field that reaches a header, with Hypothesis -------------------------------------

hostile = (
    lines()
    | st.sampled_from(INJECTIONS)
    | st.tuples(lines(), st.sampled_from(INJECTIONS)).map(" ".join)
)
hostile_emails = emails | st.sampled_from(
    [
        "=?utf-8?q?x=0D=0ABcc:_x?=@example.org",
        "x;Bcc:y@example.org",
        "a\\b@example.org",
        "(c)x@example.org",
        "x,y@example.org",
        "=?utf-8?b?DQpCY2M6IHg=?=@example.org",
        "ok@=?utf-8?q?x?=.org",
        "a" * 80 + "@example.org",
        "x" * 250 + "@example.org",
    ]
)
file_names = (lines() | st.sampled_from(INJECTIONS)).map(
    lambda s: s.replace("/", "_").replace("\\", "_") + ".txt"
)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, object]:
    return {
        "headline": draw(hostile),
        "contacts": draw(
            st.lists(st.tuples(hostile, st.none() | hostile_emails, hostile), max_size=3)
        ),
        "site_name": draw(st.none() | hostile),
        "sender": draw(st.none() | st.sampled_from(["press@example.org", "press@例子.org"])),
        "slug": draw(slugs),
        "issuer_id": draw(ids),
        "language": draw(languages),
        "embargo": draw(st.booleans()),
        "files": draw(st.lists(file_names, max_size=3, unique=True)),
    }


def build(reference: presskit.PressRelease, case: dict[str, object], folder: Path) -> object:
    """The release of ``case`` (Hypothesis rejects cases the model refuses)."""
    try:
        contacts = tuple(
            MediaContact(n, email=e, organisation=o)
            for n, e, o in case["contacts"]  # type: ignore[attr-defined]
        )
        attachments = tuple(
            Attachment(f, media_type="text/plain")
            for f in case["files"]  # type: ignore[attr-defined]
        )
        lead = attrs.evolve(reference.issuers[0], id=case["issuer_id"], logo="logo.png")
        release = attrs.evolve(
            reference,
            headline=case["headline"],
            slug=case["slug"],
            language=case["language"],
            issuers=(lead,),
            boilerplates=(),
            media_contacts=contacts,
            attachments=attachments,
            release=Embargoed(reference.issued_at + dt.timedelta(hours=5))
            if case["embargo"]
            else reference.release,
        )
    except (ModelError, ValueError):
        assume(False)
    for attachment in release.attachments:
        assume("/" not in attachment.href and "\\" not in attachment.href)
        assume(len(attachment.href.encode()) <= 200)
        assume(attachment.href.casefold() != "logo.png")  # would overwrite the logo
        try:
            (folder / attachment.href).write_bytes(b"x")
        except (OSError, ValueError):
            assume(False)
    assume(len({a.href for a in release.attachments}) == len(release.attachments))
    return release


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_headers_carry_every_text_as_text(
    reference: presskit.PressRelease, case: dict[str, object]
) -> None:
    site = Site(name=case["site_name"], sender=case["sender"])  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "logo.png").write_bytes(PNG)
        release = build(reference, case, folder)
        assert isinstance(release, presskit.PressRelease)
        sender = None
        for contact in release.media_contacts:
            if contact.email:
                try:
                    headers.address(contact.email)
                except ValueError:
                    continue
                sender = (contact.name, expected_addr(contact.email))
                break
        if sender is None and site.sender is not None:
            sender = (site.name or "", expected_addr(site.sender))
        if sender is None:
            with pytest.raises(UnsupportedContentError):
                presskit.export(release, "eml", attach_pdf=False, asset_root=folder, site=site)
            return
        data = presskit.export(release, "eml", attach_pdf=False, asset_root=folder, site=site)
    subject = strict(data)["Subject"]
    if case["embargo"]:  # the release's own words (issue 15): before and after the time
        before, after = label("subject.embargoed", release.language, "sg").split("{when}")
        assert subject.startswith(before)
        assert subject.endswith(after.format(headline=release.headline))
    else:
        assert subject == release.headline
    check(
        data,
        subject=subject,
        name=sender[0],
        addr=sender[1],
        files=[Path(a.href).name for a in release.attachments],
        slug=release.slug,
        language=release.language,
    )
    message = strict(data)
    (logo,) = [p for p in message.walk() if p.get_content_disposition() == "inline"]
    assert logo.get_filename() == f"{release.issuers[0].id}-logo.png"
    assert logo["Content-ID"] == f"<logo-{release.issuers[0].id}.{release.slug}@mddi.gov.sg>"
