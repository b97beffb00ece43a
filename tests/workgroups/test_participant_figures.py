"""How many took part, as far as it is known: a group's recorded count where there is one,
else what its list holds; never "unbekannt" above a list of names, never a number the list
contradicts; on the group pages, the home page and in the admin alike."""

import pytest

from tests.concept.test_admin import admin_post_data, admin_url
from tests.factories import (
    ConceptFactory,
    MembershipFactory,
    OrganisationFactory,
    WorkingGroupFactory,
)
from workgroups.models import WorkingGroup


@pytest.fixture
def concept(db):
    return ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")


def group_with(concept, *, recorded, listed, slug="bildung", organisations=2):
    group = WorkingGroupFactory(
        concept=concept, slug=slug, name=f"AG {slug}", participant_count=recorded
    )
    orgs = [OrganisationFactory() for _ in range(organisations)]
    for index in range(listed):
        MembershipFactory(working_group=group, organisation=orgs[index % len(orgs)])
    return group


def participants_line(client, group) -> str:
    content = client.get(group.get_absolute_url()).content.decode()
    start = content.index('<h2 id="teilnehmende">')
    return content[start : content.index("</p>", start)]


def list_cell(client, group) -> str:
    content = client.get("/arbeitsgruppen/").content.decode()
    start = content.index(f'id="group-{group.pk}"')
    start = content.index('<dd class="col-sm-8">', start) + len('<dd class="col-sm-8">')
    return content[start : content.index("</dd>", start)]


@pytest.mark.parametrize(
    ("recorded", "listed", "line", "cell"),
    [
        # Nothing recorded: say what the list holds, never "unbekannt".
        (None, 5, "Hier verzeichnet: 5 Teilnehmende aus 2 Organisationen.", "5 verzeichnet"),
        (None, 1, "Hier verzeichnet: 1 Teilnehmende/r aus 1 Organisation.", "1 verzeichnet"),
        (None, 0, "Es sind noch keine Teilnehmenden erfasst.", "noch keine verzeichnet"),
        # Recorded: the number, and how many of them the list holds.
        (17, 5, "17 Teilnehmende, davon hier verzeichnet: 5.", "17 (5 verzeichnet)"),
        (5, 5, "5 Teilnehmende", "5"),
        (17, 0, "17 Teilnehmende; einzeln verzeichnet ist noch niemand.", "17"),
        # Recorded before more were listed: out of date, so not said.
        (3, 5, "Hier verzeichnet: 5 Teilnehmende aus 2 Organisationen.", "5 verzeichnet"),
    ],
)
def test_the_figures_say_what_is_known_and_agree_with_the_list(
    client, concept, recorded, listed, line, cell
):
    group = group_with(concept, recorded=recorded, listed=listed)
    shown = participants_line(client, group)
    assert line in shown
    assert "unbekannt" not in shown
    assert list_cell(client, group) == cell


def test_without_organisations_the_line_counts_people_only(client, concept):
    group = WorkingGroupFactory(concept=concept, slug="dialog", participant_count=None)
    MembershipFactory.create_batch(2, working_group=group, organisation=None)
    assert "Hier verzeichnet: 2 Teilnehmende." in participants_line(client, group)


def test_the_home_page_gives_the_reported_total(client, concept):
    concept.participant_count, concept.participant_count_approximate = 50, True
    concept.save()
    group_with(concept, recorded=None, listed=15)
    content = client.get("/").content.decode()
    assert "<strong>rund 50</strong> Teilnehmende der Arbeitsgruppen" in content


def test_without_a_total_the_home_page_adds_up_only_when_every_group_has_a_figure(client, concept):
    first = group_with(concept, recorded=17, listed=3, slug="a")
    group_with(concept, recorded=None, listed=4, slug="b")
    content = client.get("/").content.decode()
    assert "<strong>–</strong> Teilnehmende der Arbeitsgruppen" in content
    assert "<strong>17</strong>" not in content  # one group's figure is no total

    WorkingGroup.objects.filter(slug="b").update(participant_count=12)
    assert first.participant_count == 17
    content = client.get("/").content.decode()
    assert "<strong>29</strong> Teilnehmende der Arbeitsgruppen" in content
    assert "rund" not in content.split("Teilnehmende der Arbeitsgruppen")[0][-40:]


def test_the_admin_refuses_a_count_below_the_listed_participants(officer_client, concept):
    group = group_with(concept, recorded=None, listed=4)
    url = admin_url(WorkingGroup, "change", group.pk)
    data = admin_post_data(officer_client.get(url))
    data["participant_count"] = "3"
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Es sind schon 4 Teilnehmende verzeichnet; die Zahl kann nicht kleiner sein."
        in response.content.decode()
    )
    group.refresh_from_db()
    assert group.participant_count is None

    data["participant_count"] = "4"
    assert officer_client.post(url, data).status_code == 302
    group.refresh_from_db()
    assert group.participant_count == 4
