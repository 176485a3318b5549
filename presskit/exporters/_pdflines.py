"""Line breaking for the ``pdf`` exporter: a reportlab paragraph that breaks its lines
once, however many pages it runs over.

reportlab's ``Paragraph.split`` cuts a paragraph that does not fit into the lines that
fit and a new paragraph made of the rest, and the frame then wraps the rest again from
scratch: a paragraph of *n* lines running over *p* pages is broken *p* times, which is
quadratic in its length (a paragraph of 100,000 words took 80 s). The paragraph here
hands its remaining lines to the rest, which reuses them when it is wrapped at the same
width. reportlab breaks lines greedily, one line after another, so the lines the rest
would compute are the ones it is given: the output is byte-identical, only faster.

reportlab is imported when the class is first asked for (:func:`paragraph_class`), so
that importing presskit stays fast.
"""

from __future__ import annotations

from functools import cache

__all__ = ["paragraph_class"]


@cache
def paragraph_class() -> type:
    """The reportlab ``Paragraph`` subclass the PDF is made of (same constructor).

    Its class attribute ``lines_broken`` counts the lines that ``breakLines`` and
    ``breakLinesCJK`` have computed since the class was made, so that a test can check
    that the work grows with the text, not with the text times its pages."""
    from presskit.exporters._pdfparagraph import LinearParagraph
    from presskit.exporters._pdfshaping import install

    install()  # words in two fonts are drawn unshaped, not mis-shaped
    return LinearParagraph
