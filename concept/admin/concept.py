"""The concept as a whole and the bodies (Gremien) that deal with it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import Body, Concept
from concept.municipality import municipality_source
from concept.services import version_create
from minden_integration.core.admin_a11y import LabelledTabularInline
from minden_integration.core.admin_helpers import ServiceErrorsMixin


class BodyInline(LabelledTabularInline):
    model = Body
    fields = ("name", "kind", "position", "default_step", "default_role")
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

    def get_form(self, request, obj=None, **kwargs):
        """Where an app keeps the municipality's name (`concept.municipality`), it is shown
        here read-only; a new concept starts with it."""
        form = super().get_form(request, obj, **kwargs)
        source = municipality_source()
        if source is not None and "municipality" in form.base_fields:
            field = form.base_fields["municipality"]
            field.disabled = True
            field.required = False
            field.help_text = source.help_text
            if obj is None:
                field.initial = source.current()
        return form

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
    """A body's kind decides which roles it may take (`ROLE_BODY_KINDS`); its usual step and
    role make up the Beratungsfolge offered when a version is presented (`Body.clean` checks
    that they fit)."""

    list_display = (
        "name",
        "kind",
        "concept",
        "position",
        "default_step",
        "default_role",
        "is_example",
    )
    list_filter = ("kind", "concept", "is_example")
    search_fields = ("name", "description")
    list_select_related = ("concept",)
    ordering = ("concept", "position", "name")
    fieldsets = (
        (None, {"fields": ("concept", "name", "kind", "position", "description")}),
        (
            _("Übliche Beratungsfolge"),
            {
                "fields": ("default_step", "default_role"),
                "description": _(
                    "Wird beim Vorlegen einer Version als Planung vorgeschlagen. Der Rat "
                    "entscheidet, der Integrationsrat und die Ausschüsse beraten vor; "
                    "Kenntnis nehmen können alle."
                ),
            },
        ),
        (_("Verwaltung"), {"fields": ("is_example",)}),
    )
