"""Word-level differences between two texts: the version comparison, the adoption of an
amendment and the audit trail's long texts.

The text is split into words, runs of whitespace and single punctuation marks; whitespace stays a
token of its own so that the joined output reads like the original. Every token is escaped before
it is wrapped in <ins>/<del>: nothing from a text is ever markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

EQUAL: Literal["equal"] = "equal"
INSERT: Literal["insert"] = "insert"
DELETE: Literal["delete"] = "delete"

# Above this many token pairs a hunk is matched heuristically (see _opcodes).
PRECISE_LIMIT = 4_000_000
# Unchanged text longer than this is shortened around the changes (`diff_in_context`).
CONTEXT_CHARS = 240
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class DiffOp:
    kind: Literal["equal", "insert", "delete"]
    text: str


def tokenize(text: str | None) -> list[str]:
    """Words, whitespace runs and punctuation; joined again they give back the text exactly."""
    return _TOKEN.findall(text or "")


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    # An exact match is quadratic at worst; past the limit difflib's heuristic keeps it fast
    # (a coarser but still correct result).
    precise = len(old) * len(new) <= PRECISE_LIMIT
    return SequenceMatcher(None, old, new, autojunk=not precise).get_opcodes()


def _token_ops(old: str, new: str) -> list[DiffOp]:
    a, b = tokenize(old), tokenize(new)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            ops.append(DiffOp(EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(DiffOp(DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(DiffOp(INSERT, "".join(b[j1:j2])))
    return ops


def _raw_ops(old: str, new: str) -> list[DiffOp]:
    """Lines first (paragraphs of Markdown), then words inside the lines that changed."""
    a, b = (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            ops.append(DiffOp(EQUAL, "".join(a[i1:i2])))
        else:
            ops.extend(_token_ops("".join(a[i1:i2]), "".join(b[j1:j2])))
    return ops


def _merge_adjacent(ops: list[DiffOp]) -> list[DiffOp]:
    merged: list[DiffOp] = []
    for op in ops:
        if not op.text:
            continue
        if merged and merged[-1].kind == op.kind:
            merged[-1] = DiffOp(op.kind, merged[-1].text + op.text)
        else:
            merged.append(op)
    return merged


def _blocks(ops: list[DiffOp]) -> list[list[DiffOp]]:
    """Split the ops at every equal run that carries a word; a whitespace-only equal run between
    two changes stays inside its block."""
    blocks: list[list[DiffOp]] = []
    current: list[DiffOp] = []
    for index, op in enumerate(ops):
        inner_space = (
            op.kind == EQUAL
            and not op.text.strip()
            and 0 < index < len(ops) - 1
            and current
            and ops[index + 1].kind != EQUAL
        )
        if op.kind == EQUAL and not inner_space:
            if current:
                blocks.append(current)
                current = []
            blocks.append([op])
        else:
            current.append(op)
    if current:
        blocks.append(current)
    return blocks


def word_diff(old: str | None, new: str | None) -> list[DiffOp]:
    """The operations turning `old` into `new`.

    Joining the equal and deleted texts gives `old`, joining the equal and inserted texts gives
    `new`. A replaced phrase reads as one deletion followed by one insertion, not word by word.
    """
    ops: list[DiffOp] = []
    for block in _blocks(_merge_adjacent(_raw_ops(old or "", new or ""))):
        kinds = {op.kind for op in block}
        if {DELETE, INSERT} <= kinds:
            deleted = "".join(op.text for op in block if op.kind != INSERT)
            inserted = "".join(op.text for op in block if op.kind != DELETE)
            ops.extend([DiffOp(DELETE, deleted), DiffOp(INSERT, inserted)])
        else:
            ops.extend(block)
    return _merge_adjacent(ops)


def has_changes(ops: list[DiffOp]) -> bool:
    return any(op.kind != EQUAL for op in ops)


def render_diff(
    ops: list[DiffOp],
    *,
    inserted_label: str = "",
    deleted_label: str = "",
) -> SafeString:
    """HTML with <ins>/<del>; the labels are visually hidden hints, since not every screen reader
    announces insertions and deletions."""

    def hint(label: str) -> SafeString | str:
        return format_html('<span class="visually-hidden">{}</span>', label) if label else ""

    parts: list[str] = []
    for op in ops:
        text = escape(op.text)
        if op.kind == EQUAL:
            parts.append(text)
        elif op.kind == INSERT:
            parts.append(f"<ins>{hint(inserted_label)}{text}</ins>")
        else:
            parts.append(f"<del>{hint(deleted_label)}{text}</del>")
    return mark_safe("".join(parts))  # noqa: S308 - every text was escaped above


def inline_diff(old: str | None, new: str | None, **labels: str) -> SafeString:
    return render_diff(word_diff(old, new), **labels)


def _shorten(text: str, *, keep_start: bool, keep_end: bool) -> str:
    if len(text) <= 2 * CONTEXT_CHARS + 40:
        return text
    head = text[:CONTEXT_CHARS].rsplit(" ", 1)[0] if keep_start else ""
    tail = text[-CONTEXT_CHARS:].split(" ", 1)[-1] if keep_end else ""
    return f"{head} […] {tail}".strip(" ") if head or tail else "[…]"


def diff_in_context(ops: list[DiffOp]) -> list[DiffOp]:
    """The diff with long unchanged stretches between, before and after the changes cut short,
    so the change is in view."""
    last = len(ops) - 1
    return [
        DiffOp(EQUAL, _shorten(op.text, keep_start=index > 0, keep_end=index < last))
        if op.kind == EQUAL
        else op
        for index, op in enumerate(ops)
    ]


def diff_labels() -> dict[str, str]:
    """Read out before each change: not every screen reader announces <ins> and <del>."""
    return {"inserted_label": gettext("Eingefügt: "), "deleted_label": gettext("Gestrichen: ")}
