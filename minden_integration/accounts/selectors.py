"""Reads for the members' account pages."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from minden_integration.accounts.forms import ConsentForm
from workgroups.models import Membership


def profile_context(*, user: AbstractBaseUser) -> dict:
    """The member's memberships, each with its consent form, in one query."""
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("working_group", "organisation")
        .order_by("working_group__position", "working_group__name", "pk")
    )
    return {
        "memberships": [
            {
                "membership": membership,
                "consent_form": ConsentForm(
                    initial={"consent_to_name": membership.consent_to_name},
                    auto_id=f"id_membership_{membership.pk}_%s",
                ),
            }
            for membership in memberships
        ],
        "can_delete_account": not (user.is_staff or user.is_superuser),
    }
