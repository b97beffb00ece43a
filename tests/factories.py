"""factory_boy factories for every model; tests build their data from these.

The factories of `workgroups` and `measures` live in modules of their own and are offered here
only where their app is installed: with only `concept` installed this module still imports (the
bottom layer's tests run on their own, see tests/standalone/).
"""

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Max

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
    submitted_at = None
    # A submitted amendment has the next number in its version, as `amendment_submit` gives it.
    number = factory.LazyAttribute(
        lambda o: (
            (Amendment.objects.filter(version=o.version).aggregate(n=Max("number"))["n"] or 0) + 1
            if o.submitted_at
            else None
        )
    )


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    concept = factory.SubFactory(ConceptFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    kind = MilestoneKind.CONFERENCE
    date_text = "Herbst 2010"


def _installed(label: str) -> bool:
    return any(config.label == label for config in apps.get_app_configs())


if _installed("workgroups"):
    from tests.factories_workgroups import *  # noqa: E402, F403
if _installed("measures"):
    from tests.factories_measures import *  # noqa: E402, F403
