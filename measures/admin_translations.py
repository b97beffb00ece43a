"""The measures' translations: entered by translators, seen and corrected by the officer."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from measures.models import MeasureTranslation


@admin.register(MeasureTranslation)
class MeasureTranslationAdmin(admin.ModelAdmin):
    list_display = ("measure", "language", "outdated_column", "translated_by", "updated_at")
    list_filter = ("language", "is_example")
    search_fields = ("title", "description", "measure__title")
    list_select_related = ("measure", "translated_by")
    raw_id_fields = ("measure", "translated_by")
    readonly_fields = ("source_digest", "source_text")
    fieldsets = (
        (None, {"fields": ("measure", "language", "title", "description")}),
        (_("Deutsche Vorlage"), {"fields": ("source_digest", "source_text")}),
        (_("Verwaltung"), {"fields": ("translated_by", "is_example")}),
    )

    @admin.display(description=_("veraltet"), boolean=True)
    def outdated_column(self, obj: MeasureTranslation) -> bool:
        return obj.is_outdated
