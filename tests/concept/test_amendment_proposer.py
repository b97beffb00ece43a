"""Who proposed an amendment, by one rule (`Amendment.proposer_label` and, for issued files,
`proposer_anonymous_label`): a person never with their organisation, an organisation never
with the person's name. And the migration that numbers and re-labels the amendments of old."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from concept.models import Amendment, VersionStatus
from concept.services import amendment_create, amendment_decide, amendment_submit
from concept.synopsis import issued_synopsis, version_synopsis
from tests.concept.conftest import move, version_with_sections
from tests.factories import UserFactory

PERSON = "person"
ORGANISATION = "organisation"


@pytest.mark.parametrize(
    ("fields", "label", "anonymous"),
    [
        (
            {"author_name": "Erika Mustermann", "working_group_name": "Bildung"},
            "Erika Mustermann",
            "Mitglied der AG Bildung",
        ),
        ({"working_group_name": "Bildung"}, "Mitglied der AG Bildung", "Mitglied der AG Bildung"),
        ({}, "Mitglied einer Arbeitsgruppe", "Mitglied einer Arbeitsgruppe"),
        (
            {
                "submitted_as": ORGANISATION,
                "organisation_name": "Elternverein",
                "working_group_name": "Bildung",
            },
            "Elternverein (AG Bildung)",
            "Elternverein (AG Bildung)",
        ),
        (
            {"submitted_as": ORGANISATION, "organisation_name": "Elternverein"},
            "Elternverein",
            "Elternverein",
        ),
    ],
)
def test_the_one_rule_for_naming_the_proposer(fields, label, anonymous):
    amendment = Amendment(**fields)
    assert amendment.proposer_label == label
    assert amendment.proposer_anonymous_label == anonymous


def test_a_person_never_shows_an_organisation_even_if_one_were_stored():
    """Rows from before the choice carried the organisation; the label ignores it."""
    amendment = Amendment(organisation_name="Volkshochschule", working_group_name="Bildung")
    assert "Volkshochschule" not in amendment.proposer_label
    assert "Volkshochschule" not in amendment.proposer_anonymous_label


@pytest.fixture
def open_version(concept):
    version = version_with_sections(concept, count=2)
    move(version, VersionStatus.CONSULTATION)
    version.refresh_from_db()
    return version


def submitted(version, *, submitted_as, name="", organisation="Volkshochschule Minden"):
    author = UserFactory()
    amendment = amendment_create(
        section=version.sections.get(position=1),
        author=author,
        kind="addition",
        proposed_text="Elterncafés in allen Stadtteilen.",
    )
    return amendment_submit(
        amendment=amendment,
        by=author,
        submitted_as=submitted_as,
        organisation_name=organisation,
        working_group_name="Bildung und Erziehung",
        author_name=name,
    )


def test_the_synopsis_page_and_the_issued_synopsis_follow_the_rule(client, open_version, officer):
    person = submitted(open_version, submitted_as=PERSON, name="Erika Mustermann")
    on_behalf = submitted(open_version, submitted_as=ORGANISATION, organisation="Elternverein")
    for amendment in (person, on_behalf):
        amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Nein.")

    def proposers(synopsis):
        return {
            row["number"]: row["proposer"]
            for section in synopsis["sections"]
            for row in section["rows"]
        }

    assert proposers(version_synopsis(open_version)) == {
        1: "Erika Mustermann",
        2: "Elternverein (AG Bildung und Erziehung)",
    }
    assert proposers(issued_synopsis(open_version)) == {
        1: "Mitglied der AG Bildung und Erziehung",
        2: "Elternverein (AG Bildung und Erziehung)",
    }
    page = client.get(
        reverse("concept:version-synopsis", kwargs={"number": open_version.number})
    ).content.decode()
    assert "Elternverein (AG Bildung und Erziehung)" in page
    assert "Volkshochschule" not in page


def test_a_submission_as_a_person_stores_no_organisation(open_version):
    amendment = submitted(open_version, submitted_as=PERSON)
    assert Amendment.objects.filter(organisation_name__contains="Volkshochschule").count() == 0
    assert amendment.history.filter(organisation_name__contains="Volkshochschule").count() == 0


# --- the migration --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_numbers_old_amendments_and_keeps_no_organisation_of_a_person():
    before, after = (
        ("concept", "0010_issued_file_hashes_indexed"),
        (
            "concept",
            "0013_amendment_number_and_proposer_constraints",
        ),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    Concept = old.get_model("concept", "Concept")
    Version = old.get_model("concept", "ConceptVersion")
    Section = old.get_model("concept", "Section")
    OldAmendment = old.get_model("concept", "Amendment")
    Historical = old.get_model("concept", "HistoricalAmendment")

    concept = Concept.objects.create(title="Konzept", slug="konzept", municipality="Minden")
    ends = timezone.now() + dt.timedelta(weeks=4)
    first, second = (
        Version.objects.create(
            concept=concept, number=n, status="consultation", consultation_ends_at=ends
        )
        for n in (1, 2)
    )
    sections = {
        v.pk: Section.objects.create(version=v, position=1, number="1", key="k", title="K")
        for v in (first, second)
    }
    now = timezone.now()

    def old_amendment(version, *, minutes=None, status="submitted"):
        submitted_at = now - dt.timedelta(minutes=minutes) if minutes is not None else None
        amendment = OldAmendment.objects.create(
            version=version,
            section=sections[version.pk],
            kind="addition",
            status=status,
            submitted_at=submitted_at,
            organisation_name="Volkshochschule Minden" if submitted_at else "",
            working_group_name="Bildung und Erziehung" if submitted_at else "",
        )
        Historical.objects.create(
            id=amendment.pk,
            version_id=version.pk,
            section_id=sections[version.pk].pk,
            kind="addition",
            status=status,
            submitted_at=submitted_at,
            organisation_name=amendment.organisation_name,
            working_group_name=amendment.working_group_name,
            lock_version=0,
            is_example=False,
            created_at=now,
            updated_at=now,
            history_date=now,
            history_type="+",
        )
        return amendment.pk

    # Created in one order, submitted in another: the numbers follow the submission.
    late = old_amendment(first, minutes=10)
    early = old_amendment(first, minutes=30)
    withdrawn = old_amendment(first, minutes=20, status="withdrawn")
    draft = old_amendment(first, status="draft")
    other_version = old_amendment(second, minutes=5)

    executor = MigrationExecutor(connection)
    executor.migrate([after])
    new = executor.loader.project_state([after]).apps
    Migrated = new.get_model("concept", "Amendment")
    MigratedHistory = new.get_model("concept", "HistoricalAmendment")

    numbers = dict(Migrated.objects.values_list("pk", "number"))
    assert numbers == {early: 1, withdrawn: 2, late: 3, draft: None, other_version: 1}
    assert set(Migrated.objects.values_list("submitted_as", flat=True)) == {PERSON}
    assert not Migrated.objects.exclude(organisation_name="").exists()
    assert not MigratedHistory.objects.exclude(organisation_name="").exists()
    assert MigratedHistory.objects.get(id=early).number == 1
    assert set(Migrated.objects.values_list("working_group_name", flat=True)) == {
        "Bildung und Erziehung",
        "",
    }

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
