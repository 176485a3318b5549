"""Render page 1 of each language's PDF for docs/languages.md: one small PNG a language.

    .venv/bin/python tools/language_samples.py [LANGUAGE ...] [--out docs/images/languages]
        [--dpi 60] [--colours 32]

Each language's release is the one the acceptance test builds (tests/localised.py,
tests/test_localised.py): the language's fixture, jointly issued, corrected, updated,
with notes to editors and a media contact, so that page 1 shows the status line, the
dateline, the numbered paragraphs and, where they fit, the labels after the body, all
in the release's language. The languages are the test's (``en``, ``ms``, ``zh-Hans``,
``ta``, ``th`` ...; default: all of them). The PDF is exported with the default options
and its first page drawn by poppler's ``pdftoppm`` into ``<out>/<language>.png``, with
a palette of 32 colours (about 30 KB a page).

Run it again after the catalogues or the PDF change, and look at the pictures. A release
the exporter refuses, and every warning it gives, is printed and the run goes on; the
exit status is 1 when a PDF was refused, so the pictures are never silently stale.

Needs poppler-utils (``pdftoppm``). Output is deterministic (the PDF is, and so is
pdftoppm's PNG for one poppler version).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs/images/languages"
sys.path.insert(0, str(ROOT))

from tests.localised import CASES, Case, write_sources  # noqa: E402


def render(case: Case, out: Path, dpi: int, colours: int = 32) -> list[str]:
    """Write ``out`` (PNG of page 1 of ``case``'s public release as a PDF, ``dpi``
    pixels an inch, ``colours`` colours); return the warnings given.

    Raises:
        presskit.PresskitError: the release does not load or the PDF is refused.
        subprocess.CalledProcessError: pdftoppm failed.
    """
    import presskit

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        public, _ = write_sources(case, folder)
        release = presskit.load(public)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            data = presskit.export(release, "pdf")
        pdf = folder / "in.pdf"
        pdf.write_bytes(data)
        prefix = folder / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
             str(pdf), str(prefix)],
            check=True, timeout=120,
        )  # fmt: skip
        out.parent.mkdir(parents=True, exist_ok=True)
        _small_png(prefix.with_suffix(".png"), out, colours)
    return [str(w.message) for w in caught]


def _small_png(source: Path, out: Path, colours: int) -> None:
    """Write ``source`` (an RGB PNG) to ``out`` with a palette of ``colours`` colours,
    median cut, no dithering: a page of text keeps its look at a quarter of the bytes
    (Pillow, a dependency of presskit)."""
    from PIL import Image

    with Image.open(source) as image:
        small = image.convert("RGB").quantize(
            colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        small.save(out, "PNG", optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*", help=f"of {', '.join(CASES)} (default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--colours", type=int, default=32, help="of the PNG's palette")
    args = parser.parse_args(argv)
    if not shutil.which("pdftoppm"):
        print("pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 2
    import presskit

    unknown = sorted(set(args.languages) - set(CASES))
    if unknown:
        print(f"no such language: {', '.join(unknown)}; known: {', '.join(CASES)}", file=sys.stderr)
        return 2
    failed = 0
    for name in args.languages or list(CASES):
        target = args.out / f"{name}.png"
        try:
            messages = render(CASES[name], target, args.dpi, args.colours)
        except presskit.PresskitError as exc:
            print(f"{name}: not rendered: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"{name}: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        for message in messages:
            print(f"{name}: warning: {message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
