"""The tagged PDF (issue 14, item 2): the structure tree of the reference release and of
releases in other scripts, read back with poppler (``pdfinfo -struct-text``) and
checked against the machine-checkable PDF/UA-1 rules (tests/pdfua.py)."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

import presskit
from presskit.errors import PresskitWarning
from presskit.exporters._pdffinish import finish
from presskit.exporters._pdftags import StructElem, Tagged, Tagger, heading_role, xmp
from presskit.layout import layout
from presskit.model import Heading, NumberedList, Paragraph, PressRelease, Quote
from presskit.profiles import get_profile
from presskit.sources import load_many
from presskit.sources.agencies import load_agencies

from . import pdfua
from .conftest import GOLDEN, REFERENCE, SOURCES

LANGUAGES = Path(__file__).resolve().parent / "fixtures" / "languages"

needs_pdfinfo = pytest.mark.skipif(
    shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) is not installed"
)


def squash(text: str) -> str:
    """Text without white space: pdfinfo joins a paragraph's lines without a space."""
    return re.sub(r"\s+", "", text)


@attrs.frozen
class Node:
    """An element as ``pdfinfo -struct-text`` prints it: its role, its own text (the
    text lines right below it), and its children."""

    role: str
    text: str
    kids: tuple[Node, ...]
    items: tuple[str | Node, ...] = ()  # its text lines and children, in reading order

    def walk(self) -> list[Node]:
        return [self, *(n for k in self.kids for n in k.walk())]

    def all_text(self) -> str:
        return "".join(i if isinstance(i, str) else i.all_text() for i in self.items)


def struct_tree(path: Path) -> Node:
    """The structure tree of the PDF at ``path``, from ``pdfinfo -struct-text``."""
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    stack: list[tuple[int, str, list[str | Node]]] = [(-1, "(root)", [])]

    def close() -> None:
        _, role, items = stack.pop()
        text = "".join(i for i in items if isinstance(i, str))
        kids = tuple(i for i in items if isinstance(i, Node))
        stack[-1][2].append(Node(role, text, kids, tuple(items)))

    for line in out.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        item = line.strip()
        if not item:
            continue
        while len(stack) > 1 and stack[-1][0] >= depth:
            close()
        if item.startswith('"'):
            stack[-1][2].append(item[1:-1])
        elif not item.startswith("Object "):
            stack.append((depth, item.split(" ")[0], []))
    while len(stack) > 1:
        close()
    (document,) = stack[0][2]
    assert isinstance(document, Node)
    return document


def export(release: PressRelease, root: Path) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PresskitWarning)
        return presskit.export(release, "pdf", asset_root=root)


@pytest.fixture(scope="module")
def reference() -> PressRelease:
    agencies = load_agencies(SOURCES / "agencies.toml")
    return presskit.loads_markdown(REFERENCE.read_text("utf-8"), agencies=agencies)


@pytest.fixture(scope="module")
def reference_pdf(reference: PressRelease, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tags") / "reference.pdf"
    path.write_bytes(export(reference, SOURCES))
    return path


@pytest.fixture(scope="module")
def reference_tree(reference_pdf: Path) -> Node:
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdfinfo) is not installed")
    return struct_tree(reference_pdf)


# --- the reference release ------------------------------------------------------------


@needs_pdfinfo
def test_pdfinfo_says_tagged(reference_pdf: Path) -> None:
    out = subprocess.run(["pdfinfo", str(reference_pdf)], capture_output=True, text=True)
    assert re.search(r"^Tagged:\s+yes$", out.stdout, re.M), out.stdout


def test_reference_passes_the_pdfua_checks(reference_pdf: Path) -> None:
    assert pdfua.check(reference_pdf.read_bytes()) == []


def test_headline_and_headings_at_their_levels_in_order(
    reference: PressRelease, reference_tree: Node
) -> None:
    expected = [("H1", reference.headline)]
    expected += [(f"H{b.level + 1}", b.text) for b in reference.body if isinstance(b, Heading)]
    expected += [("H2", b.heading) for b in reference.boilerplates]
    expected.append(("H2", "For media clarifications:"))
    headings = [
        (n.role, n.all_text()) for n in reference_tree.walk() if re.fullmatch(r"H\d", n.role)
    ]
    assert [(role, squash(text)) for role, text in headings] == [
        (role, squash(text)) for role, text in expected
    ]


def test_the_24_numbered_paragraphs_are_list_items_in_order(
    reference: PressRelease, reference_tree: Node
) -> None:
    items = [n for n in reference_tree.walk() if n.role == "LI"]
    numbered = [i for i in items if re.match(r"\d+\.", i.all_text())]
    assert len(numbered) == 24
    blocks = [b for b in reference.body if isinstance(b, Paragraph | Quote)]
    for number, (item, block) in enumerate(zip(numbered, blocks, strict=True), start=1):
        label, body = item.kids  # the number, then the paragraph
        assert (label.role, body.role) == ("Lbl", "LBody")
        assert squash(label.all_text()) == f"{number}."
        text = squash(item.all_text())
        assert text.startswith(f"{number}.")
        if isinstance(block, Paragraph):
            assert text == squash(f"{number}.{block.text}")
        else:
            (quote,) = body.kids
            assert quote.role == "BlockQuote"
            assert squash(block.paragraphs[0][-1].text[:60]) in text


def test_the_quote_is_a_blockquote_with_its_speaker(
    reference: PressRelease, reference_tree: Node
) -> None:
    (quote,) = [b for b in reference.body if isinstance(b, Quote)]
    (element,) = [n for n in reference_tree.walk() if n.role == "BlockQuote"]
    # attributed once, as the text format does: by its lead-in ("Minister Teo said:"),
    # with no credit line below (presskit.layout.quote_credit)
    assert [k.role for k in element.kids] == ["P"]
    assert squash("".join(r.text for r in quote.paragraphs[0])) in squash(element.kids[0].text)
    assert quote.lead_in is not None
    assert squash(quote.lead_in) in squash(element.kids[0].text)


def test_boilerplates_and_contacts_follow_their_headings(
    reference: PressRelease, reference_tree: Node
) -> None:
    top = reference_tree.kids
    roles = [n.role for n in top]
    for boilerplate in reference.boilerplates:
        (at,) = [
            i for i, n in enumerate(top) if squash(n.all_text()) == squash(boilerplate.heading)
        ]
        paragraphs = [b for b in boilerplate.body if isinstance(b, Paragraph)]
        following = top[at + 1 : at + 1 + len(paragraphs)]
        assert [n.role for n in following] == ["P"] * len(paragraphs)
        for node, paragraph in zip(following, paragraphs, strict=True):
            assert squash(node.all_text()) == squash(paragraph.text)
    assert roles[-2:] == ["H2", "L"]
    contacts = top[-1]
    assert [k.role for k in contacts.kids] == ["LI"] * len(reference.media_contacts)
    for item, contact in zip(contacts.kids, reference.media_contacts, strict=True):
        assert squash(contact.name) in squash(item.all_text())
        assert contact.email is not None
        assert squash(contact.email) in squash(item.all_text())


def test_header_and_footer_are_artifacts(reference: PressRelease, reference_tree: Node) -> None:
    text = squash(reference_tree.all_text())
    running = layout(reference, get_profile("sg")).running_header
    assert squash(running) not in text
    assert "Page1" not in text and "Page2of" not in text
    assert squash(reference.headline) in text  # (the tree has text at all)


def test_links_are_link_elements_with_their_annotation(reference_pdf: Path) -> None:
    with pikepdf.open(reference_pdf) as pdf:
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert len(annotations) >= 3  # a web address and two e-mail addresses
        tree = pdf.Root.StructTreeRoot
        parents = dict(zip(tree.ParentTree.Nums[::2], tree.ParentTree.Nums[1::2], strict=True))
        for annotation in annotations:
            link = parents[int(annotation.StructParent)]
            assert pikepdf.Name.Link == link.S
            (objr,) = [k for k in link.K if isinstance(k, pikepdf.Dictionary)]
            assert objr.Obj.objgen == annotation.objgen
            assert any(isinstance(k, int) for k in link.K)  # the link's text
            uri = str(annotation.A.URI)
            # /Contents (PDF/UA: what the link is) is the link's words, here its address
            assert str(annotation.Contents) and str(annotation.Contents) in uri


def test_catalog_and_metadata(reference: PressRelease, reference_pdf: Path) -> None:
    with pikepdf.open(reference_pdf) as pdf:
        assert str(pdf.Root.Lang) == "en-SG"
        assert bool(pdf.Root.MarkInfo.Marked)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert all(page.obj.Tabs == pikepdf.Name.S for page in pdf.pages)
        metadata = ET.fromstring(pdf.Root.Metadata.read_bytes())
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
        "xmp": "http://ns.adobe.com/xap/1.0/",
    }
    assert metadata.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=ns) == reference.headline
    assert metadata.findtext(".//pdfuaid:part", namespaces=ns) == "1"
    assert metadata.findtext(".//dc:language/rdf:Bag/rdf:li", namespaces=ns) == "en-SG"
    # dated from the release (issued 17 Jan 2025, midnight in Singapore), not the clock
    assert metadata.findtext(".//xmp:CreateDate", namespaces=ns) == "2025-01-16T16:00:00+00:00"


def test_two_builds_are_byte_identical(reference: PressRelease, reference_pdf: Path) -> None:
    assert export(reference, SOURCES) == reference_pdf.read_bytes()


# --- logos, other languages -----------------------------------------------------------


@needs_pdfinfo
def test_logos_are_figures_named_by_their_agency(tmp_path: Path) -> None:
    case = GOLDEN / "cases" / "every-block"
    (loaded,) = load_many([case / "every-block.md"])
    release = loaded.release
    path = tmp_path / "every-block.pdf"
    path.write_bytes(export(release, case))
    assert pdfua.check(path.read_bytes()) == []
    with pikepdf.open(path) as pdf:
        figures = [
            str(e.Alt) for e in _elements(pdf.Root.StructTreeRoot) if pikepdf.Name.Figure == e.S
        ]
    assert figures == [i.name for i in release.issuers if i.logo]
    tree = struct_tree(path)
    assert [k.role for k in tree.kids[: len(figures)]] == ["Figure"] * len(figures)
    headings = [int(n.role[1]) for n in tree.walk() if re.fullmatch(r"H\d", n.role)]
    assert headings[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings))
    lists = [n for n in tree.walk() if n.role == "L" and n.kids and n.kids[0].role == "LI"]
    numbered = [b for b in release.body if isinstance(b, NumberedList)]
    assert len(lists) >= 1 + len(numbered)  # the numbered paragraphs, the lists, contacts


def _elements(node: pikepdf.Object) -> list[pikepdf.Object]:
    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids else []
    out = []
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.StructElem:
            out.append(kid)
            out += _elements(kid)
    return out


@needs_pdfinfo
@pytest.mark.parametrize("case", ["th.md", "zh-hans.md", "ta.md"])
def test_language_case_is_tagged_in_its_language(case: str, tmp_path: Path) -> None:
    agencies = load_agencies(LANGUAGES / "agencies.toml")
    release = presskit.loads_markdown((LANGUAGES / case).read_text("utf-8"), agencies=agencies)
    path = tmp_path / "out.pdf"
    path.write_bytes(export(release, LANGUAGES))
    assert pdfua.check(path.read_bytes()) == []
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == release.language
    tree = struct_tree(path)
    (h1,) = [n for n in tree.walk() if n.role == "H1"]
    assert h1.all_text()  # the headline's element holds its text (its characters: lane P)
    assert tree.kids[-1].role == "L"  # the media contacts
    assert "BlockQuote" in [n.role for n in tree.walk()]


# --- the pieces -----------------------------------------------------------------------


def _tagged_pdf(draw: object) -> tuple[bytes, Tagger]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    tagger = Tagger().attach(canvas)
    draw(canvas, tagger)  # type: ignore[operator]
    canvas.showPage()
    canvas.save()
    return finish(buffer.getvalue(), None, tagger, title="T", language="en"), tagger


def test_a_link_inside_a_paragraph_does_not_nest_marked_content() -> None:
    def draw(canvas: Canvas, tagger: Tagger) -> None:
        paragraph = tagger.root.child("P")
        tagger.begin(canvas, paragraph)
        canvas.drawString(72, 700, "Read ")
        link = paragraph.child("Link")
        tagger.begin(canvas, link)
        canvas.drawString(110, 700, "this")
        tagger.link(canvas, link, (110, 698, 140, 712), "https://example.org/", text="this")
        tagger.end(canvas)
        canvas.drawString(140, 700, " now.")
        tagger.end(canvas)
        with tagger.artifact(canvas, "Pagination", "Footer"):
            canvas.drawString(72, 40, "Page 1")

    data, tagger = _tagged_pdf(draw)
    # (the checker also finds reportlab's Helvetica not embedded: the exporter never uses it)
    assert pdfua.check(data) == ["page 1: font /Helvetica is not embedded"]
    (paragraph,) = tagger.root.kids
    assert isinstance(paragraph, StructElem)
    kinds = [type(k).__name__ for k in paragraph.kids]
    assert kinds == ["_Content", "StructElem", "_Content"]  # Read, [this], now.
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (annotation,) = pdf.pages[0].obj.Annots
        assert str(annotation.Contents) == "this"


def test_elements_never_drawn_are_left_out() -> None:
    def draw(canvas: Canvas, tagger: Tagger) -> None:
        tagger.root.child("L").child("LI")  # nothing drawn in it
        Tagged(_Text("shown"), tagger.root.child("P")).drawOn(canvas, 72, 700)

    data, _ = _tagged_pdf(draw)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (document,) = pdf.Root.StructTreeRoot.K
        assert [str(k.S) for k in document.K] == ["/P"]


def test_a_link_recorded_inside_a_tagged_flowable_is_recorded_once() -> None:
    class Linking(_Text):
        """Draws a link the way the new text back end does (Tagger.link)."""

        def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
            tagger: Tagger = canvas._presskit_tagger  # type: ignore[attr-defined]
            link = tagger.root.kids[0].child("Link")  # type: ignore[union-attr]
            with tagger.marked(canvas, link):
                canvas.drawString(x, y, self.text)
            tagger.link(canvas, link, (x, y - 2, x + 30, y + 10), "https://example.org/")

    def draw(canvas: Canvas, tagger: Tagger) -> None:
        Tagged(Linking("here"), tagger.root.child("P")).drawOn(canvas, 72, 700)

    data, tagger = _tagged_pdf(draw)
    assert len(tagger.annotations) == 1
    (paragraph,) = tagger.root.kids
    assert isinstance(paragraph, StructElem)
    assert [k.role for k in paragraph.kids if isinstance(k, StructElem)] == ["Link"]
    assert pdfua.check(data) == ["page 1: font /Helvetica is not embedded"]


def test_untagged_content_fails_the_check() -> None:
    def draw(canvas: Canvas, tagger: Tagger) -> None:
        canvas.drawString(72, 700, "not tagged")
        canvas.drawImage(str(GOLDEN / "cases" / "every-block" / "files" / "lcdo-logo.png"),
                         72, 600, 20, 20)  # fmt: skip
        tagger.root.child("Figure")  # no Alt ...
        with tagger.marked(canvas, tagger.root.child("H3")):  # ... and a skipped level
            canvas.drawString(72, 500, "H3")

    data, _ = _tagged_pdf(draw)
    failures = "\n".join(pdfua.check(data))
    assert "content outside tagged content and artifacts (Tj)" in failures
    assert "content outside tagged content and artifacts (Do)" in failures
    assert "H3 after H0 skips a level" in failures


def test_heading_roles_never_skip_a_level() -> None:
    assert heading_role(1, 0) == "H1"
    assert heading_role(3, 1) == "H2"
    assert heading_role(2, 0) == "H1"
    assert heading_role(3, 3) == "H3"
    assert heading_role(9, 8) == "H6"


def test_only_standard_roles() -> None:
    with pytest.raises(ValueError, match="Headline"):
        StructElem("Headline")


def test_xmp_is_deterministic_well_formed_and_escaped() -> None:
    info = {"/Author": "A & B <press>", "/CreationDate": "D:20250116160000+08'00'"}
    packet = xmp(title='Q&A: "1 < 2"', language="ms", info=info)
    assert packet == xmp(title='Q&A: "1 < 2"', language="ms", info=info)
    root = ET.fromstring(packet)
    texts = [e.text for e in root.iter() if e.text and e.text.strip()]
    assert 'Q&A: "1 < 2"' in texts and "A & B <press>" in texts
    assert "2025-01-16T16:00:00+08:00" in texts


class _Text:
    """A minimal flowable-like object for :func:`Tagged` (draws one string)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        canvas.drawString(x, y, self.text)


def test_a_tagged_flowable_leaves_a_keep_together_group_once() -> None:
    # the document template groups a heading with what follows into a KeepTogether and
    # then sets keepWithNext to 0 in the heading's __dict__: the wrapper must honour it
    # (asking the paragraph's style instead grouped it again and again: a release with a
    # long contact never finished)
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as RLParagraph

    heading = Tagged(RLParagraph("Contacts", ParagraphStyle("h", keepWithNext=1)),
                     StructElem("H2"))  # fmt: skip
    assert heading.getKeepWithNext() == 1
    heading.__dict__["keepWithNext"] = 0
    assert heading.getKeepWithNext() == 0
