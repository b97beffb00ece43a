"""Erasing a person: every way an account is deleted goes through `account_erase`, which
appends to the erasure log (outside the database) once the erasure has committed."""

import hashlib
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from minden_integration.accounts.erasures import erasure_log_read
from minden_integration.accounts.services import account_erase
from tests.factories import AmendmentFactory, MembershipFactory, UserFactory
from workgroups.models import Membership

User = get_user_model()


@pytest.fixture
def log(settings, tmp_path):
    settings.PORTAL_ERASURE_LOG = tmp_path / "sicherungen" / "erasures.jsonl"
    return settings.PORTAL_ERASURE_LOG


@pytest.fixture
def named_member(member, group):
    member.email = "Erika.Musterfrau@Example.org"
    member.save()
    membership = MembershipFactory(
        working_group=group, user=member, name="Erika Musterfrau", consent_to_name=True
    )
    AmendmentFactory(author=member, author_name="Erika Musterfrau")
    return member, membership


def lines(log):
    return log.read_text(encoding="utf-8").splitlines()


def test_erasing_appends_one_line_that_names_nobody(
    log, named_member, django_capture_on_commit_callbacks
):
    member, membership = named_member
    pk, joined = member.pk, member.date_joined
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=member, by=member)
    assert not User.objects.filter(pk=pk).exists()
    [line] = lines(log)
    assert "Erika" not in line and "example.org" not in line.lower()
    data = json.loads(line)
    assert data["user_id"] == pk
    assert data["memberships"] == [membership.pk]
    expected = hashlib.sha256(b"erika.musterfrau@example.org").hexdigest()
    assert data["email_sha256"] == expected
    [erasure] = erasure_log_read(log)[0]
    assert erasure.date_joined == joined
    assert erasure.at is not None
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_a_rolled_back_erasure_leaves_no_line(log, named_member):
    member, _membership = named_member

    with pytest.raises(RuntimeError), transaction.atomic():
        account_erase(user=member, by=member)
        raise RuntimeError("Abbruch")
    assert User.objects.filter(pk=member.pk).exists()
    assert not log.exists() or lines(log) == []


def test_an_unwritable_log_refuses_the_erasure(settings, tmp_path, named_member):
    (tmp_path / "datei").write_text("kein Ordner")
    settings.PORTAL_ERASURE_LOG = tmp_path / "datei" / "erasures.jsonl"
    member, membership = named_member
    with pytest.raises(ValidationError, match="Löschprotokoll"):
        account_erase(user=member, by=member)
    assert User.objects.filter(pk=member.pk).exists()
    membership.refresh_from_db()
    assert membership.name == "Erika Musterfrau"


def test_the_member_page_reports_an_unwritable_log(client, settings, tmp_path, named_member):
    (tmp_path / "datei").write_text("kein Ordner")
    settings.PORTAL_ERASURE_LOG = tmp_path / "datei" / "erasures.jsonl"
    member, _membership = named_member
    client.force_login(member)
    response = client.post("/konto/loeschen/", {"confirm": "on"})
    assert response.status_code == 503
    assert "Löschprotokoll kann nicht geschrieben werden" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_only_the_person_or_a_superuser_erases(named_member, officer):
    member, _membership = named_member
    with pytest.raises(PermissionDenied):
        account_erase(user=member, by=officer)
    with pytest.raises(ValidationError):
        account_erase(user=officer, by=officer)
    assert User.objects.filter(pk__in=[member.pk, officer.pk]).count() == 2


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_deleting_a_user_in_the_admin_erases_the_person(
    superuser_client, log, named_member, django_capture_on_commit_callbacks
):
    member, membership = named_member
    url = reverse("admin:auth_user_delete", args=[member.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert Membership.objects.get(pk=membership.pk).name == ""
    assert json.loads(lines(log)[0])["user_id"] == member.pk


def test_deleting_users_in_bulk_erases_each(
    superuser_client, log, named_member, django_capture_on_commit_callbacks
):
    member, _membership = named_member
    other = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        superuser_client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "delete_selected", "_selected_action": [member.pk, other.pk], "post": "yes"},
        )
    assert not User.objects.filter(pk__in=[member.pk, other.pk]).exists()
    assert sorted(json.loads(line)["user_id"] for line in lines(log)) == [member.pk, other.pk]


def test_the_admin_refuses_a_deletion_the_log_cannot_record(
    superuser_client, settings, tmp_path, named_member
):
    (tmp_path / "datei").write_text("kein Ordner")
    settings.PORTAL_ERASURE_LOG = tmp_path / "datei" / "erasures.jsonl"
    member, _membership = named_member
    url = reverse("admin:auth_user_delete", args=[member.pk])
    response = superuser_client.post(url, {"post": "yes"}, follow=True)
    assert "Löschprotokoll kann nicht geschrieben werden" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()
