"""Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit, Leichte Sprache and
Gebärdensprache: built from the city's settings, each saying what is still missing."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from minden_integration.site.city import CitySettings
from minden_integration.site.explanations import Explanation, ExplanationTopic
from minden_integration.site.pages import pages_ensure
from minden_integration.site.services import city_settings_save
from tests.portal.test_city_settings import ADMIN, form_data

COMPLETE = {
    "represented_by": "Bürgermeisterin Erika Beispiel",
    "address": "Rathausplatz 1\n12345 Beispielstadt",
    "phone": "0123 456-0",
    "email": "info@beispielstadt.example",
    "contact_form_url": "https://www.beispielstadt.example/kontakt",
    "supervisory_authority": "Bezirksregierung Beispiel, Amtsweg 5, 12300 Beispiel",
    "vat_id": "DE123456789",
    "content_responsible": "Max Presse, Pressestelle",
    "content_responsible_address": "Pressestelle, Rathausplatz 2, 12345 Beispielstadt",
    "dpo_name": "Behördliche Datenschutzbeauftragte Dora Schutz",
    "dpo_contact": "datenschutz@beispielstadt.example",
    "hosting": "Rechenzentrum Beispiel-IT, Serverweg 3, 12345 Beispielstadt",
    "server_logs": "IP-Adresse, Zeitpunkt und Adresse; gelöscht nach 7 Tagen.",
    "conformity": "partial",
    "known_barriers": "Ältere PDF-Dateien sind nicht barrierefrei.",
    "statement_date": "2025-03-01",
    "review_date": "2025-09-01",
    "method": "self",
    "method_details": "BITV-Selbsttest durch das Integrationsbüro",
    "accessibility_contact": "Integrationsbüro, barrierefrei@beispielstadt.example",
}


def text(response) -> str:
    return " ".join(response.content.decode().split())


def missing_notice(page: str) -> list[str]:
    match = re.search(
        r'<div class="alert alert-warning" role="note" id="fehlende-angaben">(.*?)</div>', page
    )
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


@pytest.fixture
def pages(db):
    pages_ensure()


def test_the_law_pages_show_the_city_data_entered_in_the_admin(client, officer_client, pages):
    response = officer_client.post(f"{ADMIN}add/", form_data(name="Beispielstadt", **COMPLETE))
    assert response.status_code == 302
    client.logout()
    imprint = text(client.get("/impressum/"))
    for value in (
        "Stadt Beispielstadt",
        "Körperschaft des öffentlichen Rechts",
        "Bürgermeisterin Erika Beispiel",
        "Rathausplatz 1<br>12345 Beispielstadt",
        "0123 456-0",
        'href="mailto:info@beispielstadt.example"',
        'href="https://www.beispielstadt.example/kontakt"',
        "Bezirksregierung Beispiel",
        "DE123456789",
        "Max Presse, Pressestelle<br>Pressestelle, Rathausplatz 2",
    ):
        assert value in imprint, value
    privacy = text(client.get("/datenschutz/"))
    for value in (
        "Behördliche Datenschutzbeauftragte Dora Schutz",
        "Rechenzentrum Beispiel-IT",
        "gelöscht nach 7 Tagen",
    ):
        assert value in privacy, value
    statement = text(client.get("/barrierefreiheit/"))
    for value in (
        "Dieses Portal ist mit der BITV NRW teilweise vereinbar.",
        "Ältere PDF-Dateien sind nicht barrierefrei.",
        "Diese Erklärung wurde am 1. März 2025 erstellt.",
        "Sie wurde zuletzt am 1. September 2025 überprüft.",
        "Die Bewertung beruht auf: Selbstbewertung. BITV-Selbsttest durch das Integrationsbüro",
        "barrierefrei@beispielstadt.example",
    ):
        assert value in statement, value
    for page in (imprint, privacy):
        assert "fehlende-angaben" not in page
        assert "noch nicht angegeben" not in page
    # Only the videos are missing: listed as known barriers, and nothing else is missing.
    assert missing_notice(statement) == []


EMPTY_IMPRINT = [
    "Vertreten durch",
    "Anschrift",
    "E-Mail-Adresse",
    "Telefon oder Kontaktformular",
    "Aufsichtsbehörde",
    "Verantwortlich für den Inhalt",
]
EMPTY_PRIVACY = [
    "Anschrift",
    "E-Mail-Adresse",
    "Datenschutzbeauftragte oder Datenschutzbeauftragter",
    "Kontakt der oder des Datenschutzbeauftragten",
    "Technischer Betrieb",
    "Protokolle des Webservers",
]
EMPTY_STATEMENT = [
    "Stand der Vereinbarkeit mit BITV NRW",
    "Erklärung erstellt am",
    "Erklärung zuletzt überprüft am",
    "Methode der Bewertung",
    "Kontakt zur Barrierefreiheit",
]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/impressum/", EMPTY_IMPRINT),
        ("/datenschutz/", EMPTY_PRIVACY),
        ("/barrierefreiheit/", EMPTY_STATEMENT),
    ],
)
def test_each_law_page_names_each_missing_field_to_everyone(client, db, path, expected):
    """Even before anything is stored (no settings, no page rows) the page renders."""
    response = client.get(path)
    assert response.status_code == 200
    page = text(response)
    assert "Diese Seite ist noch nicht vollständig." in page
    assert missing_notice(page) == expected


def test_one_missing_field_is_named_alone(client, db):
    record = city_settings_save(record=CitySettings(**{**COMPLETE, "supervisory_authority": ""}))
    assert missing_notice(text(client.get("/impressum/"))) == ["Aufsichtsbehörde"]
    record.supervisory_authority = "Bezirksregierung Beispiel"
    record.phone = record.contact_form_url = ""
    city_settings_save(record=record)
    assert missing_notice(text(client.get("/impressum/"))) == ["Telefon oder Kontaktformular"]


def test_the_privacy_page_lists_the_portals_processings_and_periods(client, db):
    page = text(client.get("/datenschutz/"))
    for heading in (
        "Aufruf der Seiten",
        "Cookies",
        "Konten der Mitglieder und Einladungen",
        "Änderungsvorschläge",
        "Rückmeldungen zur Barrierefreiheit",
        "Schutz der Anmeldung",
        "E-Mails",
    ):
        assert f"<h3>{heading}</h3>" in page
    for fact in (
        "Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 Abs. 1 DSG NRW",
        "Art. 6 Abs. 1 Buchst. a DSGVO",
        "spätestens nach 14 Tagen",  # SESSION_COOKIE_AGE
        "gilt 7 Tage",  # PORTAL_INVITATION_VALID_DAYS
        "nach 30 Tagen gelöscht",  # PORTAL_RETENTION_THROTTLING_DAYS
        "Nach 20 Fehlversuchen von einer Adresse",  # AXES_FAILURE_LIMIT
        "höchstens 300 Sekunden",  # PORTAL_LOGIN_WAIT_MAX_SECONDS
        "nach 24 Stunden ohne weiteren Fehlversuch",  # PORTAL_LOGIN_FAILURE_MEMORY_HOURS
        "für 15 Minuten gesperrt",
        "User-Agent",
        "(Art. 15 DSGVO)",
        "(Art. 21 DSGVO)",
        "(Art. 77 DSGVO)",
        "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen",
        'href="mailto:poststelle@ldi.nrw.de"',
    ):
        assert fact in page, fact


def test_the_privacy_page_follows_the_retention_settings(client, db, settings):
    settings.PORTAL_RETENTION_THROTTLING_DAYS = 10
    settings.SESSION_COOKIE_AGE = 3 * 86400
    settings.PORTAL_RETENTION_FEEDBACK_DAYS = 400
    settings.PORTAL_RETENTION_INVITATION_DAYS = 45
    settings.PORTAL_RETENTION_PROFILE_VISIT_DAYS = 200
    settings.PORTAL_RETENTION_CONSENT_DAYS = 700
    page = text(client.get("/datenschutz/"))
    assert "nach 10 Tagen gelöscht" in page
    assert "spätestens nach 3 Tagen" in page
    assert "werden 400 Tage nach der abschließenden Antwort gelöscht" in page
    assert "Einladungen werden 45 Tage nach ihrer Verwendung" in page
    assert "„Mein Konto“ 200 Tage danach" in page
    assert "wird 700 Tage nach dem Widerruf gelöscht" in page


def test_the_privacy_page_states_what_the_register_declares(client, db):
    """One source: every processing of the register, with its purpose, legal basis and
    retention period as the register states them."""
    from minden_integration.core.processing_register import processings

    page = text(client.get("/datenschutz/"))
    for processing in processings():
        assert f"<h3>{processing.name}</h3>" in page
        for value in (processing.purpose, processing.legal_basis, processing.retention):
            assert " ".join(value.split()) in page, (processing.key, value)
    assert "Das Portal löscht sie nicht von selbst" not in page


def test_the_page_addition_appears_below_the_generated_text(client, pages):
    from minden_integration.site.models import Page, PageSlug

    Page.objects.filter(slug=PageSlug.PRIVACY).update(body="Zusatz zur **Videoüberwachung**")
    page = text(client.get("/datenschutz/"))
    assert "Weitere Angaben" in page
    assert page.index("Zusatz zur <strong>Videoüberwachung</strong>") > page.index(
        "Beschwerderecht"
    )


# --- Leichte Sprache, Gebärdensprache, and the missing videos as known barriers ------------------

VIDEO = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2000
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def with_video(topic: str) -> Explanation:
    explanation = Explanation(
        topic=topic,
        video=SimpleUploadedFile("inhalt.mp4", VIDEO, content_type="video/mp4"),
        captions=SimpleUploadedFile("inhalt.vtt", CAPTIONS, content_type="text/vtt"),
        duration=dt.timedelta(minutes=2, seconds=45),
    )
    explanation.full_clean()
    explanation.save()
    return explanation


def test_every_missing_sign_language_video_is_a_known_barrier(client, db, media):
    page = text(client.get("/barrierefreiheit/"))
    for label in ("Inhalt", "Navigation", "Erklärung zur Barrierefreiheit", "Weitere Angebote"):
        assert f"Das Video in Deutscher Gebärdensprache zum Thema „{label}“ fehlt noch." in page
    with_video(ExplanationTopic.CONTENT)
    page = text(client.get("/barrierefreiheit/"))
    assert "zum Thema „Inhalt“ fehlt noch" not in page
    assert "zum Thema „Navigation“ fehlt noch" in page
    for topic in ExplanationTopic:
        if topic != ExplanationTopic.CONTENT:
            with_video(topic)
    page = text(client.get("/barrierefreiheit/"))
    assert "fehlt noch" not in page
    assert 'id="fehlende-videos"' not in page


def test_full_conformity_with_missing_videos_is_called_a_contradiction(client, db):
    city_settings_save(record=CitySettings(conformity="full"))
    page = text(client.get("/barrierefreiheit/"))
    assert "passt nicht zu den bekannten Barrieren" in page


def test_the_four_explanations_in_leichte_sprache(client, pages):
    city_settings_save(record=CitySettings(name="Beispielstadt"))
    page = text(client.get("/leichte-sprache/"))
    for topic in ExplanationTopic:
        assert f'<h2 id="thema-{topic.value}">{topic.label}</h2>' in page
    assert "Die Stadt Beispielstadt hat ein <strong>Integrations-Konzept</strong>." in page
    assert "Mit der Tab-Taste" in page
    assert 'href="/gebaerdensprache/#thema-navigation"' in page
    assert 'href="/barrierefreiheit/"' in page
    Explanation.objects.create(topic=ExplanationTopic.OFFERS, easy_text="Eigener **Text**.")
    assert "Eigener <strong>Text</strong>." in text(client.get("/leichte-sprache/"))


def test_the_sign_language_page_offers_each_video_with_captions_size_and_duration(
    client, db, media
):
    with_video(ExplanationTopic.NAVIGATION)
    page = text(client.get("/gebaerdensprache/"))
    navigation = page[page.index('id="thema-navigation"') : page.index('id="thema-erklaerung"')]
    assert '<video controls preload="none">' in navigation
    assert 'kind="captions"' in navigation and 'srclang="de"' in navigation
    assert "(MP4, 2,0 KB, Dauer 2:45 Minuten)" in navigation
    assert "Untertitel herunterladen (WebVTT)" in navigation
    content = page[page.index('id="thema-inhalt"') : page.index('id="thema-navigation"')]
    assert "fehlt noch" in content and "<video" not in content


def test_a_video_needs_captions_and_its_duration(db, media):
    explanation = Explanation(
        topic=ExplanationTopic.CONTENT,
        video=SimpleUploadedFile("inhalt.mp4", VIDEO, content_type="video/mp4"),
    )
    with pytest.raises(ValidationError) as refused:
        explanation.full_clean()
    assert set(refused.value.message_dict) == {"captions", "duration"}


def test_the_home_page_and_every_footer_offer_both(client, db):
    home = text(client.get("/"))
    assert 'href="/leichte-sprache/#thema-inhalt"' in home
    assert 'href="/gebaerdensprache/#thema-angebote"' in home
    footer = text(client.get("/impressum/"))
    assert 'href="/gebaerdensprache/">Gebärdensprache</a>' in footer


def test_the_officer_adds_a_video_in_the_admin_and_the_statement_follows(
    officer_client, client, media
):
    add = "/admin/site/explanation/add/"
    page = officer_client.get(add).content.decode()
    assert page.count("<option value=") == len(ExplanationTopic)
    incomplete = {"topic": "inhalt", "easy_text": "", "duration": ""}
    incomplete["video"] = SimpleUploadedFile("inhalt.mp4", VIDEO, content_type="video/mp4")
    response = officer_client.post(add, incomplete)
    assert "Zu jedem Video gehören Untertitel (WebVTT)." in response.content.decode()
    data = {
        "topic": "inhalt",
        "easy_text": "",
        "duration": "2:45",
        "video": SimpleUploadedFile("inhalt.mp4", VIDEO, content_type="video/mp4"),
        "captions": SimpleUploadedFile("inhalt.vtt", CAPTIONS, content_type="text/vtt"),
    }
    assert officer_client.post(add, data).status_code == 302
    explanation = Explanation.objects.get()
    assert explanation.duration == dt.timedelta(minutes=2, seconds=45)
    # The topic taken is offered no more; nothing is deleted.
    page = officer_client.get(add).content.decode()
    assert 'value="inhalt"' not in page and page.count("<option value=") == 3
    delete = f"/admin/site/explanation/{explanation.pk}/delete/"
    assert officer_client.get(delete).status_code == 403
    assert "zum Thema „Inhalt“ fehlt noch" not in text(client.get("/barrierefreiheit/"))
