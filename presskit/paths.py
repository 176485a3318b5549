"""Files a release names, read only from inside the folder they must stay in.

A source or ``agencies.toml`` can name files that presskit then publishes: attachments
are copied into the public release folder, the kit and the e-mail; logos are embedded in
the DOCX, the PDF, the e-mail and the kit. Every such path goes through :func:`contain`,
which resolves it with symbolic links followed (:meth:`pathlib.Path.resolve` with
``strict=True``) and refuses a path that lands outside its containment root:

============  ==========================================================================
file          containment root
============  ==========================================================================
attachment    the source file's folder (and below)
logo          the sources tree: the folder of the ``agencies.toml`` that defines it
============  ==========================================================================

A reference document, a theme or a font given as an exporter option (``--set
docx.reference_doc=...``, the Python API) is input from the person running presskit and
is trusted: no source or ``agencies.toml`` can name one.

By construction: exporters are given an :class:`AssetRoot` (the ``asset_root`` option),
never a folder to join paths to; its :meth:`AssetRoot.attachment` and
:meth:`AssetRoot.logo` return a :class:`ContainedFile`, which only :func:`contain` can
make. A :class:`ContainedFile` reads its bytes by walking down from its root, folder by
folder, with ``O_NOFOLLOW``, so a link swapped in after the check is refused, not
followed. :func:`write_beneath` is the writing counterpart, for files written where
another program's links may wait (the importer's saved attachments).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path, PurePath, PurePosixPath
from typing import Final, final

import attrs

from presskit.errors import ExportError, PresskitError

__all__ = [
    "AGENCIES_FILE",
    "AssetRoot",
    "ContainedFile",
    "PathError",
    "check_contained",
    "contain",
    "write_beneath",
]

#: The file that defines a source tree's agencies; the folder that holds it is the root
#: of the tree (:meth:`AssetRoot.at`), read by :mod:`presskit.sources.agencies`.
AGENCIES_FILE = "agencies.toml"

_TOKEN: Final = object()
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY: Final = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_BINARY: Final = getattr(os, "O_BINARY", 0)
#: Whether files can be opened folder by folder without following links (POSIX).
_WALK: Final = bool(_NOFOLLOW and _DIRECTORY) and os.open in os.supports_dir_fd


class PathError(PresskitError):
    """A path names no readable file, or a file outside the folder it must stay in.

    ``str(error)`` is the message, without the file and line of the source that named
    the path (the loader adds them).
    """


@final
class ContainedFile:
    """A regular file, resolved with links followed, inside its containment root.

    Only :func:`contain` makes one. Attributes: ``path`` (absolute, resolved), ``root``
    (the resolved containment root), ``shown`` (the path as the release gives it, for
    messages), ``name`` and ``suffix`` (of the resolved file, as :class:`~pathlib.Path`).
    """

    __slots__ = ("_parts", "root", "shown")

    def __init__(self, token: object, root: Path, parts: tuple[str, ...], shown: str) -> None:
        if token is not _TOKEN:
            raise TypeError("a ContainedFile is made by presskit.paths.contain()")
        self.root = root
        self._parts = parts
        self.shown = shown

    @property
    def path(self) -> Path:
        return self.root.joinpath(*self._parts)

    @property
    def name(self) -> str:
        return self._parts[-1]

    @property
    def suffix(self) -> str:
        return PurePath(self._parts[-1]).suffix

    def __repr__(self) -> str:
        return f"ContainedFile({str(self.path)!r})"

    def size(self) -> int:
        """The file's size in bytes.

        Raises:
            OSError: the file can no longer be opened without following a link, or is
                no longer a regular file.
        """
        fd = self._open()
        try:
            return os.fstat(fd).st_size
        finally:
            os.close(fd)

    def read_bytes(self) -> bytes:
        """The file's bytes, read from the file that was checked.

        Raises:
            OSError: as :meth:`size`, or a read error.
        """
        fd = self._open()
        with os.fdopen(fd, "rb") as handle:
            return handle.read()

    def _open(self) -> int:
        if not _WALK:  # pragma: no cover - Windows: no O_NOFOLLOW, no dir_fd
            fd = os.open(self.path, os.O_RDONLY | _BINARY)
        else:
            fd = os.open(self.root, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
            try:
                for part in self._parts[:-1]:
                    inner = os.open(
                        part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd
                    )
                    os.close(fd)
                    fd = inner
                leaf = os.open(
                    self._parts[-1], os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK, dir_fd=fd
                )
            finally:
                os.close(fd)
            fd = leaf
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(errno.EINVAL, "not a regular file", str(self.path))
        return fd


def contain(
    href: str | PurePath, root: Path, *, what: str, base: Path | None = None
) -> ContainedFile:
    """The regular file ``href`` names, resolved with links followed, inside ``root``.

    Args:
        href: a path relative to ``base``, or an absolute path.
        root: the folder the file must stay in (its containment root).
        what: how to name the file in errors (``"attachments[0] (annex.pdf)"``).
        base: the folder ``href`` is relative to; default ``root``.

    Raises:
        PathError: ``href`` is a URL, names no readable regular file, or resolves to a
            file outside ``root``; the message names ``what``, the path and the root.
    """
    joined = _joined(href, root, what, base)
    try:
        resolved = joined.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python < 3.13)
        reason = exc.strerror if isinstance(exc, OSError) else "a loop of symbolic links"
        raise PathError(f"cannot read {what} {str(joined)!r}: {reason}") from None
    jail = _escape_check(href, resolved, root, what)
    try:
        mode = resolved.stat().st_mode
    except OSError as exc:
        raise PathError(f"cannot read {what} {str(joined)!r}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise PathError(f"{what} {str(joined)!r} is not a file")
    return ContainedFile(_TOKEN, jail, resolved.relative_to(jail).parts, str(href))


def check_contained(
    href: str | PurePath, root: Path, *, what: str, base: Path | None = None
) -> None:
    """Refuse ``href`` when it resolves (links followed, as far as they exist) outside
    ``root``; a missing file is not an error here (see :func:`contain`).

    Raises:
        PathError: as :func:`contain`, for a URL and for a path outside ``root``.
    """
    joined = _joined(href, root, what, base)
    try:
        resolved = joined.resolve()
    except (OSError, RuntimeError):
        return  # a loop of links: reading it fails later, with the reason
    _escape_check(href, resolved, root, what)


def _joined(href: str | PurePath, root: Path, what: str, base: Path | None) -> Path:
    if "://" in str(href):
        raise PathError(
            f"{what} {str(href)!r} is a URL; presskit does not download files, give a local path"
        )
    return (base if base is not None else root) / href


def _escape_check(href: str | PurePath, resolved: Path, root: Path, what: str) -> Path:
    jail = root.resolve()
    if not resolved.is_relative_to(jail):
        raise PathError(
            f"{what} {str(href)!r} leads to {resolved}, outside {jail}, the folder it must "
            "stay in (symbolic links are followed)"
        )
    return jail


@attrs.frozen
class AssetRoot:
    """Where a release's relative file paths start, and the folders its files must stay
    in (see the module documentation).

    Attributes:
        folder: the source's folder, resolved: relative paths start here, and
            attachments must stay inside it.
        tree: the sources tree, resolved: logos must stay inside it.
    """

    folder: Path
    tree: Path

    @classmethod
    def at(cls, folder: Path | str | None) -> AssetRoot:
        """The root of a release whose source is in ``folder`` (``None``: the current
        folder). Its tree is the folder of the nearest ``agencies.toml`` at or above
        ``folder``, else ``folder`` itself."""
        here = Path(folder if folder is not None else Path.cwd()).resolve()
        tree = next((f for f in (here, *here.parents) if (f / AGENCIES_FILE).is_file()), here)
        return cls(here, tree)

    @classmethod
    def or_cwd(cls, value: AssetRoot | None) -> AssetRoot:
        """``value``, or the root of the current folder when it is ``None``."""
        return value if value is not None else cls.at(None)

    def attachment(self, href: str, what: str) -> ContainedFile:
        """An attachment's file (``href`` relative to :attr:`folder`).

        Raises:
            ExportError: as :func:`contain`, with the same message.
        """
        try:
            return contain(href, self.folder, what=what)
        except PathError as exc:
            raise ExportError(str(exc)) from None

    def logo(self, href: str, what: str) -> ContainedFile:
        """A logo's file (``href`` relative to :attr:`folder`, inside :attr:`tree`).

        Raises:
            ExportError: as :func:`contain`, with the same message.
        """
        try:
            return contain(href, self.tree, what=what, base=self.folder)
        except PathError as exc:
            raise ExportError(str(exc)) from None


def as_asset_root(value: AssetRoot | Path | str | None) -> AssetRoot | None:
    """The ``asset_root`` option's converter: a folder becomes :meth:`AssetRoot.at`."""
    if value is None or isinstance(value, AssetRoot):
        return value
    return AssetRoot.at(value)


def write_beneath(folder: Path, href: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/href`` atomically, never through a symbolic link.

    ``href`` is a relative POSIX path with no ``..``. The folders on the way are made
    when missing; one that exists as a symbolic link (or a link where the file goes) is
    refused rather than followed, so nothing is written outside ``folder``.

    Returns:
        The path written.

    Raises:
        PathError: ``href`` is absolute, empty, holds ``..`` or a backslash, or a folder
            on the way (or the file) is a symbolic link or not a folder.
        OSError: the file cannot be written.
    """
    parts = PurePosixPath(href).parts
    if (
        not parts
        or PurePosixPath(href).is_absolute()
        or any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts)
    ):
        raise PathError(f"{href!r} is not a plain relative path (no absolute path, no ..)")
    folder.mkdir(parents=True, exist_ok=True)
    if not _WALK:  # pragma: no cover - Windows: check, then write
        return _write_checked(folder, parts, data)
    fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for depth, part in enumerate(parts[:-1], 1):
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, dir_fd=fd)
            try:
                inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except OSError:
                raise PathError(
                    f"{folder.joinpath(*parts[:depth])} is a symbolic link "
                    f"or not a folder; not writing {href} through it"
                ) from None
            os.close(fd)
            fd = inner
        name = parts[-1]
        if stat.S_ISLNK(_lstat_at(name, fd)):
            raise PathError(f"{folder / href} is a symbolic link; not writing through it")
        tmp = f".{name}.{os.urandom(6).hex()}.tmp"
        out = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644, dir_fd=fd
        )
        try:
            with os.fdopen(out, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            # replaces a link put there meanwhile; never follows it
            os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=fd)
            raise
    finally:
        os.close(fd)
    return folder.joinpath(*parts)


def _lstat_at(name: str, fd: int) -> int:
    try:
        return os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return 0


def _write_checked(folder: Path, parts: tuple[str, ...], data: bytes) -> Path:  # pragma: no cover
    current = folder
    for part in parts[:-1]:
        current = current / part
        with contextlib.suppress(FileExistsError):
            current.mkdir()
        if current.is_symlink() or not current.is_dir():
            raise PathError(f"{current} is a symbolic link or not a folder; not writing there")
    target = current / parts[-1]
    if target.is_symlink():
        raise PathError(f"{target} is a symbolic link; not writing through it")
    fd, tmp = tempfile.mkstemp(prefix=f".{parts[-1]}.", suffix=".tmp", dir=current)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
