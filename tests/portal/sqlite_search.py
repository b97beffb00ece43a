"""The search on SQLite (the quick start's database), run by `test_search_sqlite.py` as
`python -m tests.portal.sqlite_search` with DATABASE_URL=sqlite:///…: migrate (so the FTS5
tables come from the migrations), build a little content with the factories, search; prints
what it found as JSON."""

import json

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)

    from concept.models import BodyKind, VersionStatus
    from measures.models import Measure
    from measures.search import measure_search
    from minden_integration.site.search import site_search
    from tests.concept.conftest import bring_to
    from tests.factories import (
        BodyFactory,
        ConceptFactory,
        MeasureFactory,
        RecommendationFactory,
        SectionFactory,
        SessionFactory,
        VersionFactory,
        WorkingGroupFactory,
    )

    concept = ConceptFactory(slug="minden")
    BodyFactory(concept=concept, kind=BodyKind.ADVISORY)
    version = VersionFactory(concept=concept, number=1)
    SectionFactory(
        version=version,
        position=1,
        key="text",
        title="Elternarbeit",
        body="Die **Sprachförderung** der Kinder beginnt früh.",
    )
    SectionFactory(
        version=version,
        position=2,
        key="titel",
        title="Sprachförderung im Stadtteil",
        body="Kurse für alle.",
    )
    SectionFactory(
        version=version,
        position=3,
        key="leicht",
        title="Übersicht",
        easy_language_summary="Wir helfen beim Sprechen-Lernen: Sprachförderung.",
    )
    bring_to(version, VersionStatus.CONSULTATION)
    group = WorkingGroupFactory(concept=concept, slug="bildung")
    MeasureFactory(
        concept=concept,
        working_group=group,
        number=1,
        title="Sprachförderung in Kitas",
        description="Für Kinder und Eltern.",
    )
    MeasureFactory(
        concept=concept,
        working_group=group,
        number=2,
        title="Elterncafés",
        description="ÜBERSETZUNG von Elternbriefen.",
    )
    RecommendationFactory(
        concept=concept, code="E1", title="Lotsen", text="Sprachförderung bündeln."
    )
    SessionFactory(working_group=group, round=1, agenda="Sprachförderung, Haushalt")
    SessionFactory(
        working_group=group, round=2, agenda="Haushalt", minutes="Geheimwort", minutes_public=False
    )

    def counts(query):
        return {group["key"]: group["count"] for group in site_search(query)["groups"]}

    def measures(query):
        found, _terms = measure_search(Measure.objects.all(), query)
        return sorted(found.values_list("number", flat=True))

    sections = site_search("sprachförder")["groups"][0]
    client = Client(HTTP_HOST="localhost")
    hostile = [
        '"',
        '"unclosed',
        "a:* & !b | (c",
        "NEAR(a b)",
        "-",
        "OR OR",
        "x" * 10_000,
        "*",
        "'; DROP TABLE concept_section; --",
        "^a",
        "sprach*",
        "ü" * 300,
    ]
    statuses = {query[:40]: client.get("/suche/", {"q": query}).status_code for query in hostile}
    page = client.get("/suche/", {"q": "sprachförder"}).content.decode()
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "counts": counts("sprachförder"),
                "section_order": [row["url"].rsplit("#", 1)[1] for row in sections["results"]],
                "measures": measures("sprachförder"),
                "measures_upper": measures("übersetzung"),
                "measures_short": measures("Ki"),
                "secret": counts("Geheimwort"),
                "statuses": statuses,
                "marked": "<mark>Sprachförder</mark>ung" in page,
            }
        )
    )


if __name__ == "__main__":
    main()
