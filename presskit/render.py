"""Rendering one release into every document target: the task a build's workers run,
and the key of its result in the build cache.

A :class:`Task` is small: the release's slug, its source file and model key (the worker
loads the release from the model cache, or parses the source), the targets, and the
slice of the :class:`~presskit.exporters.BuildContext` that concerns the release. The
pickled release is sent only when it has no source file (releases given to the API).
The worker returns the files' bytes; the parent writes them (atomically, see
:mod:`presskit.atomic`): one writer keeps the staging folder, the batched fsyncs and the
manifest in one process, and a worker on another machine (Dask) needs no access to the
output folder.

The *render key* of a release (:func:`render_key`) is the digest of everything its files
are made from: its model's key, the targets and the files their options name, the
release's slice of the context (whether it and its language versions are published at
``now``, whether its embargo holds: the only ways ``now`` reaches a document), the
files its logos and attachments name (path, size, modification time), the user
catalogues, and :func:`presskit.buildcache.code_stamp` (presskit's files and the system
fonts). Equal keys give equal bytes, so a release whose key is in the cache is not
rendered again.
"""

from __future__ import annotations

import itertools
import os
import pickle
import threading
import time
import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from presskit import exporters
from presskit.errors import Crash, ExportError, PresskitError, PresskitWarning
from presskit.exporters import BuildContext, Exporter
from presskit.model import PressRelease

if TYPE_CHECKING:
    import datetime as dt

    from presskit.buildcache import Cache
    from presskit.pipeline import Target

__all__ = [
    "Rendered",
    "Task",
    "cached",
    "document_exporter",
    "options_stamp",
    "render",
    "render_key",
    "run",
    "run_all",
    "slice_context",
    "worker_init",
]


@attrs.frozen
class Rendered:
    """What rendering one release made.

    Attributes:
        files: ``(target index, file name, bytes)`` for each file, in target order (a
            target whose format cannot carry the release has none).
        messages: the :class:`~presskit.errors.PresskitWarning` messages raised.
    """

    files: tuple[tuple[int, str, bytes], ...]
    messages: tuple[str, ...]


@attrs.frozen
class Task:
    """One release to render, as sent to a worker (see the module documentation).

    Attributes:
        slug: the release's slug.
        key: its render key (:func:`render_key`); the result is cached under it.
        targets: the document targets.
        context: the release's slice of the build context (:func:`slice_context`).
        catalogues: the user catalogue folders to make active.
        source: the release's source file, or ``None``.
        model: the key of the release's model in the cache (see
            :func:`presskit.sources.load_many`), or ``None``.
        release: the release itself when it cannot be loaded from ``source``.
        cache: where rendered files and models are cached, or ``None``.
    """

    slug: str
    key: str
    targets: tuple[Target, ...]
    context: BuildContext
    catalogues: tuple[Path, ...] = ()
    source: Path | None = None
    model: str | None = None
    release: PressRelease | None = None
    cache: Cache | None = None


def run(task: Task) -> Rendered:
    """Render a task (in a worker, or in the build's process): load its release, render
    every target, cache the result under the task's key.

    Raises:
        PresskitError: the release cannot be loaded or rendered (a
            :class:`~presskit.errors.Crash` for a bug, naming the release and format).
    """
    release = task.release if task.release is not None else _load(task)
    result = render(release, task.targets, task.context, task.catalogues)
    if task.cache is not None:
        task.cache.put(task.key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def cached(cache: Cache | None, key: str) -> Rendered | None:
    """The result cached under ``key``, or ``None`` (also when it cannot be read back)."""
    data = cache.get_touch(key) if cache is not None else None
    if data is None:
        return None
    try:
        result = pickle.loads(data)  # the build's own cache
    except Exception:  # a damaged object: render again
        return None
    return result if isinstance(result, Rendered) else None


def _load(task: Task) -> PressRelease:
    """The task's release: from the model cache (by the key the build loaded it under,
    which covers what the file alone does not say: presskit.toml's [site]), else from
    its source."""
    from presskit.sources import cached_release, load_many

    hit = cached_release(task.cache, task.model) if task.model else None
    if hit is not None:
        return hit
    if task.source is None:
        raise PresskitError(f"{task.slug}: no release and no source to load it from")
    loaded = load_many([task.source], cache=task.cache)[0]
    if loaded.release is None:
        assert loaded.error is not None
        raise loaded.error
    return loaded.release


def render(
    release: PressRelease,
    targets: Sequence[Target],
    context: BuildContext,
    catalogues: Sequence[Path] = (),
) -> Rendered:
    """Render every target of one release in memory; return the files and the messages
    of the PresskitWarnings raised (returned rather than issued, so that a process
    pool's workers lose none). The user catalogue folders are made active here, in the
    worker that renders."""
    from presskit.buildcache import using_renderer_cache
    from presskit.i18n import using_catalogues

    out: list[tuple[int, str, bytes]] = []
    # Exporters that link or bundle the others (html, kit) come after them.
    last = [document_exporter(t.format).renders_last for t in targets]
    ordered = sorted(range(len(targets)), key=lambda i: last[i])
    with (
        warnings.catch_warnings(record=True) as caught,
        using_catalogues(*catalogues),
        using_renderer_cache(context.cache),  # (the PDF's converted glyph outlines)
    ):
        warnings.simplefilter("always", PresskitWarning)
        for index in ordered:
            siblings = {name: data for _, name, data in out}
            made = _render_one(release, targets[index], attrs.evolve(context, siblings=siblings))
            if made is not None:
                out.append((index, *made))
    out.sort(key=lambda item: item[0])
    messages = []
    for item in caught:
        if issubclass(item.category, PresskitWarning):
            messages.append(str(item.message))
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
    return Rendered(tuple(out), tuple(messages))


def _render_one(
    release: PressRelease, target: Target, context: BuildContext
) -> tuple[str, bytes] | None:
    """One target of one release: its file name and bytes, or ``None`` (with a
    warning) when the format cannot carry the release."""
    from presskit.errors import UnsupportedContentError
    from presskit.profiles import house_style_option

    exporter = document_exporter(target.format)
    filename = exporter.file_for(release.slug, target.variant)
    try:
        options = exporter.make_options(
            now=context.now,
            source_date_epoch=context.source_date_epoch,
            asset_root=context.asset_root(release.slug),
            **house_style_option(
                exporter.option_names(), release, context.site.style, target.options
            ),
            **target.options,
        )
        return filename, exporter().render(release, exporter.in_build(options, context))
    except UnsupportedContentError as exc:
        warnings.warn(
            PresskitWarning(f"{release.slug}: {exc}; {filename} was not written"), stacklevel=2
        )
        return None
    except PresskitError:
        raise
    except Exception as exc:  # a bug: say which release and format it struck
        doing = f"rendering the {target.format} of release {release.slug!r}"
        raise Crash.wrap(exc, doing, slug=release.slug, format=target.format) from exc


def document_exporter(name: str) -> type[Exporter]:
    """The document exporter of format ``name``."""
    exporter = exporters.get(name)
    if not issubclass(exporter, exporters.Exporter):
        raise ExportError(f"{exporter.name} is a collection format, not a document format")
    return exporter


def slice_context(context: BuildContext, release: PressRelease) -> BuildContext:
    """What a release's documents may read of the build context: its own asset root,
    language versions and fingerprint, and which of it and the releases it links
    (language versions, translations) are unpublished; no cache (a worker is given
    the cache in its :class:`Task`)."""
    slug = release.slug
    versions = context.language_versions.get(slug, ())
    related = {slug, *(t.slug for t in versions if t.slug), *_linked(release)}
    root = context.asset_root(slug)
    return attrs.evolve(
        context,
        asset_roots={slug: root} if root is not None else {},
        unpublished=context.unpublished & related,
        language_versions={slug: versions} if slug in context.language_versions else {},
        fingerprints={slug: context.fingerprints[slug]} if slug in context.fingerprints else {},
        siblings={},
        published=None,
        cache=None,
    )


def _linked(release: PressRelease) -> set[str]:
    return {t.slug for t in release.translations if t.slug}


def render_key(
    release: PressRelease,
    fingerprint: str,
    context: BuildContext,
    now: dt.datetime | None,
    stamp: str,
) -> str:
    """The render key of a release (see the module documentation).

    Args:
        release: the release.
        fingerprint: the key of its model.
        context: its slice of the build context (:func:`slice_context`).
        now: the build's instant.
        stamp: what every release of the build shares: :func:`options_stamp` (the
            targets, catalogues, site settings, ``SOURCE_DATE_EPOCH`` and
            :func:`presskit.buildcache.code_stamp`).
    """
    from presskit.buildcache import digest
    from presskit.publication import embargo_holds

    root = context.asset_root(release.slug)
    state = (
        f"root={root!r}",
        f"unpublished={sorted(context.unpublished)!r}",
        f"versions={context.language_versions.get(release.slug, ())!r}",
        f"holds={embargo_holds(release, now)}",
    )
    return digest("render", stamp, fingerprint, *state, *_asset_stamps(release, root))


def _asset_stamps(release: PressRelease, root: object) -> list[str]:
    """Path, size and modification time of each local file the release names."""
    from presskit.buildcache import file_stamp
    from presskit.paths import AssetRoot

    if not isinstance(root, AssetRoot):
        root = AssetRoot.at(None)
    hrefs = [a.href for a in release.attachments] + [i.logo for i in release.issuers if i.logo]
    return [file_stamp(root.folder / href) for href in hrefs if "://" not in href]


def options_stamp(
    targets: Sequence[Target], catalogues: Sequence[Path], context: BuildContext | None = None
) -> str:
    """The digest of what every release of a build shares: the targets (formats,
    variants, options), the files or folders their options name (a theme, a reference
    document, font folders: path, size, modification time), the user catalogue folders'
    files, the ``context``'s site settings, theme and ``SOURCE_DATE_EPOCH``, and
    :func:`presskit.buildcache.code_stamp`."""
    from presskit.buildcache import code_stamp, digest, file_stamp

    context = context or BuildContext()
    parts = [code_stamp(), f"epoch={context.source_date_epoch}", f"site={context.site!r}",
             f"theme={context.theme.folder}:{context.theme.stamp}"]  # fmt: skip
    for target in targets:
        parts.append(f"{target.format}:{target.variant}:{sorted(target.options.items())!r}")
        parts += [file_stamp(Path(p)) for p in _paths_in(list(target.options.values()))]
    parts += [file_stamp(folder) for folder in catalogues]
    return digest("targets", *parts)


def _paths_in(values: list[object]) -> list[str]:
    """The option values (nested in lists, tuples and dicts too) naming existing files."""
    found: list[str] = []
    for value in values:
        if isinstance(value, (list, tuple)):
            found += _paths_in(list(value))
        elif isinstance(value, dict):
            found += _paths_in(list(value.values()))
        elif isinstance(value, (str, Path)) and str(value) and len(str(value)) < 4096:
            text = os.path.expanduser(str(value))
            if os.path.exists(text):
                found.append(text)
    return found


def run_all(
    tasks: Sequence[tuple[PressRelease, Task]], executor: Executor | None
) -> Iterator[tuple[PressRelease, Task, Rendered]]:
    """Run the tasks (in ``executor`` when given, at most :func:`_window` at a time, so
    that the results waiting to be written stay few); yield each result as it arrives."""
    if executor is None or len(tasks) < 2:
        for release, task in tasks:
            yield release, task, run(task)
        return
    pending: dict[Future[Rendered], tuple[PressRelease, Task]] = {}
    queue = iter(tasks)
    try:
        for release, task in itertools.islice(queue, window(executor)):
            pending[executor.submit(run, task)] = (release, task)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                release, task = pending.pop(future)
                for nxt in itertools.islice(queue, 1):
                    pending[executor.submit(run, nxt[1])] = nxt
                yield release, task, future.result()
    finally:
        for future in pending:
            future.cancel()


def worker_init() -> None:
    """Initialise a process pool's worker: it ends itself when the process that made it
    is gone (killed with SIGKILL, a worker would otherwise wait forever for tasks,
    holding the build's output pipes open)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="presskit-parent-watch", daemon=True).start()


def window(executor: Executor) -> int:
    """How many tasks are in flight: four per worker (16 when not known)."""
    workers = getattr(executor, "_max_workers", None)
    return 4 * workers if isinstance(workers, int) and workers > 0 else 16
