"""``json``: the model dump (see :mod:`presskit.dump` for its shape).

The dump is lossless: ``presskit build`` and :func:`presskit.load` read it back into an
equal release, so it can serve as a source, an archive, or input to other tools.
"""

from __future__ import annotations

from typing import ClassVar

from presskit.exporters import Exporter, ExporterOptions
from presskit.model import PressRelease

__all__ = ["JsonExporter"]


class JsonExporter(Exporter[ExporterOptions]):
    """The lossless JSON model dump (UTF-8, two-space indent, final newline)."""

    name: ClassVar[str] = "json"
    media_type: ClassVar[str] = "application/json"
    extension: ClassVar[str] = "json"
    description: ClassVar[str] = "the lossless model dump, readable as a source"

    def render(self, release: PressRelease, options: ExporterOptions) -> bytes:
        from presskit.dump import dumps

        return dumps(release).encode("utf-8")
