"""The ``presskit`` command.

Start-up is kept light: this module imports only ``click``; the model, the loaders, the
exporters and ``rich`` are imported inside the commands that need them, so
``presskit --help`` does not pay for them (see tests/benchmarks/bench_startup.py).

Exit status: 0 on success; 2 for a user error (bad source, unknown format, bad option),
always with a one-line message and never a traceback; 1 when an output file cannot be
written, and 1 for a bug: any other exception is reported by a last-resort handler that
names the source and the format, and says how to report it (the traceback only with
``--debug`` or ``PRESSKIT_DEBUG=1``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import click

from presskit.i18n.commands import i18n, print_problems

if TYPE_CHECKING:
    import warnings
    from concurrent.futures import Executor

    from presskit.buildcache import Cache
    from presskit.config import Config
    from presskit.errors import PresskitError
    from presskit.model import PressRelease
    from presskit.pipeline import Plan, Written
    from presskit.site import Site

__all__ = ["main"]

USER_ERROR = 2
WRITE_ERROR = 1
CRASH = 1


def _fail(message: str, status: int = USER_ERROR) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(status)


def _now(value: str | None) -> dt.datetime:
    """``--now`` (or ``now`` in presskit.toml: a date-time, ``"clock"`` or
    ``"source-date-epoch"``), else ``SOURCE_DATE_EPOCH``, else the clock (UTC)."""
    if value == "clock":
        return dt.datetime.now(dt.UTC)
    if value and value != "source-date-epoch":
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            _fail(f"--now: {value!r} is not an ISO 8601 date-time such as 2025-01-17T10:00+08:00")
        if parsed.tzinfo is None:
            _fail(f"--now: {value!r} has no time zone; add an offset such as +08:00 or Z")
        from presskit.model import instant_out_of_range

        problem = instant_out_of_range(parsed)
        if problem:
            _fail(f"--now: {problem}")
        return parsed
    epoch = _source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC)
    return dt.datetime.now(dt.UTC)


def _source_date_epoch() -> int | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        _fail(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {raw!r}")
    if not 0 <= value <= _LAST_EPOCH:
        _fail(
            f"SOURCE_DATE_EPOCH must be from 0 to {_LAST_EPOCH} (1970 to the end of 2099, the "
            f"years every format can date a file in), got {raw!r}"
        )
    return value


#: 2099-12-31T23:59:59Z: zip entries cannot be dated after 2107, and the model's dates end
#: in 2099 (presskit.model.YEARS).
_LAST_EPOCH = 4_102_444_799


def _parse_settings(settings: Sequence[str]) -> dict[str, dict[str, object]]:
    """``--set text.width=80`` -> ``{"text": {"width": 80}}``; values are TOML
    scalars (``80``, ``true``, ``"us"``), or plain text when they do not parse."""
    import tomllib

    from presskit import exporters

    out: dict[str, dict[str, object]] = {}
    for setting in settings:
        key, sep, raw = setting.partition("=")
        fmt, dot, option = key.strip().partition(".")
        if not sep or not dot or not fmt or not option:
            _fail(f"--set {setting!r}: write FORMAT.OPTION=VALUE, such as text.width=80")
        try:
            value = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw.strip()
        out.setdefault(exporters.resolve(fmt), {})[option.strip()] = value
    return out


def _options(
    config: Config | None, settings: Sequence[str], specs: Sequence[str] = ()
) -> dict[str, dict[str, object]]:
    """The exporter options: ``[options.<format>]`` of presskit.toml, each ``--set``
    winning over the file's value of its option. When ``specs`` names the formats, the
    file's options of the other formats are left out (a newsroom's file sets options
    for every format it ever builds; ``-f html`` must not refuse ``[options.text]``)."""
    from presskit import exporters
    from presskit.errors import PresskitError

    built = set()
    for spec in specs:
        name = spec.partition(":")[0]
        try:
            built.add(exporters.resolve(name))
        except PresskitError:  # reported by parse_targets, with the known formats
            built.add(name)
    out = {
        fmt: dict(values)
        for fmt, values in (config.options if config else {}).items()
        if not specs or fmt in built
    }
    for fmt, values in _parse_settings(settings).items():
        out.setdefault(fmt, {}).update(values)
    return out


def _read_config(given: Path | None) -> Config:
    """presskit.toml (``--config``, else the current folder's, else none); exits (2)
    with the file, line and key when it is not valid."""
    from presskit.config import find_config, load_config
    from presskit.errors import PresskitError

    try:
        return load_config(find_config(given))
    except PresskitError as exc:
        _fail(str(exc))


def _split_formats(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


_reported: set[str] = set()
#: The source file of each release being built, by slug, for the crash report.
_source_of: dict[str, Path] = {}


class _Presskit(click.Group):
    """The command group, with the last-resort handler: an exception that is not a user
    error (those are reported where they happen) is a bug, in presskit or in a library it
    uses; it is reported without a traceback, naming what was being done, and exits 1."""

    def invoke(self, ctx: click.Context) -> Any:
        from click.exceptions import Abort, ClickException, Exit

        try:
            return super().invoke(ctx)
        except (ClickException, Abort, Exit):
            raise
        except BrokenPipeError:  # the reader went away (presskit formats | head): no bug
            _quiet_stdout()
            sys.exit(WRITE_ERROR)
        except Exception as exc:
            _report_crash(exc, ctx)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit after a
    broken pipe raises nothing (https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())


def _report_crash(exc: Exception, ctx: click.Context) -> NoReturn:
    from presskit.errors import Crash

    command = ctx.invoked_subcommand or "presskit"
    crash = Crash.wrap(exc, f"running 'presskit {command}'")
    doing = crash.doing
    source = _source_of.get(crash.slug or "")
    if source is not None and crash.format is not None:
        doing = f"rendering the {crash.format} of {source} (release {crash.slug!r})"
    if ctx.params.get("debug") or os.environ.get("PRESSKIT_DEBUG", "") not in ("", "0"):
        click.echo(crash.trace.rstrip("\n"), err=True)
    click.echo(f"error: presskit failed while {doing}: {crash.error}", err=True)
    click.echo(
        "error: this is a bug in presskit, not a mistake in your sources: please report it "
        "on presskit's issue tracker, with the command you ran and the source file if you "
        "can share it; run the command again with --debug (presskit --debug build ...) or "
        "with PRESSKIT_DEBUG=1 to print the traceback, and include it",
        err=True,
    )
    sys.exit(CRASH)


def _report_error(error: PresskitError) -> None:
    """Print an error once: a broken agencies.toml fails every source that uses it."""
    message = f"error: {error}"
    if message not in _reported:
        _reported.add(message)
        click.echo(message, err=True)


@click.group(cls=_Presskit, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="presskit", prog_name="presskit")
@click.option(
    "--debug",
    is_flag=True,
    help="On an unexpected error (a bug), print the traceback (also: PRESSKIT_DEBUG=1).",
)
def main(debug: bool) -> None:
    """presskit: one press release in, every file a communications team distributes out.

    Releases are Markdown files with TOML front matter in sources/, issuers are defined
    in sources/agencies.toml. `presskit build` writes every format into dist/.
    """


main.add_command(i18n)


def _cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


class _Caching(NamedTuple):
    """The build cache asked for: used or not, its folder, its bound in bytes."""

    enabled: bool = True
    folder: Path | None = None
    max_bytes: int = 2 << 30


def _settings_options(command: Any) -> Any:
    """The options of a build that presskit.toml may also set (build and config): a
    flag given wins over the file, the file over presskit's defaults."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option(
            "--config",
            "config_file",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="The configuration file (default: presskit.toml in the current folder, "
            "when there is one; docs/configuration.md).",
        ),
        click.option(
            "-f",
            "--format",
            "formats",
            multiple=True,
            metavar="FORMAT[,FORMAT...]",
            help="Formats to write (default: all). FORMAT:VARIANT picks one variant, e.g. text:us.",
        ),
        click.option(
            "-o",
            "--out",
            "out_dir",
            type=click.Path(path_type=str, file_okay=False),
            default=None,
            help="Output folder; each release goes to OUT/<slug>/.  [default: dist]",
        ),
        click.option(
            "--set",
            "settings",
            multiple=True,
            metavar="FORMAT.OPTION=VALUE",
            help="An exporter option, e.g. --set text.width=80 --set text.ascii=true.",
        ),
        click.option(
            "--now",
            metavar="DATETIME",
            help="The current time for embargo decisions (default: SOURCE_DATE_EPOCH, else "
            "the clock).",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(1, 256),
            default=None,
            help="Render releases in this many processes (default: one per core).",
        ),
        click.option(
            "--theme",
            type=click.Path(path_type=Path),
            default=None,
            help="The theme folder every format follows (default: presskit's own).",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(path_type=Path, file_okay=False),
            default=None,
            help="The build cache and manifest folder (default: .presskit-cache/ beside the "
            "output folder, else the user cache folder).",
        ),
        click.option(
            "--cache-size",
            type=click.IntRange(1),
            default=None,
            metavar="MB",
            help="Keep the cache under this many megabytes (least recently used removed "
            "first).  [default: 2048]",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@_settings_options
@click.option(
    "-k",
    "--keep-going",
    is_flag=True,
    help="Build the good sources even when some fail to load (the exit status is still 2).",
)
@click.option(
    "--dask",
    metavar="local|tcp://HOST:PORT",
    help="Render on a Dask cluster: local starts one here with --jobs workers (pip install "
    "'presskit[dask]'; docs/scaling.md).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Render everything again, without reading or storing cached files.",
)
def build(
    paths: tuple[Path, ...],
    config_file: Path | None,
    formats: tuple[str, ...],
    out_dir: str | None,
    settings: tuple[str, ...],
    now: str | None,
    jobs: int | None,
    theme: Path | None,
    cache_dir: Path | None,
    cache_size: int | None,
    keep_going: bool,
    dask: str | None,
    quiet: bool,
    no_cache: bool,
) -> None:
    """Build releases (default: every release in sources/) into every format.

    The choices a newsroom makes once (style, formats, output folder, [site], theme,
    exporter options) are read from presskit.toml (see docs/configuration.md); a flag
    given wins over the file. Only what changed is rendered again and written: see
    docs/building.md."""
    from presskit.errors import PresskitError

    config = _read_config(config_file)
    if out_dir is not None and not str(out_dir).strip():
        _fail("-o/--out: give a folder name, such as dist")
    size = cache_size or config.cache_size or 2048
    request = _BuildRequest(
        paths or config.sources or (),
        formats or config.formats or (),
        Path(out_dir) if out_dir is not None else config.output or Path("dist"),
        settings,
        now or config.now,
        keep_going,
        jobs or config.jobs or _cores(),
        quiet,
        _Caching(not no_cache, cache_dir or config.cache_dir, size << 20),
        dask,
        config,
        theme or config.theme,
    )
    try:
        _build(request)
    except PresskitError as exc:
        _fail(str(exc))


class _BuildRequest(NamedTuple):
    """What ``presskit build`` was asked (a NamedTuple, not attrs: the command line
    imports nothing heavy before a command runs, see tests/test_startup.py)."""

    paths: tuple[Path, ...]
    formats: tuple[str, ...]
    out_dir: Path
    settings: tuple[str, ...]
    now_text: str | None
    keep_going: bool
    jobs: int
    quiet: bool
    caching: _Caching = _Caching()
    dask: str | None = None
    config: Config | None = None
    theme: Path | None = None


class _Sources(NamedTuple):
    """The sources of a build, loaded: the releases, and how many failed."""

    paths: list[Path]
    releases: list[PressRelease]
    #: by slug, each release's source file
    files: dict[str, Path]
    failed: int
    #: by slug, the key of each release's model
    keys: dict[str, str]


def _build(request: _BuildRequest) -> None:
    from presskit.pipeline import parse_targets, plan

    specs = _split_formats(request.formats)
    with _warnings_reported():  # a broken plugin, left out of a build of every format
        targets = parse_targets(
            specs or None,
            options=_options(request.config, request.settings, specs),
            style=request.config.style if request.config else None,
        )
    now = _now(request.now_text)
    epoch = _source_date_epoch()
    cache, state = _cache(request.out_dir, request.caching)
    sources = _load_sources(request, cache)
    site = _site(sources.paths, request.config, cache)
    chosen = plan(
        targets,
        now=now,
        site=site,
        explicit=bool(specs),
        whole_newsroom=all(p.is_dir() for p in request.paths),
        all_loaded=not sources.failed,
    )
    _warn_unpublished(sources.releases, now, chosen, request.out_dir)
    whole = all(p.is_dir() for p in request.paths or [Path("sources")])
    cache, kept = _mark(cache, state)
    files = _run_build(
        request, sources, chosen, site, now=now, epoch=epoch, whole=whole, cache=cache, state=kept
    )
    if cache is not None:
        cache.prune(request.caching.max_bytes)
    if not request.quiet:
        _print_table(files, request.out_dir)
    if sources.failed:
        count = len(sources.releases)
        others = "the 1 other was" if count == 1 else f"the {count} others were"
        s = "s" if sources.failed > 1 else ""
        _fail(f"{sources.failed} source{s} failed to load; {others} built")


def _cache(out_dir: Path, caching: _Caching) -> tuple[Cache | None, Path]:
    """The build cache (``None`` with --no-cache) and the folder of the manifest: the
    folder asked for, else the default (see :func:`presskit.buildcache.default_folder`).
    Nothing is made yet (see :func:`_mark`)."""
    from presskit.buildcache import Cache, default_folder

    folder = caching.folder or default_folder(out_dir)
    return (Cache(folder) if caching.enabled else None), folder


def _mark(cache: Cache | None, state: Path | None) -> tuple[Cache | None, Path | None]:
    """Make the cache folder before the build writes; when it cannot be made, build
    everything without it (a warning)."""
    from presskit.buildcache import Cache

    if state is None:
        return cache, state
    try:
        Cache(state).mark()
    except OSError as exc:
        click.echo(
            f"warning: cannot make the cache folder {state} ({exc.strerror or exc}): building "
            "everything; choose another with --cache-dir",
            err=True,
        )
        return None, None
    return cache, state


def _load_sources(request: _BuildRequest, cache: Cache | None = None) -> _Sources:
    """Find and load the sources (through the model cache); report each error and
    warning. Exits (2) when none is found, or when one fails without ``--keep-going``."""
    from presskit.sources import discover, load_many

    paths = discover(request.paths or [Path("sources")])
    if not paths:
        where = ", ".join(str(p) for p in request.paths) or "sources"
        _fail(f"no release sources (*.md) in {where}")
    site = request.config.site if request.config else None
    loaded = load_many(paths, cache=cache, site=site)
    failed = [item for item in loaded if item.error is not None]
    for item in loaded:
        for warning in item.warnings:
            click.echo(f"warning: {warning}", err=True)
        if item.error is not None:
            _report_error(item.error)
    if failed and not request.keep_going:
        _fail(
            f"{len(failed)} of {len(loaded)} source{'s' if len(loaded) > 1 else ''} failed to "
            "load; nothing was written (use --keep-going to build the others)"
        )
    files = {item.release.slug: item.path for item in loaded if item.release is not None}
    _source_of.update(files)
    releases = [item.release for item in loaded if item.release is not None]
    keys = {item.release.slug: item.key for item in loaded if item.release and item.key}
    return _Sources(paths, releases, files, len(failed), keys)


def _warn_unpublished(
    releases: Sequence[PressRelease], now: dt.datetime, chosen: Plan, out_dir: Path
) -> None:
    """Warn of each release not yet published at ``now``: where its files go."""
    from presskit.publication import EMBARGOED, is_published

    for release in releases:
        if is_published(release, now):
            continue
        until = release.embargoed_until
        why = (
            f"is under embargo until {until.isoformat()}"
            if until is not None
            else f"is dated {release.issued_at.isoformat()}, later than now"
        )
        where = []
        if chosen.collections:
            where.append("it is left out of the feeds and the index")
        if chosen.documents:
            where.append(
                f"its files are in {out_dir / EMBARGOED / release.slug}/, which must not "
                "be published"
            )
        click.echo(f"warning: {release.slug} {why}: {'; '.join(where) or 'not built'}", err=True)


def _run_build(
    request: _BuildRequest,
    sources: _Sources,
    chosen: Plan,
    site: Site,
    *,
    now: dt.datetime,
    epoch: int | None,
    whole: bool = True,
    cache: Cache | None = None,
    state: Path | None = None,
) -> Written:
    """Build the plan (in ``--jobs`` processes), with a spinner; print the warnings."""
    import warnings

    from presskit.errors import PresskitWarning
    from presskit.pipeline import build

    spinner: Any = contextlib.nullcontext()  # -q: no spinner, and rich is not imported
    if not request.quiet:
        from rich.console import Console

        spinner = Console(stderr=True, highlight=False).status("building", spinner="dots")
    executor: Executor | None = None
    if request.dask is not None:
        from presskit.distributed import DaskExecutor

        folders = sorted({path.parent for path in sources.files.values()})
        executor = DaskExecutor.connect(request.dask, workers=request.jobs, folders=folders)
    elif request.jobs > 1 and len(sources.releases) > 1:
        from concurrent.futures import ProcessPoolExecutor

        from presskit.render import worker_init

        executor = ProcessPoolExecutor(max_workers=request.jobs, initializer=worker_init)
    try:
        with (
            spinner as status,
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always", PresskitWarning)
            files = build(
                sources.releases,
                request.out_dir,
                targets=chosen,
                now=now,
                source_date_epoch=epoch,
                executor=executor,
                on_release=None if status is None else lambda r: status.update(f"built {r.slug}"),
                asset_roots={slug: path.parent for slug, path in sources.files.items()},
                site=site,
                theme=request.theme,
                catalogues=_catalogue_folders(request.paths, sources.paths),
                cache=cache,
                fingerprints=sources.keys,
                state=state,
                sources=sources.files,
                prune=whole,
            )
    except OSError as exc:
        where = exc.filename or request.out_dir
        _fail(f"cannot write to {where}: {exc.strerror or exc}", WRITE_ERROR)
    finally:
        if executor is not None:
            executor.shutdown()
    _report_warnings(caught)
    return files


def _catalogue_folders(given: Sequence[Path], sources: Sequence[Path]) -> tuple[Path, ...]:
    """The user catalogue folders: ``locale/`` in each folder given (default sources/),
    then next to the agencies.toml the first source uses (docs/languages.md)."""
    from presskit.i18n.catalogues import user_folders
    from presskit.sources.agencies import find_agencies

    found = find_agencies(sources[0]) if sources else None
    return user_folders([*(given or [Path("sources")]), *([found.parent] if found else [])])


def _site(
    sources: Sequence[Path], config: Config | None = None, cache: Cache | None = None
) -> Site:
    """The newsroom settings: ``[site]`` of presskit.toml, else (deprecated, with a
    warning) the [site] table of the agencies.toml that the first source uses (read
    once, and kept in ``cache``), else the defaults; with presskit.toml's ``style``."""
    from presskit.config import Config

    config = config or Config()
    site, where = _agencies_site(sources, cache)
    if where is not None and config.site is not None:
        click.echo(
            f"warning: {where}: [site] is ignored: {config.path} has a [site] table, "
            "which wins; remove the one in agencies.toml",
            err=True,
        )
    elif where is not None:
        click.echo(
            f"warning: {where}: [site] in agencies.toml is deprecated: move the table to "
            "presskit.toml (docs/configuration.md)",
            err=True,
        )
    return config.site_for(site)


def _agencies_site(
    sources: Sequence[Path], cache: Cache | None = None
) -> tuple[Site | None, str | None]:
    """[site] of the agencies.toml the first source uses, and where (see
    :func:`presskit.config.agencies_site`)."""
    from presskit.config import agencies_site

    site, where, _ = agencies_site(sources, cache=cache)
    return site, where


@contextlib.contextmanager
def _warnings_reported() -> Iterator[None]:
    """Report presskit's warnings raised in the block as ``warning: ...`` lines."""
    import warnings

    from presskit.errors import PresskitWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PresskitWarning)
        yield
    _report_warnings(caught)


def _report_warnings(caught: Sequence[warnings.WarningMessage]) -> None:
    """Print presskit's warnings once each, as ``warning: ...``; re-issue the others."""
    import warnings

    from presskit.errors import PresskitWarning

    seen: set[str] = set()
    for item in caught:
        if issubclass(item.category, PresskitWarning):
            message = str(item.message)
            if message not in seen:
                seen.add(message)
                click.echo(f"warning: {message}", err=True)
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)


def _print_table(files: Written, out_dir: Path) -> None:
    """The files written (all of them when they are few, else those changed) and those
    removed, then one line: how many are new or changed, unchanged, removed."""
    from rich.console import Console
    from rich.table import Table

    changed = sum(f.changed for f in files)
    shown = list(files) if len(files) <= _TABLE_ROWS else [f for f in files if f.changed]
    noun = "file" if len(files) == 1 else "files"
    table = Table(title=f"{len(files)} {noun} in {out_dir}", title_justify="left")
    table.add_column("file", overflow="fold")
    table.add_column("format")
    table.add_column("bytes", justify="right")
    table.add_column("status")
    for f in shown[:_TABLE_ROWS]:
        fmt = f"{f.format}:{f.variant}" if f.variant else f.format
        table.add_row(f.path, fmt, f"{f.size:,}", "written" if f.changed else "unchanged")
    for name in files.removed[:_TABLE_ROWS]:
        table.add_row(name, "", "", "removed")
    console = Console(highlight=False)
    if shown or files.removed:
        console.print(table)
    console.print(
        f"{changed:,} new or changed, {len(files) - changed:,} unchanged, "
        f"{len(files.removed):,} removed in {out_dir}"
    )


#: The summary table lists at most this many files (those written, when there are more).
_TABLE_ROWS = 200


@main.command()
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="dist",
    show_default=True,
    help="The output folder a build wrote.",
)
@click.option("--cache", "whole_cache", is_flag=True, help="Also remove the build cache.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The cache folder the build used (default: as presskit build chooses it).",
)
def clean(out_dir: Path, whole_cache: bool, cache_dir: Path | None) -> None:
    """Remove the files presskit build wrote into OUT (as its manifest lists them) and
    nothing else; with --cache, the build cache too."""
    from presskit.buildcache import MARKER, default_folder, user_cache_folder
    from presskit.manifest import manifest_path
    from presskit.outputs import clean as remove_outputs

    root = out_dir.resolve()
    key = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:16]
    folders = [cache_dir] if cache_dir else [default_folder(out_dir), user_cache_folder() / key]
    state = next((f for f in folders if manifest_path(f, root).is_file()), None)
    removed = []
    try:
        if state is not None:
            removed = remove_outputs(out_dir, state)
        else:
            click.echo(f"no manifest of {out_dir} in {' or '.join(map(str, folders))}", err=True)
        for folder in folders if whole_cache else []:
            if (folder / MARKER).is_file():
                _remove_cache(folder)
    except OSError as exc:
        _fail(f"cannot remove {exc.filename or out_dir}: {exc.strerror or exc}", WRITE_ERROR)
    click.echo(f"{len(removed):,} files removed from {out_dir}")


def _remove_cache(folder: Path) -> None:
    """Remove a cache folder's objects, manifests and tag, and the folder when it is
    then empty (whatever else is there stays)."""
    import shutil

    from presskit.buildcache import MARKER

    for name in ("objects", "manifests"):
        shutil.rmtree(folder / name, ignore_errors=True)
    (folder / MARKER).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()
    click.echo(f"removed the build cache {folder}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The configuration file (default: presskit.toml in the current folder, when "
    "there is one): its sources and [site].",
)
@click.option(
    "--i18n",
    "catalogues",
    is_flag=True,
    help="Also list the message catalogues' entries to look at (presskit's and the sources' "
    "locale/ folders), as presskit i18n check does.",
)
def check(paths: tuple[Path, ...], config_file: Path | None, catalogues: bool) -> None:
    """Load releases (default: sources/) and report the first error in each, writing
    nothing."""
    from presskit.errors import PresskitError
    from presskit.sources import discover, load_many

    config = _read_config(config_file)
    paths = paths or config.sources or ()
    only_catalogues = catalogues and not paths and not Path("sources").exists()
    try:
        sources = [] if only_catalogues else discover(paths or [Path("sources")])
    except PresskitError as exc:
        _fail(str(exc))
    i18n_errors = _check_catalogues(paths, sources) if catalogues else 0
    if only_catalogues:
        sys.exit(USER_ERROR if i18n_errors else 0)
    if not sources:
        _fail(f"no release sources (*.md) in {', '.join(str(p) for p in paths) or 'sources'}")
    loaded = load_many(sources, site=config.site)
    bad = 0
    for item in loaded:
        for warning in item.warnings:
            click.echo(f"warning: {warning}", err=True)
        if item.error is not None:
            bad += 1
            _report_error(item.error)
        else:
            click.echo(f"ok: {item.path}")
    if bad:
        noun = "source has" if len(loaded) == 1 else "sources have"
        _fail(f"{bad} of {len(loaded)} {noun} errors")
    if i18n_errors:
        _fail(f"the message catalogues have {i18n_errors} error{'s' if i18n_errors > 1 else ''}")


def _check_catalogues(paths: Sequence[Path], sources: Sequence[Path]) -> int:
    """``check --i18n``: list presskit's catalogues and the sources'; the errors found."""
    from presskit.i18n.catalogues import PACKAGE_LOCALE

    return print_problems([PACKAGE_LOCALE, *_catalogue_folders(paths, sources)])


@main.command()
def formats() -> None:
    """List the output formats: name, media type, file extension, variants; then the
    exporters that cannot be used (broken plugins), with the reason."""
    from presskit import exporters

    found = exporters.installed()
    rows = list(found.formats.values())
    width = max(len(n) for n in [*found.formats, *(b.name for b in found.broken)])
    media_width = max(len(e.media_type) for e in rows)
    for exporter in rows:
        variants = ",".join(exporter.variants)
        if exporter.collection:
            variants = "(collection)"
        click.echo(
            f"{exporter.name:<{width}}  {exporter.media_type:<{media_width}}  "
            f".{exporter.extension:<5} {variants}".rstrip()
        )
    for problem in found.broken:
        state = "ignored" if problem.ignored else "broken"
        click.echo(f"{problem.name:<{width}}  ({state}) {problem.where()} {problem.reason}")


def _check_flags(
    config: Config, formats: Sequence[str], settings: Sequence[str], theme: Path | None
) -> None:
    """What presskit build would refuse in the flags (a format, a --set, --theme), so
    that presskit config refuses it too (raises PresskitError)."""
    from presskit.pipeline import parse_targets
    from presskit.theme import load_theme

    specs = _split_formats(formats) or list(config.formats or ())
    with _warnings_reported():
        parse_targets(specs or None, options=_options(config, settings, specs))
    if theme is not None:
        load_theme(theme)


@main.command("config")
@_settings_options
def config_(
    paths: tuple[Path, ...],
    config_file: Path | None,
    formats: tuple[str, ...],
    out_dir: str | None,
    settings: tuple[str, ...],
    now: str | None,
    jobs: int | None,
    theme: Path | None,
    cache_dir: Path | None,
    cache_size: int | None,
) -> None:
    """Print the configuration presskit build would use here, and where each value
    comes from: a flag, presskit.toml (file:line), agencies.toml, or the default.

    Takes the options of presskit build that presskit.toml may set; the output is TOML
    that presskit.toml accepts."""
    from presskit.config import agencies_site, effective, format_settings
    from presskit.errors import PresskitError
    from presskit.sources import discover

    config = _read_config(config_file)
    given: dict[str, object] = {
        "formats": _split_formats(formats) or None,
        "output": out_dir,
        "sources": list(paths) or None,
        "theme": theme,
        "now": now,
        "jobs": jobs,
        "cache_dir": cache_dir,
        "cache_size": cache_size,
    }
    try:
        set_options = _parse_settings(settings)
        _check_flags(config, formats, settings, theme)
        found = discover(paths or config.sources or [Path("sources")])
        site, where, site_lines = agencies_site(found)
    except PresskitError as exc:
        _fail(str(exc))
    late = " (deprecated: move [site] to presskit.toml)"
    origin = f"{where}{late}" if where else "default"
    origins = {name: f"{at}{late}" for name, at in site_lines.items()}
    rows = effective(
        config, given, settings=set_options, site=site, site_origin=origin, site_origins=origins
    )
    head = f"# the configuration of presskit build here; file: {config.path or '(none)'}"
    click.echo("\n".join([head, *format_settings(rows)]))  # one write


@main.command("reference-doc")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
def reference_doc(out: Path, force: bool) -> None:
    """Write presskit's default DOCX reference document to OUT.

    Open it in Word or LibreOffice, change the styles (fonts, colours, spacing, page
    size), save it, and pass it back with --set docx.reference_doc=OUT: every part of
    every DOCX presskit writes then takes your styles.
    """
    from presskit.exporters.docx import default_reference_doc
    from presskit.pipeline import write_atomic

    if out.exists() and not force:
        _fail(f"{out} exists; give --force to replace it (your restyled copy, perhaps)")
    if not out.parent.is_dir():
        _fail(f"{out.parent} is not a folder")
    try:
        write_atomic(out, default_reference_doc())
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}", WRITE_ERROR)
    click.echo(f"wrote {out}")


@main.group()
def theme() -> None:
    """Themes: one brand (colours, fonts, sizes, templates) for every format."""


@theme.command("new")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def theme_new(folder: Path) -> None:
    """Write a copy of presskit's default theme into FOLDER, to edit.

    FOLDER must not exist or be empty. Change theme.toml (colours, fonts, sizes), then
    build with it: theme = "FOLDER" in presskit.toml, or for one format
    --set pdf.theme=FOLDER (see docs/themes.md).
    """
    from presskit.theme import new_theme

    try:
        new_theme(folder)
    except FileExistsError:
        _fail(f"{folder} exists and is not empty; give a new folder")
    except OSError as exc:
        _fail(f"cannot write {folder}: {exc.strerror or exc}", WRITE_ERROR)
    click.echo(f"wrote {folder}")


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="sources",
    show_default=True,
    help="Folder for the source and its agencies.toml.",
)
@click.option("--force", is_flag=True, help="Replace a source file that exists.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "eml", "docx"]),
    help="The input's format (default: told from the file).",
)
@click.option(
    "--time-zone",
    metavar="ZONE",
    help="IANA time zone for a dateline place presskit does not know (default: UTC).",
)
def import_(
    files: tuple[Path, ...], out_dir: Path, force: bool, fmt: str | None, time_zone: str | None
) -> None:
    """Import press releases (plain text, e-mail, Word .docx) as sources.

    Writes OUT/<slug>.md for each FILE and adds the issuing agencies, their "About"
    texts and contacts to OUT/agencies.toml (keeping what is there), then prints what
    was recognised and what was a guess, with line numbers.
    """
    from presskit.errors import PresskitError

    failed = 0
    for path in files:
        try:
            _import_one(path, out_dir, force=force, fmt=fmt, time_zone=time_zone)
        except PresskitError as exc:
            failed += 1
            click.echo(f"error: {exc}", err=True)
        except OSError as exc:
            _fail(f"cannot write to {exc.filename or out_dir}: {exc.strerror or exc}", WRITE_ERROR)
    if failed:
        noun = "file" if len(files) == 1 else "files"
        verb = "was" if failed == 1 else "were"
        _fail(f"{failed} of {len(files)} {noun} {verb} not imported")


def _import_one(
    path: Path, out_dir: Path, *, force: bool, fmt: str | None, time_zone: str | None
) -> None:
    import attrs

    from presskit.errors import SourceError
    from presskit.importers import read_with_report
    from presskit.paths import write_beneath
    from presskit.pipeline import write_atomic
    from presskit.sources import load
    from presskit.sources.agencies import AGENCIES_FILE, load_agencies
    from presskit.sources.write import write_source

    if time_zone is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            _fail(f"--time-zone: {time_zone!r} is not an IANA time zone such as Asia/Singapore")
    agencies_path = out_dir / AGENCIES_FILE
    agencies = load_agencies(agencies_path) if agencies_path.is_file() else None
    imported = read_with_report(path, format=fmt, time_zone=time_zone, agencies=agencies)
    report = imported.report
    release = imported.release
    target = out_dir / f"{release.slug}.md"
    # an e-mail's attachments go next to the source, under files/<slug>/
    files = [
        (f"files/{release.slug}/{attached.name}", attached) for attached in imported.attachments
    ]
    if not force:  # refuse before the report, which would read as an import done
        for existing in [target, *(out_dir / href for href, _ in files)]:
            if existing.exists():
                raise SourceError(str(path), f"{existing} exists; give --force to replace it")
    for line in report.lines():
        click.echo(line)
    if files:
        from presskit.model import Attachment

        release = attrs.evolve(
            release,
            attachments=[
                *release.attachments,
                *(
                    Attachment(href, media_type=a.media_type, title=a.original or a.name)
                    for href, a in files
                ),
            ],
        )
    agencies_text = agencies_path.read_text(encoding="utf-8") if agencies_path.is_file() else None
    written = write_source(release, agencies_text=agencies_text)
    for note in written.notes:
        click.echo(f"{path}: note: {note}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for href, attached in files:
        write_beneath(out_dir, href, attached.data)  # never through a link, never outside
        click.echo(f"{path}: wrote the attachment {out_dir / href} ([[attachments]] in the source)")
    if written.agencies_toml is not None:
        write_atomic(agencies_path, written.agencies_toml.encode("utf-8"))
    write_atomic(target, written.markdown.encode("utf-8"))
    load(target)  # what was written must load: a failure here is presskit's own bug
    counts = {kind: len(report.of_kind(kind)) for kind in ("recognised", "unsure", "dropped")}
    added = f" (added {', '.join(written.added_agencies)})" if written.added_agencies else ""
    click.echo(
        f"wrote {target}{f' and {agencies_path}{added}' if written.agencies_toml else ''}: "
        f"{counts['recognised']} recognised, {counts['unsure']} unsure, "
        f"{counts['dropped']} dropped"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
