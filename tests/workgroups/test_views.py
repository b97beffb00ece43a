import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ConceptFactory,
    GoalFactory,
    MeasureFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    WorkingGroupFactory,
)
from workgroups.models import MembershipRole, Sector

MINUTES = "Protokoll: Die Gruppe vereinbart Elterncafés in drei Stadtteilen."


@pytest.fixture
def concept(db):
    return ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")


@pytest.fixture
def group(concept):
    return WorkingGroupFactory(
        concept=concept,
        name="Bildung und Erziehung",
        slug="bildung",
        topic="Sprachförderung von der Kita bis zur Schule",
        participant_count=17,
    )


@pytest.fixture
def session(group):
    return SessionFactory(
        working_group=group,
        round=1,
        date=None,
        date_text="Winter 2010/11",
        place="Rathaus Minden, Raum 113",
        agenda="1. Begrüßung\n2. Bestandsaufnahme Sprachförderung",
        minutes=MINUTES,
        minutes_public=False,
    )


def html(response):
    return response.content.decode()


def session_path(session, prefix=""):
    # Spelled out: `get_absolute_url()` follows the language a previous request activated.
    return f"{prefix}/arbeitsgruppen/{session.working_group.slug}/sitzungen/{session.pk}/"


# --- statuses ----------------------------------------------------------------------------------


def test_group_list_detail_and_session_pages_are_public(client, session):
    assert client.get("/arbeitsgruppen/").status_code == 200
    assert client.get("/arbeitsgruppen/bildung/").status_code == 200
    assert client.get(f"/arbeitsgruppen/bildung/sitzungen/{session.pk}/").status_code == 200
    assert client.get(f"/en/arbeitsgruppen/bildung/sitzungen/{session.pk}/").status_code == 200


def test_unknown_group_slug_is_404(client, group):
    assert client.get("/arbeitsgruppen/gibt-es-nicht/").status_code == 404


def test_group_of_another_concept_is_404(client, concept):
    WorkingGroupFactory(concept=ConceptFactory(slug="anderswo"), slug="fremd")
    assert client.get("/arbeitsgruppen/fremd/").status_code == 404


def test_session_under_another_groups_slug_is_404(client, concept, session):
    WorkingGroupFactory(concept=concept, slug="dialog")
    assert client.get(f"/arbeitsgruppen/dialog/sitzungen/{session.pk}/").status_code == 404
    assert client.get(f"/arbeitsgruppen/unbekannt/sitzungen/{session.pk}/").status_code == 404


def test_unknown_or_non_numeric_session_is_404(client, session):
    assert client.get(f"/arbeitsgruppen/bildung/sitzungen/{session.pk + 999}/").status_code == 404
    assert client.get("/arbeitsgruppen/bildung/sitzungen/eins/").status_code == 404
    assert client.get("/arbeitsgruppen/bildung/sitzungen/1.5/").status_code == 404


def test_pages_without_a_concept_are_empty_or_404(client, db):
    response = client.get("/arbeitsgruppen/")
    assert response.status_code == 200
    assert "Noch keine Arbeitsgruppen erfasst." in html(response)
    assert client.get("/arbeitsgruppen/bildung/").status_code == 404


def test_absolute_urls_point_to_the_public_pages(session):
    assert session.working_group.get_absolute_url() == "/arbeitsgruppen/bildung/"
    assert session.get_absolute_url() == f"/arbeitsgruppen/bildung/sitzungen/{session.pk}/"


# --- the list ----------------------------------------------------------------------------------


def test_group_list_shows_topic_and_counts_of_participants_sessions_and_measures(
    client, concept, group
):
    for round_number in (1, 2, 3):
        SessionFactory(working_group=group, round=round_number)
    MeasureFactory.create_batch(4, concept=concept, working_group=group)
    WorkingGroupFactory(concept=concept, name="Arbeit und Soziales", participant_count=None)
    WorkingGroupFactory(concept=ConceptFactory(slug="anderswo"), name="Fremde Gruppe")

    content = html(client.get("/arbeitsgruppen/"))

    assert 'href="/arbeitsgruppen/bildung/"' in content
    assert "Sprachförderung von der Kita bis zur Schule" in content
    assert '<dd class="col-sm-8">17</dd>' in content
    assert '<dd class="col-sm-8">3</dd>' in content
    assert '<dd class="col-sm-8">4</dd>' in content
    assert "Arbeit und Soziales" in content
    assert "noch keine verzeichnet" in content  # no count recorded, nobody listed
    assert "unbekannt" not in content
    assert "Fremde Gruppe" not in content


# --- the group page ----------------------------------------------------------------------------


def test_participants_are_grouped_by_sector_with_counts(client, group):
    school = OrganisationFactory(name="Besselgymnasium", sector=Sector.EDUCATION)
    church = OrganisationFactory(name="Ev. Kirchengemeinde St. Marien", sector=Sector.CHURCH)
    MembershipFactory.create_batch(2, working_group=group, organisation=school)
    MembershipFactory(working_group=group, organisation=church)
    MembershipFactory(working_group=group, organisation=None)

    content = html(client.get("/arbeitsgruppen/bildung/"))

    assert "Bildungseinrichtung" in content
    assert "Kirche" in content
    assert content.index("Bildungseinrichtung") < content.index("Kirche")
    assert "Besselgymnasium</span>\n            (2 Personen)" in content
    assert "St. Marien</span>\n            (1 Person)" in content
    assert "Ohne Organisation" in content


def test_a_name_is_shown_only_with_consent(client, group):
    MembershipFactory(
        working_group=group, name="Ayşe Yılmaz", consent_to_name=True, role=MembershipRole.CHAIR
    )
    MembershipFactory(working_group=group, name="Heimlich Ungenannt", consent_to_name=False)

    for path in ("/arbeitsgruppen/bildung/", "/en/arbeitsgruppen/bildung/"):
        content = html(client.get(path))
        assert "Ayşe Yılmaz" in content
        assert "Heimlich Ungenannt" not in content


def test_sessions_show_round_date_place_agenda_and_whether_minutes_are_published(
    client, group, session
):
    published = SessionFactory(
        working_group=group,
        round=2,
        date=dt.date(2011, 2, 14),
        agenda="**Ziele** festlegen",
        minutes="Veröffentlichtes Protokoll der zweiten Runde",
        minutes_public=True,
    )

    content = html(client.get("/arbeitsgruppen/bildung/"))

    assert "1. Sitzungsrunde" in content
    assert "Winter 2010/11" in content
    assert "Rathaus Minden, Raum 113" in content
    assert "Bestandsaufnahme Sprachförderung" in content
    assert '<time datetime="2011-02-14">14.02.2011</time>' in content
    assert "<strong>Ziele</strong> festlegen" in content
    assert f'<a href="{session_path(published)}">veröffentlicht</a>' in content
    assert "noch nicht veröffentlicht" in content
    # The group page links to the minutes; it never shows them.
    assert MINUTES not in content
    assert "Veröffentlichtes Protokoll der zweiten Runde" not in content


def test_group_page_lists_its_goals_and_measures_with_status_and_links(client, concept, group):
    goal = GoalFactory(concept=concept, working_group=group, code="B1", title="Sprache fördern")
    MeasureFactory(concept=concept, working_group=group, goal=goal, number=7, title="Elterncafés")
    other = WorkingGroupFactory(concept=concept, slug="arbeit")
    MeasureFactory(concept=concept, working_group=other, number=8, title="Fremde Maßnahme")
    GoalFactory(concept=concept, working_group=other, title="Fremdes Ziel")

    content = html(client.get("/arbeitsgruppen/bildung/"))

    assert "Sprache fördern" in content
    assert 'href="/massnahmen/7/"' in content
    assert "Elterncafés" in content
    assert "geplant" in content
    assert "Fremde Maßnahme" not in content
    assert "Fremdes Ziel" not in content


def test_group_page_shows_its_measures_fifty_at_a_time_and_links_to_the_catalogue(
    client, concept, group
):
    for number in range(1, 121):
        MeasureFactory(concept=concept, working_group=group, number=number, title=f"M-{number:03}")

    first = html(client.get("/arbeitsgruppen/bildung/"))
    third = html(client.get("/arbeitsgruppen/bildung/?seite=3"))

    assert "120 Maßnahmen." in first
    assert 'href="/massnahmen/?gruppe=bildung"' in first
    assert "M-001" in first and "M-050" in first and "M-051" not in first
    assert "Maßnahmen der Arbeitsgruppe, Seite 1 von 3" in first
    assert 'href="?seite=2"' in first
    assert "M-101" in third and "M-120" in third and "M-100" not in third
    # A page number that is no number, or too high, shows the first or the last page.
    assert "M-001" in html(client.get("/arbeitsgruppen/bildung/?seite=x"))
    assert "M-120" in html(client.get("/arbeitsgruppen/bildung/?seite=99"))


# --- the session page --------------------------------------------------------------------------


def test_session_page_shows_round_date_place_agenda_and_its_measures(client, concept, session):
    MeasureFactory(
        concept=concept,
        working_group=session.working_group,
        origin_session=session,
        number=3,
        title="Sprachpaten an Grundschulen",
    )
    MeasureFactory(concept=concept, working_group=session.working_group, title="Andere Runde")

    content = html(client.get(session_path(session)))

    assert "1. Sitzungsrunde" in content
    assert "Winter 2010/11" in content
    assert "Rathaus Minden, Raum 113" in content
    assert "Bestandsaufnahme Sprachförderung" in content
    assert "Sprachpaten an Grundschulen" in content
    assert 'href="/massnahmen/3/"' in content
    assert "Andere Runde" not in content


def test_unpublished_minutes_never_reach_the_page(client, session):
    for path in (session_path(session), session_path(session, "/en")):
        response = client.get(path)
        assert response.context["can_read_minutes"] is False
        content = html(response)
        assert MINUTES not in content
        assert "Elterncafés in drei Stadtteilen" not in content
    assert "Das Protokoll ist noch nicht veröffentlicht." in html(client.get(session_path(session)))


def test_published_minutes_are_shown(client, session):
    session.minutes_public = True
    session.save()

    response = client.get(session_path(session))

    assert response.context["can_read_minutes"] is True
    assert MINUTES in html(response)
    assert "noch nicht veröffentlicht" not in html(response)


# --- example content ---------------------------------------------------------------------------


def test_pages_without_example_content_show_no_example_marks(client, concept, session):
    MeasureFactory(concept=concept, working_group=session.working_group, origin_session=session)
    MembershipFactory(working_group=session.working_group)
    GoalFactory(concept=concept, working_group=session.working_group)
    for path in ("/arbeitsgruppen/", "/arbeitsgruppen/bildung/", session_path(session)):
        content = html(client.get(path))
        assert "example-note" not in content
        assert "badge-example" not in content


@pytest.mark.parametrize("kind", ["organisation", "membership", "goal", "measure"])
def test_example_rows_carry_a_badge_and_the_group_page_a_notice(client, concept, group, kind):
    MembershipFactory(
        working_group=group,
        organisation=OrganisationFactory(is_example=kind == "organisation"),
        is_example=kind == "membership",
    )
    GoalFactory(concept=concept, working_group=group, is_example=kind == "goal")
    MeasureFactory(concept=concept, working_group=group, is_example=kind == "measure")

    content = html(client.get("/arbeitsgruppen/bildung/"))

    assert content.count('class="badge badge-example"') == 1
    assert 'class="example-note"' in content
    assert "Beispielinhalt: erfundene Daten zur Veranschaulichung" in content


def test_example_measures_are_marked_on_the_list_and_the_session_page(client, concept, session):
    MeasureFactory(
        concept=concept,
        working_group=session.working_group,
        origin_session=session,
        is_example=True,
    )
    for path in ("/arbeitsgruppen/", session_path(session)):
        content = html(client.get(path))
        assert 'class="badge badge-example"' in content
        assert 'class="example-note"' in content


# --- language and escaping ---------------------------------------------------------------------


def test_german_content_carries_lang_de_on_english_pages(client, concept, session):
    MembershipFactory(
        working_group=session.working_group,
        organisation=OrganisationFactory(name="Moscheeverein Minden"),
        name="Erika Muster",
        consent_to_name=True,
    )
    MeasureFactory(
        concept=concept,
        working_group=session.working_group,
        origin_session=session,
        title="Elterncafés",
    )

    listing = html(client.get("/en/arbeitsgruppen/"))
    assert '<html lang="en" dir="ltr">' in listing
    assert 'lang="de">Bildung und Erziehung</a>' in listing
    assert '<p lang="de">Sprachförderung von der Kita bis zur Schule</p>' in listing

    detail = html(client.get("/en/arbeitsgruppen/bildung/"))
    assert '<h1 lang="de">Bildung und Erziehung</h1>' in detail
    assert '<div lang="de"><p>Sprachförderung' in detail
    assert '<span lang="de">Moscheeverein Minden</span>' in detail
    assert '<span lang="de">Erika Muster</span>' in detail
    assert '<div lang="de"><ol>' in detail
    assert 'lang="de">Rathaus Minden, Raum 113</dd>' in detail
    assert 'lang="de">Elterncafés</a>' in detail

    page = html(client.get(session_path(session, "/en")))
    assert '<span class="d-block fs-4 fw-normal" lang="de">Bildung und Erziehung</span>' in page
    assert '<span lang="de">Winter 2010/11</span>' in page
    assert '<div lang="de"><ol>' in page


def test_markup_in_topic_agenda_and_minutes_never_reaches_the_page_raw(client, group, session):
    attack = '<script>alert("x")</script><img src=x onerror="alert(1)">'
    group.topic = f"Thema {attack}"
    group.save()
    session.agenda = f"Tagesordnung {attack}"
    session.minutes = f"Protokoll {attack}"
    session.minutes_public = True
    session.save()

    for path in ("/arbeitsgruppen/", "/arbeitsgruppen/bildung/", session_path(session)):
        content = html(client.get(path))
        assert "<script>" not in content
        assert "<img" not in content
        assert 'onerror="alert(1)"' not in content
    page = html(client.get(session_path(session)))
    assert "Tagesordnung" in page
    assert "Protokoll" in page


# --- query counts ------------------------------------------------------------------------------

_numbers = itertools.count(1)


def populate(concept, groups, *, sessions, measures, memberships):
    """Give every group `sessions` more sessions, `measures` more measures, and so on."""
    for group in groups:
        first_round = group.sessions.count() + 1
        rounds = [
            SessionFactory(
                working_group=group, round=first_round + i, agenda="- Punkt", minutes="P"
            )
            for i in range(sessions)
        ]
        goal = GoalFactory(concept=concept, working_group=group, is_example=True)
        for i in range(measures):
            MeasureFactory(
                concept=concept,
                working_group=group,
                goal=goal if i % 2 else None,
                origin_session=rounds[i % len(rounds)],
                number=next(_numbers),
                is_example=i % 3 == 0,
            )
        for i in range(memberships):
            MembershipFactory(
                working_group=group,
                organisation=OrganisationFactory(
                    sector=Sector.values[i % len(Sector.values)], is_example=i % 4 == 0
                ),
                name=f"Person {i}",
                consent_to_name=i % 2 == 0,
                is_example=i % 5 == 0,
            )


def queries(client, path):
    """The queries of one request with every cache empty (the cold path)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


# The ceiling of every public page with the cache empty (issue 16).
COLD_QUERIES_MAX = 12


@pytest.fixture
def three_groups(concept):
    return [
        WorkingGroupFactory(concept=concept, slug=slug) for slug in ("bildung", "arbeit", "dialog")
    ]


def test_group_list_query_count_does_not_grow(client, concept, three_groups):
    populate(concept, three_groups, sessions=3, measures=10, memberships=3)
    small = queries(client, "/arbeitsgruppen/")
    three_groups.append(WorkingGroupFactory(concept=concept, slug="viertens"))
    populate(concept, three_groups, sessions=27, measures=90, memberships=17)
    large = queries(client, "/arbeitsgruppen/")
    assert small == large <= COLD_QUERIES_MAX


def test_group_detail_query_count_does_not_grow(client, concept, three_groups):
    populate(concept, three_groups, sessions=3, measures=10, memberships=3)
    small = queries(client, "/arbeitsgruppen/bildung/")
    populate(concept, three_groups, sessions=27, measures=90, memberships=17)
    large = queries(client, "/arbeitsgruppen/bildung/")
    assert small == large <= COLD_QUERIES_MAX
    assert queries(client, "/arbeitsgruppen/bildung/?seite=2") == large


def test_session_detail_query_count_does_not_grow(client, concept, three_groups):
    populate(concept, three_groups, sessions=3, measures=10, memberships=3)
    session = three_groups[0].sessions.get(round=1)
    session.minutes_public = True
    session.save()
    small = queries(client, session_path(session))
    populate(concept, three_groups, sessions=27, measures=90, memberships=17)
    for _ in range(40):
        MeasureFactory(
            concept=concept,
            working_group=three_groups[0],
            origin_session=session,
            number=next(_numbers),
        )
    large = queries(client, session_path(session))
    assert session.measures.count() > 40
    assert small == large <= COLD_QUERIES_MAX


def test_the_cached_measure_table_shows_a_renamed_measure_at_once(client, db):
    from measures.services import progress_record
    from tests.factories import ConceptFactory, MeasureFactory, WorkingGroupFactory

    concept = ConceptFactory(slug="minden")
    group = WorkingGroupFactory(concept=concept, slug="bildung-cache")
    measure = MeasureFactory(concept=concept, working_group=group, title="Alter Titel")
    url = f"/arbeitsgruppen/{group.slug}/"
    assert "Alter Titel" in client.get(url).content.decode()
    measure.title = "Neuer Titel"
    measure.save()
    content = client.get(url).content.decode()
    assert "Neuer Titel" in content and "Alter Titel" not in content
    progress_record(measure=measure, status="implemented")
    assert "umgesetzt" in client.get(url).content.decode()
