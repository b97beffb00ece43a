"""The public translated reading view and the translators' pages under /konto/."""

import pytest
from django.contrib.auth.models import Group

from concept.models import ContentLanguage, SectionTranslation, VersionStatus
from concept.services import section_translation_save, section_update, version_create_next
from measures.models import Measure, MeasureTranslation
from minden_integration.roles import TRANSLATOR
from tests.concept.conftest import bring_to, move, version_with_sections
from tests.factories import MeasureFactory, UserFactory

NOTICE = "Nichtamtliche Übersetzung – maßgeblich ist die deutsche Fassung"


@pytest.fixture
def version(concept):
    for position, code in enumerate(("tr", "ar"), start=1):
        ContentLanguage.objects.create(concept=concept, code=code, position=position)
    return bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)


@pytest.fixture
def translator(roles):
    user = UserFactory(username="uebersetzerin@minden.example")
    user.groups.add(Group.objects.get(name=TRANSLATOR))
    return user


def translate(section, language="tr"):
    return section_translation_save(
        section=section,
        language=language,
        title="Giriş",
        body="Türkçe metin.",
        easy_language_summary="",
        by=None,
        seen_updated_at=None,
    )


def test_the_translated_page_has_the_notice_the_link_lang_and_dir(client, version):
    translate(version.sections.get(key="kapitel-1"))
    content = client.get("/konzept/v1/tr/").content.decode()
    assert NOTICE in content
    assert 'href="/konzept/v1/"' in content
    assert '<div class="concept-text" lang="tr" dir="ltr">' in content
    assert "Türkçe metin." in content
    # The untranslated section is shown in German, marked as such.
    assert "noch nicht übersetzt" in content


def test_arabic_reads_right_to_left(client, version):
    content = client.get("/konzept/v1/ar/").content.decode()
    assert '<div class="concept-text" lang="ar" dir="rtl">' in content
    assert NOTICE in content


def test_an_outdated_translation_is_marked_with_the_german_beside_it(client, version):
    translate(version.sections.get(key="kapitel-1"))
    successor = version_create_next(version=version)
    section_update(section=successor.sections.get(key="kapitel-1"), body="Geänderter Absatz.")
    move(successor, VersionStatus.COUNCIL_REVIEW)
    content = client.get(f"/konzept/v{successor.number}/tr/").content.decode()
    assert "Diese Übersetzung ist veraltet" in content
    assert "Geänderter Absatz." in content and "Türkçe metin." in content


@pytest.mark.parametrize("path", ["/konzept/v1/ru/", "/konzept/v1/xx/", "/konzept/v9/tr/"])
def test_unknown_languages_and_versions_are_404(client, version, path):
    assert client.get(path).status_code == 404


def test_a_draft_has_no_public_translation(client, concept):
    ContentLanguage.objects.create(concept=concept, code="tr", position=1)
    version_with_sections(concept)
    assert client.get("/konzept/v1/tr/").status_code == 404


def test_the_german_page_links_its_translations(client, version):
    translate(version.sections.get(key="kapitel-1"))
    content = client.get("/konzept/v1/").content.decode()
    assert '<link rel="alternate" hreflang="tr" href="/konzept/v1/tr/">' in content
    assert 'hreflang="tr" lang="tr" dir="ltr">Türkçe</a>' in content
    # Arabic is configured but has nothing translated: not offered (the interface's language
    # switch offers /ar/ itself, which is another link).
    assert 'href="/konzept/v1/ar/"' not in content


def test_a_translator_is_not_staff_and_cannot_reach_the_admin(client, translator):
    assert not translator.is_staff
    client.force_login(translator)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_others_cannot_reach_the_translators_pages(client, version, member, officer):
    assert client.get("/konto/uebersetzungen/").status_code == 302
    for user in (member, officer):
        client.force_login(user)
        assert client.get("/konto/uebersetzungen/").status_code == 403
        assert client.get("/konto/uebersetzungen/v1/tr/kapitel-1/").status_code == 403


def test_the_overview_counts_per_version_and_language(client, version, translator):
    translate(version.sections.get(key="kapitel-1"))
    client.force_login(translator)
    response = client.get("/konto/uebersetzungen/")
    assert response.status_code == 200
    counts = {
        (c["language"].code, c["translated"], c["missing"])
        for c in response.context["rows"][0]["counts"]
    }
    assert counts == {("tr", 1, 1), ("ar", 0, 2)}
    assert client.get("/konto/uebersetzungen/v1/tr/").status_code == 200
    assert client.get("/konto/uebersetzungen/v1/ru/").status_code == 404


def test_a_translator_saves_a_section(client, version, translator):
    client.force_login(translator)
    url = "/konto/uebersetzungen/v1/ar/kapitel-2/"
    page = client.get(url)
    assert page.status_code == 200 and "Kapitel 2" in page.content.decode()
    response = client.post(url, {"title": "الفصل", "body": "نص", "easy_language_summary": ""})
    assert response.status_code == 302
    saved = SectionTranslation.objects.get(section__key="kapitel-2", language="ar")
    assert saved.translated_by == translator and not saved.is_outdated


def test_an_empty_title_is_a_german_error_not_a_500(client, version, translator):
    client.force_login(translator)
    response = client.post("/konto/uebersetzungen/v1/tr/kapitel-1/", {"title": "", "body": "x"})
    assert response.status_code == 400
    assert "übersetzte Überschrift" in response.content.decode()
    assert not SectionTranslation.objects.exists()


def test_the_translator_sees_a_word_diff_of_the_changed_german(client, version, translator):
    translate(version.sections.get(key="kapitel-1"))
    successor = version_create_next(version=version)
    section_update(
        section=successor.sections.get(key="kapitel-1"),
        body="Ein Absatz über Sprachförderung in Schulen.",
    )
    move(successor, VersionStatus.COUNCIL_REVIEW)
    client.force_login(translator)
    content = client.get(
        f"/konto/uebersetzungen/v{successor.number}/tr/kapitel-1/"
    ).content.decode()
    assert "<del>" in content and "Kitas" in content
    assert "<ins>" in content and "Schulen" in content


def test_an_example_translation_is_labelled_as_example_content(client, version):
    translation = translate(version.sections.get(key="kapitel-1"))
    assert "Beispielinhalt" not in client.get("/konzept/v1/tr/").content.decode()
    SectionTranslation.objects.filter(pk=translation.pk).update(is_example=True)
    assert "Beispielinhalt" in client.get("/konzept/v1/tr/").content.decode()


def test_a_translator_publishes_the_translation_of_a_frozen_version(client, version, translator):
    translate(version.sections.get(key="kapitel-1"))
    client.force_login(translator)
    assert "Übersetzung ausstellen" in client.get("/konto/uebersetzungen/v1/tr/").content.decode()
    response = client.post("/konto/uebersetzungen/v1/tr/ausstellen/")
    assert response.status_code == 302
    page = client.get("/konto/uebersetzungen/v1/tr/").content.decode()
    assert "Ausgestellt am" in page and "Übersetzung ausstellen" not in page
    assert client.get("/konto/uebersetzungen/v1/tr/ausstellen/").status_code == 405


def test_others_cannot_publish_a_translation(client, version, member):
    translate(version.sections.get(key="kapitel-1"))
    client.force_login(member)
    assert client.post("/konto/uebersetzungen/v1/tr/ausstellen/").status_code == 403


def test_a_translator_translates_a_measure_and_sees_when_it_is_outdated(
    client, version, translator
):
    measure = MeasureFactory(concept=version.concept, number=7, title="Sprachcafé", description="A")
    client.force_login(translator)
    assert client.get("/konto/uebersetzungen/massnahmen/tr/").status_code == 200
    url = "/konto/uebersetzungen/massnahmen/tr/7/"
    assert client.post(url, {"title": "Dil kafesi", "description": "B"}).status_code == 302
    saved = MeasureTranslation.objects.get(measure=measure, language="tr")
    assert not saved.is_outdated and saved.translated_by == translator
    Measure.objects.filter(pk=measure.pk).update(title="Sprachcafé für Eltern")
    assert MeasureTranslation.objects.get(pk=saved.pk).is_outdated
    content = client.get(url).content.decode()
    assert "<ins>" in content and "Eltern" in content
    assert client.get("/konto/uebersetzungen/massnahmen/ru/").status_code == 404
