"""Hypothesis strategies for :mod:`presskit.model`: valid press releases, small but nasty.

The attrs rule: every new model field must be added to these strategies. Each model
class is built from a table of per-field strategies (:data:`FIELDS`), and
``tests/test_properties.py::test_strategies_cover_every_model_field`` fails when a class
of :mod:`presskit.model` has a field that the table does not list, so a field the
strategies never exercise cannot slip in unnoticed.

Text is drawn from every script presskit supports (Latin with Vietnamese diacritics,
Chinese, Malay, Tamil, Thai, Arabic), plus emoji, combining marks, control characters
(C0, C1, DEL, lone surrogates, noncharacters, U+FFFD, CR and the Unicode line
separators, which the model's converters must remove or normalise), assorted spaces
(NBSP, narrow NBSP, figure space, ideographic space, zero-width characters),
markup-like strings, URLs and e-mail addresses. Datetimes are timezone-aware, with
fixed offsets (``Z``, ``+08:00``, ``-05:30`` ...) and IANA zones (``zoneinfo``), folds
and gaps included.

Sizes are kept small (a handful of blocks, a few runs, short texts) so that property
tests stay fast. The entry point is :func:`releases`.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from presskit.errors import ModelError
from presskit.model import (
    END_TAG,
    IMMEDIATE,
    Attachment,
    Boilerplate,
    BulletList,
    Correction,
    Dateline,
    Embargoed,
    Heading,
    Immediate,
    Issuer,
    MediaContact,
    Notice,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
    Run,
    Translation,
)
from presskit.profiles import PROFILES

__all__ = [
    "FIELDS",
    "aware_datetimes",
    "blocks",
    "inlines",
    "lines",
    "releases",
    "texts",
    "visible_texts",
]

# --- text ---------------------------------------------------------------------------------

VIETNAMESE = (
    "ĂăÂâĐđÊêÔôƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)

#: Words that always keep a visible character after sanitising, per script.
WORDS: dict[str, list[str]] = {
    "latin": [
        "Singapore",
        "digital",
        "Minister",
        "ASEAN",
        "co-operation",
        "naïve",
        "Ms",
        "x",
        "2025",
        "S$1.2",
        "Pneumonoultramicroscopicsilicovolcanoconiosis",
        "Supercalifragilisticexpialidocious-and-then-some-more",
    ],
    "vietnamese": [
        "Tiếng Việt",
        "Nguyễn Văn Anh",
        "Bộ Thông tin và Truyền thông",
        "Hà Nội",
        "Thành phố Hồ Chí Minh",
        "đường",
        "e\u0302\u0301",  # ế, decomposed (NFC must compose it)
        "Vie\u0323\u0302t",  # Việt, decomposed, marks in non-canonical order
    ],
    "chinese": [
        "新加坡",
        "数码发展及新闻部",
        "资讯通信媒体发展局",
        "东盟数码部长会议在新加坡举行",
        "“中文引号”",
        "《联合早报》",
        "杨莉明部长说：",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
    ],
    "malay": [
        "Kementerian Pembangunan Digital dan Penerangan",
        "Menteri",
        "Encik",
        "Puan",
        "Singapura",
        "kerjasama",
    ],
    "tamil": ["சிங்கப்பூர்", "தமிழ்", "அமைச்சர்", "டிஜிட்டல் மேம்பாடு"],
    "thai": ["ประเทศไทย", "กรุงเทพมหานคร", "รัฐมนตรี", "ดิจิทัล", "การประชุมรัฐมนตรีดิจิทัลอาเซียน"],
    "arabic": ["العربية", "وزير", "سنغافورة", "الرقمية", "\u0627\u0644\u0651\u064e"],
    "emoji": ["😀", "👩\u200d💻", "🇸🇬", "👍🏽", "❤\ufe0f", "1\ufe0f\u20e3", "🏳\ufe0f\u200d🌈"],
    "markup": [
        "<b>",
        "</b>",
        "&amp;",
        "&",
        "]]>",
        "<![CDATA[",
        "<script>alert(1)</script>",
        "<",
        ">",
        '"',
        "'",
        "\\",
        "{{ x }}",
        "*bold*",
        "_em_",
        "`code`",
        "[link](https://example.com)",
        "# heading",
        "- item",
        "1. item",
        "---",
        "%s",
        "${x}",
        "\\u0000",
    ],
    "url": [
        "https://www.imda.gov.sg/news?id=1&lang=en#top",
        "http://example.com/a_(b)",
        "www.mddi.gov.sg",
        "https://例子.测试/路径?q=值",
        "https://example.com/" + "very-long-path-segment/" * 4,
        "mailto:press@example.com",
        "tel:+6562110888",
        "ftp://files.example.org/x.pdf",
    ],
    "email": [
        "wu_fan@mddi.gov.sg",
        "a.b+c@example.co.uk",
        "nguyễn@bộ.vn",
        "用户@例子.广告",
        "x@y.z",
    ],
}

#: Pieces that sanitising removes or changes, or that are only white space.
SPECIAL: dict[str, list[str]] = {
    "combining": ["\u0301", "\u0308", "\u20dd", "a\u0301\u0302\u0303", "\u0e31", "\u0bcd"],
    "control": [
        "\x00",
        "\x01",
        "\x07",
        "\x08",
        "\x0b",
        "\x0c",
        "\x1b",
        "\x1f",
        "\x7f",
        "\x80",
        "\x85",
        "\x9b",
        "\x9f",
        "\ud800",
        "\udbff",
        "\udc00",
        "\udfff",
        "\ufffe",
        "\uffff",
        "\ufffd",
        "\ufdd0",
        "\U0010ffff",
        "\r",
        "\r\n",
        "\u2028",
        "\u2029",
    ],
    "space": [
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\u00a0",
        "\u202f",
        "\u2007",
        "\u3000",
        "\u2003",
        "\u200b",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u200f",
        "\u202e",
    ],
}

_SCRIPT_ALPHABETS = [
    st.sampled_from(string.ascii_letters + string.digits + string.punctuation + VIETNAMESE),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK ideographs
    st.sampled_from("，。、「」《》：；！？（）"),
    st.characters(min_codepoint=0x0B80, max_codepoint=0x0BFF, exclude_categories=["Cn"]),
    st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F, exclude_categories=["Cn"]),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF, exclude_categories=["Cn"]),
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF, exclude_categories=["Cn"]),
]

_VISIBLE_WORDS = [w for group in WORDS.values() for w in group]
_SPECIAL = [s for group in SPECIAL.values() for s in group]

_pieces = st.one_of(
    st.sampled_from(_VISIBLE_WORDS),
    st.sampled_from(_SPECIAL),
    *(st.text(alphabet, min_size=1, max_size=8) for alphabet in _SCRIPT_ALPHABETS),
    # anything at all, lone surrogates included
    st.text(st.characters(exclude_categories=[]), min_size=1, max_size=3),
)


def texts(max_pieces: int = 5) -> st.SearchStrategy[str]:
    """Raw text (may be empty or nothing but controls and white space)."""
    return st.lists(_pieces, max_size=max_pieces).map("".join)


def visible_texts(max_pieces: int = 4) -> st.SearchStrategy[str]:
    """Raw text that surely keeps a visible character after sanitising."""
    return st.tuples(texts(max_pieces), st.sampled_from(_VISIBLE_WORDS), texts(max_pieces)).map(
        "".join
    )


def lines() -> st.SearchStrategy[str]:
    """Raw text for one-line fields (headlines, names); LF, TAB and CR are in it too,
    the converter folds them."""
    return visible_texts(3)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# --- identifiers, links, addresses ----------------------------------------------------------

slugs = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?", fullmatch=True)
ids = st.from_regex(r"[a-z0-9](?:[a-z0-9_-]{0,10}[a-z0-9])?", fullmatch=True)
# Registered BCP 47 tags (the model checks every subtag against the IANA registry): the
# common ones as written, and tags built from registered subtags of every kind (script,
# region, UN M.49 area, variants, a -u- extension, private use) in any case. Primary
# languages are ones the W3C feed validator's ISO 639 list also knows.
_PRIMARY = ["en", "zh", "ms", "ta", "th", "ar", "vi", "fil", "fr", "de", "es", "ja", "sr", "sl"]
_SCRIPTS = ["Latn", "Hans", "Hant", "Arab", "Cyrl", "Taml", "Thai"]
_REGIONS = ["SG", "MY", "US", "GB", "TW", "CN", "HK", "IN", "VN", "419", "001"]
_VARIANTS = ["1996", "rozaj", "biske", "fonipa", "pinyin", "valencia", "1901"]


def _registered(tag: str) -> bool:
    from presskit.model import language_problem

    return len(tag) <= 63 and language_problem(tag) is None


_built_tags = st.builds(
    "-".join,
    st.tuples(
        st.sampled_from(_PRIMARY),
        st.sampled_from(["", *_SCRIPTS]),
        st.sampled_from(["", *_REGIONS]),
        st.sampled_from(["", *_VARIANTS]),
        st.sampled_from(["", "u-ca-gregory", "u-nu-latn"]),
        st.sampled_from(["", "x-wire", "x-a-12345678"]),
    ).map(lambda parts: [p for p in parts if p]),
)
languages = st.sampled_from(
    [
        "en",
        "en-SG",
        "en-GB",
        "en-US",
        "EN",
        "zh",
        "zh-Hans",
        "zh-Hant-TW",
        "zh-SG",
        "ms",
        "ms-MY",
        "ta",
        "ta-SG",
        "th",
        "ar",
        "ar-SA",
        "vi",
        "vi-VN",
        "fil",
        "en-x-wire",
    ]
) | (_built_tags | _built_tags.map(str.upper) | _built_tags.map(str.lower)).filter(_registered)
time_zone_names = st.sampled_from(
    [
        "Asia/Singapore",
        "Asia/Kuala_Lumpur",
        "Asia/Ho_Chi_Minh",
        "Asia/Bangkok",
        "Asia/Shanghai",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Asia/Riyadh",
        "Europe/London",
        "Europe/Dublin",
        "America/New_York",
        "America/St_Johns",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "UTC",
    ]
)

# A URL path as written: ASCII that a URI allows, escapes, spaces and non-ASCII (which
# the model percent-encodes), never a stray "%" or a character it refuses.
_url_path = st.lists(
    st.sampled_from(
        [
            *(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/ 路径đườngதமிழ்"),
            "%41",
            "%e2%82%ac",
        ]
    ),
    max_size=20,
).map("".join)
_hosts = st.sampled_from(
    ["example.com", "www.imda.gov.sg", "mddi.gov.sg", "例子.测试", "bộ.vn", "example.com:8080"]
)
web_urls = st.sampled_from(
    [
        "https://www.imda.gov.sg/news?id=1&lang=en#top",
        "http://example.com/a_(b)",
        "https://例子.测试/路径?q=值",
        "https://example.com/?q=%3Cscript%3Ealert(1)%3C/script%3E&x=%5D%5D%3E&amp;y",
        "https://example.com/" + "very-long-path-segment/" * 5,
        "HTTPS://EXAMPLE.COM/UPPER",
    ]
) | st.builds("{}://{}/{}".format, st.sampled_from(["http", "https"]), _hosts, _url_path)
hrefs = (
    web_urls
    | st.sampled_from(
        [
            "mailto:press@example.com",
            "mailto:nguyễn@bộ.vn?subject=Tin%20tức",
            "tel:+6562110888",
            "annex-a.pdf",
            "../images/photo 1.jpg",
            "#section-2",
            "?page=2",
            "//cdn.example.com/x.png",
            "文件/附件.pdf",
            "a%3Cb%3E&amp;%5D%5D%3E.html",
        ]
    )
    | _url_path.filter(lambda p: ":" not in p.split("/")[0] and p.strip())
)


def _attachment_href_is_valid(href: str) -> bool:
    """The model's own judgement after its converter has cleaned ``href`` (a drawn
    ``"\u200b/"`` becomes ``"/"``, an absolute path the model refuses)."""
    from presskit.errors import ModelError
    from presskit.model import Attachment

    try:
        Attachment(href, media_type="application/pdf")
    except ModelError:
        return False
    return True


#: What an attachment may point at: a relative path or an http(s) URL (no mailto:/tel:).
#: A path is a file name, not a URL: it may hold what a URL may not.
file_hrefs = (hrefs | st.just("a<b>&amp;]]>.html")).filter(
    lambda h: (
        not h.lower().startswith(("mailto:", "tel:", "/"))
        and ".." not in h.replace("\\", "/").split("/")
        and h[1:2] != ":"
        and len(h.rsplit("/", 1)[-1].encode()) <= 150
        and _attachment_href_is_valid(h)
    )
)
emails = (
    st.sampled_from(WORDS["email"] + ["first.last+tag@sub.example.com.sg", "o'brien@example.ie"])
    | st.emails()
)
media_types = st.sampled_from(
    [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/svg+xml",
        "text/plain",
        "video/mp4",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
)

# --- datetimes ------------------------------------------------------------------------------

FIXED_OFFSETS = [
    dt.UTC,  # "Z"
    dt.timezone(dt.timedelta(hours=8)),
    dt.timezone(dt.timedelta(hours=-5, minutes=-30)),
    dt.timezone(dt.timedelta(hours=5, minutes=45)),
    dt.timezone(dt.timedelta(hours=9, minutes=30)),
    dt.timezone(dt.timedelta(hours=-12)),
    dt.timezone(dt.timedelta(hours=14)),
    dt.timezone(dt.timedelta(hours=-3, minutes=-30)),
    dt.timezone(dt.timedelta(hours=1), "CET"),
]
ZONES = [
    ZoneInfo(name)
    for name in (
        "Asia/Singapore",
        "Asia/Ho_Chi_Minh",
        "Asia/Kolkata",
        "Europe/London",
        "Europe/Dublin",
        "America/New_York",
        "America/St_Johns",
        "Australia/Lord_Howe",
        "UTC",
    )
]
tzinfos = st.sampled_from(FIXED_OFFSETS + ZONES)


#: Wall-clock times next to a change of UTC offset: ``(zone, local time)``. With
#: ``fold`` 0 or 1 they fall in the repeated hour or in the skipped one.
TRANSITIONS = [
    ("America/New_York", dt.datetime(2025, 3, 9, 2, 0)),  # 02:00-03:00 skipped
    ("America/New_York", dt.datetime(2025, 11, 2, 1, 0)),  # 01:00-02:00 repeated
    ("Europe/London", dt.datetime(2025, 3, 30, 1, 0)),
    ("Europe/London", dt.datetime(2025, 10, 26, 1, 0)),
    ("Europe/Dublin", dt.datetime(2025, 10, 26, 1, 0)),  # negative DST in tzdata
    ("Australia/Lord_Howe", dt.datetime(2025, 10, 5, 2, 0)),  # 30-minute shift
    ("Australia/Lord_Howe", dt.datetime(2025, 4, 6, 1, 30)),
    ("Asia/Ho_Chi_Minh", dt.datetime(1975, 6, 12, 23, 0)),  # +08:00 to +07:00
    ("Asia/Singapore", dt.datetime(1981, 12, 31, 23, 30)),  # +07:30 to +08:00
]


def _near_transition(
    place: tuple[str, dt.datetime], minutes: int, seconds: int, fold: int
) -> dt.datetime:
    zone, wall = place
    local = wall + dt.timedelta(minutes=minutes, seconds=seconds)
    return local.replace(tzinfo=ZoneInfo(zone), fold=fold)


def aware_datetimes() -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes, 1901 to 2097 (inside the model's years 1900 to 2099
    from every zone, with room for later instants), fixed offsets and IANA zones; one in
    four sits within an hour of a change of offset (a skipped or repeated wall-clock
    time)."""
    anywhere = st.datetimes(
        min_value=dt.datetime(1901, 1, 1),
        max_value=dt.datetime(2097, 12, 31),
        timezones=tzinfos,
    )
    near_transition = st.builds(
        _near_transition,
        st.sampled_from(TRANSITIONS),
        st.integers(-60, 90),
        st.integers(0, 59),
        st.integers(0, 1),
    )
    return st.one_of(anywhere, anywhere, anywhere, near_transition)


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))

# --- the model, one field table per class ----------------------------------------------------

#: For every model class, a strategy for each of its fields (the attrs rule: a new field
#: must be added here). ``None`` marks a field drawn by a composite below because it
#: depends on other fields.
FIELDS: dict[type, dict[str, st.SearchStrategy[Any] | None]] = {}


def _build(cls: type) -> st.SearchStrategy[Any]:
    """``cls`` built from its row of :data:`FIELDS` (every field given by keyword)."""
    return st.builds(cls, **{name: s for name, s in FIELDS[cls].items() if s is not None})


FIELDS[Run] = {
    "text": texts(3) | visible_texts(2),
    "strong": st.booleans(),
    "emphasis": st.booleans(),
    "href": optional(hrefs),
}


def _run_or_none(text: str, **kw: Any) -> Run | None:
    try:
        return Run(text, **kw)
    except ModelError:  # the text was empty or nothing but removed characters
        return None


_runs = st.builds(_run_or_none, **FIELDS[Run]).filter(lambda r: r is not None)
#: A run that surely keeps text, so that an inline is never blank.
_anchor_runs = st.builds(Run, **{**FIELDS[Run], "text": visible_texts(2)})


@st.composite
def inlines(draw: st.DrawFn) -> Any:
    """Runs (a list, before the model's canonicalisation) that surely contain text, or a
    plain ``str`` (which the model accepts too)."""
    if draw(st.integers(0, 4)) == 0:
        return draw(visible_texts(3))
    runs = draw(st.lists(_runs, max_size=3))
    runs.insert(draw(st.integers(0, len(runs))), draw(_anchor_runs))
    return runs


FIELDS[Paragraph] = {"runs": inlines()}
FIELDS[Heading] = {"runs": inlines(), "level": st.integers(1, 4)}
FIELDS[Quote] = {
    "paragraphs": st.lists(inlines(), min_size=1, max_size=3) | visible_texts(3),
    "speaker": optional(lines()),
    "speaker_title": optional(lines()),
    "lead_in": optional(lines()),
}
FIELDS[BulletList] = {"items": st.lists(inlines(), min_size=1, max_size=3)}
FIELDS[NumberedList] = {
    "items": st.lists(inlines(), min_size=1, max_size=3),
    "start": st.integers(0, 30) | st.sampled_from([99, 702, 703, 10**6]),
}

paragraphs = _build(Paragraph)
quotes = _build(Quote)
blocks = st.one_of(paragraphs, _build(Heading), quotes, _build(BulletList), _build(NumberedList))

FIELDS[MediaContact] = {
    "name": lines(),
    "honorific": optional(
        st.sampled_from(["Ms", "Mr", "Dr", "Prof", "Encik", "Puan", "Tan Sri", "Ông", "Bà"])
        | lines()
    ),
    "title": optional(lines()),
    "department": optional(lines()),
    "organisation": optional(lines()),
    "email": optional(emails),
    "phone": optional(st.sampled_from(["+65 6211 0888", "6211-0888 ext. 12", "+84 24 3943 7567"])),
}
media_contacts = _build(MediaContact)

FIELDS[Boilerplate] = {
    "heading": lines(),
    "body": st.lists(blocks, max_size=2),
    "issuer_id": optional(ids),
}
boilerplates = _build(Boilerplate)


def _local_path(value: str) -> bool:
    """The model refuses a logo that is a URL (presskit does not download files)."""
    try:
        Issuer("x", "X", logo=value)
    except ModelError:
        return False
    return True


#: An agency's name: plain text, never holding an HTML end tag (the model refuses one).
_names = lines().filter(lambda name: not END_TAG.search(name))

FIELDS[Issuer] = {
    "id": ids,
    "name": _names,
    "short_name": _names,  # left out (defaulting to name) half of the time, see issuers()
    "url": optional(web_urls),
    "logo": optional((hrefs | lines()).filter(_local_path)),  # a URL is refused
    "boilerplate": optional(boilerplates),
    "contacts": st.lists(media_contacts, max_size=2),
}


@st.composite
def issuers(draw: st.DrawFn, issuer_id: str) -> Issuer:
    table = FIELDS[Issuer]
    kwargs = {name: draw(s) for name, s in table.items() if s is not None and name != "id"}
    if draw(st.booleans()):
        del kwargs["short_name"]
    if kwargs["boilerplate"] is not None and draw(st.booleans()):
        kwargs["boilerplate"] = Boilerplate(
            kwargs["boilerplate"].heading, kwargs["boilerplate"].body, issuer_id=issuer_id
        )
    return Issuer(issuer_id, **kwargs)


FIELDS[Dateline] = {"place": lines(), "date": dates}
FIELDS[Immediate] = {}
FIELDS[Embargoed] = {"until": aware_datetimes()}
FIELDS[Notice] = {"body": st.lists(blocks, min_size=1, max_size=2)}
FIELDS[Attachment] = {
    "href": file_hrefs,
    "media_type": media_types,
    "title": optional(texts(3)),
    "caption": optional(texts(4)),
    "credit": optional(texts(3)),
    "alt_text": optional(texts(4)),
    "licence": optional(st.sampled_from(["CC BY 4.0", "© IMDA 2025"]) | texts(2)),
}
FIELDS[Translation] = {
    "language": languages,
    "url": optional(web_urls),
    "slug": optional(slugs),
}
FIELDS[Correction] = {"at": aware_datetimes(), "text": visible_texts(4)}


def _published_name(attachment: Attachment) -> str:
    """What two attachments may not share (the model refuses it): a local file's name,
    case folded; a URL is itself."""
    if "://" in attachment.href or ":" in attachment.href.split("/")[0]:
        return attachment.href
    return attachment.href.replace("\\", "/").rsplit("/", 1)[-1].casefold()


FIELDS[PressRelease] = {
    "slug": slugs,
    "headline": lines(),
    "issuers": None,  # unique ids, see releases()
    "dateline": _build(Dateline),
    "issued_at": aware_datetimes(),
    "body": None,  # at least one paragraph or quote, see releases()
    "language": languages,
    "subheadline": optional(lines()),
    "updated_at": None,  # not before issued_at, see releases()
    "time_zone": optional(time_zone_names),
    "release": st.just(IMMEDIATE) | _build(Embargoed),
    "notes_to_editors": st.lists(blocks, max_size=2),
    "boilerplates": st.lists(boilerplates, max_size=2),
    "media_contacts": st.lists(media_contacts, max_size=2),
    "notices": st.lists(_build(Notice), max_size=1),
    "attachments": st.lists(_build(Attachment), max_size=2, unique_by=_published_name),
    "tags": st.lists(texts(2), max_size=3),
    "translations": st.lists(_build(Translation), max_size=2),
    "corrections": None,  # not before issued_at, see releases()
    "canonical_url": optional(web_urls),
    "style": optional(st.sampled_from(sorted(PROFILES))),
}


@st.composite
def releases(draw: st.DrawFn) -> PressRelease:
    """Valid press releases covering every field of every model class."""
    kwargs = {name: draw(s) for name, s in FIELDS[PressRelease].items() if s is not None}

    issuer_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    kwargs["issuers"] = [draw(issuers(i)) for i in issuer_ids]

    body = draw(st.lists(blocks, max_size=3))
    body.insert(draw(st.integers(0, len(body))), draw(paragraphs | quotes))
    kwargs["body"] = body

    if draw(st.booleans()):
        # an instant not before issued_at, seen from any zone (computed in UTC so that
        # wall-clock arithmetic across a DST change cannot move it backwards)
        delta = draw(st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=400)))
        utc = kwargs["issued_at"].astimezone(dt.UTC) + delta
        kwargs["updated_at"] = utc.astimezone(draw(tzinfos))

    corrections = []
    for _ in range(draw(st.integers(0, 2))):
        delta = draw(st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=400)))
        at = (kwargs["issued_at"].astimezone(dt.UTC) + delta).astimezone(draw(tzinfos))
        corrections.append(Correction(at, draw(FIELDS[Correction]["text"])))
    kwargs["corrections"] = corrections

    return PressRelease(**kwargs)
