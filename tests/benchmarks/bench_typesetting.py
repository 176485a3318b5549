"""Benchmark: :func:`presskit.typesetting.typeset` on 2,000 different English
paragraphs (the 2,000-paragraph release of bench_pdf.py, each paragraph numbered, so
the cache never hits), and on the language cases' paragraphs.

Run: .venv/bin/python tests/benchmarks/bench_typesetting.py  (prints ms per paragraph)
or:  .venv/bin/python -m cProfile -s cumtime tests/benchmarks/bench_typesetting.py
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from presskit.typesetting import FontBook, Span, TextStyle, typeset  # noqa: E402

WIDTH = 451.0  # A4 less 2 x 72 pt margins


def english(n: int) -> list[Span]:
    return [
        Span(
            "The Ministry of Digital Development and Information and the Infocomm Media "
            "Development Authority will work with "
        ),
        Span("ASEAN partners", bold=True),
        Span(" on "),
        Span("cross-border data flows", italic=True),
        Span(", digital trade and online safety; details at "),
        Span("https://www.mddi.gov.sg/news", href="https://www.mddi.gov.sg/news"),
        Span(f". ({n})"),
    ]


def main() -> None:
    from presskit.theme import default_theme

    book = FontBook.from_theme(default_theme().pdf_fonts())
    style = TextStyle(10.5, align="justify")
    typeset(english(-1), style, WIDTH, book)  # fonts loaded, ICU warmed up
    count = 2000
    start = time.process_time()
    lines = 0
    for n in range(count):
        lines += len(typeset(english(n), style, WIDTH, book).lines)
    spent = time.process_time() - start
    print(
        f"english: {count} paragraphs, {lines} lines, {spent:.3f} s CPU, "
        f"{spent / count * 1000:.3f} ms per paragraph"
    )


def languages() -> None:
    """ms per paragraph for each language case's body (fonts loaded first; each
    paragraph set once, at the width of A4 less margins, justified)."""
    from presskit.theme import default_theme

    book = FontBook.from_theme(default_theme().pdf_fonts())
    for path in sorted((ROOT / "tests/fixtures/languages").glob("*.md")):
        front, body = path.read_text("utf-8").split("+++", 2)[1:]
        meta = tomllib.loads(front)
        style = TextStyle(10.5, align="justify", language=meta.get("language", "en"))
        paragraphs = [meta["headline"], *(p.strip() for p in body.split("\n\n") if p.strip())]
        for paragraph in paragraphs:  # warm up: fonts read, ICU dictionaries loaded
            typeset([Span(paragraph)], style, WIDTH - 1, book)
        start = time.process_time()
        for paragraph in paragraphs:
            typeset([Span(paragraph)], style, WIDTH, book)
        spent = (time.process_time() - start) / len(paragraphs) * 1000
        print(f"{path.stem}: {spent:.3f} ms per paragraph ({len(paragraphs)} paragraphs)")


if __name__ == "__main__":
    main()
    languages()
