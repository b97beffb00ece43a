import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from concept.models import VersionStatus, is_audit_trail
from measures.models import (
    Indicator,
    Measure,
    MeasureContact,
    MeasureStatus,
    MeasureTranslation,
    ProgressUpdate,
    Recommendation,
)
from measures.services import progress_record
from tests.concept.conftest import move
from tests.concept.test_admin import admin_post_data, admin_url, make_concept_data, messages_of
from tests.factories import (
    GoalFactory,
    MeasureFactory,
    OrganisationFactory,
    RecommendationFactory,
    SectionFactory,
    SessionFactory,
    TargetGroupFactory,
    UserFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db

MEASURE_MODELS = [m for m in apps.get_app_config("measures").get_models() if not is_audit_trail(m)]
# The annual reports: a register issued from its own pages (test_report_admin.py).
MEASURE_MODELS = [m for m in MEASURE_MODELS if not m.__name__.startswith("ImplementationReport")]


@pytest.fixture
def measure_data():
    measure = MeasureFactory(title="Elterncafés in allen Stadtteilen", number=12)
    measure.goal = GoalFactory(concept=measure.concept, working_group=measure.working_group)
    measure.origin_session = SessionFactory(working_group=measure.working_group)
    measure.lead_organisation = OrganisationFactory(name="Familienzentrum Bärenkämpen")
    measure.save()
    measure.partners.add(OrganisationFactory())
    measure.target_groups.add(TargetGroupFactory(name="Eltern"))
    RecommendationFactory(concept=measure.concept, title="Elternarbeit stärken").measures.add(
        measure
    )
    courses = Indicator.objects.create(measure=measure, name="Cafés", unit="Cafés", target=8)
    progress_record(
        measure=measure,
        status=MeasureStatus.IN_PROGRESS,
        note="Erstes Café offen",
        values={courses: 1},
    )
    MeasureContact.objects.create(
        measure=measure, user=UserFactory(), organisation=measure.lead_organisation
    )
    MeasureTranslation.objects.create(
        measure=measure, language="tr", title="Tüm semtlerde veli kafeleri", source_digest="0"
    )
    return measure


@pytest.mark.parametrize("model", MEASURE_MODELS, ids=lambda m: m.__name__)
def test_officer_opens_changelist_add_and_change_pages(officer_client, measure_data, model):
    assert officer_client.get(admin_url(model, "changelist")).status_code == 200
    assert officer_client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    assert officer_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", MEASURE_MODELS, ids=lambda m: m.__name__)
def test_clerk_sees_changelist_and_objects_but_may_not_add(clerk_client, measure_data, model):
    response = clerk_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0
    obj = model.objects.first()
    assert clerk_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert clerk_client.get(admin_url(model, "add")).status_code == 403


def test_progress_update_added_in_the_measure_inline_sets_the_status(officer_client, officer):
    measure = MeasureFactory()
    url = admin_url(Measure, "change", measure.pk)
    data = admin_post_data(officer_client.get(url))
    data.update(
        {
            "progress_updates-0-date": timezone.localdate().isoformat(),
            "progress_updates-0-status": MeasureStatus.IMPLEMENTED,
            "progress_updates-0-note": "Alle Cafés laufen.",
        }
    )

    response = officer_client.post(url, data)

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.IMPLEMENTED
    update = measure.progress_updates.get()
    assert update.note == "Alle Cafés laufen."
    assert update.recorded_by == officer


def test_untouched_inline_row_records_no_progress(officer_client):
    measure = MeasureFactory()
    url = admin_url(Measure, "change", measure.pk)
    data = admin_post_data(officer_client.get(url))
    data["title"] = "Neuer Titel"

    response = officer_client.post(url, data)

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Neuer Titel"
    assert measure.status == MeasureStatus.PLANNED
    assert not measure.progress_updates.exists()


def test_progress_update_admin_records_through_the_service(officer_client, officer):
    measure = MeasureFactory()
    progress_record(measure=measure, status=MeasureStatus.IN_PROGRESS, date=dt.date(2011, 6, 1))

    response = officer_client.post(
        admin_url(ProgressUpdate, "add"),
        {
            "measure": measure.pk,
            "date": "2012-03-01",
            "status": MeasureStatus.DEFERRED,
            "note": "Keine Mittel.",
            "_save": "Sichern",
        },
    )

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DEFERRED
    assert measure.progress_updates.latest().recorded_by == officer


def test_older_progress_update_does_not_override_the_newest_status(officer_client):
    measure = MeasureFactory()
    progress_record(measure=measure, status=MeasureStatus.IMPLEMENTED, date=dt.date(2013, 1, 1))

    officer_client.post(
        admin_url(ProgressUpdate, "add"),
        {"measure": measure.pk, "date": "2012-01-01", "status": MeasureStatus.IN_PROGRESS},
    )

    measure.refresh_from_db()
    assert measure.progress_updates.count() == 2
    assert measure.status == MeasureStatus.IMPLEMENTED


def test_measure_status_cannot_be_set_in_the_form(officer_client):
    measure = MeasureFactory()
    url = admin_url(Measure, "change", measure.pk)
    data = admin_post_data(officer_client.get(url))
    data["status"] = MeasureStatus.IMPLEMENTED

    officer_client.post(url, data)

    measure.refresh_from_db()
    assert measure.status == MeasureStatus.PLANNED


def test_saving_a_measure_keeps_a_status_recorded_meanwhile(officer_client):
    measure = MeasureFactory()
    url = admin_url(Measure, "change", measure.pk)
    data = admin_post_data(officer_client.get(url))
    progress_record(measure=measure, status=MeasureStatus.ONGOING)
    data["title"] = "Umbenannt"

    officer_client.post(url, data)

    measure.refresh_from_db()
    assert measure.title == "Umbenannt"
    assert measure.status == MeasureStatus.ONGOING


def test_progress_updates_are_not_changed_or_deleted_in_the_admin(officer_client, measure_data):
    update = measure_data.progress_updates.get()
    url = admin_url(ProgressUpdate, "change", update.pk)

    page = officer_client.get(url)
    post = officer_client.post(
        url, {"measure": measure_data.pk, "date": "2011-01-01", "status": MeasureStatus.DROPPED}
    )
    delete = officer_client.post(admin_url(ProgressUpdate, "delete", update.pk), {"post": "yes"})

    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert post.status_code == 403
    assert delete.status_code == 403
    update.refresh_from_db()
    assert update.status == MeasureStatus.IN_PROGRESS


def test_measure_cites_draft_sections_but_frozen_citations_stay(officer_client):
    measure = MeasureFactory()
    frozen = VersionFactory(concept=measure.concept)
    frozen_section = SectionFactory(version=frozen)
    move(frozen, VersionStatus.COUNCIL_REVIEW)
    draft_section = SectionFactory(version=VersionFactory(concept=measure.concept))
    url = admin_url(Measure, "change", measure.pk)

    data = admin_post_data(officer_client.get(url))
    data["cited_sections"] = [str(frozen_section.pk)]
    refused = officer_client.post(url, data)

    data["cited_sections"] = [str(draft_section.pk)]
    accepted = officer_client.post(url, data)

    assert refused.status_code == 200
    assert "eingefroren" in str(refused.context["adminform"].form.errors["cited_sections"])
    assert accepted.status_code == 302
    assert list(measure.cited_sections.all()) == [draft_section]


def test_recommendation_is_linked_through_the_measure_inline(officer_client):
    measure = MeasureFactory()
    recommendation = RecommendationFactory(concept=measure.concept)
    url = admin_url(Measure, "change", measure.pk)
    data = admin_post_data(officer_client.get(url))
    prefix = "Recommendation_measures"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-recommendation": str(recommendation.pk),
        }
    )

    response = officer_client.post(url, data)

    assert response.status_code == 302
    assert list(measure.recommendations.all()) == [recommendation]


def test_search_finds_measures_by_title_and_number(officer_client, measure_data):
    MeasureFactory(title="Sprachkurse für Eltern", number=30)

    by_title = officer_client.get(admin_url(Measure, "changelist"), {"q": "Elterncafés"})
    by_number = officer_client.get(admin_url(Measure, "changelist"), {"q": "30"})
    recommendations = officer_client.get(
        admin_url(Recommendation, "changelist"), {"q": "Elternarbeit"}
    )
    updates = officer_client.get(admin_url(ProgressUpdate, "changelist"), {"q": "Café offen"})
    nothing = officer_client.get(admin_url(Measure, "changelist"), {"q": "Raumfahrt"})

    assert [m.number for m in by_title.context["cl"].result_list] == [12]
    assert [m.number for m in by_number.context["cl"].result_list] == [30]
    assert recommendations.context["cl"].result_count == 1
    assert updates.context["cl"].result_count == 1
    assert nothing.context["cl"].result_count == 0


def test_status_filter_lists_only_measures_in_that_state(officer_client, measure_data):
    MeasureFactory(concept=measure_data.concept)

    response = officer_client.get(
        admin_url(Measure, "changelist"), {"status__exact": MeasureStatus.IN_PROGRESS}
    )

    assert list(response.context["cl"].result_list) == [measure_data]


def test_service_refusal_while_saving_is_a_message_not_a_500(officer_client, monkeypatch):
    from django.core.exceptions import ValidationError

    import measures.admin_progress

    def refuse(**kwargs):
        raise ValidationError("Unbekannter Umsetzungsstand.")

    monkeypatch.setattr(measures.admin_progress, "progress_record", refuse)
    measure = MeasureFactory()

    response = officer_client.post(
        admin_url(ProgressUpdate, "add"),
        {"measure": measure.pk, "date": "2012-01-01", "status": MeasureStatus.DROPPED},
    )

    assert response.status_code == 302
    assert "Unbekannter Umsetzungsstand." in messages_of(response)
    assert not ProgressUpdate.objects.exists()


def test_section_autocomplete_for_citations_offers_only_draft_sections(officer_client, db):
    concept_data = make_concept_data()
    response = officer_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Kitas und",
            "app_label": "measures",
            "model_name": "measure",
            "field_name": "cited_sections",
        },
    )

    ids = {int(r["id"]) for r in response.json()["results"]}
    assert ids == set(concept_data["draft"].sections.values_list("pk", flat=True))


def test_the_measure_history_shows_the_status_label_and_a_word_diff_of_the_description(
    officer_client, officer
):
    measure = MeasureFactory(description="Ein Elterncafé pro Monat im Stadtteilzentrum.")
    url = admin_url(Measure, "change", measure.pk)
    data = admin_post_data(officer_client.get(url))
    data["description"] = "Ein Elterncafé pro Woche im Stadtteilzentrum."
    officer_client.post(url, data)
    progress_record(measure=measure, status=MeasureStatus.IN_PROGRESS)

    page = officer_client.get(admin_url(Measure, "history", measure.pk)).content.decode()
    start = page.index('id="change-history"')
    table = page[start : page.index("</table>", start)]
    assert "geplant" in table and "in Umsetzung" in table
    assert "in_progress" not in table
    assert '<del><span class="visually-hidden">Gestrichen: </span>Monat</del>' in table
    assert '<ins><span class="visually-hidden">Eingefügt: </span>Woche</ins>' in table
    # The one who saved the form, by name; no search data, no bookkeeping columns.
    assert officer.get_username() in table
    for hidden in ("Suchtext", "Suchindex", "Bearbeitungsstand", "Geändert am", "Angelegt am"):
        assert hidden not in table
