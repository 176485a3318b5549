"""Benchmark: the PDF glyph back end (issue 14, lane P) on a 2,000-paragraph English
document, the paragraph of tests/benchmarks/bench_pdf.py (bold, italic and a link).

Run: .venv/bin/python -m pytest tests/benchmarks/bench_pdf_glyphs.py --benchmark-only -s

* ``test_draw_and_embed``: reportlab's ``doc.build`` of 2,000 TextBlocks whose
  paragraphs are already set (the typesetter's cache is warm), then ``embed_fonts`` and
  pikepdf's save: the back end's own cost.
* ``test_set_draw_and_embed``: the same with a cold typesetter (a new FontBook).
* ``test_font_bytes``: prints the embedded font programs' size (FontFile2 streams, as
  stored) beside reportlab's for the same release today (``presskit.export``).

Times are process (CPU) time, ``PRESSKIT_BENCH_ROUNDS`` rounds (default 3).
"""

from __future__ import annotations

import io
import os
import time
import warnings
from pathlib import Path
from typing import Any

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate

from presskit.exporters._pdfembed import embed_fonts
from presskit.exporters._pdftext import TextBlock, glyph_writer
from presskit.typesetting import FontBook, Span, TextStyle

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("PRESSKIT_BENCH_ROUNDS", "3"))
COUNT = 2000
URL = "https://www.mddi.gov.sg/news"


def _spans(n: int) -> list[Span]:
    return [
        Span("The Ministry of Digital Development and Information and the Infocomm Media "
             "Development Authority will work with "),
        Span("ASEAN partners", bold=True),
        Span(" on "),
        Span("cross-border data flows", italic=True),
        Span(", digital trade and online safety; details at "),
        Span(URL, href=URL),
        Span(f". ({n})"),
    ]  # fmt: skip


def _book() -> FontBook:
    from presskit.theme import default_theme

    return FontBook.from_theme(default_theme().pdf_fonts())


def _build(book: FontBook) -> bytes:
    style = TextStyle(size=10.5, language="en")
    story = [TextBlock(_spans(n), style, book, space_after=7.35) for n in range(COUNT)]
    raw = io.BytesIO()
    doc = BaseDocTemplate(raw, pagesize=A4, invariant=1)
    doc.addPageTemplates([PageTemplate("page", [Frame(62, 62, 471, 700, id="body")])])
    doc.build(story)
    pdf = pikepdf.open(io.BytesIO(raw.getvalue()))
    embed_fonts(pdf, glyph_writer(doc.canv))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _font_bytes(data: bytes) -> dict[str, int]:
    pdf = pikepdf.open(io.BytesIO(data))
    sizes = {}
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            program = obj.get("/FontFile2")
            if program is not None:
                sizes[str(obj.FontName)] = len(program.read_raw_bytes())
    return sizes


def test_draw_and_embed(benchmark: Any) -> None:
    book = _book()
    _build(book)  # warm the typesetter's cache
    benchmark._timer = time.process_time
    benchmark.pedantic(_build, (book,), rounds=ROUNDS, iterations=1)
    print(f"\ndraw + embed: {benchmark.stats.stats.median * 1000 / COUNT:.2f} ms per paragraph")


def test_set_draw_and_embed(benchmark: Any) -> None:
    benchmark._timer = time.process_time
    benchmark.pedantic(lambda: _build(_book()), rounds=ROUNDS, iterations=1)
    median = benchmark.stats.stats.median
    print(f"\nset + draw + embed: {median * 1000 / COUNT:.2f} ms per paragraph")


def test_font_bytes() -> None:
    import presskit
    from presskit.errors import PresskitWarning
    from presskit.sources.agencies import load_agencies

    ours = _font_bytes(_build(_book()))
    head = (
        '+++\nheadline = "Two thousand paragraphs"\nissuers = ["mddi"]\n'
        'dateline = "SINGAPORE"\nissued = 2025-01-17T10:00:00+08:00\n+++\n\n'
    )
    paragraph = (
        "The Ministry of Digital Development and Information and the Infocomm Media "
        "Development Authority will work with **ASEAN partners** on *cross-border data "
        f"flows*, digital trade and online safety; details at {URL}."
    )
    body = "\n\n".join(f"{paragraph} ({n})" for n in range(COUNT))
    release = presskit.loads_markdown(
        head + body + "\n", agencies=load_agencies(ROOT / "sources" / "agencies.toml")
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PresskitWarning)
        theirs = _font_bytes(presskit.export(release, "pdf"))  # type: ignore[arg-type]
    same = _font_bytes(_reportlab_paragraphs())
    print(f"\nback end: {sum(ours.values())} bytes {ours}")
    print(f"reportlab, the same paragraphs: {sum(same.values())} bytes {same}")
    print(f"reportlab today, the whole release: {sum(theirs.values())} bytes {theirs}")


def _reportlab_paragraphs() -> bytes:
    """The same 2,000 paragraphs as reportlab Paragraphs in the same Noto Sans faces."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    book = _book()
    names = {}
    for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
        face = book.family("Latn", bold, italic)
        assert face is not None
        name = f"bench-{face.postscript_name}"
        pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
        names[bold, italic] = name
    pdfmetrics.registerFontFamily(names[False, False], normal=names[False, False],
                                  bold=names[True, False], italic=names[False, True],
                                  boldItalic=names[True, True])  # fmt: skip
    style = ParagraphStyle("b", fontName=names[False, False], fontSize=10.5, leading=14.5)
    text = (
        "The Ministry of Digital Development and Information and the Infocomm Media "
        "Development Authority will work with <b>ASEAN partners</b> on <i>cross-border "
        f'data flows</i>, digital trade and online safety; details at <a href="{URL}">'
        f"{URL}</a>. "
    )
    story = [Paragraph(f"{text}({n})", style) for n in range(COUNT)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)
    return out.getvalue()
