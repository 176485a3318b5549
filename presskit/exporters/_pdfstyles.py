"""The PDF's paragraph styles: size, face, colour, indents and spacing of each kind of
block, from the theme (``[pdf]``: ``base_size`` in points, ``leading`` as a multiple of
the size, ``colours``). Sizes and spaces are in points.

The house style is the DOCX's (presskit/exporters/docx.py): headings upright and bold in
the accent colour, the status line and dateline bold, quotes indented and italic, links
in the link colour and underlined, the same rules under the header.
"""

from __future__ import annotations

from typing import Any

import attrs

from presskit.typesetting.types import Align, TextStyle

__all__ = ["BlockStyle", "block_styles"]

#: The issuers' names under the logos, by the logos' alignment.
_MASTHEAD: dict[str, Align] = {"left": "start", "center": "center", "right": "end"}


@attrs.frozen
class BlockStyle:
    """How one kind of block is set.

    Attributes:
        text: size, line height, face, colour and alignment of the text.
        left_indent, right_indent: the text's distance from the frame's edges.
        bullet_indent: where a bullet or paragraph number starts, from the left edge (the
            right edge in a right-to-left paragraph).
        space_before, space_after: space above and below the block.
        keep_with_next: the block goes to the next page with the block after it.
    """

    text: TextStyle
    left_indent: float = 0.0
    right_indent: float = 0.0
    bullet_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False

    def with_language(self, language: str) -> BlockStyle:
        """The same style for text in ``language`` (BCP 47)."""
        if self.text.language == language:
            return self
        return attrs.evolve(self, text=attrs.evolve(self.text, language=language))


def block_styles(theme: dict[str, Any], language: str) -> dict[str, BlockStyle]:
    """The styles by name for a release in ``language``, from the merged theme: right to
    left for a language written so (Arabic, Jawi, Hebrew: a paragraph that starts with a
    Latin name is still right to left), else each paragraph's direction by its first
    strong character (UAX #9)."""
    from presskit.fragment import direction

    rtl = direction(language) == "rtl"
    size = float(theme["base_size"])
    lead = float(theme["leading"])
    colours = theme["colours"]
    accent, muted = colours["accent"], colours["muted"]

    def text(
        scale: float = 1.0,
        *,
        bold: bool = False,
        italic: bool = False,
        colour: str = "000000",
        leading: float = lead,
        align: Align = "start",
    ) -> TextStyle:
        return TextStyle(size=size * scale, line_height=leading, bold=bold, italic=italic,
                         colour=colour, align=align, language=language,
                         direction="rtl" if rtl else "auto")  # fmt: skip

    body = BlockStyle(text(), space_after=size * 0.7)
    quote_indent = size * 2.4

    def derive(**changes: Any) -> BlockStyle:
        return attrs.evolve(body, **changes)

    return {
        "Body": body,
        "Status": derive(text=text(0.9, bold=True, colour=muted), space_after=size),
        "Notice": derive(text=text(italic=True)),
        "Headline": derive(text=text(1.9, bold=True, colour=accent, leading=1.2),
                           space_after=size * 0.5),
        "Subheadline": derive(text=text(1.2, italic=True, colour=muted, leading=1.3),
                              space_after=size),
        "Dateline": derive(text=text(bold=True), space_before=size * 0.9),
        "Numbered": derive(left_indent=size * 2.4),
        # (a heading's space before is the paragraph's space after and its own: the
        # larger of the two is used; _pdfkeep keeps headings with what follows)
        "Heading1": derive(text=text(1.25, bold=True, colour=accent, leading=1.25),
                           space_before=size * 1.8, space_after=size * 0.5),
        "Heading2": derive(text=text(1.1, bold=True, colour=accent), space_before=size * 1.5,
                           space_after=size * 0.4),
        "Heading3": derive(text=text(bold=True, colour=accent), space_before=size * 1.3),
        "Heading4": derive(text=text(italic=True, colour=accent), space_before=size * 1.3),
        # (the quoted words are italic runs; a lead-in, "Minister Teo said:", upright)
        "Quote": derive(left_indent=quote_indent,
                        right_indent=quote_indent, space_after=size * 0.3),
        "QuoteAttribution": derive(text=text(colour=muted), left_indent=quote_indent,
                                   space_after=size * 0.9),
        "ListItem": derive(left_indent=size * 3.6, bullet_indent=size * 2.4,
                           space_after=size * 0.25),
        "LastUpdated": derive(text=text(0.9, colour=muted), space_before=size * 0.5),
        "Corrections": derive(text=text(0.9, italic=True)),
        "JointlyIssued": derive(text=text(italic=True)),
        "EndMark": derive(text=text(bold=True, align="center"), space_before=size,
                          space_after=size),
        "NotesHeading": derive(text=text(bold=True), space_before=size),
        "BoilerplateHeading": derive(text=text(bold=True), space_before=size,
                                     space_after=size * 0.3),
        "Boilerplate": derive(text=text(0.92)),
        "ContactsHeading": derive(text=text(bold=True), space_before=size * 1.2,
                                  space_after=size * 0.5),
        "Contact": derive(text=text(0.92, leading=1.3), space_after=0.0),
        "Header": derive(text=text(0.8, colour=muted, leading=1.25), space_after=0.0),
        # (under the logos, placed as they are: [logo] align)
        "HeaderIssuers": derive(text=text(0.85, bold=True, colour=accent, leading=1.235,
                                          align=_MASTHEAD[theme.get("logo_align", "left")]),
                                space_after=0.0),
        "Footer": derive(text=text(0.8, colour=muted, align="center"), space_after=0.0),
    }  # fmt: skip
