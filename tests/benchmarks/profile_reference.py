"""Where the time of ``presskit.build([release], tmp)`` goes, for the reference release
(all formats, in process): CPU-time medians per target and per lane (issue 16).

Run from the repository root (run on demand; not collected by pytest)::

    .venv/bin/python tests/benchmarks/profile_reference.py [builds] [--cold] [--profile]

* CPU time (``time.process_time``) of each target's render inside the build, median
  over ``builds`` builds (default 9) after one warm-up build; ``rest`` is the build's
  own work (planning, writing). CPU time rather than wall time: the machine is shared.
* ``--cold``: every build gets a freshly loaded release object and empty text caches
  (what a build of a new release costs; the default repeats one release object, so
  per-process caches keyed by it are warm).
* ``--profile``: also cProfile the builds and print the 25 costliest functions by
  inclusive time (the profiler inflates many small calls: read shares, not ms).
"""

from __future__ import annotations

import collections
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import presskit
from presskit import render as render_module
from presskit import textutils

REFERENCE = Path(__file__).resolve().parents[2] / "sources" / "asean-digital-ministers-2025.md"

#: Which helper lane of issue 16 owns each format's renderer.
LANES = {
    "pdf": "pdf",
    "docx": "office",
    "eml": "office",
    "kit": "office",
    "json": "engine",
    **dict.fromkeys(["text", "iptc7901", "anpa1312", "html", "nitf", "ninjs", "newsmlg2"], "text"),
}


def main(argv: list[str]) -> None:
    builds = int(next((a for a in argv if a.isdigit()), "9"))
    cold, profile = "--cold" in argv, "--profile" in argv
    warnings.simplefilter("ignore")
    times: dict[str, list[float]] = collections.defaultdict(list)
    render_one = render_module._render_one

    def timed(release: Any, target: Any, context: Any) -> Any:
        start = time.process_time()
        try:
            return render_one(release, target, context)
        finally:
            key = f"{target.format}:{target.variant}" if target.variant else target.format
            times[key].append(time.process_time() - start)

    render_module._render_one = timed  # type: ignore[assignment]
    out = Path(tempfile.mkdtemp())
    release = presskit.load(REFERENCE)
    totals = []
    profiler = cProfile.Profile()
    for n in range(builds + 1):
        if cold:
            release = presskit.load(REFERENCE)
            textutils._segments.cache_clear()
        if n and profile:
            profiler.enable()
        start = time.process_time()
        presskit.build([release], out)
        totals.append(time.process_time() - start)
        profiler.disable()
        if not n:  # warm-up
            times.clear()
            totals.clear()
    medians = {k: statistics.median(v) * 1000 for k, v in times.items()}
    total = statistics.median(totals) * 1000
    lanes: dict[str, float] = collections.defaultdict(float)
    print(f"{'target':14} {'lane':7} {'ms':>7}")
    for key, ms in sorted(medians.items(), key=lambda kv: -kv[1]):
        lane = LANES.get(key.split(":")[0], "?")
        lanes[lane] += ms
        print(f"{key:14} {lane:7} {ms:7.1f}")
    lanes["engine"] += total - sum(medians.values())
    print(f"{'rest':14} {'engine':7} {total - sum(medians.values()):7.1f}")
    print(f"{'build':14} {'':7} {total:7.1f}\n")
    for lane, ms in sorted(lanes.items(), key=lambda kv: -kv[1]):
        print(f"lane {lane:8} {ms:7.1f} ms {100 * ms / total:5.1f} %")
    if profile:
        print()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main(sys.argv[1:])
