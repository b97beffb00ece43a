import pytest

from tests.factories import ConceptFactory, SessionFactory, WorkingGroupFactory


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_shows_the_concept_and_its_groups(client, db, path):
    concept = ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")
    group = WorkingGroupFactory(concept=concept, name="Arbeit und Soziales")
    SessionFactory(working_group=group, round=1)
    response = client.get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Integrationskonzept der Stadt Minden" in content
    assert "Arbeit und Soziales" in content


def test_home_without_a_concept_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "noch kein Konzept" in response.content.decode()


def test_admin_login_page_is_served(client, db):
    assert client.get("/admin/login/").status_code == 200


def test_create_local_admin_prints_a_random_password_once(db):
    from io import StringIO

    from django.contrib.auth import authenticate
    from django.core.management import call_command
    from django.test import RequestFactory

    out = StringIO()
    call_command("create_local_admin", stdout=out)
    password = out.getvalue().split("Passwort: ")[1].split()[0]
    assert len(password) >= 12
    # The throttling backends need the request (a lock per address, a wait per account).
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username="admin", password=password) is not None
    again = StringIO()
    call_command("create_local_admin", stdout=again)
    assert password not in again.getvalue()
