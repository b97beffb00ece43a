"""/.well-known/security.txt (RFC 9116)."""

import datetime as dt

import pytest
from django.utils import timezone

from minden_integration.site.city import CitySettings
from minden_integration.site.services import city_settings_save

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"


def fields(response) -> dict[str, str]:
    lines = response.content.decode().splitlines()
    return dict(line.split(": ", 1) for line in lines)


def test_it_names_contact_expiry_languages_and_its_canonical_address(client, settings):
    settings.PORTAL_BASE_URL = "https://integration.minden.example"
    settings.PORTAL_SECURITY_CONTACT = "sicherheit@minden.example"
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    data = fields(response)
    assert data["Contact"] == "mailto:sicherheit@minden.example"
    assert data["Preferred-Languages"] == "de, en"
    assert data["Canonical"] == "https://integration.minden.example/.well-known/security.txt"
    expires = dt.datetime.fromisoformat(data["Expires"])
    assert timezone.now() + dt.timedelta(days=170) < expires
    assert expires < timezone.now() + dt.timedelta(days=365)


def test_a_contact_uri_is_given_as_it_is(client, settings):
    settings.PORTAL_SECURITY_CONTACT = "https://www.minden.example/sicherheit"
    assert fields(client.get(URL))["Contact"] == "https://www.minden.example/sicherheit"


def test_without_a_setting_the_citys_address_is_the_contact(client, settings):
    settings.PORTAL_SECURITY_CONTACT = ""
    settings.DEFAULT_FROM_EMAIL = "Portal <portal@minden.example>"
    assert fields(client.get(URL))["Contact"] == "mailto:portal@minden.example"
    city_settings_save(record=CitySettings(email="stadt@minden.example"))
    assert fields(client.get(URL))["Contact"] == "mailto:stadt@minden.example"


def test_it_lives_only_at_the_well_known_path(client):
    assert client.get("/en/.well-known/security.txt").status_code == 404
