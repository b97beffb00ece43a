"""Tombstones for removed rows that the OParl endpoint published.

Receivers rather than service calls: rows also go through the admin's delete views, cascades and
querysets, and every removal must leave its tombstone in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete
from django.utils import timezone

from concept.models import (
    Body,
    Concept,
    ConceptVersion,
    Consultation,
    IssuedFile,
    Milestone,
    VersionStatus,
)
from minden_integration.oparl.models import OParlTombstone, OParlTombstoneKind
from workgroups.models import Membership, Session, WorkingGroup

Kind = OParlTombstoneKind


def _record(*, kind: str, instance, concept_pk, parent_pk=None, label: str = "") -> None:
    OParlTombstone.objects.update_or_create(
        kind=kind,
        object_pk=instance.pk,
        defaults={
            "concept_pk": concept_pk,
            "parent_pk": parent_pk,
            "label": str(label)[:300],
            "created": getattr(instance, "created_at", None),
            "deleted_at": timezone.now(),
        },
    )


def _related(instance, name: str):
    """The parent row, or None when a cascade has already removed it."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def _concept_deleted(sender, instance: Concept, **kwargs) -> None:
    # The OParl body's name: the municipality.
    _record(
        kind=Kind.CONCEPT, instance=instance, concept_pk=instance.pk, label=instance.municipality
    )


def _body_deleted(sender, instance: Body, **kwargs) -> None:
    _record(kind=Kind.BODY, instance=instance, concept_pk=instance.concept_id, label=instance.name)


def _working_group_deleted(sender, instance: WorkingGroup, **kwargs) -> None:
    _record(
        kind=Kind.WORKING_GROUP,
        instance=instance,
        concept_pk=instance.concept_id,
        label=instance.name,
    )


def _session_deleted(sender, instance: Session, **kwargs) -> None:
    group = _related(instance, "working_group")
    _record(
        kind=Kind.SESSION,
        instance=instance,
        concept_pk=group.concept_id if group else None,
        parent_pk=instance.working_group_id,
        label=str(instance) if group else "",
    )


def _milestone_deleted(sender, instance: Milestone, **kwargs) -> None:
    _record(
        kind=Kind.MILESTONE,
        instance=instance,
        concept_pk=instance.concept_id,
        parent_pk=instance.version_id,
        label=instance.title,
    )


def _consultation_deleted(sender, instance: Consultation, **kwargs) -> None:
    # Only a planned Beratung is ever taken out (`consultation_unplan`); its Consultation,
    # and its Meeting and AgendaItem if it had a day, answer `deleted` under its key.
    version = _related(instance, "version")
    body = _related(instance, "body")
    _record(
        kind=Kind.CONSULTATION,
        instance=instance,
        concept_pk=version.concept_id if version else None,
        parent_pk=instance.version_id,
        label=f"{body}: {instance.get_role_display()}" if body else "",
    )


def _version_deleted(sender, instance: ConceptVersion, **kwargs) -> None:
    # Drafts were never published: their address stays unknown (404), as before.
    if instance.status == VersionStatus.DRAFT:
        return
    _record(
        kind=Kind.VERSION, instance=instance, concept_pk=instance.concept_id, label=str(instance)
    )


def _issued_file_deleted(sender, instance: IssuedFile, **kwargs) -> None:
    version = _related(instance, "version")
    _record(
        kind=Kind.ISSUED_FILE,
        instance=instance,
        concept_pk=version.concept_id if version else None,
        parent_pk=instance.version_id,
        label=instance.file.name,
    )


def _membership_deleted(sender, instance: Membership, **kwargs) -> None:
    # No label: the person's name must not outlive the membership.
    group = _related(instance, "working_group")
    _record(
        kind=Kind.MEMBERSHIP,
        instance=instance,
        concept_pk=group.concept_id if group else None,
        parent_pk=instance.working_group_id,
    )


RECEIVERS = {
    Concept: _concept_deleted,
    Body: _body_deleted,
    WorkingGroup: _working_group_deleted,
    Session: _session_deleted,
    Milestone: _milestone_deleted,
    Consultation: _consultation_deleted,
    ConceptVersion: _version_deleted,
    IssuedFile: _issued_file_deleted,
    Membership: _membership_deleted,
}


def tombstones_connect() -> None:
    for model, receiver in RECEIVERS.items():
        post_delete.connect(
            receiver, sender=model, dispatch_uid=f"oparl-tombstone-{model._meta.label_lower}"
        )
