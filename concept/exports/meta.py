"""What an export shows beside the version's document: the data that may still change after
freezing (status, dates, council paper reference, Beratungsfolge)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from concept.models import ConceptVersion, Milestone


def _date(value: dt.datetime | None, fmt: str = "DATE_FORMAT") -> str:
    if value is None:
        return ""
    return date_format(timezone.localtime(value), fmt)


def version_meta(version: ConceptVersion) -> dict[str, Any]:
    """Status, dates and Beratungsfolge of `version` as German display strings."""
    milestones = Milestone.objects.filter(version=version).timeline().defer("version__snapshot")
    with override("de"):
        return {
            "number": version.number,
            "status": version.status,
            "status_label": str(version.get_status_display()),
            "status_changed_at": _date(version.status_changed_at),
            "consultation_ends_at": _date(version.consultation_ends_at, "DATETIME_FORMAT"),
            "frozen_at": _date(version.frozen_at, "DATETIME_FORMAT"),
            "is_frozen": version.is_frozen,
            "checksum": version.checksum,
            "checksum_prefix": version.checksum[:12],
            "council_paper_reference": version.council_paper_reference,
            "milestones": [
                {
                    "date_label": milestone.date_label,
                    "title": milestone.title,
                    "body": milestone.body.name if milestone.body_id else "",
                    "outcome_label": str(milestone.get_outcome_display())
                    if milestone.outcome
                    else "",
                    "council_paper_reference": milestone.council_paper_reference,
                }
                for milestone in milestones
            ],
            "footer": footer_text(
                version.number, version.checksum, str(version.get_status_display())
            ),
        }


def footer_text(number: int, checksum: str, status_label: str) -> str:
    """Names the exact text on every page: the version and, once frozen, its checksum."""
    if checksum:
        return _("Version %(number)s · Prüfsumme (SHA-256) %(checksum)s") % {
            "number": number,
            "checksum": checksum[:12],
        }
    return _("Version %(number)s · %(status)s · nicht eingefroren") % {
        "number": number,
        "status": status_label,
    }
