"""Feed documents made from per-entry fragments (the engine of the feed exporters).

A feed document is a *skeleton* (its head and tail, which depend on the document only)
around the serialised entries. An entry's serialisation (its *fragment*) is the same in
every document that holds it, so each is made once per format and kept:

* in the build cache (:attr:`presskit.exporters.BuildContext.cache`) under a key that
  includes the release's fingerprint, so a later build neither lays the release out as
  HTML nor serialises it again;
* in process, in a memo bounded by size (:data:`MEMO_BYTES`), for the documents of one
  build that hold the same entry (a newsroom feed page, an agency's, a language's).

Making an entry's content (HTML laid out and sanitised) is most of the work, so when one
format needs a fragment that is not stored, the fragments of every format are made from
that content and stored together (RSS, Atom and JSON Feed are written one after the
other by a build).

Each document gets a key (:attr:`presskit.exporters.CollectionDocument.key`): the
digest of its format, its skeleton's inputs and its entries' keys, so an archive page
whose entries did not change keeps its key and the build leaves it alone. Without
fingerprints (the API called without a build) keys are ``None`` and nothing is put in a
cache.

Formats plug in as :class:`Writer` objects; see :mod:`presskit.exporters.feeds`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import attrs

from presskit.buildcache import digest, unseal

if TYPE_CHECKING:
    from presskit.buildcache import Cache
    from presskit.feedplan import Entry, FeedDocument
    from presskit.model import PressRelease
    from presskit.profiles import Profile

__all__ = ["MEMO_BYTES", "Memo", "Session", "Writer", "catalogue_stamp"]

#: The most bytes of one format's fragments kept in process when they are also in a
#: cache (about 9,000 entries of a long release).
MEMO_BYTES = 128 << 20
#: Changes whenever the way fragments or documents are made changes.
_VERSION = "feed-fragments/1"


def catalogue_stamp() -> str:
    """What the active user message catalogues (:func:`presskit.i18n.active_folders`)
    hold, as a digest of their ``.po`` files' paths and bytes: labels in entries and
    pages come from them."""
    from presskit.i18n import active_folders

    parts: list[bytes | str] = []
    for folder in active_folders():
        for path in sorted(folder.rglob("*.po")):
            parts.append(str(path))
            try:
                parts.append(path.read_bytes())
            except OSError:
                parts.append("")
    return digest(_VERSION, "catalogues", *parts)


class Writer(Protocol):
    """A feed format as the engine uses it."""

    @property
    def name(self) -> str:
        """The format's name (``"atom"``)."""

    def fragments(self, entries: Sequence[Entry], pretty: bool) -> list[bytes]:
        """The fragment of each of ``entries`` (full entries, with content), in a
        document in the entry's own language."""

    def assemble(
        self, document: FeedDocument, fragments: Sequence[bytes], options: object
    ) -> bytes:
        """The bytes of ``document`` holding ``fragments`` (those of its entries)."""


@attrs.define
class Memo:
    """Fragments by (format, pretty, slug), at most ``limit`` bytes of them (``None``: no
    limit). Once full it takes no more, rather than dropping the oldest: a feed format
    asks for its entries in cycles (the newsroom feed, then each agency's, each
    language's), and dropping the least recently used would drop each just before it is
    asked for again."""

    limit: int | None
    items: dict[tuple[str, bool, str], bytes] = attrs.Factory(dict)
    size: int = 0
    scope: tuple[str, bool] | None = None

    def put(self, key: tuple[str, bool, str], data: bytes) -> None:
        if self.limit is not None and self.size + len(data) > self.limit:
            return
        if key not in self.items:
            self.items[key] = data
            self.size += len(data)

    def keep_only(self, name: str, pretty: bool) -> None:
        """Forget the fragments of every other format (a build writes one format's
        documents, then the next one's)."""
        if self.scope == (name, pretty):
            return
        self.scope = (name, pretty)
        for key in [k for k in self.items if k[:2] != (name, pretty)]:
            self.size -= len(self.items.pop(key))


@attrs.define
class Session:
    """The planned documents of a newsroom (entries without their content) and the
    means to make each document's bytes; shared by the three feed formats of one build.

    Attributes:
        documents: the planned documents (:func:`presskit.feedplan.plan` with
            ``content=False``).
        releases: by slug.
        profile: the house style of the entries' content; ``None``: each release's own,
            else ``default_style`` (the site's).
        writers: by format name, every feed format (fragments of all are made at once).
        fingerprints: by slug, the key of each release's model (missing: no keys).
        cache: where fragments are kept between builds, or ``None``.
    """

    documents: list[FeedDocument]
    releases: Mapping[str, PressRelease]
    profile: Profile | None
    writers: Mapping[str, Writer]
    fingerprints: Mapping[str, str]
    cache: Cache | None
    memo: Memo = attrs.field(init=False)
    entry_keys: dict[str, str | None] = attrs.Factory(dict)
    fragment_keys: dict[tuple[str, bool, str], str | None] = attrs.Factory(dict)
    objects: str | None = None  # the cache's folder of objects, "" when not known
    labels: str = attrs.Factory(catalogue_stamp)
    default_style: str | None = None
    style: str = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.memo = Memo(MEMO_BYTES if self.cache is not None else None)
        self.style = repr((self.profile, self.default_style))

    def entry_key(self, entry: Entry) -> str | None:
        """The key of everything an entry's fragments depend on: its release's
        fingerprint, the house style and the entry's planned fields (its URL, dates,
        enclosures, translations); ``None`` when the release has no fingerprint."""
        if entry.slug in self.entry_keys:
            return self.entry_keys[entry.slug]
        fingerprint = self.fingerprints.get(entry.slug)
        key = None
        if fingerprint is not None:
            key = digest(_VERSION, "entry", fingerprint, self.labels, self.style, repr(entry))
        self.entry_keys[entry.slug] = key
        return key

    def document_key(self, writer: Writer, document: FeedDocument, salt: str) -> str | None:
        """The key of a document's bytes in ``writer``'s format: its planned fields
        (entries aside), ``salt`` (the options and site it is written with) and its
        entries' keys; ``None`` when an entry has none."""
        keys = [self.entry_key(e) for e in document.entries]
        if any(k is None for k in keys):
            return None
        head = repr(attrs.evolve(document, entries=()))
        return digest(_VERSION, "document", writer.name, salt, head, *(k or "" for k in keys))

    def fragment_key(self, name: str, pretty: bool, entry: Entry) -> str | None:
        """The cache key of ``entry``'s fragment in format ``name``."""
        where = (name, pretty, entry.slug)
        if where not in self.fragment_keys:
            key = self.entry_key(entry)
            # the entry's key is a digest already: a plain hash of it and the format
            self.fragment_keys[where] = (
                None
                if key is None
                else hashlib.sha256(f"{key}/fragment/{name}/{pretty}".encode()).hexdigest()
            )
        return self.fragment_keys[where]

    def fragments(self, writer: Writer, pretty: bool, entries: Sequence[Entry]) -> list[bytes]:
        """The fragments of ``entries`` in ``writer``'s format: kept ones, else made
        (with every other format's, which are kept for them)."""
        if self.cache is not None:  # what is in the cache need not stay in memory
            self.memo.keep_only(writer.name, pretty)
        out: list[bytes | None] = []
        missing: list[Entry] = []
        for entry in entries:
            data = self._stored(writer.name, pretty, entry)
            out.append(data)
            if data is None:
                missing.append(entry)
        if missing:
            made = self._make(missing, pretty, writer.name)
            out = [made[e.slug] if d is None else d for d, e in zip(out, entries, strict=True)]
        return [d for d in out if d is not None]

    def _stored(self, name: str, pretty: bool, entry: Entry) -> bytes | None:
        data = self.memo.items.get((name, pretty, entry.slug))
        if data is None and self.cache is not None:
            key = self.fragment_key(name, pretty, entry)
            data = None if key is None else self._read(key)
            if data is not None:
                self.memo.put((name, pretty, entry.slug), data)
        return data

    def _read(self, key: str) -> bytes | None:
        """``self.cache.get(key)``, without building a path object for every key (a
        third of the time of reading tens of thousands of fragments): the cache's folder
        of objects is found from the path of the first key, and used when
        :meth:`~presskit.buildcache.Cache.path` puts keys where this expects them."""
        assert self.cache is not None
        if self.objects is None:
            probe = self.cache.path(key)
            folder = str(probe.parent.parent)
            self.objects = folder if Path(folder, key[:2], key) == probe else ""
        if not self.objects:
            return self.cache.get(key)
        try:
            with open(os.path.join(self.objects, key[:2], key), "rb") as handle:
                raw = handle.read()
            return unseal(raw)
        except (FileNotFoundError, NotADirectoryError):
            return None

    def _make(self, entries: Sequence[Entry], pretty: bool, name: str) -> dict[str, bytes]:
        """Make the content of ``entries`` and every format's fragments of them; keep
        them (in the cache, and in memory: every format's without a cache, else only
        those of ``name``, the format asked for). Returns those of ``name`` by slug."""
        from presskit.feedplan import content_html

        full = [
            attrs.evolve(
                e,
                content_html=content_html(
                    self.releases[e.slug], e, self.profile, self.default_style
                ),
            )
            for e in entries
        ]
        asked: dict[str, bytes] = {}
        for other, writer in self.writers.items():
            for entry, data in zip(entries, writer.fragments(full, pretty), strict=True):
                if other == name:
                    asked[entry.slug] = data
                key = self.fragment_key(other, pretty, entry)
                if self.cache is not None and key is not None:
                    self.cache.put(key, data)
                if other == name or self.cache is None or key is None:
                    self.memo.put((other, pretty, entry.slug), data)
        return asked

    def make(self, writer: Writer, document: FeedDocument, pretty: bool, options: object) -> bytes:
        """The bytes of ``document`` in ``writer``'s format."""
        return writer.assemble(document, self.fragments(writer, pretty, document.entries), options)
