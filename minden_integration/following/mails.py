"""The subscribers' mails: the confirmation and the weekly digest. Each carries a link to the
page that unsubscribes and the headers of RFC 2369 and RFC 8058, so that a mail program's
"unsubscribe" button works with one POST. The address appears only in the envelope."""

from __future__ import annotations

import email.policy
from email.headerregistry import HeaderRegistry, UnstructuredHeader

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from minden_integration.core.links import portal_url
from minden_integration.following.items import Item
from minden_integration.following.models import Subscription
from minden_integration.following.tokens import confirm_token, unsubscribe_token


class _OneLineHeader(UnstructuredHeader):
    """A header written on one line: Python folds a long value without spaces into RFC 2047
    encoded words, which mail programs do not read as the URL of List-Unsubscribe. One line
    stays within RFC 5322's limit of 998 characters."""

    def fold(self, *, policy):
        return f"{self.name}: {self}{policy.linesep}"


_HEADERS = HeaderRegistry()
_HEADERS.map_to_type("list-unsubscribe", _OneLineHeader)


class ListMessage(EmailMessage):
    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(header_factory=_HEADERS))


# The most entries a digest lists; the rest are behind the link to the page.
DIGEST_ENTRIES = 30


def unsubscribe_url(subscription: Subscription) -> str:
    return portal_url("following:unsubscribe", token=unsubscribe_token(subscription.key))


def subject_url(subscription: Subscription) -> str:
    if subscription.measure_id:
        return portal_url("measures:measure-detail", number=subscription.measure.number)
    if subscription.working_group_id:
        return portal_url("workgroups:group-detail", slug=subscription.working_group.slug)
    return portal_url("home")


def _message(subscription: Subscription, subject: str, template: str, **context) -> EmailMessage:
    unsubscribe = unsubscribe_url(subscription)
    body = render_to_string(
        template,
        {
            "subject_label": subscription.subject_label,
            "subject_url": subject_url(subscription),
            "unsubscribe_url": unsubscribe,
            "municipality": subscription.concept.municipality,
            **context,
        },
    )
    return ListMessage(
        subject,
        body,
        None,
        [subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def confirmation_message(subscription: Subscription) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            subscription,
            _("Bitte bestätigen Sie Ihre Benachrichtigungen"),
            "following/emails/confirm.txt",
            confirm_url=portal_url("following:confirm", token=confirm_token(subscription.key)),
            days=settings.PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS,
        )


def digest_message(subscription: Subscription, items: list[Item]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        shown = items[:DIGEST_ENTRIES]
        return _message(
            subscription,
            _("Neues zu: %(subject)s") % {"subject": subscription.subject_label},
            "following/emails/digest.txt",
            entries=[(item, settings.PORTAL_BASE_URL + item.path) for item in shown],
            more=len(items) - len(shown),
        )
