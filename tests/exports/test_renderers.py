"""Every export opened and read back: the PDFs as text (pdftotext) and structure (pypdf), DOCX
with python-docx, ODT with odfpy, XLSX with openpyxl, CSV with the csv module, JSON with json.

The demo is loaded once for the module and the concept's PDF rendered once (it takes seconds).
"""

import csv
import hashlib
import io
import json
import re
import subprocess

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from docx import Document
from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as odf_load
from openpyxl import load_workbook
from pypdf import PdfReader

from concept.documents import canonical_json, version_document
from concept.exports import (
    SYNOPSIS_FORMATS,
    VERSION_FORMATS,
    render_synopsis,
    render_version,
)
from concept.exports.docx import synopsis_docx
from concept.exports.markdown_blocks import HEADING, LIST_ITEM, TABLE, markdown_blocks
from concept.exports.odt import synopsis_odt
from concept.exports.pdf import asset_fetcher, css_string, synopsis_pdf
from measures.models import Measure
from measures.opendata import KIND as MEASURES_KIND
from measures.opendata import render as measures_render

SYNOPSIS_COLUMNS = [
    "Abschnitt",
    "Einreicher",
    "bisherige Fassung",
    "Vorschlag",
    "übernommene Fassung",
    "Entscheidung",
    "Begründung",
]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page in drawing order (no joining of hyphenated lines), whitespace
    collapsed (titles may wrap across lines)."""
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    pages = result.stdout.decode("utf-8").split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


def squash(text: str) -> str:
    """Text without whitespace and without the hyphens (U+2010) of automatic hyphenation, to
    find a title or passage however the PDF wrapped it."""
    return re.sub(r"\s+", "", re.sub("\u2010\\s+", "", text))


def section_headings(document: dict) -> list[str]:
    return [f"{s['number']} {s['title']}" for s in document["sections"]]


@pytest.fixture(scope="module")
def frozen(demo):
    return demo[1]


@pytest.fixture(scope="module")
def frozen_document(frozen):
    return json.loads(frozen.snapshot)


@pytest.fixture(scope="module")
def concept_pdf(frozen):
    data = render_version(frozen, "pdf")
    return {"data": data, "pages": pdf_pages(data), "reader": PdfReader(io.BytesIO(data))}


# --- the concept as PDF -----------------------------------------------------------------------


def test_pdf_holds_every_section_title_and_every_measure_title(concept_pdf, frozen_document):
    text = squash(" ".join(concept_pdf["pages"]))
    assert frozen_document["sections"] and frozen_document["measures"]
    for heading in section_headings(frozen_document):
        assert squash(heading) in text, heading
    for measure in frozen_document["measures"]:
        assert squash(measure["title"]) in text, measure["title"]
    for recommendation in frozen_document["recommendations"]:
        assert squash(f"{recommendation['code']} {recommendation['title']}") in text


def test_pdf_footer_names_version_checksum_and_page_on_every_page(concept_pdf, frozen):
    pages = concept_pdf["pages"]
    assert len(pages) == len(concept_pdf["reader"].pages) > 5
    for number, page in enumerate(pages, start=1):
        assert f"Version 1 · Prüfsumme (SHA-256) {frozen.checksum[:12]}" in page, number
        assert f"Seite {number} von {len(pages)}" in page


def test_pdf_title_page_shows_status_dates_reference_and_the_beratungsfolge(concept_pdf, frozen):
    first = concept_pdf["pages"][0]
    concept = frozen.concept
    for expected in (
        concept.municipality.upper(),
        concept.title,
        f"Version 1: {frozen.title}",
        "Vom Rat beschlossen",
        frozen.council_paper_reference,
        frozen.checksum,
        "Text eingefroren am",
        "(technischer Zeitstempel)",
        f"Status seit {date_format(frozen.status_since, 'DATE_FORMAT')}",
        "Beratungsfolge",
        "Beraten am",
        "empfohlen",
        "Beispielinhalt",
    ):
        assert expected in first, expected
    assert timezone.localtime(frozen.frozen_at).strftime("%Y") in first
    for consultation in frozen.consultations.all():
        assert consultation.held_label in first


def test_pdf_table_of_contents_points_to_the_page_of_each_section(concept_pdf, frozen_document):
    pages = concept_pdf["pages"]
    toc = pages[1]
    assert "Inhalt" in toc
    for heading in section_headings(frozen_document):
        found = re.search(re.escape(heading) + r"[ .]*?(\d+)\b", toc)
        assert found, heading
        # The section's own number only: the list adds none ("1. 1 Einleitung").
        assert not re.search(r"\d\.\s+" + re.escape(heading), toc), heading
        page = pages[int(found.group(1)) - 1]
        assert squash(heading) in squash(page), (heading, found.group(1))


def test_pdf_is_tagged_german_with_bookmarks_and_the_shipped_fonts(concept_pdf, frozen_document):
    reader = concept_pdf["reader"]
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert reader.metadata.title.startswith("Integrationskonzept der Stadt Minden")

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    bookmarks = list(titles(reader.outline))
    for heading in section_headings(frozen_document):
        assert heading in bookmarks
    assert {"Inhalt", "Beratungsfolge", "Anhang A: Maßnahmen"} <= set(bookmarks)

    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts and all(name.startswith("Export-Sans") for name in fonts), fonts


# --- the concept as DOCX and ODT --------------------------------------------------------------


def test_docx_has_heading_styles_title_page_and_the_measures_table(frozen, frozen_document):
    document = Document(io.BytesIO(render_version(frozen, "docx")))
    headings = {p.text: p.style.name for p in document.paragraphs}
    for section, heading in zip(
        frozen_document["sections"], section_headings(frozen_document), strict=True
    ):
        assert headings.get(heading) == f"Heading {section['level']}", heading
    assert headings.get("Anhang A: Maßnahmen") == "Heading 1"
    assert headings.get(frozen.concept.title) == "Title"
    # The number is in the heading's text; the heading styles add none of their own.
    for level in (1, 2, 3):
        assert document.styles[f"Heading {level}"].element.pPr.numPr is None
    rows = [
        [cell.text for cell in row.cells]
        for table in document.tables
        if table.rows[0].cells[0].text == "Nr."
        for row in table.rows[1:]
    ]
    assert sorted(int(row[0]) for row in rows) == sorted(
        m["number"] for m in frozen_document["measures"]
    )
    assert {row[1] for row in rows} == {m["title"] for m in frozen_document["measures"]}
    assert {row[3] for row in rows} <= {"geplant", "in Umsetzung", "umgesetzt", "Daueraufgabe"}
    footer = document.sections[0].footer.paragraphs[0].text
    assert f"Prüfsumme (SHA-256) {frozen.checksum[:12]}" in footer
    assert document.core_properties.language == "de-DE"


def test_odt_has_outline_headings_and_the_measures_table(frozen, frozen_document):
    document = odf_load(io.BytesIO(render_version(frozen, "odt")))
    headings = {
        teletype.extractText(h): int(h.getAttribute("outlinelevel"))
        for h in document.getElementsByType(odf_text.H)
    }
    for section, heading in zip(
        frozen_document["sections"], section_headings(frozen_document), strict=True
    ):
        assert headings.get(heading) == section["level"], heading
    assert headings.get("Anhang B: Handlungsempfehlungen") == 1
    rows = []
    for table in document.getElementsByType(odf_table.Table):
        table_rows = table.getElementsByType(odf_table.TableRow)
        cells = [
            [teletype.extractText(c) for c in row.getElementsByType(odf_table.TableCell)]
            for row in table_rows
        ]
        if cells and cells[0][:2] == ["Nr.", "Maßnahme"]:
            rows.extend(cells[1:])
    assert {row[1] for row in rows} == {m["title"] for m in frozen_document["measures"]}
    assert len(rows) == len(frozen_document["measures"])
    toc = document.getElementsByType(odf_text.TableOfContent)
    assert toc and "1 Einleitung" in teletype.extractText(toc[0])
    # The number is in the heading's text; no outline numbering adds another.
    for outline in document.getElementsByType(odf_text.OutlineStyle):
        for level in outline.getElementsByType(odf_text.OutlineLevelStyle):
            assert not level.getAttribute("numformat"), level
    all_text = teletype.extractText(document.text)
    assert frozen.council_paper_reference in all_text


def test_an_unfrozen_version_says_so_in_its_footer(demo):
    draft = demo[2]
    document = Document(io.BytesIO(render_version(draft, "docx")))
    footer = document.sections[0].footer.paragraphs[0].text
    assert "Version 2 · In Beteiligung · nicht eingefroren" in footer
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in section_headings(version_document(draft)):
        assert heading in headings


def test_markdown_becomes_blocks_of_lists_emphasis_and_tables():
    blocks = markdown_blocks(
        "## Teil\n\nEin **fettes** und *schräges* Wort.\n\n- eins\n    - zwei\n\n"
        "1. erstens\n2. zweitens\n\n| A | B |\n|---|---|\n| ä | ß |"
    )
    kinds = [(b.kind, b.level, b.index) for b in blocks]
    assert kinds[0] == (HEADING, 2, 0)
    assert (LIST_ITEM, 2, 1) in kinds and (LIST_ITEM, 1, 2) in kinds
    runs = blocks[1].runs
    assert [(r.text, r.bold, r.italic) for r in runs if r.bold or r.italic] == [
        ("fettes", True, False),
        ("schräges", False, True),
    ]
    assert blocks[-1].kind == TABLE and blocks[-1].header_rows == [True, False]


# --- the synopsis -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(SYNOPSIS_FORMATS))
def test_synopsis_of_the_demo_version_has_every_column_and_proposal(frozen, db, fmt):
    from concept.synopsis import version_synopsis

    synopsis = version_synopsis(frozen)
    rows = [row for section in synopsis["sections"] for row in section["rows"]]
    assert rows
    data = render_synopsis(frozen, fmt)
    if fmt == "pdf":
        text = " ".join(pdf_pages(data))
        page = PdfReader(io.BytesIO(data)).pages[0]
        assert page.mediabox.width > page.mediabox.height  # landscape
    elif fmt == "docx":
        document = Document(io.BytesIO(data))
        assert document.sections[0].page_width > document.sections[0].page_height
        header = [cell.text for cell in document.tables[0].rows[0].cells]
        assert header == SYNOPSIS_COLUMNS
        text = "\n".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
    else:
        document = odf_load(io.BytesIO(data))
        text = teletype.extractText(document.text)
    text = squash(text)
    for column in SYNOPSIS_COLUMNS:
        assert squash(column) in text
    for row in rows:
        assert squash(row["proposer"]) in text
        assert squash(row["decision_label"]) in text
        assert squash(row["proposed_text"]) in text


def hand_made_synopsis():
    row = {
        "id": 7,
        "number": 2,
        "proposer": "Mitglied der AG Arbeit und Soziales",
        "kind_label": "Korrektur",
        "previous_text": "Die **alte** Fassung.",
        "proposed_text": 'Neu: <script>alert("x")</script> und „Anführung“',
        "adopted_text": "Zeile eins\nZeile zwei\n\n- kein Markdown",
        "decision_label": "Teilweise angenommen",
        "decision_status": "partially_accepted",
        "reasoning": "Weil Übergänge zählen.",
        "incorporated_in": 3,
    }
    return {
        "concept": {"title": 'Konzept "</style>" Minden', "municipality": "Minden"},
        "version": {"number": 2, "title": "Entwurf", "status_label": "Entwurf", "checksum": ""},
        "sections": [{"key": "k", "number": "4.1", "title": "Ausbildung", "rows": [row]}],
        # Texts are plain text as members wrote them; a previous text quoting the whole
        # section is that section's Markdown.
        "bodies": {"k": "Die **alte** Fassung."},
        "counts": {
            "total": 1,
            "accepted": 0,
            "partially_accepted": 1,
            "rejected": 0,
            "undecided": 0,
        },
    }


def test_synopsis_formats_keep_plain_texts_literal_and_render_quoted_sections():
    synopsis = hand_made_synopsis()
    bodies = synopsis.pop("bodies")
    text = squash(" ".join(pdf_pages(synopsis_pdf(synopsis, bodies))))
    for expected in (
        'Konzept "</style>" Minden',  # in the page header, without breaking the page style
        'Neu: <script>alert("x")</script> und „Anführung“',
        "Die alte Fassung.",
        "Zeile eins Zeile zwei - kein Markdown",
        "Teilweise angenommen; eingearbeitet in Version 3",
        "Vorschlag 2: Korrektur",  # its number in the version, not its id
        "1 Änderungsvorschlag: 0 angenommen, 1 teilweise angenommen",
        "Synopse der Änderungsvorschläge · Version 2 · Entwurf · nicht eingefroren",
    ):
        assert squash(expected) in text, expected
    assert "**" not in text

    document = Document(io.BytesIO(synopsis_docx(synopsis, bodies)))
    cells = document.tables[0].rows[1].cells
    assert cells[0].text == "4.1 Ausbildung"
    assert [p.text for p in cells[4].paragraphs] == ["Zeile eins\nZeile zwei", "- kein Markdown"]
    assert any(run.bold and run.text == "alte" for run in cells[2].paragraphs[0].runs)
    assert 'Neu: <script>alert("x")</script>' in cells[3].text

    odt = odf_load(io.BytesIO(synopsis_odt(synopsis, bodies)))
    odt_text = teletype.extractText(odt.text)
    assert "- kein Markdown" in odt_text and "<script>" in odt_text
    assert not odt.getElementsByType(odf_text.List)


def test_css_strings_cannot_end_the_string_or_the_style_element():
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'


# --- open data --------------------------------------------------------------------------------


def test_csv_round_trips_with_semicolons_umlauts_and_one_row_per_measure(frozen, frozen_document):
    data = measures_render(frozen, "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["Nummer", "Titel", "Beschreibung", "Arbeitsgruppe", "Ziel"]
    assert "Zitiert in Abschnitten" in header and "Umsetzungsstand" in header
    measures = sorted(frozen_document["measures"], key=lambda m: m["number"])
    assert [int(row[0]) for row in body] == [m["number"] for m in measures]
    assert [row[1] for row in body] == [m["title"] for m in measures]
    assert any("ö" in row[1] or "ü" in row[1] or "ä" in row[1] for row in body)
    first = dict(zip(header, body[0], strict=True))
    assert first["Umsetzungsstand"] == "geplant"
    assert first["Zeitraum"] in {"kurzfristig", "mittelfristig", "langfristig"}
    assert first["Ziel"].startswith(f"{measures[0]['goal']} ")
    assert first["Beispielinhalt"] == "ja"
    frozen_on = timezone.localtime(frozen.frozen_at)
    assert {row[header.index("Stand")] for row in body} == {
        f"Anlage vom {frozen_on:%d.%m.%Y} (Umsetzungsstand eingefroren)"
    }


def test_xlsx_has_one_row_per_measure_with_labels(frozen, frozen_document):
    workbook = load_workbook(io.BytesIO(measures_render(frozen, "xlsx")))
    sheet = workbook["Maßnahmen"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nummer" and rows[0][10] == "Umsetzungsstand"
    assert len(rows) - 1 == len(frozen_document["measures"])
    assert sorted(row[0] for row in rows[1:]) == sorted(
        m["number"] for m in frozen_document["measures"]
    )
    assert {row[10] for row in rows[1:]} <= {"geplant", "in Umsetzung", "umgesetzt"}
    assert workbook["Handlungsempfehlungen"].max_row - 1 == len(frozen_document["recommendations"])


def test_measures_json_lists_every_measure_with_keys_and_labels(frozen, frozen_document):
    data = json.loads(measures_render(frozen, "json"))
    assert data["frozen"] is True and data["stand"].startswith("Anlage vom ")
    assert data["version"] == frozen.number
    records = data["measures"]
    assert isinstance(records, list) and len(records) == len(frozen_document["measures"])
    first = records[0]
    assert first["status"] == "planned" and first["status_label"] == "geplant"
    assert first["goal"]["code"] == frozen_document["measures"][0]["goal"]
    assert first["cited_in"] and set(first["cited_in"][0]) == {"key", "number", "title"}


def test_spreadsheet_formulas_are_neutralised(demo, db):
    draft = demo[2]
    measure = Measure.objects.get(concept=draft.concept, number=2)
    measure.title = '=HYPERLINK("http://example.org";"klick")'
    measure.save()
    rows = list(
        csv.reader(io.StringIO(measures_render(draft, "csv").decode("utf-8-sig")), delimiter=";")
    )
    assert rows[2][1] == "'" + measure.title
    sheet = load_workbook(io.BytesIO(measures_render(draft, "xlsx")))["Maßnahmen"]
    cell = sheet.cell(row=3, column=2)
    assert cell.value == measure.title and cell.data_type == "s"


def test_a_frozen_versions_measures_stay_as_frozen(demo, db):
    frozen, draft = demo[1], demo[2]
    measure = Measure.objects.get(concept=frozen.concept, number=1)
    old_title = measure.title
    measure.title = "Ganz neuer Titel"
    measure.save()
    frozen_titles = {r["title"] for r in json.loads(measures_render(frozen, "json"))["measures"]}
    draft_titles = {r["title"] for r in json.loads(measures_render(draft, "json"))["measures"]}
    assert old_title in frozen_titles and "Ganz neuer Titel" not in frozen_titles
    assert "Ganz neuer Titel" in draft_titles


# --- the version as JSON; formats ---------------------------------------------------------------


def test_frozen_version_json_is_the_snapshot_and_hashes_to_the_checksum(frozen):
    data = render_version(frozen, "json")
    assert data == frozen.snapshot.encode("utf-8")
    assert hashlib.sha256(data).hexdigest() == frozen.checksum


def test_unfrozen_version_json_is_the_canonical_document(demo, db):
    draft = demo[2]
    assert render_version(draft, "json") == canonical_json(version_document(draft)).encode()


@pytest.mark.parametrize(
    ("render", "formats"),
    [
        (render_version, VERSION_FORMATS),
        (render_synopsis, SYNOPSIS_FORMATS),
        (measures_render, MEASURES_KIND.formats),
    ],
)
def test_unknown_formats_are_refused(frozen, render, formats):
    for fmt in ("exe", "", "PDF", "json "):
        with pytest.raises(ValueError):
            render(frozen, fmt)
    assert all(f.key == key and f.mime_type and f.extension for key, f in formats.items())


def test_pdf_rendering_reads_the_shipped_assets_and_nothing_else():
    fetcher = asset_fetcher()
    fonts = settings.BASE_DIR / "static" / "fonts"
    font = fetcher.fetch((fonts / "DejaVuSans.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    for url in (
        "file:///etc/passwd",
        (fonts / ".." / ".." / "manage.py").as_uri(),
        "https://example.org/print.css",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
