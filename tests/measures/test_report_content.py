"""What a year's implementation report holds: exactly that year's published updates and
indicator values, each measure's status at the year's end, and the summary."""

import pytest

from measures.report import report_content
from tests.report_data import last_closed_year, monitored, report_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def year() -> int:
    return last_closed_year()


@pytest.fixture
def world(db, year):
    return report_world(year)


def entries(content):
    return [m for g in content["groups"] for goal in g["goals"] for m in goal["measures"]]


def test_the_report_for_a_year_holds_exactly_that_years_published_updates(world, year):
    content = report_content(world["concept"], year)
    [measure] = entries(content)
    assert [u["note"] for u in measure["updates"]] == ["Erste Kurse laufen", "Abgeschlossen"]
    assert [u["date"] for u in measure["updates"]] == [u.date.isoformat() for u in world["in_year"]]
    assert content["summary"]["updates"] == 2
    # Not the year before, not one waiting for review or hidden, not the next year's.
    notes = {u["note"] for u in measure["updates"]}
    assert not notes & {"Vorjahr", "Wartet", "Versteckt", "Folgejahr"}


def test_status_at_the_years_end_is_the_latest_published_update_of_that_year(world, year):
    content = report_content(world["concept"], year)
    [measure] = entries(content)
    # The later pending (entfallen), hidden (zurückgestellt) and next year's (Daueraufgabe) do
    # not count; the measure's current status is what the next year's update says.
    assert measure["status"] == "implemented"
    assert measure["status_since"] == f"{year}-11-30"
    counts = {row["status"]: row["count"] for row in content["summary"]["status"]}
    assert counts == {
        "planned": 0,
        "in_progress": 0,
        "implemented": 1,
        "ongoing": 0,
        "deferred": 0,
        "dropped": 0,
    }
    # The year before, the same measure was in Umsetzung.
    [earlier] = entries(report_content(world["concept"], year - 1))
    assert earlier["status"] == "in_progress"
    assert [u["note"] for u in earlier["updates"]] == ["Vorjahr"]


def test_indicator_values_are_the_years_published_ones(world, year):
    content = report_content(world["concept"], year)
    [measure] = entries(content)
    assert [[v["value"] for v in u["values"]] for u in measure["updates"]] == [["8"], ["12"]]
    # At the year's end: the latest published value dated in or before it (not 1, not 19).
    assert measure["indicators"] == [
        {"name": "Sprachkurse", "unit": "Kurse", "baseline": "0", "target": "20", "value": "12"}
    ]
    assert content["summary"]["indicator_values"] == 2


def test_a_measure_without_a_published_update_is_planned_and_reports_nothing(world, year):
    from tests.factories_measures import MeasureFactory

    MeasureFactory(concept=world["concept"], working_group=world["group"], goal=None)
    content = report_content(world["concept"], year)
    [group] = content["groups"]
    assert [goal["title"] for goal in group["goals"]] == ["Sprache fördern", "Ohne Ziel"]
    lonely = group["goals"][1]["measures"][0]
    assert lonely["status"] == "planned"
    assert lonely["updates"] == []
    assert content["summary"]["measures"] == 2
    assert content["summary"]["measures_reported"] == 1


def test_reading_the_report_takes_the_same_queries_at_ten_times_the_measures(
    world, year, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        report_content(world["concept"], year)
    monitored(world["concept"], year, measures=10, prefix="B ")
    with django_assert_num_queries(len(small)):
        content = report_content(world["concept"], year)
    assert content["summary"]["measures"] == 11
