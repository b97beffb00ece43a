"""Writes to working groups and memberships."""

from __future__ import annotations

from django.db import transaction

from concept.services import amendments_forget_author_name
from workgroups.models import Membership


@transaction.atomic
def membership_consent_set(*, membership: Membership, consent: bool) -> Membership:
    """Give or withdraw consent to being named; withdrawing removes the name from every
    amendment at once."""
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    locked.consent_to_name = consent
    locked.save(update_fields=["consent_to_name", "updated_at"])
    if not consent and locked.user_id:
        amendments_forget_author_name(user=locked.user)
    membership.consent_to_name = consent
    return locked
