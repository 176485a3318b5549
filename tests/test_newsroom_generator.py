"""The benchmark newsroom generator (tests/benchmarks/newsroom.py) makes sources that load
without a warning and build in every format: the newsroom benchmark measures builds, not
failures. Kept small (a few seconds) for the default suite."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

from presskit.sources import load_many
from tests.benchmarks.newsroom import generate

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_sources_load_and_mix_what_a_newsroom_has(tmp_path: Path) -> None:
    paths = generate(tmp_path, 120)
    assert len(paths) == 120
    loaded = load_many(paths)
    assert [str(r.error) for r in loaded if r.error] == []
    assert [str(w) for r in loaded for w in r.warnings] == []
    releases = [r.release for r in loaded if r.release]
    by_slug = {r.slug: r for r in releases}
    assert len(by_slug) == len({r.headline for r in releases}) == 120
    assert len({r.language for r in releases}) >= 10
    assert len({i.id for r in releases for i in r.issuers}) >= 3
    embargoes = [r.embargoed_until for r in releases if r.embargoed_until]
    assert any(e > NOW for e in embargoes) and any(e < NOW for e in embargoes)
    assert sum(1 for r in releases if r.attachments) >= 10
    assert all((tmp_path / a.href).is_file() for r in releases for a in r.attachments)
    linked = [r for r in releases if r.translations]
    assert len(linked) >= 10
    for release in linked:  # pairs link both ways and differ in language
        (other,) = release.translations
        partner = by_slug[other.slug]
        assert partner.language != release.language
        assert [t.slug for t in partner.translations] == [release.slug]
    blocks = {len(r.body) for r in releases}  # short (a paragraph and the reference) to long
    assert 2 in blocks and max(blocks) >= 12 and len(blocks) > 10


def test_same_count_and_seed_same_bytes_and_a_larger_count_extends(tmp_path: Path) -> None:
    generate(tmp_path / "a", 30)
    generate(tmp_path / "b", 30)
    generate(tmp_path / "c", 45)
    generate(tmp_path / "d", 30, seed=1)
    a, c = _digest(tmp_path / "a"), _digest(tmp_path / "c")
    assert a == _digest(tmp_path / "b")
    assert {k: v for k, v in c.items() if k in a} == a
    assert a != _digest(tmp_path / "d")


def test_a_small_newsroom_builds_in_every_format(tmp_path: Path) -> None:
    # seed 1: among the first 8, a lifted and a standing embargo, a translation pair
    # and an attachment
    generate(tmp_path / "src", 8, seed=1)
    command = ["build", "src", "-o", "dist", "-q", "--now", NOW.isoformat()]
    result = subprocess.run(
        [sys.executable, "-m", "presskit.cli", *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower()
    dist = tmp_path / "dist"
    slugs = sorted(p.stem for p in (tmp_path / "src").glob("*.md"))
    built = sorted(p.name for p in [*dist.iterdir(), *(dist / "_embargoed").iterdir()])
    assert set(slugs) <= set(built)
    for slug in slugs:
        folder = dist / slug if (dist / slug).is_dir() else dist / "_embargoed" / slug
        assert {f"{slug}.pdf", f"{slug}.docx", f"{slug}.zip", "index.html"} <= {
            p.name for p in folder.iterdir()
        }
    assert (dist / "_embargoed").is_dir() and (dist / "index.html").is_file()
    assert {"newsroom.atom", "newsroom.rss", "newsroom.json"} <= {
        p.name for p in (dist / "feeds").iterdir()
    }
    assert list(dist.glob("*/annex-a.csv"))
