"""Work done once: sections rendered when written (and filled in on read), comparisons of
frozen versions stored, and what a cold reading view costs."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concept.models import (
    LiveDocument,
    RenderedSection,
    Section,
    StoredComparison,
    VersionStatus,
)
from concept.rendering import RENDERER
from concept.services import section_create, section_update, version_present
from tests.concept.conftest import move, version_with_sections
from tests.concept.test_views import add_cited_measures, add_sections
from tests.factories import VersionFactory

# The goal of issue 16 for every public page, with the cache cleared before the request.
MAX_COLD_QUERIES = 12


def cold_get(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def test_a_section_is_rendered_when_written(concept):
    version = version_with_sections(concept, 1)
    section = section_create(
        version=version, title="Neu", number="2", body="Ein **wichtiger** Satz.",
        easy_language_summary="Das ist *leicht*.",
    )  # fmt: skip
    rendered = RenderedSection.objects.get(section=section)
    assert rendered.renderer == RENDERER
    assert rendered.body_html == "<p>Ein <strong>wichtiger</strong> Satz.</p>"
    assert rendered.summary_html == "<p>Das ist <em>leicht</em>.</p>"

    section_update(section=section, body="Jetzt _anders_.")
    assert RenderedSection.objects.get(section=section).body_html == "<p>Jetzt <em>anders</em>.</p>"


def test_rows_missing_or_stale_are_filled_in_on_read(client, concept):
    version = version_with_sections(concept, 3)  # factory rows: written without the services
    Section.objects.filter(version=version).update(body="Text mit **Gewicht**.")
    move(version, VersionStatus.CONSULTATION)
    assert not RenderedSection.objects.filter(section__version=version).exists()

    cold_get(client, "/konzept/v1/")
    rows = RenderedSection.objects.filter(section__version=version)
    assert rows.count() == 3
    assert {r.body_html for r in rows} == {"<p>Text mit <strong>Gewicht</strong>.</p>"}

    # A row of an older renderer is rendered again; one made for another text as well.
    first, second, _third = Section.objects.filter(version=version).in_order()
    RenderedSection.objects.filter(section=first).update(renderer=RENDERER - 1, body_html="alt")
    RenderedSection.objects.filter(section=second).update(body_html="alt", source="x" * 64)
    _, content = cold_get(client, "/konzept/v1/")
    assert "alt" not in {r.body_html for r in rows.all()}
    assert RenderedSection.objects.get(section=first).renderer == RENDERER
    assert content.count("<p>Text mit <strong>Gewicht</strong>.</p>") == 3


def test_the_reading_view_shows_the_stored_html_of_a_frozen_version(client, frozen):
    cold_get(client, "/konzept/v1/")
    section = frozen.sections.in_order().first()
    # Outside the freeze guard: the derived row of a frozen section may be rewritten.
    stored = RenderedSection.objects.get(section=section)
    stored.body_html = "<p>Aus dem Speicher</p>"
    stored.source = stored.source  # the same text: the row is trusted
    stored.save()

    _, content = cold_get(client, "/konzept/v1/")
    assert "<p>Aus dem Speicher</p>" in content


def test_render_sections_renders_every_section_again(concept):
    version = version_with_sections(concept, 2)
    Section.objects.filter(version=version).update(body="_neu_")
    call_command("render_sections", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {r.body_html for r in RenderedSection.objects.all()} == {"<p><em>neu</em></p>"}


def frozen_pair(concept):
    old = version_with_sections(concept, 2)
    move(old, VersionStatus.COUNCIL_REVIEW)
    new = version_with_sections(concept, 3)
    Section.objects.filter(version=new, key="kapitel-1").update(title="Kapitel eins")
    move(new, VersionStatus.COUNCIL_REVIEW)
    return old, new


def test_the_comparison_of_two_frozen_versions_is_stored_once(client, concept):
    old, new = frozen_pair(concept)
    url = "/konzept/vergleich/?von=1&zu=2"
    cold_get(client, url)
    stored = StoredComparison.objects.get(old=old, new=new)
    assert stored.language == "de"

    # Read from its row when the cache is empty: a marker put into it shows.
    stored.data = stored.data.replace("Kapitel eins", "Kapitel EINS")
    stored.save()
    _, content = cold_get(client, url)
    assert "Kapitel EINS" in content
    assert StoredComparison.objects.count() == 1

    cold_get(client, "/en/konzept/vergleich/?von=1&zu=2")
    assert set(StoredComparison.objects.values_list("language", flat=True)) == {"de", "en"}


def test_a_comparison_with_a_live_version_is_not_stored(client, concept):
    old = version_with_sections(concept, 2)
    move(old, VersionStatus.COUNCIL_REVIEW)
    new = version_with_sections(concept, 2)
    move(new, VersionStatus.CONSULTATION)
    cold_get(client, "/konzept/vergleich/?von=1&zu=2")
    assert not StoredComparison.objects.exists()


# --- the cold reading view: its queries do not grow with the sections -------------------------


# Committed, as in production: a live document is stored only for a committed generation.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("status", [VersionStatus.CONSULTATION, VersionStatus.COUNCIL_REVIEW])
def test_a_cold_reading_view_costs_the_same_queries_at_any_size(client, concept, status):
    small_version = VersionFactory(concept=concept, number=1)
    add_sections(small_version, 3)
    add_cited_measures(concept, small_version, 5)
    large_version = VersionFactory(concept=concept, number=2)
    add_sections(large_version, 60)
    add_cited_measures(concept, large_version, 120, start=100)
    move(small_version, status)
    move(large_version, status)

    counts = {}
    for number in (1, 2):
        # First read: the renderings (and a live document) are stored; then read from rows.
        filling, _ = cold_get(client, f"/konzept/v{number}/")
        stored, content = cold_get(client, f"/konzept/v{number}/")
        counts[number] = (filling, stored)
    assert content.count('class="concept-section ') == 60
    assert counts[1] == counts[2]
    assert counts[2][1] <= MAX_COLD_QUERIES, counts
    assert counts[2][0] > counts[2][1]


def test_a_cold_comparison_of_frozen_versions_costs_the_same_queries_at_any_size(client, concept):
    counts = []
    for sections in (2, 40):
        StoredComparison.objects.all().delete()
        old = VersionFactory(concept=concept, number=len(counts) * 2 + 1)
        add_sections(old, sections)
        move(old, VersionStatus.COUNCIL_REVIEW)
        new = VersionFactory(concept=concept, number=len(counts) * 2 + 2)
        add_sections(new, sections + 1)
        move(new, VersionStatus.COUNCIL_REVIEW)
        cold_get(client, f"/konzept/vergleich/?von={old.number}&zu={new.number}")
        count, _ = cold_get(client, f"/konzept/vergleich/?von={old.number}&zu={new.number}")
        counts.append(count)
    assert counts[0] == counts[1] <= MAX_COLD_QUERIES


def test_version_present_keeps_the_renderings(concept):
    """Freezing leaves the derived rows alone (they sit outside the guard)."""
    version = version_with_sections(concept, 1)
    section_update(section=version.sections.get(), body="Vorher")
    version_present(
        version=version, council_paper_reference="DS 1", presented_on=timezone.localdate()
    )
    assert RenderedSection.objects.get(section__version=version).body_html == "<p>Vorher</p>"


@pytest.mark.django_db(transaction=True)
def test_a_live_document_is_stored_per_generation_and_never_served_stale(client, concept):
    from minden_integration.core.generation import generation_current

    version = version_with_sections(concept, 2)
    move(version, VersionStatus.CONSULTATION)
    cold_get(client, "/konzept/v1/")
    stored = LiveDocument.objects.get(version=version)
    assert stored.generation == generation_current()

    # A write after it: the next reader builds the document again, with the change.
    Section.objects.filter(version=version, key="kapitel-1").update(title="Neuer Titel")
    _, content = cold_get(client, "/konzept/v1/")
    assert "Neuer Titel" in content
    assert LiveDocument.objects.get(version=version).generation == generation_current()
