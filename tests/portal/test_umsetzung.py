"""/umsetzung/: every number three times the same (chart, table, a direct count in the
database), counting published updates only; deadlines from the council's decision; filters in
the address; the numbers as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Count, Min
from django.utils import timezone
from lxml import html

from measures.models import Measure, MeasureStatus, ProgressUpdate, ReviewState, timeframe_deadline
from measures.monitoring import BEGUN
from tests.factories import (
    ConceptFactory,
    GoalFactory,
    MeasureFactory,
    ProgressUpdateFactory,
    TargetGroupFactory,
    VersionFactory,
    WorkingGroupFactory,
)
from tests.factories_progress import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

URL = "/umsetzung/"
CSV_URL = "/umsetzung/zahlen.csv"
TODAY = timezone.localdate()


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day so many years later or earlier (29 February: the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def approve(concept, decided_on: dt.date):
    return VersionFactory(
        concept=concept,
        number=1,
        status="approved",
        status_since=decided_on,
        frozen_at=timezone.now(),
        snapshot="{}",
        checksum="0" * 64,
    )


def measure_with(concept, status: str, *, updates=(), **kwargs) -> Measure:
    """A measure whose stored status is its latest published update's, as the writing side
    keeps it; `updates` are (date, status, review)."""
    measure = MeasureFactory(concept=concept, status=status, **kwargs)
    for day, update_status, review in updates:
        ProgressUpdateFactory(measure=measure, date=day, status=update_status, review=review)
    return measure


@pytest.fixture
def world():
    concept = ConceptFactory(slug="minden")
    school = WorkingGroupFactory(concept=concept, name="Bildung und Erziehung", slug="bildung")
    work = WorkingGroupFactory(concept=concept, name="Arbeit und Soziales", slug="arbeit")
    goal = GoalFactory(concept=concept, code="B1", title="Sprache fördern", working_group=school)
    parents = TargetGroupFactory(name="Eltern", slug="eltern")
    youth = TargetGroupFactory(name="Jugendliche", slug="jugendliche")
    published, pending, hidden = ReviewState.PUBLISHED, ReviewState.PENDING, ReviewState.HIDDEN
    last_year = TODAY.year - 1
    begun_a = measure_with(
        concept,
        "in_progress",
        working_group=school,
        goal=goal,
        updates=[(dt.date(last_year, 2, 10), "in_progress", published)],
    )
    begun_a.target_groups.add(parents, youth)
    done = measure_with(
        concept,
        "implemented",
        working_group=school,
        timeframe="medium",
        updates=[
            (dt.date(last_year, 5, 3), "in_progress", published),
            (dt.date(last_year, 11, 20), "implemented", published),
        ],
    )
    done.target_groups.add(parents)
    # Waiting for review and hidden: neither counts, the stored status stays "geplant".
    waiting = measure_with(
        concept,
        "planned",
        working_group=work,
        updates=[(dt.date(last_year, 6, 1), "in_progress", pending)],
    )
    hidden_one = measure_with(
        concept,
        "planned",
        working_group=work,
        timeframe="long",
        updates=[(dt.date(last_year, 7, 1), "ongoing", hidden)],
    )
    dropped = measure_with(concept, "dropped", working_group=work)
    # 12 of 20 published, a later 18 waiting: the indicator stands at 12.
    courses = IndicatorFactory(measure=begun_a, name="Sprachkurse", baseline=0, target=20)
    IndicatorValueFactory(
        indicator=courses, update=begun_a.progress_updates.get(), value=Decimal(12)
    )
    later = ProgressUpdateFactory(measure=begun_a, date=TODAY, status="in_progress", review=pending)
    IndicatorValueFactory(indicator=courses, update=later, value=Decimal(18))
    # Only a hidden value: no current value at all.
    places = IndicatorFactory(measure=hidden_one, name="Plätze", unit="Plätze", target=10)
    IndicatorValueFactory(
        indicator=places, update=hidden_one.progress_updates.get(), value=Decimal(7)
    )
    return {
        "concept": concept,
        "measures": [begun_a, done, waiting, hidden_one, dropped],
        "courses": courses,
        "places": places,
    }


def page(client, url=URL, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content[:300]
    return html.fromstring(response.content)


def bar_values(tree, chart: str) -> dict[str, dict[str, int]]:
    """{bar key: {status: count}} as the SVG draws it."""
    bars = {}
    for group in tree.xpath(f'//svg[@id="{chart}"]//g'):
        bars[group.get("data-key")] = {
            rect.get("data-key"): int(rect.get("data-value")) for rect in group.xpath("rect")
        }
    return bars


def table_values(tree, heading: str) -> dict[str, dict[str, int]]:
    """{row key: {status: count}} of the status table in the section named by `heading`."""
    rows = {}
    section = tree.xpath(f'//section[@aria-labelledby="{heading}"]')[0]
    for row in section.xpath(".//table")[0].xpath("./tbody/tr"):
        key = row.xpath("./th")[0].get("data-key")
        rows[key] = {
            cell.get("data-key"): int(cell.text)
            for cell in row.xpath("./td")
            if cell.get("data-key") != "total" and int(cell.text)
        }
    return rows


def test_status_chart_equals_table_equals_the_database(client, world):
    tree = page(client)
    database = dict(
        Measure.objects.filter(concept=world["concept"])
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    assert database == {"in_progress": 1, "implemented": 1, "planned": 2, "dropped": 1}
    assert bar_values(tree, "chart-status") == {"": database}
    assert table_values(tree, "status-heading") == {"": database}
    by_group = {}
    for slug, status, n in Measure.objects.values_list("working_group__slug", "status").annotate(
        n=Count("pk")
    ):
        by_group.setdefault(slug, {})[status] = n
    assert bar_values(tree, "chart-arbeitsgruppe") == by_group
    assert table_values(tree, "arbeitsgruppe-heading") == by_group
    # Every measure once per target group, the measures without one apart.
    by_target = {"eltern": {"in_progress": 1, "implemented": 1}, "jugendliche": {"in_progress": 1}}
    by_target[""] = {"planned": 2, "dropped": 1}
    assert bar_values(tree, "chart-zielgruppe") == by_target
    assert table_values(tree, "zielgruppe-heading") == by_target
    by_goal = {"B1": {"in_progress": 1}, "": {"implemented": 1, "planned": 2, "dropped": 1}}
    assert bar_values(tree, "chart-ziel") == table_values(tree, "ziel-heading") == by_goal


def test_measures_begun_count_only_published_updates(client, world):
    tree = page(client)
    firsts = (
        ProgressUpdate.objects.published()
        .filter(status__in=BEGUN)
        .values("measure")
        .annotate(first=Min("date"))
    )
    per_quarter = Counter(
        f"{row['first'].year}-Q{(row['first'].month - 1) // 3 + 1}" for row in firsts
    )
    assert sum(per_quarter.values()) == 2  # not the waiting one, not the hidden one
    points = {
        circle.get("data-key"): int(circle.get("data-value"))
        for circle in tree.xpath('//svg[@id="chart-begun"]//circle')
    }
    table = {
        row.get("data-key"): int(row.xpath('./td[@data-key="cumulative"]')[0].text)
        for row in tree.xpath('//table[contains(@class, "begun-table")]/tbody/tr')
    }
    running, expected = 0, {}
    for key in points:
        running += per_quarter.get(key, 0)
        expected[key] = running
    assert points == table == expected
    assert list(points)[0] == f"{TODAY.year - 1}-Q1" and list(points.values())[-1] == 2


def test_indicators_stand_at_their_latest_published_value(client, world):
    tree = page(client)
    courses, places = world["courses"], world["places"]
    bars = {
        rect.get("data-key"): Decimal(rect.get("data-value"))
        for rect in tree.xpath('//svg[@id="chart-indicators"]//rect[@data-key]')
    }
    assert bars == {str(courses.pk): Decimal("0.6000")}  # 12 of 20; no bar without a value
    row = tree.xpath(
        f'//table[contains(@class, "indicator-table")]/tbody/tr[@data-key="{courses.pk}"]'
    )[0]
    assert row.xpath('./td[@data-key="percent"]')[0].text.strip() == "60 %"
    # The current value is the latest published one (12), not the newer pending one (18);
    # the cell itself, since the measure's number in the row may contain any digits.
    current = row.xpath("./td")[2]
    assert current.text.strip() == "12" and "18" not in current.text_content()
    empty = tree.xpath(f'//tr[@data-key="{places.pk}"]/td[@data-key="percent"]')[0]
    assert empty.text.strip() == "–"
    svg_text = html.tostring(tree.xpath('//svg[@id="chart-indicators"]')[0], encoding="unicode")
    assert "12 von 20 Kurse" in svg_text and "noch kein Wert" in svg_text


def test_overdue_is_counted_from_the_councils_decision(client, world, settings):
    settings.PORTAL_TIMEFRAME_YEARS = {"short": 2, "medium": 5, "long": 10}
    decided = add_years(TODAY, -3)
    approve(world["concept"], decided)
    # short (2 years) has passed, medium (5) and long (10) have not.
    tree = page(client)
    rows = {
        row.get("data-key"): {
            cell.get("data-key"): int(cell.text) for cell in row.xpath("./td[@data-key]")
        }
        for row in tree.xpath('//table[contains(@class, "timeframe-table")]/tbody/tr')
    }
    short_open = (
        Measure.objects.filter(timeframe="short")
        .exclude(status__in=["implemented", "ongoing", "dropped"])
        .count()
    )
    assert short_open == 2  # in Umsetzung and the waiting one; the dropped one is settled
    assert rows["short"] == {"total": 3, "settled": 1, "overdue": short_open}
    assert rows["medium"]["overdue"] == rows["long"]["overdue"] == 0
    listed = [
        int(row.get("data-key"))
        for row in tree.xpath('//table[contains(@class, "overdue-table")]/tbody/tr')
    ]
    assert listed == sorted(
        Measure.objects.filter(timeframe="short")
        .exclude(status__in=["implemented", "ongoing", "dropped"])
        .values_list("number", flat=True)
    )
    summary = tree.xpath('//p[@id="overdue-summary"]')[0].text_content()
    assert (
        add_years(decided, 2).strftime("%d.%m.%Y") in summary
        or str(add_years(decided, 2).year) in summary
    )

    # Five years on, the medium one would be due too, but it is implemented: not overdue.
    settings.PORTAL_TIMEFRAME_YEARS = {"short": 2, "medium": 1, "long": 10}
    tree = page(client)
    assert tree.xpath('//tr[@data-key="medium"]/td[@data-key="overdue"]')[0].text == "0"
    settings.PORTAL_TIMEFRAME_YEARS = {"short": 2, "medium": 1, "long": 1}
    tree = page(client)
    assert tree.xpath('//tr[@data-key="long"]/td[@data-key="overdue"]')[0].text == "1"


def test_without_a_council_decision_nothing_is_overdue(client, world):
    tree = page(client)
    assert not tree.xpath('//table[contains(@class, "overdue-table")]')
    assert "keine Frist" in tree.xpath('//p[@id="overdue-summary"]')[0].text_content()


def test_a_leap_day_deadline_falls_on_the_28th(settings):
    settings.PORTAL_TIMEFRAME_YEARS = {"short": 2, "medium": 4, "long": 10}
    assert timeframe_deadline("short", dt.date(2024, 2, 29)) == dt.date(2026, 2, 28)
    assert timeframe_deadline("medium", dt.date(2024, 2, 29)) == dt.date(2028, 2, 29)


def test_filters_in_the_address_count_only_the_chosen_measures(client, world):
    tree = page(client, params={"gruppe": "arbeit"})
    assert bar_values(tree, "chart-status") == {"": {"planned": 2, "dropped": 1}}
    assert "3 Maßnahmen ausgewählt" in tree.text_content()
    # The form is a GET form without a token, its choice kept.
    form = tree.xpath('//form[@id="umsetzung-filter"]')[0]
    assert form.get("method") == "get" and not form.xpath('.//input[@name="csrfmiddlewaretoken"]')
    assert form.xpath('.//select[@name="gruppe"]/option[@selected]')[0].get("value") == "arbeit"
    # A measure filtered by one target group still counts in its others.
    tree = page(client, params={"zielgruppe": "jugendliche"})
    assert bar_values(tree, "chart-zielgruppe") == {
        "eltern": {"in_progress": 1},
        "jugendliche": {"in_progress": 1},
    }
    tree = page(client, params={"zeitraum": "mittelfristig"})
    assert bar_values(tree, "chart-status") == {"": {"implemented": 1}}


def test_an_unknown_filter_value_is_explained_with_400(client, world):
    tree = page(client, params={"gruppe": "gibt-es-nicht"}, status=400)
    assert "ungültig" in tree.xpath('//p[@role="alert"]')[0].text_content()
    assert bar_values(tree, "chart-status")[""]["planned"] == 2  # the rest still shown
    response = client.get(CSV_URL, {"gruppe": "gibt-es-nicht"})
    assert response.status_code == 400 and "Arbeitsgruppe" in response.content.decode()


def test_old_english_facet_values_move_to_the_german_slugs(client, world):
    response = client.get(URL, {"zeitraum": "short"})
    assert response.status_code == 301 and response["Location"] == f"{URL}?zeitraum=kurzfristig"


def test_the_csv_holds_the_pages_numbers_in_the_one_dialect(client, world):
    response = client.get(CSV_URL, {"gruppe": "bildung"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Auswertung", "Gliederung", "Gruppe", "Merkmal", "Wert"]
    totals = {row[3]: row[4] for row in rows if row[1] == "gesamt"}
    assert totals["in Umsetzung"] == "1" and totals["umgesetzt"] == "1" and totals["geplant"] == "0"
    assert [
        "Indikatoren",
        "Maßnahme",
        f"{world['measures'][0].number}. Sprachkurse (Kurse)",
        "aktueller Wert",
        "12",
    ] in rows
    begun = [
        row for row in rows if row[0] == "Begonnene Maßnahmen" and row[3] == "begonnen insgesamt"
    ]
    assert begun[-1][4] == "2"
    assert 'attachment; filename="umsetzung-' in response["Content-Disposition"]


def test_the_page_is_in_the_main_navigation_and_in_english(client, world):
    tree = page(client)
    link = tree.xpath('//nav[contains(@class, "main-nav")]//a[@href="/umsetzung/"]')[0]
    assert link.text == "Umsetzung" and link.get("aria-current") == "page"
    english = page(client, "/en/umsetzung/")
    assert english.xpath("//html/@lang") == ["en"]
    assert english.xpath('//a[@href="/en/umsetzung/zahlen.csv"]')


def test_every_chart_is_an_image_named_by_its_heading_and_described(client, world):
    approve(world["concept"], add_years(TODAY, -3))
    tree = page(client)
    charts = tree.xpath("//svg")
    assert len(charts) == 6
    for chart in charts:
        assert chart.get("role") == "img"
        heading = tree.xpath(f'//*[@id="{chart.get("aria-labelledby")}"]')[0]
        assert heading.tag in {"h2", "h3"} and heading.text_content().strip()
        assert tree.xpath(f'//p[@id="{chart.get("aria-describedby")}"]')[0].text_content().strip()
    for table in tree.xpath("//table"):
        assert table.xpath("./caption") and table.xpath(".//th[@scope='col']")


def test_the_page_goes_into_the_page_cache(transactional_db, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600
    concept = ConceptFactory(slug="minden")
    MeasureFactory(concept=concept, status=MeasureStatus.PLANNED)
    assert client.get(URL).headers.get("X-Page-Cache") == "miss"
    assert client.get(URL).headers.get("X-Page-Cache") == "hit"
    assert client.get(URL, {"zeitraum": "kurzfristig"}).headers.get("X-Page-Cache") == "miss"


def test_current_values_are_the_models_own_definition(world):
    """The page reads the values in two queries; `with_current()` defines them."""
    from measures.models import Indicator
    from measures.monitoring import indicators_current

    newer = ProgressUpdateFactory(
        measure=world["courses"].measure, date=TODAY - dt.timedelta(days=1), status="in_progress"
    )
    IndicatorValueFactory(indicator=world["courses"], update=newer, value=Decimal(15))
    mine = {
        i.pk: (i.current_value, i.current_date) for i in indicators_current(Measure.objects.all())
    }
    model = {i.pk: (i.current_value, i.current_date) for i in Indicator.objects.with_current()}
    assert mine == model
    assert mine[world["courses"].pk] == (Decimal(15), newer.date)
    assert mine[world["places"].pk] == (None, None)
