"""One measures table, live or as frozen, and named so: the catalogue's CSV, the open data at
/massnahmen/daten/ and a frozen version's files have the same columns; the live ones follow
every progress update and issue nothing (the task worker renders them once per content
generation: tests/exports/test_live_files.py), the frozen ones keep the status they were
frozen with.
"""

import csv
import datetime as dt
import hashlib
import io
import json
import time
import zipfile

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from concept import issuing
from concept.issuing_jobs import issue_file
from concept.models import IssuedFile, RenderedFile
from measures import opendata
from measures.models import Measure
from measures.services import measure_cite, progress_record
from tests.exports.issuing_data import freeze, minden, version_in_consultation
from tests.factories import (
    GoalFactory,
    MeasureFactory,
    OrganisationFactory,
    RecommendationFactory,
    SectionFactory,
    TargetGroupFactory,
    WorkingGroupFactory,
)

COLUMNS = [
    "Nummer",
    "Titel",
    "Beschreibung",
    "Arbeitsgruppe",
    "Ziel",
    "Federführung",
    "Partner",
    "Zielgruppen",
    "Zeitraum",
    "Priorität",
    "Umsetzungsstand",
    "Stand",
    "Empfehlungen",
    "Zitiert in Abschnitten",
    "Beispielinhalt",
]
LIVE = "/massnahmen/daten/{}/"
CATALOGUE_CSV = "/massnahmen/export.csv"


def issued_file(version, document, fmt):
    """The version's issued file, issued now if the presentation has not issued it yet."""
    found = IssuedFile.objects.filter(version=version, document=document, format=fmt).first()
    return found or issue_file(version, document, fmt)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def world(db, media):
    """Version 1 frozen (the current version) with two measures, one of them fully related."""
    concept, group, measure = minden()
    goal = GoalFactory(concept=concept, code="B1", title="Sprache fördern", working_group=group)
    measure.goal = goal
    measure.lead_organisation = OrganisationFactory(name="Volkshochschule Minden")
    measure.save()
    measure.partners.add(OrganisationFactory(name="Familienzentrum Bärenkämpen"))
    measure.target_groups.add(TargetGroupFactory(name="Eltern"))
    RecommendationFactory(concept=concept, code="E1", title="Sprachbildung").measures.add(measure)
    other = MeasureFactory(concept=concept, working_group=group, number=2, title="Lesepaten")
    version, section = version_in_consultation(concept, measure)
    version = freeze(version)
    return {"concept": concept, "measure": measure, "other": other, "version": version}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def by_number(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    header = rows[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}


def xlsx_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))["Maßnahmen"].iter_rows(values_only=True))


def frozen_label(version) -> str:
    return (
        f"Anlage vom {timezone.localtime(version.frozen_at):%d.%m.%Y} (Umsetzungsstand eingefroren)"
    )


# --- one column list --------------------------------------------------------------------------


def test_every_measures_table_has_the_same_columns(client, world):
    frozen = world["version"]
    live_json = json.loads(body(client.get(LIVE.format("json"))))
    frozen_json = json.loads(opendata.render(frozen, "json"))

    headers = {
        "export.csv": csv_rows(body(client.get(CATALOGUE_CSV)))[0],
        "daten/csv": csv_rows(body(client.get(LIVE.format("csv"))))[0],
        "daten/xlsx": list(xlsx_rows(body(client.get(LIVE.format("xlsx"))))[0]),
        "daten/json": [column["label"] for column in live_json["columns"]],
        "frozen csv": csv_rows(opendata.render(frozen, "csv"))[0],
        "frozen xlsx": list(xlsx_rows(opendata.render(frozen, "xlsx"))[0]),
        "frozen json": [column["label"] for column in frozen_json["columns"]],
    }
    assert headers == dict.fromkeys(headers, COLUMNS)

    # The JSON names each column by key: every record has it, "stand" once at the top.
    keys = [column["key"] for column in live_json["columns"]]
    assert keys == [column["key"] for column in frozen_json["columns"]]
    for data in (live_json, frozen_json):
        assert data["stand"]
        assert len(data["measures"]) == 2
        for record in data["measures"]:
            assert set(keys) - {"stand"} <= set(record)


def test_the_catalogue_csv_and_the_live_data_agree_row_for_row(client, world):
    catalogue = csv_rows(body(client.get(CATALOGUE_CSV)))
    live = csv_rows(body(client.get(LIVE.format("csv"))))

    assert catalogue == live
    row = by_number(live)["1"]
    assert row["Ziel"] == "B1 Sprache fördern"
    assert row["Federführung"] == "Volkshochschule Minden"
    assert row["Partner"] == "Familienzentrum Bärenkämpen"
    assert row["Zielgruppen"] == "Eltern"
    assert row["Empfehlungen"] == "E1"
    assert row["Zitiert in Abschnitten"] == "1"


def test_the_catalogue_csv_keeps_its_filter(client, world):
    rows = csv_rows(body(client.get(CATALOGUE_CSV, {"q": "Lesepaten"})))
    assert rows[0] == COLUMNS
    assert [row[0] for row in rows[1:]] == ["2"]


# --- live and frozen --------------------------------------------------------------------------


def test_a_progress_update_changes_the_live_data_and_not_the_frozen_files(client, world):
    frozen, measure = world["version"], world["measure"]
    issued = {fmt: issued_file(frozen, opendata.DOCUMENT, fmt) for fmt in opendata.FORMATS}
    stored = {}
    for fmt, record in issued.items():
        with record.file.open("rb") as file:
            stored[fmt] = file.read()
    rendered = {fmt: opendata.render(frozen, fmt) for fmt in opendata.FORMATS}
    live_before = by_number(csv_rows(body(client.get(LIVE.format("csv")))))
    assert live_before["1"]["Umsetzungsstand"] == "geplant"
    assert live_before["1"]["Stand"].startswith("aktueller Umsetzungsstand vom ")

    progress_record(measure=measure, status="implemented", note="Läuft in allen Kitas.")

    live = by_number(csv_rows(body(client.get(LIVE.format("csv")))))
    assert live["1"]["Umsetzungsstand"] == "umgesetzt"
    assert live["2"]["Umsetzungsstand"] == "geplant"
    catalogue = by_number(csv_rows(body(client.get(CATALOGUE_CSV))))
    assert catalogue["1"]["Umsetzungsstand"] == "umgesetzt"
    live_json = json.loads(body(client.get(LIVE.format("json"))))
    assert live_json["measures"][0]["status"] == "implemented"
    assert live_json["measures"][0]["status_label"] == "umgesetzt"
    assert live_json["frozen"] is False
    live_xlsx = xlsx_rows(body(client.get(LIVE.format("xlsx"))))
    assert live_xlsx[1][COLUMNS.index("Umsetzungsstand")] == "umgesetzt"

    # The frozen version's files: the same bytes, stored or rendered again, as frozen.
    for fmt in opendata.FORMATS:
        assert opendata.render(frozen, fmt) == rendered[fmt] == stored[fmt]
    frozen_rows = by_number(csv_rows(stored["csv"]))
    assert frozen_rows["1"]["Umsetzungsstand"] == "geplant"
    assert frozen_rows["1"]["Stand"] == frozen_label(frozen)
    frozen_json = json.loads(stored["json"])
    assert frozen_json["frozen"] is True
    assert frozen_json["stand"] == frozen_label(frozen)
    assert frozen_json["measures"][0]["status"] == "planned"
    frozen_xlsx = xlsx_rows(stored["xlsx"])
    assert frozen_xlsx[1][COLUMNS.index("Stand")] == frozen_label(frozen)
    # Files issued with the key still verify.
    for record in issued.values():
        assert issuing.issued_file_lookup(sha256=record.sha256).files == [record]


def test_a_frozen_versions_files_do_not_depend_on_the_clock(world, monkeypatch):
    frozen = world["version"]
    first = {fmt: opendata.render(frozen, fmt) for fmt in opendata.FORMATS}
    live_first = opendata.live_stand(timezone.now())

    later = time.time() + 3 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime.fromtimestamp(later, tz=dt.UTC))
    again = {fmt: opendata.render(frozen, fmt) for fmt in opendata.FORMATS}

    assert opendata.live_stand(timezone.now()) != live_first  # the clock did move
    assert again == first
    # Every part of the workbook is dated when the version was frozen, not when written.
    frozen_at = frozen.frozen_at.astimezone(dt.UTC).timetuple()[:6]
    archive = zipfile.ZipFile(io.BytesIO(first["xlsx"]))
    zip_time = (*frozen_at[:5], frozen_at[5] // 2 * 2)  # ZIP counts seconds in twos
    assert {info.date_time for info in archive.infolist()} == {zip_time}
    properties = load_workbook(io.BytesIO(first["xlsx"])).properties
    # openpyxl reads the stored UTC time back without a zone.
    stored_utc = dt.datetime(*frozen_at, tzinfo=dt.UTC).replace(tzinfo=None)
    assert properties.modified == properties.created == stored_utc


def test_the_live_data_is_named_as_current(client, world):
    response = client.get(LIVE.format("json"))
    data = json.loads(body(response))
    now = timezone.localtime()

    assert data["stand"].startswith(f"aktueller Umsetzungsstand vom {now:%d.%m.%Y}, ")
    assert data["stand"].endswith(" Uhr")
    assert data["version"] == world["version"].number
    assert data["concept"]["slug"] == "minden"
    assert response["Content-Disposition"] == (
        f'attachment; filename="minden-massnahmen-{now:%Y-%m-%d}.json"'
    )
    # Not the frozen version's file name: that one is its Anlage.
    assert "-v1-" not in response["Content-Disposition"]


# --- nothing written, little read -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_live_download_is_rendered_once_per_generation_and_issues_nothing(
    client, world, media, tasks_run, fmt
):
    """Committed data (no test transaction): the task renders the file once (at once, with
    the immediate backend), every later download serves the stored rendering."""
    first = client.get(LIVE.format(fmt))
    second = client.get(LIVE.format(fmt))

    assert first.status_code == second.status_code == 200
    content = body(first)
    assert content == body(second)
    assert not IssuedFile.objects.exists()
    [rendered] = RenderedFile.objects.filter(document="opendata", format=fmt)
    stored = [path for path in media.rglob("*") if path.is_file()]
    assert [path.relative_to(media).parts[0] for path in stored] == ["rendered"]
    assert stored[0].read_bytes() == content
    assert rendered.sha256 == hashlib.sha256(content).hexdigest()
    assert "no-cache" in first["Cache-Control"]


def test_the_live_download_answers_its_etag_with_304(client, world):
    etag = client.get(LIVE.format("csv"))["ETag"]
    assert client.get(LIVE.format("csv"), headers={"if-none-match": etag}).status_code == 304

    progress_record(measure=world["measure"], status="in_progress")

    changed = client.get(LIVE.format("csv"), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_an_unknown_live_format_is_a_german_404(client, world):
    response = client.get(LIVE.format("pdf"))
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def grow(concept, version, *, first: int, count: int) -> None:
    """`count` more measures with every relation the table shows; the new sections join the
    draft (a frozen version's sections cannot change), so the live data cites in a draft."""
    group = WorkingGroupFactory(concept=concept)
    goal = GoalFactory(concept=concept)
    organisations = [OrganisationFactory() for _ in range(3)]
    target_groups = [TargetGroupFactory() for _ in range(2)]
    section = SectionFactory(version=version)
    for number in range(first, first + count):
        measure = MeasureFactory(
            concept=concept,
            working_group=group,
            goal=goal,
            lead_organisation=organisations[0],
            number=number,
        )
        measure.partners.add(*organisations)
        measure.target_groups.add(*target_groups)
        RecommendationFactory(concept=concept).measures.add(measure)
        measure_cite(measure=measure, sections=[section])
        progress_record(measure=measure, status="in_progress")


@pytest.mark.parametrize("url", [LIVE.format("csv"), LIVE.format("xlsx"), CATALOGUE_CSV])
def test_the_query_count_does_not_grow_with_the_measures(
    client, db, django_assert_max_num_queries, url
):
    concept, _group, measure = minden()
    version, _section = version_in_consultation(concept, measure)

    def count() -> int:
        cache.clear()  # a rendered live file is kept; measure the rendering
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow(concept, version, first=2, count=5)
    small = count()
    grow(concept, version, first=7, count=60)
    cache.clear()
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.status_code == 200
    assert count() == small
    assert Measure.objects.count() == 66


@pytest.mark.django_db(transaction=True)
def test_an_unchanged_live_download_is_served_from_its_stored_rendering(client, world, tasks_run):
    client.get(LIVE.format("xlsx"))
    with CaptureQueriesContext(connection) as queries:
        client.get(LIVE.format("xlsx"))
    # The concept, the current version (up to two), the content generation and the
    # rendering's row: no measure is read.
    assert len(queries) <= 5
    assert not any("measures_measure" in query["sql"] for query in queries.captured_queries)


# --- the catalogue names what it offers -------------------------------------------------------


def test_the_catalogue_labels_live_and_frozen_downloads(client, world):
    frozen = world["version"]
    html = client.get("/massnahmen/").content.decode()
    assert "Aktueller Umsetzungsstand:" in html
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/massnahmen/daten/{fmt}/"' in html
    assert "Anlage vom" not in html  # nothing issued yet: nothing frozen to offer

    issued = issued_file(frozen, opendata.DOCUMENT, "csv")
    html = client.get("/massnahmen/").content.decode()

    assert f"Version 1, Stand: {frozen_label(frozen)}:" in html
    assert f'href="/dateien/{issued.pk}/"' in html
    assert "mit dem aktuellen Umsetzungsstand" in html


def test_without_a_published_version_the_catalogue_offers_no_open_data(client, db):
    minden()
    html = client.get("/massnahmen/").content.decode()
    assert "/massnahmen/daten/" not in html
    assert client.get(LIVE.format("csv")).status_code == 404
    # The catalogue's own CSV still lists the measures, with nothing to cite.
    rows = csv_rows(body(client.get(CATALOGUE_CSV)))
    assert rows[0] == COLUMNS
    assert by_number(rows)["1"]["Zitiert in Abschnitten"] == ""
