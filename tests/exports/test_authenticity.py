"""The authenticity check (`/echtheit/`) against every file the city issues for a version.

Version 1 is presented and decided once for the whole module, in data committed for the module
and flushed afterwards, so its presentation and the council's decision issue every document (the
PDFs take seconds) as they do in production; each test still runs in its own transaction.
"""

import hashlib
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.core.management import call_command
from django.test import Client, override_settings
from pypdf import PdfReader

from concept import issuing
from concept.models import IssuedFile
from concept.upload_handlers import MAX_UPLOAD_BYTES, HashingUploadHandler
from tests.conftest import TASKS_RUN
from tests.exports.issuing_data import decide, frozen_world, stored_files

URL = "/echtheit/"
EVERY_FILE = issuing.document_formats()
NOTHING_GIVEN = "Bitte laden Sie eine Datei hoch oder geben Sie eine Prüfsumme an."
NOT_ISSUED = "Diese Datei wurde nicht von der Stadt Minden ausgestellt (oder sie wurde verändert)."


@pytest.fixture(scope="module")
def issued(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, TASKS=TASKS_RUN):
        try:
            # Outside a test's transaction: each step's task runs after its commit.
            version = decide(frozen_world()["version"])
            files = {
                (document, fmt): IssuedFile.objects.get(
                    version=version, document=document, format=fmt
                )
                for document, fmt in EVERY_FILE
            }
            contents = {}
            for key, file in files.items():
                with file.file.open("rb") as stored:
                    contents[key] = stored.read()
            yield {"version": version, "files": files, "contents": contents, "media": media}
        finally:
            # The version is frozen: the database refuses to delete it row by row.
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def media(issued, settings):
    settings.MEDIA_ROOT = issued["media"]
    return issued["media"]


def check(client, **data):
    return client.post(URL, data)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_every_file_of_the_version_was_issued_once(issued, db):
    assert IssuedFile.objects.count() == len(EVERY_FILE) == 13
    for (document, fmt), content in issued["contents"].items():
        file = issued["files"][(document, fmt)]
        assert hashlib.sha256(content).hexdigest() == file.sha256
        assert hashlib.sha512(content).hexdigest() == file.sha512
        assert file.size == len(content)
        assert file.file.name == f"issued/minden-v1-{document}.{fmt}"


def test_the_pdf_footer_prints_the_prefix_the_check_accepts(issued, db):
    version = issued["version"]
    for document in ("version", "synopsis", "resolution"):
        reader = PdfReader(io.BytesIO(issued["contents"][(document, "pdf")]))
        last_page = reader.pages[-1].extract_text()
        assert version.checksum_prefix in last_page, document


@pytest.mark.parametrize(("document", "fmt"), EVERY_FILE)
def test_every_issued_file_is_recognised_by_upload(client, issued, media, db, document, fmt):
    file = issued["files"][(document, fmt)]
    before = stored_files(media)

    response = check(client, datei=upload(f"kopie.{fmt}", issued["contents"][(document, fmt)]))

    page = text(response)
    assert response.status_code == 200
    assert "Diese Datei hat die Stadt Minden ausgestellt:" in page
    assert f"Version 1, {file.get_document_display()}, Format {fmt.upper()}" in page
    assert file.sha512 in page
    assert f'href="/dateien/{file.pk}/"' in page
    assert stored_files(media) == before
    assert IssuedFile.objects.count() == len(EVERY_FILE)


@pytest.mark.parametrize(("document", "fmt"), EVERY_FILE)
def test_every_issued_file_is_recognised_by_its_sha256(client, issued, db, document, fmt):
    file = issued["files"][(document, fmt)]
    response = check(client, pruefsumme=file.sha256.upper())
    page = text(response)
    assert response.status_code == 200
    assert "Zu dieser Prüfsumme gehört eine Datei, die die Stadt Minden ausgestellt hat:" in page
    assert f"Format {fmt.upper()}" in page


@pytest.mark.parametrize(("document", "fmt"), EVERY_FILE)
def test_every_issued_file_is_recognised_by_the_footer_prefix(client, issued, db, document, fmt):
    version = issued["version"]
    file = issued["files"][(document, fmt)]
    # As copied from a PDF: with spaces in it.
    prefix = f"{version.checksum[:6]} {version.checksum[6:12]}"
    response = check(client, pruefsumme=prefix)
    page = text(response)
    assert response.status_code == 200
    assert "So beginnt die Prüfsumme der Version 1." in page
    assert file.sha256 in page
    assert f'href="/dateien/{file.pk}/"' in page


@pytest.mark.parametrize(("document", "fmt"), EVERY_FILE)
def test_a_modified_copy_is_rejected(client, issued, db, document, fmt):
    content = bytearray(issued["contents"][(document, fmt)])
    content[len(content) // 2] ^= 0x01
    response = check(client, datei=upload(f"kopie.{fmt}", bytes(content)))
    assert response.status_code == 200
    assert NOT_ISSUED in text(response)
    assert "ausgestellt:" not in text(response)


def test_a_file_prefix_also_finds_the_file(client, issued, db):
    file = issued["files"][("version", "docx")]
    page = text(check(client, pruefsumme=file.sha256[:16]))
    assert "Zu dieser Prüfsumme gehört eine Datei" in page
    assert "Format DOCX" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [("notiz.txt", b"Nur eine Notiz."), ("zufall.bin", bytes(range(256)) * 40)],
)
def test_a_file_the_city_never_issued_is_answered_not_issued(client, media, db, name, content):
    before = stored_files(media)
    response = check(client, datei=upload(name, content))
    assert response.status_code == 200
    assert NOT_ISSUED in text(response)
    assert hashlib.sha256(content).hexdigest() in text(response)
    assert stored_files(media) == before


def test_an_unknown_checksum_is_answered_not_issued(client, issued, db):
    response = check(client, pruefsumme="ab" * 32)
    assert response.status_code == 200
    assert "Zu dieser Prüfsumme gibt es keine Datei, die die Stadt Minden ausgestellt hat." in (
        text(response)
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, NOTHING_GIVEN),
        ({"pruefsumme": "   "}, NOTHING_GIVEN),
        ({"pruefsumme": "abcdef12345"}, "Bitte geben Sie mindestens 12 Zeichen der Prüfsumme an."),
        ({"pruefsumme": "xyz-not-a-checksum"}, "Eine Prüfsumme besteht nur aus den Ziffern"),
        ({"pruefsumme": "a" * 70}, "Eine SHA-256-Prüfsumme hat 64 Zeichen"),
        ({"pruefsumme": "a" * 300}, "Eine Prüfsumme hat höchstens 128 Zeichen."),
        ({"datei": "leer"}, "Die hochgeladene Datei ist leer."),
        ({"datei": "voll", "pruefsumme": "a" * 64}, "nicht beides"),
    ],
)
def test_invalid_input_is_400_with_a_german_message(client, media, db, data, message):
    if "datei" in data:
        data["datei"] = upload("datei.pdf", b"" if data["datei"] == "leer" else b"%PDF-1.7")
    before = stored_files(media)
    response = check(client, **data)
    assert response.status_code == 400
    assert message in text(response)
    assert stored_files(media) == before


def test_a_50_mb_upload_is_stopped_while_it_streams(client, settings, media, db, tmp_path):
    # Were Django's own handlers used, any upload would land in this folder.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    before = stored_files(media)

    response = check(client, datei=upload("gross.pdf", b"\x00" * (50 * 1024 * 1024)))

    assert response.status_code == 413
    assert "Die Datei ist größer als 20 MB und wurde nicht angenommen." in text(response)
    assert stored_files(media) == before
    assert list(tmp_path.iterdir()) == []
    assert IssuedFile.objects.count() == len(EVERY_FILE)


def test_the_handler_hashes_and_stops_past_its_limit():
    handler = HashingUploadHandler(max_bytes=10)
    handler.new_file("datei", "a.txt", "text/plain", None)
    assert handler.receive_data_chunk(b"12345", 0) is None
    result = handler.file_complete(5)
    assert result.sha256 == hashlib.sha256(b"12345").hexdigest()
    assert result.sha512 == hashlib.sha512(b"12345").hexdigest()
    assert (result.name, result.size) == ("a.txt", 5)

    handler.new_file("datei", "b.txt", "text/plain", None)
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"123456", 0)
    assert handler.too_large
    assert MAX_UPLOAD_BYTES == 20 * 1024 * 1024


def test_the_page_is_one_form_with_labels_and_one_h1(client, db):
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in page
    assert 'for="id_datei"' in page and 'for="id_pruefsumme"' in page


def test_the_check_is_protected_against_csrf(media, db):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, {"pruefsumme": "a" * 64}).status_code == 403
    client.get(URL)
    token = client.cookies["csrftoken"].value
    response = client.post(URL, {"pruefsumme": "a" * 64, "csrfmiddlewaretoken": token})
    assert response.status_code == 200


def test_the_english_page_answers_too(client, issued, db):
    file = issued["files"][("version", "json")]
    response = client.post(f"/en{URL}", {"pruefsumme": file.sha256})
    assert response.status_code == 200
    assert file.sha256 in response.content.decode()
