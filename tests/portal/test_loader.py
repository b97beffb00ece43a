import datetime as dt
import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from concept.models import (
    Amendment,
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    Milestone,
    VersionStatus,
)
from measures.models import Measure, MeasureStatus, ProgressUpdate
from minden_integration.loader.minden import SESSION_DATE_TEXT, counted_models, row_counts
from minden_integration.roles import MEMBER
from minden_integration.site.models import CitySettings
from minden_integration.site.services import city_settings_save
from tests.factories import ConceptFactory, MeasureFactory
from workgroups.consents import ConsentRecord
from workgroups.models import Membership, Organisation, Session, WorkingGroup

pytestmark = pytest.mark.django_db

GROUP_NAMES = {
    "bildung-und-erziehung": "Bildung und Erziehung",
    "arbeit-und-soziales": "Arbeit und Soziales",
    "dialog-und-gesellschaftliche-teilhabe": "Dialog und gesellschaftliche Teilhabe",
}


@pytest.fixture(autouse=True)
def files_queued_not_rendered(settings):
    """The loader's rows are the subject here: the files the demo's presentation issues are
    queued without a worker instead of rendered (tests/exports tests the issuing)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def load(*args):
    out = io.StringIO()
    call_command("load_minden", *args, stdout=out)
    return out.getvalue()


def check():
    out = io.StringIO()
    call_command("check_demo_data", stdout=out)
    return out.getvalue()


def example_models():
    """Models whose rows come only from the demo (milestones, sessions and bodies also hold
    facts)."""
    return [
        model
        for model in counted_models()
        if any(f.name == "is_example" for f in model._meta.get_fields())
        and model not in (Milestone, Session, Body)
    ]


def test_the_municipality_comes_from_the_city_settings_on_every_load():
    load()
    record = CitySettings.objects.filter(pk=CitySettings.ROW).first() or CitySettings()
    record.name = "Beispielstadt"
    city_settings_save(record=record)
    load()
    assert Concept.objects.get(slug="minden").municipality == "Beispielstadt"


def test_real_data_loads_the_concept_bodies_and_groups_of_the_report():
    load()
    concept = Concept.objects.get(slug="minden")
    assert concept.title == "Integrationskonzept der Stadt Minden"
    assert concept.municipality == "Minden"
    assert "imap" in concept.moderated_by and "Integrationsbeauftragte" in concept.moderated_by
    assert "KOMM-IN" in concept.funded_by
    assert concept.officer_title == "Integrationsbeauftragter der Stadt Minden"
    assert "transparenter" in concept.summary and "rund 50 Personen" in concept.summary
    assert "weiterentwickeln" in concept.summary
    assert {(b.name, b.kind) for b in Body.objects.filter(concept=concept)} == {
        ("Integrationskonferenz", BodyKind.CONFERENCE),
        ("Integrationsrat der Stadt Minden", BodyKind.ADVISORY),
        ("Rat der Stadt Minden", BodyKind.COUNCIL),
    }
    groups = WorkingGroup.objects.for_concept(concept)
    assert [(g.slug, g.name) for g in groups] == list(GROUP_NAMES.items())


def test_real_data_loads_both_conferences_with_their_places_and_unknown_dates():
    load()
    first = Milestone.objects.get(title="1. Integrationskonferenz")
    second = Milestone.objects.get(title="2. Integrationskonferenz")
    report = Milestone.objects.get(title="Bericht in der Mindener Rundschau")
    assert (first.date, first.date_text, first.place) == (None, "Herbst 2010", "Rathaus Minden")
    assert first.body.name == "Integrationskonferenz" and first.position == 1
    assert "drei thematische Arbeitsgruppen" in first.description
    assert second.date is None
    assert second.date_text == "Ende März / Anfang April 2011 (Woche vor dem 7. April 2011)"
    assert second.place == "Kleiner Rathaussaal" and second.position == 2
    assert "Ergänzungen und Korrekturen" in second.description
    assert report.date == dt.date(2011, 4, 7)


def test_real_data_presents_nothing_unknown_as_fact():
    load()
    sessions = Session.objects.all()
    assert sessions.count() == 9
    assert {(s.working_group.slug, s.round) for s in sessions} == {
        (slug, n) for slug in GROUP_NAMES for n in (1, 2, 3)
    }
    for session in sessions:
        assert session.date is None
        assert session.date_text == SESSION_DATE_TEXT
        assert "nicht veröffentlicht" in session.date_label
        assert (session.place, session.agenda, session.minutes) == ("", "", "")
    assert set(WorkingGroup.objects.values_list("participant_count", flat=True)) == {None}
    assert not Body.objects.filter(kind=BodyKind.COMMITTEE).exists()
    assert not Milestone.objects.filter(title__contains="Konferenz", date__isnull=False).exists()
    for model in (ConceptVersion, Measure, Organisation, Membership, get_user_model()):
        assert model.objects.count() == 0, model


def test_real_data_loaded_twice_gives_the_same_rows():
    load()
    first = row_counts()
    load()
    assert row_counts() == first


def test_demo_loads_99_measures_and_marks_every_example_row():
    load("--demo")
    assert Measure.objects.count() == 99
    assert sorted(Measure.objects.values_list("number", flat=True)) == list(range(1, 100))
    for model in example_models():
        assert model.objects.exists(), model
        assert not model.objects.filter(is_example=False).exists(), model
    assert all(
        title.startswith("Beispiel") for title in Measure.objects.values_list("title", flat=True)
    )
    assert all(
        name.startswith("Beispiel") for name in Organisation.objects.values_list("name", flat=True)
    )
    assert set(Measure.objects.values_list("status", flat=True)) == set(MeasureStatus.values)
    for measure in Measure.objects.exclude(status=MeasureStatus.PLANNED)[:10]:
        assert measure.status == measure.progress_updates.published().latest().status
    assert ProgressUpdate.objects.count() > 99
    assert Membership.objects.count() == 50
    named = Membership.objects.filter(consent_to_name=True)
    assert named.count() < 10
    # Each consent is recorded (Art. 7 Abs. 1 DSGVO) as taken over with the data.
    records = ConsentRecord.objects.in_force()
    assert set(records.values_list("membership", flat=True)) == set(
        named.values_list("pk", flat=True)
    )
    assert set(records.values_list("given_how", flat=True)) == {"import"}
    # Per-group counts are unknown; only the report's total is stored, as "rund 50".
    assert set(WorkingGroup.objects.values_list("participant_count", flat=True)) == {None}
    concept = Concept.objects.get()
    assert (concept.participant_count, concept.participant_count_approximate) == (50, True)
    assert Session.objects.filter(is_example=True).exists()
    assert not Session.objects.filter(is_example=False).exclude(agenda="").exists()
    assert Milestone.objects.filter(version__isnull=False).exclude(is_example=True).count() == 0
    assert not Amendment.objects.filter(is_example=False).exists()


def test_demo_members_are_accounts_nobody_can_log_in_with():
    load("--demo")
    members = get_user_model().objects.filter(groups__name=MEMBER)
    assert members.count() >= 2
    for user in get_user_model().objects.all():
        assert user.username.endswith("@minden.invalid")
        assert not user.has_usable_password()
        assert not user.is_staff and not user.is_superuser


def test_demo_adds_only_example_committees_to_the_bodies_of_the_report():
    load()
    real = set(Body.objects.values_list("name", flat=True))
    load("--demo")
    added = Body.objects.exclude(name__in=real)
    assert added.count() == 2
    assert set(added.values_list("kind", "is_example")) == {(BodyKind.COMMITTEE, True)}
    assert not Body.objects.filter(name__in=real, is_example=True).exists()


def test_demo_first_version_is_approved_and_frozen_with_the_checksum_of_its_snapshot():
    load("--demo")
    first = ConceptVersion.objects.get(number=1)
    assert first.is_example and first.title == "Erster Entwurf (Beispiel)"
    assert first.status == VersionStatus.APPROVED
    assert first.is_frozen and first.snapshot
    assert first.checksum == hashlib.sha256(first.snapshot.encode("utf-8")).hexdigest()
    assert ConceptVersion.objects.current() == first
    levels = set(first.sections.values_list("level", flat=True))
    assert levels == {1, 2} and first.sections.count() >= 12
    assert first.sections.exclude(easy_language_summary="").exists()
    # The example Beratungsfolge: the Integrationsrat, two committees in parallel, the council.
    steps = [(c.step, c.body.kind, c.result) for c in first.consultations.in_order()]
    assert steps == [
        (1, BodyKind.ADVISORY, "recommended"),
        (2, BodyKind.COMMITTEE, "recommended"),
        (2, BodyKind.COMMITTEE, "recommended"),
        (3, BodyKind.COUNCIL, "decided"),
    ]
    decided = first.consultations.get(result="decided")
    assert first.status_since == decided.held_on
    assert first.presented_on <= min(c.held_on for c in first.consultations.all())
    assert not first.milestones.exists()


def test_demo_second_version_is_in_consultation_and_differs_by_stable_key():
    load("--demo")
    first = ConceptVersion.objects.get(number=1)
    second = ConceptVersion.objects.get(number=2)
    assert second.status == VersionStatus.CONSULTATION
    assert second.accepts_amendments(timezone.now())
    assert not second.is_frozen
    old = {s.key: (s.title, s.body) for s in first.sections.all()}
    new = {s.key: (s.title, s.body) for s in second.sections.all()}
    assert set(old) - set(new) and set(new) - set(old)
    changed = [key for key in set(old) & set(new) if old[key] != new[key]]
    assert 3 <= len(changed) <= 5
    assert list(second.sections.in_order().values_list("position", flat=True)) == list(
        range(1, second.sections.count() + 1)
    )
    assert second.amendments.filter(status="submitted").exists()
    assert (
        first.amendments.filter(status__in=["accepted", "partially_accepted", "rejected"]).count()
        == 3
    )
    assert first.amendments.filter(incorporated_in=second).exists()


def test_demo_loaded_twice_gives_identical_row_counts_of_every_model():
    load("--demo")
    first = row_counts()
    output = load("--demo")
    assert row_counts() == first
    assert "schon vorhanden" in output
    assert first["measures.Measure"] == 99 and first["concept.ConceptVersion"] == 2


def test_demo_after_real_data_keeps_what_the_officer_entered():
    load()
    session = Session.objects.get(working_group__slug="arbeit-und-soziales", round=2)
    Session.objects.filter(pk=session.pk).update(agenda="Echte Tagesordnung")
    WorkingGroup.objects.filter(slug="arbeit-und-soziales").update(participant_count=21)
    load("--demo")
    session.refresh_from_db()
    assert session.agenda == "Echte Tagesordnung"
    assert WorkingGroup.objects.get(slug="arbeit-und-soziales").participant_count == 21
    load()
    assert WorkingGroup.objects.get(slug="arbeit-und-soziales").participant_count == 21


def test_demo_refuses_to_mix_with_real_measures():
    load()
    concept = Concept.objects.get(slug="minden")
    MeasureFactory(concept=concept, working_group=WorkingGroup.objects.first(), number=1)
    before = row_counts()
    with pytest.raises(CommandError, match="echte Inhalte"):
        load("--demo")
    assert row_counts() == before


def test_if_empty_does_nothing_on_a_database_with_a_concept():
    ConceptFactory(slug="andere-stadt")
    before = row_counts()
    output = load("--demo", "--if-empty")
    assert "nichts geladen" in output
    assert row_counts() == before
    assert not Concept.objects.filter(slug="minden").exists()


def test_if_empty_loads_into_an_empty_database():
    load("--demo", "--if-empty")
    assert Measure.objects.count() == 99


def test_check_demo_data_passes_after_the_demo_load():
    load("--demo")
    assert "vollständig" in check()


def test_check_demo_data_fails_on_an_empty_database():
    with pytest.raises(CommandError, match="Kein Konzept"):
        check()


def test_check_demo_data_fails_with_real_data_only():
    load()
    with pytest.raises(CommandError) as error:
        check()
    message = str(error.value)
    assert "99" in message and "Version" in message
