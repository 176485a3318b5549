"""``agencies.toml``: issuers defined once, referenced by id from every release.

Format (TOML)::

    [site]                      # optional, for the whole newsroom (presskit.site.Site)
    name = "MDDI and IMDA Newsroom"
    base_url = "https://newsroom.example.org/"   # where the build folder is published
    description = "Press releases of MDDI and IMDA"
    time_zone = "Asia/Singapore" # IANA; used for date-only values and local times
    language = "en"
    feed_page_size = 50          # entries per feed document (RFC 5005 archives beyond)

    [agencies.imda]
    name = "Infocomm Media Development Authority"
    short_name = "IMDA"
    url = "https://www.imda.gov.sg"
    logo = "logos/imda.png"      # relative to this file
    about_heading = "About the Infocomm Media Development Authority (IMDA)"
    about = '''
    Markdown paragraphs of the boilerplate.
    '''

    [[agencies.imda.contacts]]
    id = "adeline-lee"           # referenced as "imda/adeline-lee"
    name = "Adeline Lee"
    honorific = "Ms"
    title = "Assistant Director"
    department = "Communications and Marketing"
    email = "media@imda.gov.sg"

A contact's ``organisation`` defaults to the agency's name. An agency without
``about_heading`` gets the label ``about`` (``About {name}``) as its boilerplate's heading,
in the site's language here and in each release's own language when a release prints it
(:func:`presskit.sources.release.load_release`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from presskit.dump import flatten_errors
from presskit.errors import ModelError, SourceError
from presskit.model import Boilerplate, Issuer, MediaContact
from presskit.paths import AGENCIES_FILE
from presskit.site import Site
from presskit.sources._structure import ContactSpec, strict_converter
from presskit.sources._toml import key_line, parse_toml

__all__ = [
    "AGENCIES_FILE",
    "Agencies",
    "Site",
    "agency_name_keys",
    "find_agencies",
    "load_agencies",
    "same_agency",
]


@attrs.define
class _AgencySpec:
    name: str
    short_name: str | None = None
    url: str | None = None
    logo: str | None = None
    about_heading: str | None = None
    about: str | None = None
    contacts: list[ContactSpec] = attrs.Factory(list)


@attrs.define
class _FileSpec:
    site: Site = attrs.Factory(Site)
    agencies: dict[str, _AgencySpec] = attrs.Factory(dict)


@attrs.frozen
class Agencies:
    """The issuers and contacts an ``agencies.toml`` defines.

    Attributes:
        path: the file they came from (``None`` when built in code).
        site: newsroom settings.
        issuers: by id, in file order.
        contacts: by ``"issuer-id/contact-id"``, in file order.
        default_about: the ids of the issuers whose boilerplate has no ``about_heading``:
            its heading is the label ``about`` (``About {name}``), in the language of
            the release that prints it.
    """

    path: Path | None
    site: Site
    issuers: dict[str, Issuer]
    contacts: dict[str, MediaContact]
    default_about: frozenset[str] = frozenset()


def load_agencies(path: Path) -> Agencies:
    """Read and validate an ``agencies.toml``.

    Raises:
        SourceError: the file cannot be read, is not TOML, or a value is invalid; the
            error names the line and the key.
    """
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(name, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise SourceError(name, f"cannot read: {exc.strerror or exc}") from None
    data = parse_toml(text, path=name)
    converter = strict_converter()
    try:
        spec = converter.structure(data, _FileSpec)
    except Exception as exc:  # cattrs raises exception groups
        field, message = flatten_errors(exc)[0]
        raise SourceError(name, message, line=key_line(text, field), field=field or None) from None

    from presskit.i18n import label

    issuers: dict[str, Issuer] = {}
    contacts: dict[str, MediaContact] = {}
    default_about: set[str] = set()
    for agency_id, agency in spec.agencies.items():
        where = f"agencies.{agency_id}"
        try:
            agency_contacts = []
            for index, c in enumerate(agency.contacts):
                try:
                    contact = c.to_model(organisation=agency.name)
                except ModelError as exc:
                    raise exc.prefixed(f"contacts[{index}]") from None
                agency_contacts.append(contact)
                if c.id is not None:
                    contacts[f"{agency_id}/{c.id}"] = contact
            boilerplate = None
            if agency.about is not None:
                from presskit.sources.markdown import parse_body

                about_line = key_line(text, f"{where}.about") or 0
                parsed = parse_body(
                    agency.about,
                    path=name,
                    line_offset=about_line,
                    allow_sections=False,
                    where=f"{where}.about",
                )
                heading = agency.about_heading
                if heading is None:
                    heading = label("about", spec.site.language, name=agency.name)
                    default_about.add(agency_id)
                boilerplate = Boilerplate(heading, parsed.body, issuer_id=agency_id)
            if agency.logo is not None and "://" not in agency.logo:
                _check_logo(agency.logo, path)
            issuers[agency_id] = Issuer(
                agency_id,
                agency.name,
                short_name=agency.short_name or agency.name,
                url=agency.url,
                logo=agency.logo,
                boilerplate=boilerplate,
                contacts=agency_contacts,
            )
        except ModelError as exc:
            field = exc.prefixed(where).field
            raise SourceError(name, exc.message, line=key_line(text, field), field=field) from None
        _check_logo_size(agency.logo, path, text, f"{where}.logo")
    return Agencies(path, spec.site, issuers, contacts, frozenset(default_about))


def _check_logo(logo: str, path: Path) -> None:
    """A logo must be in this file's folder or below it, links followed (a missing one
    is reported by the build, which reads it)."""
    from presskit.paths import PathError, check_contained

    try:
        check_contained(logo, path.parent, what="the logo")
    except PathError as exc:
        raise ModelError("logo", str(exc)) from None


def _check_logo_size(logo: str | None, path: Path, text: str, field: str) -> None:
    """Refuse a logo with more pixels than every exporter can embed, from its header
    (presskit.assets.MAX_PIXELS). A logo that is missing or unreadable is left to the
    exporters, which name it when they need it. Called after :func:`_check_logo`, and
    reads the file through :func:`presskit.paths.contain` all the same."""
    if logo is None or "://" in logo:
        return
    from presskit.assets import image_size_problem
    from presskit.paths import PathError, contain

    try:
        data = contain(logo, path.parent, what="the logo").read_bytes()
    except (OSError, PathError):
        return
    problem = image_size_problem(data)
    if problem:
        raise SourceError(str(path), f"{logo!r} {problem}", line=key_line(text, field), field=field)


_NAME_AND_SHORT = re.compile(r"^(?P<name>.+?)\s*[(（](?P<short>[^()（）]{1,20})[)）]$")


def agency_name_keys(*names: str | None) -> frozenset[str]:
    """The forms an agency's names are matched by: case and spacing folded, a leading
    "the" dropped, and ``"Name (SHORT)"`` also as ``name`` and ``short``. So
    ``"the Lion City Digital Office (LCDO)"`` has the keys of ``"Lion City Digital
    Office"`` and of ``"LCDO"``."""
    keys: set[str] = set()
    for name in names:
        text = " ".join((name or "").casefold().split()).strip(" .,;:")
        text = re.sub(r"^the\s+", "", text)
        if not text:
            continue
        keys.add(text)
        match = _NAME_AND_SHORT.match(text)
        if match:
            keys.add(re.sub(r"^the\s+", "", match["name"].strip()))
            keys.add(match["short"].strip())
    return frozenset(keys)


def same_agency(names: Iterable[str | None], others: Iterable[str | None]) -> bool:
    """Whether two lists of an agency's names (full name, short name, id, or the
    ``"Name (SHORT)"`` form) name the same agency: they share a form of
    :func:`agency_name_keys`."""
    return bool(agency_name_keys(*names) & agency_name_keys(*others))


def find_agencies(source: Path) -> Path | None:
    """The ``agencies.toml`` next to ``source`` or in the nearest folder above it."""
    folder = source.resolve().parent
    for candidate in (folder, *folder.parents):
        found = candidate / AGENCIES_FILE
        if found.is_file():
            return found
    return None
