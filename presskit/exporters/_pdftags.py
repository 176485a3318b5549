"""Tagged PDF: the structure tree that gives a screen reader the reading order, the
headings, lists, quotes, figures and links of the PDF (ISO 32000-1 section 14.7 and
14.8; PDF/UA-1, ISO 14289-1).

reportlab writes no structure tree (../shared/reference/docx-pdf.md R18), so presskit
builds one in two steps:

1. while reportlab draws, a :class:`Tagger` (``canvas._presskit_tagger``) brackets each
   piece of page content: ``/P <</MCID n>> BDC ... EMC`` for content that belongs to a
   structure element (:class:`StructElem`), ``/Artifact <</Type /Pagination>> BDC ...
   EMC`` for running headers, footers, page numbers and rules; link annotations are
   recorded with their ``Link`` element;
2. after reportlab has saved the file, :func:`write_structure` (pikepdf, on the saved
   bytes) writes the tree: ``/StructTreeRoot`` with its ``/ParentTree``, ``/StructParents``
   and ``/Tabs /S`` on pages, ``/StructParent`` on annotations, and in the catalog
   ``/MarkInfo``, ``/Lang``, ``/ViewerPreferences /DisplayDocTitle`` and XMP metadata with
   ``pdfuaid:part 1``.

Post-processing with pikepdf rather than reportlab's own PDF objects: reportlab's
catalog has no slot for a structure tree, and the tree refers to objects (pages,
annotations) whose numbers reportlab decides only when it saves; pikepdf (qpdf) edits the
finished file with real object references, and the font embedding of the new text
back end (``_pdfembed``) works on the same ``pikepdf.Pdf``:
:func:`presskit.exporters._pdffinish.finish` opens, embeds, tags and saves in one call.

reportlab and pikepdf are imported when first needed, so importing presskit stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

import attrs

if TYPE_CHECKING:
    import pikepdf

__all__ = [
    "ROLES",
    "StoryTree",
    "StructElem",
    "Tagged",
    "Tagger",
    "heading_role",
    "write_structure",
    "xmp",
]

#: The standard structure types presskit uses (ISO 32000-1 section 14.8.4); no role map.
ROLES = frozenset(
    {"Document", "Sect", "Div", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl",
     "LBody", "BlockQuote", "Quote", "Table", "TR", "TH", "TD", "Link", "Figure", "Span",
     "Caption", "Note"}
)  # fmt: skip

#: Artifact types (ISO 32000-1 table 330) and subtypes.
_ARTIFACT_TYPES = frozenset({"Pagination", "Layout", "Page", "Background"})
_ARTIFACT_SUBTYPES = frozenset({"Header", "Footer", "Watermark"})


@attrs.frozen
class _Content:
    """A marked-content sequence: ``/MCID mcid`` on page ``page`` (0-based)."""

    page: int
    mcid: int


@attrs.frozen
class _Annotation:
    """An annotation: the ``index``-th entry of page ``page``'s ``/Annots`` (0-based);
    ``text`` describes it (the annotation's ``/Contents``) when known."""

    page: int
    index: int
    text: str | None = None


class StructElem:
    """An element of the structure tree.

    Args:
        role: a standard structure type (:data:`ROLES`): ``"Document"``, ``"H1"``,
            ``"P"``, ``"L"``, ``"LI"``, ``"LBody"``, ``"BlockQuote"``, ``"Link"``,
            ``"Figure"`` ...
        parent: the element it belongs to (it is appended to the parent's children),
            or ``None`` for the root.
        alt: alternate text (``/Alt``), required for a ``Figure``.
        lang: a BCP 47 tag (``/Lang``) when its language differs from the document's
            (written only then).
        title: ``/T``.
        actual_text: ``/ActualText``: the text the element's content stands for.

    Raises:
        ValueError: ``role`` is not a standard structure type.

    Children and marked content are kept in one list, in reading order. An element
    that holds no content, directly or below it, when the tree is written is left out.
    """

    __slots__ = ("actual_text", "alt", "kids", "lang", "parent", "role", "title")

    def __init__(
        self,
        role: str,
        parent: StructElem | None = None,
        *,
        alt: str | None = None,
        lang: str | None = None,
        title: str | None = None,
        actual_text: str | None = None,
    ) -> None:
        if role not in ROLES:
            raise ValueError(f"not a standard structure type: {role!r}")
        self.role = role
        self.parent = parent
        self.alt = alt
        self.lang = lang
        self.title = title
        self.actual_text = actual_text
        self.kids: list[StructElem | _Content | _Annotation] = []
        if parent is not None:
            parent.kids.append(self)

    def child(self, role: str, **kwargs: Any) -> StructElem:
        """A new last child (the arguments of :class:`StructElem`)."""
        return StructElem(role, self, **kwargs)

    def has_content(self) -> bool:
        """Whether any content (marked content, an annotation) is in it or below it."""
        return any(not isinstance(k, StructElem) or k.has_content() for k in self.kids)

    def __repr__(self) -> str:
        return f"StructElem({self.role!r}, {len(self.kids)} kids)"


class Tagger:
    """Records, while reportlab draws, which marked content and which annotations belong
    to which :class:`StructElem`; one per document. ``root`` is the ``Document``
    element.

    Set it on the canvas (:meth:`attach`) before the first page is drawn: flowables
    find it as ``canvas._presskit_tagger``. Page numbers come from the canvas
    (``canvas.getPageNumber()``). Call :meth:`begin` and :meth:`end` outside text
    objects (``BT ... ET``), or both inside the same one.
    """

    def __init__(self) -> None:
        self.root = StructElem("Document")
        #: page (0-based) -> the element of each MCID on it, by MCID
        self.pages: dict[int, list[StructElem]] = {}
        #: every recorded annotation with its element, in drawing order
        self.annotations: list[tuple[_Annotation, StructElem]] = []
        self._open: list[StructElem] = []  # tagged elements begun and not ended
        self._adopted: set[tuple[int, int]] = set()  # (page, index) of recorded annotations

    def attach(self, canvas: Any) -> Tagger:
        """Set on ``canvas`` as ``canvas._presskit_tagger``; returns itself."""
        canvas._presskit_tagger = self
        return self

    def begin(self, canvas: Any, elem: StructElem) -> int:
        """Start content of ``elem``: emits ``/Role <</MCID n>> BDC``; returns ``n``.

        Inside an element already begun (a link inside a paragraph), that element's
        sequence is closed first and opened again by :meth:`end` with a new MCID:
        marked content of two elements never nests."""
        if self._open:
            canvas._code.append("EMC")
        self._open.append(elem)
        return self._mark(canvas, elem)

    def end(self, canvas: Any) -> None:
        """End the content begun last: emits ``EMC``."""
        self._open.pop()
        canvas._code.append("EMC")
        if self._open:
            self._mark(canvas, self._open[-1])

    def _mark(self, canvas: Any, elem: StructElem) -> int:
        page = canvas.getPageNumber() - 1
        marks = self.pages.setdefault(page, [])
        mcid = len(marks)
        marks.append(elem)
        elem.kids.append(_Content(page, mcid))
        canvas._code.append(f"/{elem.role} <</MCID {mcid}>> BDC")
        return mcid

    @contextmanager
    def marked(self, canvas: Any, elem: StructElem) -> Iterator[int]:
        """:meth:`begin` and :meth:`end` around a block; yields the MCID."""
        mcid = self.begin(canvas, elem)
        try:
            yield mcid
        finally:
            self.end(canvas)

    @contextmanager
    def artifact(
        self, canvas: Any, kind: str = "Pagination", subtype: str | None = None
    ) -> Iterator[None]:
        """Mark what is drawn inside as an artifact, not content: ``/Artifact <</Type
        /kind /Subtype /subtype>> BDC ... EMC``. ``kind``: ``"Pagination"`` (running
        headers, footers, page numbers), ``"Layout"`` (rules), ``"Page"`` or
        ``"Background"``; ``subtype``: ``"Header"``, ``"Footer"``, ``"Watermark"`` or
        ``None``.

        Raises:
            ValueError: an unknown ``kind`` or ``subtype``.
        """
        if kind not in _ARTIFACT_TYPES or (subtype and subtype not in _ARTIFACT_SUBTYPES):
            raise ValueError(f"not an artifact type: {kind!r} {subtype!r}")
        properties = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        if self._open:
            canvas._code.append("EMC")
        canvas._code.append(f"/Artifact <<{properties}>> BDC")
        try:
            yield
        finally:
            canvas._code.append("EMC")
            if self._open:
                self._mark(canvas, self._open[-1])

    def link(
        self,
        canvas: Any,
        elem: StructElem,
        rect: tuple[float, float, float, float],
        uri: str,
        *,
        text: str | None = None,
    ) -> None:
        """Add a link annotation on the current page and record it as ``elem``'s (a
        ``Link`` element; draw the link's text inside :meth:`begin` for ``elem`` too).

        Args:
            rect: ``(x1, y1, x2, y2)`` in the canvas's current user space (points).
            uri: the target (an absolute URI).
            text: what the link says (the annotation's ``/Contents``); ``None``: the URI.
        """
        before = len(canvas._annotationrefs)
        canvas.linkURL(uri, rect, relative=1, thickness=0)
        self.adopt_annotations(canvas, elem, before, text=text)

    def adopt_annotations(
        self, canvas: Any, elem: StructElem, start: int, *, text: str | None = None
    ) -> None:
        """Record the annotations added to the current page since there were ``start``
        (``len(canvas._annotationrefs)`` before drawing): each as a new ``Link`` child
        of ``elem``, or as ``elem``'s own when ``elem`` is a ``Link``."""
        page = canvas.getPageNumber() - 1
        for index in range(start, len(canvas._annotationrefs)):
            if (page, index) in self._adopted:
                continue  # (recorded by link() while a Tagged flowable drew)
            self._adopted.add((page, index))
            owner = elem if elem.role == "Link" else elem.child("Link")
            annotation = _Annotation(page, index, text)
            owner.kids.append(annotation)
            self.annotations.append((annotation, owner))


class _TaggedMixin:
    """The methods of the tagged flowable (see :func:`Tagged`); mixed with reportlab's
    ``Flowable`` by :func:`_tagged_class`."""

    def __init__(self, flowable: Any, elem: StructElem) -> None:
        super().__init__()
        self.flowable = flowable
        self.elem = elem
        self.hAlign = getattr(flowable, "hAlign", "LEFT")
        # width and height are the wrapped flowable's: Flowable.__init__ sets them to 0,
        # and a table splitting a cell takes a piece's height from them when present (a
        # piece of height 0 is never split again: the table split did not end)
        del self.width, self.height

    def __getattr__(self, name: str) -> Any:
        # everything else as the wrapped flowable has it (style, _presskit_outline ...)
        if name == "flowable":
            raise AttributeError(name)
        return getattr(self.flowable, name)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self.flowable.wrap(available_width, available_height)
        return width, height

    def wrapOn(self, canvas: Any, width: float, height: float) -> tuple[float, float]:
        w, h = self.flowable.wrapOn(canvas, width, height)
        return w, h

    def split(self, width: float, height: float) -> list[Any]:
        return [Tagged(piece, self.elem) for piece in self.flowable.split(width, height)]

    def splitOn(self, canvas: Any, width: float, height: float) -> list[Any]:
        pieces = self.flowable.splitOn(canvas, width, height)
        return [Tagged(piece, self.elem) for piece in pieces]

    def getSpaceBefore(self) -> float:
        return float(self.flowable.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.flowable.getSpaceAfter())

    # (no getKeepWithNext: Flowable's reads keepWithNext, which the document template
    # sets to 0 in the wrapper's __dict__ when it groups flowables into a KeepTogether;
    # asking the wrapped flowable would group them again and again)

    def minWidth(self) -> float:
        return float(self.flowable.minWidth())

    def identity(self, maxLen: int | None = None) -> str:
        return f"Tagged({self.elem.role}, {self.flowable.identity(maxLen)})"

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        tagger: Tagger | None = getattr(canvas, "_presskit_tagger", None)
        if tagger is None:
            self.flowable.drawOn(canvas, x, y, _sW)
            return
        start = len(canvas._annotationrefs)
        with tagger.marked(canvas, self.elem):
            self.flowable.drawOn(canvas, x, y, _sW)
        tagger.adopt_annotations(canvas, self.elem, start)


class StoryTree:
    """The structure tree of a story, built in reading order while a writer makes the
    story's flowables: the element new content goes into (``parent``), numbered
    paragraphs as one list until a block without a number, heading levels that never
    skip one. ``tagger`` records the drawing; its ``root`` is the ``Document``."""

    def __init__(self, tagger: Tagger | None = None) -> None:
        self.tagger = tagger or Tagger()
        self.parent = self.tagger.root  # the element new elements go into
        self._slot: StructElem | None = None  # the element the next content is
        self._numbers: StructElem | None = None  # the list of numbered paragraphs
        self._level = 0  # the last heading's level

    def element(self, role: str = "P", **kwargs: Any) -> StructElem:
        """The element for the next piece of content: a new ``role`` element in
        ``parent`` (``kwargs`` as for :class:`StructElem`), or the element
        :meth:`within` left open for it."""
        elem, self._slot = self._slot or self.parent.child(role, **kwargs), None
        return elem

    @contextmanager
    def within(self, *roles: str, slot: bool = False) -> Iterator[StructElem]:
        """New elements ``roles`` (each inside the one before) in ``parent``; what is
        added inside goes into the last (yielded). ``slot``: the next :meth:`element`
        is that last element itself (the ``LBody`` of a list item), not a new one."""
        saved = self.parent
        for role in roles:
            self.parent = self.parent.child(role)
        self._slot = self.parent if slot else None
        try:
            yield self.parent
        finally:
            self.parent, self._slot = saved, None

    def heading(self, level: int) -> str:
        """The role of a heading of ``level`` (1: the headline): ``H1`` ... ``H6``,
        never a level deeper than the heading before it."""
        role = heading_role(level, self._level)
        self._level = int(role[1:])
        return role

    @contextmanager
    def numbered(self, number: int | None) -> Iterator[None]:
        """A paragraph numbered ``number`` as an item of a list (``L`` > ``LI`` >
        ``LBody``, the ``LBody`` left open for it) that runs on until a block without a
        number (``None``: no item, and the list ends)."""
        if number is None:
            self._numbers = None
            yield
            return
        if self._numbers is None:
            self._numbers = self.parent.child("L")
        saved, self.parent = self.parent, self._numbers
        try:
            with self.within("LI", "LBody", slot=True):
                yield
        finally:
            self.parent = saved

    def label(self, body: StructElem) -> StructElem:
        """A label (``Lbl``: a bullet, a paragraph number) for the list item body
        ``body``: a new element of ``body``'s parent, just before ``body``, so that the
        item reads its label first."""
        parent = body.parent
        assert parent is not None, "a list item body has a parent"
        label = StructElem("Lbl")
        label.parent = parent
        parent.kids.insert(parent.kids.index(body), label)
        return label

    def end_list(self) -> None:
        """End the list of numbered paragraphs: the next numbered one starts a new list."""
        self._numbers = None


@cache
def _tagged_class() -> type:
    from reportlab.platypus import Flowable

    return type("TaggedFlowable", (_TaggedMixin, Flowable), {})


def Tagged(flowable: Any, elem: StructElem) -> Any:
    """``flowable`` (a reportlab flowable: a Paragraph, an Image) drawn as content of
    ``elem``; split into pieces that are content of the same element. Link annotations
    it adds become ``Link`` children of ``elem`` (or ``elem``'s own when it is a
    ``Link``). Without a tagger on the canvas it draws as ``flowable`` does."""
    return _tagged_class()(flowable, elem)


# --- after reportlab: the tree in the file -------------------------------------------


def write_structure(pdf: pikepdf.Pdf, tagger: Tagger, *, title: str, language: str) -> None:
    """Write ``tagger``'s structure tree into ``pdf`` (PDF/UA-1, ISO 14289-1).

    Writes ``/StructTreeRoot`` (``/K``, ``/ParentTree``, ``/ParentTreeNextKey``),
    ``/StructParents`` and ``/Tabs /S`` on pages, ``/StructParent`` and ``/Contents`` on
    recorded annotations, and in the catalog ``/MarkInfo << /Marked true >>``,
    ``/Lang language``, ``/ViewerPreferences << /DisplayDocTitle true >>`` and XMP
    metadata (:func:`xmp`; dates from the document's ``/CreationDate`` and ``/ModDate``,
    never the clock). Elements with no content are left out; ``/Lang`` is written on
    an element only where it differs from ``language``.

    Args:
        pdf: the document reportlab drew while ``tagger`` recorded.
        title: the document title (``dc:title``; shown by viewers as the window title).
        language: the document's BCP 47 tag (``/Lang``, ``dc:language``).
    """
    import pikepdf

    pages = list(pdf.pages)
    keys = {page: key for key, page in enumerate(sorted(p for p in tagger.pages if p < len(pages)))}
    objects: dict[int, pikepdf.Object] = {}  # id(elem) -> its dictionary
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    top = [_element(pdf, tagger.root, root, objects, language)] if tagger.root.has_content() else []
    root.K = pikepdf.Array(top)
    nums = pikepdf.Array()
    for page, key in keys.items():
        nums.append(key)
        nums.append(pdf.make_indirect(pikepdf.Array(objects[id(e)] for e in tagger.pages[page])))
    next_key = len(keys)
    for annotation, owner in tagger.annotations:
        if annotation.page >= len(pages):
            continue
        annot = pages[annotation.page].obj.Annots[annotation.index]
        annot.StructParent = next_key
        if "/Contents" not in annot:
            annot.Contents = pikepdf.String(annotation.text or _uri_of(annot))
        nums.append(next_key)
        nums.append(objects[id(owner)])
        next_key += 1
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
    root.ParentTreeNextKey = next_key
    _finish_catalog(pdf, root, keys, title=title, language=language)


def _element(
    pdf: pikepdf.Pdf,
    elem: StructElem,
    parent: pikepdf.Object,
    objects: dict[int, pikepdf.Object],
    language: str,
) -> pikepdf.Object:
    """``elem`` and the elements below it that hold content, as structure element
    dictionaries (recorded in ``objects`` by ``id(elem)``)."""
    import pikepdf

    node = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + elem.role))
    )
    node.P = parent
    objects[id(elem)] = node
    for key, value in (("/Alt", elem.alt), ("/T", elem.title), ("/ActualText", elem.actual_text)):
        if value:
            node[key] = pikepdf.String(value)
    if elem.lang and elem.lang.lower() != language.lower():
        node.Lang = pikepdf.String(elem.lang)
    kids = pikepdf.Array()
    for kid in elem.kids:
        if isinstance(kid, StructElem):
            if kid.has_content():
                kids.append(_element(pdf, kid, node, objects, language))
            continue
        if kid.page >= len(pdf.pages):
            continue
        page = pdf.pages[kid.page].obj
        if isinstance(kid, _Content):
            node.Pg = node.get("/Pg", page)
            if node.Pg.objgen == page.objgen:
                kids.append(kid.mcid)
            else:
                kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=kid.mcid))
        else:
            annotation = page.Annots[kid.index]
            kids.append(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation, Pg=page))
    node.K = kids
    return node


def _uri_of(annotation: pikepdf.Object) -> str:
    action = annotation.get("/A")
    uri = action.get("/URI") if action is not None else None
    return str(uri) if uri is not None else "link"


def _finish_catalog(
    pdf: pikepdf.Pdf, root: pikepdf.Object, keys: dict[int, int], *, title: str, language: str
) -> None:
    import pikepdf

    for index, page in enumerate(pdf.pages):
        page.obj.Tabs = pikepdf.Name.S
        if index in keys:
            page.obj.StructParents = keys[index]
    catalog = pdf.Root
    catalog.StructTreeRoot = root
    catalog.MarkInfo = pikepdf.Dictionary(Marked=True)
    catalog.Lang = pikepdf.String(language)
    preferences = catalog.get("/ViewerPreferences", pikepdf.Dictionary())
    preferences.DisplayDocTitle = True
    catalog.ViewerPreferences = preferences
    info = {str(k): str(v) for k, v in pdf.docinfo.items()}
    if not info.get("/Title"):
        pdf.docinfo.Title = pikepdf.String(title)
    metadata = xmp(title=title, language=language, info=info)
    stream = pdf.make_stream(metadata)
    stream.Type = pikepdf.Name.Metadata
    stream.Subtype = pikepdf.Name.XML
    catalog.Metadata = stream


_PDF_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([Zz])|([+-])(\d\d)'?(\d\d))?")


def _xmp_date(pdf_date: str | None) -> str | None:
    """``D:20250116160000+00'00'`` -> ``2025-01-16T16:00:00+00:00`` (ISO 8601)."""
    match = _PDF_DATE.match(pdf_date or "")
    if match is None:
        return None
    y, mo, d, h, mi, s, z, sign, oh, om = match.groups()
    zone = "Z" if z or not sign else f"{sign}{oh}:{om}"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def xmp(*, title: str, language: str, info: dict[str, str]) -> bytes:
    """XMP metadata (UTF-8 bytes) for a PDF/UA-1 document: ``dc:title``, ``dc:language``,
    ``dc:creator``, ``dc:description`` and ``pdf:Keywords``/``pdf:Producer``/
    ``xmp:CreatorTool``/``xmp:CreateDate``/``xmp:ModifyDate`` from the document
    information ``info`` (keys ``"/Author"``, ``"/Subject"``, ``"/Keywords"``,
    ``"/Producer"``, ``"/Creator"``, ``"/CreationDate"``, ``"/ModDate"``; absent ones
    are left out), and ``pdfuaid:part`` 1. The same arguments give the same bytes."""

    def text(value: str) -> str:
        return escape(value, {'"': "&quot;"})

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{text(value)}</rdf:li></rdf:Alt>'

    lines = [
        "<dc:format>application/pdf</dc:format>",
        f"<dc:title>{alt(info.get('/Title') or title)}</dc:title>",
        f"<dc:language><rdf:Bag><rdf:li>{text(language)}</rdf:li></rdf:Bag></dc:language>",
    ]
    if info.get("/Author"):
        lines.append(f"<dc:creator><rdf:Seq><rdf:li>{text(info['/Author'])}</rdf:li>"
                     "</rdf:Seq></dc:creator>")  # fmt: skip
    if info.get("/Subject"):
        lines.append(f"<dc:description>{alt(info['/Subject'])}</dc:description>")
    for key, name in (("/Keywords", "pdf:Keywords"), ("/Producer", "pdf:Producer"),
                      ("/Creator", "xmp:CreatorTool")):  # fmt: skip
        if info.get(key):
            lines.append(f"<{name}>{text(info[key])}</{name}>")
    for key, name in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        date = _xmp_date(info.get(key))
        if date:
            lines.append(f"<{name}>{date}</{name}>")
    lines.append("<pdfuaid:part>1</pdfuaid:part>")
    body = "\n".join("   " + line for line in lines)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def heading_role(level: int, previous: int) -> str:
    """``H1`` ... ``H6`` for a heading of ``level`` (1 = the headline) after a heading
    of level ``previous`` (0 before the first): never more than one level deeper."""
    return f"H{max(1, min(level, previous + 1, 6))}"
