"""What the fuzzing run found the model accepting and an exporter (or a validator)
refusing later: refused at load time now, with the field and the line named.

* language tags whose subtags are not in the IANA Language Subtag Registry (``xx``);
* a logo given as a URL (presskit does not download files);
* two local attachments with one file name (they are published side by side);
* two releases with one slug given to :func:`presskit.export_collection`;
* an agency name holding an HTML end tag (feeds carry it where no markup can be
  declared: Atom ``author/name``; the W3C validator reports ContainsHTML).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import presskit
from presskit.errors import ExportError, ModelError, SourceError, UnknownFormatError
from presskit.model import Attachment, Issuer, Paragraph, PressRelease, Translation
from tests.conftest import AGENCIES

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


def _release(**changes: object) -> PressRelease:
    fields: dict[str, object] = {
        "slug": "a-release",
        "headline": "A headline",
        "issuers": [Issuer("mddi", "MDDI")],
        "dateline": presskit.Dateline("SINGAPORE", dt.date(2025, 1, 17)),
        "issued_at": dt.datetime(2025, 1, 17, 10, tzinfo=dt.UTC),
        "body": [Paragraph("The lede.")],
    }
    fields.update(changes)
    return PressRelease(**fields)  # type: ignore[arg-type]


def _error(path: Path) -> SourceError:
    with pytest.raises(SourceError) as info:
        presskit.load(path)
    return info.value


# --- language tags: registered subtags only -----------------------------------------------


@pytest.mark.parametrize(
    ("tag", "named"),
    [
        ("xx", "the language 'xx'"),
        ("bx-20po-x-abc", "the language 'bx', the variant '20po'"),
        ("en-Xyzw", "the script 'Xyzw'"),
        ("en-JJ", "the region 'JJ'"),
    ],
)
def test_a_well_formed_tag_with_an_unregistered_subtag_is_refused(tag: str, named: str) -> None:
    """The W3C validator reports InvalidLanguage on xml:lang and <language> for them."""
    with pytest.raises(ModelError, match=f"^language: .*{named}.* IANA Language Subtag"):
        _release(language=tag)
    with pytest.raises(ModelError, match="IANA Language Subtag"):
        Translation(tag)
    from presskit.site import Site

    with pytest.raises(ModelError, match=r"^language: .*IANA Language Subtag"):
        Site(language=tag)


@pytest.mark.parametrize(
    "tag",
    ["en", "EN-sg", "zh-Hans-SG", "zh-Hant-TW", "fil", "ms-MY", "de-CH-1996", "es-419",
     "sl-rozaj-biske", "en-x-wire", "en-US-u-ca-gregory", "sr-Latn-RS"],
)  # fmt: skip
def test_registered_tags_are_kept_as_given(tag: str) -> None:
    assert _release(language=tag).language == tag
    assert Translation(tag).language == tag


@pytest.mark.parametrize(
    ("front", "line", "field"),
    [
        ("language = 'xx'\n", 6, "language"),
        ("[[translations]]\nlanguage = 'zh'\n[[translations]]\nlanguage = 'qq-SG'\n", 9,
         "translations[1].language"),
    ],
)  # fmt: skip
def test_check_names_the_unregistered_tag_and_its_line(
    write_source: Callable[..., Path], front: str, line: int, field: str
) -> None:
    head = "+++\nheadline = 'H'\nissuers = ['mddi']\ndateline = 'S'\nissued = 2025-01-17\n"
    error = _error(write_source(front=head + front + "+++\n"))
    assert (error.field, error.line) == (field, line)
    assert "IANA Language Subtag Registry" in error.message


# --- logos: local files only ----------------------------------------------------------------


@pytest.mark.parametrize(
    "logo",
    ["https://cdn.example.org/logo.png", "HTTP://EXAMPLE.COM/L.PNG", "//cdn.example.org/l.png",
     "mailto:logo@example.org", "file:///etc/passwd", "logos/see https://x.org/l.png"],
)  # fmt: skip
def test_a_logo_url_is_refused_by_the_model(logo: str) -> None:
    """docx, pdf, eml and kit refused it at export; the model now refuses it."""
    with pytest.raises(ModelError, match=r"^logo: .*presskit does not download files"):
        Issuer("imda", "IMDA", logo=logo)


def test_a_logo_url_in_agencies_toml_is_refused_with_its_line(
    write_source: Callable[..., Path],
) -> None:
    agencies = AGENCIES + 'logo = "https://www.imda.gov.sg/logo.png"\n'
    error = _error(write_source(agencies=agencies))
    assert error.path.endswith("agencies.toml")
    assert (error.field, error.line) == ("agencies.imda.logo", agencies.count("\n"))
    assert "does not download" in error.message


def test_a_local_logo_is_still_accepted() -> None:
    assert Issuer("imda", "IMDA", logo="logos/imda.png").logo == "logos/imda.png"


# --- attachments: one file name each -------------------------------------------------------


def test_two_attachments_with_one_file_name_are_refused_by_the_model() -> None:
    attachments = [
        Attachment("annex/photo.jpg", media_type="image/jpeg"),
        Attachment("https://example.org/photo.jpg", media_type="image/jpeg"),  # remote: fine
        Attachment("images/PHOTO.jpg", media_type="image/jpeg"),
    ]
    with pytest.raises(ModelError, match=r"^attachments\[2\]: .*attachments\[0\]"):
        _release(attachments=attachments)
    assert len(_release(attachments=attachments[:2]).attachments) == 2


def test_check_names_the_second_attachment_and_its_line(
    write_source: Callable[..., Path], tmp_path: Path
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "annex.pdf").write_bytes(b"%PDF-1.4\n")
    head = "+++\nheadline = 'H'\nissuers = ['mddi']\ndateline = 'S'\nissued = 2025-01-17\n"
    front = "[[attachments]]\nhref = 'a/annex.pdf'\n[[attachments]]\nhref = 'b/annex.pdf'\n"
    source = write_source(front=head + front + "+++\n")
    error = _error(source)
    assert (error.field, error.line) == ("attachments[1]", 8)
    assert "same file name" in error.message
    result = subprocess.run(
        [sys.executable, "-m", "presskit.cli", "check", str(source)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "attachments[1]" in result.stdout + result.stderr


# --- collections: one slug each ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed", "index"])
def test_export_collection_refuses_two_releases_with_one_slug(fmt: str) -> None:
    from presskit.site import Site

    site = Site(base_url="https://news.example.org/")
    one = _release()
    other = _release(headline="Another headline")
    with pytest.raises(ExportError, match=r"releases\[0\] and releases\[1\] .*'a-release'"):
        presskit.export_collection([one, other], fmt, site=site, now=NOW)
    assert presskit.export_collection([one], fmt, site=site, now=NOW)


# --- errors survive a process pool ---------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        ModelError("attachments[1]", "same file name"),
        SourceError("a.md", "bad", line=3, field="language"),
        SourceError("a.md", "bad"),
        UnknownFormatError("x", ["pdf"]),
    ],
    ids=repr,
)
def test_errors_round_trip_through_pickle(error: Exception) -> None:
    """A worker's error in a multiprocessing pool reaches the parent pickled: a
    ModelError could not be unpickled, which killed the pool's result thread and hung
    the fuzzing run for good."""
    import pickle

    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error)
    assert vars(again) == vars(error)


# --- published URLs: a public host ---------------------------------------------------------


@pytest.mark.parametrize("url", ["http://localhost:8080/a.mp4", "https://intranet/annex.pdf"])
def test_a_url_on_a_single_label_host_is_refused(url: str) -> None:
    """An attachment at http://localhost:8080/ became an RSS enclosure the W3C validator
    refused (InvalidURLAttribute: url must be a full URL); no reader could fetch it."""
    with pytest.raises(ModelError, match="public host name"):
        Attachment(url, media_type="video/mp4")
    with pytest.raises(ModelError, match=r"^canonical_url: .*public host name"):
        _release(canonical_url=url)
    with pytest.raises(ModelError, match="public host name"):
        Translation("zh", url=url)


@pytest.mark.parametrize(
    "url", ["https://www.example.org/a", "http://192.0.2.1:8080/a", "https://[2001:db8::1]/a"]
)
def test_public_hosts_and_ip_literals_are_kept(url: str) -> None:
    assert Attachment(url, media_type="video/mp4").href == url


# --- agency names: plain text ----------------------------------------------------------------


@pytest.mark.parametrize("field", ["name", "short_name"])
@pytest.mark.parametrize("name", ["MDDI</b>", "Ministry </p> of <i>Digital</i>", "x</B>y"])
def test_an_agency_name_holding_an_html_end_tag_is_refused(field: str, name: str) -> None:
    with pytest.raises(ModelError, match=rf"^{field}: .*HTML end tag"):
        Issuer(**{"id": "mddi", "name": "MDDI", field: name})  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["R&D <Digital> Office", "A < B > C", "5 </ 6", "AT&T"])
def test_an_agency_name_with_other_angle_brackets_is_kept(name: str) -> None:
    assert Issuer("mddi", name).name == name


def test_an_agency_name_with_an_end_tag_in_agencies_toml_names_its_line(
    write_source: Callable[..., Path],
) -> None:
    agencies = AGENCIES.replace(
        'short_name = "IMDA"', 'short_name = "IMDA"\nname = "<b>IMDA</b>"', 1
    ).replace('name = "Infocomm Media Development Authority"\n', "", 1)
    error = _error(write_source(agencies=agencies))
    assert error.field == "agencies.imda.name"
    assert error.line == agencies.splitlines().index('name = "<b>IMDA</b>"') + 1
    assert "HTML end tag" in error.message
