"""Page and AccessibilityFeedback moved to `site`, OParlTombstone to `oparl`: their tables
stay, only the migration state leaves this app (the new apps' 0001 take it over)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('minden_integration', '0003_auth_permissions_for_superusers_only'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table stays where it is; only Django's idea of which app owns it moves.
            state_operations=[
                migrations.RemoveField(
                    model_name='accessibilityfeedback',
                    name='handled_by',
                ),
                migrations.RemoveIndex(
                    model_name='oparltombstone',
                    name='oparl_tombstone_list',
                ),
                migrations.RemoveConstraint(
                    model_name='oparltombstone',
                    name='oparl_tombstone_once',
                ),
                migrations.RemoveConstraint(
                    model_name='oparltombstone',
                    name='oparl_tombstone_kind_valid',
                ),
                migrations.DeleteModel(
                    name='OParlTombstone',
                ),
                migrations.RemoveConstraint(
                    model_name='page',
                    name='page_slug_valid',
                ),
                migrations.DeleteModel(
                    name='Page',
                ),
                migrations.DeleteModel(
                    name='AccessibilityFeedback',
                ),
            ],
            database_operations=[],
        ),
    ]
