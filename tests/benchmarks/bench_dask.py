"""Dask LocalCluster with 1 and 2 workers (issue 16, item 6): where the time goes.

Run on demand (not collected by pytest), on a folder of sources such as the newsroom
generator's (tests/benchmarks/newsroom.py)::

    python tests/benchmarks/newsroom.py /tmp/news 100
    python tests/benchmarks/bench_dask.py /tmp/news --workers 1 2 --runs 3

For each worker count it starts a LocalCluster (one thread per worker), builds every
format into a fresh folder (so every file is written) and prints, as medians of the
runs: the build's wall time; the CPU seconds of this process (it loads nothing during
the build, but receives and writes every file, makes the feeds and the index, and hosts
the scheduler); the CPU seconds of the workers (rendering); and the speed-up over one
worker. ``--local`` adds a build in this process with no executor (``-j 1``) and checks
that every Dask build wrote the same bytes.

On a machine with C cores the build cannot be faster than (parent CPU + worker CPU) / C,
nor than the parent's CPU alone: with 2 cores, one worker already overlaps its rendering
with the parent's writing on the other core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _load(sources: Path) -> tuple[list[Any], dict[str, Path], Any]:
    from presskit.cli import _site
    from presskit.sources import discover, load_many

    paths = discover([sources])
    loaded = load_many(paths)
    releases = [item.release for item in loaded if item.release is not None]
    roots = {item.release.slug: item.path.parent for item in loaded if item.release is not None}
    return releases, roots, _site(paths)


def _build(releases: list[Any], roots: dict[str, Path], site: Any, out: Path, pool: Any) -> None:
    import warnings

    from presskit.pipeline import build

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build(releases, out, now=NOW, executor=pool, asset_roots=roots, site=site)


def measure(sources: Path, workers: int, runs: int, work: Path) -> dict[str, Any]:
    """Median wall, parent CPU and worker CPU of ``runs`` builds on ``workers`` workers."""
    from presskit.distributed import DaskExecutor

    releases, roots, site = _load(sources)
    started = time.perf_counter()
    pool = DaskExecutor.connect("local", workers=workers, folders=sorted(set(roots.values())))
    connect = time.perf_counter() - started
    walls, parent, rendering = [], [], []
    try:
        pool.client.run(_warm)  # the first build would otherwise pay the imports
        for run in range(runs):
            out = work / f"dask{workers}-{run}"
            before = pool.client.run(_cpu)
            cpu, started = _cpu(), time.perf_counter()
            _build(releases, roots, site, out, pool)
            walls.append(time.perf_counter() - started)
            parent.append(_cpu() - cpu)
            after = pool.client.run(_cpu)
            rendering.append(sum(after[w] - before[w] for w in after))
    finally:
        pool.shutdown()
    return {
        "workers": workers,
        "connect": connect,
        "wall": statistics.median(walls),
        "parent_cpu": statistics.median(parent),
        "worker_cpu": statistics.median(rendering),
        "snapshot": _snapshot(work / f"dask{workers}-0"),
    }


def _warm() -> None:
    from presskit import exporters

    for name in exporters.available():
        exporters.get(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--local", action="store_true", help="also build with no executor")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    try:
        results = [measure(args.sources, n, args.runs, work) for n in args.workers]
        count = len(_load(args.sources)[0])
        print(f"{count} releases, all formats, medians of {args.runs} runs")
        print("workers  connect s  build s  parent CPU s  worker CPU s  speed-up")
        for result in results:
            print(
                f"{result['workers']:>7}  {result['connect']:>9.1f}  {result['wall']:>7.1f}  "
                f"{result['parent_cpu']:>12.1f}  {result['worker_cpu']:>12.1f}  "
                f"{results[0]['wall'] / result['wall']:>7.2f}x"
            )
        if args.local:
            releases, roots, site = _load(args.sources)
            cpu, started = _cpu(), time.perf_counter()
            _build(releases, roots, site, work / "local", None)
            wall, spent = time.perf_counter() - started, _cpu() - cpu
            print(f"no executor: build {wall:.1f} s, CPU {spent:.1f} s")
            local = _snapshot(work / "local")
            same = all(r["snapshot"] == local for r in results)
            print(f"byte-identical to the build with no executor: {same}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
