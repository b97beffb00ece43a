"""The concept as a whole and the bodies (Gremien) that deal with it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import Body, Concept
from concept.services import version_create
from minden_integration.core.admin_helpers import ServiceErrorsMixin


class BodyInline(admin.TabularInline):
    model = Body
    fields = ("name", "kind", "position")
    extra = 0
    ordering = ("position", "name")
    show_change_link = True


@admin.register(Concept)
class ConceptAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("title", "municipality", "slug", "version_count", "updated_at")
    search_fields = ("title", "municipality", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    ordering = ("title",)
    inlines = [BodyInline]
    actions = ["create_version"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "municipality", "officer_title")}),
        (_("Beschreibung"), {"fields": ("summary", "moderated_by", "funded_by")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_version_count=Count("versions"))

    @admin.display(description=_("Versionen"), ordering="_version_count")
    def version_count(self, obj: Concept) -> int:
        return obj._version_count

    @admin.action(description=_("Neue Version (leerer Entwurf) anlegen"), permissions=["change"])
    def create_version(self, request, queryset):
        for concept in queryset:
            try:
                version = version_create(concept=concept)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    gettext("%(concept)s: Version %(number)s als Entwurf angelegt.")
                    % {"concept": concept, "number": version.number},
                )


@admin.register(Body)
class BodyAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "concept", "position")
    list_filter = ("kind", "concept")
    search_fields = ("name", "description")
    list_select_related = ("concept",)
    ordering = ("concept", "position", "name")
    fields = ("concept", "name", "kind", "position", "description")
