"""Factories of `workgroups` (offered through `tests.factories`)."""

import datetime as dt

import factory
from django.utils import timezone

from tests.factories import ConceptFactory, UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workgroups.Organisation"

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = "education"


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workgroups.WorkingGroup"

    concept = factory.SubFactory(ConceptFactory)
    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    slug = factory.Sequence(lambda n: f"ag-{n}")
    topic = "Bildung und Erziehung"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workgroups.Membership"

    working_group = factory.SubFactory(WorkingGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A stored invitation; its link (the token) is unknown, as after sending."""

    class Meta:
        model = "workgroups.Invitation"

    membership = factory.SubFactory(MembershipFactory, user=factory.SubFactory(UserFactory))
    user = factory.SelfAttribute("membership.user")
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workgroups.Session"

    working_group = factory.SubFactory(WorkingGroupFactory)
    round = factory.Sequence(lambda n: n + 1)
    date_text = "Winter 2010/11"
