"""The model: validation names the field; text is sanitised once, on construction."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import presskit
from presskit.errors import ModelError
from presskit.model import Dateline, Issuer, MediaContact, Paragraph, PressRelease, Quote, Run
from presskit.textutils import clean_text

SGT = dt.timezone(dt.timedelta(hours=8))


def release(**changes: object) -> PressRelease:
    base = PressRelease(
        "a-release",
        "Headline",
        [Issuer("mddi", "Ministry", short_name="MDDI")],
        Dateline("SINGAPORE", dt.date(2025, 1, 17)),
        dt.datetime(2025, 1, 17, 10, tzinfo=SGT),
        [Paragraph("Lede.")],
    )
    return attrs.evolve(base, **changes)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"slug": "../etc"}, "slug", "is not a slug"),
        ({"headline": " \t "}, "headline", "must not be empty"),
        ({"issuers": []}, "issuers", "at least one issuer"),
        ({"issued_at": dt.datetime(2025, 1, 17)}, "issued_at", "has no time zone"),
        (
            {"updated_at": dt.datetime(2025, 1, 16, tzinfo=SGT)},
            "updated_at",
            "earlier than issued_at",
        ),
        ({"language": "english!"}, "language", "BCP 47"),
        # BCP 47 is ASCII: Arabic-Indic digits are not a region (xml:lang would refuse it)
        ({"language": "es-\u0664\u0661\u0669"}, "language", "BCP 47"),
        ({"time_zone": "Asia/Nowhere"}, "time_zone", "IANA time zone"),
        ({"canonical_url": "javascript:alert(1)"}, "canonical_url", "absolute URL"),
        ({"body": [presskit.Heading("Only a heading")]}, "body", "at least one paragraph"),
        ({"release": "embargoed"}, "release", "expected IMMEDIATE or Embargoed"),
        ({"media_contacts": ["Jane"]}, "media_contacts[0]", "expected MediaContact"),
    ],
)
def test_invalid_values_name_the_field(changes: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(ModelError) as info:
        release(**changes)
    assert info.value.field == field
    assert words in info.value.message


def test_duplicate_issuers() -> None:
    issuer = Issuer("mddi", "Ministry")
    with pytest.raises(ModelError, match="listed twice"):
        release(issuers=[issuer, issuer])


def test_contact_and_link_validation() -> None:
    with pytest.raises(ModelError, match="email: 'x' is not an e-mail address"):
        MediaContact("Jane", email="x")
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x"):
        with pytest.raises(ModelError, match="href"):
            Run("x", href=bad)
    assert Run("x", href="/relative/page").href == "/relative/page"
    assert Run("x", href="mailto:media@imda.gov.sg").href == "mailto:media@imda.gov.sg"


def test_text_is_sanitised_on_construction() -> None:
    r = release(headline="Head\x00line\u0007 with\ttab\nand e\u0301", subheadline="  sub  ")
    assert r.headline == "Headline with tab and é"
    assert r.subheadline == "sub"
    para = Paragraph([Run("  a\u200b\ufeff "), Run("b\x1b[31m", strong=True), Run(" ")])
    assert para.runs == (Run("a\u200b\ufeff "), Run("b[31m", strong=True))


def test_replacement_characters_and_noncharacters_are_removed_on_construction() -> None:
    """U+FFFD and the 66 noncharacters go, in every field, for every format; the
    private-use and unassigned-looking neighbours (U+E000, U+FDF0, U+1FFFD) stay."""
    nonchars = "\ufdd0\ufdef\ufffe\uffff" + "".join(
        chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF)
    )
    r = release(headline=f"Hea\ufffdd{nonchars}line \ue000\ufdf0\U0001fffd", tags=["t\ufffd"])
    assert r.headline == "Headline \ue000\ufdf0\U0001fffd"
    assert r.tags == ("t",)
    assert Paragraph([Run(f"a{nonchars}\ufffdb")]).text == "ab"
    assert clean_text(clean_text(f"x\ufffd{nonchars}")) == clean_text(f"x{nonchars}") == "x"


def test_inline_runs_are_canonical() -> None:
    assert Paragraph([Run("a "), Run("b")]).runs == (Run("a b"),)
    assert Paragraph("plain").runs == (Run("plain"),)
    with pytest.raises(ModelError, match="runs: must contain text"):
        Paragraph([Run("   ")])


def test_quote_shapes() -> None:
    quote = Quote("“Words.”", speaker="Jane Doe", speaker_title="Director")
    assert quote.paragraphs == ((Run("“Words.”"),),)
    assert quote.attribution == "Jane Doe, Director"
    assert Quote(["one", "two"]).text == "one\n\ntwo"


def test_derived_views(reference: PressRelease) -> None:
    assert reference.is_joint and reference.lead_issuer.id == "mddi"
    assert reference.embargoed_until is None
    assert reference.is_public(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(ValueError, match="timezone-aware"):
        reference.is_public(dt.datetime(2025, 1, 1))


def test_public_names() -> None:
    for name in presskit.__all__:
        assert getattr(presskit, name) is not None
    with pytest.raises(AttributeError):
        presskit.nonexistent  # noqa: B018


# --- bounds found by trying the feeds as a user -------------------------------------------


def test_dates_outside_1900_to_2099_are_refused() -> None:
    from presskit.model import Correction, Dateline

    with pytest.raises(ModelError, match="the year 9999 is outside 1900 to 2099"):
        Correction(dt.datetime(9999, 12, 31, tzinfo=dt.UTC), "x")
    with pytest.raises(ModelError, match="the year 1 is outside"):
        Dateline("SINGAPORE", dt.date(1, 1, 1))
    assert Dateline("SINGAPORE", dt.date(1900, 1, 1)).date.year == 1900


def test_attachments_are_files_not_mailto_links() -> None:
    from presskit.model import Attachment

    for href in ("mailto:press@example.org", "tel:+6560000000", "javascript:alert(1)"):
        with pytest.raises(ModelError, match="an attachment is a file"):
            Attachment(href, media_type="application/pdf")
    assert Attachment("files/a.pdf", media_type="application/pdf").href == "files/a.pdf"
    assert Attachment("https://example.org/a.pdf", media_type="application/pdf")


@pytest.mark.parametrize(
    "url",
    ["https://exa mple.org/", "http://:80/", "https://user:pw@example.org/", "https://x.org:ab/"],
)
def test_bad_web_urls_are_refused(url: str) -> None:
    from presskit.model import Issuer

    with pytest.raises(ModelError, match="url"):
        Issuer("x", "X", url=url)


def test_a_correction_before_the_release_is_refused() -> None:
    from presskit.model import Correction

    base = release()
    early = Correction(base.issued_at - dt.timedelta(days=1), "Too early.")
    with pytest.raises(ModelError, match=r"corrections\[0\]\.at"):
        attrs.evolve(base, corrections=[early])


def test_empty_tags_are_dropped() -> None:
    assert release(tags=["", " ", "ASEAN"]).tags == ("ASEAN",)
