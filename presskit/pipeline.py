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
  the release's other formats; if its options have a ``siblings`` field, it is given
  their bytes by file name (``{"<slug>.pdf": b"..."}``);
* a file whose bytes are unchanged is not rewritten (its modification time stays);
* nothing is written outside the output folder, whatever a slug contains;
* the same releases and options give byte-identical files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from presskit.atomic import STAGING, remove_leftovers, sync_folders, write_atomic, write_files
from presskit.errors import Crash, ExportError, PresskitError
from presskit.model import PressRelease
from presskit.paths import AssetRoot, ContainedFile, PathError, contain
from presskit.publication import EMBARGOED, RESERVED_SLUGS

if TYPE_CHECKING:
    from presskit.site import Site

__all__ = ["OutputFile", "Target", "build", "parse_targets", "write_atomic"]


@attrs.frozen
class Target:
    """One file to write per release: a format, an optional variant, and its options."""

    format: str
    variant: str | None = None
    options: Mapping[str, Any] = attrs.field(factory=dict)

    def filename(self, slug: str, extension: str) -> str:
        """``<slug>.<ext>`` or ``<slug>.<variant>.<ext>``."""
        middle = f".{self.variant}" if self.variant else ""
        return f"{slug}{middle}.{extension}"


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


def parse_targets(
    specs: Sequence[str] | None, *, options: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Target]:
    """Turn format specs (``"text"``, ``"text:us"``, ``"json"``, aliases allowed) into
    targets. ``None`` or an empty list means every registered format. A format with
    variants and no ``:variant`` expands to all its variants.

    Args:
        specs: the format specs.
        options: per-format options (``{"text": {"width": 80}}``), applied to every
            variant of that format (a variant's own preset wins for its key).

    Raises:
        UnknownFormatError: a format name is not registered.
        ExportError: a variant is unknown, or an option is invalid.
    """
    from presskit import exporters

    options = options or {}
    names = list(specs) if specs else exporters.available()
    collection_keys = {"site", "files", "siblings", "unpublished"}
    targets: list[Target] = []
    for spec in names:
        name, _, variant = spec.partition(":")
        exporter = exporters.get(name)
        fmt = exporter.name
        extra = dict(options.get(fmt, {}))
        reserved = sorted({"now", "source_date_epoch", "asset_root", *collection_keys} & set(extra))
        if reserved:
            raise ExportError(
                f"{fmt}: {', '.join(reserved)} cannot be set per format: the build passes "
                "now (from --now), source_date_epoch (from SOURCE_DATE_EPOCH), asset_root "
                "(each source's folder), site (the [site] table of agencies.toml), files (what "
                "it wrote, to the feeds) and siblings (a release's other files, to the page "
                "and the kit) itself"
            )
        if variant:
            if variant not in exporter.variants:
                raise ExportError(
                    f"{fmt}: unknown variant {variant!r}; variants: "
                    f"{', '.join(exporter.variants) or '(none)'}"
                )
            chosen = [variant]
        else:
            chosen = list(exporter.variants) or [""]
        for v in chosen:
            preset = exporter.variants.get(v, {})
            clash = sorted(k for k in set(preset) & set(extra) if extra[k] != preset[k])
            if clash:
                wanted = str(extra[clash[0]])
                hint = (
                    f"-f {fmt}:{wanted}"
                    if wanted in exporter.variants
                    else f"one of -f {', '.join(f'{fmt}:{v}' for v in exporter.variants)}"
                )
                raise ExportError(
                    f"{fmt}: {', '.join(clash)} is chosen by the variant; pick the variant "
                    f"instead: {hint}"
                )
            merged = {**extra, **preset}
            exporter.make_options(**merged)  # validate early, before anything is written
            target = Target(fmt, v or None, merged)
            if target not in targets:
                targets.append(target)
    for fmt in options:
        if not any(t.format == exporters.resolve(fmt) for t in targets):
            raise ExportError(f"options were given for {fmt!r}, which is not being built")
    return targets


def _render(
    release: PressRelease,
    targets: Sequence[Target],
    now: dt.datetime | None,
    source_date_epoch: int | None,
    asset_root: AssetRoot | None = None,
    site: Site | None = None,
    unpublished: frozenset[str] = frozenset(),
) -> tuple[list[tuple[Target, str, bytes]], list[str]]:
    """Render every target of one release in memory; return the files and the messages
    of the PresskitWarnings raised (module-level, and warnings returned rather than
    issued, so that a process pool's workers lose none)."""
    import warnings

    from presskit import exporters
    from presskit.errors import PresskitWarning

    out: list[tuple[Target, str, bytes]] = []
    # Exporters that link or bundle the others (html, kit) come after them.
    ordered = sorted(targets, key=lambda t: getattr(exporters.get(t.format), "renders_last", False))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PresskitWarning)
        for target in ordered:
            _render_one(release, target, now, source_date_epoch, asset_root, out, site, unpublished)
    order = {id(t): index for index, t in enumerate(targets)}
    out.sort(key=lambda item: order[id(item[0])])
    messages = []
    for item in caught:
        if issubclass(item.category, PresskitWarning):
            messages.append(str(item.message))
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
    return out, messages


def _render_one(
    release: PressRelease,
    target: Target,
    now: dt.datetime | None,
    source_date_epoch: int | None,
    asset_root: AssetRoot | None,
    out: list[tuple[Target, str, bytes]],
    site: Site | None = None,
    unpublished: frozenset[str] = frozenset(),
) -> None:
    import warnings

    from presskit import exporters
    from presskit.errors import PresskitWarning, UnsupportedContentError

    exporter = exporters.get(target.format)
    assert issubclass(exporter, exporters.Exporter)
    filename = _file_name(target, release.slug)
    extra: dict[str, Any] = {}
    fields = attrs.fields_dict(exporter.Options)
    if "site" in fields and site is not None:
        extra["site"] = site
    if "siblings" in fields and exporter.renders_last:
        extra["siblings"] = {name: data for _, name, data in out}
    if "unpublished" in fields:
        extra["unpublished"] = unpublished
    try:
        data = exporter().export(
            release,
            now=now,
            source_date_epoch=source_date_epoch,
            asset_root=asset_root,
            **extra,
            **target.options,
        )
    except UnsupportedContentError as exc:
        warnings.warn(
            PresskitWarning(f"{release.slug}: {exc}; {filename} was not written"), stacklevel=2
        )
        return
    except PresskitError:
        raise
    except Exception as exc:  # a bug: say which release and format it struck
        doing = f"rendering the {target.format} of release {release.slug!r}"
        raise Crash.wrap(exc, doing, slug=release.slug, format=target.format) from exc
    out.append((target, filename, data))


def _file_name(target: Target, slug: str) -> str:
    """The name of a target's file in a release's folder."""
    from presskit import exporters

    exporter = exporters.get(target.format)
    fixed = getattr(exporter, "file_name", None)
    return str(fixed) if fixed else target.filename(slug, exporter.extension)


def build(
    releases: Iterable[PressRelease],
    out_dir: Path | str,
    *,
    targets: Sequence[Target] | None = None,
    now: dt.datetime | None = None,
    source_date_epoch: int | None = None,
    executor: Executor | None = None,
    on_release: Callable[[PressRelease], None] | None = None,
    asset_roots: Mapping[str, Path] | None = None,
    site: Site | None = None,
) -> list[OutputFile]:
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
        targets: what to write; default :func:`parse_targets` of every format, less the
            collection formats that cannot be written (no ``now``; feeds without
            ``site.base_url``), each skipped with a :class:`PresskitWarning`.
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

    Returns:
        The files, in release order then target order, then the collection files.

    Raises:
        PresskitError: two releases share a slug, a slug is reserved (``feeds``), a
            collection format that was asked for cannot be written, a local attachment
            is missing or would overwrite a generated file, or a release or collection
            cannot be rendered (files written before it stay; none of its own are
            written).
        OSError: a file cannot be written.
    """
    import warnings

    from presskit import exporters
    from presskit.errors import PresskitWarning
    from presskit.publication import is_published, unpublished_slugs
    from presskit.site import Site

    site = site or Site()
    out = Path(out_dir)
    root = out.resolve()
    explicit = targets is not None
    targets = list(targets) if targets is not None else parse_targets(None)
    documents = [t for t in targets if not exporters.get(t.format).collection]
    collections = []
    for target in targets:
        exporter = exporters.get(target.format)
        if not exporter.collection:
            continue
        missing = []
        if now is None:
            missing.append("the current time (now)")
        if getattr(exporter, "needs_base_url", False) and site.base_url is None:
            missing.append("the newsroom's public URL ([site] base_url)")
        if not missing:
            collections.append(target)
            continue
        message = f"{target.format} needs {' and '.join(missing)}"
        if explicit:
            raise PresskitError(f"{message}; nothing was written")
        warnings.warn(PresskitWarning(f"{message}; it was not written"), stacklevel=2)
    releases = list(releases)
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
    roots = [AssetRoot.at((asset_roots or {}).get(r.slug)) for r in releases]
    copies = {
        r.slug: _attachment_copies(r, root_dir, documents) if documents else []
        for r, root_dir in zip(releases, roots, strict=True)
    }

    # Make every folder first: a folder that cannot be made (a file in the way, no
    # permission) stops the build before any file is written.
    folders = {}
    for release in releases if documents else ():
        public = is_published(release, now)
        base = root if public else root / EMBARGOED
        folder = (base / release.slug).resolve()
        if not folder.is_relative_to(root) or folder == root:
            raise PresskitError(f"slug {release.slug!r} would write outside {out}")
        folder.mkdir(parents=True, exist_ok=True)
        folders[release.slug] = folder
    if any(getattr(exporters.get(t.format), "needs_base_url", False) for t in collections):
        (root / "feeds").mkdir(parents=True, exist_ok=True)
    for release in releases:
        public = is_published(release, now)
        stale = (root / EMBARGOED / release.slug) if public else (root / release.slug)
        if _remove_folder(stale) and not public:
            warnings.warn(
                PresskitWarning(
                    f"{release.slug}: removed {out / release.slug}/, which an earlier build "
                    "wrote: the release is not published yet (its embargo moved?); take it "
                    "off the public site too"
                ),
                stacklevel=2,
            )
    # temporary files go to the staging folder, never published; an interrupted build's
    # leftovers go first
    staging = root / EMBARGOED / STAGING
    remove_leftovers(staging, _written_folders(root, releases))
    synced: set[Path] = set()
    # slugs of this build's releases not yet published: a page must not link to them
    unpublished = unpublished_slugs(releases, now)
    if executor is None:
        rendered: Iterable[tuple[list[tuple[Target, str, bytes]], list[str]]] = (
            _render(r, documents, now, source_date_epoch, root_dir, site, unpublished)
            for r, root_dir in zip(releases, roots, strict=True)
        )
    else:
        rendered = executor.map(
            _render,
            releases,
            [documents] * len(releases),
            [now] * len(releases),
            [source_date_epoch] * len(releases),
            roots,
            [site] * len(releases),
            [unpublished] * len(releases),
        )
    written: list[OutputFile] = []
    for release, (files, messages) in zip(releases, rendered, strict=True):
        for message in messages:
            warnings.warn(PresskitWarning(message), stacklevel=2)
        if release.slug not in folders:  # only collection formats are being built
            continue
        folder = folders[release.slug]
        batch = [(folder / name, data, t.format, t.variant) for t, name, data in files]
        for source, name in copies[release.slug]:
            batch.append((folder / name, _copied(source), "attachment", None))
        written += _write(root, batch, synced)
        if on_release is not None:
            on_release(release)

    sync_folders(synced, root)  # the files the feeds name are durable before the feeds
    synced.clear()
    if collections:
        published = {r.slug: _published(r, root) for r in releases if is_published(r, now)}
        for target in collections:
            exporter = exporters.get(target.format)
            assert issubclass(exporter, exporters.CollectionExporter)
            try:
                result = exporter().export_collection(
                    releases,
                    now=now,
                    source_date_epoch=source_date_epoch,
                    site=site,
                    files=published,
                    **target.options,
                )
            except PresskitError:
                raise
            except Exception as exc:  # a bug: say which format it struck
                doing = f"rendering the {target.format} of the newsroom"
                raise Crash.wrap(exc, doing, format=target.format) from exc
            items = [(root / name, data, target.format, None) for name, data in result.items()]
            written += _write(root, items, synced)
            _remove_stale(root, exporter.owned, set(result))
    sync_folders(synced, root)
    with contextlib.suppress(OSError):
        staging.rmdir()
    with contextlib.suppress(OSError):
        (root / EMBARGOED).rmdir()  # once every embargo has lifted
    return written


def _remove_folder(folder: Path) -> bool:
    """Remove the files of a release folder the build wrote earlier (not subfolders),
    and the folder when it is then empty; ``True`` when something was removed."""
    if not folder.is_dir():
        return False
    removed = False
    for path in folder.iterdir():
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed = True
    with contextlib.suppress(OSError):
        folder.rmdir()
    return removed


def _remove_stale(root: Path, patterns: Sequence[str], kept: set[str]) -> None:
    """Remove the files matching ``patterns`` (globs relative to ``root``) that are not
    in ``kept``: documents a collection format wrote before and no longer writes."""
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            name = path.relative_to(root).as_posix()
            if name not in kept and path.is_file():
                path.unlink()


def _written_folders(root: Path, releases: Sequence[PressRelease]) -> list[Path]:
    """The folders a build writes files into: the output folder, the feeds' folders and
    both folders of each release (public and under embargo)."""
    folders = [root, *(p for p in (root / "feeds").glob("**") if p.is_dir())]
    for release in releases:
        folders += [root / release.slug, root / EMBARGOED / release.slug]
    return folders


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


def _attachment_copies(
    release: PressRelease, asset_root: AssetRoot, documents: Sequence[Target]
) -> list[tuple[ContainedFile, str]]:
    """The local attachments of a release to copy into its folder: (source, file name).

    Raises:
        PresskitError: an attachment is missing, is outside the source's folder (links
            followed), two have the same file name, or one is named like a file the build
            writes for the release.
    """
    # compared without case: on macOS and Windows INDEX.HTML would overwrite index.html
    generated = {_file_name(t, release.slug).casefold() for t in documents}
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


def _copied(source: ContainedFile) -> bytes:
    """An attachment's bytes, read from the file that was checked (no link followed)."""
    try:
        return source.read_bytes()
    except OSError as exc:
        raise PresskitError(f"cannot read {source.shown!r}: {exc.strerror}") from None


def _published(release: PressRelease, root: Path) -> tuple[Any, ...]:
    """The files published with a release, as they now are in the output folder: its
    PDF and DOCX (when present) and its attachments (copied, or remote); see
    :func:`presskit.publication.published_files`."""
    from presskit.publication import published_files

    folder = root / release.slug

    def size_of(name: str) -> int | None:
        path = folder / name
        return path.stat().st_size if path.is_file() else None

    return published_files(release, size_of)
