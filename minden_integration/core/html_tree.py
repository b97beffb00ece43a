"""Rendered Markdown as a tree of blocks, and each block's text with the elements every piece
of it stands in: what `html_diff` compares."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.html import escape

from minden_integration.core.text import render_markdown

VOID = frozenset({"br", "hr"})
INLINE = frozenset({"a", "code", "em", "strong", "br"})
# Stand-ins in the compared text for elements without text: a line break or rule, an empty cell.
VOID_MARK, EMPTY_MARK = "\ue000", "\ue001"
MARKS = (VOID_MARK, EMPTY_MARK)

Atom = tuple[str, tuple["Node", ...]]


@dataclass(eq=False)
class Node:
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def signature(self) -> tuple:
        return (self.tag, self.attrs)


class _TreeBuilder(HTMLParser):
    """The sanitised HTML as a tree (nh3's output is balanced, so no repair is needed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("")

    def handle_starttag(self, tag, attrs):
        node = Node(tag, tuple((k, v or "") for k, v in attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.current = self.current.parent

    def handle_endtag(self, tag):
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        data = data.replace(VOID_MARK, "").replace(EMPTY_MARK, "")
        if data:
            self.current.children.append(data)


def open_tag(node: Node) -> str:
    """The start tag again, its attribute values escaped."""
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in node.attrs)
    return f"<{node.tag}{attrs}>"


def serialise(node: Node | str) -> str:
    """The block as HTML: what decides whether two blocks are the same."""
    if isinstance(node, str):
        return str(escape(node))
    inner = "".join(serialise(child) for child in node.children)
    return open_tag(node) if node.tag in VOID else f"{open_tag(node)}{inner}</{node.tag}>"


def blocks(text: str, top_heading: int) -> list[Node]:
    """The rendered text's blocks; loose text and inline elements (left over where the
    sanitiser removed a wrapping element) become a paragraph of their own."""
    builder = _TreeBuilder()
    builder.feed(str(render_markdown(text, top_heading=top_heading)))
    builder.close()
    found: list[Node] = []
    loose: Node | None = None
    for child in builder.root.children:
        if isinstance(child, Node) and child.tag not in INLINE:
            found.append(child)
            loose = None
        elif isinstance(child, str) and not child.strip() and loose is None:
            continue
        else:
            if loose is None:
                loose = Node("p")
                found.append(loose)
            loose.children.append(child)
    for block in found:  # a loose paragraph ends where its text does
        if block.parent is None and isinstance(block.children[-1], str):
            block.children[-1] = block.children[-1].rstrip()
            if not block.children[-1]:
                block.children.pop()
    return found


def atoms(root: Node | None) -> list[Atom]:
    """Every text of the block with the elements it stands in, below the block itself; an
    element without text stands in as one mark, so it is compared and placed like a word."""
    found: list[Atom] = []

    def walk(node: Node, ctx: tuple[Node, ...]) -> None:
        before = len(found)
        for child in node.children:
            if isinstance(child, str):
                if child:
                    found.append((child, ctx))
            elif child.tag in VOID:
                found.append((VOID_MARK, (*ctx, child)))
            else:
                walk(child, (*ctx, child))
        if node is not root and len(found) == before:
            found.append((EMPTY_MARK, ctx))

    if root is not None:
        walk(root, ())
    return found


def atoms_text(found: list[Atom]) -> str:
    return "".join(text for text, _ctx in found)
