"""Exporters declared by installed packages (entry points), and those that cannot be used.

A package declares an exporter on the entry-point group ``presskit.exporters``
(``markdown = "presskit_markdown:MarkdownExporter"``); :mod:`presskit.exporters` reads
the declarations here with :func:`scan` and imports one with :func:`import_target` when
its format is first used. A declaration that cannot be used is a
:class:`BrokenExporter`: its module does not import (an ``ImportError``, or any other
exception raised while importing it), its object is not an exporter class, its name
does not match, two packages declare the name, or it takes the name of one of
presskit's own formats (presskit's is kept). A build skips a broken exporter with a
warning naming its entry point, unless its format was asked for by name
(docs/plugins.md).

Nothing here imports an exporter module until :func:`import_target` is called.
"""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = [
    "BrokenExporter",
    "Declaration",
    "Declarations",
    "describe",
    "describe_object",
    "import_target",
    "scan",
]


@attrs.frozen
class Declaration:
    """One entry point: ``name = module:attribute``, declared by ``distribution``.

    Attributes:
        name: the format name (the entry point's name).
        target: ``module:attribute`` (the entry point's value).
        distribution: the package that declares it, ``"presskit-markdown 0.1.0"``, or
            ``""`` when it is not known.
    """

    name: str
    target: str
    distribution: str = ""

    @property
    def builtin(self) -> bool:
        """Declared by presskit itself: its module is in the ``presskit`` package."""
        return self.target.partition(":")[0].split(".")[0] == "presskit"

    def describe(self) -> str:
        """``markdown = presskit_markdown:MarkdownExporter (presskit-markdown 0.1.0)``."""
        where = f" ({self.distribution})" if self.distribution else ""
        return f"{self.name} = {self.target}{where}"


@attrs.frozen
class BrokenExporter:
    """A declared exporter that cannot be used, and why.

    Attributes:
        name: the format name it is declared under.
        declarations: the entry points at fault (several when packages clash).
        reason: why, one line that follows the entry points: ``failed to import:
            RuntimeError: ... (at /site/plugin.py:3)``, ``names a function, not an
            exporter class ...``.
        ignored: the format itself works (presskit's own exporter under that name is
            used); only this package's declaration is left out.
        advice: what to do, when not "fix or uninstall <package>".
    """

    name: str
    declarations: tuple[Declaration, ...]
    reason: str
    ignored: bool = False
    advice: str = ""

    def where(self) -> str:
        """``entry point NAME = MODULE:ATTR (PACKAGE VERSION)``; several joined with
        ``and``."""
        points = "entry points" if len(self.declarations) > 1 else "entry point"
        return f"{points} {' and '.join(d.describe() for d in self.declarations)}"

    def fix(self) -> str:
        """What to do: ``advice`` when given, else fix or uninstall the package named."""
        if self.advice:
            return self.advice
        packages = sorted({_package(d) for d in self.declarations} - {""})
        if not packages:
            return "fix or remove the entry point"
        return f"fix or uninstall {' or '.join(packages)}"

    def error(self) -> str:
        """The message when the format was asked for by name: it cannot be built."""
        return f"format {self.name!r} cannot be built: {self.where()} {self.reason}; {self.fix()}"

    def warning(self) -> str:
        """The message when a build of every format leaves it out."""
        if self.ignored:
            return f"{self.where()} {self.reason}; {self.fix()}"
        return f"format {self.name!r} skipped: {self.where()} {self.reason}; {self.fix()}"


@attrs.frozen
class Declarations:
    """What the installed packages declare (see :func:`scan`).

    Attributes:
        chosen: by format name, the declaration used.
        clashes: by format name, every declaration when two packages other than
            presskit declare one name for different objects (none is chosen: the
            format is broken).
        ignored: declarations of presskit's own format names by other packages
            (presskit's are kept).
    """

    chosen: dict[str, Declaration]
    clashes: dict[str, tuple[Declaration, ...]]
    ignored: tuple[BrokenExporter, ...]


def scan(group: str) -> Declarations:
    """Read the entry points of ``group`` from the installed packages (nothing is
    imported). The same declaration found twice (a package on two ``sys.path``
    folders) counts once."""
    from importlib.metadata import entry_points

    found: dict[str, list[Declaration]] = {}
    for ep in entry_points(group=group):
        declaration = Declaration(ep.name, ep.value, _distribution(ep))
        same = found.setdefault(ep.name, [])
        if all(d.target != declaration.target for d in same):
            same.append(declaration)
    chosen: dict[str, Declaration] = {}
    clashes: dict[str, tuple[Declaration, ...]] = {}
    ignored: list[BrokenExporter] = []
    for name, declarations in found.items():
        own = [d for d in declarations if d.builtin]
        if own:
            chosen[name] = own[0]
            others = tuple(d for d in declarations if not d.builtin)
            if others:
                reason = f"is ignored: {name!r} is one of presskit's own formats, which is used"
                packages = " or ".join(sorted({_package(d) for d in others} - {""}))
                advice = f"rename the plugin's format or uninstall {packages or 'it'}"
                ignored.append(BrokenExporter(name, others, reason, ignored=True, advice=advice))
            continue
        chosen[name] = declarations[0]
        if len(declarations) > 1:  # in a fixed order: the message does not depend on sys.path
            clashes[name] = tuple(sorted(declarations, key=lambda d: (d.distribution, d.target)))
    return Declarations(chosen, clashes, tuple(ignored))


def _package(declaration: Declaration) -> str:
    """The package name of a declaration's distribution (without the version)."""
    return declaration.distribution.rpartition(" ")[0] or declaration.distribution


def _distribution(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return ""
    try:
        return f"{dist.metadata['Name'] or dist.name} {dist.version}".strip()
    except Exception:  # a damaged METADATA file: the entry point still names the module
        return ""


def import_target(target: str) -> object:
    """Import ``module:attribute.path`` and return the object.

    Raises:
        Exception: whatever importing the module or reading the attribute raises (see
            :func:`describe`).
    """
    module_name, _, attr = target.partition(":")
    obj: object = import_module(module_name.strip())
    for part in attr.strip().split(".") if attr.strip() else ():
        obj = getattr(obj, part)
    return obj


def describe(exc: BaseException) -> str:
    """One line about an exception raised while importing a plugin: its type, its
    message, and the file and line it was raised from in the plugin's code
    (``ModuleNotFoundError: No module named 'lxmlx' (at /site/presskit_x.py:3)``)."""
    message = " ".join(str(exc).split()) or "(no message)"
    text = f"{type(exc).__name__}: {message}"
    place = _raised_at(exc)
    return f"{text} (at {place})" if place else text


def describe_object(obj: object) -> str:
    """What an entry point names, in a few words: ``a function``, ``the class Foo``,
    ``a module``, ``an object of type str``."""
    if isinstance(obj, type):
        return f"the class {obj.__qualname__}"
    if inspect.ismodule(obj):
        return "a module"
    if inspect.isroutine(obj):
        return "a function"
    return f"an object of type {type(obj).__name__}"


def _raised_at(exc: BaseException) -> str:
    """``file:line`` of the innermost frame of ``exc``'s traceback outside Python's import
    machinery and presskit's own package (the loader), or ``""``."""
    import traceback  # only when a plugin is broken

    ours = Path(__file__).resolve().parent  # presskit's own code: the loader's frames
    machinery = Path(import_module.__code__.co_filename).resolve().parent
    place = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        name = frame.filename
        if name.startswith("<"):
            continue
        path = Path(name).resolve()
        if path.is_relative_to(ours) or path.parent == machinery:
            continue
        place = f"{name}:{frame.lineno}"
    if not place and isinstance(exc, SyntaxError) and exc.filename:
        place = f"{exc.filename}:{exc.lineno}"
    return place
