"""The exporter contract: typed options, declared metadata, one build context, one plan.

A plugin exporter that needs the build's context overrides ``in_build``; the build no
longer guesses from its options' field names. What a build writes is chosen by
``presskit.pipeline.plan``, for the command line and the API alike.
"""

from __future__ import annotations

import datetime as dt
import inspect
import pickle
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import presskit
from presskit import exporters
from presskit.errors import ExportError, PresskitError
from presskit.exporters import BuildContext, CollectionExporter, Exporter, ExporterOptions
from presskit.exporters.html import HtmlOptions
from presskit.exporters.text import TextExporter, TextOptions
from presskit.model import Paragraph, PressRelease
from presskit.pipeline import Plan, build, parse_targets, plan
from presskit.site import Site

SITE = Site(name="Test newsroom", base_url="https://news.example.org/", language="en-SG")
AFTER = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def release(slug: str = "one", **changes: object) -> PressRelease:
    base = PressRelease(
        slug,
        f"Headline {slug}",
        [presskit.Issuer("mddi", "Ministry of Digital Development", short_name="MDDI")],
        presskit.Dateline("SINGAPORE", dt.date(2025, 1, 17)),
        dt.datetime(2025, 1, 17, 10, tzinfo=dt.UTC),
        [Paragraph(f"The lede of {slug}.")],
        time_zone="Asia/Singapore",
    )
    return attrs.evolve(base, **changes)


# --- a plugin that asks for the build context ---------------------------------------


@attrs.frozen(kw_only=True)
class ProbeOptions(ExporterOptions):
    """A field called ``siblings`` that the build must not fill by its name alone."""

    siblings: Mapping[str, bytes] | None = None
    seen: str = ""


class Probe(Exporter[ProbeOptions]):
    """Writes what the build told it: the files before it, the site, the unpublished."""

    name: ClassVar[str] = "probe"
    media_type: ClassVar[str] = "text/plain"
    extension: ClassVar[str] = "probe.txt"
    renders_last: ClassVar[bool] = True
    Options: ClassVar[type[ProbeOptions]] = ProbeOptions

    @classmethod
    def in_build(cls, options: ProbeOptions, context: BuildContext) -> ProbeOptions:
        seen = (
            f"siblings={sorted(context.siblings)} site={context.site.name} "
            f"unpublished={sorted(context.unpublished)} now={context.now}"
        )
        return attrs.evolve(options, seen=seen)

    def render(self, release: PressRelease, options: ProbeOptions) -> bytes:
        assert options.asset_root is not None  # the build gives every release its root
        return f"{options.seen} siblings-field={options.siblings}".encode()


class Sniffed(Probe):
    """The same options, and no ``in_build``: it gets nothing beyond its options."""

    name: ClassVar[str] = "sniffed"
    extension: ClassVar[str] = "sniffed.txt"

    @classmethod
    def in_build(cls, options: ProbeOptions, context: BuildContext) -> ProbeOptions:
        return options


@pytest.fixture
def probes() -> object:
    exporters.register(Probe)
    exporters.register(Sniffed)
    yield
    exporters._registry.loaded.pop("probe", None)
    exporters._registry.loaded.pop("sniffed", None)


@pytest.mark.usefixtures("probes")
def test_the_build_context_reaches_an_exporter_that_asks_for_it(tmp_path: Path) -> None:
    held = release("held", release=presskit.Embargoed(AFTER + dt.timedelta(days=1)))
    targets = parse_targets(["text:us", "json", "probe", "sniffed"])
    presskit.build([release(), held], tmp_path, targets=targets, now=AFTER, site=SITE)
    probe = (tmp_path / "one" / "one.probe.txt").read_text()
    assert probe == (  # a document is told the unpublished among the releases it links
        "siblings=['one.json', 'one.us.txt'] site=Test newsroom unpublished=[] "
        f"now={AFTER} siblings-field=None"
    )
    probe = (tmp_path / "_embargoed" / "held" / "held.probe.txt").read_text()
    assert "unpublished=['held']" in probe
    # a field named "siblings" is no longer filled because of its name
    sniffed = (tmp_path / "one" / "one.sniffed.txt").read_text()
    assert sniffed == " siblings-field=None"


def test_the_built_in_bundles_still_get_their_context(tmp_path: Path) -> None:
    """The page links the PDF the build rendered, with its size, and no translation
    still under embargo; the kit holds the very text file written beside it."""
    held = release("one-zh", language="zh", release=presskit.Embargoed(AFTER + dt.timedelta(1)))
    one = release(translations=[presskit.Translation("zh", slug="one-zh")])
    targets = parse_targets(["pdf", "html", "kit", "text:us"], options={"text": {"width": 40}})
    presskit.build([one, held], tmp_path, targets=targets, now=AFTER, site=SITE)
    page = (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
    pdf = (tmp_path / "one" / "one.pdf").stat().st_size
    assert "one.pdf" in page and f"{pdf / 1024:.0f} KB" in page
    assert "one-zh" not in page
    assert "Test newsroom" in page
    import zipfile

    with zipfile.ZipFile(tmp_path / "one" / "one.zip") as kit:
        [name] = [n for n in kit.namelist() if n.endswith("/one.us.txt")]
        assert kit.read(name) == (tmp_path / "one" / "one.us.txt").read_bytes()


def test_the_context_crosses_to_worker_processes(tmp_path: Path) -> None:
    rels = [release("one"), release("two")]
    targets = parse_targets(["text:sg", "json", "html"])
    alone = build(rels, tmp_path / "a", targets=targets, now=AFTER, site=SITE)
    with ProcessPoolExecutor(2) as pool:
        pooled = build(rels, tmp_path / "b", targets=targets, now=AFTER, site=SITE, executor=pool)
    assert [(f.path, f.sha256) for f in alone] == [(f.path, f.sha256) for f in pooled]
    context = BuildContext(now=AFTER, site=SITE, unpublished=frozenset({"x"}))
    assert pickle.loads(pickle.dumps(context)) == context


# --- typed options and declared metadata ----------------------------------------------


def test_make_options_returns_the_exporters_own_options() -> None:
    options = TextExporter.make_options(width=60)
    assert type(options) is TextOptions and options.width == 60
    assert isinstance(exporters.get("html").make_options(), HtmlOptions)
    with pytest.raises(ExportError, match="text: unknown option colour; options are: now"):
        TextExporter.make_options(colour="red")


def test_site_options_are_sites() -> None:
    assert HtmlOptions(site={"name": "N"}).site == Site(name="N")
    with pytest.raises(ExportError, match=r"expected a presskit\.site\.Site"):
        HtmlOptions(site="https://example.org/")


REGISTRY = [
    exporters.register,
    exporters.available,
    exporters.resolve,
    exporters.get,
    exporters.export,
    exporters.export_collection,
    exporters.apply_variant,
    exporters.as_site,
    exporters.BaseExporter.make_options,
    Exporter.make_options,
    Exporter.in_build,
    Exporter.render,
    Exporter.export,
    CollectionExporter.make_options,
    CollectionExporter.render_collection,
    CollectionExporter.export_collection,
]


@pytest.mark.parametrize("function", REGISTRY, ids=lambda f: f.__qualname__)
def test_the_registry_has_no_any_in_its_signatures(function: object) -> None:
    assert callable(function)
    signature = inspect.signature(function)
    annotations = [str(p.annotation) for p in signature.parameters.values()]
    annotations.append(str(signature.return_annotation))
    assert not [a for a in annotations if "Any" in a.replace("Mapping", "")]


METADATA = {
    "name": str,
    "media_type": str,
    "extension": str,
    "binary": bool,
    "variants": Mapping,
    "description": str,
    "collection": bool,
}


@pytest.mark.parametrize("name", exporters.available())
def test_every_exporter_declares_its_metadata(name: str) -> None:
    cls = exporters.get(name)
    for attribute, kind in METADATA.items():
        assert isinstance(getattr(cls, attribute), kind), attribute
    if issubclass(cls, CollectionExporter):
        assert cls.collection and isinstance(cls.needs_base_url, bool)
        assert isinstance(cls.owned, tuple)
    else:
        assert issubclass(cls, Exporter) and not cls.collection
        assert cls.file_name is None or isinstance(cls.file_name, str)
        assert isinstance(cls.renders_last, bool)
    assert attrs.has(cls.Options)


def test_metadata_is_declared_as_class_variables() -> None:
    for cls, names in (
        (exporters.BaseExporter, [*METADATA, "Options"]),
        (Exporter, ["file_name", "renders_last", "Options"]),
        (CollectionExporter, ["needs_base_url", "owned", "Options"]),
    ):
        for attribute in names:
            assert cls.__annotations__[attribute].startswith("ClassVar["), (cls, attribute)


# --- variants: one resolution ------------------------------------------------------


def test_a_variant_is_resolved_the_same_way_by_export_and_by_the_build() -> None:
    one = release()
    with pytest.raises(ExportError) as api:
        presskit.export(one, "text:us", profile="uk")
    with pytest.raises(ExportError) as cli:
        parse_targets(["text:us"], options={"text": {"profile": "uk"}})
    assert str(api.value) == str(cli.value)
    assert str(api.value) == (
        "text: profile is chosen by the variant; pick the variant instead: text:uk"
    )
    with pytest.raises(ExportError, match="text: unknown variant 'au'; variants: sg, us, uk"):
        presskit.export(one, "text:au")
    assert presskit.export(one, "text:us", profile="us") == presskit.export(one, "text:us")


# --- the plan --------------------------------------------------------------------------


def test_the_plan_leaves_out_the_collections_it_cannot_write() -> None:
    chosen = plan(parse_targets(["text", "atom", "index"]), now=None, site=Site(), explicit=False)
    assert [t.format for t in chosen.documents] == ["text"] * 3
    assert chosen.collections == ()
    assert [s.message() for s in chosen.skipped] == [
        "atom not written: it needs the current time (now) and the newsroom's public URL "
        "(base_url in the [site] table of presskit.toml; docs/feeds.md)",
        "index not written: it needs the current time (now)",
    ]
    with pytest.raises(PresskitError, match="atom needs the newsroom's public URL"):
        plan(parse_targets(["atom"]), now=AFTER, site=Site())


def test_the_plan_keeps_partial_builds_out_of_the_collections() -> None:
    targets = parse_targets(["json", "atom", "index"])
    whole = plan(targets, now=AFTER, site=SITE, explicit=False)
    assert [t.format for t in whole.collections] == ["atom", "index"] and not whole.skipped
    part = plan(targets, now=AFTER, site=SITE, explicit=False, whole_newsroom=False)
    assert part.collections == () and "the whole newsroom" in part.skipped[0].message()
    asked = plan(targets, now=AFTER, site=SITE, explicit=True, whole_newsroom=False)
    assert asked.collections == whole.collections
    broken = plan(targets, now=AFTER, site=SITE, explicit=True, all_loaded=False)
    assert broken.collections == ()
    assert broken.skipped[0].message().startswith("atom, index not written: a source failed")


def test_build_takes_a_plan_and_reports_what_it_leaves_out(tmp_path: Path) -> None:
    chosen = plan(None, now=AFTER, site=Site())
    assert {s.formats for s in chosen.skipped} == {("atom", "jsonfeed", "rss")}
    with pytest.warns(presskit.PresskitWarning) as caught:
        files = build([release()], tmp_path, targets=chosen, now=AFTER)
    assert {str(w.message) for w in caught} == {
        chosen.skipped[0].message(),
        "one: eml: no media contact has an e-mail address; the e-mail is sent from the lead "
        "media contact: add one with an e-mail address to media_contacts, or set sender in "
        "the [site] table of presskit.toml; one.eml was not written",
    }
    formats = {f.format for f in files}
    assert "index" in formats and not formats & {"atom", "rss", "jsonfeed"}
    empty = Plan((), ())
    assert build([release()], tmp_path / "nothing", targets=empty, now=AFTER) == []
