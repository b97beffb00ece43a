"""Writing a file that passed every check, inside the import's transaction: the
recommendations first, so that the measures can be linked to the new ones."""

from __future__ import annotations

from concept.models import Concept
from measures.importing.lookups import match_key
from measures.importing.validating import MeasureRow, RecommendationRow
from measures.models import Measure, Recommendation


def recommendations_write(
    *,
    concept: Concept,
    rows: list[RecommendationRow],
    existing: dict[str, Recommendation],
) -> tuple[dict[str, Recommendation], int, int]:
    """Every recommendation of the concept by its matching key (the measures cite them), and
    how many were created and updated."""
    recommendations = dict(existing)
    created = updated = 0
    for row in rows:
        recommendation = recommendations.get(match_key(row.code))
        if recommendation is None:
            recommendation = Recommendation.objects.create(
                concept=concept, code=row.code, title=row.title, text=row.text
            )
            recommendations[match_key(row.code)] = recommendation
            created += 1
        else:
            recommendation.title, recommendation.text = row.title, row.text
            recommendation.is_example = False
            recommendation.save(update_fields=["title", "text", "is_example", "updated_at"])
            updated += 1
    return recommendations, created, updated


def measures_write(
    *,
    concept: Concept,
    rows: list[MeasureRow],
    existing: dict[int, Measure],
    recommendations: dict[str, Recommendation],
) -> tuple[int, int]:
    """How many measures were created and updated; a relation whose column was absent is left
    as it is."""
    created = updated = 0
    for row in rows:
        measure = existing.get(row.number)
        if measure is None:
            measure = Measure(concept=concept, number=row.number, **row.values)
            created += 1
        else:
            for name, value in row.values.items():
                setattr(measure, name, value)
            measure.is_example = False
            updated += 1
        measure.save()
        if row.partners is not None:
            measure.partners.set(row.partners)
        if row.target_groups is not None:
            measure.target_groups.set(row.target_groups)
        if row.recommendation_codes is not None:
            measure.recommendations.set(
                [recommendations[code] for code in row.recommendation_codes]
            )
    return created, updated
