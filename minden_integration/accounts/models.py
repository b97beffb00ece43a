"""What the account pages remember of a member: when they last looked at "Mein Konto"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileVisit(models.Model):
    """The member's visits to their account page, so it can mark what was decided since.

    Page loads less than `VISIT_GAP` apart (`accounts.services`) are one visit: reloading the
    page, or coming back to it from a form, keeps what is new marked as new.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.CASCADE,
        related_name="profile_visit",
    )
    seen_at = models.DateTimeField(_("zuletzt angesehen"))
    previous_seen_at = models.DateTimeField(
        _("Ende des vorigen Besuchs"),
        null=True,
        blank=True,
        help_text=_("Was danach entschieden wurde, ist für das Mitglied neu."),
    )

    class Meta:
        verbose_name = _("Besuch der Kontoseite")
        verbose_name_plural = _("Besuche der Kontoseite")

    def __str__(self) -> str:
        return str(self.user)


class LoginFailures(models.Model):
    """Failed logins for one account name, from any address: they make the next try wait a
    little longer (never a lock, so nobody can lock a member out), and once they come from
    several addresses the account's owner is told.

    Names and addresses are stored as keyed hashes only (`accounts.throttling`), and the row
    goes with the next successful login or after PORTAL_LOGIN_FAILURE_MEMORY_HOURS."""

    account_key = models.CharField(_("Konto (Schlüssel)"), max_length=64, unique=True)
    failures = models.PositiveIntegerField(_("Fehlversuche"), default=0)
    address_keys = models.JSONField(_("Adressen (Schlüssel)"), default=list)
    last_failure_at = models.DateTimeField(_("letzter Fehlversuch"), db_index=True)
    notified_at = models.DateTimeField(_("Inhaber benachrichtigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Fehlversuche eines Kontos")
        verbose_name_plural = _("Fehlversuche der Konten")

    def __str__(self) -> str:
        return f"{self.failures} ({self.last_failure_at:%Y-%m-%d %H:%M})"
