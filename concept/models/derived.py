"""Work done once and kept: each section's rendered HTML and the comparison of two frozen
versions. Derived rows, not content: they sit outside the freeze guard (a frozen version's
sections never change, their rendering may when the renderer does) and their writes renew no
content generation (a reader filling them in must not empty every cache)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from concept.models.sections import Section
from concept.models.versions import ConceptVersion


class RenderedSection(models.Model):
    """A section's body and Leichte-Sprache summary as HTML, with the renderer's number and a
    digest of the text it was rendered from: a row of another renderer or text is stale."""

    section = models.OneToOneField(
        Section,
        verbose_name=_("Abschnitt"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rendered",
    )
    renderer = models.PositiveSmallIntegerField(_("Version des Renderers"))
    source = models.CharField(_("Prüfsumme des Quelltexts"), max_length=64)
    body_html = models.TextField(_("Text (HTML)"), blank=True)
    summary_html = models.TextField(_("Leichte Sprache (HTML)"), blank=True)

    derived_data = True  # is_derived(): no admin, no generation bump

    class Meta:
        default_permissions = ()  # nobody's to edit: no role holds a permission on it
        verbose_name = _("Gerenderter Abschnitt")
        verbose_name_plural = _("Gerenderte Abschnitte")

    def __str__(self) -> str:
        return str(self.section_id)


class StoredComparison(models.Model):
    """The comparison of two frozen versions in one compare format and language, as JSON."""

    old = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Ältere Fassung"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    new = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Neuere Fassung"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    compare_format = models.PositiveSmallIntegerField(_("Vergleichsformat"))
    language = models.CharField(_("Sprache"), max_length=10)
    data = models.TextField(_("Vergleich (JSON)"))

    derived_data = True  # is_derived(): no admin, no generation bump

    class Meta:
        default_permissions = ()
        verbose_name = _("Gespeicherter Vergleich")
        verbose_name_plural = _("Gespeicherte Vergleiche")
        constraints = [
            models.UniqueConstraint(
                fields=["old", "new", "compare_format", "language"],
                name="stored_comparison_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_id}→{self.new_id}"


class LiveDocument(models.Model):
    """An unfrozen version's document as built for one content generation: read by every
    process until the next write renews the generation, then built once again."""

    version = models.OneToOneField(
        ConceptVersion,
        verbose_name=_("Version"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="live_document",
    )
    generation = models.CharField(_("Generation"), max_length=40)
    document = models.TextField(_("Dokument (JSON)"))

    derived_data = True  # is_derived(): no admin, no generation bump

    class Meta:
        default_permissions = ()
        verbose_name = _("Aktuelles Dokument einer Version")
        verbose_name_plural = _("Aktuelle Dokumente der Versionen")

    def __str__(self) -> str:
        return f"{self.version_id}@{self.generation}"


def is_derived(model) -> bool:
    """Derived rows (`derived_data = True`) have no admin: nobody edits them; their own commands
    (`render_sections`, `rebuild_search_index`) renew them."""
    return getattr(model, "derived_data", False)


class StoredDiff(models.Model):
    """The rendered difference of two Markdown texts, named by a digest of both texts, the
    compare format, the renderer and the language: a pure function of them, so a row is right
    for every version pair that shows these two texts, live or frozen, in every process."""

    digest = models.CharField(_("Prüfsumme"), max_length=64, primary_key=True)
    html = models.TextField(_("Unterschied (HTML)"))
    changed = models.BooleanField(_("geändert"))

    derived_data = True  # is_derived(): no admin, no generation bump

    class Meta:
        default_permissions = ()
        verbose_name = _("Gespeicherter Textunterschied")
        verbose_name_plural = _("Gespeicherte Textunterschiede")

    def __str__(self) -> str:
        return self.digest
