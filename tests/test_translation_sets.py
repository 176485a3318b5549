"""A release with translations builds as a set (issue 15, item 6): every page links
every other language version with hreflang, whichever side declared the translation,
shows them in a list named in each language, and each language keeps its own files
under its own slug. Built from tests/fixtures/translations (three releases of
../shared/cases/newsroom-30: English, Chinese, Tamil; a Malay one declared by URL)."""

from __future__ import annotations

import email
import email.policy
import shutil
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from babel import Locale
from click.testing import CliRunner

from presskit.cli import main
from presskit.i18n import label

FIXTURES = Path(__file__).parent / "fixtures" / "translations"
BASE = "https://newsroom.example.net/"
LANGUAGES = {"nr-trans-en-12": "en-SG", "nr-trans-zh-13": "zh-Hans-SG", "nr-trans-ta-14": "ta-SG"}
MALAY = "https://www.mcmc.example.gov.my/ms/kenyataan"


def build(out: Path, *sources: Path, now: str = "2030-01-01T00:00Z", formats: str = "") -> Path:
    args = ["build", *map(str, sources), "-o", str(out), "-q", "--now", now]
    if formats:
        args += ["-f", formats]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("set"), FIXTURES)


def page(dist: Path, slug: str) -> Any:
    return lxml.html.document_fromstring((dist / slug / "index.html").read_bytes())


def test_every_page_links_every_version_both_ways(dist: Path) -> None:
    """The Tamil page declares only the English one, and the English one neither the
    Tamil one nor by slug the Chinese one's back link: in the build each links all."""
    expected = {language: f"{BASE}{slug}/" for slug, language in LANGUAGES.items()}
    expected |= {"ms-MY": MALAY, "x-default": f"{BASE}nr-trans-en-12/"}
    for slug in LANGUAGES:
        links = page(dist, slug).xpath("//head/link[@rel='alternate'][@hreflang]")
        assert {link.get("hreflang"): link.get("href") for link in links} == expected, slug
        assert len(links) == len(expected), slug  # one per language


def test_visible_list_of_the_other_languages(dist: Path) -> None:
    for slug, language in LANGUAGES.items():
        doc = page(dist, slug)
        assert doc.getroottree().getroot().get("lang") == language
        (nav,) = doc.xpath("//nav[@class='translations']")
        (heading,) = nav.xpath("p[@id='translations']")
        assert nav.get("aria-labelledby") == "translations"
        assert heading.text_content() == label("translations", language)
        links = nav.xpath(".//a")
        shown = {a.get("hreflang") for a in links}
        assert shown == (set(LANGUAGES.values()) | {"ms-MY"}) - {language}
        for a in links:
            assert a.get("lang") == a.get("hreflang")
            own_name = Locale.parse(a.get("hreflang"), sep="-").get_display_name()
            assert a.text_content() == own_name  # "中文 (简体, 新加坡)", not "Chinese"


def test_an_unpublished_translation_is_not_linked(tmp_path: Path) -> None:
    """At 09:30 in Singapore the Tamil release (10:00) is not out: no page names it."""
    out = build(tmp_path, FIXTURES, now="2025-02-02T01:30Z", formats="html")
    for slug in ("nr-trans-en-12", "nr-trans-zh-13"):
        text = (out / slug / "index.html").read_text()
        assert "nr-trans-ta-14" not in text and 'hreflang="ta-SG"' not in text


def test_file_names_and_slugs_stay_stable(dist: Path, tmp_path: Path) -> None:
    """Each language's files are <slug>/<slug>.*, the same whether its translations are
    built with it or not."""
    alone = build(tmp_path, FIXTURES / "nr-trans-en-12.md")
    for slug in LANGUAGES:
        names = {p.name for p in (dist / slug).iterdir()}
        assert f"{slug}.docx" in names and f"{slug}.eml" in names and f"{slug}.zip" in names
        assert all(n.startswith(f"{slug}.") or n == "index.html" for n in names), names
    en = "nr-trans-en-12"
    assert {p.name for p in (alone / en).iterdir()} == {p.name for p in (dist / en).iterdir()}


def test_each_language_has_its_own_email_and_kit(dist: Path) -> None:
    for slug, language in LANGUAGES.items():
        message = email.message_from_bytes(
            (dist / slug / f"{slug}.eml").read_bytes(), policy=email.policy.default
        )
        assert message["Content-Language"] == language
        html_part = message.get_body(("html",))
        assert html_part is not None
        root = lxml.html.document_fromstring(html_part.get_content()).getroottree().getroot()
        assert root.get("lang") == language
        with zipfile.ZipFile(dist / slug / f"{slug}.zip") as kit:
            names = kit.namelist()
        assert any(n.endswith(f"{slug}.pdf") for n in names), names
        assert not any(other in n for n in names for other in LANGUAGES if other != slug)


def test_labels_in_the_release_language(dist: Path) -> None:
    """What the page, the e-mail and the Word file print comes from the release's
    language's catalogue (English until a catalogue has the entry)."""
    for slug, language in LANGUAGES.items():
        text = page(dist, slug).text_content()
        assert label("downloads", language) in text
        assert label("status.immediate", language, "sg") in text


def test_email_links_the_other_languages(dist: Path) -> None:
    """Under the headline of each language's e-mail: its other versions, by address."""
    for slug, language in LANGUAGES.items():
        message = email.message_from_bytes(
            (dist / slug / f"{slug}.eml").read_bytes(), policy=email.policy.default
        )
        html_part = message.get_body(("html",))
        assert html_part is not None
        doc = lxml.html.document_fromstring(html_part.get_content())
        links = doc.xpath("//a[@hreflang]")
        assert {a.get("hreflang"): a.get("href") for a in links} == {
            other: f"{BASE}{s}/" for s, other in LANGUAGES.items() if s != slug
        } | {"ms-MY": MALAY}
        assert all(a.get("lang") == a.get("hreflang") for a in links)
        assert label("translations", language) in doc.text_content()


def test_a_translation_with_a_canonical_url_is_linked_there(tmp_path: Path) -> None:
    """A member published at its own address (canonical_url) is linked at that address,
    as the feeds link it."""
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES, sources)
    zh = sources / "nr-trans-zh-13.md"
    text = zh.read_text(encoding="utf-8")
    canonical = 'canonical_url = "https://www.mddi.example.gov.sg/zh/13"\n'
    slug_line = 'slug = "nr-trans-zh-13"\n'
    zh.write_text(text.replace(slug_line, slug_line + canonical, 1), encoding="utf-8")
    out = build(tmp_path / "out", sources, formats="html")
    links = page(out, "nr-trans-ta-14").xpath("//head/link[@hreflang='zh-Hans-SG']/@href")
    assert links == ["https://www.mddi.example.gov.sg/zh/13"]
