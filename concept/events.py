"""What happened to a version, for the apps above `concept` that want to act on it.

`concept` imports no other app; a higher app registers a listener in its `AppConfig.ready()`
(e.g. `workgroups` emails its members when a consultation opens). The service calls
`notify_consultation_opened` once the transaction that opened the consultation has committed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concept.models import ConceptVersion

ConsultationOpenedListener = Callable[["ConceptVersion"], None]

consultation_opened_listeners: dict[str, ConsultationOpenedListener] = {}


def register(name: str, callback: ConsultationOpenedListener) -> None:
    """Register (or re-register, e.g. after an app reload) a listener under `name`."""
    consultation_opened_listeners[name] = callback


def notify_consultation_opened(version: ConceptVersion) -> None:
    for name in sorted(consultation_opened_listeners):
        consultation_opened_listeners[name](version)
