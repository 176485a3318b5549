"""Third-party exporters that cannot be used do not stop presskit (issue 17, item 5).

Each test installs real (fake) distributions: a ``.dist-info`` folder with
``METADATA`` and ``entry_points.txt`` and the plugin's module, in a folder put on
``sys.path`` (the API) or ``PYTHONPATH`` (the command line, in a separate process), so
that ``importlib.metadata`` finds them exactly as it finds an installed package.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import presskit
from presskit import exporters
from presskit.errors import PluginError, PresskitError, PresskitWarning
from presskit.plugins import Declaration, Declarations

from .test_cli import run

#: A plugin that works: its file must be written next to the built-in formats'.
GOOD = """\
from typing import Any, ClassVar
from presskit.exporters import Exporter

class ShoutExporter(Exporter):
    name: ClassVar[str] = "shout"
    media_type: ClassVar[str] = "text/plain; charset=utf-8"
    extension: ClassVar[str] = "shout.txt"

    def render(self, release: Any, options: Any) -> bytes:
        return release.headline.upper().encode()
"""

#: name -> (distribution, entry point value, module name, module source)
PLUGINS: dict[str, tuple[str, str, str, str]] = {
    "shout": ("presskit-shout", "pk_shout:ShoutExporter", "pk_shout", GOOD),
    "missing": (
        "presskit-missing",
        "pk_missing:MissingExporter",
        "pk_missing",
        "import presskit\nimport pk_no_such_dependency  # noqa\n",
    ),
    "boom": (
        "presskit-boom",
        "pk_boom:BoomExporter",
        "pk_boom",
        "x = 1\nraise RuntimeError('the boom plugin needs a licence key')\n",
    ),
    "notclass": (
        "presskit-notclass",
        "pk_notclass:make_exporter",
        "pk_notclass",
        "def make_exporter():\n    return None\n",
    ),
    "text": (
        "presskit-clash",
        "pk_clash:TextClash",
        "pk_clash",
        GOOD.replace("ShoutExporter", "TextClash").replace('"shout"', '"text"'),
    ),
}


def install(site: Path, plugins: dict[str, tuple[str, str, str, str]]) -> Path:
    """Write each plugin as an installed distribution into ``site``."""
    site.mkdir(exist_ok=True)
    for name, (dist, target, module, source) in plugins.items():
        info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
        info.mkdir(exist_ok=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8"
        )
        entry = info / "entry_points.txt"
        lines = entry.read_text(encoding="utf-8") if entry.exists() else "[presskit.exporters]\n"
        entry.write_text(lines + f"{name} = {target}\n", encoding="utf-8")
        (site / f"{module}.py").write_text(source, encoding="utf-8")
    return site


@pytest.fixture
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The plugins of :data:`PLUGINS` installed and visible to a fresh registry."""
    site = install(tmp_path / "site", PLUGINS)
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(exporters, "_registry", exporters._Registry())
    yield site
    for _, _, module, _ in PLUGINS.values():
        sys.modules.pop(module, None)


def broken_by_name() -> dict[str, str]:
    return {b.name: b.warning() for b in exporters.installed().broken}


def test_each_kind_of_broken_plugin_is_reported_with_its_entry_point(plugins: Path) -> None:
    found = exporters.installed()
    assert "shout" in found.formats and "text" in found.formats and "json" in found.formats
    assert found.formats["text"].__module__ == "presskit.exporters.text"  # presskit's is kept
    assert not {"missing", "boom", "notclass"} & set(found.formats)
    reasons = broken_by_name()
    assert sorted(reasons) == ["boom", "missing", "notclass", "text"]
    missing = reasons["missing"]
    assert "entry point missing = pk_missing:MissingExporter (presskit-missing 0.1)" in missing
    assert (
        "failed to import: ModuleNotFoundError: No module named 'pk_no_such_dependency'" in missing
    )
    assert f"(at {plugins / 'pk_missing.py'}:2)" in missing  # the plugin's line, not ours
    assert "fix or uninstall presskit-missing" in missing
    boom = reasons["boom"]
    assert "RuntimeError: the boom plugin needs a licence key" in boom
    assert f"{plugins / 'pk_boom.py'}:2" in boom
    assert (
        "make_exporter (presskit-notclass 0.1) names a function, not an exporter class"
        in (reasons["notclass"])
    )
    clash = reasons["text"]
    assert clash.startswith("entry point text = pk_clash:TextClash (presskit-clash 0.1) is ignored")
    assert "'text' is one of presskit's own formats, which is used" in clash
    assert clash.endswith("rename the plugin's format or uninstall presskit-clash")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("def broken(:\n    pass\n", "failed to import: SyntaxError: "),
        ("import sys\nsys.exit(3)\n", "failed to import: SystemExit: 3 (at "),
        (
            GOOD.replace("ShoutExporter", "Odd") + "\nOdd = Odd()\n",
            "names an object of type Odd, not an exporter class",
        ),
        (
            "import presskit.exporters as e\nclass Odd(e.BaseExporter):\n    name = 'odd'\n",
            "names the class Odd, not an exporter class",
        ),
        (
            GOOD.replace("ShoutExporter", "Odd")
            .replace('"shout"', '"odd"')
            .replace('    extension: ClassVar[str] = "shout.txt"\n', ""),
            "names the class Odd, which has no extension (a str class attribute)",
        ),
        (
            GOOD.replace("ShoutExporter", "Odd").replace('"shout"', '"odd"')
            + "\nOdd.Options = dict\n",
            "names the class Odd, whose Options (the class dict) is not an attrs class",
        ),
    ],
    ids=["syntax", "exit", "instance", "base-only", "no-extension", "options"],
)
def test_other_broken_shapes(
    source: str, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = install(tmp_path / "site", {"odd": ("presskit-odd", "pk_odd:Odd", "pk_odd", source)})
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(exporters, "_registry", exporters._Registry())
    monkeypatch.delitem(sys.modules, "pk_odd", raising=False)
    with pytest.raises(PluginError) as info:
        exporters.get("odd")
    assert str(info.value).startswith("format 'odd' cannot be built: entry point odd = pk_odd:Odd")
    assert reason in str(info.value)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        names = exporters.usable()
    assert "odd" not in names and "json" in names
    assert [str(w.message).split(":")[0] for w in caught] == ["format 'odd' skipped"]


def test_asked_for_by_name_a_broken_plugin_is_an_error(
    plugins: Path, reference: presskit.PressRelease
) -> None:
    release = reference
    with pytest.raises(
        PluginError,
        match=r"format 'boom' cannot be built: entry point boom = pk_boom:BoomExporter ",
    ):
        presskit.export(release, "boom")
    with pytest.raises(
        PluginError, match=r"failed to import: RuntimeError: the boom plugin needs a licence key"
    ):
        exporters.get("BOOM")  # the failure is remembered: asked again, the same error
    assert presskit.export(release, "shout").startswith(b"SINGAPORE CONCLUDES")
    assert presskit.export(release, "text").startswith(b"FOR IMMEDIATE RELEASE")


def test_a_build_of_every_format_skips_broken_plugins(
    plugins: Path, tmp_path: Path, reference: presskit.PressRelease
) -> None:
    release = reference
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        presskit.build([release], tmp_path / "dist", targets=None)
    messages = [str(w.message) for w in caught if issubclass(w.category, PresskitWarning)]
    for name in ("missing", "boom", "notclass"):
        assert any(m.startswith(f"format '{name}' skipped: ") for m in messages), messages
    folder = tmp_path / "dist" / release.slug
    assert (folder / f"{release.slug}.shout.txt").read_bytes().startswith(b"SINGAPORE")
    assert (folder / f"{release.slug}.sg.txt").read_bytes().startswith(b"FOR IMMEDIATE")
    # presskit's own text exporter wrote the text, not the clashing plugin
    assert b"SINGAPORE CONCLUDES" not in (folder / f"{release.slug}.sg.txt").read_bytes()[:40]


def test_two_packages_declaring_one_name_break_only_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    twin = GOOD.replace('"shout"', '"twin"')
    site = install(
        tmp_path / "site",
        {"twin": ("presskit-twin-a", "pk_twin_a:ShoutExporter", "pk_twin_a", twin)},
    )
    install(site, {"twin": ("presskit-twin-b", "pk_twin_b:ShoutExporter", "pk_twin_b", twin)})
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(exporters, "_registry", exporters._Registry())
    with pytest.raises(PluginError, match="format 'twin' cannot be built: entry points twin = "):
        exporters.get("twin")
    (problem,) = exporters.installed().broken
    assert "presskit-twin-a 0.1" in problem.where() and "presskit-twin-b 0.1" in problem.where()
    assert "register the one you want with override=True" in problem.error()
    assert exporters.get("json").name == "json"


def test_command_line_skips_reports_and_refuses(plugins: Path, project: Path) -> None:
    env = {"PYTHONPATH": str(plugins)}
    result = run("build", "-q", "-j", "1", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(
        line.startswith("warning: format 'boom' skipped: entry point boom = pk_boom:BoomExporter ")
        and "(presskit-boom 0.1) failed to import: RuntimeError: the boom plugin" in line
        for line in lines
    ), result.stderr
    assert any(line.startswith("warning: format 'missing' skipped: ") for line in lines)
    assert any(line.startswith("warning: entry point text = pk_clash:TextClash") for line in lines)
    folder = project / "dist" / "asean-digital-ministers-2025"
    names = {p.name for p in folder.iterdir()}
    assert {
        "asean-digital-ministers-2025.shout.txt",
        "asean-digital-ministers-2025.pdf",
        "asean-digital-ministers-2025.zip",
        "index.html",
    } <= names
    assert (project / "dist" / "feeds" / "newsroom.atom").is_file()

    asked = run("build", "-f", "json,boom", "-o", "named", cwd=project, env=env)
    assert asked.returncode == 2
    assert "Traceback" not in asked.stderr
    assert asked.stderr.startswith("error: format 'boom' cannot be built: entry point boom = ")
    assert (
        "pk_boom:BoomExporter (presskit-boom 0.1) failed to import: RuntimeError:" in asked.stderr
    )
    assert asked.stderr.rstrip().endswith("; fix or uninstall presskit-boom")
    assert not (project / "named").exists()  # refused before anything is written

    listed = run("formats", cwd=project, env=env)
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line for line in listed.stdout.splitlines() if "(" in line}
    assert rows["boom"].split()[1] == "(broken)"
    assert "RuntimeError: the boom plugin needs a licence key" in rows["boom"]
    assert "No module named 'pk_no_such_dependency'" in listed.stdout
    assert "(ignored) entry point text = pk_clash:TextClash (presskit-clash 0.1) is ignored" in (
        listed.stdout
    )
    assert any(line.split()[:2] == ["shout", "text/plain;"] for line in listed.stdout.splitlines())


def test_presskit_own_exporter_failing_is_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only plugins are skipped: a built-in exporter that cannot be imported (a missing
    dependency of presskit itself) stops a build of every format, as before."""
    own = Declaration("slides", "presskit.exporters.no_such_module:Slides", "presskit 1")
    registry = exporters._Registry(scanned=Declarations({"slides": own}, {}, ()))
    monkeypatch.setattr(exporters, "_registry", registry)
    with pytest.raises(PresskitError, match="cannot load exporter 'slides' from presskit"):
        exporters.usable()
    with pytest.raises(PresskitError, match=r"No module named 'presskit\.exporters\.no_such"):
        exporters.get("slides")


def test_options_of_a_broken_plugin_in_presskit_toml_name_the_file_and_line(
    plugins: Path, tmp_path: Path
) -> None:
    from presskit.config import load_config

    path = tmp_path / "presskit.toml"
    path.write_text('style = "uk"\n\n[options.boom]\nlevel = 2\n', encoding="utf-8")
    with pytest.raises(PresskitError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:3: options.boom: format 'boom' cannot be built: ")
    assert "RuntimeError: the boom plugin needs a licence key" in message


def test_an_entry_point_naming_nothing_points_at_no_line_of_presskit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The module imports, the attribute is missing: no plugin line raised it, and the
    loader's own line in presskit is no help to the plugin's author."""
    site = install(tmp_path / "site", {"odd": ("presskit-odd", "pk_odd:Odd", "pk_odd", "x = 1\n")})
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(exporters, "_registry", exporters._Registry())
    monkeypatch.delitem(sys.modules, "pk_odd", raising=False)
    with pytest.raises(PluginError) as info:
        exporters.get("odd")
    message = str(info.value)
    assert "AttributeError: module 'pk_odd' has no attribute 'Odd'" in message
    assert "(at " not in message  # was: (at .../presskit/exporters/__init__.py:502)
