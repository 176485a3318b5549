"""What a build wrote into an output folder: the manifest, kept in the build's state
folder (the cache folder, beside the output folder: never inside it, where publishing
would pick up the slugs of releases under embargo).

For each release: its render key (:func:`presskit.render.render_key`) and each file
written for it; for each collection document (a feed page, the index): its key
(:attr:`presskit.exporters.CollectionDocument.key`). For each file: its path relative to
the output folder, size, modification time (ns), SHA-256, format and variant. A file
whose size and modification time are those recorded is taken to be unchanged since
(as make and Hugo do), so a release whose key and files match is neither read,
rendered nor written again.

The manifest is one JSON file, ``<state>/manifests/<digest of the output folder's
path>.json``, replaced atomically at the end of each build (also of one that fails, with
what it wrote); a build killed before leaves the previous one, whose stale entries only
make the next build look at those files again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

__all__ = ["FileEntry", "Manifest", "manifest_path"]

#: The manifest format; another version is ignored (the next build rewrites it).
VERSION = 1


@attrs.frozen
class FileEntry:
    """A file the build wrote (see the module documentation); ``key`` is the
    collection document's key (``None`` for a release's files, or a document without
    one)."""

    size: int
    mtime_ns: int
    sha256: str
    format: str
    variant: str | None = None
    key: str | None = None

    def intact(self, path: Path | str) -> bool:
        """The file at ``path`` still has the recorded size and modification time."""
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns

    def as_list(self) -> list[object]:
        return [self.size, self.mtime_ns, self.sha256, self.format, self.variant, self.key]


@attrs.frozen
class ReleaseEntry:
    """A release's render key, files (by path relative to the output folder) and the
    warnings rendering it gave (repeated by a build that does not render it again)."""

    key: str
    files: Mapping[str, FileEntry]
    messages: tuple[str, ...] = ()


def _inside(name: object) -> str:
    """``name`` when it is a path a build writes (relative, POSIX, inside the output
    folder: no ``..``, nothing absolute); else ``ValueError``, so that a damaged or edited
    manifest cannot make a build or ``presskit clean`` remove a file outside it."""
    if not isinstance(name, str):
        raise ValueError(name)
    if (  # the usual name, found in one pass of each test: "<slug>/<slug>.pdf"
        name
        and "\\" not in name
        and ":" not in name
        and "//" not in name
        and "/." not in name
        and name[0] not in "./"
        and name[-1] != "/"
    ):
        return name
    parts = name.split("/")
    if "\\" in name or ":" in parts[0] or any(p in ("", ".", "..") for p in parts):
        raise ValueError(name)
    return name


def _newest(path: Path, root: Path) -> Path:
    """Of ``path`` and the manifests of ``root`` in the default state folders, the one
    saved last (``path`` when there is none)."""
    from presskit.buildcache import FOLDER_NAME, user_cache_folder

    key = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:16]
    found: list[tuple[int, int, Path]] = []
    for order, folder in enumerate((root.parent / FOLDER_NAME, user_cache_folder() / key)):
        with contextlib.suppress(OSError):
            candidate = manifest_path(folder, root)
            found.append((candidate.stat().st_mtime_ns, -order, candidate))
    with contextlib.suppress(OSError):
        found.append((path.stat().st_mtime_ns, 1, path))
    return max(found)[2] if found else path


def manifest_path(state: Path, root: Path) -> Path:
    """Where the manifest of the output folder ``root`` (resolved) is kept in ``state``."""
    name = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:24]
    return state / "manifests" / f"{name}.json"


@attrs.define
class Manifest:
    """The manifest of one output folder (see the module documentation).

    Attributes:
        path: the manifest file.
        root: the output folder (resolved).
        releases: by slug, what was written for each release.
        collections: by path, each collection document written.
        formats: by collection format, the key of everything its documents were last
            made from (see :meth:`presskit.pipeline._Build.write_collections`), then
            their paths in the order they were made.
        dirty: an entry was changed since it was loaded (it needs saving).
    """

    path: Path
    root: Path
    releases: dict[str, ReleaseEntry] = attrs.Factory(dict)
    collections: dict[str, FileEntry] = attrs.Factory(dict)
    formats: dict[str, list[str]] = attrs.Factory(dict)
    dirty: bool = False

    @classmethod
    def load(cls, state: Path, root: Path) -> Manifest:
        """The manifest of ``root`` kept in ``state``; an empty one when there is none
        or it cannot be read (an older format, a damaged file). When the build's other
        state folders (:func:`presskit.buildcache.default_folder`: beside the output
        folder, or the user cache folder it falls back to) hold a newer manifest of
        ``root``, that one is read (and saved to ``state``): a build whose cache folder
        moved (``--cache-dir``, a folder become read-only) still knows what the last
        build wrote, and removes it when it is stale."""
        path = manifest_path(state, root)
        manifest = cls(path, root)
        try:
            data = json.loads(_newest(path, root).read_bytes())
            if data.get("version") != VERSION or data.get("root") != str(root):
                return manifest
            for slug, entry in data["releases"].items():
                files = {_inside(name): FileEntry(*row) for name, row in entry["files"].items()}
                messages = tuple(entry.get("messages", ()))
                manifest.releases[slug] = ReleaseEntry(entry["key"], files, messages)
            manifest.collections = {
                _inside(n): FileEntry(*r) for n, r in data["collections"].items()
            }
            formats = data.get("formats", {}).items()
            manifest.formats = {
                str(k): [str(v[0]), *(_inside(p) for p in v[1:])] for k, v in formats if v
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path, root)
        return manifest

    def intact(self, files: Mapping[str, FileEntry]) -> bool:
        """Every file of ``files`` is as recorded (see :meth:`FileEntry.intact`)."""
        root = f"{self.root}{os.sep}"
        return all(entry.intact(root + name) for name, entry in files.items())

    def entry(
        self,
        name: str,
        size: int,
        sha256: str,
        fmt: str,
        variant: str | None,
        key: str | None = None,
    ) -> FileEntry:
        """The entry of a file just written (its modification time read now)."""
        try:
            mtime = (self.root / name).stat().st_mtime_ns
        except OSError:
            mtime = -1
        return FileEntry(size, mtime, sha256, fmt, variant, key)

    def paths(self) -> Iterable[str]:
        """Every file recorded, relative to the output folder."""
        for entry in self.releases.values():
            yield from entry.files
        yield from self.collections

    def save(self) -> None:
        """Replace the manifest file atomically (made with its folder when missing).

        Raises:
            OSError: it cannot be written.
        """
        data: dict[str, Any] = {
            "version": VERSION,
            "root": str(self.root),
            "releases": {
                slug: {
                    "key": e.key,
                    "files": {n: f.as_list() for n, f in e.files.items()},
                    "messages": list(e.messages),
                }
                for slug, e in sorted(self.releases.items())
            },
            "collections": {n: f.as_list() for n, f in sorted(self.collections.items())},
            "formats": dict(sorted(self.formats.items())),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(data, separators=(",", ":")).encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def remove(self) -> None:
        """Remove the manifest file (``presskit clean``)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
