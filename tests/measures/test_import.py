"""Import of measures and recommendations from CSV/XLSX: all or nothing, every error reported."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from measures.importing import MAX_ROWS, MeasureImportError, measures_import
from measures.models import Measure, MeasureStatus, Priority, Recommendation, Timeframe
from measures.services import progress_record
from tests.factories import (
    ConceptFactory,
    GoalFactory,
    MeasureFactory,
    OrganisationFactory,
    RecommendationFactory,
    SessionFactory,
    TargetGroupFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

HEADERS = [
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
    "Empfehlungen",
]
GOOD_ROWS = [
    [
        "1",
        "Sprachförderung in Kitas ausbauen",
        "Alltagsintegrierte Sprachförderung für alle Kinder; Fortbildung der Fachkräfte.",
        "Bildung und Erziehung",
        "B1",
        "Stadt Minden, Fachbereich Jugend",
        "Volkshochschule Minden, Türkisch-Islamische Gemeinde Minden",
        "Kinder, Eltern",
        "kurzfristig",
        "hoch",
        "E1, E2",
    ],
    [
        "2",
        "Elterncafés in allen Stadtteilen",
        "",
        "arbeit",
        "",
        "",
        "",
        "Eltern",
        "Mittelfristig",
        "MITTEL",
        "E2",
    ],
]
REC_HEADERS = ["Kennung", "Titel", "Text"]
REC_ROWS = [
    ["E1", "Frühe Bildung stärken", "imap empfiehlt, die Sprachförderung zu verstetigen."],
    ["E2", "Eltern beteiligen", "Elternarbeit in Schulen und Kitas ausbauen – „niedrigschwellig“."],
]


@pytest.fixture
def concept():
    concept = ConceptFactory(slug="minden", title="Integrationskonzept Minden")
    education = WorkingGroupFactory(concept=concept, name="Bildung und Erziehung", slug="bildung")
    WorkingGroupFactory(concept=concept, name="Arbeit und Soziales", slug="arbeit")
    GoalFactory(concept=concept, code="B1", title="Sprache früh fördern", working_group=education)
    for name in (
        "Stadt Minden, Fachbereich Jugend",
        "Volkshochschule Minden",
        "Türkisch-Islamische Gemeinde Minden",
    ):
        OrganisationFactory(name=name)
    TargetGroupFactory(name="Kinder", slug="kinder")
    TargetGroupFactory(name="Eltern", slug="eltern")
    return concept


def csv_bytes(headers, rows, *, bom=True):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(sheets):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_import(concept, data, filename="massnahmen.csv", recommendations=None, **kwargs):
    extra = {}
    if recommendations is not None:
        extra = {
            "recommendations_file": io.BytesIO(recommendations),
            "recommendations_filename": "empfehlungen.csv",
        }
    return measures_import(
        concept=concept, file=io.BytesIO(data), filename=filename, **extra, **kwargs
    )


def import_errors(concept, data, filename="massnahmen.csv", recommendations=None):
    with pytest.raises(MeasureImportError) as info:
        run_import(concept, data, filename, recommendations)
    return [str(error) for error in info.value.errors]


def test_good_csv_creates_measures_with_all_relations_and_recommendations(concept):
    result = run_import(
        concept, csv_bytes(HEADERS, GOOD_ROWS), recommendations=csv_bytes(REC_HEADERS, REC_ROWS)
    )

    assert (result.created, result.updated) == (2, 0)
    assert (result.recommendations_created, result.recommendations_updated) == (2, 0)
    first = Measure.objects.get(concept=concept, number=1)
    assert first.title == "Sprachförderung in Kitas ausbauen"
    assert first.description.startswith("Alltagsintegrierte Sprachförderung")
    assert first.working_group.slug == "bildung"
    assert first.goal.code == "B1"
    assert first.lead_organisation.name == "Stadt Minden, Fachbereich Jugend"
    assert sorted(first.partners.values_list("name", flat=True)) == [
        "Türkisch-Islamische Gemeinde Minden",
        "Volkshochschule Minden",
    ]
    assert sorted(first.target_groups.values_list("name", flat=True)) == ["Eltern", "Kinder"]
    assert (first.timeframe, first.priority) == (Timeframe.SHORT, Priority.HIGH)
    assert first.status == MeasureStatus.PLANNED
    assert sorted(first.recommendations.values_list("code", flat=True)) == ["E1", "E2"]
    second = Measure.objects.get(concept=concept, number=2)
    assert second.working_group.slug == "arbeit"
    assert second.goal is None and second.lead_organisation is None
    assert (second.timeframe, second.priority) == (Timeframe.MEDIUM, Priority.MEDIUM)
    e2 = Recommendation.objects.get(concept=concept, code="E2")
    assert e2.text == "Elternarbeit in Schulen und Kitas ausbauen – „niedrigschwellig“."
    assert sorted(e2.measures.values_list("number", flat=True)) == [1, 2]


def test_reimport_updates_instead_of_duplicating(concept):
    run_import(
        concept, csv_bytes(HEADERS, GOOD_ROWS), recommendations=csv_bytes(REC_HEADERS, REC_ROWS)
    )
    changed = [row[:] for row in GOOD_ROWS]
    changed[0][1] = "Sprachförderung in allen Kitas"
    changed[0][6] = "Volkshochschule Minden"
    changed[0][10] = "E1"
    changed_recs = [["E2", "Eltern beteiligen", "Neuer Text."]]

    result = run_import(
        concept, csv_bytes(HEADERS, changed), recommendations=csv_bytes(REC_HEADERS, changed_recs)
    )

    assert (result.created, result.updated) == (0, 2)
    assert (result.recommendations_created, result.recommendations_updated) == (0, 1)
    assert Measure.objects.filter(concept=concept).count() == 2
    assert Recommendation.objects.filter(concept=concept).count() == 2
    first = Measure.objects.get(concept=concept, number=1)
    assert first.title == "Sprachförderung in allen Kitas"
    assert list(first.partners.values_list("name", flat=True)) == ["Volkshochschule Minden"]
    assert list(first.recommendations.values_list("code", flat=True)) == ["E1"]
    assert Recommendation.objects.get(code="E2").text == "Neuer Text."


def test_reimport_keeps_status_and_fields_of_absent_columns(concept):
    measure = MeasureFactory(concept=concept, number=1, description="Bleibt.")
    progress_record(measure=measure, status=MeasureStatus.IN_PROGRESS)
    headers = ["Nummer", "Titel", "Arbeitsgruppe", "Zeitraum", "Priorität", "Status"]
    rows = [["1", "Neuer Titel", "bildung", "langfristig", "niedrig", "umgesetzt"]]

    result = run_import(concept, csv_bytes(headers, rows))

    measure.refresh_from_db()
    assert (result.created, result.updated) == (0, 1)
    assert measure.title == "Neuer Titel"
    assert measure.description == "Bleibt."
    assert measure.status == MeasureStatus.IN_PROGRESS
    assert result.ignored_columns == ("Status",)
    assert "Fortschrittsmeldungen" in result.notices[0]


def test_csv_without_bom_is_read_too(concept):
    rows = [row[:10] + [""] for row in GOOD_ROWS]

    result = run_import(concept, csv_bytes(HEADERS, rows, bom=False))

    assert result.created == 2
    assert Measure.objects.get(number=1).title == "Sprachförderung in Kitas ausbauen"


def test_good_xlsx_with_measures_and_recommendations_sheets(concept):
    rows = [[1, *GOOD_ROWS[0][1:]], [2.0, *GOOD_ROWS[1][1:]]]
    data = xlsx_bytes({"Maßnahmen": (HEADERS, rows), "Empfehlungen": (REC_HEADERS, REC_ROWS)})

    result = run_import(concept, data, filename="Massnahmen.XLSX")

    assert (result.created, result.recommendations_created) == (2, 2)
    first = Measure.objects.get(concept=concept, number=1)
    assert first.lead_organisation.name == "Stadt Minden, Fachbereich Jugend"
    assert sorted(first.recommendations.values_list("code", flat=True)) == ["E1", "E2"]
    assert Measure.objects.get(concept=concept, number=2).priority == Priority.MEDIUM


def test_one_bad_row_imports_nothing_and_names_row_and_field(concept):
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], [*GOOD_ROWS[1][:8], "bald", "hoch", ""]]
    rows[2][0] = "3"

    errors = import_errors(
        concept, csv_bytes(HEADERS, rows), recommendations=csv_bytes(REC_HEADERS, REC_ROWS)
    )

    assert errors == [
        "Zeile 4, Spalte „Zeitraum“: „bald“ ist kein gültiger Zeitraum "
        "(kurzfristig, mittelfristig, langfristig)."
    ]
    assert not Measure.objects.exists()
    assert not Recommendation.objects.exists()


def test_a_bad_file_leaves_existing_measures_untouched(concept):
    MeasureFactory(concept=concept, number=1, title="Alter Titel")
    rows = [GOOD_ROWS[0], [*GOOD_ROWS[1][:9], "dringend", ""]]

    errors = import_errors(
        concept, csv_bytes(HEADERS, rows), recommendations=csv_bytes(REC_HEADERS, REC_ROWS)
    )

    assert errors == [
        "Zeile 3, Spalte „Priorität“: „dringend“ ist keine gültige Priorität "
        "(hoch, mittel, niedrig)."
    ]
    assert Measure.objects.get(concept=concept, number=1).title == "Alter Titel"
    assert Measure.objects.count() == 1


def test_every_bad_row_and_field_is_reported(concept):
    def row(number, **changes):
        values = dict(zip(HEADERS, GOOD_ROWS[1], strict=True), Nummer=number, Empfehlungen="")
        values.update(changes)
        return [values[h] for h in HEADERS]

    rows = [
        row("1"),
        row("1"),
        row("0"),
        row("x7"),
        row("5", Titel=""),
        row("6", Titel="T" * 301),
        row("7", Arbeitsgruppe="Sport"),
        row("8", Ziel="Z9", Federführung="Unbekannter Verein"),
        row("9", Partner="Volkshochschule Minden, Phantom e. V.", Zielgruppen="Senioren"),
        row("10", Empfehlungen="E1, E99", Zeitraum="", Priorität="irgendwann"),
    ]

    errors = import_errors(concept, csv_bytes(HEADERS, rows))

    assert errors == [
        "Zeile 3, Spalte „Nummer“: Die Nummer 1 steht bereits in Zeile 2.",
        "Zeile 4, Spalte „Nummer“: „0“ ist keine positive ganze Zahl.",
        "Zeile 5, Spalte „Nummer“: „x7“ ist keine positive ganze Zahl.",
        "Zeile 6, Spalte „Titel“: Der Titel fehlt.",
        "Zeile 7, Spalte „Titel“: Zu lang: 301 Zeichen, höchstens 300 sind erlaubt.",
        "Zeile 8, Spalte „Arbeitsgruppe“: „Sport“ ist keine Arbeitsgruppe dieses Konzepts "
        "(bekannt: Arbeit und Soziales, Bildung und Erziehung).",
        "Zeile 9, Spalte „Ziel“: Ein Ziel „Z9“ gibt es in diesem Konzept nicht.",
        "Zeile 9, Spalte „Federführung“: Unbekannte Organisation „Unbekannter Verein“. "
        "Bitte zuerst im Admin anlegen.",
        "Zeile 10, Spalte „Partner“: Unbekannte Organisation(en): „Phantom e. V.“. "
        "Bitte zuerst im Admin anlegen.",
        "Zeile 10, Spalte „Zielgruppen“: Unbekannte Zielgruppe(n): „Senioren“.",
        "Zeile 11, Spalte „Empfehlungen“: Unbekannte Handlungsempfehlung(en): „E1“, „E99“. "
        "Sie stehen weder im Konzept noch in den importierten Empfehlungen.",
        "Zeile 11, Spalte „Zeitraum“: Der Wert fehlt (kurzfristig, mittelfristig, langfristig).",
        "Zeile 11, Spalte „Priorität“: „irgendwann“ ist keine gültige Priorität "
        "(hoch, mittel, niedrig).",
    ]
    assert not Measure.objects.exists()


def test_bad_recommendation_rows_are_reported_with_their_sheet(concept):
    recs = [["E1", "", "Text"], ["E1", "Doppelt", "Text"], ["E3", "Ohne Maßnahme", ""]]

    errors = import_errors(
        concept, csv_bytes(HEADERS, GOOD_ROWS[:1]), recommendations=csv_bytes(REC_HEADERS, recs)
    )

    assert errors == [
        "Empfehlungen, Zeile 2, Spalte „Titel“: Der Titel fehlt.",
        "Empfehlungen, Zeile 3, Spalte „Kennung“: Die Kennung „E1“ steht bereits in Zeile 2.",
        "Empfehlungen, Zeile 4, Spalte „Text“: Der Text fehlt.",
        "Zeile 2, Spalte „Empfehlungen“: Unbekannte Handlungsempfehlung(en): „E2“. "
        "Sie stehen weder im Konzept noch in den importierten Empfehlungen.",
    ]


def test_unreadable_recommendations_file_is_reported_once(concept):
    errors = import_errors(concept, csv_bytes(HEADERS, GOOD_ROWS), recommendations=PDF)

    assert errors == [f"Empfehlungen: {WRONG_TYPE}"]


def test_list_cells_accept_semicolons_and_line_breaks(concept):
    row = [*GOOD_ROWS[0][:6], "Volkshochschule Minden;\nTürkisch-Islamische Gemeinde Minden"]
    row += ["kinder\neltern", *GOOD_ROWS[0][8:10], ""]

    run_import(concept, csv_bytes(HEADERS, [row]))

    measure = Measure.objects.get(number=1)
    assert measure.partners.count() == 2
    assert measure.target_groups.count() == 2


def test_recommendation_linked_to_no_measure_is_reported(concept):
    recs = [*REC_ROWS, ["E3", "Ohne Maßnahme", "Text"]]

    errors = import_errors(
        concept, csv_bytes(HEADERS, GOOD_ROWS), recommendations=csv_bytes(REC_HEADERS, recs)
    )

    assert errors == [
        "Empfehlungen, Zeile 4, Spalte „Kennung“: Die Empfehlung „E3“ ist keiner Maßnahme "
        "zugeordnet. Bitte bei den Maßnahmen in der Spalte „Empfehlungen“ eintragen."
    ]


def test_measures_may_cite_recommendations_already_in_the_concept(concept):
    RecommendationFactory(concept=concept, code="E1")
    RecommendationFactory(concept=concept, code="E2")

    run_import(concept, csv_bytes(HEADERS, GOOD_ROWS))

    assert Recommendation.objects.get(code="E2").measures.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xef\xbb\xbf",
        "Nummer;Titel;Arbeitsgruppe;Zeitraum;Priorität\r\n".encode(),
        b";;;\r\n",
    ],
    ids=["empty", "bom-only", "header-only", "blank-cells"],
)
def test_empty_file_is_refused(concept, data):
    assert import_errors(concept, data) == ["Die Datei enthält keine Daten."]


def test_empty_xlsx_is_refused(concept):
    data = xlsx_bytes({"Maßnahmen": (HEADERS, [])})

    assert import_errors(concept, data, "leer.xlsx") == ["Die Datei enthält keine Daten."]


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer\n%%EOF\n"
WRONG_TYPE = "Nur CSV- (Semikolon-getrennt, UTF-8) und XLSX-Dateien können importiert werden."


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (PDF, "massnahmen.pdf"),
        (PDF, "massnahmen.csv"),
        (csv_bytes(HEADERS, GOOD_ROWS), "massnahmen.txt"),
        (b"\x00\x01\x02binary", "massnahmen.csv"),
        (csv_bytes(HEADERS, GOOD_ROWS), "massnahmen.xls"),
        (csv_bytes(HEADERS, GOOD_ROWS), "ohne-endung"),
    ],
    ids=["pdf", "pdf-named-csv", "txt", "binary-csv", "xls", "no-extension"],
)
def test_wrong_file_type_is_refused(concept, data, filename):
    assert import_errors(concept, data, filename) == [WRONG_TYPE]
    assert not Measure.objects.exists()


@pytest.mark.parametrize("data", [b"PK\x03\x04not really a zip", PDF, b"Nummer;Titel\r\n1;A\r\n"])
def test_invalid_xlsx_is_refused(concept, data):
    errors = import_errors(concept, data, "massnahmen.xlsx")

    assert len(errors) == 1
    assert errors[0].startswith("Die Datei ist keine gültige XLSX-Datei")


def test_csv_not_in_utf8_is_refused(concept):
    data = "\r\n".join(";".join(row) for row in [HEADERS, GOOD_ROWS[1]]).encode("cp1252")

    errors = import_errors(concept, data)

    assert errors == [
        "Die CSV-Datei ist nicht in UTF-8 kodiert (erstes ungültiges Zeichen in Textzeile 1). "
        "Bitte als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern."
    ]


def test_csv_with_commas_gets_a_hint_about_the_separator(concept):
    data = "Nummer,Titel,Arbeitsgruppe,Zeitraum,Priorität\r\n1,A,bildung,kurzfristig,hoch\r\n"

    errors = import_errors(concept, data.encode())

    assert errors == [
        "Zeile 1: Die Spalten sind nicht mit Semikolon getrennt. Bitte als CSV mit „;“ als "
        "Trennzeichen speichern."
    ]


def test_missing_and_unknown_headers_are_reported(concept):
    headers = ["Nummer", "titel", "Arbeitsgruppe", "Zeitraum", "Zielgruppe", "Nummer"]

    errors = import_errors(concept, csv_bytes(headers, [["1", "A", "bildung", "kurz", "", "1"]]))

    assert errors == [
        "Zeile 1, Spalte „Zielgruppe“: Unbekannte Spalte. Möglich sind: Nummer, Titel, "
        "Beschreibung, Arbeitsgruppe, Ziel, Federführung, Partner, Zielgruppen, Zeitraum, "
        "Priorität, Empfehlungen.",
        "Zeile 1, Spalte „Nummer“: Die Spalte kommt mehrfach vor.",
        "Zeile 1, Spalte „Priorität“: Die Pflichtspalte fehlt.",
    ]


def test_values_under_no_header_are_reported(concept):
    data = csv_bytes(HEADERS, [[*GOOD_ROWS[1][:10], "", "verrutscht"]])

    errors = import_errors(concept, data)

    assert errors == [
        "Zeile 2: Die Zeile enthält Werte in einer Spalte ohne Überschrift (bei CSV: steht ein "
        "Semikolon ohne Anführungszeichen im Text?)."
    ]


def test_file_over_five_megabytes_is_refused(concept):
    data = csv_bytes(HEADERS, GOOD_ROWS[1:]) + b" " * (5 * 1024 * 1024)

    assert import_errors(concept, data) == ["Die Datei ist größer als 5 MB."]


def test_too_many_rows_are_refused(concept):
    rows = [[str(n), "T", "bildung", "kurzfristig", "hoch"] for n in range(1, MAX_ROWS + 2)]
    data = csv_bytes(["Nummer", "Titel", "Arbeitsgruppe", "Zeitraum", "Priorität"], rows)

    assert import_errors(concept, data) == [
        "Die Datei hat mehr als 5000 Datenzeilen; bitte aufteilen."
    ]


def test_recommendations_in_sheet_and_separate_file_are_refused(concept):
    data = xlsx_bytes({"Maßnahmen": (HEADERS, GOOD_ROWS), "Empfehlungen": (REC_HEADERS, REC_ROWS)})

    with pytest.raises(MeasureImportError) as info:
        measures_import(
            concept=concept,
            file=io.BytesIO(data),
            filename="m.xlsx",
            recommendations_file=io.BytesIO(csv_bytes(REC_HEADERS, REC_ROWS)),
            recommendations_filename="e.csv",
        )

    assert "bitte nur eine der beiden Quellen angeben" in str(info.value.errors[0])
    assert not Measure.objects.exists()


def test_changing_group_of_a_measure_from_another_groups_session_is_refused(concept):
    session = SessionFactory(working_group=concept.working_groups.get(slug="bildung"))
    MeasureFactory(
        concept=concept, number=2, working_group=session.working_group, origin_session=session
    )

    errors = import_errors(concept, csv_bytes(HEADERS, [[*GOOD_ROWS[1][:10], ""]]))

    assert errors == [
        "Zeile 2, Spalte „Arbeitsgruppe“: Maßnahme 2 entstand in einer Sitzung der "
        "Arbeitsgruppe „Bildung und Erziehung“; bitte zuerst die Sitzung im Admin ändern."
    ]


def test_groups_and_goals_of_another_concept_are_unknown(concept):
    other = ConceptFactory()
    WorkingGroupFactory(concept=other, name="Sport", slug="sport")
    GoalFactory(concept=other, code="S1")
    rows = [[*GOOD_ROWS[1][:3], "Sport", "S1", *GOOD_ROWS[1][5:10], ""]]

    errors = import_errors(concept, csv_bytes(HEADERS, rows))

    assert [e.split(":")[0] for e in errors] == [
        "Zeile 2, Spalte „Arbeitsgruppe“",
        "Zeile 2, Spalte „Ziel“",
    ]


def test_overlong_csv_field_is_reported_not_crashed(concept):
    row = [*GOOD_ROWS[1][:2], "x" * 200_000, *GOOD_ROWS[1][3:10], ""]

    errors = import_errors(concept, csv_bytes(HEADERS, [row]))

    assert errors == [
        "Die CSV-Datei ist fehlerhaft (Textzeile 2): ein Feld ist zu lang oder ein "
        "Anführungszeichen wird nicht geschlossen."
    ]


# --- the management command -------------------------------------------------------------------


def test_command_imports_a_file(concept, tmp_path):
    path = tmp_path / "massnahmen.csv"
    path.write_bytes(csv_bytes(HEADERS, GOOD_ROWS))
    recs = tmp_path / "empfehlungen.csv"
    recs.write_bytes(csv_bytes(REC_HEADERS, REC_ROWS))
    out = io.StringIO()

    call_command("import_measures", str(path), "--recommendations", str(recs), stdout=out)

    assert "Maßnahmen: 2 neu, 0 aktualisiert" in out.getvalue()
    assert Measure.objects.filter(concept=concept).count() == 2


def test_command_reports_every_error_and_fails(concept, tmp_path):
    path = tmp_path / "massnahmen.csv"
    rows = [[*GOOD_ROWS[1][:8], "bald", "hoch", ""], ["x", *GOOD_ROWS[1][1:10], ""]]
    path.write_bytes(csv_bytes(HEADERS, rows))
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nichts importiert: 2 Fehler"):
        call_command("import_measures", str(path), "--concept", concept.slug, stderr=err)

    assert "Zeile 2, Spalte „Zeitraum“: „bald“ ist kein gültiger Zeitraum" in err.getvalue()
    assert "Zeile 3, Spalte „Nummer“: „x“ ist keine positive ganze Zahl." in err.getvalue()
    assert not Measure.objects.exists()


def test_command_refuses_unknown_concept_and_missing_file(concept, tmp_path):
    with pytest.raises(CommandError, match="Kein Konzept"):
        call_command("import_measures", str(tmp_path / "x.csv"), "--concept", "gibt-es-nicht")
    with pytest.raises(CommandError, match="Datei nicht gefunden"):
        call_command("import_measures", str(tmp_path / "x.csv"))


def test_command_uses_the_only_concept_by_default(tmp_path, settings):
    settings.PORTAL_CONCEPT_SLUG = "nicht-vorhanden"
    concept = ConceptFactory(slug="anderes")
    WorkingGroupFactory(concept=concept, name="Arbeit und Soziales", slug="arbeit")
    path = tmp_path / "m.csv"
    headers = ["Nummer", "Titel", "Arbeitsgruppe", "Zeitraum", "Priorität"]
    path.write_bytes(csv_bytes(headers, [["4", "Titel", "arbeit", "langfristig", "niedrig"]]))

    call_command("import_measures", str(path), stdout=io.StringIO())

    assert Measure.objects.get(number=4).concept == concept


# --- the admin page ---------------------------------------------------------------------------

IMPORT_URL = "admin:measures_measure_import"


def upload(data, name="massnahmen.csv"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_officer_imports_a_good_file_in_the_admin(concept, officer_client):
    response = officer_client.get(reverse(IMPORT_URL))
    assert response.status_code == 200
    assert '<label for="id_file"' in response.content.decode()

    response = officer_client.post(
        reverse(IMPORT_URL),
        {
            "file": upload(csv_bytes(HEADERS, GOOD_ROWS)),
            "recommendations": upload(csv_bytes(REC_HEADERS, REC_ROWS), "empfehlungen.csv"),
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("admin:measures_measure_changelist")
    assert Measure.objects.filter(concept=concept).count() == 2
    assert Recommendation.objects.filter(concept=concept).count() == 2
    page = officer_client.get(response.url).content.decode()
    assert "Maßnahmen: 2 neu, 0 aktualisiert" in page


def test_bad_file_in_the_admin_shows_the_errors_and_stores_nothing(concept, officer_client):
    rows = [GOOD_ROWS[1], [*GOOD_ROWS[1][:8], "bald", "hoch", ""]]
    rows[1][0] = "3"

    response = officer_client.post(reverse(IMPORT_URL), {"file": upload(csv_bytes(HEADERS, rows))})

    assert response.status_code == 400
    page = response.content.decode()
    assert "<td>3</td>" in page
    assert "<td>Zeitraum</td>" in page
    assert "„bald“ ist kein gültiger Zeitraum" in page
    assert not Measure.objects.exists()


def test_admin_import_asks_for_the_concept_when_there_are_several(concept, officer_client):
    ConceptFactory()
    data = csv_bytes(HEADERS, [[*GOOD_ROWS[1][:10], ""]])

    page = officer_client.get(reverse(IMPORT_URL)).content.decode()
    response = officer_client.post(
        reverse(IMPORT_URL), {"file": upload(data), "concept": concept.pk}
    )

    assert '<label for="id_concept"' in page
    assert response.status_code == 302
    assert Measure.objects.get(number=2).concept == concept


def test_admin_import_without_a_file_is_a_400(concept, officer_client):
    response = officer_client.post(reverse(IMPORT_URL), {})

    assert response.status_code == 400
    assert not Measure.objects.exists()


def test_clerk_may_not_import(concept, clerk_client):
    assert clerk_client.get(reverse(IMPORT_URL)).status_code == 403
    response = clerk_client.post(
        reverse(IMPORT_URL), {"file": upload(csv_bytes(HEADERS, GOOD_ROWS[1:]))}
    )
    assert response.status_code == 403
    assert not Measure.objects.exists()


def test_anonymous_is_sent_to_the_admin_login(concept, client):
    response = client.get(reverse(IMPORT_URL))

    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_import_button_is_shown_to_the_officer_only(concept, officer_client, clerk, client):
    changelist = reverse("admin:measures_measure_changelist")

    assert "Importieren (CSV/XLSX)" in officer_client.get(changelist).content.decode()
    client.force_login(clerk)
    response = client.get(changelist)
    assert response.status_code == 200
    assert "Importieren (CSV/XLSX)" not in response.content.decode()
