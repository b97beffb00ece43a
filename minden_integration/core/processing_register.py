"""The register of processing activities (Art. 30 Abs. 1 DSGVO): every processing of personal
data the portal does, declared once.

The Datenschutzerklärung (Art. 13), the report to a person (Art. 15) and the officer's printable
register in the admin all state purposes, legal bases, recipients and retention periods from
here (`processing_activities`); the periods themselves come from the settings
(`PORTAL_RETENTION_*`), which the daily deletion (`personal_data.personal_data_purge`) enforces.
A new processing is a new entry there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minden_integration.core.processing_activities import GENERAL_MEASURES, REGISTER


@dataclass(frozen=True)
class ProcessingView:
    """A processing with its texts filled in from the current settings."""

    key: str
    name: str
    purpose: str
    legal_basis: str
    data_subjects: str
    data: str
    recipients: str
    retention: str
    source: str
    measures: str
    retention_settings: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "purpose": self.purpose,
            "legal_basis": self.legal_basis,
            "data_subjects": self.data_subjects,
            "data": self.data,
            "recipients": self.recipients,
            "retention": self.retention,
            "source": self.source,
        }


def register_facts() -> dict[str, int]:
    """The numbers the texts name, from the settings: one source for every page."""
    return {
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
        "invitation_valid_days": settings.PORTAL_INVITATION_VALID_DAYS,
        "invitation_days": settings.PORTAL_RETENTION_INVITATION_DAYS,
        "profile_visit_days": settings.PORTAL_RETENTION_PROFILE_VISIT_DAYS,
        "consent_days": settings.PORTAL_RETENTION_CONSENT_DAYS,
        "feedback_days": settings.PORTAL_RETENTION_FEEDBACK_DAYS,
        "throttling_days": settings.PORTAL_RETENTION_THROTTLING_DAYS,
        "subscription_days": settings.PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS,
        "failures": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "wait_seconds": settings.PORTAL_LOGIN_WAIT_MAX_SECONDS,
        "memory_hours": settings.PORTAL_LOGIN_FAILURE_MEMORY_HOURS,
        "reply_days": settings.ACCESSIBILITY_FEEDBACK_REPLY_DAYS,
    }


def _fill(text: Promise, facts: dict[str, int]) -> str:
    text = str(text)
    return text % facts if "%(" in text else text


def processings(keys: set[str] | None = None) -> list[ProcessingView]:
    """The register in its order, texts filled in; only the `keys` given, if any."""
    facts = register_facts()
    return [
        ProcessingView(
            key=entry.key,
            name=str(entry.name),
            purpose=_fill(entry.purpose, facts),
            legal_basis=_fill(entry.legal_basis, facts),
            data_subjects=_fill(entry.data_subjects, facts),
            data=_fill(entry.data, facts),
            recipients=_fill(entry.recipients, facts),
            retention=_fill(entry.retention, facts),
            source=_fill(entry.source, facts),
            measures=_fill(entry.measures, facts),
            retention_settings=entry.retention_settings,
        )
        for entry in REGISTER
        if keys is None or entry.key in keys
    ]


def general_measures() -> list[str]:
    return [str(measure) for measure in GENERAL_MEASURES]


def data_protection_authority() -> dict[str, str]:
    """The supervisory authority of Art. 77 DSGVO for a municipality in NRW (settings)."""
    return {
        "name": settings.DATA_PROTECTION_AUTHORITY_NAME,
        "address": settings.DATA_PROTECTION_AUTHORITY_ADDRESS,
        "url": settings.DATA_PROTECTION_AUTHORITY_URL,
        "email": settings.DATA_PROTECTION_AUTHORITY_EMAIL,
    }


# The data subject's rights (Art. 15 Abs. 1 Buchst. e and f), as the privacy page lists them.
RIGHTS = (
    _("auf Auskunft über Ihre Daten (Art. 15 DSGVO),"),
    _("auf Berichtigung unrichtiger Daten (Art. 16 DSGVO),"),
    _("auf Löschung (Art. 17 DSGVO),"),
    _("auf Einschränkung der Verarbeitung (Art. 18 DSGVO),"),
    _(
        "auf Datenübertragbarkeit, soweit die Verarbeitung auf Ihrer Einwilligung beruht "
        "(Art. 20 DSGVO),"
    ),
    _(
        "der Verarbeitung aus Gründen, die sich aus Ihrer besonderen Situation ergeben, zu "
        "widersprechen (Art. 21 DSGVO),"
    ),
    _(
        "eine Einwilligung jederzeit mit Wirkung für die Zukunft zu widerrufen "
        "(Art. 7 Abs. 3 DSGVO)."
    ),
)
NO_AUTOMATED_DECISIONS = _(
    "Es gibt keine automatisierte Entscheidungsfindung und kein Profiling (Art. 22 DSGVO)."
)
NO_THIRD_COUNTRIES = _(
    "Das Portal bindet keine Dienste anderer Anbieter ein und übermittelt selbst keine Daten in "
    "Länder außerhalb der Europäischen Union."
)


def rights() -> list[str]:
    return [str(right) for right in RIGHTS]
