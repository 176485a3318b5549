"""Loading releases from files.

* ``*.md``: TOML front matter and a Markdown body (:mod:`presskit.sources.release`),
  with issuers from the nearest ``agencies.toml`` (:mod:`presskit.sources.agencies`).
* ``*.json``: a model dump written by the ``json`` exporter (:mod:`presskit.dump`).

In a folder, every ``*.md`` file is a release except ``README.md`` and files whose name
starts with ``_`` or ``.``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from presskit.errors import Crash, SourceError
from presskit.model import PressRelease
from presskit.sources.agencies import Agencies, Site, find_agencies, load_agencies

if TYPE_CHECKING:
    from presskit.buildcache import Cache

__all__ = ["Loaded", "agencies_of", "cached_release", "discover", "load", "load_many"]

#: The largest source file accepted, in bytes: 512 KiB, about 60,000 words, far beyond any
#: press release. A source of this size builds every format in about 25 s of CPU time
#: (one paragraph, with links and emphasis); 10 MiB, the former limit, took many minutes.
MAX_SOURCE_BYTES = 512 * 1024


def _is_source(path: Path, root: Path, *, is_file: bool = False) -> bool:
    parts = path.relative_to(root).parts
    return (
        path.suffix.lower() == ".md"
        and path.name.lower() != "readme.md"
        and not any(part.startswith(("_", ".")) for part in parts)
        and (is_file or path.is_file())
    )


def _plain_files(folder: Path) -> list[Path] | None:
    """The files under ``folder`` (walked once, with the types the folder listing
    gives), or ``None`` when there is a symbolic link anywhere in it: only then can a
    file found there resolve outside it (see :func:`discover`)."""
    import os

    files: list[Path] = []
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return None
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    files.append(Path(entry.path))
    return files


def discover(paths: Iterable[Path]) -> list[Path]:
    """The source files named by ``paths``: files as given; folders searched, with their
    subfolders, for ``*.md`` files (any case), leaving out ``README.md`` and any file or
    folder whose name starts with ``_`` or ``.`` (``_drafts/``). Sorted within each
    folder; a file named twice (even by another path) is listed once.

    A file found in a folder must be inside it with symbolic links followed (see
    :mod:`presskit.paths`): a link to a file or folder elsewhere would publish what is
    there. A file named itself is read wherever it is.

    Raises:
        SourceError: a path does not exist, or a file found in a folder resolves to a
            file outside it.
    """
    found: list[Path] = []
    resolved: dict[Path, Path] = {}  # of the files in folders without links
    for path in paths:
        if path.is_dir():
            plain = _plain_files(path)
            if plain is not None:  # no link anywhere: every file is inside
                real = path.resolve()
                for p in sorted(plain):
                    if _is_source(p, path, is_file=True):
                        found.append(p)
                        resolved[p] = real / p.relative_to(path)
                continue
            inside = [p for p in sorted(path.rglob("*")) if _is_source(p, path)]
            for p in inside:
                _check_inside(p, path)
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise SourceError(str(path), "no such file or folder")
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(resolved.get(p) or p.resolve(), p)
    return list(unique.values())


def _check_inside(path: Path, folder: Path) -> None:
    from presskit.paths import PathError, check_contained

    try:
        check_contained(path.relative_to(folder), folder, what="the source")
    except PathError as exc:
        raise SourceError(
            str(path), f"{exc}; name the file itself on the command line to read it anyway"
        ) from None


def _read(path: Path) -> str:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(
                name,
                f"the file is {size:,} bytes; a source may be at most {MAX_SOURCE_BYTES:,} "
                "bytes (512 KiB)",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(name, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise SourceError(name, "this is a binary file, not a text source")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            name, f"not UTF-8 text (byte 0x{data[exc.start]:02X})", line=line
        ) from None


def load(
    path: Path | str,
    *,
    agencies: Agencies | None = None,
    warnings: list[SourceError] | None = None,
) -> PressRelease:
    """Load one release file (``.md`` source or ``.json`` dump).

    Args:
        path: the file.
        agencies: issuers to resolve ids against; by default the nearest
            ``agencies.toml`` is read.
        warnings: receives repairs made while loading (see
            :func:`presskit.sources.release.loads_markdown`).

    Raises:
        SourceError: the file cannot be read or is invalid; the error names the file, the
            line where known and the field.
    """
    path = Path(path)
    text = _read(path)
    if path.suffix.lower() == ".json":
        from presskit.dump import loads

        release = loads(text, path=str(path))
        _check_files(release, path)
        return release
    if agencies is None:
        found = find_agencies(path)
        agencies = load_agencies(found) if found else None
    from presskit.sources.release import loads_markdown

    return loads_markdown(text, path=str(path), agencies=agencies, warnings=warnings)


def _check_files(release: PressRelease, path: Path) -> None:
    """Refuse a dump's attachment outside the dump's folder, or a logo outside its
    sources tree, links followed (see :mod:`presskit.paths`)."""
    from presskit.paths import AssetRoot, PathError, check_contained

    root = AssetRoot.at(path.parent)
    checks = [
        (f"attachments[{index}].href", a.href, root.folder)
        for index, a in enumerate(release.attachments)
    ]
    checks += [
        (f"issuers[{index}].logo", i.logo, root.tree)
        for index, i in enumerate(release.issuers)
        if i.logo
    ]
    for field, href, jail in checks:
        if "://" in href:
            continue
        try:
            check_contained(href, jail, what="the file", base=root.folder)
        except PathError as exc:
            raise SourceError(str(path), str(exc), field=field) from None


@attrs.frozen
class Loaded:
    """The outcome of loading one file: a release, or the error that stopped it.

    Attributes:
        key: the key of the release's model (see :func:`load_many`), or ``None``.
    """

    path: Path
    release: PressRelease | None
    error: SourceError | None
    warnings: tuple[SourceError, ...] = ()
    key: str | None = None


def load_many(
    paths: Iterable[Path], *, cache: Cache | None = None, site: Site | None = None
) -> list[Loaded]:
    """Load every file; each ``agencies.toml`` is read once. Never raises for a bad file:
    each result carries its release or its error.

    Each release loaded gets a *key* (:attr:`Loaded.key`), the
    :func:`presskit.buildcache.digest` of the file's path (as given), its bytes and the
    bytes of the ``agencies.toml`` it uses, and with a cache of presskit's own files
    (:func:`presskit.buildcache.code_stamp`): it changes whenever the loaded release
    could. With a ``cache`` (:class:`presskit.buildcache.Cache`), the release and its
    warnings are kept there under that key (pickled), and a file whose key is found is
    not parsed again. A file that fails to load is not cached. ``site`` (``[site]`` of
    presskit.toml), when given, replaces the ``[site]`` of every ``agencies.toml`` (the
    default language and time zone of the releases).
    """
    from presskit.buildcache import code_stamp, digest

    # An edited checkout of presskit (its version unchanged) may load a source otherwise.
    code = code_stamp() if cache is not None else ""
    agencies_of: dict[Path | None, Agencies | SourceError | None] = {}
    agencies_bytes: dict[Path | None, bytes] = {None: b""}
    found_in: dict[Path, Path | None] = {}
    results: list[Loaded] = []
    for path in paths:
        warnings: list[SourceError] = []
        try:
            found: Path | None = None
            if path.suffix.lower() != ".json":
                if path.parent not in found_in:
                    found_in[path.parent] = find_agencies(path)
                found = found_in[path.parent]
                if found not in agencies_bytes:
                    agencies_bytes[found] = _read_agencies(found)
                    # parsed only when not in the cache; an error stops its sources
                    agencies_of[found] = _agencies(found, agencies_bytes[found], cache, code)
            known = agencies_of.get(found)
            if isinstance(known, SourceError):
                raise known
            if site is not None:  # presskit.toml's [site] replaces every agencies.toml's
                known = (
                    Agencies(None, site, {}, {})
                    if known is None
                    else attrs.evolve(known, site=site)
                )
            raw_agencies = agencies_bytes.get(found, b"") + (repr(site).encode() if site else b"")
            key = digest("model", code, str(path), _raw(path), raw_agencies)
            hit = _cached_model(cache, key)
            if hit is not None:
                results.append(Loaded(path, hit[0], None, hit[1], key))
                continue
            release = load(path, agencies=_usable(known), warnings=warnings)
            if cache is not None:
                cache.put(key, _pickle((release, tuple(warnings))))
            results.append(Loaded(path, release, None, tuple(warnings), key))
        except SourceError as exc:
            results.append(Loaded(path, None, exc, tuple(warnings)))
        except Exception as exc:  # a bug: say which file it struck (presskit.errors.Crash)
            raise Crash.wrap(exc, f"loading {path}") from exc
    _store_pending()
    return _refuse_duplicate_slugs(results)


def _usable(agencies: Agencies | SourceError | None) -> Agencies:
    """The agencies a source is loaded with (none: an empty set); raise their error."""
    if isinstance(agencies, SourceError):
        raise agencies
    return agencies if agencies is not None else Agencies(None, Site(), {}, {})


def _read_agencies(found: Path | None) -> bytes:
    """The bytes of an ``agencies.toml`` for the keys of the models that use it
    (``b""`` when there is none or it cannot be read: loading it then says why)."""
    if found is None:
        return b""
    try:
        return found.read_bytes()
    except OSError:
        return b""


#: Agencies loaded in this process, by (path, bytes), with their logos' stamps:
#: ``presskit build`` asks for the ``[site]`` of the file its sources were loaded with
#: (:func:`agencies_of`).
_AGENCIES: dict[tuple[str, bytes], tuple[Agencies | SourceError, tuple[str, ...]]] = {}


def _logo_stamps(found: Path, agencies: object) -> tuple[str, ...]:
    """Path, size and modification time of the local logos ``agencies`` name (their
    checks, containment and size, are made when the file is loaded)."""
    from presskit.buildcache import file_stamp

    if not isinstance(agencies, Agencies):
        return ()
    logos = sorted({i.logo for i in agencies.issuers.values() if i.logo and "://" not in i.logo})
    return tuple(file_stamp(found.parent / logo) for logo in logos)


#: Agencies to store in a cache once it holds a model (:func:`_store_pending`).
_PENDING: list[tuple[Cache, str, bytes]] = []


def _store_pending() -> None:
    """Store the agencies parsed in caches that now exist: the agencies file is not
    the first object of a cache, so a build whose sources all fail to load makes no
    cache folder."""
    while _PENDING:
        cache, key, data = _PENDING.pop()
        if cache.folder.is_dir():
            cache.put(key, data)


def _agencies(
    found: Path | None, data: bytes, cache: Cache | None = None, code: str = ""
) -> Agencies | SourceError | None:
    """The issuers of an ``agencies.toml`` whose bytes are ``data`` (or the error reading
    it): from this process's memo, else the build cache (keyed by its path, bytes and
    presskit's code; kept while the logos it names are unchanged), else parsed (and
    then cached)."""
    from presskit.buildcache import digest

    if found is None:
        return None
    memo = (str(found), data)
    known = _AGENCIES.get(memo)
    if known is not None and _logo_stamps(found, known[0]) == known[1]:
        return known[0]
    key = digest("agencies", code, str(found), data)
    hit = _unpickle(cache.get_touch(key) if cache is not None and data else None)
    result: Agencies | SourceError
    if (
        isinstance(hit, tuple)
        and len(hit) == 2
        and isinstance(hit[0], Agencies)
        and _logo_stamps(found, hit[0]) == hit[1]
    ):
        result = hit[0]
    else:
        try:
            result = load_agencies(found)
        except SourceError as exc:
            result = exc
        else:
            if cache is not None and data and found.read_bytes() == data:
                _PENDING.append((cache, key, _pickle((result, _logo_stamps(found, result)))))
    if isinstance(result, Agencies):  # an error is looked for again (a logo fixed)
        _AGENCIES[memo] = (result, _logo_stamps(found, result))
    return result


def agencies_of(found: Path, *, cache: Cache | None = None) -> Agencies:
    """The issuers and ``[site]`` of an ``agencies.toml``, read once per process for
    the same bytes (and from the build ``cache`` when given).

    Raises:
        SourceError: the file cannot be read or is invalid.
    """
    from presskit.buildcache import code_stamp

    data = _read_agencies(found)
    result = _agencies(found, data, cache, code_stamp() if cache is not None else "")
    _store_pending()
    if isinstance(result, SourceError):
        raise result
    assert result is not None
    return result


def _unpickle(data: bytes | None) -> object:
    """An object of the build's own cache, or ``None`` when it cannot be read back."""
    import pickle

    if data is None:
        return None
    try:
        return pickle.loads(data)  # the build's own cache
    except Exception:  # a damaged or foreign object: made again
        return None


def _raw(path: Path) -> bytes:
    """A source's bytes for its key (``b""`` when it cannot be read: :func:`load` then
    reports why)."""
    try:
        return path.read_bytes() if path.stat().st_size <= MAX_SOURCE_BYTES else b""
    except OSError:
        return b""


def _pickle(value: object) -> bytes:
    import pickle

    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def cached_release(cache: Cache | None, key: str) -> PressRelease | None:
    """The release :func:`load_many` cached under its model key (:attr:`Loaded.key`), or
    ``None`` (not there, or not readable)."""
    hit = _cached_model(cache, key)
    return None if hit is None else hit[0]


def _cached_model(
    cache: Cache | None, key: str
) -> tuple[PressRelease, tuple[SourceError, ...]] | None:
    """The release and warnings cached under ``key``, or ``None`` (also when the object
    cannot be read back: it is then made again)."""
    import pickle

    data = cache.get_touch(key) if cache is not None else None
    if data is None:
        return None
    try:
        release, warnings = pickle.loads(data)  # the build's own cache
    except Exception:  # a damaged or foreign object: load the source again
        return None
    if not isinstance(release, PressRelease):
        return None
    return release, tuple(warnings)


def _refuse_duplicate_slugs(results: list[Loaded]) -> list[Loaded]:
    """A second release with a slug already taken would overwrite the first one's files;
    a reserved slug (``feeds``) would write into the build's own folder."""
    from presskit.publication import RESERVED_SLUGS

    first: dict[str, Path] = {}
    out = []
    for item in results:
        if item.release is not None:
            slug = item.release.slug
            if slug in RESERVED_SLUGS:
                error = SourceError(
                    str(item.path),
                    f"the slug {slug!r} is reserved for the build's {slug}/ folder; set "
                    'slug = "..." in the front matter (or rename the file)',
                    field="slug",
                )
                item = Loaded(item.path, None, error, item.warnings)
            elif slug in first:
                error = SourceError(
                    str(item.path),
                    f'the slug {slug!r} is already used by {first[slug]}; set slug = "..." '
                    "in the front matter of one of them",
                    field="slug",
                )
                item = Loaded(item.path, None, error, item.warnings)
            else:
                first[slug] = item.path
        out.append(item)
    return out
