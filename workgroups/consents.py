"""The record of each consent a participant gives (Art. 7 Abs. 1 DSGVO): when, to which text,
how and by whom it was given, and when it was withdrawn.

`Membership.consent_to_name` stays the fast flag every page reads; the consent services
(`workgroups.services.membership_consent_give` / `_withdraw`) set it together with the record,
in one transaction, and nothing else sets it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from minden_integration.core.models import ContentModel, ContentQuerySet
from minden_integration.core.roles import PERMISSION_REGISTER, PERMISSION_REPORT


class ConsentPurpose(models.TextChoices):
    NAME_PUBLIC = "name_public", _("Nennung des Namens")


class ConsentHow(models.TextChoices):
    FORM = "form", _("selbst unter „Mein Konto“")
    ADMIN = "admin", _("von der Verwaltung erfasst")
    IMPORT = "import", _("beim Laden der Daten übernommen")
    MIGRATED = "migrated", _("aus dem Stand vor den Nachweisen übernommen")
    ACCOUNT_DELETED = "account_deleted", _("mit dem Löschen des Kontos")


# The declaration a person agrees to, as the consent form shows it: its label and explanation.
# Giving consent copies them, in the language shown, onto the record.
CONSENT_STATEMENTS = {
    ConsentPurpose.NAME_PUBLIC: (
        _("Mein Name darf öffentlich genannt werden."),
        _(
            "Dann steht Ihr Name in der Teilnehmendenliste der Arbeitsgruppe und bei Vorschlägen, "
            "die Sie künftig einreichen. Ein Widerruf entfernt ihn sofort überall."
        ),
    ),
}


def consent_statement(purpose: str) -> str:
    """The declaration's text in the active language, as copied onto a record."""
    label, explanation = CONSENT_STATEMENTS[ConsentPurpose(purpose)]
    return f"{label} {explanation}"


class ConsentRecordQuerySet(ContentQuerySet):
    def in_force(self):
        return self.filter(withdrawn_at__isnull=True)


class ConsentRecord(ContentModel):
    """One consent, from giving to withdrawal. At most one per membership and purpose is in
    force; a new consent after a withdrawal is a new record."""

    membership = models.ForeignKey(
        "workgroups.Membership",
        verbose_name=_("Mitgliedschaft"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    purpose = models.CharField(_("Zweck"), max_length=30, choices=ConsentPurpose.choices)
    text = models.TextField(
        _("Wortlaut der Erklärung"), help_text=_("So, wie er beim Einwilligen gezeigt wurde.")
    )
    language = models.CharField(_("Sprache"), max_length=10)
    given_at = models.DateTimeField(_("erteilt am"))
    given_how = models.CharField(_("erteilt"), max_length=20, choices=ConsentHow.choices)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    withdrawn_how = models.CharField(
        _("widerrufen"), max_length=20, choices=ConsentHow.choices, blank=True
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Widerruf erfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nachweis einer Einwilligung")
        verbose_name_plural = _("Nachweise der Einwilligungen")
        ordering = ["membership", "-given_at", "-pk"]
        permissions = [
            (PERMISSION_REPORT, _("Auskunft über gespeicherte Daten erteilen (Art. 15 DSGVO)")),
            (
                PERMISSION_REGISTER,
                _("Verzeichnis der Verarbeitungstätigkeiten einsehen (Art. 30 DSGVO)"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="consentrecord_one_in_force",
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=ConsentPurpose.values), name="consentrecord_purpose_valid"
            ),
            models.CheckConstraint(
                condition=Q(given_how__in=ConsentHow.values)
                & ~Q(given_how=ConsentHow.ACCOUNT_DELETED),
                name="consentrecord_given_how_valid",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawn_how="")
                | Q(
                    withdrawn_at__isnull=False,
                    withdrawn_at__gte=F("given_at"),
                    withdrawn_how__in=ConsentHow.values,
                ),
                name="consentrecord_withdrawal_complete",
            ),
        ]

    def __str__(self) -> str:
        return _("Einwilligung „%(purpose)s“, erteilt am %(date)s") % {
            "purpose": self.get_purpose_display(),
            "date": date_format(timezone.localtime(self.given_at), "SHORT_DATE_FORMAT"),
        }

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None
