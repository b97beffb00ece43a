"""The site's own tables: pages the officer edits, and accessibility feedback.

Moved from the project package; the tables keep their names.
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minden_integration.core.models import TimeStampedModel


class PageSlug(models.TextChoices):
    IMPRINT = "impressum", _("Impressum")
    PRIVACY = "datenschutz", _("Datenschutzerklärung")
    ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
    EASY_LANGUAGE = "leichte-sprache", _("Leichte Sprache")


class Conformity(models.TextChoices):
    FULL = "full", _("vollständig vereinbar")
    PARTIAL = "partial", _("teilweise vereinbar")
    NONE = "none", _("nicht vereinbar")


class Page(TimeStampedModel):
    """A page whose text the officer edits in the admin (footer pages, Leichte Sprache)."""

    slug = models.CharField(_("Seite"), max_length=30, choices=PageSlug.choices, unique=True)
    title = models.CharField(_("Überschrift"), max_length=200)
    body = models.TextField(_("Text (Markdown)"), blank=True)
    video = models.FileField(
        _("Video in Deutscher Gebärdensprache"),
        upload_to="videos/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text=_("Von der Stadt bereitgestellt; MP4 oder WebM."),
    )
    video_captions = models.FileField(
        _("Untertitel zum Video (WebVTT)"),
        upload_to="videos/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    conformity = models.CharField(
        _("Stand der Vereinbarkeit mit BITV NRW"),
        max_length=10,
        choices=Conformity.choices,
        blank=True,
        help_text=_("Nur für die Erklärung zur Barrierefreiheit."),
    )
    statement_date = models.DateField(
        _("Erklärung erstellt am"), null=True, blank=True, help_text=_("Nur für die Erklärung.")
    )

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        db_table = "minden_integration_page"
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__in=[s.value for s in PageSlug]), name="page_slug_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AccessibilityFeedback(TimeStampedModel):
    """A report of a barrier through the statement's electronic contact form (BITV NRW)."""

    message = models.TextField(_("Ihre Nachricht"), validators=[MaxLengthValidator(5000)])
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse für eine Antwort"), blank=True)
    handled = models.BooleanField(_("erledigt"), default=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bearbeitet von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        db_table = "minden_integration_accessibilityfeedback"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y}: {self.message[:60]}"
