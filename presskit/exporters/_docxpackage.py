"""The Word package around the story of :mod:`presskit.exporters.docx`: the styles
presskit uses and their default look (:data:`STYLES`, in the theme's colours, fonts and
sizes: :func:`docx_theme`), page set-up, Word fields and what the template leaves behind
(the template built once and the zip written with fixed dates: :mod:`._docxtemplate`)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import attrs

from presskit.errors import ExportError
from presskit.exporters._docx_reference import unique_style_id
from presskit.theme import Theme

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.text.paragraph import Paragraph as DocxParagraph

__all__ = [
    "PAPER",
    "STYLES",
    "DocxTheme",
    "StyleSpec",
    "apply_styles",
    "clean_package",
    "clear_story",
    "complete_page",
    "docx_theme",
    "el",
    "field_runs",
    "insert_ordered",
    "page_setup",
    "qn",
]


@attrs.frozen(kw_only=True)
class StyleSpec:
    """A style presskit uses, with the definition it gets when the reference document
    lacks it. Sizes in points; colours as RRGGBB hex or a theme colour key."""

    name: str
    kind: str = "paragraph"  # "paragraph" or "character"
    base: str | None = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    colour: str | None = None
    underline: bool | None = None
    align: str | None = None  # "left", "center", "right"
    space_before: float | None = None
    space_after: float | None = None
    indent_left: float | None = None  # points
    indent_right: float | None = None
    keep_with_next: bool | None = None
    rule_below: bool | None = None  # a thin rule under the paragraph, in the rule colour
    builtin: bool = False  # a Word built-in name: keep the reference's definition


#: Every style the exporter uses, in the order they are checked.
STYLES: tuple[StyleSpec, ...] = (
    StyleSpec(name="Release Status", size=10, bold=True, colour="muted", space_after=12),
    StyleSpec(name="Notice", italic=True, space_after=12),
    StyleSpec(name="Title", builtin=True, size=20, bold=True, colour="accent", space_after=6,
              rule_below=False),
    StyleSpec(name="Subtitle", builtin=True, size=13, italic=True, colour="muted", space_after=12),
    StyleSpec(name="Dateline", bold=True, space_after=8),
    StyleSpec(name="Dateline Char", kind="character", base=None, bold=True),
    StyleSpec(name="Body Text", builtin=True, space_after=8),
    StyleSpec(name="Numbered Paragraph", base="Body Text", space_after=8),
    StyleSpec(name="Heading 1", builtin=True, size=13, bold=True, colour="accent",
              space_before=14, space_after=6, keep_with_next=True),
    StyleSpec(name="Heading 2", builtin=True, size=11.5, bold=True, italic=False,
              colour="accent", space_before=10, space_after=4, keep_with_next=True),
    StyleSpec(name="Heading 3", builtin=True, size=11, bold=True, colour="accent", space_before=8,
              space_after=4, keep_with_next=True),
    StyleSpec(name="Heading 4", builtin=True, size=11, bold=False, italic=True,
              colour="accent", space_before=8, space_after=4, keep_with_next=True),
    StyleSpec(name="Quote", builtin=True, italic=True, indent_left=28, indent_right=28,
              space_after=4),
    StyleSpec(name="Quote Lead-in", kind="character", base=None, italic=False),
    StyleSpec(name="Quote Attribution", indent_left=28, colour="muted", space_after=10),
    StyleSpec(name="List Bullet", builtin=True, space_after=4),
    StyleSpec(name="List Number", builtin=True, space_after=4),
    StyleSpec(name="Last Updated", size=9.5, colour="muted", space_before=6),
    StyleSpec(name="Corrections", size=9.5, italic=True),
    StyleSpec(name="Jointly Issued", italic=True, space_before=6),
    StyleSpec(name="End Mark", bold=True, align="center", space_before=12, space_after=12),
    StyleSpec(name="Notes Heading", bold=True, space_before=12, keep_with_next=True),
    StyleSpec(name="Boilerplate Heading", bold=True, space_before=12, space_after=4,
              keep_with_next=True),
    # (kept with next: the boilerplates and the contacts after them share a page when
    # they fit on one, so the contacts are never alone on the last page, as in the PDF)
    StyleSpec(name="Boilerplate", size=10, space_after=6, keep_with_next=True),
    StyleSpec(name="Contacts Heading", bold=True, space_before=14, space_after=6,
              keep_with_next=True),
    StyleSpec(name="Contact", size=10, space_after=0),
    StyleSpec(name="Contact Name", kind="character", base=None, bold=True),
    StyleSpec(name="Header", builtin=True, size=9, colour="muted"),
    StyleSpec(name="Header Issuers", base="Header", size=9, bold=True, colour="accent",
              rule_below=True),
    StyleSpec(name="Footer", builtin=True, size=9, colour="muted", align="center"),
    StyleSpec(name="Hyperlink", kind="character", base=None, colour="link", underline=True,
              builtin=True),
)  # fmt: skip


_ALIGN = {"left": 0, "center": 1, "right": 2}


@attrs.frozen
class DocxTheme:
    """What the DOCX takes from a theme (:func:`docx_theme`).

    Attributes:
        latin: the Latin font's family name (``[fonts.Latn] name``).
        east_asian: East Asian fonts by script (``Hani``, ``Jpan``, ``Hira``, ``Kana``,
            ``Hang``, ``Kore``) and by language tag (``zh-TW``, ``zh-CN``...).
        complex: complex-script fonts by script (``Thai``, ``Arab``...).
        colours: RRGGBB hex by role (``accent``, ``muted``, ``link``, ``rule``...).
        base_size: the Normal style's size in points; presskit's other styles' sizes
            (:data:`STYLES`, made for 11 pt) are scaled by ``base_size / 11``.
        leading: Normal's line spacing, a multiple.
        margins_mm: the page margins in millimetres: top, bottom, left, right.
        logo_height_mm: the logos' height in millimetres.
        logo_align: ``"left"``, ``"center"`` or ``"right"``: the logos' line.
    """

    latin: str
    east_asian: dict[str, str]
    complex: dict[str, str]
    colours: dict[str, str]
    base_size: float = 11.0
    leading: float = 1.1
    margins_mm: tuple[float, float, float, float] = (22.0, 22.0, 23.0, 23.0)
    logo_height_mm: float = 16.0
    logo_align: str = "left"

    def size(self, points: float) -> float:
        """A size of :data:`STYLES` (for an 11 pt Normal) in this theme."""
        return points if self.base_size == 11.0 else points * self.base_size / 11.0


#: The East Asian keys each script's family is named under (DOCX looks a run's font up
#: by the release's language, then by the run's script).
_EAST_KEYS = {
    "Hani": ("Hani",), "Hans": ("zh-Hans", "zh-CN", "zh-SG"),
    "Hant": ("zh-Hant", "zh-TW", "zh-HK"), "Jpan": ("Jpan", "Hira", "Kana"),
    "Hang": ("Hang",), "Kore": ("Kore",),
}  # fmt: skip


@functools.cache
def docx_theme(theme: Theme | None = None) -> DocxTheme:
    """What the DOCX takes from ``theme`` (``None``: presskit's default), made once per
    theme and process (the same object on every call: do not change its tables): each
    file of the theme in turn, the default's first, its ``[fonts.<script>] name`` then
    its ``[docx.fonts]`` (``latin``, ``east_asian``, ``complex``) laid over them."""
    from presskit.scripts import Slot, slot_of
    from presskit.theme import default_theme

    theme = theme or default_theme()
    latin = "Arial"
    east: dict[str, str] = {}
    complex_: dict[str, str] = {}
    for layer in theme.layers or (theme.values,):
        for script, table in (layer.get("fonts") or {}).items():
            name = table.get("name")
            if name is None:
                continue
            if script == "Latn":
                latin = name
            for key in _EAST_KEYS.get(script, ()):
                east[key] = name
            if slot_of(script) is Slot.COMPLEX:
                complex_[script] = name
        fonts = (layer.get("docx") or {}).get("fonts") or {}
        latin = fonts.get("latin", latin)
        east.update(fonts.get("east_asian", {}))
        complex_.update(fonts.get("complex", {}))
    docx = theme.section("docx")
    top, bottom, left, right = (float(docx["margins_mm"][side])
                                for side in ("top", "bottom", "left", "right"))  # fmt: skip
    return DocxTheme(
        latin,
        east,
        complex_,
        theme.colours("docx"),
        base_size=float(docx["base_size"]),
        leading=float(docx["leading"]),
        margins_mm=(top, bottom, left, right),
        logo_height_mm=float(docx["logo_height_mm"]),
        logo_align=str(theme.section("logo").get("align", "left")),
    )


# Page sizes in twentieths of a point (twips): A4 210 x 297 mm, US Letter 8.5 x 11 in.
PAPER = {"a4": (11906, 16838), "letter": (12240, 15840)}


def el(tag: str, **attributes: str) -> Any:
    """A new WordprocessingML element ``tag`` (``"w:tblCaption"``) with attributes in
    the ``w:`` namespace unless prefixed."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}") if ":" not in key else qn(key), value)
    return element


def qn(tag: str) -> str:
    """``"w:rPr"`` as a Clark name (``{http://...}rPr``)."""
    from docx.oxml.ns import qn

    return str(qn(tag))


def apply_styles(doc: DocumentObject, theme: DocxTheme, *, force: bool) -> None:
    """Add every style of :data:`STYLES` that ``doc`` lacks; with ``force``, also give
    the existing built-in ones presskit's look (for the default reference).

    Raises:
        ExportError: the reference document has a style of one of presskit's names but
            of another kind (a character style named like a paragraph style).
    """
    styles = doc.styles
    existing = {s.name: s for s in styles}  # python-docx's lookups walk every style
    if force:
        _normal_style(existing["Normal"], theme)
    for spec in STYLES:
        style = _style_for(spec, styles, existing, force=force)
        if style is None:
            continue
        existing[spec.name] = style
        _apply_font(style.font, style.element, spec, theme)
        if spec.kind == "paragraph":
            _apply_paragraph(style.paragraph_format, spec, theme)
            _apply_rule(style.element, spec, theme)
        if force:
            _drop_theme_fonts(style.element)


def _normal_style(normal: Any, theme: DocxTheme) -> None:
    """The Normal style in presskit's look: the theme's fonts in every slot, its size
    (11 pt) and line spacing (1.1)."""
    from docx.shared import Pt

    normal.font.name = theme.latin
    normal.font.size = Pt(theme.base_size)
    normal.paragraph_format.space_after = Pt(theme.size(8))
    normal.paragraph_format.line_spacing = theme.leading
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), theme.east_asian.get("Hani", theme.latin))
    rfonts.set(qn("w:cs"), theme.latin)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def _style_for(spec: StyleSpec, styles: Any, existing: dict[str, Any], *, force: bool) -> Any:
    """The style to give ``spec``'s look: a new one, the reference's own when ``force``,
    or ``None`` when the reference has it and keeps its look."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
    style: Any = existing.get(spec.name)
    if style is not None:
        if style.type != kind:
            raise ExportError(
                f"docx: the reference document's style {spec.name!r} is a "
                f"{str(style.type).split('.')[-1].split(' ')[0].lower()} style; presskit "
                f"needs a {spec.kind} style of that name"
            )
        return style if force else None
    # styles.add_style(), without its walk over every style: ``existing`` knows
    element = styles.element.add_style_of_type(BabelFish.ui2internal(spec.name), kind, False)
    style = StyleFactory(element)
    unique_style_id(style.element)
    if spec.base is not None and spec.base in existing:
        style.base_style = existing[spec.base]
    if spec.kind == "paragraph":
        style.quick_style = True
    return style


def _apply_font(font: Any, element: Any, spec: StyleSpec, theme: DocxTheme) -> None:
    """The character properties ``spec`` sets (complex-script size and weight too)."""
    from docx.shared import Pt, RGBColor

    if spec.size is not None:
        font.size = Pt(theme.size(spec.size))
        _set_cs_size(element, theme.size(spec.size))
    if spec.bold is not None:
        font.bold = font.cs_bold = spec.bold
    if spec.italic is not None:
        font.italic = font.cs_italic = spec.italic
    if spec.caps is not None:
        font.all_caps = spec.caps
    if spec.underline is not None:
        font.underline = spec.underline
    if spec.colour is not None:
        font.color.rgb = RGBColor.from_string(theme.colours.get(spec.colour, spec.colour))


def _apply_paragraph(fmt: Any, spec: StyleSpec, theme: DocxTheme) -> None:
    """The paragraph properties ``spec`` sets: alignment, spacing, indents, keep (spaces
    and indents scaled with the theme's size, as the PDF's are)."""
    from docx.shared import Pt

    if spec.align is not None:
        fmt.alignment = _ALIGN[spec.align]
    for name in ("space_before", "space_after"):
        value = getattr(spec, name)
        if value is not None:
            setattr(fmt, name, Pt(theme.size(value)))
    if spec.indent_left is not None:
        fmt.left_indent = Pt(theme.size(spec.indent_left))
    if spec.indent_right is not None:
        fmt.right_indent = Pt(theme.size(spec.indent_right))
    if spec.keep_with_next is not None:
        fmt.keep_with_next = spec.keep_with_next


#: What follows w:pBdr inside w:pPr (ECMA-376 CT_PPrBase), to insert it in order.
_AFTER_PBDR = (
    "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)  # fmt: skip


#: What follows each right-to-left switch (and a paragraph's numbering) in its parent
#: (ECMA-376 CT_PPrBase, CT_SectPr, CT_TblPr), to insert it in schema order.
_FOLLOWING = {
    "numPr": ("suppressLineNumbers", "pBdr", *_AFTER_PBDR),
    "bidi": _AFTER_PBDR[_AFTER_PBDR.index("bidi") + 1 :],
    "sect-bidi": ("rtlGutter", "docGrid", "printerSettings", "sectPrChange"),
    "bidiVisual": (
        "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing",
        "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
        "tblDescription", "tblPrChange",
    ),
}  # fmt: skip


def insert_ordered(
    parent: Any, name: str, following: str | None = None, element: Any | None = None
) -> Any:
    """The child ``w:<name>`` of ``parent`` (``w:pPr``, ``w:sectPr`` or ``w:tblPr``),
    added before the first child that must follow it when it is missing, so that the
    element validates (Word refuses out-of-order properties; a second ``w:bidi`` in one
    paragraph is as invalid). ``following`` is the key of :data:`_FOLLOWING`, by default
    ``name``; ``element`` is the child to insert (default: an empty ``w:<name>``)."""
    existing = parent.find(qn(f"w:{name}"))
    if existing is not None:
        return existing
    child = el(f"w:{name}") if element is None else element
    after = _FOLLOWING[following or name]
    successor = next((c for c in parent if c.tag.split("}")[-1] in after), None)
    if successor is not None:
        successor.addprevious(child)
    else:
        parent.append(child)
    return child


def _apply_rule(style_element: Any, spec: StyleSpec, theme: DocxTheme) -> None:
    """A thin rule under the paragraph (``rule_below``): a bottom border of 0.5 pt in the
    theme's rule colour, 4 pt below the text, as the PDF draws it; ``False`` removes a
    border the template has (python-docx's Title has one)."""
    if spec.rule_below is None:
        return
    ppr = style_element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    if not spec.rule_below:
        return
    border = el("w:pBdr")
    border.append(el("w:bottom", val="single", sz="4", space="4",
                     color=theme.colours.get("rule", "BFBFBF")))  # fmt: skip
    following = [ppr.find(qn(f"w:{name}")) for name in _AFTER_PBDR]
    successor = next((child for child in following if child is not None), None)
    if successor is not None:
        successor.addprevious(border)
    else:
        ppr.append(border)


def _set_cs_size(style_element: Any, points: float) -> None:
    rpr = style_element.get_or_add_rPr()
    existing = rpr.find(qn("w:szCs"))
    if existing is None:
        existing = el("w:szCs")
        sz = rpr.find(qn("w:sz"))
        if sz is not None:
            sz.addnext(existing)
        else:
            rpr.append(existing)
    existing.set(qn("w:val"), str(round(points * 2)))


def _drop_theme_fonts(style_element: Any) -> None:
    """python-docx's template heading styles name theme fonts (Calibri Light) and blue
    theme colours; presskit's default look replaces them."""
    rpr = style_element.rPr
    if rpr is None:
        return
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is not None and any("Theme" in key or "theme" in key for key in rfonts.attrib):
        rpr.remove(rfonts)
    color = rpr.find(qn("w:color"))
    if color is not None:
        color.attrib.pop(qn("w:themeColor"), None)
        color.attrib.pop(qn("w:themeShade"), None)


def _margins(theme: DocxTheme) -> dict[str, Any]:
    """The theme's margins (presskit's: 2.3 cm left and right, 2.2 cm top and bottom),
    header and footer 1 cm from the edge (python-docx lengths, by ``Section``
    attribute)."""
    from docx.shared import Cm, Mm

    top, bottom, left, right = theme.margins_mm
    return {
        "left_margin": Mm(left),
        "right_margin": Mm(right),
        "top_margin": Mm(top),
        "bottom_margin": Mm(bottom),
        "header_distance": Cm(1.0),
        "footer_distance": Cm(1.0),
    }


def page_setup(
    doc: DocumentObject, paper: str | None, *, margins: bool, theme: DocxTheme | None = None
) -> None:
    """Set the page size (``paper``, a key of :data:`PAPER`; ``None`` keeps it) and,
    with ``margins``, the ``theme``'s margins (default: presskit's)."""
    from docx.shared import Twips

    section = doc.sections[0]
    if paper is not None:
        width, height = PAPER[paper]
        section.page_width = Twips(width)
        section.page_height = Twips(height)
    if margins:
        for side, length in _margins(theme or docx_theme()).items():
            setattr(section, side, length)


def complete_page(doc: DocumentObject, paper: str, theme: DocxTheme | None = None) -> None:
    """Give a reference document's section the size (``paper``) and the ``theme``'s
    margins (default: presskit's) where it sets none, and a header and footer distance
    where it has no header or footer to place."""
    section = doc.sections[0]
    if section.page_width is None or section.page_height is None:
        page_setup(doc, paper, margins=False)
    margins = _margins(theme or docx_theme())
    for side, length in {**margins, "gutter": 0}.items():
        if getattr(section, side) is None:
            setattr(section, side, length)
    # LibreOffice saves a page without a header (or footer) with the distance 0; the
    # running header and the page numbers would then touch the edge of the paper
    sect_pr = section._sectPr
    for kind, side in (("header", "header_distance"), ("footer", "footer_distance")):
        if sect_pr.find(qn(f"w:{kind}Reference")) is None and getattr(section, side) == 0:
            setattr(section, side, margins[side])


def clear_story(story: Any) -> None:
    """Empty a header or footer: paragraphs, tables, content controls, everything the
    reference document put there (presskit writes them anew)."""
    element = story._element
    for child in list(element):
        element.remove(child)


def field_runs(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) with a cached result, so the number is
    filled in by Word or LibreOffice and extractors still see a digit (D09)."""
    for kind, child in (
        ("begin", None),
        (None, ("instr", instruction)),
        ("separate", None),
        (None, ("text", placeholder)),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind is not None:
            run._r.append(el("w:fldChar", fldCharType=kind))
        elif child is not None and child[0] == "instr":
            instr = el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = f" {child[1]} "
            run._r.append(instr)
        elif child is not None:
            run.text = child[1]


_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Application>presskit</Application><DocSecurity>0</DocSecurity>'
    b"</Properties>"
)


_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def clean_package(doc: DocumentObject, *, default_template: bool) -> None:
    """Drop what the template would leave behind: the thumbnail (a picture of a blank
    page), the application properties (\"Microsoft Macintosh Word\", 1 page, 0 words),
    and, from python-docx's own template, an unused bibliography part."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel.rId]
        elif rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            rel.target_part._blob = _APP_XML
    if default_template:
        for rel in list(doc.part.rels.values()):
            if rel.reltype in (RT.CUSTOM_XML, _STYLES_WITH_EFFECTS):
                del doc.part.rels[rel.rId]
