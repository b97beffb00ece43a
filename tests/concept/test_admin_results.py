"""The officer records each Beratung's result on the version's page as it happens: only the
results that fit the role, dates between the presentation and today, the deciding step last;
a decision with changes drafts the beschlossene Fassung, which the officer then fixes."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from concept.models import (
    RESULT_MOVES,
    BodyKind,
    ConceptVersion,
    Consultation,
    ConsultationResult,
    VersionStatus,
)
from concept.services import PlannedStep, consultation_record, version_present
from tests.concept.test_admin import admin_url, draft_with_section, messages_of
from tests.factories import BodyFactory, ConceptFactory

pytestmark = pytest.mark.django_db

_R = ConsultationResult


@pytest.fixture
def bodies():
    concept = ConceptFactory(slug="minden", municipality="Minden")
    return {
        "konferenz": BodyFactory(
            concept=concept, name="Integrationskonferenz", kind=BodyKind.CONFERENCE, position=0
        ),
        "ir": BodyFactory(
            concept=concept, name="Integrationsrat", kind=BodyKind.ADVISORY, position=1
        ),
        "schule": BodyFactory(
            concept=concept, name="Schulausschuss", kind=BodyKind.COMMITTEE, position=2
        ),
        "rat": BodyFactory(
            concept=concept, name="Rat der Stadt", kind=BodyKind.COUNCIL, position=9
        ),
    }


TEN_DAYS_AGO = -10


def days(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


@pytest.fixture
def version(bodies):
    """Presented ten days ago: Integrationsrat, then the Schulausschuss, then the council."""
    draft = draft_with_section(concept=bodies["ir"].concept)
    return version_present(
        version=draft,
        council_paper_reference="DS 7/2026",
        presented_on=days(TEN_DAYS_AGO),
        steps=[
            PlannedStep(body=bodies["ir"], role="preliminary", step=1),
            PlannedStep(body=bodies["schule"], role="preliminary", step=2),
            PlannedStep(body=bodies["rat"], role="decision", step=3),
        ],
    )


def beratung(version, body) -> Consultation:
    return version.consultations.planned().get(body=body)


def record_url(consultation: Consultation) -> str:
    return reverse(
        "admin:concept_conceptversion_consultation_record",
        args=[consultation.version_id, consultation.pk],
    )


def unplan_url(consultation: Consultation) -> str:
    return reverse(
        "admin:concept_conceptversion_consultation_unplan",
        args=[consultation.version_id, consultation.pk],
    )


def held_before_decision(version, bodies) -> None:
    for key in ("ir", "schule"):
        consultation_record(
            consultation=beratung(version, bodies[key]), result=_R.RECOMMENDED, held_on=days(-5)
        )


# --- the page ---------------------------------------------------------------------------------


def test_record_page_offers_only_the_results_the_role_can_come_to(officer_client, version, bodies):
    preliminary = officer_client.get(record_url(beratung(version, bodies["ir"])))
    deciding = officer_client.get(record_url(beratung(version, bodies["rat"])))

    assert preliminary.status_code == deciding.status_code == 200
    assert [v for v, _ in preliminary.context["form"].fields["result"].choices] == [
        "recommended",
        "referred",
        "deferred",
    ]
    assert [label for _, label in deciding.context["form"].fields["result"].choices] == [
        "beschlossen",
        "geändert beschlossen",
        "abgelehnt",
        "verwiesen",
        "vertagt",
    ]
    # Referred only to a body that deliberates beforehand: never the council or the conference.
    referrals = {str(b) for b in deciding.context["form"].fields["referred_to"].queryset}
    assert referrals == {"Integrationsrat", "Schulausschuss"}
    assert preliminary.context["form"].initial.get("held_on") is None


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (1, "Eine Beratung kann erst festgehalten werden, wenn sie stattgefunden hat."),
        (TEN_DAYS_AGO - 1, "Die Sitzung kann nicht vor der Vorlage am {presented} liegen."),
    ],
    ids=["in-the-future", "before-the-presentation"],
)
def test_a_held_date_out_of_range_is_shown_at_the_field_and_nothing_is_stored(
    officer_client, version, bodies, offset, message
):
    consultation = beratung(version, bodies["ir"])

    response = officer_client.post(
        record_url(consultation), {"held_on": days(offset).isoformat(), "result": "recommended"}
    )

    assert response.status_code == 400  # the form is shown again, as posted
    presented = date_format(days(TEN_DAYS_AGO), "SHORT_DATE_FORMAT")
    assert response.context["form"].errors["held_on"] == [message.format(presented=presented)]
    assert message.format(presented=presented) in response.content.decode()
    consultation.refresh_from_db()
    assert not consultation.is_held
    assert consultation.held_on is None
    version.refresh_from_db()
    assert version.status == VersionStatus.COUNCIL_REVIEW


def test_a_result_that_does_not_fit_the_role_is_refused(officer_client, version, bodies):
    consultation = beratung(version, bodies["ir"])

    response = officer_client.post(
        record_url(consultation), {"held_on": days(-1).isoformat(), "result": "decided"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["result"]
    consultation.refresh_from_db()
    assert not consultation.is_held


def test_the_decision_waits_for_the_beratungen_planned_before_it(officer_client, version, bodies):
    response = officer_client.post(
        record_url(beratung(version, bodies["rat"])),
        {"held_on": days(-1).isoformat(), "result": "decided"},
    )

    assert response.status_code == 400
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Die Entscheidung ist der letzte Schritt." in errors
    assert "Integrationsrat: Vorberatung" in errors
    version.refresh_from_db()
    assert version.status == VersionStatus.COUNCIL_REVIEW


# --- each result and what follows -------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "result", "new_beratungen"),
    [
        ("ir", _R.RECOMMENDED, 0),
        ("ir", _R.REFERRED, 2),
        ("ir", _R.DEFERRED, 1),
        ("rat", _R.DECIDED, 0),
        ("rat", _R.DECIDED_AMENDED, 0),
        ("rat", _R.REJECTED, 0),
        ("rat", _R.REFERRED, 2),
        ("rat", _R.DEFERRED, 1),
    ],
    ids=lambda value: str(value),
)
def test_recording_each_result_moves_the_version_as_the_table_says(
    officer_client, version, bodies, key, result, new_beratungen
):
    if key == "rat":
        held_before_decision(version, bodies)
    consultation = beratung(version, bodies[key])
    planned_before = version.consultations.count()
    data = {"held_on": days(-1).isoformat(), "result": result, "agenda_item": "TOP 3"}
    if result == _R.DECIDED_AMENDED:
        data["decision_text"] = "Kapitel 2 um Elterncafés ergänzt."
    if result in (_R.REFERRED, _R.DEFERRED):
        data["next_planned_on"] = days(14).isoformat()
    if result == _R.REFERRED:
        data["referred_to"] = bodies["schule"].pk

    response = officer_client.post(record_url(consultation), data)

    assert response.status_code == 302, response.context["form"].errors
    consultation.refresh_from_db()
    assert (consultation.result, consultation.held_on) == (result, days(-1))
    assert consultation.agenda_item == "TOP 3"
    version.refresh_from_db()
    assert version.status == (RESULT_MOVES[result] or VersionStatus.COUNCIL_REVIEW)
    if RESULT_MOVES[result]:
        assert version.status_since == days(-1)
    assert version.consultations.count() == planned_before + new_beratungen
    follow_ups = version.consultations.filter(follows=consultation)
    assert follow_ups.filter(planned_on=days(14)).count() == (1 if new_beratungen else 0)


def test_a_referral_needs_the_body_and_the_next_date_at_their_fields(
    officer_client, version, bodies
):
    consultation = beratung(version, bodies["ir"])

    without_date = officer_client.post(
        record_url(consultation),
        {"held_on": days(-1).isoformat(), "result": "referred", "referred_to": bodies["schule"].pk},
    )
    without_body = officer_client.post(
        record_url(consultation),
        {"held_on": days(-1).isoformat(), "result": "referred", "next_planned_on": days(3)},
    )

    assert without_date.status_code == without_body.status_code == 400
    assert without_date.context["form"].errors["next_planned_on"] == [
        "Bitte das Datum der nächsten Beratung angeben."
    ]
    assert without_body.context["form"].errors["referred_to"] == [
        "Bitte angeben, wohin verwiesen wurde."
    ]
    consultation.refresh_from_db()
    assert not consultation.is_held


def test_decided_with_changes_needs_the_decision_text(officer_client, version, bodies):
    held_before_decision(version, bodies)

    response = officer_client.post(
        record_url(beratung(version, bodies["rat"])),
        {"held_on": days(-1).isoformat(), "result": "decided_amended", "decision_text": " "},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["decision_text"] == [
        "Bitte den Beschlusstext angeben: Was hat der Rat geändert?"
    ]
    version.refresh_from_db()
    assert version.status == VersionStatus.COUNCIL_REVIEW
    assert not ConceptVersion.objects.filter(resolution_of=version).exists()


def test_decided_with_changes_drafts_the_beschlossene_fassung_and_fixing_it_approves(
    officer_client, version, bodies
):
    held_before_decision(version, bodies)

    response = officer_client.post(
        record_url(beratung(version, bodies["rat"])),
        {
            "held_on": days(-2).isoformat(),
            "result": "decided_amended",
            "decision_text": "Kapitel 2 um Elterncafés ergänzt.",
        },
    )

    version.refresh_from_db()
    assert version.status == VersionStatus.AMENDED
    resolution = ConceptVersion.objects.get(resolution_of=version)
    decided = date_format(days(-2), "SHORT_DATE_FORMAT")
    assert resolution.title == f"Beschlossene Fassung gemäß Ratsbeschluss vom {decided}"
    assert resolution.status == VersionStatus.DRAFT
    assert admin_url(ConceptVersion, "change", resolution.pk) in " ".join(messages_of(response))

    fix_url = reverse("admin:concept_conceptversion_resolution_fix", args=[resolution.pk])
    page = officer_client.get(admin_url(ConceptVersion, "change", resolution.pk))
    confirm = officer_client.get(fix_url)
    assert fix_url in page.content.decode()
    # The beschlossene Fassung is fixed, not sent into consultation or to the bodies again.
    assert "Beteiligung eröffnen" not in page.content.decode()
    assert confirm.status_code == 200
    assert "eingefroren" in confirm.content.decode()
    assert "Kapitel 2 um Elterncafés ergänzt." in confirm.content.decode()

    fixed = officer_client.post(fix_url)

    assert fixed.status_code == 302
    resolution.refresh_from_db()
    assert resolution.status == VersionStatus.APPROVED
    assert resolution.is_frozen
    assert resolution.status_since == days(-2)
    assert resolution.council_paper_reference == "DS 7/2026"


def test_an_ordinary_draft_cannot_be_fixed_as_a_beschlossene_fassung(officer_client, bodies):
    draft = draft_with_section(concept=bodies["ir"].concept)

    response = officer_client.post(
        reverse("admin:concept_conceptversion_resolution_fix", args=[draft.pk])
    )

    assert response.status_code == 302
    assert any("beschlossenen Fassung" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


# --- out of the plan --------------------------------------------------------------------------


def test_a_planned_vorberatung_is_taken_out_of_the_plan_after_confirmation(
    officer_client, version, bodies
):
    consultation = beratung(version, bodies["schule"])

    confirm = officer_client.get(unplan_url(consultation))
    response = officer_client.post(unplan_url(consultation))

    assert confirm.status_code == 200
    assert "Schulausschuss" in confirm.content.decode()
    assert response.status_code == 302
    assert not Consultation.objects.filter(pk=consultation.pk).exists()


def test_the_decision_and_held_beratungen_stay_in_the_plan(officer_client, version, bodies):
    deciding = beratung(version, bodies["rat"])
    held = consultation_record(
        consultation=beratung(version, bodies["ir"]), result=_R.RECOMMENDED, held_on=days(-3)
    )

    page = officer_client.get(admin_url(ConceptVersion, "change", version.pk)).content.decode()
    refused = officer_client.post(unplan_url(deciding))
    again = officer_client.get(record_url(held))

    assert unplan_url(deciding) not in page
    assert unplan_url(held) not in page and record_url(held) not in page
    assert record_url(deciding) in page
    assert "Die Entscheidung kann nicht aus der Planung genommen werden." in messages_of(refused)
    assert Consultation.objects.filter(pk=deciding.pk).exists()
    assert again.status_code == 302


# --- the version's page and the start page ----------------------------------------------------


def test_version_page_shows_the_day_the_status_holds_from_and_the_technical_time_apart(
    officer_client, version
):
    page = officer_client.get(admin_url(ConceptVersion, "change", version.pk))

    content = page.content.decode()
    assert "Status seit" in content
    assert date_format(days(TEN_DAYS_AGO), "DATE_FORMAT") in content
    assert "Status gespeichert am (technisch)" in content
    assert "DS 7/2026" in content


def test_start_page_names_the_next_planned_beratung(officer_client, version, bodies):
    consultation_record(
        consultation=beratung(version, bodies["ir"]), result=_R.RECOMMENDED, held_on=days(-3)
    )
    Consultation.objects.filter(body=bodies["schule"]).update(planned_on=days(6))

    content = officer_client.get(reverse("admin:index")).content.decode()

    planned = date_format(days(6), "SHORT_DATE_FORMAT")
    assert f"nächste Beratung: Schulausschuss (Vorberatung) am {planned}" in content
