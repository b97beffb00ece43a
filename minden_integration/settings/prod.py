"""Production: fails loudly when a secret, a host or the database is missing."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import tasks_setting


def require(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


require("DATABASE_URL")
SECRET_KEY = require("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require("DJANGO_ALLOWED_HOSTS").split(",")]
# Emailed links (invitations, password reset, consultations) are built from it.
PORTAL_BASE_URL = require("PORTAL_BASE_URL")
# Login locks are per address: how many proxies stand in front must be said, never assumed.
PORTAL_TRUSTED_PROXY_COUNT = int(require("PORTAL_TRUSTED_PROXY_COUNT"))
DEBUG = False
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
# Issuing files runs in the worker (`manage.py db_worker`), never in a web request.
TASKS = tasks_setting("database")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
