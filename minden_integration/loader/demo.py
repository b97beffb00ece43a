"""The labelled example content a demo portal shows (`load_minden --demo`): loaded only into a
concept without real content, and idempotent like the facts. The tables are in `demo_data`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concept.models import Concept, ConceptVersion
from measures.models import Goal, Measure, Recommendation
from minden_integration.loader.demo_calendar import DemoCalendar
from minden_integration.loader.demo_measures import (
    demo_goals_load,
    demo_measures_load,
    demo_progress_load,
    demo_recommendations_load,
    demo_sessions_fill,
)
from minden_integration.loader.demo_people import (
    demo_memberships_load,
    demo_organisations_load,
    demo_target_groups_load,
    demo_users_load,
)
from minden_integration.loader.demo_timestamps import demo_timestamps_settle
from minden_integration.loader.demo_translations import (
    demo_languages_load,
    demo_translations_load,
)
from minden_integration.loader.demo_versions import demo_versions_create
from workgroups.models import WorkingGroup


def demo_guard(*, concept: Concept) -> None:
    """Example content never mixes with real versions, goals, measures or recommendations."""
    real = [
        label
        for label, model in (
            (_("Versionen"), ConceptVersion),
            (_("Ziele"), Goal),
            (_("Maßnahmen"), Measure),
            (_("Handlungsempfehlungen"), Recommendation),
        )
        if model.objects.filter(concept=concept, is_example=False).exists()
    ]
    if real:
        raise ValidationError(
            _(
                "Das Konzept enthält bereits echte Inhalte (%(kinds)s); Beispielinhalte werden "
                "nur in ein Portal ohne solche Inhalte geladen."
            )
            % {"kinds": ", ".join(real)}
        )


@transaction.atomic
def minden_demo_load(*, concept: Concept, now: dt.datetime) -> bool:
    """Add the example content; returns whether the example versions were created now (they
    are created once: a frozen version cannot be rebuilt). Its dates lie on the demo's own
    timeline (`demo_calendar`), counted back from `now` on the first load."""
    calendar = DemoCalendar.for_load(concept=concept, now=now)
    officer, members = demo_users_load()
    organisations = demo_organisations_load()
    target_groups = demo_target_groups_load()
    groups = {g.slug: g for g in WorkingGroup.objects.filter(concept=concept)}
    memberships = demo_memberships_load(groups=groups, organisations=organisations, members=members)
    sessions = demo_sessions_fill(groups=groups)
    goals = demo_goals_load(concept=concept, groups=groups)
    measures = demo_measures_load(
        concept=concept,
        groups=groups,
        goals=goals,
        sessions=sessions,
        organisations=organisations,
        target_groups=target_groups,
    )
    demo_recommendations_load(concept=concept, measures=measures)
    created = False
    if not concept.versions.filter(is_example=True).exists():
        demo_versions_create(
            concept=concept,
            officer=officer,
            members=members,
            memberships=memberships,
            measures=measures,
            calendar=calendar,
        )
        created = True
    demo_languages_load(concept=concept)
    demo_translations_load(concept=concept, calendar=calendar)
    # After the versions: the frozen first version shows the measures as they were then.
    demo_progress_load(measures=measures, officer=officer, calendar=calendar)
    demo_timestamps_settle(concept=concept, calendar=calendar)
    return created
