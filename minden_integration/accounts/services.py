"""Writes of the account pages."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from minden_integration.accounts.models import ProfileVisit

# Loads of the account page closer together than this are one visit.
VISIT_GAP = dt.timedelta(minutes=30)


@transaction.atomic
def profile_visit_register(
    *, user: AbstractBaseUser, now: dt.datetime | None = None
) -> dt.datetime | None:
    """Records a load of "Mein Konto" and returns when the member's previous visit ended (None
    before their first): what was decided after it is new to them. A load within `VISIT_GAP`
    of the last one continues the visit, so reloading does not hide what is new."""
    now = now or timezone.now()
    visit, created = ProfileVisit.objects.select_for_update().get_or_create(
        user=user, defaults={"seen_at": now}
    )
    if created:
        return None
    if now - visit.seen_at >= VISIT_GAP:
        visit.previous_seen_at = visit.seen_at
    visit.seen_at = max(now, visit.seen_at)
    visit.save(update_fields=["seen_at", "previous_seen_at"])
    return visit.previous_seen_at
