import pytest
from django.core import mail

from minden_integration.site.models import AccessibilityFeedback, Page, PageSlug
from minden_integration.site.pages import pages_ensure


@pytest.fixture
def pages(db):
    pages_ensure()


@pytest.mark.parametrize(
    "path",
    [
        "/impressum/",
        "/datenschutz/",
        "/leichte-sprache/",
        "/gebaerdensprache/",
        "/barrierefreiheit/",
    ],
)
def test_service_pages_are_public(client, pages, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


def test_pages_show_what_the_officer_wrote(client, pages):
    Page.objects.filter(slug=PageSlug.IMPRINT).update(body="Stadt **Minden**, Fachbereich 4")
    content = client.get("/impressum/").content.decode()
    assert "Stadt <strong>Minden</strong>, Fachbereich 4" in content


def test_page_markdown_cannot_inject_script(client, pages):
    Page.objects.filter(slug=PageSlug.PRIVACY).update(body="<script>alert(1)</script> Text")
    content = client.get("/datenschutz/").content.decode()
    assert "<script>alert(1)" not in content


def test_pages_ensure_keeps_edited_texts(pages):
    Page.objects.filter(slug=PageSlug.IMPRINT).update(body="Eigener Text")
    assert pages_ensure() == 0
    assert Page.objects.get(slug=PageSlug.IMPRINT).body == "Eigener Text"
    assert Page.objects.count() == 4


def test_unknown_paths_get_the_german_404(client, db):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_accessibility_statement_names_the_ombudsstelle_and_conformity(client, pages):
    from minden_integration.site.city import CitySettings, Conformity
    from minden_integration.site.services import city_settings_save

    city_settings_save(record=CitySettings(conformity=Conformity.PARTIAL))
    content = client.get("/barrierefreiheit/").content.decode()
    assert "Ombudsstelle für barrierefreie Informationstechnik" in content
    assert "teilweise vereinbar" in content
    assert 'for="id_message"' in content


def test_feedback_is_stored_and_mailed_to_the_officer(
    client, pages, officer, django_capture_on_commit_callbacks
):
    officer.email = "integration@minden.example"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/barrierefreiheit/",
            {"message": "Der Kontrast im Menü ist zu schwach.", "page_url": "/massnahmen/"},
        )
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page_url == "/massnahmen/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["integration@minden.example"]
    assert "Kontrast" in mail.outbox[0].body
    assert "Vielen Dank" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"message": ""}, "Bitte beschreiben Sie die Barriere."),
        ({"message": "   \x00  "}, "Nullzeichen sind nicht erlaubt."),
        ({"message": "   "}, "Bitte beschreiben Sie die Barriere."),
        ({"message": "x" * 5001}, "höchstens 5.000 Zeichen"),
        ({"message": "Text", "email": "keine-adresse"}, "gültige E-Mail-Adresse"),
    ],
)
def test_bad_feedback_gets_a_german_message_and_stores_nothing(client, pages, data, message):
    response = client.post("/barrierefreiheit/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_feedback_needs_the_csrf_token(pages):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/barrierefreiheit/", {"message": "Hallo"})
    assert response.status_code == 403
    assert not AccessibilityFeedback.objects.exists()


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
    assert "Disallow: /en/admin/" in response.content.decode()
    assert "Disallow: /ar/admin/" in response.content.decode()


def test_english_pages_live_under_en(client, pages):
    response = client.get("/en/impressum/")
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_every_page_has_a_skip_link_and_landmarks(client, pages):
    content = client.get("/").content.decode()
    assert 'href="#inhalt"' in content and 'id="inhalt"' in content
    assert "<header" in content and "<main" in content and "<footer" in content
    assert 'role="search"' in content
