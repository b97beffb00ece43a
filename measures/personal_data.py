"""The measures' part of the Art. 15 report: where the person is a measure's contact, and the
progress updates their account recorded. Registered in `MeasuresConfig.ready`; nothing to
delete on a schedule (contacts go with their account, updates stay without it)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from measures.models import MeasureContact, ProgressUpdate
from minden_integration.core.personal_data import (
    Column,
    DataSubject,
    PersonalDataSource,
    Section,
)

PROCESSING = "progress_contacts"


def _field(model, name: str) -> Column:
    return Column(name, str(model._meta.get_field(name).verbose_name))


def progress_sections(subject: DataSubject) -> list[Section]:
    """Two queries; none for a participant without an account."""
    if subject.user is None:
        return []
    contacts = (
        MeasureContact.objects.filter(user=subject.user)
        .select_related("measure", "organisation")
        .order_by("measure__number")
    )
    updates = (
        ProgressUpdate.objects.filter(recorded_by=subject.user)
        .select_related("measure", "reported_for")
        .order_by("date", "pk")
    )
    measure = Column("measure", _("Maßnahme"))
    return [
        Section(
            key="measure_contacts",
            title=_("Ansprechstelle für Maßnahmen"),
            processing=PROCESSING,
            columns=[
                measure,
                _field(MeasureContact, "organisation"),
                _field(MeasureContact, "created_at"),
            ],
            rows=[
                {
                    "measure": str(contact.measure),
                    "organisation": contact.organisation.name,
                    "created_at": contact.created_at,
                }
                for contact in contacts
            ],
        ),
        Section(
            key="progress_updates",
            title=_("Fortschrittsmeldungen"),
            processing=PROCESSING,
            columns=[
                measure,
                *(
                    _field(ProgressUpdate, name)
                    for name in ("date", "status", "note", "reported_for", "review", "created_at")
                ),
            ],
            rows=[
                {
                    "measure": str(update.measure),
                    "date": update.date,
                    "status": update.get_status_display(),
                    "note": update.note,
                    "reported_for": update.reported_for.name if update.reported_for else "",
                    "review": update.get_review_display(),
                    "created_at": update.created_at,
                }
                for update in updates
            ],
        ),
    ]


SOURCE = PersonalDataSource(key="measures", collect=progress_sections)
