"""Only superusers manage accounts, groups and permissions: take the `auth` permissions that
amount to superuser status (`change_user` can set `is_superuser` or a superuser's password)
from every group and from every account that is not a superuser. `roles_ensure()` keeps it so."""

from django.db import migrations

KEEP = {"view_user"}


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("auth", "User")
    dangerous = list(
        Permission.objects.filter(content_type__app_label="auth").exclude(codename__in=KEEP)
    )
    if not dangerous:
        return  # a fresh database: permissions are created after the migrations
    for group in Group.objects.filter(permissions__in=dangerous).distinct():
        group.permissions.remove(*dangerous)
    for user in User.objects.filter(is_superuser=False, user_permissions__in=dangerous).distinct():
        user.user_permissions.remove(*dangerous)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("minden_integration", "0002_oparltombstone"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
