"""The register of processing activities (Art. 30 DSGVO) in the admin: the officer's, printable,
built from the one register in code with the periods of the settings."""

import pytest
from django.urls import reverse

from minden_integration.core.processing_activities import REGISTER
from minden_integration.core.processing_register import processings
from minden_integration.site.city import CitySettings
from minden_integration.site.services import city_settings_save
from tests.factories import UserFactory

URL = "/admin/verarbeitungsverzeichnis/"


def test_the_url_is_the_admins():
    assert reverse("admin:processing-register") == URL


def test_the_officer_reads_every_processing_with_its_periods(client, officer, settings):
    settings.PORTAL_RETENTION_FEEDBACK_DAYS = 1000
    settings.PORTAL_RETENTION_THROTTLING_DAYS = 21
    city_settings_save(
        record=CitySettings(name="Beispielstadt", dpo_name="Dora Schutz", hosting="Rechenzentrum")
    )
    client.force_login(officer)

    response = client.get(URL)

    content = " ".join(response.content.decode().split())
    assert response.status_code == 200
    for processing in processings():
        assert processing.name in content
        for value in (processing.purpose, processing.legal_basis, processing.data_subjects):
            assert " ".join(value.split()) in content, (processing.key, value)
    assert len(processings()) == len(REGISTER) >= 8
    assert "1000 Tage nach der abschließenden Antwort gelöscht" in content
    assert "nach 21 Tagen gelöscht" in content
    assert "PORTAL_RETENTION_FEEDBACK_DAYS" in content
    assert "Dora Schutz" in content and "Stadt Beispielstadt" in content
    assert "Technische und organisatorische Maßnahmen (Art. 32 DSGVO)" in content
    assert 'href="/static/css/admin.css"' in content  # with its print rules


def test_the_start_page_links_it_for_the_officer_only(client, officer, clerk):
    client.force_login(officer)
    assert f'href="{URL}"' in client.get("/admin/").content.decode()
    client.force_login(clerk)
    assert f'href="{URL}"' not in client.get("/admin/").content.decode()


@pytest.mark.parametrize(("who", "status"), [("clerk", 403), ("member", 302), (None, 302)])
def test_nobody_else_reads_it(client, officer, clerk, member, who, status):
    if who:
        client.force_login({"clerk": clerk, "member": member}[who])
    assert client.get(URL).status_code == status


def test_a_superuser_reads_it(client, db):
    client.force_login(UserFactory(username="root@example.org", is_staff=True, is_superuser=True))
    assert client.get(URL).status_code == 200
