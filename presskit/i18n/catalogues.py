"""The gettext catalogues of presskit's labels: where they are, which ones a language
reads, and the lookup behind :func:`presskit.i18n.label`.

Catalogues
    The domain is ``presskit``. The package's catalogues are in ``presskit/locale/<id>/
    LC_MESSAGES/presskit.po`` (and, in a built wheel, the ``presskit.mo`` compiled from
    each). A *user catalogue folder* has the same shape (``<folder>/<id>/LC_MESSAGES/
    presskit.po``): a sources folder's ``locale/`` folder, for a language presskit lacks
    or a ministry's own wording for one entry. ``<id>`` is a locale identifier
    (``zh_Hans``, ``ms_Arab``; ``zh-Hans`` is read the same).

    A compiled ``presskit.mo`` is read when it is up to date (compiled from the ``.po``
    as it now is: :mod:`presskit.i18n._mo` stamps each ``.mo`` with the ``.po``'s
    SHA-256; a ``.mo`` without the stamp, such as ``pybabel compile`` writes, counts when
    it is not older than the ``.po``); otherwise the ``.po`` is read with Babel. Each
    catalogue is read once per process (:func:`clear_caches` forgets them).

Entries
    An entry counts when its ``msgctxt`` is a label's key (``key`` or ``key|style``), its
    ``msgid`` is the label's English text as :data:`~presskit.i18n.labels.LABELS` has it
    now (a translation of older English wording is not used), its ``msgstr`` is not
    empty, it is not marked ``fuzzy``, and its placeholders (``{when}``) are those of its
    ``msgid``. Other entries are passed over, as if they were not there: a user's stale
    or broken entry does not hide the package's (``presskit i18n check`` lists them).

Fallback chain (:func:`fallback_chain`)
    A BCP 47 tag is expanded with CLDR's likely subtags (Babel's data) to get its script,
    then walked up CLDR's parent locales, each locale also under its short name (without
    the script when the script is the usual one). A script that is not the language's
    usual one stops the walk (CLDR's parent is then the root), except for ``ms_Arab``
    (Jawi), which falls back to ``ms``: a Jawi reader reads Rumi Malay, and Malay is
    closer than English. A territory is never added. So:

    ============== ==============================================
    ``zh-Hans-SG`` zh_Hans_SG, zh_SG, zh_Hans, zh
    ``zh-SG``      zh_Hans_SG, zh_SG, zh_Hans, zh
    ``zh-TW``      zh_Hant_TW, zh_TW, zh_Hant
    ``zh-HK``      zh_Hant_HK, zh_HK, zh_Hant
    ``ms-Arab``    ms_Arab, ms
    ``ja-JP``      ja_Jpan_JP, ja_JP, ja_Jpan, ja
    ``de``         de_Latn, de (no catalogue: English)
    ============== ==============================================

    After the chain comes English (:data:`~presskit.i18n.labels.LABELS`).

Lookup (:func:`template`)
    For each locale of the chain, in order: the entry ``key|style``, then ``key``. Within
    one locale the user catalogue folders win over the package's, entry by entry (the
    first folder given first). So a house style's wording wins only within one language,
    and a user's general wording does not hide the package's wording for a house style.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from presskit.errors import SourceError
from presskit.i18n._mo import DIGEST_CONTEXT, po_digest
from presskit.i18n._polint import first_problem
from presskit.i18n.labels import LABELS

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import PoFileError

__all__ = [
    "DOMAIN",
    "PACKAGE_LOCALE",
    "Catalogue",
    "active_folders",
    "catalogue_files",
    "clear_caches",
    "english_of",
    "fallback_chain",
    "labels_state",
    "load_folders",
    "locale_id",
    "parse_po",
    "placeholders",
    "po_error",
    "printed_wordings",
    "read_catalogue",
    "shown",
    "template",
    "user_folders",
    "using_catalogues",
]

#: The gettext domain of presskit's labels.
DOMAIN = "presskit"

#: The package's catalogue folder (``<id>/LC_MESSAGES/presskit.po``, ``presskit.pot``).
PACKAGE_LOCALE = Path(__file__).resolve().parent.parent / "locale"

#: The name of a sources folder's user catalogue folder (``sources/locale/``).
USER_FOLDER = "locale"

#: A catalogue's usable entries: ``msgctxt -> (msgid, msgstr)``.
Catalogue = Mapping[str, tuple[str, str]]

#: Locales whose script is not the language's usual one but whose parent is the
#: language, not CLDR's root (see the module docstring).
EXTRA_PARENTS: Mapping[str, str] = {"ms_Arab": "ms"}

_FOLDERS: ContextVar[tuple[Path, ...]] = ContextVar("presskit_catalogue_folders", default=())


# --- user catalogue folders -------------------------------------------------------------


def active_folders() -> tuple[Path, ...]:
    """The user catalogue folders :func:`presskit.i18n.label` reads now, first wins
    (absolute paths; ``()`` outside :func:`using_catalogues`)."""
    return _FOLDERS.get()


@contextmanager
def using_catalogues(*folders: Path | str) -> Iterator[tuple[Path, ...]]:
    """Within the ``with`` block, :func:`presskit.i18n.label` reads the catalogues of
    ``folders`` (each shaped ``<id>/LC_MESSAGES/presskit.po``; the first given wins)
    before the package's. They replace the folders of an enclosing block. The setting
    is a :class:`contextvars.ContextVar`: it holds for this thread (and asyncio task)
    only; :func:`presskit.pipeline.build` passes its folders to the workers it renders
    in. Folders that do not exist are left out.

    Yields:
        The folders now active (absolute paths).

    Raises:
        SourceError: a catalogue in ``folders`` is not a valid ``.po`` (file and line).
    """
    chosen = tuple(dict.fromkeys(Path(f).resolve() for f in folders if Path(f).is_dir()))
    load_folders(chosen)
    token = _FOLDERS.set(chosen)
    try:
        yield chosen
    finally:
        _FOLDERS.reset(token)


def user_folders(sources: Iterable[Path]) -> tuple[Path, ...]:
    """The user catalogue folders of some sources: the ``locale/`` folder of each folder
    in ``sources`` (of a file's folder, for a file) that has one, in the order given,
    without repeats (absolute paths)."""
    found = []
    for source in sources:
        folder = source if source.is_dir() else source.parent
        if (folder / USER_FOLDER).is_dir():
            found.append((folder / USER_FOLDER).resolve())
    return tuple(dict.fromkeys(found))


def load_folders(folders: Iterable[Path]) -> None:
    """Read every catalogue in ``folders`` now (they are cached), so that a broken one
    stops a build before anything is written.

    Raises:
        SourceError: a catalogue is not a valid ``.po`` or ``.mo`` (file and line).
    """
    for folder in folders:
        for messages in _folder_index(Path(folder).resolve()).values():
            _catalogue(messages)


def catalogue_files(folder: Path) -> dict[str, Path]:
    """The ``.po`` files of a catalogue folder by locale id (``{"zh_Hans": .../zh_Hans/
    LC_MESSAGES/presskit.po}``), sorted by id; folders with only a ``.mo`` left out."""
    found = {lid: d / f"{DOMAIN}.po" for lid, d in _folder_index(folder.resolve()).items()}
    return {lid: path for lid, path in sorted(found.items()) if path.is_file()}


def clear_caches() -> None:
    """Forget every catalogue read and every label looked up (after a catalogue file
    changed in a long-running process)."""
    global _cleared
    for cached in (_folder_index, _catalogue, _merged, template, fallback_chain, printed_wordings):
        cached.cache_clear()
    _cleared += 1


_cleared = 0  # how many times clear_caches ran


def labels_state() -> tuple[int, tuple[Path, ...]]:
    """A token that changes whenever the labels :func:`presskit.i18n.label` prints may
    change (other user catalogue folders active, or :func:`clear_caches` run): what is
    built from labels can be reused while it stays equal (``presskit.layout`` does)."""
    return _cleared, _FOLDERS.get()


# --- the fallback chain -----------------------------------------------------------------


def locale_id(tag: str) -> str | None:
    """The locale identifier (``zh_Hans_SG``) of a BCP 47 tag or locale name
    (``zh-hans-sg``, ``zh_Hans_SG``), without variants and extensions; ``None`` when it
    is not one."""
    parts = _parse(tag)
    return None if parts is None else _join(*parts)


def _parse(tag: str) -> tuple[str, str | None, str | None] | None:
    """``(language, script, territory)`` of a tag, or ``None``."""
    from babel.core import parse_locale

    subtags = tag.replace("_", "-").split("-")
    for index, subtag in enumerate(subtags):
        if index and len(subtag) == 1:  # an extension (-u-, -t-) or private use (-x-)
            subtags = subtags[:index]
            break
    try:
        language, territory, script, *_ = parse_locale("_".join(subtags))
    except ValueError:
        return None
    return language.lower(), script, territory


def _join(language: str, script: str | None, territory: str | None) -> str:
    return "_".join(part for part in (language, script, territory) if part)


def _likely_script(language: str, territory: str | None) -> str | None:
    """CLDR's likely script of ``language`` (in ``territory``), or ``None``."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    for key in ((f"{language}_{territory}",) if territory else ()) + (language,):
        if key in likely:
            _, script, _ = _parse(likely[key]) or (None, None, None)
            return script
    return None


@functools.lru_cache(maxsize=256)
def fallback_chain(language: str) -> tuple[str, ...]:
    """The locale ids whose catalogues a release in ``language`` (a BCP 47 tag) reads,
    most specific first (``"zh-SG"`` -> ``("zh_Hans_SG", "zh_SG", "zh_Hans", "zh")``);
    ``()`` for a tag that is not one. English (:data:`LABELS`) comes after it. The rules
    are in this module's docstring."""
    from babel.core import get_global

    parsed = _parse(language)
    if parsed is None:
        return ()
    lang, script, territory = parsed
    usual = _likely_script(lang, None)
    script = script or _likely_script(lang, territory)
    parents = get_global("parent_exceptions")
    chain: list[str] = []
    current: tuple[str, str | None, str | None] | None = (lang, script, territory)
    while current is not None and len(chain) < 16:
        lang, script, territory = current
        full = _join(lang, script, territory)
        short = _join(lang, None, territory)
        if script == _likely_script(lang, territory):
            chain += [full, short]
        else:
            chain.append(full)
        if full in parents or short in parents:
            parent = _parse(parents.get(full) or parents[short])
            current = parent and (parent[0], parent[1] or script, parent[2])
        elif territory:
            current = (lang, script, None)
        elif full in EXTRA_PARENTS:
            current = _parse(EXTRA_PARENTS[full])
        elif script and script == usual:
            current = (lang, None, None)
        else:
            current = None
    return tuple(dict.fromkeys(chain))


# --- reading catalogues -------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _folder_index(folder: Path) -> dict[str, Path]:
    """The ``LC_MESSAGES`` folders of a catalogue folder that hold a ``presskit.po`` or
    ``.mo``, by locale id."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for child in sorted(folder.iterdir()):
        messages = child / "LC_MESSAGES"
        lid = locale_id(child.name) if child.is_dir() else None
        if lid is not None and any((messages / f"{DOMAIN}{x}").is_file() for x in (".po", ".mo")):
            found.setdefault(lid, messages)
    return found


def placeholders(text: str) -> frozenset[str] | None:
    """The ``{placeholder}`` names of a label text; ``None`` when its braces are not
    plain named placeholders as the English has them: an unmatched ``{``, an empty or
    numbered field (``{}``, ``{0}``), an attribute or index (``{when.year}``), a
    conversion or format spec (``{when!r}``, ``{when:>9}``), any of which would make
    :meth:`str.format` fail or print something else than the English; or an escaped
    brace (``{{``), which a label is printed with or without as it has placeholders
    or not (no English label has one)."""
    names = set()
    if "{{" in text or "}}" in text:
        return None
    try:
        for _, name, spec, conversion in string.Formatter().parse(text):
            if name is None:
                continue
            if spec or conversion or not name.isidentifier():
                return None
            names.add(name)
    except ValueError:
        return None
    return frozenset(names)


def read_catalogue(messages: Path) -> Catalogue:
    """The usable entries of the catalogue in the ``LC_MESSAGES`` folder ``messages``:
    the compiled ``presskit.mo`` when it is up to date, else the ``presskit.po``.

    Raises:
        SourceError: the file is not a valid catalogue (path, and line for a ``.po``).
    """
    po, mo = messages / f"{DOMAIN}.po", messages / f"{DOMAIN}.mo"
    data = po.read_bytes() if po.is_file() else None
    catalog: Catalog | None = _read_mo(mo, data) if mo.is_file() else None
    if catalog is None and data is not None:
        catalog = parse_po(po, data)
    entries: dict[str, tuple[str, str]] = {}
    for message in catalog or ():
        msgid, msgstr, context = message.id, message.string, message.context
        if not (context and isinstance(msgid, str) and isinstance(msgstr, str) and msgstr):
            continue
        if message.fuzzy or context == DIGEST_CONTEXT:
            continue
        if msgid != english_of(context):
            continue  # stale: it must not hide a catalogue further on with the English now
        if placeholders(msgstr) == placeholders(msgid) is not None:
            entries[context] = (msgid, msgstr)
    return entries


def english_of(context: str) -> str | None:
    """The English an entry with this ``msgctxt`` translates: the label's, or, for
    ``key|style`` where only ``key`` is a label (a house style's wording that one
    language has), the general one; ``None``: not a label."""
    key, _, style = context.partition("|")
    return LABELS.get((key, style or None)) or (LABELS.get((key, None)) if style else None)


def parse_po(po: Path, data: bytes | None = None) -> Catalog:
    """The ``.po`` file ``po`` (whose bytes are ``data`` when given) as a Babel catalogue.

    Raises:
        SourceError: it cannot be read, is not UTF-8, or is not a valid catalogue (the
            line is given): Babel's errors, and the lines Babel would read wrongly
            without one (:mod:`presskit.i18n._polint`: an unclosed string, a second
            entry with the same ``msgctxt`` and ``msgid``).
    """
    from babel.messages.pofile import PoFileError, read_po

    try:
        data = po.read_bytes() if data is None else data
        problem = first_problem(data.decode("utf-8", "replace"))
        if problem is not None:  # what Babel would read wrongly without a word
            line, what = problem
            raise SourceError(shown(po), f"not a valid catalogue: {what}", line=line)
        return read_po(data.splitlines(keepends=True), abort_invalid=True)
    except PoFileError as exc:
        raise po_error(po, exc) from None
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise SourceError(shown(po), message) from None
    except OSError as exc:
        raise SourceError(shown(po), f"cannot read: {exc.strerror or exc}") from None


def po_error(po: Path, error: PoFileError) -> SourceError:
    """Babel's error about the ``.po`` file ``po`` as a :class:`SourceError`."""
    what = str(error.args[0]).removesuffix(f" on {error.lineno}")
    return SourceError(shown(po), f"not a valid catalogue: {what}", line=error.lineno)


def shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it (for messages)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_mo(mo: Path, po_data: bytes | None) -> Catalog | None:
    """The compiled catalogue, or ``None`` when the ``.po`` is newer than it."""
    import struct

    from babel.messages.mofile import read_mo

    try:
        with mo.open("rb") as handle:
            catalog = read_mo(handle)
    except (OSError, ValueError, IndexError, struct.error) as exc:
        raise SourceError(shown(mo), f"not a valid compiled catalogue ({exc})") from None
    if po_data is None:
        return catalog
    stamp = catalog.get("sha256", context=DIGEST_CONTEXT)
    if stamp is not None:
        return catalog if stamp.string == po_digest(po_data) else None
    po = mo.with_suffix(".po")
    return catalog if mo.stat().st_mtime_ns >= po.stat().st_mtime_ns else None


@functools.lru_cache(maxsize=256)
def _catalogue(messages: Path) -> Catalogue:
    return read_catalogue(messages)


@functools.lru_cache(maxsize=512)
def _merged(lid: str, folders: tuple[Path, ...]) -> Catalogue:
    """The entries of locale ``lid``: the package's, then each user folder's over them
    (the first folder last, so that it wins)."""
    merged: dict[str, tuple[str, str]] = {}
    for folder in (PACKAGE_LOCALE, *reversed(folders)):
        messages = _folder_index(folder).get(lid)
        if messages is not None:
            merged.update(_catalogue(messages))
    return merged


# --- the lookup ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def template(key: str, language: str, style: str | None, folders: tuple[Path, ...] = ()) -> str:
    """The text of label ``key`` for ``language`` (BCP 47) in house style ``style``,
    placeholders unfilled, reading the user catalogue ``folders`` (absolute paths, first
    wins) over the package's: the lookup in this module's docstring.

    Raises:
        KeyError: ``key`` is not a label (in :data:`LABELS`, for no style or ``style``).
        SourceError: a catalogue read for the first time is not valid.
    """
    general = LABELS.get((key, None))
    styled = LABELS.get((key, style), general) if style else None
    english = styled or general
    if english is None:
        raise KeyError(key)
    for lid in fallback_chain(language):
        entries = _merged(lid, folders)
        if styled is not None:
            found = entries.get(f"{key}|{style}")
            if found is not None and found[0] == styled:
                return found[1]
        found = entries.get(key)
        if found is not None and found[0] == general:
            return found[1]
    return english


@functools.lru_cache(maxsize=64)
def printed_wordings(key: str, folders: tuple[Path, ...] = ()) -> frozenset[str]:
    """Every text label ``key`` has in English and in each language of the package's
    catalogues, in every house style, reading the user catalogue ``folders`` too
    (:func:`presskit.i18n.wordings`); cached, so the package's catalogue folder is listed
    once, not for every line an importer reads.

    Raises:
        KeyError: ``key`` is not a label.
    """
    styles = [style for (k, style) in LABELS if k == key]
    if not styles:
        raise KeyError(key)
    languages = ["en", *(lid.replace("_", "-") for lid in catalogue_files(PACKAGE_LOCALE))]
    return frozenset(
        template(key, language, style, folders) for language in languages for style in styles
    )
