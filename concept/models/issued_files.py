"""The register of files the city issued for frozen versions, checked at `/echtheit/`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from concept.models.versions import ConceptVersion
from minden_integration.core.models import ContentModel


class IssuedDocument(models.TextChoices):
    """The documents `concept` issues itself. Higher apps register theirs with
    `concept.issuing.document_register`; the register of files stores any registered key."""

    VERSION = "version", _("Konzept")
    SYNOPSIS = "synopsis", _("Synopse")
    RESOLUTION = "resolution", _("Beschlossene Fassung")


class IssuedFile(ContentModel):
    """A file the city issued for a version (see `concept.issuing.issuable`): generated once,
    stored, recorded once, so that anyone can check a copy against it (`/echtheit/`).

    Two documents may have the same bytes (the open data of two versions with the same
    measures): the hashes are indexed, not unique; the check lists every file they match."""

    version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Version"),
        on_delete=models.PROTECT,
        related_name="issued_files",
    )
    # A key registered with `concept.issuing` (its label: `document_label`).
    document = models.CharField(_("Dokument"), max_length=20)
    format = models.CharField(_("Format"), max_length=10)
    file = models.FileField(_("Datei"), upload_to="issued/", max_length=300)
    mime_type = models.CharField(_("MIME-Typ"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    sha512 = models.CharField(_("SHA-512"), max_length=128, db_index=True)
    created_at = models.DateTimeField(_("ausgestellt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("ausgestellte Datei")
        verbose_name_plural = _("ausgestellte Dateien")
        ordering = ["version", "document", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "document", "format"], name="issued_file_once_per_format"
            ),
        ]

    def get_document_display(self) -> str:
        """The document's name, from whichever app registered it."""
        from concept.issuing import document_label

        return document_label(self.document)

    def __str__(self) -> str:
        return f"{self.version} – {self.get_document_display()} ({self.format.upper()})"
