"""presskit: one press release in, every file a communications team distributes out.

Public names are imported lazily (PEP 562), so ``import presskit`` is cheap and the
command line starts fast::

    import presskit

    release = presskit.load("sources/asean-digital-ministers-2025.md")
    text = presskit.export(release, "text", profile="us", width=72)
    presskit.build([release], "dist")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # model
    "IMMEDIATE": "presskit.model",
    "Attachment": "presskit.model",
    "Boilerplate": "presskit.model",
    "BulletList": "presskit.model",
    "Correction": "presskit.model",
    "Dateline": "presskit.model",
    "Embargoed": "presskit.model",
    "Heading": "presskit.model",
    "Immediate": "presskit.model",
    "Issuer": "presskit.model",
    "MediaContact": "presskit.model",
    "Notice": "presskit.model",
    "NumberedList": "presskit.model",
    "Paragraph": "presskit.model",
    "PressRelease": "presskit.model",
    "Quote": "presskit.model",
    "Run": "presskit.model",
    "Translation": "presskit.model",
    # errors
    "ExportError": "presskit.errors",
    "ModelError": "presskit.errors",
    "PresskitError": "presskit.errors",
    "PresskitWarning": "presskit.errors",
    "UnsupportedContentError": "presskit.errors",
    "SourceError": "presskit.errors",
    "UnknownFormatError": "presskit.errors",
    # loading, exporting, building
    "load": "presskit.sources",
    "loads_markdown": "presskit.sources.release",
    "dumps": "presskit.dump",
    "loads": "presskit.dump",
    "export": "presskit.exporters",
    "export_collection": "presskit.exporters",
    "Site": "presskit.site",
    "formats": "presskit.exporters",
    "build": "presskit.pipeline",
}

__all__ = [
    "IMMEDIATE",
    "Attachment",
    "Boilerplate",
    "BulletList",
    "Correction",
    "Dateline",
    "Embargoed",
    "ExportError",
    "Heading",
    "Immediate",
    "Issuer",
    "MediaContact",
    "ModelError",
    "Notice",
    "NumberedList",
    "Paragraph",
    "PressRelease",
    "PresskitError",
    "PresskitWarning",
    "Quote",
    "Run",
    "Site",
    "SourceError",
    "Translation",
    "UnknownFormatError",
    "UnsupportedContentError",
    "__version__",
    "build",
    "dumps",
    "export",
    "export_collection",
    "formats",
    "load",
    "loads",
    "loads_markdown",
]

if TYPE_CHECKING:
    from presskit.dump import dumps as dumps
    from presskit.dump import loads as loads
    from presskit.errors import ExportError as ExportError
    from presskit.errors import ModelError as ModelError
    from presskit.errors import PresskitError as PresskitError
    from presskit.errors import PresskitWarning as PresskitWarning
    from presskit.errors import SourceError as SourceError
    from presskit.errors import UnknownFormatError as UnknownFormatError
    from presskit.errors import UnsupportedContentError as UnsupportedContentError
    from presskit.exporters import available as formats
    from presskit.exporters import export as export
    from presskit.exporters import export_collection as export_collection
    from presskit.model import IMMEDIATE as IMMEDIATE
    from presskit.model import Attachment as Attachment
    from presskit.model import Boilerplate as Boilerplate
    from presskit.model import BulletList as BulletList
    from presskit.model import Correction as Correction
    from presskit.model import Dateline as Dateline
    from presskit.model import Embargoed as Embargoed
    from presskit.model import Heading as Heading
    from presskit.model import Immediate as Immediate
    from presskit.model import Issuer as Issuer
    from presskit.model import MediaContact as MediaContact
    from presskit.model import Notice as Notice
    from presskit.model import NumberedList as NumberedList
    from presskit.model import Paragraph as Paragraph
    from presskit.model import PressRelease as PressRelease
    from presskit.model import Quote as Quote
    from presskit.model import Run as Run
    from presskit.model import Translation as Translation
    from presskit.pipeline import build as build
    from presskit.site import Site as Site
    from presskit.sources import load as load
    from presskit.sources.release import loads_markdown as loads_markdown


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'presskit' has no attribute {name!r}")
    attr = "available" if name == "formats" else name
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
