"""The moderation queue of amendments: list, filter and change page. Deciding and working
in happen on the workflow pages (`AmendmentWorkflowMixin`)."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.admin.amendment_workflow import AmendmentWorkflowMixin
from concept.admin.forms import AmendmentAddForm
from concept.models import AMENDMENT_ADOPTING, AMENDMENT_DECIDED, Amendment
from concept.services import amendment_create
from minden_integration.core.admin_a11y import (
    AccessibleAutocompleteMixin,
    NonBlankValuesFieldListFilter,
)
from minden_integration.core.admin_helpers import ServiceErrorsMixin, copy_columns
from minden_integration.core.admin_history import AuditTrailAdmin


class ModerationFilter(admin.SimpleListFilter):
    title = _("Moderation")
    parameter_name = "moderation"

    def lookups(self, request, model_admin):
        return (
            ("offen", _("zu entscheiden")),
            ("entschieden", _("entschieden")),
            ("einzuarbeiten", _("angenommen, noch nicht eingearbeitet")),
        )

    def queryset(self, request, queryset):
        match self.value():
            case "offen":
                return queryset.undecided()
            case "entschieden":
                return queryset.filter(status__in=AMENDMENT_DECIDED)
            case "einzuarbeiten":
                return queryset.filter(status__in=AMENDMENT_ADOPTING, incorporated_in__isnull=True)
        return queryset


@admin.register(Amendment)
class AmendmentAdmin(
    AccessibleAutocompleteMixin, ServiceErrorsMixin, AmendmentWorkflowMixin, AuditTrailAdmin
):
    """The moderation queue: filter "Moderation: zu entscheiden", sorted by version, section
    and age; decisions through `amendment_decide` / `amendments_decide`."""

    # What the officer decides by first: at 1280 px, beside the navigation and the filters,
    # these columns are visible without scrolling the table.
    list_display = (
        "proposal",
        "status",
        "kind",
        "age",
        "version_number",
        "section",
        "working_group_name",
        "proposer",
        "submitted_as",
    )
    list_filter = (
        ModerationFilter,
        "status",
        "kind",
        ("version", admin.RelatedOnlyFieldListFilter),
        ("working_group_name", NonBlankValuesFieldListFilter),
        "submitted_as",
        "is_example",
    )
    search_fields = (
        "proposed_text",
        "passage",
        "rationale",
        "section__number",
        "section__title",
        "working_group_name",
        "organisation_name",
        "author_name",
        "decision_reasoning",
    )
    ordering = ("-version__number", "section__position", "submitted_at", "pk")
    date_hierarchy = "submitted_at"
    list_select_related = ("version", "section")
    autocomplete_fields = ("section", "author")
    actions = ["review_start", "decide_many"]
    change_fieldsets = (
        (None, {"fields": ("version", "section", "kind", "status", "author", "proposer_label")}),
        (_("Vorschlag"), {"fields": ("passage", "proposed_text", "rationale")}),
        (
            _("Angaben bei Einreichung"),
            {
                "fields": (
                    "number",
                    "submitted_as",
                    "organisation_name",
                    "working_group_name",
                    "author_name",
                    "submitted_at",
                )
            },
        ),
        (
            _("Entscheidung"),
            {
                "fields": (
                    "decided_at",
                    "decided_by",
                    "decision_reasoning",
                    "adopted_text",
                    "incorporated_in",
                )
            },
        ),
        (_("Verwaltung"), {"fields": ("is_example", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (None, {"fields": ("section", "author", "kind")}),
        (_("Vorschlag"), {"fields": ("passage", "proposed_text", "rationale")}),
        (_("Verwaltung"), {"fields": ("is_example",)}),
    )

    class Media:
        css = {"all": ("css/admin.css",)}

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else self.change_fieldsets

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = AmendmentAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        """The member's text is theirs; status changes only through the workflow pages."""
        if obj is None:
            return ()
        return [
            name
            for fieldset in self.change_fieldsets
            for name in fieldset[1]["fields"]
            if name != "is_example"
        ]

    @admin.display(description=_("Vorschlag"), ordering="number")
    def proposal(self, obj: Amendment) -> str:
        return str(obj)

    @admin.display(description=_("Version"), ordering="version__number")
    def version_number(self, obj: Amendment) -> int:
        return obj.version.number

    @admin.display(description=_("Vorgeschlagen von"))
    def proposer(self, obj: Amendment) -> str:
        return obj.proposer_label

    @admin.display(description=_("Öffentlich angezeigt als"))
    def proposer_label(self, obj: Amendment) -> str:
        return obj.proposer_label

    @admin.display(description=_("Eingereicht"), ordering="submitted_at")
    def age(self, obj: Amendment) -> str:
        if obj.submitted_at is None:
            return "–"
        days = (timezone.now() - obj.submitted_at).days
        if days < 1:
            return gettext("heute")
        return ngettext("vor %(days)s Tag", "vor %(days)s Tagen", days) % {"days": days}

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = amendment_create(
            section=obj.section,
            author=obj.author or request.user,
            kind=obj.kind,
            passage=obj.passage,
            proposed_text=obj.proposed_text,
            rationale=obj.rationale,
            is_example=obj.is_example,
        )
        copy_columns(obj, created)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            context["amendment_tools"] = self._workflow_tools(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)
