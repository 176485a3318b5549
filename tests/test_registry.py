"""The exporter registry: entry points, lazy loading, aliases, duplicates."""

from __future__ import annotations

import subprocess
import sys
from typing import Any, ClassVar

import pytest

import presskit
from presskit import exporters
from presskit.errors import PluginError, PresskitError, UnknownFormatError
from presskit.plugins import Declaration, Declarations


def test_builtins_are_entry_points() -> None:
    from importlib.metadata import entry_points

    declared = {ep.name for ep in entry_points(group=exporters.ENTRY_POINT_GROUP)}
    assert {"text", "json", "docx", "pdf"} <= declared
    assert {"text", "json", "docx", "pdf"} <= set(exporters.available())
    assert exporters.get("word").name == "docx"
    wire = {"iptc7901", "anpa1312", "nitf", "ninjs", "newsmlg2"}
    assert wire <= declared and wire <= set(exporters.available())


def test_aliases_and_case() -> None:
    assert exporters.resolve("TXT") == "text"
    assert exporters.resolve("model") == "json"
    # "wire" is no alias: it could mean the text copy or any of the five wire formats
    with pytest.raises(UnknownFormatError):
        exporters.get("wire")
    assert exporters.resolve("7901") == "iptc7901" and exporters.resolve("ANPA") == "anpa1312"
    assert exporters.resolve("g2") == exporters.resolve("newsml") == "newsmlg2"


def test_unknown_format_lists_the_available_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnknownFormatError) as info:
        exporters.get("pdff")
    assert "pdff" in str(info.value) and ", ".join(exporters.available()) in str(info.value)
    assert "docx, eml, html, index, iptc7901, json" in str(info.value)
    # an alias whose target is not installed is unknown too
    monkeypatch.setattr(exporters, "ALIASES", {**exporters.ALIASES, "fax": "telefax"})
    with pytest.raises(UnknownFormatError):
        exporters.get("fax")


def test_exporter_metadata() -> None:
    for name in exporters.available():
        cls = exporters.get(name)
        assert cls.name == name
        assert "/" in cls.media_type and cls.extension and not cls.extension.startswith(".")


def test_lookup_is_lazy() -> None:
    """Listing the formats imports no exporter module."""
    code = (
        "import sys, presskit.exporters as e; e.available(); "
        "print(any(m.startswith('presskit.exporters.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class Shout(exporters.Exporter):
    name: ClassVar[str] = "shout"
    media_type: ClassVar[str] = "text/plain"
    extension: ClassVar[str] = "shout.txt"

    def render(self, release: presskit.PressRelease, options: Any) -> bytes:
        return release.headline.upper().encode()


def test_register_in_code_and_duplicates(reference: presskit.PressRelease) -> None:
    exporters.register(Shout)
    try:
        assert presskit.export(reference, "shout").startswith(b"SINGAPORE CONCLUDES")
        with pytest.raises(PresskitError, match="already registered"):
            exporters.register(Shout)
        exporters.register(Shout, override=True)

        class FakeText(Shout):
            name: ClassVar[str] = "text"

        with pytest.raises(PresskitError, match="already registered as 'text'"):
            exporters.register(FakeText)
    finally:
        exporters._registry.loaded.pop("shout", None)


def test_conflicting_entry_points_and_name_mismatch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two packages declaring one name break that name only; presskit's own name is kept
    when a package declares it too (tests/test_plugins.py installs real distributions)."""
    own = Declaration("text", "presskit.exporters.text:TextExporter", "presskit 1")
    one, two = Declaration("dup", "one.module:Dup", "one 1"), Declaration("dup", "two:Dup", "two 1")
    registry = exporters._Registry(
        scanned=Declarations(
            chosen={
                "text": own,
                "dup": one,
                "md": Declaration("md", "presskit.exporters.text:TextExporter", "md 1"),
            },
            clashes={"dup": (one, two)},
            ignored=(),
        )
    )
    monkeypatch.setattr(exporters, "_registry", registry)
    with pytest.raises(PluginError, match=r"entry points dup = one\.module:Dup \(one 1\) and dup"):
        exporters.get("dup")
    assert exporters.get("text").__name__ == "TextExporter"
    with pytest.raises(
        PresskitError, match="declared as 'md' but its class's name attribute is 'text'"
    ):
        exporters.get("md")
    monkeypatch.setattr(Shout, "name", "dup")
    exporters.register(Shout, override=True)  # registering in code chooses
    assert exporters.get("dup") is Shout
