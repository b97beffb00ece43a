"""A version's sections: inline on the version and on their own pages; every change goes
through the section services, and only while the version's text is editable."""

from __future__ import annotations

from typing import ClassVar

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.admin.common import LOCKED_CONTEXT, locked_message
from concept.admin.forms import SECTION_TEXT_FIELDS, SectionAddForm
from concept.models import ConceptVersion, Section, VersionStatus
from concept.moderation import accepted_for_draft
from concept.services import section_create, section_delete, section_update
from minden_integration.core.admin_helpers import ServiceErrorsMixin, copy_columns
from minden_integration.core.admin_history import AuditTrailAdmin


def section_text(section: Section, names=SECTION_TEXT_FIELDS) -> dict:
    return {name: getattr(section, name) for name in names if name in SECTION_TEXT_FIELDS}


def save_section_formset(formset, *, version: ConceptVersion) -> None:
    """Deletions, edits and additions of a draft's sections, each through its service;
    new sections are appended in the order entered."""
    formset.save(commit=False)
    for section in formset.deleted_objects:
        section_delete(section=Section.objects.get(pk=section.pk))
    for section, changed in formset.changed_objects:
        if changes := section_text(section, changed):
            section_update(section=section, **changes)
    formset.new_objects = [
        section_create(version=version, **section_text(section)) for section in formset.new_objects
    ]


class SectionInline(admin.StackedInline):
    model = Section
    fields = (("number", "level", "position"), "title", "body", "easy_language_summary", "key")
    readonly_fields = ("position", "key", "accepted_amendments")
    ordering = ("position",)
    extra = 0
    show_change_link = True

    def get_fields(self, request, obj=None):
        """A draft shows, beside each section, the accepted amendments to work into it."""
        if obj is not None and obj.text_editable:
            self._accepted = accepted_for_draft(obj)
            if self._accepted:
                return (*self.fields, "accepted_amendments")
        return self.fields

    @admin.display(description=_("Angenommene Vorschläge"))
    def accepted_amendments(self, section: Section) -> str:
        amendments = getattr(self, "_accepted", {}).get(section.key, [])
        if not amendments:
            return "–"
        items = format_html_join(
            "",
            "<li>{} ({}): {} – {}</li>",
            (
                (
                    amendment,
                    amendment.get_status_display(),
                    Truncator(amendment.adopted_text or amendment.proposed_text).words(30),
                    self._amendment_links(amendment),
                )
                for amendment in amendments
            ),
        )
        return format_html('<ul class="accepted-amendments">{}</ul>', items)

    @staticmethod
    def _amendment_links(amendment) -> str:
        """To be worked in: "übernehmen" (with one click) or "von Hand einarbeiten"."""
        if amendment.incorporated_in_id is not None:
            return format_html(
                '<a href="{}">{}</a>',
                reverse("admin:concept_amendment_change", args=[amendment.pk]),
                gettext("eingearbeitet"),
            )
        return format_html(
            '<a href="{}">{}</a> | <a href="{}">{}</a>',
            reverse("admin:concept_amendment_adopt", args=[amendment.pk]),
            gettext("übernehmen"),
            reverse("admin:concept_amendment_work_in", args=[amendment.pk]),
            gettext("von Hand einarbeiten"),
        )

    def _editable(self, request, obj) -> bool:
        return obj is None or obj.text_editable

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Section)
class SectionAdmin(ServiceErrorsMixin, AuditTrailAdmin):
    list_display = ("number", "title", "version", "level", "position")
    list_filter = (("version", admin.RelatedOnlyFieldListFilter), "level")
    search_fields = ("number", "title", "body", "key")
    list_select_related = ("version",)
    ordering = ("version__concept", "-version__number", "position")

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            head = ("version", "after", ("number", "level"), "title")
        else:
            head = ("version", ("number", "level", "position"), "title", "key")
        return (
            (None, {"fields": head}),
            (_("Text"), {"fields": ("body", "easy_language_summary")}),
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = SectionAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if not obj.version.text_editable:
            return (
                "version",
                "number",
                "position",
                "level",
                "title",
                "key",
                "body",
                "easy_language_summary",
            )
        return ("version", "position", "key")

    def save_model(self, request, obj, form, change):
        if change:
            saved = section_update(section=obj, **section_text(obj, form.changed_data))
        else:
            saved = section_create(
                version=obj.version, after=form.cleaned_data.get("after"), **section_text(obj)
            )
        copy_columns(obj, saved)

    def delete_model(self, request, obj):
        section_delete(section=obj)

    def delete_queryset(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            section_delete(section=Section.objects.get(pk=pk))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = ConceptVersion.objects.filter(status=VersionStatus.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Which sections a relation's autocomplete offers, by (app label, model, field) of the
    # relation: an amendment targets a section in consultation; higher apps register their
    # own relations (`section_choice_register`), so none of their names appear here.
    choice_statuses: ClassVar[dict[tuple[str, str, str], str]] = {
        ("concept", "amendment", "section"): VersionStatus.CONSULTATION,
    }

    @classmethod
    def section_choice_register(cls, relation: tuple[str, str, str], status: str) -> None:
        cls.choice_statuses[relation] = status

    def get_search_results(self, request, queryset, search_term):
        """Autocomplete offers only sections that can take the relation asked for."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        relation = tuple(request.GET.get(key) for key in ("app_label", "model_name", "field_name"))
        status = self.choice_statuses.get(relation)
        if status is not None:
            queryset = queryset.filter(version__status=status)
        return queryset, may_have_duplicates

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.version.text_editable:
            return False
        return super().has_delete_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            section = self.get_object(request, unquote(object_id))
            if (
                section is not None
                and not section.version.text_editable
                and self.has_change_permission(request, section)
            ):
                messages.error(request, locked_message(section.version))
                return HttpResponseRedirect(request.get_full_path())
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and not obj.version.text_editable:
            context.update(LOCKED_CONTEXT)
        return super().render_change_form(request, context, add, change, form_url, obj)
