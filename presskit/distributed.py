"""Rendering releases on a Dask cluster: ``presskit build --dask local`` (a
``LocalCluster`` on this machine) or ``--dask tcp://scheduler:8786`` (a running cluster).

:class:`DaskExecutor` is a :class:`concurrent.futures.Executor`, so it goes wherever
:func:`presskit.build` takes an ``executor``::

    from presskit.distributed import DaskExecutor

    with DaskExecutor.connect("tcp://scheduler:8786", folders=[Path("sources")]) as pool:
        presskit.build(releases, "dist", now=now, executor=pool)

Who does what: the workers render (each task is one release, all its formats; see
:func:`presskit.pipeline.build`) and send the bytes back; the process that called
:func:`~presskit.build` writes every file itself, atomically, and makes the feeds and
the index from what it wrote. One writer keeps the build's guarantees (a file whose
bytes did not change is not rewritten, stale files are removed, the staging folder is
one folder) and lets the output folder be a local disk the workers never see. The files
are byte-identical to a build without Dask, provided the workers have what the parent
has; :meth:`DaskExecutor.connect` checks that every worker:

* runs the same versions of presskit and its renderers
  (:data:`presskit.buildcache.STAMP`) and finds the same font files for the default
  theme (by file name and size): another reportlab or another Noto lays a page out
  differently;
* runs one thread: a release is rendered in one process at a time (the warnings it
  raises are collected per process, and the renderers hold the GIL anyway);
* can read the ``folders`` given (the sources' folders: logos and attachments are read
  where the release is rendered, by the same absolute paths).

Every task checks the versions and fonts again (once per worker process), so a worker
that joins later (an autoscaled cluster) cannot put other bytes into the output.

Requires the optional extra ``presskit[dask]`` (``dask[distributed]``). See
docs/scaling.md for running a scheduler and workers, on machines or on Kubernetes.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import logging
import os
import sys
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from presskit.errors import PresskitError

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

__all__ = ["DaskExecutor", "Environment", "environment"]

T = TypeVar("T")

#: How an environment is described: name -> value (all strings, or lists of strings).
Environment = dict[str, Any]

_INSTALL = "--dask needs Dask: pip install 'presskit[dask]' (dask[distributed])"


def _distributed() -> Any:
    """The ``distributed`` module, or a clear error when the extra is not installed."""
    try:
        import distributed
    except ImportError:
        raise PresskitError(_INSTALL) from None
    return distributed


class DaskExecutor(cf.Executor):
    """A :class:`concurrent.futures.Executor` running tasks on a Dask cluster
    (``Client.submit``, tasks not ``pure``: two renders of one release are two tasks).
    Its futures are running from the start: :meth:`~concurrent.futures.Future.cancel`
    cancels the Dask task but returns ``False``. (Dask's own ``Client.get_executor()``
    logs an ``InvalidStateError`` traceback when a task fails after its future was
    cancelled, as when a build stops at a release that failed to render.)

    :meth:`map` differs from Dask's in two ways that matter for thousands of releases:
    an argument that is the same object for every task (the build's context) is sent to
    the workers once (``Client.scatter``), not once per task; and at most ``window``
    tasks are in flight (default: 4 per worker thread, at least 64), each result
    released as soon as it is read, so that rendered bytes do not pile up in the
    workers' memory while the parent writes.

    :meth:`shutdown` closes the client, and the cluster when this executor started it.
    """

    def __init__(
        self, client: Client, cluster: LocalCluster | None = None, *, window: int | None = None
    ) -> None:
        """Run tasks through ``client``; ``cluster`` is closed with it (``--dask local``)."""
        self.client: Any = cast(Any, client)  # (Dask's API is not fully typed)
        self.cluster: Any = cluster
        self.window = window
        self._expected = environment()
        self._tasks: weakref.WeakSet[Any] = weakref.WeakSet()
        self._closed = False

    @classmethod
    def connect(
        cls,
        address: str,
        *,
        workers: int = 1,
        folders: Sequence[Path] = (),
        timeout: float = 30.0,
    ) -> DaskExecutor:
        """Start a ``LocalCluster`` (``address == "local"``: ``workers`` processes of one
        thread each) or connect to the scheduler at ``address`` (``tcp://host:8786``,
        ``tls://...``), wait up to ``timeout`` seconds for a worker, and check the
        workers (see the module docstring).

        Raises:
            PresskitError: Dask is not installed; the scheduler cannot be reached or has
                no worker within ``timeout``; a worker differs from this process
                (versions, fonts, threads, a folder it cannot read), naming the worker
                and what differs.
        """
        distributed = _distributed()
        cluster = None
        try:
            if address == "local":
                cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    # (no port 8787: another cluster may hold it, and Dask warns)
                    dashboard_address="127.0.0.1:0",
                    silence_logs=logging.CRITICAL,  # a failed render is reported once, by presskit
                )
                client = distributed.Client(cluster, set_as_default=False)
            else:
                client = distributed.Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError, RuntimeError) as exc:
            if cluster is not None:
                cluster.close()
            doing = (
                "cannot start a local cluster"
                if address == "local"
                else "cannot reach the scheduler"
            )
            raise PresskitError(f"--dask {address}: {doing}: {exc}") from None
        executor = cls(client, cluster)
        try:
            executor._check(address, folders, timeout)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return executor

    def _check(self, address: str, folders: Sequence[Path], timeout: float) -> None:
        """Wait for a worker; refuse workers that would write other bytes."""
        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise PresskitError(
                f"--dask {address}: the scheduler has no worker after {timeout:g} s; start "
                f"some with: dask worker {address} --nthreads 1 (docs/scaling.md)"
            ) from None
        paths = [str(Path(f).resolve()) for f in folders]
        try:
            found = self.client.run(environment, paths)
        except ImportError as exc:
            raise PresskitError(
                f"--dask {address}: a worker cannot import presskit ({exc}); install presskit "
                "on every worker (docs/scaling.md)"
            ) from None
        problems = [
            f"worker {worker}: {problem}"
            for worker, env in sorted(found.items())
            for problem in differences(self._expected, env)
        ]
        if problems:
            raise PresskitError(
                f"--dask {address}: the workers cannot render byte-identical files: "
                + "; ".join(problems)
                + " (docs/scaling.md, 'What the workers need')"
            )

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> cf.Future[T]:
        """Run ``fn(*args, **kwargs)`` on a worker (after its environment check)."""
        if self._closed:
            raise RuntimeError("cannot schedule new futures after shutdown")
        task = self.client.submit(_checked, self._expected, fn, *args, pure=False, **kwargs)
        self._tasks.add(task)
        return _Future(task)

    def map(
        self,
        fn: Callable[..., T],
        *iterables: Iterable[Any],
        timeout: float | None = None,
        chunksize: int = 1,
    ) -> Iterator[T]:
        """``map(fn, *iterables)`` on the workers, results in order (see the class
        docstring: shared arguments sent once, a bounded window of tasks in flight).
        ``chunksize`` is ignored; ``timeout`` bounds the wait for each result."""
        columns = [list(it) for it in iterables]
        count = min((len(c) for c in columns), default=0)
        arguments = [self._shared(column, count) for column in columns]
        window = self.window or max(64, 4 * sum(self.client.nthreads().values()))
        return self._results(fn, arguments, count, window, timeout)

    def _shared(self, column: list[Any], count: int) -> list[Any] | _Repeat:
        """``column``, or, when every item is one object, that object sent to the
        workers once."""
        if count < 2 or any(item is not column[0] for item in column[:count]):
            return column
        [future] = self.client.scatter([column[0]], broadcast=True, hash=False)
        return _Repeat(future)

    def _results(
        self,
        fn: Callable[..., T],
        arguments: list[list[Any] | _Repeat],
        count: int,
        window: int,
        timeout: float | None,
    ) -> Iterator[T]:
        pending: collections.deque[_Future[T]] = collections.deque()
        submitted = 0
        try:
            while submitted < count or pending:
                while submitted < count and len(pending) < window:
                    args = [column[submitted] for column in arguments]
                    pending.append(cast(_Future[T], self.submit(fn, *args)))
                    submitted += 1
                yield pending.popleft().result(timeout)
        finally:
            if pending:
                self.client.cancel([future.task for future in pending])

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking tasks, close the client, and close the cluster when this executor
        started it."""
        self._closed = True
        tasks = [task for task in list(self._tasks) if not task.done()]
        if tasks and (cancel_futures or not wait):
            self.client.cancel(tasks)
        elif tasks:
            _distributed().wait(tasks)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class _Future(cf.Future[T]):
    """A future of a Dask task (kept alive as long as this future is)."""

    def __init__(self, task: Any) -> None:
        super().__init__()
        self.task = task
        self.set_running_or_notify_cancel()
        task.add_done_callback(self._finished)

    def _finished(self, task: Any) -> None:
        try:
            self.set_result(task.result())
        except BaseException as exc:  # the task's own error, or its cancellation
            self.set_exception(exc)

    def cancel(self) -> bool:
        """Cancel the Dask task; ``False``: this future is then done with an error."""
        self.task.cancel()
        return False


class _Repeat:
    """One object as every item of a column (a scattered future)."""

    def __init__(self, item: Any) -> None:
        self.item = item

    def __getitem__(self, index: int) -> Any:
        return self.item


def environment(folders: Sequence[str] = ()) -> Environment:
    """What makes this process render the bytes it renders, run on each worker:
    ``versions`` (:data:`presskit.buildcache.STAMP`), ``python`` (major.minor),
    ``fonts`` (the default theme's font files found, as ``script/face=file name:size``),
    ``threads`` (the Dask worker's thread count, 1 outside a worker) and ``missing``
    (the ``folders`` this process cannot read)."""
    from presskit.buildcache import STAMP

    return {
        "versions": STAMP,
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "fonts": list(_fonts()),
        "threads": _threads(),
        "missing": [f for f in folders if not os.access(f, os.R_OK | os.X_OK)],
    }


def differences(expected: Environment, found: Environment) -> list[str]:
    """What in ``found`` (a worker's :func:`environment`) would change the bytes
    compared with ``expected`` (this process's), in words; empty when nothing."""
    out = []
    if found["versions"] != expected["versions"]:
        theirs, ours = set(found["versions"].split(";")), set(expected["versions"].split(";"))
        out.append(f"has {_few(theirs - ours)} (the client: {_few(ours - theirs)})")
    if found["python"] != expected["python"]:
        out.append(f"runs Python {found['python']} (the client: {expected['python']})")
    if found["fonts"] != expected["fonts"]:
        theirs, ours = set(found["fonts"]), set(expected["fonts"])
        out.append(f"finds other fonts: {_few(theirs - ours)} (the client: {_few(ours - theirs)})")
    if found["threads"] != 1:
        out.append(
            f"runs {found['threads']} threads; start workers with --nthreads 1 "
            "(and --nworkers for more processes)"
        )
    out += [f"cannot read {folder}" for folder in found["missing"]]
    return out


def _few(items: set[str], shown: int = 3) -> str:
    """Up to ``shown`` of ``items``, sorted, and how many more: ``"a, b, c and 4 more"``."""
    ordered = sorted(items)
    text = ", ".join(ordered[:shown]) or "none"
    return f"{text} and {len(ordered) - shown} more" if len(ordered) > shown else text


@cache
def _fonts() -> tuple[str, ...]:
    """The default PDF theme's font files this process finds: ``script/face=name:size``
    (the file name and size, not the path: machines keep fonts in other folders)."""
    from presskit.fonts import SYSTEM_FONT_DIRS
    from presskit.theme import default_theme
    from presskit.typesetting.faces import FACES, resolve_candidate

    out = []
    for script, table in sorted(default_theme().pdf_fonts().items()):
        for face in FACES:
            for name in table.get(face, ()):
                hit = resolve_candidate(name, SYSTEM_FONT_DIRS)
                if hit is not None:
                    path, index = hit
                    out.append(f"{script}/{face}={path.name}#{index}:{path.stat().st_size}")
                    break
    return tuple(out)


def _threads() -> int:
    try:
        from distributed import get_worker

        return int(get_worker().state.nthreads)
    except (ImportError, ValueError, AttributeError):
        return 1


_verified: set[str] = set()


def _checked(expected: Environment, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)``, on a worker whose versions and fonts are ``expected``'s
    (checked once per process)."""
    token = repr((expected["versions"], expected["python"], expected["fonts"]))
    if token not in _verified:
        here = environment()
        problems = differences(expected, {**here, "threads": 1})
        if problems:
            raise PresskitError(
                f"this Dask worker cannot render byte-identical files: {'; '.join(problems)}"
            )
        _verified.add(token)
    return fn(*args, **kwargs)
