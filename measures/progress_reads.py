"""Reads of implementation monitoring: a contact's measures and what waits for the officer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from measures.models import (
    Indicator,
    Measure,
    MeasureContact,
    MeasureStatus,
    ProgressUpdate,
    ReviewState,
)

# A measure in these states is finished: no update is expected of it any more.
FINISHED = (MeasureStatus.IMPLEMENTED, MeasureStatus.DROPPED)
# The longest list of stale measures the start page shows; the rest is one click away.
STALE_SHOWN = 10


def stale_days() -> int:
    return getattr(settings, "PORTAL_PROGRESS_STALE_DAYS", 180)


def contact_measures(user, measure_qs: QuerySet[Measure]) -> QuerySet[Measure]:
    """The measures of `measure_qs` that `user` reports for, with their updates waiting
    counted and the date of their latest published one (one query; a user is a measure's
    contact at most once)."""
    return (
        measure_qs.filter(contacts__user=user)
        .select_related("working_group")
        .defer("search_vector", "search_text")
        .annotate(
            pending_count=Count(
                "progress_updates",
                filter=Q(progress_updates__review=ReviewState.PENDING),
                distinct=True,
            ),
            last_published=Max(
                "progress_updates__date",
                filter=Q(progress_updates__review=ReviewState.PUBLISHED),
            ),
        )
        .order_by("number")
    )


def contact_measure(user, measure_qs: QuerySet[Measure], number: int) -> Measure | None:
    """One of the user's measures with its indicators (current values) and their own updates
    still waiting; None when the user is no contact of it."""
    return (
        measure_qs.filter(number=number, contacts__user=user)
        .select_related("working_group")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.with_current().order_by("position", "pk"),
            ),
            Prefetch(
                "contacts",
                queryset=MeasureContact.objects.filter(user=user).select_related("organisation"),
                to_attr="own_contacts",
            ),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.pending().newest_first(),
                to_attr="pending_updates",
            ),
        )
        .first()
    )


def stale_measures(*, today: dt.date | None = None) -> QuerySet[Measure]:
    """Measures not finished whose latest published update (or, without one, whose record)
    is older than PORTAL_PROGRESS_STALE_DAYS."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=stale_days())
    return (
        Measure.objects.exclude(status__in=FINISHED)
        .defer("search_vector", "search_text")
        .annotate(
            last_published=Max(
                "progress_updates__date",
                filter=Q(progress_updates__review=ReviewState.PUBLISHED),
            )
        )
        .filter(
            Q(last_published__lt=limit) | Q(last_published__isnull=True, created_at__date__lt=limit)
        )
        .order_by("last_published", "number")
    )


@dataclass(frozen=True)
class ProgressWorklist:
    pending: int
    pending_oldest: dt.datetime | None
    pending_url: str
    stale: list[Measure]
    stale_count: int
    stale_days: int
    stale_url: str

    @property
    def empty(self) -> bool:
        return not (self.pending or self.stale_count)


def progress_worklist(*, today: dt.date | None = None) -> ProgressWorklist:
    """The officer's part of "Was ansteht": updates to review and measures gone quiet. Three
    queries, however many there are."""
    pending = ProgressUpdate.objects.pending().aggregate(n=Count("pk"), oldest=Min("created_at"))
    stale = stale_measures(today=today)
    shown = list(stale[:STALE_SHOWN])
    count = len(shown) if len(shown) < STALE_SHOWN else stale.count()
    return ProgressWorklist(
        pending=pending["n"],
        pending_oldest=pending["oldest"],
        pending_url=f"{reverse('admin:measures_progressupdate_changelist')}?review__exact="
        f"{ReviewState.PENDING}",
        stale=shown,
        stale_count=count,
        stale_days=stale_days(),
        stale_url=f"{reverse('admin:measures_measure_changelist')}?meldung=ueberfaellig",
    )
