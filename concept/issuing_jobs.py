"""Issuing as a step: which files a version's presentation and the council's decision issue,
rendered by a background task after the deciding transaction has committed.

(Interface first; the rendering task follows.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concept.models import ConceptVersion

# The occasions on which files are issued.
PRESENTATION = "presentation"
RESOLUTION = "resolution"


def issue_after_commit(version: ConceptVersion, occasion: str) -> None:
    """Enqueue the rendering of the files `occasion` issues, once the transaction commits."""
