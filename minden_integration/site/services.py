"""Writes of the portal layer."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from minden_integration.roles import OFFICER
from minden_integration.site.models import AccessibilityFeedback


def officer_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=OFFICER, is_active=True)
    return sorted({email for email in users.values_list("email", flat=True) if email})


@transaction.atomic
def feedback_submit(
    *, message: str, page_url: str = "", name: str = "", email: str = ""
) -> AccessibilityFeedback:
    """Store the report and mail it to the officer once it is stored."""
    feedback = AccessibilityFeedback(message=message, page_url=page_url, name=name, email=email)
    feedback.full_clean()
    feedback.save()
    recipients = officer_emails()
    if recipients:
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
