"""Tests: PostgreSQL from DATABASE_URL (make test sets it), fast hashing, locmem email."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks wait in a queue without a worker, whatever the environment says: rendering the issued
# files at every presentation and demo load would cost minutes of the suite. The tests of the
# issuing itself, and the journeys that download those files, ask for the immediate backend
# with the `tasks_run` fixture (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No whole pages from the cache unless a test asks for them (tests/core/test_pagecache.py, the
# production server's tests): the query counts of the pages are those of the views, and a test
# that changes a setting between two requests sees the second page made afresh.
PORTAL_PAGE_CACHE_SECONDS = 0
