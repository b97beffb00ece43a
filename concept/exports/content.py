"""The version's document arranged the way every printed format shows it: sections with the
measures they cite, the measures annex by working group and goal, the recommendations.

PDF, DOCX and ODT read this one structure, so they cannot disagree about what a version holds.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from concept.documents import version_document
from concept.exports.meta import version_meta
from concept.models import ConceptVersion, section_anchor


def natural_key(code: str) -> tuple:
    """Orders codes as people count: E2 before E10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


def measure_anchor(number: int) -> str:
    return f"massnahme-{number}"


def version_content(version: ConceptVersion) -> dict[str, Any]:
    document = version_document(version)
    meta = version_meta(version)
    with override("de"):
        return document_content(document, meta)


def document_content(document: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    measures = sorted(document.get("measures", []), key=lambda m: m["number"])
    labels = meta["labels"]
    cited: dict[str, list[int]] = {}
    for measure in measures:
        for key in measure.get("cited_in", []):
            cited.setdefault(key, []).append(measure["number"])
    sections = [
        {
            **section,
            "anchor": section_anchor(section["key"]),
            "measure_numbers": cited.get(section["key"], []),
        }
        for section in document["sections"]
    ]
    return {
        "concept": document["concept"],
        "version": document["version"],
        "meta": meta,
        "sections": sections,
        "annex": measures_annex(document, labels),
        "recommendations": [
            {**rec, "measure_list": ", ".join(str(n) for n in rec.get("measures", []))}
            for rec in sorted(
                document.get("recommendations", []), key=lambda r: natural_key(r["code"])
            )
        ],
        "measure_count": len(measures),
        "is_example": bool(document["version"].get("is_example"))
        or any(m.get("is_example") for m in measures),
    }


def measures_annex(
    document: dict[str, Any], labels: dict[str, dict[str, str]]
) -> list[dict[str, Any]]:
    """Working groups in the order of their first measure, each with its goals by code and the
    measures without a goal last."""
    goals = {goal["code"]: goal for goal in document.get("goals", [])}
    groups: dict[str, dict[str, Any]] = {}
    for measure in sorted(document.get("measures", []), key=lambda m: m["number"]):
        group_data = measure.get("working_group") or {}
        slug = group_data.get("slug") or ""
        group = groups.setdefault(
            slug,
            {"slug": slug, "name": group_data.get("name") or _("ohne Arbeitsgruppe"), "goals": {}},
        )
        code = measure.get("goal") or ""
        goal = goals.get(code, {})
        entry = group["goals"].setdefault(
            code,
            {
                "code": code,
                "title": goal.get("title", "") if code else _("Ohne zugeordnetes Ziel"),
                "measures": [],
            },
        )
        entry["measures"].append(
            {
                "number": measure["number"],
                "anchor": measure_anchor(measure["number"]),
                "title": measure["title"],
                "lead": measure.get("lead_organisation") or "",
                "status_label": labels["status"].get(measure["status"], measure["status"]),
                "is_example": measure.get("is_example", False),
            }
        )
    return [
        {
            **group,
            "goals": sorted(
                group["goals"].values(), key=lambda g: (g["code"] == "", natural_key(g["code"]))
            ),
        }
        for group in groups.values()
    ]
