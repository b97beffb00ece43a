"""Names the deployed code: part of every validator (ETag) of a page, so that a new release
(templates, translations, code, static files) never answers 304 with a page made by the old
one.

`PORTAL_DEPLOYMENT_ID` when set (e.g. the release's git revision, given by the deployment);
otherwise a digest of the project's own files, read once per process: the same in every worker
of one release, different after any change to them.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings

SUFFIXES = (".py", ".html", ".txt", ".xml", ".mo", ".css", ".js", ".json", ".toml")
SKIPPED = {".venv", "node_modules", "media", "backups", ".git", "__pycache__", "staticfiles"}


def _files(root: Path):
    for directory, names, files in os.walk(root):
        names[:] = sorted(n for n in names if n not in SKIPPED and not n.startswith("."))
        for name in sorted(files):
            if name.endswith(SUFFIXES):
                yield Path(directory) / name


@cache
def deployment_id() -> str:
    explicit = getattr(settings, "PORTAL_DEPLOYMENT_ID", "")
    if explicit:
        return explicit
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in _files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]
