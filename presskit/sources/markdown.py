"""Markdown bodies: CommonMark (markdown-it-py) to presskit blocks.

What the body may contain, and what it becomes:

* paragraphs -> :class:`~presskit.model.Paragraph` (soft line breaks become spaces, a
  hard break, two spaces or ``\\`` at the end of a line, stays a line break);
* ``#`` to ``####`` headings -> :class:`~presskit.model.Heading` levels 1 to 4 (the
  headline itself lives in the front matter);
* ``> `` block quotes -> :class:`~presskit.model.Quote`. A last paragraph that starts
  with an em dash, en dash or ``--`` is the attribution, ``— Speaker, Title``. When the
  first paragraph starts with words ending in a colon followed by an opening quotation
  mark (``Minister Teo said: “...``), those words are the quote's lead-in;
* ``-``/``*`` lists and ``1.`` lists -> bullet and numbered lists, one paragraph an item;
* ``**strong**``, ``*emphasis*``, ``[links](https://...)``, ```code``` (kept as plain
  text);
* ``::: notes-to-editors`` ... ``:::`` and ``::: notice`` ... ``:::`` fenced sections.

Raw HTML is not interpreted: ``<b>`` stays the three characters ``<b>``. Tables, images,
nested lists, code blocks and thematic breaks are refused with the line where they
stand, so nothing is silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from presskit.errors import ModelError, SourceError
from presskit.model import (
    Block,
    BulletList,
    Heading,
    Inline,
    Notice,
    NumberedList,
    Paragraph,
    Quote,
    Run,
    inline,
    plain_text,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

__all__ = ["ATTRIBUTION", "LEAD_IN", "MarkdownBody", "parse_body"]

CONTAINERS = ("notes-to-editors", "notice")
#: A quote's last paragraph that credits its speaker: ``— Name, Title``.
ATTRIBUTION = re.compile(r"^\s*(?:—|–|--|―)\s*")
#: A quote paragraph's lead-in before the quoted words: ``Minister Tan said: "...``.
LEAD_IN = re.compile(r"^(?P<lead>[^“\"«„「『‘'\n]{1,200}?[:：])\s*(?=[“\"«„「『‘'])")

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.container import container_plugin

        md = MarkdownIt("commonmark", {"html": False}).enable("table")
        # Accept every link target here: the model then refuses javascript:, data: and
        # other active schemes with an error that names the line, instead of markdown-it
        # silently leaving the link as literal text.
        md.validateLink = lambda url: True  # type: ignore[method-assign]
        for name in CONTAINERS:
            md.use(container_plugin, name=name)
        _parser = md
    return _parser


_LINE_ENDINGS = re.compile("[\u0085\u2028\u2029]")


@attrs.frozen
class MarkdownBody:
    """The parts of a release body written in Markdown."""

    body: tuple[Block, ...]
    notes_to_editors: tuple[Block, ...]
    notices: tuple[Notice, ...]


@attrs.frozen
class _Context:
    path: str
    line_offset: int
    where: str = "body"

    def error(
        self, node: SyntaxTreeNode | None, message: str, field: str | None = None
    ) -> SourceError:
        line = None
        if node is not None:
            current: SyntaxTreeNode | None = node
            while current is not None and current.map is None:
                current = current.parent
            if current is not None and current.map is not None:
                line = current.map[0] + 1 + self.line_offset
        if field is None:
            field = self.where
        elif field.startswith("body") and self.where != "body":
            field = self.where + field.removeprefix("body")
        return SourceError(self.path, message, line=line, field=field)


def parse_body(
    text: str,
    *,
    path: str,
    line_offset: int = 0,
    allow_sections: bool = True,
    where: str = "body",
) -> MarkdownBody:
    """Parse a Markdown release body.

    Args:
        text: the Markdown after the front matter.
        path: the file name used in errors.
        line_offset: lines in the file before ``text`` starts.
        allow_sections: whether ``::: notes-to-editors`` and ``::: notice`` may appear.
        where: the field name errors give (``"agencies.imda.about"`` for a boilerplate).

    Raises:
        SourceError: an element presskit does not support, or invalid content; the
            error names the line.
    """
    from markdown_it.tree import SyntaxTreeNode

    ctx = _Context(path, line_offset, where)
    # NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line endings, as LF is; CommonMark
    # knows only LF and CR, and would keep them as characters that the model then turns
    # into hard line breaks. VT and FF (Word's manual line and page breaks) stay: the
    # model makes each a hard line break, as Word shows them (docs/source-format.md).
    text = _LINE_ENDINGS.sub("\n", text)
    root = SyntaxTreeNode(_markdown().parse(text))
    body: list[Block] = []
    notes: list[Block] = []
    notices: list[Notice] = []
    for node in root.children:
        if node.type.startswith("container_"):
            name = node.type.removeprefix("container_")
            if not allow_sections:
                raise ctx.error(node, f"a '::: {name}' section is not allowed here")
            blocks = _blocks(node.children, ctx)
            if not blocks:
                raise ctx.error(node, f"the '::: {name}' section is empty")
            if name == "notice":
                notices.append(Notice(blocks))
            else:
                notes.extend(blocks)
        else:
            body.extend(_blocks([node], ctx))
    return MarkdownBody(tuple(body), tuple(notes), tuple(notices))


def _blocks(nodes: list[SyntaxTreeNode], ctx: _Context) -> list[Block]:
    out: list[Block] = []
    for node in nodes:
        out.append(_block(node, ctx))
    return out


def _guard(node: SyntaxTreeNode, ctx: _Context, make: Callable[[], Block]) -> Block:
    try:
        return make()
    except ModelError as exc:
        raise ctx.error(node, exc.message, field=f"body ({exc.field})") from None


def _block(node: SyntaxTreeNode, ctx: _Context) -> Block:
    kind = node.type
    if kind == "paragraph":
        runs = _inline(node.children[0], ctx)
        # a stray or misspelt section line, as written: "\\:::" (or "&#58;::") is the
        # way to start a paragraph with the text ":::"
        text = node.children[0].content.lstrip()
        if text.startswith(":::"):
            name = text[3:].split()[0] if text[3:].split() else ""
            known = ", ".join(CONTAINERS)
            if not name:
                raise ctx.error(node, "a ':::' line closes a section, but no section is open")
            raise ctx.error(
                node, f"unknown section '::: {name}'; sections are {known}, closed by ':::'"
            )
        return _guard(node, ctx, lambda: Paragraph(runs))
    if kind == "heading":
        level = int(node.tag[1:])
        if level > 4:
            raise ctx.error(node, f"heading level {level} is too deep; use # to ####")
        runs = _inline(node.children[0], ctx)
        return _guard(node, ctx, lambda: Heading(runs, level=level))
    if kind == "blockquote":
        return _quote(node, ctx)
    if kind in ("bullet_list", "ordered_list"):
        items = [_list_item(item, ctx) for item in node.children]
        if kind == "bullet_list":
            return _guard(node, ctx, lambda: BulletList(items))
        start = node.attrs.get("start", 1)
        return _guard(node, ctx, lambda: NumberedList(items, start=int(start)))
    names = {
        "table": "tables are not supported yet",
        "hr": "thematic breaks (---, ***) are not supported; use a heading",
        "code_block": "indented code blocks are not supported; remove the indentation",
        "fence": "fenced code blocks are not supported",
        "html_block": "raw HTML is not supported",
    }
    if kind.startswith("container_"):
        raise ctx.error(node, f"'::: {kind.removeprefix('container_')}' sections cannot nest")
    raise ctx.error(node, names.get(kind, f"{kind.replace('_', ' ')} is not supported"))


def _list_item(item: SyntaxTreeNode, ctx: _Context) -> Inline:
    children = item.children
    if not children:
        raise ctx.error(item, "empty list item")
    if len(children) > 1 or children[0].type != "paragraph":
        raise ctx.error(
            item, "a list item must be one paragraph (nested lists and blocks are not supported)"
        )
    return _inline(children[0].children[0], ctx)


def _quote(node: SyntaxTreeNode, ctx: _Context) -> Block:
    paragraphs: list[Inline] = []
    for child in node.children:
        if child.type != "paragraph":
            raise ctx.error(child, "a block quote may only hold paragraphs")
        paragraphs.append(_inline(child.children[0], ctx))
    speaker = title = lead_in = None
    if paragraphs and ATTRIBUTION.match(plain_text(paragraphs[-1])):
        credit = ATTRIBUTION.sub("", plain_text(paragraphs.pop()), count=1).strip()
        speaker, _, rest = credit.partition(",")
        speaker = speaker.strip() or None
        title = rest.strip() or None
    if paragraphs:
        match = LEAD_IN.match(plain_text(paragraphs[0]))
        if match:
            lead_in = match.group("lead").strip()
            paragraphs[0] = _drop_prefix(paragraphs[0], match.end())
    return _guard(
        node,
        ctx,
        lambda: Quote(paragraphs, speaker=speaker, speaker_title=title, lead_in=lead_in),
    )


def _drop_prefix(runs: Inline, count: int) -> Inline:
    """The runs without their first ``count`` characters."""
    out: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        out.append(attrs.evolve(run, text=run.text[count:]) if count else run)
        count = 0
    return tuple(out)


def _inline(node: SyntaxTreeNode, ctx: _Context) -> Inline:
    runs: list[Run] = []

    def walk(n: SyntaxTreeNode, strong: bool, emphasis: bool, href: str | None) -> None:
        for child in n.children:
            kind = child.type
            if kind in ("text", "code_inline", "html_inline"):
                if child.content:
                    runs.append(Run(child.content, strong=strong, emphasis=emphasis, href=href))
            elif kind == "softbreak":
                runs.append(Run(" ", strong=strong, emphasis=emphasis, href=href))
            elif kind == "hardbreak":
                runs.append(Run("\n", strong=strong, emphasis=emphasis, href=href))
            elif kind == "strong":
                walk(child, True, emphasis, href)
            elif kind == "em":
                walk(child, strong, True, href)
            elif kind == "link":
                target = str(child.attrs.get("href", ""))
                try:
                    Run("x", href=target)
                except ModelError as exc:
                    raise ctx.error(node, exc.message, field="body (link)") from None
                walk(child, strong, emphasis, target)
            elif kind == "image":
                advice = (
                    "declare the file under [[attachments]] in the release's front matter"
                    if ctx.where == "body"
                    else "give an agency's picture as its logo"
                )
                raise ctx.error(node, f"images are not supported in the text; {advice}")
            else:  # pragma: no cover - markdown-it's CommonMark set is closed
                raise ctx.error(node, f"inline {kind} is not supported")

    walk(node, False, False, None)
    return inline(runs)


def rendered_text(text: str) -> str:
    """The plain text CommonMark makes of ``text`` (markers that formed emphasis gone,
    the others left)."""
    tokens = _markdown().parseInline(text) if "\n" not in text else _markdown().parse(text)
    out: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
    return "".join(out)
