"""``pdf``: a print-ready, searchable PDF (reportlab platypus), in every script of the
region.

The parts, their order and labels follow the profile (:mod:`presskit.profiles`), as in
every other format. The pitfalls listed in ../shared/reference/docx-pdf.md section 2 are
handled:

* text is escaped before reportlab's paragraph markup sees it, and line breaks become
  ``<br/>`` (R01, R02, R03): ``&``, ``<``, ``>`` and ``"Name <e-mail>"`` come out as
  written;
* every character is drawn with an embedded TrueType font, one family per script
  (:mod:`presskit.fonts`), never a standard-14 font (R04, R05, R06); a script with no
  font gives a :class:`~presskit.errors.PresskitWarning` naming it;
* Tamil, Thai and other complex scripts are shaped with HarfBuzz (R07); in a shaped
  paragraph every word is drawn in one font, because reportlab shapes a word with the
  font of its first piece; Thai, Lao, Khmer and Burmese lines are broken by presskit at
  ICU's word boundaries (reportlab breaks only at spaces, R10); Chinese and Japanese
  wrap between ideographs;
* right-to-left text (Arabic, Hebrew) raises
  :class:`~presskit.errors.UnsupportedContentError`: reportlab's bidi support needs
  ``rlbidi``, which is not on PyPI (R09); the build skips that PDF with a warning and
  writes the other formats (the DOCX has right-to-left paragraphs);
* long URLs break only inside the frame; table cells are paragraphs (R11, R14); images
  are scaled to fit (R14); headings stay with the text that follows (R13);
* "Page X of Y" is drawn after the last page is known (R15); the outline never skips a
  level (R16);
* the bytes are the same on every build: reportlab's invariant mode, with the creation
  date set from the release (or ``SOURCE_DATE_EPOCH``) (R17);
* the PDF is tagged (R18): a structure tree (headings, lists, quotes, figures, links)
  with header, footer and page numbers as artifacts, written by
  :mod:`presskit.exporters._pdftags` after reportlab has saved the file.

Not claimed: PDF/A.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, assert_never
from xml.sax.saxutils import escape, quoteattr

import attrs

from presskit.errors import ExportError, UnsupportedContentError
from presskit.exporters import Exporter, ExporterOptions
from presskit.exporters._pdfdoc import doc_template_class, footer_canvas, outlined
from presskit.exporters._pdffonts import one_font_per_word
from presskit.exporters._pdflines import paragraph_class
from presskit.exporters._pdftags import StoryTree, StructElem, Tagged, finish
from presskit.exporters._pdftheme import default_theme, merged_theme, rgb
from presskit.layout import (
    Body,
    Boilerplates,
    ContactLine,
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
)
from presskit.model import (
    Block,
    BulletList,
    Heading,
    Inline,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
    Run,
)
from presskit.profiles import check_profile, get_profile
from presskit.scripts import script_of, scripts_in
from presskit.textutils import bare_links
from presskit.uri import absolute_link

if TYPE_CHECKING:
    from presskit.fonts import FontSet

__all__ = ["PdfExporter", "PdfOptions"]

_RTL = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"})
_SHAPED = frozenset(
    {"Taml", "Deva", "Beng", "Guru", "Gujr", "Orya", "Telu", "Knda", "Mlym", "Sinh",
     "Thai", "Laoo", "Khmr", "Mymr", "Tibt"}
)  # fmt: skip
_NO_SPACES = frozenset({"Thai", "Laoo", "Khmr", "Mymr"})
_IDEOGRAPHIC = frozenset({"Hani", "Hira", "Kana", "Hrkt", "Bopo", "Hang"})
_SCRIPT_NAMES = {
    "Arab": "Arabic", "Hebr": "Hebrew", "Syrc": "Syriac", "Thaa": "Thaana", "Nkoo": "N'Ko",
    "Hani": "Chinese (Han)", "Hang": "Korean (Hangul)", "Hira": "Japanese (Hiragana)",
    "Kana": "Japanese (Katakana)", "Thai": "Thai", "Taml": "Tamil", "Laoo": "Lao",
    "Khmr": "Khmer", "Mymr": "Burmese", "Deva": "Devanagari", "Beng": "Bengali",
    "Sinh": "Sinhala", "Latn": "Latin", "Cyrl": "Cyrillic", "Grek": "Greek",
}  # fmt: skip
_PAPER = {"a4": (595.2756, 841.8898), "letter": (612.0, 792.0)}  # points
_LOGO_GAP = 17.0  # points between logos (6 mm)


def _paper(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value not in _PAPER:
        raise ExportError(f"option paper must be one of {', '.join(_PAPER)}, got {value!r}")


def _paths(value: Iterable[str | Path] | str | Path) -> tuple[Path, ...]:
    if isinstance(value, str | Path):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str | Path) for v in value):
        raise ExportError(f"option font_dirs must be a folder or a list of folders, got {value!r}")
    return tuple(Path(v).expanduser() for v in value)


def _font_table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ExportError(f"option fonts must be a table of script = font file, got {value!r}")
    return dict(value)


@attrs.frozen(kw_only=True)
class PdfOptions(ExporterOptions):
    """Options of the ``pdf`` exporter.

    Attributes:
        profile: ``"sg"`` (default), ``"us"`` or ``"uk"``.
        paper: ``"a4"`` or ``"letter"``; ``None`` for the profile's (Letter for ``us``,
            A4 otherwise).
        font_dirs: folders searched for the theme's font files before the system ones.
        fonts: script (ISO 15924, ``"Hani"``, ``"Taml"``) -> a TrueType font file (the
            regular face) or a table of faces (``{"regular": ..., "bold": ...,
            "italic": ..., "bold_italic": ...}``), used instead of the theme's candidates.
        theme: a TOML file whose ``[pdf]`` table overrides the default theme's, key by
            key (``base_size``, ``leading``, ``margins_mm``, ``colours``, ``fonts``); see
            presskit/themes/default/theme.toml.
    """

    profile: str = attrs.field(default="sg", validator=check_profile)
    paper: str | None = attrs.field(default=None, validator=_paper)
    font_dirs: tuple[Path, ...] = attrs.field(default=(), converter=_paths)
    fonts: dict[str, Any] = attrs.field(factory=dict, converter=_font_table)
    theme: Path | None = attrs.field(default=None, converter=attrs.converters.optional(Path))


class PdfExporter(Exporter[PdfOptions]):
    """PDF (see the module documentation)."""

    name: ClassVar[str] = "pdf"
    media_type: ClassVar[str] = "application/pdf"
    extension: ClassVar[str] = "pdf"
    binary: ClassVar[bool] = True
    Options: ClassVar[type[PdfOptions]] = PdfOptions
    description: ClassVar[str] = "print-ready PDF with embedded fonts"

    def render(self, release: PressRelease, options: PdfOptions) -> bytes:
        return _Writer(release, options).render()


def _all_text(release: PressRelease) -> Iterator[str]:
    """Every string of the release that the PDF prints."""
    yield release.headline
    if release.subheadline:
        yield release.subheadline
    yield release.dateline.place
    for issuer in release.issuers:
        yield issuer.name
        yield issuer.short_name
    blocks: list[Block] = [*release.body, *release.notes_to_editors]
    for notice in release.notices:
        blocks += notice.body
    for boilerplate in release.boilerplates:
        yield boilerplate.heading
        blocks += boilerplate.body
    for block in blocks:
        match block:
            case Paragraph() | Heading():
                yield block.text
            case Quote():
                yield block.text
                yield from (s for s in (block.lead_in, block.attribution) if s)
            case BulletList() | NumberedList():
                yield from ("".join(r.text for r in item) for item in block.items)
            case _:
                assert_never(block)
    for contact in release.media_contacts:
        yield from (
            v
            for v in (contact.name, contact.honorific, contact.title, contact.department,
                      contact.organisation, contact.email, contact.phone)
            if v
        )  # fmt: skip
    for correction in release.corrections:
        yield correction.text


class _Writer:
    def __init__(self, release: PressRelease, options: PdfOptions) -> None:
        self.release = release
        self.options = options
        self.layout: Layout = layout(release, get_profile(options.profile), options.now)
        self.theme = merged_theme(default_theme(), options.theme)
        self.cell_width: float | None = None  # set while filling a table cell
        self.tags = StoryTree()  # the structure tree (tagged PDF), new with each story
        self.masthead: list[StructElem] = []  # the logos' Figures, the names' P
        self._styles: dict[tuple[str, bool, bool], Any] = {}

    # --- fonts and text ---

    def _fonts(self) -> FontSet:
        from presskit.exporters._pdffonts import choose_fonts

        text = "".join(_all_text(self.release))
        scripts = {script_of(ch) for ch in set(text)}
        rtl = sorted(scripts & _RTL)
        if rtl:
            names = ", ".join(_SCRIPT_NAMES.get(s, s) for s in rtl)
            raise UnsupportedContentError(
                f"pdf: right-to-left text ({names}) is not supported: reportlab needs the "
                "rlbidi module for it, which is not on PyPI; export this release as docx"
            )
        return choose_fonts(text, scripts, self.theme["fonts"], self.options, _SCRIPT_NAMES)

    def markup(self, runs: Inline | Sequence[Run], style: Any = None) -> str:
        """reportlab paragraph markup for some runs: escaped text in the font that has its
        glyphs (the bold or italic face where the run or ``style`` asks for it), <b>,
        <i> and <a>, and links for bare URLs and e-mail addresses.

        Text in scripts written without spaces (Thai, Lao, Khmer, Burmese) is broken into
        lines here, at ICU's word boundaries, because reportlab's shaped line breaking
        cannot do it: it breaks only at spaces, and prints a zero-width space as a space
        (R10). The lines are joined with <br/>."""
        runs = _with_links(runs)
        base_bold, base_italic = self._style_faces(style)
        plain = "".join(run.text for run in runs)
        shaped = bool(getattr(style, "shaping", 0))
        if style is not None and any(script_of(ch) in _NO_SPACES for ch in set(plain)):
            return self._broken_lines(runs, style, base_bold, base_italic)
        return "".join(
            self._run_markup(run, run.text, base_bold, base_italic, shaped) for run in runs
        )

    def _style_faces(self, style: Any) -> tuple[bool, bool]:
        if style is None:
            return False, False
        latin = self.fonts.latin
        for bold in (False, True):
            for italic in (False, True):
                if style.fontName == latin.face(bold, italic):
                    return bold, italic
        return False, False

    def _run_markup(
        self, run: Run, text: str, base_bold: bool, base_italic: bool, shaped: bool = False
    ) -> str:
        bold, italic = base_bold or run.strong, base_italic or run.emphasis
        inner = self._text(text, bold=bold, italic=italic, url=run.href is not None, shaped=shaped)
        # (a relative link with no page to resolve against stays text: reportlab would
        # take it for a destination inside the PDF, which does not exist)
        href = None if run.href is None else absolute_link(run.href, self.release.canonical_url)
        if href is not None:
            colour = "#" + self.theme["colours"]["link"]
            inner = f"<a href={quoteattr(href)} color={quoteattr(colour)}>{inner}</a>"
        if run.emphasis:
            inner = f"<i>{inner}</i>"
        if run.strong:
            inner = f"<b>{inner}</b>"
        return inner

    def _text(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        url: bool = False,
        shaped: bool = False,
    ) -> str:
        """Escaped text with each piece in the face that has its glyphs. In a long URL
        (``url``) a zero-width space after ``/``, ``?``, ``&`` and ``=`` lets the address
        break at a sensible place inside the frame (R11); the link target is unchanged."""
        # (not in a shaped paragraph: there reportlab prints a zero-width space as a space)
        if url and not shaped and len(text) > 30 and "@" not in text:
            text = re.sub(r"(?<=[/?&=])(?=.)", "\u200b", text)
        pieces = [
            (family, piece)
            for script, chunk in scripts_in(text)
            for family, piece in self.fonts.runs(script, chunk)
        ]
        if shaped:
            pieces = one_font_per_word(pieces, self.fonts.latin)
        out = []
        for family, piece in pieces:
            body = escape(piece).replace("\n", "<br/>")
            if family is self.fonts.latin:
                out.append(body)
            else:
                out.append(f'<font face="{family.face(bold, italic)}">{body}</font>')
        return "".join(out)

    def _broken_lines(self, runs: Sequence[Run], style: Any, bold: bool, italic: bool) -> str:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from presskit.textutils import word_segments

        size = style.fontSize
        frame = self.cell_width or self.frame_width
        available = (frame - style.leftIndent - style.rightIndent) * 0.97

        def measure(text: str, bold: bool, italic: bool) -> float:
            return float(
                sum(
                    stringWidth(piece, family.face(bold, italic), size)
                    for script, chunk in scripts_in(text)
                    for family, piece in self.fonts.runs(script, chunk)
                )
            )

        def family(char: str) -> Any:
            (script, chunk), *_ = scripts_in(char)
            return next(iter(self.fonts.runs(script, chunk)))[0]

        lines: list[list[str]] = [[]]
        used = 0.0
        last: Any = None  # the font of the last character on the line, if not a space
        for run in runs:
            b, i = bold or run.strong, italic or run.emphasis
            for piece in word_segments(run.text, self.release.language):
                for hard_index, part in enumerate(piece.split("\n")):
                    if hard_index:
                        lines.append([])
                        used = 0.0
                        last = None
                    if not part:
                        continue
                    # a trailing space may hang past the margin
                    if lines[-1] and used + measure(part.rstrip(), b, i) > available:
                        lines.append([])
                        used = 0.0
                        last = None
                        part = part.lstrip()
                        if not part:
                            continue
                    # reportlab shapes a word (text between spaces) in the font of its
                    # first piece: where two segments meet in different fonts with no
                    # space between (Tamil, then a Thai mark), a hair space parts them
                    first = family(part[0]) if not part[0].isspace() else None
                    if last is not None and first is not None and first is not last:
                        part = "\u200a" + part
                    lines[-1].append(self._run_markup(run, part, bold, italic, shaped=True))
                    used += measure(part, b, i)
                    last = family(part[-1]) if not part[-1].isspace() else None
        return "<br/>".join("".join(line) for line in lines)

    # --- styles ---

    def style(self, name: str, text: str = "") -> Any:
        """The paragraph style ``name``, shaped when ``text`` needs it, with CJK
        wrapping when it holds ideographs."""
        scripts = {script_of(ch) for ch in set(text)}
        shaped = bool(scripts & _SHAPED)
        # reportlab does not shape a paragraph with CJK wrapping: shaping wins, and long
        # runs of ideographs are then split where the line ends (splitLongWords)
        cjk = bool(scripts & _IDEOGRAPHIC) and not shaped
        key = (name, shaped, cjk)
        if key not in self._styles:
            base = self.base_styles[name]
            self._styles[key] = (
                base.clone(f"{name}-{int(shaped)}{int(cjk)}", shaping=int(shaped),
                           wordWrap="CJK" if cjk else None)
                if shaped or cjk else base
            )  # fmt: skip
        return self._styles[key]

    def _base_styles(self) -> dict[str, Any]:
        from reportlab.lib.colors import HexColor
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        size = float(self.theme["base_size"])
        lead = float(self.theme["leading"])
        accent = HexColor("#" + self.theme["colours"]["accent"])
        muted = HexColor("#" + self.theme["colours"]["muted"])
        regular = self.fonts.latin.face(False, False)
        bold = self.fonts.latin.face(True, False)
        italic = self.fonts.latin.face(False, True)
        body = ParagraphStyle(
            "Body", fontName=regular, fontSize=size, leading=size * lead, spaceAfter=size * 0.7,
            allowWidows=0, allowOrphans=0,
        )  # fmt: skip

        def derive(name: str, **changes: Any) -> ParagraphStyle:
            return ParagraphStyle(name, parent=body, **changes)

        styles = {
            "Body": body,
            "Status": derive("Status", fontName=bold, fontSize=size * 0.9, textColor=muted,
                             spaceAfter=size),
            "Notice": derive("Notice", fontName=italic),
            "Headline": derive("Headline", fontName=bold, fontSize=size * 1.9,
                               leading=size * 1.9 * 1.2, textColor=accent, spaceAfter=size * 0.5),
            "Subheadline": derive("Subheadline", fontName=italic, fontSize=size * 1.2,
                                  leading=size * 1.2 * 1.3, textColor=muted, spaceAfter=size),
            "Dateline": derive("Dateline", fontName=bold, spaceBefore=size * 0.9),
            "Numbered": derive("Numbered", leftIndent=size * 2.4, bulletIndent=0,
                               bulletFontName=regular),
            "Heading1": derive("Heading1", fontName=bold, fontSize=size * 1.25,
                               leading=size * 1.25 * 1.25, textColor=accent,
                               spaceBefore=size * 1.1, spaceAfter=size * 0.5, keepWithNext=0),
            "Heading2": derive("Heading2", fontName=bold, fontSize=size * 1.1, textColor=accent,
                               spaceBefore=size * 0.8, spaceAfter=size * 0.4, keepWithNext=0),
            "Heading3": derive("Heading3", fontName=bold, spaceBefore=size * 0.6, keepWithNext=0),
            "Heading4": derive("Heading4", fontName=italic, spaceBefore=size * 0.6,
                               keepWithNext=0),
            "Quote": derive("Quote", leftIndent=size * 2.4,
                            rightIndent=size * 2.4, spaceAfter=size * 0.3, bulletIndent=0,
                            bulletFontName=regular),
            "QuoteAttribution": derive("QuoteAttribution", leftIndent=size * 2.4,
                                       textColor=muted, spaceAfter=size * 0.9),
            "ListItem": derive("ListItem", leftIndent=size * 3.6, bulletIndent=size * 2.4,
                               spaceAfter=size * 0.25, bulletFontName=regular),
            "LastUpdated": derive("LastUpdated", fontSize=size * 0.9, textColor=muted,
                                  spaceBefore=size * 0.5),
            "Corrections": derive("Corrections", fontName=italic, fontSize=size * 0.9),
            "JointlyIssued": derive("JointlyIssued", fontName=italic),
            "EndMark": derive("EndMark", fontName=bold, alignment=TA_CENTER,
                              spaceBefore=size, spaceAfter=size),
            "NotesHeading": derive("NotesHeading", fontName=bold, spaceBefore=size,
                                   keepWithNext=1),
            "BoilerplateHeading": derive("BoilerplateHeading", fontName=bold,
                                         spaceBefore=size, spaceAfter=size * 0.3, keepWithNext=1),
            "Boilerplate": derive("Boilerplate", fontSize=size * 0.92,
                                  leading=size * 0.92 * lead),
            "ContactsHeading": derive("ContactsHeading", fontName=bold, spaceBefore=size * 1.2,
                                      spaceAfter=size * 0.5, keepWithNext=1),
            "Contact": derive("Contact", fontSize=size * 0.92, leading=size * 0.92 * 1.3,
                              spaceAfter=0),
            "Header": derive("Header", fontSize=size * 0.8, leading=size, textColor=muted,
                             spaceAfter=0),
            "HeaderIssuers": derive("HeaderIssuers", fontName=bold, fontSize=size * 0.85,
                                    leading=size * 1.05, textColor=accent, spaceAfter=0),
        }  # fmt: skip
        return styles

    def para(
        self, style: str, text_or_runs: str | Inline, tag: str | None = "P", **kwargs: Any
    ) -> Any:
        """A paragraph in ``style``, the content of a new ``tag`` element (or of the
        element left open for it, :meth:`StoryTree.element`); ``tag=None``: of none
        (drawn inside an artifact)."""
        runs = (Run(text_or_runs),) if isinstance(text_or_runs, str) else text_or_runs
        plain = "".join(r.text for r in runs)
        chosen = self.style(style, plain)
        flowable = paragraph_class()(self.markup(runs, chosen), chosen, **kwargs)
        return flowable if tag is None else Tagged(flowable, self.tags.element(tag))

    # --- the document ---

    def render(self) -> bytes:
        from reportlab.lib.units import mm
        from reportlab.platypus import Frame, PageTemplate

        self.fonts = self._fonts()
        self.base_styles = self._base_styles()
        release = self.release
        paper = self.options.paper or self.layout.profile.paper
        width, height = _PAPER[paper]
        margins = self.theme["margins_mm"]
        left, right = margins["left"] * mm, margins["right"] * mm
        top, bottom = margins["top"] * mm, margins["bottom"] * mm
        self.page_size = (width, height)
        self.frame_width = width - left - right
        header_height = self._first_header_height()
        first = Frame(
            left,
            bottom,
            self.frame_width,
            height - top - bottom - header_height,
            id="first",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        later = Frame(left, bottom, self.frame_width, height - top - bottom, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        stamp = self._timestamp()
        footer = (self.fonts.latin.face(False, False), float(self.theme["base_size"]) * 0.8,
                  "#" + self.theme["colours"]["muted"], bottom / 2)  # fmt: skip
        # Two passes: the first counts the pages for "Page X of Y" (R15); drawing the
        # total after the fact instead would put every bookmark on page 1.
        total = None
        for _ in range(2):
            buffer = io.BytesIO()
            doc = doc_template_class()(
                buffer,
                pagesize=self.page_size,
                leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
                title=release.headline,
                author="; ".join(i.name for i in release.issuers),
                subject=release.subheadline or self.layout.label("document.subject"),
                keywords=list(release.tags),
                creator="presskit",
                producer="presskit (reportlab)",
                lang=release.language,
                invariant=1,
                initialFontName=self.fonts.latin.face(False, False),
                initialFontSize=float(self.theme["base_size"]),
            )  # fmt: skip
            doc.addPageTemplates(
                [
                    PageTemplate(
                        "First", [first], onPage=self._first_page, autoNextPageTemplate="Later"
                    ),
                    PageTemplate("Later", [later], onPage=self._later_page),
                ]
            )
            canvas_class = footer_canvas(stamp, *footer, total, self._page_label)
            doc.build(self.story(), canvasmaker=canvas_class)
            if total == canvas_class.pages:
                break
            total = canvas_class.pages
        return finish(buffer.getvalue(), self.tags.tagger, title=release.headline,
                      language=release.language)  # fmt: skip

    def _timestamp(self) -> dt.datetime:
        if self.options.source_date_epoch is not None:
            return dt.datetime.fromtimestamp(self.options.source_date_epoch, dt.UTC)
        return (self.release.updated_at or self.release.issued_at).astimezone(dt.UTC)

    # --- header and footer ---

    def _logo_flowables(self) -> list[Any]:
        from reportlab.lib.units import mm
        from reportlab.platypus import Image

        from presskit.assets import normalise_image
        from presskit.paths import AssetRoot

        images = []
        root = AssetRoot.or_cwd(self.options.asset_root)
        for issuer in self.release.issuers:
            if not issuer.logo:
                continue
            what = f"{issuer.name}'s logo"
            try:
                data = normalise_image(root.logo(issuer.logo, what), what)
            except ExportError as exc:
                raise ExportError(f"pdf: {exc}") from None
            image = Image(io.BytesIO(data))
            ratio = image.imageWidth / max(1, image.imageHeight)
            image.drawHeight = 14 * mm
            image.drawWidth = image.drawHeight * ratio
            image._presskit_alt = issuer.name  # the Figure's /Alt
            images.append(image)
        # one row: scale every logo down by the same factor when the row is too wide
        gaps = _LOGO_GAP * max(0, len(images) - 1)
        row = sum(i.drawWidth for i in images) + gaps
        if images and row > self.frame_width:
            factor = (self.frame_width - gaps) / (row - gaps)
            for image in images:
                image.drawWidth *= factor
                image.drawHeight *= factor
        return images

    def _first_header_height(self) -> float:
        from reportlab.lib.units import mm

        self._logos = self._logo_flowables()
        self._issuers_para = self.para(
            "HeaderIssuers",
            "\u00a0\u00a0|\u00a0 ".join(i.name for i in self.release.issuers),
            tag=None,  # tagged when drawn (_first_page)
        )
        _, names_height = self._issuers_para.wrap(self.frame_width, 1000)
        logos_height = float(max((i.drawHeight for i in self._logos), default=0))
        return float(logos_height + (3 * mm if self._logos else 0) + names_height + 6 * mm)

    def _first_page(self, canvas: Any, doc: Any) -> None:
        from reportlab.lib.units import mm

        tagger = self.tags.tagger.attach(canvas)
        canvas.saveState()
        left = doc.leftMargin
        y = self.page_size[1] - doc.topMargin
        if self._logos:
            logo_height = max(i.drawHeight for i in self._logos)
            x = left
            for image, figure in zip(self._logos, self.masthead, strict=False):
                Tagged(image, figure).drawOn(canvas, x, y - image.drawHeight)
                x += image.drawWidth + _LOGO_GAP
            y -= logo_height + 3 * mm
        _, h = self._issuers_para.wrap(self.frame_width, 1000)
        Tagged(self._issuers_para, self.masthead[-1]).drawOn(canvas, left, y - h)
        y -= h + 2 * mm
        canvas.setStrokeColorRGB(*rgb(self.theme["colours"]["rule"]))
        canvas.setLineWidth(0.5)
        with tagger.artifact(canvas, "Layout"):
            canvas.line(left, y, left + self.frame_width, y)
        canvas.restoreState()

    def _later_page(self, canvas: Any, doc: Any) -> None:
        from reportlab.lib.units import mm

        tagger = self.tags.tagger.attach(canvas)
        canvas.saveState()
        header = self.para("Header", self.layout.running_header, tag=None)
        _, h = header.wrap(self.frame_width, 1000)
        top = self.page_size[1] - doc.topMargin + 8 * mm
        with tagger.artifact(canvas, "Pagination", "Header"):
            header.drawOn(canvas, doc.leftMargin, top - h)
        canvas.restoreState()

    # --- the story ---

    def _page_label(self, page: int, pages: int | None) -> str:
        if pages:
            return self.layout.label("page_of").format(page=page, pages=pages)
        return self.layout.label("page").format(page=page)

    def story(self) -> list[Any]:
        self.flowables: list[Any] = []
        self.tags = StoryTree()
        # the first page's masthead: the logos, then the issuers' names
        self.masthead = [self.tags.element("Figure", alt=i._presskit_alt) for i in self._logos]
        self.masthead.append(self.tags.element("P"))
        for part in self.layout.parts:
            self.part(part)
        return self.flowables

    def add(self, flowable: Any) -> None:
        self.flowables.append(flowable)

    def part(self, part: LayoutPart) -> None:  # noqa: C901 (one case per layout part)
        match part:
            case Status():
                self.add(self.para("Status", part.text))
            case Notices():
                for block in part.blocks:
                    self.block(block, style="Notice")
            case Headline():
                self.add(outlined(self.para("Headline", part.text, self.tags.heading(1)),
                                  part.text, 0))  # fmt: skip
            case Subheadline():
                self.add(self.para("Subheadline", part.text))
            case Dateline():
                self.add(self.para("Dateline", part.text))
            case Body():
                for item in part.blocks:
                    with self.tags.numbered(item.number):
                        self.block(item.block, number=item.number, dateline=item.dateline)
                self.tags.end_list()
            case Corrections():
                for correction in part.items:
                    self.add(self.para("Corrections", f"{correction.lead} {correction.text}"))
            case LastUpdated():
                self.add(self.para("LastUpdated", part.text))
            case JointlyIssued():
                self.add(self.para("JointlyIssued", part.text))
            case EndMark():
                self.add(self.para("EndMark", part.text))
            case NotesToEditors():
                title = self.para("NotesHeading", part.title, self.tags.heading(2))
                self.add(outlined(title, part.heading, 1))
                for block in part.blocks:
                    self.block(block)
            case Boilerplates():
                self.boilerplates(part)
            case MediaContacts():
                title = self.para("ContactsHeading", part.title, self.tags.heading(2))
                self.add(outlined(title, part.heading, 1))
                with self.tags.within("L"):
                    self.add(self._contacts_table(part.contacts))
            case _:
                assert_never(part)

    def boilerplates(self, part: Boilerplates) -> None:
        level = 2 if part.in_notes else 1
        for boilerplate in part.items:
            heading = self.para("BoilerplateHeading", boilerplate.heading,
                                self.tags.heading(level + 1))  # fmt: skip
            self.add(outlined(heading, boilerplate.heading, level))
            for block in boilerplate.blocks:
                self.block(block, style="Boilerplate")

    # --- blocks ---

    def block(
        self,
        block: Block,
        *,
        style: str | None = None,
        number: int | None = None,
        dateline: str | None = None,
    ) -> None:
        from reportlab.platypus import CondPageBreak, Spacer

        match block:
            case Paragraph():
                base = style or ("Numbered" if number is not None else "Body")
                bullet = _bullet(number)
                self.add(self.para(base, (*_dateline_runs(dateline), *block.runs),
                                   bulletText=bullet))  # fmt: skip
            case Heading():
                level = min(block.level, 4)
                # room for the heading and three lines, or a new page: keepWithNext would
                # carry the whole next paragraph over and leave a gap (R13)
                body = self.base_styles["Body"]
                self.add(CondPageBreak(body.leading * 5 + body.spaceBefore))
                role = self.tags.heading(level + 1)
                self.add(outlined(self.para(f"Heading{level}", block.runs, role), block.text,
                                   min(level, 2)))  # fmt: skip
            case Quote():
                self.quote(block, number, dateline)
            case BulletList():
                with self.tags.within("L"):
                    for item in block.items:
                        with self.tags.within("LI", "LBody", slot=True):
                            self.add(self.para("ListItem", item, bulletText="•"))
                self.add(Spacer(1, self.base_styles["Body"].spaceAfter * 0.6))
            case NumberedList():
                with self.tags.within("L"):
                    for n, item in enumerate(block.items, start=block.start):
                        with self.tags.within("LI", "LBody", slot=True):
                            self.add(self.para("ListItem", item, bulletText=f"({n})"))
                self.add(Spacer(1, self.base_styles["Body"].spaceAfter * 0.6))
            case _:
                assert_never(block)

    def quote(self, block: Quote, number: int | None, dateline: str | None) -> None:
        """Set apart and indented; the quoted words in italics, a lead-in upright."""
        with self.tags.within("BlockQuote"):
            self._quote(block, number, dateline)

    def _quote(self, block: Quote, number: int | None, dateline: str | None) -> None:
        bullet = _bullet(number)
        for index, runs in enumerate(block.paragraphs):
            quoted = tuple(attrs.evolve(r, emphasis=True) for r in runs)
            if index == 0:
                lead = (Run(lead_in(block.lead_in)),) if block.lead_in else ()
                self.add(self.para("Quote", (*_dateline_runs(dateline), *lead, *quoted),
                                   bulletText=bullet))  # fmt: skip
            else:
                self.add(self.para("Quote", quoted))
        if block.attribution:
            self.add(self.para("QuoteAttribution", f"— {block.attribution}"))

    def _contacts_table(self, contacts: Sequence[Sequence[ContactLine]]) -> Any:
        from reportlab.platypus import Table, TableStyle

        columns = 2 if len(contacts) > 1 else 1
        self.cell_width = self.frame_width / columns - 8  # the cell's right padding
        cells = [self._contact_cell(c) for c in contacts]
        self.cell_width = None
        while len(cells) % columns:
            cells.append([])
        rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        width = self.frame_width / columns
        table = Table(rows, colWidths=[width] * columns, splitInRow=1, hAlign="LEFT")
        font = self.fonts.latin.face(False, False)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, float(self.theme["base_size"])),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]))  # fmt: skip
        return table

    def _contact_cell(self, lines: Sequence[ContactLine]) -> list[Any]:
        with self.tags.within("LI", "LBody"):
            return self._contact_lines(lines)

    def _contact_lines(self, lines: Sequence[ContactLine]) -> list[Any]:
        cell = []
        for line in lines:
            if line.kind == "name":
                runs: tuple[Run, ...] = (Run(line.text, strong=True),)
            elif line.href is not None:
                runs = (Run(line.label), Run(line.text, href=line.href))
            else:
                runs = (Run(line.text),)
            cell.append(self.para("Contact", runs))
        return cell


def _bullet(number: int | None) -> str | None:
    """A paragraph number as the paragraph's bullet (``"1."``), or ``None``."""
    return None if number is None else f"{number}."


def _dateline_runs(dateline: str | None) -> tuple[Run, ...]:
    return (Run(dateline, strong=True),) if dateline else ()


def _with_links(runs: Sequence[Run]) -> list[Run]:
    """The runs with bare URLs and e-mail addresses made into links."""
    out: list[Run] = []
    for run in runs:
        if run.href is not None:
            out.append(run)
            continue
        start = 0
        for begin, end, href in bare_links(run.text):
            if begin > start:
                out.append(attrs.evolve(run, text=run.text[start:begin]))
            out.append(attrs.evolve(run, text=run.text[begin:end], href=href))
            start = end
        if start < len(run.text):
            out.append(attrs.evolve(run, text=run.text[start:]))
    return out
