"""Every write to the concept's data: keyword-only, validated, atomic, row-locked.

One module per job: `versions` (create, next version, edit a draft), `transitions` (status
moves, freezing), `bodies` (presenting to the bodies, the Beratungen and their results),
`sections` (a draft's sections), `amendments` (proposals and decisions), `adopting` (working
an accepted amendment in with one click), `concepts` (the municipality of every concept).
Callers import from `concept.services`.
"""

from concept.services.adopting import adoption_plan, amendment_adopt
from concept.services.amendments import (
    amendment_create,
    amendment_decide,
    amendment_incorporate,
    amendment_review_start,
    amendment_submit,
    amendment_update,
    amendment_withdraw,
    amendment_work_in,
    amendments_decide,
    amendments_forget_author_name,
)
from concept.services.bodies import (
    PlannedStep,
    consultation_record,
    consultation_unplan,
    default_plan,
    plan_errors,
    resolution_fix,
    version_present,
)
from concept.services.concepts import concepts_municipality_set
from concept.services.sections import section_create, section_delete, section_update
from concept.services.transitions import consultations_close_expired, version_transition
from concept.services.translation_issuing import translation_issue
from concept.services.translations import section_translation_save
from concept.services.versions import version_create, version_create_next, version_update

__all__ = [
    "PlannedStep",
    "section_translation_save",
    "translation_issue",
    "adoption_plan",
    "amendment_adopt",
    "amendment_create",
    "amendment_decide",
    "amendment_incorporate",
    "amendment_review_start",
    "amendment_submit",
    "amendment_update",
    "amendment_withdraw",
    "amendment_work_in",
    "amendments_decide",
    "amendments_forget_author_name",
    "concepts_municipality_set",
    "consultation_record",
    "consultation_unplan",
    "consultations_close_expired",
    "default_plan",
    "plan_errors",
    "resolution_fix",
    "section_create",
    "section_delete",
    "section_update",
    "version_create",
    "version_create_next",
    "version_present",
    "version_transition",
    "version_update",
]
