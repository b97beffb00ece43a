"""`/echtheit/` answers at most so many checks per address and minute (429 beyond)."""

import pytest

from minden_integration.core.models import RateCounter

pytestmark = pytest.mark.django_db

URL = "/echtheit/"
HOME = "192.0.2.10"


def check(client, address=HOME):
    return client.post(URL, {"pruefsumme": "ab" * 32}, REMOTE_ADDR=address)


def test_checks_beyond_the_limit_wait(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "authenticity": (3, 60)}
    assert [check(client).status_code for _n in range(3)] == [200] * 3
    refused = check(client)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    content = " ".join(refused.content.decode().split())
    assert "sehr viele Prüfungen" in content
    assert 'name="pruefsumme"' in content
    assert content.count("<h1") == 1
    assert client.get(URL, REMOTE_ADDR=HOME).status_code == 200
    assert check(client, address="192.0.2.20").status_code == 200


def test_the_default_allows_thirty_checks_a_minute(client):
    assert {check(client).status_code for _n in range(30)} == {200}
    assert check(client).status_code == 429
    assert RateCounter.objects.get(scope="authenticity").count == 31
