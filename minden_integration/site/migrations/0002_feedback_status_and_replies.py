"""Accessibility feedback gets a status with who and when for each step, and its replies.

The `handled` flag becomes the status: handled → beantwortet (answered at its last change, by
whoever ticked it), otherwise eingegangen. `handled_by` is kept as `answered_by`.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def handled_to_status(apps, schema_editor):
    Feedback = apps.get_model("site", "AccessibilityFeedback")
    Feedback.objects.filter(handled=True).update(
        status="answered", answered_at=models.F("updated_at")
    )
    # Who ticked a box that was unticked again answered nothing.
    Feedback.objects.filter(handled=False).update(answered_by=None)


def status_to_handled(apps, schema_editor):
    Feedback = apps.get_model("site", "AccessibilityFeedback")
    Feedback.objects.filter(status="answered").update(handled=True)


class Migration(migrations.Migration):

    dependencies = [
        ('site', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='accessibilityfeedback',
            name='status',
            field=models.CharField(choices=[('received', 'eingegangen'), ('interim', 'Zwischennachricht gesendet'), ('answered', 'beantwortet')], db_index=True, default='received', max_length=10, verbose_name='Status'),
        ),
        migrations.AddField(
            model_name='accessibilityfeedback',
            name='interim_sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='Zwischennachricht gesendet am'),
        ),
        migrations.AddField(
            model_name='accessibilityfeedback',
            name='interim_sent_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Zwischennachricht von'),
        ),
        migrations.AddField(
            model_name='accessibilityfeedback',
            name='answer_due_on',
            field=models.DateField(blank=True, help_text='Das Datum, das die letzte Zwischennachricht genannt hat.', null=True, verbose_name='Antwort zugesagt bis'),
        ),
        migrations.AddField(
            model_name='accessibilityfeedback',
            name='answered_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='beantwortet am'),
        ),
        migrations.RenameField(
            model_name='accessibilityfeedback',
            old_name='handled_by',
            new_name='answered_by',
        ),
        migrations.AlterField(
            model_name='accessibilityfeedback',
            name='answered_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='beantwortet von'),
        ),
        migrations.RunPython(handled_to_status, status_to_handled),
        migrations.RemoveField(
            model_name='accessibilityfeedback',
            name='handled',
        ),
        migrations.AddConstraint(
            model_name='accessibilityfeedback',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['received', 'interim', 'answered'])), name='feedback_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='accessibilityfeedback',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('answered_at__isnull', False), ('status', 'answered')), models.Q(models.Q(('status', 'answered'), _negated=True), ('answered_at__isnull', True)), _connector='OR'), name='feedback_answered_has_time'),
        ),
        migrations.AddConstraint(
            model_name='accessibilityfeedback',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'interim'), _negated=True), models.Q(('answer_due_on__isnull', False), ('interim_sent_at__isnull', False)), _connector='OR'), name='feedback_interim_has_time_and_date'),
        ),
        migrations.CreateModel(
            name='FeedbackReply',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('interim', 'Zwischennachricht'), ('answer', 'Antwort')], max_length=10, verbose_name='Art')),
                ('text', models.TextField(validators=[django.core.validators.MaxLengthValidator(10000)], verbose_name='Text')),
                ('answer_by', models.DateField(blank=True, help_text='Nur bei einer Zwischennachricht.', null=True, verbose_name='Antwort zugesagt bis')),
                ('to_address', models.EmailField(blank=True, help_text='Leer, wenn die Rückmeldung keine E-Mail-Adresse hatte: dann nur vermerkt.', max_length=254, verbose_name='gesendet an')),
                ('sent_at', models.DateTimeField(verbose_name='gesendet am')),
                ('feedback', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='site.accessibilityfeedback', verbose_name='Rückmeldung')),
                ('sent_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gesendet von')),
            ],
            options={
                'verbose_name': 'Antwort auf eine Rückmeldung',
                'verbose_name_plural': 'Antworten auf Rückmeldungen',
                'ordering': ['sent_at', 'pk'],
                'constraints': [
                    models.CheckConstraint(condition=models.Q(('kind__in', ['interim', 'answer'])), name='feedbackreply_kind_valid'),
                    models.CheckConstraint(condition=models.Q(models.Q(('answer_by__isnull', False), ('kind', 'interim')), models.Q(('answer_by__isnull', True), ('kind', 'answer')), _connector='OR'), name='feedbackreply_interim_names_a_date'),
                ],
            },
        ),
    ]
