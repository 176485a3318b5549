"""Compile one ``.po`` catalogue to ``.mo`` with Babel, stamped with the ``.po``'s digest.

This module imports nothing from presskit: ``setup.py`` loads it by path to compile the
package's catalogues when a wheel is built (``build_py``), where presskit itself cannot
be imported. :mod:`presskit.i18n.catalogues` and ``presskit i18n compile`` use it too.

A compiled catalogue is *up to date* when it was compiled from the ``.po`` as it now is.
File times cannot tell (an installer writes both files in any order), so each ``.mo``
written here carries one extra entry, ``msgctxt`` :data:`DIGEST_CONTEXT`, ``msgid``
``"sha256"``, whose ``msgstr`` is the SHA-256 of the ``.po`` file's bytes (hex). gettext
readers see an ordinary entry nobody asks for.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["DIGEST_CONTEXT", "compile_po", "po_digest"]

#: The ``msgctxt`` of the entry that records which ``.po`` a ``.mo`` was compiled from.
DIGEST_CONTEXT = "presskit:source"


def po_digest(data: bytes) -> str:
    """The SHA-256 of a ``.po`` file's bytes, as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def compile_po(po: Path, mo: Path) -> tuple[int, int]:
    """Compile ``po`` into ``mo`` (Babel's ``read_po``/``write_mo``, as ``pybabel
    compile`` does; fuzzy entries are left out) with the digest entry.

    Returns:
        ``(translated, total)``: the entries with a non-empty ``msgstr``, and all
        entries (the header and obsolete ones not counted).

    Raises:
        babel.messages.pofile.PoFileError: ``po`` is not a valid catalogue (its
            ``lineno`` says where).
        OSError: a file cannot be read or written.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    data = po.read_bytes()
    catalog = read_po(data.splitlines(keepends=True), abort_invalid=True)
    messages = [m for m in catalog if m.id]
    translated = sum(1 for m in messages if m.string and not m.fuzzy)
    catalog.add("sha256", po_digest(data), context=DIGEST_CONTEXT)
    mo.parent.mkdir(parents=True, exist_ok=True)
    partial = mo.with_name(mo.name + ".part")
    with partial.open("wb") as out:
        write_mo(out, catalog)
    partial.replace(mo)
    return translated, len(messages)
