"""Dates, times, time zones and places as press releases write them, in many languages.

Month names come from CLDR (through babel) for the languages of the region and of the
usual partners, so ``17 JAN 2025``, ``Jan. 17, 2025``, ``3 mars 2024``, ``17 Januari
2025``, ``17 มกราคม 2568`` (Buddhist era), ``17 ஜனவரி 2025`` and ``2025年1月17日`` all
parse. Digits of any script are read as digits.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

import attrs

__all__ = [
    "PlaceInfo",
    "find_date",
    "find_time",
    "find_zone",
    "parse_date_in_language",
    "place_info",
    "zone_in_language",
]

#: Languages whose month names are recognised.
MONTH_LANGUAGES = (
    "en", "fr", "ms", "id", "th", "ta", "zh", "vi", "fil", "de", "es", "it", "nl", "pt",
)  # fmt: skip


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of any script as an ASCII digit (same length)."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text
    )


@cache
def _months() -> dict[str, int]:
    from babel import Locale

    names: dict[str, int] = {}
    for language in MONTH_LANGUAGES:
        locale = Locale.parse(language)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    key = name.casefold()
                    if not re.search(r"\d", key):  # "1月", "thg 1": numbers, parsed apart
                        names.setdefault(key, number)
                        names.setdefault(key.rstrip("."), number)
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"),
        start=1,
    ):
        names.setdefault(name, number)
    names.pop("", None)
    return names


@cache
def _weekdays() -> list[str]:
    from babel import Locale

    names: set[str] = set()
    for language in MONTH_LANGUAGES:
        days = Locale.parse(language).days
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names.update(n.rstrip(".") for n in days[context][width].values())
    return sorted((n for n in names if n), key=len, reverse=True)


@cache
def _month_pattern() -> str:
    names = sorted(_months(), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n) for n in names) + r")\.?"


@cache
def _date_patterns() -> list[tuple[re.Pattern[str], str]]:
    month = _month_pattern()
    day = r"(?P<d>\d{1,2})(?:st|nd|rd|th|er)?"
    year = r"(?P<y>\d{4})"
    weekday = "(?:(?:" + "|".join(re.escape(w) for w in _weekdays()) + r")\.?,?\s+)?"
    return [
        (re.compile(rf"{year}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*{day}\s*日?"), "ymd"),
        (re.compile(rf"(?<![\w]){year}-(?P<m>\d{{2}})-{day}(?!\d)"), "ymd"),
        (
            re.compile(
                rf"(?<![\w]){weekday}{day}\s*(?P<mn>{month})(?![^\W\d_])\s*,?\s*{year}(?!\d)",
                re.IGNORECASE,
            ),
            "dmy",
        ),
        (
            re.compile(
                rf"(?<![\w]){weekday}(?P<mn>{month})(?![^\W\d_])\s*{day},?\s+{year}(?!\d)",
                re.IGNORECASE,
            ),
            "mdy",
        ),
        (re.compile(rf"{day}\s*(?:thg|tháng)\s*(?P<m>\d{{1,2}}),?\s*(?:năm\s*)?{year}"), "dmy"),
    ]


def _year(value: int) -> int:
    """A Buddhist-era year (Thai releases: 2568 is 2025) as a common-era year."""
    return value - 543 if value > 2400 else value


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first date in ``text``: ``(date, start, end)`` offsets, or ``None``."""
    digits = ascii_digits(text)
    best: tuple[dt.date, int, int] | None = None
    for pattern, _ in _date_patterns():
        for match in pattern.finditer(digits):
            groups = match.groupdict()
            month = (
                int(groups["m"]) if groups.get("m") else _months().get(
                    groups["mn"].casefold().rstrip("."), _months().get(groups["mn"].casefold(), 0)
                )
            )  # fmt: skip
            try:
                day = dt.date(_year(int(groups["y"])), month, int(groups["d"]))
            except (ValueError, KeyError):
                continue
            if best is None or match.start() < best[1]:
                best = (day, match.start(), match.end())
            break
    return best


def parse_date_in_language(text: str, language: str) -> dt.date | None:
    """A date printed by :func:`presskit.profiles.format_date` for ``language`` (CLDR's
    medium format, or the English profile styles), or any date :func:`find_date`
    reads; ``None`` when none is found."""
    from babel import Locale, UnknownLocaleError

    digits = ascii_digits(text.replace("\u200f", "").replace("\u200e", ""))
    locale = None
    primary = language.split("-")[0].lower()
    if primary != "en":
        for tag in (language.replace("-", "_"), primary, "en"):
            try:
                locale = Locale.parse(tag)
                break
            except (UnknownLocaleError, ValueError):
                continue
    if locale is not None:
        pattern = locale.date_formats["medium"].pattern.replace("\u200f", "")
        pattern = pattern.replace("\u200e", "")
        regex = _pattern_regex(pattern, locale)
        if regex is not None:
            match = re.search(regex, digits, re.IGNORECASE)
            if match:
                try:
                    month = match.group("m")
                    number = (
                        int(month) if month.isdigit() else _locale_months(locale)[month.casefold()]
                    )
                    return dt.date(int(match.group("y")), number, int(match.group("d")))
                except (ValueError, KeyError):
                    pass
    found = find_date(text)
    return found[0] if found else None


def _locale_months(locale: object) -> dict[str, int]:
    names: dict[str, int] = {}
    months = locale.months  # type: ignore[attr-defined]
    for context in ("format", "stand-alone"):
        for width in ("abbreviated", "wide", "narrow"):
            for number, name in months[context][width].items():
                names.setdefault(name.casefold(), number)
    return names


def _pattern_regex(pattern: str, locale: object) -> str | None:
    """A regular expression for a CLDR date pattern (``d MMM y``, ``y年M月d日``)."""
    out = []
    pieces = re.finditer(r"'([^']*)'|((?P<c>[a-zA-Z])(?P=c)*)|([^a-zA-Z']+)", pattern)
    for piece in pieces:
        quoted, field, _, literal = piece.groups()
        if quoted is not None:
            out.append(re.escape(quoted))
        elif literal is not None:
            out.append(r"\s*" + re.escape(literal.strip()) + r"\s*" if literal.strip() else r"\s+")
        elif field:
            letter = field[0]
            if letter == "y":
                out.append(r"(?P<y>-?\d+)")
            elif letter == "d":
                out.append(r"(?P<d>\d{1,2})")
            elif letter in "ML":
                if len(field) <= 2:
                    out.append(r"(?P<m>\d{1,2})")
                else:
                    names = sorted(_locale_months(locale), key=len, reverse=True)
                    out.append("(?P<m>" + "|".join(re.escape(n) for n in names) + ")")
            elif letter in "EGc":
                out.append(r"[^\s,]*")
            else:
                return None
    return "".join(out)


_TIME = re.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3])(?:\s*[:.h]\s*(?P<min>[0-5]\d))?\s*"
    r"(?P<ampm>a\.?m\.?|p\.?m\.?)?(?:\s*(?:hrs|hours|h|น\.|น))?(?![\d])",
    re.IGNORECASE,
)
_TIME_HRS = re.compile(r"(?<!\d)(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s*(?:hrs|hours|h)\b", re.I)


def find_time(text: str) -> tuple[dt.time, int, int] | None:
    """The first clock time in ``text`` (``10:00``, ``10.30am``, ``10h00``, ``1000hrs``,
    ``10 a.m.``): ``(time, start, end)``, or ``None``."""
    digits = ascii_digits(text)
    match = _TIME_HRS.search(digits)
    if match:
        return dt.time(int(match["h"]), int(match["min"])), match.start(), match.end()
    for match in _TIME.finditer(digits):
        if match["min"] is None and match["ampm"] is None:
            continue
        hour = int(match["h"])
        ampm = (match["ampm"] or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        return dt.time(hour, int(match["min"] or 0)), match.start(), match.end()
    return None


#: Time zone abbreviations press releases use, as IANA names.
ZONE_ABBREVIATIONS = {
    "SGT": "Asia/Singapore", "SST": "Asia/Singapore", "MYT": "Asia/Kuala_Lumpur",
    "ICT": "Asia/Bangkok", "WIB": "Asia/Jakarta", "WITA": "Asia/Makassar",
    "PHT": "Asia/Manila", "PST8": "Asia/Manila", "HKT": "Asia/Hong_Kong",
    "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "IST": "Asia/Kolkata", "BNT": "Asia/Brunei",
    "MMT": "Asia/Yangon", "GMT": "Europe/London", "BST": "Europe/London", "UTC": "UTC",
    "CET": "Europe/Brussels", "CEST": "Europe/Brussels", "EST": "America/New_York",
    "EDT": "America/New_York", "ET": "America/New_York", "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles", "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney", "HNE": "America/New_York", "HEC": "Europe/Paris",
}  # fmt: skip
_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*(?P<sign>[+−-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")
_ABBREVIATION = re.compile(r"\b(" + "|".join(ZONE_ABBREVIATIONS) + r")\b")
_ZONE_WORDS = {
    "singapore time": "Asia/Singapore", "waktu singapura": "Asia/Singapore",
    "新加坡时间": "Asia/Singapore", "heure de paris": "Europe/Paris",
    "heure de bruxelles": "Europe/Brussels", "london time": "Europe/London",
    "bangkok time": "Asia/Bangkok", "เวลาประเทศไทย": "Asia/Bangkok",
    "kuala lumpur time": "Asia/Kuala_Lumpur", "waktu malaysia": "Asia/Kuala_Lumpur",
    "新加坡時間": "Asia/Singapore", "台灣時間": "Asia/Taipei", "日本時間": "Asia/Tokyo",
    "シンガポール時間": "Asia/Singapore", "เวลาไทย": "Asia/Bangkok",
}  # fmt: skip


def find_zone(text: str) -> dt.tzinfo | None:
    """A time zone named in ``text``: ``UTC+8``/``GMT+08:00`` offsets, abbreviations
    (``SGT``, ``GMT``, ``CET``, see :data:`ZONE_ABBREVIATIONS`) or words (``Singapore
    time``); ``None`` when none is named."""
    from zoneinfo import ZoneInfo

    match = _OFFSET.search(text)
    if match:
        minutes = int(match["h"]) * 60 + int(match["m"] or 0)
        sign = -1 if match["sign"] in "-−" else 1
        return dt.timezone(dt.timedelta(minutes=sign * minutes))
    match = _ABBREVIATION.search(text)
    if match:
        return ZoneInfo(ZONE_ABBREVIATIONS[match.group(1)])
    lowered = text.casefold()
    for words, zone in _ZONE_WORDS.items():
        if words in lowered:
            return ZoneInfo(zone)
    return None


def zone_in_language(text: str, language: str) -> dt.tzinfo | None:
    """The zone of the language's country (its region subtag, else CLDR's likely one)
    that ``text`` names as presskit prints it: by the zone database's abbreviation
    (``PST`` is the Philippines' in a ``fil`` or ``en-PH`` release, not Los Angeles'),
    CLDR's short name or its place; ``None`` when none of the country's zones is named.
    The names are those of 15 January and 15 July 2025 (standard and summer time)."""
    from zoneinfo import ZoneInfo

    from babel import Locale, UnknownLocaleError
    from babel.core import get_global
    from babel.dates import get_timezone_location, get_timezone_name

    try:
        locale = Locale.parse(language.split("-u-")[0].split("-x-")[0].replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    territory = locale.territory
    if territory is not None and territory.isdigit():  # a UN M.49 area (419, 001): no country
        return None
    if territory is None:
        likely = get_global("likely_subtags").get(locale.language, "")
        territory = likely.rsplit("_", 1)[-1] if likely.count("_") == 2 else None
    for zone in get_global("territory_zones").get(territory or "", ()):
        if zone not in _known_zones():  # CLDR lists "Etc/Unknown" for the world (001)
            continue
        for month in (1, 7):
            local = dt.datetime(2025, month, 15, 12, tzinfo=ZoneInfo(zone))
            names = {
                local.tzname() or "",
                get_timezone_name(local, width="short", locale=locale),
                get_timezone_location(local, locale=locale),
            }
            if any(n and n[0] not in "+-" and _names(text, n) for n in names):
                return ZoneInfo(zone)
    return None


@cache
def _known_zones() -> frozenset[str]:
    """The zones of the time zone database this Python reads (system or tzdata)."""
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def _names(text: str, name: str) -> bool:
    """``name`` is in ``text``, not inside a longer word."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


@attrs.frozen
class PlaceInfo:
    """What a dateline's place tells: its IANA time zone and ISO 3166 country code."""

    time_zone: str
    country: str


_PLACES: dict[str, tuple[str, str]] = {
    "singapore": ("Asia/Singapore", "SG"), "singapura": ("Asia/Singapore", "SG"),
    "新加坡": ("Asia/Singapore", "SG"), "சிங்கப்பூர்": ("Asia/Singapore", "SG"),
    "kuala lumpur": ("Asia/Kuala_Lumpur", "MY"), "putrajaya": ("Asia/Kuala_Lumpur", "MY"),
    "吉隆坡": ("Asia/Kuala_Lumpur", "MY"), "penang": ("Asia/Kuala_Lumpur", "MY"),
    "johor bahru": ("Asia/Kuala_Lumpur", "MY"), "bangkok": ("Asia/Bangkok", "TH"),
    "กรุงเทพฯ": ("Asia/Bangkok", "TH"), "กรุงเทพมหานคร": ("Asia/Bangkok", "TH"),
    "กรุงเทพ": ("Asia/Bangkok", "TH"), "曼谷": ("Asia/Bangkok", "TH"),
    "jakarta": ("Asia/Jakarta", "ID"), "manila": ("Asia/Manila", "PH"),
    "hanoi": ("Asia/Ho_Chi_Minh", "VN"), "hà nội": ("Asia/Ho_Chi_Minh", "VN"),
    "ho chi minh city": ("Asia/Ho_Chi_Minh", "VN"), "phnom penh": ("Asia/Phnom_Penh", "KH"),
    "vientiane": ("Asia/Vientiane", "LA"), "yangon": ("Asia/Yangon", "MM"),
    "nay pyi taw": ("Asia/Yangon", "MM"), "naypyidaw": ("Asia/Yangon", "MM"),
    "bandar seri begawan": ("Asia/Brunei", "BN"), "dili": ("Asia/Dili", "TL"),
    "beijing": ("Asia/Shanghai", "CN"), "北京": ("Asia/Shanghai", "CN"),
    "shanghai": ("Asia/Shanghai", "CN"), "上海": ("Asia/Shanghai", "CN"),
    "hong kong": ("Asia/Hong_Kong", "HK"), "香港": ("Asia/Hong_Kong", "HK"),
    "taipei": ("Asia/Taipei", "TW"), "tokyo": ("Asia/Tokyo", "JP"),
    "seoul": ("Asia/Seoul", "KR"), "new delhi": ("Asia/Kolkata", "IN"),
    "chennai": ("Asia/Kolkata", "IN"), "mumbai": ("Asia/Kolkata", "IN"),
    "சென்னை": ("Asia/Kolkata", "IN"), "sydney": ("Australia/Sydney", "AU"),
    "canberra": ("Australia/Sydney", "AU"), "melbourne": ("Australia/Melbourne", "AU"),
    "brussels": ("Europe/Brussels", "BE"), "bruxelles": ("Europe/Brussels", "BE"),
    "paris": ("Europe/Paris", "FR"), "巴黎": ("Europe/Paris", "FR"),
    "lyon": ("Europe/Paris", "FR"), "geneva": ("Europe/Zurich", "CH"),
    "genève": ("Europe/Zurich", "CH"), "london": ("Europe/London", "GB"),
    "berlin": ("Europe/Berlin", "DE"), "amsterdam": ("Europe/Amsterdam", "NL"),
    "new york": ("America/New_York", "US"), "washington": ("America/New_York", "US"),
    "san francisco": ("America/Los_Angeles", "US"), "los angeles": ("America/Los_Angeles", "US"),
    "seattle": ("America/Los_Angeles", "US"), "chicago": ("America/Chicago", "US"),
    "toronto": ("America/Toronto", "CA"), "dubai": ("Asia/Dubai", "AE"),
}  # fmt: skip


def place_info(place: str) -> PlaceInfo | None:
    """The time zone and country of a dateline place (``SINGAPORE``, ``Brussels``,
    ``新加坡``, ``กรุงเทพฯ``), or ``None`` for a place not in presskit's table."""
    key = " ".join(place.casefold().replace(",", " ").split())
    for candidate in (key, key.split(" ")[0] if " " in key else key):
        found = _PLACES.get(candidate)
        if found:
            return PlaceInfo(*found)
    for name, found in _PLACES.items():
        if key.startswith(name):
            return PlaceInfo(*found)
    return None
