"""A record for every consent to be named given before consents were recorded.

When and how those consents were given was not kept: the record says so (`how="migrated"`),
takes the membership's creation as the time and the consent form's wording of that time as the
text. Withdrawn consents of that time left no trace and get no record.
"""

from django.db import migrations

# The consent form's label and explanation as they stood when the records were introduced.
TEXT = (
    "Mein Name darf öffentlich genannt werden. Dann steht Ihr Name in der Teilnehmendenliste "
    "der Arbeitsgruppe und bei Vorschlägen, die Sie künftig einreichen. Ein Widerruf entfernt "
    "ihn sofort überall."
)
NOTE = (
    "Erteilt, bevor Einwilligungen nachgewiesen wurden: Zeitpunkt und Weg sind nicht bekannt; "
    "als Zeitpunkt steht die Anlage der Mitgliedschaft."
)


def records_create(apps, schema_editor):
    Membership = apps.get_model("workgroups", "Membership")
    ConsentRecord = apps.get_model("workgroups", "ConsentRecord")
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            membership_id=membership.pk,
            purpose="name_public",
            text=TEXT,
            language="de",
            given_at=membership.created_at,
            given_how="migrated",
            note=NOTE,
        )
        for membership in Membership.objects.filter(consent_to_name=True).only("pk", "created_at")
    )


def records_remove(apps, schema_editor):
    apps.get_model("workgroups", "ConsentRecord").objects.filter(given_how="migrated").delete()


class Migration(migrations.Migration):
    dependencies = [("workgroups", "0005_consent_records")]

    operations = [migrations.RunPython(records_create, records_remove)]
