"""``docx``: a Word document (Office Open XML, ECMA-376) a comms team can send as is.

Built with python-docx 1.2.0, with the gaps listed in ../shared/reference/docx-pdf.md
filled at the XML level: hyperlinks (D01), list numbering that restarts (D02), styles
missing from a template (D03), East Asian and complex-script fonts (D04, D05), right-to-
left paragraphs (D06), core properties (D08), page-number fields (D09), table cell
widths (D10), logos in WebP/SVG/CMYK JPEG (D11) and byte-identical output (D12).

Look and feel come from *styles*, never from direct formatting: every part of the
release has a named paragraph or character style (see :data:`STYLES`). The styles come
from a reference document: presskit's default, or the user's own ``.docx``
(``reference_doc=...``), the way pandoc's ``--reference-doc`` works. A style the
reference document lacks is added with presskit's default definition, so any ``.docx``
works as a reference. ``presskit reference-doc FILE`` writes the default one to start
from.

The order of parts, the labels and the paragraph numbering follow the profile
(:mod:`presskit.profiles`), as in every other format.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar, assert_never

import attrs

from presskit.assets import normalise_image
from presskit.errors import ExportError
from presskit.exporters import BuildContext, Exporter, ExporterOptions
from presskit.exporters._docx_reference import check_reference
from presskit.exporters._docxpackage import (
    PAPER,
    STYLES,
    StyleSpec,
    apply_styles,
    clean_package,
    clear_story,
    docx_theme,
    el,
    field_runs,
    insert_ordered,
    page_setup,
    qn,
)
from presskit.exporters._docxtemplate import styled_document, write_package
from presskit.fragment import direction
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
from presskit.paths import AssetRoot, as_asset_root
from presskit.profiles import check_profile, resolve_profile
from presskit.scripts import Slot, default_language, is_rtl_text, scripts_in, slot_of
from presskit.textutils import bare_links
from presskit.theme import Theme, default_theme, theme_option

__all__ = ["STYLES", "DocxExporter", "DocxOptions", "StyleSpec", "default_reference_doc"]

# --- styles ---------------------------------------------------------------------------


# --- options ----------------------------------------------------------------------------


def _paper(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value not in PAPER:
        raise ExportError(f"docx: option paper must be one of {', '.join(PAPER)}, got {value!r}")


def _reference(_: object, attribute: attrs.Attribute[Any], value: Path | None) -> None:
    if value is not None and not Path(value).is_file():
        raise ExportError(f"docx: option reference_doc: {str(value)!r} does not exist")
    if value is not None:
        check_reference(Path(value))


@attrs.frozen(kw_only=True)
class DocxOptions(ExporterOptions):
    """Options of the ``docx`` exporter.

    Attributes:
        profile: ``"sg"`` (default), ``"us"`` or ``"uk"`` (order of parts, labels,
            paragraph numbering).
        reference_doc: a ``.docx`` whose styles, page set-up, headers' and footers' styles
            the output takes; ``None`` for presskit's default.
        paper: ``"a4"`` or ``"letter"``; ``None`` keeps the reference document's size
            (the default one is A4, the ``us`` profile defaults to Letter).
        theme: the theme (:class:`presskit.theme.Theme`, or its folder; docs/themes.md)
            whose colours, fonts per script, sizes, margins and logo placement the styles
            take, and whose ``reference.docx``, when it has one, is the reference document
            (``reference_doc`` wins over it); ``None``: the build's theme
            (:attr:`BuildContext.theme`), else presskit's default.
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    reference_doc: Path | None = attrs.field(
        default=None, converter=attrs.converters.optional(Path), validator=_reference
    )
    paper: str | None = attrs.field(default=None, validator=_paper)
    asset_root: AssetRoot | None = attrs.field(default=None, converter=as_asset_root)
    theme: Theme | None = attrs.field(default=None, converter=theme_option)


# --- the exporter -------------------------------------------------------------------------


class DocxExporter(Exporter[DocxOptions]):
    """Word document (see the module documentation)."""

    name: ClassVar[str] = "docx"
    media_type: ClassVar[str] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    extension: ClassVar[str] = "docx"
    binary: ClassVar[bool] = True
    variants: ClassVar[dict[str, dict[str, Any]]] = {}
    Options: ClassVar[type[DocxOptions]] = DocxOptions
    description: ClassVar[str] = "Word document styled from a reference .docx"

    @classmethod
    def in_build(cls, options: DocxOptions, context: BuildContext) -> DocxOptions:
        """The build's theme, unless the ``theme`` option names one."""
        return options if options.theme is not None else attrs.evolve(options, theme=context.theme)

    def render(self, release: PressRelease, options: DocxOptions) -> bytes:
        writer = _Writer(release, options)
        return writer.render()


def default_reference_doc(theme: Theme | None = None) -> bytes:
    """presskit's default reference document: python-docx's template with every style
    of :data:`STYLES` defined in the look of ``theme`` (``None``: presskit's default),
    A4, and no content. Save it, restyle it in Word or LibreOffice, and pass it as
    ``reference_doc`` (or keep it as a theme's ``reference.docx``)."""
    from docx import Document

    look = docx_theme(theme)
    doc = Document()
    apply_styles(doc, look, force=True)
    page_setup(doc, "a4", margins=True, theme=look)
    return write_package(doc, (1980, 1, 1, 0, 0, 0))


# --- XML helpers ------------------------------------------------------------------------


#: python-docx's paragraph alignment (WD_PARAGRAPH_ALIGNMENT) by the theme's [logo] align.
_LOGO_ALIGN = {"center": 1, "right": 2}

#: The fields of the page label's placeholders.
_PAGE_FIELDS = {"{page}": "PAGE", "{pages}": "NUMPAGES"}


# --- the writer ---------------------------------------------------------------------------


class _Writer:
    def __init__(self, release: PressRelease, options: DocxOptions) -> None:
        self.release = release
        self.options = options
        self.layout: Layout = layout(
            release, resolve_profile(options.profile, release), options.now
        )
        self.theme = docx_theme(options.theme or default_theme())
        #: the reference document: the option's, else the theme's reference.docx
        self.reference = options.reference_doc or (options.theme or default_theme()).reference_docx
        self.number_id: int | None = None
        self._link_ids: dict[tuple[int, str], str] = {}
        self.bullet_abstract: int | None = None
        self.list_abstract: int | None = None
        #: a right-to-left release: every paragraph, the section and the contacts table
        #: run right to left (D06), whatever the script of their own text
        self.rtl = direction(release.language) == "rtl"

    # --- set-up ---

    def render(self) -> bytes:
        # the styled template is made once per process; this is a copy of it
        try:
            if self.reference is not None and self.options.reference_doc is None:
                check_reference(self.reference)  # (the option's is checked when given)
            doc, self.style_ids = styled_document(
                self.reference, self.layout.profile.paper, self.options.paper, self.options.theme
            )
        except ExportError as exc:
            if self.options.reference_doc is not None:
                raise
            # the theme's reference.docx: say so, not "option reference_doc"
            raise ExportError(
                str(exc).replace("option reference_doc", "the theme's reference")
            ) from None

        self.doc = doc
        self._clear_body()
        self._numbering()
        self._language_defaults()
        self._headers_and_footers()
        for part in self.layout.parts:
            self.part(part)
        if self.rtl:  # the section: page numbers, columns and gutter right to left
            insert_ordered(doc.sections[0]._sectPr, "bidi", "sect-bidi")
        self._properties()
        clean_package(doc, default_template=self.reference is None)
        return write_package(doc, self._zip_time())

    def _zip_time(self) -> tuple[int, int, int, int, int, int]:
        if self.options.source_date_epoch is not None:
            moment = dt.datetime.fromtimestamp(self.options.source_date_epoch, dt.UTC)
        else:
            moment = (self.release.updated_at or self.release.issued_at).astimezone(dt.UTC)
        moment = max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
        return (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                moment.second - moment.second % 2)  # fmt: skip

    def _clear_body(self) -> None:
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def _language_defaults(self) -> None:
        """The document's default language (w:lang in the style defaults)."""
        styles = self.doc.styles.element
        doc_defaults = styles.find(qn("w:docDefaults"))
        if doc_defaults is None:
            return
        rpr = doc_defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is None:
            return
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = el("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), self.release.language)
        if self.rtl:  # the language of complex-script text (Arabic spelling, digits)
            lang.set(qn("w:bidi"), self.release.language)
        # a style's own language (LibreOffice writes its user interface's into Normal)
        # would override the release's in every paragraph based on it
        for style_lang in styles.iterfind(f"{qn('w:style')}/{qn('w:rPr')}/{qn('w:lang')}"):
            if style_lang.get(qn("w:val")) is not None:
                style_lang.set(qn("w:val"), self.release.language)

    def _numbering(self) -> None:
        """Numbering definitions of our own, so paragraph numbers and lists restart in
        every document, whatever the reference document defines (D02)."""
        numbering = self.doc.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in
                        numbering.findall(qn("w:abstractNum"))]  # fmt: skip
        self._next_abstract = max(abstract_ids, default=0) + 1
        num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        self._next_num = max(num_ids, default=0) + 1
        paragraphs = self._abstract("decimal", "%1.", left=567, hanging=567)
        self.bullet_abstract = self._abstract("bullet", "•", left=567, hanging=284)
        self.list_abstract = self._abstract("decimal", "(%1)", left=851, hanging=425)
        self.number_id = self._num(paragraphs, start=None)

    def _abstract(self, fmt: str, text: str, *, left: int, hanging: int) -> int:
        numbering = self.doc.part.numbering_part.element
        abstract_id = self._next_abstract
        self._next_abstract += 1
        abstract = el("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(el("w:multiLevelType", val="singleLevel"))
        level = el("w:lvl", ilvl="0")
        level.append(el("w:start", val="1"))
        level.append(el("w:numFmt", val=fmt))
        level.append(el("w:lvlText", val=text))
        level.append(el("w:lvlJc", val="left"))
        ppr = el("w:pPr")
        ppr.append(el("w:ind", left=str(left), hanging=str(hanging)))
        level.append(ppr)
        rpr = el("w:rPr")  # numbers stay upright and regular in quotes and headings
        rpr.append(el("w:b", val="0"))
        rpr.append(el("w:i", val="0"))
        level.append(rpr)
        abstract.append(level)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        return abstract_id

    def _num(self, abstract_id: int, *, start: int | None) -> int:
        numbering = self.doc.part.numbering_part.element
        num_id = self._next_num
        self._next_num += 1
        num = el("w:num", numId=str(num_id))
        num.append(el("w:abstractNumId", val=str(abstract_id)))
        if start is not None:
            override = el("w:lvlOverride", ilvl="0")
            override.append(el("w:startOverride", val=str(start)))
            num.append(override)
        numbering.append(num)
        return num_id

    # --- paragraphs and runs ---

    def new_para(self, container: Any, style: str) -> Any:
        """A paragraph at the end of ``container`` with a style set by id (python-docx's
        lookup by name scans every style, about 1 ms a call)."""
        paragraph = container.add_paragraph()
        paragraph._p.style = self.style_ids[style]
        if self.rtl:
            insert_ordered(paragraph._p.get_or_add_pPr(), "bidi")
        return paragraph

    def para(self, style: str, runs: Inline | str = (), *, numbered: int | None = None) -> Any:
        paragraph = self.new_para(self.doc, style)
        if numbered is not None:
            ppr = paragraph._p.get_or_add_pPr()
            numpr = el("w:numPr")
            numpr.append(el("w:ilvl", val="0"))
            numpr.append(el("w:numId", val=str(numbered)))
            insert_ordered(ppr, "numPr", element=numpr)  # before w:bidi (schema order)
        self.add_runs(paragraph, (Run(runs),) if isinstance(runs, str) else runs)
        return paragraph

    def add_runs(self, paragraph: Any, runs: Iterable[Run], char_style: str | None = None) -> None:
        text_so_far = []
        for run in runs:
            text_so_far.append(run.text)
            if run.href is not None:
                self.hyperlink(paragraph, run.href, [run], char_style)
                continue
            # bare URLs and e-mail addresses become links, as Word does when typing
            start = 0
            for begin, end, href in bare_links(run.text):
                if begin > start:
                    self.text_run(paragraph, attrs.evolve(run, text=run.text[start:begin]),
                                  char_style)  # fmt: skip
                target = attrs.evolve(run, text=run.text[begin:end])
                self.hyperlink(paragraph, href, [target], char_style)
                start = end
            if start < len(run.text):
                self.text_run(paragraph, attrs.evolve(run, text=run.text[start:]), char_style)
        if is_rtl_text("".join(text_so_far)):  # once, however many calls add runs
            insert_ordered(paragraph._p.get_or_add_pPr(), "bidi")

    def text_run(self, parent: Any, run: Run, char_style: str | None) -> list[Any]:
        """Add ``run`` to ``parent`` (a paragraph or a hyperlink element), split by script
        so every piece carries the right font slot and language (D04, D05)."""
        out = []
        for script, chunk in scripts_in(run.text):
            docx_run = parent.add_run()
            _put_text(docx_run._r, chunk)
            if char_style is not None and not isinstance(parent, _HyperlinkParent):
                docx_run._r.style = self.style_ids[char_style]
            if run.strong:
                docx_run.bold = True
                docx_run.font.cs_bold = True
            if run.emphasis:
                docx_run.italic = True
                docx_run.font.cs_italic = True
            self._script_properties(docx_run, script)
            out.append(docx_run)
        return out

    def _script_properties(self, docx_run: Any, script: str) -> None:
        slot = slot_of(script)
        if slot is Slot.LATIN:
            return
        rpr = docx_run._r.get_or_add_rPr()
        rfonts = rpr.get_or_add_rFonts()
        language = default_language(script, self.release.language)
        lang = el("w:lang")
        if slot is Slot.EAST_ASIAN:
            own = language == self.release.language  # the script is the release's own
            primary = self.release.language.split("-")[0].lower()
            font = (
                (self.theme.east_asian.get(self.release.language) if own else None)
                or (self.theme.east_asian.get(_OWN_SCRIPT.get(primary, "")) if own else None)
                or self.theme.east_asian.get(script)
                or self.theme.east_asian.get("Hani", self.theme.latin)
            )  # fmt: skip
            rfonts.set(qn("w:eastAsia"), font)
            rfonts.set(qn("w:hint"), "eastAsia")
            lang.set(qn("w:eastAsia"), language)
        else:
            font = self.theme.complex.get(script, self.theme.latin)
            rfonts.set(qn("w:cs"), font)
            rpr.append(el("w:cs"))
            lang.set(qn("w:bidi"), language)
            if script in ("Arab", "Hebr", "Syrc", "Thaa", "Nkoo"):
                rpr.append(el("w:rtl"))
        rpr.append(lang)
        _sort_rpr(rpr)

    def hyperlink(
        self, paragraph: Any, href: str, runs: Sequence[Run], char_style: str | None
    ) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        # python-docx's relate_to scans every relationship for a match, which made a
        # table of 600 contacts quadratic; links are looked up here instead.
        key = (id(paragraph.part), href)
        r_id = self._link_ids.get(key)
        if r_id is None:
            r_id = f"rIdPk{len(self._link_ids) + 1}"
            paragraph.part.rels.add_relationship(RT.HYPERLINK, href, r_id, is_external=True)
            self._link_ids[key] = r_id
        link = el("w:hyperlink")
        link.set(qn("r:id"), r_id)
        paragraph._p.append(link)
        holder = _HyperlinkParent(link, paragraph)
        for run in runs:
            for docx_run in self.text_run(holder, run, None):
                docx_run._r.style = self.style_ids["Hyperlink"]

    # --- headers and footers ---

    def _headers_and_footers(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.is_linked_to_previous = False
        clear_story(first)
        logos = [i for i in self.release.issuers if i.logo]
        masthead = []
        if logos:
            logo_para = self.new_para(first, "Header")
            for index, issuer in enumerate(logos):
                if index:
                    logo_para.add_run("    ")
                self._add_logo(logo_para, issuer.logo or "", issuer.name)
            masthead.append(logo_para)
        names = self.new_para(first, "Header Issuers")
        self.add_runs(names, (Run("  |  ".join(i.name for i in self.release.issuers)),))
        if self.theme.logo_align != "left":  # placed as the theme's [logo] align says
            for paragraph in (*masthead, names):
                paragraph.alignment = _LOGO_ALIGN[self.theme.logo_align]

        header = section.header
        header.is_linked_to_previous = False
        clear_story(header)
        running = self.new_para(header, "Header")
        self.add_runs(running, (Run(self.layout.running_header),))

        for footer in (section.first_page_footer, section.footer):
            footer.is_linked_to_previous = False
            clear_story(footer)
            paragraph = self.new_para(footer, "Footer")
            # "Page {page} of {pages}": the words as runs, the numbers as fields
            for piece in re.split(r"(\{page\}|\{pages\})", self.layout.label("page_of")):
                if piece in _PAGE_FIELDS:
                    field_runs(paragraph, _PAGE_FIELDS[piece], "1")
                elif piece:  # by script: "صفحة " is a right-to-left run
                    self.text_run(paragraph, Run(piece), None)

    def _add_logo(self, paragraph: Any, href: str, name: str) -> None:
        from docx.shared import Mm

        try:
            what = f"{name}'s logo"
            data = normalise_image(AssetRoot.or_cwd(self.options.asset_root).logo(href, what), what)
        except ExportError as exc:
            raise ExportError(f"docx: {exc}") from None
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(data), height=Mm(self.theme.logo_height_mm))
        # alt text for screen readers: the issuer's name
        doc_pr = run._r.find(
            ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
        if doc_pr is not None:
            alt = self.layout.label("logo").format(name=name)
            doc_pr.set("descr", alt)
            doc_pr.set("name", alt)

    # --- parts ---

    def part(self, part: LayoutPart) -> None:  # noqa: C901 (one case per layout part)
        match part:
            case Status():
                self.para("Release Status", part.text)
            case Notices():
                for block in part.blocks:
                    self.block(block, style="Notice")
            case Headline():
                self.para("Title", part.text)
            case Subheadline():
                self.para("Subtitle", part.text)
            case Dateline():
                self.para("Dateline", part.text)
            case Body():
                for item in part.blocks:
                    numbered = self.number_id if item.number is not None else None
                    self.block(item.block, numbered=numbered, dateline=item.dateline)
            case Corrections():
                for correction in part.items:
                    self.para("Corrections", f"{correction.lead} {correction.text}")
            case LastUpdated():
                self.para("Last Updated", part.text)
            case JointlyIssued():
                self.para("Jointly Issued", part.text)
            case EndMark():
                self.para("End Mark", part.text)
            case NotesToEditors():
                self.para("Notes Heading", part.title)
                for block in part.blocks:
                    self.block(block)
            case Boilerplates():
                for boilerplate in part.items:
                    self.para("Boilerplate Heading", boilerplate.heading)
                    for block in boilerplate.blocks:
                        self.block(block, style="Boilerplate")
            case MediaContacts():
                self.para("Contacts Heading", part.title)
                self._contacts_table(part.contacts)
            case _:
                assert_never(part)

    # --- blocks ---

    def block(
        self,
        block: Block,
        *,
        style: str | None = None,
        numbered: int | None = None,
        dateline: str | None = None,
    ) -> None:
        match block:
            case Paragraph():
                base = style or ("Numbered Paragraph" if numbered else "Body Text")
                paragraph = self.para(base, (), numbered=numbered)
                if dateline:
                    self.add_runs(paragraph, (Run(dateline),), char_style="Dateline Char")
                self.add_runs(paragraph, block.runs)
            case Heading():
                self.para(f"Heading {block.level}", block.runs)
            case Quote():
                self.quote(block, numbered, dateline)
            case BulletList():
                num = self._num(self.bullet_abstract or 0, start=None)
                for item in block.items:
                    self.para("List Bullet", item, numbered=num)
            case NumberedList():
                num = self._num(self.list_abstract or 0, start=block.start)
                for item in block.items:
                    self.para("List Number", item, numbered=num)
            case _:
                assert_never(block)

    def quote(self, block: Quote, numbered: int | None, dateline: str | None) -> None:
        for index, runs in enumerate(block.paragraphs):
            paragraph = self.para("Quote", (), numbered=numbered if index == 0 else None)
            if index == 0:
                if dateline:
                    self.add_runs(paragraph, (Run(dateline),), char_style="Dateline Char")
                if block.lead_in:
                    self.add_runs(
                        paragraph, (Run(lead_in(block.lead_in)),), char_style="Quote Lead-in"
                    )
            self.add_runs(paragraph, runs)
        credit = quote_credit(block)  # a quote is attributed once
        if credit:
            self.para("Quote Attribution", credit)

    def _contacts_table(self, contacts: Sequence[Sequence[ContactLine]]) -> None:
        from docx.shared import Twips

        columns = 2 if len(contacts) > 1 else 1
        section = self.doc.sections[0]
        usable = int(section.page_width or 0) - int(section.left_margin or 0)
        usable -= int(section.right_margin or 0)
        width = Twips(usable // 635 // columns)  # EMU -> twips
        rows = (len(contacts) + columns - 1) // columns
        table = self.doc.add_table(rows=rows, cols=columns)
        table.autofit = False
        table.alignment = 0
        for column in table.columns:
            column.width = width
        for row in table.rows:  # a contact is never split across two pages
            row._tr.get_or_add_trPr().append(el("w:cantSplit"))
        cells = [cell for row in table.rows for cell in row.cells]
        for cell in cells:
            cell.width = width
        for cell, contact in zip(cells, contacts, strict=False):
            self._contact_cell(cell, contact)
        tbl_pr = table._tbl.tblPr
        if self.rtl:  # the first contact in the right-hand column
            insert_ordered(tbl_pr, "bidiVisual")
        look = el("w:tblCaption", val=self.layout.label("media_contacts.table"))
        tbl_pr.append(look)

    def _contact_cell(self, cell: Any, lines: Sequence[ContactLine]) -> None:
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else self.new_para(cell, "Contact")
            if index == 0:
                paragraph._p.style = self.style_ids["Contact"]
            if line.kind == "name":
                self.add_runs(paragraph, (Run(line.text),), char_style="Contact Name")
            elif line.href is not None:
                if line.label:  # by script, as all text: an Arabic label is w:rtl
                    self.text_run(paragraph, Run(line.label), None)
                self.hyperlink(paragraph, line.href, [Run(line.text)], None)
            else:
                self.add_runs(paragraph, (Run(line.text),))

    # --- metadata ---

    def _properties(self) -> None:
        props = self.doc.core_properties
        release = self.release
        # python-docx (like Word's dialog) takes at most 255 characters per property
        props.title = _property(release.headline)
        props.subject = _property(release.subheadline or "")
        props.author = _property("; ".join(i.name for i in release.issuers))
        props.last_modified_by = _property(release.lead_issuer.name)
        props.keywords = _property(", ".join(release.tags))
        props.language = release.language
        props.category = self.layout.label("document.category")
        props.comments = ""
        props.identifier = _property(release.canonical_url or release.slug)
        status = "embargoed" if self.layout.status.embargoed else "final"
        props.content_status = self.layout.label(f"document.status.{status}")
        props.revision = 1 + len(release.corrections)
        props.created = release.issued_at.astimezone(dt.UTC).replace(tzinfo=None)
        modified = release.updated_at or release.issued_at
        props.modified = modified.astimezone(dt.UTC).replace(tzinfo=None)
        for stale in props._element.findall(
            "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted"
        ):
            props._element.remove(stale)


class _HyperlinkParent:
    """Lets :meth:`_Writer.text_run` add runs inside a ``w:hyperlink`` element."""

    def __init__(self, element: Any, paragraph: Any) -> None:
        self.element = element
        self.paragraph = paragraph

    def add_run(self) -> Any:
        from docx.text.run import Run as DocxRun

        r = el("w:r")
        self.element.append(r)
        return DocxRun(r, self.paragraph)


def _put_text(r: Any, text: str) -> None:
    """Give the new run ``r`` the text ``text``, as python-docx's ``Run.text`` does
    (a tab is a ``w:tab``, a line break a ``w:br``), without its loop over every
    character when there is neither."""
    if "\t" in text or "\n" in text or "\r" in text:
        r.text = text
    elif text:
        r.add_t(text)


#: The theme key of a language whose Han characters take that language's font.
_OWN_SCRIPT = {"ja": "Jpan", "ko": "Kore"}


# Child order inside w:rPr (ECMA-376 CT_RPr), so elements appended later still validate.
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
]  # fmt: skip


def _sort_rpr(rpr: Any) -> None:
    order = {name: index for index, name in enumerate(_RPR_ORDER)}
    children = list(rpr)
    children.sort(key=lambda c: order.get(c.tag.split("}")[-1], len(order)))
    for child in children:
        rpr.append(child)


def _property(text: str, limit: int = 255) -> str:
    """``text`` cut to ``limit`` characters (ending in "…" when cut), the most a core
    property may hold."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
