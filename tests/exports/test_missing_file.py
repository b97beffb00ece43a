"""A file the register lists but the storage lost answers 503 with a German message, not 500."""

import pytest

from concept.models import IssuedFile
from tests.factories import VersionFactory

pytestmark = pytest.mark.django_db


def test_an_issued_file_missing_from_storage_answers_503(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    issued = IssuedFile.objects.create(
        version=VersionFactory(),
        document="version",
        format="json",
        file="issued/verloren.json",
        mime_type="application/json",
        size=2,
        sha256="c" * 64,
        sha512="d" * 128,
    )
    response = client.get(f"/dateien/{issued.pk}/")
    assert response.status_code == 503
    assert "vorübergehend nicht verfügbar" in response.content.decode()
