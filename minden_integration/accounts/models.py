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
