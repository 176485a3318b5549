"""``presskit i18n``: the command group for the message catalogues (click).

Imported by :mod:`presskit.cli` when the command line starts, so it imports only
``click`` at the top; the work is in :mod:`presskit.i18n.tools`. Exit status as the other
commands: 0 on success, 2 for a user error (a broken catalogue, an existing one,
``check`` finding errors), with a one-line message.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import click

__all__ = ["i18n", "print_problems"]

USER_ERROR = 2


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(USER_ERROR)


def _folder(folder: Path | None) -> Path:
    from presskit.i18n.catalogues import PACKAGE_LOCALE

    if folder is None:
        return PACKAGE_LOCALE
    if not folder.is_dir():
        _fail(f"--dir: {folder} is not a folder")
    return folder


_DIR = click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="A catalogue folder (DIR/<id>/LC_MESSAGES/presskit.po), such as sources/locale; "
    "default: presskit's own.",
)


@click.group()
def i18n() -> None:
    """The message catalogues of presskit's labels (gettext, domain presskit).

    A sources folder's locale/ folder may add a language or override an entry; see
    docs/languages.md, "Labels and message catalogues".
    """


@i18n.command()
def extract() -> None:
    """Regenerate presskit/locale/presskit.pot from the labels and update presskit's
    catalogues (for presskit's developers, after a label is added or changed)."""
    from presskit.errors import PresskitError
    from presskit.i18n.tools import extract as run

    try:
        changed = run()
    except (PresskitError, OSError) as exc:
        _fail(str(exc))
    for path in changed:
        click.echo(f"updated {path}")
    if not changed:
        click.echo("the template and the catalogues are up to date")


@i18n.command()
@_DIR
def update(folder: Path | None) -> None:
    """Update the catalogues in DIR to the labels of this presskit: new labels added
    untranslated, translations and comments kept (as pybabel update)."""
    from presskit.errors import PresskitError
    from presskit.i18n.tools import update as run

    try:
        changed = run(_folder(folder))
    except (PresskitError, OSError) as exc:
        _fail(str(exc))
    for path in changed:
        click.echo(f"updated {path}")


@i18n.command("init")
@click.argument("language")
@_DIR
def init_(language: str, folder: Path | None) -> None:
    """Make a catalogue for LANGUAGE (a BCP 47 tag such as ms-Arab or zh-Hant-HK) with
    every label untranslated; fill in the entries you want (empty ones fall back)."""
    from presskit.errors import PresskitError
    from presskit.i18n.tools import init as run

    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    try:
        po = run(language, _folder(folder))
    except (PresskitError, OSError) as exc:
        _fail(str(exc))
    click.echo(f"created {po}")


@i18n.command("compile")
@_DIR
@click.option("--statistics", is_flag=True, help="Print how much of each is translated.")
def compile_(folder: Path | None, statistics: bool) -> None:
    """Compile each catalogue in DIR to presskit.mo beside its .po (optional: presskit
    reads a .po it finds no up-to-date .mo for)."""
    from presskit.errors import PresskitError
    from presskit.i18n.tools import compile_catalogues

    try:
        done = compile_catalogues(_folder(folder))
    except (PresskitError, OSError) as exc:
        _fail(str(exc))
    for stats in done:
        click.echo(str(stats) if statistics else f"compiled {stats.mo}")


@i18n.command("check")
@_DIR
def check(folder: Path | None) -> None:
    """List the entries to look at: not translated, marked for review (# Review:),
    without a # Source: comment (warnings); placeholders that differ from the English,
    fuzzy, stale or missing entries (errors: exit status 2)."""
    if print_problems([_folder(folder)]):
        sys.exit(USER_ERROR)


def print_problems(folders: Iterable[Path]) -> int:
    """Print ``presskit i18n check``'s listing of the catalogues in ``folders`` and a
    summary line; return the number of errors."""
    from presskit.i18n.catalogues import catalogue_files
    from presskit.i18n.tools import check as run

    folders = list(folders)
    problems = run(folders)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    count = sum(len(catalogue_files(f)) for f in folders)
    noun = "catalogue" if count == 1 else "catalogues"
    click.echo(f"{errors} errors, {len(problems) - errors} warnings in {count} {noun}")
    return errors
