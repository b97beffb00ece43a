"""Writes of the portal layer."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concept.services import concepts_municipality_set
from minden_integration.core.limits import EVERYONE, rate_hit
from minden_integration.roles import OFFICER
from minden_integration.site.models import (
    FEEDBACK_REPLY_MOVES,
    AccessibilityFeedback,
    CitySettings,
    FeedbackReply,
    ReplyKind,
)
from minden_integration.site.notifications import feedback_reply_mail


def officer_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=OFFICER, is_active=True)
    return sorted({email for email in users.values_list("email", flat=True) if email})


@transaction.atomic
def feedback_submit(
    *, message: str, page_url: str = "", name: str = "", email: str = ""
) -> AccessibilityFeedback:
    """Store the report and mail it to the officer once it is stored. Beyond the day's cap on
    these mails (PORTAL_RATE_LIMITS["feedback-mail"]) the report is stored unmailed, and the
    officers hear once that more wait in the admin."""
    feedback = AccessibilityFeedback(message=message, page_url=page_url, name=name, email=email)
    feedback.full_clean()
    feedback.save()
    recipients = officer_emails()
    if not recipients:
        return feedback
    verdict = rate_hit(scope="feedback-mail", key=EVERYONE)
    if not verdict.allowed:
        if verdict.count == verdict.limit + 1:
            notice = _(
                "Die Tageshöchstzahl von %(limit)d E-Mails zu Rückmeldungen zur "
                "Barrierefreiheit ist erreicht. Weitere Rückmeldungen werden bis morgen "
                "gespeichert, aber nicht einzeln gemailt: Sie finden sie im Verwaltungsbereich "
                "unter „Rückmeldungen zur Barrierefreiheit“."
            ) % {"limit": verdict.limit}
            subject = _("Viele Rückmeldungen zur Barrierefreiheit")
            transaction.on_commit(partial(send_mail, subject, notice, None, recipients))
        return feedback
    body = _(
        "Neue Rückmeldung zur Barrierefreiheit\n\nSeite: %(page)s\nName: %(name)s\n"
        "E-Mail: %(email)s\n\n%(message)s"
    ) % {
        "page": page_url or "–",
        "name": name or "–",
        "email": email or "–",
        "message": message,
    }
    transaction.on_commit(
        lambda: send_mail(
            _("Rückmeldung zur Barrierefreiheit"), body, None, recipients, fail_silently=False
        )
    )
    return feedback


@transaction.atomic
def feedback_reply(
    *,
    feedback: AccessibilityFeedback,
    by,
    text: str,
    interim: bool,
    answer_by: dt.date | None = None,
    now: dt.datetime | None = None,
) -> FeedbackReply:
    """Record the officer's reply (an interim reply naming the date of the final answer, or the
    answer), move the feedback's status, and mail the reply once committed (§ 5 Abs. 2 BITV NRW).

    Without an address on the feedback the reply is recorded, not sent: the person left none,
    and the officer may have answered another way; the feedback must still leave the worklist."""
    now = now or timezone.now()
    locked = AccessibilityFeedback.objects.select_for_update().get(pk=feedback.pk)
    kind = ReplyKind.INTERIM if interim else ReplyKind.ANSWER
    target = FEEDBACK_REPLY_MOVES[locked.status].get(kind)
    if target is None:
        raise ValidationError(
            _("Diese Rückmeldung ist bereits beantwortet; es kann keine weitere Antwort folgen."),
            code="answered",
        )
    if interim:
        today = timezone.localdate(now)
        if answer_by is None:
            answer_by = today + dt.timedelta(days=settings.ACCESSIBILITY_FEEDBACK_INTERIM_DAYS)
        if answer_by <= today:
            raise ValidationError(
                {"answer_by": _("Das Datum muss nach dem heutigen Tag liegen.")}, code="past"
            )
    else:
        answer_by = None
    reply = FeedbackReply(
        feedback=locked,
        kind=kind,
        text=(text or "").replace("\x00", "").strip(),
        answer_by=answer_by,
        to_address=locked.email,
        sent_at=now,
        sent_by=by,
    )
    reply.full_clean()
    reply.save()
    locked.status = target
    if interim:
        locked.interim_sent_at, locked.interim_sent_by, locked.answer_due_on = now, by, answer_by
        changed = ["interim_sent_at", "interim_sent_by", "answer_due_on"]
    else:
        locked.answered_at, locked.answered_by = now, by
        changed = ["answered_at", "answered_by"]
    locked.save(update_fields=["status", *changed, "updated_at"])
    for name in ["status", *changed, "updated_at"]:
        setattr(feedback, name, getattr(locked, name))
    if reply.to_address:
        transaction.on_commit(partial(feedback_reply_mail, reply.pk))
    return reply


@transaction.atomic
def city_settings_save(*, record: CitySettings) -> CitySettings:
    """Store the city's settings (the one row) and give every concept its municipality: the
    settings are the one source of the name (`concept.municipality`)."""
    record.pk = CitySettings.ROW
    record.full_clean()
    record.save()
    concepts_municipality_set(municipality=record.name)
    return record


def city_municipality_sync() -> int:
    """Give every concept the municipality the settings name (for a concept created or loaded
    with another name); returns how many changed."""
    record = CitySettings.objects.filter(pk=CitySettings.ROW).first() or CitySettings()
    return concepts_municipality_set(municipality=record.name)
