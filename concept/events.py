"""What happened to a version, for the apps above `concept` that want to act on it.

`concept` imports no other app; a higher app registers a listener in its `AppConfig.ready()`
(e.g. `workgroups` emails its members when a consultation opens, and when the officer ends it
before its deadline). The services call `notify_consultation_opened` and
`notify_consultation_ended_early` once the transaction of the move has committed. The close by
deadline (`consultations_close_expired`) notifies nobody: the members were told the deadline
when the consultation opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concept.models import ConceptVersion

ConsultationListener = Callable[["ConceptVersion"], None]
# Kept under its old name for the listeners registered before the early end had its own.
ConsultationOpenedListener = ConsultationListener

consultation_opened_listeners: dict[str, ConsultationListener] = {}
consultation_ended_early_listeners: dict[str, ConsultationListener] = {}


def register(name: str, callback: ConsultationListener) -> None:
    """Register (or re-register, e.g. after an app reload) a listener under `name` for the
    opening of a consultation."""
    consultation_opened_listeners[name] = callback


def register_consultation_ended_early(name: str, callback: ConsultationListener) -> None:
    """Register (or re-register) a listener under `name` for a consultation the officer ended
    before its deadline."""
    consultation_ended_early_listeners[name] = callback


def _notify(listeners: dict[str, ConsultationListener], version: ConceptVersion) -> None:
    for name in sorted(listeners):
        listeners[name](version)


def notify_consultation_opened(version: ConceptVersion) -> None:
    _notify(consultation_opened_listeners, version)


def notify_consultation_ended_early(version: ConceptVersion) -> None:
    _notify(consultation_ended_early_listeners, version)
