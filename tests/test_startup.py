"""`presskit --help` stays light: none of the heavy libraries is imported on that path.
(The time itself is measured by tests/benchmarks/bench_startup.py, not asserted here.)"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "reportlab",
    "docx",
    "lxml",
    "feedgen",
    "babel",
    "rich",
    "icu",
    "markdown_it",
    "cattrs",
    "attrs",
    "presskit.model",
    "presskit.sources",
    "langcodes",  # the language subtag registry: loaded by the model, when a tag is checked
)

PROBE = """
import json, sys
sys.argv = ["presskit", *sys.argv[1:]]
import presskit.cli
try:
    presskit.cli.main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported(*args: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stderr.strip().splitlines()[-1]))


def test_help_imports_nothing_heavy() -> None:
    modules = imported("--help")
    assert "click" in modules
    assert not [m for m in modules for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")]


def test_import_presskit_is_cheap() -> None:
    code = (
        "import sys, presskit; "
        "print(sorted(m for m in sys.modules if m.startswith(('attrs', 'cattrs', 'presskit.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
