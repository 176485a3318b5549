"""What an import recognised, what it was unsure of and what it dropped."""

from __future__ import annotations

from typing import Literal

import attrs

from presskit.model import PressRelease

__all__ = ["AttachedFile", "Finding", "Imported", "Report"]

Kind = Literal["recognised", "unsure", "dropped"]


@attrs.frozen
class Finding:
    """One line of the import report.

    Attributes:
        line: where in the input: the 1-based line of a text or e-mail body, the 1-based
            paragraph of a Word document (table cells count as paragraphs, in reading
            order); ``None`` for the whole file.
        kind: ``"recognised"`` (a part was found and placed), ``"unsure"`` (placed by a
            guess worth checking; unplaced text went into the body) or ``"dropped"``
            (page furniture left out: banners, navigation words).
        message: one sentence.
    """

    line: int | None
    kind: Kind
    message: str


@attrs.frozen
class Report:
    """The findings of one import, in input order.

    Attributes:
        source: the file name as given, or ``"<bytes>"``.
        format: ``"text"``, ``"eml"`` or ``"docx"``.
        findings: in the order of their lines (findings for the whole file last).
    """

    source: str
    format: str
    findings: tuple[Finding, ...]

    def of_kind(self, kind: Kind) -> tuple[Finding, ...]:
        """The findings of one kind."""
        return tuple(f for f in self.findings if f.kind == kind)

    def lines(self) -> list[str]:
        """The report as printed by ``presskit import``: ``FILE:LINE: kind: message``
        (``FILE: kind: message`` for the whole file)."""
        where = "paragraph " if self.format == "docx" else ""
        out = []
        for finding in self.findings:
            place = (
                self.source
                if finding.line is None
                else f"{self.source}:{finding.line}"
                if not where
                else f"{self.source}: {where}{finding.line}"
            )
            out.append(f"{place}: {finding.kind}: {finding.message}")
        return out


@attrs.frozen
class AttachedFile:
    """A file that came with the release (an e-mail's attachment), not yet saved.

    Attributes:
        name: a safe file name (ASCII letters, digits, ``-`` and one extension), unique
            among the import's files.
        original: the name the sender gave it, or ``None``.
        media_type: IANA media type (``"text/csv"``).
        data: the file's bytes.
    """

    name: str
    original: str | None
    media_type: str
    data: bytes = attrs.field(repr=lambda data: f"<{len(data)} bytes>")


@attrs.frozen
class Imported:
    """A release read from a partner's file, with the report of how it was read.

    Attributes:
        release: the release.
        report: what was recognised, what was a guess, what was left out.
        attachments: files that came with it (an e-mail's attachments). They are not in
            ``release.attachments``, which name files next to a source: ``presskit
            import`` saves them there and adds them.
    """

    release: PressRelease
    report: Report
    attachments: tuple[AttachedFile, ...] = ()
