"""The Markdown diffs of a comparison, each computed once and kept in `StoredDiff`.

A diff of two texts depends only on them, the compare format, the renderer and the language of
its labels: named by a digest of those, a stored row is right for every pair of versions that
shows the two texts, live or frozen, in every process. A write to one section leaves the other
sections' diffs valid, so the first reader after a write diffs only what changed.
"""

from __future__ import annotations

import hashlib

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from concept.diff import markdown_diff
from concept.models import StoredDiff
from concept.rendering import RENDERER

Pair = tuple[str, str]


def diff_digest(old: str, new: str, *, compare_format: int, language: str) -> str:
    named = f"{compare_format}\x00{RENDERER}\x00{language}\x00{old}\x00{new}"
    return hashlib.sha256(named.encode()).hexdigest()


Diffs = dict[Pair, tuple[SafeString, bool]]


def markdown_diffs_computed(pairs: set[Pair], labels: dict[str, str], **_format) -> Diffs:
    """Each pair diffed now, nothing read or stored (a comparison outside the pages)."""
    result = {}
    for pair in pairs:
        diff = markdown_diff(*pair, **labels)
        result[pair] = (diff.html, diff.changed)
    return result


def markdown_diffs(pairs: set[Pair], labels: dict[str, str], *, compare_format: int) -> Diffs:
    """The rendered diff and whether a reader sees a change, for each (old, new) pair: the
    stored rows in one query, the rest computed now and stored in one insert."""
    language = get_language() or ""
    digests = {
        pair: diff_digest(*pair, compare_format=compare_format, language=language) for pair in pairs
    }
    stored = {
        digest: (html, changed)
        for digest, html, changed in StoredDiff.objects.filter(
            digest__in=digests.values()
        ).values_list("digest", "html", "changed")
    }
    result: Diffs = {}
    missing: list[StoredDiff] = []
    for pair, digest in digests.items():
        if digest in stored:
            html, changed = stored[digest]
            # Written below from `markdown_diff`, which escapes and sanitises.
            result[pair] = (mark_safe(html), changed)
            continue
        diff = markdown_diff(*pair, **labels)
        result[pair] = (diff.html, diff.changed)
        missing.append(StoredDiff(digest=digest, html=str(diff.html), changed=diff.changed))
    if missing:
        StoredDiff.objects.bulk_create(missing, ignore_conflicts=True)
    return result
