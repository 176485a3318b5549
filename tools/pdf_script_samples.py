"""Render page 1 of each script's PDF for the docs: one PNG per release.

    .venv/bin/python tools/pdf_script_samples.py [CASE ...] [--out docs/images/pdf-scripts]
        [--dpi 72] [--sources tests/fixtures/languages --sources tests/fixtures/rtl]

Each release (``<case>.md`` in the source folders: by default the languages of the region
in tests/fixtures/languages and the Arabic release in tests/fixtures/rtl) is exported to
PDF with the default options and its first page drawn with poppler's ``pdftoppm`` into
``<out>/<case>.png``. A release the exporter refuses, and every warning it gives, is
printed and the run goes on; the exit status is 1 when a PDF was refused, so the pictures
in the docs are never silently stale. Issue 14 asks that every picture be looked at:
these are the pictures.

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
DEFAULT_SOURCES = (ROOT / "tests/fixtures/languages", ROOT / "tests/fixtures/rtl")
DEFAULT_OUT = ROOT / "docs/images/pdf-scripts"


def render(source: Path, out: Path, dpi: int) -> list[str]:
    """Write ``out`` (PNG of page 1 of ``source``'s PDF); return the warnings given.

    Raises:
        presskit.PresskitError: the release does not load or the PDF is refused.
        subprocess.CalledProcessError: pdftoppm failed.
    """
    import presskit

    release = presskit.load(source)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = presskit.export(release, "pdf")
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "in.pdf"
        pdf.write_bytes(data)
        prefix = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
             str(pdf), str(prefix)],
            check=True, timeout=120,
        )  # fmt: skip
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prefix.with_suffix(".png"), out)
    return [str(w.message) for w in caught]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="release names (default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--dpi", type=int, default=72)
    parser.add_argument("--sources", type=Path, action="append")
    args = parser.parse_args(argv)
    if not shutil.which("pdftoppm"):
        print("pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 2
    import presskit

    sources = {p.stem: p for folder in (args.sources or DEFAULT_SOURCES)
               for p in sorted(folder.glob("*.md"))}  # fmt: skip
    unknown = sorted(set(args.cases) - set(sources))
    if unknown:
        print(f"no such release: {', '.join(unknown)}", file=sys.stderr)
        return 2
    failed = 0
    for name in args.cases or sorted(sources):
        target = args.out / f"{name}.png"
        try:
            messages = render(sources[name], target, args.dpi)
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
