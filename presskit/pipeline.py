"""The batch pipeline: many releases x many formats -> files under an output folder.

Layout: ``<out>/<slug>/<slug>.<ext>``, or ``<slug>.<variant>.<ext>`` for formats with
variants (``text`` writes ``.sg.txt``, ``.us.txt`` and ``.uk.txt``). A release's local
attachments are copied into ``<out>/<slug>/``. Collection formats (the feeds) write the
paths they name (``<out>/feeds/newsroom.atom``) after every release's files, so that
their enclosures carry the real sizes of the files just written.

Guarantees:

* every file is written atomically (a temporary file, flushed and fsynced, then renamed
  over the old one; the files of a release, or of a collection, are fsynced together,
  and each changed folder once after the releases and once after the collections), so
  a crash or an error never leaves a half-written file and never destroys the previous
  good one;
* temporary files go to one staging folder, ``<out>/_embargoed/.presskit-tmp/``, never
  published; the next build removes the ones a killed build left (see
  :mod:`presskit.atomic`);
* every release folder is made before any file is written, so a folder that cannot be
  made stops the build with nothing written;
* all formats of a release are rendered in memory before any of its files is written: a
  release that fails to render writes nothing; a format that cannot carry the release's
  content (:class:`~presskit.errors.UnsupportedContentError`, such as right-to-left text
  in the PDF) is skipped with a :class:`~presskit.errors.PresskitWarning`;
* an exporter that bundles the others (``renders_last``: the press kit) is rendered after
  the release's other formats, whose bytes by file name (``{"<slug>.pdf": b"..."}``) are
  then in its :class:`~presskit.exporters.BuildContext` (see
  :meth:`~presskit.exporters.Exporter.in_build`);
* what is built is chosen by :func:`plan`, for the command line and the API alike;
* a file whose bytes are unchanged is not rewritten (its modification time stays);
* nothing is written outside the output folder, whatever a slug contains;
* the same releases and options give byte-identical files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from presskit import exporters
from presskit.atomic import STAGING, remove_leftovers, sync_folders, write_atomic, write_files
from presskit.errors import Crash, ExportError, PresskitError, PresskitWarning
from presskit.exporters import BuildContext, CollectionDocument, CollectionExporter, Exporter
from presskit.manifest import FileEntry, Manifest, ReleaseEntry
from presskit.model import PressRelease
from presskit.outputs import (
    attachment_copies,
    copied,
    published,
    remove_folder,
    remove_stale,
    unlink_file,
    written_folders,
)
from presskit.paths import AssetRoot, ContainedFile
from presskit.planning import Plan, Skipped, Target, parse_targets, plan
from presskit.publication import EMBARGOED, RESERVED_SLUGS

if TYPE_CHECKING:
    from presskit.buildcache import Cache
    from presskit.render import Rendered, Task
    from presskit.site import Site
    from presskit.theme import Theme

__all__ = [
    "OutputFile",
    "Plan",
    "Skipped",
    "Target",
    "Written",
    "build",
    "parse_targets",
    "plan",
    "write_atomic",
]


@attrs.frozen
class OutputFile:
    """A file the build produced.

    Attributes:
        path: where it is, relative to the output folder (POSIX separators).
        format: the format name; ``variant`` its variant or ``None``.
        size: bytes.
        sha256: hex digest of the bytes.
        changed: ``False`` when the file already had these bytes and was left alone.
    """

    path: str
    format: str
    variant: str | None
    size: int
    sha256: str
    changed: bool


def _document(name: str) -> type[Exporter]:
    """The document exporter of format ``name``."""
    from presskit.render import document_exporter

    return document_exporter(name)


def _collection(name: str) -> type[CollectionExporter]:
    """The collection exporter of format ``name``."""
    exporter = exporters.get(name)
    if not issubclass(exporter, exporters.CollectionExporter):
        raise ExportError(f"{exporter.name} is a document format, not a collection format")
    return exporter


def build(
    releases: Iterable[PressRelease],
    out_dir: Path | str,
    *,
    targets: Sequence[Target] | Plan | None = None,
    now: dt.datetime | None = None,
    source_date_epoch: int | None = None,
    executor: Executor | None = None,
    on_release: Callable[[PressRelease], None] | None = None,
    asset_roots: Mapping[str, Path] | None = None,
    site: Site | None = None,
    catalogues: Sequence[Path] | None = None,
    cache: Cache | None = None,
    fingerprints: Mapping[str, str] | None = None,
    state: Path | None = None,
    sources: Mapping[str, Path] | None = None,
    prune: bool = True,
    theme: Theme | Path | str | None = None,
) -> Written:
    """Render every release into every target and write the files.

    Layout: a public release's files go to ``<out>/<slug>/``; the files of a release not
    yet published at ``now`` (under embargo, or issued later than ``now``) go to
    ``<out>/_embargoed/<slug>/``, which is never to be uploaded, and leave the public
    tree (a stale public copy from an earlier build is removed). Once published, the
    release's ``_embargoed`` copy is removed. Collection formats write the paths they
    name and remove the files of theirs that this build did not write again (a feed
    that no longer exists, an old archive page), so nothing stale stays published.

    Args:
        releases: the releases; slugs must be unique.
        out_dir: the output folder (created if missing).
        targets: what to write: a :class:`Plan` (see :func:`plan`), or targets that
            :func:`plan` then sorts; default: :func:`parse_targets` of every format. The
            collection formats the plan leaves out (no ``now``; feeds without
            ``site.base_url``) are each reported with a :class:`PresskitWarning`.
        now: the current instant (timezone-aware), for embargo decisions; collection
            formats (feeds, index) require it. ``None``: every embargo holds.
        source_date_epoch: passed to exporters for file metadata.
        executor: a :class:`concurrent.futures.Executor` to render releases in
            parallel; ``None`` renders in this thread.
        on_release: called after each release's files are written (progress).
        asset_roots: by slug, the folder each release's relative asset paths (logos,
            attachments) are relative to, usually its source file's folder; releases
            not listed use the current folder.
        site: the newsroom settings (``base_url`` above all).
        catalogues: user message catalogue folders (``<folder>/<id>/LC_MESSAGES/
            presskit.po``, the first wins) whose labels win over the package's; ``None``:
            those active where ``build`` is called (:func:`presskit.i18n.using_catalogues`).
            They are passed to each render, so a process pool's workers read them too.
        cache: the build cache (:class:`presskit.buildcache.Cache`), or ``None`` to
            render everything.
        fingerprints: by slug, the key of each release's model (see
            :class:`~presskit.exporters.BuildContext`); missing ones are computed with
            :func:`presskit.buildcache.fingerprint` when there is a cache or a state
            folder.
        state: the folder of the build's manifest (:mod:`presskit.manifest`), usually
            the cache folder; ``None``: no manifest (everything is rendered, nothing
            stale is removed). With a manifest and a cache, a release whose render key
            (:func:`presskit.render.render_key`) and files are unchanged is neither
            rendered nor written, nor a collection document whose key and file are.
        sources: by slug, each release's source file: a worker loads the release from
            the model cache (or the file) instead of being sent it.
        prune: remove the files of the releases in the manifest that are not built
            now (a deleted or renamed source); ``False`` when the releases are only
            part of the newsroom.
        theme: the theme every format follows (:func:`presskit.theme.load_theme`: a
            :class:`~presskit.theme.Theme` or its folder); ``None``: the default theme.

    Returns:
        The files, in release order then target order, then the collection files; its
        ``removed`` attribute lists the stale files removed (paths relative to the
        output folder).

    Raises:
        PresskitError: two releases share a slug, a slug is reserved (``feeds``), a
            collection format that was asked for cannot be written, a local attachment
            is missing or would overwrite a generated file, or a release or collection
            cannot be rendered (files written before it stay; none of its own are
            written). A user catalogue that is not valid stops the build before anything
            is written (:class:`~presskit.errors.SourceError`, file and line).
        OSError: a file cannot be written.
    """
    from presskit.i18n import active_folders, using_catalogues
    from presskit.manifest import Manifest
    from presskit.publication import language_versions, unpublished_slugs
    from presskit.site import Site
    from presskit.theme import load_theme

    site = site or Site()
    chosen = targets if isinstance(targets, Plan) else plan(targets, now=now, site=site)
    for skipped in chosen.skipped:
        warnings.warn(PresskitWarning(skipped.message()), stacklevel=2)
    releases = list(releases)
    _check_slugs(releases)
    context = BuildContext(
        now=now,
        source_date_epoch=source_date_epoch,
        site=site,
        asset_roots=_asset_roots(releases, asset_roots or {}),
        unpublished=unpublished_slugs(releases, now),
        language_versions=language_versions(releases, language=site.language),
        fingerprints=_fingerprints(releases, fingerprints or {}, cache or state),
        cache=cache,
        theme=load_theme(theme),
    )
    folders = active_folders() if catalogues is None else catalogues
    with using_catalogues(*folders) as active:  # a broken catalogue stops here
        run = _Build(Path(out_dir), chosen, releases, context, active)
        run.sources = dict(sources or {})
        if state is not None:
            run.manifest = Manifest.load(state, run.root)
        try:
            run.prepare()
            run.write_releases(executor, on_release)
            run.write_collections()
            if prune:
                run.remove_gone()
            run.finish()
        finally:
            if run.manifest is not None and run.manifest.dirty:
                with contextlib.suppress(OSError):
                    run.manifest.save()
    return run.result()


def _asset_roots(
    releases: Sequence[PressRelease], given: Mapping[str, Path]
) -> dict[str, AssetRoot]:
    """The asset root of each release, each folder's made once (sources share a few)."""
    roots: dict[Path | None, AssetRoot] = {}
    out = {}
    for release in releases:
        folder = given.get(release.slug)
        if folder not in roots:
            roots[folder] = AssetRoot.at(folder)
        out[release.slug] = roots[folder]
    return out


def _fingerprints(
    releases: Sequence[PressRelease], given: Mapping[str, str], wanted: object
) -> dict[str, str]:
    """The fingerprint of each release: the one given, else (when ``wanted``: there is
    a cache or a manifest to use it with) its digest."""
    from presskit.buildcache import fingerprint

    out = dict(given)
    if wanted is not None:
        for release in releases:
            if release.slug not in out:
                out[release.slug] = fingerprint(release)
    return out


def _check_slugs(releases: Sequence[PressRelease]) -> None:
    """Refuse two releases with one slug, and a reserved slug."""
    seen: dict[str, int] = {}
    for index, release in enumerate(releases):
        if release.slug in seen:
            raise PresskitError(
                f"two releases have the slug {release.slug!r} (numbers {seen[release.slug] + 1} "
                f"and {index + 1}); set a different slug in one of them"
            )
        if release.slug in RESERVED_SLUGS:
            raise PresskitError(
                f"the slug {release.slug!r} is reserved for the build's {release.slug}/ "
                "folder; set another slug"
            )
        seen[release.slug] = index


@attrs.define
class _Build:
    """The state of one build, from the folders it makes to the files it wrote."""

    out: Path  # as given, for messages
    plan: Plan
    releases: list[PressRelease]
    context: BuildContext
    #: the user catalogue folders, active in each render
    catalogues: tuple[Path, ...] = ()
    root: Path = attrs.field(init=False)
    #: by slug, the folder each release's files go to (public, or under embargo)
    folders: dict[str, Path] = attrs.Factory(dict)
    copies: dict[str, list[tuple[ContainedFile, str]]] = attrs.Factory(dict)
    #: folders holding files written but not yet fsynced
    synced: set[Path] = attrs.Factory(set)
    #: by slug, the files written for each release
    files: dict[str, list[OutputFile]] = attrs.Factory(dict)
    #: the collection files written
    written: list[OutputFile] = attrs.Factory(list)
    #: stale files removed (relative to the output folder)
    removed: list[str] = attrs.Factory(list)
    #: by slug, each release's source file (workers load it themselves)
    sources: dict[str, Path] = attrs.Factory(dict)
    manifest: Manifest | None = None

    def __attrs_post_init__(self) -> None:
        self.root = self.out.resolve()

    @property
    def staging(self) -> Path:
        return self.root / EMBARGOED / STAGING

    def public(self, release: PressRelease) -> bool:
        return release.slug not in self.context.unpublished

    def prepare(self) -> None:
        """Check the attachments and make every folder before any file is written: a
        folder that cannot be made (a file in the way, no permission) stops the build
        with nothing written. Then remove the copies of releases that moved between
        the public tree and ``_embargoed``, and an interrupted build's leftovers."""
        documents = self.plan.documents
        for release in self.releases:
            root = self.context.asset_root(release.slug)
            assert root is not None
            self.copies[release.slug] = (
                attachment_copies(release, root, _generated(release, documents))
                if documents
                else []
            )
        for release in self.releases if documents else ():
            base = self.root if self.public(release) else self.root / EMBARGOED
            self.folders[release.slug] = self.make_folder(base, release.slug)
        if any(_collection(t.format).needs_base_url for t in self.plan.collections):
            (self.root / "feeds").mkdir(parents=True, exist_ok=True)
        for release in self.releases:
            self.remove_other_copy(release)
        # presskit 0.x left temporary files beside their files: looked for until a build
        # with a manifest has run (it looked then)
        old = self.manifest is None or not self.manifest.releases
        remove_leftovers(self.staging, written_folders(self.root, self.releases) if old else [])

    def make_folder(self, base: Path, slug: str) -> Path:
        """The folder ``base/slug``, made when missing; a folder that is a link (or a
        slug that is not a plain name) is resolved and must stay inside the output
        folder."""
        folder = base / slug
        plain = slug not in (".", "..") and "/" not in slug and "\\" not in slug
        with contextlib.suppress(FileNotFoundError):
            if plain and stat.S_ISDIR(os.lstat(folder).st_mode) and not os.path.islink(base):
                return folder
        folder = folder.resolve()
        if not folder.is_relative_to(self.root) or folder == self.root:
            raise PresskitError(f"slug {slug!r} would write outside {self.out}")
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def remove_other_copy(self, release: PressRelease) -> None:
        """Remove the release's folder on the other side of the embargo line."""
        public = self.public(release)
        stale = (self.root / EMBARGOED / release.slug) if public else (self.root / release.slug)
        if not stale.is_dir():  # the usual case: no need to list the names it could hold
            return
        if remove_folder(stale, self.names_of(release)) and not public:
            warnings.warn(
                PresskitWarning(
                    f"{release.slug}: removed {self.out / release.slug}/, which an earlier "
                    "build wrote: the release is not published yet (its embargo moved?); take "
                    "it off the public site too"
                ),
                stacklevel=4,
            )

    def names_of(self, release: PressRelease) -> set[str]:
        """The names of the files a build may have written into a release's folder:
        every document format's and variant's, its attachments', and those the manifest
        records (an attachment since removed)."""
        names = {Path(a.href).name for a in release.attachments if "://" not in a.href}
        for exporter in exporters.installed().formats.values():
            if issubclass(exporter, Exporter):
                for variant in (None, *exporter.variants):
                    names.add(exporter.file_for(release.slug, variant))
        entry = self.manifest.releases.get(release.slug) if self.manifest else None
        names.update(Path(name).name for name in (entry.files if entry else ()))
        return names

    def write_releases(
        self, executor: Executor | None, on_release: Callable[[PressRelease], None] | None
    ) -> None:
        """Render each release whose files are not intact (in ``executor`` when given)
        and write its files as its result arrives (see :mod:`presskit.render`)."""
        from presskit.render import cached, options_stamp, run_all

        keyed = self.keyed
        stamp = options_stamp(self.plan.documents, self.catalogues, self.context) if keyed else ""
        tasks: list[tuple[PressRelease, Task]] = []
        for release in self.releases:
            task = self.task(release, stamp)
            if self.skip(release, task.key):
                pass
            elif (hit := cached(self.context.cache, task.key)) is not None:
                self.write_release(release, task.key, hit)
            else:
                tasks.append((release, task))
                continue
            if on_release is not None:
                on_release(release)
        for release, task, result in run_all(tasks, executor):
            self.write_release(release, task.key, result)
            if on_release is not None:
                on_release(release)
        sync_folders(self.synced, self.root)  # the files the feeds name are durable first
        self.synced.clear()

    @property
    def keyed(self) -> bool:
        """Render keys are needed: there is a cache or a manifest."""
        return self.context.cache is not None or self.manifest is not None

    def task(self, release: PressRelease, stamp: str) -> Task:
        """The task of rendering ``release`` (its key is empty when not :attr:`keyed`)."""
        from presskit.render import Task, render_key, slice_context

        context = slice_context(self.context, release)
        model = self.context.fingerprints.get(release.slug)
        key = ""
        if self.keyed:
            assert model is not None
            key = render_key(release, model, context, self.context.now, stamp)
        source = self.sources.get(release.slug)
        cache = self.context.cache
        by_path = source is not None and cache is not None
        return Task(
            release.slug,
            key,
            self.plan.documents,
            context,
            self.catalogues,
            source=source if by_path else None,
            model=model if by_path else None,
            release=None if by_path else release,
            cache=cache,
        )

    def skip(self, release: PressRelease, key: str) -> bool:
        """The release's files are as the manifest records them, made with ``key`` by
        a build with a cache: record them as unchanged, write nothing."""
        entry = self.manifest.releases.get(release.slug) if self.manifest else None
        folder = self.folders.get(release.slug)
        if entry is None or self.manifest is None or self.context.cache is None:
            return False
        if folder is None or entry.key != key or not self.manifest.intact(entry.files):
            return False
        prefix = folder.relative_to(self.root).as_posix() + "/"
        if not all(name.startswith(prefix) for name in entry.files):
            return False
        for message in entry.messages:
            warnings.warn(PresskitWarning(message), stacklevel=4)
        built = {t.format for t in self.plan.documents} | {"attachment"}
        self.files[release.slug] = [
            OutputFile(name, f.format, f.variant, f.size, f.sha256, changed=False)
            for name, f in entry.files.items()
            if f.format in built
        ]
        return True

    def write_release(self, release: PressRelease, key: str, rendered: Rendered) -> None:
        """Issue a release's warnings, write its files and record them."""
        for message in rendered.messages:
            warnings.warn(PresskitWarning(message), stacklevel=3)
        folder = self.folders.get(release.slug)
        if folder is None:  # only collection formats are being built
            return
        targets = self.plan.documents
        batch = [
            (folder / name, data, targets[i].format, targets[i].variant)
            for i, name, data in rendered.files
        ]
        for source, name in self.copies[release.slug]:
            batch.append((folder / name, copied(source), "attachment", None))
        written = _write(self.root, batch, self.synced)
        self.files[release.slug] = written
        if self.manifest is not None:
            files = {
                f.path: self.manifest.entry(f.path, f.size, f.sha256, f.format, f.variant)
                for f in written
            }
            self.keep_others(release.slug, files)
            entry = ReleaseEntry(key, files, rendered.messages)
            self.manifest.releases[release.slug] = entry
            self.manifest.dirty = True

    def keep_others(self, slug: str, files: dict[str, FileEntry]) -> None:
        """Add to ``files`` the release's files of other formats an earlier build wrote
        (``presskit clean`` removes them too); remove those of the formats built now that
        were not written again (an attachment no longer listed, a format the release can
        no longer carry)."""
        assert self.manifest is not None
        old = self.manifest.releases.get(slug)
        built = {t.format for t in self.plan.documents} | {"attachment"}
        for name, entry in old.files.items() if old else ():
            if name in files:
                continue
            if entry.format not in built:
                if (self.root / name).is_file():
                    files[name] = entry
            elif unlink_file(self.root / name):
                self.removed.append(name)

    def write_collections(self) -> None:
        """Render and write each collection format, with the files now published."""
        if not self.plan.collections:
            return
        files = {r.slug: published(r, self.root) for r in self.releases if self.public(r)}
        context = attrs.evolve(self.context, published=files)
        for target in self.plan.collections:
            exporter = _collection(target.format)
            try:
                options = exporter.make_options(
                    now=context.now,
                    source_date_epoch=context.source_date_epoch,
                    site=context.site,
                    files=context.published,
                    **target.options,
                )
                whole = self.collection_key(target, context)
                if self.unchanged(target.format, whole):
                    continue
                documents = exporter().documents(self.releases, exporter.in_build(options, context))
                made = self.write_documents(target, documents)
                kept = set(made)
            except (PresskitError, OSError):
                raise
            except Exception as exc:  # a bug: say which format it struck
                doing = f"rendering the {target.format} of the newsroom"
                raise Crash.wrap(exc, doing, format=target.format) from exc
            remove_stale(self.root, exporter.owned, kept)
            self.forget(target.format, kept)
            if self.manifest is not None:
                if whole is None:
                    self.manifest.formats.pop(target.format, None)
                else:
                    self.manifest.formats[target.format] = [whole, *made]
                self.manifest.dirty = True

    def collection_key(self, target: Target, context: BuildContext) -> str | None:
        """The key of everything a collection format's documents are made from, or
        ``None`` (no cache): the format and its options, the site, ``SOURCE_DATE_EPOCH``,
        the user catalogues and presskit's code (:func:`~presskit.render.options_stamp`),
        each release's fingerprint and whether it is published at ``now``, the files
        published with each (their sizes are in the feeds' enclosures), and ``now``
        itself when nothing is published (an empty feed is dated ``now``). A release's
        feed entry and index line depend on ``now`` only through whether it is
        published: the publication time of an embargoed release is its lift time."""
        from presskit.buildcache import digest
        from presskit.render import options_stamp

        if self.manifest is None or context.cache is None:
            return None
        fingerprints = context.fingerprints
        if any(r.slug not in fingerprints for r in self.releases):
            return None
        state = [f"{r.slug}:{fingerprints[r.slug]}:{self.public(r)}" for r in self.releases]
        nothing_public = not any(self.public(r) for r in self.releases)
        return digest(
            "collection",
            options_stamp([target], self.catalogues, context),
            *state,
            repr(sorted((context.published or {}).items())),
            f"now={context.now.isoformat() if nothing_public and context.now else ''}",
        )

    def unchanged(self, fmt: str, key: str | None) -> bool:
        """The format's documents were last made from ``key`` and every one of their
        files is as the manifest records: list them as unchanged, make none."""
        if key is None or self.manifest is None:
            return False
        last = self.manifest.formats.get(fmt, [])
        if last[:1] != [key]:
            return False
        entries = {n: self.manifest.collections.get(n) for n in last[1:]}
        intact = {n: e for n, e in entries.items() if e is not None and e.format == fmt}
        if len(intact) != len(entries) or not self.manifest.intact(intact):
            return False
        for name, entry in intact.items():
            self.written.append(
                OutputFile(name, entry.format, None, entry.size, entry.sha256, False)
            )
        return True

    def write_documents(self, target: Target, documents: Iterable[CollectionDocument]) -> list[str]:
        """Write a collection's documents as they are made, in batches of at most
        :data:`_BATCH_BYTES` (so that memory stays flat with their number); return their
        paths. A document whose key and file are as the manifest records is not made."""
        paths: dict[str, None] = {}
        batch: list[tuple[Path, bytes, str, str | None]] = []
        keys: dict[str, str | None] = {}
        size = 0
        for document in documents:
            paths[document.path] = None
            if self.intact(document):
                continue
            data = document.make()
            keys[document.path] = document.key
            batch.append((self.root / document.path, data, target.format, None))
            size += len(data)
            if size >= _BATCH_BYTES:
                self.record(_write(self.root, batch, self.synced), keys)
                batch, size = [], 0
        if batch:
            self.record(_write(self.root, batch, self.synced), keys)
        return list(paths)

    def intact(self, document: CollectionDocument) -> bool:
        """The document's key is the one its file was written with, and the file is
        as recorded (only with a cache: ``--no-cache`` makes every document)."""
        if document.key is None or self.manifest is None or self.context.cache is None:
            return False
        entry = self.manifest.collections.get(document.path)
        if entry is None or entry.key != document.key:
            return False
        if not entry.intact(self.root / document.path):
            return False
        self.written.append(
            OutputFile(document.path, entry.format, None, entry.size, entry.sha256, False)
        )
        return True

    def record(self, written: list[OutputFile], keys: Mapping[str, str | None]) -> None:
        """Add collection files just written to the result and the manifest."""
        self.written += written
        if self.manifest is not None:
            for f in written:
                self.manifest.collections[f.path] = self.manifest.entry(
                    f.path, f.size, f.sha256, f.format, None, keys.get(f.path)
                )
                self.manifest.dirty = True

    def forget(self, fmt: str, kept: set[str]) -> None:
        """Remove the files of format ``fmt`` the manifest lists and this build did
        not write again (an archive page that no longer exists)."""
        if self.manifest is None:
            return
        for name, entry in list(self.manifest.collections.items()):
            if entry.format == fmt and name not in kept:
                unlink_file(self.root / name)
                del self.manifest.collections[name]
                self.manifest.dirty = True
                self.removed.append(name)

    def remove_gone(self) -> None:
        """Remove the files of the releases the manifest lists that this build does not
        have (their source was deleted or renamed), and their folders when empty."""
        if self.manifest is None:
            return
        slugs = {r.slug for r in self.releases}
        for slug in sorted(set(self.manifest.releases) - slugs):
            entry = self.manifest.releases.pop(slug)
            self.manifest.dirty = True
            for name in entry.files:
                if unlink_file(self.root / name):
                    self.removed.append(name)
            for folder in {(self.root / name).parent for name in entry.files}:
                if folder != self.root and folder.is_relative_to(self.root):
                    with contextlib.suppress(OSError):
                        folder.rmdir()

    def result(self) -> Written:
        """The files written, in release order then target order, then the
        collections'; with the stale files removed."""
        out = Written(f for r in self.releases for f in self.files.get(r.slug, ()))
        out += self.written
        out.removed = tuple(self.removed)
        return out

    def finish(self) -> None:
        """Make the last files durable; remove the staging folder, and ``_embargoed``
        once every embargo has lifted."""
        sync_folders(self.synced, self.root)
        with contextlib.suppress(OSError):
            self.staging.rmdir()
        with contextlib.suppress(OSError):
            (self.root / EMBARGOED).rmdir()


#: A collection's documents are written together up to this many bytes.
_BATCH_BYTES = 8 << 20


def _generated(release: PressRelease, documents: Sequence[Target]) -> set[str]:
    """The names of the files written for ``release``, casefolded: on macOS and Windows
    an attachment INDEX.HTML would overwrite index.html."""
    if not release.attachments:
        return set()  # only compared with attachments' names
    return {_document(t.format).file_for(release.slug, t.variant).casefold() for t in documents}


class Written(list[OutputFile]):
    """The files a build wrote (a list of :class:`OutputFile`); ``removed`` holds the
    stale files it removed, relative to the output folder: those of releases whose
    source is gone, and collection documents no longer made."""

    removed: tuple[str, ...] = ()


def _write(
    root: Path, files: Sequence[tuple[Path, bytes, str, str | None]], synced: set[Path]
) -> list[OutputFile]:
    """Write (path, bytes, format, variant) files together (see :func:`write_files`)."""
    for path, *_ in files:
        resolved = path.resolve()
        if not resolved.is_relative_to(root) or resolved == root:
            raise PresskitError(f"file name {path.name!r} would write outside {root}")
    staging = root / EMBARGOED / STAGING
    changed = write_files([(p, d) for p, d, *_ in files], staging=staging, synced=synced)
    return [
        OutputFile(
            path=path.relative_to(root).as_posix(),
            format=fmt,
            variant=variant,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            changed=change,
        )
        for (path, data, fmt, variant), change in zip(files, changed, strict=True)
    ]
