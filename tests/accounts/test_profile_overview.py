""" "Mein Konto" leads on: the open consultation of the member's groups, their proposals with
their status, what was decided on them since the last visit, and the next steps."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from concept.models import AmendmentStatus, VersionStatus
from minden_integration.accounts.models import ProfileVisit
from minden_integration.accounts.services import VISIT_GAP, profile_visit_register
from tests.accounts.conftest import assert_sound_page
from tests.factories import (
    AmendmentFactory,
    MembershipFactory,
    SectionFactory,
    UserFactory,
    VersionFactory,
    WorkingGroupFactory,
)

NOW = timezone.now()


@pytest.fixture
def membership(member, group):
    return MembershipFactory(working_group=group, user=member, name="Erika Musterfrau")


@pytest.fixture
def consultation(group):
    return VersionFactory(
        concept=group.concept,
        number=2,
        status=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.make_aware(
            dt.datetime.combine(timezone.localdate() + dt.timedelta(days=9), dt.time(18, 0))
        ),
    )


def proposal(author, status=AmendmentStatus.SUBMITTED, *, decided_at=None, title="Kita"):
    section = SectionFactory(title=title)
    fields = {}
    if status != AmendmentStatus.DRAFT:
        fields["submitted_at"] = NOW - dt.timedelta(days=20)
    if decided_at is not None:
        fields.update(decided_at=decided_at, decision_reasoning="Wird übernommen.")
    return AmendmentFactory(author=author, section=section, status=status, **fields)


def section_of(content: str, heading_id: str) -> str:
    """The text of the page's section labelled by `heading_id` ('' when there is none)."""
    match = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', content, re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split()) if match else ""


def page(client, path="/konto/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


# --- the open consultation ------------------------------------------------------------------


def test_the_open_consultation_of_the_members_group_with_its_deadline(
    client, member, membership, consultation
):
    client.force_login(member)
    content = page(client)
    box = " ".join(re.sub(r"<[^>]+>", " ", content.split("consultation-open", 1)[1]).split())
    assert "Jetzt in Beteiligung: Version 2" in box
    assert "Noch 9 Tage." in box
    deadline = timezone.localdate() + dt.timedelta(days=9)
    assert f"Vorschläge sind bis {deadline.day}. " in box
    assert "Als Mitglied der Arbeitsgruppe Bildung und Erziehung" in box
    assert f'href="{consultation.get_absolute_url()}"' in content
    assert 'href="/mitmachen/vorschlaege/"' in content  # the next steps
    assert_sound_page(content)


def test_the_english_profile_gives_the_deadline_in_english(
    client, member, membership, consultation
):
    client.force_login(member)
    content = page(client, "/en/konto/")
    with translation.override("en"):
        deadline = date_format(
            timezone.localtime(consultation.consultation_ends_at), "DATETIME_FORMAT"
        )
    assert deadline.endswith(f"{consultation.consultation_ends_at.year}, 18:00")
    assert f"{deadline}</time>" in content
    # The words come from the English catalogue once it is filled; the count is there anyway.
    assert "Noch 9 Tage." in content or "9 days" in content


def test_a_consultation_past_its_deadline_is_not_shown(client, member, membership, consultation):
    type(consultation).objects.filter(pk=consultation.pk).update(
        consultation_ends_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(member)
    content = page(client)
    assert "consultation-open" not in content
    assert "Jetzt in Beteiligung" not in content


def test_someone_elses_consultation_is_not_shown(client, member, membership):
    other_group = WorkingGroupFactory()  # another concept
    VersionFactory(
        concept=other_group.concept,
        status=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.now() + dt.timedelta(days=3),
    )
    client.force_login(member)
    assert "Jetzt in Beteiligung" not in page(client)


# --- the member's proposals -----------------------------------------------------------------


def test_the_members_own_proposals_with_their_status(client, member, membership):
    draft = proposal(member, AmendmentStatus.DRAFT, title="Sprachförderung in der Kita")
    submitted = proposal(member, title="Elternarbeit")
    proposal(UserFactory(), title="Fremder Abschnitt")
    client.force_login(member)
    content = page(client)
    listed = section_of(content, "proposals-heading")
    assert f"{draft} Entwurf" in listed
    assert "Sprachförderung in der Kita" in listed
    assert f"{submitted} Eingereicht" in listed
    assert "Fremder Abschnitt" not in listed
    assert f'href="/mitmachen/vorschlaege/{draft.pk}/"' in content
    assert_sound_page(content)


def test_a_member_without_proposals_is_told_so(client, member, membership):
    client.force_login(member)
    content = page(client)
    assert "Sie haben noch keine Änderung vorgeschlagen." in section_of(
        content, "proposals-heading"
    )
    assert section_of(content, "decisions-heading") == ""


# --- decisions since the last visit ---------------------------------------------------------


def test_the_first_visit_shows_every_decision(client, member, membership):
    accepted = proposal(member, AmendmentStatus.ACCEPTED, decided_at=NOW - dt.timedelta(days=90))
    client.force_login(member)
    decisions = section_of(page(client), "decisions-heading")
    assert "Entscheidungen über Ihre Vorschläge" in decisions
    assert f"{accepted}" in decisions
    assert "Angenommen am" in decisions


def test_decisions_since_the_last_visit_and_not_older_ones(client, member, membership):
    last_visit = timezone.now() - dt.timedelta(days=3)
    ProfileVisit.objects.create(user=member, seen_at=last_visit)
    old = proposal(member, AmendmentStatus.REJECTED, decided_at=last_visit - dt.timedelta(days=1))
    new = proposal(member, AmendmentStatus.ACCEPTED, decided_at=last_visit + dt.timedelta(days=1))
    undecided = proposal(member, AmendmentStatus.IN_REVIEW)
    client.force_login(member)
    content = page(client)
    decisions = section_of(content, "decisions-heading")
    assert "Neu entschieden seit Ihrem letzten Besuch" in decisions
    assert f"{new}" in decisions
    assert "Angenommen" in decisions
    assert f"{old}" not in decisions
    assert f"{undecided}" not in decisions
    # All three stand in the list of proposals, with their status.
    listed = section_of(content, "proposals-heading")
    assert f"{old} Abgelehnt" in listed
    assert f"{undecided} In Prüfung" in listed

    # Loading the page again in the same visit keeps what is new.
    assert f"{new}" in section_of(page(client), "decisions-heading")

    # The next visit starts where this one ended.
    ProfileVisit.objects.filter(user=member).update(
        seen_at=timezone.now() - VISIT_GAP - dt.timedelta(minutes=1)
    )
    decisions = section_of(page(client), "decisions-heading")
    assert f"{new}" not in decisions
    assert "ist über keinen Ihrer Vorschläge entschieden worden" in decisions


def test_a_visit_is_one_run_of_page_loads(member):
    start = timezone.now()
    assert profile_visit_register(user=member, now=start) is None
    assert profile_visit_register(user=member, now=start + dt.timedelta(minutes=10)) is None
    later = start + dt.timedelta(minutes=10) + VISIT_GAP
    assert profile_visit_register(user=member, now=later) == start + dt.timedelta(minutes=10)
    assert profile_visit_register(user=member, now=later + dt.timedelta(minutes=1)) == (
        start + dt.timedelta(minutes=10)
    )


def test_the_visit_is_forgotten_with_the_account(member):
    profile_visit_register(user=member)
    member.delete()
    assert not ProfileVisit.objects.exists()


# --- no group, staff ------------------------------------------------------------------------


def test_a_member_of_no_group_is_told_what_to_do(client, member):
    client.force_login(member)
    content = page(client)
    text = section_of(content, "no-group-heading")
    assert "Ihr Konto ist keiner Arbeitsgruppe zugeordnet." in text
    assert "wenden Sie sich an die Integrationsbeauftragte" in text
    assert 'href="/konzept/"' in content
    assert "Jetzt in Beteiligung" not in content
    assert "/mitmachen/vorschlaege/" not in content
    assert_sound_page(content)


def test_a_member_of_no_group_is_not_offered_an_open_consultation(client, member, consultation):
    client.force_login(member)
    assert "Jetzt in Beteiligung" not in page(client)


def test_staff_get_the_way_to_the_admin(client, officer):
    client.force_login(officer)
    content = page(client)
    assert 'href="/admin/">Zur Verwaltung</a>' in content
    assert section_of(content, "no-group-heading") == ""


def test_members_get_no_admin_link(client, member, membership):
    client.force_login(member)
    assert "Zur Verwaltung" not in page(client)


# --- queries ----------------------------------------------------------------------------------


def test_the_profile_costs_the_same_queries_with_more_data(
    client, member, membership, consultation, django_assert_num_queries
):
    def fill(count):
        for index in range(count):
            MembershipFactory(
                working_group=WorkingGroupFactory(concept=consultation.concept), user=member
            )
            proposal(member)
            proposal(member, AmendmentStatus.ACCEPTED, decided_at=timezone.now())
            proposal(member, AmendmentStatus.DRAFT, title=f"Entwurf {index}")

    ProfileVisit.objects.create(user=member, seen_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(member)
    fill(1)
    page(client)  # the visit's first load; the ones measured continue it
    with CaptureQueriesContext(connection) as small:
        page(client)
    fill(8)
    with django_assert_num_queries(len(small)):
        content = page(client)
    assert content.count('class="card mb-3"') == 1 + 1 + 8
