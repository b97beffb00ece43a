"""The difference between two Markdown texts as rendered text: headings stay headings, emphasis
stays emphasis, lists stay lists, and <ins>/<del> mark what changed inside them.

Both texts go through the reading view's Markdown pipeline (`render_markdown`). The rendered
blocks (paragraphs, headings, lists, tables, ...) are aligned first; a pair of blocks of the same
kind is compared word by word with `word_diff` over its text, each word keeping the elements it
stands in, so a change inside <em> becomes <em>…<ins>…</ins>…</em>. A block without a
counterpart of its kind (a paragraph that became a list) is shown whole, struck or inserted.
<ins>/<del> only ever wrap text, so the output is well-formed; it is sanitised once more at the
end. A change of formatting alone (a word made bold) shows as the word struck and inserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from minden_integration.core.diff import DELETE, EQUAL, INSERT, tokenize, word_diff
from minden_integration.core.html_tree import (
    INLINE,
    MARKS,
    VOID,
    VOID_MARK,
    Atom,
    Node,
    atoms,
    atoms_text,
    blocks,
    open_tag,
    serialise,
)
from minden_integration.core.text import sanitise_html

# The compare page's section is h3 and its parts h4: the texts' own headings start below.
TOP_HEADING = 5
# Two blocks of the same kind are compared word by word when they share this much of their
# words; below it, the old block is shown struck and the new one inserted.
PAIR_SIMILARITY = 0.4
# Above this many block pairs in one changed stretch, blocks are paired in order of kind only.
PAIR_LIMIT = 2500
GAP = "<p>[…]</p>"


@dataclass(eq=False)
class Piece:
    kind: str
    text: str
    ctx: tuple[Node, ...]  # the elements the text stands in, below the block itself


@dataclass(frozen=True)
class MarkdownDiff:
    html: SafeString
    changed: bool


class _Cursor:
    """Walks a block's atoms character by character, as the diff consumes its text."""

    def __init__(self, found: list[Atom]) -> None:
        self.atoms, self.index, self.offset = found, 0, 0

    def left(self) -> int:
        return len(self.atoms[self.index][0]) - self.offset

    def take(self, length: int) -> tuple[str, tuple[Node, ...]]:
        text, ctx = self.atoms[self.index]
        part = text[self.offset : self.offset + length]
        self.offset += length
        if self.offset == len(text):
            self.index, self.offset = self.index + 1, 0
        return part, ctx


def _signature(ctx: tuple[Node, ...]) -> tuple:
    return tuple(node.signature for node in ctx)


def _raw_pieces(old: list[Atom], new: list[Atom]) -> list[tuple[str, str, tuple, tuple]]:
    """(kind, text, old elements, new elements) in the order of the word diff."""
    a, b = _Cursor(old), _Cursor(new)
    pieces = []
    for op in word_diff(atoms_text(old), atoms_text(new)):
        remaining = len(op.text)
        while remaining:
            if op.kind == EQUAL:
                step = min(remaining, a.left(), b.left())
                text, old_ctx = a.take(step)
                _same, new_ctx = b.take(step)
                pieces.append((EQUAL, text, old_ctx, new_ctx))
            elif op.kind == DELETE:
                step = min(remaining, a.left())
                text, old_ctx = a.take(step)
                pieces.append((DELETE, text, old_ctx, ()))
            else:
                step = min(remaining, b.left())
                text, new_ctx = b.take(step)
                pieces.append((INSERT, text, (), new_ctx))
            remaining -= step
    return pieces


def _correspondence(raw: list[tuple[str, str, tuple, tuple]]) -> dict[Node, Node]:
    """Old elements matched to new ones, so a deletion is shown inside the element that is
    still there: first through the text both share (the same list item, the same emphasis),
    then, within a replaced stretch, an element of the same kind in the same place (the
    emphasis whose only word changed)."""
    matched: dict[Node, Node] = {}
    taken: set[Node] = set()

    def match(old_ctx: tuple[Node, ...], new_ctx: tuple[Node, ...]) -> None:
        for depth, (o, n) in enumerate(zip(old_ctx, new_ctx, strict=False)):
            if o in matched:
                if matched[o] is not n:
                    return
                continue
            parent_matched = not depth or matched.get(old_ctx[depth - 1]) is new_ctx[depth - 1]
            if o.signature != n.signature or n in taken or not parent_matched:
                return
            matched[o] = n
            taken.add(n)

    for kind, _text, old_ctx, new_ctx in raw:
        if kind == EQUAL:
            match(old_ctx, new_ctx)
    run: list[tuple[str, str, tuple, tuple]] = []
    for piece in [*raw, (EQUAL, "", (), ())]:
        if piece[0] != EQUAL:
            run.append(piece)
            continue
        inserted = [new_ctx for kind, _t, _o, new_ctx in run if kind == INSERT]
        for old_ctx in [old_ctx for kind, _t, old_ctx, _n in run if kind == DELETE]:
            for new_ctx in inserted:
                match(old_ctx, new_ctx)
        run = []
    return matched


def _container(ctx: tuple[Node, ...]) -> Node | None:
    for node in reversed(ctx):
        if node.tag not in INLINE:
            return node
    return None


def _chunks(pieces: list[Piece]) -> list[tuple[Node | None, list[Piece]]]:
    chunks: list[tuple[Node | None, list[Piece]]] = []
    for piece in pieces:
        container = _container(piece.ctx)
        if chunks and chunks[-1][0] is container:
            chunks[-1][1].append(piece)
        else:
            chunks.append((container, [piece]))
    return chunks


def _interleave(run: list[Piece]) -> list[Piece]:
    """A replaced stretch that spans several list items or cells: each item's deletion next to
    its insertion, not every deletion before every insertion."""
    deleted = _chunks([p for p in run if p.kind == DELETE])
    inserted = _chunks([p for p in run if p.kind == INSERT])
    ordered: list[Piece] = []
    position = 0
    for container, pieces in inserted:
        for index in range(position, len(deleted)):
            if deleted[index][0] is container:
                ordered.extend(p for _c, chunk in deleted[position : index + 1] for p in chunk)
                position = index + 1
                break
        ordered.extend(pieces)
    ordered.extend(p for _c, chunk in deleted[position:] for p in chunk)
    return ordered


def _pieces(old_root: Node | None, new_root: Node | None) -> list[Piece]:
    raw = _raw_pieces(atoms(old_root), atoms(new_root))
    matched = _correspondence(raw)

    def translated(ctx: tuple[Node, ...]) -> tuple[Node, ...]:
        return tuple(matched.get(node, node) for node in ctx)

    pieces: list[Piece] = []
    for kind, text, old_ctx, new_ctx in raw:
        if kind == INSERT:
            pieces.append(Piece(INSERT, text, new_ctx))
        elif kind == DELETE:
            pieces.append(Piece(DELETE, text, translated(old_ctx)))
        elif _signature(old_ctx) == _signature(new_ctx):
            pieces.append(Piece(EQUAL, text, new_ctx))
        else:  # the same words, formatted differently
            pieces.append(Piece(DELETE, text, translated(old_ctx)))
            pieces.append(Piece(INSERT, text, new_ctx))

    ordered: list[Piece] = []
    run: list[Piece] = []
    for piece in [*pieces, Piece(EQUAL, "", ())]:
        if piece.kind == EQUAL:
            ordered.extend(_interleave(run) if run else [])
            run = []
            ordered.append(piece)
        else:
            run.append(piece)
    merged: list[Piece] = []
    for piece in ordered:
        last = merged[-1] if merged else None
        mark = piece.text in MARKS
        if (
            last is not None
            and not mark
            and last.text not in MARKS
            and last.kind == piece.kind
            and len(last.ctx) == len(piece.ctx)
            and all(x is y for x, y in zip(last.ctx, piece.ctx, strict=True))
        ):
            last.text += piece.text
        elif piece.text:
            merged.append(piece)
    return merged


class _Writer:
    """Opens and closes the elements each piece stands in; <ins>/<del> wrap only text, with a
    visually hidden label (as `render_diff` has) before the first of a run in each block."""

    def __init__(self, inserted_label: str, deleted_label: str) -> None:
        self.labels = {INSERT: inserted_label, DELETE: deleted_label}
        self.out: list[str] = []
        self.stack: list[Node] = []
        self.last = EQUAL
        self.container: Node | None = None
        self.changed = False

    def move_to(self, ctx: tuple[Node, ...]) -> None:
        common = 0
        while common < len(self.stack) and common < len(ctx) and self.stack[common] is ctx[common]:
            common += 1
        self.out.extend(f"</{node.tag}>" for node in reversed(self.stack[common:]))
        self.out.extend(open_tag(node) for node in ctx[common:])
        self.stack = list(ctx)

    def write(self, piece: Piece, *, keep_space: bool) -> None:
        kind, text, ctx = piece.kind, piece.text, piece.ctx
        if text in MARKS:
            self.changed = self.changed or kind != EQUAL
        if text == VOID_MARK:
            if kind != DELETE:
                self.move_to(ctx[:-1])
                self.out.append(open_tag(ctx[-1]))
            return
        self.move_to(ctx)
        if text in MARKS:
            return
        if kind != EQUAL and not text.strip() and not keep_space:
            # Space that changed only between blocks or lines is not a change a reader sees.
            if kind == INSERT:
                self.out.append(str(escape(text)))
            return
        if kind == EQUAL:
            self.out.append(str(escape(text)))
            self.last = EQUAL
            return
        name = "ins" if kind == INSERT else "del"
        container = _container(ctx)
        fresh = self.last != kind or container is not self.container
        label = self.labels[kind] if fresh else ""
        hint = f'<span class="visually-hidden">{escape(label)}</span>' if label else ""
        self.out.append(f"<{name}>{hint}{escape(text)}</{name}>")
        self.last, self.container = kind, container
        self.changed = True

    def block(self, old: Node | None, new: Node | None) -> str:
        root = new if new is not None else old
        if root.tag in VOID:
            self.changed = self.changed or old is None or new is None
            return open_tag(root) if new is not None else ""
        self.out, self.stack, self.last = [], [], EQUAL
        keep_space = root.tag == "pre"
        for piece in _pieces(old, new):
            self.write(piece, keep_space=keep_space or any(n.tag == "pre" for n in piece.ctx))
        self.move_to(())
        return f"{open_tag(root)}{''.join(self.out)}</{root.tag}>"


def _words(node: Node) -> list[str]:
    return [token for token in tokenize(atoms_text(atoms(node))) if token.strip()]


def _pairs(old: list[Node], new: list[Node]) -> list[tuple[Node | None, Node | None]]:
    """The blocks of a changed stretch in order, each paired with its counterpart where one
    of the same kind shares enough words (the pairing with the most in common)."""
    n, m = len(old), len(new)

    def similarity(i: int, j: int) -> float:
        if old[i].tag != new[j].tag:
            return 0.0
        ratio = SequenceMatcher(None, old_words[i], new_words[j], autojunk=False).quick_ratio()
        return ratio if ratio >= PAIR_SIMILARITY else 0.0

    if n * m > PAIR_LIMIT:
        pairs = zip(range(n), range(m), strict=False)
        score = {(i, j): 1.0 for i, j in pairs if old[i].tag == new[j].tag}
    else:
        old_words, new_words = [_words(b) for b in old], [_words(b) for b in new]
        score = {(i, j): similarity(i, j) for i in range(n) for j in range(m)}
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            paired = score.get((i, j), 0.0)
            best[i][j] = max(
                best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + paired if paired else 0.0
            )
    result: list[tuple[Node | None, Node | None]] = []
    i = j = 0
    while i < n or j < m:
        paired = score.get((i, j), 0.0) if i < n and j < m else 0.0
        if paired and best[i][j] == best[i + 1][j + 1] + paired:
            result.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif i < n and (j == m or best[i][j] == best[i + 1][j]):
            result.append((old[i], None))
            i += 1
        else:
            result.append((None, new[j]))
            j += 1
    return result


def _in_context(parts: list[tuple[str, bool]]) -> list[str]:
    """Unchanged blocks next to a change stay; longer unchanged stretches become one gap."""
    keep = [
        changed
        or (index > 0 and parts[index - 1][1])
        or (index + 1 < len(parts) and parts[index + 1][1])
        for index, (_html, changed) in enumerate(parts)
    ]
    out: list[str] = []
    for (html, _changed), kept in zip(parts, keep, strict=True):
        if kept:
            out.append(html)
        elif not out or out[-1] != GAP:
            out.append(GAP)
    return out


def markdown_diff(
    old: str | None,
    new: str | None,
    *,
    inserted_label: str = "",
    deleted_label: str = "",
    top_heading: int = TOP_HEADING,
    in_context: bool = False,
) -> MarkdownDiff:
    """The rendered difference of two Markdown texts, and whether a reader sees any.

    The labels are read out before each change (`diff.diff_labels`); `in_context` shortens long
    unchanged stretches between the changes (the adoption page).
    """
    old_blocks, new_blocks = blocks(old or "", top_heading), blocks(new or "", top_heading)
    old_keys = [serialise(block) for block in old_blocks]
    new_keys = [serialise(block) for block in new_blocks]
    writer = _Writer(inserted_label, deleted_label)
    parts: list[tuple[str, bool]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.extend((key, False) for key in new_keys[j1:j2])
            continue
        for old_block, new_block in _pairs(old_blocks[i1:i2], new_blocks[j1:j2]):
            writer.changed = False
            parts.append((writer.block(old_block, new_block), writer.changed))
    changed = any(flag for _html, flag in parts)
    shown = _in_context(parts) if in_context and changed else [html for html, _flag in parts]
    html = sanitise_html(
        "\n".join(shown),
        extra_tags=frozenset({"ins", "del", "span"}),
        tag_attribute_values={"span": {"class": {"visually-hidden"}}},
    )
    return MarkdownDiff(mark_safe(html), changed)  # noqa: S308 - nh3 has sanitised it
