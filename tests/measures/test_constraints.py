import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from measures.models import Measure, ProgressUpdate
from measures.services import measure_cite, progress_record
from tests.factories import (
    ConceptFactory,
    GoalFactory,
    MeasureFactory,
    RecommendationFactory,
    SessionFactory,
    TargetGroupFactory,
    WorkingGroupFactory,
)


def violates(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_measure_numbers_are_positive_and_unique_per_concept(db):
    measure = MeasureFactory(number=1)
    violates(lambda: MeasureFactory(concept=measure.concept, number=1))
    violates(lambda: MeasureFactory(concept=measure.concept, number=0))
    MeasureFactory(number=1)


@pytest.mark.parametrize("field", ["status", "timeframe", "priority"])
def test_measure_choices_are_enforced_by_the_database(db, field):
    measure = MeasureFactory()
    violates(lambda: Measure.objects.filter(pk=measure.pk).update(**{field: "irgendwas"}))


def test_goal_and_recommendation_codes_are_unique_per_concept(db):
    goal = GoalFactory(code="B1")
    violates(lambda: GoalFactory(concept=goal.concept, code="B1"))
    rec = RecommendationFactory(code="E1")
    violates(lambda: RecommendationFactory(concept=rec.concept, code="E1"))


def test_target_group_names_are_unique(db):
    TargetGroupFactory(name="Eltern")
    violates(lambda: TargetGroupFactory(name="Eltern"))


def test_progress_status_is_enforced(db):
    update = ProgressUpdate.objects.create(
        measure=MeasureFactory(), date="2012-01-01", status="planned"
    )
    violates(lambda: ProgressUpdate.objects.filter(pk=update.pk).update(status="fertig"))


def test_status_follows_the_latest_progress_update(db):
    import datetime as dt

    measure = MeasureFactory()
    assert measure.status == "planned"
    progress_record(measure=measure, status="in_progress", date=dt.date(2012, 3, 1))
    progress_record(measure=measure, status="implemented", date=dt.date(2013, 6, 1))
    progress_record(measure=measure, status="deferred", date=dt.date(2012, 9, 1), note="Nachtrag")
    measure.refresh_from_db()
    assert measure.status == "implemented"
    with pytest.raises(ValidationError):
        progress_record(measure=measure, status="fertig")


def test_clean_refuses_relations_across_concepts_and_groups(db):
    concept = ConceptFactory()
    group = WorkingGroupFactory(concept=concept)
    measure = MeasureFactory.build(
        concept=concept,
        working_group=group,
        goal=GoalFactory(),
        origin_session=SessionFactory(),
        number=3,
    )
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert set(error.value.message_dict) >= {"goal", "origin_session"}


def test_citing_a_frozen_section_is_refused(db):
    from concept.models import BodyKind
    from tests.concept.conftest import bring_to, version_with_sections
    from tests.factories import BodyFactory

    measure = MeasureFactory()
    BodyFactory(concept=measure.concept, kind=BodyKind.ADVISORY)
    version = bring_to(version_with_sections(measure.concept), "council_review")
    with pytest.raises(ValidationError) as error:
        measure_cite(measure=measure, sections=list(version.sections.all()))
    assert "eingefroren" in str(error.value)
