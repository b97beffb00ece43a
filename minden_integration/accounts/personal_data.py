"""The information and copy of Art. 15 DSGVO: everything the portal holds about a person, with
the purposes, legal bases, recipients, periods and rights of the register (Art. 30).

For an account: its fields (the password only said to be stored as a hash), memberships,
consent records, amendments (drafts included), entries in the change logs, the account page's
last visit, invitations, login-throttling records with address and browser, active sessions,
and what the apps beside this one contribute (`core.personal_data` sources: the accessibility
feedback sent from the account's address). For a participant without an account: the
membership and its consents. A fixed number of queries however much there is.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from minden_integration.accounts import personal_data_sections as sections
from minden_integration.core.personal_data import DataSubject, Section, personal_data_sources
from minden_integration.core.processing_register import (
    NO_AUTOMATED_DECISIONS,
    NO_THIRD_COUNTRIES,
    ProcessingView,
    data_protection_authority,
    processings,
    rights,
)
from workgroups.models import Membership

FORMAT = "minden-integration/auskunft-art-15/1"


@dataclass
class PersonalDataReport:
    subject: dict[str, Any]
    created_at: dt.datetime
    sections: list[Section]
    processings: list[ProcessingView]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "created_at": self.created_at,
            "subject": self.subject,
            "sections": [section.as_json() for section in self.sections],
            "processings": [processing.as_json() for processing in self.processings],
            "rights": rights(),
            "complaint": data_protection_authority(),
            "automated_decisions": str(NO_AUTOMATED_DECISIONS),
            "third_countries": str(NO_THIRD_COUNTRIES),
        }

    @property
    def rights(self) -> list[str]:
        return rights()

    @property
    def authority(self) -> dict[str, str]:
        return data_protection_authority()

    @property
    def automated_decisions(self) -> str:
        return str(NO_AUTOMATED_DECISIONS)

    @property
    def third_countries(self) -> str:
        return str(NO_THIRD_COUNTRIES)


# --- the report -------------------------------------------------------------------------------


def _report(
    subject: DataSubject, summary: dict[str, Any], found: list[Section]
) -> PersonalDataReport:
    """Add what the other apps hold (registered sources), and the register's entries of
    every processing some of the data belong to."""
    for source in personal_data_sources():
        found.extend(source.collect(subject))
    held = {section.processing for section in found if section.rows}
    return PersonalDataReport(
        subject=summary, created_at=timezone.now(), sections=found, processings=processings(held)
    )


def personal_data_for_user(*, user: AbstractBaseUser) -> PersonalDataReport:
    """Everything held about an account's holder."""
    now = timezone.now()
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("working_group", "organisation")
        .order_by("working_group__position", "working_group__name", "pk")
    )
    roles = list(user.groups.order_by("name").values_list("name", flat=True))
    found = [
        sections.account_section(user, roles),
        sections.memberships_section(memberships),
        sections.consents_section(memberships, user.pk),
        sections.amendments_section(user),
        sections.change_logs_section(user),
        sections.profile_visit_section(user),
        sections.invitations_section(user, now),
        sections.throttling_section(user),
        sections.sessions_section(user, now),
    ]
    subject = DataSubject(
        user=user, memberships=memberships, emails=[user.email] if user.email else []
    )
    summary = {"kind": "account", "username": user.get_username(), "email": user.email}
    return _report(subject, summary, found)


def personal_data_for_membership(*, membership: Membership) -> PersonalDataReport:
    """Everything held about a participant known only by a membership (no account): the
    membership with its consents. With an account, the account's report covers it."""
    if membership.user_id:
        return personal_data_for_user(user=membership.user)
    membership = Membership.objects.select_related("working_group", "organisation").get(
        pk=membership.pk
    )
    found = [
        sections.memberships_section([membership]),
        sections.consents_section([membership], None),
    ]
    subject = DataSubject(user=None, memberships=[membership], emails=[])
    summary = {
        "kind": "participant",
        "name": membership.name,
        "working_group": membership.working_group.name,
    }
    return _report(subject, summary, found)


def personal_data_response(report: PersonalDataReport) -> HttpResponse:
    """The report as a JSON file to download (UTF-8, readable, never cached)."""
    content = json.dumps(report.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"auskunft-{timezone.localdate(report.created_at):%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return response
