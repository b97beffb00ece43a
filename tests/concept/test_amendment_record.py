"""The public record of amendments: on its section in the reading view and in a filterable list.

Drafts never appear; names only with consent; the reading view's cached text shows a change
at once; query counts stay the same however many amendments there are.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from concept.models import ConceptVersion, VersionStatus
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_incorporate,
    amendment_review_start,
    amendment_submit,
    amendment_withdraw,
    amendments_forget_author_name,
    version_create_next,
)
from minden_integration.roles import MEMBER
from tests.concept.conftest import bring_to, move, version_with_sections
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, WorkingGroupFactory


@pytest.fixture(autouse=True)
def _german():
    """An /en/ request leaves English active in the thread; reverse() must build German paths."""
    with translation.override("de"):
        yield


@pytest.fixture
def groups(concept):
    return {
        "bildung": WorkingGroupFactory(concept=concept, name="Bildung und Erziehung", slug="b"),
        "arbeit": WorkingGroupFactory(concept=concept, name="Arbeit und Soziales", slug="a"),
    }


@pytest.fixture
def proposer(roles, groups):
    user = UserFactory(username="vorschlag@minden.example")
    user.groups.add(Group.objects.get(name=MEMBER))
    MembershipFactory(
        working_group=groups["bildung"],
        user=user,
        name="Erika Mustermann",
        organisation=OrganisationFactory(name="Volkshochschule Minden"),
    )
    return user


@pytest.fixture
def open_version(concept):
    version = version_with_sections(concept, count=3)
    move(version, VersionStatus.CONSULTATION)
    version.refresh_from_db()
    return version


def section(version, position):
    return version.sections.get(position=position)


def propose(
    version,
    author,
    *,
    position=1,
    kind="addition",
    group="Bildung und Erziehung",
    name="",
    submit=True,
    submitted_as="person",
    **texts,
):
    amendment = amendment_create(
        section=section(version, position),
        author=author,
        kind=kind,
        passage=texts.get("passage", "Eltern werden einbezogen."),
        proposed_text=texts.get("proposed_text", "Elterncafés in allen Stadtteilen."),
        rationale=texts.get("rationale", "Mehr Beteiligung."),
    )
    if not submit:
        return amendment
    return amendment_submit(
        amendment=amendment,
        by=author,
        submitted_as=submitted_as,
        organisation_name="Volkshochschule Minden",
        working_group_name=group,
        author_name=name,
    )


def page(client, version):
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def list_url(version, query=""):
    return reverse("concept:amendment-list", kwargs={"number": version.number}) + query


def section_html(content, key):
    start = content.index(f'id="abschnitt-{key}"')
    end = content.find('<section id="abschnitt-', start + 1)
    return content[start : end if end > 0 else len(content)]


# --- in the reading view -------------------------------------------------------------------------


def test_a_submitted_amendment_stands_on_its_section_with_an_anchor(client, open_version, proposer):
    amendment = propose(
        open_version, proposer, position=2, kind="correction", proposed_text="Neuer Satz."
    )
    content = page(client, open_version)
    own = section_html(content, "kapitel-2")
    assert f'id="vorschlag-{amendment.pk}"' in own
    assert f'id="vorschlag-{amendment.pk}"' not in section_html(content, "kapitel-1")
    for text in (
        "Vorschlag 1: Korrektur",
        "Eingereicht",
        "Mitglied der AG Bildung und Erziehung",
        "Eltern werden einbezogen.",
        "Neuer Satz.",
        "Mehr Beteiligung.",
    ):
        assert text in own, text
    # Submitted as a person: the organisation would identify its only member in the group.
    assert "Volkshochschule Minden" not in content
    assert "Erika Mustermann" not in content
    assert list_url(open_version) in content


def test_an_amendment_on_behalf_of_an_organisation_names_it_and_not_the_person(
    client, open_version, proposer
):
    propose(open_version, proposer, name="Erika Mustermann", submitted_as="organisation")
    own = section_html(page(client, open_version), "kapitel-1")
    assert "Volkshochschule Minden (AG Bildung und Erziehung)" in own
    assert "Erika Mustermann" not in own
    assert "Mitglied der AG" not in own


def test_the_name_appears_only_with_consent(client, open_version, proposer):
    propose(open_version, proposer, name="Erika Mustermann")
    assert "Erika Mustermann" in page(client, open_version)


def test_drafts_never_appear_nor_a_draft_withdrawn_before_submission(
    client, officer, open_version, proposer
):
    propose(open_version, proposer, submit=False, proposed_text="Geheimer Entwurf")
    withdrawn = propose(open_version, proposer, submit=False, proposed_text="Nie eingereicht")
    amendment_withdraw(amendment=withdrawn, by=proposer)
    client.force_login(officer)  # not even staff see drafts in public pages
    for content in (
        page(client, open_version),
        client.get(list_url(open_version)).content.decode(),
    ):
        assert "Geheimer Entwurf" not in content
        assert "Nie eingereicht" not in content
        assert "vorschlag-" not in content
    assert client.get(list_url(open_version)).context["paginator"].count == 0


def test_a_withdrawn_amendment_stays_on_record_marked_as_such(client, open_version, proposer):
    amendment = propose(open_version, proposer)
    amendment_withdraw(amendment=amendment, by=proposer)
    own = section_html(page(client, open_version), "kapitel-1")
    assert f'id="vorschlag-{amendment.pk}"' in own
    assert "Zurückgezogen" in own


def test_a_decision_shows_its_reasoning_the_adopted_text_and_where_it_went(
    client, officer, concept, proposer
):
    version = version_with_sections(concept, count=2)
    move(version, VersionStatus.CONSULTATION)
    amendment = propose(version, proposer)
    amendment_review_start(amendment=amendment, by=officer)
    amendment_decide(
        amendment=amendment,
        by=officer,
        status="partially_accepted",
        reasoning="Teilweise sinnvoll.",
        adopted_text="Elterncafés in zwei Stadtteilen.",
    )
    move(version, VersionStatus.CONSULTATION_CLOSED)
    successor = version_create_next(version=version, title="Zweiter Entwurf")
    amendment_incorporate(amendment=amendment, into=successor)

    own = section_html(page(client, version), "kapitel-1")
    assert "Teilweise angenommen" in own
    assert "Teilweise sinnvoll." in own
    assert "Elterncafés in zwei Stadtteilen." in own
    # The successor is still a draft: not linked, not named.
    assert "Eingearbeitet in" not in own

    move(successor, VersionStatus.CONSULTATION)
    own = section_html(page(client, version), "kapitel-1")
    assert "Eingearbeitet in" in own
    assert f'href="/konzept/v{successor.number}/#abschnitt-kapitel-1"' in own


def test_a_newly_submitted_amendment_appears_at_once(client, open_version, proposer, officer):
    assert "vorschlag-" not in page(client, open_version)  # the text is now in the cache
    amendment = propose(open_version, proposer)
    assert f'id="vorschlag-{amendment.pk}"' in page(client, open_version)

    amendment_review_start(amendment=amendment, by=officer)
    assert "In Prüfung" in section_html(page(client, open_version), "kapitel-1")
    amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Zu teuer.")
    assert "Zu teuer." in page(client, open_version)


def test_a_withdrawn_consent_removes_the_name_at_once(client, open_version, proposer):
    propose(open_version, proposer, name="Erika Mustermann")
    assert "Erika Mustermann" in page(client, open_version)
    amendments_forget_author_name(user=proposer)
    content = page(client, open_version)
    assert "Erika Mustermann" not in content
    assert "Mitglied der AG Bildung und Erziehung" in content


def test_a_frozen_version_shows_its_record_as_it_is_now(client, officer, concept, proposer):
    """Frozen text, living record: the fragment's key is more than the checksum."""
    version = version_with_sections(concept, count=2)
    move(version, VersionStatus.CONSULTATION)
    amendment = propose(version, proposer, name="Erika Mustermann")
    amendment_review_start(amendment=amendment, by=officer)
    move(version, VersionStatus.CONSULTATION_CLOSED)
    amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Zu spät.")
    move(version, VersionStatus.COUNCIL_REVIEW)
    version.refresh_from_db()
    assert version.is_frozen
    before = section_html(page(client, version), "kapitel-1")
    assert "Abgelehnt" in before and "Erika Mustermann" in before
    # Consent withdrawn after freezing: the frozen version's record changes with it.
    amendments_forget_author_name(user=proposer)
    assert "Erika Mustermann" not in section_html(page(client, version), "kapitel-1")


# --- the link to propose -------------------------------------------------------------------------


def test_members_get_a_propose_link_on_every_section(client, open_version, proposer):
    client.force_login(proposer)
    content = page(client, open_version)
    for sec in open_version.sections.all():
        url = reverse("participation:amendment-create", kwargs={"section_id": sec.pk})
        assert f'href="{url}"' in section_html(content, sec.key)
    assert content.count("Änderung vorschlagen") == 3


@pytest.mark.parametrize("who", ["anonymous", "officer", "clerk", "account"])
def test_nobody_else_gets_the_link_even_after_a_member_filled_the_cache(
    request, client, open_version, proposer, who
):
    member_client = Client()
    member_client.force_login(proposer)
    assert "Änderung vorschlagen" in page(member_client, open_version)
    if who == "account":
        client.force_login(UserFactory(username="konto@minden.example"))
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert "Änderung vorschlagen" not in page(client, open_version)


def test_no_link_after_the_deadline_or_once_closed(client, open_version, proposer):
    client.force_login(proposer)
    ConceptVersion.objects.filter(pk=open_version.pk).update(
        consultation_ends_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert "Änderung vorschlagen" not in page(client, open_version)
    approved = bring_to(version_with_sections(open_version.concept), VersionStatus.APPROVED)
    assert "Änderung vorschlagen" not in page(client, approved)


def test_the_current_page_offers_the_link_too(client, open_version, proposer):
    client.force_login(proposer)
    content = client.get(reverse("concept:version-current")).content.decode()
    assert "Änderung vorschlagen" in content


# --- the list ------------------------------------------------------------------------------------


@pytest.fixture
def record(open_version, proposer):
    other = UserFactory(username="zweite@minden.example")
    return {
        "a": propose(open_version, proposer, position=1, kind="addition"),
        "b": propose(open_version, proposer, position=2, kind="correction"),
        "c": propose(open_version, other, position=2, kind="deletion", group="Arbeit und Soziales"),
        "d": propose(open_version, other, position=3, kind="addition", group="Arbeit und Soziales"),
    }


def listed(client, version, query=""):
    response = client.get(list_url(version, query))
    return response, {a.pk for a in response.context["amendments"]}


def test_the_list_shows_every_submitted_amendment(client, open_version, record):
    response, found = listed(client, open_version)
    assert response.status_code == 200
    assert found == {a.pk for a in record.values()}
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert f'href="/konzept/v{open_version.number}/#abschnitt-kapitel-2"' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?art=korrektur", {"b"}),
        ("?art=ergaenzung", {"a", "d"}),
        ("?gruppe=Arbeit+und+Soziales", {"c", "d"}),
        ("?abschnitt=kapitel-2", {"b", "c"}),
        ("?abschnitt=kapitel-2&gruppe=Bildung+und+Erziehung", {"b"}),
        ("?status=eingereicht", {"a", "b", "c", "d"}),
        ("?status=in-pruefung", set()),
    ],
)
def test_the_list_filters(client, open_version, record, query, expected):
    response, found = listed(client, open_version, query)
    assert response.status_code == 200
    assert found == {record[name].pk for name in expected}


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_old_english_filter_values_move_for_good_to_the_german_slugs(
    client, open_version, record, prefix
):
    path = f"{prefix}{list_url(open_version)}"
    response = client.get(f"{path}?art=correction&gruppe=Arbeit+und+Soziales&status=submitted")

    assert response.status_code == 301
    assert response["Location"] == (
        f"{path}?art=korrektur&gruppe=Arbeit+und+Soziales&status=eingereicht"
    )
    content = client.get(response["Location"]).content.decode()
    assert '<option value="korrektur" selected>' in content
    assert 'value="correction"' not in content


def test_the_status_filter_follows_the_review(client, officer, open_version, record):
    amendment_review_start(amendment=record["c"], by=officer)
    _, found = listed(client, open_version, "?status=in-pruefung")
    assert found == {record["c"].pk}


def test_draft_is_no_filter_option(client, open_version, record):
    for word in ("draft", "entwurf"):
        response, found = listed(client, open_version, f"?status={word}")
        assert response.status_code == 400
        assert f'value="{word}"' not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?status=bogus",
        "?art=%3Cscript%3E",
        "?gruppe=Unbekannte+Gruppe",
        "?abschnitt=gibt-es-nicht",
        "?abschnitt=kapitel-1%00",
        "?art=" + "x" * 5000,
        "?status=eingereicht&status=bogus",
    ],
)
def test_bad_filter_values_are_explained_never_a_500(client, open_version, record, query):
    response = client.get(list_url(open_version, query))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Diese Angabe ist keine der angebotenen Möglichkeiten." in content
    assert "x" * 100 not in content
    assert "<script>" not in content


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "999", "1.5", ""])
def test_bad_page_numbers_give_a_page(client, open_version, record, page_number):
    assert client.get(list_url(open_version, f"?seite={page_number}")).status_code == 200


def test_the_list_is_paginated(client, open_version, proposer):
    for index in range(23):
        propose(open_version, proposer, position=index % 3 + 1)
    first, on_first = listed(client, open_version)
    second, on_second = listed(client, open_version, "?seite=2")
    assert len(on_first) == 20 and len(on_second) == 3
    assert not on_first & on_second
    assert "?seite=2" in first.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_list_of_a_draft_version_is_not_found(client, draft, proposer, who):
    if who == "member":
        client.force_login(proposer)
    assert client.get(list_url(draft)).status_code == 404


def test_staff_see_the_empty_list_of_a_draft(officer_client, draft):
    assert officer_client.get(list_url(draft)).status_code == 200


def test_an_unknown_version_has_no_list(client, open_version):
    assert client.get("/konzept/v999/vorschlaege/").status_code == 404


def test_the_english_list(client, open_version, record):
    response = client.get(f"/en/konzept/v{open_version.number}/vorschlaege/")
    assert response.status_code == 200


def test_the_list_is_read_only(client, open_version):
    assert client.post(list_url(open_version)).status_code == 405


# --- query counts --------------------------------------------------------------------------------


def fill(version, proposer, officer, count):
    others = [UserFactory() for _ in range(2)]
    for index in range(count):
        amendment = propose(
            version,
            (proposer, *others)[index % 3],
            position=index % 3 + 1,
            group=("Bildung und Erziehung", "Arbeit und Soziales")[index % 2],
        )
        if index % 4 == 0:
            amendment_review_start(amendment=amendment, by=officer)
            amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Nein.")


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_reading_view_queries_do_not_grow_with_amendments(
    client, open_version, proposer, officer, who
):
    if who == "member":
        client.force_login(proposer)
    fill(open_version, proposer, officer, 2)
    queries_for(client, open_version.get_absolute_url())  # stores the sections' renderings
    small = queries_for(client, open_version.get_absolute_url())
    fill(open_version, proposer, officer, 20)
    assert queries_for(client, open_version.get_absolute_url()) == small


def test_reading_view_from_the_cache_does_not_read_the_amendments(client, open_version, proposer):
    propose(open_version, proposer)
    page(client, open_version)
    with CaptureQueriesContext(connection) as queries:
        page(client, open_version)
    assert not any('"concept_amendment"."proposed_text"' in q["sql"] for q in queries)


def test_list_queries_do_not_grow_with_amendments(client, open_version, proposer, officer):
    fill(open_version, proposer, officer, 2)
    small = queries_for(client, list_url(open_version))
    fill(open_version, proposer, officer, 25)
    assert queries_for(client, list_url(open_version)) == small
    assert queries_for(client, list_url(open_version, "?art=ergaenzung&seite=2")) == small


@pytest.mark.parametrize("who", ["anonymous", "member", "officer", "clerk"])
def test_the_list_of_a_public_version_is_open_to_every_role(
    request, client, open_version, record, proposer, who
):
    if who == "member":
        client.force_login(proposer)
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response, found = listed(client, open_version)
    assert response.status_code == 200
    assert found == {a.pk for a in record.values()}
