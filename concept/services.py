"""Every write to the concept's data: keyword-only, validated, atomic, row-locked."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_create_with_history

from concept import contributors, events, notifications
from concept.documents import build_document, canonical_json, sha256_hex
from concept.models import (
    AMENDMENT_ADOPTING,
    AMENDMENT_DECIDED,
    AMENDMENT_EDITABLE,
    AMENDMENT_MOVES,
    Amendment,
    AmendmentStatus,
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    Milestone,
    MilestoneKind,
    MilestoneOutcome,
    Section,
    VersionStatus,
    find_move,
    version_move,
)

# Which body decides each move when none is given, and what the milestone records.
_DECISION_BODY = {
    VersionStatus.COUNCIL_REVIEW: BodyKind.ADVISORY,
    VersionStatus.ADOPTED: BodyKind.ADVISORY,
    VersionStatus.FORWARDED: BodyKind.ADVISORY,
    VersionStatus.APPROVED: BodyKind.COUNCIL,
}
_DECISION_OUTCOME = {
    VersionStatus.COUNCIL_REVIEW: MilestoneOutcome.PRESENTED,
    VersionStatus.ADOPTED: MilestoneOutcome.ADOPTED,
    VersionStatus.RETURNED: MilestoneOutcome.RETURNED,
    VersionStatus.FORWARDED: MilestoneOutcome.FORWARDED,
    VersionStatus.APPROVED: MilestoneOutcome.APPROVED,
}


def _status_label(status: str) -> str:
    return str(VersionStatus(status).label)


def _lock_version(version: ConceptVersion) -> ConceptVersion:
    return ConceptVersion.objects.select_for_update().select_related("concept").get(pk=version.pk)


def _next_number(concept: Concept) -> int:
    # Lock the concept row so two creators cannot pick the same number.
    Concept.objects.select_for_update().filter(pk=concept.pk).first()
    highest = concept.versions.aggregate(n=Max("number"))["n"] or 0
    return highest + 1


def _refuse_second_draft(concept: Concept) -> None:
    open_draft = concept.versions.filter(status=VersionStatus.DRAFT).first()
    if open_draft:
        raise ValidationError(
            _("Es gibt bereits einen Entwurf (Version %(number)s).") % {"number": open_draft.number}
        )


@transaction.atomic
def version_create(
    *, concept: Concept, title: str = "", is_example: bool = False
) -> ConceptVersion:
    """A new, empty draft; one draft per concept at a time."""
    number = _next_number(concept)
    _refuse_second_draft(concept)
    return ConceptVersion.objects.create(
        concept=concept, number=number, title=title, is_example=is_example
    )


@transaction.atomic
def version_create_next(
    *, version: ConceptVersion, title: str = "", now: dt.datetime | None = None
) -> ConceptVersion:
    """The next draft: sections copied with their stable keys, every contributor copies its
    part; a consultation still open on the predecessor is closed."""
    old = _lock_version(version)
    if old.text_editable:
        raise ValidationError(
            _(
                "Version %(number)s ist noch ein Entwurf; er wird direkt bearbeitet, "
                "nicht fortgeschrieben."
            )
            % {"number": old.number}
        )
    _refuse_second_draft(old.concept)
    if old.status == VersionStatus.CONSULTATION:
        _apply_move(old, VersionStatus.CONSULTATION_CLOSED, now=now or timezone.now())
    new = ConceptVersion.objects.create(
        concept=old.concept,
        number=_next_number(old.concept),
        title=title,
        is_example=old.is_example,
    )
    # With history: the trail shows each section's first state in the new version.
    bulk_create_with_history(
        [
            Section(
                version=new,
                key=s.key,
                position=s.position,
                level=s.level,
                number=s.number,
                title=s.title,
                body=s.body,
                easy_language_summary=s.easy_language_summary,
            )
            for s in old.sections.in_order()
        ],
        Section,
    )
    for contributor in contributors.contributors():
        contributor.copy(old, new)
    return new


@transaction.atomic
def version_update(
    *, version: ConceptVersion, title: str, is_example: bool, seen_lock_version: int | None
) -> ConceptVersion:
    """Change a draft's title and example flag. `seen_lock_version` is the lock counter the
    editor's page was built from: a move or another edit since then (or no counter at all)
    refuses the save instead of silently overwriting it."""
    locked = _lock_version(version)
    if seen_lock_version != locked.lock_version:
        raise ValidationError(
            _(
                "Die Version wurde inzwischen geändert. Bitte laden Sie die Seite neu und "
                "tragen Sie Ihre Änderungen erneut ein."
            )
        )
    _refuse_unless_editable(locked)
    locked.title = title
    locked.is_example = is_example
    locked.lock_version += 1
    locked.full_clean()
    locked.save(update_fields=["title", "is_example", "lock_version", "updated_at"])
    return locked


# --- sections of a draft ----------------------------------------------------------------------

# Positions are unique per version; shifting a block moves it out of the way first.
_SHIFT = 1_000_000


def _refuse_unless_editable(version: ConceptVersion) -> None:
    if not version.text_editable:
        raise ValidationError(
            _("Nur Entwürfe können bearbeitet werden; Version %(number)s ist „%(status)s“.")
            % {"number": version.number, "status": _status_label(version.status)}
        )


def _lock_draft(version: ConceptVersion) -> ConceptVersion:
    locked = _lock_version(version)
    _refuse_unless_editable(locked)
    return locked


def _shift_positions(version: ConceptVersion, *, from_position: int, by: int) -> None:
    block = version.sections.filter(position__gte=from_position)
    block.update(position=F("position") + _SHIFT)
    version.sections.filter(position__gte=_SHIFT).update(
        position=F("position") - _SHIFT + by, updated_at=timezone.now()
    )


@transaction.atomic
def section_create(
    *,
    version: ConceptVersion,
    title: str,
    number: str,
    level: int = 1,
    body: str = "",
    easy_language_summary: str = "",
    key: str | None = None,
    after: Section | None = None,
) -> Section:
    """A new section of a draft, after `after` (or at the end); later sections move down."""
    locked = _lock_draft(version)
    if after is not None and after.version_id != locked.pk:
        raise ValidationError(_("Der Abschnitt gehört nicht zu dieser Version."))
    if after is not None:
        position = after.position + 1
        _shift_positions(locked, from_position=position, by=1)
    else:
        position = (locked.sections.aggregate(p=Max("position"))["p"] or 0) + 1
    section = Section(
        version=locked,
        position=position,
        level=level,
        number=number,
        title=title,
        body=body,
        easy_language_summary=easy_language_summary,
    )
    if key:
        section.key = key
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(*, section: Section, **changes) -> Section:
    """Change the text of a draft's section (title, number, level, body, summary)."""
    allowed = {"title", "number", "level", "body", "easy_language_summary"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("Diese Felder können nicht geändert werden: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    _lock_draft(section.version)
    locked = Section.objects.select_for_update().get(pk=section.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def section_delete(*, section: Section) -> None:
    """Remove a section from a draft and close the gap it leaves."""
    locked = _lock_draft(section.version)
    current = Section.objects.select_for_update().get(pk=section.pk)
    current.delete()
    _shift_positions(locked, from_position=current.position + 1, by=-1)


def _apply_move(version: ConceptVersion, target: str, *, now: dt.datetime) -> None:
    """`version` is locked by the caller; save() (not update()) so the audit trail records it."""
    version.status = target
    version.status_changed_at = now
    version.lock_version += 1
    version.save(update_fields=["status", "status_changed_at", "lock_version", "updated_at"])


def _freeze(version: ConceptVersion, *, now: dt.datetime) -> None:
    snapshot = canonical_json(build_document(version))
    version.snapshot = snapshot
    version.checksum = sha256_hex(snapshot)
    version.frozen_at = now
    version.status = VersionStatus.COUNCIL_REVIEW
    version.status_changed_at = now
    version.lock_version += 1
    version.save(
        update_fields=[
            "snapshot",
            "checksum",
            "frozen_at",
            "status",
            "status_changed_at",
            "lock_version",
            "updated_at",
        ]
    )


def _milestone_title(version: ConceptVersion, target: str) -> str:
    """Stored content is German, whatever language the officer's admin page is in."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{version}: {_status_label(target)}"


def _record_decision(
    version: ConceptVersion,
    target: str,
    *,
    body: Body | None,
    decided_on: dt.date | None,
    date_text: str,
    council_paper_reference: str,
    note: str,
) -> Milestone:
    if body is None:
        kind = _DECISION_BODY.get(target)
        if target == VersionStatus.RETURNED:
            kind = (
                BodyKind.COUNCIL if version.status == VersionStatus.FORWARDED else BodyKind.ADVISORY
            )
        body = version.concept.bodies.filter(kind=kind).order_by("position").first()
    elif body.concept_id != version.concept_id:
        raise ValidationError(_("Das Gremium gehört zu einem anderen Konzept."))
    return Milestone.objects.create(
        concept=version.concept,
        title=_milestone_title(version, target),
        kind=MilestoneKind.DECISION,
        body=body,
        date=decided_on,
        date_text="" if decided_on else (date_text or _("Datum nicht erfasst")),
        outcome=_DECISION_OUTCOME[target],
        council_paper_reference=council_paper_reference,
        description=note,
        version=version,
        position=(version.concept.milestones.aggregate(p=Max("position"))["p"] or 0) + 1,
        is_example=version.is_example,
    )


@transaction.atomic
def version_transition(
    *,
    version: ConceptVersion,
    to: str,
    consultation_ends_at: dt.datetime | None = None,
    body: Body | None = None,
    decided_on: dt.date | None = None,
    date_text: str = "",
    council_paper_reference: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> ConceptVersion:
    """Move a version along DESIGN.md's table, and only along it."""
    now = now or timezone.now()
    locked = _lock_version(version)
    move = version_move(locked, to)
    if to == VersionStatus.CONSULTATION:
        if consultation_ends_at is None:
            raise ValidationError(
                {"consultation_ends_at": _("Bitte das Ende der Beteiligungsfrist angeben.")}
            )
        if consultation_ends_at <= now:
            raise ValidationError(
                {
                    "consultation_ends_at": _(
                        "Das Ende der Beteiligungsfrist muss in der Zukunft liegen."
                    )
                }
            )
        if not locked.sections.exists():
            raise ValidationError(
                _("Eine Version ohne Abschnitte kann nicht in Beteiligung gehen.")
            )
        locked.consultation_ends_at = consultation_ends_at
        locked.save(update_fields=["consultation_ends_at", "updated_at"])
    if to == VersionStatus.COUNCIL_REVIEW and not locked.sections.exists():
        raise ValidationError(_("Eine Version ohne Abschnitte kann nicht vorgelegt werden."))

    if move.decision:
        _record_decision(
            locked,
            to,
            body=body,
            decided_on=decided_on,
            date_text=date_text,
            council_paper_reference=council_paper_reference,
            note=note,
        )
    if to == VersionStatus.COUNCIL_REVIEW:
        _freeze(locked, now=now)
    else:
        if to == VersionStatus.APPROVED:
            # Serialise approvals per concept: a parallel approval waits here and then sees
            # (and supersedes) this one, instead of colliding with the one-approved index.
            Concept.objects.select_for_update().filter(pk=locked.concept_id).first()
            previous = (
                ConceptVersion.objects.select_for_update()
                .filter(concept=locked.concept, status=VersionStatus.APPROVED)
                .exclude(pk=locked.pk)
            )
            for old in previous:
                _apply_move(old, VersionStatus.SUPERSEDED, now=now)
        _apply_move(locked, to, now=now)
    if to == VersionStatus.CONSULTATION:
        transaction.on_commit(lambda: events.notify_consultation_opened(locked))
    if council_paper_reference and move.decision:
        locked.council_paper_reference = council_paper_reference
        locked.save(update_fields=["council_paper_reference", "updated_at"])
    _refresh(version, locked)
    return locked


def _refresh(stale: ConceptVersion, fresh: ConceptVersion) -> None:
    for field in ConceptVersion._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))


@transaction.atomic
def consultations_close_expired(*, now: dt.datetime | None = None) -> int:
    """Close every consultation whose deadline has passed (run by a scheduled command)."""
    now = now or timezone.now()
    expired = ConceptVersion.objects.select_for_update().filter(
        status=VersionStatus.CONSULTATION, consultation_ends_at__lte=now
    )
    count = 0
    for version in expired:
        _apply_move(version, VersionStatus.CONSULTATION_CLOSED, now=now)
        count += 1
    return count


# --- amendments -------------------------------------------------------------------------------


def _lock_amendment(amendment: Amendment) -> Amendment:
    return (
        Amendment.objects.select_for_update()
        .select_related("version", "section")
        .get(pk=amendment.pk)
    )


def _check_open(version: ConceptVersion, now: dt.datetime) -> None:
    if not version.accepts_amendments(now):
        raise ValidationError(_("Die Beteiligungsfrist ist abgelaufen."))


def _amendment_move(amendment: Amendment, to: str) -> None:
    if find_move(AMENDMENT_MOVES, amendment.status, to) is None:
        raise ValidationError(
            _("Der Vorschlag kann nicht von „%(source)s“ nach „%(target)s“ wechseln.")
            % {
                "source": AmendmentStatus(amendment.status).label,
                "target": AmendmentStatus(to).label,
            }
        )


@transaction.atomic
def amendment_create(
    *,
    section: Section,
    author: AbstractBaseUser,
    kind: str,
    passage: str = "",
    proposed_text: str = "",
    rationale: str = "",
    is_example: bool = False,
    now: dt.datetime | None = None,
) -> Amendment:
    now = now or timezone.now()
    version = ConceptVersion.objects.select_for_update().get(pk=section.version_id)
    _check_open(version, now)
    amendment = Amendment(
        version=version,
        section=section,
        author=author,
        kind=kind,
        passage=passage,
        proposed_text=proposed_text,
        rationale=rationale,
        is_example=is_example,
    )
    amendment.full_clean()
    amendment.save()
    return amendment


@transaction.atomic
def amendment_update(
    *,
    amendment: Amendment,
    by: AbstractBaseUser,
    kind: str,
    passage: str,
    proposed_text: str,
    rationale: str,
    lock_version: int | None = None,
    now: dt.datetime | None = None,
) -> Amendment:
    now = now or timezone.now()
    locked = _lock_amendment(amendment)
    if locked.author_id != by.pk:
        raise ValidationError(
            _("Nur die Verfasserin oder der Verfasser kann den Vorschlag ändern.")
        )
    if locked.status == AmendmentStatus.IN_REVIEW:
        raise ValidationError(_("Der Vorschlag ist in Prüfung; sein Text ist gesperrt."))
    if locked.status not in AMENDMENT_EDITABLE:
        raise ValidationError(
            _("Der Vorschlag kann nicht mehr geändert werden (Status: „%(status)s“).")
            % {"status": locked.get_status_display()}
        )
    if lock_version is not None and lock_version != locked.lock_version:
        raise ValidationError(
            _("Der Vorschlag wurde inzwischen geändert. Bitte laden Sie die Seite neu.")
        )
    _check_open(locked.version, now)
    locked.kind = kind
    locked.passage = passage
    locked.proposed_text = proposed_text
    locked.rationale = rationale
    locked.lock_version += 1
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def amendment_submit(
    *,
    amendment: Amendment,
    by: AbstractBaseUser,
    organisation_name: str,
    working_group_name: str,
    author_name: str = "",
    now: dt.datetime | None = None,
) -> Amendment:
    """Submit a draft; organisation, group and (with consent) name are copied as they are now."""
    now = now or timezone.now()
    locked = _lock_amendment(amendment)
    if locked.author_id != by.pk:
        raise ValidationError(
            _("Nur die Verfasserin oder der Verfasser kann den Vorschlag einreichen.")
        )
    _amendment_move(locked, AmendmentStatus.SUBMITTED)
    _check_open(locked.version, now)
    if not locked.proposed_text.strip() and locked.kind != "deletion":
        raise ValidationError({"proposed_text": _("Bitte geben Sie den vorgeschlagenen Text an.")})
    locked.status = AmendmentStatus.SUBMITTED
    locked.submitted_at = now
    locked.organisation_name = organisation_name
    locked.working_group_name = working_group_name
    locked.author_name = author_name
    locked.lock_version += 1
    locked.save()
    return locked


@transaction.atomic
def amendment_withdraw(*, amendment: Amendment, by: AbstractBaseUser) -> Amendment:
    locked = _lock_amendment(amendment)
    if locked.author_id != by.pk:
        raise ValidationError(
            _("Nur die Verfasserin oder der Verfasser kann den Vorschlag zurückziehen.")
        )
    _amendment_move(locked, AmendmentStatus.WITHDRAWN)
    locked.status = AmendmentStatus.WITHDRAWN
    locked.lock_version += 1
    locked.save()
    return locked


def _start_review(locked: Amendment) -> None:
    _amendment_move(locked, AmendmentStatus.IN_REVIEW)
    locked.status = AmendmentStatus.IN_REVIEW
    locked.lock_version += 1
    locked.save()


@transaction.atomic
def amendment_review_start(*, amendment: Amendment, by: AbstractBaseUser) -> Amendment:
    """Take a submitted amendment into review: from now on its text is locked."""
    locked = _lock_amendment(amendment)
    _start_review(locked)
    return locked


# Lazy: translated when raised, in the language of that request, not at import.
_CONFLICT = gettext_lazy(
    "Über den Vorschlag %(id)s wurde inzwischen anders entschieden oder er wurde geändert. "
    "Bitte laden Sie die Seite neu."
)


def _decide(
    locked: Amendment,
    *,
    by: AbstractBaseUser,
    status: str,
    reasoning: str,
    adopted_text: str,
    lock_version: int | None,
    now: dt.datetime,
) -> None:
    if lock_version is not None and lock_version != locked.lock_version:
        raise ValidationError(_CONFLICT % {"id": locked.pk})
    if status not in AMENDMENT_DECIDED:
        raise ValidationError(_("Bitte wählen Sie eine Entscheidung."))
    if locked.status == AmendmentStatus.SUBMITTED:
        _start_review(locked)  # deciding a submitted amendment reviews it first, on the record
    _amendment_move(locked, status)
    locked.status = status
    locked.decision_reasoning = reasoning.strip()
    locked.adopted_text = (
        adopted_text.strip() if status == AmendmentStatus.PARTIALLY_ACCEPTED else ""
    )
    locked.decided_at = now
    locked.decided_by = by
    locked.lock_version += 1
    locked.full_clean()
    locked.save()
    pk = locked.pk
    transaction.on_commit(lambda: notifications.amendment_decided_notify(pk))


@transaction.atomic
def amendment_decide(
    *,
    amendment: Amendment,
    by: AbstractBaseUser,
    status: str,
    reasoning: str,
    adopted_text: str = "",
    lock_version: int | None = None,
    now: dt.datetime | None = None,
) -> Amendment:
    """Accept, partially accept (with the text actually adopted) or reject, always with a
    public reasoning. `lock_version` is what the officer saw: a change in between refuses the
    decision instead of overwriting it. The author is emailed once the decision committed."""
    locked = _lock_amendment(amendment)
    _decide(
        locked,
        by=by,
        status=status,
        reasoning=reasoning,
        adopted_text=adopted_text,
        lock_version=lock_version,
        now=now or timezone.now(),
    )
    return locked


@transaction.atomic
def amendments_decide(
    *,
    seen: dict[int, int],
    by: AbstractBaseUser,
    status: str,
    reasoning: str,
    now: dt.datetime | None = None,
) -> list[Amendment]:
    """One decision with one reasoning for several amendments ({id: lock_version seen}); all
    or none. A partial acceptance needs its own adopted text and is decided one by one."""
    if status == AmendmentStatus.PARTIALLY_ACCEPTED:
        raise ValidationError(
            _("Eine teilweise Annahme braucht eine eigene übernommene Fassung; bitte einzeln.")
        )
    now = now or timezone.now()
    # Row locks in id order, so two bulk decisions cannot deadlock.
    locked = list(
        Amendment.objects.select_for_update()
        .select_related("version", "section")
        .filter(pk__in=seen)
        .order_by("pk")
    )
    if len(locked) != len(seen):
        raise ValidationError(_("Einige der gewählten Vorschläge gibt es nicht mehr."))
    errors = []
    for amendment in locked:
        try:
            _decide(
                amendment,
                by=by,
                status=status,
                reasoning=reasoning,
                adopted_text="",
                lock_version=seen[amendment.pk],
                now=now,
            )
        except ValidationError as exc:
            errors.extend(f"{amendment}: {message}" for message in exc.messages)
    if errors:
        raise ValidationError(
            [
                ngettext(
                    "Es wurde nichts entschieden, weil %(count)s Vorschlag nicht entschieden "
                    "werden kann.",
                    "Es wurde nichts entschieden, weil %(count)s Vorschläge nicht entschieden "
                    "werden können.",
                    len(errors),
                )
                % {"count": len(errors)},
                *errors,
            ]
        )
    return locked


def _incorporate(locked: Amendment, into: ConceptVersion) -> None:
    if locked.status not in AMENDMENT_ADOPTING:
        raise ValidationError(_("Nur angenommene Vorschläge können eingearbeitet werden."))
    if into.concept_id != locked.version.concept_id or into.number <= locked.version.number:
        raise ValidationError(
            _("Der Vorschlag kann nur in eine spätere Version eingearbeitet werden.")
        )
    locked.incorporated_in = into
    locked.save(update_fields=["incorporated_in", "updated_at"])


@transaction.atomic
def amendment_incorporate(*, amendment: Amendment, into: ConceptVersion) -> Amendment:
    locked = _lock_amendment(amendment)
    _incorporate(locked, into)
    return locked


@transaction.atomic
def amendment_work_in(
    *, amendment: Amendment, section: Section, body: str, seen_body: str | None = None
) -> Amendment:
    """Work an accepted amendment into a draft's section: the new text and the link from the
    amendment to the version that incorporated it, together or not at all. `seen_body` is the
    section text the officer started from; a change in between refuses the save."""
    locked = _lock_amendment(amendment)
    draft = _lock_draft(section.version)
    current = Section.objects.select_for_update().get(pk=section.pk)
    if seen_body is not None and seen_body != current.body:
        raise ValidationError(
            _(
                "Der Abschnitt wurde inzwischen geändert. Bitte laden Sie die Seite neu und "
                "arbeiten Sie den Vorschlag erneut ein."
            )
        )
    _incorporate(locked, draft)
    if body != current.body:
        current.body = body
        current.full_clean()
        current.save()
    return locked


@transaction.atomic
def amendments_forget_author_name(*, user: AbstractBaseUser) -> int:
    """Consent withdrawn or account deleted: the name goes from every amendment at once, and
    from the audit trail's copies of them too."""
    Amendment.history.filter(author_id=user.pk).exclude(author_name="").update(author_name="")
    return Amendment.objects.filter(author=user).exclude(author_name="").update(author_name="")
