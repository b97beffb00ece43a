"""Two real database connections racing for the same rows: nothing is silently overwritten.

Each race is forced, not left to luck: the first thread runs its service inside a transaction
and keeps it open; the second thread starts only then, and the test waits until PostgreSQL
reports it blocked behind the first (`pg_blocking_pids`) before letting the first commit.
Every thread closes its own connection, sets a `lock_timeout`, and is joined with a timeout, so a
deadlock fails the test instead of hanging the suite.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from concept.models import (
    Amendment,
    AmendmentStatus,
    ConceptVersion,
    Consultation,
    ConsultationResult,
    ConsultationRole,
    VersionStatus,
)
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_review_start,
    amendment_submit,
    amendment_update,
    amendments_decide,
    consultation_record,
    version_update,
)
from minden_integration.roles import OFFICER
from tests.concept.conftest import bring_to, move, version_with_sections
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need real PostgreSQL connections"
    ),
]

# Seconds: how long anything may take before the test calls it a hang.
TIMEOUT = 15
LOCK_TIMEOUT = "10s"


def decided_meanwhile(amendment: Amendment) -> str:
    return (
        f"Über Vorschlag {amendment.number} zu Version {amendment.version.number} wurde "
        "inzwischen anders entschieden oder er wurde "
        "geändert. Bitte laden Sie die Seite neu."
    )


TEXT_LOCKED = "Der Vorschlag ist in Prüfung; sein Text ist gesperrt."
CHANGED_MEANWHILE = "Der Vorschlag wurde inzwischen geändert. Bitte laden Sie die Seite neu."


class Worker(threading.Thread):
    """Runs `work` on the thread's own connection; keeps its result or exception."""

    def __init__(self, work: Callable[[], object]):
        super().__init__(daemon=True)
        self.work = work
        self.pid: int | None = None
        self.connected = threading.Event()
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]
            self.connected.set()
            with translation.override("de"):
                self.result = self.work()
        except BaseException as exc:  # handed to the test thread
            self.error = exc
        finally:
            self.connected.set()
            connection.close()


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll a condition (not a fixed sleep) until it holds or TIMEOUT passes."""
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting until {what}")
        time.sleep(0.01)


def blocked_by(waiter: Worker, holder: Worker) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s = ANY(pg_blocking_pids(%s))", [holder.pid, waiter.pid])
        return cursor.fetchone()[0]


def race(first: Callable[[], object], second: Callable[[], object]) -> tuple[Worker, Worker]:
    """`first` runs and keeps its transaction open; `second` starts and must queue behind it;
    then `first` commits and both finish."""
    locked, release = threading.Event(), threading.Event()

    def hold() -> object:
        with transaction.atomic():
            result = first()
            locked.set()
            if not release.wait(TIMEOUT):
                raise RuntimeError("the test never released the first transaction")
        return result

    holder, waiter = Worker(hold), Worker(second)
    holder.start()
    try:
        wait_for(lambda: locked.is_set() or not holder.is_alive(), "the first thread holds")
        assert holder.error is None, holder.error
        waiter.start()
        assert waiter.connected.wait(TIMEOUT) and waiter.pid, waiter.error

        def waiting() -> bool:
            if not waiter.is_alive():
                pytest.fail(f"the second thread did not wait for the first: {waiter.error!r}")
            return blocked_by(waiter, holder)

        wait_for(waiting, "the second thread waits on the first one's lock")
    finally:
        release.set()
        holder.join(TIMEOUT)
        waiter.join(TIMEOUT)
    assert not holder.is_alive() and not waiter.is_alive(), "a thread is still running"
    assert holder.error is None, holder.error
    return holder, waiter


def refused_with(worker: Worker, message: str) -> None:
    assert isinstance(worker.error, ValidationError), worker.error or worker.result
    assert worker.error.messages == [message]


# --- data -------------------------------------------------------------------------------------


@pytest.fixture
def second_officer(roles):
    user = UserFactory(username="vertretung@minden.example", is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICER))
    return user


@pytest.fixture
def open_version(concept):
    version = version_with_sections(concept)
    move(version, VersionStatus.CONSULTATION)
    version.refresh_from_db()
    return version


def proposal(version, author, *, proposed_text="Elterncafés in allen Stadtteilen."):
    amendment = amendment_create(
        section=version.sections.get(position=1),
        author=author,
        kind="addition",
        passage="Eltern werden einbezogen.",
        proposed_text=proposed_text,
        rationale="Mehr Beteiligung.",
    )
    return amendment_submit(
        amendment=amendment,
        by=author,
        organisation_name="Volkshochschule Minden",
        working_group_name="Bildung und Erziehung",
    )


@pytest.fixture
def submitted(open_version, member):
    return proposal(open_version, member)


@pytest.fixture
def in_review(submitted, officer):
    return amendment_review_start(amendment=submitted, by=officer)


def fresh(amendment: Amendment) -> Amendment:
    return Amendment.objects.get(pk=amendment.pk)


# --- two officers decide the same amendment -----------------------------------------------------


def test_two_officers_deciding_at_once_the_second_is_told_and_the_first_decision_stands(
    in_review, officer, second_officer
):
    seen = in_review.lock_version

    first, second = race(
        lambda: amendment_decide(
            amendment=in_review,
            by=officer,
            status=AmendmentStatus.ACCEPTED,
            reasoning="Passt zum Handlungsfeld Bildung.",
            lock_version=seen,
        ),
        lambda: amendment_decide(
            amendment=in_review,
            by=second_officer,
            status=AmendmentStatus.REJECTED,
            reasoning="Zu teuer.",
            lock_version=seen,
        ),
    )

    refused_with(second, decided_meanwhile(in_review))
    row = fresh(in_review)
    assert row.status == AmendmentStatus.ACCEPTED
    assert row.decision_reasoning == "Passt zum Handlungsfeld Bildung."
    assert row.decided_by == officer
    assert row.lock_version == seen + 1


def test_without_a_lock_version_the_second_decision_is_refused_by_the_move_table(
    in_review, officer, second_officer
):
    seen = in_review.lock_version
    first, second = race(
        lambda: amendment_decide(
            amendment=in_review,
            by=officer,
            status=AmendmentStatus.PARTIALLY_ACCEPTED,
            reasoning="Zum Teil übernommen.",
            adopted_text="Elterncafés in zwei Stadtteilen.",
        ),
        lambda: amendment_decide(
            amendment=in_review,
            by=second_officer,
            status=AmendmentStatus.REJECTED,
            reasoning="Zu teuer.",
        ),
    )

    refused_with(
        second, "Der Vorschlag kann nicht von „Teilweise angenommen“ nach „Abgelehnt“ wechseln."
    )
    row = fresh(in_review)
    assert row.status == AmendmentStatus.PARTIALLY_ACCEPTED
    assert row.decision_reasoning == "Zum Teil übernommen."
    assert row.adopted_text == "Elterncafés in zwei Stadtteilen."
    assert row.decided_by == officer
    assert row.lock_version == seen + 1


def test_a_bulk_decision_racing_a_single_one_decides_nothing(
    open_version, in_review, member, officer, second_officer
):
    other = amendment_review_start(
        amendment=proposal(open_version, member, proposed_text="Sprachkurse für Eltern."),
        by=officer,
    )
    seen = {in_review.pk: in_review.lock_version, other.pk: other.lock_version}

    first, bulk = race(
        lambda: amendment_decide(
            amendment=in_review,
            by=officer,
            status=AmendmentStatus.ACCEPTED,
            reasoning="Passt.",
            lock_version=seen[in_review.pk],
        ),
        lambda: amendments_decide(
            seen=seen, by=second_officer, status=AmendmentStatus.REJECTED, reasoning="Zu teuer."
        ),
    )

    assert isinstance(bulk.error, ValidationError), bulk.error or bulk.result
    assert bulk.error.messages == [
        "Es wurde nichts entschieden, weil 1 Vorschlag nicht entschieden werden kann.",
        f"{fresh(in_review)}: {decided_meanwhile(in_review)}",
    ]
    row = fresh(in_review)
    assert (row.status, row.decision_reasoning, row.decided_by) == (
        AmendmentStatus.ACCEPTED,
        "Passt.",
        officer,
    )
    untouched = fresh(other)
    assert untouched.status == AmendmentStatus.IN_REVIEW
    assert untouched.lock_version == seen[other.pk]


# --- a member edits while the officer takes the amendment into review --------------------------


def edit(amendment, member, *, lock_version, proposed_text):
    return lambda: amendment_update(
        amendment=amendment,
        by=member,
        kind="addition",
        passage=amendment.passage,
        proposed_text=proposed_text,
        rationale=amendment.rationale,
        lock_version=lock_version,
    )


def test_review_first_then_the_members_edit_is_refused_and_the_text_unchanged(
    submitted, member, officer
):
    seen = submitted.lock_version

    first, second = race(
        lambda: amendment_review_start(amendment=submitted, by=officer),
        edit(submitted, member, lock_version=seen, proposed_text="Ganz anderer Text."),
    )

    refused_with(second, TEXT_LOCKED)
    row = fresh(submitted)
    assert row.status == AmendmentStatus.IN_REVIEW
    assert row.proposed_text == "Elterncafés in allen Stadtteilen."
    assert row.lock_version == seen + 1


def test_edit_first_then_review_starts_on_the_edited_text(submitted, member, officer):
    seen = submitted.lock_version

    first, second = race(
        edit(submitted, member, lock_version=seen, proposed_text="Elterncafés und Sprachkurse."),
        lambda: amendment_review_start(amendment=submitted, by=officer),
    )

    assert second.error is None, second.error
    assert second.result.proposed_text == "Elterncafés und Sprachkurse."
    row = fresh(submitted)
    assert row.status == AmendmentStatus.IN_REVIEW
    assert row.proposed_text == "Elterncafés und Sprachkurse."
    assert row.lock_version == seen + 2


def test_edit_first_then_a_direct_decision_on_the_old_text_is_refused(submitted, member, officer):
    """The officer may decide a submitted amendment straight away, but only on the text seen."""
    seen = submitted.lock_version

    first, second = race(
        edit(submitted, member, lock_version=seen, proposed_text="Elterncafés und Sprachkurse."),
        lambda: amendment_decide(
            amendment=submitted,
            by=officer,
            status=AmendmentStatus.ACCEPTED,
            reasoning="Gute Idee.",
            lock_version=seen,
        ),
    )

    refused_with(second, decided_meanwhile(submitted))
    row = fresh(submitted)
    assert row.status == AmendmentStatus.SUBMITTED
    assert row.proposed_text == "Elterncafés und Sprachkurse."
    assert (row.decision_reasoning, row.decided_by) == ("", None)
    assert row.lock_version == seen + 1


def test_two_edits_from_the_same_page_state_the_second_is_told_to_reload(submitted, member):
    seen = submitted.lock_version

    first, second = race(
        edit(submitted, member, lock_version=seen, proposed_text="Fassung aus Fenster eins."),
        edit(submitted, member, lock_version=seen, proposed_text="Fassung aus Fenster zwei."),
    )

    refused_with(second, CHANGED_MEANWHILE)
    row = fresh(submitted)
    assert row.proposed_text == "Fassung aus Fenster eins."
    assert row.lock_version == seen + 1


# --- two edits of a draft version -------------------------------------------------------------

VERSION_CHANGED = (
    "Die Version wurde inzwischen geändert. Bitte laden Sie die Seite neu und tragen Sie Ihre "
    "Änderungen erneut ein."
)


def retitle(version, *, seen: int, title: str):
    return lambda: version_update(
        version=version, title=title, is_example=False, seen_lock_version=seen
    )


def test_two_version_edits_from_the_same_page_state_the_second_is_told_to_reload(concept):
    version = version_with_sections(concept)
    seen = version.lock_version

    first, second = race(
        retitle(version, seen=seen, title="Fassung aus Fenster eins"),
        retitle(version, seen=seen, title="Fassung aus Fenster zwei"),
    )

    refused_with(second, VERSION_CHANGED)
    row = ConceptVersion.objects.get(pk=version.pk)
    assert row.title == "Fassung aus Fenster eins"
    assert row.lock_version == seen + 1


def test_a_version_edit_racing_a_move_is_refused_and_the_move_stands(concept):
    version = version_with_sections(concept)
    seen = version.lock_version

    first, second = race(
        lambda: move(version, VersionStatus.CONSULTATION),
        retitle(version, seen=seen, title="Zu spät"),
    )

    refused_with(second, VERSION_CHANGED)
    row = ConceptVersion.objects.get(pk=version.pk)
    assert row.status == VersionStatus.CONSULTATION
    assert row.title != "Zu spät"
    assert row.lock_version == seen + 1


# --- two approvals at once ----------------------------------------------------------------------


def forwarded_pair(concept, *, after_approved: bool):
    """Two versions before the council at once (the Integrationsrat has recommended both),
    perhaps with an approved predecessor."""
    predecessor = None
    if after_approved:
        predecessor = bring_to(version_with_sections(concept), VersionStatus.APPROVED)
    pair = []
    for _ in range(2):
        version = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
        consultation_record(
            consultation=version.consultations.get(role=ConsultationRole.PRELIMINARY),
            result=ConsultationResult.RECOMMENDED,
            held_on=timezone.localdate(),
        )
        version.refresh_from_db()
        pair.append(version)
    return predecessor, *pair


def council_decides(version):
    return lambda: consultation_record(
        consultation=version.consultations.get(role=ConsultationRole.DECISION),
        result=ConsultationResult.DECIDED,
        held_on=timezone.localdate(),
    )


def statuses(concept) -> dict[int, str]:
    return dict(concept.versions.values_list("number", "status"))


@pytest.mark.parametrize("after_approved", [True, False], ids=["after-approved", "first"])
def test_two_parallel_approvals_leave_one_approved_version_the_other_superseded(
    concept, after_approved
):
    """Approvals of one concept queue behind each other (the version lock also locks the
    concept row), so the later one supersedes the earlier, as if one came after the other."""
    predecessor, second, third = forwarded_pair(concept, after_approved=after_approved)
    # The service refreshes the instance it is given (in the thread), so note the counters now.
    second_seen, third_seen = second.lock_version, third.lock_version

    first, other = race(
        council_decides(second),
        council_decides(third),
    )

    assert other.error is None, repr(other.error)
    after = statuses(concept)
    assert list(after.values()).count(VersionStatus.APPROVED) == 1
    assert after[third.number] == VersionStatus.APPROVED
    assert after[second.number] == VersionStatus.SUPERSEDED
    if predecessor:
        assert after[predecessor.number] == VersionStatus.SUPERSEDED
    assert Consultation.objects.filter(result=ConsultationResult.DECIDED).count() == (
        3 if predecessor else 2
    )
    # Each version moved once per step: council review -> approved (-> superseded).
    assert ConceptVersion.objects.get(pk=third.pk).lock_version == third_seen + 1
    assert ConceptVersion.objects.get(pk=second.pk).lock_version == second_seen + 2


def test_the_database_itself_refuses_a_second_approved_version(concept):
    """Below the services: two connections setting the status directly."""
    _, second, third = forwarded_pair(concept, after_approved=False)
    table = connection.ops.quote_name(ConceptVersion._meta.db_table)

    def approve(version):
        def run():
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET status = 'approved' WHERE id = %s",
                    [version.pk],
                )

        return run

    first, other = race(approve(second), approve(third))

    assert isinstance(other.error, IntegrityError), other.error
    assert "version_one_approved_per_concept" in str(other.error)
    after = statuses(concept)
    assert after[second.number] == VersionStatus.APPROVED
    assert after[third.number] == VersionStatus.COUNCIL_REVIEW


# --- two members submit at once -----------------------------------------------------------------


def test_two_submissions_at_once_get_consecutive_numbers(open_version, member):
    """The number is the next in the version: the second submission waits for the first."""
    other = UserFactory()
    drafts = [
        amendment_create(
            section=open_version.sections.get(position=1),
            author=author,
            kind="addition",
            proposed_text="Elterncafés in allen Stadtteilen.",
        )
        for author in (member, other)
    ]
    first, second = race(
        lambda: amendment_submit(
            amendment=drafts[0], by=member, working_group_name="Bildung und Erziehung"
        ),
        lambda: amendment_submit(
            amendment=drafts[1], by=other, working_group_name="Bildung und Erziehung"
        ),
    )
    assert second.error is None, second.error
    assert [fresh(draft).number for draft in drafts] == [1, 2]
