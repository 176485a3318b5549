"""E-mail header fields, written by presskit itself (RFC 5322, RFC 2047, RFC 2231), never
by a parser: the ``eml`` exporter writes its headers with them, and the ``[site] sender``
is checked with :func:`address` when it is loaded.

Why this is safe by construction, not by filtering: the standard library's ``email``
package *parses* every header value it is given (``message["Subject"] = text``) and
decodes any RFC 2047 encoded word it finds in it, so a headline
``=?utf-8?q?x=0D=0ABcc:_x@example.org?=`` became the text ``x`` CR LF ``Bcc: ...``, which
it then wrote back as a real ``Bcc:`` line. Here no release text ever reaches a parser.
Each function below takes release text as text and returns the finished, folded field
body, which the exporter stores with ``set_raw`` under a policy that writes raw values
verbatim (``refold_source="none"``). A value is built only from:

* **plain words**: printable ASCII without ``=?`` (so no reader can find an encoded word
  in it) and without line breaks, joined by single spaces;
* **encoded words** presskit made itself from the UTF-8 bytes of the text (``=?utf-8?b?``
  base64, or ``=?utf-8?q?`` with only ``A-Z a-z 0-9 ! * + - /`` left as they are), which
  hold no space, ``?``, line break or anything a reader could take for structure;
* **quoted strings** of printable ASCII without ``=?``, ``"`` or ``\\``, and RFC 2231
  percent-encoded parameter values (``filename*=utf-8''%E9%99%84.csv``);
* tokens presskit checks against their grammar (addresses, media types, message ids).

Text that is not plain in its entirety is encoded in its entirety, so a headline either
reads as it is or is wholly encoded words: there is no mixed form in which a crafted word
could pass as presskit's. Lines are folded at 78 octets only at a space presskit put
there (CR LF space), and :func:`checked` refuses a value with any other line break or a
non-ASCII octet, so whatever the text, it cannot end a header or start another.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from urllib.parse import quote

__all__ = [
    "LINE",
    "HeaderError",
    "address",
    "checked",
    "content_disposition",
    "mailbox",
    "unstructured",
]

#: The line length headers are folded to (RFC 5322 section 2.1.1 recommends 78).
LINE = 78
#: The longest encoded word (RFC 2047 section 2).
_MAX_WORD = 75
#: Characters that can never be in a header: controls, line and paragraph separators.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]+")
#: Octets a ``q`` encoded word keeps as they are: the set RFC 2047 section 5 (3) allows
#: in a phrase, so the same word is valid in a Subject and in a display name.
_Q_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_ATEXT = r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]"
_ATOM = re.compile(rf"{_ATEXT}+\Z")
_DOT_ATOM = re.compile(rf"{_ATEXT}+(?:\.{_ATEXT}+)*\Z")
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\Z")
#: A field body as presskit writes it: printable ASCII, folded only as CR LF + space.
_FIELD_BODY = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]|\r\n (?=[\x21-\x7e]))*\Z")


class HeaderError(ValueError):
    """A value that cannot be written in a header; the message says why."""


def _text(text: str) -> str:
    """``text`` with every run of control characters and line separators as one space
    (the model has removed them already; this keeps a header one line whatever it is
    given)."""
    return _UNSAFE.sub(" ", text)


def _is_plain(text: str) -> bool:
    """Printable ASCII words joined by single spaces, with no ``=?`` anywhere."""
    return (
        bool(text)
        and all(" " <= c <= "~" for c in text)
        and "=?" not in text
        and "  " not in text
        and text == text.strip(" ")
    )


def _encoded_words(text: str, first: int) -> list[str]:
    """``text`` as UTF-8 encoded words, the first at most ``first`` octets long and each
    other at most 75 (a continuation line is a space and one word). Each word holds
    whole characters and is the shorter of its ``b`` and ``q`` forms; the spaces of the
    text are inside the words, since readers drop the white space between two."""
    words: list[str] = []
    limit = min(first, _MAX_WORD)
    chunk: list[bytes] = []
    q_length = 0
    for char in text:
        data = char.encode("utf-8", "replace")
        q_more = sum(1 if b in _Q_SAFE or b == 0x20 else 3 for b in data)
        size = sum(len(c) for c in chunk) + len(data)
        if chunk and min(q_length + q_more, -(-size // 3) * 4) + 12 > limit:
            words.append(_encode(b"".join(chunk)))
            chunk, q_length, limit = [], 0, _MAX_WORD
        chunk.append(data)
        q_length += q_more
    if chunk:
        words.append(_encode(b"".join(chunk)))
    return words


def _encode(data: bytes) -> str:
    q = "".join(chr(b) if b in _Q_SAFE else "_" if b == 0x20 else f"={b:02X}" for b in data)
    b = base64.b64encode(data).decode("ascii")
    return f"=?utf-8?b?{b}?=" if len(b) < len(q) else f"=?utf-8?q?{q}?="


def _fold(name: str, tokens: Iterable[str]) -> str:
    """Tokens joined by spaces, a line broken before a token that does not fit."""
    lines = [""]
    width = len(name) + 2  # "Name: "
    for token in tokens:
        if not lines[-1]:
            lines[-1] = token
        elif width + len(lines[-1]) + 1 + len(token) <= LINE:
            lines[-1] += " " + token
        else:
            lines.append(token)
            width = 1
    return "\r\n ".join(lines)


def unstructured(name: str, text: str) -> str:
    """The body of an unstructured field (``Subject``) holding ``text``: its words as
    they are when :func:`_is_plain` and each fits on a line, else encoded words.

    Raises:
        HeaderError: ``text`` is empty.
    """
    text = _text(text)
    if not text.strip():
        raise HeaderError(f"{name}: no text")
    first = LINE - len(name) - 2
    words = text.split(" ")
    if _is_plain(text) and len(words[0]) <= first and all(len(w) < LINE for w in words):
        return checked(name, _fold(name, words))
    return checked(name, _fold(name, _encoded_words(text, first)))


def _phrase(name: str, text: str, first: int) -> list[str]:
    """A display name (RFC 5322 ``phrase``) as tokens: atoms, one quoted string, or
    encoded words."""
    words = text.split(" ")
    atoms = _is_plain(text) and all(_ATOM.match(w) for w in words)
    if atoms and len(words[0]) <= first and all(len(w) < LINE for w in words):
        return words
    if _is_plain(text) and not set(text) & {'"', "\\"} and len(text) + 2 <= first:
        return [f'"{text}"']
    return _encoded_words(text, first)


def address(email: str) -> str:
    """An e-mail address as an RFC 5322 ``addr-spec``: the local part as it is when it is
    a dot-atom, else as a quoted string; the domain in IDNA (punycode) form, lower-case.

    Raises:
        HeaderError: the address cannot be written in a header: no ``@``, a local part
            that is not printable ASCII (or holds ``=?``, ``"`` or ``\\``), or a domain
            that is not a host name with a dot.
    """
    local, at, domain = email.rpartition("@")
    if not at or not local:
        raise HeaderError(f"{email!r} is not an e-mail address")
    if not _DOT_ATOM.match(local) or "=?" in local:
        # an encoded word is not allowed in an address (RFC 2047 section 5), yet
        # readers decode one in a local part, bare or quoted: refused, not written
        if not _is_plain(local) or set(local) & {'"', "\\"} or "=?" in local:
            raise HeaderError(
                f"the part before @ of {email!r} cannot be written in an e-mail header "
                "(only printable ASCII, without =?, quotes or backslashes)"
            )
        local = f'"{local}"'
    try:
        host = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        host = ""
    if not _HOST.match(host) or len(host) > 253:
        raise HeaderError(f"the domain of {email!r} is not a host name such as example.org")
    if len(local) + 1 + len(host) > 254:  # RFC 5321 section 4.5.3.1.3, less the < >
        raise HeaderError(f"{email!r} is longer than 254 characters")
    return f"{local}@{host}"


def mailbox(name: str, display_name: str | None, addr_spec: str) -> str:
    """The body of an address field (``From``, ``Reply-To``) with one mailbox:
    ``display name <addr-spec>``, or the bare ``addr-spec`` without a display name.
    ``addr_spec`` comes from :func:`address`."""
    first = LINE - len(name) - 2
    text = _text(display_name or "").strip()
    if not text:
        return checked(name, addr_spec)
    return checked(name, _fold(name, [*_phrase(name, text, first), f"<{addr_spec}>"]))


def content_disposition(kind: str, filename: str) -> str:
    """The body of a ``Content-Disposition`` field (RFC 2183): ``kind`` (``attachment``
    or ``inline``) and ``filename`` as a quoted string when it is plain ASCII without
    quotes or backslashes and fits on a line, else as RFC 2231 ``filename*`` (UTF-8,
    percent-encoded, in numbered sections when long)."""
    name = "Content-Disposition"
    filename = _text(filename)
    width = len(name) + 2 + len(kind) + 2  # "Name: kind; "
    if _is_plain(filename) and not set(filename) & {'"', "\\"}:
        param = f'filename="{filename}"'
        if width + len(param) <= LINE:
            return checked(name, f"{kind}; {param}")
        if 1 + len(param) <= LINE:
            return checked(name, f"{kind};\r\n {param}")
    charset = "us-ascii" if filename.isascii() else "utf-8"
    value = f"{charset}''" + quote(filename.encode("utf-8", "replace"), safe="")
    param = f"filename*={value}"
    if width + len(param) <= LINE:
        return checked(name, f"{kind}; {param}")
    if 1 + len(param) <= LINE:
        return checked(name, f"{kind};\r\n {param}")
    return checked(name, f"{kind};\r\n " + ";\r\n ".join(_sections(value)))


def _sections(value: str) -> list[str]:
    """``filename*0*=...``, ``filename*1*=...``: each line at most 78 octets with its
    ``;``, never splitting a ``%XX`` or a character's octets."""
    sections: list[str] = []
    rest = value
    while rest:
        label = f"filename*{len(sections)}*="
        room = LINE - 1 - len(label) - 1  # " " before, ";" after
        cut = min(room, len(rest))
        if "%" in rest[max(0, cut - 2) : cut]:
            cut = rest.rindex("%", 0, cut)
        # nor a UTF-8 character: readers (Python's among them) decode each section
        while 0 < cut < len(rest) and rest[cut] == "%" and rest[cut + 1] in "89AB":
            cut -= 3
        sections.append(label + rest[:cut])
        rest = rest[cut:]
    return sections


def checked(name: str, value: str) -> str:
    """``value`` if it is a field body presskit may write: printable ASCII, folded only
    as CR LF followed by a space and text, no line longer than 998 octets.

    Raises:
        HeaderError: anything else (a defect in presskit, never in a release).
    """
    lines = value.split("\r\n")
    if not _FIELD_BODY.match(value) or len(name) + 2 + max(len(x) for x in lines) > 998:
        raise HeaderError(f"presskit built a {name} header it must not write: {value!r}")
    return value
