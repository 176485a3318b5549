"""W3C feed validator warnings the fuzzing run still saw after the feeds work: each is
checked with the validator's own code (``../shared/tools/feedvalidator``; skipped with a
reason where it is absent) and with a property that needs no validator."""

from __future__ import annotations

import datetime as dt
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
