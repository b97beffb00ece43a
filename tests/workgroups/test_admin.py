import pytest
from django.apps import apps
from django.utils import timezone

from concept.models import AmendmentStatus
from tests.concept.test_admin import admin_post_data, admin_url
from tests.factories import (
    AmendmentFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
    WorkingGroupFactory,
)
from workgroups.consents import ConsentHow, ConsentRecord
from workgroups.models import Membership, Organisation, Session, WorkingGroup
from workgroups.services import membership_consent_give

pytestmark = pytest.mark.django_db

WORKGROUP_MODELS = list(apps.get_app_config("workgroups").get_models())
# Consent records are written only with a consent (the services); the admin shows them.
EDITABLE_MODELS = [model for model in WORKGROUP_MODELS if model is not ConsentRecord]


@pytest.fixture
def workgroup_data():
    group = WorkingGroupFactory(name="Bildung und Erziehung")
    membership = MembershipFactory(
        working_group=group,
        organisation=OrganisationFactory(name="Grundschule Dankersen"),
        name="Erika Muster",
        user=UserFactory(),
    )
    InvitationFactory(membership=membership)
    membership_consent_give(membership=membership, how=ConsentHow.FORM, by=membership.user)
    SessionFactory(working_group=group, round=1, place="Rathaus Minden", agenda="Sprachförderung")
    return group


def named_member_with_amendment(*, group=None):
    user = UserFactory()
    membership = MembershipFactory(
        working_group=group or WorkingGroupFactory(),
        user=user,
        name="Ayşe Beispiel",
        consent_to_name=True,
    )
    amendment = AmendmentFactory(
        author=user,
        author_name="Ayşe Beispiel",
        status=AmendmentStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    return membership, amendment


@pytest.mark.parametrize("model", EDITABLE_MODELS, ids=lambda m: m.__name__)
def test_officer_opens_changelist_add_and_change_pages(officer_client, workgroup_data, model):
    assert officer_client.get(admin_url(model, "changelist")).status_code == 200
    assert officer_client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    assert officer_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", WORKGROUP_MODELS, ids=lambda m: m.__name__)
def test_clerk_sees_changelist_and_objects_but_may_not_add(clerk_client, workgroup_data, model):
    response = clerk_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0
    obj = model.objects.first()
    assert clerk_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert clerk_client.get(admin_url(model, "add")).status_code == 403


def test_the_officer_reads_consent_records_but_never_writes_them(officer_client, workgroup_data):
    record = ConsentRecord.objects.get()
    assert officer_client.get(admin_url(ConsentRecord, "changelist")).status_code == 200
    page = officer_client.get(admin_url(ConsentRecord, "change", record.pk))
    assert page.status_code == 200
    assert "Mein Name darf öffentlich genannt werden." in page.content.decode()
    assert officer_client.get(admin_url(ConsentRecord, "add")).status_code == 403
    assert officer_client.post(admin_url(ConsentRecord, "change", record.pk), {}).status_code == 403
    assert officer_client.get(admin_url(ConsentRecord, "delete", record.pk)).status_code == 403
    membership_page = officer_client.get(admin_url(Membership, "change", record.membership_id))
    assert "Nachweise der Einwilligungen" in membership_page.content.decode()


def test_withdrawing_consent_in_the_membership_admin_removes_the_name(officer_client):
    membership, amendment = named_member_with_amendment()
    url = admin_url(Membership, "change", membership.pk)
    data = admin_post_data(officer_client.get(url))
    del data["consent_to_name"]
    data["role"] = "chair"

    response = officer_client.post(url, data)

    assert response.status_code == 302
    membership.refresh_from_db()
    amendment.refresh_from_db()
    assert membership.consent_to_name is False
    assert membership.role == "chair"
    assert amendment.author_name == ""
    assert amendment.proposer_label.startswith("Mitglied")


def test_withdrawing_consent_in_the_group_inline_removes_the_name(officer_client):
    group = WorkingGroupFactory()
    membership, amendment = named_member_with_amendment(group=group)
    url = admin_url(WorkingGroup, "change", group.pk)
    data = admin_post_data(officer_client.get(url))
    del data["memberships-0-consent_to_name"]

    response = officer_client.post(url, data)

    assert response.status_code == 302
    membership.refresh_from_db()
    amendment.refresh_from_db()
    assert membership.consent_to_name is False
    assert amendment.author_name == ""


def test_saving_a_membership_without_touching_consent_keeps_the_name(officer_client):
    membership, amendment = named_member_with_amendment()
    url = admin_url(Membership, "change", membership.pk)
    data = admin_post_data(officer_client.get(url))
    data["name"] = "Ayşe B."

    officer_client.post(url, data)

    membership.refresh_from_db()
    amendment.refresh_from_db()
    assert membership.name == "Ayşe B."
    assert membership.consent_to_name is True
    assert amendment.author_name == "Ayşe Beispiel"


def test_sessions_and_members_are_added_through_the_group_page(officer_client):
    group = WorkingGroupFactory()
    organisation = OrganisationFactory()
    url = admin_url(WorkingGroup, "change", group.pk)
    data = admin_post_data(officer_client.get(url))
    data.update(
        {
            "sessions-TOTAL_FORMS": "1",
            "sessions-0-round": "2",
            "sessions-0-date_text": "Winter 2010/11",
            "sessions-0-place": "Kleiner Rathaussaal",
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-organisation": str(organisation.pk),
            "memberships-0-role": "member",
        }
    )

    response = officer_client.post(url, data)

    assert response.status_code == 302
    assert group.sessions.get().place == "Kleiner Rathaussaal"
    assert group.memberships.get().organisation == organisation


def test_session_without_any_date_is_refused_with_a_german_message(officer_client):
    group = WorkingGroupFactory()

    response = officer_client.post(
        admin_url(Session, "add"), {"working_group": group.pk, "round": 1, "place": "Rathaus"}
    )

    assert response.status_code == 200
    assert "Bitte ein Datum oder eine Zeitangabe angeben." in str(
        response.context["adminform"].form.errors
    )
    assert not Session.objects.exists()


def test_search_finds_groups_members_sessions_and_organisations(officer_client, workgroup_data):
    WorkingGroupFactory(name="Arbeit und Soziales")

    groups = officer_client.get(admin_url(WorkingGroup, "changelist"), {"q": "Soziales"})
    members = officer_client.get(admin_url(Membership, "changelist"), {"q": "Dankersen"})
    sessions = officer_client.get(admin_url(Session, "changelist"), {"q": "Sprachförderung"})
    organisations = officer_client.get(admin_url(Organisation, "changelist"), {"q": "Dankersen"})
    nothing = officer_client.get(admin_url(WorkingGroup, "changelist"), {"q": "Raumfahrt"})

    assert [g.name for g in groups.context["cl"].result_list] == ["Arbeit und Soziales"]
    assert [m.name for m in members.context["cl"].result_list] == ["Erika Muster"]
    assert [s.place for s in sessions.context["cl"].result_list] == ["Rathaus Minden"]
    assert [o.name for o in organisations.context["cl"].result_list] == ["Grundschule Dankersen"]
    assert nothing.context["cl"].result_count == 0


def test_organisation_autocomplete_answers_the_officer(officer_client, workgroup_data):
    response = officer_client.get(
        "/admin/autocomplete/",
        {
            "term": "Danker",
            "app_label": "workgroups",
            "model_name": "membership",
            "field_name": "organisation",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Grundschule Dankersen"]
