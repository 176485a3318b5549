"""Atomic, durable file writes whose temporary files stay out of the published tree.

A file is written to a temporary file, flushed and fsynced, then renamed over its
destination with :func:`os.replace` (atomic on POSIX and Windows when both are on one
filesystem), so a reader or a crash sees the complete old or the complete new file,
never a mix. The build keeps its temporary files in one *staging* folder,
``<out>/_embargoed/.presskit-tmp/``: ``_embargoed/`` is the folder that is never
published (it holds the releases under embargo), and it lies on the output folder's
filesystem, so the rename stays atomic (a folder beside the output folder could be on
another filesystem, when the output folder is a mount point, or not writable). A build
killed between writing a temporary file and renaming it leaves that file there, not in
a public folder, and the next build removes it (:func:`remove_leftovers`).

Durability: every temporary file of a batch (:func:`write_files`) reaches the disk
before any of them is renamed, and the renames reach it after (:func:`sync_folders`),
so that a power cut leaves old or new files too, never an empty one under a new name.
How (:func:`strategy`, from the environment variable ``PRESSKIT_FSYNC``):

* ``syncfs`` (the default on Linux): one ``syncfs(2)`` of the filesystem holding the
  temporary files before the renames, and one of each filesystem holding the folders
  after them: the same guarantee as an fsync of each file and each folder (it writes
  back and waits for every dirty page and all metadata of the filesystem, and flushes
  the disk's cache), in one system call instead of one per file; a build writes
  about fifteen files a release. It also writes back what other programs left dirty on
  that filesystem, and Linux before 5.8 may not report a write-back error from it.
* ``file`` (the default elsewhere): an fsync of each temporary file (those of a batch
  concurrently, which a journaling filesystem commits together) and of each folder
  (with its parents up to the output folder).
* ``none``: no fsync. A killed build (``kill -9``, a crash of presskit) still leaves
  old or new files, never a mix, since that rests on the rename alone; a power cut or
  an operating system crash may leave files empty. For throw-away output (tests, CI).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

__all__ = [
    "STAGING",
    "remove_leftovers",
    "strategy",
    "sync_folders",
    "write_atomic",
    "write_files",
]

#: The staging folder's name; the build puts it in ``<out>/_embargoed/``.
STAGING = ".presskit-tmp"
_SUFFIX = ".presskit-tmp"
#: presskit's temporary files: ``.<name>.<8 characters of mkstemp>.presskit-tmp``.
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.presskit-tmp")
#: Those of presskit 0.x before the staging folder: ``.<name>.<8 characters>.tmp``,
#: beside the file they were to replace.
_LEGACY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def write_atomic(
    path: Path, data: bytes, *, staging: Path | None = None, synced: set[Path] | None = None
) -> bool:
    """Write ``data`` to ``path`` atomically; return ``False`` (and write nothing) when
    the file already holds exactly these bytes.

    Args:
        path: the destination; its folder is made when missing.
        data: the bytes.
        staging: the folder for the temporary file, made when missing; it must be on
            ``path``'s filesystem. ``None``: ``path``'s own folder.
        synced: when given, ``path``'s folder is added to it and left for the caller
            to fsync once with :func:`sync_folders`; ``None``: it is fsynced now.

    Raises:
        OSError: a folder cannot be made, or the file cannot be written.
    """
    if synced is not None:
        return write_files([(path, data)], staging=staging, synced=synced)[0]
    existed = _make_folder(path.parent)
    folders: set[Path] = set()
    changed = write_files([(path, data)], staging=staging, synced=folders)[0]
    sync_folders(folders, existed)
    return changed


def write_files(
    files: Sequence[tuple[Path, bytes]], *, staging: Path | None, synced: set[Path]
) -> list[bool]:
    """Write several files atomically, as :func:`write_atomic` does, in batches of
    :data:`BATCH`: write each batch's temporary files, fsync them all at once (a
    journaling filesystem commits concurrent fsyncs together, several times faster
    than one by one), then rename each over its destination. Each file's folder is
    added to ``synced`` for :func:`sync_folders`.

    Returns:
        For each file, ``False`` when it already held these bytes and was left alone.

    Raises:
        OSError: a folder cannot be made, or a file cannot be written; the files of
            the batches before are written, none of the failing batch's.
    """
    changed = [not _holds(path, data) for path, data in files]
    todo = [item for item, change in zip(files, changed, strict=True) if change]
    for start in range(0, len(todo), BATCH):
        _write_batch(todo[start : start + BATCH], staging)
    synced.update(path.parent for path, _ in todo)
    return changed


#: At most this many temporary files are open at a time.
BATCH = 64


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _write_batch(files: Sequence[tuple[Path, bytes]], staging: Path | None) -> None:
    """Write the temporary files, fsync them together, close them (Windows renames no
    open file), rename them; on any error remove those not renamed."""
    temporary: list[tuple[int, str]] = []
    closed = renamed = 0
    try:
        if staging is not None:
            staging.mkdir(parents=True, exist_ok=True)
        for path, data in files:
            _make_folder(path.parent)
            where = staging or path.parent
            temporary.append(tempfile.mkstemp(prefix=f".{path.name}.", suffix=_SUFFIX, dir=where))
            with os.fdopen(temporary[-1][0], "wb", closefd=False) as handle:
                handle.write(data)
        _sync([fd for fd, _ in temporary])  # every file on the disk before any rename
        for fd, _ in temporary:
            os.close(fd)
            closed += 1
        for (_, tmp), (path, _) in zip(temporary, files, strict=True):
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
            renamed += 1
    except BaseException:
        for fd, _ in temporary[closed:]:
            with contextlib.suppress(OSError):
                os.close(fd)
        for _, tmp in temporary[renamed:]:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


@functools.cache
def strategy() -> str:
    """How files and folders are made durable: ``"syncfs"``, ``"file"`` or ``"none"``
    (see the module documentation): ``PRESSKIT_FSYNC`` when set to one of them, else
    ``"syncfs"`` where the system has it (Linux), else ``"file"``. Read once per
    process."""
    chosen = os.environ.get("PRESSKIT_FSYNC", "").strip().lower()
    if chosen in ("syncfs", "file", "none"):
        return chosen
    return "syncfs" if _syncfs_call() is not None else "file"


def _sync(fds: Sequence[int]) -> None:
    """Make what was written through ``fds`` (files or folders) durable, by
    :func:`strategy`."""
    if not fds or strategy() == "none":
        return
    if strategy() == "syncfs" and _syncfs_each_filesystem(fds):
        return
    _fsync_all(fds)


@functools.cache
def _syncfs_call() -> Callable[[int], int] | None:
    """libc's ``syncfs``, or ``None`` (not Linux, or a libc without it)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int]
    call.restype = ctypes.c_int
    return call


def _syncfs_each_filesystem(fds: Sequence[int]) -> bool:
    """``syncfs`` once per filesystem among ``fds``; ``False`` when the system has no
    ``syncfs`` (the caller then fsyncs each).

    Raises:
        OSError: a filesystem could not be synced (a write-back error).
    """
    call = _syncfs_call()
    if call is None:
        return False
    devices = {os.fstat(fd).st_dev: fd for fd in fds}
    for fd in devices.values():
        if call(fd) != 0:
            import ctypes

            code = ctypes.get_errno()
            if code == errno.ENOSYS:
                return False
            raise OSError(code, f"syncfs: {os.strerror(code)}")
    return True


def _fsync_all(fds: Sequence[int]) -> None:
    """fsync every file descriptor, concurrently when there are several."""
    if len(fds) == 1:
        os.fsync(fds[0])
    elif fds:
        with ThreadPoolExecutor(max_workers=min(len(fds), 16)) as pool:
            list(pool.map(os.fsync, fds))


def _make_folder(folder: Path) -> Path:
    """Make ``folder`` and its missing parents; return the deepest folder that existed
    before (``folder`` itself when it did): the one whose new entries need a sync."""
    existing = folder
    while not existing.is_dir() and existing.parent != existing:
        existing = existing.parent
    folder.mkdir(parents=True, exist_ok=True)
    return existing


def sync_folders(folders: Iterable[Path], root: Path) -> None:
    """fsync each folder once, with its parents up to ``root`` (included), so that the
    renames into them and the folders made for them are durable.

    Filesystems and systems that cannot fsync a folder (Windows) are skipped.

    Raises:
        OSError: a folder cannot be opened or synced.
    """
    if os.name != "posix" or strategy() == "none":
        return
    todo: set[Path] = set()
    for folder in folders:
        todo.add(folder)
        if folder.is_relative_to(root):
            todo.update(p for p in folder.parents if p.is_relative_to(root))
    fds: list[int] = []
    try:
        for folder in sorted(todo):
            fds.append(os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)))
        _sync(fds)
    except OSError as exc:  # some filesystems cannot sync a folder
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        for fd in fds:
            os.close(fd)


def remove_leftovers(staging: Path, folders: Iterable[Path]) -> list[Path]:
    """Remove the temporary files an interrupted build left: presskit's own in
    ``staging`` (and the folder when it is then empty), and those of earlier presskit
    versions (``.<name>.<random>.tmp``) in ``folders`` (not their subfolders). Only
    regular files named by presskit's patterns are removed.

    Returns:
        The files removed.

    Raises:
        OSError: a leftover cannot be removed.
    """
    removed = _remove_matching(staging, _TEMPORARY)
    with contextlib.suppress(OSError):
        staging.rmdir()
    for folder in folders:
        removed += _remove_matching(folder, _LEGACY)
    return removed


def _remove_matching(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    removed = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed
