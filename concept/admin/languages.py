"""The languages the city has the concept translated into."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from concept.models import ContentLanguage


@admin.register(ContentLanguage)
class ContentLanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "own_name_column", "direction_column", "position", "concept")
    list_editable = ("position",)
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
