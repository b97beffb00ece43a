"""/umsetzung/ and its CSV answer in the same number of queries at one and ten times the data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures.models import TargetGroup
from tests.factories import (
    ConceptFactory,
    GoalFactory,
    MeasureFactory,
    ProgressUpdateFactory,
    TargetGroupFactory,
    VersionFactory,
    WorkingGroupFactory,
)
from tests.factories_progress import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

STATUSES = ["planned", "in_progress", "implemented", "ongoing", "deferred", "dropped"]
TIMEFRAMES = ["short", "medium", "long"]
# The goal of every public page with the caches empty (issue 16).
COLD_QUERIES_MAX = 12


def grow(concept, *, first: int, count: int) -> None:
    """`count` more measures in a new group, goal and target groups, each with published,
    pending and hidden updates and an indicator with values: every relation the page counts."""
    group = WorkingGroupFactory(concept=concept)
    goal = GoalFactory(concept=concept, working_group=group)
    target_groups = [TargetGroupFactory(), *TargetGroup.objects.filter(slug="zg-0")]
    for i, number in enumerate(range(first, first + count)):
        status = STATUSES[i % len(STATUSES)]
        measure = MeasureFactory(
            concept=concept,
            working_group=group,
            goal=goal,
            number=number,
            status=status,
            timeframe=TIMEFRAMES[i % 3],
        )
        measure.target_groups.add(*target_groups)
        day = dt.date(2020 + i % 5, 1 + i % 12, 1)
        update = ProgressUpdateFactory(measure=measure, date=day, status=status)
        ProgressUpdateFactory(measure=measure, date=day, status="ongoing", review="pending")
        ProgressUpdateFactory(measure=measure, date=day, status="dropped", review="hidden")
        indicator = IndicatorFactory(measure=measure, target=Decimal(10))
        IndicatorValueFactory(indicator=indicator, update=update, value=Decimal(i % 11))


def query_count(client, url: str, params=None) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/umsetzung/", {}),
        ("/umsetzung/", {"zeitraum": "kurzfristig", "zielgruppe": "zg-0"}),
        ("/en/umsetzung/", {}),
        ("/umsetzung/zahlen.csv", {}),
    ],
)
def test_query_count_does_not_grow_with_the_data(client, url, params):
    concept = ConceptFactory(slug="minden")
    VersionFactory(
        concept=concept,
        number=1,
        status="approved",
        status_since=dt.date(2018, 3, 1),
        frozen_at=timezone.now(),
        snapshot="{}",
        checksum="0" * 64,
    )
    TargetGroupFactory(name="Alle Eltern", slug="zg-0")
    grow(concept, first=1, count=6)
    small = query_count(client, url, params)
    grow(concept, first=100, count=60)
    large = query_count(client, url, params)
    assert small == large <= COLD_QUERIES_MAX
