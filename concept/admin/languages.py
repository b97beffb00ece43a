"""The languages the city has the concept translated into, and the translations."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from concept.models import ContentLanguage, SectionTranslation


@admin.register(ContentLanguage)
class ContentLanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "own_name_column", "direction_column", "position", "concept")
    list_filter = ("concept",)
    search_fields = ("code",)
    ordering = ("concept", "position", "code")
    fields = ("concept", "code", "position")

    @admin.display(description=_("Eigener Name"))
    def own_name_column(self, obj: ContentLanguage) -> str:
        return obj.own_name

    @admin.display(description=_("Schreibrichtung"))
    def direction_column(self, obj: ContentLanguage) -> str:
        return _("von rechts nach links") if obj.bidi else _("von links nach rechts")


@admin.register(SectionTranslation)
class SectionTranslationAdmin(admin.ModelAdmin):
    """Translators work on their own pages (/konto/uebersetzungen/); here the officer sees and
    corrects what they entered."""

    list_display = ("section", "language", "outdated_column", "translated_by", "updated_at")
    list_filter = ("language", "is_example", "section__version")
    search_fields = ("title", "body", "section__title")
    list_select_related = ("section", "translated_by")
    raw_id_fields = ("section", "translated_by")
    readonly_fields = ("source_digest", "source_text")
    fieldsets = (
        (None, {"fields": ("section", "language", "title", "body", "easy_language_summary")}),
        (_("Deutsche Vorlage"), {"fields": ("source_digest", "source_text")}),
        (_("Verwaltung"), {"fields": ("translated_by", "is_example")}),
    )

    @admin.display(description=_("veraltet"), boolean=True)
    def outdated_column(self, obj: SectionTranslation) -> bool:
        return obj.is_outdated
