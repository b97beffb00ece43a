"""The diffs of the version comparison and the adoption page: the shared base's, so the audit
trail shows long texts the same way (`minden_integration.core.diff`). Texts in Markdown are
compared as rendered text (`minden_integration.core.html_diff`)."""

from minden_integration.core.diff import (
    DELETE,
    EQUAL,
    INSERT,
    DiffOp,
    diff_in_context,
    diff_labels,
    has_changes,
    inline_diff,
    render_diff,
    tokenize,
    word_diff,
)
from minden_integration.core.html_diff import MarkdownDiff, markdown_diff

__all__ = [
    "DELETE",
    "EQUAL",
    "INSERT",
    "DiffOp",
    "MarkdownDiff",
    "diff_in_context",
    "diff_labels",
    "has_changes",
    "inline_diff",
    "markdown_diff",
    "render_diff",
    "tokenize",
    "word_diff",
]
