"""Files of the live documents, rendered by the task worker and kept per content generation
(`concept.live_files`): a cache on disk, not a record. Its writes renew no generation (storing
a rendering must not make every page and file stale)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from concept.models.versions import ConceptVersion


class RenderedFile(models.Model):
    """One rendering of a version's live document in one format and language, valid for one
    content generation. Created as a claim (no file yet) by the first request that misses it:
    the unique key makes sure one render is enqueued however many requests miss at once."""

    version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Version"),
        on_delete=models.CASCADE,
        related_name="rendered_files",
    )
    # A document key registered with `concept.live_files` (or `concept.issuing`).
    document = models.CharField(_("Dokument"), max_length=20)
    format = models.CharField(_("Format"), max_length=10)
    language = models.CharField(_("Sprache"), max_length=10)
    # What else names the file (a filtered list's query), as a hash; empty for none.
    variant = models.CharField(_("Variante"), max_length=64, blank=True, default="")
    params = models.JSONField(_("Parameter"), default=dict, blank=True)
    generation = models.BigIntegerField(_("Generation"))
    claimed_at = models.DateTimeField(_("angefordert am"))
    file = models.FileField(_("Datei"), upload_to="rendered/", max_length=300, blank=True)
    mime_type = models.CharField(_("MIME-Typ"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("erstellt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("erstellte Datei")
        verbose_name_plural = _("erstellte Dateien")
        ordering = ["version", "document", "format", "-generation"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "document", "format", "language", "variant", "generation"],
                name="rendered_file_once_per_generation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} – {self.document} ({self.format.upper()}, {self.generation})"

    @property
    def ready(self) -> bool:
        return self.rendered_at is not None
