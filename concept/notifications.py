"""Emails the concept sends itself: the author of an amendment hears of its decision, the
officers of an issued file changed on disk."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from concept.models import AMENDMENT_DECIDED, Amendment, IssuedFile
from minden_integration.core.links import portal_url

logger = logging.getLogger(__name__)


def amendment_decided_notify(amendment_id: int) -> bool:
    """Tell the author how their amendment was decided; called once the decision committed.
    Nobody is emailed when the account is gone, inactive or has no address."""
    amendment = (
        Amendment.objects.select_related("author", "version__concept", "section")
        .filter(pk=amendment_id, status__in=AMENDMENT_DECIDED)
        .first()
    )
    author = amendment.author if amendment else None
    if author is None or not author.is_active or not author.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "amendment": amendment,
            "status": amendment.get_status_display(),
            "municipality": amendment.version.concept.municipality,
            "link": portal_url(
                "concept:amendment-list",
                number=amendment.version.number,
                anchor=f"vorschlag-{amendment.pk}",
            ),
        }
        subject = _("Entscheidung über Ihren %(amendment)s: %(status)s") % {
            "amendment": amendment,
            "status": context["status"],
        }
        body = render_to_string("concept/emails/amendment_decided.txt", context)
    try:
        with mailers.default as mailer:
            return bool(mailer.send_messages([EmailMessage(subject, body, None, [author.email])]))
    except OSError:
        logger.exception("The decision email to an amendment's author could not be sent.")
        return False


def officers_emails() -> list[str]:
    """Whoever may change versions (the officers; superusers too): concept names no role."""
    users = get_user_model().objects.with_perm(
        "concept.change_conceptversion",
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def issued_file_changed_notify(issued: IssuedFile, *, size: int, found: str) -> bool:
    """Tell the officers that a stored issued file no longer matches its record and is not
    served until it is restored."""
    recipients = officers_emails()
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "issued": issued,
            "size": size,
            "found": found,
            "link": portal_url("exports:issued-file", pk=issued.pk),
        }
        subject = _("Ausgestellte Datei verändert: %(file)s") % {"file": issued}
        body = render_to_string("concept/emails/issued_file_changed.txt", context)
    try:
        with mailers.default as mailer:
            return bool(mailer.send_messages([EmailMessage(subject, body, None, recipients)]))
    except OSError:
        logger.exception("The alert about a changed issued file could not be sent.")
        return False
