from django.db import migrations


def amendments_numbered(apps, schema_editor):
    """Every amendment submitted so far gets its number within its version, in the order it was
    submitted (the history's copies of it too). All of them were submitted as persons, and a
    person's submission keeps no organisation: where a person is their organisation's only
    member in a group, the organisation names them."""
    Amendment = apps.get_model("concept", "Amendment")
    Historical = apps.get_model("concept", "HistoricalAmendment")
    numbers: dict[int, int] = {}
    submitted = (
        Amendment.objects.filter(submitted_at__isnull=False)
        .order_by("version_id", "submitted_at", "pk")
        .values_list("pk", "version_id")
    )
    for pk, version_id in submitted:
        numbers[version_id] = numbers.get(version_id, 0) + 1
        Amendment.objects.filter(pk=pk).update(number=numbers[version_id])
        Historical.objects.filter(id=pk, submitted_at__isnull=False).update(
            number=numbers[version_id]
        )
    Amendment.objects.update(submitted_as="person", organisation_name="")
    Historical.objects.update(submitted_as="person", organisation_name="")


class Migration(migrations.Migration):

    dependencies = [
        ('concept', '0011_amendment_number_and_submitted_as'),
    ]

    operations = [
        # Backwards the numbers go with their column; the organisations are not restored.
        migrations.RunPython(amendments_numbered, migrations.RunPython.noop),
    ]
