"""Public pages of the working groups: the list, a group, one of its sessions."""

from django.views.generic import DetailView, ListView

from concept.mixins import CurrentConceptMixin
from workgroups.models import Session, WorkingGroup
from workgroups.selectors import group_page, has_example_content, is_group_member


class GroupListView(CurrentConceptMixin, ListView):
    model = WorkingGroup
    context_object_name = "groups"

    def get_queryset(self):
        if self.concept is None:
            return WorkingGroup.objects.none()
        return WorkingGroup.objects.for_concept(self.concept).for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["concept"] = self.concept
        context["shows_examples"] = any(g.example_measure_count for g in context["groups"])
        return context


class GroupDetailView(CurrentConceptMixin, DetailView):
    model = WorkingGroup
    context_object_name = "group"

    def get_queryset(self):
        return WorkingGroup.objects.for_concept(self.concept_or_404()).for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(group_page(self.object))
        return context


class SessionDetailView(CurrentConceptMixin, DetailView):
    """A session is found through its group's slug: another group's session is a 404."""

    model = Session
    context_object_name = "session"

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
        measures = self.object.measures.all()
        context.update(
            group=self.object.working_group,
            measures=measures,
            can_read_minutes=self.can_read_minutes(self.object),
            shows_examples=has_example_content(measures),
        )
        return context
