"""Live exports off the request path (`concept.live_files`), as in production: PostgreSQL,
committed data (transactional tests), the database task backend and its worker
(`manage.py db_worker`), WeasyPrint.

A download of a document that is not issued never renders: it serves the file the worker
stored for the current content generation, or answers "wird erstellt" (202) and enqueues one
render, however many requests miss it at once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concept import integrity, live_files
from concept.models import IssuedFile, RenderedFile
from measures.models import Measure
from tests.exports.issuing_data import minden, sha256, stored_files, version_in_consultation
from tests.exports.test_renderers import pdf_pages, squash

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PARALLEL = 5


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = DATABASE_TASKS
    integrity.verdicts_forget()
    return tmp_path


@pytest.fixture
def live(media):
    """Version 1 in consultation (not frozen: its documents are rendered live), citing one
    measure; the URL of its PDF."""
    concept, _group, measure = minden()
    version, _section = version_in_consultation(concept, measure)
    return {"version": version, "measure": measure, "url": "/konzept/v1/download/pdf/"}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def parallel_get(url: str, count: int = PARALLEL) -> list:
    """`count` anonymous downloads at the same moment, each in its own thread (and so with
    its own database connection)."""
    barrier = threading.Barrier(count)

    def download(_index):
        try:
            barrier.wait(timeout=30)
            response = Client().get(url)
            response.text = response.content.decode() if not response.streaming else ""
            return response
        finally:
            connection.close()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(download, range(count)))


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def renders() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path="concept.live_files.live_file_render"))


def test_parallel_downloads_of_a_live_pdf_enqueue_one_render_served_once_stored(live, media):
    responses = parallel_get(live["url"])

    assert [r.status_code for r in responses] == [202] * PARALLEL
    for response in responses:
        assert response["Retry-After"] == str(live_files_retry())
        assert "no-store" in response["Cache-Control"]
        assert "Die Datei wird erstellt" in response.text
        assert "wird gerade mit dem aktuellen Stand erstellt" in response.text
        assert 'lang="de"' in response.text
    # One claim, one task: nothing rendered or stored by a request.
    [task] = renders()
    assert task.status == TaskResultStatus.READY
    [claim] = RenderedFile.objects.all()
    assert (claim.document, claim.format, claim.language) == ("version", "pdf", "de")
    assert not claim.ready
    assert stored_files(media) == []

    run_worker()

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    response = Client().get(live["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="minden-v1.pdf"'
    assert "no-cache" in response["Cache-Control"]
    content = body(response)
    assert content.startswith(b"%PDF")
    text = squash(" ".join(pdf_pages(content)))
    assert squash("Bildung und Erziehung") in text
    assert squash("Sprachcafé für Eltern") in text
    claim.refresh_from_db()
    assert claim.sha256 == sha256(content) and claim.size == len(content)
    assert response["ETag"] == f'"{claim.sha256}"'
    # Served from storage, nothing issued, nothing enqueued again.
    assert len(renders()) == 1
    assert not IssuedFile.objects.exists()
    assert Client().get(live["url"], headers={"if-none-match": response["ETag"]}).status_code == 304


def live_files_retry() -> int:
    from concept.export_views import LIVE_RETRY_SECONDS

    return LIVE_RETRY_SECONDS


def test_after_a_write_the_old_file_is_not_served_and_is_replaced(live, media):
    assert Client().get(live["url"]).status_code == 202
    run_worker()
    old = Client().get(live["url"])
    assert old.status_code == 200
    old_etag = old["ETag"]

    measure = Measure.objects.get(pk=live["measure"].pk)
    measure.title = "Elterncafé mit Sprachkurs"
    measure.save()

    # The generation moved on: the stored file is no longer current, a new render is queued.
    pending = parallel_get(live["url"], 3)
    assert [r.status_code for r in pending] == [202] * 3
    assert len(renders()) == 2
    assert Client().get(live["url"], headers={"if-none-match": old_etag}).status_code == 202

    run_worker()

    response = Client().get(live["url"])
    assert response.status_code == 200
    assert response["ETag"] != old_etag
    text = squash(" ".join(pdf_pages(body(response))))
    assert squash("Elterncafé mit Sprachkurs") in text
    assert squash("Sprachcafé für Eltern") not in text
    # The older generation's file and row are gone.
    assert RenderedFile.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_a_crashed_render_blocks_only_until_its_claim_is_stale(live, media):
    assert Client().get(live["url"]).status_code == 202
    # The worker died with the render: its task is lost, the claim stays.
    DBTaskResult.objects.all().delete()
    assert Client().get(live["url"]).status_code == 202
    assert renders() == []

    RenderedFile.objects.update(
        claimed_at=timezone.now() - timedelta(seconds=live_files.CLAIM_SECONDS + 1)
    )
    responses = parallel_get(live["url"], 3)

    assert [r.status_code for r in responses] == [202] * 3
    assert len(renders()) == 1  # taken over once
    run_worker()
    assert Client().get(live["url"]).status_code == 200


def test_a_damaged_rendering_is_rendered_again_not_served(live, media):
    Client().get(live["url"])
    run_worker()
    [path] = stored_files(media)
    path.write_bytes(b"%PDF-1.7 not the rendered file")

    response = Client().get(live["url"])

    assert response.status_code == 202
    assert len(renders()) == 2
    run_worker()
    again = Client().get(live["url"])
    assert again.status_code == 200
    content = body(again)
    assert content != b"%PDF-1.7 not the rendered file"
    assert content.startswith(b"%PDF")
    assert sha256(content) == RenderedFile.objects.get().sha256


def test_a_draft_is_rendered_only_for_staff_and_under_a_name_nobody_guesses(
    live, media, officer, client
):
    from concept.services import version_create

    version_create(concept=live["version"].concept, title="Zweiter Entwurf")
    assert Client().get("/konzept/v2/download/pdf/").status_code == 404
    assert not RenderedFile.objects.filter(version__number=2).exists()

    client.force_login(officer)
    pending = client.get("/konzept/v2/download/json/")
    assert pending.status_code == 202
    run_worker()
    response = client.get("/konzept/v2/download/json/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    [path] = stored_files(media)
    # rendered/minden-v2-version-<generation>-de-<16 random hex>.json
    assert path.parent.name == "rendered"
    assert len(path.stem.rsplit("-", 1)[1]) == 16


def test_the_open_data_and_the_filtered_catalogue_render_in_the_worker_too(live, media):
    for url in ("/massnahmen/daten/xlsx/", "/massnahmen/export.csv?status=geplant"):
        assert Client().get(url).status_code == 202
    assert len(renders()) == 2
    run_worker()

    xlsx = Client().get("/massnahmen/daten/xlsx/")
    assert xlsx.status_code == 200 and body(xlsx).startswith(b"PK")
    csv = Client().get("/massnahmen/export.csv?status=geplant")
    assert csv.status_code == 200
    assert "Sprachcafé für Eltern" in body(csv).decode("utf-8-sig")
    # Another filter is another file.
    assert Client().get("/massnahmen/export.csv?status=umgesetzt").status_code == 202
