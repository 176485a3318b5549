"""URLs as RFC 3986 URIs: every URL the model holds is one, checked and made so on load.

:func:`to_uri` is the one rule for every URL field (``canonical_url``, an issuer's
``url``, a translation's ``url``, an attachment or a link that is a URL, and the site's
``base_url``, ``icon``, ``logo`` and ``hubs``):

* **Percent-encoded**, because the reading is unambiguous: a space (U+0020), ``[`` and
  ``]`` in the path, query or fragment (``%20``, ``%5B``, ``%5D``: RFC 3986 allows the
  brackets only around an IPv6 host), and every non-ASCII character there (as UTF-8, RFC 3987
  section 3.1: an IRI becomes a URI). A non-ASCII host is put in IDNA form (UTS #46,
  with the ``idna`` package: ``例子.测试`` becomes ``xn--fsqu00a.xn--0zwm56d``).
* **Refused**, because they are not part of a URI and mean something else around one:
  ``"``, ``<``, ``>``, ``\\``, ``^``, `````, ``{``, ``|``, ``}`` (quotes and angle
  brackets delimit URLs in text and HTML; a backslash is a slash to a browser and a
  character to a feed reader), control characters, white space other than U+0020 (and
  a space in the scheme or the host), a ``%`` that does not start a ``%XX`` escape, and
  anything that does not parse by the RFC's grammar (a bad scheme, port or IP literal).

The grammar is checked with the RFC's own ABNF written as regular expressions (section
3 and appendix A) rather than with a library: the ``rfc3986`` and ``rfc3986-validator``
packages have had no release since 2022 and 2019, and the grammar is a dozen lines.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["UriError", "absolute_link", "iri_to_uri", "to_uri"]

_UNRESERVED = r"A-Za-z0-9._~\-"
_SUB_DELIMS = "!$&'()*+,;="
# Characters a URI may hold (unreserved, reserved and %), as a class body.
_URI_CHARS = re.compile(rf"[{_UNRESERVED}:/?#\[\]@{re.escape(_SUB_DELIMS)}%]")
_PCT = re.compile(r"%[0-9A-Fa-f]{2}")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
# RFC 3986 appendix B: splits any string into its five parts.
_PARTS = re.compile(r"^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$", re.S)
_PCHAR = rf"(?:[{_UNRESERVED}{re.escape(_SUB_DELIMS)}:@]|%[0-9A-Fa-f]{{2}})"
_REG_NAME = re.compile(rf"^(?:[{_UNRESERVED}{re.escape(_SUB_DELIMS)}]|%[0-9A-Fa-f]{{2}})*$")
_USERINFO = re.compile(rf"^(?:[{_UNRESERVED}{re.escape(_SUB_DELIMS)}:]|%[0-9A-Fa-f]{{2}})*$")
_IP_LITERAL = re.compile(r"^\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9._~!$&'()*+,;=:-]+)\]$")
_PORT = re.compile(r"^[0-9]*$")
_HOST_CHAR = re.compile(rf"[{_UNRESERVED}{re.escape(_SUB_DELIMS)}%]")
_KEPT = re.compile(rf"[{_UNRESERVED}{re.escape(_SUB_DELIMS)}]")


class UriError(ValueError):
    """A string that cannot be made an RFC 3986 URI; ``str()`` says why, in words."""


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"{ch!r} (U+{ord(ch):04X}{' ' + name if name else ''})"


def _encode_part(text: str, part: str) -> str:
    """``text`` (a path, query or fragment) with spaces and non-ASCII percent-encoded.

    Raises:
        UriError: a character that is refused (see the module's docstring).
    """
    out = []
    for index, ch in enumerate(text):
        if ch == "%":
            if not _PCT.match(text, index):
                raise UriError(
                    f"a '%' in the {part} must start a %XX escape (write a percent sign as %25)"
                )
            out.append(ch)
        elif _URI_CHARS.match(ch) and ch not in "[]":
            out.append(ch)
        elif ch in " []" or (not ch.isascii() and unicodedata.category(ch)[0] not in "CZ"):
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        else:
            escaped = "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
            raise UriError(
                f"{_describe(ch)} is not allowed in a URL; if it belongs to the address, "
                f"write it as {escaped}"
            )
    return "".join(out)


def _host(host: str) -> str:
    if host.startswith("["):
        if not _IP_LITERAL.match(host):
            raise UriError(f"the host {host!r} is not a valid IP literal")
        return host
    if not host.isascii():
        import idna

        try:
            return str(idna.encode(host, uts46=True).decode("ascii"))
        except idna.IDNAError as exc:
            raise UriError(f"the host {host!r} is not a valid domain name ({exc})") from None
    if not _REG_NAME.match(host):
        bad = next((c for c in host if not _HOST_CHAR.match(c)), None)
        if bad is None:  # every character is allowed: a '%' starts no escape
            raise UriError(f"a '%' in the host {host!r} is not followed by two hex digits")
        raise UriError(f"{_describe(bad)} is not allowed in the host {host!r}")
    return host


def to_uri(value: str, *, relative: bool = False) -> str:
    """``value`` as an RFC 3986 URI, percent-encoding what is unambiguous (see the
    module's docstring); an ASCII URI comes back unchanged.

    Args:
        value: the URL as written (an IRI is accepted).
        relative: accept a relative reference (``annex.pdf``, ``#top``); otherwise a
            scheme is required.

    Raises:
        UriError: it is not a URI and cannot be made one unambiguously; the message
            names the character or the part at fault.
    """
    match = _PARTS.match(value)
    assert match is not None  # appendix B matches every string
    scheme, authority, path, query, fragment = match.groups()
    if scheme is None and not relative:
        raise UriError("it has no scheme (such as https:)")
    if scheme is not None and not _SCHEME.match(scheme):
        raise UriError(f"the scheme {scheme!r} is not a URI scheme")
    if scheme is None and ":" in path.split("/", 1)[0]:
        raise UriError("a relative URL cannot have ':' in its first segment")
    out = f"{scheme}:" if scheme is not None else ""
    if authority is not None:
        userinfo, at, hostport = authority.rpartition("@")
        if at and not _USERINFO.match(userinfo):
            raise UriError(f"the user information {userinfo!r} is not valid")
        host, port = hostport, ""
        if not hostport.endswith("]") and ":" in hostport:
            host, _, port = hostport.rpartition(":")
        if not _PORT.match(port):
            raise UriError(f"the port {port!r} is not a number")
        out += f"//{userinfo}{at}{_host(host)}{':' + port if port else ''}"
    out += _encode_part(path, "path")
    if query is not None:
        out += "?" + _encode_part(query, "query")
    if fragment is not None:
        out += "#" + _encode_part(fragment, "fragment")
    return out


def absolute_link(href: str, base: str | None) -> str | None:
    """A link target a standalone document (a PDF) can follow: ``href`` itself when it
    has a scheme (``https:``, ``mailto:``, ``tel:``), else ``href`` resolved against
    ``base`` (the release page's absolute URL, RFC 3986 section 5), else ``None``: a
    relative link (``#section-2``, ``../a.html``) means nothing without a page to be
    relative to, so the caller keeps the text unlinked."""
    from urllib.parse import urljoin

    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href):
        return href
    if base:
        return iri_to_uri(urljoin(base, href))
    return None


def iri_to_uri(iri: str) -> str:
    """An IRI, URL or path as a URI that every reader accepts, never failing: as
    :func:`to_uri`, but a character :func:`to_uri` refuses is percent-encoded too, and a
    stray ``%`` becomes ``%25``. For text that is known to be a path or data (a file
    name), where no character can be a delimiter of something else."""
    try:
        return to_uri(iri, relative=True)
    except UriError:
        pass
    parts = _PARTS.match(iri)
    assert parts is not None
    scheme, authority, path, query, fragment = parts.groups()
    out = f"{scheme}:" if scheme else ""
    if authority is not None:
        try:
            out += "//" + to_uri(f"http://{authority}").removeprefix("http://")
        except UriError:
            out += "//" + _encode_all(authority, keep=":@[]")
    out += _encode_all(path, keep="/:@")
    if query is not None:
        out += "?" + _encode_all(query, keep="/?:@")
    if fragment is not None:
        out += "#" + _encode_all(fragment, keep="/?:@")
    return out


def _encode_all(text: str, keep: str) -> str:
    out = []
    for index, ch in enumerate(text):
        escape = ch == "%" and _PCT.match(text, index)
        if escape or _KEPT.match(ch) or (ch in keep and ch != "%"):
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
    return "".join(out)
