"""Takes over Page and AccessibilityFeedback from the project package, tables unchanged."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ('page', 'accessibilityfeedback')


def move_content_types(apps, schema_editor):
    """Permissions and admin log entries follow the model: the content type changes app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="minden_integration", model__in=MODELS).update(
        app_label="site"
    )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="site", model__in=MODELS).update(
        app_label="minden_integration"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("minden_integration", "0004_move_tables_to_site_apps"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table stays where it is; only Django's idea of which app owns it moves.
            state_operations=[
                migrations.CreateModel(
                    name='AccessibilityFeedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='angelegt am')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                        ('message', models.TextField(validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='Ihre Nachricht')),
                        ('page_url', models.CharField(blank=True, max_length=500, verbose_name='Betroffene Seite')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='Name')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='E-Mail-Adresse für eine Antwort')),
                        ('handled', models.BooleanField(default=False, verbose_name='erledigt')),
                        ('handled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='bearbeitet von')),
                    ],
                    options={
                        'verbose_name': 'Rückmeldung zur Barrierefreiheit',
                        'verbose_name_plural': 'Rückmeldungen zur Barrierefreiheit',
                        'db_table': 'minden_integration_accessibilityfeedback',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Page',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='angelegt am')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                        ('slug', models.CharField(choices=[('impressum', 'Impressum'), ('datenschutz', 'Datenschutzerklärung'), ('barrierefreiheit', 'Erklärung zur Barrierefreiheit'), ('leichte-sprache', 'Leichte Sprache')], max_length=30, unique=True, verbose_name='Seite')),
                        ('title', models.CharField(max_length=200, verbose_name='Überschrift')),
                        ('body', models.TextField(blank=True, verbose_name='Text (Markdown)')),
                        ('video', models.FileField(blank=True, help_text='Von der Stadt bereitgestellt; MP4 oder WebM.', upload_to='videos/', validators=[django.core.validators.FileExtensionValidator(['mp4', 'webm'])], verbose_name='Video in Deutscher Gebärdensprache')),
                        ('video_captions', models.FileField(blank=True, upload_to='videos/', validators=[django.core.validators.FileExtensionValidator(['vtt'])], verbose_name='Untertitel zum Video (WebVTT)')),
                        ('conformity', models.CharField(blank=True, choices=[('full', 'vollständig vereinbar'), ('partial', 'teilweise vereinbar'), ('none', 'nicht vereinbar')], help_text='Nur für die Erklärung zur Barrierefreiheit.', max_length=10, verbose_name='Stand der Vereinbarkeit mit BITV NRW')),
                        ('statement_date', models.DateField(blank=True, help_text='Nur für die Erklärung.', null=True, verbose_name='Erklärung erstellt am')),
                    ],
                    options={
                        'verbose_name': 'Seite',
                        'verbose_name_plural': 'Seiten',
                        'db_table': 'minden_integration_page',
                        'ordering': ['slug'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('slug__in', ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache'])), name='page_slug_valid')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
