"""Who may propose amendments, and where: answered by a higher app, asked by the reading view.

Membership lives in `workgroups` and the proposing pages in the portal; `concept` imports
neither, so the portal registers both answers here in its `AppConfig.ready()` (as `measures`
registers its part of the document in `concept.contributors`). Without a registration nobody
is offered the link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concept.models import Concept


@dataclass(frozen=True)
class Proposing:
    # Whether this (logged-in) user may propose amendments to the concept's versions.
    may_propose: Callable[[Any, Concept], bool]
    # The address of the form that proposes an amendment to the section with this id.
    url: Callable[[int], str]


_registered: Proposing | None = None


def register(*, may_propose: Callable[[Any, Concept], bool], url: Callable[[int], str]) -> None:
    """Register (or re-register, e.g. after an app reload) the proposing answers."""
    global _registered
    _registered = Proposing(may_propose=may_propose, url=url)


def may_propose(user, concept: Concept | None) -> bool:
    if _registered is None or concept is None or not user.is_authenticated:
        return False
    return bool(_registered.may_propose(user, concept))


def propose_url(section_id: int) -> str:
    if _registered is None:
        raise RuntimeError("No app has registered the proposing pages.")
    return _registered.url(section_id)
