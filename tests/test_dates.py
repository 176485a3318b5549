"""Dates, times and datelines in each language's form and calendar (issue 15, item 4).

The expected strings are the forms docs/languages.md ("Dates and house styles per
language") chose from real releases: Thai in the Buddhist Era, 年月日 for Chinese and
Japanese, Vietnamese as Decree 30/2020/ND-CP writes it, Khmer as AKP writes it, and the
Singapore style's capitals where the script has case.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import presskit
from presskit import layout as L
from presskit.i18n import dates
from presskit.i18n.dates import format_date
from presskit.profiles import PROFILES, get_profile
from presskit.profiles import format_date as profiles_format_date

LANGUAGES = Path(__file__).parent / "fixtures" / "languages"
APRIL, MARCH = dt.date(2025, 4, 14), dt.date(2025, 3, 3)
STYLES = ("sg", "ap", "long")

#: language -> (14 April 2025 in sg, ap, long; 3 March 2025 in sg, ap, long)
EXPECTED: dict[str, tuple[str, str, str, str, str, str]] = {
    "en": ("14 APR 2025", "April 14, 2025", "14 April 2025",
           "3 MAR 2025", "March 3, 2025", "3 March 2025"),
    "ms": ("14 APR 2025", "14 April 2025", "14 April 2025",
           "3 MAC 2025", "3 Mac 2025", "3 Mac 2025"),
    "id": ("14 APR 2025", "14 April 2025", "14 April 2025",
           "3 MAR 2025", "3 Maret 2025", "3 Maret 2025"),
    "fil": ("14 ABR 2025", "Abril 14, 2025", "Abril 14, 2025",
            "3 MAR 2025", "Marso 3, 2025", "Marso 3, 2025"),
    "vi": ("ngày 14 tháng 4 năm 2025",) * 3 + ("ngày 03 tháng 3 năm 2025",) * 3,
    "zh-Hans": ("2025年4月14日",) * 3 + ("2025年3月3日",) * 3,
    "zh-Hant": ("2025年4月14日",) * 3 + ("2025年3月3日",) * 3,
    "ja": ("2025年4月14日",) * 3 + ("2025年3月3日",) * 3,
    "ta": ("14 ஏப்ரல், 2025",) * 3 + ("3 மார்ச், 2025",) * 3,
    "th": ("14 เมษายน 2568",) * 3 + ("3 มีนาคม 2568",) * 3,
    "km": ("ថ្ងៃទី១៤ ខែមេសា ឆ្នាំ២០២៥",) * 3 + ("ថ្ងៃទី៣ ខែមីនា ឆ្នាំ២០២៥",) * 3,
    "lo": ("14 ເມສາ 2025",) * 3 + ("3 ມີນາ 2025",) * 3,
    "my": ("၂၀၂၅ ဧပြီ ၁၄",) * 3 + ("၂၀၂၅ မတ် ၃",) * 3,
    "ar": ("14 أبريل 2025",) * 3 + ("3 مارس 2025",) * 3,
    "ms-Arab": ("14 اڤريل 2025",) * 3 + ("3 مچ 2025",) * 3,
}  # fmt: skip

CASES = [
    pytest.param(
        language, day, style, EXPECTED[language][i * 3 + j], id=f"{language}-{day:%m%d}-{style}"
    )
    for language in EXPECTED
    for i, day in enumerate((APRIL, MARCH))
    for j, style in enumerate(STYLES)
]


@pytest.mark.parametrize(("language", "day", "style", "expected"), CASES)
def test_every_language_every_style(language: str, day: dt.date, style: str, expected: str) -> None:
    assert format_date(day, style, language) == expected


def test_profiles_format_date_is_the_same_function() -> None:
    assert profiles_format_date is format_date


def test_thai_prints_the_buddhist_era() -> None:
    assert format_date(APRIL, "sg", "th-TH").endswith(" 2568")
    assert format_date(dt.date(2024, 12, 31), "long", "th") == "31 ธันวาคม 2567"
    assert format_date(dt.date(2025, 1, 1), "long", "th") == "1 มกราคม 2568"


def test_japanese_prints_nen_gatsu_nichi() -> None:
    for style in STYLES:
        assert format_date(APRIL, style, "ja-JP") == "2025年4月14日"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja-JP-u-ca-japanese", "令和7年4月14日"),  # the era year Japan's ministries print
        ("zh-Hant-TW-u-ca-roc", "民國114年4月14日"),
        ("th-TH-u-ca-gregory", "14 เมษายน 2025"),
        ("km-KH-u-nu-latn", "ថ្ងៃទី14 ខែមេសា ឆ្នាំ2025"),
    ],
)
def test_a_unicode_extension_chooses_calendar_and_digits(language: str, expected: str) -> None:
    assert format_date(APRIL, "long", language) == expected


def test_regions_and_scripts_reach_their_language() -> None:
    assert format_date(MARCH, "sg", "ms-SG") == "3 MAC 2025"
    assert format_date(MARCH, "sg", "zh-SG") == "2025年3月3日"
    assert format_date(MARCH, "sg", "zh-TW") == "2025年3月3日"
    assert format_date(MARCH, "sg", "ta-SG") == "3 மார்ச், 2025"
    assert format_date(dt.date(2025, 8, 17), "sg", "ms") == "17 OGO 2025"  # CLDR's Ogo


def test_vietnamese_pads_day_and_the_first_two_months() -> None:
    """Decree 30/2020/ND-CP, appendix I: a day below 10, and months 1 and 2, take a 0."""
    assert format_date(dt.date(2025, 1, 5), "long", "vi") == "ngày 05 tháng 01 năm 2025"
    assert format_date(dt.date(2025, 2, 28), "long", "vi") == "ngày 28 tháng 02 năm 2025"
    assert format_date(dt.date(2025, 12, 9), "long", "vi") == "ngày 09 tháng 12 năm 2025"


def test_unknown_languages_print_english() -> None:
    assert format_date(MARCH, "sg", "xx") == "3 MAR 2025"
    assert format_date(MARCH, "ap", "qaa") == "March 3, 2025"


# --- datelines of the fixtures' releases -------------------------------------------------

#: fixture -> (sg dateline, us dateline); uk's is us's but for English.
DATELINES = {
    "en-mixed": ("SINGAPORE – 3 MAR 2025", "SINGAPORE, March 3, 2025"),
    "fil": ("MAYNILA – 3 MAR 2025", "MAYNILA, Marso 3, 2025"),
    "id": ("JAKARTA – 3 MAR 2025", "JAKARTA, 3 Maret 2025"),
    "ja": ("東京、2025年3月3日", "東京、2025年3月3日"),
    "km": ("ភ្នំពេញ ថ្ងៃទី៣ ខែមីនា ឆ្នាំ២០២៥", "ភ្នំពេញ ថ្ងៃទី៣ ខែមីនា ឆ្នាំ២០២៥"),
    "lo": ("ວຽງຈັນ – 3 ມີນາ 2025", "ວຽງຈັນ, 3 ມີນາ 2025"),
    "ms-jawi": ("کوالا لومڤور – 3 مچ 2025", "کوالا لومڤور، 3 مچ 2025"),
    "ms": ("KUALA LUMPUR – 3 MAC 2025", "KUALA LUMPUR, 3 Mac 2025"),
    "my": ("နေပြည်တော်၊ ၂၀၂၅ မတ် ၃", "နေပြည်တော်၊ ၂၀၂၅ မတ် ၃"),
    "ta": ("சிங்கப்பூர் – 3 மார்ச், 2025", "சிங்கப்பூர், 3 மார்ச், 2025"),
    "th": ("กรุงเทพมหานคร 3 มีนาคม 2568", "กรุงเทพมหานคร 3 มีนาคม 2568"),
    "vi-nfc": ("Hà Nội, ngày 03 tháng 3 năm 2025", "Hà Nội, ngày 03 tháng 3 năm 2025"),
    "zh-hans": ("新加坡，2025年3月3日", "新加坡，2025年3月3日"),
    "zh-hant": ("臺北，2025年3月3日", "臺北，2025年3月3日"),
}


@pytest.mark.parametrize("fixture", sorted(DATELINES))
def test_fixture_datelines(fixture: str) -> None:
    release = presskit.load(LANGUAGES / f"{fixture}.md")
    sg, us = DATELINES[fixture]
    assert L.format_dateline(release, get_profile("sg")) == sg
    assert L.format_dateline(release, get_profile("us")) == us
    laid_out = L.layout(release, get_profile("sg"))
    assert L.Dateline(sg) in laid_out.parts
    assert laid_out.running_header.endswith(sg)


def test_the_dateline_opening_a_chinese_lede_takes_a_chinese_dash() -> None:
    release = presskit.load(LANGUAGES / "zh-hans.md")
    body = next(p for p in L.layout(release, get_profile("us")).parts if isinstance(p, L.Body))
    assert body.blocks[0].dateline == "新加坡，2025年3月3日——"
    english = presskit.load(LANGUAGES / "en-mixed.md")
    body = next(p for p in L.layout(english, get_profile("us")).parts if isinstance(p, L.Body))
    assert body.blocks[0].dateline == "SINGAPORE, March 3, 2025 – "


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("en-mixed", "10:00 SGT, 3 MAR 2025"),
        ("ms", "10:00 MYT, 3 MAC 2025"),
        ("id", "09.00 WIB, 3 MAR 2025"),
        ("zh-hans", "2025年3月3日上午10时（新加坡时间）"),
        ("zh-hant", "2025年3月3日上午10時（台灣時間）"),
        ("ja", "2025年3月3日11時（日本時間）"),
        ("th", "3 มีนาคม 2568 เวลา 09.00 น. (เวลาไทย)"),
        ("km", "០៩:០០ UTC+07:00, ថ្ងៃទី៣ ខែមីនា ឆ្នាំ២០២៥"),
        ("vi-nfc", "09:00 UTC+07:00, ngày 03 tháng 3 năm 2025"),
    ],
)
def test_instants_in_the_release_language(fixture: str, expected: str) -> None:
    """The embargo and correction times: ``上午10时`` as Singapore's Chinese press
    writes it (lianhe zaobao: ``2025年9月5日,晚上8时``), ``เวลา 09.00 น.`` as Thai
    releases write it, native digits in Khmer."""
    release = presskit.load(LANGUAGES / f"{fixture}.md")
    at = dt.datetime(2025, 3, 3, 2, 0, tzinfo=dt.UTC)
    assert L.format_instant(at, release, get_profile("sg")) == expected


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(0, 0, "凌晨0时"), (9, 30, "上午9时30分"), (12, 0, "中午12时"), (15, 5, "下午3时05分"),
     (20, 0, "晚上8时")],
)  # fmt: skip
def test_chinese_times_of_day(hour: int, minute: int, expected: str) -> None:
    local = dt.datetime(2025, 3, 3, hour, minute)
    text = dates.format_moment(local, "新加坡时间", "sg", "zh-Hans-SG")
    assert text == f"2025年3月3日{expected}（新加坡时间）"
    assert dates.parse_time(text, "zh-Hans-SG") == local.time()


# --- read back what was printed --------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    day=st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
    clock=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    language=st.sampled_from([*sorted(EXPECTED), "fr", "de", "ko", "zh-Hant-TW-u-ca-roc"]),
    style=st.sampled_from(STYLES),
)
def test_printed_dates_and_times_read_back(
    day: dt.date, clock: dt.time, language: str, style: str
) -> None:
    """What is printed reads back to the same date and time (the DOCX importer relies on
    it), in every calendar and digit system."""
    if language == "en":
        return
    assert dates.parse_date(format_date(day, style, language), language) == day
    moment = dates.format_moment(dt.datetime.combine(day, clock), "UTC+08:00", style, language)
    assert dates.parse_date(moment, language) == day
    assert dates.parse_time(moment, language) == clock
    line = dates.format_dateline("Place", day, style, language)
    assert dates.read_dateline(line, language) == (dates.dateline_place("Place", language), day)


# --- determinism --------------------------------------------------------------------------

PROBE = """
import datetime as dt, json, sys
from presskit.i18n.dates import format_date, format_dateline, format_moment
out = {}
for language in sys.argv[1:]:
    for style in ("sg", "ap", "long"):
        out[f"{language} {style}"] = [
            format_date(dt.date(2025, 4, 14), style, language),
            format_dateline("Place", dt.date(2025, 3, 3), style, language),
            format_moment(dt.datetime(2025, 3, 3, 15, 5), "UTC", style, language),
        ]
print(json.dumps(out, ensure_ascii=False))
"""


def _probe(env: dict[str, str]) -> dict[str, list[str]]:
    # es-Arab-GB: ICU has no data for es_Arab, and would fall back to the process's
    # default locale (German dates under LANG=de_DE) unless presskit picks es itself
    languages = [*sorted(EXPECTED), "es-Arab-GB", "sr-Latn", "qaa"]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *languages],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
        encoding="utf-8",
    )
    return dict(json.loads(result.stdout))


def test_output_does_not_depend_on_the_process_locale_or_zone() -> None:
    """The same text whatever the machine's locale, time zone and ICU default: a build
    in Bangkok and one in Tokyo print the same dates."""
    plain = _probe({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"})
    for env in (
        {"LC_ALL": "th_TH.UTF-8", "LANG": "th_TH.UTF-8", "TZ": "Asia/Bangkok"},
        {"LC_ALL": "ja_JP.UTF-8", "LANG": "ja_JP.UTF-8", "TZ": "Pacific/Kiritimati"},
        {"LC_ALL": "ar_SA.UTF-8", "LANG": "ar_SA.UTF-8", "TZ": "America/Los_Angeles"},
        {"LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "TZ": "Europe/Berlin"},
    ):
        assert _probe(env) == plain
    assert plain["th sg"][0] == "14 เมษายน 2568"
    assert plain["es-Arab-GB long"][0] == "14 de abril de 2025"


def test_every_profile_has_a_date_style_format_date_knows() -> None:
    for profile in PROFILES.values():
        assert format_date(MARCH, profile.date_style, "en") in EXPECTED["en"]


def test_an_rtl_time_keeps_its_parts_in_reading_order() -> None:
    """Arabic and Jawi: an RLM after a Latin zone name, so the day that follows is not
    drawn inside the zone's left-to-right run (UAX #9 W7: '(UTC+04:00, 3 12:00')."""
    from presskit.i18n.dates import format_moment

    moment = dt.datetime(2025, 3, 3, 12, 0)
    assert (
        format_moment(moment, "UTC+04:00", "sg", "ar") == "12:00 UTC+04:00\u200f\u060c 3 مارس 2025"
    )
    assert "\u200f" not in format_moment(moment, "SGT", "sg", "en-SG")
