"""The package's import graph points down its layers (docs/architecture.md).

Every ``import`` and ``from ... import`` statement of every module under ``presskit/`` is
read with :mod:`ast`, those inside functions and ``if TYPE_CHECKING:`` blocks included
(a lazy import is still a dependency). A module may import from its own layer and the
layers below it, never from one above. Three more rules keep the names honest:

* in the formats layer, the writers (``exporters``), the loader (``sources``) and the
  readers (``importers``) are siblings that do not import each other, except where
  :data:`SIBLINGS` allows it, with the reason;
* no private name (``_name``) is imported from another module: a name another module
  needs is public in one home;
* a private module (``presskit.exporters._newsitem``) is imported only from inside its
  own package.

To add a module, give it a place in :data:`LAYERS`; an import that must break a rule goes
in :data:`EXCEPTIONS` with its reason.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "presskit"

#: The layers, lowest first: a module may import from its own layer and those below.
#: Keys are a module's first name under ``presskit`` (``presskit.exporters.pdf`` is in
#: ``exporters``); ``presskit`` itself is the package's lazy public facade.
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    # helpers that know nothing of press releases: errors, text, URIs, files, fonts
    (
        "foundations",
        frozenset(
            {
                "errors",
                "scripts",
                "textutils",
                "uri",
                "paths",
                "atomic",
                "fonts",
                "typesetting",
                "assets",
                "mailheaders",
                "i18n",
                "configfile",
                "plugins",
            }
        ),
    ),
    # the model, its lossless dump, the newsroom's settings
    ("model", frozenset({"model", "dump", "site"})),
    # shared decisions about a release: when it is published, house styles
    ("policy", frozenset({"publication", "profiles", "buildcache", "theme"})),
    # shared rendering for many writers: the layout, the HTML fragment, the feed plan,
    # the themes' HTML templates
    ("layout", frozenset({"layout", "fragment", "feedplan", "templating"})),
    # writers, the loader and readers
    ("formats", frozenset({"exporters", "sources", "importers"})),
    # many releases x many formats -> files
    (
        "pipeline",
        frozenset(
            {"pipeline", "planning", "render", "manifest", "outputs", "distributed", "config"}
        ),
    ),
    # the command line, the package's public facade (it loads the others lazily), and
    # the golden-file harness for test authors (nothing in the package may import it)
    ("interface", frozenset({"cli", "presskit", "testing"})),
)

#: In the formats layer, which package may import which (all others may not), and why.
SIBLINGS: dict[tuple[str, str], str] = {
    ("importers", "sources"): "an importer writes a source: it uses the loader's slug "
    "rules, agency matching and Markdown conventions so that what it writes loads back",
}

#: (importing module, imported module) pairs allowed to break a rule, and why.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("presskit.exporters.feeds", "presskit"): "only presskit.__version__, for the feeds' "
    "generator element; the package's __init__ imports nothing eagerly",
}


@attrs.frozen
class Import:
    """One imported name: ``module`` imports ``name`` from ``target`` at ``line``."""

    module: str
    target: str
    name: str | None
    line: int

    def __str__(self) -> str:
        what = f"from {self.target} import {self.name}" if self.name else f"import {self.target}"
        return f"{self.module} (line {self.line}): {what}"


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (``presskit.exporters.pdf``)."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(package: Path = PACKAGE) -> Iterator[Import]:
    """Every import of another module of the package, anywhere in a module's code."""
    known = modules(package)
    root = package.name
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == root or alias.name.startswith(root + "."):
                        yield Import(name, alias.name, None, node.lineno)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolve against the importing module
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join([*here, base] if base else here)
                if base != root and not base.startswith(root + "."):
                    continue
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    if submodule in known:
                        yield Import(name, submodule, None, node.lineno)
                    else:
                        yield Import(name, base, alias.name, node.lineno)


def layer_of(module: str) -> int:
    """The index in :data:`LAYERS` of a module (by its first name under the package)."""
    parts = module.split(".")
    key = parts[1] if len(parts) > 1 else parts[0]
    for index, (_, members) in enumerate(LAYERS):
        if key in members:
            return index
    raise LookupError(f"{module} has no layer: add {key!r} to LAYERS in {__file__}")


def _group(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def upward(found: Iterator[Import]) -> list[str]:
    """The imports that point up a layer, or across the formats layer's siblings."""
    problems = []
    for imp in found:
        if (imp.module, imp.target) in EXCEPTIONS:
            continue
        mine, theirs = layer_of(imp.module), layer_of(imp.target)
        if theirs > mine:
            problems.append(
                f"{imp}: layer {LAYERS[mine][0]!r} imports from layer {LAYERS[theirs][0]!r} "
                "above it"
            )
        elif theirs == mine and LAYERS[mine][0] == "formats":
            pair = (_group(imp.module), _group(imp.target))
            if pair[0] != pair[1] and pair not in SIBLINGS:
                problems.append(f"{imp}: {pair[0]} may not import from {pair[1]}")
    return problems


def private(found: Iterator[Import]) -> list[str]:
    """Private names imported from another module; private modules imported from
    outside their package."""
    problems = []
    for imp in found:
        if (imp.module, imp.target) in EXCEPTIONS:
            continue
        if imp.name and imp.name.startswith("_") and not imp.name.startswith("__"):
            problems.append(f"{imp}: {imp.name} is private to {imp.target}")
        parts = imp.target.split(".")
        for depth, part in enumerate(parts):
            if part.startswith("_") and not part.startswith("__"):
                owner = ".".join(parts[:depth])
                if imp.module != owner and not imp.module.startswith(owner + "."):
                    problems.append(f"{imp}: {'.'.join(parts[: depth + 1])} is private to {owner}")
                break
    return problems


def test_every_module_has_a_layer() -> None:
    for module in modules():
        layer_of(module)  # raises, naming the module


def test_imports_point_down_the_layers() -> None:
    problems = upward(imports())
    assert not problems, "imports against the layers:\n" + "\n".join(problems)


def test_no_private_name_is_imported_across_modules() -> None:
    problems = private(imports())
    assert not problems, "private names used outside their home:\n" + "\n".join(problems)


def test_the_loader_knows_nothing_of_the_pipeline() -> None:
    found = [i for i in imports() if _group(i.module) == "sources"]
    assert found, "the loader's imports were not found"
    assert not [str(i) for i in found if _group(i.target) in {"pipeline", "cli", "exporters"}]


def test_the_exceptions_are_still_needed() -> None:
    used = {(i.module, i.target) for i in imports()}
    assert set(EXCEPTIONS) <= used, f"stale exceptions: {set(EXCEPTIONS) - used}"


def test_the_checks_find_what_they_forbid(tmp_path: Path) -> None:
    """The checker itself, on a small package: each kind of fault is found and named."""
    package = tmp_path / "presskit"
    (package / "sources").mkdir(parents=True)
    (package / "exporters").mkdir()
    files = {
        "__init__.py": "",
        "model.py": "def f():\n    from presskit.pipeline import build\n",
        "pipeline.py": "from presskit import model\n",
        "errors.py": "from . import model\n",
        "sources/__init__.py": "from presskit.exporters.json import dumps\n",
        "sources/_toml.py": "",
        "exporters/__init__.py": "",
        "exporters/json.py": (
            "import presskit.sources._toml\nfrom presskit.model import _hidden\n"
        ),
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    layered = upward(imports(package))
    assert any(p.startswith("presskit.model (line 2): from presskit.pipeline") for p in layered)
    assert any(p.startswith("presskit.errors (line 1): import presskit.model") for p in layered)
    assert any("sources may not import from exporters" in p for p in layered)
    assert any("exporters may not import from sources" in p for p in layered)
    assert len(layered) == 4, layered
    hidden = private(imports(package))
    assert any("_hidden is private to presskit.model" in p for p in hidden)
    assert any("presskit.sources._toml is private to presskit.sources" in p for p in hidden)
    assert len(hidden) == 2, hidden
    with pytest.raises(LookupError, match="'nowhere'"):
        layer_of("presskit.nowhere")
