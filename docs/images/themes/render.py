"""Render the theme gallery of docs/themes.md: the reference release built in
presskit's default theme and in the example theme examples/themes/harbour, each as
PNG files beside this script: the PDF's first page, the DOCX's first page (through
LibreOffice), and, when a Chromium is installed, the release page, the newsroom index
and the e-mail's HTML part (a headless screenshot; the e-mail's inline images blocked,
as many mail clients show it first).

Run from the repository's root (needs LibreOffice's soffice and poppler's pdftoppm):

    .venv/bin/python docs/images/themes/render.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import presskit
from presskit.planning import parse_targets
from presskit.site import Site

HERE = Path(__file__).resolve().parent
THEMES = {"default": None, "harbour": Path("examples/themes/harbour")}
RELEASE = Path("sources/asean-digital-ministers-2025.md")
NOW = dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.UTC)
CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome")
     if (found := shutil.which(name))), None,
)  # fmt: skip


def png(pdf: Path, name: str) -> None:
    """The first page of ``pdf`` as ``HERE/<name>.png``, 60 dots per inch."""
    out = HERE / name
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(out)], check=True)  # fmt: skip
    print("wrote", out.with_suffix(".png"))


def screenshot(page: Path, name: str) -> None:
    """The top of the HTML ``page`` as ``HERE/<name>.png``, 800 by 1000 pixels."""
    out = HERE / f"{name}.png"
    # (--no-sandbox: Chromium refuses to run as root with its sandbox)
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--window-size=800,1000", f"--screenshot={out}",
                    page.as_uri()], check=True, capture_output=True)  # fmt: skip
    print("wrote", out)


def email_html(eml: Path, tmp: Path) -> Path:
    """The HTML part of the e-mail ``eml``, written to a file in ``tmp``."""
    import email
    from email import policy

    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    part = message.get_body(preferencelist=("html",))
    assert part is not None, f"{eml} has no HTML part"
    out = tmp / f"{eml.stem}-email.html"
    out.write_text(part.get_content(), encoding="utf-8")
    return out


def main() -> None:
    release = presskit.load(RELEASE)
    formats = ["pdf", "docx", *(["html", "index", "eml"] if CHROMIUM else [])]
    site = Site(base_url="https://newsroom.example.org/")
    with tempfile.TemporaryDirectory() as tmp:
        for name, theme in THEMES.items():
            out = Path(tmp) / name
            presskit.build([release], out, targets=parse_targets(formats), now=NOW, site=site,
                           asset_roots={release.slug: RELEASE.parent}, theme=theme)  # fmt: skip
            folder = out / release.slug
            png(folder / f"{release.slug}.pdf", f"{name}-pdf")
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                            str(folder / f"{release.slug}.docx")], check=True,
                           capture_output=True)  # fmt: skip
            png(Path(tmp) / f"{release.slug}.pdf", f"{name}-docx")
            if CHROMIUM:
                screenshot(folder / "index.html", f"{name}-html")
                screenshot(out / "index.html", f"{name}-index")
                screenshot(email_html(folder / f"{release.slug}.eml", Path(tmp)), f"{name}-email")
    if not CHROMIUM:
        print("no Chromium found: the HTML pictures were not made", file=sys.stderr)


if __name__ == "__main__":
    main()
