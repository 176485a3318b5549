"""``pdf``: a print-ready, searchable, tagged PDF in every script of the region.

The parts, their order and labels follow the profile (:mod:`presskit.profiles`), as in
every other format. reportlab (platypus) makes the pages, frames, logos, rules, outline
and link annotations; every word is set by presskit's typesetter
(:mod:`presskit.typesetting`) and drawn as glyphs (:mod:`._pdftext`, :mod:`._pdfglyphs`);
pikepdf then embeds the fonts and writes the structure tree (:mod:`._pdffinish`). The
pitfalls of ../shared/reference/docx-pdf.md section 2, and how each is met:

* text is never markup: ``&``, ``<``, ``"Name <e-mail>"`` and line breaks come out as
  written (R01, R02, R03);
* every character is drawn with an embedded font (TrueType or OpenType/CFF, subset),
  chosen per character: the script's face, then the faces of the scripts a mark is
  shared with, Latin, any other, then symbols and emoji (R04, R05, R06, R12); a
  character no font has gives a :class:`~presskit.errors.PresskitWarning` naming it;
* every script is shaped by HarfBuzz and broken into lines by ICU (UAX #14: Thai, Lao,
  Khmer and Burmese by dictionary, Chinese and Japanese with kinsoku, after hyphens)
  (R07, R10); right-to-left text (Arabic, Jawi, Hebrew) is laid out by the Unicode
  Bidirectional Algorithm (R09);
* copied text is the source text: each glyph cluster maps to its characters
  (ToUnicode), with ``/ActualText`` where glyphs and characters are not one to one (R08);
* the PDF is tagged (R18, PDF/UA-1): headings, lists with labels, quotes, links with
  their annotations, logos as figures; header, footer and page numbers are artifacts;
* long URLs break only inside the frame (R11); logos are scaled to fit (R14); headings
  stay with what follows and the contacts with the boilerplates (R13, :mod:`._pdfkeep`);
* "Page X of Y" is a form XObject on every page, defined once the last page is known,
  so the document is laid out once (R15); the outline never skips a level (R16);
* the bytes are the same on every build: reportlab's invariant mode, the creation date
  from the release (or ``SOURCE_DATE_EPOCH``), pikepdf's deterministic ID (R17).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from presskit.errors import ExportError
from presskit.exporters import BuildContext, Exporter, ExporterOptions
from presskit.profiles import check_profile
from presskit.theme import Theme, theme_option

if TYPE_CHECKING:
    from presskit.model import PressRelease

__all__ = ["PdfExporter", "PdfOptions"]

_PAPER = ("a4", "letter")  # the sizes are in presskit.exporters._pdfwriter


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
        theme: the theme (:class:`presskit.theme.Theme`, or its folder: colours, fonts
            per script, sizes, margins, logo placement; docs/themes.md); ``None``: the
            build's theme (:attr:`BuildContext.theme`), else presskit's default. A TOML
            file of another name than ``theme.toml`` is a theme of that file alone.
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    paper: str | None = attrs.field(default=None, validator=_paper)
    font_dirs: tuple[Path, ...] = attrs.field(default=(), converter=_paths)
    fonts: dict[str, Any] = attrs.field(factory=dict, converter=_font_table)
    theme: Theme | None = attrs.field(default=None, converter=theme_option)


class PdfExporter(Exporter[PdfOptions]):
    """PDF (see the module documentation)."""

    name: ClassVar[str] = "pdf"
    media_type: ClassVar[str] = "application/pdf"
    extension: ClassVar[str] = "pdf"
    binary: ClassVar[bool] = True
    Options: ClassVar[type[PdfOptions]] = PdfOptions
    description: ClassVar[str] = "print-ready PDF with embedded fonts"

    @classmethod
    def in_build(cls, options: PdfOptions, context: BuildContext) -> PdfOptions:
        """The build's theme, unless the ``theme`` option names one."""
        return options if options.theme is not None else attrs.evolve(options, theme=context.theme)

    def render(self, release: PressRelease, options: PdfOptions) -> bytes:
        from presskit.exporters._pdfwriter import PdfWriter  # reportlab: only when rendering

        return PdfWriter(release, options).render()
