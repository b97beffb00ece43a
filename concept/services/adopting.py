"""Working an accepted amendment in with one click ("übernehmen"): the adopted text applied to
the successor draft's section by the amendment's kind, shown first, then written together with
the link from the amendment to the draft.

It applies only where the result is unambiguous: the passage occurs exactly once in the draft's
section, and it is the passage the member quoted (it stood in the section they proposed
against, whose text was fixed while the consultation ran). Otherwise `adoption_plan` says why
in German and the officer works the amendment in by hand (`amendment_work_in`).

How each kind applies its text (`apply_amendment_text`):

- Korrektur: the passage is replaced by the text.
- Streichung: the passage is deleted, with the space or blank line it leaves behind. A partially
  accepted Streichung adopts a remaining wording: the passage is replaced by it.
- Ergänzung: the text follows the passage. A passage of whole lines gets the text as a new
  paragraph after it (as a new line within a list when both are list items); a passage within a
  paragraph gets it after a space, in the same sentence flow. Without a passage the text becomes
  a new paragraph at the end of the section.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concept.models import (
    AMENDMENT_ADOPTING,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    ConceptVersion,
    Section,
    VersionStatus,
)
from concept.moderation import draft_section_for
from concept.services._common import refuse_unless_editable
from concept.services.amendments import _incorporate, _lock_amendment

_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
# After these an added or remaining text needs no space of its own.
_CLOSING = tuple(".,;:!?)]»“\"'")


def normalise(text: str | None) -> str:
    """Line breaks as the browser may send them (CRLF) count as plain ones."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def body_digest(body: str | None) -> str:
    """What the confirmation page saw of the section; a change before the POST refuses it."""
    return hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()


def adopted_text(amendment: Amendment) -> str:
    """The text the decision adopted: the officer's own wording when partially accepted, the
    member's proposal when accepted."""
    if amendment.status == AmendmentStatus.PARTIALLY_ACCEPTED:
        return normalise(amendment.adopted_text).strip()
    return normalise(amendment.proposed_text).strip()


def occurrences(body: str, passage: str) -> list[int]:
    """Every start of `passage` in `body`, overlapping ones included."""
    starts, index = [], body.find(passage)
    while index != -1 and passage:
        starts.append(index)
        index = body.find(passage, index + 1)
    return starts


def _whole_lines(body: str, start: int, end: int) -> bool:
    return (start == 0 or body[start - 1] == "\n") and (end == len(body) or body[end] == "\n")


def _add_after(body: str, start: int, end: int, text: str) -> str:
    before, passage, after = body[:start], body[start:end], body[end:]
    if _whole_lines(body, start, end):
        list_items = _LIST_ITEM.match(passage) and _LIST_ITEM.match(text)
        ends_paragraph = after == "" or after.lstrip(" \t").startswith("\n\n")
        separator = "\n" if list_items or not ends_paragraph else "\n\n"
        return f"{before}{passage}{separator}{text}{after}"
    separator = "" if text.startswith(_CLOSING) else " "
    return f"{before}{passage}{separator}{text}{after}"


def _delete(body: str, start: int, end: int) -> str:
    before, after = body[:start], body[end:]
    if (before == "" or before.endswith("\n")) and (after == "" or after.startswith("\n")):
        # whole lines: drop them with one of the line breaks around them
        head, tail = before.rstrip("\n"), after.lstrip("\n")
        if not head or not tail:
            return head + tail
        breaks = max(len(before) - len(head), len(after) - len(tail))
        return head + "\n" * breaks + tail
    if before.endswith((" ", "\t")) and (after == "" or after.startswith((" ", "\n", *_CLOSING))):
        before = before.rstrip(" \t")
    elif before == "" or before.endswith("\n"):
        after = after.lstrip(" \t")
    return before + after


def apply_amendment_text(body: str, *, kind: str, passage: str, text: str) -> str:
    """The section's text with the amendment applied; the caller made sure the passage occurs
    exactly once (or, for an Ergänzung, is empty)."""
    if kind == AmendmentKind.ADDITION and not passage:
        head, ending = body.rstrip(), "\n" if body.endswith("\n") else ""
        return f"{head}\n\n{text}{ending}" if head else f"{text}{ending}"
    start = body.index(passage)
    end = start + len(passage)
    if kind == AmendmentKind.ADDITION:
        return _add_after(body, start, end, text)
    if kind == AmendmentKind.DELETION and not text:
        return _delete(body, start, end)
    return body[:start] + text + body[end:]


@dataclass(frozen=True)
class Adoption:
    """What "übernehmen" would do: the draft's section, its text now and after, or why not."""

    amendment: Amendment
    section: Section | None
    old_body: str
    new_body: str
    reason: str = ""

    @property
    def applicable(self) -> bool:
        return not self.reason

    @property
    def text(self) -> str:
        return adopted_text(self.amendment)


def _missing_section_reason(amendment: Amendment) -> str:
    later_draft = ConceptVersion.objects.filter(
        concept_id=amendment.version.concept_id,
        status=VersionStatus.DRAFT,
        number__gt=amendment.version.number,
    ).exists()
    if later_draft:
        return _("Der Abschnitt „%(section)s“ wurde im Entwurf gelöscht.") % {
            "section": amendment.section
        }
    return _(
        "Es gibt keinen Entwurf mit diesem Abschnitt. Legen Sie zuerst die nächste Version an."
    )


def _refusal(amendment: Amendment, section: Section | None, body: str) -> str:
    """Why the amendment cannot be applied to `body` by itself, or ""."""
    if amendment.status not in AMENDMENT_ADOPTING:
        return _("Nur angenommene oder teilweise angenommene Vorschläge können übernommen werden.")
    if amendment.incorporated_in_id is not None:
        return _("Der Vorschlag ist bereits in Version %(number)s eingearbeitet.") % {
            "number": amendment.incorporated_in.number
        }
    if section is None:
        return _missing_section_reason(amendment)
    kind, text = amendment.kind, adopted_text(amendment)
    passage = normalise(amendment.passage).strip()
    if kind != AmendmentKind.DELETION and not text:
        return _("Der Vorschlag enthält keinen Text, der übernommen werden könnte.")
    proposed_against = normalise(amendment.section.body)
    if passage:
        reason = _passage_refusal(body, passage, proposed_against)
        if reason:
            return reason
    elif kind != AmendmentKind.ADDITION:
        return _("Der Vorschlag nennt keine Textstelle, die ersetzt oder gestrichen werden soll.")
    if text and text in body and text not in proposed_against:
        return _(
            "Der Text steht bereits im Abschnitt; vielleicht wurde der Vorschlag schon "
            "eingearbeitet."
        )
    return ""


def _passage_refusal(body: str, passage: str, proposed_against: str) -> str:
    """The passage must occur exactly once in the draft, and be the one the member quoted."""
    found = len(occurrences(body, passage))
    if found == 0:
        if occurrences(proposed_against, passage):
            return _("Die Textstelle wurde seit dem Vorschlag geändert.")
        return _("Die Textstelle steht so nicht im Abschnitt.")
    if found > 1:
        return _(
            "Die Textstelle kommt im Abschnitt %(count)s-mal vor; es ist nicht eindeutig, "
            "welche gemeint ist."
        ) % {"count": found}
    if not occurrences(proposed_against, passage):
        return _("Die Textstelle stand nicht in der Fassung, auf die sich der Vorschlag bezog.")
    return ""


def _plan(amendment: Amendment, section: Section | None) -> Adoption:
    body = normalise(section.body) if section is not None else ""
    reason = _refusal(amendment, section, body)
    if reason:
        return Adoption(amendment, section, body, body, reason)
    new_body = apply_amendment_text(
        body,
        kind=amendment.kind,
        passage=normalise(amendment.passage).strip(),
        text=adopted_text(amendment),
    )
    return Adoption(amendment, section, body, new_body)


def adoption_plan(amendment: Amendment) -> Adoption:
    """What "übernehmen" would change in the current draft; reads only."""
    return _plan(amendment, draft_section_for(amendment))


@transaction.atomic
def amendment_adopt(*, amendment: Amendment, seen_digest: str) -> Adoption:
    """Apply the adopted text to the draft's section and link the amendment to the draft,
    together or not at all. `seen_digest` is the `body_digest` of the section the officer
    confirmed; a change in between refuses the whole step."""
    locked = _lock_amendment(amendment)
    section = draft_section_for(locked)
    if section is not None:
        draft = (
            ConceptVersion.objects.select_for_update()
            .filter(pk=section.version_id)
            .select_related("concept")
            .first()
        )
        if draft is None:
            section = None
        else:
            refuse_unless_editable(draft)
            section = Section.objects.select_for_update().filter(pk=section.pk).first()
    if section is not None and body_digest(section.body) != seen_digest:
        raise ValidationError(
            _(
                "Der Abschnitt wurde inzwischen geändert. Bitte prüfen Sie die Änderung erneut, "
                "bevor Sie den Vorschlag übernehmen."
            )
        )
    plan = _plan(locked, section)
    if not plan.applicable:
        raise ValidationError(plan.reason)
    _incorporate(locked, section.version)
    section.body = plan.new_body
    section.full_clean()
    section.save()
    return plan
