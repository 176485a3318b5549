"""``kit``: the press kit, one zip file with everything that goes out with a release.

The zip (PKWARE APPNOTE 6.3.x, "ZIP File Format Specification") holds one folder named
after the release's slug::

    <slug>/README.txt              what the kit is and holds, embargo, contacts
    <slug>/manifest.json           every other file: name, media type, size, SHA-256 ...
    <slug>/<slug>.docx             every other document format of the registry, each
    <slug>/<slug>.eml              variant (<slug>.sg.txt, .us.txt, .uk.txt) ...
    <slug>/attachments/<name>      the release's local attachments, as they are
    <slug>/logos/<issuer-id>.<ext> the issuers' logos, as they are (PNG, JPEG, SVG ...)

Not in it: the kit itself, collection formats (the feeds), remote attachments (presskit
never downloads; ``manifest.json`` lists their URLs under ``not_included``), and a format
that cannot carry the release (:class:`~presskit.errors.UnsupportedContentError`, such as
the e-mail of a release with no contact address), which ``README.txt`` and ``manifest.json`` list as
not included, with the reason.

``manifest.json`` (UTF-8, LF)::

    {"kit": 1, "slug": ..., "headline": ..., "language": ..., "issued_at": ...,
     "embargoed_until": ... | null,
     "files": [{"name": "attachments/map.png", "kind": "attachment",
                "format": null, "variant": null, "media_type": "image/png",
                "size": 1234, "sha256": "<64 hex digits>", "title": ..., "caption": ...,
                "credit": ..., "licence": ..., "alt_text": ...}, ...],
     "not_included": [{"name": ..., "kind": "format" | "attachment" | "logo",
                       "reason": ...}, ...]}

``name`` is relative to the kit folder (POSIX ``/``), ``size`` in bytes, instants in ISO
8601 with their offsets; ``files`` lists every entry of the zip except ``README.txt`` and
``manifest.json``, sorted by name. ``README.txt`` is UTF-8 with CR LF line endings, so
that every text editor shows it as written.

The bytes are the same on every build, in every process: entries sorted by name, every
entry dated ``source_date_epoch`` (else the release's ``updated_at`` or ``issued_at``, in
UTC; never the clock; zip dates before 1980 cannot be written and become 1980-01-01),
Unix permissions ``rw-r--r--``, no comment and no extra fields. Files that are
compressed already (PDF, DOCX, zip, PNG, JPEG ...: :data:`COMPRESSED`, by suffix) are
stored as they are; the others (text, XML, JSON, the e-mail, SVG) deflated at level 9.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

if TYPE_CHECKING:
    from presskit.paths import ContainedFile

from presskit.errors import ExportError, UnsupportedContentError
from presskit.exporters import BuildContext, Exporter, ExporterOptions
from presskit.layout import contact_lines, format_dateline, join_names, label, status_line
from presskit.model import PressRelease
from presskit.profiles import check_profile, resolve_profile
from presskit.theme import Theme, theme_option

__all__ = ["KitExporter", "KitOptions"]

#: Logo files kept as they are, by suffix; any other logo is converted to PNG.
_IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".bmp": "image/bmp",
}

#: The label (``kit.format.<name>``) that titles each of presskit's own formats in
#: README.txt and manifest.json, in the release's language, for the journalists who read
#: them; any other format is titled with its exporter's description.
_TITLES = {
    spec: "kit.format." + spec.replace(":", ".")
    for spec in (
        "docx", "pdf", "eml", "json", "text:sg", "text:us", "text:uk", "html", "nitf",
        "ninjs", "newsmlg2", "iptc7901", "anpa1312",
    )
}  # fmt: skip

#: Permissions of every entry: a regular file, rw-r--r--.
_FILE_MODE = 0o100644


def _check_siblings(
    _: object, attribute: attrs.Attribute[Any], value: Mapping[str, bytes] | None
) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, bytes) for k, v in value.items()
    ):
        raise ExportError(
            'kit: option siblings must map file names ("<slug>.pdf") to bytes; the build fills it'
        )


@attrs.frozen(kw_only=True)
class KitOptions(ExporterOptions):
    """Options of the ``kit`` exporter.

    Attributes:
        profile: the house style of the dates and contacts in ``README.txt``: ``"sg"``
            (default), ``"us"`` or ``"uk"``. The formats in the kit use their own
            defaults (or what ``siblings`` holds).
        siblings: files of this release already rendered, by file name
            (``{"<slug>.pdf": b"...", "<slug>.sg.txt": b"..."}``); they go into the kit
            as they are, and the other formats are rendered with their default options.
            ``presskit build`` fills it with the files it rendered for the release
            before the kit (``renders_last``), so the kit holds the very files written
            next to it, options set with ``--set`` included; ``None`` (default) renders
            every format.
        theme: the theme (:class:`presskit.theme.Theme` or its folder) of the formats
            the kit renders itself (those not in ``siblings``) that take one; ``None``:
            the build's theme, else presskit's default.
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    siblings: Mapping[str, bytes] | None = attrs.field(default=None, validator=_check_siblings)
    theme: Theme | None = attrs.field(default=None, converter=theme_option)


class KitExporter(Exporter[KitOptions]):
    """The press kit (see the module documentation).

    Raises (from :meth:`render`):
        ExportError: a format fails to render the release, a local attachment or logo
            is missing or unreadable, or two attachments have the same file name.
    """

    name: ClassVar[str] = "kit"
    media_type: ClassVar[str] = "application/zip"
    extension: ClassVar[str] = "zip"
    binary: ClassVar[bool] = True
    #: The build renders the kit after the release's other formats and passes them in
    #: ``siblings``.
    renders_last: ClassVar[bool] = True
    Options: ClassVar[type[KitOptions]] = KitOptions
    description: ClassVar[str] = "press kit: every format, attachments and logos in one zip"

    @classmethod
    def in_build(cls, options: KitOptions, context: BuildContext) -> KitOptions:
        """In a build, the kit holds the very files rendered before it, and renders the
        others in the build's theme."""
        return attrs.evolve(options, siblings=context.siblings,
                            theme=options.theme or context.theme)  # fmt: skip

    def render(self, release: PressRelease, options: KitOptions) -> bytes:
        return _Kit(release, options).render()


@attrs.define
class _Entry:
    name: str
    data: bytes
    kind: str
    media_type: str
    format: str | None = None
    variant: str | None = None
    title: str | None = None
    caption: str | None = None
    credit: str | None = None
    licence: str | None = None
    alt_text: str | None = None

    def manifest(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "format": self.format,
            "variant": self.variant,
            "media_type": self.media_type,
            "size": len(self.data),
            "sha256": hashlib.sha256(self.data).hexdigest(),
            "title": self.title,
            "caption": self.caption,
            "credit": self.credit,
            "licence": self.licence,
            "alt_text": self.alt_text,
        }


class _Kit:
    def __init__(self, release: PressRelease, options: KitOptions) -> None:
        self.release = release
        self.options = options
        self.entries: list[_Entry] = []
        self.missing: list[dict[str, str]] = []

    def render(self) -> bytes:
        self.attachments()  # the files first: a missing one stops the kit before any
        self.logos()  # format is rendered
        self.formats()
        names = [e.name for e in self.entries]
        clash = sorted({n for n in names if names.count(n) > 1})
        if clash:
            raise ExportError(f"kit: two files would be called {clash[0]!r} in the kit")
        self.entries.sort(key=lambda e: e.name)
        files = {e.name: e.data for e in self.entries}
        files["manifest.json"] = self.manifest()
        files["README.txt"] = self.readme()
        return _zip(self.release.slug, files, self._date_time())

    # --- contents ---

    def formats(self) -> None:
        """Every other document format, each variant, from ``siblings`` or rendered
        here with its defaults; named as the build names them (``<slug>.<ext>``,
        ``<slug>.<variant>.<ext>``, or the exporter's fixed ``file_name``)."""
        from presskit import exporters

        siblings = self.options.siblings or {}
        for name, exporter in exporters.installed().formats.items():
            if issubclass(exporter, KitExporter) or not issubclass(exporter, exporters.Exporter):
                continue
            variants: list[str | None] = [*exporter.variants] or [None]
            for variant in variants:
                spec = f"{name}:{variant}" if variant else name
                filename = exporter.file_for(self.release.slug, variant)
                data = siblings.get(filename)
                if data is None:
                    themed = (
                        {"theme": self.options.theme} if "theme" in exporter.option_names() else {}
                    )
                    try:
                        data = exporters.export(
                            self.release,
                            spec,
                            now=self.options.now,
                            source_date_epoch=self.options.source_date_epoch,
                            asset_root=self.options.asset_root,
                            **themed,
                        )
                    except UnsupportedContentError as exc:
                        self.missing.append(
                            {"name": filename, "kind": "format", "reason": str(exc)}
                        )
                        continue
                key = _TITLES.get(spec)
                title = label(key, self.release.language) if key else None
                title = title or exporter.description or name
                if variant and spec not in _TITLES:
                    title = f"{title} ({variant})"
                self.entries.append(
                    _Entry(
                        filename,
                        data,
                        "format",
                        exporter.media_type,
                        format=name,
                        variant=variant,
                        title=title,
                    )
                )

    def attachments(self) -> None:
        from presskit.paths import AssetRoot

        root = AssetRoot.or_cwd(self.options.asset_root)
        for index, attachment in enumerate(self.release.attachments):
            what = f"attachments[{index}] ({attachment.href})"
            if "://" in attachment.href:
                self.missing.append(
                    {
                        "name": attachment.href,
                        "kind": "attachment",
                        "reason": label("kit.reason.remote", self.release.language),
                    }
                )
                continue
            name = _safe_name(Path(attachment.href).name)
            if not name:
                raise ExportError(f"kit: {what} does not name a file")
            data = _read(_found(root.attachment, attachment.href, what), what)
            self.entries.append(
                _Entry(
                    f"attachments/{name}",
                    data,
                    "attachment",
                    attachment.media_type,
                    title=attachment.title,
                    caption=attachment.caption,
                    credit=attachment.credit,
                    licence=attachment.licence,
                    alt_text=attachment.alt_text,
                )
            )

    def logos(self) -> None:
        from presskit.assets import normalise_image
        from presskit.paths import AssetRoot

        root = AssetRoot.or_cwd(self.options.asset_root)
        for issuer in self.release.issuers:
            if not issuer.logo:
                continue
            what = f"{issuer.name}'s logo"
            if "://" in issuer.logo:
                self.missing.append(
                    {
                        "name": issuer.logo,
                        "kind": "logo",
                        "reason": label("kit.reason.remote", self.release.language),
                    }
                )
                continue
            file = _found(root.logo, issuer.logo, what)
            suffix = file.suffix.lower()
            media_type = _IMAGE_TYPES.get(suffix)
            if media_type is None:  # an image of another kind: as PNG
                try:
                    data = normalise_image(file, what)
                except ExportError as exc:
                    raise ExportError(f"kit: {exc}") from None
                suffix = ".png" if data[:4] == b"\x89PNG" else ".jpg"
                media_type = _IMAGE_TYPES[suffix]
            else:
                data = _read(file, what)
            self.entries.append(
                _Entry(
                    f"logos/{issuer.id}{'.jpg' if suffix == '.jpeg' else suffix}",
                    data,
                    "logo",
                    media_type,
                    title=label("logo", self.release.language, name=issuer.name),
                    credit=issuer.name,
                    alt_text=label("logo", self.release.language, name=issuer.name),
                )
            )

    # --- manifest and README ---

    def manifest(self) -> bytes:
        release = self.release
        until = release.embargoed_until
        document = {
            "kit": 1,
            "slug": release.slug,
            "headline": release.headline,
            "language": release.language,
            "issued_at": release.issued_at.isoformat(),
            "embargoed_until": until.isoformat() if until else None,
            "files": [e.manifest() for e in self.entries],
            "not_included": sorted(self.missing, key=lambda m: (m["kind"], m["name"])),
        }
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def readme(self) -> bytes:
        from presskit.textutils import wrap

        release = self.release
        profile = resolve_profile(self.options.profile, release)
        locale = release.language

        def para(text: str, indent: str = "") -> list[str]:
            return wrap(text, 72, initial_indent=indent, subsequent_indent=indent, locale=locale)

        lang = release.language
        out: list[str] = [label("kit.title", lang), ""]
        out += para(release.headline)
        out.append("")
        issuers = join_names([f"{i.name} ({i.short_name})" if i.short_name != i.name
                              else i.name for i in release.issuers], lang)  # fmt: skip
        dateline = format_dateline(release, profile)
        out += para(label("kit.issued", lang, issuers=issuers, dateline=dateline))
        status = status_line(release, profile, self.options.now)
        if release.embargoed_until is not None and status != label(
            "status.immediate", lang, profile.name
        ):
            status = label(
                "kit.embargo_line", lang, status=status, embargo=label("kit.embargo", lang)
            )
        out += ["", *para(status), "", label("kit.files", lang), ""]
        for entry in self.entries:
            out.append(f"  {entry.name}")
            if entry.title:
                out += para(entry.title, "      ")
        if self.missing:
            out += ["", label("kit.not_included", lang), ""]
            for item in sorted(self.missing, key=lambda m: (m["kind"], m["name"])):
                out += para(f"{item['name']}: {item['reason']}", "  ")
        out += ["", *para(label("kit.manifest", lang))]
        contacts = [c for c in release.media_contacts if c.email or c.phone]
        if contacts:
            out += ["", label("media_contacts", lang), ""]
            for contact in contacts:
                lines = contact_lines(contact, profile, lang)
                out += [f"  {line.label}{line.text}" for line in lines]
                out.append("")
            out.pop()
        return ("\r\n".join(out) + "\r\n").encode("utf-8")

    def _date_time(self) -> tuple[int, int, int, int, int, int]:
        if self.options.source_date_epoch is not None:
            moment = dt.datetime.fromtimestamp(self.options.source_date_epoch, dt.UTC)
        else:
            moment = (self.release.updated_at or self.release.issued_at).astimezone(dt.UTC)
        moment = min(
            max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)),
            dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC),
        )
        return (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                moment.second - moment.second % 2)  # fmt: skip


#: Files already compressed inside, by suffix: stored as they are (deflating them again
#: costs time and saves next to nothing, or makes them larger).
COMPRESSED = frozenset(
    (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub", ".zip", ".gz",
     ".bz2", ".xz", ".7z", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".heic",
     ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".mp4", ".m4v", ".mov", ".webm", ".woff",
     ".woff2")
)  # fmt: skip


def _zip(folder: str, files: Mapping[str, bytes], date_time: tuple[int, ...]) -> bytes:
    """The files under ``folder/`` in a zip, sorted by name, with fixed metadata: those
    whose suffix is in :data:`COMPRESSED` stored, the others deflated at level 9."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=date_time)  # type: ignore[arg-type]
            stored = PurePosixPath(name).suffix.lower() in COMPRESSED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that external_attr holds the permissions
            info.external_attr = _FILE_MODE << 16
            archive.writestr(info, files[name], compresslevel=None if stored else 9)
    return out.getvalue()


def _found(find: Callable[[str, str], ContainedFile], href: str, what: str) -> ContainedFile:
    """The file ``find`` (a method of :class:`presskit.paths.AssetRoot`) returns."""
    try:
        return find(href, what)
    except ExportError as exc:
        raise ExportError(f"kit: {exc}") from None


def _read(file: ContainedFile, what: str) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise ExportError(f"kit: cannot read {what} {file.shown!r}: {exc.strerror}") from None


def _safe_name(name: str) -> str:
    """A file name that stays in its folder when the kit is unzipped anywhere."""
    name = name.replace("\\", "_").replace("/", "_")
    if name in ("", ".", "..") or PurePosixPath(name).is_absolute():
        return ""
    return name
