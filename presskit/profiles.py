"""House styles: which parts a release prints, in which order, in which date style.

A profile is data; :mod:`presskit.layout` lays a release out in it (and holds its labels,
through :func:`presskit.layout.label`), once, so every exporter that follows a profile
(text, DOCX, PDF, HTML, e-mail, the feeds' HTML) prints the same release the same way.
Three profiles are built in:

``sg``
    Singapore government style: a dateline line ``SINGAPORE – 17 JAN 2025``, numbered
    body paragraphs, "LAST UPDATED", "Jointly issued by", ``- END -``, the "About"
    boilerplates and "For media clarifications".
``us``
    US newswire style: ``FOR IMMEDIATE RELEASE``, an AP-style dateline opening the lede
    (``SINGAPORE, Jan. 17, 2025 –``), unnumbered paragraphs, boilerplates and media
    contacts, then the end mark ``###``.
``uk``
    UK style: dateline ``SINGAPORE, 17 January 2025 –`` opening the lede, ``ENDS`` after
    the body, then "Notes to editors" (the notes, then the boilerplates) and the media
    contacts.

Sources for the conventions: ../shared/reference/wire-formats.md section 5 (AP style
months, end marks, UK "Notes to editors" order, Singapore government practice).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from presskit.errors import ExportError
from presskit.i18n.dates import ENGLISH_MONTHS, format_date

if TYPE_CHECKING:
    from presskit.model import PressRelease

__all__ = [
    "ENGLISH_MONTHS",
    "PROFILES",
    "Part",
    "Profile",
    "check_profile",
    "format_date",
    "get_profile",
    "house_style_option",
    "resolve_profile",
    "style_name",
]


class Part(enum.Enum):
    """The parts of a printed release."""

    STATUS = "status"
    NOTICES = "notices"
    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"
    DATELINE = "dateline"
    BODY = "body"
    CORRECTIONS = "corrections"
    LAST_UPDATED = "last_updated"
    JOINTLY_ISSUED = "jointly_issued"
    END_MARK = "end_mark"
    NOTES_TO_EDITORS = "notes_to_editors"
    BOILERPLATES = "boilerplates"
    MEDIA_CONTACTS = "media_contacts"


@attrs.frozen(kw_only=True)
class Profile:
    """A house style.

    Attributes:
        name: ``"sg"``, ``"us"`` or ``"uk"``.
        order: the parts in print order. ``DATELINE`` in the order means the dateline
            stands on its own line; without it, the dateline opens the lede.
        date_style: ``"sg"`` (``17 JAN 2025``), ``"ap"`` (``Jan. 17, 2025``) or
            ``"long"`` (``17 January 2025``); other languages print their own form
            (:func:`presskit.i18n.dates.format_date`: ``3 MAC 2025`` in Malay in the
            ``sg`` style, ``2025年3月3日``, ``3 มีนาคม 2568``).
        number_paragraphs: number body paragraphs and quotes 1, 2, 3 ...
        centre_end_mark: centre the end mark on a line of fixed width (plain text).
        boilerplates_in_notes: print the boilerplates as items of "Notes to editors".
        bracketed_contacts: bracket a contact's honorific and department
            (``(Ms) Adeline Lee``, ``(Communications)``).
        paper: the default paper of the printed formats, ``"a4"`` or ``"letter"``.

    The labels (``FOR IMMEDIATE RELEASE``, the end mark, ``For media clarifications:``)
    are not here: :func:`presskit.layout.label` gives them, per house style.
    """

    name: str
    order: tuple[Part, ...]
    date_style: str
    number_paragraphs: bool
    centre_end_mark: bool = False
    boilerplates_in_notes: bool = False
    bracketed_contacts: bool = False
    paper: str = "a4"

    @property
    def dateline_in_lede(self) -> bool:
        """True when the dateline opens the first paragraph."""
        return Part.DATELINE not in self.order


_P = Part
PROFILES: dict[str, Profile] = {
    "sg": Profile(
        name="sg",
        order=(
            _P.STATUS,
            _P.NOTICES,
            _P.HEADLINE,
            _P.SUBHEADLINE,
            _P.DATELINE,
            _P.BODY,
            _P.CORRECTIONS,
            _P.LAST_UPDATED,
            _P.JOINTLY_ISSUED,
            _P.END_MARK,
            _P.NOTES_TO_EDITORS,
            _P.BOILERPLATES,
            _P.MEDIA_CONTACTS,
        ),
        date_style="sg",
        number_paragraphs=True,
        bracketed_contacts=True,
    ),
    "us": Profile(
        name="us",
        order=(
            _P.STATUS,
            _P.NOTICES,
            _P.HEADLINE,
            _P.SUBHEADLINE,
            _P.BODY,
            _P.CORRECTIONS,
            _P.LAST_UPDATED,
            _P.JOINTLY_ISSUED,
            _P.NOTES_TO_EDITORS,
            _P.BOILERPLATES,
            _P.MEDIA_CONTACTS,
            _P.END_MARK,
        ),
        date_style="ap",
        number_paragraphs=False,
        centre_end_mark=True,
        paper="letter",
    ),
    "uk": Profile(
        name="uk",
        order=(
            _P.STATUS,
            _P.NOTICES,
            _P.HEADLINE,
            _P.SUBHEADLINE,
            _P.BODY,
            _P.CORRECTIONS,
            _P.LAST_UPDATED,
            _P.JOINTLY_ISSUED,
            _P.END_MARK,
            _P.NOTES_TO_EDITORS,
            _P.BOILERPLATES,
            _P.MEDIA_CONTACTS,
        ),
        date_style="long",
        number_paragraphs=False,
        boilerplates_in_notes=True,
    ),
}


def check_profile(_: object, attribute: Any, value: str | None) -> None:
    """An attrs validator for exporter options: ``value`` names a built-in profile, or
    is ``None`` (follow the release: :func:`resolve_profile`).

    Raises:
        ExportError: it does not; the message lists the profiles.
    """
    if value is not None:
        get_profile(value)


def style_name(
    option: str | None, release: PressRelease | None = None, default: str | None = None
) -> str:
    """The house style a format prints a release in, by name (issue 17): the exporter's
    explicit ``profile`` option, else the release's own ``style`` (its front matter),
    else ``default`` (the newsroom's: ``style`` in presskit.toml, :attr:`presskit.site.
    Site.style`), else ``"sg"``."""
    if option is not None:
        return option
    if release is not None and release.style is not None:
        return release.style
    return default or "sg"


def house_style_option(
    option_names: Sequence[str],
    release: PressRelease,
    default: str | None,
    given: Mapping[str, object],
) -> dict[str, str]:
    """In a build, the ``profile`` option a format with one is given for ``release``
    when the user gave none (``{}`` when it has no such option or one was given): the
    release's style, else the newsroom's ``default`` (:func:`style_name`)."""
    if "profile" not in option_names or "profile" in given:
        return {}
    return {"profile": style_name(None, release, default)}


def resolve_profile(
    option: str | None, release: PressRelease | None = None, default: str | None = None
) -> Profile:
    """The :class:`Profile` named by :func:`style_name` (the one place every exporter
    resolves its house style).

    Raises:
        ExportError: the name is not a known profile.
    """
    return get_profile(style_name(option, release, default))


def get_profile(name: str) -> Profile:
    """The built-in profile called ``name``.

    Raises:
        ExportError: no such profile; the message lists the profiles.
    """
    try:
        return PROFILES[name]
    except KeyError:
        raise ExportError(
            f"option profile: unknown profile {name!r}; available profiles: {', '.join(PROFILES)}"
        ) from None
