"""Factories of `measures` (offered through `tests.factories`)."""

import factory

from tests.factories import ConceptFactory
from tests.factories_workgroups import WorkingGroupFactory


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.TargetGroup"

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")
    slug = factory.Sequence(lambda n: f"zielgruppe-{n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Goal"

    concept = factory.SubFactory(ConceptFactory)
    code = factory.Sequence(lambda n: f"Z{n}")
    title = factory.Sequence(lambda n: f"Ziel {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Measure"

    concept = factory.SubFactory(ConceptFactory)
    working_group = factory.SubFactory(
        WorkingGroupFactory, concept=factory.SelfAttribute("..concept")
    )
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    timeframe = "short"
    priority = "medium"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Recommendation"

    concept = factory.SubFactory(ConceptFactory)
    code = factory.Sequence(lambda n: f"E{n}")
    title = factory.Sequence(lambda n: f"Empfehlung {n}")
    text = "imap empfiehlt ..."


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.ProgressUpdate"

    measure = factory.SubFactory(MeasureFactory)
    date = factory.Faker("date_object")
    status = "in_progress"
