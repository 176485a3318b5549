"""Benchmark: how long `presskit --help` takes to start, against bare Python.

Run: .venv/bin/python tests/benchmarks/bench_startup.py [RUNS]

It times RUNS (default 30) fresh processes of each command and prints the medians and
the ratios. The CLI imports only click on this path; the "heavy" row shows what
importing the document libraries alone would cost if they were on it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "presskit --help": [sys.executable, "-m", "presskit.cli", "--help"],
    "presskit formats": [sys.executable, "-m", "presskit.cli", "formats"],
    "import reportlab+docx+lxml (heavy)": [
        sys.executable,
        "-c",
        "import reportlab.platypus, docx, lxml.etree, feedgen.feed",
    ],
}


def median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    results = {name: median_seconds(cmd, runs) for name, cmd in COMMANDS.items()}
    base = results["python -c pass"]
    print(f"median of {runs} runs each")
    for name, seconds in results.items():
        print(f"{name:<38} {seconds * 1000:8.1f} ms   x{seconds / base:5.2f} of bare python")


if __name__ == "__main__":
    main()
