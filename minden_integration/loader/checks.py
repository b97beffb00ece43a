"""What a load left in the database: the row counts the command reports and the tests compare,
and the check that the demo portal is complete (`manage.py check_demo_data`)."""

from __future__ import annotations

import hashlib
from itertools import chain

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models

from concept.models import Concept, VersionStatus, is_audit_trail
from measures.models import Measure
from workgroups.models import Session, WorkingGroup


def counted_models() -> list[type[models.Model]]:
    project = chain.from_iterable(
        apps.get_app_config(label).get_models(include_auto_created=True)
        for label in ("concept", "workgroups", "measures")
    )
    return [*(m for m in project if not is_audit_trail(m)), get_user_model(), Group]


def row_counts() -> dict[str, int]:
    """Rows per model of the three apps (with their m2m tables), users and groups."""
    return {model._meta.label: model.objects.count() for model in counted_models()}


def visible_counts() -> dict[str, int]:
    return {
        f"{str(model._meta.verbose_name_plural)} ({model.__name__})": model.objects.count()
        for model in counted_models()
        if not model._meta.auto_created
    }


def demo_data_problems(*, slug: str | None = None) -> list[str]:
    """What is missing for the demo portal to be complete (empty list: all there)."""
    slug = slug or settings.PORTAL_CONCEPT_SLUG
    concept = Concept.objects.filter(slug=slug).first()
    if concept is None:
        return [f"Kein Konzept mit dem Kurznamen „{slug}“ / no concept with slug {slug!r}."]
    problems = []
    expected = {
        "Arbeitsgruppen / working groups": (WorkingGroup.objects.filter(concept=concept), 3),
        "Sitzungen / sessions": (Session.objects.filter(working_group__concept=concept), 9),
        "Maßnahmen / measures": (Measure.objects.filter(concept=concept), 99),
    }
    for label, (queryset, count) in expected.items():
        found = queryset.count()
        if found != count:
            problems.append(f"{label}: {found} statt / instead of {count}.")
    versions = list(concept.versions.all())
    if len(versions) < 2:
        problems.append(f"Versionen / versions: {len(versions)} statt / instead of ≥ 2.")
    approved = [v for v in versions if v.status == VersionStatus.APPROVED]
    if not approved:
        problems.append("Keine beschlossene Version / no approved version.")
    for version in approved:
        if not version.is_frozen or not version.snapshot:
            problems.append(f"Version {version.number} ist nicht eingefroren / is not frozen.")
        elif hashlib.sha256(version.snapshot.encode("utf-8")).hexdigest() != version.checksum:
            problems.append(
                f"Version {version.number}: Prüfsumme passt nicht / checksum does not match."
            )
    if not any(v.status == VersionStatus.CONSULTATION for v in versions):
        problems.append("Keine Version in Beteiligung / no version in consultation.")
    return problems
