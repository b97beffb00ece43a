"""The way through the bodies: presenting a version with its planned Beratungsfolge, and
recording each Beratung's result. The version's status follows from the results through
`RESULT_MOVES`; a decision with changes drafts the beschlossene Fassung, which the officer
then fixes (`resolution_fix`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from concept import issuing_jobs
from concept.beratungsfolge import deciding_consultation, presentation_blockers
from concept.models import (
    DECIDING_RESULTS,
    RESULT_MOVES,
    ROLE_BODY_KINDS,
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    Consultation,
    ConsultationResult,
    ConsultationRole,
    VersionStatus,
    decision_move,
    results_for,
    version_move,
)
from concept.services._common import apply_move, lock_version_row
from concept.services.transitions import freeze, refresh_stale, supersede_approved
from concept.services.versions import draft_from

_R = ConsultationResult


@dataclass(frozen=True)
class PlannedStep:
    """One Beratung as the officer plans it; equal `step` numbers deliberate in parallel."""

    body: Body
    role: str
    step: int
    planned_on: dt.date | None = None
    agenda_item: str = ""
    agenda_item_url: str = ""


def default_plan(concept: Concept) -> list[PlannedStep]:
    """The concept's usual Beratungsfolge (its bodies' `default_step`), or else the
    Integrationsrat's Vorberatung followed by the council's decision."""
    bodies = concept.bodies.filter(default_step__isnull=False).order_by("default_step", "position")
    plan = [PlannedStep(body=b, role=b.default_role, step=b.default_step) for b in bodies]
    if plan:
        return plan
    fallback = (
        (BodyKind.ADVISORY, ConsultationRole.PRELIMINARY),
        (BodyKind.COUNCIL, ConsultationRole.DECISION),
    )
    for step, (kind, role) in enumerate(fallback, start=1):
        body = concept.bodies.filter(kind=kind).order_by("position").first()
        if body is not None:
            plan.append(PlannedStep(body=body, role=role, step=step))
    return plan


def plan_errors(
    concept: Concept, steps: list[PlannedStep], *, presented_on: dt.date | None
) -> list[str]:
    """What is wrong with a planned Beratungsfolge, in German; empty when it holds."""
    if not steps:
        return [_("Bitte mindestens eine Beratung planen.")]
    errors = []
    for s in steps:
        if s.body.concept_id != concept.pk:
            errors.append(_("%(body)s gehört zu einem anderen Konzept.") % {"body": s.body})
        elif s.body.kind not in ROLE_BODY_KINDS[s.role]:
            errors.append(
                _("%(body)s kann keine %(role)s übernehmen.")
                % {"body": s.body, "role": ConsultationRole(s.role).label}
            )
        if presented_on and s.planned_on and s.planned_on < presented_on:
            errors.append(
                _("Die Beratung in %(body)s kann nicht vor der Vorlage geplant werden.")
                % {"body": s.body}
            )
    pairs = [(s.body.pk, s.step) for s in steps]
    if len(set(pairs)) != len(pairs):
        errors.append(_("Ein Gremium kann nicht zweimal im selben Schritt beraten."))
    deciding = [s for s in steps if s.role == ConsultationRole.DECISION]
    if len(deciding) != 1:
        errors.append(_("Die Beratungsfolge braucht genau eine Entscheidung."))
    elif any(s.step >= deciding[0].step for s in steps if s is not deciding[0]):
        errors.append(_("Die Entscheidung muss der letzte Schritt sein."))
    first_step = min(s.step for s in steps)
    advisory = concept.bodies.filter(kind=BodyKind.ADVISORY).order_by("position").first()
    if advisory and not any(s.body.pk == advisory.pk and s.step == first_step for s in steps):
        errors.append(
            _("Die Beratungsfolge beginnt mit der Vorlage in %(body)s.") % {"body": advisory}
        )
    return errors


@transaction.atomic
def version_present(
    *,
    version: ConceptVersion,
    council_paper_reference: str = "",
    paper_url: str = "",
    presented_on: dt.date | None = None,
    steps: list[PlannedStep] | None = None,
    now: dt.datetime | None = None,
) -> ConceptVersion:
    """Present a version to the bodies: the text is frozen, the Drucksache recorded once, the
    Beratungsfolge planned, and the Anlage files are issued after commit."""
    now = now or timezone.now()
    locked = lock_version_row(version)
    version_move(locked, VersionStatus.COUNCIL_REVIEW)
    reference = council_paper_reference.strip()
    if not reference:
        raise ValidationError(
            {"council_paper_reference": _("Bitte die Nummer der Drucksache angeben.")}
        )
    today = timezone.localdate(now)
    presented_on = presented_on or today
    if presented_on > today:
        raise ValidationError(
            {"presented_on": _("Das Datum der Vorlage darf nicht in der Zukunft liegen.")}
        )
    if not locked.sections.exists():
        raise ValidationError(_("Eine Version ohne Abschnitte kann nicht vorgelegt werden."))
    blockers = presentation_blockers(locked)
    if blockers:
        raise ValidationError(
            _(
                "Version %(number)s kann erst vorgelegt werden, wenn über alle Vorschläge "
                "entschieden ist. Noch offen: %(list)s."
            )
            % {"number": locked.number, "list": ", ".join(str(a) for a in blockers)},
            code="undecided",
            params={"amendments": blockers},
        )
    plan = steps if steps is not None else default_plan(locked.concept)
    errors = plan_errors(locked.concept, plan, presented_on=presented_on)
    if errors:
        raise ValidationError(errors)
    locked.council_paper_reference = reference
    locked.paper_url = paper_url.strip()
    locked.presented_on = presented_on
    freeze(locked, status=VersionStatus.COUNCIL_REVIEW, since=presented_on, now=now)
    # With history: the audit trail shows who planned each Beratung.
    bulk_create_with_history(
        [
            Consultation(
                version=locked,
                body=s.body,
                role=s.role,
                step=s.step,
                planned_on=s.planned_on,
                agenda_item=s.agenda_item,
                agenda_item_url=s.agenda_item_url,
                is_example=locked.is_example,
            )
            for s in plan
        ],
        Consultation,
    )
    issuing_jobs.issue_after_commit(locked, issuing_jobs.PRESENTATION)
    refresh_stale(version, locked)
    return locked


def _lock(consultation: Consultation) -> tuple[Consultation, ConceptVersion]:
    version = lock_version_row(consultation.version)
    locked = Consultation.objects.select_for_update().select_related("body").get(pk=consultation.pk)
    return locked, version


def _check_held_on(c: Consultation, version: ConceptVersion, held_on, today: dt.date) -> None:
    if held_on is None:
        raise ValidationError({"held_on": _("Bitte das Datum der Sitzung angeben.")})
    if held_on > today:
        raise ValidationError(
            {
                "held_on": _(
                    "Eine Beratung kann erst festgehalten werden, wenn sie stattgefunden hat."
                )
            }
        )
    if version.presented_on and held_on < version.presented_on:
        raise ValidationError(
            {
                "held_on": _("Die Sitzung kann nicht vor der Vorlage am %(date)s liegen.")
                % {"date": date_format(version.presented_on, "SHORT_DATE_FORMAT")}
            }
        )
    if c.follows_id and c.follows.held_on and held_on < c.follows.held_on:
        raise ValidationError(
            {
                "held_on": _(
                    "Die Sitzung kann nicht vor der Beratung liegen, die hierher verwiesen hat."
                )
            }
        )


def _check_deciding_last(c: Consultation, version: ConceptVersion, held_on: dt.date) -> None:
    others = version.consultations.exclude(pk=c.pk)
    open_before = [str(o) for o in others.planned().select_related("body")]
    if open_before:
        raise ValidationError(
            _(
                "Die Entscheidung ist der letzte Schritt. Bitte zuerst die Ergebnisse dieser "
                "Beratungen festhalten oder sie aus der Planung nehmen: %(list)s."
            )
            % {"list": "; ".join(open_before)}
        )
    latest = others.held().aggregate(d=Max("held_on"))["d"]
    if latest and held_on < latest:
        raise ValidationError(
            {
                "held_on": _(
                    "Die Entscheidung ist der letzte Schritt: sie kann nicht vor der letzten "
                    "Beratung am %(date)s liegen."
                )
                % {"date": date_format(latest, "SHORT_DATE_FORMAT")}
            }
        )


def _plan_follow_up(
    c: Consultation, *, result: str, referred_to: Body | None, planned_on: dt.date | None
) -> None:
    """A referral plans the Vorberatung it asks for and then the same body's step again; a
    deferral plans the same step again. Later steps move back to make room."""
    if planned_on is None:
        raise ValidationError(
            {"next_planned_on": _("Bitte das Datum der nächsten Beratung angeben.")}
        )
    if planned_on <= c.held_on:
        raise ValidationError(
            {"next_planned_on": _("Die nächste Beratung muss nach dieser Sitzung liegen.")}
        )
    follow = []
    if result == _R.REFERRED:
        if referred_to is None:
            raise ValidationError({"referred_to": _("Bitte angeben, wohin verwiesen wurde.")})
        if (
            referred_to.concept_id != c.body.concept_id
            or referred_to.kind not in ROLE_BODY_KINDS[ConsultationRole.PRELIMINARY]
        ):
            raise ValidationError(
                {"referred_to": _("An dieses Gremium kann nicht verwiesen werden.")}
            )
        follow.append((referred_to, ConsultationRole.PRELIMINARY, planned_on))
        follow.append((c.body, c.role, None))
    else:
        follow.append((c.body, c.role, planned_on))
    c.version.consultations.filter(step__gt=c.step).update(step=F("step") + len(follow))
    for offset, (body, role, day) in enumerate(follow, start=1):
        Consultation.objects.create(
            version=c.version,
            body=body,
            role=role,
            step=c.step + offset,
            planned_on=day,
            follows=c,
            is_example=c.is_example,
        )


@transaction.atomic
def consultation_record(
    *,
    consultation: Consultation,
    result: str,
    held_on: dt.date | None,
    decision_text: str = "",
    agenda_item: str | None = None,
    agenda_item_url: str | None = None,
    referred_to: Body | None = None,
    next_planned_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Consultation:
    """Record what a body decided in one Beratung, and what follows from it."""
    now = now or timezone.now()
    c, version = _lock(consultation)
    if c.is_held:
        raise ValidationError(_("Das Ergebnis dieser Beratung ist bereits festgehalten."))
    if version.status != VersionStatus.COUNCIL_REVIEW:
        raise ValidationError(
            _("Version %(number)s ist nicht mehr in Beratung.") % {"number": version.number}
        )
    if result not in results_for(c.role):
        raise ValidationError({"result": _("Dieses Ergebnis passt nicht zur Rolle der Beratung.")})
    _check_held_on(c, version, held_on, timezone.localdate(now))
    if result in DECIDING_RESULTS:
        _check_deciding_last(c, version, held_on)
    if result == _R.DECIDED_AMENDED and not decision_text.strip():
        raise ValidationError(
            {"decision_text": _("Bitte den Beschlusstext angeben: Was hat der Rat geändert?")}
        )
    c.result, c.held_on, c.decision_text = result, held_on, decision_text.strip()
    if agenda_item is not None:
        c.agenda_item = agenda_item
    if agenda_item_url is not None:
        c.agenda_item_url = agenda_item_url
    c.save()
    if result in (_R.REFERRED, _R.DEFERRED):
        _plan_follow_up(c, result=result, referred_to=referred_to, planned_on=next_planned_on)
    target = RESULT_MOVES[result]
    if target:
        _decide(version, target, held_on=held_on, now=now)
    return c


def _decide(version: ConceptVersion, target: str, *, held_on: dt.date, now: dt.datetime) -> None:
    decision_move(version, target)
    if target == VersionStatus.APPROVED:
        supersede_approved(version, now=now)
    apply_move(version, target, now=now, since=held_on)
    if target == VersionStatus.APPROVED:
        issuing_jobs.issue_after_commit(version, issuing_jobs.RESOLUTION)
    if target == VersionStatus.AMENDED:
        title = _("Beschlossene Fassung gemäß Ratsbeschluss vom %(date)s") % {
            "date": date_format(held_on, "SHORT_DATE_FORMAT")
        }
        draft_from(version, title=title, resolution_of=version)


@transaction.atomic
def resolution_fix(*, version: ConceptVersion, now: dt.datetime | None = None) -> ConceptVersion:
    """Fix the beschlossene Fassung of a decision with changes: frozen as the approved version,
    from the day of the council's decision, with the Drucksache it was decided under."""
    now = now or timezone.now()
    locked = lock_version_row(version)
    if locked.resolution_of_id is None:
        raise ValidationError(
            _("Nur die beschlossene Fassung eines geänderten Beschlusses wird so festgeschrieben.")
        )
    decision_move(locked, VersionStatus.APPROVED)
    if not locked.sections.exists():
        raise ValidationError(_("Eine Version ohne Abschnitte kann nicht festgeschrieben werden."))
    decided = deciding_consultation(locked.resolution_of)
    locked.council_paper_reference = locked.resolution_of.council_paper_reference
    supersede_approved(locked, now=now)
    freeze(locked, status=VersionStatus.APPROVED, since=decided.held_on, now=now)
    issuing_jobs.issue_after_commit(locked, issuing_jobs.RESOLUTION)
    refresh_stale(version, locked)
    return locked


@transaction.atomic
def consultation_unplan(*, consultation: Consultation) -> None:
    """Take a Beratung that has not taken place out of the plan (the body will not meet on it)."""
    c, version = _lock(consultation)
    if c.is_held:
        raise ValidationError(_("Eine festgehaltene Beratung bleibt Teil der Beratungsfolge."))
    if c.role == ConsultationRole.DECISION:
        raise ValidationError(_("Die Entscheidung kann nicht aus der Planung genommen werden."))
    if version.status != VersionStatus.COUNCIL_REVIEW:
        raise ValidationError(
            _("Version %(number)s ist nicht mehr in Beratung.") % {"number": version.number}
        )
    c.delete()
