"""Subscribing, confirming and unsubscribing: the writes of the following app.

Double opt-in: a subscription is kept unconfirmed until the link in its mail is opened and
its button pressed; until then nothing but the confirmation is sent to the address. The same
request for an address already confirmed sends nothing (the page never tells which).
"""

from __future__ import annotations

import datetime as dt
import logging
from enum import Enum

from django.core.mail import mailers
from django.db import IntegrityError, transaction
from django.utils import timezone

from concept.models import Concept
from measures.models import Measure
from minden_integration.following.mails import confirmation_message
from minden_integration.following.models import Subscription, SubscriptionTarget, new_key
from workgroups.models import WorkingGroup

logger = logging.getLogger(__name__)


class Outcome(Enum):
    DONE = "done"
    ALREADY = "already"
    UNKNOWN = "unknown"


def _target(working_group, measure) -> str:
    if measure is not None:
        return SubscriptionTarget.MEASURE
    if working_group is not None:
        return SubscriptionTarget.WORKING_GROUP
    return SubscriptionTarget.CONCEPT


def subscription_request(
    *,
    email: str,
    concept: Concept,
    working_group: WorkingGroup | None = None,
    measure: Measure | None = None,
    now: dt.datetime | None = None,
) -> Subscription:
    """Record (or renew) an unconfirmed subscription and send its confirmation after commit.
    A confirmed one stays as it is and nothing is sent."""
    now = now or timezone.now()
    email = email.strip().lower()
    target = _target(working_group, measure)
    fields = {
        "concept": concept,
        "target": target,
        "working_group": working_group,
        "measure": measure,
    }
    with transaction.atomic():
        existing = (
            Subscription.objects.select_for_update().filter(email__iexact=email, **fields).first()
        )
        if existing is not None and existing.is_confirmed:
            return existing
        if existing is not None:
            # A fresh link and a fresh period; the older link no longer confirms.
            existing.key, existing.created_at = new_key(), now
            existing.save(update_fields=["key", "created_at"])
            subscription = existing
        else:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=email, created_at=now, **fields
                    )
            except IntegrityError:
                # The same address sent the form twice at once: the other request sends.
                return Subscription.objects.get(email__iexact=email, **fields)
        pk = subscription.pk
        transaction.on_commit(lambda: confirmation_send(pk), robust=True)
    return subscription


def confirmation_send(pk: int) -> bool:
    subscription = (
        Subscription.objects.select_related("concept", "working_group", "measure")
        .filter(pk=pk, confirmed_at__isnull=True)
        .first()
    )
    if subscription is None:
        return False
    try:
        with mailers.default as mailer:
            return bool(mailer.send_messages([confirmation_message(subscription)]))
    except OSError:
        logger.exception("The confirmation of a subscription could not be sent.")
        return False


def subscription_confirm(*, key: str, now: dt.datetime | None = None) -> Outcome:
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(key=key).first()
        if subscription is None:
            return Outcome.UNKNOWN
        if subscription.is_confirmed:
            return Outcome.ALREADY
        subscription.confirmed_at = now or timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return Outcome.DONE


def subscription_cancel(*, key: str) -> Outcome:
    """Unsubscribing deletes the subscription with its address at once."""
    deleted, _rows = Subscription.objects.filter(key=key).delete()
    return Outcome.DONE if deleted else Outcome.UNKNOWN


def subscription_find(key: str) -> Subscription | None:
    return (
        Subscription.objects.select_related("concept", "working_group", "measure")
        .filter(key=key)
        .first()
    )
