from django.contrib.auth.models import Group

from minden_integration.roles import CLERK, MEMBER, OFFICER, TRANSLATOR, roles_ensure


def test_roles_ensure_is_idempotent(db):
    roles_ensure()
    first = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    roles_ensure()
    second = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert first == second
    assert set(first) == {OFFICER, CLERK, MEMBER, TRANSLATOR}


def test_clerks_only_view_and_officers_manage(db):
    groups = roles_ensure()
    clerk = set(groups[CLERK].permissions.values_list("codename", flat=True))
    officer = set(groups[OFFICER].permissions.values_list("codename", flat=True))
    assert "view_conceptversion" in clerk and "view_measure" in clerk
    assert all(code.startswith("view_") for code in clerk)
    assert {"change_conceptversion", "add_measure", "change_session"} <= officer
    assert not groups[MEMBER].permissions.exists()


def test_roles_exist_after_migrate(db):
    assert Group.objects.filter(name__in=[OFFICER, CLERK, MEMBER]).count() == 3
