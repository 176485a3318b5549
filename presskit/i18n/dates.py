"""Calendar dates and clock times in a release's language, calendar and house style.

:func:`format_date` is the one place a printed date comes from (the dateline, "Last
updated", the embargo and correction times, the index pages). English keeps the three
house styles of :mod:`presskit.profiles` (``17 JAN 2025``, ``Jan. 17, 2025``,
``17 January 2025``). Every other language prints the form its governments print on
their releases, from CLDR through ICU (PyICU), which also knows the calendars babel does
not (the Thai Buddhist Era, the Japanese eras) and the native digits (Khmer, Burmese):

=========== ================================ =========================================
language    form                             e.g. 14 April 2025
=========== ================================ =========================================
ms, id      CLDR long                        14 April 2025
fil         CLDR long                        Abril 14, 2025
vi          Decree 30/2020/ND-CP             ngày 14 tháng 4 năm 2025
zh, ja      CLDR long                        2025年4月14日
ta, lo, ar  CLDR long                        14 ஏப்ரல், 2025 / 14 ເມສາ 2025
ms-Arab     CLDR long (Jawi)                 14 اڤريل 2025
th          CLDR long, Buddhist Era          14 เมษายน 2568
km          AKP's form, Khmer digits         ថ្ងៃទី១៤ ខែមេសា ឆ្នាំ២០២៥
my          CLDR long, Burmese digits        ၂၀၂၅ ဧပြီ ၁၄
=========== ================================ =========================================

The ``sg`` house style prints the month in capitals, as CLDR abbreviates it, day first,
where the script has case and the month has a name (``3 MAC 2025`` in Malay, ``3 MAR
2025`` in Indonesian); elsewhere it prints the language's form. ``ap`` and ``long`` are
English conventions: other languages print their own form for both. A BCP 47 Unicode
extension chooses another calendar or digits (``ja-JP-u-ca-japanese``: 令和7年4月14日;
``th-TH-u-ca-gregory``: 14 เมษายน 2025; ``km-KH-u-nu-latn``: Latin digits).
``docs/languages.md`` ("Dates and house styles per language") lists the releases each
form was compared with.

Nothing here reads the process locale or the clock: the same arguments give the same
text on every machine.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import icu

__all__ = [
    "ENGLISH_MONTHS",
    "DateForm",
    "date_form",
    "dateline_place",
    "format_date",
    "format_dateline",
    "format_moment",
    "format_time",
    "icu_locale",
    "lede_separator",
    "names_zone_by_place",
    "parse_date",
    "parse_time",
    "read_dateline",
]

#: English month names, January first.
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_AP_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


class DateForm(NamedTuple):
    """How one language prints a date and a clock time.

    Attributes:
        key: the entry of the table it comes from (``"ms"``, ``"ms_Arab"``, ``"th"``),
            or ``""`` for a language without an entry (CLDR's long form).
        pattern: an ICU date pattern (``"d MMMM y"``), or ``""`` for CLDR's long form.
        keywords: ICU locale keywords the form needs unless the tag chooses its own
            (``{"calendar": "buddhist"}``, ``{"numbers": "khmr"}``).
        sg_capitals: the ``sg`` style prints ``d MMM y`` in capitals.
        time: an ICU pattern of a clock time (``"HH:mm"``; ``"HH.mm 'น.'"`` in Thai).
        babel: format with babel's CLDR data (ICU has no Jawi month names).
    """

    key: str
    pattern: str
    keywords: tuple[tuple[str, str], ...] = ()
    sg_capitals: bool = False
    time: str = "HH:mm"
    babel: bool = False


#: The forms, by language (or language_Script). Sources: docs/languages.md.
_FORMS: dict[str, DateForm] = {
    "ms": DateForm("ms", "d MMMM y", sg_capitals=True),
    "ms_Arab": DateForm("ms_Arab", "d MMMM y", babel=True),
    "id": DateForm("id", "d MMMM y", sg_capitals=True, time="HH.mm"),
    "fil": DateForm("fil", "MMMM d, y", sg_capitals=True),
    # Decree 30/2020/ND-CP, appendix I: a day below 10 and the months 1 and 2 take a 0
    "vi": DateForm("vi", "'ngày' dd 'tháng' M 'năm' y"),
    "zh": DateForm("zh", "y年M月d日"),
    "ja": DateForm("ja", "y年M月d日"),
    "ta": DateForm("ta", "d MMMM, y"),
    "th": DateForm("th", "d MMMM y", (("calendar", "buddhist"),), time="HH.mm 'น.'"),
    "km": DateForm("km", "'ថ្ងៃទី'd 'ខែ'MMMM 'ឆ្នាំ'y", (("numbers", "khmr"),)),
    "lo": DateForm("lo", "d MMMM y"),
    "my": DateForm("my", "y MMMM d", (("numbers", "mymr"),)),
    "ar": DateForm("ar", "d MMMM y"),
}


@lru_cache(maxsize=256)
def date_form(language: str) -> DateForm | None:
    """The form of ``language`` (a BCP 47 tag), or ``None`` for English and for a
    language CLDR does not know (both print English)."""
    primary = language.split("-")[0].lower()
    if primary in ("en", "") or _icu_name(language) is None:
        return None
    script = _script(language)
    return (
        _FORMS.get(f"{primary}_{script}")
        or _FORMS.get(primary)
        or DateForm("", "", sg_capitals=True)
    )


@lru_cache(maxsize=256)
def _icu_name(language: str) -> str | None:
    """The ICU locale with data nearest to ``language`` (``es-Arab-GB`` -> ``es``,
    ``zh-TW`` -> ``zh_Hant_TW``), or ``None`` when ICU has no data for its language.

    ICU itself would fall back to the process's default locale for a locale it has no
    data for (``es_Arab``), which would make the output depend on the machine."""
    import icu

    tag = icu.Locale.forLanguageTag(language)
    lang, script, region = tag.getLanguage(), tag.getScript(), tag.getCountry()
    likely = icu.Locale(tag.getBaseName())
    likely.addLikelySubtags()  # zh-TW -> zh_Hant_TW
    names = [f"{lang}_{script}_{region}", f"{lang}_{script}", f"{lang}_{region}"]
    names += [f"{lang}_{likely.getScript()}_{likely.getCountry()}", lang]
    available = icu.Locale.getAvailableLocales()
    return next((name for name in names if lang and name in available), None)


def icu_locale(language: str) -> icu.Locale:
    """The ICU locale for ``language``: the nearest one ICU has data for
    (:func:`_icu_name`), with the tag's Unicode extension keywords
    (``-u-ca-japanese``) and those its form needs (a Buddhist calendar for Thai, Khmer
    digits for Khmer) unless the tag names its own (``th-TH-u-ca-gregory``).

    Raises:
        ValueError: ICU has no data for the language (:func:`date_form` is ``None``).
    """
    import icu

    name = _icu_name(language)
    if name is None:
        raise ValueError(f"no CLDR data for {language!r}")
    keywords = icu.Locale.forLanguageTag(language).getName().partition("@")[2]
    locale = icu.Locale(f"{name}@{keywords}" if keywords else name)
    form = date_form(language)
    for keyword, value in form.keywords if form else ():
        if not locale.getKeywordValue(keyword):
            locale.setKeywordValue(keyword, value)
    return locale


def _format(pattern: str, language: str, when: dt.datetime) -> str:
    """``when`` (naive: a wall-clock time) in an ICU pattern, in ``language``'s locale."""
    import icu

    form = date_form(language)
    if form is not None and form.babel:
        from babel import Locale
        from babel.dates import format_datetime

        tag = icu.Locale.forLanguageTag(language)
        name = "_".join(p for p in (tag.getLanguage(), tag.getScript()) if p)
        return format_datetime(when, pattern or "long", locale=Locale.parse(name))

    locale = icu_locale(language)
    zone = icu.TimeZone.getGMT()
    if pattern:
        formatter = icu.SimpleDateFormat(pattern, locale)
    else:
        formatter = icu.DateFormat.createDateInstance(icu.DateFormat.kLong, locale)
    formatter.setTimeZone(zone)
    epoch = when.replace(tzinfo=dt.UTC).timestamp()
    return str(formatter.format(epoch))  # PyICU takes a UDate in seconds


def _english(day: dt.date, style: str) -> str:
    if style == "sg":
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1][:3].upper()} {day.year}"
    if style == "ap":
        return f"{_AP_MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def format_date(day: dt.date, style: str, language: str = "en") -> str:
    """A calendar date in a house style and a language (BCP 47 tag).

    English: ``sg``: ``17 JAN 2025``; ``ap``: ``Jan. 17, 2025`` (AP: March to July
    spelled out, ``Sept.``); ``long``: ``17 January 2025``. Other languages: the form
    their governments print (module docstring), in their calendar (``th``: 2568 for
    2025); the ``sg`` style prints a named month in capitals where the script has case
    (``ms``: ``3 MAC 2025``). A language CLDR does not know prints English.
    """
    form = date_form(language)
    if form is None:
        return _english(day, style)
    noon = dt.datetime(day.year, day.month, day.day, 12)
    if style == "sg" and form.sg_capitals:
        month = _format("MMM", language, noon)
        if month.upper() != month and not any(ch.isdigit() for ch in month):
            return _format("d MMM y", language, noon).replace(".", "").upper()
    pattern = form.pattern
    if form.key == "vi" and day.month <= 2:
        pattern = pattern.replace("'tháng' M ", "'tháng' MM ")
    elif form.key in ("zh", "ja") and _calendar(language) not in ("", "gregorian"):
        pattern = "G" + pattern  # 令和7年4月14日, 民國114年4月14日
    return _format(pattern, language, noon)


def _calendar(language: str) -> str:
    """The calendar a tag's Unicode extension names (``-u-ca-japanese``), or ``""``."""
    import icu

    return str(icu.Locale.forLanguageTag(language).getKeywordValue("calendar") or "")


def format_time(clock: dt.time, language: str = "en") -> str:
    """A 24-hour clock time (``10:00``) as ``language`` writes it: ``10.00`` in
    Indonesian, ``10.00 น.`` in Thai, native digits in Khmer and Burmese; English and
    unknown languages ``10:00``. Seconds are not printed."""
    form = date_form(language)
    if form is None:
        return f"{clock:%H:%M}"
    wall = dt.datetime(2000, 1, 1, clock.hour, clock.minute)
    return _format(form.time, language, wall)


# --- datelines and instants -------------------------------------------------------------

#: Between the place and the date of a dateline, by form key and house style (``None``:
#: any style); absent: `` – `` in the ``sg`` style, ``, `` in the others (English).
_DATELINE_SEPARATORS: dict[tuple[str, str | None], str] = {
    ("zh", None): "\uff0c",  # 新加坡，2025年3月3日 (full-width comma)
    ("ja", None): "\u3001",  # 東京、2025年4月14日 (ideographic comma)
    ("th", None): " ",  # กรุงเทพมหานคร 14 เมษายน 2568
    ("km", None): " ",  # ភ្នំពេញ ថ្ងៃទី១៤ ខែមេសា ឆ្នាំ២០២៥ (AKP)
    ("my", None): "\u104a ",  # နေပြည်တော်၊ ၂၀၂၅ ဧပြီ ၁၄ (the Burmese comma)
    ("vi", None): ", ",  # Hà Nội, ngày 14 tháng 4 năm 2025
    ("ar", "ap"): "\u060c ",  # Arabic comma
    ("ar", "long"): "\u060c ",
    ("ms_Arab", "ap"): "\u060c ",
    ("ms_Arab", "long"): "\u060c ",
}

#: Forms whose dateline keeps the place as written (Vietnamese datelines are not in
#: capitals); every other form prints it in capitals where the script has case.
_PLACE_AS_WRITTEN = frozenset({"vi"})

#: After a dateline that opens the lede; absent: `` – ``.
_LEDE_SEPARATORS = {"zh": "\u2014\u2014", "ja": "\u2015\u2015"}


def format_dateline(place: str, day: dt.date, style: str, language: str = "en") -> str:
    """A dateline: the place, then the date (:func:`format_date`), joined as the
    language joins them: ``SINGAPORE – 17 JAN 2025`` (``sg``), ``SINGAPORE, Jan. 17,
    2025`` (``ap``), ``KUALA LUMPUR – 3 MAC 2025``, ``新加坡，2025年3月3日``,
    ``กรุงเทพมหานคร 3 มีนาคม 2568``, ``Hà Nội, ngày 03 tháng 3 năm 2025``. The place is
    printed in capitals where its script has case (not in Vietnamese)."""
    form = date_form(language)
    key = form.key if form else "en"
    place = dateline_place(place, language)
    separator = _DATELINE_SEPARATORS.get((key, None)) or _DATELINE_SEPARATORS.get(
        (key, style), " \u2013 " if style == "sg" else ", "
    )
    return f"{place}{separator}{format_date(day, style, language)}"


def dateline_place(place: str, language: str = "en") -> str:
    """The place as a dateline prints it: in capitals where its script has case
    (``SINGAPORE``, ``KUALA LUMPUR``), except in Vietnamese (``Hà Nội``)."""
    form = date_form(language)
    return place if form is not None and form.key in _PLACE_AS_WRITTEN else place.upper()


def lede_separator(language: str = "en") -> str:
    """What follows a dateline that opens the lede: `` – ``; ``——`` in Chinese and
    ``――`` in Japanese (no spaces)."""
    form = date_form(language)
    return _LEDE_SEPARATORS.get(form.key if form else "en", " \u2013 ")


def format_moment(local: dt.datetime, zone: str, style: str, language: str = "en") -> str:
    """A local time, its zone's name and its date, as the language writes them.

    Args:
        local: the wall-clock time (its ``tzinfo`` is ignored).
        zone: the zone as readers of the language name it (``SGT``, ``新加坡时间``,
            ``UTC+08:00``).
        style: the house style of the date (:func:`format_date`).
        language: BCP 47 tag.

    Returns ``10:00 SGT, 17 JAN 2025`` (English and most languages: a 24-hour time, the
    zone, the date), ``2025年3月3日上午10时（新加坡时间）`` (Chinese: date, time of day
    as Singapore's and China's releases write it, zone in brackets),
    ``2025年4月14日10時（日本時間）``, ``14 เมษายน 2568 เวลา 10.00 น. (เวลาไทย)``.
    """
    form = date_form(language)
    key = form.key if form else "en"
    date = format_date(local.date(), style, language)
    wall = local.replace(tzinfo=None, second=0, microsecond=0)
    if key == "zh":
        return f"{date}{_chinese_time(wall.time(), language)}\uff08{zone}\uff09"
    if key == "ja":
        minutes = f"{wall.minute:02d}\u5206" if wall.minute else ""
        return f"{date}{wall.hour}\u6642{minutes}\uff08{zone}\uff09"
    if key == "th":
        return f"{date} \u0e40\u0e27\u0e25\u0e32 {format_time(wall.time(), language)} ({zone})"
    comma = "\u060c " if key in ("ar", "ms_Arab") else "\u104a " if key == "my" else ", "
    from presskit.scripts import is_rtl_text

    if is_rtl_text(date) and not is_rtl_text(zone):
        # RLM: the day after a Latin zone name ("UTC+04:00، 3 مارس") would join the
        # zone's left-to-right run (UAX #9, W7) and be drawn before the time
        zone += "\u200f"
    return f"{format_time(wall.time(), language)} {zone}{comma}{date}"


#: The periods of a Chinese 12-hour day, as Singapore's and China's releases write them
#: (``上午10时``, ``晚上8时``): (first hour, word).
_CHINESE_PERIODS = ((0, "凌晨"), (6, "上午"), (12, "中午"), (13, "下午"), (19, "晚上"))


def _chinese_time(clock: dt.time, language: str) -> str:
    """``上午10时``, ``下午3时30分``, ``凌晨0时`` (``時`` in Traditional Chinese)."""
    word = [w for first, w in _CHINESE_PERIODS if clock.hour >= first][-1]
    hour = clock.hour - 12 if clock.hour > 12 else clock.hour
    mark = "\u6642" if _script(language) == "Hant" else "\u65f6"
    minutes = f"{clock.minute:02d}\u5206" if clock.minute else ""
    return f"{word}{hour}{mark}{minutes}"


def _script(language: str) -> str:
    import icu

    locale = icu.Locale.forLanguageTag(language)
    locale.addLikelySubtags()
    return str(locale.getScript())


def names_zone_by_place(language: str) -> bool:
    """True when the language names a zone by its place (``新加坡时间``, ``日本時間``,
    ``เวลาไทย``: CLDR's location format) rather than by an abbreviation (``SGT``)."""
    form = date_form(language)
    return form is not None and form.key in ("zh", "ja", "th")


# --- reading back what was printed ----------------------------------------------------


def _scan(pattern: str, language: str, text: str) -> icu.Calendar | None:
    """The first place in ``text`` where ICU reads ``pattern`` strictly: a calendar set
    to what was read, else ``None``."""
    import icu

    locale = icu_locale(language)
    if not pattern:
        pattern = icu.DateFormat.createDateInstance(icu.DateFormat.kLong, locale).toPattern()
    # "yyyy" reads a year of any length as written: with "y", ICU reads two digits in a
    # window around today (民國35年 would be 2046, not 1946)
    pieces = re.split(r"('[^']*')", str(pattern))
    pattern = "".join(p if p.startswith("'") else re.sub("y+", "yyyy", p) for p in pieces)
    formatter = icu.SimpleDateFormat(pattern, locale)
    formatter.setTimeZone(icu.TimeZone.getGMT())
    formatter.setLenient(False)
    for start in range(len(text)):
        if start and not (text[start].isalnum() and not text[start - 1].isalnum()):
            continue
        position = icu.ParsePosition(start)
        calendar = icu.Calendar.createInstance(icu.TimeZone.getGMT(), locale)
        calendar.clear()
        formatter.parse(text, calendar, position)
        if position.getIndex() > start and position.getErrorIndex() < 0:
            return calendar
    return None


def parse_date(text: str, language: str) -> dt.date | None:
    """The first date in ``text`` written as :func:`format_date` writes it for
    ``language`` (any house style; native digits and calendars too: ``14 เมษายน 2568``
    is 2025-04-14), or ``None``; also ``None`` for English (the importers read English
    dates themselves)."""
    form = date_form(language)
    if form is None:
        return None
    if form.babel:
        return _parse_babel(text, language)
    patterns = [form.pattern, "d MMM y"]
    if form.key in ("zh", "ja"):
        patterns.insert(0, "G" + form.pattern)
    for pattern in patterns:
        calendar = _scan(pattern, language, text)
        if calendar is not None:
            return dt.datetime.fromtimestamp(calendar.getTime(), dt.UTC).date()
    return None


def _parse_babel(text: str, language: str) -> dt.date | None:
    """A ``d MMMM y`` date in babel's month names for ``language`` (Jawi)."""
    import icu
    from babel import Locale

    tag = icu.Locale.forLanguageTag(language)
    locale = Locale.parse("_".join(p for p in (tag.getLanguage(), tag.getScript()) if p))
    months = {name: number for number, name in locale.months["format"]["wide"].items()}
    names = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    match = re.search(rf"(?<!\d)(\d{{1,2}}) ({names}) (\d{{4}})(?!\d)", text)
    if match is None:
        return None
    try:
        return dt.date(int(match[3]), months[match[2]], int(match[1]))
    except ValueError:
        return None


def read_dateline(text: str, language: str) -> tuple[str, dt.date] | None:
    """The place (as printed) and date of a dateline :func:`format_dateline` printed in
    any house style for ``language``, or ``None`` (also for English, which the
    importers read themselves)."""
    if date_form(language) is None:
        return None
    form = date_form(language)
    key = form.key if form else "en"
    for style in ("sg", "ap", "long"):
        separator = _DATELINE_SEPARATORS.get((key, None)) or _DATELINE_SEPARATORS.get(
            (key, style), " \u2013 " if style == "sg" else ", "
        )
        at = text.find(separator)
        while at > 0:
            date_text = text[at + len(separator) :]
            day = parse_date(date_text, language)
            if day is not None and format_date(day, style, language) == date_text:
                return text[:at], day
            at = text.find(separator, at + 1)
    return None


_CJK_TIME = re.compile(
    r"(?P<period>凌晨|上午|中午|下午|晚上)?(?P<h>\d{1,2})[时時](?:(?P<m>\d{2})分)?"
)


def parse_time(text: str, language: str) -> dt.time | None:
    """The first clock time in ``text`` written as :func:`format_moment` writes it for
    ``language`` (``上午10时``, ``10時05分``, ``10.00 น.``, ``១០:០០``), or ``None``; also
    ``None`` for English."""
    form = date_form(language)
    if form is None:
        return None
    if form.key in ("zh", "ja"):
        match = _CJK_TIME.search(text)
        if match is None:
            return None
        hour = int(match["h"]) + (12 if match["period"] in ("下午", "晚上") else 0)
        return dt.time(hour % 24, int(match["m"] or 0))
    calendar = _scan(form.time, language, text)
    if calendar is None:
        return None
    import icu

    return dt.time(calendar.get(icu.Calendar.HOUR_OF_DAY), calendar.get(icu.Calendar.MINUTE))
