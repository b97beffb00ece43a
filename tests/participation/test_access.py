"""Who reaches the proposing pages: members only; other accounts 403, visitors the login."""

import pytest
from django.urls import reverse

from concept.services import amendment_create
from tests.factories import ConceptFactory, MembershipFactory, UserFactory, WorkingGroupFactory


@pytest.fixture
def urls(section, member):
    amendment = amendment_create(
        section=section, author=member, kind="addition", passage="x", proposed_text="y"
    )
    return [
        reverse("participation:amendment-create", kwargs={"section_id": section.pk}),
        reverse("participation:amendment-list"),
        reverse("participation:amendment-edit", kwargs={"pk": amendment.pk}),
        reverse("participation:amendment-withdraw", kwargs={"pk": amendment.pk}),
    ]


def test_visitors_are_sent_to_the_login(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/konto/anmelden/?next="), url


def test_a_visitors_post_is_sent_to_the_login_and_stores_nothing(client, section):
    url = reverse("participation:amendment-create", kwargs={"section_id": section.pk})
    response = client.post(url, {"kind": "addition", "passage": "a", "proposed_text": "b"})
    assert response.status_code == 302
    assert not section.amendments.exists()


@pytest.mark.parametrize("who", ["officer", "clerk", "account_without_membership"])
def test_accounts_without_a_membership_are_refused(request, client, urls, who):
    if who == "account_without_membership":
        user = UserFactory(username="ohne@minden.example")
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    for url in urls:
        assert client.get(url).status_code == 403, (who, url)


def test_a_member_of_another_concepts_group_is_refused(client, urls):
    elsewhere = WorkingGroupFactory(concept=ConceptFactory(slug="anderswo"))
    user = UserFactory(username="anderswo@example.org")
    MembershipFactory(working_group=elsewhere, user=user)
    client.force_login(user)
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_a_member_reaches_every_page(member_client, urls):
    for url in urls:
        assert member_client.get(url).status_code == 200, url


def test_english_pages_work_too(member_client, urls):
    for url in urls:
        assert member_client.get(f"/en{url}").status_code == 200, url


def test_submitting_is_post_only(member_client, member, section):
    amendment = amendment_create(section=section, author=member, kind="addition", passage="x")
    url = reverse("participation:amendment-submit", kwargs={"pk": amendment.pk})
    assert member_client.get(url).status_code == 405
