"""The newsroom benchmark (issue 16): `presskit build` on N generated releases, in numbers.

Run on demand (not collected by the default test run: the file name does not match
test_*.py), with the Python of the presskit you want to measure:

    .venv/bin/python tests/benchmarks/bench_newsroom.py                  # N=100, 3 runs
    .venv/bin/python tests/benchmarks/bench_newsroom.py --sizes 100,1000 --runs 3 --large-runs 1
    .venv/bin/python tests/benchmarks/bench_newsroom.py --sizes 1000 --jobs 2 --only full,nochange

For each size N it writes N releases with tests/benchmarks/newsroom.py (seed 0) and runs
the command line (`python -m presskit.cli`) in child processes, with `--now
2026-01-01T00:00:00Z` so that the embargo state, and so the output, is fixed:

- full: a build from scratch (no output folder, no build cache) with each `--jobs` value
  ("all" = the cores this process may use);
- nochange: a rebuild with nothing changed, right after the full build with the largest
  `-j` (which files were rewritten is reported: ideally none);
- onechange: a rebuild after one public release's source gained a paragraph (reported:
  the files rewritten: ideally that release's and the feed and index pages listing it);
- feeds: the feeds alone (`-f atom,rss,jsonfeed`) from scratch, and `check` (loading
  alone) to tell the load time from the feeds' own;
- dask: a full build with `--dask local -j 1` and `-j 2` (skipped, and said so, when
  `presskit build --help` has no `--dask`), its output compared with the local build's.

Each measurement is repeated `--runs` times (`--large-runs` for N >= 1,000) and reported as
the median (with min and max) of: wall seconds, CPU seconds of the build's processes
(user + system, from getrusage of the children), and peak memory (the largest resident
set of any one process of the build, from getrusage's ru_maxrss: the parent or one
worker, not their sum). The report goes to `--out` (default: the work folder) as
`newsroom.json` (every run) and `newsroom.md` (the tables), and to standard output.

The machine is shared: the report records the load average before each measurement;
compare numbers taken on the same machine at the same time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsroom import generate

NOW = "2026-01-01T00:00:00Z"
FEEDS = "atom,rss,jsonfeed"
ALL_STEPS = ("full", "nochange", "onechange", "feeds", "dask")

# Runs a command in a child and writes its wall time and the children's rusage as JSON:
# ru_maxrss of RUSAGE_CHILDREN is the largest peak of any waited-for descendant (kB).
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[2:]).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "peak_kb": usage.ru_maxrss}, out)
"""


def cores() -> int:
    """The cores this process may run on (the affinity mask where there is one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass
class Run:
    """One measured command: wall and CPU seconds, peak resident memory in MB."""

    wall: float
    cpu: float
    peak_mb: float
    load: float
    rewritten: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Measure:
    """Several runs of one measurement at one size."""

    name: str
    size: int
    command: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    def median(self, attr: str) -> float:
        return float(statistics.median(getattr(r, attr) for r in self.runs))

    def spread(self, attr: str) -> tuple[float, float]:
        values = [getattr(r, attr) for r in self.runs]
        return min(values), max(values)


class Bench:
    """Runs the measurements of one size in `work/<size>/` and collects them."""

    def __init__(self, work: Path, size: int, runs: int, jobs: list[int], steps: set[str]):
        self.work = work / str(size)
        self.size = size
        self.runs = runs
        self.jobs = jobs
        self.steps = steps
        self.measures: list[Measure] = []
        self.help = _build_help()
        self.src = self.work / "src"
        self.paths: list[Path] = []
        self.saved: Callable[[], object] = lambda: None  # called after each run

    def prepare(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        self.paths = generate(self.src, self.size)

    def build_args(self, out: Path, *extra: str) -> list[str]:
        args = ["build", str(self.src), "-o", str(out), "-q", "--now", NOW, *extra]
        if "--cache-dir" in self.help:  # keep the cache beside the output, removed with it
            args += ["--cache-dir", str(out.parent / "cache")]
        return args

    def measure(self, name: str, args: Sequence[str], *, note: str = "") -> Measure:
        found = next((m for m in self.measures if m.name == name), None)
        if found is None:
            found = Measure(name, self.size, "presskit " + " ".join(_short(args, self.work)))
            self.measures.append(found)
        found.note = note or found.note
        return found

    def record(self, name: str, args: Sequence[str], run: Run | None = None) -> Run | None:
        """Time `args` (or take `run`, already timed) as one run of `name`; a failed
        command is reported in the measurement's note, not raised."""
        measure = self.measure(name, args)
        try:
            timed = run or _timed(args, self.work)
        except Failed as exc:
            measure.note = f"FAILED: {exc}"
            print(f"N={self.size}, {name}: FAILED: {exc}", file=sys.stderr)
            return None
        measure.runs.append(timed)
        self.saved()
        return timed

    def full(self, jobs: int, run: int) -> Path:
        """A build from scratch; returns the output folder (kept for the rebuilds)."""
        out = self.work / f"full-j{jobs}" / "dist"
        shutil.rmtree(out.parent, ignore_errors=True)
        args = self.build_args(out, "-j", str(jobs))
        self.record(f"full -j {jobs}", args)
        return out

    def rebuilds(self, out: Path, jobs: int, run: int) -> None:
        args = self.build_args(out, "-j", str(jobs))
        if "nochange" in self.steps:
            self.rebuild(f"rebuild, nothing changed, -j {jobs}", args, out)
        if "onechange" in self.steps:
            source = self.changed_source()
            original = source.read_bytes()
            source.write_bytes(original + f"\nUpdate {run + 1}: one more paragraph.\n".encode())
            try:
                name = f"rebuild, one source changed, -j {jobs}"
                self.measure(name, args, note=f"changed: {source.name}")
                self.rebuild(name, args, out)
            finally:
                source.write_bytes(original)

    def rebuild(self, name: str, args: Sequence[str], out: Path) -> None:
        """Time a rebuild into `out` and list the files it rewrote, added, removed."""
        before = _snapshot(out)
        try:
            timed = _timed(args, self.work)
        except Failed as exc:
            self.measure(name, args).note = f"FAILED: {exc}"
            return
        _diff(before, _snapshot(out), timed)
        self.record(name, args, timed)

    def changed_source(self) -> Path:
        """A public release without translations from the middle of the newsroom."""
        for path in self.paths[len(self.paths) // 2 :] + self.paths:
            text = path.read_text(encoding="utf-8")
            if "embargo =" not in text and "[[translations]]" not in text:
                return path
        return self.paths[0]

    def feeds(self, jobs: int) -> None:
        out = self.work / "feeds" / "dist"
        shutil.rmtree(out.parent, ignore_errors=True)
        args = self.build_args(out, "-j", str(jobs), "-f", FEEDS)
        self.record("feeds alone (atom, rss, jsonfeed)", args)
        self.record("load alone (presskit check)", ["check", str(self.src)])

    def dask(self, reference: Path | None, run: int) -> None:
        if "--dask" not in self.help:
            if run == 0:
                note = "skipped: presskit build has no --dask"
                self.measures.append(Measure("dask", self.size, "", note=note))
            return
        for workers in (1, 2):
            out = self.work / f"dask-{workers}" / "dist"
            shutil.rmtree(out.parent, ignore_errors=True)
            args = self.build_args(out, "--dask", "local", "-j", str(workers))
            name = f"dask LocalCluster, {workers} worker(s)"
            if self.record(name, args) and reference is not None:
                same = _digests(out) == _digests(reference)
                self.measure(name, args).note = (
                    "output identical to the local build"
                    if same
                    else "OUTPUT DIFFERS from the local build"
                )

    def run_all(self) -> None:
        self.prepare()
        widest = max(self.jobs)
        for run in range(self.runs):
            reference = None
            if "full" in self.steps or "nochange" in self.steps or "onechange" in self.steps:
                for jobs in sorted(self.jobs):
                    out = self.full(jobs, run)
                    if jobs == widest:
                        reference = out
                        self.rebuilds(out, jobs, run)
            if "feeds" in self.steps:
                self.feeds(widest)
            if "dask" in self.steps:
                self.dask(reference, run)
        if "full" not in self.steps:  # the full builds were only the rebuilds' start
            self.measures = [m for m in self.measures if not m.name.startswith("full")]


def _build_help() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "presskit.cli", "build", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _short(args: Sequence[str], work: Path) -> list[str]:
    return [a.replace(str(work) + os.sep, "") for a in args]


class Failed(Exception):
    """A measured command exited non-zero (the message ends with its standard error)."""


def _timed(args: Sequence[str], cwd: Path) -> Run:
    """Run `python -m presskit.cli ARGS` under the measuring wrapper.

    Raises Failed when the command exits non-zero."""
    report = cwd / "measure.json"
    load = os.getloadavg()[0]
    command = [sys.executable, "-c", _MEASURE, str(report)]
    command += [sys.executable, "-m", "presskit.cli", *args]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    data = json.loads(report.read_text())
    report.unlink()
    if data["code"] or result.returncode:
        raise Failed(f"exit {data['code']}: {result.stderr.strip()[-600:]}")
    return Run(
        round(data["wall"], 3), round(data["cpu"], 3), round(data["peak_kb"] / 1024, 1), load
    )


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Each file's (inode, mtime_ns, size): an atomic rewrite changes the inode."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            out[str(path.relative_to(folder))] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def _diff(before: dict[str, Any], after: dict[str, Any], run: Run) -> None:
    run.rewritten = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    run.added = sorted(after.keys() - before.keys())
    run.removed = sorted(before.keys() - after.keys())


def _digests(folder: Path) -> dict[str, bytes]:
    import hashlib

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).digest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def environment() -> dict[str, Any]:
    """What the numbers were taken on: versions, commit, cores, load."""
    import presskit

    root = Path(presskit.__file__).resolve().parents[1]
    commit = subprocess.run(
        ["git", "-C", str(root), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "presskit": getattr(presskit, "__version__", "?"),
        "presskit_source": str(root),
        "commit": commit,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cores": cores(),
        "loadavg": os.getloadavg(),
    }


def markdown(env: dict[str, Any], measures: list[Measure]) -> str:
    """The report's tables: one line per measurement, medians first."""
    lines = [
        f"# presskit newsroom benchmark ({env['date']})",
        "",
        f"presskit {env['presskit']} at {env['commit']} ({env['presskit_source']}), "
        f"Python {env['python']}, {env['cores']} cores, load average at start "
        f"{env['loadavg'][0]:.1f}. `--now {NOW}`.",
        "",
        "| N | measurement | runs | wall s (median, min-max) | CPU s | peak MB | "
        "files rewritten / added / removed | load avg |",
        "|---:|---|---:|---|---:|---:|---|---:|",
    ]
    for m in measures:
        if not m.runs:
            lines.append(f"| {m.size} | {m.name} | 0 | {m.note} | | | | |")
            continue
        low, high = m.spread("wall")
        files = ""
        if m.name.startswith("rebuild"):
            r = m.runs[-1]
            files = f"{len(r.rewritten)} / {len(r.added)} / {len(r.removed)}"
        lines.append(
            f"| {m.size} | {m.name} | {len(m.runs)} | {m.median('wall'):.2f} "
            f"({low:.2f}-{high:.2f}) | {m.median('cpu'):.1f} | {m.median('peak_mb'):.0f} | "
            f"{files} | {m.median('load'):.1f} |"
        )
    lines += _details(measures)
    return "\n".join(lines) + "\n"


def _details(measures: list[Measure]) -> Iterator[str]:
    ratios = _speedups(measures)
    if ratios:
        yield ""
        yield from ratios
    for m in measures:
        if m.note or (m.runs and m.runs[-1].rewritten):
            yield ""
            yield f"**N={m.size}, {m.name}**: `{m.command}`" + (f"; {m.note}" if m.note else "")
        if m.runs and (m.runs[-1].rewritten or m.runs[-1].added or m.runs[-1].removed):
            last = m.runs[-1]
            for label, files in (("rewritten", last.rewritten), ("added", last.added)):
                shown = ", ".join(files[:25]) + (f", ... ({len(files)})" if len(files) > 25 else "")
                if files:
                    yield f"- {label} (last run): {shown}"
            if last.removed:
                yield f"- removed (last run): {', '.join(last.removed[:25])}"


def _speedups(measures: list[Measure]) -> list[str]:
    out = []
    by = {(m.size, m.name): m for m in measures if m.runs}
    for size in sorted({m.size for m in measures}):
        fulls = sorted(
            (m for (s, n), m in by.items() if s == size and n.startswith("full -j")),
            key=lambda m: int(m.name.split()[-1]),
        )
        if len(fulls) > 1:
            a, b = fulls[0], fulls[-1]
            out.append(
                f"- N={size}: {b.name} is {a.median('wall') / b.median('wall'):.2f}x "
                f"{a.name}; CPU per release {1000 * a.median('cpu') / size:.0f} ms"
            )
        one = by.get((size, "dask LocalCluster, 1 worker(s)"))
        two = by.get((size, "dask LocalCluster, 2 worker(s)"))
        if one and two:
            ratio = one.median("wall") / two.median("wall")
            out.append(f"- N={size}: dask 2 workers vs 1: {ratio:.2f}x")
    return out


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100", help="comma-separated N (default: 100)")
    parser.add_argument("--jobs", default="1,all", help="-j values for full builds")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement")
    parser.add_argument("--large-runs", type=int, default=1, help="runs for N >= 1,000")
    parser.add_argument("--only", default=",".join(ALL_STEPS), help="steps to run")
    parser.add_argument("--work", type=Path, default=Path("/tmp/presskit-newsroom-bench"))
    parser.add_argument("--out", type=Path, default=None, help="report folder (default: work)")
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(ALL_STEPS)
    if unknown:
        parser.error(f"unknown steps {sorted(unknown)}; choose from {', '.join(ALL_STEPS)}")
    return args


def save(out: Path, env: dict[str, Any], measures: list[Measure]) -> str:
    """Write newsroom.json and newsroom.md into `out`; returns the Markdown."""
    out.mkdir(parents=True, exist_ok=True)
    report = {"environment": env, "measures": [asdict(m) for m in measures]}
    (out / "newsroom.json").write_text(json.dumps(report, indent=1) + "\n")
    text = markdown(env, measures)
    (out / "newsroom.md").write_text(text)
    return text


def _save_with(out: Path, env: dict[str, Any], done: list[Measure], bench: Bench) -> str:
    return save(out, env, done + bench.measures)


def main(argv: Sequence[str] | None = None) -> list[Measure]:
    """Run the benchmark; the report is saved after every run, so an interrupted
    benchmark (Ctrl-C) still leaves the numbers it has."""
    args = parse(argv)
    jobs = sorted({cores() if j == "all" else int(j) for j in args.jobs.split(",")})
    steps = set(args.only.split(","))
    env = environment()
    out = args.out or args.work
    done: list[Measure] = []
    for size in (int(s) for s in args.sizes.split(",")):
        runs = args.runs if size < 1000 else args.large_runs
        bench = Bench(args.work, size, runs, jobs, steps)
        bench.saved = functools.partial(_save_with, out, env, done, bench)
        started = time.perf_counter()
        try:
            bench.run_all()
        except KeyboardInterrupt:
            print("interrupted: the report has the runs done so far", file=sys.stderr)
            done.extend(bench.measures)
            break
        finally:
            print(f"N={size}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        done.extend(bench.measures)
    print(save(out, env, done))
    return done


def test_newsroom(tmp_path: Path) -> None:
    """`pytest tests/benchmarks/bench_newsroom.py`: the benchmark at N=20, one run."""
    measures = main(["--sizes", "20", "--runs", "1", "--work", str(tmp_path)])
    assert (tmp_path / "newsroom.md").is_file()
    assert any(m.name.startswith("full") and m.runs for m in measures)


if __name__ == "__main__":
    main()
