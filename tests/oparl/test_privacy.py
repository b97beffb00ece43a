"""What the endpoint must never publish: drafts, unpublished minutes, names given without
consent."""

from tests.oparl.conftest import DRAFT_MILESTONE, DRAFT_TITLE
from tests.oparl.crawl import ROOT, get_json
from workgroups.models import Membership, Session


def test_a_draft_version_appears_nowhere(client, walked, world):
    draft = world["draft"]
    assert not any(DRAFT_TITLE in text for text in walked.raw)
    assert not any(f"{ROOT}paper/{draft.pk}/" in text for text in walked.raw)
    answer = get_json(client, f"{ROOT}paper/{draft.pk}/", status=404)
    assert answer["message"] == "Unter dieser Adresse gibt es kein OParl-Objekt."


def test_a_bodys_meeting_about_a_draft_is_public_but_not_as_a_consultation(client, walked, world):
    milestone = world["draft_milestone"]
    meeting = walked.answers[f"{ROOT}meeting/meilenstein/{milestone.pk}/"]
    assert meeting["name"] == DRAFT_MILESTONE
    get_json(client, f"{ROOT}consultation/{milestone.pk}/", status=404)
    consultations = walked.of_type("Consultation")
    assert consultations, "the demo's Beratungen are consultations"
    assert f"{ROOT}consultation/{milestone.pk}/" not in consultations


def test_unpublished_minutes_appear_nowhere(client, walked, world):
    unpublished = Session.objects.filter(
        working_group__concept=world["concept"], minutes_public=False
    ).exclude(minutes="")
    published = Session.objects.filter(
        working_group__concept=world["concept"], minutes_public=True
    ).exclude(minutes="")
    assert unpublished.exists() and published.exists()
    # The texts differ per group and round; the group name makes each one unique.
    for session in published:
        assert any(session.minutes[:200] in obj.get("text", "") for obj in walked.objects)
    texts = [obj.get("text", "") for obj in walked.objects]
    for session in unpublished:
        assert session.minutes not in texts
        meeting = walked.answers[f"{ROOT}meeting/sitzung/{session.pk}/"]
        assert "resultsProtocol" not in meeting
        answer = get_json(client, f"{ROOT}file/protokoll/{session.pk}/")
        assert answer["deleted"] is True
        assert set(answer) == {"id", "type", "deleted", "created", "modified", "accessUrl"}
        assert answer["accessUrl"] == answer["id"]


def test_names_given_without_consent_appear_nowhere(client, walked, world):
    memberships = Membership.objects.filter(working_group__concept=world["concept"])
    secret = memberships.filter(consent_to_name=False).exclude(name="")
    named = memberships.filter(consent_to_name=True).exclude(name="")
    assert secret.exists() and named.exists()
    everything = "\n".join(walked.raw)
    for membership in secret:
        assert membership.name not in everything
        answer = get_json(client, f"{ROOT}person/{membership.pk}/")
        assert answer == {
            "id": f"{ROOT}person/{membership.pk}/",
            "type": "https://schema.oparl.org/1.1/Person",
            "deleted": True,
            "created": answer["created"],
            "modified": answer["modified"],
        }
    persons = walked.of_type("Person")
    assert {p["name"] for p in persons.values()} == {m.name for m in named}
    # The organisations the participants represent are not OParl objects; no user account is.
    for person in persons.values():
        assert set(person) <= {
            "id",
            "type",
            "body",
            "name",
            "membership",
            "keyword",
            "created",
            "modified",
        }
