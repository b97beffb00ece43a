"""The SQLite round trip, run by `test_sqlite.py` as `python -m tests.backup.sqlite_roundtrip`
with DATABASE_URL=sqlite:///…: make the tables, store a few rows and a file, back up, delete
the database file and the media, restore; prints what it found as JSON."""

import hashlib
import io
import json
import os
import shutil
import sys
from pathlib import Path

import django


def row_counts():
    from django.apps import apps

    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def media_hashes(root: Path):
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def main(backup_dir: str) -> None:
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from django.db import connections

    from workgroups.models import Organisation

    call_command("migrate", "--run-syncdb", verbosity=0)
    Organisation.objects.create(name="Grundschule am Weserufer")
    Organisation.objects.create(name="Moscheeverein Minden")
    get_user_model().objects.create_user("erika@example.org", "erika@example.org")
    default_storage.save("videos/dgs.mp4", ContentFile(os.urandom(1024 * 1024 + 3)))
    media_root = Path(settings.MEDIA_ROOT)
    before, files = row_counts(), media_hashes(media_root)

    call_command("backup", "--dir", backup_dir, stdout=io.StringIO())
    [archive] = Path(backup_dir).glob("*.mintbak")
    connections.close_all()
    database = Path(connections["default"].settings_dict["NAME"])
    database.unlink()
    shutil.rmtree(media_root)

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    print(
        json.dumps(
            {
                "archive": archive.name,
                "rows_before": before,
                "rows_after": row_counts(),
                "files_before": files,
                "files_after": media_hashes(media_root),
                "output": out.getvalue(),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
