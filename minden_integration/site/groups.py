"""The working groups' public pages: the list, a group, one of its sessions.

They show two apps' data, the groups (`workgroups`) and their goals and measures (`measures`),
so they are composed here, above both; the URL names stay in the `workgroups` namespace.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import path
from django.views.generic import DetailView, ListView

from concept.mixins import CurrentConceptMixin
from measures.models import Goal, Measure
from minden_integration.core.generation import generation_current
from minden_integration.core.models import subquery_count
from workgroups.models import Session, WorkingGroup
from workgroups.selectors import (
    group_page,
    has_example_content,
    is_group_member,
    participants_short,
)


class GroupListView(CurrentConceptMixin, ListView):
    model = WorkingGroup
    context_object_name = "groups"
    template_name = "site/workinggroup_list.html"

    def get_queryset(self):
        if self.concept is None:
            return WorkingGroup.objects.none()
        return (
            WorkingGroup.objects.for_concept(self.concept)
            .for_list()
            .annotate(
                measure_count=subquery_count(Measure.objects.all(), "working_group"),
                example_measure_count=subquery_count(
                    Measure.objects.filter(is_example=True), "working_group"
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["concept"] = self.concept
        context["shows_examples"] = any(g.example_measure_count for g in context["groups"])
        for group in context["groups"]:
            group.participants = participants_short(group, group.listed_count)
        return context


# At ten times the data a group has hundreds of measures: the page shows them in pages of this
# size (every group of Minden's real data fits on the first) and links to the catalogue.
GROUP_MEASURES_PER_PAGE = 50


def group_measures(group: WorkingGroup, page_number: str | None) -> dict[str, Any]:
    """The group's goals and one page of its measures, each only with what its row shows. The
    page's rows are read lazily: their rendered table is cached under the content generation
    (read here, first); how many there are, and whether any is an example, is one query."""
    generation = generation_current()
    goals = list(Goal.objects.filter(working_group=group).order_by("code"))
    measures = Measure.objects.filter(working_group=group)
    tally = measures.aggregate(total=Count("pk"), examples=Count("pk", filter=Q(is_example=True)))
    paginator = Paginator(
        measures.select_related("goal")
        .only("number", "title", "status", "is_example", "goal__code")
        .order_by("number"),
        GROUP_MEASURES_PER_PAGE,
    )
    paginator.count = tally["total"]
    page = paginator.get_page(page_number)
    return {
        "goals": goals,
        "measures": page.object_list,
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "measures_key": generation,
        "measures_show_examples": has_example_content(goals) or tally["examples"] > 0,
    }


class GroupDetailView(CurrentConceptMixin, DetailView):
    model = WorkingGroup
    context_object_name = "group"
    template_name = "site/workinggroup_detail.html"

    def get_queryset(self):
        sessions = Session.objects.annotate(
            measure_count=subquery_count(Measure.objects.all(), "origin_session")
        )
        return WorkingGroup.objects.for_concept(self.concept_or_404()).for_detail(sessions=sessions)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(group_page(self.object))
        parts = group_measures(self.object, self.request.GET.get("seite"))
        context.update(parts)
        context["shows_examples"] = context["shows_examples"] or parts["measures_show_examples"]
        return context


class SessionDetailView(CurrentConceptMixin, DetailView):
    """A session is found through its group's slug: another group's session is a 404."""

    model = Session
    context_object_name = "session"
    template_name = "site/session_detail.html"

    def get_queryset(self):
        return Session.objects.for_detail().filter(
            working_group__concept=self.concept_or_404(),
            working_group__slug=self.kwargs["slug"],
        )

    def can_read_minutes(self, session: Session) -> bool:
        """Published minutes are public; unpublished ones only for the group's own members
        (not other groups' members, nor staff without a membership: they use the admin)."""
        return session.minutes_public or is_group_member(
            self.request.user, session.working_group_id
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        measures = list(
            Measure.objects.filter(origin_session=self.object)
            .select_related("goal")
            .order_by("number")
        )
        context.update(
            group=self.object.working_group,
            measures=measures,
            can_read_minutes=self.can_read_minutes(self.object),
            shows_examples=has_example_content(measures),
        )
        return context


# Included at /arbeitsgruppen/ as the `workgroups` namespace: the groups' own addresses.
app_name = "workgroups"
urlpatterns = [
    path("", GroupListView.as_view(), name="group-list"),
    path("<slug:slug>/", GroupDetailView.as_view(), name="group-detail"),
    path("<slug:slug>/sitzungen/<int:pk>/", SessionDetailView.as_view(), name="session-detail"),
]
