"""``text``: press-wire copy, the release as plain text in a house style.

The layout follows a :class:`~presskit.profiles.Profile` (``sg``, ``us`` or ``uk``):
status line, headline, dateline, body, end mark, notes to editors, boilerplates and media
contacts, in the profile's order and with its labels. Conventions:
../shared/reference/wire-formats.md section 5.

Output rules:

* lines are wrapped at ``width`` terminal columns (default 72; CJK characters count 2)
  by the Unicode line-breaking rules; URLs and e-mail addresses are never broken, so a
  line holding one that does not fit may be longer;
* blocks are separated by one blank line; no trailing spaces, no tabs, no non-breaking
  spaces (they keep words together while wrapping, then print as spaces);
* level-1 headings are underlined with ``=``, level-2 headings with ``-``;
* UTF-8 without a byte-order mark, or 7-bit ASCII (``ascii=True``) with every character
  transliterated by ``anyascii`` (curly quotes become straight, ``–`` becomes ``-``,
  ``中`` becomes ``Zhong``);
* LF line endings, or CR LF (``line_ending="crlf"``); the file ends with a line ending.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any, ClassVar, assert_never

import attrs

from presskit.errors import ExportError
from presskit.exporters import Exporter, ExporterOptions
from presskit.model import (
    Block,
    BulletList,
    Heading,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
)
from presskit.profiles import (
    PROFILES,
    Profile,
    check_profile,
    contact_lines,
    dateline_opens_lede,
    format_dateline,
    format_instant,
    get_profile,
    jointly_issued,
    last_updated,
    lead_in,
    status_line,
)
from presskit.textutils import display_width, to_ascii, wrap

__all__ = ["TextExporter", "TextOptions", "render_text"]


def _width(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or not 20 <= value <= 1000:
        raise ExportError(
            f"text: option width must be a whole number from 20 to 1000, got {value!r}"
        )


def _line_ending(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("lf", "crlf"):
        raise ExportError(f"text: option line_ending must be 'lf' or 'crlf', got {value!r}")


def _flag(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise ExportError(f"text: option {name} must be true or false, got {value!r}")


@attrs.frozen(kw_only=True)
class TextOptions(ExporterOptions):
    """Options of the ``text`` exporter.

    Attributes:
        profile: ``"sg"`` (default), ``"us"`` or ``"uk"``; see :mod:`presskit.profiles`.
        width: maximum line width in terminal columns, 20 to 1000 (default 72).
        ascii: transliterate to 7-bit ASCII (default ``False``: UTF-8).
        line_ending: ``"lf"`` (default) or ``"crlf"``.
    """

    profile: str = attrs.field(default="sg", validator=check_profile)
    width: int = attrs.field(default=72, validator=_width)
    ascii: bool = attrs.field(default=False, validator=lambda _, a, v: _flag(a.name, v))
    line_ending: str = attrs.field(default="lf", validator=_line_ending)


class TextExporter(Exporter[TextOptions]):
    """Press-wire plain text (see the module documentation)."""

    name: ClassVar[str] = "text"
    media_type: ClassVar[str] = "text/plain; charset=utf-8"
    extension: ClassVar[str] = "txt"
    binary: ClassVar[bool] = False
    variants: ClassVar[dict[str, dict[str, Any]]] = {p: {"profile": p} for p in PROFILES}
    Options: ClassVar[type[TextOptions]] = TextOptions
    description: ClassVar[str] = "press-wire plain text (profiles sg, us, uk)"

    def render(self, release: PressRelease, options: TextOptions) -> bytes:
        text = render_text(release, options)
        if options.line_ending == "crlf":
            text = text.replace("\n", "\r\n")
        return text.encode("ascii" if options.ascii else "utf-8")


def render_text(release: PressRelease, options: TextOptions) -> str:
    """The release as press-wire text (LF line endings, final newline)."""
    writer = _Writer(release, get_profile(options.profile), options)
    return writer.render()


class _Writer:
    def __init__(self, release: PressRelease, profile: Profile, options: TextOptions) -> None:
        self.release = release
        self.profile = profile
        self.width = options.width
        self.tr: Callable[[str], str] = to_ascii if options.ascii else _identity
        self.blocks: list[list[str]] = []
        self.number = 0
        self.now = options.now

    # --- output helpers ---

    def emit(self, lines: list[str]) -> None:
        if lines:
            self.blocks.append(lines)

    def para(self, text: str, prefix: str = "", indent: str = "") -> list[str]:
        """``text`` wrapped; ``prefix`` starts the first line (a paragraph number) and
        ``indent`` every following one."""
        return self._wrap(text, prefix or indent, indent)

    def _wrap(self, text: str, first: str, rest: str) -> list[str]:
        """Wrap ``text`` (soft hyphens dropped, tabs as spaces, NFC across runs,
        transliterated in ASCII mode); no-break spaces print as spaces, and no line ends
        in white space."""
        text = unicodedata.normalize("NFC", text.replace("\u00ad", "").replace("\t", " "))
        return [
            _nbsp_to_space(line)
            for line in wrap(
                self.tr(text),
                self.width,
                initial_indent=first,
                subsequent_indent=rest,
                locale=self.release.language,
            )
        ]

    def render(self) -> str:
        for part in self.profile.order:
            getattr(self, f"part_{part.value}")()
        text = "\n\n".join("\n".join(block) for block in self.blocks) + "\n"
        return text

    # --- parts (one method per Part, named part_<value>) ---

    def part_status(self) -> None:
        self.emit(self.para(status_line(self.release, self.profile, self.now)))

    def part_notices(self) -> None:
        for notice in self.release.notices:
            for block in notice.body:
                self.block(block, numbered=False)

    def part_headline(self) -> None:
        self.emit(self.para(self.release.headline))

    def part_subheadline(self) -> None:
        if self.release.subheadline:
            self.emit(self.para(self.release.subheadline))

    def part_dateline(self) -> None:
        self.emit(self.para(format_dateline(self.release, self.profile)))

    def part_body(self) -> None:
        lede = self.release.lede
        opens_lede = dateline_opens_lede(self.release, self.profile)
        if self.profile.dateline_in_lede and not opens_lede:
            self.part_dateline()
        for block in self.release.body:
            prefix = ""
            if block is lede and opens_lede:
                prefix = format_dateline(self.release, self.profile) + " – "
            self.block(block, numbered=self.profile.number_paragraphs, lede_prefix=prefix)

    def part_corrections(self) -> None:
        for correction in self.release.corrections:
            when = format_instant(correction.at, self.release, self.profile)
            self.emit(self.para(f"{self.profile.correction} ({when}): {correction.text}"))

    def part_last_updated(self) -> None:
        line = last_updated(self.release, self.profile)
        if line:
            self.emit(self.para(line))

    def part_jointly_issued(self) -> None:
        line = jointly_issued(self.release, self.profile)
        if line:
            self.emit(self.para(line))

    def part_end_mark(self) -> None:
        mark = self.profile.end_mark
        if self.profile.centre_end_mark:
            mark = " " * max(0, (self.width - len(mark)) // 2) + mark
        self.emit([mark])

    def part_notes_to_editors(self) -> None:
        notes = list(self.release.notes_to_editors)
        with_boilerplates = self.profile.boilerplates_in_notes and self.release.boilerplates
        if not notes and not with_boilerplates:
            return
        self.emit(self.para(self.profile.notes_to_editors))
        for block in notes:
            self.block(block, numbered=False)

    def part_boilerplates(self) -> None:
        for boilerplate in self.release.boilerplates:
            self.emit(self.para(boilerplate.heading))
            for block in boilerplate.body:
                self.block(block, numbered=False)

    def part_media_contacts(self) -> None:
        contacts = self.release.media_contacts
        if not contacts:
            return
        self.emit(self.para(self.profile.contacts))
        for contact in contacts:
            self.emit(
                [
                    line
                    for item in contact_lines(contact, self.profile)
                    for line in self.para(item.label + item.text)
                ]
            )

    # --- blocks ---

    def block(self, block: Block, *, numbered: bool, lede_prefix: str = "") -> None:
        match block:
            case Paragraph():
                self.emit(self.para(lede_prefix + _text(block.runs), self._number(numbered)))
            case Heading():
                self.heading(block)
            case Quote():
                self.quote(block, numbered, lede_prefix)
            case BulletList():
                self.emit([line for item in block.items for line in self.list_item("- ", item)])
            case NumberedList():
                self.emit(
                    [
                        line
                        for n, item in enumerate(block.items, start=block.start)
                        for line in self.list_item(f"({n}) ", item)
                    ]
                )
            case _:
                assert_never(block)

    def _number(self, numbered: bool) -> str:
        if not numbered:
            return ""
        self.number += 1
        return f"{self.number}. "

    def heading(self, block: Heading) -> None:
        lines = self.para(_text(block.runs))
        if block.level <= 2:
            rule = "=" if block.level == 1 else "-"
            lines.append(rule * max(display_width(line) for line in lines))
        self.emit(lines)

    def quote(self, block: Quote, numbered: bool, lede_prefix: str) -> None:
        """A quote with a lead-in runs into the text (``Minister Teo said: “...”``); one
        without is set apart, indented by four spaces, and credited below: ``— Name,
        Title``."""
        first, *rest = [_text(p) for p in block.paragraphs]
        if block.lead_in is not None:
            opening = f"{lead_in(block.lead_in)}{first}"
            self.emit(self.para(lede_prefix + opening, self._number(numbered)))
            for paragraph in rest:
                self.emit(self.para(paragraph))
            return
        indent = _QUOTE_INDENT
        number = self._number(numbered)
        self.emit(self.para(lede_prefix + first, number.ljust(len(indent)), indent))
        for paragraph in rest:
            self.emit(self.para(paragraph, indent, indent))
        if block.attribution:
            self.emit(self.para(f"— {block.attribution}", indent, indent))

    def list_item(self, marker: str, item: Any) -> list[str]:
        return self._wrap(_text(item), marker, " " * display_width(marker))


def _text(runs: Any) -> str:
    """Inline runs as plain text; a link whose text differs from its target keeps the
    target in angle brackets after it, so the URL is not lost on paper."""
    parts = []
    for run in runs:
        parts.append(run.text)
        if run.href and run.href.removeprefix("mailto:") not in run.text:
            parts.append(f" <{run.href.removeprefix('mailto:')}>")
    return "".join(parts)


def _identity(text: str) -> str:
    return text


def _nbsp_to_space(line: str) -> str:
    return (
        line.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ").replace("\t", " ")
    )


_QUOTE_INDENT = "    "
