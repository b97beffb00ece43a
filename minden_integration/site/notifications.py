"""Emails the site sends itself: the officer's reply to an accessibility feedback."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from concept.models import Concept
from minden_integration.site.models import FeedbackReply, ReplyKind

logger = logging.getLogger(__name__)


def ombudsstelle() -> dict[str, str]:
    """The Ombudsstelle of § 10d BGG NRW as the settings name it (a city may change them)."""
    return {
        "name": settings.ACCESSIBILITY_OMBUDSSTELLE_NAME,
        "seat": settings.ACCESSIBILITY_OMBUDSSTELLE_SEAT,
        "url": settings.ACCESSIBILITY_OMBUDSSTELLE_URL,
        "email": settings.ACCESSIBILITY_OMBUDSSTELLE_EMAIL,
    }


def ombudsstelle_paragraph() -> str:
    """The fixed closing paragraph of every reply: § 5 Abs. 2 Satz 4 BITV NRW asks the answer
    to point to the Ombudsverfahren of § 10d BGG NRW."""
    return (
        _(
            "Wenn Sie mit unserer Antwort nicht zufrieden sind oder keine Antwort erhalten, können "
            "Sie ein Ombudsverfahren nach § 10d des Behindertengleichstellungsgesetzes "
            "Nordrhein-Westfalen (BGG NRW) beantragen. Zuständig ist die %(name)s, %(seat)s. "
            "Internet: %(url)s – E-Mail: %(email)s"
        )
        % ombudsstelle()
    )


def feedback_reply_mail(reply_id: int) -> bool:
    """Send a recorded reply to the address the feedback gave; called once it committed."""
    reply = FeedbackReply.objects.select_related("feedback").filter(pk=reply_id).first()
    if reply is None or not reply.to_address:
        return False
    feedback = reply.feedback
    concept = Concept.objects.current()
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "reply": reply,
            "feedback": feedback,
            "interim": reply.kind == ReplyKind.INTERIM,
            "received": date_format(timezone.localtime(feedback.created_at), "DATE_FORMAT"),
            "answer_by": date_format(reply.answer_by, "DATE_FORMAT") if reply.answer_by else "",
            "ombudsstelle": ombudsstelle_paragraph(),
            "municipality": concept.municipality if concept else "",
        }
        if context["interim"]:
            subject = _("Zwischennachricht zu Ihrer Rückmeldung zur Barrierefreiheit")
        else:
            subject = _("Antwort auf Ihre Rückmeldung zur Barrierefreiheit")
        body = render_to_string("site/emails/feedback_reply.txt", context)
    try:
        with mailers.default as mailer:
            return bool(
                mailer.send_messages([EmailMessage(subject, body, None, [reply.to_address])])
            )
    except OSError:
        logger.exception("The reply to an accessibility feedback could not be sent.")
        return False
