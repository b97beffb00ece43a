"""The dated steps of the process: conferences, meetings, decisions."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from concept.models import Milestone
from minden_integration.core.admin_helpers import ServiceErrorsMixin
from minden_integration.core.admin_history import AuditTrailAdmin


@admin.register(Milestone)
class MilestoneAdmin(ServiceErrorsMixin, AuditTrailAdmin):
    list_display = (
        "title",
        "date_column",
        "kind",
        "body",
        "outcome",
        "version",
        "council_paper_reference",
    )
    list_filter = ("kind", "outcome", "body", "concept", "is_example")
    search_fields = ("title", "description", "place", "council_paper_reference", "date_text")
    date_hierarchy = "date"
    list_select_related = ("body", "version")
    ordering = ("concept", "position", "date")
    fieldsets = (
        (None, {"fields": ("concept", "title", "kind", "body", "version")}),
        (_("Wann und wo"), {"fields": ("date", "date_text", "place", "position")}),
        (_("Ergebnis"), {"fields": ("outcome", "council_paper_reference", "description")}),
        (_("Verwaltung"), {"fields": ("is_example",)}),
    )

    @admin.display(description=_("Datum"), ordering="date")
    def date_column(self, obj: Milestone) -> str:
        return obj.date_label
