"""W3C feed validator warnings the fuzzing run still saw after the feeds work: each is
checked with the validator's own code (``../shared/tools/feedvalidator``; skipped with a
reason where it is absent) and with a property that needs no validator."""

from __future__ import annotations

import datetime as dt
import html
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

import presskit
from presskit.model import Issuer, Paragraph, PressRelease
from presskit.site import Site
from tests import fuzzkit

SITE = Site(base_url="https://news.example.org/", name="Newsroom")
NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


def _release(slug: str, issued_at: dt.datetime, **changes: object) -> PressRelease:
    fields: dict[str, object] = {
        "slug": slug,
        "headline": "A headline",
        "issuers": [Issuer("mddi", "MDDI")],
        "dateline": presskit.Dateline("KATHMANDU", issued_at.date()),
        "issued_at": issued_at,
        "body": [Paragraph("The lede.")],
    }
    fields.update(changes)
    return PressRelease(**fields)  # type: ignore[arg-type]


def w3c(data: bytes, path: str) -> list[tuple[str, str]]:
    if fuzzkit.feed_validator() is None:
        pytest.skip("../shared/tools/feedvalidator is absent (../shared is not beside this)")
    pytest.importorskip("html5lib", reason="the W3C feed validator needs html5lib")
    return [(level, name) for level, name, _ in fuzzkit.w3c_events(data, SITE.url(path))]


@pytest.mark.parametrize(
    "zone", ["Asia/Kathmandu", "Pacific/Chatham", "Asia/Singapore", "America/St_Johns"]
)
def test_rss_dates_are_written_in_utc(zone: str) -> None:
    """pubDate and lastBuildDate in UTC: a local offset whose minutes are not 00 or 30
    (+0545, +1245) made the validator warn ProblematicalRFC822Date."""
    issued = dt.datetime(2025, 3, 4, 9, 15, tzinfo=ZoneInfo(zone))
    rss = presskit.export_collection([_release("a", issued)], "rss", site=SITE, now=NOW)
    data = rss["feeds/newsroom.rss"]
    channel = etree.fromstring(data).find("channel")
    assert channel is not None
    dates = [channel.findtext("lastBuildDate"), channel.findtext("item/pubDate")]
    for text in dates:
        assert text is not None and text.endswith(" +0000"), text
    assert parsedate_to_datetime(dates[1]) == issued
    assert w3c(data, "feeds/newsroom.rss") == []


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_names_and_link_titles_that_look_escaped_stay_text(fmt: str) -> None:
    """An agency named with a literal ``&amp;`` and an attachment whose title is a
    query string (``&lang=en``): the validator took them for escaped markup
    (ContainsHTML on name and on link). The text reads back unchanged."""
    from presskit.model import Attachment

    name = "Tom &amp; Jerry Authority"
    title = "news?id=1&lang=en"
    issued = dt.datetime(2025, 3, 4, 9, tzinfo=dt.UTC)
    release = _release(
        "a",
        issued,
        issuers=[Issuer("tj", name)],
        attachments=[Attachment("https://x.org/news?id=1&lang=en", media_type="text/html",
                                title=title)],
    )  # fmt: skip
    files = presskit.export_collection([release], fmt, site=SITE, now=NOW)
    path = f"feeds/newsroom.{fmt}"
    root = etree.fromstring(files[path])
    # RSS readers take dc:creator as HTML: it is escaped once there (see _rss_text)
    texts = [e.text if fmt == "atom" else html.unescape(e.text or "") for e in
             root.iter("{*}name", "{*}creator")]  # fmt: skip
    titles = [e.get("title") for e in root.iter("{*}link") if e.get("title")]
    assert name in texts
    assert f"Fuzz: {name}" in titles or any(name in t for t in titles)
    if fmt == "atom":
        assert title in titles
    events = w3c(files[path], path)
    assert [e for e in events if e[1] in ("ContainsHTML", "ContainsUndeclaredHTML")] == []
    for other, data in files.items():
        if other.endswith((".rss", ".atom")):
            assert [e for e in w3c(data, other) if e[1] == "ContainsHTML"] == [], other


def test_an_atom_title_with_a_query_string_stays_text() -> None:
    """A headline holding a URL with ``&lang=en``: ContainsUndeclaredHTML on the Atom
    title (and summary), though it reads the same as text and as HTML."""
    headline = "Read https://www.imda.gov.sg/news?id=1&lang=en#top now"
    issued = dt.datetime(2025, 3, 4, 9, tzinfo=dt.UTC)
    release = _release("a", issued, headline=headline, body=[Paragraph(headline)])
    files = presskit.export_collection([release], "atom", site=SITE, now=NOW)
    data = files["feeds/newsroom.atom"]
    entry = etree.fromstring(data).find("{*}entry")
    title = entry.find("{*}title") if entry is not None else None
    assert title is not None and title.text is not None
    assert (html.unescape(title.text) if title.get("type") == "html" else title.text) == headline
    assert w3c(data, "feeds/newsroom.atom") == []


def test_an_atom_summary_over_several_lines_with_a_query_string_stays_text() -> None:
    """The lede as summary, with the URL on an earlier line than the end tag: the
    validator still reported ContainsUndeclaredHTML; such text is declared as HTML."""
    from presskit.model import Quote

    url = "https://www.imda.gov.sg/news?id=1&lang=en#top"
    quote = Quote(["A first paragraph", f"Read {url} now", "A last paragraph"])
    issued = dt.datetime(2025, 3, 4, 9, tzinfo=dt.UTC)
    release = _release("a", issued, body=[quote])
    files = presskit.export_collection([release], "atom", site=SITE, now=NOW)
    data = files["feeds/newsroom.atom"]
    entry = etree.fromstring(data).find("{*}entry")
    assert entry is not None
    summary = entry.find("{*}summary")
    assert summary is not None and summary.text is not None
    shown = html.unescape(summary.text) if summary.get("type") == "html" else summary.text
    assert "news?id=1&lang=en#top" in shown
    assert w3c(data, "feeds/newsroom.atom") == []
