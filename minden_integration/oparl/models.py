"""The OParl endpoint's record of removed objects (moved from the project package; the table
keeps its name)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minden_integration.core.models import ContentModel


class OParlTombstoneKind(models.TextChoices):
    """The tables whose rows the OParl endpoint publishes; a removed row leaves a tombstone."""

    CONCEPT = "concept", _("Konzept (Körperschaft)")
    BODY = "body", _("Gremium")
    WORKING_GROUP = "working_group", _("Arbeitsgruppe")
    SESSION = "session", _("Sitzung")
    MILESTONE = "milestone", _("Meilenstein")
    CONSULTATION = "consultation", _("Beratung")
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
    # The row that embedded this one (a version for its files and Beratungen, a group for its
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
        db_table = "minden_integration_oparltombstone"
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
