"""Factories for the implementation monitoring's indicators and the annual report."""

import factory

from tests.factories_measures import MeasureFactory, ProgressUpdateFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Indicator"

    measure = factory.SubFactory(MeasureFactory)
    name = factory.Sequence(lambda n: f"Sprachkurse {n}")
    unit = "Kurse"
    baseline = 0
    target = 20


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.IndicatorValue"

    update = factory.SubFactory(ProgressUpdateFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, measure=factory.SelfAttribute("..update.measure")
    )
    value = 12
