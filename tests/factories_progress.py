"""Factories of the progress models' indicators (offered alongside `tests.factories`)."""

from decimal import Decimal

import factory

from tests.factories_measures import MeasureFactory, ProgressUpdateFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Indicator"

    measure = factory.SubFactory(MeasureFactory)
    name = factory.Sequence(lambda n: f"Sprachkurse {n}")
    unit = "Kurse"
    baseline = Decimal(0)
    target = Decimal(20)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.IndicatorValue"

    indicator = factory.SubFactory(IndicatorFactory)
    update = factory.SubFactory(
        ProgressUpdateFactory, measure=factory.SelfAttribute("..indicator.measure")
    )
    value = Decimal(10)
