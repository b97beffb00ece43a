"""Frozen versions' pages answer 304 to a conditional GET until something they show changes."""

import datetime as dt

import pytest
from django.contrib.messages import constants, storage

from concept.models import ConsultationResult, VersionStatus
from concept.services import consultation_record, version_present
from tests.concept.conftest import move, version_with_sections


@pytest.fixture
def presented(concept):
    """Version 1, frozen and presented to the bodies; no result recorded yet."""
    version = version_with_sections(concept)
    version_present(
        version=version, council_paper_reference="DS 1/2011", presented_on=dt.date(2011, 5, 2)
    )
    version.refresh_from_db()
    return version


def conditional_get(client, url, etag, **headers):
    return client.get(url, headers={"if-none-match": etag, **headers})


def test_a_frozen_version_answers_304_until_a_result_is_recorded(client, presented):
    first = client.get("/konzept/v1/")
    etag = first["ETag"]
    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"]

    again = conditional_get(client, "/konzept/v1/", etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.content

    consultation = presented.consultations.get(body__name="Integrationsrat")
    consultation_record(
        consultation=consultation,
        result=ConsultationResult.RECOMMENDED,
        held_on=dt.date(2011, 5, 12),
    )
    after = conditional_get(client, "/konzept/v1/", etag)
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert "empfohlen" in after.content.decode()
    assert conditional_get(client, "/konzept/v1/", after["ETag"]).status_code == 304


def test_the_etag_differs_by_language_and_page(client, presented):
    german = client.get("/konzept/v1/")["ETag"]
    english = client.get("/en/konzept/v1/")["ETag"]
    current = client.get("/konzept/")["ETag"]  # the same version, with a canonical link
    assert len({german, english, current}) == 3
    assert conditional_get(client, "/en/konzept/v1/", german).status_code == 200


def test_the_etag_names_the_deployment(client, presented, settings):
    from minden_integration.core import deployment

    etag = client.get("/konzept/v1/")["ETag"]
    settings.PORTAL_DEPLOYMENT_ID = "release-2"
    deployment.deployment_id.cache_clear()
    try:
        assert conditional_get(client, "/konzept/v1/", etag).status_code == 200
    finally:
        deployment.deployment_id.cache_clear()


def test_a_live_version_carries_no_etag(client, concept):
    version = version_with_sections(concept)
    move(version, VersionStatus.CONSULTATION)
    response = client.get("/konzept/v1/")
    assert response.status_code == 200
    assert not response.has_header("ETag")


def test_logged_in_visitors_get_no_etag_and_no_304(client, presented, member):
    etag = client.get("/konzept/v1/")["ETag"]
    client.force_login(member)
    response = conditional_get(client, "/konzept/v1/", etag)
    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert "Abmelden" in response.content.decode()


def test_a_pending_message_is_shown_not_answered_with_304(client, presented, settings):
    etag = client.get("/konzept/v1/")["ETag"]
    cookie = storage.cookie.CookieStorage(None)
    messages = [storage.base.Message(constants.SUCCESS, "Sie wurden abgemeldet.")]
    client.cookies[cookie.cookie_name] = cookie._encode(messages)
    response = conditional_get(client, "/konzept/v1/", etag)
    assert response.status_code == 200
    assert "Sie wurden abgemeldet." in response.content.decode()


def test_the_comparison_of_two_frozen_versions_answers_304(client, concept):
    old = version_with_sections(concept, 2)
    move(old, VersionStatus.COUNCIL_REVIEW)
    new = version_with_sections(concept, 3)
    move(new, VersionStatus.COUNCIL_REVIEW)
    url = "/konzept/vergleich/?von=1&zu=2"
    etag = client.get(url)["ETag"]
    assert conditional_get(client, url, etag).status_code == 304

    # A third version appears in the form's choices: the page changed.
    third = version_with_sections(concept, 1)
    move(third, VersionStatus.CONSULTATION)
    assert conditional_get(client, url, etag).status_code == 200
