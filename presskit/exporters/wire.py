"""``iptc7901`` and ``anpa1312``: the two teleprinter-era newswire byte streams.

Both are framed by ASCII control characters and carry one story as lines of text. The
facts (framing bytes, header fields, line lengths, trailers) and the checks the tests
run come from ../shared/reference/wire-formats.md, sections 1 and 2 and "Checks a
verifier can run".

* IPTC 7901 (IPTC Recommendation 7901, revision 5, 1995,
  https://iptc.org/standards/iptc-7901/): ``SOH`` header line, keyword line,
  ``STX`` headline block ending in `` =``, body wrapped at 69 characters, notepad,
  sign-off, ``ETX`` and the date-time group, ``DEL LF DEL EOT``.
* ANPA-1312 (ANPA/NAA "High-speed wire service transmission guidelines"; the bulletin is
  not public, so the layout follows AP's practice as Superdesk reads it):
  ``SYN SYN SOH`` service level and story number, ``US`` and selector codes, the
  priority/category/format/keyword/date/word-count line, ``STX``, ``^``-lines, one
  unwrapped line per paragraph opened by ``TAB`` and three spaces, ``ETX`` and the
  ``SRC-WIRE-MM-DD-YY HHMMGMT<`` trailer, ``FF`` and ``EOT``.

Shared rules:

* every line ends with CR LF;
* text is transliterated to 7-bit ASCII by ``anyascii`` (``“`` -> ``"``, ``–`` -> ``-``,
  ``新加坡`` -> ``Xin Jia Po``) before it is measured or counted; IPTC 7901 can instead
  send ISO 8859-1 (``charset="latin-1"``, characters outside it transliterated) or UTF-8;
* line lengths are counted in characters (code points), never bytes;
* **word count**: the number of white-space separated tokens that contain at least one
  letter or digit (``"-"``, ``"*"`` and ``"|"`` alone are not words), counted on the
  text as transmitted (after transliteration). IPTC 7901 counts the publishable text:
  from the dateline paragraph to the last "About" boilerplate (headline block, notepad
  and sign-off excluded). ANPA-1312 counts every body paragraph line (the ``TAB``-indented
  lines, contacts included);
* priority and category codes come from tables keyed by the IPTC urgency (1 most urgent,
  5 normal, 9 least) and by the release's tags, configurable per receiving agency;
* **language**: every fixed word of the copy (the embargo line, "Jointly issued by", the
  notepad's and the editors' lines, "Media contacts:", "Correction (...)", the ANPA
  byline) is a label in the release's language (:func:`presskit.i18n.label`, general
  wording), transliterated like the text; the protocol's own words (``FLASH``,
  ``URGENT``, ``Eds:``, ``Ld-Writethru``, the month in the date-time group) stay as the
  formats define them;
* **paragraph numbers**: where the house style (option ``profile``, default ``sg``)
  numbers paragraphs, each numbered paragraph and quote opens with ``1. ``, ``2. `` ...
  as in the text exporter, and the dateline (``SINGAPORE (MDDI) -``) stands as a
  paragraph of its own before them, as the Singapore style prints it; so a correction
  that says "Paragraph 2 now ..." points at the paragraph the copy numbers 2.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, assert_never

import attrs

from presskit.errors import ExportError, UnsupportedContentError
from presskit.exporters import Exporter, ExporterOptions
from presskit.exporters._newsitem import (
    body_numbers,
    embargo_text,
    issuer_list,
    normalise_table,
    urgency_field,
    version_created,
)
from presskit.i18n import label
from presskit.model import (
    Block,
    BulletList,
    Heading,
    Inline,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
)
from presskit.profiles import check_profile, format_date, get_profile, resolve_profile

__all__ = [
    "ANPA_CATEGORY",
    "ANPA_PRIORITIES",
    "IPTC7901_PRIORITIES",
    "Anpa1312Exporter",
    "Anpa1312Options",
    "Iptc7901Exporter",
    "Iptc7901Options",
    "count_words",
]

SOH, STX, ETX, EOT = "\x01", "\x02", "\x03", "\x04"
BEL, TAB, FF, DC1, DC3 = "\x07", "\x09", "\x0c", "\x11", "\x13"
SYN, US, DEL = "\x16", "\x1f", "\x7f"
CRLF = "\r\n"

#: IPTC 7901 line length, in characters.
LINE_LENGTH = 69

#: IPTC 7901 priority digit per IPTC urgency: the generic IPTC scale, 5 = normal.
IPTC7901_PRIORITIES: Mapping[str, str] = {str(n): str(n) for n in range(1, 10)}
#: ANPA-1312 priority letter per IPTC urgency: AAP's map (1 f, 2 u, 3 b, else r).
ANPA_PRIORITIES: Mapping[str, str] = {
    "1": "f",
    "2": "u",
    "3": "b",
    **{str(n): "r" for n in range(4, 10)},
}
#: ANPA-1312 default category: ``i``, international news.
ANPA_CATEGORY = "i"

_MONTHS3 = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def count_words(text: str) -> int:
    """The word count both formats print: white-space separated tokens holding at least
    one letter or digit (Unicode categories L and N)."""
    return len(_COUNTED_WORD.findall(text))


#: A white-space separated token holding a letter or digit. ``[^\W_]`` is a character
#: of Unicode category L or N: ``\w`` is ``str.isalnum()`` and ``_``, and ``isalnum()``
#: holds exactly for categories L and N (tests/test_text_runs.py checks every code point).
_COUNTED_WORD = re.compile(r"(?<!\S)(?:[^\w\s]|_)*[^\W_]\S*")


# --- text helpers -----------------------------------------------------------------------


def _plain(runs: Inline) -> str:
    """Runs as plain text; a link whose text is not its target keeps the target in angle
    brackets, so the URL reaches the wire."""
    parts = []
    for run in runs:
        parts.append(run.text)
        target = run.href.removeprefix("mailto:") if run.href else None
        if target and target not in run.text:
            parts.append(f" <{target}>")
    return "".join(parts)


def _tidy(text: str) -> str:
    """Tabs, no-break spaces and soft hyphens out, NFC."""
    return unicodedata.normalize("NFC", text.translate(_TIDY))


_TIDY = str.maketrans({"\u00ad": None, "\t": " ", "\u00a0": " ", "\u2007": " ", "\u202f": " "})


def _to_ascii(text: str) -> str:
    from presskit.textutils import to_ascii  # as the text exporter's ascii option does

    return to_ascii(text)


def _to_latin1(text: str) -> str:
    def sub(match: re.Match[str]) -> str:
        return _to_ascii(match.group())

    return re.sub(r"[^\x00-\xff]+", sub, text)


def _transliterator(charset: str) -> Callable[[str], str]:
    if charset == "ascii":
        return lambda text: _to_ascii(_tidy(text))
    if charset == "latin-1":
        return lambda text: _to_latin1(_tidy(text))
    return _tidy


def wrap_chars(text: str, width: int, *, locale: str = "en", first: int | None = None) -> list[str]:
    """Wrap one paragraph to lines of at most ``width`` characters (code points; the
    first line at most ``first``), breaking at the Unicode line-break opportunities ICU
    finds (between words, between ideographs, between Thai words) but never after a
    hyphen; a token longer than a line is cut, so no line is ever longer. LF in ``text``
    is a hard break. Lines carry no trailing spaces."""
    from presskit.textutils import word_segments

    lines: list[str] = []
    limit = first if first is not None else width
    for hard in text.split("\n"):
        if len(hard) <= limit:  # fits: no need to look for breaks
            lines.append(hard.rstrip())
            limit = width
            continue
        current = ""
        for segment in _unhyphenated(word_segments(hard, locale)) or [""]:
            if current.strip() and len((current + segment).rstrip()) > limit:
                lines.append(current.rstrip())
                limit = width
                current = ""
                segment = segment.lstrip()
            current += segment
            while len(current.rstrip()) > limit:  # one token longer than a line
                lines.append(current[:limit])
                limit = width
                current = current[len(lines[-1]) :].lstrip()
        lines.append(current.rstrip())
        limit = width
    return lines


def _unhyphenated(segments: list[str]) -> list[str]:
    """The segments with no break after a hyphen: a receiver that joins wrapped lines
    with a space would print ``cross- border``."""
    out: list[str] = []
    for segment in segments:
        if out and out[-1].endswith(("-", "\u2010")):
            out[-1] += segment
        else:
            out.append(segment)
    return out


def _space_free(text: str) -> str:
    """A header field: runs of white space become one hyphen."""
    return re.sub(r"\s+", "-", text.strip())


Validator = Callable[[object, "attrs.Attribute[Any]", Any], None]


def _one_of(fmt: str, allowed: tuple[str, ...]) -> Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in allowed:
            raise ExportError(
                f"{fmt}: option {attribute.name} must be one of "
                f"{', '.join(map(repr, allowed))}, got {value!r}"
            )

    return check


def _matching(fmt: str, rule: tuple[str, str], *, optional: bool = False) -> Validator:
    """A validator: the value matches ``rule[0]`` (``rule[1]`` says so in words)."""
    pattern, what = rule

    def check(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            raise ExportError(f"{fmt}: option {attribute.name} must be {what}, got {value!r}")

    return check


def _sequence(fmt: str) -> Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9999:
            raise ExportError(
                f"{fmt}: option {attribute.name} must be a whole number from 0 to 9999, "
                f"got {value!r}"
            )

    return check


def _zone(fmt: str) -> Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            raise ExportError(
                f"{fmt}: option {attribute.name} must be an IANA time zone such as UTC or "
                f"Asia/Singapore, got {value!r}"
            ) from None

    return check


def _codes(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


_CODE_7901 = (r"[A-Za-z]{1,3}", "1 to 3 letters")


def _lookup(fmt: str, table: Mapping[str, str], name: str, urgency: int) -> str:
    try:
        return table[str(urgency)]
    except KeyError:
        raise ExportError(
            f"{fmt}: option {name} has no code for urgency {urgency}; it maps "
            f"{', '.join(sorted(table))}"
        ) from None


def _category(release: PressRelease, categories: Mapping[str, str], default: str) -> str:
    """The code of the first tag (in the release's order) that the table maps
    (case-insensitive), else ``default``."""
    folded = {key.casefold(): code for key, code in categories.items()}
    for tag in release.tags:
        code = folded.get(tag.casefold())
        if code is not None:
            return code
    return default


# --- the copy: blocks as lines of text --------------------------------------------------


@attrs.define
class _Copy:
    """Renders model blocks to paragraphs of plain text (transliterated)."""

    release: PressRelease
    tr: Callable[[str], str]

    def block(self, block: Block, opening: str = "", number: int | None = None) -> list[list[str]]:
        """A block as paragraphs, each a list of hard lines (not yet wrapped); the first
        paragraph starts with ``opening`` (a dateline) and its ``number`` (``"1. "``)."""
        tr = self.tr
        if number is not None:
            opening += f"{number}. "
        match block:
            case Paragraph():
                return [[tr(opening + _plain(block.runs))]]
            case Heading():
                return [[tr(opening + _plain(block.runs))]]
            case Quote():
                texts = [_plain(p) for p in block.paragraphs]
                if block.lead_in:
                    from presskit.layout import lead_in

                    texts[0] = lead_in(block.lead_in) + texts[0]
                texts[0] = opening + texts[0]
                out = [[tr(t)] for t in texts]
                from presskit.layout import quote_credit

                credit = quote_credit(block)
                if credit:
                    out.append([tr(credit)])
                return out
            case BulletList():
                items = [tr(f"- {_plain(item)}") for item in block.items]
                return [[tr(opening.strip())] if opening else [], items]
            case NumberedList():
                items = [
                    tr(f"({n}) {_plain(item)}")
                    for n, item in enumerate(block.items, start=block.start)
                ]
                return [[tr(opening.strip())] if opening else [], items]
            case _:
                assert_never(block)

    def contact(self, index: int) -> str:
        from presskit.layout import contact_lines

        contact = self.release.media_contacts[index]
        lines = contact_lines(contact, get_profile("us"), self.release.language)
        return self.tr(", ".join(line.label + line.text for line in lines))

    def correction(self, index: int) -> str:
        """``Correction (10:00 UTC, 17 Jan 2025): ...``: the time in UTC, the date in the
        release's language (English keeps its three-letter month)."""
        correction = self.release.corrections[index]
        when = correction.at.astimezone(dt.UTC)
        language = self.release.language
        if language.split("-")[0].lower() == "en":
            day = f"{when.day} {_MONTHS3[when.month - 1]} {when.year}"
        else:
            day = format_date(when.date(), "long", language)
        lead = label("correction", language, when=f"{when:%H:%M} UTC, {day}")
        return self.tr(f"{lead} {correction.text}")

    def label(self, key: str, **fields: object) -> str:
        """The label ``key`` in the release's language, transliterated."""
        return self.tr(label(key, self.release.language, None, **fields))


def _joint_line(release: PressRelease) -> str | None:
    if not release.is_joint:
        return None
    names = issuer_list([i.short_name for i in release.issuers], release.language)
    return label("jointly_issued", release.language, issuers=names)


def _body_paragraphs(
    release: PressRelease, copy: _Copy, dash: str, profile: str | None
) -> list[list[str]]:
    """The body as paragraphs of hard lines: the lede opened by the dateline
    (``SINGAPORE (MDDI) - ``, ``dash`` after the lead issuer), or, when the body does not
    open with a paragraph or the house style numbers paragraphs, the dateline as a
    paragraph of its own and then the blocks, numbered as the house style numbers them."""
    numbers = body_numbers(release, resolve_profile(profile, release))
    lede = release.lede
    dateline = f"{release.dateline.place} ({release.lead_issuer.short_name}) {dash}"
    paragraphs: list[list[str]] = []
    numbered = any(n is not None for n in numbers)
    if lede is None or numbered:
        paragraphs.append([copy.tr(dateline)])
    dateline += " "
    for block, number in zip(release.body, numbers, strict=True):
        opening = dateline if block is lede and not numbered else ""
        paragraphs += copy.block(block, opening, number)
    return paragraphs


# --- IPTC 7901 --------------------------------------------------------------------------


def _table_field(fmt: str, name: str, default: Mapping[str, str], pattern: str) -> Any:
    return attrs.field(
        factory=lambda: dict(default),
        converter=lambda value: normalise_table(fmt, name, value, pattern),
        hash=False,
    )


@attrs.frozen(kw_only=True)
class Iptc7901Options(ExporterOptions):
    """Options of the ``iptc7901`` exporter.

    Attributes:
        urgency: IPTC urgency 1 (flash) to 9 (least), default 5 (normal).
        priorities: the priority digit sent for each urgency (keys ``"1"`` to ``"9"``);
            default the generic IPTC scale (``"5"`` for normal; TT uses 4, dpa 3 or 4).
            Digit 1 adds 10 BEL characters and ``FLASH`` to the headline block, digit 2
            adds 5 BELs and ``URGENT``.
        category: the category code (1 to 3 letters) when no tag matches
            ``categories``; default ``"i"``.
        categories: release tag -> category code (case-insensitive); the first tag of
            the release found in the table wins. Default empty.
        service: the service mnemonic, 2 to 4 letters (default ``"prs"``).
        sequence: the service and agency sequence number, 0 to 9999, printed with 4
            digits (default 0: receivers number the copy).
        selector: an optional routing/selection code of 1 to 5 letters, or ``None``.
        charset: ``"ascii"`` (default: 7-bit, transliterated), ``"latin-1"`` (ISO 8859-1,
            other characters transliterated) or ``"utf-8"``.
        time_zone: the IANA zone of the date-time group after ETX (default ``"UTC"``).
        profile: the house style whose paragraph numbers the copy carries: ``"sg"``
            (default; numbered, as the other formats print it), ``"us"`` or ``"uk"``
            (unnumbered). See the module documentation.
    """

    urgency: int = urgency_field("iptc7901")
    priorities: Mapping[str, str] = _table_field(
        "iptc7901", "priorities", IPTC7901_PRIORITIES, r"[1-9]"
    )
    category: str = attrs.field(default="i", validator=_matching("iptc7901", _CODE_7901))
    categories: Mapping[str, str] = _table_field("iptc7901", "categories", {}, _CODE_7901[0])
    service: str = attrs.field(
        default="prs", validator=_matching("iptc7901", (r"[A-Za-z]{2,4}", "2 to 4 letters"))
    )
    sequence: int = attrs.field(default=0, validator=_sequence("iptc7901"))
    selector: str | None = attrs.field(
        default=None,
        validator=_matching("iptc7901", (r"[A-Za-z]{1,5}", "1 to 5 letters"), optional=True),
    )
    charset: str = attrs.field(
        default="ascii", validator=_one_of("iptc7901", ("ascii", "latin-1", "utf-8"))
    )
    time_zone: str = attrs.field(default="UTC", validator=_zone("iptc7901"))
    profile: str | None = attrs.field(default=None, validator=check_profile)


class Iptc7901Exporter(Exporter[Iptc7901Options]):
    """IPTC 7901 (see the module documentation); bytes in the chosen ``charset``."""

    name: ClassVar[str] = "iptc7901"
    media_type: ClassVar[str] = "application/octet-stream"
    extension: ClassVar[str] = "iptc"
    binary: ClassVar[bool] = True
    Options: ClassVar[type[Iptc7901Options]] = Iptc7901Options
    description: ClassVar[str] = "IPTC 7901 newswire text, 69-character lines"

    def render(self, release: PressRelease, options: Iptc7901Options) -> bytes:
        text = render_7901(release, options)
        encoding = {"ascii": "ascii", "latin-1": "latin-1", "utf-8": "utf-8"}[options.charset]
        return text.encode(encoding)


def render_7901(release: PressRelease, options: Iptc7901Options) -> str:
    """The IPTC 7901 message as a string of characters (control characters included),
    before encoding.

    Raises:
        ExportError: the priority table has no code for the urgency.
        UnsupportedContentError: nothing of the headline is left in the charset.
    """
    tr = _transliterator(options.charset)
    copy = _Copy(release, tr)
    width = LINE_LENGTH
    priority = _lookup("iptc7901", options.priorities, "priorities", options.urgency)
    head = _7901_head(release, options, copy, priority)
    body = _7901_body(release, copy, options.profile)
    words = count_words(" ".join(line for p in body for line in p))
    notepad = _7901_notepad(release, copy)
    signoff = _wrap_7901(release, tr(" ".join(_space_free(i.short_name) for i in release.issuers)))

    # the header and keyword lines
    agency = _space_free(tr(release.lead_issuer.short_name))
    category = _category(release, options.categories, options.category)
    header = f"{options.service}{options.sequence:04d} {priority} {category} {words}"
    if options.selector:
        header += f" {options.selector}"
    header += f"  {agency} {options.sequence:04d}"
    keywords = [_space_free(tr(tag)).replace("/", "-") for tag in release.tags] or [release.slug]
    keyword_lines = _keyword_lines(keywords, width)

    from zoneinfo import ZoneInfo

    when = version_created(release).astimezone(ZoneInfo(options.time_zone))
    stamp = f"{when:%d%H%M} {_MONTHS3[when.month - 1]} {when:%y}"

    blocks = [head, *body, *notepad, signoff]
    text = SOH + header + CRLF + CRLF
    text += CRLF.join(keyword_lines) + CRLF
    text += STX + (CRLF + CRLF).join(CRLF.join(block) for block in blocks) + CRLF + CRLF
    text += ETX + stamp + CRLF + DEL + CRLF + DEL + EOT
    return text


def _wrap_7901(release: PressRelease, text: str, first: int | None = None) -> list[str]:
    """``text`` in lines of at most 69 characters (the first of at most ``first``)."""
    return wrap_chars(text, LINE_LENGTH, locale=release.language, first=first)


def _7901_head(
    release: PressRelease, options: Iptc7901Options, copy: _Copy, priority: str
) -> list[str]:
    """The headline block: alert, embargo, notices, headline (and subheadline) ending
    with " =", each line short enough to follow the STX."""
    tr = copy.tr
    width = LINE_LENGTH
    locale = release.language
    head: list[str] = []
    if priority == "1":
        head.append("FLASH" + BEL * 10)
    elif priority == "2":
        head.append("URGENT" + BEL * 5)
    embargo = embargo_text(release, options.now, resolve_profile(options.profile, release))
    if embargo:
        head += _wrap_7901(release, copy.label("wire.embargoed", when=embargo))
    for notice in release.notices:
        for block in notice.body:
            for paragraph in copy.block(block):
                for line in paragraph:
                    # no empty line: a blank line would end the headline block early (a
                    # line break followed only by what transliteration drops leaves one)
                    head += [text for text in _wrap_7901(release, line) if text]
    # every title line leaves room for the " =" that closes the block, and the first
    # line of the block for the STX before it too: re-wrapping that line afterwards
    # would cut the " =" off onto a line of its own
    first = width - 3 if not head else None
    titles = wrap_chars(tr(release.headline), width - 2, locale=locale, first=first)
    if release.subheadline:
        titles += wrap_chars(tr(release.subheadline), width - 2, locale=locale)
    titles = [line for line in titles if line]
    if not titles:
        raise UnsupportedContentError(
            f"iptc7901: the headline {release.headline!r} has no character that "
            f'transliterates to {options.charset}; export with charset="utf-8"'
        )
    titles[-1] += " ="
    head += titles
    if len(head[0]) >= width:  # STX runs into the first line: keep that line <= 69 with it
        head[:1] = _wrap_7901(release, head[0], width - 1)
    return head


def _7901_body(release: PressRelease, copy: _Copy, profile: str | None) -> list[list[str]]:
    """The publishable text, paragraphs (each a list of lines) separated by blank
    lines: dateline and body (numbered as the house style ``profile`` numbers it, see
    :func:`_body_paragraphs`), corrections, the joint line, boilerplates."""
    tr = copy.tr
    paragraphs = _body_paragraphs(release, copy, "-", profile)
    paragraphs += [[copy.correction(i)] for i in range(len(release.corrections))]
    joint = _joint_line(release)
    if joint:
        paragraphs.append([tr(joint)])
    for boilerplate in release.boilerplates:
        paragraphs.append([tr(boilerplate.heading)])
        for block in boilerplate.body:
            paragraphs += copy.block(block)
    return [
        [wrapped for line in p for wrapped in _wrap_7901(release, line)] for p in paragraphs if p
    ]


def _7901_notepad(release: PressRelease, copy: _Copy) -> list[list[str]]:
    """The notepad, not for publication: notes to editors and media contacts."""
    notepad: list[list[str]] = []
    if not (release.notes_to_editors or release.media_contacts):
        return notepad
    notepad.append(["* * * *", *_wrap_7901(release, copy.label("wire.not_for_publication"))])
    for block in release.notes_to_editors:
        notepad += [
            [w for line in p for w in _wrap_7901(release, line)] for p in copy.block(block) if p
        ]
    if release.media_contacts:
        notepad.append(_wrap_7901(release, copy.label("media_contacts")))
        for index in range(len(release.media_contacts)):
            notepad.append(_wrap_7901(release, copy.contact(index)))
    return notepad


def _keyword_lines(keywords: list[str], width: int) -> list[str]:
    """``A/B/C/`` lines of at most ``width`` characters; every line ends with ``/``."""
    lines: list[str] = []
    current = ""
    for keyword in keywords:
        item = keyword[: width - 1] + "/"
        if current and len(current + item) > width:
            lines.append(current)
            current = ""
        current += item
    lines.append(current)
    return lines


# --- ANPA-1312 --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Anpa1312Options(ExporterOptions):
    """Options of the ``anpa1312`` exporter (AP-style receiver profile).

    Attributes:
        urgency: IPTC urgency 1 (flash) to 9 (least), default 5 (normal).
        priorities: the priority letter sent for each urgency (keys ``"1"`` to ``"9"``);
            default AAP's map: 1 ``f`` (flash), 2 ``u`` (urgent), 3 ``b`` (bulletin),
            4 to 9 ``r`` (routine).
        category: the category letter when no tag matches ``categories``; default
            ``"i"`` (international).
        categories: release tag -> category letter (case-insensitive); the first tag of
            the release found in the table wins. Default empty.
        service: the service-level letter (default ``"a"``).
        sequence: the story number, 0 to 9999, printed with 4 digits (default 0).
        selectors: the selector codes after ``US`` on line 1, each 1 to 5 letters, digits
            or hyphens (default ``["-----"]``, AP's "no selector").
        cycle: the cycle prefix of the keyword, ``"BC"`` (both cycles, default), ``"AM"``,
            ``"PM"`` or ``"AP"``.
        desk: an optional desk code put into the keyword, ``BC-{desk}--{Slug}``.
        keyword: the keyword's slug part; default the release's slug in CamelCase
            (``AseanDigitalMinisters2025``). The whole keyword is cut to 24 characters.
        wire: the wire code in the trailer, upper-case letters (default ``"PR"``).
        profile: the house style whose paragraph numbers the copy carries: ``"sg"``
            (default; numbered), ``"us"`` or ``"uk"`` (unnumbered).
    """

    urgency: int = urgency_field("anpa1312")
    priorities: Mapping[str, str] = _table_field(
        "anpa1312", "priorities", ANPA_PRIORITIES, r"[a-z]"
    )
    category: str = attrs.field(
        default=ANPA_CATEGORY, validator=_matching("anpa1312", (r"[a-z]", "one lower-case letter"))
    )
    categories: Mapping[str, str] = _table_field("anpa1312", "categories", {}, r"[a-z]")
    service: str = attrs.field(
        default="a", validator=_matching("anpa1312", (r"[A-Za-z]", "one letter"))
    )
    sequence: int = attrs.field(default=0, validator=_sequence("anpa1312"))
    selectors: tuple[str, ...] = attrs.field(default=("-----",), converter=_codes)
    cycle: str = attrs.field(default="BC", validator=_one_of("anpa1312", ("BC", "AM", "PM", "AP")))
    desk: str | None = attrs.field(
        default=None,
        validator=_matching("anpa1312", (r"[A-Za-z]{1,4}", "1 to 4 letters"), optional=True),
    )
    keyword: str | None = None
    wire: str = attrs.field(
        default="PR", validator=_matching("anpa1312", (r"[A-Z]{1,4}", "1 to 4 upper-case letters"))
    )
    profile: str | None = attrs.field(default=None, validator=check_profile)

    @selectors.validator
    def _check_selectors(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if not value:
            raise ExportError("anpa1312: option selectors needs at least one code")
        for code in value:
            if not isinstance(code, str) or not re.fullmatch(r"[a-z0-9-]{1,5}", code):
                raise ExportError(
                    "anpa1312: option selectors: each code must be 1 to 5 lower-case "
                    f"letters, digits or hyphens, got {code!r}"
                )


#: The longest ANPA headline line (``^``, the headline and ``<``), in characters (AAP).
HEADLINE_LENGTH = 64
#: The longest ANPA keyword, in characters.
KEYWORD_LENGTH = 24
PARAGRAPH_INDENT = TAB + "   "


class Anpa1312Exporter(Exporter[Anpa1312Options]):
    """ANPA-1312 (see the module documentation); 7-bit ASCII bytes."""

    name: ClassVar[str] = "anpa1312"
    media_type: ClassVar[str] = "application/octet-stream"
    extension: ClassVar[str] = "anpa"
    binary: ClassVar[bool] = True
    Options: ClassVar[type[Anpa1312Options]] = Anpa1312Options
    description: ClassVar[str] = "ANPA-1312 newswire text (AP style), 7-bit"

    def render(self, release: PressRelease, options: Anpa1312Options) -> bytes:
        return render_anpa(release, options).encode("ascii")


def _ap_dashes(text: str) -> str:
    """AP's legacy typesetting: a dash between spaces is sent as `` _ ``."""
    return re.sub(r" [\u2013\u2014] ", " _ ", text)


def _camel(slug: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in slug.split("-"))


def render_anpa(release: PressRelease, options: Anpa1312Options) -> str:
    """The ANPA-1312 message as a string of 7-bit characters.

    Raises:
        ExportError: the priority table has no code for the urgency.
    """

    copy = _Copy(release, _anpa_text)
    tr = _anpa_text
    priority = _lookup("anpa1312", options.priorities, "priorities", options.urgency)
    category = _category(release, options.categories, options.category)

    # the keyword: BC-{desk}--{Slug}, at most 24 characters, no spaces
    slug_part = _space_free(tr(options.keyword)) if options.keyword else _camel(release.slug)
    keyword = (
        f"{options.cycle}-{options.desk}--{slug_part}"
        if options.desk
        else f"{options.cycle}-{slug_part}"
    )
    keyword = keyword[:KEYWORD_LENGTH]
    corrections = len(release.corrections)
    version = f"{_ordinal(corrections)}Ld-Writethru" if corrections else ""
    version_text = f"{_ordinal(corrections)} Ld-Writethru" if corrections else ""

    headline = tr(release.headline)
    short = _cut(headline, HEADLINE_LENGTH - 2)
    paragraphs = _anpa_paragraphs(release, copy, options.profile, cut=short != headline)
    words = min(count_words(" ".join(paragraphs)), 9999)
    eds = _anpa_eds(release, copy, options)

    filed = version_created(release).astimezone(dt.UTC)
    names = [tr(i.short_name) for i in release.issuers]
    source = re.sub(r"[^A-Z]", "", names[0].upper()) or "PR"

    lines = [
        SYN
        + SYN
        + SOH
        + options.service
        + f"{options.sequence:04d}"
        + US
        + " ".join(options.selectors),
        f"{priority} {category}{DC3}{DC1} {keyword} {version}  {filed:%m-%d} {words:04d}",
        STX + "^" + keyword + (f", {version_text}" if version_text else "") + f",{words}<",
        "^" + short + "<",
        *(f"^Eds: {note}=" for note in eds),
        "^" + copy.label("wire.byline", issuers=issuer_list(names, release.language)) + "=",
        *("^" + tr(i.name) + "=" for i in release.issuers),
        *(PARAGRAPH_INDENT + p for p in paragraphs),
        PARAGRAPH_INDENT + ETX + f"{source}-{options.wire}-{filed:%m-%d-%y} {filed:%H%M}GMT<",
        "",
        FF,
    ]
    return CRLF.join(lines) + CRLF + EOT


def _anpa_text(text: str) -> str:
    """Text as ANPA-1312 carries it: AP dashes, 7-bit ASCII, spaces collapsed."""
    return re.sub(r"\s+", " ", _to_ascii(_tidy(_ap_dashes(text)))).strip()


def _anpa_paragraphs(
    release: PressRelease, copy: _Copy, profile: str | None, *, cut: bool
) -> list[str]:
    """The body, one unwrapped line a paragraph: the full headline when the headline
    line had to be ``cut``, the subheadline, dateline and body (numbered as the house
    style ``profile`` numbers it), corrections, the joint line, boilerplates and media
    contacts."""
    tr = copy.tr
    paragraphs: list[str] = []
    if cut:
        paragraphs.append(tr(release.headline))  # the full headline opens the body when cut
    if release.subheadline:
        paragraphs.append(tr(release.subheadline))
    for p in _body_paragraphs(release, copy, "_", profile):
        paragraphs += [line for line in p if line]
    paragraphs += [copy.correction(i) for i in range(len(release.corrections))]
    joint = _joint_line(release)
    if joint:
        paragraphs.append(tr(joint))
    for boilerplate in release.boilerplates:
        paragraphs.append(tr(boilerplate.heading))
        for block in boilerplate.body:
            for p in copy.block(block):
                paragraphs += [line for line in p if line]
    if release.media_contacts:
        paragraphs.append(copy.label("media_contacts"))
        paragraphs += [copy.contact(i) for i in range(len(release.media_contacts))]
    return paragraphs


def _anpa_eds(release: PressRelease, copy: _Copy, options: Anpa1312Options) -> list[str]:
    """The editors' notes: the embargo, notices and notes to editors."""
    eds: list[str] = []
    embargo = embargo_text(release, options.now, resolve_profile(options.profile, release))
    if embargo:
        eds.append(copy.label("wire.embargoed", when=embargo))
    for notice in release.notices:
        eds.append(" ".join(line for b in notice.body for p in copy.block(b) for line in p))
    if release.notes_to_editors:
        notes = " ".join(
            line for b in release.notes_to_editors for p in copy.block(b) for line in p
        )
        eds.append(copy.label("wire.editors_notes", notes=notes))
    return eds


def _cut(text: str, limit: int) -> str:
    """``text`` cut at the last space that keeps it within ``limit`` characters (or hard
    at ``limit`` when its first word is longer)."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut if 0 < len(cut) <= limit else text[:limit]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
