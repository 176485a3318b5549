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
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from presskit.model import PressRelease

__all__ = ["STAMP", "Cache", "digest", "fingerprint"]


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
        """The object stored under ``key``, or ``None``."""
        try:
            return self.path(key).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

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
                    handle.write(data)
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise

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
