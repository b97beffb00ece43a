import datetime as dt

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concept.models import (
    Amendment,
    AmendmentStatus,
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    Consultation,
    ConsultationResult,
    ContentLanguage,
    IssuedFile,
    RenderedFile,
    Section,
    VersionStatus,
    is_audit_trail,
    is_derived,
)
from concept.services import (
    consultation_record,
    section_translation_save,
    version_create_next,
    version_present,
    version_transition,
)
from tests.factories import (
    AmendmentFactory,
    ConceptFactory,
    MilestoneFactory,
    SectionFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("concept", "workgroups", "measures")


# --- helpers shared with the other apps' admin tests ------------------------------------------


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def admin_post_data(response) -> dict:
    """What the rendered change form would post unchanged: main form and every inline."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if isinstance(field.widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            elif value is not None:
                data[bound.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    data["_save"] = "Sichern"
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def move_url(version, target: str) -> str:
    return reverse("admin:concept_conceptversion_move", args=[version.pk, target])


def future_local(days: int = 14) -> str:
    return timezone.localtime(timezone.now() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def draft_with_section(**kwargs) -> ConceptVersion:
    version = VersionFactory(**kwargs)
    SectionFactory(version=version, title="Sprachförderung", body="Kitas und Schulen.")
    return version


def with_bodies(concept) -> dict[str, Body]:
    """The usual bodies of a concept: the Integrationsrat deliberates, the council decides."""
    return {
        "advisory": Body.objects.get_or_create(
            concept=concept,
            name="Integrationsrat der Stadt Minden",
            defaults={"kind": BodyKind.ADVISORY, "position": 1},
        )[0],
        "council": Body.objects.get_or_create(
            concept=concept,
            name="Rat der Stadt Minden",
            defaults={"kind": BodyKind.COUNCIL, "position": 9},
        )[0],
    }


def present(version, **kwargs) -> ConceptVersion:
    """Present through the service with the concept's usual Beratungsfolge."""
    with_bodies(version.concept)
    kwargs.setdefault("council_paper_reference", "DS 12/2011")
    return version_present(version=version, **kwargs)


def frozen_version() -> ConceptVersion:
    return present(draft_with_section())


@pytest.fixture
def concept_data():
    return make_concept_data()


def make_concept_data():
    """One of every concept model: a frozen version (presented, so with its Beratungen) with
    its successor draft."""
    frozen = draft_with_section()
    version_transition(
        version=frozen,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.now() + dt.timedelta(days=7),
    )
    AmendmentFactory(
        section=frozen.sections.get(),
        status=AmendmentStatus.REJECTED,
        submitted_at=timezone.now(),
        decided_at=timezone.now(),
        decision_reasoning="Steht schon in Kapitel 2.",
        working_group_name="Bildung und Erziehung",
    )
    version_transition(version=frozen, to=VersionStatus.CONSULTATION_CLOSED)
    present(frozen)
    ContentLanguage.objects.create(concept=frozen.concept, code="tr", position=1)
    section_translation_save(
        section=frozen.sections.get(),
        language="tr",
        title="Giriş",
        body="Metin",
        easy_language_summary="",
        by=None,
        seen_updated_at=None,
    )
    draft = version_create_next(version=frozen)
    MilestoneFactory(concept=frozen.concept, title="Erste Integrationskonferenz")
    return {"frozen": frozen, "draft": draft}


# --- every model, every role ------------------------------------------------------------------


def test_every_model_of_the_project_apps_has_an_admin():
    installed = {config.label for config in apps.get_app_configs()}
    missing = [
        model.__name__
        for label in PROJECT_APPS
        if label in installed
        for model in apps.get_app_config(label).get_models()
        if not admin.site.is_registered(model)
        and not is_audit_trail(model)
        and not is_derived(model)
    ]
    assert missing == []


# IssuedFile, RenderedFile and Consultation are registers written by the services (and the
# task worker) alone: tested below.
CONCEPT_MODELS = [
    m
    for m in apps.get_app_config("concept").get_models()
    if not is_audit_trail(m)
    and not is_derived(m)
    and m not in (IssuedFile, RenderedFile, Consultation)
]


def test_beratungen_are_listed_but_nobody_adds_changes_or_deletes_them_here(
    officer, clerk, concept_data
):
    consultation = Consultation.objects.filter(version=concept_data["frozen"]).first()
    for user in (officer, clerk):
        client = Client()
        client.force_login(user)
        listing = client.get(admin_url(Consultation, "changelist"))
        assert listing.status_code == 200
        assert listing.context["cl"].result_count == 2
        assert client.get(admin_url(Consultation, "add")).status_code == 403
        page = client.get(admin_url(Consultation, "change", consultation.pk))
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert admin_url(ConceptVersion, "change", concept_data["frozen"].pk) in (
            page.content.decode()
        )
        assert client.get(admin_url(Consultation, "delete", consultation.pk)).status_code == 403


def test_issued_files_are_listed_but_nobody_adds_changes_or_deletes_them(
    officer, clerk, concept_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    issued = IssuedFile.objects.create(
        version=concept_data["draft"],
        document="version",
        format="json",
        file=ContentFile(b"{}", name="v.json"),
        mime_type="application/json",
        size=2,
        sha256="a" * 64,
        sha512="b" * 128,
    )
    for user in (officer, clerk):
        client = Client()
        client.force_login(user)
        listing = client.get(admin_url(IssuedFile, "changelist"))
        assert listing.status_code == 200
        assert "a" * 64 in listing.content.decode()
        assert client.get(admin_url(IssuedFile, "add")).status_code == 403
        page = client.get(admin_url(IssuedFile, "change", issued.pk))
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert client.get(admin_url(IssuedFile, "delete", issued.pk)).status_code == 403


@pytest.mark.parametrize("model", CONCEPT_MODELS, ids=lambda m: m.__name__)
def test_officer_opens_changelist_add_and_change_pages(officer_client, concept_data, model):
    assert officer_client.get(admin_url(model, "changelist")).status_code == 200
    assert officer_client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    assert officer_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", CONCEPT_MODELS, ids=lambda m: m.__name__)
def test_clerk_sees_changelist_and_objects_but_may_not_add(clerk_client, concept_data, model):
    response = clerk_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0
    obj = model.objects.first()
    assert clerk_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert clerk_client.get(admin_url(model, "add")).status_code == 403


def test_clerk_sees_draft_versions(clerk_client, concept_data):
    response = clerk_client.get(admin_url(ConceptVersion, "changelist"))
    shown = {v.pk for v in response.context["cl"].result_list}
    assert concept_data["draft"].pk in shown


# --- moves ------------------------------------------------------------------------------------


def test_draft_change_page_offers_only_the_allowed_moves(officer_client):
    version = draft_with_section()
    response = officer_client.get(admin_url(ConceptVersion, "change", version.pk))
    content = response.content.decode()
    assert move_url(version, "consultation") in content
    assert move_url(version, "council_review") in content
    # Fixing a beschlossene Fassung is a decision, never a button of an ordinary draft.
    assert move_url(version, "approved") not in content
    assert "Als beschlossene Fassung festschreiben" not in content


def test_move_button_opens_consultation_with_its_deadline(officer_client):
    version = draft_with_section()
    form_page = officer_client.get(move_url(version, "consultation"))
    assert form_page.status_code == 200
    assert "consultation_ends_at" in form_page.context["form"].fields

    response = officer_client.post(
        move_url(version, "consultation"), {"consultation_ends_at": future_local(14)}
    )

    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION
    assert version.consultation_ends_at > timezone.now() + dt.timedelta(days=13)
    assert not version.is_frozen


def test_consultation_move_without_deadline_is_shown_again_with_field_error(officer_client):
    version = draft_with_section()
    response = officer_client.post(move_url(version, "consultation"), {})
    assert response.status_code == 400
    assert response.context["form"].errors["consultation_ends_at"]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_refused_move_shows_the_german_message_and_changes_nothing(officer_client):
    version = VersionFactory()  # no sections: the service refuses to open consultation

    response = officer_client.post(
        move_url(version, "consultation"), {"consultation_ends_at": future_local(14)}
    )

    assert response.status_code == 302
    assert response["Location"] == admin_url(ConceptVersion, "change", version.pk)
    assert "Eine Version ohne Abschnitte kann nicht in Beteiligung gehen." in messages_of(response)
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert version.consultation_ends_at is None


def test_a_move_off_the_table_is_refused_by_the_admin_with_the_services_message(officer_client):
    version = draft_with_section()
    with pytest.raises(ValidationError) as refused:
        version_transition(version=version, to=VersionStatus.APPROVED)

    response = officer_client.get(move_url(version, "approved"))

    assert response.status_code == 302
    assert response["Location"] == admin_url(ConceptVersion, "change", version.pk)
    assert messages_of(response) == refused.value.messages
    assert "kann nicht von „Entwurf“ nach „Vom Rat beschlossen“" in refused.value.messages[0]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_deadline_in_the_past_is_refused_by_the_service(officer_client):
    version = draft_with_section()
    past = timezone.localtime(timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = officer_client.post(
        move_url(version, "consultation"), {"consultation_ends_at": past}
    )

    assert "Das Ende der Beteiligungsfrist muss in der Zukunft liegen." in messages_of(response)
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_move_the_table_does_not_allow_is_refused(officer_client):
    version = draft_with_section()

    response = officer_client.post(move_url(version, "approved"), {})

    assert response.status_code == 302
    assert any("kann nicht von „Entwurf“ nach" in m for m in messages_of(response))
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert not Consultation.objects.filter(version=version).exists()


def test_automatic_move_is_not_offered_as_a_button(officer_client):
    version = frozen_version()
    for consultation in version.consultations.in_order():
        result = (
            ConsultationResult.RECOMMENDED
            if consultation.role == "preliminary"
            else ConsultationResult.DECIDED
        )
        consultation_record(consultation=consultation, result=result, held_on=timezone.localdate())
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED

    page = officer_client.get(admin_url(ConceptVersion, "change", version.pk))
    response = officer_client.post(move_url(version, "superseded"), {})

    assert move_url(version, "superseded") not in page.content.decode()

    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED


def test_clerk_gets_403_on_a_move_and_sees_no_move_buttons(clerk_client):
    version = draft_with_section()

    page = clerk_client.get(admin_url(ConceptVersion, "change", version.pk))
    forbidden_get = clerk_client.get(move_url(version, "consultation"))
    forbidden_post = clerk_client.post(
        move_url(version, "consultation"), {"consultation_ends_at": future_local(14)}
    )

    assert page.status_code == 200
    assert move_url(version, "consultation") not in page.content.decode()
    assert forbidden_get.status_code == 403
    assert forbidden_post.status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_next_version_button_creates_a_draft_with_the_sections(officer_client):
    version = frozen_version()
    keys = set(version.sections.values_list("key", flat=True))

    response = officer_client.post(
        reverse("admin:concept_conceptversion_next", args=[version.pk]), {"title": "Fortschreibung"}
    )

    successor = ConceptVersion.objects.get(concept=version.concept, number=version.number + 1)
    assert response["Location"] == admin_url(ConceptVersion, "change", successor.pk)
    assert successor.status == VersionStatus.DRAFT
    assert successor.title == "Fortschreibung"
    assert set(successor.sections.values_list("key", flat=True)) == keys


def test_next_version_action_reports_the_services_refusal(officer_client):
    draft = draft_with_section()

    response = officer_client.post(
        admin_url(ConceptVersion, "changelist"),
        {"action": "create_next_version", "_selected_action": [draft.pk]},
    )

    assert response.status_code == 302
    assert any("noch ein Entwurf" in m for m in messages_of(response))
    assert ConceptVersion.objects.filter(concept=draft.concept).count() == 1


def test_next_version_action_creates_the_successor(officer_client):
    version = frozen_version()

    officer_client.post(
        admin_url(ConceptVersion, "changelist"),
        {"action": "create_next_version", "_selected_action": [version.pk]},
    )

    assert ConceptVersion.objects.filter(
        concept=version.concept, number=version.number + 1, status=VersionStatus.DRAFT
    ).exists()


# --- editing drafts, refusing frozen versions -------------------------------------------------


def test_adding_a_version_numbers_it_after_the_highest(officer_client):
    concept = ConceptFactory()
    VersionFactory(concept=concept, number=4, status=VersionStatus.CONSULTATION_CLOSED)

    url = admin_url(ConceptVersion, "add")
    data = admin_post_data(officer_client.get(url))
    data.update(concept=concept.pk, title="Neu", number="1")

    response = officer_client.post(url, data)

    assert response.status_code == 302
    created = ConceptVersion.objects.get(concept=concept, title="Neu")
    assert created.number == 5
    assert created.status == VersionStatus.DRAFT


def test_draft_title_and_sections_are_edited_in_the_admin(officer_client):
    version = draft_with_section()
    url = admin_url(ConceptVersion, "change", version.pk)
    data = admin_post_data(officer_client.get(url))
    data["title"] = "Zweiter Entwurf"
    data["sections-0-title"] = "Sprache und Bildung"

    response = officer_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    version.refresh_from_db()
    assert version.title == "Zweiter Entwurf"
    assert version.sections.get().title == "Sprache und Bildung"


def test_inline_appends_new_sections_and_closes_the_gap_of_deleted_ones(officer_client):
    version = VersionFactory()
    first = SectionFactory(version=version, position=1, number="1", title="Eins")
    second = SectionFactory(version=version, position=2, number="2", title="Zwei")
    SectionFactory(version=version, position=3, number="3", title="Drei")
    url = admin_url(ConceptVersion, "change", version.pk)
    data = admin_post_data(officer_client.get(url))
    assert data["sections-1-id"] == str(second.pk)
    data["sections-1-DELETE"] = "on"
    data.update(
        {
            "sections-TOTAL_FORMS": "4",
            "sections-3-number": "4",
            "sections-3-level": "1",
            "sections-3-title": "Vier",
        }
    )

    response = officer_client.post(url, data)

    assert response.status_code == 302
    assert list(version.sections.in_order().values_list("position", "title")) == [
        (1, "Eins"),
        (2, "Drei"),
        (3, "Vier"),
    ]
    assert version.sections.get(pk=first.pk).title == "Eins"


def test_section_admin_inserts_a_section_after_the_chosen_one(officer_client):
    version = VersionFactory()
    first = SectionFactory(version=version, position=1, number="1", title="Eins")
    SectionFactory(version=version, position=2, number="2", title="Zwei")

    response = officer_client.post(
        admin_url(Section, "add"),
        {
            "version": version.pk,
            "after": first.pk,
            "number": "1.1",
            "level": 2,
            "title": "Eins Punkt Eins",
            "_save": "Sichern",
        },
    )

    assert response.status_code == 302
    assert list(version.sections.in_order().values_list("title", flat=True)) == [
        "Eins",
        "Eins Punkt Eins",
        "Zwei",
    ]


def test_section_admin_deletes_a_draft_section_and_renumbers_positions(officer_client):
    version = VersionFactory()
    first = SectionFactory(version=version, position=1)
    SectionFactory(version=version, position=2, title="Bleibt")

    response = officer_client.post(admin_url(Section, "delete", first.pk), {"post": "yes"})

    assert response.status_code == 302
    assert list(version.sections.values_list("position", "title")) == [(1, "Bleibt")]


def test_stale_draft_edit_is_refused_instead_of_overwriting(officer_client):
    version = draft_with_section()
    url = admin_url(ConceptVersion, "change", version.pk)
    data = admin_post_data(officer_client.get(url))
    ConceptVersion.objects.filter(pk=version.pk).update(title="Von anderer Hand", lock_version=7)
    data["title"] = "Meine Fassung"

    response = officer_client.post(url, data)

    assert response.status_code == 200
    assert "inzwischen geändert" in str(response.context["adminform"].form.non_field_errors())
    version.refresh_from_db()
    assert version.title == "Von anderer Hand"


def test_two_edits_from_the_same_page_state_the_second_is_refused_on_the_form(officer_client):
    version = draft_with_section()
    url = admin_url(ConceptVersion, "change", version.pk)
    page = admin_post_data(officer_client.get(url))
    first, second = dict(page, title="Fassung aus Fenster eins"), dict(page, title="Zwei")

    saved = officer_client.post(url, first)
    refused = officer_client.post(url, second)

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert str(refused.context["adminform"].form.non_field_errors()) == (
        '<ul class="errorlist nonfield"><li>Die Version wurde inzwischen geändert. Bitte laden '
        "Sie die Seite neu und tragen Sie Ihre Änderungen erneut ein.</li></ul>"
    )
    stored = ConceptVersion.objects.get(pk=version.pk)
    assert stored.title == "Fassung aus Fenster eins"
    assert stored.lock_version == version.lock_version + 1


def test_the_version_form_validates_without_locking_the_row():
    version = draft_with_section()
    form_class = admin.site.get_model_admin(ConceptVersion).form
    form = form_class(
        {"concept": version.concept_id, "title": "Neu", "seen_lock_version": 0},
        instance=version,
    )

    with CaptureQueriesContext(connection) as queries:
        assert form.is_valid(), form.errors

    assert not [q for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]


def test_frozen_version_page_is_read_only_and_shows_checksum_and_snapshot(officer_client):
    version = frozen_version()

    response = officer_client.get(admin_url(ConceptVersion, "change", version.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="title"' not in content
    assert 'name="sections-0-body"' not in content
    assert 'name="_save"' not in content
    assert version.checksum in content
    assert reverse("admin:concept_conceptversion_snapshot", args=[version.pk]) in content
    assert "eingefroren" in content


def test_snapshot_download_is_the_stored_canonical_json(clerk_client):
    version = frozen_version()

    response = clerk_client.get(reverse("admin:concept_conceptversion_snapshot", args=[version.pk]))

    assert response.status_code == 200
    assert response.content == version.snapshot.encode("utf-8")


def test_admin_post_changing_a_frozen_versions_title_is_refused(officer_client):
    version = frozen_version()
    url = admin_url(ConceptVersion, "change", version.pk)

    response = officer_client.post(url, {"title": "Heimlich geändert", "_save": "Sichern"})

    assert response.status_code == 302
    assert any("ist eingefroren" in m for m in messages_of(response))
    stored = ConceptVersion.objects.get(pk=version.pk)
    assert stored.title == version.title
    assert stored.checksum == version.checksum
    assert stored.lock_version == version.lock_version


def test_section_of_a_frozen_version_cannot_be_changed_in_the_admin(officer_client):
    version = frozen_version()
    section = version.sections.get()
    url = admin_url(Section, "change", section.pk)

    page = officer_client.get(url)
    response = officer_client.post(
        url,
        {
            "number": section.number,
            "position": section.position,
            "level": section.level,
            "title": "Umgeschrieben",
            "body": "Neuer Text",
            "_save": "Sichern",
        },
    )

    assert page.status_code == 200
    assert 'name="body"' not in page.content.decode()
    assert response.status_code == 302
    assert any("ist eingefroren" in m for m in messages_of(response))
    section.refresh_from_db()
    assert section.title == "Sprachförderung"
    assert section.body == "Kitas und Schulen."


def test_section_of_a_frozen_version_cannot_be_changed_through_the_version_inline(officer_client):
    version = frozen_version()
    section = version.sections.get()

    officer_client.post(
        admin_url(ConceptVersion, "change", version.pk),
        {
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": section.pk,
            "sections-0-version": version.pk,
            "sections-0-title": "Umgeschrieben",
            "_save": "Sichern",
        },
    )

    section.refresh_from_db()
    assert section.title == "Sprachförderung"


def test_frozen_version_and_its_sections_cannot_be_deleted(officer_client):
    version = frozen_version()
    section = version.sections.get()

    assert officer_client.get(admin_url(ConceptVersion, "delete", version.pk)).status_code == 403
    assert (
        officer_client.post(admin_url(Section, "delete", section.pk), {"post": "yes"}).status_code
        == 403
    )
    assert ConceptVersion.objects.filter(pk=version.pk).exists()
    assert Section.objects.filter(pk=section.pk).exists()


def test_deleting_a_concept_with_a_frozen_version_is_refused(officer_client):
    version = frozen_version()

    response = officer_client.post(
        admin_url(Concept, "delete", version.concept_id), {"post": "yes"}
    )

    assert response.status_code != 302
    assert Concept.objects.filter(pk=version.concept_id).exists()
    assert ConceptVersion.objects.filter(pk=version.pk).exists()


def test_new_section_can_only_be_added_to_a_draft(officer_client):
    frozen = frozen_version()

    response = officer_client.post(
        admin_url(Section, "add"),
        {"version": frozen.pk, "number": "9", "position": 9, "level": 1, "title": "Neu"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["version"]
    assert not frozen.sections.filter(title="Neu").exists()


def test_database_refusal_becomes_a_german_message_not_a_500(rf, officer):
    version = frozen_version()
    request = rf.post("/admin/concept/conceptversion/")
    request.user = officer
    request._messages = CookieStorage(request)

    def forbidden_write(request):
        ConceptVersion.objects.filter(pk=version.pk).update(title="Am Trigger vorbei")

    response = admin.site.get_model_admin(ConceptVersion)._guarded(request, forbidden_write)

    assert response.status_code == 302
    assert [str(m) for m in request._messages] == [
        f"Version {version.number} ist eingefroren; nur Status und Beschlussdaten dürfen sich "
        "ändern."
    ]
    assert ConceptVersion.objects.get(pk=version.pk).title == ""


# --- amendments -------------------------------------------------------------------------------


def test_review_start_action_moves_submitted_amendments_only(officer_client):
    submitted = AmendmentFactory(status=AmendmentStatus.SUBMITTED, submitted_at=timezone.now())
    draft = AmendmentFactory(status=AmendmentStatus.DRAFT)

    response = officer_client.post(
        admin_url(Amendment, "changelist"),
        {"action": "review_start", "_selected_action": [submitted.pk, draft.pk]},
    )

    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert submitted.status == AmendmentStatus.IN_REVIEW
    assert draft.status == AmendmentStatus.DRAFT
    shown = messages_of(response)
    assert any("kann nicht von „Entwurf“ nach „In Prüfung“" in m for m in shown)
    assert any("1 Vorschlag ist jetzt in Prüfung." in m for m in shown)


def test_review_start_is_also_offered_on_the_amendment_page(officer_client):
    submitted = AmendmentFactory(status=AmendmentStatus.SUBMITTED, submitted_at=timezone.now())
    url = admin_url(Amendment, "change", submitted.pk)

    page = officer_client.get(url)
    response = officer_client.post(
        url, {"CHANGE_FORM-action": "review_start", "_selected_action": submitted.pk}
    )

    assert "review_start" in page.content.decode()
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == AmendmentStatus.IN_REVIEW


def test_clerk_cannot_take_an_amendment_into_review(clerk_client):
    submitted = AmendmentFactory(status=AmendmentStatus.SUBMITTED, submitted_at=timezone.now())

    clerk_client.post(
        admin_url(Amendment, "changelist"),
        {"action": "review_start", "_selected_action": [submitted.pk]},
    )

    submitted.refresh_from_db()
    assert submitted.status == AmendmentStatus.SUBMITTED


def test_amendment_status_and_text_are_read_only_in_the_admin(officer_client):
    amendment = AmendmentFactory(status=AmendmentStatus.SUBMITTED, submitted_at=timezone.now())
    url = admin_url(Amendment, "change", amendment.pk)

    officer_client.post(
        url, {"status": "accepted", "proposed_text": "Anders", "is_example": "on", "_save": "1"}
    )

    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED
    assert amendment.proposed_text == "Ergänzung: Elterncafés in allen Stadtteilen."
    assert amendment.is_example


def test_officer_adds_an_amendment_only_to_a_version_in_consultation(officer_client, officer):
    open_version = draft_with_section()
    version_transition(
        version=open_version,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.now() + dt.timedelta(days=3),
    )
    draft_section = SectionFactory()
    url = admin_url(Amendment, "add")
    data = {"kind": "addition", "proposed_text": "Mehr Elterncafés", "_save": "1"}

    refused = officer_client.post(url, {**data, "section": draft_section.pk})
    accepted = officer_client.post(url, {**data, "section": open_version.sections.get().pk})

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["section"]
    assert accepted.status_code == 302
    created = open_version.amendments.get()
    assert created.author == officer
    assert created.status == AmendmentStatus.DRAFT


# --- search -----------------------------------------------------------------------------------


def test_search_finds_sections_versions_and_amendments(officer_client, concept_data):
    AmendmentFactory(proposed_text="Dolmetscherpool für Elterngespräche")

    sections = officer_client.get(admin_url(Section, "changelist"), {"q": "Kitas und Schulen"})
    versions = officer_client.get(
        admin_url(ConceptVersion, "changelist"), {"q": str(concept_data["draft"].number)}
    )
    amendments = officer_client.get(admin_url(Amendment, "changelist"), {"q": "Dolmetscherpool"})
    nothing = officer_client.get(admin_url(Section, "changelist"), {"q": "Raumfahrt"})

    assert sections.context["cl"].result_count == 2  # the frozen version's and its successor's
    assert concept_data["draft"] in versions.context["cl"].result_list
    assert [a.proposed_text for a in amendments.context["cl"].result_list] == [
        "Dolmetscherpool für Elterngespräche"
    ]
    assert nothing.context["cl"].result_count == 0
