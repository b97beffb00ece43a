"""A member proposes an amendment: draft, change, submit, withdraw; and everything refused."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concept.models import TEXT_MAX, Amendment, AmendmentStatus, ConceptVersion, VersionStatus
from concept.services import (
    amendment_create,
    amendment_review_start,
    amendment_submit,
    amendment_update,
    version_create,
    version_transition,
)
from tests.factories import ConceptFactory, MembershipFactory, SectionFactory, WorkingGroupFactory
from tests.participation.conftest import SECTION_BODY, open_version

VALID = {
    "kind": "addition",
    "passage": "Eltern werden einbezogen.",
    "proposed_text": "Elterncafés in allen Stadtteilen.",
    "rationale": "Mehr Beteiligung der Familien.",
}


def create_url(section):
    return reverse("participation:amendment-create", kwargs={"section_id": section.pk})


def edit_url(amendment):
    return reverse("participation:amendment-edit", kwargs={"pk": amendment.pk})


def submit_url(amendment):
    return reverse("participation:amendment-submit", kwargs={"pk": amendment.pk})


def withdraw_url(amendment):
    return reverse("participation:amendment-withdraw", kwargs={"pk": amendment.pk})


def row(amendment):
    """Everything stored for the amendment, to compare before and after a refused request."""
    return Amendment.objects.filter(pk=amendment.pk).values().get()


def draft_of(user, section, **fields):
    return amendment_create(section=section, author=user, **{**VALID, **fields})


def submitted_of(user, section, **fields):
    amendment = draft_of(user, section, **fields)
    return amendment_submit(
        amendment=amendment,
        by=user,
        organisation_name="Volkshochschule Minden",
        working_group_name="Bildung und Erziehung",
    )


def edit_data(amendment, **changes):
    return {**VALID, "lock_version": amendment.lock_version, **changes}


def close_deadline(version):
    ConceptVersion.objects.filter(pk=version.pk).update(
        consultation_ends_at=timezone.now() - dt.timedelta(minutes=1)
    )


# --- the whole flow ------------------------------------------------------------------------------


def test_the_form_offers_the_kinds_and_is_prefilled_with_the_sections_text(member_client, section):
    response = member_client.get(create_url(section))
    assert response.status_code == 200
    content = response.content.decode()
    for label in ("Ergänzung", "Korrektur", "Streichung"):
        assert label in content
    assert 'type="radio"' in content
    form = response.context["form"]
    assert form["passage"].value() == SECTION_BODY
    assert content.count("<h1") == 1


def test_a_member_proposes_changes_submits_and_withdraws(member_client, member, section):
    version = section.version
    response = member_client.post(create_url(section), VALID)
    amendment = Amendment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(amendment)
    assert amendment.author == member
    assert amendment.status == AmendmentStatus.DRAFT
    assert amendment.section == section and amendment.version == version
    assert (amendment.kind, amendment.passage, amendment.proposed_text, amendment.rationale) == (
        VALID["kind"],
        VALID["passage"],
        VALID["proposed_text"],
        VALID["rationale"],
    )

    # A draft is the member's alone.
    assert (
        f"vorschlag-{amendment.pk}" not in Client().get(version.get_absolute_url()).content.decode()
    )
    page = member_client.get(edit_url(amendment))
    assert page.status_code == 200
    assert page.context["can_submit"] and page.context["can_edit"]
    assert f'name="lock_version" value="{amendment.lock_version}"' in page.content.decode()

    response = member_client.post(
        edit_url(amendment), edit_data(amendment, proposed_text="Elterncafés überall.")
    )
    assert response.status_code == 302
    changed = Amendment.objects.get()
    assert changed.proposed_text == "Elterncafés überall."
    assert changed.lock_version == amendment.lock_version + 1

    response = member_client.post(submit_url(amendment))
    assert response.status_code == 302
    submitted = Amendment.objects.get()
    assert submitted.status == AmendmentStatus.SUBMITTED
    assert submitted.submitted_at is not None
    assert submitted.number == 1
    assert submitted.submitted_as == "person"  # nothing chosen: as a person
    assert submitted.organisation_name == ""  # a person is never shown with it: not kept
    assert submitted.working_group_name == "Bildung und Erziehung"
    assert submitted.author_name == ""  # no consent: no name

    public = Client().get(version.get_absolute_url()).content.decode()
    assert f'id="vorschlag-{amendment.pk}"' in public
    assert "Mitglied der AG Bildung und Erziehung" in public
    assert "Erika Mustermann" not in public
    assert "Volkshochschule Minden" not in public
    assert "Elterncafés überall." in public

    # Still editable until the officer takes it into review.
    response = member_client.post(
        edit_url(amendment), edit_data(submitted, rationale="Neue Begründung.")
    )
    assert response.status_code == 302
    assert Amendment.objects.get().rationale == "Neue Begründung."

    confirm = member_client.get(withdraw_url(amendment))
    assert confirm.status_code == 200 and confirm.context["can_withdraw"]
    response = member_client.post(withdraw_url(amendment))
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:amendment-list")
    assert Amendment.objects.get().status == AmendmentStatus.WITHDRAWN

    page = member_client.get(edit_url(amendment))
    assert page.context["form"] is None
    assert "Sie haben diesen Vorschlag zurückgezogen." in page.content.decode()


def test_with_consent_the_name_is_copied_and_shown(member_client, member, section):
    member.memberships.update(consent_to_name=True)
    amendment = draft_of(member, section)
    assert member_client.post(submit_url(amendment)).status_code == 302
    assert Amendment.objects.get().author_name == "Erika Mustermann"
    public = Client().get(section.version.get_absolute_url()).content.decode()
    assert "Erika Mustermann" in public


def test_the_edit_page_says_how_the_record_will_name_the_member(member_client, member, section):
    amendment = draft_of(member, section)
    content = member_client.get(edit_url(amendment)).content.decode()
    assert "„Mitglied der AG Bildung und Erziehung“" in content


def test_a_member_of_two_groups_chooses_for_which_one_to_submit(
    member_client, member, section, other_group
):
    second = MembershipFactory(working_group=other_group, user=member)
    amendment = draft_of(member, section)
    page = member_client.get(edit_url(amendment)).content.decode()
    assert 'name="membership"' in page
    response = member_client.post(
        submit_url(amendment), {"membership": second.pk, "submitted_as": "organisation"}
    )
    assert response.status_code == 302
    submitted = Amendment.objects.get()
    assert submitted.working_group_name == "Arbeit und Soziales"
    assert submitted.organisation_name == second.organisation.name


def test_submitting_for_a_group_one_is_not_in_is_refused(member_client, member, section):
    amendment = draft_of(member, section)
    foreign = MembershipFactory(working_group=WorkingGroupFactory(concept=section.version.concept))
    before = row(amendment)
    response = member_client.post(submit_url(amendment), {"membership": foreign.pk})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine Ihrer Arbeitsgruppen." in response.content.decode()
    assert row(amendment) == before


def test_submitting_twice_is_refused_with_a_message(member_client, member, section):
    amendment = submitted_of(member, section)
    before = row(amendment)
    response = member_client.post(submit_url(amendment))
    assert response.status_code == 400
    assert "kann nicht von „Eingereicht“ nach „Eingereicht“ wechseln" in response.content.decode()
    assert row(amendment) == before


# --- validation ----------------------------------------------------------------------------------


def test_empty_fields_get_german_messages_and_nothing_is_stored(member_client, section):
    response = member_client.post(create_url(section), {"kind": "", "passage": "  "})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Bitte wählen Sie, ob Sie ergänzen, korrigieren oder streichen möchten." in content
    assert "Bitte geben Sie die Textstelle an, auf die sich Ihr Vorschlag bezieht." in content
    assert "Bitte begründen Sie Ihren Vorschlag." in content
    assert not Amendment.objects.exists()


def test_an_addition_without_text_is_refused(member_client, section):
    response = member_client.post(create_url(section), {**VALID, "proposed_text": " "})
    assert response.status_code == 400
    assert "Bitte geben Sie den vorgeschlagenen Text an." in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_deletion_needs_no_proposed_text(member_client, section):
    response = member_client.post(
        create_url(section), {**VALID, "kind": "deletion", "proposed_text": ""}
    )
    assert response.status_code == 302
    assert Amendment.objects.get().kind == "deletion"


def test_an_unknown_kind_is_refused(member_client, section):
    response = member_client.post(create_url(section), {**VALID, "kind": "rewrite"})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine der angebotenen Arten." in response.content.decode()
    assert not Amendment.objects.exists()


@pytest.mark.parametrize("field", ["passage", "proposed_text", "rationale"])
def test_a_text_of_100000_characters_is_refused_and_nothing_stored(member_client, section, field):
    response = member_client.post(create_url(section), {**VALID, field: "x" * 100_000})
    assert response.status_code == 400
    assert "Der Text ist zu lang" in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_text_of_100000_characters_does_not_overwrite_a_draft(member_client, member, section):
    amendment = draft_of(member, section)
    before = row(amendment)
    response = member_client.post(
        edit_url(amendment), edit_data(amendment, proposed_text="x" * 100_000)
    )
    assert response.status_code == 400
    assert "Der Text ist zu lang" in response.content.decode()
    assert row(amendment) == before


def test_the_limit_itself_is_accepted_counting_a_line_break_once(member_client, section):
    text = "x" * (TEXT_MAX - 2) + "\r\nx"  # TEXT_MAX + 1 as sent, TEXT_MAX once normalised
    response = member_client.post(create_url(section), {**VALID, "rationale": text})
    assert response.status_code == 302
    assert len(Amendment.objects.get().rationale) == TEXT_MAX


def test_a_nul_character_is_refused_not_a_500(member_client, section):
    response = member_client.post(create_url(section), {**VALID, "rationale": "a\x00b"})
    assert response.status_code == 400
    assert not Amendment.objects.exists()


# --- the deadline --------------------------------------------------------------------------------


def test_after_the_deadline_nothing_is_proposed(member_client, section):
    close_deadline(section.version)
    page = member_client.get(create_url(section))
    assert page.status_code == 200
    assert "Die Beteiligungsfrist ist abgelaufen." in page.content.decode()
    assert 'name="proposed_text"' not in page.content.decode()

    response = member_client.post(create_url(section), VALID)
    assert response.status_code == 400
    assert "Die Beteiligungsfrist ist abgelaufen." in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_closed_consultation_takes_no_new_amendment(member_client, section):
    version_transition(version=section.version, to=VersionStatus.CONSULTATION_CLOSED)
    response = member_client.post(create_url(section), VALID)
    assert response.status_code == 400
    assert "Die Beteiligungsfrist ist abgelaufen." in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_draft_cannot_be_submitted_or_changed_after_the_deadline(member_client, member, section):
    amendment = draft_of(member, section)
    close_deadline(section.version)
    before = row(amendment)

    response = member_client.post(submit_url(amendment))
    assert response.status_code == 400
    assert "Die Beteiligungsfrist ist abgelaufen." in response.content.decode()
    assert row(amendment) == before

    page = member_client.get(edit_url(amendment))
    assert page.context["form"] is None and not page.context["can_submit"]
    response = member_client.post(edit_url(amendment), edit_data(amendment, rationale="Neu"))
    assert response.status_code == 400
    assert "Die Beteiligungsfrist ist abgelaufen." in response.content.decode()
    assert row(amendment) == before


# --- locked once in review -----------------------------------------------------------------------


def test_in_review_the_text_is_locked_and_shown_read_only(member_client, member, officer, section):
    amendment = submitted_of(member, section)
    amendment_review_start(amendment=amendment, by=officer)
    before = row(amendment)

    page = member_client.get(edit_url(amendment))
    content = page.content.decode()
    assert page.status_code == 200
    assert page.context["form"] is None
    assert "Ihr Vorschlag ist in Prüfung. Sein Text ist gesperrt" in content
    assert VALID["proposed_text"] in content
    assert 'name="proposed_text"' not in content
    assert not page.context["can_withdraw"]

    response = member_client.post(edit_url(amendment), edit_data(amendment, rationale="Neu"))
    assert response.status_code == 400
    assert "Der Vorschlag ist in Prüfung; sein Text ist gesperrt." in response.content.decode()
    assert row(amendment) == before

    assert (
        "kann nicht mehr zurückgezogen"
        in member_client.get(withdraw_url(amendment)).content.decode()
    )
    response = member_client.post(withdraw_url(amendment))
    assert response.status_code == 400
    assert row(amendment) == before


# --- concurrent changes --------------------------------------------------------------------------


def test_a_change_made_meanwhile_is_not_overwritten(member_client, member, section):
    amendment = draft_of(member, section)
    stale = amendment.lock_version
    amendment_update(
        amendment=amendment, by=member, **{**VALID, "proposed_text": "Aus dem anderen Tab."}
    )
    before = row(amendment)
    response = member_client.post(
        edit_url(amendment), {**VALID, "lock_version": stale, "proposed_text": "Überschreiben?"}
    )
    assert response.status_code == 400
    assert "Der Vorschlag wurde inzwischen geändert." in response.content.decode()
    assert row(amendment) == before


@pytest.mark.parametrize("lock_version", ["", "abc", "-1"])
def test_a_missing_or_broken_lock_version_is_refused(member_client, member, section, lock_version):
    amendment = draft_of(member, section)
    before = row(amendment)
    response = member_client.post(edit_url(amendment), {**VALID, "lock_version": lock_version})
    assert response.status_code == 400
    assert row(amendment) == before


# --- markup --------------------------------------------------------------------------------------


def test_markup_in_every_field_is_stored_as_text_and_shown_escaped(member_client, section):
    script = "<script>alert('x')</script>"
    data = {
        "kind": "correction",
        "passage": f"{script} Stelle",
        "proposed_text": f"{script} Text <b onmouseover=x>fett</b>",
        "rationale": f"{script} Grund",
    }
    member_client.post(create_url(section), data)
    amendment = Amendment.objects.get()
    assert amendment.proposed_text == data["proposed_text"]
    assert script not in member_client.get(edit_url(amendment)).content.decode()
    member_client.post(submit_url(amendment))

    version = section.version
    for url in (
        version.get_absolute_url(),
        reverse("concept:amendment-list", kwargs={"number": version.number}),
    ):
        content = Client().get(url).content.decode()
        assert f'id="vorschlag-{amendment.pk}"' in content, url
        assert "<script>" not in content, url
        assert "onmouseover" not in content.replace("onmouseover=x&gt;", ""), url
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Grund" in content, url


# --- someone else's amendments -------------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_another_members_amendment_is_not_found_and_stays_unchanged(
    other_client, member, section, status
):
    amendment = draft_of(member, section) if status == "draft" else submitted_of(member, section)
    before = row(amendment)
    assert other_client.get(edit_url(amendment)).status_code == 404
    assert other_client.get(withdraw_url(amendment)).status_code == 404
    assert (
        other_client.post(edit_url(amendment), edit_data(amendment, rationale="Weg")).status_code
        == 404
    )
    assert other_client.post(submit_url(amendment)).status_code == 404
    assert other_client.post(withdraw_url(amendment)).status_code == 404
    assert row(amendment) == before
    listing = other_client.get(reverse("participation:amendment-list")).content.decode()
    assert VALID["proposed_text"] not in listing


def test_an_unknown_amendment_id_is_not_found(member_client):
    for url in (
        reverse("participation:amendment-edit", kwargs={"pk": 999_999}),
        reverse("participation:amendment-withdraw", kwargs={"pk": 999_999}),
    ):
        assert member_client.get(url).status_code == 404
    assert (
        member_client.post(
            reverse("participation:amendment-submit", kwargs={"pk": 999_999})
        ).status_code
        == 404
    )
    assert member_client.get("/mitmachen/vorschlaege/abc/").status_code == 404


def test_tampered_section_ids_are_not_found(member_client, concept, section):
    draft = version_create(concept=concept, title="Neuer Entwurf")
    draft_section = SectionFactory(version=draft, position=1, key="kapitel-1")
    elsewhere = open_version(ConceptFactory(slug="anderswo"))
    for bad in (999_999, draft_section.pk, elsewhere.sections.first().pk):
        url = reverse("participation:amendment-create", kwargs={"section_id": bad})
        assert member_client.get(url).status_code == 404, bad
        assert member_client.post(url, VALID).status_code == 404, bad
    assert member_client.get("/mitmachen/abschnitt/eins/vorschlag/").status_code == 404
    assert not Amendment.objects.exists()


# --- CSRF ----------------------------------------------------------------------------------------


def test_every_write_needs_the_csrf_token(member, section):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    amendment = draft_of(member, section)
    before = row(amendment)
    assert client.post(create_url(section), VALID).status_code == 403
    assert client.post(edit_url(amendment), edit_data(amendment, rationale="X")).status_code == 403
    assert client.post(submit_url(amendment)).status_code == 403
    assert client.post(withdraw_url(amendment)).status_code == 403
    assert Amendment.objects.count() == 1
    assert row(amendment) == before
    # The forms carry the token.
    assert 'name="csrfmiddlewaretoken"' in client.get(create_url(section)).content.decode()
    assert client.get(edit_url(amendment)).content.decode().count('name="csrfmiddlewaretoken"') >= 2


# --- the member's own list -----------------------------------------------------------------------


def test_the_own_list_shows_every_own_amendment_with_its_status(
    member_client, member, other_member, section
):
    draft = draft_of(member, section)
    submitted = submitted_of(member, section, proposed_text="Eingereicht")
    theirs = draft_of(other_member, section, proposed_text="Nicht meins")
    response = member_client.get(reverse("participation:amendment-list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert edit_url(draft) in content and edit_url(submitted) in content
    assert edit_url(theirs) not in content
    assert "Entwurf" in content and "Eingereicht" in content
    assert section.version.get_absolute_url() in content  # where to propose next


def test_the_own_list_costs_the_same_with_more_amendments(member_client, member, concept):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(reverse("participation:amendment-list")).status_code == 200
        return len(queries)

    version = open_version(concept, sections=3)
    sections = list(version.sections.all())
    draft_of(member, sections[0])
    small = count()
    for index in range(12):
        submitted_of(member, sections[index % 3])
    assert count() == small


def test_the_edit_page_costs_the_same_for_any_amendment(member_client, member, section):
    amendment = draft_of(member, section)
    with CaptureQueriesContext(connection) as queries:
        member_client.get(edit_url(amendment))
    assert len(queries) <= 8, [q["sql"] for q in queries.captured_queries]


# --- the participate page ------------------------------------------------------------------------


def test_the_participate_page_leads_members_to_their_amendments_and_the_version(
    member_client, section
):
    content = member_client.get(reverse("participate")).content.decode()
    assert reverse("participation:amendment-list") in content
    assert section.version.get_absolute_url() in content


def test_the_participate_page_tells_other_accounts_why_they_cannot_propose(client, officer):
    client.force_login(officer)
    content = client.get(reverse("participate")).content.decode()
    assert reverse("participation:amendment-list") not in content
    assert "keiner Arbeitsgruppe zugeordnet" in content


def test_the_participate_page_shows_visitors_no_member_links(client, section):
    content = client.get(reverse("participate")).content.decode()
    assert reverse("participation:amendment-list") not in content
