"""The four explanations BITV NRW (§ 4) asks for on the start page: each in Leichte Sprache
and as a video in Deutscher Gebärdensprache with captions. Imported by `models`."""

from __future__ import annotations

import datetime as dt
import os

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minden_integration.core.models import TimeStampedModel


class ExplanationTopic(models.TextChoices):
    """The four explanations BITV NRW (§ 4) asks for on the start page."""

    CONTENT = "inhalt", _("Inhalt")
    NAVIGATION = "navigation", _("Navigation")
    STATEMENT = "erklaerung", _("Erklärung zur Barrierefreiheit")
    OFFERS = "angebote", _("Weitere Angebote")


class Explanation(TimeStampedModel):
    """One of the four explanations: its text in Leichte Sprache (the built-in text while
    empty) and its video in Deutscher Gebärdensprache with captions."""

    topic = models.CharField(
        _("Thema"), max_length=20, choices=ExplanationTopic.choices, unique=True
    )
    easy_text = models.TextField(
        _("Text in Leichter Sprache (Markdown)"),
        blank=True,
        help_text=_("Leer: Das Portal zeigt seinen eingebauten Text in Leichter Sprache."),
    )
    video = models.FileField(
        _("Video in Deutscher Gebärdensprache"),
        upload_to="videos/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text=_("MP4 oder WebM. Fehlt es, nennt die Erklärung zur Barrierefreiheit das."),
    )
    captions = models.FileField(
        _("Untertitel zum Video (WebVTT)"),
        upload_to="videos/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    duration = models.DurationField(
        _("Dauer des Videos"),
        null=True,
        blank=True,
        help_text=_("Minuten und Sekunden, z. B. 2:45."),
    )

    class Meta:
        verbose_name = _("Erklärung in Leichter Sprache und Gebärdensprache")
        verbose_name_plural = _("Erklärungen in Leichter Sprache und Gebärdensprache")
        ordering = ["topic"]
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__in=ExplanationTopic.values), name="explanation_topic_valid"
            ),
            # The duration is asked for by `clean` (the form); a video moved from the old page
            # (migration 0004) may still lack it and then shows without one.
            models.CheckConstraint(
                condition=Q(video="") | ~Q(captions=""), name="explanation_video_has_captions"
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_topic_display())

    def clean(self):
        super().clean()
        if self.video:
            errors = {}
            if not self.captions:
                errors["captions"] = _("Zu jedem Video gehören Untertitel (WebVTT).")
            if self.duration is None:
                errors["duration"] = _("Bitte geben Sie die Dauer des Videos an, z. B. 2:45.")
            elif self.duration <= dt.timedelta(0):
                errors["duration"] = _("Die Dauer muss größer als null sein.")
            if errors:
                raise ValidationError(errors)

    @property
    def video_format(self) -> str:
        return "WebM" if self.video.name.lower().endswith(".webm") else "MP4"

    @property
    def video_type(self) -> str:
        return "video/webm" if self.video_format == "WebM" else "video/mp4"

    @property
    def video_size(self) -> int | None:
        """Bytes on disk, or None when the file has gone missing."""
        try:
            return self.video.size if self.video else None
        except OSError:
            return None

    @property
    def duration_label(self) -> str:
        if self.duration is None:
            return ""
        seconds = int(self.duration.total_seconds())
        minutes, seconds = divmod(seconds, 60)
        return f"{minutes}:{seconds:02d}"

    @property
    def video_filename(self) -> str:
        return os.path.basename(self.video.name) if self.video else ""
