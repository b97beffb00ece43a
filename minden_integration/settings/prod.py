"""Production: fails loudly when a secret, a host, the database, the proxy or the mail server
is missing. The README's "Operations (Betrieb)" lists every variable."""

import os

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import (
    MAILERS,
    MIDDLEWARE,
    PORTAL_HEALTH_TOKEN,
    env_bool,
    proxy_ssl_header,
    tasks_setting,
)


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
# The portal lives on one host of the city's domain (integration.minden.de). HSTS for every
# subdomain, or the browsers' preload list (which demands it for the whole registrable domain),
# is a decision about the city's domain, not this application's: its other hosts (intranet,
# older services) may still speak plain HTTP. Hence neither, and their warnings silenced.
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
# The TLS-terminating proxy in front tells HTTPS by a header it sets on every request,
# overwriting the client's: "X-Forwarded-Proto: https" (nginx: `proxy_set_header
# X-Forwarded-Proto $scheme;`). Without it every request looks like plain HTTP and
# SECURE_SSL_REDIRECT answers each one with a redirect to itself.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(require("PORTAL_PROXY_SSL_HEADER"))
# The load balancer may probe the web process itself, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
if PORTAL_HEALTH_TOKEN and len(PORTAL_HEALTH_TOKEN) < 32:
    raise ImproperlyConfigured("PORTAL_HEALTH_TOKEN must be at least 32 characters long.")

# Issuing files runs in the worker (`manage.py db_worker`), never in a web request.
TASKS = tasks_setting("database")

# Static files from the web process (WhiteNoise): hashed names a browser keeps for a year, and
# the gzip and Brotli copies `collectstatic` writes beside them.
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The fonts are read by the PDF renderer from the source tree and never downloaded by a
# browser: compressing them would be most of collectstatic's time, for nothing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "ttf")

# One cache for every web process and the worker, so that cached pages, limits and lockouts
# hold across them: a table in the database (`manage.py createcachetable`, part of every
# deployment), or Redis when PORTAL_CACHE_URL names one (needs the `redis` package).
PORTAL_CACHE_URL = os.environ.get("PORTAL_CACHE_URL", "").strip()
if PORTAL_CACHE_URL:
    if not PORTAL_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"PORTAL_CACHE_URL must be a Redis URL (redis://…), not {PORTAL_CACHE_URL!r}."
        )
    CACHES = {
        "default": {
            "BACKEND": "minden_integration.core.cache_backends.CompressedRedisCache",
            "LOCATION": PORTAL_CACHE_URL,
        },
        # Whole pages (minden_integration.core.pagecache), in the same Redis under their own
        # prefix; its memory limit and eviction policy (allkeys-lru) are Redis's to set.
        "pages": {
            "BACKEND": "minden_integration.core.cache_backends.CompressedRedisCache",
            "LOCATION": PORTAL_CACHE_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "minden_integration.core.cache_backends.CompressedDatabaseCache",
            "LOCATION": "portal_cache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        # Whole pages in a table of their own (also made by `createcachetable`): many different
        # searches push out other pages, never the cached documents and fragments.
        "pages": {
            "BACKEND": "minden_integration.core.cache_backends.CompressedDatabaseCache",
            "LOCATION": "portal_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 2_000},
        },
    }

# Sessions live in the database (Django's default): every app server behind the balancer reads
# the same ones, and a sign-in holds whichever server answers. PORTAL_SESSION_STORE=cached_db
# keeps a copy in the shared cache (with Redis: one read less per signed-in request); the table
# stays the record, so the Art. 15 report and the daily purge still see every session.
SESSION_STORES = {
    "database": "django.contrib.sessions.backends.db",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}
PORTAL_SESSION_STORE = os.environ.get("PORTAL_SESSION_STORE", "").strip() or "database"
if PORTAL_SESSION_STORE not in SESSION_STORES:
    raise ImproperlyConfigured(
        f"PORTAL_SESSION_STORE must be one of {', '.join(SESSION_STORES)}, "
        f"not {PORTAL_SESSION_STORE!r}."
    )
SESSION_ENGINE = SESSION_STORES[PORTAL_SESSION_STORE]

# Mail goes out through SMTP (DJANGO_EMAIL_HOST, _PORT, _USER, _PASSWORD, _USE_TLS or _USE_SSL)
# unless DJANGO_EMAIL_BACKEND names another backend, from the city's own sender address.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "minden_integration.mail.ConsoleEmailBackend"
MAILERS = {
    "default": {
        **MAILERS["default"],
        "BACKEND": os.environ.get("DJANGO_EMAIL_BACKEND", "").strip() or SMTP_BACKEND,
    }
}
if MAILERS["default"]["BACKEND"] == SMTP_BACKEND:
    require("DJANGO_EMAIL_HOST")
DEFAULT_FROM_EMAIL = require("DJANGO_DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# `make serve` only: the production configuration on http://127.0.0.1, without TLS, mail
# printed to the console. Refused for any host but this machine.
PORTAL_LOCAL_HTTP = env_bool("PORTAL_LOCAL_HTTP")
if PORTAL_LOCAL_HTTP:
    if not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
        raise ImproperlyConfigured(
            "PORTAL_LOCAL_HTTP is for a trial on this machine: DJANGO_ALLOWED_HOSTS may then "
            "name only 127.0.0.1, localhost and [::1]."
        )
    SECURE_SSL_REDIRECT = False
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
elif MAILERS["default"]["BACKEND"] == CONSOLE_BACKEND:
    raise ImproperlyConfigured(
        "The console email backend prints mail instead of sending it: set DJANGO_EMAIL_HOST "
        "(SMTP) or another DJANGO_EMAIL_BACKEND in production."
    )
