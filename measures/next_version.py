"""What a draft of the next version shows its editors: the measures the Fortschreibung should
take up (dropped, postponed, overdue and implemented), contributed to the draft's page through
`concept.contributors` (`drafting`).

Measures belong to the concept, not to a version: a new draft keeps every measure with its
progress updates and indicators, so nothing here is copied. The lists follow each measure's
stored status, which only a *published* progress update sets; overdue is
`Measure.objects.overdue`, the one rule, counted from the approved version's council decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concept.models import ConceptVersion
from concept.selectors import CouncilDecision, council_decision
from measures.models import Measure, MeasureStatus, timeframe_deadline

LISTED = (MeasureStatus.DROPPED, MeasureStatus.DEFERRED, MeasureStatus.IMPLEMENTED)


@dataclass(frozen=True)
class CarryLists:
    decision: CouncilDecision | None
    dropped: list[Measure]
    deferred: list[Measure]
    # Each with `deadline`, the day it was due.
    overdue: list[Measure]
    implemented: list[Measure]


def carry_lists(version: ConceptVersion, today: dt.date) -> CarryLists:
    """The four lists for a draft of `version`'s concept, by number (three queries)."""
    decision = council_decision(version.concept)
    decided_on = decision.decided_on if decision else None
    measures = Measure.objects.for_concept(version.concept_id).only(
        "pk", "number", "title", "status", "timeframe", "is_example"
    )
    by_status: dict[str, list[Measure]] = {status: [] for status in LISTED}
    for measure in measures.filter(status__in=LISTED).order_by("number"):
        by_status[measure.status].append(measure)
    overdue = list(measures.overdue(decided_on, today).order_by("number"))
    for measure in overdue:
        measure.deadline = timeframe_deadline(measure.timeframe, decided_on)
    return CarryLists(
        decision=decision,
        dropped=by_status[MeasureStatus.DROPPED],
        deferred=by_status[MeasureStatus.DEFERRED],
        overdue=overdue,
        implemented=by_status[MeasureStatus.IMPLEMENTED],
    )


def drafting(version: ConceptVersion) -> str:
    """The fragment on the draft's page."""
    lists = carry_lists(version, timezone.localdate())
    return render_to_string(
        "measures/includes/next_version.html",
        {
            "lists": lists,
            "groups": [
                ("entfallen", _("Entfallene Maßnahmen"), lists.dropped),
                ("zurueckgestellt", _("Zurückgestellte Maßnahmen"), lists.deferred),
                ("ueberfaellig", _("Überfällige Maßnahmen"), lists.overdue),
                ("umgesetzt", _("Umgesetzte Maßnahmen"), lists.implemented),
            ],
        },
    )
