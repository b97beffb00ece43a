"""Names the deployed code: part of every validator (ETag) of a page and of every key of the
page cache, so that a new release (templates, translations, code, static files) never answers
304 with, or serves, a page made by the old one.

`PORTAL_DEPLOYMENT_ID` when set (e.g. the release's git revision, given by the deployment);
otherwise a digest of the files the pages are made from (our apps' code, the templates,
the translations, the static files' manifest), read once per process: the same in every worker
of one release, different after any change to them.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo"}
APPS = ("minden_integration", "concept", "workgroups", "measures")


def _files(base: Path):
    roots = [base / "templates", *map(Path, settings.LOCALE_PATHS), *(base / a for a in APPS)]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in SUFFIXES and path.is_file():
                yield path


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
