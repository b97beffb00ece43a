"""The Beratungen of every version, to look up: they are planned when a version is presented
and recorded on the version's page (`consultation_workflow`), never edited here."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import Consultation
from minden_integration.core.admin_helpers import RegisterAdminMixin
from minden_integration.core.admin_history import AuditTrailAdmin


@admin.register(Consultation)
class ConsultationAdmin(RegisterAdminMixin, AuditTrailAdmin):
    list_display = (
        "version",
        "step",
        "body",
        "role",
        "planned_on",
        "held_column",
        "result",
        "is_example",
    )
    list_display_links = ("version", "body")
    list_filter = ("result", "role", "body", "is_example")
    search_fields = ("body__name", "agenda_item", "decision_text", "version__title")
    list_select_related = ("version", "body")
    ordering = ("version__concept", "-version__number", "step", "pk")
    fields = (
        "version_link",
        "step",
        "body",
        "role",
        "planned_on",
        "agenda_item",
        "agenda_item_url",
        "held_on",
        "held_text",
        "result",
        "decision_text",
        "follows",
        "is_example",
    )
    readonly_fields = fields

    @admin.display(description=_("beraten am"), ordering="held_on")
    def held_column(self, obj: Consultation) -> str:
        return obj.held_label or "–"

    @admin.display(description=_("Version"))
    def version_link(self, obj: Consultation) -> str:
        url = reverse("admin:concept_conceptversion_change", args=[obj.version_id])
        return format_html(
            '<a href="{}">{}</a> ({})',
            url,
            obj.version,
            gettext("Ergebnisse werden auf der Seite der Version festgehalten"),
        )
