"""The lists and objects cost a fixed number of queries, however many rows they show."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concept.models import (
    Consultation,
    ConsultationResult,
    ConsultationRole,
    IssuedDocument,
    MilestoneKind,
    MilestoneOutcome,
    VersionStatus,
)
from measures.opendata import DOCUMENT as MEASURES_DOCUMENT
from measures.report_issuing import report_correct
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    MilestoneFactory,
    SessionFactory,
    VersionFactory,
    WorkingGroupFactory,
)
from tests.oparl.conftest import issue_file, issue_report_file
from tests.oparl.crawl import ROOT

# list -> the most queries it may take: the current concept, one count and one fetch per
# table, the prefetches.
LISTS = {
    "": 3,
    "organization/": 6,
    "person/": 3,
    "meeting/": 7,
    "agendaitem/": 3,
    # With the annual reports (a count and a fetch; the papers prefetch files and Beratungen).
    "paper/": 9,
    "file/": 7,
    "consultation/": 5,
    "membership/": 3,
}
# With modified_since the withheld and removed objects come as further tables (a count each,
# and a fetch when they are on the page).
CHANGED = "?modified_since=2000-01-01T00:00:00%2B01:00"
CHANGED_EXTRA = {
    "": 2,
    "organization/": 4,
    "person/": 4,
    "meeting/": 8,
    "agendaitem/": 4,
    "paper/": 3,
    "file/": 7,
    "consultation/": 5,
    "membership/": 4,
}


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(captured)


def grow(demo) -> None:
    """More of every kind of row the lists show, and a removed one of each."""
    concept = demo["concept"]
    bodies = [BodyFactory(concept=concept) for _ in range(3)]
    groups = [WorkingGroupFactory(concept=concept) for _ in range(2)]
    for index, group in enumerate(groups):
        for number in range(3):
            MembershipFactory(
                working_group=group, name=f"Person {index}-{number}", consent_to_name=True
            )
            MembershipFactory(working_group=group, name="Ohne Einwilligung")
            SessionFactory(
                working_group=group,
                round=number + 1,
                place="Rathaus",
                date=dt.date(2011, 1, number + 1),
                minutes="Protokoll",
                minutes_public=number % 2 == 0,
            )
    versions = [
        VersionFactory(
            concept=concept,
            number=20 + index,
            status=VersionStatus.CONSULTATION,
            consultation_ends_at=timezone.now() + dt.timedelta(days=30),
        )
        for index in range(3)
    ]
    for version in versions:
        issue_file(version)
        issue_file(version, document=IssuedDocument.SYNOPSIS)
        # Each body: held, planned for a day, planned without one (no meeting yet).
        for step, body in enumerate(bodies, start=1):
            beratung = {"version": version, "body": body, "role": ConsultationRole.PRELIMINARY}
            Consultation.objects.create(
                **beratung,
                step=step,
                held_on=dt.date(2011, 5, step),
                result=ConsultationResult.RECOMMENDED,
                agenda_item=f"TOP {step}",
            )
            Consultation.objects.create(**beratung, step=step + 10, planned_on=dt.date(2031, 1, 2))
            Consultation.objects.create(**beratung, step=step + 20)
            MilestoneFactory(
                concept=concept,
                body=body,
                version=version,
                kind=MilestoneKind.DECISION,
                outcome=MilestoneOutcome.ADOPTED,
                place="Ratssaal",
            )
    BodyFactory(concept=concept).delete()
    WorkingGroupFactory(concept=concept).delete()
    SessionFactory(working_group=groups[0], round=9).delete()
    MembershipFactory(working_group=groups[0], name="Weg", consent_to_name=True).delete()
    issue_file(versions[0], document=MEASURES_DOCUMENT).delete()
    MilestoneFactory(concept=concept, body=bodies[0], version=versions[0]).delete()
    Consultation.objects.create(
        version=versions[0], body=bodies[0], role=ConsultationRole.PRELIMINARY, step=99
    ).delete()
    # A berichtigte Fassung of the annual report, with its file and Kenntnisnahmen.
    corrected = report_correct(concept=concept, year=demo["report"].year, note="Nachtrag", by=None)
    issue_report_file(corrected)


@pytest.mark.parametrize("path", sorted(LISTS))
def test_a_lists_queries_do_not_grow_with_its_rows(client, demo, path):
    url = f"{ROOT}body/{demo['concept'].pk}/{path}" if path else f"{ROOT}body/"
    small = queries(client, url)
    grow(demo)
    assert queries(client, url) == small
    assert small <= LISTS[path]
    assert queries(client, url + CHANGED) <= LISTS[path] + CHANGED_EXTRA[path]


@pytest.mark.parametrize(
    ("name", "row", "limit"),
    [
        ("body", lambda d: d["concept"], 3),
        ("organization/arbeitsgruppe", lambda d: d["concept"].working_groups.first(), 3),
        ("meeting/sitzung", lambda d: d["located_session"], 2),
        ("paper", lambda d: d["approved"], 4),
        ("consultation/beratung", lambda d: d["in_review"].consultations.first(), 2),
        ("meeting/beratung", lambda d: d["in_review"].consultations.held().first(), 2),
        ("agendaitem/beratung", lambda d: d["in_review"].consultations.held().first(), 2),
        ("file", lambda d: d["files"][0], 2),
        ("paper/umsetzungsbericht", lambda d: d["report"], 4),
        ("file/umsetzungsbericht", lambda d: d["report"].files.first(), 2),
        ("consultation/umsetzungsbericht", lambda d: d["report"].consultations.first(), 2),
    ],
)
def test_an_objects_queries_are_fixed(
    client, demo, django_assert_max_num_queries, name, row, limit
):
    grow(demo)
    url = f"{ROOT}{name}/{row(demo).pk}/"
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
