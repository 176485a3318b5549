"""From the chunks of a partner's release (paragraphs of a text, an e-mail body or a Word
document) to a :class:`~presskit.model.PressRelease`, with a report.

The parts of a release are recognised by what they say and where they stand, in any
order after the body: status line, headline and subheadline, dateline, numbered or
unnumbered paragraphs, headings, quotes, lists, end marks, "LAST UPDATED", "Jointly
issued by", notes to editors, "About ..." boilerplates and media contact blocks. Page
furniture (banners, navigation words, "PRESS RELEASE" labels) before the headline or
after the contacts is dropped and reported. Anything else that cannot be placed goes into
the body, in order, and is reported as unsure.

This module reads: which part each chunk is (:class:`Assembler`). Making the release of
what it read is :mod:`presskit.importers._release`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from presskit.errors import ModelError, SourceError
from presskit.importers._dates import (
    find_date,
    find_time,
    find_zone,
)
from presskit.importers._release import build_release, same_org
from presskit.importers._report import Finding, Imported, Kind
from presskit.model import (
    Block,
    BulletList,
    Heading,
    Inline,
    MediaContact,
    NumberedList,
    Paragraph,
    Quote,
    Run,
    inline,
    plain_text,
)

__all__ = [
    "ABOUT",
    "ABOUT_TA",
    "EMAIL",
    "PHONE",
    "PHONE_LABEL",
    "Chunk",
    "Hints",
    "assemble",
    "text_runs",
]


@attrs.define
class Chunk:
    """A paragraph of the input: the lines of a text block (separated from the next by a
    blank line), or one paragraph or table cell of a Word document.

    Attributes:
        lines: ``(line number, text)`` pairs, text without its line ending.
        runs: the styled runs of a Word paragraph, or ``None`` for plain text.
        style: a hint from the document: ``"title"``, ``"subtitle"``, ``"h1"`` to
            ``"h4"``, ``"bullet"``, ``"number"``, ``"quote"``, ``"cell"`` or ``None``.
    """

    lines: list[tuple[int, str]]
    runs: Inline | None = None
    style: str | None = None

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def texts(self) -> list[str]:
        return [t for _, t in self.lines]

    @property
    def text(self) -> str:
        if self.runs is not None:
            return plain_text(self.runs).strip()
        return join_lines(self.texts)

    def inline(self) -> Inline:
        return self.runs if self.runs is not None else text_runs(self.text)

    def after(self, count: int) -> Chunk:
        """The chunk without its first ``count`` characters (of :attr:`text`)."""
        if self.runs is not None:
            return Chunk(self.lines, _drop(self.runs, count), self.style)
        rest = self.text[count:].lstrip()
        return Chunk([(self.line, rest)], None, self.style)


@attrs.frozen
class Hints:
    """What the container says besides the text.

    Attributes:
        name: file name (for the slug), or ``None``.
        subject: an e-mail's Subject, cleaned, or ``None``.
        sent: an e-mail's Date (aware), or ``None``.
        sender: an e-mail's From display name or domain, or ``None``.
        time_zone: an IANA name the caller gives for dates without one, or ``None``.
        agencies: known issuers (``presskit.sources.agencies.Agencies``) to reuse.
    """

    name: str | None = None
    subject: str | None = None
    sent: dt.datetime | None = None
    sender: str | None = None
    time_zone: str | None = None
    agencies: Any = None


# --- text helpers ---------------------------------------------------------------------


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") or "\u0e00" <= ch <= "\u0eff"


def _joins_without_space(before: str, after: str) -> bool:
    """After a hyphen that ends a line (``cross-`` / ``border``), or between two Chinese,
    Japanese or Thai characters."""
    if before.endswith("-") and not before.endswith(" -") and after[:1].isalnum():
        return True
    return _wide(before[-1]) and _wide(after[0])


def join_lines(lines: Sequence[str]) -> str:
    """Wrapped lines joined into one paragraph: a space between words, none between
    Chinese or Thai characters, none after a hyphen that ends a line."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _joins_without_space(out, line):
            out += line
        else:
            out += " " + line
    return out


_URL = re.compile(r"https?://[^\s<>\"“”‘’]+")


def text_runs(text: str) -> Inline:
    """Plain text as runs, ``http(s)://`` addresses as links to themselves."""
    runs: list[Run] = []
    start = 0
    for match in _URL.finditer(text):
        target = match.group().rstrip(".,;:)")
        if match.start() > start:
            runs.append(Run(text[start : match.start()]))
        runs.append(Run(target, href=target))
        start = match.start() + len(target)
    if start < len(text):
        runs.append(Run(text[start:]))
    return inline(runs)


def _drop(runs: Inline, count: int) -> Inline:
    out: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        out.append(attrs.evolve(run, text=run.text[count:]) if count else run)
        count = 0
    return inline(out)


def _casefold(text: str) -> str:
    return " ".join(text.casefold().split())


# --- what parts look like --------------------------------------------------------------

_IMMEDIATE = re.compile(
    r"^\W*(?:for immediate release|immediate release|for release immediately|for immediate "
    r"publication|pour diffusion immédiate|pour publication immédiate|diffusion immédiate|"
    r"untuk siaran segera|siaran segera|untuk disiarkan segera|即时发布|立即发布|即时发稿|"
    r"เผยแพร่ทันที|สำหรับเผยแพร่ทันที|உடனடி வெளியீட்டுக்கு|உடனடி வெளியீடு)\W*$",
    re.IGNORECASE,
)
_EMBARGO = re.compile(
    r"^\W*(?:strictly\s+)?(?:under\s+)?(?:embargo(?:ed)?|sous embargo|禁止发布|禁发|ห้ามเผยแพร่)",
    re.IGNORECASE,
)
_LABELS = {
    "press release", "media release", "news release", "joint press release",
    "joint media release", "joint news release", "press statement", "media statement",
    "communiqué de presse", "communique de presse", "communiqué", "kenyataan media",
    "kenyataan akhbar", "siaran media", "siaran akhbar", "kenyataan media bersama",
    "新闻稿", "联合新闻稿", "媒体发布", "新闻发布", "ข่าวประชาสัมพันธ์", "ข่าวประชาสัมพันธ์ร่วม",
    "ஊடக அறிக்கை", "ஊடக வெளியீடு", "செய்தி வெளியீடு", "news", "newsroom", "media centre",
    "press room", "for publication",
}  # fmt: skip
_NAV = {
    "explore more", "share", "share this", "share this page", "share this article", "print",
    "print this page", "back", "back to top", "back to news", "related", "related news",
    "related articles", "related links", "tags", "menu", "search", "skip to main content",
    "skip to content", "home", "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram",
    "email", "email this", "subscribe", "sign up", "read more", "see also", "next", "previous",
    "cookie settings", "accept", "accept all cookies", "top", "more news", "view all",
    "lihat lagi", "kongsi", "partager", "imprimer", "retour", "分享", "打印", "返回", "แชร์",
    "பகிர்",
}  # fmt: skip
_NETWORKS = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|e-?mail|print|reddit|instagram|youtube|"
    r"tiktok|wechat|weibo|line|pinterest|threads|copy link|微信|微博|ไลน์"
)
#: Social sharing lines: ``Share this: Facebook Twitter LinkedIn``, ``Follow us on X``.
_SHARE = re.compile(
    r"^\W*(?:(?:share(?:\s+this(?:\s+(?:page|article|story|post|release|news))?)?"
    r"(?:\s+(?:on|via))?|follow\s+us(?:\s+on)?|kongsi(?:kan)?(?:\s+ini)?|partager(?:\s+sur)?|"
    r"分享(?:到)?|แชร์|பகிர்)\s*[:：]?\s*(?P<after>(?:(?:" + _NETWORKS + r")\b[\s,|/·•]*)+)"
    r"|(?P<only>(?:(?:" + _NETWORKS + r")\b[\s,|/·•]*){2,}))$",
    re.IGNORECASE,
)
#: Sign-offs that end an e-mail (``Regards,`` then the sender's name and signature).
_SIGN_OFF = re.compile(
    r"^\W*(?:(?:best|kind|warm|warmest|with (?:best|kind|warm))\s+regards|regards|"
    r"(?:many\s+)?thanks(?:\s+(?:and|&)\s+(?:best\s+)?regards)?|thank you|best wishes|best|cheers|"
    r"(?:yours\s+)?(?:sincerely|faithfully|truly)|yours|salam hormat|terima kasih|"
    r"sekian(?:,?\s*terima kasih)?|cordialement|bien (?:cordialement|à vous)|"
    r"meilleures salutations|此致敬礼|此致|谢谢|顺颂商祺|ขอแสดงความนับถือ|ขอบคุณ(?:ครับ|ค่ะ)?|"
    r"நன்றி|அன்புடன்)\s*[,，.!]?\s*$",
    re.IGNORECASE,
)
#: An e-mail's greeting before the release: ``Dear editors,``, ``Hi all,``.
_GREETING = re.compile(
    r"^\W*(?:(?:dear|hi|hello|good (?:morning|afternoon|day)|greetings|kepada|"
    r"salam sejahtera|bonjour|madame|monsieur|เรียน|அன்புள்ள)(?=[\s,，:：!]|$)|尊敬的|各位)"
    r"[^.!?。\n]{0,60}[,，:：!]\s*$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^[^.!?。]{1,40}(?:\s*(?:>|›|»|/|\|)\s*[^.!?。]{1,60}){1,6}$")
_END_MARK = re.compile(
    r"^\s*(?:#{3}|\*{3}|-\s*30\s*-|–\s*30\s*–|ends?|[-–—]+\s*ends?\s*[-–—]+|\[\s*ends?\s*\]|"
    r"[-–—]+\s*tamat\s*[-–—]+|tamat|完|（完）|\(完\)|【完】|[-–—]+\s*fin\s*[-–—]+|fin|"
    r"[-–—]*\s*จบ\s*[-–—]*|[-–—]*\s*முற்றும்\s*[-–—]*|[-–—]*\s*முடிவு\s*[-–—]*)\s*$",
    re.IGNORECASE,
)


def _about_label(heading: str) -> str | None:
    """The agency named in ``heading`` when it is an ``about`` label presskit prints in
    some language (``デジタル庁について``, ``Về Bộ ...``: :func:`presskit.i18n.wordings`)."""
    from presskit.i18n import wordings

    text = heading.rstrip(":： ")
    for wording in sorted(wordings("about")):
        before, _, after = (part.strip() for part in wording.partition("{name}"))
        if "{" in before + after or not (before or after):
            continue
        if text.startswith(before) and text.endswith(after):
            name = text[len(before) : len(text) - len(after)].strip()
            if name:
                return name
    return None


def _printed_end_mark(text: str) -> bool:
    """``text`` is an end mark presskit prints in some language (``- 完 -``, ``以上``,
    ``- WAKAS -``: :func:`presskit.i18n.wordings`), spaces and case aside."""
    from presskit.i18n import wordings

    def squeeze(mark: str) -> str:
        return re.sub(r"\s+", "", mark).casefold()

    return squeeze(text) in {squeeze(mark) for mark in wordings("end_mark")}


_LAST_UPDATED = re.compile(
    r"^\W*(?:last updated|last modified|updated|dikemas ?kini(?: pada)?|kemas ?kini terakhir|"
    r"mis à jour(?: le)?|dernière mise à jour(?: le)?|更新日期|最后更新|更新于|อัปเดตล่าสุด|"
    r"ปรับปรุงล่าสุด|கடைசியாக புதுப்பிக்கப்பட்டது)(?:\s+on)?\s*[:：]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ISSUED_BY = re.compile(
    r"^\W*(?:jointly issued by|issued jointly by|issued by|a joint (?:press |media )?release "
    r"(?:by|of)|joint release (?:by|of)|dikeluarkan bersama oleh|dikeluarkan oleh|"
    r"communiqué conjoint (?:de la|de l’|de l'|du|des|de)|publié conjointement par|publié par|"
    r"联合发布单位|发布单位|联合发布(?=[:：])|ร่วมกันออกโดย|ออกโดย|கூட்டாக வெளியிட்டவை|வெளியிட்டவை|"
    r"வெளியிட்டது)\s*[:：]?\s*(?P<names>.+?)\s*\.?$",
    re.IGNORECASE,
)
_ISSUED_BY_ZH = re.compile(r"^由(?P<names>.+?)(?:联合)?发布[。.]?$")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bdan\b|\bet\b|和|与|、|และ|மற்றும்)\s*")
#: An "About <agency>" heading (English, French, Malay, Indonesian, Chinese, Thai).
ABOUT = re.compile(
    r"^(?:about|à propos (?:de la |de l’|de l'|du |des |de |d’|d')|a propos (?:de la |de l'|"
    r"du |des |de |d')|tentang|mengenai|perihal|maklumat mengenai|关于|關於|เกี่ยวกับ)\s*"
    r"(?P<name>.+?)\s*[:：]?$",
    re.IGNORECASE,
)
#: An "About <agency>" heading in Tamil (the name comes first).
ABOUT_TA = re.compile(r"^(?P<name>.+?)\s+(?:பற்றி|குறித்து)\s*[:：]?$")
_NOTES = re.compile(
    r"^\W*(?:notes? (?:to|for) (?:the )?editors?|editors?[’']?s? notes?|notes? aux rédact(?:ions|"
    r"eurs)|note à la rédaction|nota (?:kepada|untuk) editor|catatan (?:untuk|kepada) editor|"
    r"nota editor|编者按|编辑注|编者注|致编辑|หมายเหตุถึงบรรณาธิการ|หมายเหตุบรรณาธิการ|"
    r"ஆசிரியர்களுக்கான குறிப்புகள்?)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_CONTACTS = re.compile(
    r"^\W*(?:for (?:media|press) (?:clarifications?|enquiries|inquiries|queries|information)|"
    r"media (?:contacts?|enquiries|inquiries|queries|relations)|press (?:contacts?|enquiries|"
    r"inquiries|office)|for (?:more|further) (?:information|details)(?:,? please)? contact|"
    r"contacts?|contact (?:presse|médias?)|contacts presse|relations (?:presse|médias)|"
    r"(?:untuk )?pertanyaan media|kontak media|hubungi|media massa|媒体联络人?|媒体联系人?|"
    r"媒体查询|媒体垂询|新闻联络人?|联系人|ติดต่อสื่อมวลชน|ติดต่อสอบถาม|สอบถามข้อมูลเพิ่มเติม|"
    r"ஊடகத் தொடர்புக்கு|ஊடகத் தொடர்பு|ஊடக தொடர்புக்கு)(?P<tail>[^:：]{0,40})[:：]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
#: An e-mail address anywhere in a text.
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_LABEL = re.compile(
    r"^\W*(?:e-?mail(?: address)?|emel|courriel|mél|电邮|电子邮件|邮箱|อีเมล|மின்னஞ்சல்)\s*[:：.]?\s*",
    re.IGNORECASE,
)
#: A telephone label (``Tel:``, ``Mobile``, ``电话``) before a number.
PHONE_LABEL = re.compile(
    r"^\W*(?:tel(?:ephone)?|phone|ph|mobile|mob|hp|h/p|handphone|cell|did|direct(?: line)?|"
    r"office|fax|t|m|d|tél(?:éphone)?|portable|no\.? tel|电话|手机|電話|โทร(?:ศัพท์)?|มือถือ|"
    r"தொலைபேசி|கைபேசி)[\s.:：]*(?=[+(\d])",
    re.IGNORECASE,
)
#: A whole text that is a telephone number.
PHONE = re.compile(r"^[+(]?\d[\d\s().\-/]{5,}\d(?:\s*(?:ext\.?|x)\s*\d+)?$", re.IGNORECASE)
_HONORIFICS = (
    "Mr", "Mrs", "Ms", "Mdm", "Madam", "Miss", "Dr", "Prof", "Professor", "Er", "Encik",
    "Cik", "Puan", "Tuan", "Dato'", "Dato’", "Datuk", "Datin", "Tan Sri", "Dato' Sri",
    "M.", "Mme", "Mlle", "Khun", "คุณ", "นาย", "นาง", "นางสาว", "திரு", "திருமதி", "செல்வி",
)  # fmt: skip
_HONORIFIC = re.compile(
    r"^(?:\((?P<p>[^()]{1,20})\)\s*|(?P<h>"
    + "|".join(re.escape(h) for h in sorted(_HONORIFICS, key=len, reverse=True))
    + r")\.?\s+)(?P<name>\S.*)$"
)
_HONORIFIC_AFTER = re.compile(r"^(?P<name>.+?)\s*\((?P<p>Mr|Mrs|Ms|Mdm|Dr|Prof|Miss)\.?\)$")
_ORG_WORDS = re.compile(
    r"\b(?:ministry|authority|agency|board|council|commission|office|corporation|company|"
    r"co\.|ltd|limited|pte|inc|llc|plc|gmbh|s\.a\.|group|foundation|association|institute|"
    r"university|bank|bhd|berhad|secretariat|kementerian|lembaga|suruhanjaya|ministère|"
    r"agence|société|organisation|organization|centre|center|polytechnic)\b|部$|局$|公司|集团|"
    r"委员会|กระทรวง|สำนักงาน|บริษัท|அமைச்சு|ஆணையம்|நிறுவனம்",
    re.IGNORECASE,
)
_DEPARTMENT_WORDS = re.compile(
    r"\b(?:division|department|unit|team|communications?|media relations|public affairs|"
    r"marketing|section|branch|directorate|bahagian|jabatan|unit komunikasi|direction|service)"
    r"\b|传讯|部门|ฝ่าย|பிரிவு",
    re.IGNORECASE,
)
_OPENING = "“\"«„「『‘'"
_CLOSING = "”\"»“」』’'"
_SPEECH_VERBS = (
    "said", "says", "added", "adds", "noted", "notes", "commented", "remarked", "explained",
    "stated", "highlighted", "shared", "emphasised", "emphasized", "stressed", "observed",
    "announced", "told", "declared", "concluded", "a déclaré", "a dit", "déclare", "a ajouté",
    "a souligné", "souligne", "explique", "a expliqué", "berkata", "kata", "menyatakan",
    "menegaskan", "说", "表示", "指出", "强调", "称", "กล่าวว่า", "กล่าว", "เผยว่า", "கூறினார்",
    "தெரிவித்தார்", "கூறுகையில்",
)  # fmt: skip
_SPEECH_VERB = re.compile(
    r"\s*(?:also\s+|juga\s+)?(?P<verb>"
    + "|".join(re.escape(v) for v in sorted(_SPEECH_VERBS, key=len, reverse=True))
    + r")(?:\s+that|\s+bahawa|\s+que)?\s*$",
    re.IGNORECASE,
)
#: The English speech verbs: only an English lead-in's speaker is looked up in the text
#: (other lead-ins are taken as written).
_ENGLISH_VERBS = frozenset(_SPEECH_VERBS[: _SPEECH_VERBS.index("a déclaré")])
#: Lower-case words inside personal names (``Ahmad bin Ali``, ``Ursula von der Leyen``).
_NAME_PARTICLES = frozenset(
    {"bin", "binti", "bte", "bt", "s/o", "d/o", "a/l", "a/p", "de", "da", "van", "von",
     "der", "den", "del", "la", "le", "al", "el", "di"}
)  # fmt: skip
_TITLE_WORDS = (
    "Senior Minister of State", "Minister of State", "Deputy Prime Minister", "Prime Minister",
    "Senior Minister", "Minister", "President", "Vice President", "Chairman", "Chairperson",
    "Chair", "Chief Executive Officer", "Chief Executive", "CEO", "Managing Director",
    "Director", "Secretary-General", "Permanent Secretary", "Ambassador", "Commissioner",
    "Menteri", "Ministre", "Président", "Directeur général", "Directrice générale",
)  # fmt: skip
_CJK_TITLES = (
    "部长",
    "副总理",
    "总理",
    "主席",
    "总裁",
    "首席执行官",
    "局长",
    "经理",
    "主任",
    "会长",
)
_LIST_MARK = re.compile(r"^\s*(?:[-•*·▪◦‣●○–]\s+)(?P<text>\S.*)$")
_NUMBER_MARK = re.compile(r"^\s*\(?(?P<n>\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]\s+(?P<text>\S.*)$")
_PARA_NUMBER = re.compile(r"^\s*(?P<n>\d{1,3})[.)]\s+(?=\S)")
_INLINE_ITEM = re.compile(r"\((?P<n>[ivx]{1,5}|[a-z]|\d{1,2})\)\s+")
_SETEXT = re.compile(r"^\s*(?:={3,}|-{3,}|~{3,})\s*$")
_ATX = re.compile(r"^(?P<marks>#{1,4})\s+(?P<text>.+?)\s*#*\s*$")
_ATTRIBUTION = re.compile(r"^\s*(?:—|–|--|―)\s*(?P<credit>\S.*)$")
_SENTENCE_END = re.compile(r"[.!?。！？…]\s*[”\"’)]?$")
_DATELINE_SEPARATORS = re.compile(r"^\s*(?:/[^/\n]{2,40}/\s*)?(?:--|–|—|-|―|:|：|电|讯|電)?\s*")


def _is_label(text: str) -> bool:
    return _casefold(text).strip(" :-–—*") in _LABELS


def _is_nav(chunk: Chunk) -> bool:
    texts = [t.strip() for t in chunk.texts if t.strip()]
    return bool(texts) and all(
        _casefold(t).strip(" :|>»›-–—") in _NAV or (_BREADCRUMB.match(t) and len(t) < 80)
        for t in texts
    )


def _is_share(chunk: Chunk) -> bool:
    texts = [t.strip() for t in chunk.texts if t.strip()]
    return bool(texts) and all(_SHARE.match(t) for t in texts)


def _signature(chunk: Chunk) -> bool:
    """A few short lines (the sender's name, title, organisation, telephone)."""
    texts = [t.strip() for t in chunk.texts if t.strip()]
    return 0 < len(texts) <= 6 and all(len(t) <= 80 for t in texts)


def _title_like(chunk: Chunk, *, allow_period: bool = False) -> bool:
    text = chunk.text
    if not text or len(text) > 300 or len(chunk.lines) > 4:
        return False
    if re.search(r"[.!?。]\s+[A-Z]", text):  # more than one sentence
        return False
    return allow_period or not text.endswith((".", "。")) or len(text) < 200


def _heading_like(text: str) -> bool:
    if not text or len(text) > 160 or "\n" in text:
        return False
    if len(text.split()) > 20:
        return False
    if sum(_wide(ch) for ch in text) > len(text) // 2 and len(text) > 40:
        return False  # Chinese and Thai write no spaces: a long line is a sentence
    if text[-1] in '.,;:!?。，；：！？…"”’»)' and not text.endswith(("?", "？")):
        return False
    if text[0].islower():
        return False
    return not (EMAIL.search(text) or _URL.search(text))


# --- datelines -------------------------------------------------------------------------


@attrs.frozen
class _Dateline:
    place: str
    date: dt.date
    rest: str  # text after the dateline (the lede's start), possibly empty


_PLACE_TAIL = re.compile(r"[\s,，、:：\-–—|/(]+(?:le|den|on|am)?\s*$", re.IGNORECASE)


def _dateline(text: str) -> _Dateline | None:
    """A dateline at the start of ``text``: ``SINGAPORE – 17 JAN 2025``, ``SINGAPORE,
    Jan. 17, 2025 /PRNewswire/ --``, ``Brussels, 3 March 2024``, ``Paris, le 3 mars
    2024 :``, ``新加坡2025年1月17日电``; ``None`` when it does not start with one."""
    head = text[:160]
    found = find_date(head)
    if found is None:
        return None
    day, start, end = found
    place = _PLACE_TAIL.sub("", head[:start]).strip()
    place = place.strip("*_ ").strip()
    if not place:
        return None
    words = place.split()
    if len(words) > 5 or len(place) > 50 or re.search(r"[.!?。]", place.rstrip(".")):
        return None
    if any(ch.isdigit() for ch in place):
        return None
    letters = [ch for ch in place if ch.isalpha()]
    latin = [ch for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f"]
    if latin and len(latin) == len(letters) and not all(w[:1].isupper() for w in words):
        return None
    tail = text[end:]
    separator = _DATELINE_SEPARATORS.match(tail)
    rest = tail[separator.end() :] if separator else tail
    return _Dateline(place, day, rest.strip())


# --- the assembler ---------------------------------------------------------------------


class _HeaderLine(enum.Enum):
    """What a chunk before the dateline is."""

    IMMEDIATE = enum.auto()  # "FOR IMMEDIATE RELEASE"
    EMBARGO = enum.auto()  # "EMBARGOED UNTIL ..."
    LABEL = enum.auto()  # "PRESS RELEASE", "MEDIA RELEASE"
    GREETING = enum.auto()  # an e-mail's "Dear editor,"
    NAVIGATION = enum.auto()  # a web page's navigation words
    TITLE = enum.auto()  # a chunk styled as a title
    OTHER = enum.auto()  # a candidate for the headline, or page furniture


def _header_line(chunk: Chunk) -> _HeaderLine:
    text = chunk.text
    if _IMMEDIATE.match(text):
        return _HeaderLine.IMMEDIATE
    if _EMBARGO.match(text) and len(text) < 200:
        return _HeaderLine.EMBARGO
    if _is_label(text):
        return _HeaderLine.LABEL
    if _GREETING.match(text) and len(chunk.lines) == 1:
        return _HeaderLine.GREETING
    if _is_nav(chunk):
        return _HeaderLine.NAVIGATION
    if chunk.style == "title":
        return _HeaderLine.TITLE
    return _HeaderLine.OTHER


@attrs.define
class _HeaderScan:
    """The scan of the chunks before the dateline.

    Attributes:
        start: the index after the last status line, label, greeting or navigation.
        candidates: the chunks since the last status line or greeting that may be the
            headline (or else are page furniture).
    """

    start: int = 0
    candidates: list[int] = attrs.Factory(list)


class _Part(enum.Enum):
    """The part of a release that the chunks after the header are read into."""

    BODY = enum.auto()
    NOTES = enum.auto()  # notes to editors
    ABOUT = enum.auto()  # an "About ..." boilerplate
    CONTACTS = enum.auto()  # media contacts
    CLOSED = enum.auto()  # after an end mark: text here is not expected


@attrs.define
class _Section:
    kind: _Part
    name: str = ""
    line: int = 0


@attrs.define
class _Walk:
    """Where the walk over the chunks after the header is.

    Attributes:
        numbering: the release numbers its paragraphs.
        index: the index of the next chunk.
        section: the part being read.
        expected: the number the next numbered paragraph should have.
        pending_quote: the chunks of a quote not yet closed.
    """

    numbering: bool
    index: int
    section: _Section = attrs.Factory(lambda: _Section(_Part.BODY))
    expected: int = 1
    pending_quote: list[Chunk] | None = None

    def close_body(self) -> None:
        """A line that follows the body (last updated, jointly issued by) ends it."""
        if self.section.kind is _Part.BODY:
            self.section = _Section(_Part.CLOSED)


def _first_line(chunk: Chunk) -> str:
    return chunk.texts[0].strip() if chunk.texts else ""


def _listed(chunk: Chunk) -> bool:
    """A list item is body text, never the heading of a part."""
    return chunk.style in ("bullet", "number") or bool(_LIST_MARK.match(_first_line(chunk)))


@attrs.define
class _About:
    heading: str
    name: str
    short: str | None
    blocks: list[Block] = attrs.Factory(list)
    line: int = 0


@attrs.define
class _Contact:
    contact: MediaContact
    line: int


@attrs.define
class _ContactFields:
    """The fields of a media contact as its lines are read; ``rest`` holds the lines
    after the name that are read once all are seen."""

    name: str | None = None
    honorific: str | None = None
    title: str | None = None
    department: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    rest: list[str] = attrs.Factory(list)


def _name_and_honorific(text: str) -> tuple[str, str | None]:
    """A contact's name line without its honorific (before or after the name)."""
    match = _HONORIFIC.match(text)
    after = _HONORIFIC_AFTER.match(text)
    if match:
        return match["name"].strip(), (match["p"] or match["h"]).strip().rstrip(".")
    if after:
        return after["name"].strip(), after["p"]
    return text, None


class Assembler:
    def __init__(self, chunks: list[Chunk], hints: Hints, source: str, fmt: str) -> None:
        self.chunks = [c for c in chunks if c.text or c.style == "cell"]
        self.hints = hints
        self.source = source
        self.format = fmt
        self.findings: list[Finding] = []
        self.body: list[tuple[Block, int]] = []
        self.notes: list[Block] = []
        self.abouts: list[_About] = []
        self.contacts: list[_Contact] = []
        self.issuer_names: list[str] = []
        self.status: tuple[str, dt.date | None, dt.time | None, dt.tzinfo | None] | None = None
        self.updated: dt.date | None = None
        self.headline: str | None = None
        self.subheadline: str | None = None
        self.dateline: _Dateline | None = None
        self.heading_levels: list[tuple[int, Heading]] = []

    def note(self, line: int | None, kind: Kind, message: str) -> None:
        self.findings.append(Finding(line, kind, message))

    # --- the header: status, labels, furniture, headline, dateline ---

    def header(self) -> int:
        """Read the parts before the body; return the index of the first body chunk."""
        limit = min(len(self.chunks), 14)
        dateline_at = self._find_dateline(limit)
        scan = _HeaderScan()
        for index in range(dateline_at if dateline_at is not None else limit):
            chunk = self.chunks[index]
            _HEADER_READERS[_header_line(chunk)](self, scan, index, chunk)
        if dateline_at is not None:
            return self._header_with_dateline(dateline_at, scan.candidates)
        return self._header_without_dateline(scan.start)

    def _find_dateline(self, limit: int) -> int | None:
        """The index of the first of the first ``limit`` chunks that starts with a
        dateline (an embargo or "last updated" line holds a date too, but is not one)."""
        for index in range(limit):
            chunk = self.chunks[index]
            found = _dateline(chunk.text)
            if found is not None and (not found.rest or len(chunk.text) > 0):
                if _EMBARGO.match(chunk.text) or _LAST_UPDATED.match(chunk.text):
                    continue
                return index
        return None

    # header readers, one a kind of line (see _header_line)

    def _immediate_line(self, scan: _HeaderScan, index: int, chunk: Chunk) -> None:
        self._drop_furniture(scan.candidates)
        self.status = ("immediate", None, None, None)
        self.note(chunk.line, "recognised", "status line: for immediate release")
        scan.candidates = []
        scan.start = index + 1

    def _embargo_line(self, scan: _HeaderScan, index: int, chunk: Chunk) -> None:
        self._drop_furniture(scan.candidates)
        self._embargo(chunk)
        scan.candidates = []
        scan.start = index + 1

    def _label_line(self, scan: _HeaderScan, index: int, chunk: Chunk) -> None:
        self.note(chunk.line, "dropped", f"label {chunk.text!r}")
        scan.start = index + 1

    def _greeting_line(self, scan: _HeaderScan, index: int, chunk: Chunk) -> None:
        self._drop_furniture(scan.candidates)
        scan.candidates = []
        self.note(chunk.line, "dropped", f"greeting {chunk.text!r}")
        scan.start = index + 1

    def _navigation_line(self, scan: _HeaderScan, index: int, chunk: Chunk) -> None:
        self.note(chunk.line, "dropped", f"navigation {chunk.text[:40]!r}")
        scan.start = index + 1

    def _title_line(self, scan: _HeaderScan, index: int, chunk: Chunk) -> None:
        scan.candidates = [index]

    def _other_line(self, scan: _HeaderScan, index: int, chunk: Chunk) -> None:
        scan.candidates.append(index)

    def _pick_headline(self, candidates: list[int]) -> list[int]:
        """The headline and subheadline among the candidates before the dateline: the
        title-like text right before it (a title-styled chunk and what follows)."""
        chunks = self.chunks
        picked: list[int] = []
        for index in reversed(candidates):
            chunk = chunks[index]
            if chunk.style == "title":
                picked.insert(0, index)
                break
            if not _title_like(chunk, allow_period=bool(picked) is False):
                break
            picked.insert(0, index)
            if len(picked) == 2:
                break
        if len(picked) == 2 and chunks[picked[1]].style == "title":
            picked = picked[1:]
        if picked and len(picked) == 2 and not _title_like(chunks[picked[0]]):
            picked = picked[1:]
        return picked

    def _headline_below(self, after: int) -> list[int]:
        """The headline (and subheadline) right after a dateline that stands above it
        (French and Chinese releases)."""
        chunks = self.chunks
        picked: list[int] = []
        for index in range(after, min(after + 2, len(chunks))):
            if chunks[index].style == "title" or (
                _title_like(chunks[index], allow_period=bool(picked))
                and index + 1 < len(chunks)
                and not _PARA_NUMBER.match(chunks[index].text)
            ):
                picked.append(index)
            else:
                break
        return picked

    def _header_with_dateline(self, dateline_at: int, candidates: list[int]) -> int:
        chunks = self.chunks
        picked = self._pick_headline(candidates)
        self._drop_furniture([i for i in candidates if i < (picked[0] if picked else dateline_at)])
        after = dateline_at + 1
        chunk = chunks[dateline_at]
        found = _dateline(chunk.text)
        assert found is not None
        if not picked and not found.rest:
            picked = self._headline_below(after)
            if picked:
                after = picked[-1] + 1
        if picked:
            self.headline = chunks[picked[0]].text
            self.note(chunks[picked[0]].line, "recognised", "headline")
            if len(picked) > 1:
                self.subheadline = chunks[picked[1]].text
                self.note(chunks[picked[1]].line, "recognised", "subheadline")
        elif self.hints.subject:
            self.headline = self.hints.subject
            self.note(None, "unsure", "headline taken from the e-mail's Subject")
        self.dateline = found
        self.note(chunk.line, "recognised", f"dateline: {found.place}, {found.date.isoformat()}")
        if found.rest:
            chunks[dateline_at] = chunk.after(len(chunk.text) - len(found.rest))
            return dateline_at
        return after

    def _header_without_dateline(self, start: int) -> int:
        """The headline is the first title-like chunk from ``start``; what stands before
        it is page furniture."""
        chunks = self.chunks
        if start < len(chunks) and (chunks[start].style == "title" or _title_like(chunks[start])):
            chunk = chunks[start]
            self.headline = chunk.text
            self.note(chunk.line, "recognised", "headline")
            nxt = start + 1
            if nxt < len(chunks) and chunks[nxt].style == "subtitle":
                self.subheadline = chunks[nxt].text
                self.note(chunks[nxt].line, "recognised", "subheadline")
                nxt += 1
            self.note(None, "unsure", "no dateline (place and date) was found; check the dateline")
            return nxt
        if self.hints.subject:
            self.headline = self.hints.subject
            self.note(None, "unsure", "headline taken from the e-mail's Subject")
        self.note(None, "unsure", "no dateline (place and date) was found; check the dateline")
        return start

    def _drop_furniture(self, indexes: list[int]) -> None:
        for index in indexes:
            text = self.chunks[index].text
            self.note(self.chunks[index].line, "dropped", f"page furniture {_short(text)}")

    def _embargo(self, chunk: Chunk) -> None:
        text = chunk.text
        found = find_date(text)
        time = find_time(text)
        zone = find_zone(text)
        self.status = ("embargoed", found[0] if found else None, time[0] if time else None, zone)
        if found is None:
            self.note(chunk.line, "unsure", "embargo line without a date; check the embargo")
        else:
            self.note(chunk.line, "recognised", "status line: embargoed")

    # --- the body and what follows ---

    def rest(self, start: int) -> None:
        """Read the chunks from ``start`` on: each is first offered to the markers that
        change the part (:data:`_MARKERS`), then to the reader of the part it is in
        (:data:`_PART_READERS`); what no part takes is body text."""
        self.chunks[start:] = [
            piece for chunk in self.chunks[start:] for piece in _split_list(chunk)
        ]
        chunks = self.chunks
        walk = _Walk(numbering=self._numbering(start), index=start)
        while walk.index < len(chunks):
            chunk = chunks[walk.index]
            nxt = chunks[walk.index + 1] if walk.index + 1 < len(chunks) else None
            walk.index += 1
            if (
                chunk.style == "cell"
                and walk.section.kind is not _Part.CONTACTS
                and self._contact_like(chunk)
            ):
                walk.section = _Section(_Part.CONTACTS, line=chunk.line)
                self.note(chunk.line, "recognised", "media contacts (a table)")
            if any(marker(self, walk, chunk, nxt) for marker in _MARKERS):
                continue
            if walk.section.kind is _Part.CONTACTS and not self._contact_like(chunk):
                walk.section = _Section(_Part.CLOSED)
            if not _PART_READERS[walk.section.kind](self, chunk):
                self._body_chunk(walk, chunk, nxt)
        if walk.pending_quote is not None:
            self._as_paragraphs(walk.pending_quote)
        self.body = _merge_lists(self.body)
        self.notes = [b for b, _ in _merge_lists([(b, 0) for b in self.notes])]
        for about in self.abouts:
            about.blocks = [b for b, _ in _merge_lists([(b, 0) for b in about.blocks])]

    # markers: a chunk that changes the part, or is dropped; True when taken

    def _header_row(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        if chunk.style != "header":
            return False
        self.note(chunk.line, "dropped", f"a table's header row {_short(chunk.text)}")
        return True

    def _end_mark(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        text = chunk.text
        if not ((_END_MARK.match(text) or _printed_end_mark(text)) and len(chunk.lines) == 1):
            return False
        self.note(chunk.line, "recognised", f"end mark {text!r}")
        walk.section = _Section(_Part.CLOSED)
        return True

    def _last_updated(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        text = chunk.text
        match = _LAST_UPDATED.match(text)
        if not (match and len(text) < 80 and find_date(match["rest"] or "")):
            return False
        found = find_date(match["rest"])
        assert found is not None
        self.updated = found[0]
        self.note(chunk.line, "recognised", f"last updated: {found[0].isoformat()}")
        walk.close_body()
        return True

    def _issued_by(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        text = chunk.text
        match = _ISSUED_BY.match(text) or _ISSUED_BY_ZH.match(text)
        if not (match and len(text) < 200):
            return False
        names = [n for n in _NAME_SPLIT.split(match["names"]) if n.strip()]
        self.issuer_names = [n.strip().strip(".") for n in names]
        self.note(chunk.line, "recognised", "issuers: " + ", ".join(self.issuer_names))
        walk.close_body()
        return True

    def _notes_heading(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        first = _first_line(chunk)
        if _listed(chunk) or not (_NOTES.match(first) and len(first) < 60):
            return False
        walk.section = _Section(_Part.NOTES, line=chunk.line)
        self.note(chunk.line, "recognised", "notes to editors")
        if len(chunk.lines) > 1:
            self.notes.extend(self._plain_blocks(Chunk(chunk.lines[1:]), notes=True))
        return True

    def _about_heading(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        about = None if _listed(chunk) else self._about(chunk, walk.section, nxt)
        if about is None:
            return False
        walk.section = _Section(_Part.ABOUT, about.name, chunk.line)
        self.abouts.append(about)
        self.note(chunk.line, "recognised", f"boilerplate {about.heading!r}")
        if len(chunk.lines) > 1 and chunk.runs is None:
            rest = Chunk(chunk.lines[1:], None, None)
            about.blocks.extend(self._plain_blocks(rest))
        return True

    def _contacts_start(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        first = _first_line(chunk)
        match = None if _listed(chunk) else _CONTACTS.match(first)
        if not (match and self._contacts_heading(match, first, chunk, nxt)):
            return False
        walk.section = _Section(_Part.CONTACTS, line=chunk.line)
        self.note(chunk.line, "recognised", f"media contacts heading {first!r}")
        rest_lines = []
        if match["rest"].strip():
            rest_lines.append((chunk.line, match["rest"].strip()))
        rest_lines.extend(chunk.lines[1:])
        if rest_lines:
            self._contacts(Chunk(rest_lines))
        return True

    def _share(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        if not _is_share(chunk):
            return False
        self.note(chunk.line, "dropped", f"social sharing links {_short(chunk.text)}")
        return True

    def _navigation(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        if not (_is_nav(chunk) and (walk.section.kind is not _Part.BODY or nxt is None)):
            return False
        self.note(chunk.line, "dropped", f"navigation {_short(chunk.text)}")
        return True

    def _sign_off(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> bool:
        """An e-mail's sign-off after the release: "Regards," and the sender."""
        if not (
            _SIGN_OFF.match(_first_line(chunk))
            and _signature(Chunk(chunk.lines[1:] or chunk.lines))
            and (walk.section.kind is not _Part.BODY or self._signature_to_end(walk.index))
        ):
            return False
        self.note(chunk.line, "dropped", f"sign-off {_short(chunk.text)}")
        if len(chunk.lines) == 1 and nxt is not None and _signature(nxt):
            self.note(nxt.line, "dropped", f"signature {_short(nxt.text)}")
            walk.index += 1
        return True

    # part readers: the content of the part a chunk is in; True when taken

    def _read_contacts(self, chunk: Chunk) -> bool:
        self._contacts(chunk)
        return True

    def _read_about(self, chunk: Chunk) -> bool:
        self.abouts[-1].blocks.extend(self._plain_blocks(chunk))
        return True

    def _read_notes(self, chunk: Chunk) -> bool:
        self.notes.extend(self._plain_blocks(chunk, notes=True))
        return True

    def _read_closed(self, chunk: Chunk) -> bool:
        """After the end of the release: a contact block (when there were none), or
        text that is kept in the body with a note."""
        if self._contact_like(chunk) and not self.contacts:
            self.note(chunk.line, "unsure", "a contact block without a heading")
            self._contacts(chunk)
            return True
        self.note(
            chunk.line,
            "unsure",
            f"text after the end of the release kept in the body: {_short(chunk.text)}",
        )
        return False

    def _read_body(self, chunk: Chunk) -> bool:
        return False

    def _body_chunk(self, walk: _Walk, chunk: Chunk, nxt: Chunk | None) -> None:
        """A chunk of the body: part of an open quote, a numbered paragraph, a quote, a
        quote's attribution, paragraphs, headings or lists."""
        if walk.pending_quote is not None:
            self._continue_quote(walk, chunk)
            return
        if walk.numbering and chunk.style is None:
            chunk = self._unnumbered(walk, chunk)
        started = self._quote_start(chunk)
        if started == "open":
            walk.pending_quote = [chunk]
            return
        if started == "whole":
            self._quote([chunk], walk.numbering)
            return
        attribution = _ATTRIBUTION.match(chunk.text)
        if attribution and self.body and isinstance(self.body[-1][0], Quote):
            self._attribute(self.body[-1], attribution["credit"], chunk.line)
            return
        for block in self._body_blocks(chunk, walk.numbering, nxt):
            self.body.append((block, chunk.line))

    def _continue_quote(self, walk: _Walk, chunk: Chunk) -> None:
        """Add a chunk to the open quote: it ends at a closing quotation mark; more than
        seven chunks without one are paragraphs after all."""
        pending = walk.pending_quote
        assert pending is not None
        pending.append(chunk)
        if chunk.text.rstrip(" .。")[-1:] in _CLOSING:
            self._quote(pending, walk.numbering)
            walk.pending_quote = None
        elif len(pending) > 6:
            self._as_paragraphs(pending)
            walk.pending_quote = None

    def _as_paragraphs(self, chunks: list[Chunk]) -> None:
        for piece in chunks:
            self.body.append((Paragraph(piece.inline()), piece.line))

    def _unnumbered(self, walk: _Walk, chunk: Chunk) -> Chunk:
        """A numbered paragraph without its number (the numbering counts paragraphs: a
        literal number never stays), with a note when the number is not the next."""
        match = _PARA_NUMBER.match(chunk.text)
        if not match or self._list_chunk(chunk):
            return chunk
        if int(match["n"]) != walk.expected:
            self.note(
                chunk.line,
                "unsure",
                f"paragraph numbered {match['n']} where {walk.expected} was expected; "
                "its number was removed (the numbering counts the paragraphs)",
            )
        walk.expected = int(match["n"]) + 1
        return chunk.after(match.end())

    def _signature_to_end(self, index: int) -> bool:
        """Whether the chunks from ``index`` (the one after a sign-off) to the end are a
        signature: at most two chunks of a few short lines."""
        rest = self.chunks[index:]
        return len(rest) <= 2 and all(_signature(c) for c in rest)

    def _numbering(self, start: int) -> bool:
        """True when the body's paragraphs are numbered 1, 2, 3 ... (Singapore
        government style): the numbers then go into the model's numbering."""
        expected = 1
        for chunk in self.chunks[start:]:
            match = _PARA_NUMBER.match(chunk.text)
            if match and int(match["n"]) == expected and not self._list_chunk(chunk):
                expected += 1
        if expected > 2:
            self.note(
                self.chunks[start].line if start < len(self.chunks) else None,
                "recognised",
                f"paragraphs numbered 1 to {expected - 1}; the numbers go into the numbering",
            )
            return True
        return False

    def _list_chunk(self, chunk: Chunk) -> bool:
        if chunk.style == "list":
            return True
        texts = [t for t in chunk.texts if t.strip()]
        if len(texts) < 2:
            return False
        marked = [t for t in texts if _LIST_MARK.match(t) or _NUMBER_MARK.match(t)]
        return len(marked) >= 2 and bool(_LIST_MARK.match(texts[0]) or _NUMBER_MARK.match(texts[0]))

    # --- quotes ---

    def _quote_start(self, chunk: Chunk) -> str | None:
        """``"whole"``: the chunk is a lead-in and a whole quotation; ``"open"``: a
        lead-in and the first paragraph of a longer one; else ``None``."""
        from presskit.sources.markdown import LEAD_IN

        text = chunk.text
        match = LEAD_IN.match(text)
        if not match:
            return None
        quoted = text[match.end() :]
        if not quoted or quoted[0] not in _OPENING:
            return None
        if not _SPEECH_VERB.search(match["lead"].rstrip(":： ")) and len(match["lead"]) > 80:
            return None
        body = quoted.rstrip(" .。")
        closing = body[-1:] in _CLOSING
        if closing and len(body) > 1:
            return "whole"
        return "open"

    def _quote(self, chunks: list[Chunk], numbering: bool) -> None:
        from presskit.sources.markdown import LEAD_IN

        first = chunks[0]
        match = LEAD_IN.match(first.text)
        assert match is not None
        lead = match["lead"].strip()
        paragraphs = [first.after(match.end()).inline()] + [c.inline() for c in chunks[1:]]
        try:
            quote = Quote(paragraphs, lead_in=lead)
        except ModelError:
            for piece in chunks:
                self.body.append((Paragraph(piece.inline()), piece.line))
            return
        self.body.append((quote, first.line))
        self.note(first.line, "recognised", f"quote introduced by {lead!r}")

    def _attribute(self, entry: tuple[Block, int], credit: str, line: int) -> None:
        quote = entry[0]
        assert isinstance(quote, Quote)
        speaker, _, title = credit.partition(",")
        self.body[-1] = (
            attrs.evolve(
                quote, speaker=speaker.strip() or None, speaker_title=title.strip() or None
            ),
            entry[1],
        )
        self.note(line, "recognised", f"quote attribution {credit!r}")

    # --- blocks ---

    def _body_blocks(self, chunk: Chunk, numbering: bool, nxt: Chunk | None) -> list[Block]:
        text = chunk.text
        style = chunk.style
        if style in ("h1", "h2", "h3", "h4"):
            heading = Heading(chunk.inline(), level=int(style[1]))
            self.note(chunk.line, "recognised", f"heading (level {style[1]}) {_short(text)}")
            self.heading_levels.append((chunk.line, heading))
            return [heading]
        if style == "bullet":
            return [BulletList([chunk.inline()])]
        if style == "number":
            return [NumberedList([chunk.inline()])]
        texts = chunk.texts
        if chunk.runs is None and len(texts) >= 2 and _SETEXT.match(texts[-1]):
            level = 1 if texts[-1].strip().startswith("=") else 2
            heading_text = join_lines(texts[:-1])
            heading = Heading(text_runs(heading_text), level=level)
            self.heading_levels.append((chunk.line, heading))
            self.note(chunk.line, "recognised", f"heading (level {level}, underlined)")
            return [heading]
        atx = _ATX.match(text) if chunk.runs is None else None
        if atx:
            level = len(atx["marks"])
            heading = Heading(text_runs(atx["text"]), level=level)
            self.heading_levels.append((chunk.line, heading))
            self.note(chunk.line, "recognised", f"heading (level {level}, '#')")
            return [heading]
        if chunk.runs is None and self._list_chunk(chunk):
            return self._list_blocks(chunk)
        is_numbered_para = numbering and _PARA_NUMBER.match(text)
        if (
            nxt is not None
            and not is_numbered_para
            and _heading_like(text)
            and len(chunk.lines) <= 2
            and (not numbering or not _PARA_NUMBER.match(text))
            and not _dateline(text)
        ):
            heading = Heading(chunk.inline(), level=1)
            self.heading_levels.append((chunk.line, heading))
            return [heading]
        return self._inline_list(chunk)

    def _inline_list(self, chunk: Chunk) -> list[Block]:
        """A paragraph, or an introduction and a list when it runs ``... : (i) ...; (ii)
        ...; and (iii) ...`` with items ended by semicolons (commas are left as text: a
        short enumeration in a sentence is not a list)."""
        text = chunk.text
        marks = list(_INLINE_ITEM.finditer(text))
        if len(marks) >= 2 and chunk.runs is None:
            first = marks[0]
            intro = text[: first.start()].rstrip()
            ordinals = [m["n"] for m in marks]
            sequences = (
                ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"],
                [chr(c) for c in range(ord("a"), ord("z") + 1)],
                [str(n) for n in range(1, 30)],
            )
            in_order = any(ordinals == seq[: len(ordinals)] for seq in sequences)
            items = []
            for i, mark in enumerate(marks):
                stop = marks[i + 1].start() if i + 1 < len(marks) else len(text)
                items.append(text[mark.end() : stop].strip())
            separated = all(
                re.search(r";\s*(?:and|or|dan|atau|et|ou)?$", item) for item in items[:-1]
            )
            if intro.endswith((":", "：")) and in_order and separated:
                cleaned = [re.sub(r";\s*(?:and|or|dan|atau|et|ou)?$", "", i) for i in items]
                self.note(
                    chunk.line,
                    "recognised",
                    f"an inline list ({ordinals[0]}) to ({ordinals[-1]}) became a numbered "
                    "list; its separators ('; and') were left out",
                )
                blocks: list[Block] = [Paragraph(text_runs(intro))] if intro else []
                blocks.append(NumberedList([text_runs(c) for c in cleaned]))
                return blocks
        return [Paragraph(chunk.inline())]

    def _list_blocks(self, chunk: Chunk) -> list[Block]:
        blocks: list[Block] = []
        intro: list[str] = []
        items: list[str] = []
        kind = None
        start = 1
        for _, raw in chunk.lines:
            bullet = _LIST_MARK.match(raw)
            number = _NUMBER_MARK.match(raw)
            if bullet or number:
                this = "bullet" if bullet else "number"
                if kind is not None and this != kind and items:
                    blocks.append(self._make_list(kind, items, start))
                    items = []
                if not items and number and number["n"].isdigit():
                    start = int(number["n"])
                kind = this
                items.append((bullet or number)["text"])  # type: ignore[index]
            elif (items and raw[:1].isspace()) or items:
                items[-1] = join_lines([items[-1], raw])
            else:
                intro.append(raw)
        out: list[Block] = []
        if intro:
            out.append(Paragraph(text_runs(join_lines(intro))))
        out.extend(blocks)
        if items and kind is not None:
            out.append(self._make_list(kind, items, start))
        self.note(chunk.line, "recognised", "a list")
        return out

    @staticmethod
    def _make_list(kind: str, items: list[str], start: int) -> Block:
        runs = [text_runs(i) for i in items]
        return BulletList(runs) if kind == "bullet" else NumberedList(runs, start=start)

    def _plain_blocks(self, chunk: Chunk, *, notes: bool = False) -> list[Block]:
        """Blocks of a boilerplate or the notes: paragraphs and lists (notes numbered
        1., 2. ... become a numbered list)."""
        if chunk.style == "bullet":
            return [BulletList([chunk.inline()])]
        if chunk.runs is None and self._list_chunk(chunk):
            return self._list_blocks(chunk)
        if chunk.style == "number" or (
            notes and chunk.runs is None and _NUMBER_MARK.match(chunk.text)
        ):
            match = _NUMBER_MARK.match(chunk.text)
            if chunk.style == "number" or match is None:
                return [NumberedList([chunk.inline()])]
            start = int(match["n"]) if match["n"].isdigit() else 1
            return [
                NumberedList(
                    [text_runs(join_lines([match["text"], *chunk.texts[1:]]))], start=start
                )
            ]
        if chunk.style in ("h1", "h2", "h3", "h4"):
            return [Heading(chunk.inline(), level=int(chunk.style[1]))]
        return [Paragraph(chunk.inline())]

    # --- boilerplates ---

    def _about(self, chunk: Chunk, section: _Section, nxt: Chunk | None) -> _About | None:
        first = chunk.texts[0].strip() if chunk.texts else ""
        if len(first) > 150 or _SENTENCE_END.search(first.rstrip(":：")):
            return None
        match = ABOUT.match(first) or ABOUT_TA.match(first)
        name = match["name"].strip() if match else _about_label(first)
        if not name:
            return None
        if name.casefold().startswith("the "):
            name = name[4:]
        short = None
        paren = re.match(r"^(?P<name>.+?)\s*[(（](?P<short>[^()（）]{1,20})[)）]$", name)
        if paren:
            name, short = paren["name"].strip(), paren["short"].strip()
        opening = " ".join([self.headline or ""] + [_block_text(b) for b, _ in self.body[:2]])
        organisation = (
            bool(short)
            or bool(_ORG_WORDS.search(name))
            or any(same_org(name, n) for n in self.issuer_names)
            or name.casefold() in opening.casefold()
        )
        if section.kind is _Part.BODY and not organisation:
            return None
        if nxt is None and len(chunk.lines) == 1:
            return None
        return _About(first.rstrip(":： "), name, short, line=chunk.line)

    # --- contacts ---

    def _contacts_heading(
        self, match: re.Match[str], first: str, chunk: Chunk, nxt: Chunk | None
    ) -> bool:
        """A short line that opens the media contacts, followed by contact details: on
        the same line, in the lines under it, or in the next chunk. Words such as
        "Contact" and "Hubungi" also start sentences ("Hubungi kami di talian 1800"), so
        a line that no e-mail address or telephone number follows is body text."""
        rest = match["rest"].strip()
        if len(match["tail"]) > 30 or len(first) > 120:
            return False
        if rest and not (EMAIL.search(rest) or PHONE.search(rest) or len(rest) < 60):
            return False
        if not (first.rstrip().endswith((":", "：")) or not rest or EMAIL.search(first)):
            return False
        under = [rest, *(t for t in chunk.texts[1:])] if rest else chunk.texts[1:]
        if any(t.strip() for t in under):
            return self._contact_like(Chunk([(chunk.line, t) for t in under if t.strip()]))
        return nxt is not None and self._contact_like(nxt)

    def _contact_like(self, chunk: Chunk) -> bool:
        texts = [t.strip() for t in chunk.texts if t.strip()]
        if not texts or len(texts) > 30:
            return False
        has_reach = any(EMAIL.search(t) or PHONE_LABEL.match(t) or PHONE.match(t) for t in texts)
        short = all(len(t) < 120 for t in texts)
        return has_reach and short

    def _contacts(self, chunk: Chunk) -> None:
        """One or more contacts in a block of lines (a new contact starts at a name line
        after an e-mail or phone line). A table's cell or row is one contact, unless it
        holds two e-mail addresses: two people are never merged into one."""
        one = chunk.style == "cell" and sum(len(EMAIL.findall(t)) for t in chunk.texts) < 2
        groups: list[list[tuple[int, str]]] = [[]]
        reached = False
        for number, raw in chunk.lines:
            text = raw.strip().strip("|").strip()
            if not text:
                if groups[-1] and not one:
                    groups.append([])
                    reached = False
                continue
            is_reach = bool(EMAIL.search(text) or PHONE_LABEL.match(text) or PHONE.match(text))
            if reached and not is_reach and groups[-1] and not one:
                groups.append([])
                reached = False
            # "Jane Tan, Director, jane@x.com, +65 ..." on one line
            if "," in text and EMAIL.search(text) and len(text.split(",")) >= 2:
                for part in (p.strip() for p in re.split(r"\s*[,|;]\s*", text)):
                    if part:
                        groups[-1].append((number, part))
                reached = True
                continue
            groups[-1].append((number, text))
            reached = reached or is_reach
        for group in groups:
            if group:
                self._contact(group)

    def _contact(self, lines: list[tuple[int, str]]) -> None:
        fields = _ContactFields()
        for number, raw in lines:
            self._contact_line(fields, number, raw.strip().rstrip(",;").strip())
        for text in fields.rest:
            self._contact_detail(fields, text)
        name = fields.name
        if name is None:
            name = fields.email or fields.phone
        if name is None:
            return
        try:
            contact = MediaContact(
                name,
                honorific=fields.honorific,
                title=fields.title,
                department=fields.department,
                organisation=fields.organisation,
                email=fields.email,
                phone=fields.phone,
            )
        except ModelError as exc:
            self.note(lines[0][0], "unsure", f"a contact could not be read ({exc})")
            return
        self.contacts.append(_Contact(contact, lines[0][0]))
        self.note(lines[0][0], "recognised", f"media contact {name}")

    def _contact_line(self, fields: _ContactFields, number: int, text: str) -> None:
        """A line of a contact block: its e-mail address (one), a telephone number (more
        are joined), the name (the first other line), or a detail read later."""
        email_match = EMAIL.search(text)
        if email_match and fields.email is None:
            fields.email = email_match.group().rstrip(".")
        elif email_match:
            self.note(
                number,
                "unsure",
                f"a second e-mail address {email_match.group()!r} for one contact "
                f"({fields.email}); left out, a contact has one",
            )
        elif PHONE_LABEL.match(text) or PHONE.match(text):
            value = PHONE_LABEL.sub("", text).strip()
            fields.phone = value if fields.phone is None else f"{fields.phone}, {value}"
        elif fields.name is None:
            fields.name, fields.honorific = _name_and_honorific(text)
        else:
            fields.rest.append(text)

    def _contact_detail(self, fields: _ContactFields, text: str) -> None:
        """A line after a contact's name: a bracketed department, an organisation (by its
        words or an "About" section's name), else title, department, organisation in
        that order; more go to the department."""
        bracketed = re.fullmatch(r"[(（](?P<inner>.+)[)）]", text)
        if bracketed and fields.department is None:
            fields.department = bracketed["inner"].strip()
        elif fields.organisation is None and (
            (_ORG_WORDS.search(text) and not _DEPARTMENT_WORDS.search(text))
            or any(same_org(text, a.name) for a in self.abouts)
        ):
            fields.organisation = text
        elif fields.title is None:
            fields.title = text
        elif fields.department is None:
            fields.department = text
        elif fields.organisation is None:
            fields.organisation = text
        else:
            fields.department = f"{fields.department}, {text}"

    # --- headings, speakers, issuers ---

    def fix_heading_levels(self) -> None:
        """Sub-headings: a heading right after a heading is one level deeper; a later
        heading that starts like the first sub-heading of its section stays at that level
        (a guess, reported as unsure)."""
        blocks = self.body
        group_first: str | None = None
        parent_level = 1
        previous_heading: Heading | None = None
        for position, (block, line) in enumerate(blocks):
            if not isinstance(block, Heading):
                previous_heading = None
                continue
            explicit = any(h is block for _, h in self.heading_levels) and self._explicit(line)
            if explicit:
                previous_heading = block
                group_first = None
                continue
            if previous_heading is not None:
                level = min(previous_heading.level + 1, 4)
                new = attrs.evolve(block, level=level)
                blocks[position] = (new, line)
                group_first = _first_word(block.text)
                parent_level = previous_heading.level
                self.note(line, "recognised", f"sub-heading (level {level}) {_short(block.text)}")
                previous_heading = new
                continue
            if group_first is not None and _first_word(block.text) == group_first:
                new = attrs.evolve(block, level=parent_level + 1)
                blocks[position] = (new, line)
                self.note(
                    line,
                    "unsure",
                    f"heading {_short(block.text)} taken as a sub-heading (level "
                    f"{parent_level + 1}) like the one before it; check its level",
                )
                previous_heading = new
                continue
            group_first = None
            self.note(line, "recognised", f"heading {_short(block.text)}")
            previous_heading = block

    def _explicit(self, line: int) -> bool:
        return any(
            f.line == line and f.kind == "recognised" and ("level" in f.message)
            for f in self.findings
        )

    def speakers(self) -> None:
        text = " ".join(_block_text(b) for b, _ in self.body)
        for position, (block, line) in enumerate(self.body):
            if not isinstance(block, Quote) or block.lead_in is None or block.speaker:
                continue
            speaker, title = _speaker(block.lead_in, text)
            if speaker:
                self.body[position] = (
                    attrs.evolve(block, speaker=speaker, speaker_title=title),
                    line,
                )
                what = f"{speaker}, {title}" if title else speaker
                self.note(line, "recognised" if title else "unsure", f"speaker: {what}")
            else:
                self.note(line, "unsure", f"no speaker found for the quote ({block.lead_in!r})")


#: The reader of each kind of chunk before the dateline.
_HEADER_READERS: dict[_HeaderLine, Callable[[Assembler, _HeaderScan, int, Chunk], None]] = {
    _HeaderLine.IMMEDIATE: Assembler._immediate_line,
    _HeaderLine.EMBARGO: Assembler._embargo_line,
    _HeaderLine.LABEL: Assembler._label_line,
    _HeaderLine.GREETING: Assembler._greeting_line,
    _HeaderLine.NAVIGATION: Assembler._navigation_line,
    _HeaderLine.TITLE: Assembler._title_line,
    _HeaderLine.OTHER: Assembler._other_line,
}

#: The markers a chunk after the header is offered to, in order: each takes a chunk that
#: changes the part being read (end mark, notes, "About ...", contacts heading) or is
#: dropped (a table's header row, sharing links, navigation, an e-mail's sign-off).
_MARKERS: tuple[Callable[[Assembler, _Walk, Chunk, Chunk | None], bool], ...] = (
    Assembler._header_row,
    Assembler._end_mark,
    Assembler._last_updated,
    Assembler._issued_by,
    Assembler._notes_heading,
    Assembler._about_heading,
    Assembler._contacts_start,
    Assembler._share,
    Assembler._navigation,
    Assembler._sign_off,
)

#: The reader of each part; a chunk it does not take is body text.
_PART_READERS: dict[_Part, Callable[[Assembler, Chunk], bool]] = {
    _Part.BODY: Assembler._read_body,
    _Part.NOTES: Assembler._read_notes,
    _Part.ABOUT: Assembler._read_about,
    _Part.CONTACTS: Assembler._read_contacts,
    _Part.CLOSED: Assembler._read_closed,
}


def _mark(line: str) -> str | None:
    """``"bullet"``, the number or letter of a numbered item (``"4"``, ``"a"``), or
    ``None`` for a line that is no list item."""
    if _LIST_MARK.match(line):
        return "bullet"
    number = _NUMBER_MARK.match(line)
    return number["n"] if number else None


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _follows(before: str, after: str | None) -> bool:
    """Whether item mark ``after`` comes right after ``before`` (``4``, ``5``; ``a``,
    ``b``; ``ii``, ``iii``)."""
    if after is None:
        return False
    if before.isdigit() and after.isdigit():
        return int(after) == int(before) + 1
    before, after = before.casefold(), after.casefold()
    if len(before) == 1 and len(after) == 1 and before.isalpha():
        return ord(after) == ord(before) + 1
    return (
        before in _ROMAN[:-1]
        and _ROMAN.index(before) + 1 < len(_ROMAN)
        and (_ROMAN[_ROMAN.index(before) + 1] == after)
    )


def _split_list(chunk: Chunk) -> list[Chunk]:
    """A block of lines whose list starts under a line that is no item of it, as two
    chunks: the line (``Victims should:``, a numbered paragraph ``4. Callers ... next
    steps:``) and the list (style ``"list"``). Without a blank line between them, the
    list was merged into the paragraph, or the numbered paragraph read as the list's
    first item, which broke the paragraph numbering."""
    if chunk.runs is not None or chunk.style is not None or len(chunk.lines) < 2:
        return [chunk]
    marks = [_mark(text) for _, text in chunk.lines]
    at = next((i for i in range(1, len(marks)) if marks[i] is not None), None)
    if at is None:
        return [chunk]
    head, tail = marks[0], marks[at]
    if head is not None and (head == "bullet" or _follows(head, tail)):
        return [chunk]  # one list: the lines between are its wrapped items
    items = sum(m is not None for m in marks[at:])
    intro = chunk.lines[at - 1][1].rstrip()
    if items < 2 and not intro.endswith((":", "：")):
        return [chunk]
    return [Chunk(chunk.lines[:at]), Chunk(chunk.lines[at:], None, "list")]


def _merge_lists(blocks: list[tuple[Block, int]]) -> list[tuple[Block, int]]:
    """Adjacent lists of the same kind as one list (a Word document gives one paragraph
    per item)."""
    out: list[tuple[Block, int]] = []
    for block, line in blocks:
        if out:
            last = out[-1][0]
            if isinstance(block, BulletList) and isinstance(last, BulletList):
                out[-1] = (BulletList([*last.items, *block.items]), out[-1][1])
                continue
            if isinstance(block, NumberedList) and isinstance(last, NumberedList):
                merged = NumberedList([*last.items, *block.items], start=last.start)
                out[-1] = (merged, out[-1][1])
                continue
        out.append((block, line))
    return out


def _first_word(text: str) -> str:
    words = text.split()
    return words[0].casefold() if words else ""


def _short(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 50 else text[:47] + "...")


def _block_text(block: Block) -> str:
    if isinstance(block, Paragraph | Heading):
        return block.text
    if isinstance(block, Quote):
        return block.text
    return " ".join(plain_text(i) for i in block.items)


def _strip_titles(text: str) -> tuple[str, str | None]:
    """``"Minister Teo"`` -> ``("Teo", "Minister")``: title words and honorifics off the
    front of a name."""
    title = None
    changed = True
    while changed:
        changed = False
        for word in sorted(_TITLE_WORDS, key=len, reverse=True):
            if text.casefold().startswith(word.casefold() + " "):
                title = title or word
                text = text[len(word) :].strip()
                changed = True
        for word in sorted(_HONORIFICS, key=len, reverse=True):
            if re.match(re.escape(word) + r"\.?\s", text):
                text = re.sub(r"^" + re.escape(word) + r"\.?\s+", "", text)
                changed = True
    return text, title


def _speaker(lead_in: str, text: str) -> tuple[str | None, str | None]:
    """The speaker and title a lead-in names, completed from the release's text:
    ``"Minister Teo said:"`` and ``"... Minister of Digital Development and Information,
    Mrs. Josephine Teo, ..."`` give ``("Josephine Teo", "Minister of Digital Development
    and Information")``.

    A lead-in of comma-separated parts gives the name from the part that starts with an
    honorific (``Mr Tan Kiat How``), else from the first part that reads as a personal
    name, and the title from the other parts, in either order (``Senior Minister of
    State for ..., Mr Tan Kiat How, said:``); honorifics are dropped. A lead-in that is
    not English (``Menteri Digital berkata:``, ``杨莉明部长说：``) is taken as written: no
    title word is split off and no fuller name looked up."""
    who = lead_in.rstrip(":： ").strip()
    verb = _SPEECH_VERB.search(who)
    who = _SPEECH_VERB.sub("", who).strip().rstrip(",，").strip()
    if not who:
        return None, None
    if any("\u4e00" <= ch <= "\u9fff" for ch in who):
        for title in _CJK_TITLES:
            if who.endswith(title) and len(who) > len(title):
                return who[: -len(title)], title
        return who, None
    english = verb is None or verb["verb"].casefold() in _ENGLISH_VERBS
    parts = [p.strip() for p in who.split(",") if p.strip()]
    if len(parts) > 1:
        at = _name_part(parts)
        name, title_word = _strip_titles(parts[at]) if english else (parts[at], None)
        if english:
            name = _drop_honorific(name)
        others = ", ".join(p for i, p in enumerate(parts) if i != at)
        return name or None, others or title_word
    if not english:
        return who, None
    name, title_word = _strip_titles(who)
    if not name:
        return None, None
    words = name.split()
    full = name
    if len(words) == 1:
        honorifics = "|".join(re.escape(h) for h in _HONORIFICS)
        pattern = re.compile(
            rf"(?:(?:{honorifics})\.?\s+)?(?P<full>(?:[A-Z][\w’'-]+\s+){{1,3}}{re.escape(name)})\b"
        )
        for match in pattern.finditer(text):
            candidate, _ = _strip_titles(match["full"])
            first = candidate.split()[0]
            if first.casefold() not in {t.casefold() for t in _TITLE_WORDS} and first[0].isupper():
                full = candidate
                break
    found = _appositive(full, text)
    return full, found or title_word


def _drop_honorific(name: str) -> str:
    match = _HONORIFIC.match(name)
    return match["name"].strip() if match else name


def _name_part(parts: list[str]) -> int:
    """Which of a lead-in's comma-separated parts is the speaker's name: the first that
    starts with an honorific, else the first that reads as a personal name (capitalised
    words, no title or organisation word), else the first."""
    for index, part in enumerate(parts):
        if _HONORIFIC.match(part):
            return index
    for index, part in enumerate(parts):
        if _name_like(part):
            return index
    return 0


def _name_like(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return False
    if _ORG_WORDS.search(text) or _DEPARTMENT_WORDS.search(text):
        return False
    folded = f" {_casefold(text)} "
    if any(f" {t.casefold()} " in folded for t in _TITLE_WORDS):
        return False
    return all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words)


def _appositive(name: str, text: str) -> str | None:
    honorifics = "|".join(re.escape(h) for h in _HONORIFICS)
    before = re.search(
        rf"(?P<title>[^,.;:“”\"]{{3,120}}),\s*(?:(?:{honorifics})\.?\s+)?{re.escape(name)}\b",
        text,
    )
    if before:
        title = before["title"].strip()
        title = re.sub(r"^(?:the|and)\s+", "", title, flags=re.IGNORECASE)
        title = re.sub(r"^[\w\s]+[’']s\s+(?=[A-Z])", "", title)
        if title[:1].isupper() and len(title.split()) <= 14:
            return title
    after = re.search(rf"{re.escape(name)},\s*(?P<title>[^,.;:“”\"]{{3,120}}),", text)
    if after:
        title = after["title"].strip()
        title = re.sub(r"^the\s+", "", title, flags=re.IGNORECASE)
        if len(title.split()) <= 14:
            return title
    return None


def assemble(chunks: list[Chunk], hints: Hints, *, source: str, fmt: str) -> Imported:
    """Build a release from ``chunks``.

    Raises:
        SourceError: the input holds no text, or no paragraph of body text.
    """
    if not any(c.text for c in chunks):
        raise SourceError(source, "the file holds no text")
    work = Assembler(chunks, hints, source, fmt)
    start = work.header()
    work.rest(start)
    work.fix_heading_levels()
    work.speakers()
    return build_release(work)
