"""The city's settings: one record edited in the admin, whose name, coat of arms and colours
every page shows, and whose name every concept carries."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concept.models import Concept, VersionStatus
from concept.services import version_transition
from minden_integration.site.city import CitySettings
from minden_integration.site.colours import contrast_ratio
from minden_integration.site.services import city_settings_save
from tests.factories import (
    ConceptFactory,
    MeasureFactory,
    SectionFactory,
    VersionFactory,
    WorkingGroupFactory,
)

ADMIN = "/admin/site/citysettings/"
LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="#1b5e20"/></svg>'
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form_data(**changes):
    """Every field of the admin form, as a browser posts it (empty where nothing is given)."""
    data = {
        field.name: ""
        for field in CitySettings._meta.concrete_fields
        if field.editable and field.name not in {"id", "created_at", "updated_at", "logo"}
    }
    data |= {
        "designation": "Stadt",
        "name": "Minden",
        "legal_form": "Körperschaft des öffentlichen Rechts",
        "colour_primary": "#004f8b",
        "colour_accent": "#004f8b",
    }
    return data | changes


def other_city(**changes) -> CitySettings:
    fields = {
        "designation": "Hansestadt",
        "name": "Beispielstadt",
        "colour_primary": "#1b5e20",
        "colour_accent": "#6a1b9a",
        "logo": SimpleUploadedFile("wappen.svg", LOGO, content_type="image/svg+xml"),
        "logo_alt": "Wappen der Hansestadt Beispielstadt",
    }
    record = CitySettings(**(fields | changes))
    return city_settings_save(record=record)


@pytest.fixture
def site(db, member):
    """A concept with a public version, a measure, and a member with an account."""
    concept = ConceptFactory(slug="minden")
    version = VersionFactory(concept=concept, number=1)
    SectionFactory(version=version, position=1)
    version_transition(
        version=version,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.now() + dt.timedelta(weeks=4),
    )
    group = WorkingGroupFactory(concept=concept, slug="bildung")
    MeasureFactory(concept=concept, working_group=group, number=1)
    return concept


# --- another city on every page ----------------------------------------------------------------

PAGES = [
    "/",
    "/konzept/v1/",
    "/massnahmen/1/",
    "/konto/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    "/en/massnahmen/1/",
]


@pytest.mark.parametrize("path", PAGES)
def test_another_citys_name_logo_and_colours_appear_on_every_page(client, site, member, path):
    record = other_city()
    client.force_login(member)
    content = client.get(path).content.decode()
    assert "Hansestadt Beispielstadt</title>" in content
    assert '<span class="site-city" lang="de">Hansestadt Beispielstadt</span>' in content
    assert f'<img class="site-logo" src="{record.logo_url}"' in content
    assert 'alt="Wappen der Hansestadt Beispielstadt"' in content
    assert f'<link rel="stylesheet" href="{record.css_url}">' in content
    assert f'<link rel="icon" href="{record.logo_url}">' in content
    assert "Stadt Minden" not in content


def test_the_style_sheet_carries_the_colours_and_the_logo_its_file(client, db):
    record = other_city()
    css = client.get(record.css_url)
    assert css["Content-Type"] == "text/css; charset=utf-8"
    text = css.content.decode()
    assert "--portal-accent: #1b5e20;" in text and "--bs-link-color: #1b5e20;" in text
    assert "--portal-highlight: #6a1b9a;" in text
    logo = client.get(record.logo_url)
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/svg+xml"
    assert b"".join(logo.streaming_content) == LOGO
    assert "sandbox" in logo["Content-Security-Policy"]


def test_the_style_sheet_is_cached_by_version_and_answers_304_to_its_etag(client, db):
    record = other_city()
    first = client.get(record.css_url)
    assert "immutable" in first["Cache-Control"] and "max-age=31536000" in first["Cache-Control"]
    assert client.get(record.css_url, headers={"if-none-match": first["ETag"]}).status_code == 304
    # An outdated link is served the current colours, but kept only briefly.
    stale = client.get("/stadt.css?v=alt")
    assert "max-age=300" in stale["Cache-Control"]
    old_url = record.css_url
    record.colour_primary = "#004f8b"
    city_settings_save(record=record)
    changed = client.get("/stadt.css", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert "--portal-accent: #004f8b;" in changed.content.decode()
    assert CitySettings.objects.get().css_url != old_url


def test_without_settings_the_pages_show_the_defaults(client, db):
    content = client.get("/").content.decode()
    assert '<span class="site-city" lang="de">Stadt Minden</span>' in content
    assert "site-logo" not in content
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in content
    assert client.get("/stadt-wappen/").status_code == 404
    assert "--portal-accent: #004f8b;" in client.get("/stadt.css").content.decode()
    assert not CitySettings.objects.exists()


# --- colours -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colour", "accepted"),
    [("#767676", True), ("#777777", False), ("#004f8b", True), ("#ffcc00", False)],
)
def test_a_colour_below_4_5_to_1_is_refused_by_the_model(db, colour, accepted):
    assert (contrast_ratio(colour, "#ffffff") >= 4.5) is accepted
    record = CitySettings(colour_primary=colour, colour_accent=colour)
    if accepted:
        record.full_clean()
        return
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert set(refused.value.message_dict) == {"colour_primary", "colour_accent"}
    assert "Kontrast zu Weiß" in refused.value.message_dict["colour_primary"][0]


def test_a_colour_below_4_5_to_1_is_refused_by_the_admin_form(officer_client):
    response = officer_client.post(f"{ADMIN}add/", form_data(colour_accent="#777777"))
    assert response.status_code == 200
    assert "Diese Farbe ist zu hell: Ihr Kontrast zu Weiß beträgt nur 4,48:1." in (
        response.content.decode()
    )
    assert not CitySettings.objects.exists()
    response = officer_client.post(f"{ADMIN}add/", form_data(colour_accent="#767676"))
    assert response.status_code == 302
    assert CitySettings.objects.get().colour_accent == "#767676"


def test_a_malformed_colour_gets_a_german_message(officer_client):
    response = officer_client.post(f"{ADMIN}add/", form_data(colour_primary="blau"))
    assert "Bitte geben Sie die Farbe als Hex-Wert mit sechs Stellen an" in (
        response.content.decode()
    )


# --- one record ----------------------------------------------------------------------------------


def test_the_settings_can_be_added_once_and_never_deleted(officer_client):
    assert officer_client.get(f"{ADMIN}add/").status_code == 200
    assert officer_client.post(f"{ADMIN}add/", form_data()).status_code == 302
    record = CitySettings.objects.get()
    assert officer_client.get(f"{ADMIN}add/").status_code == 403
    assert officer_client.post(f"{ADMIN}add/", form_data(name="Zweite")).status_code == 403
    assert officer_client.get(f"{ADMIN}{record.pk}/delete/").status_code == 403
    changelist = officer_client.get(ADMIN).content.decode()
    assert f"{ADMIN}add/" not in changelist
    assert "delete_selected" not in changelist
    assert CitySettings.objects.count() == 1


def test_the_database_and_the_model_refuse_a_second_record(db):
    city_settings_save(record=CitySettings())
    with pytest.raises(ValidationError):
        CitySettings(name="Zweite").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        CitySettings(name="Zweite").save()
    with pytest.raises(IntegrityError), transaction.atomic():
        CitySettings.objects.filter(pk=1).update(id=2)
    assert CitySettings.objects.get().name == "Minden"


def test_a_logo_needs_its_alternative_text_and_may_carry_no_script(officer_client):
    logo = SimpleUploadedFile("wappen.svg", LOGO, content_type="image/svg+xml")
    response = officer_client.post(f"{ADMIN}add/", form_data(logo=logo))
    assert "Bitte beschreiben Sie das Wappen oder Logo in einem Alternativtext." in (
        response.content.decode()
    )
    evil = SimpleUploadedFile(
        "wappen.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    response = officer_client.post(f"{ADMIN}add/", form_data(logo=evil, logo_alt="Wappen"))
    assert "keine Skripte" in response.content.decode()
    fake_png = SimpleUploadedFile("wappen.png", b"GIF89a....", content_type="image/png")
    response = officer_client.post(f"{ADMIN}add/", form_data(logo=fake_png, logo_alt="Wappen"))
    assert "kein gültiges PNG-Bild" in response.content.decode()
    assert not CitySettings.objects.exists()


# --- the municipality: one source ----------------------------------------------------------------


def test_saving_the_settings_gives_every_concept_the_municipality(officer_client):
    first = ConceptFactory(municipality="Minden")
    second = ConceptFactory(municipality="Alt")
    response = officer_client.post(f"{ADMIN}add/", form_data(name="Beispielstadt"))
    assert response.status_code == 302
    assert set(Concept.objects.values_list("municipality", flat=True)) == {"Beispielstadt"}
    first.refresh_from_db()
    assert first.municipality == "Beispielstadt" and second.pk


def test_the_concept_admin_shows_the_municipality_read_only(officer_client):
    city_settings_save(record=CitySettings(name="Beispielstadt"))
    concept = ConceptFactory(municipality="Beispielstadt")
    content = officer_client.get(f"/admin/concept/concept/{concept.pk}/change/").content.decode()
    assert re.search(r'<input[^>]*name="municipality"[^>]*disabled', content)
    assert "Einstellungen der Kommune" in content
    add = officer_client.get("/admin/concept/concept/add/").content.decode()
    assert 'value="Beispielstadt"' in add
    response = officer_client.post(
        f"/admin/concept/concept/{concept.pk}/change/",
        {
            "title": concept.title,
            "slug": concept.slug,
            "municipality": "Woanders",
            "bodies-TOTAL_FORMS": "0",
            "bodies-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.municipality == "Beispielstadt"


# --- queries -------------------------------------------------------------------------------------


def city_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in captured if "site_citysettings" in q["sql"]], len(captured)


@pytest.mark.parametrize("path", ["/", "/massnahmen/1/", "/impressum/", "/barrierefreiheit/"])
def test_a_page_reads_the_settings_once_and_sees_a_change_at_once(client, site, path):
    other_city()
    first, total = city_queries(client, path)
    assert len(first) == 1
    again, total_again = city_queries(client, path)
    assert len(again) == 1 and total_again == total
    record = CitySettings.objects.get()
    record.name = "Neustadt"
    city_settings_save(record=record)
    assert "Hansestadt Neustadt" in client.get(path).content.decode()


def test_the_admin_pages_do_not_read_the_settings(officer_client):
    """The frame's city is read only where a template shows it; the admin's index only asks
    whether the record exists (for its add link)."""
    queries, _ = city_queries(officer_client, "/admin/")
    assert [q for q in queries if "colour_primary" in q] == []


def test_the_law_pages_need_a_fixed_number_of_queries(client, db):
    other_city()
    counts = {}
    for path in ("/impressum/", "/datenschutz/", "/barrierefreiheit/", "/gebaerdensprache/"):
        counts[path] = city_queries(client, path)[1]
    # The settings, the page's own addition, and for the explanations their rows.
    assert counts == {
        "/impressum/": 2,
        "/datenschutz/": 2,
        "/barrierefreiheit/": 3,
        "/gebaerdensprache/": 3,
    }


def test_english_sentences_name_the_city_in_english_and_keep_an_unknown_designation(client, db):
    content = client.get("/en/").content.decode()
    assert "A participation portal of the City of Minden." in content
    assert "of the Stadt Minden" not in content and "of Stadt Minden" not in content
    assert "Ein Beteiligungsportal der Stadt Minden." in client.get("/").content.decode()
    other_city(designation="Marktgemeinde", name="Beispielheim")
    assert "portal of the Marktgemeinde Beispielheim." in client.get("/en/").content.decode()
