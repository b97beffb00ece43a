"""The Beratungsfolge replaces the decision milestones and the statuses "adopted", "forwarded"
and "returned": what was recorded as a body's decision becomes a held Beratung, a version
still before the council gets the council's decision planned, and every version its
"Status seit" (the body's date where one is known). The frozen-version guard lets the new
decision columns change."""

import importlib

from django.db import migrations, models
from django.utils import timezone

MUTABLE = [
    "status",
    "status_changed_at",
    "status_since",
    "council_paper_reference",
    "paper_url",
    "presented_on",
    "lock_version",
    "updated_at",
]
MUTABLE_SQL = "ARRAY[" + ", ".join(f"'{c}'" for c in MUTABLE) + "]"
OLD_MUTABLE_SQL = (
    "ARRAY['status', 'status_changed_at', 'council_paper_reference', 'lock_version', 'updated_at']"
)
GUARD = """
CREATE OR REPLACE FUNCTION concept_version_frozen_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.frozen_at IS NOT NULL THEN
            RAISE EXCEPTION 'Version % ist eingefroren und kann nicht gelöscht werden.', OLD.number
                USING ERRCODE = '23000';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.frozen_at IS NOT NULL
       AND (to_jsonb(NEW) - {mutable}) IS DISTINCT FROM (to_jsonb(OLD) - {mutable}) THEN
        RAISE EXCEPTION 'Version % ist eingefroren; nur Status und Beschlussdaten dürfen sich ändern.', OLD.number
            USING ERRCODE = '23000';
    END IF;
    RETURN NEW;
END;
$$;
"""


def guard_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD.replace("{mutable}", MUTABLE_SQL), params=None)


def guard_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD.replace("{mutable}", OLD_MUTABLE_SQL), params=None)


OUTCOME_STEP = {
    # milestone outcome: (body kind wanted, role, result, step)
    "adopted": ("advisory", "preliminary", "recommended", 1),
    "approved": ("council", "decision", "decided", 2),
    "returned": ("council", "decision", "rejected", 2),
}
STATUS_NOW = {"adopted": "council_review", "forwarded": "council_review", "returned": "rejected"}


def _day(value):
    return timezone.localdate(value) if value else None


def records_forward(apps, schema_editor):
    Version = apps.get_model("concept", "ConceptVersion")
    Milestone = apps.get_model("concept", "Milestone")
    Consultation = apps.get_model("concept", "Consultation")
    Body = apps.get_model("concept", "Body")
    for version in Version.objects.all().order_by("pk"):
        bodies = {b.kind: b for b in Body.objects.filter(concept_id=version.concept_id).order_by("-position")}
        decisions = Milestone.objects.filter(version=version, kind="decision").order_by("position", "pk")
        since = _day(version.status_changed_at)
        presented_on = version.presented_on
        for milestone in decisions:
            if milestone.outcome == "presented":
                presented_on = milestone.date or _day(version.frozen_at)
            if milestone.outcome in OUTCOME_STEP:
                kind, role, result, step = OUTCOME_STEP[milestone.outcome]
                body = milestone.body or bodies.get(kind)
                if body is not None:
                    Consultation.objects.create(
                        version=version,
                        body=body,
                        role=role,
                        step=step,
                        held_on=milestone.date,
                        held_text="" if milestone.date else (milestone.date_text or "Datum nicht erfasst"),
                        result=result,
                        decision_text=milestone.description,
                        is_example=version.is_example,
                    )
                    if result in ("decided", "rejected") and milestone.date:
                        since = milestone.date
        decisions.delete()
        status = STATUS_NOW.get(version.status, version.status)
        if status == "council_review" and "council" in bodies and not Consultation.objects.filter(
            version=version, role="decision"
        ).exists():
            Consultation.objects.create(
                version=version,
                body=bodies["council"],
                role="decision",
                step=2,
                is_example=version.is_example,
            )
        if version.frozen_at and presented_on is None:
            presented_on = _day(version.frozen_at)
        Version.objects.filter(pk=version.pk).update(
            status=status, status_since=since, presented_on=presented_on
        )


GUARDS = importlib.import_module("concept.migrations.0002_frozen_guards")


def sqlite_guards_create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in GUARDS.SQLITE_FORWARD:
            schema_editor.execute(statement, params=None)


def sqlite_guards_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in GUARDS.SQLITE_BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("concept", "0007_beratungsfolge")]

    operations = [
        migrations.RunPython(guard_forward, guard_backward),
        migrations.RunPython(records_forward, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="conceptversion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "draft",
                        "consultation",
                        "consultation_closed",
                        "council_review",
                        "approved",
                        "amended",
                        "rejected",
                        "superseded",
                    ]
                ),
                name="version_status_valid",
            ),
        ),
        migrations.RunPython(sqlite_guards_create, sqlite_guards_drop),
    ]
