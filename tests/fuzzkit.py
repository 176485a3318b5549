"""Checkers shared by the fuzzing run (``tests/fuzz/run_fuzz.py``) and its small profile in
the default test run (``tests/test_fuzz_profile.py``): render a generated release through
every exporter and check each output the way its reader would.

For one release (:func:`check_release`), every document format is rendered, with the
release's local files (logos, attachments) put in a scratch folder as a source folder
would hold them, and each output is:

* ``text`` (``sg``, ``us``, ``uk``): decoded as UTF-8; every paragraph found again;
* ``json``: parsed, read back with :func:`presskit.loads` (equal to the release);
  every paragraph found again;
* ``html``: parsed with lxml; every paragraph found again in its text;
* ``docx``: reopened with python-docx; every paragraph found again;
* ``pdf``: ``qpdf --check`` (when qpdf is installed); the text pypdf extracts holds every
  paragraph, in every script (:data:`PDF_COMPARED`), but those with right-to-left text,
  which pypdf reorders by guessing (with such text in the release, letters and digits
  only are compared);
* ``eml``: parsed with ``email.policy.strict`` (a defect raises), each header at most
  once, every paragraph found again in the plain-text and the HTML part;
* ``nitf``: valid against the NITF 3.6 XSD; every paragraph found again;
* ``ninjs``: valid against the ninjs 2.1 JSON Schema (format checking on);
* ``newsmlg2``: valid against the NewsML-G2 2.35 power XSD;
* ``iptc7901``, ``anpa1312``: the mechanical checks of ``tests/test_wire.py``;
* ``kit``: a zip whose entries pass ``testzip`` and match ``manifest.json``'s SHA-256.

For a batch of releases (:func:`check_collection`): ``rss`` and ``atom`` parse with
feedparser without a bozo flag and pass the W3C Feed Validation Service's code (in
``../shared/tools/feedvalidator``, when present) with no error and no warning but
those of :data:`W3C_TRUE_DATA` (counted apart); ``jsonfeed`` is valid against
``tests/schemas/jsonfeed-1.1.schema.json``; the ``index`` pages parse with lxml.

"Found again" compares text with white space (any Unicode space, line breaks), soft
hyphens and zero-width characters removed, then NFD applied, so that wrapping and
non-breaking spaces do not count (removing them first: see :func:`flat`); a paragraph is
found when its text is, or else when each of its runs is, in order (exporters may put
markup or a link's address between runs). Schemas are looked up in
``tests/schemas/<name>/`` and then in ``../shared/schemas/<name>/``; a schema found in
neither is reported as not checked.

A *fault* is ``(kind, format, message)`` with kind ``crash`` (an exception that is not a
:class:`presskit.PresskitError`), ``invalid`` (a check failed), ``lost`` (a paragraph's
text is missing), ``refused`` (a clean :class:`PresskitError`: counted and grouped, not a
failure by itself) or ``warning`` (W3C validator warnings).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attrs

import presskit
from presskit.errors import PresskitError
from presskit.exporters import export, export_collection
from presskit.model import (
    BulletList,
    Heading,
    NumberedList,
    Paragraph,
    PressRelease,
    Quote,
    Run,
)
from presskit.site import Site

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

DOCUMENT_FORMATS = (
    "text:sg",
    "text:us",
    "text:uk",
    "json",
    "html",
    "docx",
    "pdf",
    "nitf",
    "ninjs",
    "newsmlg2",
    "iptc7901",
    "anpa1312",
    "eml",
    "kit",
)
COLLECTION_FORMATS = ("rss", "atom", "jsonfeed", "index")
#: The instant the collections are rendered at (later than most generated dates, so
#: most releases are out of embargo and some are not).
NOW = dt.datetime(2060, 1, 1, tzinfo=dt.UTC)
SITE = Site(
    name="Fuzz newsroom",
    base_url="https://newsroom.example.org/fuzz/",
    description="Generated releases",
    feed_page_size=7,
)

#: Characters whose text the PDF extraction gives back: every script since issue 14
#: (each glyph cluster maps to its characters), but the private use areas and the
#: noncharacters the sanitiser takes out.
PDF_COMPARED = re.compile("^[^\ue000-\uf8ff]*$")
_IGNORED = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


@attrs.frozen
class Fault:
    """One finding: ``kind`` (crash, invalid, lost, refused, warning), the ``format``
    (``"pdf"``, ``"feeds/newsroom.atom"`` ...), a one-line ``message`` and, for crashes,
    the traceback."""

    kind: str
    format: str
    message: str
    detail: str = ""


@attrs.define
class Report:
    """What checking one release (or one batch) found."""

    faults: list[Fault] = attrs.Factory(list)
    compared: dict[str, int] = attrs.Factory(dict)  # format -> paragraphs compared
    skipped: dict[str, int] = attrs.Factory(dict)  # format -> paragraphs not compared

    def add(self, kind: str, fmt: str, message: str, detail: str = "") -> None:
        self.faults.append(Fault(kind, fmt, message.strip()[:500], detail))

    def count(self, table: dict[str, int], fmt: str, n: int = 1) -> None:
        table[fmt] = table.get(fmt, 0) + n

    @property
    def failed(self) -> bool:
        return any(f.kind in ("crash", "invalid", "lost") for f in self.faults)


# --- text found again ---------------------------------------------------------------------


def flat(text: str) -> str:
    """``text`` as compared: without white space and zero-width characters, then NFD (so
    that a run that begins with a combining mark does not compose with the character
    before it). The order matters: a line break or a soft hyphen between a letter's
    marks and the marks after it blocks canonical reordering, so an output that keeps it
    (``ế<br/>`` + a Thai mark) or drops it (the text exporter's soft hyphen) must not
    compare differently from the model's text."""
    return unicodedata.normalize("NFD", _IGNORED.sub("", text))


def _inline_runs(runs: Sequence[Run]) -> list[str]:
    return [run.text for run in runs]


def _block_paragraphs(block: Any) -> Iterator[list[str]]:
    if isinstance(block, Paragraph | Heading):
        yield _inline_runs(block.runs)
    elif isinstance(block, Quote):
        for paragraph in block.paragraphs:
            yield _inline_runs(paragraph)
    elif isinstance(block, BulletList | NumberedList):
        for item in block.items:
            yield _inline_runs(item)


def paragraphs(release: PressRelease) -> list[list[str]]:
    """Every paragraph of running text, as its runs' texts: the headline, the body,
    notices, notes to editors and the release's boilerplates (not the issuers')."""
    blocks: list[Any] = list(release.body)
    for notice in release.notices:
        blocks += notice.body
    blocks += release.notes_to_editors
    for boilerplate in release.boilerplates:
        blocks += boilerplate.body
    out = [[release.headline]]
    for block in blocks:
        out.extend(_block_paragraphs(block))
    return out


def find_in_order(haystack: str, pieces: Sequence[str]) -> str | None:
    """``None`` when the pieces joined, or else every piece, occur in ``haystack``
    (flattened) in order; else the first piece missing. Combining marks at the ends of a
    piece are left out of the piece-by-piece search: canonical ordering may move them
    across the boundary with the next piece."""
    joined = flat("".join(pieces))
    if joined in haystack:
        return None
    position = 0
    for piece in pieces:
        needle = _strip_marks(flat(piece))
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            return piece
        position = found + len(needle)
    return None


def _strip_marks(text: str) -> str:
    start, end = 0, len(text)
    while start < end and unicodedata.combining(text[start]):
        start += 1
    while end > start and unicodedata.combining(text[end - 1]):
        end -= 1
    return text[start:end]


def check_text(
    report: Report,
    fmt: str,
    text: str,
    release: PressRelease,
    compare: Callable[[list[str]], bool] = lambda _: True,
    fix: Callable[[str], str] | None = None,
) -> None:
    """Add a ``lost`` fault for the first paragraph of ``release`` not found in ``text``
    (only paragraphs ``compare`` accepts; ``fix`` maps each run's text first)."""
    haystack = flat(text)
    for runs in paragraphs(release):
        if fix is not None:
            runs = [fix(run) for run in runs]
        if not compare(runs):
            report.count(report.skipped, fmt)
            continue
        report.count(report.compared, fmt)
        missing = find_in_order(haystack, runs)
        if missing is not None:
            report.add("lost", fmt, f"text not found: {missing!r} (of {''.join(runs)!r})")
            return


# --- schemas --------------------------------------------------------------------------------


def schema_path(*parts: str) -> Path | None:
    """``tests/schemas/<parts>`` or ``../shared/schemas/<parts>``, the first that is a
    non-empty file, or ``None``."""
    for base in (ROOT / "tests" / "schemas", SHARED / "schemas"):
        path = base.joinpath(*parts)
        if path.is_file() and path.stat().st_size > 0:
            return path
    return None


@cache
def xml_schema(*parts: str) -> Any:
    from lxml import etree

    path = schema_path(*parts)
    return None if path is None else etree.XMLSchema(etree.parse(str(path)))


@cache
def json_validator(*parts: str) -> Any:
    from jsonschema import Draft202012Validator

    path = schema_path(*parts)
    if path is None:
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _validate_xml(report: Report, fmt: str, data: bytes, *schema: str) -> Any:
    from lxml import etree

    root = etree.fromstring(data)
    compiled = xml_schema(*schema)
    if compiled is None:
        report.count(report.skipped, f"{fmt} schema")
    elif not compiled.validate(root):
        report.add("invalid", fmt, f"XSD: {compiled.error_log.last_error}")
    return root


def _validate_json(report: Report, fmt: str, document: Any, *schema: str) -> None:
    validator = json_validator(*schema)
    if validator is None:
        report.count(report.skipped, f"{fmt} schema")
        return
    error = next(iter(validator.iter_errors(document)), None)
    if error is not None:
        report.add("invalid", fmt, f"JSON Schema: {error.message} at {list(error.path)}")


# --- one release ----------------------------------------------------------------------------


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 2), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


_PNG = _png()


def materialise(release: PressRelease, root: Path) -> None:
    """Put a small file at every local path the release names (logos: a PNG;
    attachments: a PNG for image types, else a few bytes) inside ``root``, as a source
    folder would hold them. Paths that are URLs, leave ``root`` or cannot be created are
    left missing (the exporters then refuse the release, naming the file)."""
    wanted: list[tuple[str, bytes]] = []
    for issuer in release.issuers:
        if issuer.logo:
            wanted.append((issuer.logo, _PNG))
    for attachment in release.attachments:
        image = attachment.media_type.startswith("image/")
        wanted.append((attachment.href, _PNG if image else b"fuzz attachment\n"))
    base = root.resolve()
    for href, data in wanted:
        if "://" in href or href.startswith("/"):
            continue
        path = (base / href).resolve()
        if not path.is_relative_to(base) or path == base:
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.write_bytes(data)
        except OSError:
            continue


def _file_name(fmt: str, slug: str) -> str:
    name, _, variant = fmt.partition(":")
    exporter = presskit.exporters.get(name)
    fixed = getattr(exporter, "file_name", None)
    if fixed:
        return str(fixed)
    return f"{slug}.{variant}.{exporter.extension}" if variant else f"{slug}.{exporter.extension}"


def render(report: Report, release: PressRelease, fmt: str, **options: Any) -> bytes | None:
    """``export(release, fmt)``, or ``None`` with a refused or crash fault."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return export(release, fmt, **options)
    except PresskitError as exc:
        report.add("refused", fmt, f"{type(exc).__name__}: {exc}")
    except Exception as exc:
        report.add("crash", fmt, f"{type(exc).__name__}: {exc}", traceback.format_exc())
    return None


def check_release(release: PressRelease, scratch: Path | None = None) -> Report:
    """Render ``release`` as every document format and check each output; a checker
    that raises is itself reported (``invalid``, with the traceback)."""
    report = Report()
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        root = Path(folder)
        materialise(release, root)
        siblings: dict[str, bytes] = {}
        for fmt in DOCUMENT_FORMATS:
            options: dict[str, Any] = {"asset_root": root}
            if fmt in ("eml", "kit"):
                options["siblings"] = dict(siblings)
            if fmt == "html":
                options["site"] = SITE
            data = render(report, release, fmt, **options)
            if data is None:
                continue
            siblings[_file_name(fmt, release.slug)] = data
            try:
                CHECKS[fmt.partition(":")[0]](report, fmt, data, release, root)
            except AssertionError as exc:
                detail = traceback.format_exc()
                report.add("invalid", fmt, f"check failed: {exc or detail.splitlines()[-3]}")
            except Exception as exc:
                report.add("invalid", fmt, f"{type(exc).__name__}: {exc}", traceback.format_exc())
    return report


def _check_text(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    check_text(report, fmt, data.decode("utf-8"), release)


def _check_json(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    document = json.loads(data)
    assert isinstance(document, dict), "not a JSON object"
    again = presskit.loads(data.decode("utf-8"))
    if again != release:
        report.add("invalid", fmt, "the dump does not read back as the same release")
    check_text(report, fmt, "\n".join(_json_strings(document)), release)


def _json_strings(value: Any) -> Iterator[str]:
    """Every string value in a parsed JSON document, in document order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _check_html(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    from lxml import html

    tree = html.document_fromstring(data)
    body = tree.find("body")
    assert body is not None, "no <body>"
    check_text(report, fmt, body.text_content(), release)


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _check_docx(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    check_text(report, fmt, _docx_text(data), release)


def _pdf_comparable(runs: list[str]) -> bool:
    return all(
        PDF_COMPARED.match(unicodedata.normalize("NFC", run)) and not _rtl(run) for run in runs
    )


def _rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left text or a bidi control that makes some
    (UAX #9: classes R, AL, RLE, RLO, RLI, and the other embeddings and isolates), or a
    character of the Arabic blocks of another class (a mark such as U+06E8, an Extended
    Arabic-Indic digit): pypdf guesses those right-to-left too and moves them (``ௗۨ۶``
    comes back as ``ௗ۶ۨ`` from a PDF that holds it in order, as pdftotext shows)."""
    return any(
        unicodedata.bidirectional(ch) in ("R", "AL", "RLE", "RLO", "RLI", "LRE", "LRO", "FSI")
        or _ARABIC_BLOCKS.match(ch) is not None
        for ch in text
    )


#: The Arabic blocks: Arabic, Supplement, Extended-A/B, Presentation Forms-A/B.
_ARABIC_BLOCKS = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _check_pdf(report: Report, fmt: str, data: bytes, release: PressRelease, root: Path) -> None:
    from pypdf import PdfReader

    if shutil.which("qpdf"):
        path = root / "_fuzz.pdf"
        path.write_bytes(data)
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        if result.returncode != 0 or "No syntax or stream encoding errors" not in result.stdout:
            report.add("invalid", fmt, f"qpdf --check: {(result.stdout + result.stderr)[-300:]}")
    else:
        report.count(report.skipped, "pdf qpdf")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # right-to-left text is held in visual order; pypdf rebuilds the reading order by
    # guessing each character's direction and moves (and un-mirrors) the punctuation at
    # a run's edge: with any right-to-left text, letters and digits are compared, and a
    # paragraph with right-to-left text is not (its words come back in pypdf's order;
    # tests/test_pdf_scripts.py reads real Arabic and Jawi releases back)
    fix = _letters_only if _has_rtl(release) else _nfkc_without_hyphens
    check_text(report, fmt, fix(text), release, _pdf_comparable, fix=fix)


def _nfkc_without_hyphens(text: str) -> str:
    """Lines may break after a hyphen, and ligatures come back as NFKC: compare without
    hyphens, NFKC on both sides."""
    return unicodedata.normalize("NFKC", text).replace("-", "")


def _letters_only(text: str) -> str:
    """:func:`_nfkc_without_hyphens`, without punctuation and symbols (Unicode P, S)."""
    return "".join(
        ch for ch in _nfkc_without_hyphens(text) if unicodedata.category(ch)[0] not in "PS"
    )


def _has_rtl(release: PressRelease) -> bool:
    """Whether any text of ``release`` is written right to left (UAX #9 classes R, AL)."""
    return any(_rtl(run) for runs in paragraphs(release) for run in runs)


def _check_eml(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    message = email.message_from_bytes(data, policy=email.policy.strict)
    names = [name.lower() for name in message]
    twice = sorted({name for name in names if names.count(name) > 1 and name != "received"})
    if twice:
        report.add("invalid", fmt, f"headers more than once: {twice}")
    for part in message.walk():
        if part.defects:
            report.add("invalid", fmt, f"MIME defects: {part.defects}")
            return
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None and rich is not None, "no text/plain or text/html part"
    check_text(report, "eml text/plain", plain.get_content(), release)
    from lxml import html

    check_text(
        report,
        "eml text/html",
        html.document_fromstring(rich.get_content()).text_content(),
        release,
    )


def _check_nitf(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    root = _validate_xml(report, fmt, data, "nitf", "nitf-3-6.xsd")
    body = root.find("{*}body")
    assert body is not None, "no body"
    check_text(report, fmt, "".join(root.itertext()), release)


def _check_ninjs(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    _validate_json(report, fmt, json.loads(data), "ninjs", "ninjs-schema_2.1.json")


def _check_g2(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    _validate_xml(report, fmt, data, "newsml-g2", "NewsML-G2_2.35-spec-All-Power.xsd")


def _check_7901(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    from tests.test_wire import check_7901

    check_7901(data)


def _check_anpa(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    from tests.test_wire import check_anpa

    check_anpa(data)


def _check_kit(report: Report, fmt: str, data: bytes, release: PressRelease, _: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as kit:
        bad = kit.testzip()
        assert bad is None, f"corrupt entry {bad}"
        names = kit.namelist()
        manifest_name = next((n for n in names if n.endswith("manifest.json")), None)
        assert manifest_name is not None, "no manifest.json"
        manifest = json.loads(kit.read(manifest_name))
        entries = manifest.get("files", manifest) if isinstance(manifest, dict) else manifest
        for entry in entries:
            if not isinstance(entry, dict) or "sha256" not in entry:
                continue
            path = entry.get("path") or entry.get("name")
            member = next((n for n in names if n == path or n.endswith("/" + str(path))), None)
            assert member is not None, f"manifest names {path!r}, not in the zip"
            digest = hashlib.sha256(kit.read(member)).hexdigest()
            assert digest == entry["sha256"], f"SHA-256 of {path!r} differs from the manifest"


CHECKS: dict[str, Callable[[Report, str, bytes, PressRelease, Path], None]] = {
    "text": _check_text,
    "json": _check_json,
    "html": _check_html,
    "docx": _check_docx,
    "pdf": _check_pdf,
    "eml": _check_eml,
    "nitf": _check_nitf,
    "ninjs": _check_ninjs,
    "newsmlg2": _check_g2,
    "iptc7901": _check_7901,
    "anpa1312": _check_anpa,
    "kit": _check_kit,
}


# --- a batch of releases: the collections ---------------------------------------------------


#: The W3C validator's warnings that describe the generated data, not a fault of the
#: feeds; any other warning is a failure (``invalid``). ImplausibleDate: the strategies
#: draw dates from 1900 to 2099 and the validator compares them with its own clock.
#: DuplicateUpdated: two different releases of a batch may be issued at one instant
#: (a release and its translations are one entry, so it is never between those).
W3C_TRUE_DATA = frozenset({"ImplausibleDate", "DuplicateUpdated"})


@cache
def feed_validator() -> Any:
    """The W3C Feed Validation Service's code from ``../shared/tools``, or ``None``."""
    tools = SHARED / "tools"
    if not (tools / "feedvalidator").is_dir():
        return None
    if str(tools) not in sys.path:
        sys.path.insert(0, str(tools))
    try:
        import feedvalidator
    except ImportError:
        return None
    return feedvalidator


def w3c_events(data: bytes, base: str) -> list[tuple[str, str, str]]:
    """``(level, event name, message)`` for each error and warning the W3C validator
    reports on a feed."""
    validator = feed_validator()
    from feedvalidator import compatibility
    from feedvalidator import logging as events
    from feedvalidator.formatter.text_plain import Formatter

    result = validator.validateStream(io.BytesIO(data), firstOccurrenceOnly=0, base=base)
    out = []
    for event in compatibility.AAA(result["loggedEvents"]):
        if isinstance(event, events.Error):
            level = "error"
        elif isinstance(event, events.Warning):
            level = "warning"
        else:
            continue
        out.append((level, type(event).__name__, " ".join(Formatter([event]))))
    return out


def check_collection(
    releases: Sequence[PressRelease], *, w3c: bool | Callable[[str], bool] = True
) -> Report:
    """Render ``releases`` as every collection format and check each file. ``w3c``
    chooses the feeds the W3C validator checks (``True``: all; a predicate on the path)."""
    report = Report()
    for fmt in COLLECTION_FORMATS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                files = export_collection(releases, fmt, site=SITE, now=NOW)
        except PresskitError as exc:
            report.add("refused", fmt, f"{type(exc).__name__}: {exc}")
            continue
        except Exception as exc:
            report.add("crash", fmt, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            continue
        for path, data in files.items():
            try:
                _check_collection_file(report, fmt, path, data, w3c)
            except AssertionError as exc:
                report.add("invalid", path, f"check failed: {exc}")
            except Exception as exc:
                report.add("invalid", path, f"{type(exc).__name__}: {exc}", traceback.format_exc())
    return report


def _check_collection_file(
    report: Report, fmt: str, path: str, data: bytes, w3c: bool | Callable[[str], bool]
) -> None:
    if fmt in ("rss", "atom"):
        import feedparser

        parsed = feedparser.parse(data)
        if parsed.bozo:
            report.add("invalid", path, f"feedparser: {parsed.bozo_exception}")
        chosen = w3c(path) if callable(w3c) else w3c
        if chosen and feed_validator() is not None:
            report.count(report.compared, "w3c")
            for level, name, message in w3c_events(data, SITE.url(path)):
                kind = "invalid" if level == "error" or name not in W3C_TRUE_DATA else "warning"
                report.add(kind, path, f"W3C {level} {name}: {message}")
        else:
            report.count(report.skipped, "w3c")
    elif fmt == "jsonfeed":
        _validate_json(report, path, json.loads(data), "jsonfeed-1.1.schema.json")
    elif path.endswith(".html"):
        from lxml import html

        tree = html.document_fromstring(data)
        assert tree.find("body") is not None, "no <body>"


def warm_up() -> None:
    """Import the checkers' libraries and compile the schemas now (before forking)."""
    import docx  # noqa: F401
    import feedparser  # noqa: F401
    import pypdf  # noqa: F401

    xml_schema("nitf", "nitf-3-6.xsd")
    xml_schema("newsml-g2", "NewsML-G2_2.35-spec-All-Power.xsd")
    json_validator("ninjs", "ninjs-schema_2.1.json")
    json_validator("jsonfeed-1.1.schema.json")
    feed_validator()
    for name in {f.partition(":")[0] for f in (*DOCUMENT_FORMATS, *COLLECTION_FORMATS)}:
        presskit.exporters.get(name)


def unique_slugs(releases: Sequence[PressRelease]) -> list[PressRelease]:
    """The releases, with a suffix added to a slug seen before among them (the build
    refuses two releases with one slug; the collections are rendered per batch)."""
    seen: set[str] = set()
    out = []
    for n, release in enumerate(releases):
        if release.slug in seen:
            release = attrs.evolve(release, slug=f"{release.slug[:90]}-{n}")
        seen.add(release.slug)
        out.append(release)
    return out


def dump(release: PressRelease) -> str:
    """The release as the json exporter writes it (its own repr when that fails)."""
    try:
        return presskit.dumps(release)
    except Exception as exc:
        return json.dumps({"repr": repr(release), "dump_error": repr(exc)}, ensure_ascii=False)


__all__ = [
    "COLLECTION_FORMATS",
    "DOCUMENT_FORMATS",
    "NOW",
    "SITE",
    "Fault",
    "Report",
    "check_collection",
    "check_release",
    "dump",
    "paragraphs",
]
