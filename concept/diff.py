"""The word diff of the version comparison and the adoption page: the shared base's, so the
audit trail shows long texts the same way (`minden_integration.core.diff`)."""

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

__all__ = [
    "DELETE",
    "EQUAL",
    "INSERT",
    "DiffOp",
    "diff_in_context",
    "diff_labels",
    "has_changes",
    "inline_diff",
    "render_diff",
    "tokenize",
    "word_diff",
]
