"""factory_boy factories for every model; tests build their data from these."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from concept.models import (
    Amendment,
    AmendmentKind,
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    Milestone,
    MilestoneKind,
    Section,
)
from measures.models import (
    Goal,
    Measure,
    Priority,
    ProgressUpdate,
    Recommendation,
    TargetGroup,
    Timeframe,
)
from workgroups.models import (
    Invitation,
    Membership,
    Organisation,
    Sector,
    Session,
    WorkingGroup,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}@example.org")
    email = factory.SelfAttribute("username")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    password = factory.django.Password("correct horse battery staple")


class ConceptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concept

    title = factory.Sequence(lambda n: f"Integrationskonzept {n}")
    slug = factory.Sequence(lambda n: f"konzept-{n}")
    municipality = "Minden"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    concept = factory.SubFactory(ConceptFactory)
    name = factory.Sequence(lambda n: f"Gremium {n}")
    kind = BodyKind.ADVISORY


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConceptVersion

    concept = factory.SubFactory(ConceptFactory)
    number = factory.Sequence(lambda n: n + 1)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(VersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.position))
    title = factory.Sequence(lambda n: f"Abschnitt {n}")
    body = "Ein Absatz über Sprachförderung in Kitas."


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amendment

    section = factory.SubFactory(SectionFactory)
    version = factory.SelfAttribute("section.version")
    author = factory.SubFactory(UserFactory)
    kind = AmendmentKind.ADDITION
    proposed_text = "Ergänzung: Elterncafés in allen Stadtteilen."
    rationale = "Mehr Beteiligung."


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    concept = factory.SubFactory(ConceptFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    kind = MilestoneKind.CONFERENCE
    date_text = "Herbst 2010"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = Sector.EDUCATION


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    concept = factory.SubFactory(ConceptFactory)
    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    slug = factory.Sequence(lambda n: f"ag-{n}")
    topic = "Bildung und Erziehung"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    working_group = factory.SubFactory(WorkingGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A stored invitation; its link (the token) is unknown, as after sending."""

    class Meta:
        model = Invitation

    membership = factory.SubFactory(MembershipFactory, user=factory.SubFactory(UserFactory))
    user = factory.SelfAttribute("membership.user")
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    working_group = factory.SubFactory(WorkingGroupFactory)
    round = factory.Sequence(lambda n: n + 1)
    date_text = "Winter 2010/11"


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")
    slug = factory.Sequence(lambda n: f"zielgruppe-{n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    concept = factory.SubFactory(ConceptFactory)
    code = factory.Sequence(lambda n: f"Z{n}")
    title = factory.Sequence(lambda n: f"Ziel {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    concept = factory.SubFactory(ConceptFactory)
    working_group = factory.SubFactory(
        WorkingGroupFactory, concept=factory.SelfAttribute("..concept")
    )
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    timeframe = Timeframe.SHORT
    priority = Priority.MEDIUM


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    concept = factory.SubFactory(ConceptFactory)
    code = factory.Sequence(lambda n: f"E{n}")
    title = factory.Sequence(lambda n: f"Empfehlung {n}")
    text = "imap empfiehlt ..."


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    measure = factory.SubFactory(MeasureFactory)
    date = factory.Faker("date_object")
    status = "in_progress"
