"""The synopsis (Synopse) of a version's amendments: the shape the exports read, and its page.

Only the public record, without withdrawn proposals; names only with consent; a frozen version
quotes its snapshot; a draft successor stays unnamed; queries do not grow with the rows.
"""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

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
from concept.synopsis import version_synopsis
from tests.concept.conftest import move, version_with_sections
from tests.factories import UserFactory

HEADERS = (
    "Abschnitt",
    "Einreicher",
    "bisherige Fassung",
    "Vorschlag",
    "übernommene Fassung",
    "Entscheidung",
    "Begründung",
)
SECTION_TEXT = "Ein Absatz über Sprachförderung in Kitas."


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


@pytest.fixture
def author(db):
    return UserFactory(username="vorschlag@minden.example")


@pytest.fixture
def open_version(concept):
    version = version_with_sections(concept, count=3)
    move(version, VersionStatus.CONSULTATION)
    version.refresh_from_db()
    return version


def propose(version, author, *, position=1, name="", submit=True, **fields):
    amendment = amendment_create(
        section=version.sections.get(position=position),
        author=author,
        kind=fields.pop("kind", "addition"),
        passage=fields.pop("passage", ""),
        proposed_text=fields.pop("proposed_text", "Elterncafés in allen Stadtteilen."),
        rationale="Mehr Beteiligung.",
        **fields,
    )
    if not submit:
        return amendment
    return amendment_submit(
        amendment=amendment,
        by=author,
        organisation_name="Volkshochschule Minden",
        working_group_name="Bildung und Erziehung",
        author_name=name,
    )


def decide(amendment, officer, status, reasoning="Begründet.", adopted_text=""):
    amendment_review_start(amendment=amendment, by=officer)
    return amendment_decide(
        amendment=amendment,
        by=officer,
        status=status,
        reasoning=reasoning,
        adopted_text=adopted_text,
    )


def rows_by_id(synopsis):
    return {row["id"]: row for section in synopsis["sections"] for row in section["rows"]}


def url(version):
    return reverse("concept:version-synopsis", kwargs={"number": version.number})


# --- the selector --------------------------------------------------------------------------------


def test_each_decision_gives_its_row(open_version, author, officer):
    accepted = decide(
        propose(open_version, author, proposed_text="Ganz neu."), officer, "accepted", "Gut."
    )
    partial = decide(
        propose(open_version, author, position=2, passage="Alter Satz.", proposed_text="Neu."),
        officer,
        "partially_accepted",
        "Zum Teil.",
        adopted_text="Halb neu.",
    )
    rejected = decide(
        propose(open_version, author, position=2, kind="deletion", proposed_text=""),
        officer,
        "rejected",
        "Bleibt.",
    )
    submitted = propose(open_version, author, position=3, proposed_text="Offen.")
    in_review = propose(open_version, author, position=3, proposed_text="In Arbeit.")
    amendment_review_start(amendment=in_review, by=officer)

    synopsis = version_synopsis(open_version)
    rows = rows_by_id(synopsis)

    assert rows[accepted.pk] == {
        "id": accepted.pk,
        "number": 1,
        "proposer": "Mitglied der AG Bildung und Erziehung",
        "kind_label": "Ergänzung",
        "previous_text": SECTION_TEXT,
        "proposed_text": "Ganz neu.",
        "adopted_text": "Ganz neu.",
        "decision_label": "Angenommen",
        "decision_status": "accepted",
        "reasoning": "Gut.",
        "incorporated_in": None,
    }
    assert rows[partial.pk]["previous_text"] == "Alter Satz."
    assert rows[partial.pk]["adopted_text"] == "Halb neu."
    assert rows[partial.pk]["decision_label"] == "Teilweise angenommen"
    assert rows[partial.pk]["decision_status"] == "partially_accepted"
    assert rows[partial.pk]["reasoning"] == "Zum Teil."
    assert rows[rejected.pk]["kind_label"] == "Streichung"
    assert rows[rejected.pk]["adopted_text"] == ""
    assert rows[rejected.pk]["decision_label"] == "Abgelehnt"
    assert rows[rejected.pk]["decision_status"] == "rejected"
    for amendment in (submitted, in_review):
        row = rows[amendment.pk]
        assert row["adopted_text"] == "" and row["reasoning"] == ""
        assert row["decision_status"] == "undecided"
        assert row["decision_label"].startswith("Noch nicht entschieden")
    assert synopsis["counts"] == {
        "total": 5,
        "accepted": 1,
        "partially_accepted": 1,
        "rejected": 1,
        "undecided": 2,
    }


def test_the_shape_names_concept_version_and_sections_in_document_order(open_version, author):
    third = propose(open_version, author, position=3)
    first = propose(open_version, author, position=1)
    synopsis = version_synopsis(open_version)
    assert synopsis["concept"] == {
        "title": "Integrationskonzept der Stadt Minden",
        "municipality": "Minden",
    }
    assert synopsis["version"] == {
        "number": open_version.number,
        "title": "Entwurf",
        "status_label": "In Beteiligung",
        "checksum": "",
    }
    # Only sections with amendments, in the order of the text.
    assert [(s["key"], s["number"], s["title"]) for s in synopsis["sections"]] == [
        ("kapitel-1", "1", "Kapitel 1"),
        ("kapitel-3", "3", "Kapitel 3"),
    ]
    assert [r["id"] for r in synopsis["sections"][0]["rows"]] == [first.pk]
    assert [r["id"] for r in synopsis["sections"][1]["rows"]] == [third.pk]


def test_withdrawn_and_draft_amendments_are_left_out_and_not_counted(open_version, author):
    kept = propose(open_version, author)
    propose(open_version, author, submit=False, proposed_text="Geheimer Entwurf")
    withdrawn = propose(open_version, author, position=2)
    amendment_withdraw(amendment=withdrawn, by=author)
    never = propose(open_version, author, position=3, submit=False)
    amendment_withdraw(amendment=never, by=author)

    synopsis = version_synopsis(open_version)
    assert set(rows_by_id(synopsis)) == {kept.pk}
    assert [s["key"] for s in synopsis["sections"]] == ["kapitel-1"]
    assert synopsis["counts"]["total"] == 1
    assert synopsis["counts"]["undecided"] == 1


def test_the_name_is_shown_only_with_consent(open_version, author):
    named = propose(open_version, author, name="Erika Mustermann")
    unnamed = propose(open_version, UserFactory())
    rows = rows_by_id(version_synopsis(open_version))
    assert rows[named.pk]["proposer"] == "Erika Mustermann"
    assert rows[unnamed.pk]["proposer"] == "Mitglied der AG Bildung und Erziehung"

    amendments_forget_author_name(user=author)
    rows = rows_by_id(version_synopsis(open_version))
    assert rows[named.pk]["proposer"] == "Mitglied der AG Bildung und Erziehung"


def test_a_frozen_version_quotes_its_snapshot(open_version, author, officer):
    amendment = propose(open_version, author)
    decide(amendment, officer, "rejected")
    move(open_version, VersionStatus.CONSULTATION_CLOSED)
    move(open_version, VersionStatus.COUNCIL_REVIEW)
    open_version.refresh_from_db()
    assert open_version.is_frozen

    # The snapshot, not the section rows, is the text (the database refuses to change either,
    # so the object in memory carries a different snapshot).
    document = json.loads(open_version.snapshot)
    document["sections"][0]["body"] = "Text aus der Momentaufnahme."
    document["version"]["title"] = "Eingefrorene Fassung"
    open_version.snapshot = json.dumps(document)

    synopsis = version_synopsis(open_version)
    assert rows_by_id(synopsis)[amendment.pk]["previous_text"] == "Text aus der Momentaufnahme."
    assert synopsis["version"]["title"] == "Eingefrorene Fassung"
    assert synopsis["version"]["checksum"] == open_version.checksum
    assert synopsis["version"]["status_label"] == "In Beratung der Gremien"


def test_the_status_label_follows_a_frozen_versions_later_moves(open_version, author, officer):
    decide(propose(open_version, author), officer, "rejected")
    move(open_version, VersionStatus.CONSULTATION_CLOSED)
    move(open_version, VersionStatus.COUNCIL_REVIEW)
    open_version.refresh_from_db()
    assert version_synopsis(open_version)["version"]["status_label"] == ("In Beratung der Gremien")
    move(open_version, VersionStatus.APPROVED)
    open_version.refresh_from_db()
    assert version_synopsis(open_version)["version"]["status_label"] == "Vom Rat beschlossen"


def test_the_incorporating_version_is_named_only_once_it_is_public(open_version, author, officer):
    amendment = decide(propose(open_version, author), officer, "accepted")
    move(open_version, VersionStatus.CONSULTATION_CLOSED)
    successor = version_create_next(version=open_version, title="Zweiter Entwurf")
    amendment_incorporate(amendment=amendment, into=successor)
    open_version.refresh_from_db()
    assert rows_by_id(version_synopsis(open_version))[amendment.pk]["incorporated_in"] is None

    move(successor, VersionStatus.CONSULTATION)
    assert (
        rows_by_id(version_synopsis(open_version))[amendment.pk]["incorporated_in"]
        == successor.number
    )


def test_a_decision_shows_at_once_despite_the_cache(open_version, author, officer):
    amendment = propose(open_version, author)
    assert version_synopsis(open_version)["counts"]["undecided"] == 1
    decide(amendment, officer, "rejected", "Zu teuer.")
    synopsis = version_synopsis(open_version)
    assert synopsis["counts"]["rejected"] == 1
    assert rows_by_id(synopsis)[amendment.pk]["reasoning"] == "Zu teuer."


def test_a_version_without_amendments_has_an_empty_synopsis(open_version):
    synopsis = version_synopsis(open_version)
    assert synopsis["sections"] == []
    assert synopsis["counts"] == dict.fromkeys(
        ("total", "accepted", "partially_accepted", "rejected", "undecided"), 0
    )


def fill(version, officer, count):
    authors = [UserFactory() for _ in range(3)]
    for index in range(count):
        amendment = propose(
            version,
            authors[index % 3],
            position=index % 3 + 1,
            passage="Satz." if index % 2 else "",
            name="Erika Mustermann" if index % 5 == 0 else "",
        )
        if index % 4 == 0:
            decide(amendment, officer, ("accepted", "rejected")[index % 8 // 4])


def test_the_selector_reads_a_constant_number_of_queries(
    open_version, author, officer, django_assert_num_queries
):
    fill(open_version, officer, 2)
    cache.clear()
    version = ConceptVersion.objects.get(pk=open_version.pk)
    with CaptureQueriesContext(connection) as small:
        version_synopsis(version)
    fill(open_version, officer, 20)
    cache.clear()
    version = ConceptVersion.objects.get(pk=open_version.pk)
    with django_assert_num_queries(len(small)):
        assert version_synopsis(version)["counts"]["total"] == 22


# --- the page ------------------------------------------------------------------------------------


def test_the_page_shows_the_table_and_the_texts(client, open_version, author, officer):
    decide(
        propose(open_version, author, position=2, passage="Alter Satz.", proposed_text="Neu."),
        officer,
        "partially_accepted",
        "Zum Teil übernommen.",
        adopted_text="Halb neu.",
    )
    propose(open_version, author, name="Erika Mustermann", proposed_text="Zweite Zeile.\nMehr.")
    response = client.get(url(open_version))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "concept/synopsis.html"
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "Synopse der Änderungsvorschläge" in content
    for header in HEADERS:
        assert f'<th scope="col">{header}</th>' in content
    assert content.count("<caption") == 2
    for text in (
        "Alter Satz.",
        "Neu.",
        "Halb neu.",
        "Teilweise angenommen",
        "Zum Teil übernommen.",
        "Erika Mustermann",
        "Mitglied der AG Bildung und Erziehung",
        "Noch nicht entschieden",
        "Zweite Zeile.<br>Mehr.",
        f"<p>{SECTION_TEXT}</p>",  # the section's Markdown, rendered
    ):
        assert text in content, text
    detail = reverse("concept:version-detail", kwargs={"number": open_version.number})
    assert f'href="{detail}#abschnitt-kapitel-2"' in content
    assert "synopsis_downloads" not in content


def test_the_page_of_a_version_without_amendments_says_so(client, open_version):
    response = client.get(url(open_version))
    assert response.status_code == 200
    assert "<table" not in response.content.decode()
    assert "kein Änderungsvorschlag" in response.content.decode()


def test_example_amendments_are_marked(client, open_version, author):
    propose(open_version, author, is_example=True)
    assert "Beispielinhalt" in client.get(url(open_version)).content.decode()


def test_texts_are_escaped(client, open_version, author, officer):
    decide(
        propose(
            open_version,
            author,
            passage="<script>alert('passage')</script>",
            proposed_text="<script>alert('vorschlag')</script>",
        ),
        officer,
        "rejected",
        "<script>alert('begruendung')</script>",
    )
    content = client.get(url(open_version)).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&#x27;vorschlag&#x27;)" in content


def test_a_draft_version_is_not_found_for_the_public(client, draft, member):
    assert client.get(url(draft)).status_code == 404
    client.force_login(member)
    assert client.get(url(draft)).status_code == 404


@pytest.mark.parametrize("who", ["officer_client", "clerk_client"])
def test_staff_see_the_synopsis_of_a_draft(request, draft, who):
    response = request.getfixturevalue(who).get(url(draft))
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_an_unknown_version_is_not_found(client, open_version):
    response = client.get("/konzept/v999/synopse/")
    assert response.status_code == 404
    assert 'lang="de"' in response.content.decode()


def test_the_page_is_read_only(client, open_version):
    assert client.post(url(open_version)).status_code == 405


def test_the_english_page(client, open_version, author):
    propose(open_version, author)
    assert client.get(f"/en/konzept/v{open_version.number}/synopse/").status_code == 200


def test_the_version_page_and_the_list_link_to_the_synopsis(client, open_version, author):
    version_page = client.get(open_version.get_absolute_url()).content.decode()
    assert url(open_version) not in version_page  # nothing to show yet
    propose(open_version, author)
    assert url(open_version) in client.get(open_version.get_absolute_url()).content.decode()
    listing = reverse("concept:amendment-list", kwargs={"number": open_version.number})
    assert url(open_version) in client.get(listing).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "officer"])
def test_page_queries_do_not_grow_with_amendments(
    client, open_version, author, officer, who, django_assert_num_queries
):
    if who == "officer":
        client.force_login(officer)
    fill(open_version, officer, 2)
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(open_version)).status_code == 200
    fill(open_version, officer, 20)
    cache.clear()
    with django_assert_num_queries(len(small)):
        response = client.get(url(open_version))
    assert response.context["counts"]["total"] == 22


def test_the_page_shows_a_new_decision_at_once(client, open_version, author, officer):
    amendment = propose(open_version, author)
    assert "Noch nicht entschieden" in client.get(url(open_version)).content.decode()
    decide(amendment, officer, "rejected", "Zu teuer.")
    content = client.get(url(open_version)).content.decode()
    assert "Zu teuer." in content and "Abgelehnt" in content
