"""The production settings: what they require, what `check --deploy` says of them, and that
behind the TLS proxy a request is no longer redirected to itself."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from minden_integration.settings.base import proxy_ssl_header
from minden_integration.site.views import server_error

ROOT = Path(__file__).resolve().parents[2]

# A complete production environment, as the README's "Operations (Betrieb)" lists it.
COMPLETE = {
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/integration",
    "DJANGO_SECRET_KEY": "k" * 20 + "Zq3-vN8x2LrT5yW7pK9mB4cH6jD1fG0sA8eU3iO5nR7tY2",
    "DJANGO_ALLOWED_HOSTS": "integration.minden.de",
    "PORTAL_BASE_URL": "https://integration.minden.de",
    "PORTAL_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
    "PORTAL_TRUSTED_PROXY_COUNT": "1",
    "DJANGO_EMAIL_HOST": "smtp.minden.de",
    "DJANGO_DEFAULT_FROM_EMAIL": "Integrationskonzept Minden <integration@minden.de>",
    "PORTAL_HEALTH_TOKEN": "h" * 40,
}


# Not a setting: the browser tests' permission for the ORM in Playwright's thread, which keeps
# its event loop running after them (on a pytest-xdist worker, the tests after them here).
KEPT = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def prod_settings(monkeypatch, **changes) -> dict:
    """The production settings (and the base they import) run afresh on COMPLETE with
    `changes` (None: unset); the running settings stay as they are."""
    package = sys.modules["minden_integration.settings"]
    monkeypatch.setattr(package, "base", package.base)
    monkeypatch.delitem(sys.modules, "minden_integration.settings.base", raising=False)
    for name in [n for n in os.environ if n.startswith(("DJANGO_", "PORTAL_"))]:
        if name not in KEPT:
            monkeypatch.delenv(name)
    for name, value in (COMPLETE | changes).items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return runpy.run_module("minden_integration.settings.prod")


def environment(**changes) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    env |= COMPLETE | {"DJANGO_SETTINGS_MODULE": "minden_integration.settings.prod"} | changes
    return env


def test_check_deploy_passes_with_the_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (2 silenced)" in result.stdout


def test_the_complete_environment_gives_the_production_configuration(monkeypatch):
    prod = prod_settings(monkeypatch)
    assert prod["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert prod["SECURE_SSL_REDIRECT"] and prod["SESSION_COOKIE_SECURE"]
    assert prod["CACHES"]["default"]["BACKEND"].endswith(".CompressedDatabaseCache")
    assert prod["MAILERS"]["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert prod["MAILERS"]["default"]["OPTIONS"]["host"] == "smtp.minden.de"
    assert prod["MIDDLEWARE"][:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert prod["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert prod["DATABASES"]["default"]["CONN_MAX_AGE"] > 0


@pytest.mark.parametrize(
    "name",
    [
        "DATABASE_URL",
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "PORTAL_BASE_URL",
        "PORTAL_PROXY_SSL_HEADER",
        "DJANGO_EMAIL_HOST",
        "DJANGO_DEFAULT_FROM_EMAIL",
    ],
)
def test_production_refuses_to_start_without(monkeypatch, name):
    with pytest.raises(ImproperlyConfigured, match=name):
        prod_settings(monkeypatch, **{name: None})


def test_another_mail_backend_needs_no_smtp_host(monkeypatch):
    backend = "django.core.mail.backends.filebased.EmailBackend"
    prod = prod_settings(monkeypatch, DJANGO_EMAIL_HOST=None, DJANGO_EMAIL_BACKEND=backend)
    assert prod["MAILERS"]["default"]["BACKEND"] == backend


def test_redis_replaces_the_database_cache_when_named(monkeypatch):
    prod = prod_settings(monkeypatch, PORTAL_CACHE_URL="redis://cache.internal:6379/1")
    assert prod["CACHES"]["default"] == {
        "BACKEND": "minden_integration.core.cache_backends.CompressedRedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    with pytest.raises(ImproperlyConfigured, match="PORTAL_CACHE_URL"):
        prod_settings(monkeypatch, PORTAL_CACHE_URL="memcached://cache.internal")


def test_whole_pages_have_a_shared_cache_of_their_own(monkeypatch):
    prod = prod_settings(monkeypatch)
    assert prod["CACHES"]["pages"]["BACKEND"].endswith("CompressedDatabaseCache")
    assert prod["CACHES"]["pages"]["LOCATION"] != prod["CACHES"]["default"]["LOCATION"]
    assert prod["PORTAL_PAGE_CACHE_SECONDS"] == 3600
    prod = prod_settings(monkeypatch, PORTAL_CACHE_URL="redis://cache.internal:6379/1")
    assert prod["CACHES"]["pages"]["LOCATION"] == "redis://cache.internal:6379/1"
    assert prod["CACHES"]["pages"]["KEY_PREFIX"] == "pages"
    assert (
        prod_settings(monkeypatch, PORTAL_PAGE_CACHE_SECONDS="0")["PORTAL_PAGE_CACHE_SECONDS"] == 0
    )


def test_sessions_live_in_the_database_unless_a_cached_copy_is_asked_for(monkeypatch):
    prod = prod_settings(monkeypatch)
    assert prod["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    prod = prod_settings(monkeypatch, PORTAL_SESSION_STORE="cached_db")
    assert prod["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    with pytest.raises(ImproperlyConfigured, match="PORTAL_SESSION_STORE"):
        prod_settings(monkeypatch, PORTAL_SESSION_STORE="cache")


def test_a_short_health_token_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="PORTAL_HEALTH_TOKEN"):
        prod_settings(monkeypatch, PORTAL_HEALTH_TOKEN="short")


def test_an_address_list_with_a_typo_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="PORTAL_HEALTH_ALLOWED_ADDRESSES"):
        prod_settings(monkeypatch, PORTAL_HEALTH_ALLOWED_ADDRESSES="10.0.0.0/8, 10.0.0.300")
    prod = prod_settings(monkeypatch, PORTAL_HEALTH_ALLOWED_ADDRESSES="10.0.0.0/8, ::1")
    assert prod["PORTAL_HEALTH_ALLOWED_ADDRESSES"] == ["10.0.0.0/8", "::1"]


def test_local_http_is_only_for_this_machine(monkeypatch):
    local = {
        "PORTAL_LOCAL_HTTP": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_EMAIL_BACKEND": "minden_integration.mail.ConsoleEmailBackend",
    }
    prod = prod_settings(monkeypatch, **local)
    assert not prod["SECURE_SSL_REDIRECT"] and not prod["SESSION_COOKIE_SECURE"]
    assert not prod["CSRF_COOKIE_SECURE"]
    with pytest.raises(ImproperlyConfigured, match="PORTAL_LOCAL_HTTP"):
        prod_settings(monkeypatch, **local | {"DJANGO_ALLOWED_HOSTS": "integration.minden.de"})


def test_the_console_mail_backend_is_refused_in_production(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="console"):
        prod_settings(
            monkeypatch, DJANGO_EMAIL_BACKEND="minden_integration.mail.ConsoleEmailBackend"
        )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("X-Forwarded-Proto: https", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("x-forwarded-ssl:on", ("HTTP_X_FORWARDED_SSL", "on")),
    ],
)
def test_the_proxy_header_is_read_from_its_http_form(value, expected):
    assert proxy_ssl_header(value) == expected


@pytest.mark.parametrize("value", ["https", "X-Forwarded-Proto:", ": https", "X Proto: https"])
def test_a_proxy_header_that_cannot_be_read_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="PORTAL_PROXY_SSL_HEADER"):
        proxy_ssl_header(value)


def test_behind_the_proxy_https_requests_are_served_and_plain_ones_redirected_once(
    client, db, settings, monkeypatch
):
    prod = prod_settings(monkeypatch)
    for name in (
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_REDIRECT_EXEMPT",
        "SECURE_HSTS_SECONDS",
    ):
        setattr(settings, name, prod[name])
    response = client.get("/robots.txt", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    response = client.get("/robots.txt")
    assert response.status_code == 301 and response["Location"] == "https://testserver/robots.txt"
    # The load balancer probes the web process itself, over plain HTTP.
    assert client.get("/health/").status_code == 404


def test_the_error_page_survives_a_static_file_missing_from_the_manifest(rf, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # collectstatic never ran: no manifest at all
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Ein Fehler ist aufgetreten</h1>" in page
    assert "Ihre Daten sind nicht verloren gegangen" in page
    assert "/static/" not in page


def test_the_error_page_has_its_style_when_the_static_files_are_there(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "/static/vendor/bootstrap-5.3.9/bootstrap.min.css" in response.content.decode()
