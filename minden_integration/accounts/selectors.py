"""Reads for the members' account pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from concept.models import Amendment
from concept.selectors import open_consultation
from measures.models import MeasureContact
from minden_integration.accounts.forms import ConsentForm
from minden_integration.accounts.second_factor import needs_second_factor, recovery_codes_left
from workgroups.models import Membership

# The account page shows the latest proposals and decisions; the full list is one click away.
PROPOSALS_SHOWN = 5
DECISIONS_SHOWN = 10


def _consultations(memberships: list[Membership]) -> list[dict[str, Any]]:
    """The open consultation of each concept the member works on (one per deployment today),
    with the member's groups in it: every group's members may propose."""
    groups_by_concept: dict[int, list[str]] = {}
    concepts = {}
    for membership in memberships:
        concept = membership.working_group.concept
        concepts[concept.pk] = concept
        groups_by_concept.setdefault(concept.pk, []).append(membership.working_group.name)
    rows = []
    for pk, concept in concepts.items():
        consultation = open_consultation(concept)
        if consultation is not None:
            rows.append({"consultation": consultation, "groups": groups_by_concept[pk]})
    return rows


def profile_context(*, user: AbstractBaseUser, since: dt.datetime | None) -> dict[str, Any]:
    """What "Mein Konto" shows: the open consultations of the member's groups, their latest
    proposals, what was decided on them since `since` (the end of their previous visit), the
    memberships with their consent forms. A fixed number of queries however much there is."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("working_group__concept", "organisation")
        .order_by("working_group__position", "working_group__name", "pk")
    )
    own = Amendment.objects.filter(author=user)
    proposals = list(own.for_author_list()[: PROPOSALS_SHOWN + 1])
    decisions = (
        list(
            own.decided_since(since)
            .for_author_list()
            .order_by("-decided_at", "-pk")[:DECISIONS_SHOWN]
        )
        if proposals
        else []
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
        "is_member": bool(memberships),
        # A contact reports progress for measures: "Meine Maßnahmen".
        "contact_measure_count": MeasureContact.objects.filter(user=user).count(),
        "consultations": _consultations(memberships),
        "proposals": proposals[:PROPOSALS_SHOWN],
        "more_proposals": len(proposals) > PROPOSALS_SHOWN,
        "decisions": decisions,
        "since": since,
        "admin_url": reverse("admin:index") if user.is_staff else "",
        "can_delete_account": not (user.is_staff or user.is_superuser),
        # Staff: the way to a new app and new recovery codes.
        "second_factor": (
            {"codes_left": recovery_codes_left(user)} if needs_second_factor(user) else None
        ),
    }
