"""Settings shared by every environment; everything that differs comes from the environment."""

import datetime as dt
import ipaddress
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "minden_integration.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # SearchVectorField (measures' stored search data); harmless on SQLite.
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    # The second factor of staff accounts (minden_integration.accounts.second_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The audit trail: who changed which amendment, version, section, milestone, measure.
    "simple_history",
    # The database queue of background tasks (issuing files), worked by `manage.py db_worker`.
    "django_tasks_db",
    "minden_integration.core.apps.CoreConfig",
    "concept.apps.ConceptConfig",
    "workgroups.apps.WorkgroupsConfig",
    "measures.apps.MeasuresConfig",
    # The project package itself: the roles, and the migrations of the tables that moved out.
    "minden_integration.apps.PortalConfig",
    # The site apps: one per concern that reads across the domain.
    "minden_integration.accounts.apps.AccountsConfig",
    "minden_integration.participation.apps.ParticipationConfig",
    "minden_integration.oparl.apps.OParlConfig",
    "minden_integration.site.apps.SiteConfig",
    "minden_integration.reports.apps.ReportsConfig",
    "minden_integration.operations.apps.OperationsConfig",
    # Atom feeds and email subscriptions with a weekly digest.
    "minden_integration.following.apps.FollowingConfig",
    "minden_integration.loader.apps.LoaderConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The admin in German or English only: /tr/admin/... and the like lead to /admin/....
    "minden_integration.core.admin_languages.AdminLanguageMiddleware",
    # Whole pages for anonymous readers (one generation query and one cache read a hit), after
    # the language is known; the security and CSP headers above are added to every hit afresh.
    "minden_integration.core.pagecache.PageCacheMiddleware",
    # Text compressed once, inside the page cache: a hit serves the stored compressed body.
    "minden_integration.core.compression.CompressionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session has passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The admin's change lists answer a hostile filter value with 400, never 500.
    "minden_integration.core.admin_lists.AdminListGuardMiddleware",
    # Staff sessions end after PORTAL_STAFF_IDLE_MINUTES without activity; a form sent after
    # that is kept. After the CSRF check (a forged form is refused, not kept).
    "minden_integration.accounts.middleware.StaffIdleMiddleware",
    # Staff are signed in only with their second factor: until then, only its pages.
    "minden_integration.accounts.middleware.SecondFactorMiddleware",
    # Tells the audit trail which user made a change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a login refused because the account must still wait into its page.
    "minden_integration.accounts.throttling.LoginWaitMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "minden_integration.urls"
WSGI_APPLICATION = "minden_integration.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "minden_integration.site.context_processors.portal",
                "minden_integration.following.context_processors.following",
            ],
        },
    },
]

# Without DATABASE_URL the portal runs on SQLite in the project folder (the embedded default);
# production, CI and the test command set DATABASE_URL=postgres://...
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The axes backend first: it refuses a locked address before any password is checked; then
# an account that must still wait (minden_integration.accounts.throttling).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "minden_integration.accounts.throttling.LoginWaitBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
# Each language named in itself, for the language switch.
# Turkish, Arabic, Russian and Ukrainian: the public pages' catalogues (machine-assisted, for
# native speakers to review, see README); Django's admin stays German and English.
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("ru", "Русский"),
    ("uk", "Українська"),
]
# Ours first; then German for Django's own strings its German catalogues lack (not written by
# makemessages, see locale_django/README.md). Both take precedence over Django's catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
# English as a German city writes it (24-hour clock, day first); German is Django's own.
FORMAT_MODULE_PATH = ["minden_integration.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Django 6.1's MAILERS: the console unless the environment names another backend (SMTP in
# production: DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend plus EMAIL_* below).
# Our console backend prints messages readably (UTF-8, links on one line); SMTP is Django's own.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND", "minden_integration.mail.ConsoleEmailBackend"
        ),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("DJANGO_EMAIL_HOST"),
                "port": int(os.environ["DJANGO_EMAIL_PORT"])
                if os.environ.get("DJANGO_EMAIL_PORT")
                else None,
                "username": os.environ.get("DJANGO_EMAIL_USER"),
                "password": os.environ.get("DJANGO_EMAIL_PASSWORD"),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False) or None,
                "use_ssl": env_bool("DJANGO_EMAIL_USE_SSL", False) or None,
            }.items()
            if value is not None
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Integrationskonzept Minden <integration@minden.invalid>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# A strict policy from the first template on: scripts and styles only from our own host.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "participate"
LOGOUT_REDIRECT_URL = "home"


def portal_base_url(environ=os.environ) -> str:
    """PORTAL_BASE_URL when set, else the development server on PORTAL_PORT (8000 unless
    `make run PORT=…` says otherwise), so that emailed links reach the running portal."""
    explicit = environ.get("PORTAL_BASE_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    port = environ.get("PORTAL_PORT", "").strip() or "8000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ImproperlyConfigured(f"PORTAL_PORT must be a port number (1-65535), not {port!r}.")
    return f"http://127.0.0.1:{int(port)}"


# Where the portal is reached from outside: the links in invitation and notification emails
# (never taken from the request's Host header).
PORTAL_BASE_URL = portal_base_url()
# How long an invitation link can be used (once).
PORTAL_INVITATION_VALID_DAYS = int(os.environ.get("PORTAL_INVITATION_VALID_DAYS", "7"))

# Login throttling, on the portal's and the admin's login alike (minden_integration.accounts.
# throttling). Per address, across accounts: 20 failed logins lock the address for 15 minutes
# (django-axes); never a permanent lock.
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_LOCKOUT_PARAMETERS = [["ip_address"]]
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
# Attempts during a lockout do not extend it: the page can say when to try again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success would forgive the address every failure (a sprayer logs into an account of their
# own); `accounts.throttling` forgives only the failures with the account that logged in.
AXES_RESET_ON_SUCCESS = False
AXES_USERNAME_FORM_FIELD = "username"
# Renders templates/accounts/locked.html (429) with the minutes left to wait.
AXES_LOCKOUT_CALLABLE = "minden_integration.accounts.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# Data minimisation: no record of successful logins; failures are kept only as long as needed
# (PORTAL_RETENTION_THROTTLING_DAYS below).
AXES_DISABLE_ACCESS_LOG = True
# Locks end by themselves; the records stay out of the officer's admin.
AXES_ENABLE_ADMIN = False
AXES_CLIENT_IP_CALLABLE = "minden_integration.core.limits.client_ip"
# Per account, across addresses: never a lock, a growing wait. The first failures are free,
# then the next try waits 2, 4, 8, ... seconds, at most this many; the failures are forgotten
# after a successful login or this many hours without one.
PORTAL_LOGIN_FREE_FAILURES = 3
PORTAL_LOGIN_WAIT_MAX_SECONDS = int(os.environ.get("PORTAL_LOGIN_WAIT_MAX_SECONDS", "300"))
PORTAL_LOGIN_FAILURE_MEMORY_HOURS = 24
# The owner gets one email once this many failures came from at least that many addresses.
PORTAL_LOGIN_ALERT_FAILURES = 10
PORTAL_LOGIN_ALERT_ADDRESSES = 3
# Behind a reverse proxy: how many trusted proxies append to X-Forwarded-For (0: none, use the
# connection's address). Production must say it (settings/prod.py): 0 behind a proxy makes the
# proxy's address everyone's, too many lets clients choose their address.
PORTAL_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT", "0"))
# Optionally the proxies' addresses or networks: a connection from elsewhere reached the portal
# directly, and its X-Forwarded-For is not believed.
PORTAL_TRUSTED_PROXIES = env_list("PORTAL_TRUSTED_PROXIES")

# Rate limits per address, counted in the database so that every process sees them
# (minden_integration.core.limits): scope -> (how many, per how many seconds).
PORTAL_RATE_LIMITS = {
    # accessibility feedback sent from one address
    "feedback": (int(os.environ.get("PORTAL_FEEDBACK_PER_HOUR", "5")), 3600),
    # feedback mails to the officers per day, from all addresses together; the feedback beyond
    # it is stored and waits in the admin's worklist
    "feedback-mail": (int(os.environ.get("PORTAL_FEEDBACK_MAILS_PER_DAY", "50")), 86400),
    # checks at /echtheit/ from one address
    "authenticity": (int(os.environ.get("PORTAL_AUTHENTICITY_CHECKS_PER_MINUTE", "30")), 60),
    # the officers' alert about a changed issued file, at most once a day per file
    "issued-file-alert": (1, 86400),
    # requests for email notifications from one address, and confirmation mails to one mailbox
    "subscribe": (int(os.environ.get("PORTAL_SUBSCRIBE_PER_HOUR", "10")), 3600),
    "subscribe-address": (int(os.environ.get("PORTAL_SUBSCRIBE_MAILS_PER_DAY", "3")), 86400),
}

# /.well-known/security.txt (RFC 9116): whom to tell about a vulnerability (an address or a
# mailto:/https: URI; without it the city's email address from its settings), and how many days
# ahead the file expires (the RFC recommends less than a year).
PORTAL_SECURITY_CONTACT = os.environ.get("PORTAL_SECURITY_CONTACT", "").strip()
PORTAL_SECURITY_TXT_DAYS = 180

# Backups (`manage.py backup` / `restore`; README, "Backup and restore"). The key (32 random
# bytes in base64, `manage.py backup_key`) is never in a backup: without it none can be read.
PORTAL_BACKUP_DIR = Path(os.environ.get("PORTAL_BACKUP_DIR", BASE_DIR / "backups"))
PORTAL_BACKUP_KEY = os.environ.get("PORTAL_BACKUP_KEY", "")
# Archives in the backup folder older than this are deleted after each backup.
PORTAL_BACKUP_RETENTION_DAYS = int(os.environ.get("PORTAL_BACKUP_RETENTION_DAYS", "30"))
# Who was erased when (JSON lines, outside the database, beside the backups): a restore erases
# them again (`minden_integration.accounts.erasures`).
PORTAL_ERASURE_LOG = Path(
    os.environ.get("PORTAL_ERASURE_LOG", PORTAL_BACKUP_DIR / "erasures.jsonl")
)

# The second factor of every staff account (officers, clerks, superusers): a TOTP app, and ten
# recovery codes that each work once. Members sign in with their password alone.
# Wrong codes: after this many in a row the account waits PORTAL_SECOND_FACTOR_LOCK_MINUTES,
# and each further wrong code doubles the wait (up to a day). Counted in the database, on the
# account's devices, so neither another address nor another server process starts afresh.
PORTAL_SECOND_FACTOR_FAILURE_LIMIT = 5
PORTAL_SECOND_FACTOR_LOCK_MINUTES = 15
# Our limit above replaces django-otp's own delays of 1, 2, 4, ... seconds after each wrong
# code, which would refuse a right code typed just after a typo without saying why.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_ADMIN_HIDE_SENSITIVE_DATA = True


def totp_issuer(device) -> str:
    """The name the authenticator app shows beside the code: the portal and its host, so that
    a test installation and the real one stay apart."""
    from django.conf import settings as current

    return f"Integrationskonzept {urlsplit(current.PORTAL_BASE_URL).netloc}"


OTP_TOTP_ISSUER = totp_issuer
# A staff session ends after this many minutes without a request (members keep Django's
# session length). A form sent after that is kept and offered again after the new login.
PORTAL_STAFF_IDLE_MINUTES = 60
# The most characters of such a form the session keeps (larger ones are not kept).
PORTAL_STAFF_SAVED_FORM_MAX_CHARS = 200_000

# The concept this deployment serves (one per deployment today).
# How long a cached page part, document or comparison lives at most. Entries are named by the
# content generation, which every committed write renews (minden_integration.core.generation);
# the lifetime is only the backstop for writes from outside the portal's code.
PORTAL_CACHE_SECONDS = int(os.environ.get("PORTAL_CACHE_SECONDS", "3600"))
# Whole public pages for anonymous readers (minden_integration.core.pagecache), named by the
# same generation; 0 switches the page cache off.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", PORTAL_CACHE_SECONDS))
# Views never stored whole, by URL namespace or view name: the admin, the accounts, the
# members' pages, the language switch and the health check.
PORTAL_PAGE_CACHE_EXCLUDED = frozenset(
    {"admin", "accounts", "participation", "participate", "set_language", "health"}
)
# The page cache apart from the cached page parts ("default"): many different searches fill
# it and push out other searches' pages, never the documents and fragments. Memory of each
# process here; shared by every process in production (settings/prod.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
# Names the deployed release in the ETags of frozen versions' pages (e.g. its git revision).
# Unset: a digest of the project's files, computed once per process, the same in every worker
# (minden_integration.core.deployment).
PORTAL_DEPLOYMENT_ID = os.environ.get("PORTAL_DEPLOYMENT_ID", "").strip()

PORTAL_CONCEPT_SLUG = os.environ.get("PORTAL_CONCEPT_SLUG", "minden")

# A measure's time frame (kurz-, mittel-, langfristig) as years after the council's decision on
# the approved version: past that a measure not implemented, ongoing or dropped is overdue
# (`Measure.objects.overdue`).
PORTAL_TIMEFRAME_YEARS = {
    "short": int(os.environ.get("PORTAL_TIMEFRAME_SHORT_YEARS", "2")),
    "medium": int(os.environ.get("PORTAL_TIMEFRAME_MEDIUM_YEARS", "5")),
    "long": int(os.environ.get("PORTAL_TIMEFRAME_LONG_YEARS", "10")),
}

# Upper bound of the free-text fields members fill in (amendments, feedback).
PORTAL_TEXT_MAX_LENGTH = 10_000

# Implementation monitoring. With review on, a contact's progress update is public only once
# the officer has accepted it (the officer's own are published at once).
PORTAL_PROGRESS_REVIEW = env_bool("PORTAL_PROGRESS_REVIEW", True)
# A measure under way without a published update for longer than this shows in the officer's
# "Was ansteht".
PORTAL_PROGRESS_STALE_DAYS = int(os.environ.get("PORTAL_PROGRESS_STALE_DAYS", "180"))

# Accessibility feedback (the statement's contact form, § 10b Abs. 2 Nr. 2 and Abs. 3 BGG NRW).
# § 5 Abs. 2 BITV NRW: the public body answers "innerhalb einer angemessenen Frist. Diese beträgt
# je nach Größe der öffentlichen Stelle des Landes und der Komplexität der Anfrage zwei bis zu
# maximal sechs Wochen." If it cannot finish within that period, "erteilt die öffentliche Stelle
# eine Zwischennachricht", and its answer points to the Ombudsverfahren of § 10d BGG NRW.
# The reply (answer or interim reply) is due this many days after the feedback came in: 14 to 42.
ACCESSIBILITY_FEEDBACK_REPLY_DAYS = int(os.environ.get("ACCESSIBILITY_FEEDBACK_REPLY_DAYS", "14"))
if not 14 <= ACCESSIBILITY_FEEDBACK_REPLY_DAYS <= 42:
    raise ImproperlyConfigured(
        "ACCESSIBILITY_FEEDBACK_REPLY_DAYS must lie between 14 and 42 (§ 5 Abs. 2 BITV NRW: "
        "two to at most six weeks)."
    )
# The date an interim reply offers for the final answer, this many days ahead (the officer may
# change it; the interim reply names it). The regulation sets no number for it.
ACCESSIBILITY_FEEDBACK_INTERIM_DAYS = int(
    os.environ.get("ACCESSIBILITY_FEEDBACK_INTERIM_DAYS", "28")
)
# The Ombudsstelle every reply points to (§ 5 Abs. 2 Satz 4 BITV NRW, § 10d BGG NRW; the
# statement must link it with its contact data, § 10b Abs. 2 Nr. 3 BGG NRW). It is attached to
# the state's commissioner for people with disabilities (§§ 9 ff. BITV NRW).
ACCESSIBILITY_OMBUDSSTELLE_NAME = os.environ.get(
    "ACCESSIBILITY_OMBUDSSTELLE_NAME",
    "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen",
)
ACCESSIBILITY_OMBUDSSTELLE_SEAT = os.environ.get(
    "ACCESSIBILITY_OMBUDSSTELLE_SEAT",
    "bei der Beauftragten der Landesregierung für Menschen mit Behinderung sowie für "
    "Patientinnen und Patienten in Nordrhein-Westfalen",
)
ACCESSIBILITY_OMBUDSSTELLE_URL = os.environ.get(
    "ACCESSIBILITY_OMBUDSSTELLE_URL", "https://www.lbbp.nrw.de/ombudsstelle"
)
ACCESSIBILITY_OMBUDSSTELLE_EMAIL = os.environ.get(
    "ACCESSIBILITY_OMBUDSSTELLE_EMAIL", "ombudsstelle-barrierefreie-it@mags.nrw.de"
)


def env_days(name: str, default: int) -> int:
    """A retention period in whole days, at least one."""
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or int(raw) < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of days (at least 1).")
    return int(raw)


# Retention periods (Art. 5 Abs. 1 Buchst. e, Art. 17 DSGVO), in days. `manage.py
# purge_personal_data`, run daily, deletes what is past its period; the Datenschutzerklärung,
# the register of processing activities (Art. 30) and the Art. 15 report state them from here.
# Failed logins (django-axes): long enough to see an attack across a few weeks.
PORTAL_RETENTION_THROTTLING_DAYS = env_days("PORTAL_RETENTION_THROTTLING_DAYS", 30)
# Accessibility feedback and the replies to it, counted from the final answer (an open one is
# never deleted): three years, the general limitation period (§ 195 BGB), long enough for the
# Ombudsverfahren (§ 10d BGG NRW) and a complaint about the answer.
PORTAL_RETENTION_FEEDBACK_DAYS = env_days("PORTAL_RETENTION_FEEDBACK_DAYS", 3 * 365)
# Invitations, counted from their use, their replacement by a newer one or their expiry: the
# account and its membership stay; who invited whom when matters only for a short while.
PORTAL_RETENTION_INVITATION_DAYS = env_days("PORTAL_RETENTION_INVITATION_DAYS", 90)
# The member's last visit to "Mein Konto" (what is new to them), counted from that visit.
PORTAL_RETENTION_PROFILE_VISIT_DAYS = env_days("PORTAL_RETENTION_PROFILE_VISIT_DAYS", 365)
# The record of a withdrawn consent (Art. 7 Abs. 1 DSGVO: the city must be able to show that the
# name was shown lawfully while it was), counted from the withdrawal: three years (§ 195 BGB).
# A consent still in force is kept as long as its membership.
PORTAL_RETENTION_CONSENT_DAYS = env_days("PORTAL_RETENTION_CONSENT_DAYS", 3 * 365)
# Email subscriptions never confirmed, counted from the request (the confirmation link is
# valid as long). A confirmed one is deleted when its subscriber unsubscribes.
PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS = env_days(
    "PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS", 7
)
# How long the unsubscribe link of a mail works (each digest carries a fresh one).
PORTAL_SUBSCRIPTION_UNSUBSCRIBE_DAYS = env_days("PORTAL_SUBSCRIPTION_UNSUBSCRIBE_DAYS", 365)
# Sessions: expired ones are deleted by the same run (SESSION_COOKIE_AGE is their longest life).

# The supervisory authority for data protection of a public body in NRW, to which everyone may
# complain (Art. 77 DSGVO); named in the Datenschutzerklärung.
DATA_PROTECTION_AUTHORITY_NAME = os.environ.get(
    "DATA_PROTECTION_AUTHORITY_NAME",
    "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW)",
)
DATA_PROTECTION_AUTHORITY_ADDRESS = os.environ.get(
    "DATA_PROTECTION_AUTHORITY_ADDRESS", "Kavalleriestraße 2–4, 40213 Düsseldorf"
)
DATA_PROTECTION_AUTHORITY_URL = os.environ.get(
    "DATA_PROTECTION_AUTHORITY_URL", "https://www.ldi.nrw.de"
)
DATA_PROTECTION_AUTHORITY_EMAIL = os.environ.get(
    "DATA_PROTECTION_AUTHORITY_EMAIL", "poststelle@ldi.nrw.de"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Background tasks (Django's tasks framework): issuing a version's files once it is presented
# or decided (`concept.issuing_jobs`). "immediate" runs a task at once, in the process that
# enqueues it after the commit (development, tests, the SQLite quick start); "database" queues
# it in the database for `manage.py db_worker` (django-tasks-db; the default in production).
TASKS_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(default: str) -> dict:
    """TASKS for the backend DJANGO_TASKS_BACKEND names ("immediate", "database" or a dotted
    path), else `default`."""
    name = os.environ.get("DJANGO_TASKS_BACKEND", "").strip() or default
    return {"default": {"BACKEND": TASKS_BACKENDS.get(name, name)}}


TASKS = tasks_setting("immediate")

# The audit trail is a record, never an undo button: reverting would bypass the services
# (the version moves, the frozen guard, the amendment workflow).
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Operations (README, "Operations (Betrieb)"): the proxy in front and the health endpoint.


def proxy_ssl_header(value: str) -> tuple[str, str]:
    """SECURE_PROXY_SSL_HEADER from "X-Forwarded-Proto: https": the header the TLS-terminating
    proxy sets on every request (overwriting the client's), and its value on HTTPS."""
    name, colon, expected = (part.strip() for part in value.partition(":"))
    if not colon or not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name) or not expected:
        raise ImproperlyConfigured(
            "PORTAL_PROXY_SSL_HEADER must read 'Header-Name: value', e.g. "
            f"'X-Forwarded-Proto: https', not {value!r}."
        )
    return "HTTP_" + name.upper().replace("-", "_"), expected


def ip_networks(name: str) -> list[str]:
    """A comma-separated list of addresses or networks (10.0.0.5, 10.0.0.0/24, ::1), checked
    now so that a typo stops the start instead of locking the load balancer out."""
    values = env_list(name)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {value!r} is no IP address or network.") from exc
    return values


# `/health/` answers only a request that carries `Authorization: Bearer <token>` or comes
# directly (the connection's address, never X-Forwarded-For) from one of these addresses; to
# everyone else it does not exist (404). Empty: that way in is closed.
PORTAL_HEALTH_TOKEN = os.environ.get("PORTAL_HEALTH_TOKEN", "")
PORTAL_HEALTH_ALLOWED_ADDRESSES = ip_networks("PORTAL_HEALTH_ALLOWED_ADDRESSES")
# The worker's heartbeat waiting longer than this means no worker is taking tasks.
PORTAL_HEALTH_TASK_DELAY_MINUTES = int(os.environ.get("PORTAL_HEALTH_TASK_DELAY_MINUTES", "10"))
