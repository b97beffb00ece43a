"""The site's part of the portal's personal data: accessibility feedback. Registered in
`SiteConfig.ready` as a source of the Art. 15 report (the feedback sent from the person's
address, with the replies) and as a retention rule (answered feedback is deleted
PORTAL_RETENTION_FEEDBACK_DAYS after the answer; an open one never)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minden_integration.core.personal_data import (
    Column,
    DataSubject,
    PersonalDataSource,
    RetentionRule,
    Section,
    before,
)
from minden_integration.site.models import AccessibilityFeedback, FeedbackReply


def _field(model, name: str) -> Column:
    return Column(name, str(model._meta.get_field(name).verbose_name))


def feedback_sections(subject: DataSubject) -> list[Section]:
    """The feedback sent with one of the person's addresses, each with its replies: two
    queries, none without an address."""
    emails = [email for email in subject.emails if email]
    feedback = []
    if emails:
        matches = Q()
        for email in emails:
            matches |= Q(email__iexact=email)
        feedback = list(
            AccessibilityFeedback.objects.filter(matches)
            .prefetch_related(
                Prefetch("replies", queryset=FeedbackReply.objects.order_by("sent_at", "pk"))
            )
            .order_by("created_at", "pk")
        )
    columns = [
        _field(AccessibilityFeedback, name)
        for name in ("created_at", "message", "page_url", "name", "email", "status", "answered_at")
    ] + [Column("replies", _("Antworten der Stadt"))]
    rows = [
        {
            "created_at": item.created_at,
            "message": item.message,
            "page_url": item.page_url,
            "name": item.name,
            "email": item.email,
            "status": item.get_status_display(),
            "answered_at": item.answered_at,
            "replies": [
                {
                    "kind": reply.get_kind_display(),
                    "sent_at": reply.sent_at,
                    "to_address": reply.to_address,
                    "text": reply.text,
                }
                for reply in item.replies.all()
            ],
        }
        for item in feedback
    ]
    return [
        Section(
            key="accessibility_feedback",
            title=_("Rückmeldungen zur Barrierefreiheit"),
            processing="feedback",
            columns=columns,
            rows=rows,
            note=_("Gefunden über die E-Mail-Adresse des Kontos."),
        )
    ]


def feedback_purge(*, now: dt.datetime, days: int) -> int:
    """Delete feedback answered more than `days` days ago, with its replies."""
    deleted, _rows = AccessibilityFeedback.objects.filter(
        answered_at__lt=before(now, days)
    ).delete()
    return deleted


SOURCE = PersonalDataSource(key="accessibility_feedback", collect=feedback_sections)
RULE = RetentionRule(
    key="accessibility_feedback",
    label=gettext_lazy("Beantwortete Rückmeldungen zur Barrierefreiheit"),
    setting="PORTAL_RETENTION_FEEDBACK_DAYS",
    purge=feedback_purge,
)
