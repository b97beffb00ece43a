"""What is new about the concept: the entries the feeds show and the digests send.

One read path for both, so that a feed and a digest never disagree. Each entry has a stable id
(a tag URI, RFC 4151) that names what happened, not where the page is: it survives a change of
address or language. Only what the public pages show appears: versions past draft, submitted
amendments once decided, the bodies' results, and progress updates once published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from concept.models import Amendment, Concept, ConceptVersion, Consultation, VersionStatus
from measures.models import Measure
from measures.progress_models import ProgressUpdate
from workgroups.models import WorkingGroup

# How many entries a feed shows: the newest ones.
FEED_ENTRIES = 50
SUMMARY_CHARS = 400
# The date of the tag URIs: a day the portal's name stood for the concept.
TAG_DATE = "2011"


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    path: str
    updated: dt.datetime
    summary: str = ""
    measure_id: int | None = None
    working_group_id: int | None = None

    @property
    def uid(self) -> str:
        return entry_id(self.key)


def entry_id(key: str) -> str:
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:{key}"


def _summary(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(SUMMARY_CHARS)


def _newest(items: list[Item], limit: int | None) -> list[Item]:
    items.sort(key=lambda item: (item.updated, item.key), reverse=True)
    return items[:limit] if limit else items


def _after(items: list[Item], since: dt.datetime | None) -> list[Item]:
    return [item for item in items if since is None or item.updated > since]


# --- the concept: versions, consultations, amendments, the bodies' results ----------------


def _version_items(concept: Concept) -> list[Item]:
    versions = list(
        ConceptVersion.objects.public()
        .filter(concept=concept)
        .only(
            "number",
            "title",
            "status",
            "status_changed_at",
            "created_at",
            "consultation_ends_at",
            "consultation_closed_at",
        )
    )
    # When each consultation opened: the first recorded state of the version in consultation.
    opened = dict(
        ConceptVersion.history.filter(concept=concept, status=VersionStatus.CONSULTATION)
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
    )
    items = []
    for version in versions:
        path = reverse("concept:version-detail", kwargs={"number": version.number})
        number = version.number
        if version.consultation_ends_at is not None:
            items.append(
                Item(
                    key=f"version/{number}/consultation/opened",
                    title=_("Version %(number)s: Beteiligung eröffnet") % {"number": number},
                    path=path,
                    updated=opened.get(version.pk)
                    or version.status_changed_at
                    or version.created_at,
                    summary=_("Änderungsvorschläge sind möglich bis %(deadline)s.")
                    % {"deadline": _local(version.consultation_ends_at)},
                )
            )
        if version.consultation_closed_at is not None:
            items.append(
                Item(
                    key=f"version/{number}/consultation/ended",
                    title=_("Version %(number)s: Beteiligung beendet") % {"number": number},
                    path=path,
                    updated=version.consultation_closed_at,
                )
            )
        if version.status not in (VersionStatus.CONSULTATION, VersionStatus.CONSULTATION_CLOSED):
            items.append(
                Item(
                    key=f"version/{number}/status/{version.status}",
                    title=_("Version %(number)s: %(status)s")
                    % {"number": number, "status": version.get_status_display()},
                    path=path,
                    updated=version.status_changed_at or version.created_at,
                    summary=version.title,
                )
            )
    return items


def _local(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _amendment_items(concept: Concept, since: dt.datetime | None) -> list[Item]:
    decided = (
        Amendment.objects.public()
        .decided_since(since)
        .filter(version__concept=concept)
        .exclude(version__status=VersionStatus.DRAFT)
        .select_related("version")
        .only("number", "status", "decided_at", "decision_reasoning", "version__number")
        .order_by("-decided_at", "-pk")
    )
    return [
        Item(
            key=f"amendment/{amendment.pk}/decision",
            title=_("%(label)s zu Version %(version)s: %(status)s")
            % {
                "label": amendment.label,
                "version": amendment.version.number,
                "status": amendment.get_status_display(),
            },
            path=reverse("concept:amendment-list", kwargs={"number": amendment.version.number})
            + f"#vorschlag-{amendment.pk}",
            updated=amendment.decided_at,
            summary=_summary(amendment.decision_reasoning),
        )
        for amendment in decided[:FEED_ENTRIES]
    ]


def _result_items(concept: Concept, since: dt.datetime | None) -> list[Item]:
    held = (
        Consultation.objects.held()
        .filter(version__concept=concept)
        .exclude(version__status=VersionStatus.DRAFT)
        .select_related("body", "version")
        .order_by("-updated_at", "-pk")
    )
    if since is not None:
        held = held.filter(updated_at__gt=since)
    return [
        Item(
            key=f"consultation/{consultation.pk}/result/{consultation.result}",
            title=_("%(body)s: %(result)s (Version %(version)s)")
            % {
                "body": consultation.body.name,
                "result": consultation.get_result_display(),
                "version": consultation.version.number,
            },
            path=reverse("concept:version-detail", kwargs={"number": consultation.version.number}),
            updated=consultation.updated_at,
            summary=_summary(
                " ".join(
                    part
                    for part in (
                        consultation.get_role_display(),
                        consultation.held_label,
                        consultation.decision_text,
                    )
                    if part
                )
            ),
        )
        for consultation in held[:FEED_ENTRIES]
    ]


def concept_items(
    concept: Concept, *, since: dt.datetime | None = None, limit: int | None = FEED_ENTRIES
) -> list[Item]:
    """Versions and their status, consultations opening and ending, decided amendments and the
    bodies' results, newest first."""
    items = _after(_version_items(concept), since)
    items += _amendment_items(concept, since)
    items += _result_items(concept, since)
    return _newest(items, limit)


# --- progress: overall, per working group, per measure ----------------------------------------


def progress_items(
    concept: Concept,
    *,
    working_group: WorkingGroup | None = None,
    measure: Measure | None = None,
    since: dt.datetime | None = None,
    limit: int | None = FEED_ENTRIES,
) -> list[Item]:
    """The published progress updates, newest first; the moment of an update is when it was
    published (its review), or recorded when it needed none."""
    updates = (
        ProgressUpdate.objects.published()
        .filter(measure__concept=concept)
        .annotate(published_at=Coalesce("reviewed_at", "created_at"))
        .select_related("measure")
        .only(
            "date",
            "status",
            "note",
            "public_reason",
            "measure__number",
            "measure__title",
            "measure__working_group_id",
            "reviewed_at",
            "created_at",
        )
        .order_by("-published_at", "-pk")
    )
    if working_group is not None:
        updates = updates.filter(measure__working_group=working_group)
    if measure is not None:
        updates = updates.filter(measure=measure)
    if since is not None:
        updates = updates.filter(published_at__gt=since)
    if limit:
        updates = updates[:limit]
    return [
        Item(
            key=f"progress/{update.pk}",
            title=_("Maßnahme %(number)s: %(status)s")
            % {"number": update.measure.number, "status": update.get_status_display()},
            path=reverse("measures:measure-detail", kwargs={"number": update.measure.number})
            + "#progress-heading",
            updated=update.published_at,
            summary=_summary(
                f"{update.measure.title}. {update.note} {update.public_reason}".strip()
            ),
            measure_id=update.measure_id,
            working_group_id=update.measure.working_group_id,
        )
        for update in updates
    ]
