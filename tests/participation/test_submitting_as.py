"""A member submits as a person or on behalf of their organisation, and the amendment carries
one number, "Vorschlag N zu Version M", the same for the member, the public, the email that
tells of its decision and the officer's admin."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from concept.models import Amendment
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_incorporate,
    amendment_submit,
    version_create_next,
    version_transition,
)
from tests.factories import MembershipFactory, OrganisationFactory
from tests.participation.conftest import make_member, open_version
from tests.participation.test_proposing import (
    VALID,
    draft_of,
    edit_url,
    submit_url,
)


def public_pages(version):
    return {
        "version": Client().get(version.get_absolute_url()).content.decode(),
        "list": Client()
        .get(reverse("concept:amendment-list", kwargs={"number": version.number}))
        .content.decode(),
        "synopsis": Client()
        .get(reverse("concept:version-synopsis", kwargs={"number": version.number}))
        .content.decode(),
    }


# --- the choice -----------------------------------------------------------------------------------


def test_the_edit_page_offers_both_ways_and_says_how_each_is_named(member_client, member, section):
    amendment = draft_of(member, section)
    page = member_client.get(edit_url(amendment))
    content = page.content.decode()
    assert 'name="submitted_as"' in content
    assert "Als Person: genannt als „Mitglied der AG Bildung und Erziehung“" in content
    assert (
        "Im Namen Ihrer Organisation: genannt als "
        "„Volkshochschule Minden (AG Bildung und Erziehung)“" in content
    )
    # As a person unless the member chooses otherwise.
    assert page.context["submit_form"]["submitted_as"].value() == "person"


def test_a_person_is_shown_without_their_organisation_everywhere(member_client, member, section):
    amendment = draft_of(member, section)
    response = member_client.post(submit_url(amendment), {"submitted_as": "person"})
    assert response.status_code == 302
    submitted = Amendment.objects.get()
    assert (submitted.submitted_as, submitted.organisation_name) == ("person", "")

    own = member_client.get(edit_url(amendment)).content.decode()
    assert "Öffentlich genannt als" in own
    for name, content in {**public_pages(section.version), "own": own}.items():
        assert "Mitglied der AG Bildung und Erziehung" in content, name
        assert "Volkshochschule" not in content, name
        assert "Erika Mustermann" not in content, name


def test_on_behalf_of_the_organisation_it_is_named_and_the_person_is_not(
    member_client, member, section
):
    member.memberships.update(consent_to_name=True)  # even with consent: the organisation speaks
    amendment = draft_of(member, section)
    response = member_client.post(submit_url(amendment), {"submitted_as": "organisation"})
    assert response.status_code == 302
    submitted = Amendment.objects.get()
    assert submitted.submitted_as == "organisation"
    assert submitted.organisation_name == "Volkshochschule Minden"
    assert submitted.author_name == ""

    own = member_client.get(edit_url(amendment)).content.decode()
    for name, content in {**public_pages(section.version), "own": own}.items():
        assert "Volkshochschule Minden (AG Bildung und Erziehung)" in content, name
        assert "Erika Mustermann" not in content, name
        assert "Mitglied der AG" not in content, name


def test_a_member_without_an_organisation_is_not_offered_it_and_cannot_claim_one(
    client, roles, group, section
):
    loner = make_member("ohne@minden.example", group, name="Max Ohne", organisation=None)
    client.force_login(loner)
    amendment = draft_of(loner, section)
    page = client.get(edit_url(amendment)).content.decode()
    assert 'name="submitted_as"' not in page
    assert "als Vorschlag von „Mitglied der AG Bildung und Erziehung“" in page

    # The field is not offered, so a forged value is ignored: submitted as a person.
    assert client.post(submit_url(amendment), {"submitted_as": "organisation"}).status_code == 302
    assert Amendment.objects.get().submitted_as == "person"


def test_on_behalf_of_an_organisation_one_has_not_in_that_group_is_refused(
    member_client, member, section, other_group
):
    """Two groups: in the second the member is listed without an organisation."""
    second = MembershipFactory(working_group=other_group, user=member, organisation=None)
    amendment = draft_of(member, section)
    before = Amendment.objects.filter(pk=amendment.pk).values().get()
    response = member_client.post(
        submit_url(amendment), {"membership": second.pk, "submitted_as": "organisation"}
    )
    assert response.status_code == 400
    assert "keiner Organisation zugeordnet" in response.content.decode()
    assert Amendment.objects.filter(pk=amendment.pk).values().get() == before


def test_an_unknown_choice_is_refused_with_a_message(member_client, member, section):
    amendment = draft_of(member, section)
    response = member_client.post(submit_url(amendment), {"submitted_as": "verein"})
    assert response.status_code == 400
    assert "als Person oder für Ihre Organisation" in response.content.decode()
    assert Amendment.objects.get().status == "draft"


# --- one number -----------------------------------------------------------------------------------


def test_numbers_count_per_version_in_the_order_of_submission(member, section, concept):
    first_written = draft_of(member, section)
    second_written = draft_of(member, section)
    assert first_written.number is None  # a draft has no number
    amendment_submit(amendment=second_written, by=member, working_group_name="Bildung")
    amendment_submit(amendment=first_written, by=member, working_group_name="Bildung")
    first_written.refresh_from_db()
    second_written.refresh_from_db()
    assert (second_written.number, first_written.number) == (1, 2)
    assert str(second_written) == "Vorschlag 1 zu Version 1"

    version_transition(version=section.version, to="consultation_closed")
    later = open_version(concept)
    other = amendment_create(section=later.sections.first(), author=member, **VALID)
    assert str(other) == f"Entwurf zu Version {later.number}"
    other = amendment_submit(amendment=other, by=member, working_group_name="Bildung")
    assert str(other) == f"Vorschlag 1 zu Version {later.number}"


def test_the_number_is_the_same_for_the_member_the_public_the_email_and_the_admin(
    member_client, member, section, officer, django_capture_on_commit_callbacks
):
    # Other amendments before it, so its id and its number differ.
    someone = make_member(
        "jemand@minden.example",
        section.version.concept.working_groups.first(),
        organisation=OrganisationFactory(),
    )
    for _ in range(2):
        amendment_submit(
            amendment=draft_of(someone, section), by=someone, working_group_name="Bildung"
        )
    amendment = draft_of(member, section)
    member_client.post(submit_url(amendment))
    amendment.refresh_from_db()
    assert amendment.number == 3 and amendment.pk != 3
    label = "Vorschlag 3"

    mine = member_client.get(reverse("participation:amendment-list")).content.decode()
    assert f">{label} zu Version 1</a>" in mine
    assert f"<h1>{label}: Ergänzung</h1>" in member_client.get(edit_url(amendment)).content.decode()
    pages = public_pages(section.version)
    assert f"{label}: Ergänzung" in pages["version"]
    assert f"{label}: Ergänzung" in pages["list"]
    assert f">{label}</a>" in pages["synopsis"]
    for content in (mine, *pages.values()):
        assert f"Vorschlag {amendment.pk}<" not in content
        assert f"Vorschlag {amendment.pk}:" not in content

    with django_capture_on_commit_callbacks(execute=True):
        amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Nein.")
    message = mail.outbox[-1]
    assert message.subject == f"Entscheidung über Ihren {label} zu Version 1: Abgelehnt"
    assert f"{label} zu Version 1" in message.body

    admin = Client()
    admin.force_login(officer)
    changelist = admin.get(reverse("admin:concept_amendment_changelist")).content.decode()
    assert f">{label} zu Version 1</a>" in changelist
    change = admin.get(reverse("admin:concept_amendment_change", args=[amendment.pk]))
    assert f"{label} zu Version 1" in change.content.decode()


def test_the_comparison_names_an_incorporated_amendment_by_its_number(
    member_client, member, section, officer
):
    amendment = draft_of(member, section)
    member_client.post(submit_url(amendment), {"submitted_as": "organisation"})
    amendment_decide(amendment=amendment, by=officer, status="accepted", reasoning="Gut.")
    version = section.version
    version_transition(version=version, to="consultation_closed")
    successor = version_create_next(version=version)
    amendment_incorporate(amendment=amendment, into=successor)
    version_transition(
        version=successor,
        to="consultation",
        consultation_ends_at=version.consultation_ends_at,
    )
    content = (
        Client()
        .get(f"/konzept/vergleich/?von={version.number}&zu={successor.number}")
        .content.decode()
    )
    assert f"Vorschlag 1 zu Version {version.number}</a>" in content
    assert "Volkshochschule Minden (AG Bildung und Erziehung)" in content
    assert "Erika Mustermann" not in content


@pytest.mark.parametrize("submitted_as", ["person", "organisation"])
def test_the_admin_shows_how_it_was_submitted(
    member_client, member, section, officer, submitted_as
):
    amendment = draft_of(member, section)
    member_client.post(submit_url(amendment), {"submitted_as": submitted_as})
    admin = Client()
    admin.force_login(officer)
    changelist = admin.get(reverse("admin:concept_amendment_changelist"))
    content = changelist.content.decode()
    if submitted_as == "person":
        assert "Mitglied der AG Bildung und Erziehung" in content
        assert "Volkshochschule" not in content
    else:
        assert "Volkshochschule Minden (AG Bildung und Erziehung)" in content
        assert "im Namen der Organisation" in content
