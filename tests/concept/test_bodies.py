"""The way through the bodies: planning at presentation, the checks on held dates, and what
each result does to the version (the moves table, and only it)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from concept.beratungsfolge import deciding_consultation, presentation_blockers
from concept.models import (
    RESULT_MOVES,
    AmendmentStatus,
    BodyKind,
    ConceptVersion,
    Consultation,
    ConsultationResult,
    ConsultationRole,
    VersionStatus,
    results_for,
)
from concept.services import (
    PlannedStep,
    consultation_record,
    consultation_unplan,
    default_plan,
    resolution_fix,
    version_create_next,
    version_present,
)
from tests.concept.conftest import bring_to, decide, move, version_with_sections
from tests.factories import AmendmentFactory, BodyFactory

R = ConsultationResult
TODAY = dt.date(2026, 12, 2)
NOW = dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def bodies(concept):
    found = {b.kind: b for b in concept.bodies.all()}
    return {
        "rat": found[BodyKind.COUNCIL],
        "integrationsrat": found[BodyKind.ADVISORY],
        "schule": BodyFactory(concept=concept, name="Schulausschuss", kind=BodyKind.COMMITTEE),
        "soziales": BodyFactory(
            concept=concept, name="Sozialausschuss", kind=BodyKind.COMMITTEE, position=5
        ),
    }


def full_plan(bodies):
    return [
        PlannedStep(bodies["integrationsrat"], ConsultationRole.PRELIMINARY, 1),
        PlannedStep(bodies["schule"], ConsultationRole.PRELIMINARY, 2),
        PlannedStep(bodies["soziales"], ConsultationRole.PRELIMINARY, 2),
        PlannedStep(bodies["rat"], ConsultationRole.DECISION, 3),
    ]


def present(version, steps=None, presented_on=dt.date(2026, 11, 2)):
    return version_present(
        version=version,
        council_paper_reference="DS 17/2026",
        paper_url="https://ris.example.org/vo020.asp?VOLFDNR=17",
        presented_on=presented_on,
        steps=steps,
        now=NOW,
    )


def record(consultation, result, held_on, **kwargs):
    return consultation_record(
        consultation=consultation, result=result, held_on=held_on, now=NOW, **kwargs
    )


def steps_of(version):
    return list(version.consultations.in_order())


def test_presenting_freezes_records_the_paper_and_plans_the_sequence(draft, bodies):
    present(draft, full_plan(bodies))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.COUNCIL_REVIEW and draft.is_frozen
    assert draft.council_paper_reference == "DS 17/2026"
    assert draft.presented_on == dt.date(2026, 11, 2)
    assert draft.status_since == dt.date(2026, 11, 2)
    assert [(c.body.name, c.step, c.result) for c in steps_of(draft)] == [
        ("Integrationsrat", 1, ""),
        ("Schulausschuss", 2, ""),
        ("Sozialausschuss", 2, ""),
        ("Rat der Stadt", 3, ""),
    ]


def test_without_a_plan_the_concepts_usual_sequence_is_used(concept, draft, bodies):
    bodies["schule"].default_step, bodies["schule"].default_role = 2, "preliminary"
    bodies["schule"].save()
    bodies["integrationsrat"].default_step = 1
    bodies["integrationsrat"].default_role = "preliminary"
    bodies["integrationsrat"].save()
    bodies["rat"].default_step, bodies["rat"].default_role = 3, "decision"
    bodies["rat"].save()
    assert [(s.body.name, s.step) for s in default_plan(concept)] == [
        ("Integrationsrat", 1),
        ("Schulausschuss", 2),
        ("Rat der Stadt", 3),
    ]


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (lambda b: [PlannedStep(b["integrationsrat"], "preliminary", 1)], "genau eine"),
        (
            lambda b: [
                PlannedStep(b["integrationsrat"], "preliminary", 1),
                PlannedStep(b["rat"], "decision", 2),
                PlannedStep(b["schule"], "preliminary", 2),
            ],
            "letzte Schritt",
        ),
        (
            lambda b: [
                PlannedStep(b["integrationsrat"], "decision", 1),
                PlannedStep(b["rat"], "decision", 2),
            ],
            "kann keine Entscheidung",
        ),
        (
            lambda b: [
                PlannedStep(b["integrationsrat"], "preliminary", 1),
                PlannedStep(b["rat"], "preliminary", 2),
                PlannedStep(b["rat"], "decision", 3),
            ],
            "kann keine Vorberatung",
        ),
        (
            lambda b: [
                PlannedStep(b["schule"], "preliminary", 1),
                PlannedStep(b["rat"], "decision", 2),
            ],
            "beginnt mit der Vorlage in Integrationsrat",
        ),
    ],
)
def test_a_plan_that_does_not_fit_is_refused(draft, bodies, plan, message):
    with pytest.raises(ValidationError) as error:
        present(draft, plan(bodies))
    assert message in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT and not draft.consultations.exists()


def test_presenting_needs_the_drucksache_and_no_future_date(draft, bodies):
    with pytest.raises(ValidationError) as missing:
        version_present(version=draft, council_paper_reference=" ", now=NOW)
    assert "council_paper_reference" in missing.value.message_dict
    with pytest.raises(ValidationError) as future:
        present(draft, presented_on=TODAY + dt.timedelta(days=1))
    assert "Zukunft" in " ".join(future.value.message_dict["presented_on"])
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


@pytest.fixture
def presented(draft, bodies):
    present(draft, full_plan(bodies))
    draft.refresh_from_db()
    return draft


def test_a_held_date_in_the_future_is_refused(presented):
    first = steps_of(presented)[0]
    with pytest.raises(ValidationError) as error:
        record(first, R.RECOMMENDED, TODAY + dt.timedelta(days=1))
    assert "held_on" in error.value.message_dict
    first.refresh_from_db()
    assert first.result == "" and first.held_on is None


def test_a_held_date_before_the_presentation_is_refused(presented):
    first = steps_of(presented)[0]
    with pytest.raises(ValidationError) as error:
        record(first, R.RECOMMENDED, dt.date(2026, 11, 1))
    assert "02.11.2026" in " ".join(error.value.message_dict["held_on"])
    first.refresh_from_db()
    assert not first.is_held


def test_the_deciding_step_is_the_last_held(presented):
    integrationsrat, schule, soziales, rat = steps_of(presented)
    record(integrationsrat, R.RECOMMENDED, dt.date(2026, 11, 10))
    record(schule, R.RECOMMENDED, dt.date(2026, 11, 20))
    with pytest.raises(ValidationError) as open_step:
        record(rat, R.DECIDED, dt.date(2026, 11, 25))
    assert "Sozialausschuss" in " ".join(open_step.value.messages)
    record(soziales, R.RECOMMENDED, dt.date(2026, 11, 24))
    with pytest.raises(ValidationError) as earlier:
        record(rat, R.DECIDED, dt.date(2026, 11, 23))
    assert "24.11.2026" in " ".join(earlier.value.message_dict["held_on"])
    record(rat, R.DECIDED, dt.date(2026, 11, 26))
    presented.refresh_from_db()
    assert presented.status == VersionStatus.APPROVED
    # "Status seit" is the council's day, not the day it was typed in.
    assert presented.status_since == dt.date(2026, 11, 26)
    assert presented.status_changed_at == NOW


def test_a_result_that_does_not_fit_the_role_is_refused(presented):
    first = steps_of(presented)[0]
    assert R.DECIDED not in results_for(first.role)
    with pytest.raises(ValidationError) as error:
        record(first, R.DECIDED, dt.date(2026, 11, 10))
    assert "result" in error.value.message_dict


@pytest.mark.parametrize("result", list(R))
def test_the_status_after_each_result_equals_the_moves_table(presented, result):
    integrationsrat, schule, soziales, rat = steps_of(presented)
    for step in (integrationsrat, schule, soziales):
        record(step, R.RECOMMENDED, dt.date(2026, 11, 10))
    target = rat if result in results_for(ConsultationRole.DECISION) else integrationsrat
    target.refresh_from_db()
    if target.is_held:
        target = Consultation.objects.create(
            version=presented, body=integrationsrat.body, role="preliminary", step=2
        )
    if result not in results_for(target.role):
        return
    kwargs = {}
    if result == R.DECIDED_AMENDED:
        kwargs["decision_text"] = "Maßnahme 3 entfällt."
    if result in (R.REFERRED, R.DEFERRED):
        kwargs["next_planned_on"] = dt.date(2027, 1, 20)
        kwargs["referred_to"] = schule.body
    record(target, result, dt.date(2026, 11, 20), **kwargs)
    presented.refresh_from_db()
    assert presented.status == (RESULT_MOVES[result] or VersionStatus.COUNCIL_REVIEW)


def test_a_referral_plans_the_committee_and_the_referring_body_again(presented):
    integrationsrat, schule, soziales, rat = steps_of(presented)
    for step in (integrationsrat, schule, soziales):
        record(step, R.RECOMMENDED, dt.date(2026, 11, 10))
    record(
        rat,
        R.REFERRED,
        dt.date(2026, 11, 20),
        referred_to=soziales.body,
        next_planned_on=dt.date(2027, 1, 15),
    )
    planned = list(presented.consultations.planned().in_order())
    assert [(c.body.name, c.role, c.planned_on, c.follows_id) for c in planned] == [
        ("Sozialausschuss", "preliminary", dt.date(2027, 1, 15), rat.pk),
        ("Rat der Stadt", "decision", None, rat.pk),
    ]
    presented.refresh_from_db()
    assert presented.status == VersionStatus.COUNCIL_REVIEW


def test_a_deferral_needs_a_later_date_and_plans_the_same_step(presented):
    first = steps_of(presented)[0]
    with pytest.raises(ValidationError) as error:
        record(first, R.DEFERRED, dt.date(2026, 11, 10))
    assert "next_planned_on" in error.value.message_dict
    first.refresh_from_db()
    assert not first.is_held
    record(first, R.DEFERRED, dt.date(2026, 11, 10), next_planned_on=dt.date(2026, 12, 15))
    again = presented.consultations.get(follows=first)
    assert (again.body_id, again.role, again.step) == (first.body_id, first.role, 2)
    # The committees move one step back to make room.
    assert sorted(presented.consultations.values_list("step", flat=True)) == [1, 2, 3, 3, 4]


def test_rejected_ends_the_way_and_the_version_stays_frozen(concept):
    version = bring_to(version_with_sections(concept), VersionStatus.REJECTED)
    assert version.status == VersionStatus.REJECTED and version.is_frozen
    assert deciding_consultation(version).result == R.REJECTED
    successor = version_create_next(version=version)
    assert successor.status == VersionStatus.DRAFT


def test_decided_with_changes_drafts_and_then_fixes_the_beschlossene_fassung(concept):
    earlier = bring_to(version_with_sections(concept), VersionStatus.APPROVED)
    version = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    with pytest.raises(ValidationError) as no_text:
        for c in version.consultations.planned().in_order():
            consultation_record(
                consultation=c,
                result=R.RECOMMENDED if c.role == "preliminary" else R.DECIDED_AMENDED,
                held_on=timezone.localdate(),
            )
    assert "decision_text" in no_text.value.message_dict
    decide(version, R.DECIDED_AMENDED)
    assert version.status == VersionStatus.AMENDED
    fassung = ConceptVersion.objects.get(resolution_of=version)
    assert fassung.status == VersionStatus.DRAFT
    assert "gemäß Ratsbeschluss vom" in fassung.title
    assert list(fassung.sections.values_list("key", flat=True)) == list(
        version.sections.values_list("key", flat=True)
    )
    # The working draft may exist beside it; the beschlossene Fassung is fixed on its own.
    version_create_next(version=version)
    fixed = resolution_fix(version=fassung)
    earlier.refresh_from_db()
    assert fixed.status == VersionStatus.APPROVED and fixed.is_frozen
    assert fixed.status_since == deciding_consultation(version).held_on
    assert fixed.council_paper_reference == version.council_paper_reference
    assert earlier.status == VersionStatus.SUPERSEDED
    with pytest.raises(ValidationError):
        resolution_fix(version=fixed)


def test_only_the_beschlossene_fassung_is_fixed_without_the_bodies(draft):
    with pytest.raises(ValidationError) as error:
        resolution_fix(version=draft)
    assert "beschlossene Fassung" in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_planned_step_can_be_taken_out_but_not_the_decision(presented):
    integrationsrat, schule, soziales, rat = steps_of(presented)
    consultation_unplan(consultation=schule)
    assert not Consultation.objects.filter(pk=schule.pk).exists()
    with pytest.raises(ValidationError):
        consultation_unplan(consultation=rat)
    record(integrationsrat, R.RECOMMENDED, dt.date(2026, 11, 10))
    with pytest.raises(ValidationError):
        consultation_unplan(consultation=integrationsrat)


def test_nothing_undecided_goes_to_the_bodies(concept):
    first = bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    pending = AmendmentFactory(
        version=first,
        section=first.sections.first(),
        status=AmendmentStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    move(first, VersionStatus.CONSULTATION_CLOSED)
    with pytest.raises(ValidationError) as own:
        move(first, VersionStatus.COUNCIL_REVIEW)
    assert own.value.code == "undecided"
    assert str(pending) in " ".join(own.value.messages)
    successor = version_create_next(version=first)
    assert presentation_blockers(successor) == [pending]
    with pytest.raises(ValidationError):
        move(successor, VersionStatus.COUNCIL_REVIEW)
    successor.refresh_from_db()
    assert successor.status == VersionStatus.DRAFT


def test_next_version_is_refused_while_the_consultation_runs(concept):
    running = bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    with pytest.raises(ValidationError) as error:
        version_create_next(version=running)
    assert "vorzeitig beenden" in " ".join(error.value.messages)
    running.refresh_from_db()
    assert running.status == VersionStatus.CONSULTATION
    assert concept.versions.count() == 1
