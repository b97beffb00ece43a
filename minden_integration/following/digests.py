"""The weekly digest: one mail per confirmed subscription with what is new since its last
digest (or its confirmation), none when nothing is. `manage.py send_digests`, run weekly by
the scheduler, queues `digests_send`; the task worker sends the mails in batches through
Django's mail API, each batch after the transaction that recorded it has committed."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F, Min, Q
from django.db.models.functions import Coalesce
from django.tasks import task
from django.utils import timezone, translation

from minden_integration.following.items import Item, concept_items, progress_items
from minden_integration.following.mails import digest_message
from minden_integration.following.models import Subscription, SubscriptionTarget

logger = logging.getLogger(__name__)

DIGEST_BATCH = 50


class _News:
    """Everything new since the earliest of the subscriptions' last digests, read once per run
    and per concept; each subscription takes its part."""

    def __init__(self, since: dt.datetime | None):
        self.since = since
        self._concept: dict[int, list[Item]] = {}
        self._progress: dict[int, list[Item]] = {}

    def _read(self, store: dict, concept, read: Callable) -> list[Item]:
        if concept.pk not in store:
            store[concept.pk] = read(concept, since=self.since, limit=None)
        return store[concept.pk]

    def for_subscription(self, subscription: Subscription) -> list[Item]:
        since = subscription.last_digest_at or subscription.confirmed_at
        progress = self._read(self._progress, subscription.concept, progress_items)
        if subscription.target == SubscriptionTarget.MEASURE:
            items = [item for item in progress if item.measure_id == subscription.measure_id]
        elif subscription.target == SubscriptionTarget.WORKING_GROUP:
            items = [
                item for item in progress if item.working_group_id == subscription.working_group_id
            ]
        else:
            items = self._read(self._concept, subscription.concept, concept_items) + progress
        return sorted(
            (item for item in items if item.updated > since),
            key=lambda item: (item.updated, item.key),
            reverse=True,
        )


def _due(now: dt.datetime):
    return (
        Subscription.objects.confirmed()
        .filter(Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=now))
        .filter(confirmed_at__lt=now)
    )


def digests_deliver(*, now: dt.datetime | None = None, batch: int = DIGEST_BATCH) -> int:
    """Record the digests due at `now` and send each batch once its transaction commits;
    returns how many digests were recorded. Unconfirmed subscriptions are never read. The
    entries' titles and links are German, whatever language the caller speaks."""
    with translation.override(settings.LANGUAGE_CODE):
        return _deliver(now=now or timezone.now(), batch=batch)


def _deliver(*, now: dt.datetime, batch: int) -> int:
    earliest = _due(now).aggregate(since=Min(Coalesce(F("last_digest_at"), F("confirmed_at"))))[
        "since"
    ]
    if earliest is None:
        return 0
    news = _News(earliest)
    recorded = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            subscriptions = list(
                _due(now)
                .filter(pk__gt=last_pk)
                .select_related("concept", "working_group", "measure")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")[:batch]
            )
            if not subscriptions:
                break
            last_pk = subscriptions[-1].pk
            messages, previous = [], {}
            for subscription in subscriptions:
                items = news.for_subscription(subscription)
                if not items:
                    continue
                messages.append(digest_message(subscription, items))
                previous[subscription.pk] = subscription.last_digest_at
                subscription.last_digest_at = now
            Subscription.objects.bulk_update(
                [s for s in subscriptions if s.pk in previous], ["last_digest_at"]
            )
            if messages:
                recorded += len(messages)
                transaction.on_commit(partial(_send_batch, messages, previous))
    return recorded


def _send_batch(messages: list[EmailMessage], previous: dict[int, dt.datetime | None]) -> None:
    """One connection for the batch. Should the mail server refuse it, the batch's
    subscriptions get their news again with the next run."""
    try:
        with mailers.default as mailer:
            mailer.send_messages(messages)
    except OSError:
        logger.exception("A batch of %d digests could not be sent.", len(messages))
        for pk, moment in previous.items():
            Subscription.objects.filter(pk=pk).update(last_digest_at=moment)


@task
def digests_send() -> int:
    return digests_deliver()


def digests_enqueue() -> None:
    """Queue the week's digests for the task worker, once the caller's transaction commits."""
    transaction.on_commit(digests_send.enqueue, robust=True)
