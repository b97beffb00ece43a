"""Progress updates and indicators in the live open data: in the JSON (keys of their own), the
XLSX (sheets of their own) and the CSV (files of their own). Only published updates appear;
each indicator's current value is its latest published one, as `with_current()` gives the
measure page. A frozen version's files carry neither."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from measures import opendata
from measures.models import Indicator, IndicatorValue, ProgressUpdate, ReviewState
from measures.services import progress_record
from tests.factories import OrganisationFactory
from tests.measures.test_opendata_live import (  # noqa: F401 (fixtures)
    LIVE,
    body,
    csv_rows,
    media,
    world,
)

PROGRESS_CSV = "/massnahmen/daten/fortschritt/csv/"
INDICATORS_CSV = "/massnahmen/daten/indikatoren/csv/"
PROGRESS_HEADINGS = [
    "Maßnahme",
    "Datum",
    "Umsetzungsstand",
    "Bericht",
    "Gemeldet für",
    "Begründung der Korrektur",
    "Beispielinhalt",
]
INDICATOR_HEADINGS = [
    "Maßnahme",
    "Indikator",
    "Einheit",
    "Ausgangswert",
    "Zielwert",
    "Aktueller Wert",
    "Stand des Werts",
    "Beispielinhalt",
]


def update(measure, day, status, *, review=ReviewState.PUBLISHED, note="", reason="", org=None):
    """A progress update as the review left it (published, waiting or hidden)."""
    return ProgressUpdate.objects.create(
        measure=measure,
        date=day,
        status=status,
        note=note,
        review=review,
        public_reason=reason,
        reported_for=org,
    )


@pytest.fixture
def progress(db, request):
    data = request.getfixturevalue("world")
    measure, other = data["measure"], data["other"]
    vhs = measure.lead_organisation  # Volkshochschule Minden
    courses = Indicator.objects.create(
        measure=measure, name="Sprachkurse", unit="Kurse", baseline=Decimal("2.5"), target=20
    )
    Indicator.objects.create(measure=other, name="Lesepaten", unit="Personen", target=10)
    first = update(measure, dt.date(2026, 3, 1), "in_progress", note="Erste Kurse.", org=vhs)
    IndicatorValue.objects.create(update=first, indicator=courses, value=8)
    corrected = update(
        measure,
        dt.date(2026, 6, 1),
        "in_progress",
        note="Zwölf Kurse laufen.",
        reason="Zahl der Kurse berichtigt.",
        org=vhs,
    )
    IndicatorValue.objects.create(update=corrected, indicator=courses, value=Decimal("12.5"))
    waiting = update(
        measure, dt.date(2026, 9, 1), "implemented", review=ReviewState.PENDING, note="Wartet."
    )
    IndicatorValue.objects.create(update=waiting, indicator=courses, value=19)
    hidden = update(
        measure, dt.date(2026, 10, 1), "dropped", review=ReviewState.HIDDEN, note="Versteckt."
    )
    IndicatorValue.objects.create(update=hidden, indicator=courses, value=1)
    progress_record(measure=other, status="deferred", note="Später.", date=dt.date(2026, 2, 1))
    return data


def test_the_json_holds_only_published_updates_and_current_values(client, progress):
    data = json.loads(body(client.get(LIVE.format("json"))))

    assert [c["key"] for c in data["progress_columns"]] == [
        "measure",
        "date",
        "status",
        "note",
        "reported_for",
        "correction_reason",
        "is_example",
    ]
    assert [c["label"] for c in data["progress_columns"]] == PROGRESS_HEADINGS
    assert [c["label"] for c in data["indicator_columns"]] == INDICATOR_HEADINGS
    assert [(u["measure"], u["date"], u["note"]) for u in data["progress_updates"]] == [
        (1, "2026-03-01", "Erste Kurse."),
        (1, "2026-06-01", "Zwölf Kurse laufen."),
        (2, "2026-02-01", "Später."),
    ]
    corrected = data["progress_updates"][1]
    assert corrected == {
        "measure": 1,
        "date": "2026-06-01",
        "status": "in_progress",
        "status_label": "in Umsetzung",
        "note": "Zwölf Kurse laufen.",
        "reported_for": "Volkshochschule Minden",
        "correction_reason": "Zahl der Kurse berichtigt.",
        "is_example": False,
    }
    assert data["progress_updates"][2]["reported_for"] is None
    assert data["indicators"] == [
        {
            "measure": 1,
            "name": "Sprachkurse",
            "unit": "Kurse",
            "baseline": 2.5,
            "target": 20,
            "current_value": 12.5,
            "current_date": "2026-06-01",
            "is_example": False,
        },
        {
            "measure": 2,
            "name": "Lesepaten",
            "unit": "Personen",
            "baseline": 0,
            "target": 10,
            "current_value": None,
            "current_date": None,
            "is_example": False,
        },
    ]


def test_the_open_data_agrees_with_with_current(client, progress):
    """One source: the values the measure page reads."""
    data = json.loads(body(client.get(LIVE.format("json"))))
    current = {
        (i.measure.number, i.name): (
            float(i.current_value) if i.current_value is not None else None,
            i.current_date.isoformat() if i.current_date else None,
        )
        for i in Indicator.objects.with_current().select_related("measure")
    }
    assert {
        (i["measure"], i["name"]): (i["current_value"], i["current_date"])
        for i in data["indicators"]
    } == current

    # Publishing the waiting update moves the value in the open data as on the page.
    ProgressUpdate.objects.filter(review=ReviewState.PENDING).update(review=ReviewState.PUBLISHED)
    data = json.loads(body(client.get(LIVE.format("json"))))
    assert data["indicators"][0]["current_value"] == 19
    assert data["indicators"][0]["current_date"] == "2026-09-01"
    assert len(data["progress_updates"]) == 4


def test_the_csv_files_hold_the_two_tables(client, progress):
    response = client.get(PROGRESS_CSV)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="minden-massnahmen-fortschritt-'
    )
    rows = csv_rows(body(response))
    assert rows[0] == PROGRESS_HEADINGS
    assert rows[1:] == [
        ["1", "2026-03-01", "in Umsetzung", "Erste Kurse.", "Volkshochschule Minden", "", "nein"],
        [
            "1",
            "2026-06-01",
            "in Umsetzung",
            "Zwölf Kurse laufen.",
            "Volkshochschule Minden",
            "Zahl der Kurse berichtigt.",
            "nein",
        ],
        ["2", "2026-02-01", "zurückgestellt", "Später.", "", "", "nein"],
    ]

    rows = csv_rows(body(client.get(INDICATORS_CSV)))
    assert rows[0] == INDICATOR_HEADINGS
    assert rows[1:] == [
        ["1", "Sprachkurse", "Kurse", "2,5", "20", "12,5", "2026-06-01", "nein"],
        ["2", "Lesepaten", "Personen", "0", "10", "", "", "nein"],
    ]


def test_the_workbook_has_a_sheet_for_each_table(client, progress):
    workbook = load_workbook(io.BytesIO(body(client.get(LIVE.format("xlsx")))))
    assert workbook.sheetnames == [
        "Maßnahmen",
        "Ziele",
        "Handlungsempfehlungen",
        "Fortschrittsmeldungen",
        "Indikatoren",
    ]
    updates = list(workbook["Fortschrittsmeldungen"].iter_rows(values_only=True))
    assert list(updates[0]) == PROGRESS_HEADINGS
    # Dates are dates in the workbook (openpyxl reads them back as midnight).
    assert [(row[0], row[1].date(), row[2], row[3]) for row in updates[1:]] == [
        (1, dt.date(2026, 3, 1), "in Umsetzung", "Erste Kurse."),
        (1, dt.date(2026, 6, 1), "in Umsetzung", "Zwölf Kurse laufen."),
        (2, dt.date(2026, 2, 1), "zurückgestellt", "Später."),
    ]
    indicators = list(workbook["Indikatoren"].iter_rows(values_only=True))
    assert list(indicators[0]) == INDICATOR_HEADINGS
    assert indicators[1][:6] == (1, "Sprachkurse", "Kurse", 2.5, 20, 12.5)
    assert indicators[1][6].date() == dt.date(2026, 6, 1)
    assert indicators[2][5] is None


def test_the_measures_csv_and_the_frozen_files_are_unchanged(client, progress):
    rows = csv_rows(body(client.get(LIVE.format("csv"))))
    assert rows[0][0] == "Nummer" and len(rows) == 3
    frozen = progress["version"]
    frozen_json = json.loads(opendata.render(frozen, "json"))
    assert "progress_updates" not in frozen_json and "indicators" not in frozen_json
    frozen_book = load_workbook(io.BytesIO(opendata.render(frozen, "xlsx")))
    assert frozen_book.sheetnames == ["Maßnahmen", "Ziele", "Handlungsempfehlungen"]


def test_unknown_tables_and_formats_are_a_german_404(client, progress):
    for url in ("/massnahmen/daten/fortschritt/xlsx/", "/massnahmen/daten/sonstiges/csv/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Seite nicht gefunden" in response.content.decode()


def test_the_catalogue_links_both_tables(client, progress):
    html = client.get("/massnahmen/").content.decode()
    assert f'href="{PROGRESS_CSV}"' in html
    assert f'href="{INDICATORS_CSV}"' in html


def test_the_progress_csv_reads_the_same_number_of_queries_for_more_updates(client, progress):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PROGRESS_CSV).status_code == 200
        return len(queries)

    small = count()
    measure = progress["measure"]
    for day in range(1, 21):
        update(measure, dt.date(2025, 1, day), "in_progress", org=OrganisationFactory())
    assert count() == small
    assert len(csv_rows(body(client.get(PROGRESS_CSV)))) == 24
