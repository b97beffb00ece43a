"""The roles as Django groups, created idempotently (after migrate and by the loader).

Not a data migration: test flushes delete the rows a data migration would have created once.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from minden_integration.core.roles import (
    CLERK,
    MEMBER,
    OFFICER,
    PERMISSION_REGISTER,
    PERMISSION_REPORT,
    TRANSLATOR,
)

# The apps whose data the roles work with (not `core`: its generation counter is no one's to edit).
PROJECT_APPS = ("concept", "workgroups", "measures", "site", "oparl")
# The officer's alone (data protection): reporting what is held about a person (Art. 15 DSGVO)
# and reading the register of processing activities (Art. 30 DSGVO); never the clerks'.
OFFICER_ONLY = (PERMISSION_REPORT, PERMISSION_REGISTER)


def _permissions(*, apps: tuple[str, ...], actions: tuple[str, ...]) -> list[Permission]:
    perms = Permission.objects.filter(content_type__app_label__in=apps).select_related(
        "content_type"
    )
    return [p for p in perms if p.codename.split("_", 1)[0] in actions]


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create or update the groups so that their permissions are exactly the intended ones."""
    officer, _ = Group.objects.get_or_create(name=OFFICER)
    officer.permissions.set(
        _permissions(apps=PROJECT_APPS, actions=("add", "change", "delete", "view"))
        # Read-only: members' accounts are managed through the invitation and membership
        # services; staff accounts, groups and permissions only by superusers.
        + list(Permission.objects.filter(content_type__app_label="auth", codename="view_user"))
        + list(
            Permission.objects.filter(content_type__app_label__in=PROJECT_APPS).filter(
                codename__in=OFFICER_ONLY
            )
        )
        # Resetting another staff account's second factor when its phone is lost (the accounts'
        # admin page; never a superuser's, never one's own).
        + list(
            Permission.objects.filter(
                Q(content_type__app_label="otp_totp", codename="delete_totpdevice")
                | Q(content_type__app_label="otp_static", codename="delete_staticdevice")
            )
        )
    )
    clerk, _ = Group.objects.get_or_create(name=CLERK)
    clerk.permissions.set(_permissions(apps=PROJECT_APPS, actions=("view",)))
    member, _ = Group.objects.get_or_create(name=MEMBER)
    member.permissions.set([])
    # Translators work only on their own pages under /konto/, never in the admin.
    translator, _ = Group.objects.get_or_create(name=TRANSLATOR)
    translator.permissions.set([])
    return {OFFICER: officer, CLERK: clerk, MEMBER: member, TRANSLATOR: translator}


def roles_ensure_after_migrate(sender, **kwargs) -> None:
    """post_migrate is sent once per app with models, and each app's permissions are created
    when it is sent: the roles are set once the last of them has been."""
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        roles_ensure()
