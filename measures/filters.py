"""The catalogue's filters: facets, search and sorting, all in the query string."""

from __future__ import annotations

from functools import cached_property

import django_filters
from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from concept.models import Concept
from measures.facets import FacetTally, facets_counted
from measures.models import Goal, Measure, MeasureStatus, Priority, TargetGroup, Timeframe
from measures.search import measure_search_once
from minden_integration.core.facets import FacetVocabulary, SlugChoiceFilter
from minden_integration.core.generation import generation_current
from workgroups.models import Organisation, WorkingGroup

QUERY_MAX_LENGTH = 200

# Facet parameter -> the value it is grouped by when counting.
FACETS = {
    "gruppe": "working_group__slug",
    "ziel": "goal__code",
    "status": "status",
    "zielgruppe": "target_groups__slug",
    "zeitraum": "timeframe",
    "prioritaet": "priority",
    "federfuehrung": "lead_organisation_id",
}

# Facets a measure may have several values of.
MANY_VALUED_FACETS = {"zielgruppe"}

# Facets whose option labels are gettext-translated, not names from the data; their values
# in the address are German slugs for the stored codes (the other facets use the data's own
# slugs and codes).
VOCABULARIES = {
    "status": FacetVocabulary(
        MeasureStatus.choices,
        {
            MeasureStatus.PLANNED: "geplant",
            MeasureStatus.IN_PROGRESS: "in-umsetzung",
            MeasureStatus.IMPLEMENTED: "umgesetzt",
            MeasureStatus.ONGOING: "daueraufgabe",
            MeasureStatus.DEFERRED: "zurueckgestellt",
            MeasureStatus.DROPPED: "entfallen",
        },
    ),
    "zeitraum": FacetVocabulary(
        Timeframe.choices,
        {
            Timeframe.SHORT: "kurzfristig",
            Timeframe.MEDIUM: "mittelfristig",
            Timeframe.LONG: "langfristig",
        },
    ),
    "prioritaet": FacetVocabulary(
        Priority.choices,
        {Priority.HIGH: "hoch", Priority.MEDIUM: "mittel", Priority.LOW: "niedrig"},
    ),
}
TRANSLATED_FACETS = set(VOCABULARIES)
# Facets whose options are the concept's own rows (the others are the vocabularies).
CONCEPT_FACETS = ("gruppe", "ziel", "zielgruppe", "federfuehrung")


class Sort(models.TextChoices):
    NUMBER = "nummer", _("Nummer")
    TITLE = "titel", _("Titel")
    STATUS = "status", _("Umsetzungsstand")
    WORKING_GROUP = "gruppe", _("Arbeitsgruppe")
    RELEVANCE = "relevanz", _("Relevanz (bei Suche)")


class MeasureFilterForm(forms.Form):
    """Validates the query string; rendered by crispy-forms as one GET form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = reverse("measures:measure-list")
        self.helper.disable_csrf = True
        self.helper.form_id = "massnahmen-filter"
        self.helper.layout = Layout(
            Row(Column("q", css_class="col-md-8"), Column("sortierung", css_class="col-md-4")),
            Row(
                Column("gruppe", css_class="col-md-4"),
                Column("ziel", css_class="col-md-4"),
                Column("status", css_class="col-md-4"),
            ),
            Row(
                Column("zielgruppe", css_class="col-md-3"),
                Column("zeitraum", css_class="col-md-3"),
                Column("prioritaet", css_class="col-md-3"),
                Column("federfuehrung", css_class="col-md-3"),
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


class MeasureFilter(django_filters.FilterSet):
    """Facets, search (`q`) and sorting of the current concept's measures.

    `qs` is the filtered, searched and sorted queryset; `terms` the search words (for
    highlighting); `tally` the counts of each facet's options under every *other* active
    filter and the number of results, counted once per content generation (`measures.facets`).
    """

    q = django_filters.CharFilter(
        label=_("Suchbegriff"),
        widget=forms.TextInput(attrs={"type": "search", "maxlength": QUERY_MAX_LENGTH}),
        help_text=_(
            "Sucht in Titel, Beschreibung, Ziel, Federführung, Zielgruppen und Empfehlungen."
        ),
    )
    sortierung = django_filters.ChoiceFilter(
        label=_("Sortierung"), choices=Sort.choices, empty_label=None
    )
    gruppe = _choice(_("Arbeitsgruppe"), field_name="working_group__slug")
    ziel = _choice(_("Ziel"), field_name="goal__code")
    status = _slug_choice(_("Umsetzungsstand"), "status", field_name="status")
    zielgruppe = _choice(_("Zielgruppe"), field_name="target_groups__slug")
    zeitraum = _slug_choice(_("Zeitraum"), "zeitraum", field_name="timeframe")
    prioritaet = _slug_choice(_("Priorität"), "prioritaet", field_name="priority")
    federfuehrung = _choice(_("Federführung"), field_name="lead_organisation_id")

    class Meta:
        model = Measure
        fields: list[str] = []
        form = MeasureFilterForm

    def __init__(self, data: QueryDict | None = None, *, concept: Concept | None, request=None):
        data = self._normalised(data)
        queryset = (
            Measure.objects.for_concept(concept) if concept is not None else Measure.objects.none()
        )
        super().__init__(data, queryset, request=request)
        self.concept = concept
        self.terms: list[str] = []
        # Read before the data: what is cached under it can only be as new as it or newer.
        self.generation = generation_current()
        for name, choices in self._concept_choices(concept, self.generation).items():
            self.filters[name].extra["choices"] = choices

    @staticmethod
    def _normalised(data: QueryDict | None) -> QueryDict:
        """A search may hold anything (NUL bytes, 10,000 characters): keep it harmless, and
        make the effective sort order visible in the form."""
        data = data.copy() if data is not None else QueryDict(mutable=True)
        query = " ".join(data.get("q", "").replace("\x00", " ").split())[:QUERY_MAX_LENGTH]
        data["q"] = query
        if not data.get("sortierung"):
            data["sortierung"] = Sort.RELEVANCE if query else Sort.NUMBER
        return data

    @staticmethod
    def _concept_choices(
        concept: Concept | None, generation: str
    ) -> dict[str, list[tuple[str, str]]]:
        """The options taken from the concept's data, one query, kept under the generation."""
        choices: dict[str, list[tuple[str, str]]] = {name: [] for name in CONCEPT_FACETS}
        if concept is None:
            return choices
        key = f"measure-choices:{generation}:{concept.pk}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        for kind, value, label, _rank, _order in _choice_rows(concept):
            choices[kind].append((value, f"{value} {label}" if kind == "ziel" else label))
        cache.set(key, choices, settings.PORTAL_CACHE_SECONDS)
        return choices

    # --- filtering -------------------------------------------------------------------------

    def filter_queryset(self, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        """Search first (the base of every facet count), then the facets, then the order."""
        self.searched, self.terms = measure_search_once(queryset, self.form.cleaned_data.get("q"))
        return self._ordered(self._faceted(self.searched))

    def _faceted(self, queryset: QuerySet[Measure], *, without: str = "") -> QuerySet[Measure]:
        cleaned = self.form.cleaned_data
        for name in FACETS:
            if name != without:
                queryset = self.filters[name].filter(queryset, cleaned.get(name))
        return queryset

    @property
    def sort(self) -> str:
        sort = self.form.cleaned_data.get("sortierung") or Sort.NUMBER
        if sort == Sort.RELEVANCE and not self.terms:
            return Sort.NUMBER
        return sort

    def _ordered(self, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        match self.sort:
            case Sort.TITLE:
                return queryset.order_by_title()
            case Sort.STATUS:
                return queryset.order_by_status()
            case Sort.WORKING_GROUP:
                return queryset.order_by_working_group()
            case Sort.RELEVANCE:
                return queryset.order_by("-search_rank", "number")
        return queryset.order_by("number")

    # --- facets ----------------------------------------------------------------------------

    @cached_property
    def tally(self) -> FacetTally:
        """The counts of every facet and the number of results, from one source."""
        self.qs  # noqa: B018 - validates the form and runs the search
        cleaned = self.form.cleaned_data
        return facets_counted(
            self.searched,
            columns=FACETS,
            many_valued=MANY_VALUED_FACETS,
            slugs={name: vocabulary.slug for name, vocabulary in VOCABULARIES.items()},
            selection={name: _stored(name, cleaned.get(name)) for name in FACETS},
            key=repr((self.generation, getattr(self.concept, "pk", None), cleaned.get("q"))),
        )

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """Per facet, {option value as in the address: number of measures}, ignoring that
        facet's own selection."""
        return self.tally.counts

    def label_choices_with_counts(self) -> None:
        """Show each option's count next to it in the form (e.g. "geplant (12)")."""
        counts = self.facet_counts()
        for name in FACETS:
            field = self.form.fields[name]
            # django-filter's field adds the empty option ("alle") itself.
            field.choices = [
                (value, f"{label} ({counts[name].get(str(value), 0)})")
                for value, label in field.choices
                if value != ""
            ]

    def active_filters(self, query: QueryDict) -> list[dict[str, str | bool]]:
        """The search and each facet in force, each with the address that drops it (and the
        page number), so they stay visible and removable while the filter form is folded."""
        self.qs  # noqa: B018 - validates the form
        cleaned = self.form.cleaned_data
        action = reverse("measures:measure-list")
        active = []
        for name in ("q", *FACETS):
            value = cleaned.get(name)
            if not value:
                continue
            choices = dict(self.filters[name].extra.get("choices") or [])
            rest = QueryDict(mutable=True)
            for key, values in query.lists():
                kept = [v for v in values if v] if key not in (name, "seite") else []
                if kept:
                    rest.setlist(key, kept)
            remaining = rest.urlencode()
            active.append(
                {
                    "name": name,
                    "label": str(self.filters[name].label),
                    "value": str(choices.get(value, value)),
                    # Names from the concept's data are German; status and the like translated.
                    "is_content": name not in TRANSLATED_FACETS,
                    "remove_url": f"{action}?{remaining}" if remaining else action,
                }
            )
        return active

    @property
    def invalid(self) -> bool:
        return self.is_bound and bool(self.form.errors)


def _stored(name: str, value: str | None) -> object | None:
    """A facet's chosen value as the database keeps it (the address carries slugs and keys)."""
    if not value:
        return None
    if name in VOCABULARIES:
        return VOCABULARIES[name].value(value)
    return int(value) if name == "federfuehrung" else value


def _choice_rows(concept: Concept) -> QuerySet:
    """(facet, value, label, rank, order) of every option from the data, in one UNION: the
    groups in their order, the goals by code, target groups and lead organisations in use by
    name (UNION also drops the duplicates of the joins)."""

    def part(queryset, kind, value, label, rank, order):
        return (
            queryset.order_by()
            .annotate(
                o_kind=Value(kind, output_field=CharField()),
                o_value=Cast(value, output_field=CharField()),
                o_label=Cast(label, output_field=CharField()),
                o_rank=F(rank) if isinstance(rank, str) else rank,
                o_order=Cast(order, output_field=CharField()),
            )
            .values_list("o_kind", "o_value", "o_label", "o_rank", "o_order")
        )

    zero = Value(0)
    groups = part(
        WorkingGroup.objects.for_concept(concept), "gruppe", "slug", "name", "position", "name"
    )
    goals = part(Goal.objects.filter(concept=concept), "ziel", "code", "title", zero, "code")
    target_groups = part(
        TargetGroup.objects.filter(measures__concept=concept),
        "zielgruppe",
        "slug",
        "name",
        zero,
        "name",
    )
    organisations = part(
        Organisation.objects.filter(led_measures__concept=concept),
        "federfuehrung",
        "pk",
        "name",
        zero,
        "name",
    )
    return groups.union(goals, target_groups, organisations).order_by("o_kind", "o_rank", "o_order")


def facet_choices(concept: Concept | None) -> dict[str, list[tuple[str, str]]]:
    """The options of the facets taken from the concept's data, as the catalogue offers them:
    for other pages that filter the same measures by the same addresses."""
    return MeasureFilter._concept_choices(concept, generation_current())
