"""The stored search data of measures: every write path keeps it current."""

import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures import search
from measures.importing import measures_import
from measures.models import Measure, TargetGroup
from measures.search import measure_search, measure_search_once
from measures.search_index import measures_search_refresh, search_index_deferred
from tests.concept.test_admin import admin_post_data, admin_url
from tests.factories import (
    ConceptFactory,
    GoalFactory,
    MeasureFactory,
    OrganisationFactory,
    RecommendationFactory,
    TargetGroupFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored tsvector exists on PostgreSQL only"
)


@pytest.fixture
def concept():
    return ConceptFactory(slug="minden")


@pytest.fixture
def group(concept):
    return WorkingGroupFactory(concept=concept, name="Bildung und Erziehung", slug="bildung")


def measure(concept, group, number, title="Maßnahme", **kwargs):
    return MeasureFactory(
        concept=concept, working_group=group, number=number, title=title, **kwargs
    )


def found(query):
    queryset, _terms = measure_search(Measure.objects.all(), query)
    return sorted(queryset.values_list("number", flat=True))


def stored():
    return list(Measure.objects.order_by("pk").values_list("pk", "search_text", "search_vector"))


def update_statements(queries):
    """The refresh's writes: PostgreSQL's UPDATE … FROM (VALUES …), on SQLite bulk_update."""
    return [
        query["sql"]
        for query in queries
        if "search_text = v.c" in query["sql"] or '"search_text" = CASE' in query["sql"]
    ]


# --- each write path ----------------------------------------------------------------------------


def test_a_measure_saved_with_new_text_is_found_by_it(concept, group):
    item = measure(concept, group, 1, "Elterncafés")
    item.title = "Sprachkurse"
    item.description = "Für Seniorinnen"
    item.save()

    assert found("Sprachkurse") == [1]
    assert found("Seniorinnen") == [1]
    assert found("Elterncafés") == []


def test_a_new_goal_or_lead_of_a_measure_is_found(concept, group):
    item = measure(concept, group, 1)
    item.goal = GoalFactory(concept=concept, title="Bildungschancen verbessern")
    item.lead_organisation = OrganisationFactory(name="Volkshochschule Minden")
    item.save()

    assert found("Bildungschancen") == [1]
    assert found("Volkshochschule") == [1]


def test_a_renamed_organisation_is_found_by_its_new_name_only(concept, group):
    lead = OrganisationFactory(name="Volkshochschule Minden")
    measure(concept, group, 1, lead_organisation=lead)

    lead.name = "Bildungswerk Weserbogen"
    lead.save()

    assert found("Bildungswerk") == [1]
    assert found("Volkshochschule") == []


def test_a_renamed_goal_is_found_by_its_new_title_only(concept, group):
    goal = GoalFactory(concept=concept, title="Bildungschancen verbessern")
    measure(concept, group, 1, goal=goal)

    goal.title = "Ausbildung sichern"
    goal.save()

    assert found("Ausbildung") == [1]
    assert found("Bildungschancen") == []


def test_target_groups_added_or_removed_from_either_side_are_found_or_not(concept, group):
    seniors = TargetGroupFactory(name="Seniorinnen und Senioren")
    first, second = measure(concept, group, 1), measure(concept, group, 2)

    first.target_groups.add(seniors)
    assert found("Senioren") == [1]
    seniors.measures.add(second)
    assert found("Senioren") == [1, 2]
    first.target_groups.remove(seniors)
    assert found("Senioren") == [2]
    seniors.measures.clear()
    assert found("Senioren") == []
    second.target_groups.set([seniors])
    assert found("Senioren") == [2]


def test_a_renamed_or_deleted_target_group_is_found_by_its_new_name_only(concept, group):
    parents = TargetGroupFactory(name="Eltern")
    measure(concept, group, 1).target_groups.add(parents)

    parents.name = "Zugewanderte Familien"
    parents.save()
    assert found("Familien") == [1]
    assert found("Eltern") == []

    parents.delete()
    assert found("Familien") == []


def test_a_changed_recommendation_is_found_by_its_new_text_only(concept, group):
    recommendation = RecommendationFactory(concept=concept, title="Lotsen", text="Dolmetscher.")
    recommendation.measures.add(measure(concept, group, 1), measure(concept, group, 2))

    recommendation.title = "Patenschaften"
    recommendation.text = "Ehrenamtliche begleiten Familien."
    recommendation.save()

    assert found("Patenschaften") == [1, 2]
    assert found("Ehrenamtliche") == [1, 2]
    assert found("Lotsen") == []
    assert found("Dolmetscher") == []


def test_a_deleted_recommendation_is_no_longer_found(concept, group):
    recommendation = RecommendationFactory(concept=concept, title="Lotsen", text="Dolmetscher.")
    recommendation.measures.add(measure(concept, group, 1))
    assert found("Dolmetscher") == [1]

    recommendation.delete()

    assert found("Dolmetscher") == []


def test_recommendations_linked_or_unlinked_from_either_side_are_found_or_not(concept, group):
    recommendation = RecommendationFactory(concept=concept, title="Lotsen")
    first, second = measure(concept, group, 1), measure(concept, group, 2)

    first.recommendations.add(recommendation)
    assert found("Lotsen") == [1]
    recommendation.measures.set([second])
    assert found("Lotsen") == [2]
    recommendation.measures.clear()
    assert found("Lotsen") == []
    first.recommendations.set([recommendation])
    assert found("Lotsen") == [1]
    first.recommendations.clear()
    assert found("Lotsen") == []


def test_saving_fields_outside_the_search_data_does_not_refresh_it(concept, group):
    item = measure(concept, group, 1)
    goal = GoalFactory(concept=concept)
    item.goal = goal
    item.save()

    with CaptureQueriesContext(connection) as queries:
        item.save(update_fields=["is_example", "updated_at"])
        goal.save(update_fields=["description"])

    # The two saves and the audit trail's record of the measure's save.
    assert len(queries) == 3
    assert not update_statements(queries)


def test_the_admins_recommendation_inline_updates_the_search_data(officer_client, concept, group):
    item = measure(concept, group, 1)
    recommendation = RecommendationFactory(concept=concept, title="Dolmetscherpools")
    url = admin_url(Measure, "change", item.pk)
    data = admin_post_data(officer_client.get(url))
    prefix = "Recommendation_measures"
    data.update(
        {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-recommendation": str(recommendation.pk)}
    )

    assert officer_client.post(url, data).status_code == 302
    assert found("Dolmetscherpools") == [1]


# --- bulk writes ----------------------------------------------------------------------------


def test_the_import_updates_the_search_data_once_for_every_measure_it_touches(concept, group):
    TargetGroupFactory(name="Kinder", slug="kinder")
    elsewhere = measure(concept, group, 7, "Nicht in der Datei")
    RecommendationFactory(concept=concept, code="E1", title="Alt").measures.add(elsewhere)
    measures_file = (
        "Nummer;Titel;Arbeitsgruppe;Zeitraum;Priorität;Zielgruppen;Empfehlungen\r\n"
        "1;Sprachförderung in Kitas;bildung;kurzfristig;hoch;Kinder;E1\r\n"
        "2;Elterncafés;bildung;kurzfristig;hoch;;\r\n"
    ).encode()
    recommendations_file = "Kennung;Titel;Text\r\nE1;Lotsen;Dolmetscherpools aufbauen.\r\n"

    with CaptureQueriesContext(connection) as queries:
        measures_import(
            concept=concept,
            file=io.BytesIO(measures_file),
            filename="massnahmen.csv",
            recommendations_file=io.BytesIO(recommendations_file.encode()),
            recommendations_filename="empfehlungen.csv",
        )

    assert found("Sprachförderung") == [1]
    assert found("Kinder") == [1]
    assert found("Elterncafés") == [2]
    assert found("Dolmetscherpools") == [1, 7]  # 7 is not in the file, but cites E1
    assert found("Alt") == []
    assert len(update_statements(queries)) == 1


def test_the_demo_loader_leaves_no_measure_stale():
    call_command("load_minden", "--demo", stdout=io.StringIO())
    after_load = stored()

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert stored() == after_load
    assert len(after_load) == 99
    assert all(text for _pk, text, _vector in after_load)
    assert found("Sprachförderung")


def test_rebuild_search_index_repairs_what_writes_without_signals_left_stale(concept, group):
    measure(concept, group, 1, "Elterncafés")
    measure(concept, group, 2, "Sprachkurse")
    # QuerySet.update sends no signal: the stored data is stale until rebuilt.
    Measure.objects.filter(number=1).update(title="Hausaufgabenhilfe")
    Measure.objects.filter(number=2).update(search_text="", search_vector=None)
    assert found("Hausaufgabenhilfe") == []

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert "2 Maßnahmen" in out.getvalue()
    assert found("Hausaufgabenhilfe") == [1]
    assert found("Elterncafés") == []
    assert found("Sprachkurse") == [2]


def test_the_migration_fills_the_search_data_of_existing_measures(concept, group):
    measure(concept, group, 1, "Sprachkurse")
    Measure.objects.update(search_text="", search_vector=None)
    migration = importlib.import_module("measures.migrations.0005_fulltext")

    migration.refill(apps, SimpleNamespace(connection=connection))

    assert found("Sprachkurse") == [1]


# --- the refresh itself -----------------------------------------------------------------------


def test_a_refresh_needs_the_same_queries_for_few_and_many_measures(concept, group):
    def refresh_queries():
        with CaptureQueriesContext(connection) as queries:
            measures_search_refresh(measures=Measure.objects.all())
        return len(queries)

    for number in range(1, 4):
        item = measure(concept, group, number)
        item.target_groups.add(TargetGroupFactory())
        RecommendationFactory(concept=concept).measures.add(item)
    few = refresh_queries()
    for number in range(4, 40):
        item = measure(concept, group, number)
        item.target_groups.add(TargetGroupFactory())
        RecommendationFactory(concept=concept).measures.add(item)

    assert refresh_queries() == few == 4


def test_a_refresh_of_nothing_costs_one_query_at_most():
    with CaptureQueriesContext(connection) as queries:
        assert measures_search_refresh(measures=[]) == 0
        assert measures_search_refresh(measures=Measure.objects.none()) == 0

    assert len(queries) <= 1


def test_a_deferred_block_refreshes_once_at_its_end(concept, group):
    seniors = TargetGroupFactory(name="Senioren")
    with search_index_deferred():
        item = measure(concept, group, 1, "Sprachkurse")
        item.target_groups.add(seniors)
        assert found("Sprachkurse") == []  # not yet
    assert found("Sprachkurse Senioren") == [1]


def test_a_failing_deferred_block_refreshes_nothing(concept, group):
    item = measure(concept, group, 1, "Sprachkurse")
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(RuntimeError),
        search_index_deferred(),
    ):
        item.title = "Elterncafés"
        item.save()
        raise RuntimeError

    assert not update_statements(queries)


def test_the_stored_text_holds_the_related_texts(concept, group):
    goal = GoalFactory(concept=concept, title="Bildungschancen")
    item = measure(concept, group, 1, "Sprachkurse", description="Für Eltern", goal=goal)
    item.target_groups.add(TargetGroupFactory(name="Senioren"))

    item.refresh_from_db()
    assert "Bildungschancen" in item.search_text and "Senioren" in item.search_text
    assert "Sprachkurse" not in item.search_text  # the title has a column of its own


# --- searching the stored data ----------------------------------------------------------------


@on_postgresql
def test_postgresql_searches_the_stored_vector_with_stemming(concept, group):
    measure(concept, group, 1, "Sprachfördermaßnahmen für Kinder")
    measure(concept, group, 2, "Elterncafés")

    queryset, _terms = measure_search(Measure.objects.all(), "Sprachförderung")
    sql = str(queryset.query)

    assert list(queryset.values_list("number", flat=True)) == [1]
    assert '"search_vector" @@' in sql
    assert "to_tsvector" not in sql  # nothing is built on the fly


@pytest.mark.parametrize("pinned_max", [200, 1])
def test_searching_once_finds_and_ranks_as_searching_each_time(
    concept, group, monkeypatch, pinned_max
):
    monkeypatch.setattr(search, "PINNED_MATCHES_MAX", pinned_max)
    measure(concept, group, 1, "Elterncafés", description="Treffpunkt für Integration.")
    measure(concept, group, 2, "Integrationslotsen", description="Begleitung zu Ämtern.")
    measure(concept, group, 3, "Hausaufgabenhilfe")

    def ranked(search_function):
        queryset, terms = search_function(Measure.objects.all(), "Integration")
        order = queryset.order_by("-search_rank", "number")
        return terms, list(order.values_list("number", flat=True)), queryset.count()

    assert ranked(measure_search_once) == ranked(measure_search) == (["integration"], [2, 1], 2)


def test_searching_once_runs_the_search_once(concept, group):
    for number in range(1, 6):
        measure(concept, group, number, f"Sprachkurs {number}")
    queryset, _terms = measure_search_once(Measure.objects.all(), "Sprachkurs")

    with CaptureQueriesContext(connection) as queries:
        assert queryset.count() == 5
        assert len(queryset.order_by("-search_rank")[:2]) == 2

    searches = [q for q in queries if "@@" in q["sql"] or "LIKE" in q["sql"]]
    assert len(queries) == 2
    assert not searches


def test_target_groups_deleted_in_bulk_are_no_longer_found(concept, group):
    for number, name in ((1, "Senioren"), (2, "Seniorinnen")):
        measure(concept, group, number).target_groups.add(TargetGroupFactory(name=name))
    assert found("Senior") == [1, 2]

    TargetGroup.objects.filter(name__startswith="Senior").delete()

    assert found("Senior") == []
