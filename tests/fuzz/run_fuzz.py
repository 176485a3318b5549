"""The fuzzing run at scale: generate releases with the Hypothesis strategies of
``tests/strategies.py`` (every script, every field, hostile text), render each through
every exporter and check every output the way its reader would (``tests/fuzzkit.py``
says how, format by format). Not part of the default test run; the default run keeps a
small profile of the same checks (``tests/test_fuzz_profile.py``).

Run it from the repository root (2 worker processes; about 0.5 s of CPU a release)::

    .venv/bin/python tests/fuzz/run_fuzz.py --releases 10000 --out fuzz-results

Releases are generated in batches (``--batch``, 25 by default) from a seed per batch, so
a batch is reproducible and a run is resumable: batches already in
``<out>/progress.jsonl`` are skipped when the command is run again (``--fresh`` starts
over). Each batch's releases also go through the collection exporters together (RSS,
Atom, JSON Feed, the index pages). Feeds are checked with the W3C validator's code from
``../shared/tools/feedvalidator`` (needs html5lib): ``--w3c all`` checks every feed file,
``--w3c sample`` (default) the newsroom feeds of every batch and every feed of one batch
in ten.

Each failing release is saved for reproduction as
``<out>/failures/b<batch>-r<n>/release.json`` (the json exporter's dump: read it with
``presskit.load``) and ``faults.txt`` (format, error, traceback); a failing collection as
``<out>/failures/b<batch>-collection/`` with every release of the batch. At the end (and
with ``--report`` alone, from the progress file) it prints the releases run, how many
crashed, were invalid or lost text, the refusals and W3C warnings by kind, and the time
taken. Exit status: 0 when nothing crashed, was invalid or lost text; 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FAILING = ("crash", "invalid", "lost")


def generate(batch: int, size: int, seed: int) -> list[Any]:
    """``size`` releases drawn from :func:`tests.strategies.releases`, reproducibly for
    ``(seed, batch)``."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    from tests.strategies import releases

    drawn: list[Any] = []

    @hseed(seed * 1_000_003 + batch)
    @settings(
        max_examples=size,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(releases())
    def draw(release: Any) -> None:
        drawn.append(release)

    draw()
    from tests.fuzzkit import unique_slugs

    return unique_slugs(drawn[:size])


def warm_up() -> None:
    """Import and compile, once before the workers fork, what every batch uses (the
    jsonschema import alone takes seconds, compiling the NewsML-G2 XSD too)."""
    from tests import fuzzkit

    fuzzkit.warm_up()
    generate(0, 1, 0)


def kind_of(message: str) -> str:
    """A fault message with its quoted values and numbers blanked, to group faults."""
    message = re.sub(r"^(\w+: \w+: ).*(is a URL; presskit does not download)", r"\1… \2", message)
    message = re.sub(r"^(\w+: \w+: )cannot read .*'(: [^:']*)$", r"\1cannot read …\2", message)
    message = re.sub(r"line \d+, column \d+: ", "", message)
    message = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”", "…", message)
    message = re.sub(r"(?<!W)\d+", "N", message).replace("WNC ", "W3C ")
    return message[:160]


def run_batch(job: tuple[int, int, int, str, str]) -> dict[str, Any]:
    """:func:`check_batch`, or a record of the harness's own failure (as text: an
    exception the pool cannot send back would hang the run)."""
    try:
        return check_batch(job)
    except BaseException:
        import traceback

        trace = traceback.format_exc()
        print(trace, file=sys.stderr, flush=True)
        last = trace.strip().splitlines()[-1][:300]
        return {
            "batch": job[0],
            "releases": 0,
            "failed": {"harness": 1},
            "faults": {f"crash | harness | {last}": 1},
            "seconds": 0.0,
        }


def check_batch(job: tuple[int, int, int, str, str]) -> dict[str, Any]:
    """Generate and check one batch; save its failures; return its counts."""
    import warnings

    from tests import fuzzkit

    batch, size, seed, out, w3c_mode = job
    started = time.monotonic()
    warnings.simplefilter("ignore")
    releases = generate(batch, size, seed)
    result: dict[str, Any] = {
        "batch": batch,
        "releases": len(releases),
        "failed": Counter(),
        "refused": Counter(),
        "warnings": Counter(),
        "faults": Counter(),
        "compared": Counter(),
        "skipped": Counter(),
    }
    failures = Path(out) / "failures"
    for n, release in enumerate(releases):
        report = fuzzkit.check_release(release)
        _tally(result, report)
        kinds = {f.kind for f in report.faults if f.kind in FAILING}
        result["failed"].update(kinds)
        if kinds:
            _save(failures / f"b{batch:05d}-r{n:02d}", [release], report)
    w3c: Any = True if w3c_mode == "all" or batch % 10 == 0 else _newsroom_only
    report = fuzzkit.check_collection(releases, w3c=w3c)
    _tally(result, report)
    if report.failed:
        result["failed"].update({"collection"})
        _save(failures / f"b{batch:05d}-collection", releases, report)
    result["seconds"] = time.monotonic() - started
    return {k: dict(v) if isinstance(v, Counter) else v for k, v in result.items()}


def _newsroom_only(path: str) -> bool:
    return path.startswith("feeds/newsroom")


def _tally(result: dict[str, Any], report: Any) -> None:
    for fault in report.faults:
        where = re.sub(r"/(agency|language)/[^/]+\.", r"/\1/*.", fault.format.partition(":")[0])
        where = re.sub(r"/archive/(.+)/\d+\.", r"/archive/\1/N.", where)
        key = f"{fault.kind} | {where} | {kind_of(fault.message)}"
        if fault.kind == "refused":
            result["refused"][key] += 1
        elif fault.kind == "warning":
            result["warnings"][key] += 1
        else:
            result["faults"][key] += 1
    result["compared"].update(report.compared)
    result["skipped"].update(report.skipped)


def _save(folder: Path, releases: list[Any], report: Any) -> None:
    from tests import fuzzkit

    folder.mkdir(parents=True, exist_ok=True)
    if len(releases) == 1:
        (folder / "release.json").write_text(fuzzkit.dump(releases[0]), encoding="utf-8")
    else:
        for n, release in enumerate(releases):
            (folder / f"release-{n:02d}.json").write_text(fuzzkit.dump(release), encoding="utf-8")
    lines = []
    for fault in report.faults:
        lines.append(f"{fault.kind} {fault.format}: {fault.message}")
        if fault.detail:
            lines.append(fault.detail)
    (folder / "faults.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _regroup(key: str) -> str:
    """A key of an older run grouped as :func:`kind_of` groups today."""
    kind, _, rest = key.partition(" | ")
    where, _, message = rest.partition(" | ")
    return f"{kind} | {where} | {kind_of(message)}" if message else key


def summarise(progress: Path) -> tuple[str, bool]:
    """The report over every batch in the progress file, and whether all passed."""
    totals: dict[str, Counter[str]] = {
        k: Counter() for k in ("failed", "refused", "warnings", "faults", "compared", "skipped")
    }
    releases = 0
    seconds = 0.0
    wall = 0.0
    batches = 0
    for line in progress.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "session_seconds" in record:
            wall += record["session_seconds"]
            continue
        batches += 1
        releases += record["releases"]
        seconds += record["seconds"]
        for key, counter in totals.items():
            for kind, n in record.get(key, {}).items():
                counter[_regroup(kind)] += n
    failed = totals["failed"]
    lines = [
        f"releases run: {releases} (in {batches} batches)",
        f"crashed: {failed['crash']}  invalid: {failed['invalid']}  lost text: {failed['lost']}"
        f"  failing collections: {failed['collection']}  harness errors: {failed['harness']}",
        f"time: {wall:.0f} s wall clock over the sessions, {seconds:.0f} s of worker time",
    ]
    for title, key in (("faults", "faults"), ("refused (clean errors)", "refused")):
        lines.append(f"{title} by kind:")
        lines += [f"  {n:6d}  {k}" for k, n in totals[key].most_common()]
    events: Counter[str] = Counter()
    for key, n in totals["warnings"].items():
        _, _, rest = key.partition(" | ")
        where, _, message = rest.partition(" | ")
        events[f"{where.rpartition('.')[2]} | {message}"] += n
    lines.append("W3C warnings by kind (feed type | event):")
    lines += [f"  {n:6d}  {k}" for k, n in events.most_common()]
    lines.append(
        "paragraphs compared: "
        + ", ".join(f"{k} {n}" for k, n in sorted(totals["compared"].items()))
    )
    lines.append(
        "not compared / not checked: "
        + ", ".join(f"{k} {n}" for k, n in sorted(totals["skipped"].items()))
    )
    ok = not any(failed[k] for k in ("crash", "invalid", "lost", "collection", "harness"))
    return "\n".join(lines), ok


def recheck(paths: list[Path]) -> int:
    """Check saved releases (``release.json`` files, or failure folders) again and print
    their faults; 1 when any still fails."""
    import warnings

    import presskit
    from tests import fuzzkit

    warnings.simplefilter("ignore")
    failed = False
    for path in paths:
        path = path / "release.json" if path.is_dir() else path
        release = presskit.loads(path.read_text(encoding="utf-8"))
        report = fuzzkit.check_release(release)
        failed |= report.failed
        for fault in report.faults:
            print(f"{path}: {fault.kind} {fault.format}: {fault.message}")
            if fault.detail:
                print(fault.detail)
        if not report.faults:
            print(f"{path}: no fault")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=10_000, help="releases to run")
    parser.add_argument("--batch", type=int, default=25, help="releases per batch")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--seed", type=int, default=0, help="seed of the whole run")
    parser.add_argument("--out", type=Path, default=Path("fuzz-results"), help="results folder")
    parser.add_argument("--w3c", choices=["all", "sample"], default="sample")
    parser.add_argument("--fresh", action="store_true", help="forget earlier progress")
    parser.add_argument("--report", action="store_true", help="only print the report")
    parser.add_argument(
        "--recheck", nargs="+", type=Path, metavar="RELEASE_JSON", help="check saved releases"
    )
    args = parser.parse_args(argv)
    if args.recheck:
        return recheck(args.recheck)

    args.out.mkdir(parents=True, exist_ok=True)
    progress = args.out / "progress.jsonl"
    if args.fresh and progress.exists():
        progress.unlink()
    if args.report:
        text, ok = summarise(progress)
        print(text)
        return 0 if ok else 1
    done = set()
    if progress.exists():
        for line in progress.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if "batch" in record and record.get("seed", args.seed) == args.seed:
                done.add(record["batch"])
    total = -(-args.releases // args.batch)
    jobs = [
        (b, args.batch, args.seed, str(args.out), args.w3c) for b in range(total) if b not in done
    ]
    print(f"{len(done)} batches done, {len(jobs)} to run ({args.batch} releases each)", flush=True)
    started = time.monotonic()
    warm_up()
    context = multiprocessing.get_context("fork")  # the workers inherit the warm imports
    with context.Pool(args.workers) as pool, progress.open("a") as log:
        try:
            for n, result in enumerate(pool.imap_unordered(run_batch, jobs), start=1):
                result["seed"] = args.seed
                log.write(json.dumps(result, ensure_ascii=False) + "\n")
                log.flush()
                failed = result["failed"]
                print(
                    f"[{n}/{len(jobs)}] batch {result['batch']}: {result['releases']} releases,"
                    f" {result['seconds']:.0f} s, failed {failed or 'none'}",
                    flush=True,
                )
        finally:
            log.write(json.dumps({"session_seconds": time.monotonic() - started}) + "\n")
    text, ok = summarise(progress)
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
