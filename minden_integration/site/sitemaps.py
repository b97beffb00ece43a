"""sitemap.xml: every public page, so search engines and the city's own search find them.

Written here rather than with `django.contrib.sitemaps`: that reads each kind's rows three
times (a count, the page, and again for the latest change) as whole model instances and renders
every address through a template. This reads one query per kind, only the columns an address
and its date need, and writes the XML directly; the addresses are the German ones, whatever
the asking client's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple
from xml.sax.saxutils import escape

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from concept.models import Concept, ConceptVersion
from measures.models import Measure
from workgroups.models import Session, WorkingGroup

STATIC_PAGES = (
    "home",
    "concept:version-current",
    "concept:version-list",
    "workgroups:group-list",
    "measures:measure-list",
    "monitoring:overview",
    "reports:report-list",
    "participate",
    "easy-language",
    "sign-language",
    "accessibility",
    "imprint",
    "privacy",
)


class Entry(NamedTuple):
    path: str
    lastmod: dt.datetime | None = None
    changefreq: str | None = None


# Stand-ins reversed once per kind, then replaced by each row's values: a thousand `reverse()`
# calls cost more than the rest of the sitemap. Numbers and slugs need no quoting.
_NUMBER = 918273645
_SLUG = "sitemap-platzhalter"


def _address(name: str, *markers: object):
    """The address of `name` for any values, from one `reverse()` with stand-ins."""
    rest = reverse(name, args=markers)
    literals = []
    for marker in markers:
        before, rest = rest.split(str(marker), 1)
        literals.append(before)

    def address(*values: object) -> str:
        return (
            "".join(f"{literal}{value}" for literal, value in zip(literals, values, strict=True))
            + rest
        )

    return address


def sitemap_entries(concept: Concept | None) -> Iterator[Entry]:
    """The public pages: the fixed ones, then the concept's public versions (newest first),
    its working groups, their sessions and its measures, each with its last change."""
    for name in STATIC_PAGES:
        yield Entry(reverse(name), changefreq="monthly")
    if concept is None:
        return
    version = _address("concept:version-detail", _NUMBER)
    versions = ConceptVersion.objects.filter(concept=concept).public().order_by("-number")
    for number, updated_at in versions.values_list("number", "updated_at"):
        yield Entry(version(number), updated_at, "weekly")
    group = _address("workgroups:group-detail", _SLUG)
    groups = WorkingGroup.objects.filter(concept=concept).order_by("position", "name")
    for slug, updated_at in groups.values_list("slug", "updated_at"):
        yield Entry(group(slug), updated_at)
    session = _address("workgroups:session-detail", _SLUG, _NUMBER)
    sessions = Session.objects.filter(working_group__concept=concept).order_by(
        "working_group__position", "working_group__name", "round"
    )
    for slug, pk, updated_at in sessions.values_list("working_group__slug", "pk", "updated_at"):
        yield Entry(session(slug, pk), updated_at)
    measure = _address("measures:measure-detail", _NUMBER)
    measures = Measure.objects.filter(concept=concept).order_by("number")
    for number, updated_at in measures.values_list("number", "updated_at"):
        yield Entry(measure(number), updated_at)


def sitemap_xml(base_url: str) -> bytes:
    """The whole sitemap, with `base_url` (scheme and host, no slash) before every path."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    with translation.override(settings.LANGUAGE_CODE):
        for entry in sitemap_entries(Concept.objects.current()):
            parts = [f"<url><loc>{escape(base_url + entry.path)}</loc>"]
            if entry.lastmod is not None:
                parts.append(f"<lastmod>{timezone.localdate(entry.lastmod).isoformat()}</lastmod>")
            if entry.changefreq:
                parts.append(f"<changefreq>{entry.changefreq}</changefreq>")
            parts.append("</url>")
            lines.append("".join(parts))
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
