"""Every fixed word the wire formats, the press kit's README and manifest, the feeds'
titles and the default "About" heading print comes from :func:`presskit.i18n.label`, in
the release's language (issue 15, item 1); and the house style's paragraph numbers reach
every wire format (item 5).

The label test replaces every English label with a marker (``@key@`` and its
placeholders) and renders a release in a language without a catalogue, so that
:func:`~presskit.i18n.label` falls back to the (marked) English table: each label the
format uses must show up as its marker, and none of the English wording may be left.
The language test renders the fixtures of tests/fixtures/languages and finds
``label(key, language)`` in the output, which is English until the translations land and
the translation after.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import string
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

import presskit
from presskit.i18n import clear_caches, label, labels
from presskit.model import Embargoed, MediaContact, Paragraph, PressRelease, Quote

from .wirekit import corrected

LANGUAGES = Path(__file__).resolve().parent / "fixtures" / "languages"
#: A language no catalogue covers: its labels are the English table's.
UNTRANSLATED = "ko"
#: The English wording of the labels the formats here print; none may be left.
ENGLISH = (
    "Jointly issued by",
    "Issued by",
    "Media contacts",
    "Notes to editors",
    "not for publication",
    "Not for publication",
    "EMBARGOED",
    "Correction (",
    "Email: ",
    "Tel: ",
    "By MDDI",
    "PRESS KIT",
    "Files:",
    "Not included",
    "manifest.json lists",
    "Nothing in this kit",
    "a remote file",
    "the release as",
    "Press releases",
    "Information logo",  # "{name} logo" of the logo of MDDI
)


def marker(key: str) -> str:
    return f"@{key}@"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every English label replaced by its marker, its placeholders kept; label()'s
    caches are cleared before and after, so no marker outlives the test."""
    clear_caches()
    for (key, style), text in list(labels.LABELS.items()):
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name]
        monkeypatch.setitem(
            labels.LABELS, (key, style), marker(key) + "".join(f" {{{f}}}" for f in fields)
        )
    yield
    monkeypatch.undo()
    clear_caches()


@pytest.fixture
def release(reference: PressRelease) -> PressRelease:
    """The reference release in a language without a catalogue, embargoed, corrected,
    with notes to editors and a contact with a phone number."""
    contact = MediaContact("Adeline Lee", phone="+65 6211 0888", email="adeline@example.sg")
    return attrs.evolve(
        corrected(reference),
        language=UNTRANSLATED,
        release=Embargoed(reference.issued_at + dt.timedelta(days=1)),
        notes_to_editors=(Paragraph("Annex A lists the members of the working group."),),
        media_contacts=(*reference.media_contacts, contact),
    )


def flat(text: str) -> str:
    """One line: wire copy wraps at 69 characters, but never inside a marker."""
    return re.sub(r"\s+", " ", text)


def check(text: str, keys: set[str]) -> None:
    text = flat(text)
    for key in sorted(keys):
        assert marker(key) in text, key
    for words in ENGLISH:
        assert words not in text, words


WIRE_KEYS = {
    "iptc7901": {
        "wire.embargoed",
        "jointly_issued",
        "list.and",
        "correction",
        "wire.not_for_publication",
        "media_contacts",
        "contact.phone",
        "contact.email",
    },
    "anpa1312": {
        "wire.embargoed",
        "wire.editors_notes",
        "wire.byline",
        "jointly_issued",
        "list.and",
        "correction",
        "media_contacts",
        "contact.phone",
        "contact.email",
    },
    "nitf": {
        "jointly_issued",
        "list.and",
        "correction",
        "media_contacts",
        "contact.phone",
        "contact.email",
    },
    "newsmlg2": {
        "jointly_issued",
        "list.and",
        "correction",
        "wire.notes_to_editors",
        "media_contacts",
        "contact.email",
    },
    "ninjs": {
        "jointly_issued",
        "list.and",
        "correction",
        "wire.notes_to_editors",
        "media_contacts",
        "contact.phone",
        "contact.email",
    },
}


@pytest.mark.parametrize("fmt", sorted(WIRE_KEYS))
def test_wire_words_are_labels(marked: None, release: PressRelease, fmt: str) -> None:
    data = presskit.export(release, fmt).decode("utf-8")
    if fmt == "ninjs":  # JSON escapes nothing here, but read it as a reader would
        document = json.loads(data)
        data = json.dumps(document, ensure_ascii=False)
    check(data, WIRE_KEYS[fmt])


def test_issued_by_of_one_issuer_is_a_label(marked: None, release: PressRelease) -> None:
    single = attrs.evolve(release, issuers=release.issuers[:1])
    for fmt in ("nitf", "newsmlg2", "ninjs"):
        assert marker("issued_by") in presskit.export(single, fmt).decode(), fmt


def test_kit_readme_and_manifest_are_labels(
    marked: None, release: PressRelease, tmp_path: Path
) -> None:
    from presskit.model import Attachment

    logo = tmp_path / "mddi.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>\n')
    issuers = (attrs.evolve(release.issuers[0], logo="mddi.svg"), *release.issuers[1:])
    remote = Attachment("https://example.org/a.pdf", title="Annex", media_type="application/pdf")
    kitted = attrs.evolve(release, issuers=issuers, attachments=(remote,))
    data = presskit.export(kitted, "kit", asset_root=tmp_path)
    archive = zipfile.ZipFile(io.BytesIO(data))
    readme = archive.read(f"{release.slug}/README.txt").decode("utf-8")
    check(
        readme,
        {
            "kit.title",
            "kit.issued",
            "kit.embargo_line",
            "kit.embargo",
            "status.embargoed",
            "kit.files",
            "kit.not_included",
            "kit.reason.remote",
            "kit.manifest",
            "media_contacts",
            "contact.email",
            "logo",
            *(f"kit.format.{name}" for name in ("docx", "pdf", "eml", "json", "html")),
            *(f"kit.format.{name}" for name in ("nitf", "ninjs", "newsmlg2")),
            *(f"kit.format.{name}" for name in ("iptc7901", "anpa1312")),
            *(f"kit.format.text.{style}" for style in ("sg", "us", "uk")),
        },
    )
    manifest = json.loads(archive.read(f"{release.slug}/manifest.json"))
    logos = [f for f in manifest["files"] if f["kind"] == "logo"]
    assert logos and logos[0]["alt_text"] == f"{marker('logo')} {release.issuers[0].name}"
    assert manifest["not_included"][0]["reason"] == marker("kit.reason.remote")


def test_feed_titles_of_a_newsroom_without_a_name(marked: None, release: PressRelease) -> None:
    from presskit.feedplan import audiences
    from presskit.site import Site

    now = release.issued_at + dt.timedelta(days=30)
    slices = audiences([release], site=Site(language=UNTRANSLATED), now=now)
    assert slices[0].title == marker("newsroom.releases")
    language = next(a for a in slices if a.key.startswith("language/"))
    assert language.title.startswith(marker("newsroom.releases") + " (")


AGENCIES = """\
[site]
language = "en-SG"

[agencies.mddi]
name = "Ministry of Digital Development and Information"
short_name = "MDDI"
about = "MDDI oversees the digital development of Singapore."
"""

RELEASE = """\
+++
headline = "A headline"
issuers = ["mddi"]
dateline = "Singapore"
issued = 2025-03-03T10:00:00+08:00
language = "{language}"
+++

A paragraph.
"""


@pytest.mark.parametrize("language", ["en-SG", UNTRANSLATED, "zh-Hans-SG"])
def test_default_about_heading_is_a_label_in_the_release_language(
    marked: None, tmp_path: Path, language: str
) -> None:
    """An agency without ``about_heading`` is headed by the label ``about`` in the
    language of the release that prints it, not in English."""
    (tmp_path / "agencies.toml").write_text(AGENCIES, encoding="utf-8")
    source = tmp_path / "release.md"
    source.write_text(RELEASE.replace("{language}", language), encoding="utf-8")
    loaded = presskit.load(source)
    name = "Ministry of Digital Development and Information"
    expected = label("about", language, name=name)
    assert [b.heading for b in loaded.boilerplates] == [expected]
    assert loaded.issuers[0].boilerplate is not None
    assert loaded.issuers[0].boilerplate.heading == expected


@pytest.mark.parametrize("heading", [None, "Mengenai MDDI"])
def test_default_about_heading_round_trips_through_the_source_writer(
    marked: None, tmp_path: Path, heading: str | None
) -> None:
    """The source writer leaves out an "About" heading that is the loader's default in
    the release's language (the loader makes it again), and keeps any other."""
    from presskit.sources.write import write_source

    agencies = AGENCIES + (f'about_heading = "{heading}"\n' if heading else "")
    (tmp_path / "agencies.toml").write_text(agencies, encoding="utf-8")
    source = tmp_path / "release.md"
    source.write_text(RELEASE.replace("{language}", "ms-SG"), encoding="utf-8")
    loaded = presskit.load(source)
    written = write_source(loaded)
    assert written.agencies_toml is not None
    assert ("about_heading" in written.agencies_toml) == (heading is not None)
    out = tmp_path / "out"
    out.mkdir()
    (out / "agencies.toml").write_text(written.agencies_toml, encoding="utf-8")
    (out / "release.md").write_text(written.markdown, encoding="utf-8")
    again = presskit.load(out / "release.md")
    assert [b.heading for b in again.boilerplates] == [b.heading for b in loaded.boilerplates]


# --- real languages: the catalogue's wording, whatever it is today ------------------------


def fixture(name: str) -> PressRelease:
    return presskit.load(LANGUAGES / name)


@pytest.mark.parametrize("name", ["zh-hans.md", "ms.md", "ta.md", "th.md"])
def test_wire_copy_prints_the_label_of_the_release_language(name: str) -> None:
    from presskit.exporters.wire import _anpa_text
    from presskit.textutils import to_ascii

    release = fixture(name)
    lang = release.language
    contacts = label("media_contacts", lang)
    joint = label("jointly_issued", lang, issuers=presskit.layout.join_names(
        [i.short_name for i in release.issuers], lang
    ))  # fmt: skip
    ninjs = json.loads(presskit.export(release, "ninjs"))
    assert ninjs["by"] == joint
    assert contacts in ninjs["bodies"][0]["value"]
    nitf = presskit.export(release, "nitf").decode()
    assert joint in nitf and contacts in nitf
    copy = flat(presskit.export(release, "iptc7901", charset="utf-8").decode())
    assert flat(joint) in copy and flat(contacts) in copy
    ascii_copy = flat(presskit.export(release, "iptc7901").decode("ascii"))  # transliterated
    assert flat(to_ascii(joint)) in ascii_copy and flat(to_ascii(contacts)) in ascii_copy
    anpa = presskit.export(release, "anpa1312").decode("ascii")
    assert _anpa_text(joint) in anpa and _anpa_text(contacts) in anpa


# --- paragraph numbers: the same in every wire format as in the text --------------------


def numbered_openings(release: PressRelease) -> dict[int, str]:
    """Paragraph number -> the first words of that paragraph or quote, as the sg house
    style numbers them (:class:`presskit.layout.BodyBlock`)."""
    from presskit.layout import Body, layout
    from presskit.profiles import get_profile

    body = next(p for p in layout(release, get_profile("sg")).parts if isinstance(p, Body))
    out = {}
    for item in body.blocks:
        if item.number is not None:
            assert isinstance(item.block, Paragraph | Quote)
            text = item.block.text
            if isinstance(item.block, Quote) and item.block.lead_in:
                text = item.block.lead_in
            out[item.number] = " ".join(text.split()[:4])
    return out


WIRE: dict[str, Callable[[bytes], str]] = {
    "iptc7901": lambda data: data.decode("ascii"),
    "anpa1312": lambda data: data.decode("ascii"),
    "nitf": lambda data: data.decode(),
    "newsmlg2": lambda data: data.decode(),
    "ninjs": lambda data: json.dumps(json.loads(data), ensure_ascii=False),
}


@pytest.mark.parametrize("fmt", sorted(WIRE))
def test_sg_paragraph_numbers_in_every_wire_format(reference: PressRelease, fmt: str) -> None:
    """Issue 15 item 5: a correction that says "Paragraph 4 now ..." points at the
    paragraph every format numbers 4: the text exporter's numbers, the same paragraph."""
    from presskit.exporters.wire import _anpa_text

    openings = numbered_openings(reference)
    assert len(openings) > 3
    text = presskit.export(reference, "text", profile="sg").decode()
    copy = flat(WIRE[fmt](presskit.export(reference, fmt)))
    for number, opening in openings.items():
        assert f"{number}. {opening}" in flat(text), (number, opening)
        words = _anpa_text(opening) if fmt in ("iptc7901", "anpa1312") else opening
        assert f"{number}. {words}" in copy, (fmt, number, opening)
    # the us and uk house styles print no numbers, and neither does the copy
    unnumbered = flat(WIRE[fmt](presskit.export(reference, fmt, profile="us")))
    first = _anpa_text(openings[1]) if fmt in ("iptc7901", "anpa1312") else openings[1]
    assert f"1. {first}" not in unnumbered and first in unnumbered
