"""The versions of the concept: their list, change page and saving through the services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.admin.common import LOCKED_CONTEXT, locked_message
from concept.admin.forms import ConceptVersionForm
from concept.admin.sections import SectionInline, save_section_formset
from concept.admin.version_workflow import VersionWorkflowMixin, consultation_period
from concept.models import AmendmentStatus, ConceptVersion, Section
from concept.services import version_create, version_update
from minden_integration.core.admin_helpers import (
    FormRefusal,
    ServiceErrorsMixin,
    copy_columns,
)
from minden_integration.core.admin_history import AuditTrailAdmin


@admin.register(ConceptVersion)
class ConceptVersionAdmin(ServiceErrorsMixin, VersionWorkflowMixin, AuditTrailAdmin):
    """Versions move only through the buttons on their change page (`VersionWorkflowMixin`);
    text is editable only in draft, and frozen versions are shown read-only."""

    form = ConceptVersionForm
    list_display = (
        "__str__",
        "concept",
        "status",
        "status_since",
        "consultation_column",
        "frozen",
        "checksum_short",
        "section_count",
        "is_example",
    )
    list_filter = ("status", "concept", "is_example")
    search_fields = ("title", "=number", "council_paper_reference", "checksum")
    list_select_related = ("concept",)
    ordering = ("concept", "-number")
    inlines = [SectionInline]
    actions = ["create_next_version"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("snapshot")
            .annotate(_section_count=Count("sections"))
        )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return ((None, {"fields": ("concept", "title", "is_example")}),)
        main = ["concept", "number", "title", "is_example"]
        if obj.text_editable and self.has_change_permission(request, obj):
            main.append("seen_lock_version")
        return (
            (None, {"fields": main}),
            (
                _("Status und Beschluss"),
                {
                    "fields": (
                        "status",
                        "status_since",
                        "consultation_column",
                        "presented_on",
                        "council_paper_reference",
                        "paper_link",
                        "resolution_info",
                        "amendment_summary",
                    )
                },
            ),
            (
                _("Einfrieren und technische Angaben"),
                {
                    "fields": (
                        "status_changed_technical",
                        "frozen_at",
                        "checksum",
                        "snapshot_info",
                    ),
                    "description": _(
                        "Systemzeiten der Software; maßgeblich ist „Status seit“ (der Tag, den "
                        "die Unterlagen nennen, etwa die Sitzung des Gremiums)."
                    ),
                },
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        fields = [
            "concept",
            "number",
            "status",
            "status_since",
            "consultation_column",
            "presented_on",
            "council_paper_reference",
            "paper_link",
            "resolution_info",
            "amendment_summary",
            "status_changed_technical",
            "frozen_at",
            "checksum",
            "snapshot_info",
        ]
        if not obj.text_editable:
            fields += ["title", "is_example"]
        return fields

    def has_delete_permission(self, request, obj=None):
        """Only a draft may go: later versions carry amendments, decisions or a snapshot."""
        if obj is not None and not obj.text_editable:
            return False
        return super().has_delete_permission(request, obj)

    # --- columns and read-only fields ---

    @admin.display(description=_("eingefroren"), boolean=True, ordering="frozen_at")
    def frozen(self, obj: ConceptVersion) -> bool:
        return obj.is_frozen

    @admin.display(description=_("Prüfsumme"))
    def checksum_short(self, obj: ConceptVersion) -> str:
        return obj.checksum_prefix

    @admin.display(description=_("Abschnitte"), ordering="_section_count")
    def section_count(self, obj: ConceptVersion) -> int:
        return obj._section_count

    @admin.display(description=_("Beteiligung"), ordering="consultation_ends_at")
    def consultation_column(self, obj: ConceptVersion) -> str:
        return consultation_period(obj) or "–"

    @admin.display(description=_("Vorlage im Ratsinformationssystem"))
    def paper_link(self, obj: ConceptVersion) -> str:
        if not obj.paper_url:
            return "–"
        return format_html('<a href="{}">{}</a>', obj.paper_url, obj.paper_url)

    @admin.display(description=_("Beschlossene Fassung"))
    def resolution_info(self, obj: ConceptVersion) -> str:
        """Between a version the council decided with changes and its beschlossene Fassung."""
        if obj.resolution_of_id:
            source = obj.resolution_of
            return format_html(
                '{} <a href="{}">{}</a>',
                gettext("Diese Version ist die beschlossene Fassung von"),
                self._change_url(source),
                source,
            )
        resolution = ConceptVersion.objects.defer("snapshot").filter(resolution_of=obj).first()
        if resolution is None:
            return "–"
        return format_html('<a href="{}">{}</a>', self._change_url(resolution), resolution)

    @admin.display(description=_("Status gespeichert am (technisch)"))
    def status_changed_technical(self, obj: ConceptVersion):
        return obj.status_changed_at or "–"

    @admin.display(description=_("Momentaufnahme"))
    def snapshot_info(self, obj: ConceptVersion) -> str:
        if obj.snapshot is None:
            return gettext("Noch keine: Sie entsteht bei der Vorlage in den Gremien.")
        size = len(obj.snapshot.encode("utf-8"))
        url = reverse("admin:concept_conceptversion_snapshot", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a>',
            url,
            gettext("Kanonisches JSON herunterladen (%(size)s)") % {"size": filesizeformat(size)},
        )

    @admin.display(description=_("Änderungsvorschläge"))
    def amendment_summary(self, obj: ConceptVersion) -> str:
        total = obj.amendments.exclude(status=AmendmentStatus.DRAFT).count()
        url = reverse("admin:concept_amendment_changelist") + f"?version__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">{}</a>',
            url,
            ngettext(
                "%(count)s eingereichter Vorschlag", "%(count)s eingereichte Vorschläge", total
            )
            % {"count": total},
        )

    # --- saving: through the services ---

    def save_model(self, request, obj, form, change):
        if not change:
            created = version_create(
                concept=obj.concept, title=obj.title, is_example=obj.is_example
            )
            copy_columns(obj, created)
            return
        try:
            saved = version_update(
                version=obj,
                title=obj.title,
                is_example=obj.is_example,
                seen_lock_version=form.cleaned_data.get("seen_lock_version"),
            )
        except ValidationError as exc:
            raise FormRefusal(exc) from exc
        copy_columns(obj, saved)

    def save_formset(self, request, form, formset, change):
        if formset.model is Section:
            save_section_formset(formset, version=form.instance)
        else:
            super().save_formset(request, form, formset, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            version = self.get_object(request, unquote(object_id))
            if (
                version is not None
                and not version.text_editable
                and self.has_change_permission(request, version)
            ):
                messages.error(request, locked_message(version))
                return HttpResponseRedirect(request.get_full_path())
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            context.update(self._workflow_context(request, obj))
            if not obj.text_editable:
                context.update(LOCKED_CONTEXT, locked_notice=locked_message(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)
