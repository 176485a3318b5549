"""``text``: press-wire copy, the release as plain text in a house style.

The text follows the release's :class:`~presskit.layout.Layout` in a house style
(``sg``, ``us`` or ``uk``, :mod:`presskit.profiles`): status line, headline, dateline,
body, end mark, notes to editors, boilerplates and media contacts, in the profile's order
and with its labels. Conventions:
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
from presskit.exporters._made import remember
from presskit.layout import (
    Body,
    Boilerplates,
    Corrections,
    Dateline,
    EndMark,
    Headline,
    JointlyIssued,
    LastUpdated,
    Layout,
    LayoutPart,
    MediaContacts,
    NotesToEditors,
    Notices,
    Status,
    Subheadline,
    layout,
    lead_in,
    quote_credit,
)
from presskit.model import (
    Block,
    BulletList,
    Heading,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
)
from presskit.profiles import PROFILES, check_profile, resolve_profile, style_name
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

    profile: str | None = attrs.field(default=None, validator=check_profile)
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
        # the style by name, so that the e-mail of the same style finds the file
        options = attrs.evolve(options, profile=style_name(options.profile, release))
        text = render_text(release, options)
        if options.line_ending == "crlf":
            text = text.replace("\n", "\r\n")
        data = text.encode("ascii" if options.ascii else "utf-8")
        remember(data, release, text_key(options))  # the e-mail reuses it (eml.py)
        return data


def text_key(options: TextOptions) -> tuple[object, ...]:
    """What the text file depends on besides the release (see :mod:`._made`)."""
    return ("text", options.profile, options.width, options.ascii, options.line_ending,
            options.now)  # fmt: skip


def render_text(release: PressRelease, options: TextOptions) -> str:
    """The release as press-wire text (LF line endings, final newline)."""
    laid_out = layout(release, resolve_profile(options.profile, release), options.now)
    return _Writer(laid_out, options).render()


class _Writer:
    def __init__(self, laid_out: Layout, options: TextOptions) -> None:
        self.layout = laid_out
        self.language = laid_out.language
        self.width = options.width
        self.tr: Callable[[str], str] = to_ascii if options.ascii else _identity
        self.blocks: list[list[str]] = []

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
                locale=self.language,
            )
        ]

    def render(self) -> str:
        for part in self.layout.parts:
            self.part(part)
        return "\n\n".join("\n".join(block) for block in self.blocks) + "\n"

    # --- parts ---

    def part(self, part: LayoutPart) -> None:  # noqa: C901 (one case per layout part)
        match part:
            case (
                Status() | Headline() | Subheadline() | Dateline() | LastUpdated() | JointlyIssued()
            ):
                self.emit(self.para(part.text))
            case Notices():
                for block in part.blocks:
                    self.block(block)
            case Body():
                for item in part.blocks:
                    self.block(item.block, number=item.number, lede_prefix=item.dateline or "")
            case Corrections():
                for correction in part.items:
                    self.emit(self.para(f"{correction.lead} {correction.text}"))
            case EndMark():
                mark = self.tr(part.text)  # "- 完 -" in ASCII copy too
                if part.centred:
                    mark = " " * max(0, (self.width - display_width(mark)) // 2) + mark
                self.emit([mark])
            case NotesToEditors():
                self.emit(self.para(part.title))
                for block in part.blocks:
                    self.block(block)
            case Boilerplates():
                for boilerplate in part.items:
                    self.emit(self.para(boilerplate.heading))
                    for block in boilerplate.blocks:
                        self.block(block)
            case MediaContacts():
                self.emit(self.para(part.title))
                for lines in part.contacts:
                    self.emit([out for line in lines for out in self.para(line.label + line.text)])
            case _:
                assert_never(part)

    # --- blocks ---

    def block(self, block: Block, *, number: int | None = None, lede_prefix: str = "") -> None:
        match block:
            case Paragraph():
                self.emit(self.para(lede_prefix + _text(block.runs), _number(number)))
            case Heading():
                self.heading(block)
            case Quote():
                self.quote(block, number, lede_prefix)
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

    def heading(self, block: Heading) -> None:
        lines = self.para(_text(block.runs))
        if block.level <= 2:
            rule = "=" if block.level == 1 else "-"
            lines.append(rule * max(display_width(line) for line in lines))
        self.emit(lines)

    def quote(self, block: Quote, number: int | None, lede_prefix: str) -> None:
        """A quote with a lead-in runs into the text (``Minister Teo said: “...”``); one
        without is set apart, indented by four spaces, and credited below: ``— Name,
        Title``."""
        first, *rest = [_text(p) for p in block.paragraphs]
        if block.lead_in is not None:
            opening = f"{lead_in(block.lead_in)}{first}"
            self.emit(self.para(lede_prefix + opening, _number(number)))
            for paragraph in rest:
                self.emit(self.para(paragraph))
            return
        indent = _QUOTE_INDENT
        self.emit(self.para(lede_prefix + first, _number(number).ljust(len(indent)), indent))
        for paragraph in rest:
            self.emit(self.para(paragraph, indent, indent))
        credit = quote_credit(block)
        if credit:
            self.emit(self.para(credit, indent, indent))

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


def _number(number: int | None) -> str:
    """A paragraph number as it opens the paragraph (``"1. "``), or ``""``."""
    return "" if number is None else f"{number}. "


def _identity(text: str) -> str:
    return text


def _nbsp_to_space(line: str) -> str:
    return line.translate(_SPACES) if not line.isascii() or "\t" in line else line


#: No-break spaces (NBSP, narrow NBSP, figure space) and tabs print as spaces.
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u202f\u2007\t", " "))


_QUOTE_INDENT = "    "
