"""Takes over OParlTombstone from the project package, table unchanged."""

from django.db import migrations, models


MODELS = ('oparltombstone',)


def move_content_types(apps, schema_editor):
    """Permissions and admin log entries follow the model: the content type changes app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="minden_integration", model__in=MODELS).update(
        app_label="oparl"
    )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="oparl", model__in=MODELS).update(
        app_label="minden_integration"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("minden_integration", "0004_move_tables_to_site_apps"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table stays where it is; only Django's idea of which app owns it moves.
            state_operations=[
                migrations.CreateModel(
                    name='OParlTombstone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('concept', 'Konzept (Körperschaft)'), ('body', 'Gremium'), ('working_group', 'Arbeitsgruppe'), ('session', 'Sitzung'), ('milestone', 'Meilenstein'), ('version', 'Version'), ('issued_file', 'Ausgestellte Datei'), ('membership', 'Mitgliedschaft')], max_length=20, verbose_name='Art')),
                        ('object_pk', models.PositiveBigIntegerField(verbose_name='Schlüssel des Objekts')),
                        ('concept_pk', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='Schlüssel des Konzepts')),
                        ('parent_pk', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='Schlüssel des übergeordneten Objekts')),
                        ('label', models.CharField(blank=True, help_text='Was gelöscht wurde; bei Mitgliedschaften ohne Namen (Datensparsamkeit).', max_length=300, verbose_name='Bezeichnung')),
                        ('created', models.DateTimeField(blank=True, null=True, verbose_name='angelegt am')),
                        ('deleted_at', models.DateTimeField(verbose_name='gelöscht am')),
                    ],
                    options={
                        'verbose_name': 'gelöschtes OParl-Objekt',
                        'verbose_name_plural': 'gelöschte OParl-Objekte',
                        'db_table': 'minden_integration_oparltombstone',
                        'ordering': ['-deleted_at', '-pk'],
                        'indexes': [models.Index(fields=['concept_pk', 'kind', 'deleted_at'], name='oparl_tombstone_list')],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'object_pk'), name='oparl_tombstone_once'), models.CheckConstraint(condition=models.Q(('kind__in', ['concept', 'body', 'working_group', 'session', 'milestone', 'version', 'issued_file', 'membership'])), name='oparl_tombstone_kind_valid')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
