"""Removed objects answer `deleted: true` (200, not 404), keep id, type and created, and show up
in lists filtered with `modified_since`; so do persons whose consent is withdrawn and minutes
taken back."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from concept.models import BodyKind, ConsultationRole, Milestone, MilestoneKind, VersionStatus
from concept.services import consultation_unplan
from measures.opendata import DOCUMENT as MEASURES_DOCUMENT
from minden_integration.accounts.services import account_erase
from minden_integration.oparl.models import OParlTombstone, OParlTombstoneKind
from tests.factories import (
    BodyFactory,
    ConceptFactory,
    MembershipFactory,
    MilestoneFactory,
    SessionFactory,
    VersionFactory,
    WorkingGroupFactory,
)
from tests.oparl.crawl import ROOT, get_json
from tests.oparl.schemas import schema_errors
from workgroups.consents import ConsentHow
from workgroups.models import Membership
from workgroups.services import membership_consent_set

DELETED_KEYS = {"id", "type", "deleted", "created", "modified"}
# What the schemas require even of a deleted object.
REQUIRED = {
    "File": {"accessUrl"},
    "AgendaItem": {"order"},
    "Body": {"name", "organization", "person", "meeting", "paper", "legislativeTerm"},
}


def iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def since(moment: dt.datetime) -> str:
    return iso(moment - dt.timedelta(seconds=1)).replace("+", "%2B")


def assert_deleted(answer, url: str, oparl_type: str, *, created, after: dt.datetime):
    assert set(answer) == DELETED_KEYS | REQUIRED.get(oparl_type, set()), answer
    assert answer["id"] == url
    assert answer["type"] == f"https://schema.oparl.org/1.1/{oparl_type}"
    assert answer["deleted"] is True
    assert answer["created"] == iso(created)
    assert dt.datetime.fromisoformat(answer["modified"]) >= after.replace(microsecond=0)
    assert not schema_errors(answer)


def listed(client, url: str) -> dict[str, dict]:
    return {obj["id"]: obj for obj in get_json(client, url)["data"]}


def test_a_deleted_session_answers_deleted_with_its_place_and_minutes(client, demo):
    session = demo["located_session"]
    assert session.minutes_public and session.place
    urls = {
        "Meeting": f"{ROOT}meeting/sitzung/{session.pk}/",
        "Location": f"{ROOT}location/sitzung/{session.pk}/",
        "File": f"{ROOT}file/protokoll/{session.pk}/",
    }
    for url in urls.values():
        assert "deleted" not in get_json(client, url)
    before, created, pk = timezone.now(), session.created_at, session.pk
    session.delete()

    for oparl_type, url in urls.items():
        assert_deleted(get_json(client, url), url, oparl_type, created=created, after=before)
    meetings = f"{ROOT}body/{demo['concept'].pk}/meeting/"
    assert urls["Meeting"] not in listed(client, meetings)
    changed = listed(client, f"{meetings}?modified_since={since(before)}")
    assert changed[urls["Meeting"]]["deleted"] is True
    files = listed(client, f"{ROOT}body/{demo['concept'].pk}/file/?modified_since={since(before)}")
    assert files[urls["File"]]["deleted"] is True
    stone = OParlTombstone.objects.get(kind=OParlTombstoneKind.SESSION, object_pk=pk)
    assert stone.concept_pk == demo["concept"].pk and "Sitzungsrunde" in stone.label


def test_a_deleted_working_group_takes_its_sessions_and_people_with_it(client, demo):
    group = WorkingGroupFactory(concept=demo["concept"])
    person = MembershipFactory(working_group=group, name="Hanna Beispiel", consent_to_name=True)
    session = SessionFactory(working_group=group, round=1)
    urls = {
        "Organization": f"{ROOT}organization/arbeitsgruppe/{group.pk}/",
        "Meeting": f"{ROOT}meeting/sitzung/{session.pk}/",
        "Person": f"{ROOT}person/{person.pk}/",
    }
    created = {"Organization": group, "Meeting": session, "Person": person}
    before, person_pk = timezone.now(), person.pk
    group.delete()

    for oparl_type, url in urls.items():
        answer = get_json(client, url)
        assert_deleted(
            answer, url, oparl_type, created=created[oparl_type].created_at, after=before
        )
    stone = OParlTombstone.objects.get(kind=OParlTombstoneKind.MEMBERSHIP, object_pk=person_pk)
    assert stone.label == "", "a deleted person's name is not kept"
    organisations = f"{ROOT}body/{demo['concept'].pk}/organization/"
    assert urls["Organization"] not in listed(client, organisations)
    changed = listed(client, f"{organisations}?modified_since={since(before)}")
    assert changed[urls["Organization"]]["deleted"] is True


def test_a_beratung_taken_out_of_the_plan_is_deleted_and_moves_its_papers_modified(client, demo):
    version = demo["in_review"]
    planned = version.consultations.planned().exclude(planned_on=None)
    consultation = planned.exclude(role=ConsultationRole.DECISION).get()
    paper_url = f"{ROOT}paper/{version.pk}/"
    urls = {
        "Consultation": f"{ROOT}consultation/beratung/{consultation.pk}/",
        "Meeting": f"{ROOT}meeting/beratung/{consultation.pk}/",
        "AgendaItem": f"{ROOT}agendaitem/beratung/{consultation.pk}/",
    }
    assert urls["Consultation"] in {c["id"] for c in get_json(client, paper_url)["consultation"]}
    for url in urls.values():
        assert "deleted" not in get_json(client, url)
    before, created = timezone.now(), consultation.created_at
    consultation_unplan(consultation=consultation)

    for oparl_type, url in urls.items():
        assert_deleted(get_json(client, url), url, oparl_type, created=created, after=before)
    stone = OParlTombstone.objects.get(kind=OParlTombstoneKind.CONSULTATION)
    assert (stone.concept_pk, stone.parent_pk) == (demo["concept"].pk, version.pk)
    assert stone.label == f"{consultation.body}: Vorberatung"
    paper = get_json(client, paper_url)
    assert urls["Consultation"] not in {c["id"] for c in paper["consultation"]}
    assert dt.datetime.fromisoformat(paper["modified"]) >= before.replace(microsecond=0)
    lists = f"{ROOT}body/{demo['concept'].pk}"
    papers = listed(client, f"{lists}/paper/?modified_since={since(before)}")
    assert paper_url in papers and "deleted" not in papers[paper_url]
    for oparl_type, name in (
        ("Consultation", "consultation"),
        ("Meeting", "meeting"),
        ("AgendaItem", "agendaitem"),
    ):
        assert urls[oparl_type] not in listed(client, f"{lists}/{name}/")
        changed = listed(client, f"{lists}/{name}/?modified_since={since(before)}")
        assert changed[urls[oparl_type]]["deleted"] is True


def test_a_beratung_planned_without_a_day_has_no_meeting(client, demo):
    """Its meeting's address answers `deleted`: a day taken back takes the meeting with it."""
    consultation = demo["in_review"].consultations.planned().get(planned_on=None)
    answer = get_json(client, f"{ROOT}meeting/beratung/{consultation.pk}/")
    assert answer["deleted"] is True and not schema_errors(answer)
    item = get_json(client, f"{ROOT}agendaitem/beratung/{consultation.pk}/")
    assert item["deleted"] is True and item["order"] == 0 and not schema_errors(item)
    assert "deleted" not in get_json(client, f"{ROOT}consultation/beratung/{consultation.pk}/")


def test_a_removed_milestone_answers_deleted_at_its_old_consultation_address(client, demo):
    """Before the Beratungsfolge a body's milestone on a version was a Consultation at
    `consultation/<pk>/`; that address keeps answering for the removed milestone."""
    version = demo["approved"]
    body = demo["concept"].bodies.get(kind=BodyKind.COUNCIL)
    milestone = MilestoneFactory(
        concept=demo["concept"], body=body, version=version, kind=MilestoneKind.DECISION
    )
    url = f"{ROOT}consultation/{milestone.pk}/"
    meeting_url = f"{ROOT}meeting/meilenstein/{milestone.pk}/"
    get_json(client, url, status=404)
    before, created = timezone.now(), milestone.created_at
    milestone.delete()

    assert_deleted(get_json(client, url), url, "Consultation", created=created, after=before)
    assert_deleted(
        get_json(client, meeting_url), meeting_url, "Meeting", created=created, after=before
    )
    consultations = f"{ROOT}body/{demo['concept'].pk}/consultation/"
    assert listed(client, f"{consultations}?modified_since={since(before)}")[url]["deleted"]


def test_decision_milestones_the_beratungsfolge_replaced_get_their_tombstones(client, demo):
    """Concept's migration 0008 removed them without signals; OParl's migration records
    them from the milestones' history."""
    migration = importlib.import_module(
        "minden_integration.oparl.migrations.0002_consultation_tombstones"
    )
    version = demo["approved"]
    decision = MilestoneFactory(
        concept=demo["concept"], version=version, kind=MilestoneKind.DECISION, title="Beschluss"
    )
    report = MilestoneFactory(concept=demo["concept"], version=version, kind=MilestoneKind.OTHER)
    kept = MilestoneFactory(concept=demo["concept"], version=version, kind=MilestoneKind.DECISION)
    created = decision.created_at
    # As a migration removes rows: no signal, no tombstone.
    for milestone in (decision, report):
        Milestone.objects.filter(pk=milestone.pk)._raw_delete(Milestone.objects.db)
    assert not OParlTombstone.objects.filter(kind=OParlTombstoneKind.MILESTONE).exists()
    before = timezone.now()

    migration.removed_decisions_record(django_apps, None)
    migration.removed_decisions_record(django_apps, None)

    stone = OParlTombstone.objects.get(kind=OParlTombstoneKind.MILESTONE)
    assert (stone.object_pk, stone.parent_pk, stone.label) == (decision.pk, version.pk, "Beschluss")
    url = f"{ROOT}consultation/{decision.pk}/"
    assert_deleted(get_json(client, url), url, "Consultation", created=created, after=before)
    assert "deleted" not in get_json(client, f"{ROOT}meeting/meilenstein/{kept.pk}/")


def test_a_deleted_issued_file_is_deleted_and_moves_its_papers_modified(client, demo):
    issued = next(f for f in demo["files"] if f.document == MEASURES_DOCUMENT)
    url = f"{ROOT}file/{issued.pk}/"
    before = timezone.now()
    issued.delete()

    assert_deleted(get_json(client, url), url, "File", created=issued.created_at, after=before)
    paper = get_json(client, f"{ROOT}paper/{demo['approved'].pk}/")
    assert url not in {f["id"] for f in paper["auxiliaryFile"]}
    assert dt.datetime.fromisoformat(paper["modified"]) >= before.replace(microsecond=0)


def test_withdrawn_consent_turns_the_person_into_a_deleted_one(client, demo):
    membership = (
        Membership.objects.filter(working_group__concept=demo["concept"], consent_to_name=True)
        .exclude(name="")
        .order_by("pk")
        .first()
    )
    person_url = f"{ROOT}person/{membership.pk}/"
    membership_url = f"{ROOT}membership/{membership.pk}/"
    group_url = f"{ROOT}organization/arbeitsgruppe/{membership.working_group_id}/"
    assert get_json(client, person_url)["name"] == membership.name
    assert membership_url in get_json(client, group_url)["membership"]
    before = timezone.now()
    membership_consent_set(
        membership=membership, consent=False, how=ConsentHow.FORM, by=membership.user
    )

    person = get_json(client, person_url)
    assert_deleted(person, person_url, "Person", created=membership.created_at, after=before)
    assert get_json(client, membership_url)["deleted"] is True
    group = get_json(client, group_url)
    assert membership_url not in group["membership"]
    assert dt.datetime.fromisoformat(group["modified"]) >= before.replace(microsecond=0)
    persons = f"{ROOT}body/{demo['concept'].pk}/person/"
    assert person_url not in listed(client, persons)
    assert listed(client, f"{persons}?modified_since={since(before)}")[person_url]["deleted"]
    assert membership.name not in get_json(client, f"{persons}?modified_since={since(before)}")


def test_a_deleted_account_turns_the_person_into_a_deleted_one(client, demo):
    membership = (
        Membership.objects.filter(
            working_group__concept=demo["concept"], consent_to_name=True, user__isnull=False
        )
        .select_related("user")
        .first()
    )
    url = f"{ROOT}person/{membership.pk}/"
    assert "deleted" not in get_json(client, url)
    account_erase(user=membership.user, by=membership.user)
    assert get_json(client, url)["deleted"] is True


def test_minutes_taken_back_answer_deleted(client, demo):
    session = demo["located_session"]
    url = f"{ROOT}file/protokoll/{session.pk}/"
    assert get_json(client, url)["text"] == session.minutes
    before = timezone.now()
    session.minutes_public = False
    session.save()

    assert_deleted(get_json(client, url), url, "File", created=session.created_at, after=before)
    meeting = get_json(client, f"{ROOT}meeting/sitzung/{session.pk}/")
    assert "resultsProtocol" not in meeting


def test_a_deleted_body_and_a_deleted_concept_answer_deleted(client, demo):
    body = BodyFactory(concept=demo["concept"])
    other = ConceptFactory()
    body_url = f"{ROOT}organization/gremium/{body.pk}/"
    url = f"{ROOT}body/{other.pk}/"
    before = timezone.now()
    body.delete()
    other.delete()

    answer = get_json(client, body_url)
    assert_deleted(answer, body_url, "Organization", created=body.created_at, after=before)
    assert_deleted(get_json(client, url), url, "Body", created=other.created_at, after=before)
    bodies = listed(client, f"{ROOT}body/?modified_since={since(before)}")
    assert bodies[url]["deleted"] is True
    assert bodies[url]["name"] == other.municipality
    assert f"{ROOT}body/{demo['concept'].pk}/" not in bodies
    # The removed body's lists answer, with nothing but what went with it.
    assert get_json(client, bodies[url]["meeting"])["data"] == []


def test_a_deleted_draft_leaves_no_trace(client, demo):
    draft = VersionFactory(concept=demo["concept"], number=50, status=VersionStatus.DRAFT)
    url = f"{ROOT}paper/{draft.pk}/"
    draft.delete()
    assert not OParlTombstone.objects.filter(kind=OParlTombstoneKind.VERSION).exists()
    get_json(client, url, status=404)


def test_tombstones_of_another_concept_stay_out_of_this_ones_lists(client, demo):
    other = ConceptFactory()
    foreign = BodyFactory(concept=other)
    url = f"{ROOT}organization/gremium/{foreign.pk}/"
    before = timezone.now()
    foreign.delete()
    organisations = listed(
        client,
        f"{ROOT}body/{demo['concept'].pk}/organization/?modified_since={since(before)}",
    )
    assert url not in organisations
    get_json(client, url, status=404)


@pytest.mark.parametrize("role", ["officer_client", "clerk_client"])
def test_tombstones_are_read_only_in_the_admin(request, demo, role):
    client = request.getfixturevalue(role)
    BodyFactory(concept=demo["concept"]).delete()
    stone = OParlTombstone.objects.get()
    assert client.get(reverse("admin:oparl_oparltombstone_changelist")).status_code == 200
    change = reverse("admin:oparl_oparltombstone_change", args=[stone.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"label": "geändert"}).status_code == 403
    add = reverse("admin:oparl_oparltombstone_add")
    assert client.get(add).status_code == 403
