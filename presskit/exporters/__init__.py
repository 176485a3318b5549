"""The exporter registry.

Exporters are found through the entry-point group ``presskit.exporters``; presskit's own
are declared there too, in its ``pyproject.toml``, exactly as a plugin would declare
one::

    [project.entry-points."presskit.exporters"]
    mine = "my_package.exporter:MyExporter"

Nothing is imported until a format is asked for. An exporter that cannot be used (its
module raises when imported, its entry point names no exporter class, two packages
declare one name) is refused when asked for by name (:func:`get`), and left out with a
warning from a build of every format (:func:`usable`); :func:`installed` lists both
kinds (see :mod:`presskit.plugins`). Names are unique: a second exporter
under a name already taken is refused unless registered with ``override=True``. A small
alias table maps common names to formats (``word`` -> ``docx``, ``txt`` -> ``text``).

A *document* exporter is a subclass of :class:`Exporter` ``[OptionsT]``, generic over its
options class, with class attributes ``name``, ``media_type`` (IANA), ``extension``
(without the dot), ``binary``, an attrs ``Options`` class (keyword-only, ``OptionsT``
itself), and a ``render(release, options: OptionsT) -> bytes`` method that is pure: it
never reads the clock, the network, the environment or the file system except the files
the release names.

A *collection* exporter (the feeds) is a subclass of :class:`CollectionExporter`
``[OptionsT]``: its ``render_collection(releases, options)`` turns many releases into
files named by path (``{"feeds/newsroom.atom": b"..."}``), with the newsroom settings
(:class:`~presskit.site.Site`) and "now" in its options.

In a build, what the pipeline knows beyond the release and the format's options (now,
the newsroom settings, the release's files rendered so far, which releases are not yet
published, each release's asset root, the files published with each release) is one
frozen :class:`BuildContext`. A document exporter's options get ``now``,
``source_date_epoch`` and ``asset_root`` from it, a collection exporter's ``now``,
``source_date_epoch``, ``site`` and ``files``; an exporter that needs more of it says so
by overriding :meth:`Exporter.in_build`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Generic, cast

import attrs
from typing_extensions import TypeVar

from presskit.errors import (
    ExportError,
    PluginError,
    PresskitError,
    PresskitWarning,
    UnknownFormatError,
)
from presskit.model import PressRelease, Translation
from presskit.paths import AssetRoot, as_asset_root
from presskit.plugins import (
    BrokenExporter,
    Declarations,
    describe,
    describe_object,
    import_target,
    scan,
)
from presskit.site import Site
from presskit.theme import Theme, default_theme

if TYPE_CHECKING:
    from presskit.buildcache import Cache
    from presskit.publication import PublishedFile

__all__ = [
    "ALIASES",
    "ENTRY_POINT_GROUP",
    "BaseExporter",
    "BuildContext",
    "CollectionDocument",
    "CollectionExporter",
    "CollectionOptions",
    "Exporter",
    "ExporterOptions",
    "Installed",
    "apply_variant",
    "as_site",
    "available",
    "export",
    "export_collection",
    "get",
    "installed",
    "register",
    "resolve",
    "usable",
]

ENTRY_POINT_GROUP = "presskit.exporters"

#: Other names users type for a format.
ALIASES: Mapping[str, str] = {
    "txt": "text",
    "plain": "text",
    "word": "docx",
    "dump": "json",
    "model": "json",
    "7901": "iptc7901",
    "anpa": "anpa1312",
    "newsml": "newsmlg2",
    "g2": "newsmlg2",
    "email": "eml",
    "mail": "eml",
    "zip": "kit",
    "json-feed": "jsonfeed",
    "jf": "jsonfeed",
}


def _aware_or_none(
    _: object, attribute: attrs.Attribute[dt.datetime | None], value: object
) -> None:
    if value is None:
        return
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise ExportError(f"option {attribute.name}: expected a timezone-aware datetime")


@attrs.frozen(kw_only=True)
class ExporterOptions:
    """Options every exporter accepts.

    Attributes:
        now: the current instant (timezone-aware) for exporters that depend on it
            (embargo checks, feed dates); ``None`` when not known. Exporters never read
            the clock themselves.
        source_date_epoch: the timestamp for file metadata (zip entries, PDF dates), as
            ``SOURCE_DATE_EPOCH`` defines it
            (https://reproducible-builds.org/specs/source-date-epoch/); ``None`` to use
            the release's own instants.
        asset_root: the folder that relative asset paths in the release (logos,
            attachments) are relative to, as a :class:`presskit.paths.AssetRoot` (a
            folder given is converted with :meth:`~presskit.paths.AssetRoot.at`);
            ``None`` for the current folder. The build passes each release's source
            folder. Exporters read a release's files only through it: attachments stay
            inside that folder, logos inside the sources tree.
    """

    now: dt.datetime | None = attrs.field(default=None, validator=_aware_or_none)
    source_date_epoch: int | None = None
    asset_root: AssetRoot | None = attrs.field(default=None, converter=as_asset_root)


def as_site(value: object) -> Site:
    """An attrs converter for a ``site`` option: ``None`` -> an empty
    :class:`presskit.site.Site`, a mapping -> ``Site(**mapping)``, a Site as it is.

    Raises:
        ExportError: anything else.
    """
    if value is None:
        return Site()
    if isinstance(value, Mapping):
        return Site(**value)
    if not isinstance(value, Site):
        raise ExportError(f"option site: expected a presskit.site.Site, got {value!r}")
    return value


@attrs.frozen(kw_only=True)
class BuildContext:
    """What a build knows beyond one release and its format's options, passed to every
    exporter (see :meth:`Exporter.in_build`). Exporters never read the clock: ``now``
    is here.

    Attributes:
        now: the current instant (timezone-aware), for embargo decisions; ``None``:
            every embargo holds.
        source_date_epoch: the timestamp for file metadata (``SOURCE_DATE_EPOCH``), or
            ``None``.
        site: the newsroom settings (the ``[site]`` table of ``agencies.toml``).
        asset_roots: by slug, the :class:`~presskit.paths.AssetRoot` of each release
            (its source's folder); a release not listed uses the current folder.
        unpublished: the slugs of the releases of this build not yet published at
            ``now`` (under embargo, or dated later): nothing public links to them. A
            document exporter is given those among its release and the releases it
            links (translations, language versions): what its bytes, and so its cached
            copy, may depend on (see :mod:`presskit.render`); the collections all.
        siblings: the files of the release being rendered that were rendered before
            this one, by file name (``{"<slug>.pdf": b"..."}``); an exporter with
            ``renders_last`` is given every other format's file. Empty for the
            collections.
        published: by slug, the files published with each public release as they now
            are in the output folder (:class:`presskit.publication.PublishedFile`), for the
            collections' enclosures; ``None`` while the releases are being rendered.
        language_versions: by slug, the language versions of the release's news item
            (:func:`presskit.publication.language_versions`): the releases of this build
            linked to it by ``[[translations]] slug`` in either direction, the original
            first, unpublished ones too (an exporter leaves out those in
            ``unpublished``), then the ``url`` translations they declare.
        fingerprints: by slug, the key of each release's model (a hex digest that
            changes whenever the release does; :func:`presskit.buildcache.fingerprint`),
            for exporters that cache what they make from a release (feed entries).
        cache: the build cache (:class:`presskit.buildcache.Cache`) where an exporter
            may keep what it makes from a release by a key that includes the release's
            fingerprint, or ``None`` (no cache: ``--no-cache``, or the API's default).
        theme: the build's theme (:class:`presskit.theme.Theme`: colours, fonts,
            templates), the default theme unless the build names one; an exporter's own
            ``theme`` option, when given, wins over it.
    """

    now: dt.datetime | None = attrs.field(default=None, validator=_aware_or_none)
    source_date_epoch: int | None = None
    site: Site = attrs.field(factory=Site)
    asset_roots: Mapping[str, AssetRoot] = attrs.field(factory=dict)
    unpublished: frozenset[str] = frozenset()
    siblings: Mapping[str, bytes] = attrs.field(factory=dict)
    published: Mapping[str, Sequence[PublishedFile]] | None = None
    language_versions: Mapping[str, tuple[Translation, ...]] = attrs.field(factory=dict)
    fingerprints: Mapping[str, str] = attrs.field(factory=dict)
    cache: Cache | None = None
    theme: Theme = attrs.field(factory=default_theme)

    def asset_root(self, slug: str) -> AssetRoot | None:
        """The asset root of the release ``slug``, or ``None`` (the current folder)."""
        return self.asset_roots.get(slug)


class BaseExporter:
    """What every exporter declares: its name, media type, file extension, options.

    Every attribute is a class attribute with a default here or in :class:`Exporter` and
    :class:`CollectionExporter`, so that the registry and the build read them as they
    are, never with a fallback.
    """

    name: ClassVar[str]
    media_type: ClassVar[str]
    extension: ClassVar[str]
    binary: ClassVar[bool] = False
    #: Named option presets written as separate files by ``presskit build -f NAME``
    #: (``{"sg": {"profile": "sg"}, ...}``); ``NAME:VARIANT`` picks one.
    variants: ClassVar[Mapping[str, Mapping[str, object]]] = {}
    #: The options class, an attrs class (frozen, keyword-only).
    Options: ClassVar[type[attrs.AttrsInstance]] = ExporterOptions
    description: ClassVar[str] = ""
    #: True for collection exporters (many releases in, files by path out).
    collection: ClassVar[bool] = False

    @classmethod
    def option_names(cls) -> list[str]:
        """The names of this exporter's options, in the order ``Options`` declares them."""
        return [a.name for a in attrs.fields(cls.Options)]

    @classmethod
    def make_options(cls, **values: object) -> attrs.AttrsInstance:
        """Build this exporter's options; an unknown or invalid option raises
        :class:`ExportError` naming it and listing the valid ones."""
        known = cls.option_names()
        unknown = sorted(set(values) - set(known))
        if unknown:
            import difflib

            close = difflib.get_close_matches(unknown[0], known, n=1) if len(unknown) == 1 else []
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ExportError(
                f"{cls.name}: unknown option{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(unknown)}{hint}; options are: {', '.join(known)}"
            )
        make: Callable[..., attrs.AttrsInstance] = cls.Options
        try:
            return make(**values)
        except ExportError as exc:
            if str(exc).startswith(f"{cls.name}:"):
                raise
            raise ExportError(f"{cls.name}: {exc}") from None
        except PresskitError:
            raise
        except (TypeError, ValueError) as exc:
            raise ExportError(f"{cls.name}: {exc}") from None


#: The options class of a document exporter (:class:`ExporterOptions` or a subclass).
OptionsT = TypeVar("OptionsT", bound=ExporterOptions, default=ExporterOptions)


class Exporter(BaseExporter, Generic[OptionsT]):
    """Base class of document exporters: one release in, the bytes of one file out;
    generic over its options class (``class TextExporter(Exporter[TextOptions])``, with
    ``Options = TextOptions``).

    Class attributes a document exporter may also set:

    * ``file_name``: a fixed file name in the release's folder (``"index.html"``)
      instead of ``<slug>.<extension>``;
    * ``renders_last``: the build renders it after the release's other formats, whose
      bytes are then in :attr:`BuildContext.siblings` (to link or bundle them).

    An exporter that needs more of the build than ``now``, ``source_date_epoch`` and
    ``asset_root`` (the newsroom settings, its release's other files, which releases are
    published) overrides :meth:`in_build`.
    """

    Options: ClassVar[type[ExporterOptions]] = ExporterOptions
    file_name: ClassVar[str | None] = None
    renders_last: ClassVar[bool] = False

    @classmethod
    def make_options(cls, **values: object) -> OptionsT:
        """Build this exporter's options (an ``OptionsT``); an unknown or invalid option
        raises :class:`ExportError` naming it and listing the valid ones."""
        return cast(OptionsT, super().make_options(**values))

    @classmethod
    def in_build(cls, options: OptionsT, context: BuildContext) -> OptionsT:
        """The options to render with in a build: ``options`` (the user's, with ``now``,
        ``source_date_epoch`` and ``asset_root`` from ``context``) completed from
        ``context``. The default returns them as they are; an exporter that needs the
        newsroom settings, its release's other files or what is published overrides it
        (``attrs.evolve(options, site=context.site)``)."""
        return options

    @classmethod
    def file_for(cls, slug: str, variant: str | None = None) -> str:
        """The name of this format's file in the folder of the release ``slug``: the
        fixed ``file_name``, else ``<slug>.<extension>`` or
        ``<slug>.<variant>.<extension>``."""
        if cls.file_name:
            return cls.file_name
        middle = f".{variant}" if variant else ""
        return f"{slug}{middle}.{cls.extension}"

    def render(self, release: PressRelease, options: OptionsT) -> bytes:
        """Render ``release`` with ``options`` (an instance of ``Options``)."""
        raise NotImplementedError

    def export(self, release: PressRelease, **options: object) -> bytes:
        """Render with options given as keywords."""
        return self.render(release, self.make_options(**options))


@attrs.frozen(kw_only=True)
class CollectionOptions:
    """Options every collection exporter accepts.

    Attributes:
        now: the current instant (timezone-aware); releases under embargo at ``now`` are
            left out. Required by the feeds; exporters never read the clock.
        source_date_epoch: as for :class:`ExporterOptions`; feeds with no entries are
            dated by it (else by ``now``).
        site: the newsroom settings (:class:`presskit.site.Site`, or a mapping of its
            fields).
        files: by slug, the files published with each release
            (:class:`presskit.publication.PublishedFile`), for enclosures; ``None`` lists only
            the releases' declared attachments. The build passes what it wrote.
    """

    now: dt.datetime | None = attrs.field(default=None, validator=_aware_or_none)
    source_date_epoch: int | None = None
    site: Site = attrs.field(default=None, converter=as_site)
    files: Mapping[str, Sequence[PublishedFile]] | None = None


#: The options class of a collection exporter (:class:`CollectionOptions` or a subclass).
CollectionOptionsT = TypeVar(
    "CollectionOptionsT", bound=CollectionOptions, default=CollectionOptions
)


class CollectionExporter(BaseExporter, Generic[CollectionOptionsT]):
    """Base class of collection exporters: many releases in, files by path out; generic
    over its options class. In a build, its options get ``now``, ``source_date_epoch``,
    ``site`` and ``files`` from the :class:`BuildContext`."""

    Options: ClassVar[type[CollectionOptions]] = CollectionOptions
    collection: ClassVar[bool] = True
    #: True when it cannot be written without ``site.base_url`` (the feeds).
    needs_base_url: ClassVar[bool] = False
    #: Globs (relative to the output folder) of the files this format owns: the build
    #: removes those it did not write this time, so nothing stale stays published.
    owned: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def make_options(cls, **values: object) -> CollectionOptionsT:
        """Build this exporter's options (a ``CollectionOptionsT``); see
        :meth:`Exporter.make_options`."""
        return cast(CollectionOptionsT, super().make_options(**values))

    @classmethod
    def in_build(cls, options: CollectionOptionsT, context: BuildContext) -> CollectionOptionsT:
        """As :meth:`Exporter.in_build`: the default returns ``options`` as they are."""
        return options

    def render_collection(
        self, releases: Sequence[PressRelease], options: CollectionOptionsT
    ) -> dict[str, bytes]:
        """Render ``releases`` with ``options``; return ``{path: bytes}``, paths relative
        to the output folder (POSIX separators), in a stable order."""
        raise NotImplementedError

    def documents(
        self, releases: Sequence[PressRelease], options: CollectionOptionsT
    ) -> Iterator[CollectionDocument]:
        """The files of :meth:`render_collection`, one at a time and rendered on demand,
        so that a build writes each as it is made (memory stays flat with the number of
        files) and leaves alone one whose :attr:`CollectionDocument.key` says its inputs
        did not change since it was last written (see :mod:`presskit.pipeline`).

        The default renders everything with :meth:`render_collection` and yields its
        files without keys (always rewritten when their bytes change); an exporter with
        many files overrides it.
        """
        for path, data in self.render_collection(releases, options).items():
            yield CollectionDocument(path, None, _constant(data))

    def export_collection(
        self, releases: Sequence[PressRelease], **options: object
    ) -> dict[str, bytes]:
        """Render with options given as keywords.

        Raises:
            ExportError: two releases have the same slug (their feed entries would share
                one id and one link), or as :meth:`render_collection`.
        """
        releases = list(releases)
        _check_unique_slugs(releases, self.name)
        return self.render_collection(releases, self.make_options(**options))


@attrs.frozen
class CollectionDocument:
    """One file of a collection format, not yet rendered.

    Attributes:
        path: relative to the output folder, POSIX separators (``feeds/newsroom.atom``).
        key: a hex digest of everything the file's bytes depend on (releases, options,
            site, now where it matters, presskit's version), or ``None`` when the
            exporter cannot tell. Two documents with one path and one key have the same
            bytes, so a build that finds the file it wrote under this key intact neither
            calls :attr:`make` nor rewrites it.
        make: renders the bytes; called at most once per build.
    """

    path: str
    key: str | None
    make: Callable[[], bytes]


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _check_unique_slugs(releases: Sequence[PressRelease], name: str) -> None:
    """Refuse two releases with one slug: a slug is a release's identity in every
    collection (its folder, its URL, its feed entry's id and guid)."""
    seen: dict[str, int] = {}
    for index, release in enumerate(releases):
        slug = getattr(release, "slug", None)
        if not isinstance(slug, str):
            continue  # not a release: render_collection names it
        if slug in seen:
            raise ExportError(
                f"{name}: releases[{seen[slug]}] and releases[{index}] have the same slug "
                f"{slug!r}; a slug identifies a release (its URL, its feed entry id): "
                "give each release its own"
            )
        seen[slug] = index


@attrs.define
class _Registry:
    loaded: dict[str, type[BaseExporter]] = attrs.Factory(dict)
    scanned: Declarations | None = None
    broken: dict[str, BrokenExporter] = attrs.Factory(dict)

    def declarations(self) -> Declarations:
        """The installed packages' entry points, read once (nothing is imported)."""
        if self.scanned is None:
            self.scanned = scan(ENTRY_POINT_GROUP)
        return self.scanned

    def load(self, key: str) -> type[BaseExporter] | BrokenExporter:
        """The exporter class of the format ``key`` (a registered or declared name),
        imported on first use, or why it cannot be used; either is remembered."""
        if key in self.loaded:
            return self.loaded[key]
        if key not in self.broken:
            outcome = _load(key, self.declarations())
            if isinstance(outcome, BrokenExporter):
                self.broken[key] = outcome
                return outcome
            self.loaded[key] = outcome
            return outcome
        return self.broken[key]


def _load(key: str, found: Declarations) -> type[BaseExporter] | BrokenExporter:
    """Import the exporter declared as ``key``; what is wrong with it, if anything."""
    clash = found.clashes.get(key)
    if clash:
        return BrokenExporter(
            key,
            clash,
            "declare one name",
            advice="uninstall all but one, or register the one you want with override=True",
        )
    declaration = found.chosen[key]
    try:
        obj = import_target(declaration.target)
    except (ImportError, AttributeError) as exc:
        if declaration.builtin:  # presskit itself is broken (a dependency missing): stop
            raise PresskitError(
                f"cannot load exporter {key!r} from {declaration.target}: {exc}"
            ) from exc
        return BrokenExporter(key, (declaration,), f"failed to import: {describe(exc)}")
    except (Exception, SystemExit) as exc:  # a plugin's import must not stop presskit
        if declaration.builtin:
            raise  # a bug in presskit: the crash report names it
        return BrokenExporter(key, (declaration,), f"failed to import: {describe(exc)}")
    if not (isinstance(obj, type) and issubclass(obj, (Exporter, CollectionExporter))):
        return BrokenExporter(
            key,
            (declaration,),
            f"names {describe_object(obj)}, not an exporter class (a subclass of "
            "presskit.exporters.Exporter or CollectionExporter)",
        )
    if getattr(obj, "name", None) != key:
        return BrokenExporter(
            key,
            (declaration,),
            f"is declared as {key!r} but its class's name attribute is "
            f"{getattr(obj, 'name', None)!r}; the two must match",
        )
    problem = _malformed(obj)
    if problem:
        return BrokenExporter(key, (declaration,), f"names the class {obj.__qualname__}, {problem}")
    return obj


def _malformed(exporter: type[BaseExporter]) -> str:
    """What a loaded exporter class lacks that the build reads without a fallback
    (its text attributes, an attrs ``Options`` class), or ``""``."""
    missing = [
        attr
        for attr in ("media_type", "extension")
        if not isinstance(getattr(exporter, attr, None), str)
    ]
    if missing:
        return f"which has no {' and no '.join(missing)} (a str class attribute)"
    if not attrs.has(exporter.Options):
        return f"whose Options ({describe_object(exporter.Options)}) is not an attrs class"
    return ""


_registry = _Registry()


def register(exporter: type[BaseExporter], *, override: bool = False) -> None:
    """Register an exporter class under ``exporter.name`` (for exporters defined in
    code; packages should declare an entry point instead).

    Raises:
        PresskitError: the name is taken and ``override`` is false.
    """
    name = exporter.name
    taken = name in _registry.loaded or name in _registry.declarations().chosen
    if taken and not override:
        raise PresskitError(f"an exporter is already registered as {name!r}; pass override=True")
    _registry.loaded[name] = exporter


def available() -> list[str]:
    """The registered format names, sorted (nothing is imported): broken plugins too,
    which :func:`get` refuses and :func:`installed` lists apart."""
    return sorted(set(_registry.declarations().chosen) | set(_registry.loaded))


def resolve(name: str) -> str:
    """The canonical format name for ``name`` or one of its aliases (case-insensitive).

    Raises:
        UnknownFormatError: no such format; the message lists the available ones.
    """
    key = name.strip().lower()
    names = available()
    if key in names:
        return key
    target = ALIASES.get(key)
    if target in names:
        return target
    raise UnknownFormatError(name, names)


def get(name: str) -> type[BaseExporter]:
    """The exporter class for format ``name`` (or an alias), imported on first use.

    Raises:
        UnknownFormatError: no such format.
        PluginError: the format's exporter cannot be used (see
            :class:`presskit.plugins.BrokenExporter`): its module raises when imported,
            its entry point names no exporter class or one of another name, or two
            packages declare the name. The message names the entry point and the
            package.
    """
    outcome = _registry.load(resolve(name))
    if isinstance(outcome, BrokenExporter):
        raise PluginError(outcome.error())
    return outcome


@attrs.frozen
class Installed:
    """Every registered exporter, imported (see :func:`installed`).

    Attributes:
        formats: by format name, sorted, the exporter classes that load.
        broken: the exporters that cannot be used, by name: those missing from
            ``formats``, and the declarations of presskit's own format names by other
            packages (``ignored``: presskit's exporter is in ``formats``).
    """

    formats: Mapping[str, type[BaseExporter]]
    broken: tuple[BrokenExporter, ...]


def installed() -> Installed:
    """Import every registered exporter: those that load, and those that cannot be used,
    with the reason.

    Raises:
        PresskitError: one of presskit's own exporters cannot be imported (a missing
            dependency); a broken plugin raises nothing.
    """
    formats: dict[str, type[BaseExporter]] = {}
    broken: list[BrokenExporter] = list(_registry.declarations().ignored)
    for name in available():
        outcome = _registry.load(name)
        if isinstance(outcome, BrokenExporter):
            broken.append(outcome)
        else:
            formats[name] = outcome
    broken.sort(key=lambda b: (b.name, b.ignored))
    return Installed(formats, tuple(broken))


def usable() -> list[str]:
    """The names of the formats whose exporters load, sorted: what a build of "every
    format" writes. Each broken plugin is left out with a
    :class:`~presskit.errors.PresskitWarning` naming its entry point and the reason
    (asked for by name, with :func:`get`, it is an error instead)."""
    found = installed()
    for problem in found.broken:
        warnings.warn(PresskitWarning(problem.warning()), stacklevel=2)
    return list(found.formats)


def apply_variant(
    exporter: type[BaseExporter], variant: str | None, options: Mapping[str, object]
) -> dict[str, object]:
    """The options of one variant of ``exporter``: ``options`` with the variant's preset
    (``{"profile": "us"}`` for ``text:us``); ``None`` or ``""`` for no variant. Both
    :func:`export` and the build (:func:`presskit.pipeline.parse_targets`) resolve
    variants here.

    Raises:
        ExportError: the variant is unknown, or an option sets a key the variant
            chooses, to another value (the message names the variant to pick).
    """
    if not variant:
        return dict(options)
    fmt = exporter.name
    if variant not in exporter.variants:
        raise ExportError(
            f"{fmt}: unknown variant {variant!r}; variants: "
            f"{', '.join(exporter.variants) or '(none)'}"
        )
    preset = exporter.variants[variant]
    clash = sorted(k for k in set(preset) & set(options) if options[k] != preset[k])
    if clash:
        wanted = str(options[clash[0]])
        hint = (
            f"{fmt}:{wanted}"
            if wanted in exporter.variants
            else f"one of {', '.join(f'{fmt}:{v}' for v in exporter.variants)}"
        )
        raise ExportError(
            f"{fmt}: {', '.join(clash)} is chosen by the variant; pick the variant instead: {hint}"
        )
    return {**options, **preset}


def export(release: PressRelease, format: str, **options: object) -> bytes:
    """Render ``release`` as ``format`` and return the file's bytes.

    Args:
        release: the release.
        format: a format name or alias (``"text"``, ``"json"``, ``"docx"`` ...),
            optionally with a variant (``"text:us"``).
        **options: the exporter's options, e.g. ``profile="us", width=72`` for ``text``.

    Raises:
        UnknownFormatError: no such format.
        ExportError: an unknown variant, an unknown or invalid option, or the release
            cannot be rendered.
    """
    name, _, variant = format.partition(":")
    exporter = get(name)
    if not issubclass(exporter, Exporter):
        raise ExportError(
            f"{exporter.name} is a collection format (many releases in): use "
            f"presskit.export_collection(releases, {exporter.name!r}, site=..., now=...)"
        )
    document: type[Exporter] = exporter
    return document().export(release, **apply_variant(document, variant, options))


def export_collection(
    releases: Sequence[PressRelease], format: str, **options: object
) -> dict[str, bytes]:
    """Render many releases as a collection format (``"rss"``, ``"atom"``,
    ``"jsonfeed"``) and return ``{path: bytes}``, paths relative to the site root.

    Args:
        releases: the releases (embargoed ones are filtered by ``now``).
        format: a collection format name or alias.
        **options: ``site`` (a :class:`presskit.site.Site`), ``now`` (timezone-aware),
            ``files`` and the exporter's own options.

    Raises:
        UnknownFormatError: no such format.
        ExportError: the format is a document format, an option is invalid, or the
            collection cannot be rendered (no ``now``, no ``site.base_url``).
    """
    exporter = get(format)
    if not issubclass(exporter, CollectionExporter):
        raise ExportError(
            f"{exporter.name} is a document format (one release in): use "
            f"presskit.export(release, {exporter.name!r})"
        )
    collection: type[CollectionExporter] = exporter
    return collection().export_collection(releases, **options)
