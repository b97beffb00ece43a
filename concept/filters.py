"""The filters of a version's public amendment record, all in the query string."""

from __future__ import annotations

import django_filters
from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from concept.models import Amendment, AmendmentKind, AmendmentStatus, ConceptVersion, Section
from concept.selectors import amendment_record, public_amendments
from minden_integration.core.facets import FacetVocabulary, SlugChoiceFilter

# A draft is never part of the public record, so it is no filter option either.
PUBLIC_STATUSES = [(value, label) for value, label in AmendmentStatus.choices if value != "draft"]
INVALID_CHOICE = _("Diese Angabe ist keine der angebotenen Möglichkeiten.")

# The coded facets' values in the address: German slugs for the stored codes.
VOCABULARIES = {
    "status": FacetVocabulary(
        PUBLIC_STATUSES,
        {
            AmendmentStatus.SUBMITTED: "eingereicht",
            AmendmentStatus.IN_REVIEW: "in-pruefung",
            AmendmentStatus.ACCEPTED: "angenommen",
            AmendmentStatus.PARTIALLY_ACCEPTED: "teilweise-angenommen",
            AmendmentStatus.REJECTED: "abgelehnt",
            AmendmentStatus.WITHDRAWN: "zurueckgezogen",
        },
    ),
    "art": FacetVocabulary(
        AmendmentKind.choices,
        {
            AmendmentKind.ADDITION: "ergaenzung",
            AmendmentKind.CORRECTION: "korrektur",
            AmendmentKind.DELETION: "streichung",
        },
    ),
}


class AmendmentFilterForm(forms.Form):
    """Validates the query string; rendered by crispy-forms as one GET form."""

    def with_helper(self, action: str) -> AmendmentFilterForm:
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = action
        self.helper.disable_csrf = True
        self.helper.form_id = "vorschlaege-filter"
        self.helper.layout = Layout(
            # A group's name and a section's title can be long: two fields to a row.
            Row(Column("status", css_class="col-md-6"), Column("art", css_class="col-md-6")),
            Row(Column("gruppe", css_class="col-md-6"), Column("abschnitt", css_class="col-md-6")),
            StrictButton(_("Anwenden"), type="submit", css_class="btn-primary me-2"),
            HTML(
                format_html(
                    '<a class="btn btn-outline-secondary" href="{}">{}</a>',
                    action,
                    _("Alle Filter zurücksetzen"),
                )
            ),
        )
        return self


def _choice(label, *, kind=django_filters.ChoiceFilter, **kwargs) -> django_filters.ChoiceFilter:
    return kind(
        label=label,
        empty_label=_("alle"),
        error_messages={"invalid_choice": INVALID_CHOICE},
        **kwargs,
    )


class AmendmentFilter(django_filters.FilterSet):
    """Status, kind (`art`), working group as copied at submission (`gruppe`) and section by
    its stable key (`abschnitt`). Options come from the version itself: its sections and the
    groups that have proposed something to it."""

    status = _choice(
        _("Status"), kind=SlugChoiceFilter, field_name="status", vocabulary=VOCABULARIES["status"]
    )
    art = _choice(
        _("Art"), kind=SlugChoiceFilter, field_name="kind", vocabulary=VOCABULARIES["art"]
    )
    gruppe = _choice(_("Arbeitsgruppe"), field_name="working_group_name")
    abschnitt = _choice(_("Abschnitt"), field_name="section__key")

    class Meta:
        model = Amendment
        fields: list[str] = []
        form = AmendmentFilterForm

    def __init__(self, data: QueryDict | None = None, *, version: ConceptVersion, request=None):
        super().__init__(data, amendment_record(version), request=request)
        self.version = version
        self.filters["gruppe"].extra["choices"] = [
            (name, name)
            for name in public_amendments(version)
            .exclude(working_group_name="")
            .order_by("working_group_name")
            .values_list("working_group_name", flat=True)
            .distinct()
        ]
        self.filters["abschnitt"].extra["choices"] = [
            (key, f"{number} {title}")
            for key, number, title in Section.objects.filter(version=version)
            .order_by("position")
            .values_list("key", "number", "title")
        ]
        self.form.with_helper(reverse("concept:amendment-list", kwargs={"number": version.number}))

    @property
    def invalid(self) -> bool:
        return self.is_bound and bool(self.form.errors)
