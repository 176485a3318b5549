"""Render the theme gallery of docs/themes.md: the reference release's first page as
PDF and as DOCX (through LibreOffice), in presskit's default theme and in the example
theme examples/themes/harbour, as PNG files beside this script.

Run from the repository's root (needs LibreOffice's soffice and poppler's pdftoppm):

    .venv/bin/python docs/images/themes/render.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import presskit

HERE = Path(__file__).resolve().parent
THEMES = {"default": None, "harbour": Path("examples/themes/harbour")}
RELEASE = Path("sources/asean-digital-ministers-2025.md")


def png(pdf: Path, name: str) -> None:
    """The first page of ``pdf`` as ``HERE/<name>.png``, 60 dots per inch."""
    out = HERE / name
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(out)], check=True)  # fmt: skip
    print("wrote", out.with_suffix(".png"))


def main() -> None:
    release = presskit.load(RELEASE)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, theme in THEMES.items():
            pdf = folder / f"{name}.pdf"
            pdf.write_bytes(presskit.export(release, "pdf", theme=theme))
            png(pdf, f"{name}-pdf")
            docx = folder / f"{name}-docx.docx"
            docx.write_bytes(presskit.export(release, "docx", theme=theme))
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                            str(folder), str(docx)], check=True, capture_output=True)  # fmt: skip
            png(docx.with_suffix(".pdf"), f"{name}-docx")


if __name__ == "__main__":
    sys.exit(main())
