"""The search data of the sections: derived, outside the freeze guard.

A frozen version's sections can never change, so their words for the search are kept in a
table of their own, one row per section, written by `concept.search_index` (when a section is
written, and on the search's read for rows missing or older than their section).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from concept.models.sections import Section


class SectionSearchEntry(models.Model):
    """A section's words as the search reads them: plain text, no Markdown. On PostgreSQL the
    weighted tsvector (title A, text B, Leichte Sprache C, GIN-indexed); on SQLite triggers copy
    the texts into the FTS5 table `concept_sectionsearchentry_fts`."""

    section = models.OneToOneField(
        Section,
        verbose_name=_("Abschnitt"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    # The section's `updated_at` the row was written from: an older one is written again.
    source_updated_at = models.DateTimeField(_("Stand des Abschnitts"))
    title = models.TextField(_("Überschrift"), blank=True)
    body = models.TextField(_("Text"), blank=True)
    easy_language_summary = models.TextField(_("Leichte Sprache"), blank=True)
    search_vector = SearchVectorField(_("Suchindex"), null=True)

    # Derived from the sections and written anew at will: no admin of its own, and its writes
    # renew no cached page (the section's own write did).
    derived_data = True

    class Meta:
        default_permissions = ()  # derived: nobody's to edit, no role holds a permission on it
        verbose_name = _("Suchdaten eines Abschnitts")
        verbose_name_plural = _("Suchdaten der Abschnitte")

    def __str__(self) -> str:
        return str(self.section_id)
