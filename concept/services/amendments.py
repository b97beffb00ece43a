"""An amendment's life: the member drafts, changes, submits or withdraws it; the officer
reviews and decides it (one by one or several at once) and works it into the next draft."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from concept import notifications
from concept.models import (
    AMENDMENT_ADOPTING,
    AMENDMENT_DECIDED,
    AMENDMENT_EDITABLE,
    AMENDMENT_MOVES,
    Amendment,
    AmendmentStatus,
    AmendmentSubmittedAs,
    ConceptVersion,
    Section,
    find_move,
)
from concept.services._common import lock_draft


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


def _next_number(version: ConceptVersion) -> int:
    """The next number in the version; the caller holds the version's row lock, so two
    submissions at once cannot take the same number."""
    highest = Amendment.objects.filter(version=version).aggregate(highest=Max("number"))
    return (highest["highest"] or 0) + 1


@transaction.atomic
def amendment_submit(
    *,
    amendment: Amendment,
    by: AbstractBaseUser,
    working_group_name: str,
    submitted_as: str = AmendmentSubmittedAs.PERSON,
    organisation_name: str = "",
    author_name: str = "",
    now: dt.datetime | None = None,
) -> Amendment:
    """Submit a draft as a person or on behalf of the member's organisation; the group and,
    as they are now, the organisation (only on its behalf) or the name (only a person's, and
    only with consent) are copied. The amendment gets the next number in its version."""
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
    if submitted_as not in AmendmentSubmittedAs.values:
        raise ValidationError(
            {
                "submitted_as": _(
                    "Bitte wählen Sie, ob Sie als Person oder für Ihre Organisation einreichen."
                )
            }
        )
    on_behalf = submitted_as == AmendmentSubmittedAs.ORGANISATION
    if on_behalf and not organisation_name.strip():
        raise ValidationError(
            {
                "submitted_as": _(
                    "Sie sind in dieser Arbeitsgruppe keiner Organisation zugeordnet. Bitte "
                    "reichen Sie als Person ein."
                )
            }
        )
    version = ConceptVersion.objects.select_for_update().only("pk").get(pk=locked.version_id)
    locked.status = AmendmentStatus.SUBMITTED
    locked.submitted_at = now
    locked.number = _next_number(version)
    locked.submitted_as = submitted_as
    locked.organisation_name = organisation_name.strip() if on_behalf else ""
    locked.working_group_name = working_group_name
    locked.author_name = "" if on_behalf else author_name
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
    "Über %(amendment)s wurde inzwischen anders entschieden oder er wurde geändert. "
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
        raise ValidationError(_CONFLICT % {"amendment": locked})
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
    draft = lock_draft(section.version)
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
