"""``eml``: the release as an e-mail, a MIME message ready to send from a mail client.

The file is one Internet message (RFC 5322, MIME RFC 2045-2049) with CR LF line endings:

* ``multipart/mixed`` holding

  * ``multipart/related`` (RFC 2387) holding

    * ``multipart/alternative``: ``text/plain`` (the press-wire text of the
      :mod:`~presskit.exporters.text` exporter) and ``text/html`` (the release as a
      small, self-contained HTML document with inline styles only: the theme's
      ``email.html`` template, in its ``[email]`` colours and fonts, docs/templates.md);
    * each issuer's logo (PNG or JPEG, normalised by :func:`presskit.assets.normalise_image`),
      inline, with a ``Content-ID`` the HTML refers to as ``cid:`` (RFC 2392);

  * the release as PDF (``application/pdf``, from the ``pdf`` exporter), attached;
  * the release's local attachments of at most ``max_attachment_bytes`` bytes, attached.

  A container with one part is left out: a release without logos has no
  ``multipart/related``, one without attachments no ``multipart/mixed``.

Headers:

* ``From`` and ``Reply-To``: the first media contact with an e-mail address a header
  can carry, else the newsroom's ``sender`` (:class:`presskit.site.Site`); a name that is
  not plain ASCII is written as RFC 2047 encoded words, a non-ASCII domain in IDNA form;
* ``Subject``: the headline, prefixed with ``EMBARGOED until <instant>:`` while the
  release is under embargo at ``now`` (and always when ``now`` is not given);
* ``Date``: ``issued_at`` in the release's time zone (RFC 5322 section 3.3);
* ``Message-ID``: ``<slug.YYYYMMDD.HASH@host>`` (section 3.6.4), where the date is the
  issue date, ``HASH`` is the first 12 hex digits of the SHA-256 of the message's content
  and ``host`` is the lead issuer's web host (without ``www.``), else the sender's
  e-mail domain. The same release gives the same id on every build; a changed message
  (a correction, the embargo lifted) gets a new one, because mail services (Gmail among
  them) may hide a second message with an id they have already seen as a duplicate;
* ``Content-Language`` (RFC 3282) and ``X-Unsent: 1``, which makes Outlook and
  Thunderbird open the file as a draft to send rather than as a received message.

Text parts are UTF-8, in 7-bit ASCII when they are ASCII with short lines, else in
quoted-printable or base64, whichever is shorter. No line is longer than 78 octets but
the ``Message-ID`` line, which is never folded and stays well under RFC 5322's limit of
998 (and a language tag over 60 characters or an address over about 70, alone on a
line: neither can be folded). File names are RFC 2231
encoded when not plain ASCII. MIME boundaries are derived from a hash of the content,
never random, so the same release and options give byte-identical files.

Markup and script in any text of the release come out inert: every text is escaped, the
release's HTML passes :func:`presskit.fragment.sanitise` (an allow-list: no script, style,
event handler or ``javascript:`` link). Every header is written by
:mod:`presskit.mailheaders` and stored as it is: no release text is ever
parsed as a header, so none can become header structure (see that module).
"""

from __future__ import annotations

import email.utils
import hashlib
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from email import policy as email_policy
from email.message import EmailMessage, MIMEPart
from html import escape
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

import attrs

from presskit import mailheaders as headers
from presskit.errors import ExportError, PresskitWarning, UnsupportedContentError
from presskit.exporters import BuildContext, Exporter, ExporterOptions, as_site
from presskit.layout import Layout, format_instant, label, layout, local_time
from presskit.model import PressRelease, Translation
from presskit.profiles import check_profile, resolve_profile, style_name
from presskit.site import Site
from presskit.theme import Theme, load_theme

__all__ = ["MAX_ATTACHMENT_BYTES", "EmlExporter", "EmlOptions"]

#: Declared attachments larger than this (bytes) are not attached by default (10 MB).
MAX_ATTACHMENT_BYTES = 10_000_000

#: SMTP's policy (CR LF, lines folded at 78) with bodies kept to 7 bits: text parts are
#: 7bit when they can be, else quoted-printable or base64. ``refold_source="none"``
#: leaves alone the one header set raw, the Message-ID (see :func:`_render`).
POLICY = email_policy.SMTP.clone(cte_type="7bit", refold_source="none")


def _check_width(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 20 <= value <= 998:
        raise ExportError(f"eml: option width must be a whole number from 20 to 998, got {value!r}")


def _check_flag(_: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise ExportError(f"eml: option {attribute.name} must be true or false, got {value!r}")


def _check_size(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ExportError(
            f"eml: option {attribute.name} must be a whole number of bytes, got {value!r}"
        )


def _check_page_url(_: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is None:
        return
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExportError(f"eml: option page_url must be an absolute http(s) URL, got {value!r}")


def _slugs(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _theme(value: Theme | str | None) -> Theme | None:
    """A theme option: ``None``, a :class:`Theme` or a theme folder (loaded)."""
    return None if value is None else load_theme(value)


@attrs.frozen(kw_only=True)
class EmlOptions(ExporterOptions):
    """Options of the ``eml`` exporter.

    Attributes:
        profile: the house style of the text, the HTML and the attached PDF: ``"sg"``
            (default), ``"us"`` or ``"uk"``.
        width: the plain-text body's line width in terminal columns, 20 to 998
            (default 72).
        attach_pdf: attach the release as PDF (default ``True``).
        max_attachment_bytes: the release's local attachments up to this size in bytes
            are attached (default 10,000,000); larger ones are left out with a
            :class:`~presskit.errors.PresskitWarning`. ``0`` attaches none.
        page_url: the release page's absolute http(s) URL, against which relative links
            in the release are resolved; ``None`` (default) for the release's
            ``canonical_url`` (relative links stay relative when it has none).
        siblings: the release's files the build has already rendered, by file name; when
            ``<slug>.pdf`` is among them, that very file is attached (the e-mail then
            carries the PDF published next to it, rendered once). The build passes them.
        site: the newsroom (:class:`presskit.site.Site`, or a mapping of its fields):
            its ``sender`` sends a release none of whose media contacts has an e-mail
            address, its ``base_url`` gives the pages of the release's translations.
            The build passes the ``[site]`` table.
        language_versions: by slug, the language versions of each release's news item
            (:attr:`presskit.exporters.BuildContext.language_versions`), listed under
            the headline when their pages' addresses are known; the build passes them.
        unpublished: slugs of releases not yet published, never linked; the build
            passes them.
        theme: the theme whose ``email.html`` template, ``[email]`` colours and fonts
            make the HTML part (:class:`presskit.theme.Theme`, or its folder); ``None``:
            the build's theme, else the default theme (docs/templates.md).
    """

    profile: str | None = attrs.field(default=None, validator=check_profile)
    width: int = attrs.field(default=72, validator=_check_width)
    attach_pdf: bool = attrs.field(default=True, validator=_check_flag)
    max_attachment_bytes: int = attrs.field(default=MAX_ATTACHMENT_BYTES, validator=_check_size)
    page_url: str | None = attrs.field(default=None, validator=_check_page_url)
    siblings: Mapping[str, bytes] | None = None
    site: Site = attrs.field(default=None, converter=as_site)
    language_versions: Mapping[str, tuple[Translation, ...]] = attrs.field(factory=dict)
    unpublished: frozenset[str] = attrs.field(default=frozenset(), converter=_slugs)
    theme: Theme | None = attrs.field(default=None, converter=_theme)


class EmlExporter(Exporter[EmlOptions]):
    """The release as an e-mail (see the module documentation).

    Raises (from :meth:`render`):
        UnsupportedContentError: no media contact has an e-mail address that can be
            written in a header and the site has no ``sender`` (the build then skips the
            ``.eml`` with a warning).
        ExportError: a logo or an attachment is missing or unreadable, or a logo is
            not an image.
    """

    name: ClassVar[str] = "eml"
    media_type: ClassVar[str] = "message/rfc822"
    extension: ClassVar[str] = "eml"
    binary: ClassVar[bool] = True
    Options: ClassVar[type[EmlOptions]] = EmlOptions
    #: rendered after the PDF, so that it attaches the very PDF the build wrote
    renders_last: ClassVar[bool] = True
    description: ClassVar[str] = "the e-mail to journalists, PDF attached (MIME, RFC 5322)"

    @classmethod
    def in_build(cls, options: EmlOptions, context: BuildContext) -> EmlOptions:
        """In a build, the e-mail attaches the PDF rendered before it, is sent by the
        newsroom's ``sender`` when no contact can send it and follows the build's theme
        (unless the option names one)."""
        return attrs.evolve(
            options,
            siblings=context.siblings,
            site=context.site,
            language_versions=context.language_versions,
            unpublished=context.unpublished,
            theme=options.theme or context.theme,
        )

    def render(self, release: PressRelease, options: EmlOptions) -> bytes:
        try:
            return _render(release, options)
        except headers.HeaderError as exc:  # the model lets no such value through
            raise ExportError(f"eml: {exc}") from None


# --- the message --------------------------------------------------------------------------


def _render(release: PressRelease, options: EmlOptions) -> bytes:
    sender = _sender(release, options.site)
    host = _host(release, sender.addr_spec)
    # one house style for the text, the HTML and the PDF (and the sibling files' names)
    options = attrs.evolve(
        options, profile=style_name(options.profile, release, options.site.style)
    )
    laid_out = layout(release, resolve_profile(options.profile, release), options.now)
    subject = release.headline
    until = release.embargoed_until
    if until is not None and laid_out.status.embargoed:
        when = format_instant(until, release, laid_out.profile)
        subject = laid_out.label("subject.embargoed").format(when=when, headline=subject)

    logos = _logos(release, options, host)
    text = _plain_text(release, options)
    html = _html_document(laid_out, options, _one_line(subject), logos)
    attachments = _attachments(release, options)

    body = _text_part(text, "plain")
    alternative = _container("alternative", [body, _text_part(html, "html")])
    related = alternative
    if logos:
        related = _container("related", [alternative, *(part for _, _, part in logos)])
        related.set_param("type", "multipart/alternative")
    top_parts = [related, *attachments]

    # The content decides the boundaries and the Message-ID: nothing random.
    digest = hashlib.sha256()
    for value in (_one_line(subject), sender.display_name, sender.addr_spec, release.slug):
        digest.update(value.encode("utf-8", "replace") + b"\0")
    bodies = []
    for part in top_parts:
        _set_boundaries(part)
        bodies.append(part.as_bytes(policy=POLICY))
        digest.update(bodies[-1])
    content_hash = digest.hexdigest()

    # Every header is written here as a finished field body (see presskit.mailheaders): no
    # release text is ever parsed as a header, so none can become header structure.
    local = local_time(release.issued_at, release)
    message = EmailMessage(policy=POLICY)
    _header(message, "From", headers.mailbox("From", sender.display_name, sender.addr_spec))
    _header(message, "Reply-To", headers.mailbox("Reply-To", sender.display_name, sender.addr_spec))
    _header(message, "Subject", headers.unstructured("Subject", subject))
    _header(message, "Date", email.utils.format_datetime(local))
    # Never folded: a msg-id folded after the colon is valid (RFC 5322 allows CFWS
    # there) but some readers, Python's email among them, keep the white space. The line
    # stays under 998 octets: a slug has at most 100 characters.
    message_id = f"<{release.slug}.{local:%Y%m%d}.{content_hash[:12]}@{host}>"
    _header(message, "Message-ID", _token(message_id, _MSG_ID))
    _header(message, "MIME-Version", "1.0")
    _header(message, "Content-Language", _token(release.language, _LANGUAGE_TAG))
    _header(message, "X-Unsent", "1")
    if len(top_parts) == 1:
        only = top_parts[0]
        for key, value in only.raw_items():
            message.set_raw(key, value)
        message.set_payload(only.get_payload())
    else:
        _header(message, "Content-Type", "multipart/mixed")
        message.set_payload(list(top_parts))
        message.set_boundary(_boundary(content_hash, bodies))
    return message.as_bytes(policy=POLICY)


@attrs.frozen
class _Sender:
    """Who the message is from: a display name (maybe empty) and an ``addr-spec`` in
    the form :func:`presskit.mailheaders.address` writes."""

    display_name: str
    addr_spec: str


def _sender(release: PressRelease, site: Site) -> _Sender:
    """The first media contact with an e-mail address a header can carry, else the
    newsroom's ``sender`` (with the newsroom's name).

    Raises:
        UnsupportedContentError: there is neither.
    """
    skipped = []
    for contact in release.media_contacts:
        if not contact.email:
            continue
        try:
            return _Sender(contact.name, headers.address(contact.email))
        except headers.HeaderError as exc:
            skipped.append(str(exc))
    if site.sender is not None:
        return _Sender(site.name or "", headers.address(site.sender))
    why = "no media contact has an e-mail address"
    if skipped:
        why += f" that can be written in an e-mail header ({'; '.join(skipped)})"
    raise UnsupportedContentError(
        f"eml: {why}; the e-mail is sent from the lead media contact: add one with an "
        "e-mail address to media_contacts, or set sender in the [site] table of "
        "presskit.toml"
    )


def _header(message: MIMEPart, name: str, value: str) -> None:
    """Store a finished field body as it is (``POLICY`` writes raw values verbatim)."""
    message.set_raw(name, headers.checked(name, value))


def _token(value: str, grammar: re.Pattern[str]) -> str:
    """``value`` if it matches ``grammar`` in full (a msg-id, a language tag, a media
    type: values built from checked model fields, checked again here)."""
    if not grammar.fullmatch(value):
        raise ExportError(f"eml: {value!r} cannot be written in an e-mail header")
    return value


_MSG_ID = re.compile(r"<[a-z0-9_.-]+@[a-z0-9.-]+>")
_LANGUAGE_TAG = re.compile(r"[A-Za-z0-9-]{1,63}")
_MEDIA_TYPE = re.compile(r"[a-z0-9.+-]+/[a-z0-9.+-]+", re.IGNORECASE)


def _host(release: PressRelease, addr_spec: str) -> str:
    """The right-hand side of the Message-ID, a dot-atom (RFC 5322 section 3.6.4): the
    lead issuer's web host without ``www.``, else the sender's e-mail domain, in IDNA
    form; ``presskit.invalid`` (RFC 2606) when neither is a host name."""
    web = urlsplit(release.lead_issuer.url).hostname if release.lead_issuer.url else None
    for candidate in (web, addr_spec.rpartition("@")[2]):
        try:
            host = (candidate or "").encode("idna").decode("ascii").lower()
        except UnicodeError:
            continue
        if _HOST.match(host):
            return host.removeprefix("www.") if host.count(".") > 1 else host
    return "presskit.invalid"


_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


def _one_line(text: str) -> str:
    """A header value: every run of white space (line breaks included) as one space."""
    return " ".join(text.split())


# --- bodies -------------------------------------------------------------------------------


def _plain_text(release: PressRelease, options: EmlOptions) -> str:
    """The press-wire text; in a right-to-left release, with :func:`rtl_lines`. In a
    build, the text file of the e-mail's profile, when it was made with the e-mail's
    width, in UTF-8 with LF line endings (:mod:`presskit.exporters._made`)."""
    from presskit.exporters._made import made
    from presskit.exporters.text import TextExporter, TextOptions, render_text, text_key
    from presskit.fragment import direction

    wanted = TextOptions(profile=options.profile, width=options.width, now=options.now)
    sibling = (options.siblings or {}).get(TextExporter.file_for(release.slug, options.profile))
    if sibling is not None and made(sibling, release, text_key(wanted)):
        text = sibling.decode("utf-8")
    else:
        text = render_text(release, wanted)
    if direction(release.language) != "rtl":
        return text
    return rtl_lines(text)


#: RIGHT-TO-LEFT MARK (U+200F): an invisible strong right-to-left character.
RLM = "\u200f"
#: LEFT-TO-RIGHT MARK (U+200E): an invisible strong left-to-right character.
LRM = "\u200e"


def rtl_lines(text: str) -> str:
    """``text`` with an RLM before each line whose first strong character is left to
    right (a line opening with Latin letters: "FOR IMMEDIATE RELEASE", "- END -",
    "Tel: +60 ...").

    Plain text has no ``dir``: a mail client lays out each line (each is a paragraph:
    the part is not format=flowed) in the direction of its first strong character
    (UAX #9 rules P2 and P3, as browsers do with ``dir="auto"``), so in an Arabic or Jawi
    release a line that opens with a Latin label would be set left to right
    and aligned left among right-aligned lines. The mark makes the line right to left;
    lines that open with Arabic script are left as they are, so the text carries as few
    invisible characters as possible.

    (A media contact's phone number already carries an LRM from the layout,
    :func:`presskit.layout.contact_lines`.)
    """
    import unicodedata

    out = []
    for line in text.split("\n"):
        kinds = (unicodedata.bidirectional(c) for c in line)
        first = next((kind for kind in kinds if kind in ("L", "R", "AL")), None)
        # a line without a strong character (a phone number) is left alone: after an
        # RLM its digit groups would be laid out right to left
        out.append(RLM + line if first == "L" else line)
    return "\n".join(out)


def _html_document(
    laid_out: Layout,
    options: EmlOptions,
    subject: str,
    logos: Sequence[tuple[str, str, MIMEPart]],
) -> str:
    """A complete HTML document for mail clients, the theme's ``email.html``
    (:mod:`presskit.templating`): one centred column 640 pixels wide, tables for
    layout, inline styles only, images by ``cid:``.

    Raises:
        presskit.templating.TemplateError: a theme's template fails (file and line).
    """
    from markupsafe import Markup

    from presskit import templating
    from presskit.fragment import direction, release_html, sanitise

    release = laid_out.release
    colours = templating.colours(options.theme, "email")
    styles = _styles(colours)
    page_url = options.page_url or release.canonical_url or ""
    html = sanitise(release_html(release, laid_out.profile, page_url=page_url))
    rtl = direction(release.language)
    values = {
        "lang": release.language,
        "dir": rtl,
        "align": "right" if rtl == "rtl" else "left",
        "subject": subject,
        "colours": colours,
        "fonts": templating.fonts(options.theme, "email"),
        "link_style": styles["a"],
        "logos": [{"src": f"cid:{quote(cid, safe='@.-_')}", "alt": alt} for cid, alt, _ in logos],
        "status": laid_out.status.text,
        "headline": release.headline,
        "translations": _other_languages(release, options),
        "fragment": Markup(_styled(html, styles)),
    }
    return templating.render(options.theme, "email.html", **values)


def _styles(colours: Mapping[str, str]) -> dict[str, str]:
    """Inline styles of the HTML part's fragment, by element (mail clients drop <style>
    blocks), in the theme's ``[email]`` colours."""
    return {
        "p": "margin:0 0 1em 0;",
        "h2": "margin:1.5em 0 0.5em 0;font-size:18px;line-height:1.3;",
        "h3": "margin:1.25em 0 0.5em 0;font-size:16px;line-height:1.3;",
        "h4": "margin:1em 0 0.5em 0;font-size:15px;line-height:1.3;",
        "h5": "margin:1em 0 0.5em 0;font-size:15px;line-height:1.3;font-style:italic;",
        "blockquote": "margin:0 0 1em 0;padding:0 0 0 14px;"
        f"border-left:3px solid {colours['rule']};",
        "ul": "margin:0 0 1em 0;padding:0 0 0 24px;",
        "ol": "margin:0 0 1em 0;padding:0 0 0 24px;",
        "li": "margin:0 0 0.4em 0;",
        "a": f"color:{colours['link']};text-decoration:underline;",
    }


def _other_languages(release: PressRelease, options: EmlOptions) -> dict[str, Any] | None:
    """The release's other language versions, for a line under the headline (see
    :func:`presskit.fragment.language_versions`), each named in its own language, with
    ``dir`` where its direction is not the message's; only those whose address is
    absolute (a mail has no base to resolve ``../slug/``); ``None`` when there are none."""
    from presskit.feedplan import language_name
    from presskit.fragment import direction, language_versions

    page_url = options.page_url or release.canonical_url
    if page_url is None and options.site.base_url:
        page_url = options.site.release_url(release)
    declared = options.language_versions.get(release.slug, ())
    versions, _ = language_versions(release, declared, options.unpublished, page_url)
    links = []
    for version in versions:
        if not version.href.startswith(("http://", "https://")):
            continue
        dir_ = direction(version.language)
        links.append(
            {
                "href": version.href,
                "language": version.language,
                "name": language_name(version.language),
                "dir": dir_ if dir_ != direction(release.language) else "",
            }
        )
    if not links:
        return None
    return {"heading": label("translations", release.language), "versions": links}


def _styled(fragment: str, styles: Mapping[str, str]) -> str:
    """A sanitised fragment with an inline ``style`` on each element that has one in
    ``styles``; parsed and written again by lxml, so text and attributes stay
    escaped."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        style = styles.get(str(element.tag))
        if style is not None:
            element.set("style", style)
    inner = (root.text and escape(root.text, quote=False)) or ""
    for child in root:
        inner += lxml_html.tostring(child, encoding="unicode", method="html")
    return inner


def _text_part(text: str, subtype: str) -> MIMEPart:
    """A UTF-8 text part: 7bit when the text is ASCII in short lines, else the shorter
    of quoted-printable and base64 over the whole text (the email package looks at the
    first lines only, which in an HTML document are ASCII even when the text is not)."""
    if text.isascii() and all(len(line) <= 78 for line in text.splitlines()):
        ctes: tuple[str, ...] = ("7bit",)
    else:
        ctes = ("quoted-printable", "base64")
    candidates = []
    for cte in ctes:
        part = MIMEPart(policy=POLICY)
        part.set_content(text, subtype=subtype, charset="utf-8", cte=cte)
        candidates.append((len(part.as_bytes(policy=POLICY)), part))
    return min(candidates, key=lambda item: item[0])[1]


def _container(subtype: str, parts: Sequence[MIMEPart]) -> MIMEPart:
    container = MIMEPart(policy=POLICY)
    container["Content-Type"] = f"multipart/{subtype}"
    container.set_payload(list(parts))
    return container


def _set_boundaries(part: MIMEPart) -> None:
    """Give every multipart under (and including) ``part`` a boundary derived from its
    content, innermost first."""
    if not part.is_multipart():
        return
    children = list(part.iter_parts())
    for child in children:
        _set_boundaries(child)
    bodies = [child.as_bytes(policy=POLICY) for child in children]  # each written once
    digest = hashlib.sha256()
    for body in bodies:
        digest.update(body)
    part.set_boundary(_boundary(digest.hexdigest(), bodies))


def _boundary(seed: str, children: Sequence[bytes]) -> str:
    """``=_pk_<32 hex digits>``: ``=_`` never occurs in quoted-printable or base64, and
    a boundary found in the content (``children``, the parts as written; never seen,
    but checked) is replaced by the next."""
    bodies = b"".join(children)
    for counter in range(100):
        candidate = "=_pk_" + hashlib.sha256(f"{seed}:{counter}".encode()).hexdigest()[:32]
        if candidate.encode("ascii") not in bodies:
            return candidate
    raise ExportError("eml: cannot find a MIME boundary that is not in the content")


# --- images and files ---------------------------------------------------------------------


def _logos(
    release: PressRelease, options: EmlOptions, host: str
) -> list[tuple[str, str, MIMEPart]]:
    """The issuers' logos as inline image parts: ``(content id, alt text, part)``."""
    from presskit.assets import normalise_image
    from presskit.paths import AssetRoot

    out = []
    root = AssetRoot.or_cwd(options.asset_root)
    for issuer in release.issuers:
        if not issuer.logo:
            continue
        what = f"{issuer.name}'s logo"
        try:
            data = normalise_image(root.logo(issuer.logo, what), what)
        except ExportError as exc:
            raise ExportError(f"eml: {exc}") from None
        subtype = "png" if data[:4] == b"\x89PNG" else "jpeg"
        cid = f"logo-{issuer.id}.{release.slug}@{host}"
        filename = f"{issuer.id}-logo.{'png' if subtype == 'png' else 'jpg'}"
        part = _file_part(data, f"image/{subtype}", filename, "inline")
        _header(part, "Content-ID", _token(f"<{cid}>", _MSG_ID))
        alt = label("logo", release.language, name=issuer.name)
        out.append((cid, alt, part))
    return out


def _attachments(release: PressRelease, options: EmlOptions) -> list[MIMEPart]:
    """The PDF, then the release's local attachments up to the size limit."""
    from presskit.paths import AssetRoot

    out = []
    root = AssetRoot.or_cwd(options.asset_root)
    if options.attach_pdf:
        pdf = _pdf(release, options)
        if pdf is not None:
            out.append(_file_part(pdf, "application/pdf", f"{release.slug}.pdf"))
    for index, attachment in enumerate(release.attachments):
        if "://" in attachment.href:
            continue  # presskit never downloads; the release links it
        what = f"attachments[{index}] ({attachment.href})"
        try:
            file = root.attachment(attachment.href, what)
        except ExportError as exc:
            raise ExportError(f"eml: {exc}") from None
        try:
            size = file.size()
            if size > options.max_attachment_bytes:
                warnings.warn(
                    PresskitWarning(
                        f"{release.slug}: eml: {Path(attachment.href).name} ({size:,} bytes) is "
                        f"larger than max_attachment_bytes ({options.max_attachment_bytes:,}) "
                        "and is not attached"
                    ),
                    stacklevel=4,
                )
                continue
            data = file.read_bytes()
        except OSError as exc:
            raise ExportError(f"eml: cannot read {what} {file.shown!r}: {exc.strerror}") from None
        out.append(_file_part(data, attachment.media_type, Path(attachment.href).name))
    return out


def _pdf(release: PressRelease, options: EmlOptions) -> bytes | None:
    from presskit.exporters import export

    built = (options.siblings or {}).get(f"{release.slug}.pdf")
    if built is not None:
        return built
    try:
        return export(
            release,
            "pdf",
            profile=options.profile,
            now=options.now,
            source_date_epoch=options.source_date_epoch,
            asset_root=options.asset_root,
        )
    except UnsupportedContentError as exc:
        warnings.warn(
            PresskitWarning(f"{release.slug}: eml: sent without the PDF: {exc}"), stacklevel=5
        )
        return None


def _file_part(data: bytes, media_type: str, filename: str, kind: str = "attachment") -> MIMEPart:
    """A base64 part holding ``data``; its ``Content-Type`` is ``media_type`` (checked
    against the media type grammar) and its ``Content-Disposition`` is written by
    :func:`presskit.mailheaders.content_disposition`, never parsed."""
    maintype, _, subtype = _token(media_type, _MEDIA_TYPE).partition("/")
    part = MIMEPart(policy=POLICY)
    part.set_content(data, maintype=maintype, subtype=subtype)
    _header(part, "Content-Disposition", headers.content_disposition(kind, filename))
    return part
