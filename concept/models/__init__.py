"""The concept, its numbered versions, their sections, amendments and the process milestones.

`concept` is the bottom layer: it imports no other app of the project. Higher apps contribute
their parts of a version's document through `concept.contributors`.

One module per job; everything is importable from `concept.models` as before, which the
migrations rely on (`concept.models.new_section_key`). The import order below is the order the
models are registered in, as when they were one module.
"""

# isort: off
from concept.models.audit_trail import is_audit_trail
from concept.models.moves import (
    AMENDMENT_ADOPTING,
    AMENDMENT_DECIDED,
    AMENDMENT_EDITABLE,
    AMENDMENT_MOVES,
    AMENDMENT_UNDECIDED,
    FROZEN_STATUSES,
    VERSION_MOVES,
    DECIDING_RESULTS,
    RESULT_MOVES,
    ROLE_BODY_KINDS,
    AmendmentStatus,
    ConsultationResult,
    ConsultationRole,
    Move,
    VersionStatus,
    decision_move,
    find_move,
    moves_from,
    results_for,
    version_move,
)
from concept.models.concept import Body, BodyKind, Concept, ConceptQuerySet
from concept.models.versions import (
    FROZEN_MUTABLE_FIELDS,
    ConceptVersion,
    ConceptVersionQuerySet,
)
from concept.models.sections import (
    Section,
    SectionLevel,
    SectionQuerySet,
    new_section_key,
    section_anchor,
)
from concept.models.amendments import (
    TEXT_MAX,
    Amendment,
    AmendmentKind,
    AmendmentQuerySet,
    AmendmentSubmittedAs,
)
from concept.models.milestones import (
    Milestone,
    MilestoneKind,
    MilestoneOutcome,
    MilestoneQuerySet,
)
from concept.models.issued_files import IssuedDocument, IssuedFile
from concept.models.consultations import Consultation, ConsultationQuerySet
from concept.models.rendered_files import RenderedFile
from concept.models.search import SectionSearchEntry
from concept.models.derived import (
    LiveDocument,
    RenderedSection,
    StoredComparison,
    StoredDiff,
    is_derived,
)
from concept.models.translations import (
    ContentLanguage,
    SectionTranslation,
    section_source,
    source_digest,
)
# isort: on

__all__ = [
    "AMENDMENT_ADOPTING",
    "AMENDMENT_DECIDED",
    "AMENDMENT_EDITABLE",
    "AMENDMENT_MOVES",
    "AMENDMENT_UNDECIDED",
    "FROZEN_MUTABLE_FIELDS",
    "FROZEN_STATUSES",
    "TEXT_MAX",
    "VERSION_MOVES",
    "Amendment",
    "AmendmentKind",
    "AmendmentQuerySet",
    "AmendmentStatus",
    "AmendmentSubmittedAs",
    "Body",
    "BodyKind",
    "Concept",
    "ContentLanguage",
    "Consultation",
    "ConsultationQuerySet",
    "ConsultationResult",
    "ConsultationRole",
    "DECIDING_RESULTS",
    "ConceptQuerySet",
    "ConceptVersion",
    "ConceptVersionQuerySet",
    "IssuedDocument",
    "IssuedFile",
    "LiveDocument",
    "Milestone",
    "MilestoneKind",
    "MilestoneOutcome",
    "MilestoneQuerySet",
    "Move",
    "RESULT_MOVES",
    "RenderedSection",
    "ROLE_BODY_KINDS",
    "RenderedFile",
    "Section",
    "SectionLevel",
    "SectionQuerySet",
    "SectionSearchEntry",
    "SectionTranslation",
    "StoredComparison",
    "StoredDiff",
    "VersionStatus",
    "decision_move",
    "find_move",
    "is_audit_trail",
    "is_derived",
    "moves_from",
    "new_section_key",
    "results_for",
    "section_anchor",
    "section_source",
    "source_digest",
    "version_move",
]
