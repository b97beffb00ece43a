"""Fill the stored search data of the measures that exist already."""

from django.db import migrations


def fill(apps, schema_editor):
    # The service works on the historical model it is given (its fields and relations).
    from measures.search_index import measures_search_refresh

    Measure = apps.get_model("measures", "Measure")
    measures_search_refresh(measures=Measure.objects.using(schema_editor.connection.alias).all())


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0002_measure_search_index"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
