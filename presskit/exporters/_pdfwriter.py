"""The PDF writer: one release laid out and drawn with reportlab (see
:mod:`presskit.exporters.pdf`, which imports this module only when a PDF is rendered, so
that choosing the formats of a build does not import reportlab).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, assert_never

import attrs

from presskit.errors import ExportError
from presskit.exporters._pdfdoc import doc_template_class, footer_canvas, outlined
from presskit.exporters._pdffinish import finish
from presskit.exporters._pdffonts import choose_book
from presskit.exporters._pdfgrid import row_class
from presskit.exporters._pdfkeep import keep_headings, keep_with_previous
from presskit.exporters._pdfstyles import BlockStyle, block_styles
from presskit.exporters._pdftags import StoryTree, StructElem, Tagged
from presskit.exporters._pdftext import TextBlock, glyph_writer
from presskit.exporters._pdftheme import pdf_theme, rgb
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
    quote_credit,
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
from presskit.profiles import resolve_profile
from presskit.scripts import is_rtl_text
from presskit.textutils import bare_links
from presskit.theme import default_theme
from presskit.typesetting import typeset
from presskit.typesetting.types import Span
from presskit.uri import absolute_link

if TYPE_CHECKING:
    from presskit.typesetting.faces import FontBook


if TYPE_CHECKING:
    from presskit.exporters.pdf import PdfOptions

__all__ = ["PdfWriter"]

_SCRIPT_NAMES = {
    "Arab": "Arabic", "Hebr": "Hebrew", "Syrc": "Syriac", "Thaa": "Thaana", "Nkoo": "N'Ko",
    "Hani": "Chinese (Han)", "Hang": "Korean (Hangul)", "Hira": "Japanese (Hiragana)",
    "Kana": "Japanese (Katakana)", "Thai": "Thai", "Taml": "Tamil", "Laoo": "Lao",
    "Khmr": "Khmer", "Mymr": "Burmese", "Deva": "Devanagari", "Beng": "Bengali",
    "Sinh": "Sinhala", "Latn": "Latin", "Cyrl": "Cyrillic", "Grek": "Greek",
    "Zsym": "symbol or emoji",
}  # fmt: skip
_PAPER = {"a4": (595.2756, 841.8898), "letter": (612.0, 792.0)}  # points
_LOGO_GAP = 17.0  # points between logos (6 mm)
_ALIGN = {"left": 0.0, "center": 0.5, "right": 1.0}  # the logos' row, in the frame


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


class PdfWriter:
    """One release written as PDF: ``PdfWriter(release, options).render()`` gives the
    bytes (see :class:`presskit.exporters.pdf.PdfExporter`)."""

    def __init__(self, release: PressRelease, options: PdfOptions) -> None:
        self.release = release
        self.options = options
        self.layout: Layout = layout(
            release, resolve_profile(options.profile, release), options.now
        )
        self.theme = pdf_theme(options.theme or default_theme())
        self.tags = StoryTree()  # the structure tree (tagged PDF), new with each story
        self.masthead: list[StructElem] = []  # the logos' Figures, the names' P
        self.widest_number: str | None = None  # the body's widest paragraph number
        self._styles: dict[tuple[str, bool, bool], Any] = {}

    # --- fonts and text ---

    def _fonts(self) -> FontBook:
        text = "".join(_all_text(self.release))
        return choose_book(text, self.release.language, self.theme["fonts"], self.options,
                           _SCRIPT_NAMES)  # fmt: skip

    def spans(self, runs: Inline | Sequence[Run]) -> list[Span]:
        """The typesetter's spans for some runs: bold and italic as the runs ask, links
        (bare URLs and e-mail addresses made links too) in the link colour, relative
        links made absolute against the release's canonical URL (a relative link with no
        page to resolve against stays text)."""
        colour = self.theme["colours"]["link"]
        out = []
        for run in _with_links(runs):
            href = None if run.href is None else absolute_link(run.href, self.release.canonical_url)
            out.append(Span(run.text, bold=run.strong, italic=run.emphasis, href=href,
                            colour=colour if href is not None else None))  # fmt: skip
        return out

    def para(
        self,
        style: str,
        text_or_runs: str | Inline | Sequence[Run],
        tag: str | None = "P",
        *,
        bullet: str | None = None,
        widest: str | None = None,
    ) -> TextBlock:
        """A paragraph of ``text_or_runs`` in the block style ``style``, the content of a
        new ``tag`` element (or of the element left open for it,
        :meth:`StoryTree.element`); ``tag=None``: of none (drawn inside an artifact). A
        ``bullet`` of a list item (``LBody``) is its label (``Lbl``, before the body);
        the text is indented at least past the ``widest`` label of its list and half an
        em, so that ``(10)`` and ``1000.`` never run into it. A right-to-left paragraph
        has its indents mirrored."""
        runs = (Run(text_or_runs),) if isinstance(text_or_runs, str) else text_or_runs
        chosen = self.styles[style]
        left, right = chosen.left_indent, chosen.right_indent
        if bullet is not None:
            need = chosen.bullet_indent + self._label_width(widest or bullet, chosen)
            left = max(left, need + chosen.text.size * 0.5)
        if chosen.text.direction == "rtl" or is_rtl_text("".join(r.text for r in runs)):
            left, right = right, left
        elem = None if tag is None else self.tags.element(tag)
        label = None
        body = elem if bullet is not None else None
        while body is not None and body.role != "LBody":  # (a quote's LI > LBody > P)
            body = body.parent
        if body is not None:
            label = self.tags.label(body)
        return TextBlock(
            self.spans(runs), chosen.text, self.book,
            left_indent=left, right_indent=right, space_before=chosen.space_before,
            space_after=chosen.space_after, bullet=bullet, bullet_indent=chosen.bullet_indent,
            keep_with_next=chosen.keep_with_next, elem=elem, bullet_elem=label,
        )  # fmt: skip

    def _label_width(self, label: str, style: BlockStyle) -> float:
        """The width of a list label or paragraph number set in ``style`` (points)."""
        lines = typeset([Span(label)], style.text, 10_000.0, self.book).lines
        return max((line.width for line in lines), default=0.0)

    # --- the document ---

    def render(self) -> bytes:
        from reportlab.lib.units import mm
        from reportlab.platypus import Frame, PageTemplate

        self.book = self._fonts()
        self.styles = block_styles(self.theme, self.release.language)
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
        self.footer_baseline = bottom / 2
        # One pass: "Page X of Y" is a form XObject on every page, defined once the last
        # page is known (R15; _pdfdoc.footer_canvas)
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
        )  # fmt: skip
        doc.addPageTemplates(
            [
                PageTemplate(
                    "First", [first], onPage=self._first_page, autoNextPageTemplate="Later"
                ),
                PageTemplate("Later", [later], onPage=self._later_page),
            ]
        )
        doc.build(self.story(), canvasmaker=footer_canvas(stamp, self._draw_footer,
                                                          self._page_label))  # fmt: skip
        return finish(buffer.getvalue(), glyph_writer(doc.canv), self.tags.tagger,
                      title=release.headline, language=release.language)  # fmt: skip

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
            image.drawHeight = self.theme["logo_height_mm"] * mm
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
            row = sum(i.drawWidth for i in self._logos) + _LOGO_GAP * (len(self._logos) - 1)
            x = left + (self.frame_width - row) * _ALIGN[self.theme["logo_align"]]
            for image, figure in zip(self._logos, self.masthead, strict=False):
                Tagged(image, figure).drawOn(canvas, x, y - image.drawHeight)
                x += image.drawWidth + _LOGO_GAP
            y -= logo_height + 3 * mm
        _, h = self._issuers_para.wrap(self.frame_width, 1000)
        self._issuers_para.elem = self.masthead[-1]
        self._issuers_para.drawOn(canvas, left, y - h)
        y -= h + 2 * mm
        canvas.setStrokeColorRGB(*rgb(self.theme["colours"]["rule"]))
        canvas.setLineWidth(0.5)
        with tagger.artifact(canvas, "Layout"):
            canvas.line(left, y, left + self.frame_width, y)
        canvas.restoreState()

    def _draw_footer(self, canvas: Any, label: str, page_width: float) -> None:
        """Draw the footer's words (``label``) centred at the foot of the page."""
        block = self.para("Footer", label, tag=None)  # (inside an artifact)
        _, height = block.wrap(page_width, 1000)
        block.drawOn(canvas, 0, self.footer_baseline - height + block.lines(page_width)[0].baseline)

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

    def _page_label(self, page: int, pages: int) -> str:
        return self.layout.label("page_of").format(page=page, pages=pages)

    def story(self) -> list[Any]:
        """The flowables of every part, in print order, with what must stay together
        across a page break kept together (:mod:`._pdfkeep`)."""
        self.flowables: list[Any] = []
        start = 0
        self.tags = StoryTree()
        # the first page's masthead: the logos, then the issuers' names
        self.masthead = [self.tags.element("Figure", alt=i._presskit_alt) for i in self._logos]
        self.masthead.append(self.tags.element("P"))
        for part in self.layout.parts:
            # where the flowables of the part before this one begin
            self._previous_part_start, start = start, len(self.flowables)
            self.part(part)
        return keep_headings(self.flowables)

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
                numbers = [item.number for item in part.blocks if item.number is not None]
                self.widest_number = _bullet(max(numbers, default=None))
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
                heading = self.para("ContactsHeading", part.title, self.tags.heading(2))
                title = outlined(heading, part.heading, 1)
                with self.tags.within("L"):
                    contacts = [title, *self._contact_rows(part.contacts)]
                # never alone on the last page: kept with the part before (R13)
                start = self._previous_part_start
                self.flowables[start:] = keep_with_previous(self.flowables[start:], contacts)
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
        from reportlab.platypus import Spacer

        match block:
            case Paragraph():
                base = style or ("Numbered" if number is not None else "Body")
                bullet = _bullet(number)
                self.add(self.para(base, (*_dateline_runs(dateline), *block.runs),
                                   bullet=bullet, widest=self.widest_number))  # fmt: skip
            case Heading():
                level = min(block.level, 4)
                # kept with the first lines of what follows (R13, _pdfkeep.keep_headings)
                role = self.tags.heading(level + 1)
                self.add(outlined(self.para(f"Heading{level}", block.runs, role), block.text,
                                   min(level, 2)))  # fmt: skip
            case Quote():
                self.quote(block, number, dateline)
            case BulletList():
                with self.tags.within("L"):
                    for item in block.items:
                        with self.tags.within("LI", "LBody", slot=True):
                            self.add(self.para("ListItem", item, bullet="•"))
                self.add(Spacer(1, self.styles["Body"].space_after * 0.6))
            case NumberedList():
                with self.tags.within("L"):
                    last = f"({block.start + len(block.items) - 1})"
                    for n, item in enumerate(block.items, start=block.start):
                        with self.tags.within("LI", "LBody", slot=True):
                            self.add(self.para("ListItem", item, bullet=f"({n})", widest=last))
                self.add(Spacer(1, self.styles["Body"].space_after * 0.6))
            case _:
                assert_never(block)

    def quote(self, block: Quote, number: int | None, dateline: str | None) -> None:
        """Set apart and indented; the quoted words in italics, a lead-in upright; credited
        below only when there is no lead-in (:func:`~presskit.layout.quote_credit`)."""
        with self.tags.within("BlockQuote"):
            self._quote(block, number, dateline)

    def _quote(self, block: Quote, number: int | None, dateline: str | None) -> None:
        bullet = _bullet(number)
        for index, runs in enumerate(block.paragraphs):
            quoted = tuple(attrs.evolve(r, emphasis=True) for r in runs)
            if index == 0:
                lead = (Run(lead_in(block.lead_in)),) if block.lead_in else ()
                self.add(self.para("Quote", (*_dateline_runs(dateline), *lead, *quoted),
                                   bullet=bullet, widest=self.widest_number))  # fmt: skip
            else:
                self.add(self.para("Quote", quoted))
        credit = quote_credit(block)
        if credit:
            self.add(self.para("QuoteAttribution", credit))

    def _contact_rows(self, contacts: Sequence[Sequence[ContactLine]]) -> list[Any]:
        """The contacts two to a row (one column when there is one contact)."""
        columns = 2 if len(contacts) > 1 else 1
        cells = [self._contact_cell(c) for c in contacts]
        width = self.frame_width / columns
        gap = 8.0  # points between the columns
        return [
            row_class()(cells[i : i + columns], width, gap=gap, space_after=gap)
            for i in range(0, len(cells), columns)
        ]

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
