"""Font faces and the choice of a face for every character.

A :class:`Face` is one font in a file (a face inside a collection, ``.ttc``/``.otc``,
has its index): TrueType (``glyf``) or OpenType with CFF outlines (``.otf``, Noto Sans
CJK, the Debian Loma ``.otf``). Its character map comes from HarfBuzz, its metrics from
fontTools; both are read once per process (:func:`load_face` caches).

A :class:`FontBook` holds the theme's candidate files for each script and chooses, for
each character, the face that draws it (:meth:`FontBook.face`): the face of the text's
script (Japanese Han and kana in a Japanese face, Traditional and Simplified Chinese in
their own faces), else the faces of the scripts the character is shared with
(Unicode Script_Extensions), else the Latin face, else any face of the theme, else the
symbol and emoji fallbacks. Punctuation, digits and spaces inside shaped text are chosen
the same way, so a Thai font without a full stop never prints a box for it.

Candidate names (the theme's ``[pdf.fonts.<script>]`` tables) are file names searched in
the given folders, then the system font folders (:data:`presskit.fonts.SYSTEM_FONT_DIRS`),
or paths; a face in a collection is named by a suffix: ``"NotoSansCJK-Regular.ttc#Noto
Sans CJK JP"`` (a family, full or PostScript name in the collection) or
``"NotoSansCJK-Regular.ttc#2"`` (its 0-based index).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from presskit.errors import ExportError
from presskit.fonts import SYSTEM_FONT_DIRS, find_file

__all__ = ["FACES", "Face", "FontBook", "face_keys", "load_face", "resolve_candidate"]

#: The faces of a family, as the theme names them.
FACES = ("regular", "bold", "italic", "bold_italic")

_STYLE = {(False, False): "regular", (True, False): "bold", (False, True): "italic",
          (True, True): "bold_italic"}  # fmt: skip

#: The fallback scripts (ISO 15924 symbols, emoji), tried after every other face.
FALLBACK = ("Zsym", "Zsye")

_HAN = frozenset({"Hani", "Hira", "Kana", "Hrkt", "Bopo", "Jpan", "Hans", "Hant"})
_TRADITIONAL = frozenset({"tw", "hk", "mo", "hant"})


@attrs.define(eq=False, repr=False)
class Face:
    """One font face: a file and, for a collection, the index of the face in it.

    Faces compare by identity; :func:`load_face` returns one object per file and index.

    Attributes:
        path: the font file.
        index: the face's 0-based index in a collection (0 for a single font).
        postscript_name: the PostScript name (name ID 6), e.g. ``"NotoSansCJKjp-Regular"``.
        units_per_em: font units per em (``head.unitsPerEm``).
        ascender: how far the font reaches above the baseline, in font units: OS/2
            typo ascender when the font sets USE_TYPO_METRICS, else ``hhea.ascent``,
            and never less than ``usWinAscent`` (what Windows clips to; tall scripts
            such as Burmese need it).
        descender: how far it reaches below the baseline, in font units, as a positive
            number (typo or ``hhea`` descender, at least ``usWinDescent``).
        is_cff: the outlines are CFF or CFF2 (PostScript), not TrueType ``glyf``.
        bold, italic: the face is bold (OS/2 weight >= 600 or the bold flag) or italic.
        overshoots: some glyph reaches beyond ``ascender`` or ``descender`` (the font's
            bounding box, ``head.yMax``/``yMin``, is taller): Noto Sans Khmer's stacked
            subscripts do, so the typesetter measures such glyphs' outlines.
    """

    path: Path
    index: int
    postscript_name: str
    units_per_em: int
    ascender: int
    descender: int
    is_cff: bool
    bold: bool
    italic: bool
    _codepoints: frozenset[int]
    overshoots: bool = False
    _hb_font: Any = None
    _chars: frozenset[str] | None = None
    _inks: dict[int, tuple[int, int]] = attrs.Factory(dict)

    def has(self, char: str) -> bool:
        """True when the face's character map has a glyph for ``char`` (one character)."""
        return ord(char) in self._codepoints

    def covers(self, text: str) -> bool:
        """True when the face has a glyph for every character of ``text``."""
        if self._chars is None:
            self._chars = frozenset(map(chr, self._codepoints))
        return self._chars.issuperset(text)

    @property
    def codepoints(self) -> frozenset[int]:
        """Every code point the face's character map has."""
        return self._codepoints

    @property
    def hb_font(self) -> Any:
        """The face as a ``uharfbuzz.Font`` at a scale of ``units_per_em`` (so positions
        come out in font units), created on first use."""
        if self._hb_font is None:
            import uharfbuzz as hb

            self._hb_font = hb.Font(hb.Face(_blob(self.path), self.index))
        return self._hb_font

    def ink(self, gid: int) -> tuple[int, int]:
        """How far glyph ``gid``'s outline rises above the baseline and falls below it,
        in font units (``(top, bottom)``, bottom positive below; ``(0, 0)`` for a glyph
        with no outline)."""
        found = self._inks.get(gid)
        if found is None:
            extents = self.hb_font.get_glyph_extents(gid)
            if extents is None or not extents.height:
                found = (0, 0)
            else:
                found = (int(extents.y_bearing), -int(extents.y_bearing + extents.height))
            self._inks[gid] = found
        return found

    def advance(self, gid: int) -> int:
        """The horizontal advance of glyph ``gid`` in font units (``hmtx``)."""
        return int(self.hb_font.get_glyph_h_advance(gid))

    def __repr__(self) -> str:
        return f"Face({self.postscript_name!r}, {str(self.path)!r}, index={self.index})"


@cache
def _blob(path: Path) -> Any:
    import uharfbuzz as hb

    return hb.Blob.from_file_path(str(path))


@cache
def load_face(path: Path, index: int = 0) -> Face:
    """The face at ``index`` in the font file ``path`` (read once per process).

    Raises:
        ExportError: the file is not a font presskit can read (naming it).
    """
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont, TTLibError

    path = Path(path)
    try:
        with TTFont(str(path), fontNumber=index, lazy=True) as font:
            units = int(font["head"].unitsPerEm)
            hhea = font["hhea"]
            os2 = font.get("OS/2")
            ascender, descender = int(hhea.ascent), -int(hhea.descent)
            bold = bool(font["head"].macStyle & 1)
            italic = bool(font["head"].macStyle & 2)
            if os2 is not None:
                if os2.fsSelection & (1 << 7):  # USE_TYPO_METRICS
                    ascender, descender = int(os2.sTypoAscender), -int(os2.sTypoDescender)
                ascender = max(ascender, int(os2.usWinAscent))
                descender = max(descender, int(os2.usWinDescent))
                bold = bold or os2.usWeightClass >= 600 or bool(os2.fsSelection & (1 << 5))
                italic = italic or bool(os2.fsSelection & 1)
            head = font["head"]
            overshoots = head.yMax > ascender or -head.yMin > max(descender, 0)
            name = font["name"].getDebugName(6) or path.stem
            is_cff = "CFF " in font or "CFF2" in font
    except (TTLibError, OSError, KeyError, AssertionError) as exc:
        raise ExportError(f"font {path}: cannot read face {index}: {exc}") from None
    codepoints = frozenset(hb.Face(_blob(path), index).unicodes)
    return Face(path, index, name, units, ascender, max(descender, 0), is_cff, bold, italic,
                codepoints, overshoots)  # fmt: skip


@cache
def _collection_names(path: Path) -> tuple[tuple[str, ...], ...]:
    """For each face of a collection, its family, typographic family, full and
    PostScript names, lower case."""
    from fontTools.ttLib import TTCollection

    out = []
    with TTCollection(str(path), lazy=True) as coll:
        for font in coll.fonts:
            names = font["name"]
            out.append(
                tuple(
                    str(n).lower()
                    for n in (names.getDebugName(i) for i in (1, 16, 4, 6))
                    if n is not None
                )
            )
    return tuple(out)


def resolve_candidate(name: str, folders: Sequence[Path]) -> tuple[Path, int] | None:
    """The file and face index a candidate name stands for, or ``None`` when the file is
    not found. ``"file.ttc#Family Name"`` or ``"file.ttc#3"`` chooses a face in a
    collection; a plain name is face 0.

    Raises:
        ExportError: the file is found but has no face of that name or index.
    """
    file, _, selector = name.partition("#")
    found = find_file([file], folders)
    if found is None:
        return None
    if not selector:
        return found, 0
    if selector.isdigit():
        return found, int(selector)
    if found.suffix.lower() not in (".ttc", ".otc"):
        raise ExportError(f"font {name!r}: {found} is not a collection (.ttc, .otc)")
    wanted = selector.strip().lower()
    for index, names in enumerate(_collection_names(found)):
        if wanted in names:
            return found, index
    raise ExportError(f"font {name!r}: {found} has no face named {selector!r}")


def face_keys(script: str, language: str) -> tuple[str, ...]:
    """The theme tables to try, in order, for text of ``script`` in ``language``:
    Japanese Han and kana in the ``Jpan`` face, Traditional Chinese (``zh-Hant``,
    ``zh-TW``, ``zh-HK``, ``zh-MO``) in ``Hant``, other Chinese in ``Hans``, Korean in
    ``Kore``; then the script's own table (``Hani``)."""
    if script not in _HAN and script != "Hang":
        return (script,)
    subtags = [s.lower() for s in language.replace("_", "-").split("-")]
    primary = subtags[0]
    if script in ("Hira", "Kana", "Hrkt"):
        return ("Jpan", script, "Hani")
    if primary == "ja":
        return ("Jpan", "Hani")
    if primary == "ko" or script == "Hang":
        return ("Kore", script, "Hani") if script == "Hang" else ("Kore", "Hani")
    if primary in ("zh", "yue", "cmn") and _TRADITIONAL & set(subtags[1:]):
        return ("Hant", "Hani")
    if primary == "yue":
        return ("Hant", "Hani")
    return ("Hans", "Hani", "Hant")


class FontBook:
    """The faces a document may use, by script and style, chosen per character.

    Build it with :meth:`from_theme`. Faces are found and read lazily, the first time a
    character needs them; every choice is cached.
    """

    def __init__(self, files: Mapping[str, Mapping[str, tuple[Path, int]]]) -> None:
        """``files``: script (theme table) -> face name (``regular``, ``bold``, ...) ->
        ``(path, index)``, in the order scripts are tried as a last resort."""
        self._files = {k: dict(v) for k, v in files.items() if "regular" in v}
        self._choice: dict[tuple[str, str, str, bool, bool], Face | None] = {}
        self.cache: dict[Any, Any] = {}  # the typesetter's cache of set paragraphs
        #: the theme's scripts with no font found (``"Latn"`` when the Latin faces are
        #: reportlab's Bitstream Vera, which lack Vietnamese letters)
        self.missing_scripts: tuple[str, ...] = ()

    @classmethod
    def from_theme(
        cls,
        candidates: Mapping[str, Mapping[str, Sequence[str]]],
        folders: Sequence[Path] = (),
        overrides: Mapping[str, Any] | None = None,
    ) -> FontBook:
        """The book for a theme's ``[pdf.fonts.<script>]`` tables.

        Args:
            candidates: script -> face (``regular``, ``bold``, ``italic``,
                ``bold_italic``) -> candidate names (see the module docstring).
            folders: font folders searched before the system ones.
            overrides: script -> a font file (the regular face) or a table of faces,
                chosen over the candidates (the PDF exporter's ``fonts`` option).

        When no Latin face is found, reportlab's Bitstream Vera faces stand in;
        :attr:`missing_scripts` lists the scripts with no font found (``"Latn"`` then
        too), for the caller to warn.

        Raises:
            ExportError: an override names a file that does not exist, or a collection
                face that is not in the file.
        """
        groups = [list(folders), list(SYSTEM_FONT_DIRS)] if folders else [list(SYSTEM_FONT_DIRS)]
        files: dict[str, dict[str, tuple[Path, int]]] = {}
        for script, value in (overrides or {}).items():
            table = {"regular": value} if isinstance(value, str | Path) else value
            if not isinstance(table, Mapping) or "regular" not in table:
                raise ExportError(
                    f'font for {script}: give a file, or a table with at least regular = "file"'
                )
            faces: dict[str, tuple[Path, int]] = {}
            for face, file in table.items():
                if face not in FACES:
                    raise ExportError(
                        f"font for {script}: unknown face {face!r}; faces: {', '.join(FACES)}"
                    )
                found = resolve_candidate(str(Path(str(file)).expanduser()), [])
                if found is None:
                    raise ExportError(f"font for {script}: {str(file)!r} does not exist")
                faces[face] = found
            files[script] = faces
        for script, table in candidates.items():
            if script in files:
                continue
            faces = {}
            for face in FACES:
                names = table.get(face, ())
                for group in groups:
                    hit = _first(names, group)
                    if hit is not None:
                        faces[face] = hit
                        break
            files[script] = faces
        missing = tuple(script for script, faces in files.items() if "regular" not in faces)
        if "regular" not in files.get("Latn", {}):
            files["Latn"] = _vera()  # (listed in missing: the caller warns)
        book = cls(files)
        book.missing_scripts = missing
        return book

    @property
    def scripts(self) -> tuple[str, ...]:
        """The scripts (theme tables) with a regular face found."""
        return tuple(self._files)

    def family(self, script: str, bold: bool = False, italic: bool = False) -> Face | None:
        """The face of a script's family in a style (the regular face when the family
        has no such style: no synthetic bold), or ``None`` when the script has none."""
        faces = self._files.get(script)
        if not faces:
            return None
        key = _STYLE[bool(bold), bool(italic)]
        if key not in faces and key == "bold_italic":
            key = "bold" if "bold" in faces else "italic" if "italic" in faces else "regular"
        return load_face(*faces.get(key, faces["regular"]))

    def primary(
        self, script: str, language: str, bold: bool = False, italic: bool = False
    ) -> Face | None:
        """The first face found for text of ``script`` in ``language``, whether or not
        it has a given character (the face a missing character's box is drawn in)."""
        for key in (*face_keys(script, language), "Latn", *self._files):
            face = self.family(key, bold, italic)
            if face is not None:
                return face
        return None

    def face(self, char: str, script: str, language: str, bold: bool = False,
             italic: bool = False) -> Face | None:  # fmt: skip
        """The face that draws ``char`` (one character) in text of ``script`` (ISO
        15924: the character's own, or for punctuation, digits and spaces the script of
        the text around them) in ``language`` (BCP 47), or ``None`` when no face of the
        book has it. The order: the script's faces (see :func:`face_keys`), those of the
        scripts the character is used with (Script_Extensions), Latin, every other
        script of the theme, then the symbol and emoji fallbacks (``Zsym``, ``Zsye``).
        Bold and italic come from a real face of the family when it has one."""
        key = (char, script, language, bold, italic)
        try:
            return self._choice[key]
        except KeyError:
            pass
        found = None
        for table in self._order(char, script, language):
            face = self.family(table, bold, italic)
            if face is not None and face.has(char):
                found = face
                break
            if (bold or italic) and face is not None:
                plain = self.family(table)
                if plain is not None and plain.has(char):
                    found = plain
                    break
        self._choice[key] = found
        return found

    def _order(self, char: str, script: str, language: str) -> Iterable[str]:
        from presskit.scripts import font_scripts

        seen: set[str] = set()
        keys = [*face_keys(script, language)]
        for other in font_scripts(char):
            keys += face_keys(other, language)
        keys.append("Latn")
        keys += [k for k in self._files if k not in FALLBACK]
        keys += FALLBACK
        for key in keys:
            if key not in seen and key in self._files:
                seen.add(key)
                yield key


def _vera() -> dict[str, tuple[Path, int]]:
    """The Bitstream Vera faces reportlab ships: the Latin faces of last resort."""
    import reportlab

    base = Path(reportlab.__file__).parent / "fonts"
    files = {"regular": "Vera.ttf", "bold": "VeraBd.ttf", "italic": "VeraIt.ttf",
             "bold_italic": "VeraBI.ttf"}  # fmt: skip
    return {face: (base / name, 0) for face, name in files.items() if (base / name).is_file()}


def _first(names: Sequence[str], folders: Sequence[Path]) -> tuple[Path, int] | None:
    for name in names:
        try:
            hit = resolve_candidate(name, folders)
        except ExportError:
            continue  # a theme candidate that is not what it says: try the next
        if hit is not None:
            return hit
    return None


def is_invisible(char: str) -> bool:
    """True for a default-ignorable character (zero-width space and joiners, soft
    hyphen, bidi controls, variation selectors): HarfBuzz draws it as nothing, so it
    needs no glyph and stays in the face of the text around it."""
    return (
        unicodedata.category(char) == "Cf"
        or "\ufe00" <= char <= "\ufe0f"
        or ("\U000e0100" <= char <= "\U000e01ef")
    )
