"""The build cache: rendered bytes and loaded models, addressed by the hash of what
they were made from, so that a build renders again only what changed.

A *key* is the SHA-256 hex digest of every input an artefact depends on (see
:func:`digest`); an *object* is the bytes stored under it. Objects are immutable: two
builds that store one key store the same bytes, so concurrent builds need no lock, and
each object is written to a temporary file in the cache and renamed into place, so a
killed build leaves no partial object (its temporary file is removed by the next build).

The cache lives outside the output folder (by default ``.presskit-cache/`` beside it),
where publishing the output folder cannot pick it up.

Inputs every key includes: :data:`STAMP`, the versions of presskit and of the
libraries that render (a new release of reportlab may lay a page out differently).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from presskit.model import PressRelease

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STAMP",
    "Cache",
    "code_stamp",
    "default_folder",
    "digest",
    "file_stamp",
    "fingerprint",
    "renderer_cache",
    "using_renderer_cache",
]

#: The default bound of a cache's size: 2 GiB (see :meth:`Cache.prune`).
DEFAULT_MAX_BYTES = 2 << 30
#: The name of the default cache folder, made beside the output folder.
FOLDER_NAME = ".presskit-cache"
#: The file that marks a folder as a presskit cache (``presskit clean --cache`` removes
#: only a folder that holds it).
MARKER = "CACHEDIR.TAG"
_MARKER_TEXT = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This folder is presskit's build cache; `presskit clean --cache` removes it.\n"
    b"# See https://bford.info/cachedir/\n"
)


def _versions() -> str:
    names = ("presskit", "reportlab", "python-docx", "feedgen", "lxml", "pikepdf", "babel")
    out = []
    for name in names:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=none")
    return ";".join(out)


#: The versions of presskit and its renderers, part of every key.
STAMP = _versions()


def digest(*parts: bytes | str) -> str:
    """The key of an artefact made from ``parts`` (bytes, or text taken as UTF-8) and
    :data:`STAMP`: the SHA-256 hex digest of their lengths and contents, so that no two
    different lists of parts give one key."""
    sha = hashlib.sha256()
    for part in (STAMP, *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "big"))
        sha.update(data)
    return sha.hexdigest()


def fingerprint(release: PressRelease) -> str:
    """The key of a release's model: the digest of its lossless JSON dump
    (:mod:`presskit.dump`). Releases loaded from sources get a cheaper one, the digest
    of their source's bytes and of the agencies file it uses (see
    :mod:`presskit.sources`)."""
    from presskit.dump import dumps

    return digest("release", dumps(release))


def default_folder(out_dir: Path | str) -> Path:
    """The cache folder of a build into ``out_dir``: ``.presskit-cache/`` beside it (in
    its parent folder, so that publishing the output folder cannot pick it up), or, when
    that folder cannot be written, ``presskit/<digest of the output folder's path>`` in
    the user cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``; ``%LOCALAPPDATA%`` on
    Windows, ``~/Library/Caches`` on macOS)."""
    out = Path(out_dir).resolve()
    beside = out.parent / FOLDER_NAME
    parent = next((p for p in (beside, *beside.parents) if p.exists()), None)
    if (
        parent is not None
        and os.access(parent, os.W_OK | os.X_OK)
        and (parent == beside or parent.is_dir())
    ):
        return beside
    return user_cache_folder() / hashlib.sha256(str(out).encode("utf-8")).hexdigest()[:16]


def user_cache_folder() -> Path:
    """presskit's folder in the user cache folder (see :func:`default_folder`)."""
    if sys.platform == "win32":  # pragma: no cover - not run on CI
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":  # pragma: no cover - not run on CI
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "presskit"


def file_stamp(path: Path) -> str:
    """What identifies a file's or a folder's contents without reading them: for a file
    its path, size and modification time (ns); for a folder the same of every file in
    it, recursively (leaving out ``__pycache__``), sorted; ``"missing"`` when there is none."""
    try:
        if path.is_dir():
            parts = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(files):
                    parts.append(file_stamp(Path(root) / name))
            return "\n".join(parts)
        stat = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


_CODE: list[str] = []


def code_stamp() -> str:
    """The digest of presskit's own files (code, themes, catalogues, fonts: their paths,
    sizes and modification times) and of the system font folders the PDF searches
    (:data:`presskit.fonts.SYSTEM_FONT_DIRS`): computed once per process, so that an
    edited checkout or a font installed since invalidates what was cached."""
    if not _CODE:
        from presskit.fonts import SYSTEM_FONT_DIRS

        package = Path(__file__).resolve().parent
        folders = [package, *SYSTEM_FONT_DIRS]
        _CODE.append(digest("code", *(file_stamp(folder) for folder in folders)))
    return _CODE[0]


#: The file in a cache's ``objects/`` folder that keeps the size of each shard (see
#: :meth:`Cache.prune`).
TALLY = "tally.json"


def _shard_size(folder: str) -> tuple[int, bool]:
    """The bytes of the objects in a shard folder, and whether it holds temporary
    files; those a killed build left (older than an hour) are removed."""
    limit = time.time() - 3600
    size = 0
    temporary = False
    for entry in os.scandir(folder):
        with contextlib.suppress(OSError):
            stat = entry.stat(follow_symlinks=False)
            if entry.name.startswith("."):
                if stat.st_mtime < limit:
                    os.unlink(entry.path)
                else:
                    temporary = True
                continue
            size += stat.st_size
    return size, temporary


#: The length of the check an object starts with (a BLAKE2b digest of the rest).
CHECK_BYTES = 16


def seal(data: bytes) -> bytes:
    """An object as stored: a :data:`CHECK_BYTES` BLAKE2b digest of ``data``, then
    ``data``, so that an object damaged on disk (a torn write on a filesystem without
    ordered data, a bit flip, a user's edit) is found and made again, never used."""
    return hashlib.blake2b(data, digest_size=CHECK_BYTES).digest() + data


def unseal(raw: bytes) -> bytes | None:
    """The data of a stored object (:func:`seal`), or ``None`` when it does not match
    its check."""
    data = raw[CHECK_BYTES:]
    if (
        len(raw) < CHECK_BYTES
        or hashlib.blake2b(data, digest_size=CHECK_BYTES).digest() != raw[:CHECK_BYTES]
    ):
        return None
    return data


@attrs.frozen
class Cache:
    """A folder of objects by key (picklable: a process pool's workers share it).

    Attributes:
        folder: where the objects are, ``<folder>/objects/<first 2 hex digits>/<key>``;
            made when the first object is stored.
    """

    folder: Path = attrs.field(converter=Path)

    def path(self, key: str) -> Path:
        """Where the object ``key`` is (whether or not it exists)."""
        return self.folder / "objects" / key[:2] / key

    def get(self, key: str) -> bytes | None:
        """The object stored under ``key``, or ``None`` (also when it was damaged since
        it was stored: it is then removed, see :func:`unseal`)."""
        path = self.path(key)
        try:
            raw = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        data = unseal(raw)
        if data is None:
            with contextlib.suppress(OSError):
                path.unlink()
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (atomically: a reader sees all of it or none).
        An error writing (a full disk, a read-only cache) is not the build's failure:
        the object is simply not stored."""
        target = self.path(key)
        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(seal(data))
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise

    def get_touch(self, key: str) -> bytes | None:
        """As :meth:`get`, and mark the object used now (its modification time), so that
        :meth:`prune` removes the least recently used objects first."""
        data = self.get(key)
        if data is not None:
            with contextlib.suppress(OSError):
                os.utime(self.path(key))
        return data

    def mark(self) -> None:
        """Make the folder and tag it as a cache (``CACHEDIR.TAG``, which backup tools
        skip; ``presskit clean --cache`` removes only a folder so tagged).

        Raises:
            OSError: the folder cannot be made or written.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = self.folder / MARKER
        if not tag.is_file():
            tag.write_bytes(_MARKER_TEXT)

    def prune(self, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
        """Remove the least recently used objects (oldest modification time first) until
        the objects take at most ``max_bytes`` bytes, and temporary files a killed build
        left (older than an hour: a running build may be writing the newer ones).
        Return the number of bytes removed. Errors (an object removed meanwhile by
        another build) are ignored.

        The size of each shard folder is kept in ``objects/tally.json`` with the folder's
        modification time, which storing or removing a file in it changes: a shard
        whose time is unchanged (and was not written in the second before it was
        counted, nor held temporary files) is not listed again, so a build that stored
        nothing looks at no object."""
        objects = self.folder / "objects"
        if not objects.is_dir():
            return 0
        tally = self._tally()
        started = time.time_ns()
        shards: dict[str, list[int]] = {}
        for shard in os.scandir(objects):
            with contextlib.suppress(OSError):
                if not shard.is_dir(follow_symlinks=False):
                    continue
                mtime = shard.stat(follow_symlinks=False).st_mtime_ns
                known = tally.get(shard.name)
                if known is not None and known[0] == mtime:
                    shards[shard.name] = known
                    continue
                size, temporary = _shard_size(shard.path)
                # a folder changed within the last second may change again within the
                # same tick of the file system's clock: count it again next time
                trusted = mtime < started - 1_000_000_000 and not temporary
                shards[shard.name] = [mtime if trusted else -1, size]
        removed = 0
        if sum(size for _, size in shards.values()) > max_bytes:
            removed = self._remove_oldest(objects, max_bytes)
            shards = {}  # counted again next time
        self._save_tally(shards)
        return removed

    def _tally(self) -> dict[str, list[int]]:
        """The last :meth:`prune`'s ``{shard: [modification time ns, bytes]}``."""
        import json

        try:
            data = json.loads((self.folder / "objects" / TALLY).read_bytes())
            return {
                str(k): [int(v[0]), int(v[1])]
                for k, v in data.items()
                if isinstance(v, list) and len(v) == 2
            }
        except (OSError, ValueError, TypeError, AttributeError, IndexError):
            return {}

    def _save_tally(self, shards: dict[str, list[int]]) -> None:
        import json

        path = self.folder / "objects" / TALLY
        with contextlib.suppress(OSError):
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(json.dumps(shards, sort_keys=True).encode("ascii"))
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise

    def _remove_oldest(self, objects: Path, max_bytes: int) -> int:
        """List every object; remove the least recently used until the rest take at
        most ``max_bytes``; return the bytes removed."""
        entries: list[tuple[int, int, str]] = []
        total = removed = 0
        for shard in os.scandir(objects):
            if not shard.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(shard.path):
                with contextlib.suppress(OSError):
                    if entry.name.startswith("."):
                        continue
                    stat = entry.stat(follow_symlinks=False)
                    entries.append((stat.st_mtime_ns, stat.st_size, entry.path))
                    total += stat.st_size
        entries.sort()
        for _, size, path in entries:
            if total <= max_bytes:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size
                removed += size
        return removed

    def keys(self) -> Iterable[str]:
        """Every key stored (unordered)."""
        objects = self.folder / "objects"
        if not objects.is_dir():
            return
        for shard in objects.iterdir():
            if shard.is_dir():
                for path in shard.iterdir():
                    if not path.name.startswith("."):
                        yield path.name


_RENDERER_CACHE: ContextVar[Cache | None] = ContextVar("presskit_renderer_cache", default=None)


@contextlib.contextmanager
def using_renderer_cache(cache: Cache | None) -> Iterator[None]:
    """Within the block (in this thread or task), let renderers keep in ``cache`` what
    they make from the build's shared inputs rather than from one release (the PDF's
    converted glyph outlines): :func:`renderer_cache` returns it. ``None``: no cache.
    :func:`presskit.render.render` opens it around every release it renders."""
    token = _RENDERER_CACHE.set(cache)
    try:
        yield
    finally:
        _RENDERER_CACHE.reset(token)


def renderer_cache() -> Cache | None:
    """The cache of :func:`using_renderer_cache` around this call, or ``None``."""
    return _RENDERER_CACHE.get()
