"""Writes to a measure's progress: recording, reviewing, hiding and correcting updates.

A measure's stored `status` is always the status of its latest *published* update (or
"geplant" without one): every service here recomputes it in the same transaction. Indicator
values are never copied anywhere; `Indicator.objects.with_current()` reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import (
    Indicator,
    IndicatorValue,
    Measure,
    MeasureContact,
    MeasureStatus,
    ProgressUpdate,
    ReviewState,
)

# simple_history keeps a change reason of at most this many characters; the whole public
# reason is kept in the update's own (historised) `public_reason`.
CHANGE_REASON_MAX = 100
REVIEW_FIELDS = ["review", "reviewed_by", "reviewed_at", "public_reason", "updated_at"]


def review_required() -> bool:
    """Whether a contact's update waits for the officer (PORTAL_PROGRESS_REVIEW)."""
    return getattr(settings, "PORTAL_PROGRESS_REVIEW", True)


def status_refresh(measure: Measure) -> str:
    """Set the stored status from the latest published update; the caller holds the lock."""
    latest = measure.progress_updates.published().newest_first().first()
    status = latest.status if latest else MeasureStatus.PLANNED
    if measure.status != status:
        # save(), not update(): the audit trail records the new status; updated_at changes
        # too, and the pages and documents that show the status are keyed by it.
        measure.status = status
        measure.save(update_fields=["status", "updated_at"])
    return status


def _values_check(measure: Measure, values: Mapping[Indicator, Decimal | None]) -> dict:
    wanted = {}
    for indicator, value in values.items():
        if indicator.measure_id != measure.pk:
            raise ValidationError(_("Der Indikator gehört zu einer anderen Maßnahme."))
        if value is not None:
            wanted[indicator] = Decimal(value)
    return wanted


def _values_write(update: ProgressUpdate, values: dict, *, reason: str = "") -> None:
    """Set the update's value of each indicator given; None removes it."""
    existing = {v.indicator_id: v for v in update.indicator_values.all()}
    for indicator, value in values.items():
        row = existing.get(indicator.pk)
        if value is None:
            if row is not None:
                row._change_reason = reason[:CHANGE_REASON_MAX] or None
                row.delete()
            continue
        if row is None:
            row = IndicatorValue(update=update, indicator=indicator)
        elif row.value == value:
            continue
        row.value = value
        row._change_reason = reason[:CHANGE_REASON_MAX] or None
        row.full_clean()
        row.save()


def _locked(measure: Measure) -> Measure:
    return Measure.objects.select_for_update().get(pk=measure.pk)


@transaction.atomic
def progress_record(
    *,
    measure: Measure,
    status: str,
    note: str = "",
    date: dt.date | None = None,
    by: AbstractBaseUser | None = None,
    is_example: bool = False,
    values: Mapping[Indicator, Decimal | None] | None = None,
    reported_for=None,
    review: str = ReviewState.PUBLISHED,
) -> ProgressUpdate:
    """Record an update; the officer's are published at once (the default), a contact's go
    through `progress_report`."""
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Unbekannter Umsetzungsstand.")})
    if review not in ReviewState.values:
        raise ValidationError(_("Unbekannter Prüfstand."))
    locked = _locked(measure)
    wanted = _values_check(locked, values or {})
    published = review == ReviewState.PUBLISHED
    update = ProgressUpdate(
        measure=locked,
        status=status,
        note=note,
        date=date or timezone.localdate(),
        recorded_by=by,
        reported_for=reported_for,
        review=review,
        # Who publishes their own update has reviewed it.
        reviewed_by=by if published else None,
        reviewed_at=timezone.now() if published and by else None,
        is_example=is_example,
    )
    update.full_clean()
    update.save()
    _values_write(update, wanted)
    measure.status = status_refresh(locked)
    return update


def progress_report(
    *,
    contact: MeasureContact,
    status: str,
    note: str = "",
    date: dt.date | None = None,
    values: Mapping[Indicator, Decimal | None] | None = None,
    is_example: bool = False,
) -> ProgressUpdate:
    """A contact's update, published as their organisation; it waits for the officer while
    review is on."""
    return progress_record(
        measure=contact.measure,
        status=status,
        note=note,
        date=date,
        by=contact.user,
        is_example=is_example,
        values=values,
        reported_for=contact.organisation,
        review=ReviewState.PENDING if review_required() else ReviewState.PUBLISHED,
    )


def _reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"public_reason": _("Bitte geben Sie eine öffentliche Begründung an.")}
        )
    return reason


def _update_locked(update: ProgressUpdate) -> tuple[ProgressUpdate, Measure]:
    measure = _locked(update.measure)
    return ProgressUpdate.objects.select_for_update().get(pk=update.pk), measure


@transaction.atomic
def progress_accept(*, update: ProgressUpdate, by: AbstractBaseUser) -> ProgressUpdate:
    """Publish an update waiting for review (or one hidden before)."""
    locked, measure = _update_locked(update)
    if locked.review == ReviewState.PUBLISHED:
        raise ValidationError(_("Diese Fortschrittsmeldung ist bereits veröffentlicht."))
    if locked.review == ReviewState.HIDDEN:
        locked.public_reason = ""
    locked.review = ReviewState.PUBLISHED
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked._change_reason = _("angenommen")
    locked.save(
        update_fields=["review", "reviewed_by", "reviewed_at", "public_reason", "updated_at"]
    )
    status_refresh(measure)
    return locked


@transaction.atomic
def progress_hide(*, update: ProgressUpdate, by: AbstractBaseUser, reason: str) -> ProgressUpdate:
    """Take an update off the public record; the reason is public."""
    reason = _reason_required(reason)
    locked, measure = _update_locked(update)
    if locked.review == ReviewState.HIDDEN:
        raise ValidationError(_("Diese Fortschrittsmeldung ist bereits ausgeblendet."))
    locked.review = ReviewState.HIDDEN
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.public_reason = reason
    locked._change_reason = reason[:CHANGE_REASON_MAX]
    locked.save(
        update_fields=["review", "reviewed_by", "reviewed_at", "public_reason", "updated_at"]
    )
    status_refresh(measure)
    return locked


@transaction.atomic
def progress_correct(
    *,
    update: ProgressUpdate,
    by: AbstractBaseUser,
    reason: str,
    status: str,
    note: str,
    values: Mapping[Indicator, Decimal | None] | None = None,
) -> ProgressUpdate:
    """Correct what an update says; the reason is public and kept in the audit trail. A
    correction publishes an update still waiting: the officer has reviewed it."""
    reason = _reason_required(reason)
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Unbekannter Umsetzungsstand.")})
    locked, measure = _update_locked(update)
    if locked.review == ReviewState.HIDDEN:
        raise ValidationError(
            _(
                "Eine ausgeblendete Fortschrittsmeldung wird nicht berichtigt; nehmen Sie sie "
                "zuerst an."
            )
        )
    wanted = _values_check(measure, values or {})
    current = {v.indicator_id: v.value for v in locked.indicator_values.all()}
    changed = (
        locked.status != status
        or locked.note != note
        or any(current.get(i.pk) != v for i, v in wanted.items())
        or any(v is None and i.pk in current for i, v in (values or {}).items())
    )
    if not changed:
        raise ValidationError(_("Die Berichtigung ändert nichts an der Fortschrittsmeldung."))
    locked.status = status
    locked.note = note
    locked.public_reason = reason
    locked.review = ReviewState.PUBLISHED
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked._change_reason = reason[:CHANGE_REASON_MAX]
    locked.full_clean()
    locked.save()
    removed = {i: None for i, v in (values or {}).items() if v is None}
    _values_write(locked, {**wanted, **removed}, reason=reason)
    status_refresh(measure)
    return locked
