"""presskit's typesetter: text in any script of the region, set into lines of shaped
glyphs, for the PDF (and any other writer that draws glyphs itself).

It knows nothing of press releases. The steps, each with a well-kept library doing the
hard part:

* fonts (:mod:`presskit.typesetting.faces`): font files read with fontTools (TrueType
  and CFF outlines, collections), chosen per character with fallback;
* the Unicode Bidirectional Algorithm (UAX #9) by ICU;
* shaping by HarfBuzz (uharfbuzz), run by run;
* line breaking by ICU (UAX #14, dictionary breaks for Thai, Lao, Khmer and Burmese,
  strict rules for Japanese and Chinese kinsoku).

Entry point: :func:`typeset` (:mod:`presskit.typesetting.paragraph`: itemising,
shaping, fitting lines); the Unicode analysis (scripts, bidi, break opportunities,
kinsoku) is in :mod:`presskit.typesetting.analysis`, the data types in
:mod:`presskit.typesetting.types`.
"""

from presskit.typesetting.faces import Face, FontBook, load_face
from presskit.typesetting.paragraph import typeset
from presskit.typesetting.types import Cluster, GlyphRun, Line, SetParagraph, Span, TextStyle

__all__ = [
    "Cluster",
    "Face",
    "FontBook",
    "GlyphRun",
    "Line",
    "SetParagraph",
    "Span",
    "TextStyle",
    "load_face",
    "typeset",
]
