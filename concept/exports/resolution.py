"""The title page of the beschlossene Fassung: which body decided, on which day, under which
Drucksache, and for the text of a decision with changes the decision it follows.

The renderers print these facts above the version's own title page (PDF from the template,
DOCX and ODT from the format-neutral blocks); the text after it is the version's frozen text.
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from concept.beratungsfolge import deciding_consultation
from concept.exports.markdown_blocks import PARAGRAPH, Block, Run, text_blocks
from concept.models import ConceptVersion, Consultation, ConsultationResult

# The results by which the council approved a text (a decision with changes approves the
# beschlossene Fassung drafted from it).
APPROVING_RESULTS = (ConsultationResult.DECIDED, ConsultationResult.DECIDED_AMENDED)


def _day(consultation: Consultation) -> str:
    if consultation.held_on:
        return date_format(consultation.held_on, "DATE_FORMAT")
    return consultation.held_text


def resolution_facts(version: ConceptVersion) -> dict[str, Any] | None:
    """What the title page states, in German; None for a version no council decision approved.

    {"title", "statement", "facts": [(label, value)], "decision_text", "decision_label",
    "blocks"}; `blocks` says the same in format-neutral blocks, for DOCX and ODT.
    """
    decided = deciding_consultation(version)
    if decided is None or decided.result not in APPROVING_RESULTS:
        return None
    source = version.resolution_of if version.resolution_of_id else version
    reference = version.council_paper_reference or source.council_paper_reference
    with override("de"):
        day = _day(decided)
        if version.resolution_of_id:
            statement = _(
                "Diese Fassung ist Version %(number)s mit den Änderungen, die in der Sitzung vom "
                "%(date)s beschlossen wurden (%(body)s)."
            ) % {"body": decided.body.name, "date": day, "number": source.number}
        else:
            statement = _(
                "Diese Fassung wurde in der Sitzung vom %(date)s beschlossen (%(body)s)."
            ) % {"body": decided.body.name, "date": day}
        facts = [
            (_("Beschlossen von"), decided.body.name),
            (_("Beschlossen am"), day),
            (_("Drucksache"), reference),
            (_("Tagesordnungspunkt"), decided.agenda_item),
        ]
        if version.resolution_of_id:
            facts.append(
                (
                    _("Grundlage"),
                    _("gemäß Ratsbeschluss vom %(date)s zu Version %(number)s")
                    % {"date": day, "number": source.number},
                )
            )
        facts = [(label, value) for label, value in facts if value]
        title = _("Beschlossene Fassung")
        blocks = [Block(kind=PARAGRAPH, runs=[Run(statement)])]
        blocks += [
            Block(kind=PARAGRAPH, runs=[Run(f"{label}: ", bold=True), Run(value)])
            for label, value in facts
        ]
        if decided.decision_text:
            blocks.append(Block(kind=PARAGRAPH, runs=[Run(_("Beschlusstext"), bold=True)]))
            blocks += text_blocks(decided.decision_text)
        return {
            "title": str(title),
            "statement": statement,
            "facts": facts,
            "decision_text": decided.decision_text,
            "decision_label": _("Beschlusstext"),
            "blocks": blocks,
        }
