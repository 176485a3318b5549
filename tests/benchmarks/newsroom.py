"""A generated newsroom: N distinct, deterministic press release sources (issue 16).

    generate(folder, count, *, seed=0) -> list[Path]

writes `folder/agencies.toml` (with a `[site]` table and its `base_url`, so that the feeds
and the index are built), `folder/<slug>.md` for each release and `folder/files/<slug>/...`
for the attachments, and returns the source paths in generation order. The same
(count, seed) always gives the same bytes, and the first N sources of a larger count are
the same as those of count N (each release draws from its own random stream), so a
benchmark can grow a newsroom without changing the releases it already has.

The releases are made from the repository's own sources: the reference release and the
samples in `sources/`, and the script-by-script review releases in
`tests/fixtures/languages/` (Thai, Khmer, Lao, Burmese, Tamil, Chinese, Japanese, Malay in
Latin and Jawi script, Indonesian, Filipino, Vietnamese, mixed-script English). About half
are in English. Each release gets its own slug, headline, issue time (one every 77
minutes from 2 January 2023, Singapore time), and:

- a length: the first paragraph alone (short), the template's body, or the body with 3
  to 8 more paragraphs (long);
- an embargo for about one in six: lifted 16 hours after issue, or (one in twelve) still
  in force until 2099, so that `_embargoed/` is built too;
- one or two small attachments (CSV, plain text) for about one in four;
- issuers among 16 agencies (English releases rotate over MDDI, IMDA, LCDO and joint
  MDDI + IMDA releases, with the matching media contacts);
- translations: one release in ten starts a linked pair (English and Chinese, or Malay
  in Latin and Jawi script), both sharing issue time and embargo.

Only the standard library and tomlkit (a presskit dependency) are used, so any branch's
virtual environment can import this file by path:

    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("newsroom", "/path/tests/benchmarks/newsroom.py")
    newsroom = importlib.util.module_from_spec(spec); sys.modules["newsroom"] = newsroom
    spec.loader.exec_module(newsroom)
    paths = newsroom.generate(Path("/tmp/news/sources"), 100)

or from the command line: `python tests/benchmarks/newsroom.py FOLDER COUNT [--seed S]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
SGT = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2023, 1, 2, 9, 0, tzinfo=SGT)
STEP = dt.timedelta(minutes=77)
FUTURE_EMBARGO = dt.datetime(2099, 1, 5, 10, 0, tzinfo=SGT)
BASE_URL = "https://newsroom.example.org/"

# English templates whose issuers come from sources/agencies.toml: rotated.
ROTATING = {"asean", "kiosks", "scam"}
ISSUER_SETS: list[tuple[list[str], list[str]]] = [
    (["mddi"], ["mddi/wu-fan"]),
    (["imda"], ["imda/adeline-lee"]),
    (["lcdo"], ["lcdo/press"]),
    (["mddi", "imda"], ["mddi/wu-fan", "imda/adeline-lee"]),
]
# Single releases: (template key, file), English weighted to about half.
SINGLES: list[tuple[str, Path]] = [
    ("asean", SOURCES / "asean-digital-ministers-2025.md"),
    ("kiosks", SOURCES / "sample-digital-help-kiosks-2025.md"),
    ("scam", SOURCES / "sample-scam-alert-2025.md"),
    ("mixed", LANGUAGES / "en-mixed.md"),
    ("asean", SOURCES / "asean-digital-ministers-2025.md"),
    ("scam", SOURCES / "sample-scam-alert-2025.md"),
    ("kiosks", SOURCES / "sample-digital-help-kiosks-2025.md"),
    ("scam", SOURCES / "sample-scam-alert-2025.md"),
    ("kiosks-zh", SOURCES / "sample-digital-help-kiosks-2025-zh.md"),
    ("fil", LANGUAGES / "fil.md"),
    ("id", LANGUAGES / "id.md"),
    ("ja", LANGUAGES / "ja.md"),
    ("km", LANGUAGES / "km.md"),
    ("lo", LANGUAGES / "lo.md"),
    ("ms-jawi", LANGUAGES / "ms-jawi.md"),
    ("ms", LANGUAGES / "ms.md"),
    ("my", LANGUAGES / "my.md"),
    ("ta", LANGUAGES / "ta.md"),
    ("th", LANGUAGES / "th.md"),
    ("vi", LANGUAGES / "vi-nfc.md"),
    ("zh-hans", LANGUAGES / "zh-hans.md"),
    ("zh-hant", LANGUAGES / "zh-hant.md"),
]
PAIRS: list[tuple[tuple[str, Path], tuple[str, Path]]] = [
    (SINGLES[1], SINGLES[8]),
    (SINGLES[15], SINGLES[14]),
]


@dataclass(frozen=True)
class _Plan:
    """What one release is: its template, slug, times and extras."""

    key: str
    template: Path
    slug: str
    issued: dt.datetime
    embargo: dt.datetime | None
    partner: tuple[str, str] | None  # (language, slug) of its translation


def generate(folder: Path, count: int, *, seed: int = 0) -> list[Path]:
    """Write `count` distinct release sources and `agencies.toml` into `folder`.

    folder: created if missing; files of the same names are overwritten, others left.
    count: number of releases (>= 0). seed: selects another, equally distributed newsroom.
    Returns the `.md` paths in generation order. Times are offset date-times in +08:00.
    Raises ValueError for a negative count.
    """
    if count < 0:
        raise ValueError(f"count must be >= 0, not {count}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agencies.toml").write_text(_agencies(), encoding="utf-8")
    paths = []
    for plan in _plans(count, seed):
        rng = random.Random(f"newsroom-{seed}-{plan.slug}")
        path = folder / f"{plan.slug}.md"
        path.write_bytes(_source(plan, rng, folder).encode("utf-8"))
        paths.append(path)
    return paths


def _plans(count: int, seed: int) -> list[_Plan]:
    plans: list[_Plan] = []
    n = 0
    while n < count:
        rng = random.Random(f"newsroom-{seed}-{n}")
        issued = START + n * STEP
        draw = rng.random()
        embargo = None
        if draw < 1 / 12:
            embargo = FUTURE_EMBARGO + n * STEP
        elif draw < 1 / 6:
            embargo = issued + dt.timedelta(hours=16)
        if n % 10 == 3 and n + 1 < count:
            (k1, t1), (k2, t2) = rng.choice(PAIRS)
            s1, s2 = f"{k1}-{n:05}", f"{k2}-{n + 1:05}"
            lang1, lang2 = _language(t1), _language(t2)
            plans.append(_Plan(k1, t1, s1, issued, embargo, (lang2, s2)))
            plans.append(_Plan(k2, t2, s2, issued, embargo, (lang1, s1)))
            n += 2
            continue
        key, template = rng.choice(SINGLES)
        plans.append(_Plan(key, template, f"{key}-{n:05}", issued, embargo, None))
        n += 1
    return plans


def _language(template: Path) -> str:
    front, _ = _split(template)
    return str(tomlkit.parse(front)["language"])


def _split(template: Path) -> tuple[str, str]:
    text = template.read_text(encoding="utf-8")
    _, front, body = text.split("+++\n", 2)
    return front, body


def _source(plan: _Plan, rng: random.Random, folder: Path) -> str:
    front, body = _split(plan.template)
    doc = tomlkit.parse(front)
    number = int(plan.slug.rsplit("-", 1)[1])
    doc["headline"] = f"{doc['headline']} ({number + 1})"
    _retime(doc, plan)
    if plan.key in ROTATING:
        issuers, contacts = ISSUER_SETS[rng.randrange(len(ISSUER_SETS))]
        doc["issuers"] = issuers
        doc["media_contacts"] = contacts
        doc.pop("boilerplates", None)
    for key in ("attachments", "translations"):
        doc.pop(key, None)
    if rng.random() < 0.25:
        doc["attachments"] = _attachments(plan.slug, rng, folder)
    if plan.partner is not None:
        doc["translations"] = [{"language": plan.partner[0], "slug": plan.partner[1]}]
    for _, item in doc.body:
        if isinstance(item, tomlkit.items.String | tomlkit.items.DateTime | tomlkit.items.Array):
            item.trivia.comment = item.trivia.comment_ws = ""
    head = f"# Generated by tests/benchmarks/newsroom.py from {plan.template.name}.\n"
    return f"+++\n{head}{_strip_comments(tomlkit.dumps(doc))}+++\n{_body(body, rng, number)}"


def _strip_comments(front: str) -> str:
    """The templates' own comments describe the template, not the generated release."""
    return "".join(line for line in front.splitlines(keepends=True) if not line.startswith("#"))


def _retime(doc: Any, plan: _Plan) -> None:
    """Issue time, embargo, update and corrections moved with the template's offsets."""
    old = _as_datetime(doc["issued"])
    doc["issued"] = plan.issued
    doc.pop("embargo", None)
    if plan.embargo is not None:
        doc["embargo"] = plan.embargo
    if "updated" in doc:
        doc["updated"] = plan.issued + (_as_datetime(doc["updated"]) - old)
    for correction in doc.get("corrections", []):
        correction["at"] = plan.issued + (_as_datetime(correction["at"]) - old)


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=SGT)


def _attachments(slug: str, rng: random.Random, folder: Path) -> list[dict[str, str]]:
    files = folder / "files" / slug
    files.mkdir(parents=True, exist_ok=True)
    rows = "\n".join(
        f"{slug},site-{i},{rng.randrange(1, 500)}" for i in range(rng.randrange(3, 30))
    )
    (files / "annex-a.csv").write_text(f"release,site,places\n{rows}\n", encoding="utf-8")
    out = [
        {"href": f"files/{slug}/annex-a.csv", "media_type": "text/csv", "title": "Annex A: sites"}
    ]
    if rng.random() < 0.5:
        words = " ".join(
            rng.choice(["digital", "help", "scam", "kiosk", "data"]) for _ in range(80)
        )
        (files / "annex-b.txt").write_text(f"Annex B for {slug}\n\n{words}\n", encoding="utf-8")
        out.append(
            {
                "href": f"files/{slug}/annex-b.txt",
                "media_type": "text/plain",
                "title": "Annex B: notes",
            }
        )
    return out


_PLAIN = re.compile(r"[^\s>#:|*\-0-9][^\n]*\Z")  # one line of text, not a quote, list, heading


def _body(body: str, rng: random.Random, number: int) -> str:
    """Short (first paragraph), as in the template, or long (more paragraphs)."""
    blocks = body.strip("\n").split("\n\n")
    plain = [b for b in blocks if _PLAIN.match(b.strip())]
    length = rng.randrange(3)
    if length == 0 and plain:
        blocks = [plain[0]]
    elif length == 2 and plain:
        blocks = blocks + [rng.choice(plain) for _ in range(rng.randrange(3, 9))]
    blocks.append(f"Ref. PK-{number + 1:05}.")
    return "\n" + "\n\n".join(blocks) + "\n"


def _agencies() -> str:
    """sources/agencies.toml's agencies and those of the language fixtures, one site."""
    site = tomlkit.parse((SOURCES / "agencies.toml").read_text(encoding="utf-8"))
    extra = tomlkit.parse((LANGUAGES / "agencies.toml").read_text(encoding="utf-8"))
    doc = tomlkit.document()
    table = site["site"]
    table["base_url"] = BASE_URL
    doc["site"] = table
    agencies = tomlkit.table(is_super_table=True)
    for source in (site, extra):
        for key, value in source["agencies"].items():
            if key not in agencies:
                agencies[key] = value
    doc["agencies"] = agencies
    head = "# Generated by tests/benchmarks/newsroom.py: a benchmark newsroom.\n"
    return head + _strip_comments(tomlkit.dumps(doc))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a generated newsroom of COUNT sources.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.folder, args.count, seed=args.seed)
    print(f"{len(paths)} sources in {args.folder}")


if __name__ == "__main__":
    main()
