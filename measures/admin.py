"""The officer's admin for goals, measures, imap's recommendations and progress.

A measure's status is read-only here: it follows the published progress updates, which are
recorded only through `measures.progress`, from the inline or their own page
(`measures.admin_progress`, which also holds indicators and contacts).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.admin.sections import SectionAdmin
from concept.models import Section, VersionStatus
from measures import admin_translations  # noqa: F401 (imported to register)
from measures.admin_import import MeasureImportAdminMixin
from measures.admin_progress import (
    IndicatorInline,
    MeasureContactInline,
    ProgressUpdateInline,
    StaleFilter,
)
from measures.models import Goal, Measure, ProgressUpdate, Recommendation, TargetGroup
from measures.search_index import measures_search_refresh
from measures.services import measure_cite, measure_uncite, progress_record
from minden_integration.core.admin_a11y import AccessibleAutocompleteMixin, LabelledTabularInline
from minden_integration.core.admin_helpers import ServiceErrorsMixin
from minden_integration.core.admin_history import AuditTrailAdmin

# A measure cites sections of the draft: its citation autocomplete offers only those.
SectionAdmin.section_choice_register(
    (Measure._meta.app_label, Measure._meta.model_name, "cited_sections"), VersionStatus.DRAFT
)


@admin.register(TargetGroup)
class TargetGroupAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "measure_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_measure_count=Count("measures"))

    @admin.display(description=_("Maßnahmen"), ordering="_measure_count")
    def measure_count(self, obj: TargetGroup) -> int:
        return obj._measure_count


@admin.register(Goal)
class GoalAdmin(AccessibleAutocompleteMixin, ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("code", "title", "working_group", "concept", "measure_count", "is_example")
    list_filter = ("concept", "working_group", "is_example")
    search_fields = ("code", "title", "description")
    list_select_related = ("concept", "working_group")
    autocomplete_fields = ("working_group",)
    ordering = ("concept", "code")
    fields = ("concept", "code", "title", "working_group", "description", "is_example")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_measure_count=Count("measures"))

    @admin.display(description=_("Maßnahmen"), ordering="_measure_count")
    def measure_count(self, obj: Goal) -> int:
        return obj._measure_count


class RecommendationInline(LabelledTabularInline):
    model = Recommendation.measures.through
    autocomplete_fields = ("recommendation",)
    extra = 0
    verbose_name = _("Handlungsempfehlung")
    verbose_name_plural = _("Handlungsempfehlungen")


class SectionChoiceField(forms.ModelMultipleChoiceField):
    """Sections of different versions share numbers and titles; the label tells them apart."""

    def label_from_instance(self, obj: Section) -> str:
        return gettext("%(section)s (Version %(number)s)") % {
            "section": obj,
            "number": obj.version.number,
        }


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = (
            "concept",
            "number",
            "title",
            "description",
            "working_group",
            "goal",
            "origin_session",
            "lead_organisation",
            "partners",
            "target_groups",
            "timeframe",
            "priority",
            "cited_sections",
            "is_example",
        )
        field_classes = {"cited_sections": SectionChoiceField}

    def clean(self):
        cleaned = super().clean()
        sections = cleaned.get("cited_sections")
        if sections is None:
            return cleaned
        before = set(self.instance.cited_sections.all()) if self.instance.pk else set()
        touched = before.symmetric_difference(sections)
        frozen = sorted({s.version.number for s in touched if s.version.is_frozen})
        if frozen:
            self.add_error(
                "cited_sections",
                ngettext(
                    "Version %(numbers)s ist eingefroren; ihre Zitate sind unveränderlich.",
                    "Die Versionen %(numbers)s sind eingefroren; ihre Zitate sind unveränderlich.",
                    len(frozen),
                )
                % {"numbers": ", ".join(str(n) for n in frozen)},
            )
        concept = cleaned.get("concept")
        if concept and any(s.version.concept_id != concept.pk for s in touched):
            self.add_error(
                "cited_sections", gettext("Der Abschnitt gehört zu einem anderen Konzept.")
            )
        return cleaned


@admin.register(Measure)
class MeasureAdmin(
    AccessibleAutocompleteMixin, MeasureImportAdminMixin, ServiceErrorsMixin, AuditTrailAdmin
):
    form = MeasureForm
    # The stored search data follows the texts: nothing a reader of the trail needs.
    trail_ignores = AuditTrailAdmin.trail_ignores | {"search_vector", "search_text"}
    list_display = (
        "number",
        "title",
        "working_group",
        "goal",
        "status",
        "timeframe",
        "priority",
        "lead_organisation",
        "is_example",
    )
    list_display_links = ("number", "title")
    list_filter = (
        "status",
        "working_group",
        "timeframe",
        "priority",
        ("goal", admin.RelatedOnlyFieldListFilter),
        "target_groups",
        "is_example",
        "concept",
        StaleFilter,
    )
    search_fields = ("=number", "title", "description", "lead_organisation__name", "goal__code")
    list_select_related = ("working_group", "goal", "lead_organisation")
    ordering = ("concept", "number")
    autocomplete_fields = (
        "working_group",
        "goal",
        "origin_session",
        "lead_organisation",
        "partners",
        "target_groups",
        "cited_sections",
    )
    readonly_fields = ("status",)
    inlines = [ProgressUpdateInline, IndicatorInline, MeasureContactInline, RecommendationInline]
    fieldsets = (
        (None, {"fields": ("concept", "number", "title", "description")}),
        (
            _("Herkunft und Zuständigkeit"),
            {
                "fields": (
                    "working_group",
                    "goal",
                    "origin_session",
                    "lead_organisation",
                    "partners",
                    "target_groups",
                )
            },
        ),
        (_("Planung und Stand"), {"fields": ("timeframe", "priority", "status")}),
        (_("Im Konzept"), {"fields": ("cited_sections", "is_example")}),
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "cited_sections":
            kwargs["queryset"] = Section.objects.select_related("version")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Citations are added through `measure_cite`; the form's check keeps frozen versions'
        citations as they are. The search data is refreshed after the inlines."""
        sections = form.cleaned_data.pop("cited_sections", None)
        super().save_related(request, form, formsets, change)
        # The recommendation inline saves through rows, which send no signals.
        measures_search_refresh(measures=[form.instance])
        if sections is None:
            return
        measure = form.instance
        wanted = set(sections)
        current = set(measure.cited_sections.select_related("version"))
        if added := sorted(wanted - current, key=lambda s: s.pk):
            measure_cite(measure=measure, sections=added)
        if removed := sorted(current - wanted, key=lambda s: s.pk):
            measure_uncite(measure=measure, sections=removed)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressUpdate:
            super().save_formset(request, form, formset, change)
            return
        updates = formset.save(commit=False)
        formset.new_objects = [
            progress_record(
                measure=form.instance,
                status=update.status,
                note=update.note,
                date=update.date,
                by=request.user,
                is_example=update.is_example,
            )
            for update in updates
            if update.pk is None
        ]


@admin.register(Recommendation)
class RecommendationAdmin(AccessibleAutocompleteMixin, ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("code", "title", "concept", "measure_numbers", "is_example")
    list_filter = ("concept", "is_example")
    search_fields = ("code", "title", "text")
    list_select_related = ("concept",)
    autocomplete_fields = ("measures",)
    ordering = ("concept", "code")
    fields = ("concept", "code", "title", "text", "measures", "is_example")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("measures")

    @admin.display(description=_("Maßnahmen"))
    def measure_numbers(self, obj: Recommendation) -> str:
        return ", ".join(str(m.number) for m in sorted(obj.measures.all(), key=lambda m: m.number))
