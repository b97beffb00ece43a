"""A measure carried into the next version keeps its history and indicators: measures belong
to the concept, not to a version, so a new draft made from the approved version
(`version_create_next`, concept's `draft_from`) leaves every progress update, indicator and
value attached, and the pages and the open data go on showing them."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client

from concept.documents import version_document
from concept.models import ConceptVersion, VersionStatus
from concept.services import version_create_next
from measures.models import Indicator, IndicatorValue, ProgressUpdate
from measures.services import measure_cite, progress_record
from tests.concept.conftest import bring_to, version_with_sections
from tests.factories import BodyFactory, ConceptFactory, MeasureFactory


@pytest.fixture(autouse=True)
def files_queued_not_rendered(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_new_draft_keeps_the_measures_progress_and_indicators(officer_client, db):
    concept = ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")
    BodyFactory(concept=concept, name="Integrationsrat", kind="advisory", position=1)
    BodyFactory(concept=concept, name="Rat der Stadt", kind="council", position=2)
    first = version_with_sections(concept)
    measure = MeasureFactory(concept=concept, number=7, title="Sprachkurse für Eltern")
    measure_cite(measure=measure, sections=[first.sections.get(key="kapitel-1")])
    approved = bring_to(first, VersionStatus.APPROVED)
    courses = Indicator.objects.create(
        measure=measure, name="Sprachkurse", unit="Kurse", baseline=0, target=20
    )
    begun = progress_record(
        measure=measure, status="in_progress", note="Vier Kurse.", date=dt.date(2025, 3, 1)
    )
    IndicatorValue.objects.create(update=begun, indicator=courses, value=4)
    done = progress_record(
        measure=measure, status="implemented", note="Zwanzig Kurse.", date=dt.date(2026, 3, 1)
    )
    IndicatorValue.objects.create(update=done, indicator=courses, value=Decimal("20"))
    updates_before = list(ProgressUpdate.objects.values_list("pk", "measure_id", "status"))
    values_before = list(IndicatorValue.objects.values_list("pk", "update_id", "value"))
    history_before = measure.history.count()

    draft = version_create_next(version=approved, title="Fortschreibung 2027")

    assert draft.status == VersionStatus.DRAFT and draft.drafted_from == approved
    assert ConceptVersion.objects.filter(concept=concept).count() == 2
    # The same rows, attached to the same measure: nothing copied, nothing lost.
    assert list(ProgressUpdate.objects.values_list("pk", "measure_id", "status")) == (
        updates_before
    )
    assert list(IndicatorValue.objects.values_list("pk", "update_id", "value")) == values_before
    assert measure.history.count() == history_before
    [current] = Indicator.objects.with_current().filter(measure=measure)
    assert (current.current_value, current.current_date) == (20, dt.date(2026, 3, 1))
    # The draft's document has the measure with its status and its citation carried over.
    [carried] = version_document(draft)["measures"]
    assert (carried["number"], carried["status"], carried["cited_in"]) == (
        7,
        "implemented",
        ["kapitel-1"],
    )

    # Shown: the measure's page, the draft's list for the Fortschreibung, the open data.
    client = Client()  # a resident
    page = client.get("/massnahmen/7/").content.decode()
    assert "Vier Kurse." in page and "Zwanzig Kurse." in page
    draft_page = officer_client.get(f"/konzept/v{draft.number}/").content.decode()
    implemented = draft_page.index('id="fortschreibung-umgesetzt"')
    assert '<a href="/massnahmen/7/">' in draft_page[implemented:]
    data = json.loads(body(client.get("/massnahmen/daten/json/")))
    assert [u["note"] for u in data["progress_updates"]] == ["Vier Kurse.", "Zwanzig Kurse."]
    assert [(i["name"], i["current_value"]) for i in data["indicators"]] == [("Sprachkurse", 20)]
