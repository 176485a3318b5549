"""A checker for the machine-checkable rules of PDF/UA-1 (ISO 14289-1) that presskit's
PDF implements; used by the tests (tests/test_pdf_tags.py), not by presskit.

:func:`check` returns a list of failures (empty: all rules hold), each naming the rule
and where it fails. The rules (Matterhorn Protocol checkpoint numbers in brackets):

* the catalog has ``/MarkInfo << /Marked true >>`` (06-002), a ``/StructTreeRoot``
  (01-006), a non-empty ``/Lang`` (11-006), ``/ViewerPreferences << /DisplayDocTitle
  true >>`` (07-001), XMP metadata with ``pdfuaid:part`` 1 (06-002) and a ``dc:title``
  (06-003), and the document information has a title;
* every page has ``/Tabs /S`` (28-002);
* every piece of page content (text shown, paths painted, images and forms drawn,
  shadings) is inside a marked-content sequence with an MCID or inside an ``/Artifact``
  (01-001, 01-002); no MCID sequence is inside another or inside an artifact;
* every MCID on a page is found through the page's ``/StructParents`` entry of the
  parent tree, and that element refers back to it (01-005 / 01-007);
* every structure type is a standard one or role-mapped to one (02-001);
* every ``Figure`` has ``/Alt`` or ``/ActualText`` (13-004);
* headings do not skip levels, and the first is ``H1`` (14-002, 14-003);
* every annotation (except Popup) has a ``/StructParent`` whose element refers to it
  with an ``OBJR``; a link annotation's element is a ``Link`` (28-011), with
  ``/Contents`` (28-004, 7.18.5);
* every font used is embedded (31-001) with a ``/ToUnicode`` map or a standard
  encoding (31-027 approximation).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pikepdf

STANDARD = frozenset(
    {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
     "Index", "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L",
     "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
     "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB",
     "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"}
)  # fmt: skip

#: operators that put marks on the page
_PAINTING = frozenset(
    {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do",
     "INLINE IMAGE"}
)  # fmt: skip


def check(data: bytes | str) -> list[str]:
    """The PDF/UA failures of the PDF file ``data`` (bytes or a path); ``[]`` if none."""
    source = data if isinstance(data, str) else io.BytesIO(data)
    with pikepdf.open(source) as pdf:
        failures = _catalog(pdf)
        tree = pdf.Root.get("/StructTreeRoot")
        parents = _number_tree(tree.ParentTree) if tree is not None else {}
        for number, page in enumerate(pdf.pages, start=1):
            failures += _page(number, page, parents)
        if tree is not None:
            failures += _tree(tree)
        failures += _fonts(pdf)
    return failures


def _catalog(pdf: pikepdf.Pdf) -> list[str]:
    root = pdf.Root
    failures = []
    mark_info = root.get("/MarkInfo")
    if mark_info is None or not bool(mark_info.get("/Marked", False)):
        failures.append("catalog: /MarkInfo /Marked is not true")
    if "/StructTreeRoot" not in root:
        failures.append("catalog: no /StructTreeRoot")
    if not str(root.get("/Lang", "")).strip():
        failures.append("catalog: no /Lang")
    preferences = root.get("/ViewerPreferences")
    if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
        failures.append("catalog: /ViewerPreferences /DisplayDocTitle is not true")
    metadata = root.get("/Metadata")
    xmp = metadata.read_bytes().decode("utf-8") if metadata is not None else ""
    if not re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
        failures.append("metadata: no pdfuaid:part 1 in the XMP metadata")
    if not re.search(r"<dc:title>.*?<rdf:li[^>]*>[^<]+</rdf:li>", xmp, re.S):
        failures.append("metadata: no dc:title in the XMP metadata")
    if not str(pdf.docinfo.get("/Title", "")).strip():
        failures.append("info: no /Title")
    return failures


def _number_tree(node: Any) -> dict[int, Any]:
    out: dict[int, Any] = {}
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        out.update(_number_tree(kid))
    return out


def _page(number: int, page: pikepdf.Page, parents: dict[int, Any]) -> list[str]:
    failures = []
    obj = page.obj
    if obj.get("/Tabs") != pikepdf.Name.S:
        failures.append(f"page {number}: /Tabs is not /S")
    mcids, content = _marked_content(page)
    failures += [f"page {number}: {what}" for what in content]
    if mcids:
        key = obj.get("/StructParents")
        if key is None or int(key) not in parents:
            failures.append(f"page {number}: marked content but no /StructParents entry")
        else:
            elems = parents[int(key)]
            for mcid in sorted(mcids):
                if mcid >= len(elems) or not _refers_to(elems[mcid], obj, mcid):
                    failures.append(f"page {number}: MCID {mcid} has no element that holds it")
    return failures + _annotations(number, obj, parents)


def _annotations(number: int, obj: Any, parents: dict[int, Any]) -> list[str]:
    failures = []
    for index, annot in enumerate(obj.get("/Annots", [])):
        if annot.get("/Subtype") == pikepdf.Name.Popup:
            continue
        where = f"page {number}: annotation {index}"
        key = annot.get("/StructParent")
        elem = parents.get(int(key)) if key is not None else None
        if elem is None:
            failures.append(f"{where}: no /StructParent in the parent tree")
            continue
        if not any(k.get("/Type") == pikepdf.Name.OBJR and k.Obj.objgen == annot.objgen
                   for k in _kids(elem) if isinstance(k, pikepdf.Dictionary)):  # fmt: skip
            failures.append(f"{where}: its element has no OBJR for it")
        if annot.get("/Subtype") == pikepdf.Name.Link:
            if elem.get("/S") != pikepdf.Name.Link:
                failures.append(f"{where}: a link annotation in a {elem.get('/S')} element")
            if not str(annot.get("/Contents", "")).strip():
                failures.append(f"{where}: a link annotation without /Contents")
    return failures


def _refers_to(elem: Any, page: Any, mcid: int) -> bool:
    for kid in _kids(elem):
        if isinstance(kid, int) and kid == mcid:
            pg = elem.get("/Pg")
            if pg is not None and pg.objgen == page.objgen:
                return True
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
            pg = kid.get("/Pg", elem.get("/Pg"))
            if int(kid.MCID) == mcid and pg is not None and pg.objgen == page.objgen:
                return True
    return False


def _kids(elem: Any) -> list[Any]:
    """``/K`` as a list: integers (MCIDs) and dictionaries (elements, MCR, OBJR)."""
    kids = elem.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _marked_content(page: pikepdf.Page) -> tuple[set[int], list[str]]:
    """The MCIDs on the page, and what is drawn outside tagged content or artifacts."""
    mcids: set[int] = set()
    failures: list[str] = []
    stack: list[str] = []  # "mcid", "artifact" or "other" for each open sequence
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" else None
            if tag == "/Artifact":
                stack.append("artifact")
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                if "mcid" in stack or "artifact" in stack:
                    failures.append(f"MCID {int(props.MCID)} nested in another sequence")
                mcids.add(int(props.MCID))
                stack.append("mcid")
            else:
                stack.append("other")
        elif op == "EMC":
            if not stack:
                failures.append("EMC without BDC")
            else:
                stack.pop()
        elif op in _PAINTING and "mcid" not in stack and "artifact" not in stack:
            failures.append(f"content outside tagged content and artifacts ({op})")
    if stack:
        failures.append("marked content not closed")
    return mcids, failures


def _walk(elem: Any) -> Iterator[Any]:
    yield elem
    for kid in _kids(elem):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in (
            pikepdf.Name.MCR, pikepdf.Name.OBJR
        ):  # fmt: skip
            yield from _walk(kid)


def _tree(tree: Any) -> list[str]:
    failures = []
    role_map = tree.get("/RoleMap", {})
    previous = 0
    for root_kid in _kids(tree):
        for elem in _walk(root_kid):
            role = str(elem.get("/S"))[1:]
            role = str(role_map.get("/" + role, "/" + role))[1:]
            if role not in STANDARD:
                failures.append(f"structure: {role} is not a standard structure type")
            if role == "Figure" and not (elem.get("/Alt") or elem.get("/ActualText")):
                failures.append("structure: a Figure without /Alt")
            if re.fullmatch(r"H[1-6]", role):
                level = int(role[1])
                if level > previous + 1:
                    failures.append(f"structure: {role} after H{previous} skips a level")
                previous = level
    return failures


def _fonts(pdf: pikepdf.Pdf) -> list[str]:
    failures = []
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        for font in _page_fonts(page.obj.get("/Resources", {})):
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            name = str(font.get("/BaseFont"))
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            if descriptor is None or not any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                failures.append(f"page {number}: font {name} is not embedded")
            if "/ToUnicode" not in font and font.get("/Encoding") not in (
                pikepdf.Name.WinAnsiEncoding, pikepdf.Name.MacRomanEncoding
            ):  # fmt: skip
                failures.append(f"page {number}: font {name} has no /ToUnicode")
    return failures


def _page_fonts(resources: Any, depth: int = 0) -> Iterator[Any]:
    yield from resources.get("/Font", {}).values()
    if depth < 8:
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form and "/Resources" in xobject:
                yield from _page_fonts(xobject.Resources, depth + 1)
