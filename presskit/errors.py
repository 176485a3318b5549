"""The exceptions presskit raises.

Every error a user can cause (a bad source file, an unknown format name, an invalid model
value) is a :class:`PresskitError`. Its ``str()`` is one line that names the place
(file and line where known) and the field, so the command line can print it as it is,
without a traceback.
"""

from __future__ import annotations

from functools import partial
from typing import Any

__all__ = [
    "Crash",
    "ExportError",
    "ModelError",
    "PluginError",
    "PresskitError",
    "PresskitWarning",
    "SourceError",
    "UnknownFormatError",
    "UnsupportedContentError",
]


class PresskitError(Exception):
    """Base class of every error presskit raises for a user mistake."""


class ModelError(PresskitError, ValueError):
    """A model value is invalid.

    Attributes:
        field: dotted name of the field (``"media_contacts[1].email"``).
        message: what is wrong, in one sentence.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        # picklable (a process pool sends errors back to its parent): not from args
        return (type(self), (self.field, self.message))

    def prefixed(self, prefix: str) -> ModelError:
        """Return the same error with ``prefix`` put in front of the field name."""
        if not prefix:
            return self
        joined = f"{prefix}{self.field}" if self.field.startswith("[") else f"{prefix}.{self.field}"
        return ModelError(joined, self.message)


class SourceError(PresskitError):
    """A source file cannot be loaded.

    Attributes:
        path: the file, as given (``str``), or ``"<string>"``.
        line: 1-based line number in that file, or ``None`` when unknown.
        field: the front-matter key or body element at fault, or ``None``.
        message: what is wrong, in one sentence.

    ``str(error)`` reads ``path:line: field: message`` (the parts that are known), the
    form compilers use, so editors can jump to the place.
    """

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        where = path if line is None else f"{path}:{line}"
        what = message if field is None else f"{field}: {message}"
        super().__init__(f"{where}: {what}")

    def __reduce__(self) -> tuple[Any, ...]:
        # picklable (a process pool sends errors back to its parent): not from args
        return (partial(type(self), line=self.line, field=self.field), (self.path, self.message))


class UnknownFormatError(PresskitError, LookupError):
    """No exporter is registered under the requested name.

    Attributes:
        name: the name asked for.
        available: the names that are registered, sorted.
    """

    def __init__(self, name: str, available: list[str]) -> None:
        self.name = name
        self.available = available
        super().__init__(
            f"unknown format {name!r}; available formats: {', '.join(available) or '(none)'}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.name, self.available))


class PluginError(PresskitError):
    """An installed exporter (a plugin) cannot be used: its module does not import, its
    entry point names no exporter class, or packages clash over its name. The message
    names the format, the entry point and the package (see :mod:`presskit.plugins`)."""


class ExportError(PresskitError):
    """An exporter cannot render a release with the options given."""


class UnsupportedContentError(ExportError):
    """The release holds something this format cannot carry (an e-mail with no address
    to send it from, say). The build skips that one file with a warning and writes the
    others."""


class PresskitWarning(UserWarning):
    """Something an exporter worked around that the user should know of (a script with
    no font, say). Issued with :func:`warnings.warn`; the command line prints it as
    ``warning: ...``."""


class Crash(Exception):
    """An exception presskit did not expect (a bug in presskit or in a library it uses),
    with what presskit was doing when it happened. Not a :class:`PresskitError`: the
    command line reports it as a bug, with exit status 1 (docs/cli.md).

    Attributes:
        doing: what presskit was doing, in words (``"rendering the pdf of release
            'budget-2025'"``, ``"loading sources/budget.md"``).
        slug: the release being rendered, or ``None``.
        format: the format being rendered, or ``None``.
        error: the original exception as ``"Type: message"``.
        trace: the original traceback as text (kept as text, so that it survives a
            process pool).
    """

    def __init__(
        self, doing: str, error: str, trace: str, slug: str | None = None, format: str | None = None
    ) -> None:
        super().__init__(doing, error, trace, slug, format)  # all in args: picklable
        self.doing = doing
        self.error = error
        self.trace = trace
        self.slug = slug
        self.format = format

    @classmethod
    def wrap(
        cls, exc: BaseException, doing: str, *, slug: str | None = None, format: str | None = None
    ) -> Crash:
        """A crash for ``exc``, which is being handled; ``exc`` itself when it is one."""
        if isinstance(exc, Crash):
            return exc
        import traceback

        trace = "".join(traceback.format_exception(exc))
        message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return cls(doing, message, trace, slug, format)

    def __str__(self) -> str:
        return f"{self.error} (while {self.doing})"
