"""Emails to the members of the concept's working groups about its consultations: when one
opens, and when the officer ends one before its deadline. Registered with `concept.events` in
`WorkgroupsConfig.ready()`; called once the move has committed."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from concept.models import ConceptVersion, VersionStatus
from minden_integration.core.links import portal_url
from minden_integration.core.text import german_datetime

logger = logging.getLogger(__name__)


def german_date(value: dt.datetime) -> str:
    """e.g. "3. Dezember 2026", the local day of `value`, in German."""
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(timezone.localtime(value), "j. F Y")


def _member_addresses(concept_id: int) -> list[str]:
    """Every active member of the concept's working groups with an address, once."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, memberships__working_group__concept_id=concept_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _email_members(version: ConceptVersion, subject: str, template: str, **extra) -> int:
    """One German email to each member of the concept's groups, each in its own message."""
    recipients = _member_addresses(version.concept_id)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "version": version,
            "number": version.number,
            "title": version.title,
            "municipality": version.concept.municipality,
            "link": portal_url("concept:version-detail", number=version.number),
            **extra,
        }
        body = render_to_string(template, context)
    sent = 0
    mailer = mailers.default
    with mailer:
        for address in recipients:
            try:
                sent += mailer.send_messages([EmailMessage(subject, body, None, [address])])
            except OSError:
                logger.exception("Consultation email to a member could not be sent.")
    return sent


def members_notify_consultation_opened(version: ConceptVersion) -> int:
    """Email every active member of the concept's working groups once, after the consultation
    has been opened (registered with `concept.events`). Example versions email nobody."""
    current = (
        ConceptVersion.objects.select_related("concept")
        .filter(pk=version.pk, status=VersionStatus.CONSULTATION, is_example=False)
        .first()
    )
    if current is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Version %(number)s des Integrationskonzepts ist in Beteiligung") % {
            "number": current.number
        }
    return _email_members(
        current,
        subject,
        "accounts/emails/consultation_opened.txt",
        deadline=german_datetime(current.consultation_ends_at),
    )


def members_notify_consultation_ended_early(version: ConceptVersion) -> int:
    """Email every active member once that the officer ended the consultation before its
    deadline: when it ended, and until when it was planned (registered with
    `concept.events`). Example versions email nobody."""
    current = (
        ConceptVersion.objects.select_related("concept")
        .filter(
            pk=version.pk,
            status=VersionStatus.CONSULTATION_CLOSED,
            consultation_closed_at__lt=F("consultation_ends_at"),
            is_example=False,
        )
        .first()
    )
    if current is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Die Beteiligung zu Version %(number)s ist vorzeitig beendet") % {
            "number": current.number
        }
    return _email_members(
        current,
        subject,
        "accounts/emails/consultation_ended_early.txt",
        closed=german_date(current.consultation_closed_at),
        deadline=german_date(current.consultation_ends_at),
    )
