"""The implementation overview's filters: the catalogue's facets, with its addresses."""

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

from concept.models import Concept
from measures.filters import VOCABULARIES, facet_choices
from measures.models import Measure
from minden_integration.core.facets import SlugChoiceFilter

# The catalogue's facet parameters this page offers (the status is what it counts).
FACETS = ("gruppe", "ziel", "zielgruppe", "zeitraum", "prioritaet")


class MonitoringFilterForm(forms.Form):
    """One GET form without a CSRF token: the page stays cacheable for every reader."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = reverse("monitoring:overview")
        self.helper.disable_csrf = True
        self.helper.form_id = "umsetzung-filter"
        self.helper.layout = Layout(
            Row(Column("gruppe", css_class="col-md-6"), Column("ziel", css_class="col-md-6")),
            Row(
                Column("zielgruppe", css_class="col-md-4"),
                Column("zeitraum", css_class="col-md-4"),
                Column("prioritaet", css_class="col-md-4"),
            ),
            StrictButton(_("Anwenden"), type="submit", css_class="btn-primary me-2"),
            HTML(
                format_html(
                    '<a class="btn btn-outline-secondary" href="{}">{}</a>',
                    self.helper.form_action,
                    _("Alle Filter zurücksetzen"),
                )
            ),
        )


def _choice(label, **kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(label=label, empty_label=_("alle"), **kwargs)


def _slug_choice(label, name: str, **kwargs) -> SlugChoiceFilter:
    return SlugChoiceFilter(
        label=label, empty_label=_("alle"), vocabulary=VOCABULARIES[name], **kwargs
    )


class MonitoringFilter(django_filters.FilterSet):
    """The current concept's measures by working group, goal, target group, time frame and
    priority; unknown values are ignored and explained at their field."""

    gruppe = _choice(_("Arbeitsgruppe"), field_name="working_group__slug")
    ziel = _choice(_("Ziel"), field_name="goal__code")
    zielgruppe = _choice(_("Zielgruppe"), field_name="target_groups__slug")
    zeitraum = _slug_choice(_("Zeitraum"), "zeitraum", field_name="timeframe")
    prioritaet = _slug_choice(_("Priorität"), "prioritaet", field_name="priority")

    class Meta:
        model = Measure
        fields: list[str] = []
        form = MonitoringFilterForm

    def __init__(self, data: QueryDict | None = None, *, concept: Concept | None):
        queryset = (
            Measure.objects.for_concept(concept) if concept is not None else Measure.objects.none()
        )
        super().__init__(data if data is not None else QueryDict(), queryset)
        for name, choices in facet_choices(concept).items():
            if name in self.filters:
                self.filters[name].extra["choices"] = choices

    @property
    def invalid(self) -> bool:
        return self.is_bound and bool(self.form.errors)

    def active(self) -> list[tuple[str, str, bool]]:
        """(label, chosen option, whether it is a name from the data) of each filter in force."""
        self.qs  # noqa: B018 - validates the form
        chosen = []
        for name in FACETS:
            value = self.form.cleaned_data.get(name)
            if value:
                options = dict(self.form.fields[name].choices)
                label = str(self.filters[name].label)
                chosen.append((label, str(options.get(value, value)), name not in VOCABULARIES))
        return chosen
