"""The download views: stored files for frozen versions (same bytes every time, cacheable for
good), rendered files otherwise, drafts for staff only, German 404s for what does not exist.
JSON and DOCX stand in for every format (the PDF is rendered in the authenticity tests)."""

import json

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from concept import issuing
from concept.models import IssuedDocument, IssuedFile
from measures.services import progress_record
from tests.exports.issuing_data import (
    frozen_world,
    minden,
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
    etag = client.get("/konzept/v1/download/json/")["ETag"]
    response = client.get("/konzept/v1/download/json/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_the_frozen_json_hashes_to_the_checksum_even_after_a_measure_changed(client, world):
    version, measure = world["version"], world["measure"]
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


def test_a_decided_synopsis_is_stored_once(client, world):
    first = client.get("/konzept/v1/synopse/download/docx/")
    second = client.get("/konzept/v1/synopse/download/docx/")
    assert first.status_code == 200
    assert body(first) == body(second)
    assert first["Content-Disposition"] == 'attachment; filename="minden-v1-synopse.docx"'
    issued = IssuedFile.objects.get()
    assert issued.document == IssuedDocument.SYNOPSIS
    assert "immutable" in first["Cache-Control"]


def test_an_undecided_synopsis_is_rendered_on_demand(client, db, media):
    frozen_world(decided=False)
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
    response = client.get("/massnahmen/daten/json/")
    assert response.status_code == 200
    data = json.loads(body(response))
    assert data["frozen"] is False
    assert data["stand"].startswith("aktueller Umsetzungsstand vom ")
    assert not IssuedFile.objects.exists()
    assert "immutable" not in response["Cache-Control"]


def test_no_published_version_means_no_open_data(client, db):
    minden()
    assert client.get("/massnahmen/daten/csv/").status_code == 404


def test_an_issued_file_by_its_id(client, world):
    client.get("/konzept/v1/download/json/")
    issued = IssuedFile.objects.get()

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
    client.get("/konzept/v1/download/json/")
    with django_assert_num_queries(2):
        response = client.get("/konzept/v1/download/json/")
    assert sha256(body(response)) == world["version"].checksum


def test_the_download_links_name_type_and_the_size_of_stored_files(client, world):
    client.get("/konzept/v1/download/json/")
    html = render_to_string(
        "concept/includes/downloads.html",
        {"downloads": issuing.version_downloads(world["version"]), "downloads_level": 3},
    )
    assert "<h3" in html and "Herunterladen" in html
    for fmt in ("pdf", "docx", "odt", "json"):
        assert f'href="/konzept/v1/download/{fmt}/"' in html
    assert 'type="application/pdf"' in html
    size = IssuedFile.objects.get().size
    assert html.count("Bytes") == 1 and f"{size}" in html
