"""The work behind ``presskit i18n``: the template from :data:`LABELS`, updating, creating,
compiling and checking catalogues (Babel's ``pybabel extract/update/init/compile``,
shaped for presskit's labels).

Every function here reads and writes files; none prints. Catalogue files are written
with Babel's ``write_po`` at a line width of 88, the width the committed files use, so
that running a command twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from presskit.errors import PresskitError, SourceError
from presskit.i18n._mo import compile_po
from presskit.i18n.catalogues import (
    DOMAIN,
    PACKAGE_LOCALE,
    catalogue_files,
    clear_caches,
    english_of,
    locale_id,
    parse_po,
    placeholders,
    po_error,
    shown,
)
from presskit.i18n.labels import DESCRIPTIONS, LABELS

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

__all__ = [
    "Problem",
    "Statistics",
    "check",
    "compile_catalogues",
    "extract",
    "init",
    "release_tag",
    "render_template",
    "shown",
    "template_catalogue",
    "template_is_current",
    "update",
]

#: Line width of the catalogue files (Babel's ``write_po(width=...)``).
WIDTH = 88
#: The template's file.
TEMPLATE = PACKAGE_LOCALE / f"{DOMAIN}.pot"
_CREATED = "POT-Creation-Date:"


def _context(key: str, style: str | None) -> str:
    return f"{key}|{style}" if style else key


def template_catalogue(created: dt.datetime | None = None) -> Catalog:
    """The catalogue template made from :data:`LABELS` and :data:`DESCRIPTIONS`: one
    entry per label, ``msgctxt`` ``key`` or ``key|style``, ``msgid`` the English, the
    description as extracted comment (``#.``, plus `` House style: X.`` for a house
    style's entry), flagged ``python-brace-format`` when it has a placeholder.
    ``created`` (aware) is its ``POT-Creation-Date``; default: today, 00:00 UTC."""
    from babel.messages.catalog import Catalog

    if created is None:
        today = dt.datetime.now(dt.UTC).date()
        created = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    catalog = Catalog(
        project="presskit",
        version="0.1",
        copyright_holder="presskit developers",
        creation_date=created,
        fuzzy=False,
    )
    for (key, style), english in LABELS.items():
        comment = DESCRIPTIONS[key] + (f" House style: {style}." if style else "")
        flags = ["python-brace-format"] if placeholders(english) else []
        catalog.add(english, context=_context(key, style), auto_comments=[comment], flags=flags)
    return catalog


def _write(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, ignore_obsolete=False, include_previous=False)
    return out.getvalue()


def render_template(existing: bytes | None = None) -> bytes:
    """The template file's bytes. Its ``POT-Creation-Date`` is kept from ``existing``
    (the file as it is) when nothing else changed, so that an unchanged template is
    not rewritten."""
    fresh = _write(template_catalogue())
    if existing is not None and _without_date(existing) == _without_date(fresh):
        return existing
    return fresh


def _without_date(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if _CREATED.encode() not in line]


def template_is_current(path: Path = TEMPLATE) -> bool:
    """Whether the template file holds every label of :data:`LABELS` as it is now
    (``presskit i18n extract`` was run after the last change)."""
    existing = path.read_bytes() if path.is_file() else None
    return existing is not None and render_template(existing) == existing


def update(folder: Path) -> list[Path]:
    """Bring every catalogue in ``folder`` in step with :data:`LABELS` as ``pybabel
    update`` does: new labels added untranslated, translations and translator comments
    kept, an entry whose English changed kept as ``fuzzy`` (not used until reviewed),
    entries of removed labels kept as obsolete (``#~``). A house style's entry that only
    this language has (``status.immediate|sg`` with the general English as ``msgid``;
    the template has no such entry) is kept as it is.

    Returns:
        The files rewritten (those whose bytes changed).

    Raises:
        SourceError: a catalogue is not a valid ``.po``.
    """
    template = template_catalogue()
    changed = []
    for po in catalogue_files(folder).values():
        data = po.read_bytes()
        catalog = parse_po(po)
        # kept out of the update, lest Babel's fuzzy matching take them for old wordings
        own = [m for m in catalog if _english(m.context) == m.id != "" and _is_own(m)]
        for message in own:
            catalog.delete(message.id, message.context)
        catalog.update(template, update_header_comment=False, update_creation_date=False)
        for message in own:
            catalog[message.id] = message
        fresh = _write(catalog)
        if fresh != data:
            po.write_bytes(fresh)
            changed.append(po)
    clear_caches()
    return changed


def extract() -> list[Path]:
    """Write the package's template (``presskit/locale/presskit.pot``) from
    :data:`LABELS` and :func:`update` the package's catalogues.

    Returns:
        The files rewritten.
    """
    existing = TEMPLATE.read_bytes() if TEMPLATE.is_file() else None
    fresh = render_template(existing)
    changed = []
    if fresh != existing:
        TEMPLATE.write_bytes(fresh)
        changed.append(TEMPLATE)
    return changed + update(PACKAGE_LOCALE)


def init(language: str, folder: Path, *, now: dt.datetime | None = None) -> Path:
    """A new catalogue for ``language`` (a BCP 47 tag or locale id) in ``folder``
    (``<folder>/<id>/LC_MESSAGES/presskit.po``), every label untranslated, as ``pybabel
    init`` makes one.

    Raises:
        PresskitError: ``language`` is not a language tag a release may have
            (:func:`release_tag`), or the catalogue exists.
    """
    lid = locale_id(language)
    if lid is None or not release_tag(language):
        raise PresskitError(
            f"{language!r} is not a BCP 47 language tag such as zh-Hans, ms-Arab or zh_Hans_SG"
        )
    po = folder / lid / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.exists():
        raise PresskitError(f"{po} exists; `presskit i18n update --dir {folder}` updates it")
    catalog = template_catalogue()
    catalog.locale = lid  # Babel parses it (or keeps the id of a locale it lacks)
    catalog.revision_date = now or dt.datetime.now(dt.UTC)
    catalog.fuzzy = False
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_bytes(_write(catalog))
    clear_caches()
    return po


@attrs.frozen
class Statistics:
    """One compiled catalogue: ``translated`` of ``total`` entries, from ``po``."""

    po: Path
    mo: Path
    translated: int
    total: int

    def __str__(self) -> str:
        # pybabel compile --statistics's line
        percent = self.translated * 100 // self.total if self.total else 0
        counts = f"{self.translated} of {self.total} messages ({percent}%)"
        return f"{counts} translated in {shown(self.po)}"


def compile_catalogues(folder: Path) -> list[Statistics]:
    """Compile every catalogue in ``folder`` to ``presskit.mo`` beside its ``.po``
    (stamped with the ``.po``'s digest: :mod:`presskit.i18n._mo`).

    Raises:
        SourceError: a catalogue is not a valid ``.po``.
        OSError: a ``.mo`` cannot be written.
    """
    from babel.messages.pofile import PoFileError

    done = []
    for po in catalogue_files(folder).values():
        mo = po.with_suffix(".mo")
        parse_po(po)  # a file Babel would compile wrongly without a word stops here
        try:
            translated, total = compile_po(po, mo)
        except PoFileError as exc:
            raise po_error(po, exc) from None
        done.append(Statistics(po, mo, translated, total))
    clear_caches()
    return done


@attrs.frozen
class Problem:
    """An entry ``presskit i18n check`` lists: where (``po``, ``line``), which label
    (``key``, its ``msgctxt``; ``""`` for the whole file), ``reason``, and
    ``severity``: ``"error"`` (the entry is not used, or a label is missing) or
    ``"warning"`` (to review)."""

    po: Path
    line: int
    key: str
    reason: str
    severity: Literal["error", "warning"]

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return f"{shown(self.po)}:{self.line}: {self.severity}: {key}{self.reason}"


def check(folders: Iterable[Path]) -> list[Problem]:
    """Every entry of the catalogues in ``folders`` to look at, in file order.

    Errors: a placeholder that differs from the English, an entry marked fuzzy, an
    entry whose English is not the label's (stale), a label missing from the catalogue
    (run ``presskit i18n update``), a catalogue that cannot be read, one in a folder
    whose name is not a language tag (it is never read). Warnings: an entry not
    translated, one with a ``# Review:`` comment, one without a ``# Source:`` comment,
    one that is not a label (obsolete), a compiled catalogue without its ``.po``.
    """
    problems: list[Problem] = []
    for folder in folders:
        problems += _folder_problems(folder)
        for po in catalogue_files(folder).values():
            try:
                catalog = parse_po(po)
            except SourceError as exc:
                problems.append(Problem(po, exc.line or 1, "", exc.message, "error"))
                continue
            problems += _check_catalogue(po, catalog)
    return problems


def release_tag(language: str) -> bool:
    """Whether ``language`` (a tag, or a locale id such as ``zh_Hans_SG``) names a
    language a release may have: a language subtag of two or three letters (not the
    private-use ``x-`` and grandfathered ``i-`` forms, nor a word such as ``Malay``), and
    every subtag in the IANA registry (langcodes), as the model checks a release's."""
    import langcodes

    tag = language.replace("_", "-")
    first = tag.split("-")[0]
    return (
        first.isascii()
        and first.isalpha()
        and len(first) in (2, 3)
        and (langcodes.tag_is_valid(tag))
    )


def _folder_problems(folder: Path) -> list[Problem]:
    """The catalogues of ``folder`` in a folder no release's language can name (``Malay``,
    ``x``), and the compiled ones without their ``.po``."""
    problems = []
    for child in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else ():
        po, mo = (child / "LC_MESSAGES" / f"{DOMAIN}{x}" for x in (".po", ".mo"))
        if not (po.is_file() or mo.is_file()):
            continue
        if not release_tag(child.name):
            reason = (
                f"the folder {child.name!r} is not a language tag (such as ms, zh_Hans_SG or "
                "ms_Arab): its catalogue is never read"
            )
            problems.append(Problem(po if po.is_file() else mo, 1, "", reason, "error"))
        elif not po.is_file():
            reason = "a compiled catalogue without its .po: read, but not checked"
            problems.append(Problem(mo, 1, "", reason, "warning"))
    return problems


def _is_own(message: Message) -> bool:
    """A ``key|style`` entry that is not in the template (see :func:`update`)."""
    key, _, style = (message.context or "").partition("|")
    return bool(style) and (key, style) not in LABELS


def _english(context: str | None) -> str | None:
    """:func:`~presskit.i18n.catalogues.english_of` a ``msgctxt``; ``None`` without one."""
    return english_of(context) if context else None


def _check_catalogue(po: Path, catalog: Catalog) -> list[Problem]:
    expected = {_context(key, style): english for (key, style), english in LABELS.items()}
    problems = []
    seen = set()
    for message in catalog:
        if not message.id or not isinstance(message.context, str):
            continue
        seen.add(message.context)
        for severity, reason in _entry_problems(message, _english(message.context)):
            problems.append(Problem(po, message.lineno or 1, message.context, reason, severity))
    end = sum(1 for _ in po.open("rb"))
    for context in expected:
        if context not in seen:
            problems.append(Problem(po, end, context, "missing: run presskit i18n update", "error"))
    return problems


def _comments(lines: Iterable[str]) -> list[str]:
    """Translator comments, a ``Source:`` or ``Review:`` comment joined with the lines
    that continue it (Babel wraps a long comment over several ``# `` lines)."""
    joined: list[str] = []
    for line in (raw.strip() for raw in lines):
        tagged = line.startswith(("Source:", "Review:"))
        if joined and not tagged and joined[-1].startswith(("Source:", "Review:")):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _entry_problems(
    message: Message, english: str | None
) -> Iterable[tuple[Literal["error", "warning"], str]]:
    msgid, msgstr = message.id, message.string
    assert isinstance(msgid, str) and isinstance(msgstr, str)
    comments = _comments(message.user_comments)
    if english is None:
        yield "warning", "not a label presskit has (obsolete): not used"
        return
    if msgid != english:
        yield "error", f"the English is now {english!r}: run presskit i18n update"
        return
    if not msgstr:
        yield "warning", "not translated"
        return
    if message.fuzzy:
        yield "error", "marked fuzzy: not used until the flag is removed"
    if placeholders(msgstr) != placeholders(msgid):
        want = " ".join(f"{{{n}}}" for n in sorted(placeholders(msgid) or ())) or "none"
        if placeholders(msgstr) is None:
            reason = f"braces that are not plain placeholders like the English's ({want})"
            yield "error", f"{reason}: not used"
        else:
            yield "error", f"placeholders differ from the English ({want}): not used"
    for comment in comments:
        if comment.startswith("Review:"):
            yield "warning", comment
    if not any(c.startswith("Source:") for c in comments):
        yield "warning", "no '# Source:' comment saying where the wording comes from"
