"""The officer's admin for the concept, one module per model and per workflow.

Django's autodiscover imports `concept.admin`; importing the modules registers their admins.
Versions move only through the buttons on their change page, which call `concept.services`;
text is editable only in draft, and frozen versions are shown read-only.
"""

from concept.admin import (  # noqa: F401 (imported to register)
    amendments,
    concept,
    consultations,
    issued_files,
    languages,
    milestones,
    sections,
    versions,
)
