"""The download views: stored files for frozen versions (same bytes every time, cacheable for
good), "wird erstellt" while an issued file is not stored yet, rendered files otherwise, drafts
for staff only, German 404s for what does not exist. JSON and DOCX stand in for every format
(the PDF is rendered in the step and authenticity tests).

The presentation's task never runs here (its commit never comes): each test issues the files
it downloads."""

import dataclasses
import json

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from concept import issuing
from concept.issuing_jobs import issue_file
from concept.models import IssuedDocument, IssuedFile
from measures.services import progress_record
from tests.exports.issuing_data import (
    frozen_world,
    minden,
    propose,
    sha256,
    stored_files,
    version_in_consultation,
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def world(db, media):
    return frozen_world()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_downloading_a_frozen_version_twice_serves_the_same_stored_bytes(client, world, media):
    issue_file(world["version"], IssuedDocument.VERSION, "docx")
    first = client.get("/konzept/v1/download/docx/")
    second = client.get("/konzept/v1/download/docx/")

    assert first.status_code == second.status_code == 200
    content = body(first)
    assert content == body(second)
    issued = IssuedFile.objects.get()
    assert (issued.document, issued.format) == (IssuedDocument.VERSION, "docx")
    assert sha256(content) == issued.sha256
    assert first["Content-Length"] == str(len(content))
    assert len(stored_files(media)) == 1
    assert first["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert first["Content-Disposition"] == 'attachment; filename="minden-v1.docx"'
    assert first["ETag"] == f'"{issued.sha256}"'
    assert "immutable" in first["Cache-Control"]
    assert "max-age=31536000" in first["Cache-Control"]
    assert first["X-Content-Type-Options"] == "nosniff"


def test_a_stored_file_answers_a_matching_etag_with_304(client, world):
    issue_file(world["version"], IssuedDocument.VERSION, "json")
    etag = client.get("/konzept/v1/download/json/")["ETag"]
    response = client.get("/konzept/v1/download/json/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_the_frozen_json_hashes_to_the_checksum_even_after_a_measure_changed(client, world):
    version, measure = world["version"], world["measure"]
    issue_file(version, IssuedDocument.VERSION, "json")
    before = body(client.get("/konzept/v1/download/json/"))

    progress_record(measure=measure, status="implemented")
    measure.title = "Ein ganz anderer Titel"
    measure.save()
    after = body(client.get("/konzept/v1/download/json/"))

    assert after == before
    assert sha256(after) == version.checksum
    assert "Ein ganz anderer Titel" not in after.decode("utf-8")
    assert IssuedFile.objects.count() == 1


def test_a_version_in_consultation_is_rendered_on_demand(client, db, media):
    concept, _group, measure = minden()
    version_in_consultation(concept, measure)

    response = client.get("/konzept/v1/download/json/")

    assert response.status_code == 200
    assert json.loads(body(response))["version"]["number"] == 1
    assert "no-cache" in response["Cache-Control"]
    assert "ETag" not in response
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


def test_a_draft_is_404_for_the_public(client, world, media):
    response = client.get("/konzept/v2/download/json/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    assert stored_files(media) == []


def test_a_draft_is_rendered_for_a_clerk_but_never_stored_or_cached(clerk_client, world, media):
    response = clerk_client.get("/konzept/v2/download/json/")

    assert response.status_code == 200
    assert json.loads(body(response))["version"]["number"] == 2
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    "path",
    [
        "/konzept/v9/download/json/",
        "/konzept/v1/download/xlsx/",
        "/konzept/v1/download/exe/",
        "/konzept/v1/synopse/download/json/",
        "/konzept/v9/synopse/download/docx/",
        # Version 1 is in council review: no decision, no beschlossene Fassung.
        "/konzept/v1/beschlossene-fassung/download/pdf/",
        "/konzept/v1/beschlossene-fassung/download/json/",
        "/konzept/v2/beschlossene-fassung/download/pdf/",
        "/massnahmen/daten/pdf/",
        "/dateien/999999/",
    ],
)
def test_unknown_versions_formats_and_files_are_404_in_german(client, world, media, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


def test_an_issued_synopsis_is_served_as_stored(client, world):
    issue_file(world["version"], IssuedDocument.SYNOPSIS, "docx")
    first = client.get("/konzept/v1/synopse/download/docx/")
    second = client.get("/konzept/v1/synopse/download/docx/")
    assert first.status_code == 200
    assert body(first) == body(second)
    assert first["Content-Disposition"] == 'attachment; filename="minden-v1-synopse.docx"'
    issued = IssuedFile.objects.get()
    assert issued.document == IssuedDocument.SYNOPSIS
    assert "immutable" in first["Cache-Control"]


def test_the_synopsis_of_a_version_in_consultation_is_rendered_on_demand(client, db, media):
    concept, group, measure = minden()
    _version, section = version_in_consultation(concept, measure)
    propose(section, group, decide=False)
    response = client.get("/konzept/v1/synopse/download/docx/")
    assert response.status_code == 200
    assert body(response)[:2] == b"PK"
    assert "no-cache" in response["Cache-Control"]
    assert not IssuedFile.objects.exists()


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("csv", "text/csv; charset=utf-8", "\ufeff".encode()),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("json", "application/json", b"{"),
    ],
)
def test_the_measures_open_data_of_the_current_version(client, db, media, fmt, content_type, start):
    concept, _group, measure = minden()
    version_in_consultation(concept, measure)

    response = client.get(f"/massnahmen/daten/{fmt}/")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    content = body(response)
    assert content.startswith(start)
    assert "Sprachcafé".encode() in content or fmt == "xlsx"
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="minden-massnahmen-{today:%Y-%m-%d}.{fmt}"'
    )
    # Live: every use asks again, answered by the ETag while nothing changed.
    assert "no-cache" in response["Cache-Control"]
    assert "immutable" not in response["Cache-Control"]
    assert response["ETag"] == f'"{sha256(content)}"'


def test_the_open_data_of_a_frozen_current_version_is_live_not_its_stored_file(client, world):
    issued = IssuedFile.objects.count()
    response = client.get("/massnahmen/daten/json/")
    assert response.status_code == 200
    data = json.loads(body(response))
    assert data["frozen"] is False
    assert data["stand"].startswith("aktueller Umsetzungsstand vom ")
    assert IssuedFile.objects.count() == issued
    assert "immutable" not in response["Cache-Control"]


def test_no_published_version_means_no_open_data(client, db):
    minden()
    assert client.get("/massnahmen/daten/csv/").status_code == 404


def test_an_issued_file_by_its_id(client, world):
    issued = issue_file(world["version"], IssuedDocument.VERSION, "json")

    response = client.get(f"/dateien/{issued.pk}/")

    assert response.status_code == 200
    assert sha256(body(response)) == issued.sha256
    assert response["Content-Disposition"] == 'attachment; filename="minden-v1.json"'
    assert response["ETag"] == f'"{issued.sha256}"'


def test_downloads_accept_only_safe_methods(client, world):
    assert client.post("/konzept/v1/download/json/").status_code == 405


def test_the_measures_list_links_the_open_data(client, world):
    content = client.get("/massnahmen/").content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/massnahmen/daten/{fmt}/"' in content


def test_every_page_links_the_authenticity_check(client, world):
    assert 'href="/echtheit/"' in client.get("/").content.decode()


def test_a_stored_download_costs_two_queries(client, world, django_assert_num_queries):
    issue_file(world["version"], IssuedDocument.VERSION, "json")
    with django_assert_num_queries(2):
        response = client.get("/konzept/v1/download/json/")
    assert sha256(body(response)) == world["version"].checksum


def test_the_download_links_name_type_and_size_and_which_files_are_being_made(client, world):
    issued = issue_file(world["version"], IssuedDocument.VERSION, "json")
    html = render_to_string(
        "concept/includes/downloads.html",
        {"downloads": issuing.version_downloads(world["version"]), "downloads_level": 3},
    )
    assert "<h3" in html and "Herunterladen" in html
    assert 'href="/konzept/v1/download/json/"' in html
    assert 'type="application/json"' in html
    assert html.count("Bytes") == 1 and f"{issued.size}" in html
    # Not stored yet: named, not linked.
    for fmt in ("pdf", "docx", "odt"):
        assert f'href="/konzept/v1/download/{fmt}/"' not in html
    assert html.count("(wird erstellt)") == 3


def test_the_version_page_says_which_files_are_being_made(client, world):
    page = client.get("/konzept/v1/").content.decode()
    assert page.count("(wird erstellt)") == 4
    assert 'href="/konzept/v1/download/pdf/"' not in page

    issue_file(world["version"], IssuedDocument.VERSION, "json")

    page = client.get("/konzept/v1/").content.decode()
    assert page.count("(wird erstellt)") == 3
    assert 'href="/konzept/v1/download/json/"' in page


@pytest.fixture
def renderers_refused(monkeypatch):
    """Every document's renderers raise: a download that would render one fails loudly."""

    def refuse(version, fmt):
        raise AssertionError("a download must not render an issued document")

    for kind in issuing.document_kinds():
        monkeypatch.setitem(
            issuing._kinds,
            kind.key,
            dataclasses.replace(kind, render=refuse, issue_render=refuse),
        )


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/konzept/v1/download/pdf/", "Konzept von Version 1 als PDF"),
        ("/konzept/v1/synopse/download/odt/", "Synopse von Version 1 als OpenDocument (ODT)"),
    ],
)
def test_an_issued_file_not_stored_yet_answers_wird_erstellt_and_writes_nothing(
    client, world, media, renderers_refused, path, names
):
    response = client.get(path)

    assert response.status_code == 202
    page = " ".join(response.content.decode().split())
    assert "<h1>Die Datei wird erstellt</h1>" in page
    assert names in page
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []
