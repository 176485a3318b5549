"""Benchmark: what the PDF of a release costs per script (issue 16), this checkout
against a baseline commit, in one session.

Run (from the repository):

    .venv/bin/python tests/benchmarks/bench_pdf_scripts.py            # against main
    .venv/bin/python tests/benchmarks/bench_pdf_scripts.py --baseline 950d2e4 --rounds 5

For each release of ``tests/fixtures/languages`` named below, a fresh Python process
imports presskit and exports the reference release once (imports, Latin fonts), then
times, in CPU seconds (``time.process_time``):

* **first**: the PDF of the release: what a build's worker pays for the first release
  of a script it meets (the script's fonts read, its glyphs converted);
* **again**: the same PDF once more (the fonts and glyphs kept by the process): the
  median of three more exports, because a collection of Python's oldest garbage
  generation (about 50 ms with the typesetter's objects) falls in one of them, in the
  first export or the second depending on how many objects the first made.

The baseline is the ``presskit`` folder of the commit (``git archive``), run by the same
interpreter with ``PYTHONPATH`` pointing at it; the two are run in turns, round by round,
so that the shared machine's load falls on both. Medians in milliseconds. Both give the
same bytes, which the benchmark checks.

Not collected by the default test run (the file name does not match test_*.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
CASES = ["zh-hant", "ja", "zh-hans", "ms-jawi", "km", "th", "my", "lo", "ta", "ms"]

CHILD = r"""
import hashlib, json, sys, time, warnings
from pathlib import Path
warnings.simplefilter("ignore")
import presskit
from presskit.sources.agencies import load_agencies
root, case = Path(sys.argv[1]), sys.argv[2]
folder = root / "tests" / "fixtures" / "languages"
agencies = load_agencies(folder / "agencies.toml")
presskit.export(presskit.load(root / "sources" / "asean-digital-ministers-2025.md"), "pdf")
release = presskit.load(folder / f"{case}.md", agencies=agencies)
times = []
for _ in range(4):
    start = time.process_time()
    data = presskit.export(release, "pdf")
    times.append(time.process_time() - start)
print(json.dumps({"first": times[0], "again": sorted(times[1:])[1],
                  "sha": hashlib.sha256(data).hexdigest(), "at": presskit.__file__}))
"""


def _baseline(rev: str, into: Path) -> Path:
    """The ``presskit`` package of commit ``rev``, extracted under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "presskit"],
                             capture_output=True, check=True).stdout  # fmt: skip
    path = into / "archive.tar"
    path.write_bytes(archive)
    with tarfile.open(path) as tar:
        tar.extractall(into, filter="data")
    return into


Run = dict[str, float | str]


def _median(runs: list[Run], key: str) -> float:
    return statistics.median(float(r[key]) * 1000 for r in runs)


def _run(case: str, pythonpath: Path | None) -> Run:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    # (run outside the checkout: a child's sys.path starts with its current folder)
    command = [sys.executable, "-c", CHILD, str(ROOT), case]
    out = subprocess.run(command, env=env, cwd=tempfile.gettempdir(), capture_output=True,
                         text=True, check=True)  # fmt: skip
    result: Run = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="main", help="commit to compare with (main)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cases", nargs="*", default=CASES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = _baseline(args.baseline, Path(tmp))
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.baseline],
                             capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
        print(f"CPU ms, medians of {args.rounds} processes each; baseline {rev} vs this checkout")
        print(f"{'case':10} {'first: base':>12} {'new':>7} {'again: base':>12} {'new':>7}  bytes")
        for case in args.cases:
            runs: dict[str, list[Run]] = {"base": [], "new": []}
            for _ in range(args.rounds):
                runs["base"].append(_run(case, base))
                runs["new"].append(_run(case, None))
            assert str(runs["base"][0]["at"]).startswith(str(base)), runs["base"][0]["at"]

            same = {r["sha"] for r in runs["base"] + runs["new"]}
            old, new = runs["base"], runs["new"]
            print(f"{case:10} {_median(old, 'first'):12.0f} {_median(new, 'first'):7.0f} "
                  f"{_median(old, 'again'):12.0f} {_median(new, 'again'):7.0f}  "
                  f"{'same' if len(same) == 1 else 'DIFFER'}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
