"""Reads of the city's settings and explanations, and what the pages built from them show.

Every page's frame shows the city's name, coat of arms and colours: the one row is read once per
request, by primary key, and only when a template shows it. Caching it under the content
generation (`core.generation`) would not save that query, since naming the entry costs one of
the same weight, and a miss would cost two; read directly, a saved change shows at once in
every process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from minden_integration.site.city import CitySettings
from minden_integration.site.easy_texts import easy_text
from minden_integration.site.explanations import Explanation, ExplanationTopic
from minden_integration.site.models import Page, PageSlug

_REQUEST_ATTRIBUTE = "_city_settings"


def city_settings() -> CitySettings:
    """The one record, or its defaults (unsaved) until the officer saves it. One query."""
    return CitySettings.objects.filter(pk=CitySettings.ROW).first() or CitySettings()


def city_for_request(request) -> CitySettings:
    """Read once per request, whoever asks first (the frame or the page)."""
    record = getattr(request, _REQUEST_ATTRIBUTE, None)
    if record is None:
        record = city_settings()
        setattr(request, _REQUEST_ATTRIBUTE, record)
    return record


@dataclass(frozen=True)
class ExplanationView:
    """One explanation as the pages show it: the stored row (or an empty one) and its text."""

    row: Explanation
    text: str

    @property
    def topic(self) -> str:
        return self.row.topic

    @property
    def label(self) -> str:
        return self.row.get_topic_display()


def explanations(city: CitySettings) -> list[ExplanationView]:
    """The four explanations in their order; a topic without a row shows the built-in text and
    no video. One query."""
    rows = {row.topic: row for row in Explanation.objects.all()}
    views = []
    for topic in ExplanationTopic:
        row = rows.get(topic.value) or Explanation(topic=topic.value)
        views.append(
            ExplanationView(
                row=row, text=row.easy_text or easy_text(topic.value, city=city.full_name)
            )
        )
    return views


def missing_videos(items: list[ExplanationView]) -> list[str]:
    """The statement's automatic known barriers: every explanation still without its video."""
    return [
        _("Das Video in Deutscher Gebärdensprache zum Thema „%(topic)s“ fehlt noch.")
        % {"topic": item.label}
        for item in items
        if not item.row.video
    ]


def page_addition(slug: str) -> Page | None:
    return Page.objects.filter(slug=slug).first()


def imprint_context(city: CitySettings) -> dict[str, Any]:
    return {
        "city": city,
        "missing": city.missing_for_imprint(),
        "page": page_addition(PageSlug.IMPRINT),
    }


def privacy_context(city: CitySettings) -> dict[str, Any]:
    return {
        "city": city,
        "missing": city.missing_for_privacy(),
        "page": page_addition(PageSlug.PRIVACY),
        "facts": {
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
            "invitation_days": settings.PORTAL_INVITATION_VALID_DAYS,
            "throttling_days": settings.PORTAL_THROTTLING_RETENTION_DAYS,
            "throttling_failures": settings.AXES_FAILURE_LIMIT,
            "throttling_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "throttling_wait_seconds": settings.PORTAL_LOGIN_WAIT_MAX_SECONDS,
            "throttling_memory_hours": settings.PORTAL_LOGIN_FAILURE_MEMORY_HOURS,
            "reply_days": settings.ACCESSIBILITY_FEEDBACK_REPLY_DAYS,
        },
        "authority": data_protection_authority(),
    }


def statement_context(city: CitySettings) -> dict[str, Any]:
    items = explanations(city)
    automatic = missing_videos(items)
    return {
        "city": city,
        "missing": city.missing_for_statement(automatic_barriers=automatic),
        "contradictions": city.statement_contradictions(automatic_barriers=automatic),
        "automatic_barriers": automatic,
        "page": page_addition(PageSlug.ACCESSIBILITY),
        "portal_url": settings.PORTAL_BASE_URL,
    }


def explanations_context(city: CitySettings) -> dict[str, Any]:
    return {
        "city": city,
        "explanations": explanations(city),
        "page": page_addition(PageSlug.EASY_LANGUAGE),
    }


def data_protection_authority() -> dict[str, str]:
    """The supervisory authority of Art. 77 DSGVO for a municipality in NRW (settings)."""
    return {
        "name": settings.DATA_PROTECTION_AUTHORITY_NAME,
        "address": settings.DATA_PROTECTION_AUTHORITY_ADDRESS,
        "url": settings.DATA_PROTECTION_AUTHORITY_URL,
        "email": settings.DATA_PROTECTION_AUTHORITY_EMAIL,
    }
