"""The output folder of a build: the files it copies (attachments), the files it
removes (stale ones), the folders it writes into, what it publishes with a release."""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from presskit.errors import PresskitError
from presskit.model import PressRelease
from presskit.paths import AssetRoot, ContainedFile, PathError, contain
from presskit.publication import EMBARGOED

if TYPE_CHECKING:
    from presskit.publication import PublishedFile

__all__ = [
    "attachment_copies",
    "copied",
    "published",
    "remove_folder",
    "remove_stale",
    "unlink_file",
    "written_folders",
]


def unlink_file(path: Path) -> bool:
    """Remove a file (not a folder); ``True`` when there was one."""
    try:
        if path.is_file() or path.is_symlink():
            path.unlink()
            return True
    except FileNotFoundError:
        pass
    return False


def remove_folder(folder: Path, names: Collection[str]) -> bool:
    """Remove the files of a release folder the build wrote earlier, those called as
    in ``names`` (file names, not paths: a file the user put there stays), and the
    folder when it is then empty; ``True`` when something was removed."""
    if not folder.is_dir():
        return False
    removed = False
    for name in sorted(names):
        path = folder / name
        if "/" not in name and name not in ("", ".", "..") and unlink_file(path):
            removed = True
    with contextlib.suppress(OSError):
        folder.rmdir()
    return removed


def remove_stale(root: Path, patterns: Sequence[str], kept: set[str]) -> None:
    """Remove the files matching ``patterns`` (globs relative to ``root``) that are not
    in ``kept``: documents a collection format wrote before and no longer writes."""
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            name = path.relative_to(root).as_posix()
            if name not in kept and path.is_file():
                path.unlink()


def written_folders(root: Path, releases: Sequence[PressRelease]) -> list[Path]:
    """The folders a build writes files into: the output folder, the feeds' folders and
    both folders of each release (public and under embargo)."""
    folders = [root, *(p for p in (root / "feeds").glob("**") if p.is_dir())]
    for release in releases:
        folders += [root / release.slug, root / EMBARGOED / release.slug]
    return folders


def attachment_copies(
    release: PressRelease, asset_root: AssetRoot, generated: set[str]
) -> list[tuple[ContainedFile, str]]:
    """The local attachments of a release to copy into its folder: (source, file name);
    ``generated`` holds the names of the files the build writes for the release, in
    :meth:`str.casefold` case.

    Raises:
        PresskitError: an attachment is missing, is outside the source's folder (links
            followed), two have the same file name, or one is named like a file the build
            writes for the release.
    """
    out: list[tuple[ContainedFile, str]] = []
    names: set[str] = set()
    for index, attachment in enumerate(release.attachments):
        if "://" in attachment.href:
            continue
        name = Path(attachment.href).name
        where = f"{release.slug}: attachments[{index}] ({attachment.href})"
        if not (asset_root.folder / attachment.href).exists():
            raise PresskitError(f"{where}: no such file {asset_root.folder / attachment.href}")
        try:  # links followed, the file must be in the source's folder
            source = contain(attachment.href, asset_root.folder, what=where)
        except PathError as exc:
            raise PresskitError(str(exc)) from None
        if name.casefold() in generated:
            raise PresskitError(f"{where}: {name} is also a file the build writes; rename it")
        if name.casefold() in names:
            raise PresskitError(f"{where}: another attachment is also called {name}")
        names.add(name.casefold())
        out.append((source, name))
    return out


def copied(source: ContainedFile) -> bytes:
    """An attachment's bytes, read from the file that was checked (no link followed)."""
    try:
        return source.read_bytes()
    except OSError as exc:
        raise PresskitError(f"cannot read {source.shown!r}: {exc.strerror}") from None


def published(release: PressRelease, root: Path) -> tuple[PublishedFile, ...]:
    """The files published with a release, as they now are in the output folder: its
    PDF and DOCX (when present) and its attachments (copied, or remote); see
    :func:`presskit.publication.published_files`."""
    from presskit.publication import published_files

    folder = root / release.slug

    def size_of(name: str) -> int | None:
        path = folder / name
        return path.stat().st_size if path.is_file() else None

    return published_files(release, size_of)


def clean(root: Path, state: Path) -> list[str]:
    """Remove every file the manifest of the output folder ``root`` (kept in ``state``,
    see :mod:`presskit.manifest`) lists, the folders that are then empty (the output
    folder itself stays), a killed build's temporary files, and the manifest; nothing
    else. Return the files removed, relative to ``root``.

    Raises:
        OSError: a file cannot be removed.
    """
    from presskit.atomic import STAGING, remove_leftovers
    from presskit.manifest import Manifest

    root = root.resolve()
    manifest = Manifest.load(state, root)
    removed = [name for name in manifest.paths() if unlink_file(root / name)]
    remove_leftovers(root / EMBARGOED / STAGING, [])
    folders = {(root / name).parent for name in manifest.paths()}
    folders |= {root / EMBARGOED, root / "feeds"}
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        while folder != root and folder.is_relative_to(root):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    manifest.remove()
    return sorted(removed)
