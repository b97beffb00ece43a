"""Backup → wipe → restore on PostgreSQL (the test database itself): every row and file comes
back, a later erasure is applied again, and a damaged archive or a wrong key changes nothing.

The tests that restore commit their data (`transactional_db`: pg_dump and psql are other
sessions); those refused before anything is touched run inside the test's transaction."""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from concept.issuing_jobs import issue_file
from concept.models import Amendment, ConceptVersion, IssuedFile
from minden_integration.accounts.services import account_erase
from minden_integration.backup.archive import archive_check
from minden_integration.backup.crypto import EncryptingWriter, key_generate, key_parse
from minden_integration.site.models import Explanation
from tests.factories import (
    AmendmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    VersionFactory,
)
from workgroups.models import Membership, Organisation

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"
)

VIDEO = os.urandom(3 * 1024 * 1024 + 17)  # more than one chunk of the container


@pytest.fixture
def backups(settings, tmp_path):
    settings.PORTAL_BACKUP_KEY = key_generate()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_ERASURE_LOG = tmp_path / "sicherungen" / "erasures.jsonl"
    return tmp_path / "sicherungen"


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def media_hashes(media_root) -> dict[str, str]:
    root = Path(media_root)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def backup(directory) -> Path:
    call_command("backup", "--dir", str(directory), stdout=io.StringIO())
    [archive] = sorted(Path(directory).glob("*.mintbak"))
    return archive


def restore(archive, *args) -> str:
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def wipe(settings) -> None:
    call_command("flush", "--noinput", verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)


def test_backup_wipe_restore_brings_back_every_row_and_file(transactional_db, backups, settings):
    call_command("load_minden", "--demo", stdout=io.StringIO())
    explanation = Explanation.objects.order_by("pk").first() or Explanation.objects.create(
        topic="inhalt"
    )
    explanation.video = default_storage.save("videos/dgs-inhalt.mp4", ContentFile(VIDEO))
    explanation.captions = default_storage.save("videos/dgs-inhalt.vtt", ContentFile(b"WEBVTT"))
    explanation.save()
    frozen = ConceptVersion.objects.filter(frozen_at__isnull=False).order_by("number").first()
    issued = issue_file(frozen, "version", "json")
    counts, files = row_counts(), media_hashes(settings.MEDIA_ROOT)
    assert counts["concept.IssuedFile"] == 1 and len(files) == 3

    archive = backup(backups)
    assert archive.name.endswith("-postgresql.mintbak")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert b"WEBVTT" not in archive.read_bytes()
    wipe(settings)
    assert row_counts()["concept.Section"] == 0
    # A newer code's table, referring to a restored one: the restore drops it.
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE later_table (id bigint PRIMARY KEY, "
            "version_id bigint REFERENCES concept_conceptversion (id))"
        )

    output = restore(archive)

    assert row_counts() == counts
    assert media_hashes(settings.MEDIA_ROOT) == files
    assert "Alle 1 ausgestellten Dateien stimmen" in output
    assert IssuedFile.objects.get(pk=issued.pk).sha256 == issued.sha256
    assert "later_table" not in connection.introspection.table_names()
    # The database's own rules came back too: a frozen version refuses changes.
    with pytest.raises(IntegrityError), transaction.atomic():
        ConceptVersion.objects.filter(pk=frozen.pk).update(title="Anders")


def test_a_person_erased_after_the_backup_is_erased_again(transactional_db, backups, settings):
    erika = UserFactory(email="erika@example.org")
    other = UserFactory()
    own = MembershipFactory(user=erika, name="Erika Musterfrau", consent_to_name=True)
    # Named at the backup without an account; linked to Erika's account after it.
    linked_later = MembershipFactory(user=None, name="Erika M.", consent_to_name=True)
    kept = MembershipFactory(user=other, name="Hans Beispiel", consent_to_name=True)
    amendment = AmendmentFactory(author=erika, author_name="Erika Musterfrau")
    archive = backup(backups)

    Membership.objects.filter(pk=linked_later.pk).update(user=erika)
    account_erase(user=erika, by=erika)
    # Ids are handed out again after a restore rewinds the sequence: a line naming another
    # account's id, with neither its date_joined nor its address, spares that account.
    log = settings.PORTAL_ERASURE_LOG
    forged = {**json.loads(log.read_text()), "user_id": other.pk, "email_sha256": "0" * 64}
    with log.open("a") as handle:
        handle.write(json.dumps(forged) + "\n")
    output = restore(archive)

    assert "2 Löschung(en) seit der Sicherung, 1 Konto/Konten erneut gelöscht" in output
    assert not type(erika).objects.filter(pk=erika.pk).exists()
    assert type(erika).objects.filter(pk=other.pk).exists()
    for membership in (own, linked_later):
        membership.refresh_from_db()
        assert (membership.user_id, membership.name, membership.consent_to_name) == (
            None,
            "",
            False,
        )
    kept.refresh_from_db()
    assert kept.name == "Hans Beispiel"
    amendment = Amendment.objects.get(pk=amendment.pk)
    assert (amendment.author_id, amendment.author_name) == (None, "")


def test_the_manifest_names_versions_migrations_and_every_file(db, backups, settings, tmp_path):
    default_storage.save("videos/a.mp4", ContentFile(VIDEO))
    archive = backup(backups)
    (tmp_path / "work").mkdir()
    checked = archive_check(
        path=archive, key=key_parse(settings.PORTAL_BACKUP_KEY), work=tmp_path / "work"
    )
    manifest = checked.manifest
    assert manifest["database"]["vendor"] == "postgresql"
    assert manifest["django"] == django.get_version()
    last = MigrationRecorder.Migration.objects.filter(app="concept").order_by("id").last()
    assert manifest["database"]["migrations"]["concept"] == last.name
    files = {f["path"]: f for f in manifest["files"]}
    assert files["media/videos/a.mp4"]["sha256"] == hashlib.sha256(VIDEO).hexdigest()
    assert files["media/videos/a.mp4"]["size"] == len(VIDEO)
    assert set(files) == {"database/database.pgdump", "media/videos/a.mp4"}


def test_a_tampered_archive_is_refused_and_nothing_changes(db, backups, settings):
    OrganisationFactory(name="Grundschule am Weserufer")
    default_storage.save("videos/a.mp4", ContentFile(VIDEO))
    archive = backup(backups)
    OrganisationFactory(name="Nach der Sicherung")
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x40
    archive.write_bytes(bytes(data))
    counts, files = row_counts(), media_hashes(settings.MEDIA_ROOT)

    with pytest.raises(CommandError, match="beschädigt oder verändert.*Nichts wurde verändert"):
        restore(archive)

    assert row_counts() == counts
    assert Organisation.objects.filter(name="Nach der Sicherung").exists()
    assert media_hashes(settings.MEDIA_ROOT) == files
    assert [p.name for p in backups.iterdir() if p.name.startswith(".")] == []


def test_a_wrong_key_is_refused_and_nothing_changes(db, backups, settings):
    archive = backup(backups)
    OrganisationFactory(name="Nach der Sicherung")
    settings.PORTAL_BACKUP_KEY = key_generate()
    with pytest.raises(CommandError, match="anderen Schlüssel"):
        restore(archive)
    assert Organisation.objects.filter(name="Nach der Sicherung").exists()


def test_check_only_touches_nothing(db, backups):
    archive = backup(backups)
    OrganisationFactory(name="Nach der Sicherung")
    output = restore(archive, "--check-only")
    assert "vollständig und unverändert" in output
    assert Organisation.objects.filter(name="Nach der Sicherung").exists()


def test_an_issued_file_that_differs_from_its_hash_fails_the_restore(transactional_db, backups):
    name = default_storage.save("issued/minden-v1-version.json", ContentFile(b"{}"))
    IssuedFile.objects.create(
        version=VersionFactory(),
        document="version",
        format="json",
        file=name,
        mime_type="application/json",
        size=2,
        sha256=hashlib.sha256(b"[]").hexdigest(),
        sha512="0" * 128,
    )
    archive = backup(backups)
    with pytest.raises(CommandError, match="1 von 1 ausgestellten Dateien stimmen nicht"):
        restore(archive)


def crafted(path, key, manifest, members) -> Path:
    """An archive with the given content, properly encrypted: only its content is wrong."""
    with open(path, "wb") as raw:
        writer = EncryptingWriter(raw, key_parse(key))
        with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            for name, data in {**members, "manifest.json": json.dumps(manifest).encode()}.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        writer.close()
    return path


def manifest_for(members, vendor="postgresql") -> dict:
    return {
        "format": 1,
        "created": "2026-01-15T02:00:00+00:00",
        "database": {"vendor": vendor, "migrations": {}},
        "files": [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in members.items()
        ],
    }


def test_another_database_vendor_is_refused(db, backups, settings):
    members = {"database/database.sqlite3": b"SQLite format 3\x00"}
    backups.mkdir()
    archive = crafted(
        backups / "x.mintbak", settings.PORTAL_BACKUP_KEY, manifest_for(members, "sqlite"), members
    )
    with pytest.raises(CommandError, match="sqlite-Datenbank.*Nichts wurde verändert"):
        restore(archive)


def test_entries_outside_the_archive_folders_are_refused(db, backups, settings):
    members = {"database/database.pgdump": b"x", "media/../../evil.txt": b"x"}
    backups.mkdir()
    archive = crafted(
        backups / "x.mintbak", settings.PORTAL_BACKUP_KEY, manifest_for(members), members
    )
    with pytest.raises(CommandError, match="unzulässigen Eintrag"):
        restore(archive)
    assert not (backups.parent / "evil.txt").exists()


def test_retention_deletes_only_old_archives(db, backups, settings):
    settings.PORTAL_BACKUP_RETENTION_DAYS = 30
    backups.mkdir()
    old = backups / "20000101T020000Z-postgresql.mintbak"
    recent_name = (timezone.now() - dt.timedelta(days=29)).strftime("%Y%m%dT%H%M%SZ")
    recent = backups / f"{recent_name}-postgresql.mintbak"
    foreign = backups / "20000101-notizen.mintbak"
    log = backups / "erasures.jsonl"
    for path in (old, recent, foreign, log):
        path.write_bytes(b"x")

    out = io.StringIO()
    call_command("backup", "--dir", str(backups), stdout=out)

    assert not old.exists()
    assert recent.exists() and foreign.exists() and log.exists()
    assert len(list(backups.glob("2*-postgresql.mintbak"))) == 2  # the recent and the new one
    assert "20000101T020000Z-postgresql.mintbak" in out.getvalue()
    call_command("backup", "--dir", str(backups), "--retention-days", "0", stdout=io.StringIO())
    [left] = backups.glob("2*-postgresql.mintbak")
    assert left != recent
