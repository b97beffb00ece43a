"""The portal layer's own tables: pages the officer edits, and accessibility feedback."""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minden_integration.core.models import ContentModel, TimeStampedModel


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
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y}: {self.message[:60]}"


# --- OParl tombstones -------------------------------------------------------------------------


class OParlTombstoneKind(models.TextChoices):
    """The tables whose rows the OParl endpoint publishes; a removed row leaves a tombstone."""

    CONCEPT = "concept", _("Konzept (Körperschaft)")
    BODY = "body", _("Gremium")
    WORKING_GROUP = "working_group", _("Arbeitsgruppe")
    SESSION = "session", _("Sitzung")
    MILESTONE = "milestone", _("Meilenstein")
    VERSION = "version", _("Version")
    ISSUED_FILE = "issued_file", _("Ausgestellte Datei")
    MEMBERSHIP = "membership", _("Mitgliedschaft")


class OParlTombstone(ContentModel):
    """A removed row the OParl endpoint still answers for, with `deleted: true`.

    OParl forbids a 404 for a deleted object: clients that synchronise with `modified_since`
    must learn of the deletion. Written by the post_delete receivers in `oparl.tombstones`.
    """

    kind = models.CharField(_("Art"), max_length=20, choices=OParlTombstoneKind.choices)
    object_pk = models.PositiveBigIntegerField(_("Schlüssel des Objekts"))
    concept_pk = models.PositiveBigIntegerField(_("Schlüssel des Konzepts"), null=True, blank=True)
    # The row that embedded this one (a version for its files and milestones, a group for its
    # memberships): its OParl `modified` must move when an embedded object goes.
    parent_pk = models.PositiveBigIntegerField(
        _("Schlüssel des übergeordneten Objekts"), null=True, blank=True
    )
    label = models.CharField(
        _("Bezeichnung"),
        max_length=300,
        blank=True,
        help_text=_("Was gelöscht wurde; bei Mitgliedschaften ohne Namen (Datensparsamkeit)."),
    )
    created = models.DateTimeField(_("angelegt am"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("gelöscht am"))

    class Meta:
        verbose_name = _("gelöschtes OParl-Objekt")
        verbose_name_plural = _("gelöschte OParl-Objekte")
        ordering = ["-deleted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_pk"], name="oparl_tombstone_once"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in OParlTombstoneKind]),
                name="oparl_tombstone_kind_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["concept_pk", "kind", "deleted_at"], name="oparl_tombstone_list"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_pk}: {self.label}"
