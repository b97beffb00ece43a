"""Moving the site's tables into apps of their own changes no role's permissions.

`role_permissions_before.json` is each role's permission set as `roles_ensure()` made it before
the move (commit 6d43a91); the moved models keep their codenames under their new app.
"""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from minden_integration.roles import CLERK, MEMBER, OFFICER, TRANSLATOR, roles_ensure

BEFORE = json.loads((Path(__file__).parent / "role_permissions_before.json").read_text())
MOVED = {"page": "site", "accessibilityfeedback": "site", "oparltombstone": "oparl"}
# Models added since: each role holds on them what it holds on the concept's other rows.
ADDED = {
    "consultation",
    "historicalconsultation",
    "feedbackreply",
    "citysettings",
    "explanation",
    "consentrecord",
    "renderedfile",
    # Implementation monitoring: indicators, their values, contacts and the updates' trail.
    "indicator",
    "historicalindicator",
    "indicatorvalue",
    "historicalindicatorvalue",
    "measurecontact",
    "historicalmeasurecontact",
    "historicalprogressupdate",
    # The annual implementation report and its issued files.
    "implementationreport",
    "implementationreportconsultation",
    "implementationreportfile",
    # Translations of the concept: the languages and the translated rows.
    "contentlanguage",
    "sectiontranslation",
    "measuretranslation",
}
# Permissions of no model's own (DSGVO: the Art. 15 report and the Art. 30 register).
ADDED_CODENAMES = {"dsgvo_report", "dsgvo_register"}


# Apps added since: the second factor's devices (the officer resets another staff account's).
ADDED_APPS = {"otp_totp", "otp_static"}


def added(permission: str) -> bool:
    app, codename = permission.split(".")
    return app in ADDED_APPS or codename in ADDED_CODENAMES or codename.split("_", 1)[1] in ADDED


def test_only_the_officer_may_reset_a_second_factor_and_nothing_else_of_it(db):
    groups = roles_ensure()
    held = {
        name: sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
            if p.content_type.app_label in ADDED_APPS
        )
        for name, group in groups.items()
    }
    assert held == {
        OFFICER: ["otp_static.delete_staticdevice", "otp_totp.delete_totpdevice"],
        CLERK: [],
        MEMBER: [],
        TRANSLATOR: [],
    }


def moved(permission: str) -> str:
    app, codename = permission.split(".")
    model = codename.split("_", 1)[1]
    return f"{MOVED[model]}.{codename}" if app == "minden_integration" else permission


def permissions(group: Group) -> list[str]:
    """The role's permissions on the models that existed when the snapshot was taken."""
    return sorted(
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
        if not added(f"{p.content_type.app_label}.{p.codename}")
    )


def test_roles_hold_on_the_beratungen_what_they_hold_on_the_milestones(db):
    groups = roles_ensure()
    for group in groups.values():
        held = {p.codename for p in group.permissions.all()}
        for action in ("add", "change", "delete", "view"):
            assert (f"{action}_consultation" in held) == (f"{action}_milestone" in held), (
                group.name,
                action,
            )


def test_each_role_keeps_exactly_its_permissions(db):
    groups = roles_ensure()
    # Added since the snapshot: translators, who hold no permission at all.
    assert set(groups) == set(BEFORE) | {TRANSLATOR}
    assert not groups.pop(TRANSLATOR).permissions.exists()
    for name, group in groups.items():
        assert permissions(group) == sorted(moved(p) for p in BEFORE[name]), name


@pytest.mark.django_db(transaction=True)
def test_the_migrations_move_the_permissions_with_their_tables():
    """An existing database: its groups hold permissions of `minden_integration.page` …; after
    the migrations they are the same rows under the new apps, still held."""
    groups = roles_ensure()
    held = {
        name: set(group.permissions.values_list("pk", flat=True)) for name, group in groups.items()
    }
    executor = MigrationExecutor(connection)
    executor.migrate([("site", None), ("oparl", None)])
    executor.loader.build_graph()
    old_labels = set(
        ContentType.objects.filter(model__in=MOVED).values_list("app_label", flat=True)
    )
    assert old_labels == {"minden_integration"}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    labels = dict(ContentType.objects.filter(model__in=MOVED).values_list("model", "app_label"))
    assert labels == MOVED
    for name, pks in held.items():
        if name == TRANSLATOR:
            continue
        group = Group.objects.get(name=name)
        assert set(group.permissions.values_list("pk", flat=True)) == pks, name
        assert permissions(group) == sorted(moved(p) for p in BEFORE[name]), name
    assert not Permission.objects.filter(content_type__app_label="minden_integration").exists()
