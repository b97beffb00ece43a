"""Beratungen leave tombstones of their own; and the decision milestones that concept's
migration 0008 turned into Beratungen (removing them without tombstones: the signals do not
fire in migrations) get theirs now, so that their old OParl addresses (as a Consultation and
as a Meeting) answer `deleted: true` instead of 404. Their keys come from the milestones'
history."""

from django.db import migrations, models
from django.utils import timezone


def removed_decisions_record(apps, schema_editor):
    Historical = apps.get_model("concept", "HistoricalMilestone")
    Milestone = apps.get_model("concept", "Milestone")
    Tombstone = apps.get_model("oparl", "OParlTombstone")
    latest = {}
    for record in Historical.objects.order_by("history_date", "history_id"):
        latest[record.id] = record
    existing = set(Milestone.objects.values_list("pk", flat=True))
    recorded = set(Tombstone.objects.filter(kind="milestone").values_list("object_pk", flat=True))
    now = timezone.now()
    Tombstone.objects.bulk_create(
        Tombstone(
            kind="milestone",
            object_pk=pk,
            concept_pk=record.concept_id,
            parent_pk=record.version_id,
            label=record.title[:300],
            created=record.created_at,
            deleted_at=now,
        )
        for pk, record in latest.items()
        if record.kind == "decision"
        and record.version_id is not None
        and pk not in existing
        and pk not in recorded
    )


class Migration(migrations.Migration):

    dependencies = [
        ('oparl', '0001_initial'),
        ('concept', '0008_beratungsfolge_records'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='oparltombstone',
            name='oparl_tombstone_kind_valid',
        ),
        migrations.AlterField(
            model_name='oparltombstone',
            name='kind',
            field=models.CharField(choices=[('concept', 'Konzept (Körperschaft)'), ('body', 'Gremium'), ('working_group', 'Arbeitsgruppe'), ('session', 'Sitzung'), ('milestone', 'Meilenstein'), ('consultation', 'Beratung'), ('version', 'Version'), ('issued_file', 'Ausgestellte Datei'), ('membership', 'Mitgliedschaft')], max_length=20, verbose_name='Art'),
        ),
        migrations.AddConstraint(
            model_name='oparltombstone',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['concept', 'body', 'working_group', 'session', 'milestone', 'consultation', 'version', 'issued_file', 'membership'])), name='oparl_tombstone_kind_valid'),
        ),
        migrations.RunPython(removed_decisions_record, migrations.RunPython.noop),
    ]
