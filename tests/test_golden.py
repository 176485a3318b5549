"""Golden files for every registered format over four cases (docs/testing.md).

Each case is a folder of sources (``tests/golden/cases/<case>/``, the reference release
from ``sources/``) built once per session with ``presskit.build`` at a fixed ``now``,
exactly as ``presskit build`` builds it. Every file of a format is compared with
``tests/golden/<format>/<case>.<suffix>`` (``<suffix>``: the file name after the slug:
``sg.txt``, ``pdf``, ``index.html``), or for a collection format with
``tests/golden/<format>/<case>/<path in the output folder>``; a document format that
refuses the release (the e-mail of a release with no contact address) has
``tests/golden/<format>/<case>.refused.txt``, the exporter's error. Each format is
compared the way its reader would (:mod:`presskit.testing`). The PresskitWarnings the
build issues are in ``tests/golden/build-warnings/<case>.txt``.

Accept new output with ``python -m pytest tests/test_golden.py --accept`` (or the one
test's command the failure prints).
"""

from __future__ import annotations

import datetime as dt
import typing
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

import presskit
from presskit import exporters
from presskit.errors import ExportError, PresskitWarning
from presskit.model import Block, Heading, PressRelease, Quote
from presskit.sources import load_many
from presskit.sources.agencies import find_agencies, load_agencies

from .conftest import GOLDEN, REFERENCE, Golden

#: The instant every case is built at: after every release's issue, before the
#: embargoed case's embargo lifts.
NOW = dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.UTC)

CASES_DIR = GOLDEN / "cases"
#: case -> the source files built together (the first is the case's release).
CASES: dict[str, list[Path]] = {
    "reference": [REFERENCE],
    "embargoed-translated": [CASES_DIR / "embargoed-translated" / "kiosks-embargoed.md"],
    "rtl-jawi": [CASES_DIR / "rtl-jawi" / "jawi-scams-mou.md"],
    "every-block": [CASES_DIR / "every-block" / "every-block.md"],
}

#: Every registered format, as ``presskit formats`` lists them.
FORMATS = exporters.available()


@attrs.frozen
class Built:
    """One case built: its release, where its files are read from, and the output."""

    release: PressRelease
    asset_root: Path
    #: format -> {path relative to the output folder: bytes}
    files: dict[str, dict[str, bytes]]
    warnings: list[str]


def _build(case: str, out: Path) -> Built:
    paths = CASES[case]
    releases = [loaded.release for loaded in load_many(paths)]
    agencies = find_agencies(paths[0])
    assert agencies is not None
    site = load_agencies(agencies).site
    roots = {r.slug: p.parent for r, p in zip(releases, paths, strict=True)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PresskitWarning)
        written = presskit.build(releases, out, now=NOW, site=site, asset_roots=roots)
    files: dict[str, dict[str, bytes]] = {}
    for output in written:
        files.setdefault(output.format, {})[output.path] = (out / output.path).read_bytes()
    messages = [str(w.message) for w in caught if issubclass(w.category, PresskitWarning)]
    return Built(releases[0], roots[releases[0].slug], files, messages)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Built]]:
    """Build a case on first use, once per session."""
    cache: dict[str, Built] = {}

    def get(case: str) -> Built:
        if case not in cache:
            cache[case] = _build(case, tmp_path_factory.mktemp(f"golden-{case}"))
        return cache[case]

    yield get


def _golden_name(case: str, slug: str, path: str, collection: bool) -> str:
    if collection:
        return f"{case}/{path}"
    name = path.rsplit("/", 1)[-1]
    return f"{case}.{name.removeprefix(f'{slug}.')}"


def _refusal(fmt: str, built: Built) -> bytes:
    """The exporter's own error for a release it refuses (the build only warns)."""
    try:
        presskit.export(built.release, fmt, now=NOW, asset_root=built.asset_root)
    except ExportError as exc:
        return f"{type(exc).__name__}: {exc}\n".encode()
    pytest.fail(f"the build wrote no {fmt} file for {built.release.slug}, yet export renders it")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str, case: str, built: Callable[[str], Built], golden: Golden) -> None:
    result = built(case)
    collection = exporters.get(fmt).collection
    slug = result.release.slug
    files = {
        _golden_name(case, slug, path, collection): data
        for path, data in result.files.get(fmt, {}).items()
    }
    if not files and not collection:
        files[f"{case}.refused.txt"] = _refusal(fmt, result)
    golden.check_folder(GOLDEN / fmt, files, patterns=(f"{case}.*", f"{case}/**/*"))


@pytest.mark.parametrize("case", CASES)
def test_build_warnings(case: str, built: Callable[[str], Built], golden: Golden) -> None:
    """The PresskitWarnings of the build, asserted: one message a line."""
    text = "".join(f"{message}\n" for message in built(case).warnings)
    golden.check(GOLDEN / "build-warnings" / f"{case}.txt", text.encode())


def test_every_golden_folder_is_a_format() -> None:
    """A golden folder left by a format that is no longer registered is stale."""
    folders = {p.name for p in GOLDEN.iterdir() if p.is_dir()}
    assert folders - {"cases", "build-warnings"} <= set(FORMATS)


def test_the_every_block_case_holds_every_block_and_section() -> None:
    """A block type the model gains must be added to the case, or its rendering in every
    format goes unguarded."""
    release = presskit.load(CASES["every-block"][0])
    blocks = [*release.body, *release.notes_to_editors]
    for notice in release.notices:
        blocks += notice.body
    kinds = {type(block) for block in blocks}
    assert kinds == set(typing.get_args(Block))
    assert {b.level for b in blocks if isinstance(b, Heading)} == {1, 2, 3, 4}
    quotes = [b for b in blocks if isinstance(b, Quote)]
    assert any(q.lead_in for q in quotes) and any(q.speaker and not q.lead_in for q in quotes)
    assert any(not q.speaker for q in quotes)
    assert release.notices and release.notes_to_editors and release.corrections
    assert release.attachments and release.translations and release.subheadline
    assert all(issuer.logo for issuer in release.issuers)
