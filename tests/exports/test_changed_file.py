"""A stored issued file whose bytes differ from its recorded SHA-256 is not served: 503 with a
German page, and the officers hear of it once."""

import hashlib
import os

import pytest
from django.core import mail

from concept import integrity
from concept.models import IssuedFile
from tests.factories import VersionFactory

pytestmark = pytest.mark.django_db

CONTENT = b'{"titel": "Integrationskonzept"}'


@pytest.fixture(autouse=True)
def _fresh_process():
    integrity.verdicts_forget()
    yield
    integrity.verdicts_forget()


@pytest.fixture
def issued(settings, tmp_path, officer):
    officer.email = "integration@minden.example"
    officer.save()
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "issued").mkdir()
    (tmp_path / "issued" / "v1.json").write_bytes(CONTENT)
    return IssuedFile.objects.create(
        version=VersionFactory(),
        document="version",
        format="json",
        file="issued/v1.json",
        mime_type="application/json",
        size=len(CONTENT),
        sha256=hashlib.sha256(CONTENT).hexdigest(),
        sha512=hashlib.sha512(CONTENT).hexdigest(),
    )


def overwrite(issued, content: bytes) -> None:
    path = issued.file.path
    before = os.stat(path).st_mtime_ns
    with open(path, "wb") as stored:
        stored.write(content)
    # Whatever the file system's clock resolution: the change is later than the check.
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_an_untouched_file_is_served_as_issued(client, issued):
    response = client.get(f"/dateien/{issued.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert mail.outbox == []


def test_a_changed_file_answers_503_and_alerts_the_officers_once(client, issued):
    assert client.get(f"/dateien/{issued.pk}/").status_code == 200
    overwrite(issued, CONTENT.replace(b"Integration", b"Desintegrat"))
    assert os.path.getsize(issued.file.path) == issued.size

    response = client.get(f"/dateien/{issued.pk}/")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    content = " ".join(response.content.decode().split())
    assert "stimmt nicht mehr mit der Prüfsumme überein" in content
    assert content.count("<h1") == 1
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == ["integration@minden.example"]
    assert alert.subject.startswith("Ausgestellte Datei verändert")
    assert issued.sha256 in alert.body

    assert client.get(f"/dateien/{issued.pk}/").status_code == 503
    integrity.verdicts_forget()  # another process checks again, and does not mail again
    assert client.get(f"/dateien/{issued.pk}/").status_code == 503
    assert len(mail.outbox) == 1


def test_a_file_of_another_size_is_refused_without_reading_it(client, issued):
    overwrite(issued, CONTENT + b" ")
    assert client.get(f"/dateien/{issued.pk}/").status_code == 503
    assert "Gefundene Größe: 33 Bytes" in mail.outbox[0].body


def test_a_restored_file_is_served_again(client, issued):
    overwrite(issued, b"x" * len(CONTENT))
    assert client.get(f"/dateien/{issued.pk}/").status_code == 503
    overwrite(issued, CONTENT)
    response = client.get(f"/dateien/{issued.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT


def test_a_file_is_read_once_per_process_and_state(client, issued):
    for _n in range(3):
        assert client.get(f"/dateien/{issued.pk}/").status_code == 200
    assert list(integrity._verdicts.values()) == [True]
