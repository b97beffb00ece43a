"""The officer presents a version to the bodies in the admin: the Drucksache, the day, and the
planned Beratungsfolge, offering only the bodies that fit each role; and keeps the bodies'
usual Beratungsfolge on the Body admin."""

import datetime as dt

import pytest
from django.utils import timezone

from concept.models import (
    Amendment,
    AmendmentStatus,
    Body,
    BodyKind,
    ConceptVersion,
    VersionStatus,
)
from concept.services import version_create_next, version_transition
from tests.concept.test_admin import admin_url, draft_with_section, move_url
from tests.factories import AmendmentFactory, BodyFactory, ConceptFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies():
    concept = ConceptFactory(slug="minden", municipality="Minden")
    return {
        "konferenz": BodyFactory(
            concept=concept, name="Integrationskonferenz", kind=BodyKind.CONFERENCE, position=0
        ),
        "ir": BodyFactory(
            concept=concept,
            name="Integrationsrat der Stadt Minden",
            kind=BodyKind.ADVISORY,
            position=1,
        ),
        "schule": BodyFactory(
            concept=concept, name="Schulausschuss", kind=BodyKind.COMMITTEE, position=2
        ),
        "soziales": BodyFactory(
            concept=concept, name="Sozialausschuss", kind=BodyKind.COMMITTEE, position=3
        ),
        "rat": BodyFactory(
            concept=concept, name="Rat der Stadt Minden", kind=BodyKind.COUNCIL, position=9
        ),
    }


@pytest.fixture
def draft(bodies):
    return draft_with_section(concept=bodies["ir"].concept)


def pair(body: Body, role: str) -> str:
    return f"{body.pk}:{role}"


def present_data(rows, **main) -> dict:
    """What the present page posts: the Vorlage's data and one formset row per planned
    Beratung (body and role, step, and optionally planned date and TOP)."""
    data = {
        "council_paper_reference": "DS 123/2026",
        "paper_url": "",
        "presented_on": timezone.localdate().isoformat(),
        "plan-TOTAL_FORMS": str(len(rows)),
        "plan-INITIAL_FORMS": "0",
        "plan-MIN_NUM_FORMS": "0",
        "plan-MAX_NUM_FORMS": "1000",
        **main,
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"plan-{i}-{name}"] = value
    return data


def usual_rows(bodies, **council) -> list[dict]:
    return [
        {"body_role": pair(bodies["ir"], "preliminary"), "step": "1"},
        {"body_role": pair(bodies["rat"], "decision"), "step": "2", **council},
    ]


# --- the page -------------------------------------------------------------------------------


def test_present_page_offers_only_the_bodies_that_fit_each_role(officer_client, draft, bodies):
    page = officer_client.get(move_url(draft, "council_review"))

    assert page.status_code == 200
    labels = [label for _, label in page.context["formset"].forms[0].fields["body_role"].choices]
    assert "Integrationsrat der Stadt Minden – Vorberatung" in labels
    assert "Schulausschuss – Vorberatung" in labels
    assert "Rat der Stadt Minden – Entscheidung" in labels
    assert "Rat der Stadt Minden – Kenntnisnahme" in labels
    # The council never deliberates beforehand, the Integrationsrat never decides, and the
    # conference takes no role at all.
    assert "Rat der Stadt Minden – Vorberatung" not in labels
    assert "Integrationsrat der Stadt Minden – Entscheidung" not in labels
    assert not [label for label in labels if label.startswith("Integrationskonferenz")]
    content = page.content.decode()
    assert "Rat der Stadt Minden – Entscheidung" in content
    assert "Rat der Stadt Minden – Vorberatung" not in content


def test_present_page_is_prefilled_with_the_usual_beratungsfolge(officer_client, draft, bodies):
    Body.objects.filter(pk=bodies["ir"].pk).update(default_step=1, default_role="preliminary")
    Body.objects.filter(pk=bodies["schule"].pk).update(default_step=2, default_role="preliminary")
    Body.objects.filter(pk=bodies["rat"].pk).update(default_step=3, default_role="decision")

    page = officer_client.get(move_url(draft, "council_review"))

    assert page.context["form"].initial["presented_on"] == timezone.localdate()
    prefilled = [f.initial for f in page.context["formset"].forms if f.initial]
    assert prefilled == [
        {"body_role": pair(bodies["ir"], "preliminary"), "step": 1},
        {"body_role": pair(bodies["schule"], "preliminary"), "step": 2},
        {"body_role": pair(bodies["rat"], "decision"), "step": 3},
    ]
    # Empty rows to add further Beratungen without JavaScript.
    assert len(page.context["formset"].forms) == 6


# --- presenting -------------------------------------------------------------------------------


def test_presenting_plans_the_integrationsrat_two_parallel_committees_and_the_council(
    officer_client, draft, bodies
):
    in_a_week = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    rows = [
        {"body_role": pair(bodies["ir"], "preliminary"), "step": "1", "planned_on": in_a_week},
        {"body_role": pair(bodies["schule"], "preliminary"), "step": "2", "agenda_item": "TOP 4"},
        {"body_role": pair(bodies["soziales"], "preliminary"), "step": "2"},
        {"body_role": "", "step": ""},  # an empty row is left out
        {"body_role": pair(bodies["rat"], "decision"), "step": "3"},
    ]

    response = officer_client.post(
        move_url(draft, "council_review"),
        present_data(rows, paper_url="https://ratsinfo.minden.example/vo/123"),
    )

    assert response.status_code == 302
    assert response["Location"] == admin_url(ConceptVersion, "change", draft.pk)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.COUNCIL_REVIEW
    assert draft.is_frozen
    assert draft.council_paper_reference == "DS 123/2026"
    assert draft.paper_url == "https://ratsinfo.minden.example/vo/123"
    assert draft.presented_on == timezone.localdate()
    assert draft.status_since == timezone.localdate()
    planned = [
        (c.step, c.body.name, c.role, c.planned_on, c.agenda_item, c.is_held)
        for c in draft.consultations.in_order()
    ]
    assert planned == [
        (1, "Integrationsrat der Stadt Minden", "preliminary", dt.date.fromisoformat(in_a_week),
         "", False),
        (2, "Schulausschuss", "preliminary", None, "TOP 4", False),
        (2, "Sozialausschuss", "preliminary", None, "", False),
        (3, "Rat der Stadt Minden", "decision", None, "", False),
    ]  # fmt: skip

    page = officer_client.get(response["Location"]).content.decode()
    assert "Beratungsfolge" in page
    assert page.count("Ergebnis festhalten") == 4
    # Only the planned Beratungen that do not decide can be taken out of the plan.
    assert page.count("Aus der Planung nehmen") == 3


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            lambda b: [
                {"body_role": pair(b["ir"], "preliminary"), "step": "2"},
                {"body_role": pair(b["rat"], "decision"), "step": "2"},
            ],
            "Die Entscheidung muss der letzte Schritt sein.",
        ),
        (
            lambda b: [{"body_role": pair(b["ir"], "preliminary"), "step": "1"}],
            "Die Beratungsfolge braucht genau eine Entscheidung.",
        ),
        (
            lambda b: [
                {"body_role": pair(b["schule"], "preliminary"), "step": "1"},
                {"body_role": pair(b["rat"], "decision"), "step": "2"},
            ],
            "Die Beratungsfolge beginnt mit der Vorlage in Integrationsrat der Stadt Minden.",
        ),
    ],
    ids=["decision-not-last", "no-decision", "integrationsrat-not-first"],
)
def test_a_plan_that_does_not_hold_is_shown_again_with_its_errors(
    officer_client, draft, bodies, rows, message
):
    response = officer_client.post(move_url(draft, "council_review"), present_data(rows(bodies)))

    assert response.status_code == 400
    assert message in response.context["plan_errors"]
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    assert not draft.is_frozen
    assert not draft.consultations.exists()


def test_a_pair_that_does_not_fit_cannot_be_posted(officer_client, draft, bodies):
    rows = [
        {"body_role": pair(bodies["rat"], "preliminary"), "step": "1"},
        {"body_role": pair(bodies["ir"], "decision"), "step": "2"},
    ]

    response = officer_client.post(move_url(draft, "council_review"), present_data(rows))

    assert response.status_code == 400
    forms = response.context["formset"].forms
    assert forms[0].errors["body_role"]
    assert forms[1].errors["body_role"]
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


@pytest.mark.parametrize(
    ("main", "field", "message"),
    [
        (
            lambda: {"council_paper_reference": ""},
            "council_paper_reference",
            "Bitte die Nummer der Drucksache angeben.",
        ),
        (
            lambda: {"presented_on": (timezone.localdate() + dt.timedelta(days=2)).isoformat()},
            "presented_on",
            "Das Datum der Vorlage darf nicht in der Zukunft liegen.",
        ),
    ],
    ids=["no-drucksache", "future-date"],
)
def test_the_vorlage_data_is_checked_at_its_field(
    officer_client, draft, bodies, main, field, message
):
    response = officer_client.post(
        move_url(draft, "council_review"), present_data(usual_rows(bodies), **main())
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_planned_date_before_the_presentation_is_refused(officer_client, draft, bodies):
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()

    response = officer_client.post(
        move_url(draft, "council_review"),
        present_data(usual_rows(bodies, planned_on=yesterday)),
    )

    assert response.status_code == 400
    assert (
        "Die Beratung in Rat der Stadt Minden kann nicht vor der Vorlage geplant werden."
        in response.context["plan_errors"]
    )
    assert not draft.consultations.exists()


# --- nothing undecided goes to the bodies -----------------------------------------------------


def _consultation_with(version, *statuses) -> list[Amendment]:
    version_transition(
        version=version,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.now() + dt.timedelta(days=30),
    )
    amendments = [
        AmendmentFactory(section=version.sections.get(), status=status, submitted_at=timezone.now())
        for status in statuses
    ]
    version_transition(version=version, to=VersionStatus.CONSULTATION_CLOSED)
    return amendments


def test_presenting_with_an_undecided_amendment_is_refused_and_lists_it_with_a_link(
    officer_client, draft, bodies
):
    (open_amendment,) = _consultation_with(draft, AmendmentStatus.IN_REVIEW)
    link = admin_url(Amendment, "change", open_amendment.pk)

    page = officer_client.get(move_url(draft, "council_review"))
    response = officer_client.post(
        move_url(draft, "council_review"), present_data(usual_rows(bodies))
    )

    assert link in page.content.decode()
    assert response.status_code == 400
    content = response.content.decode()
    assert f'<a href="{link}">{open_amendment}</a>' in content
    assert "kann erst vorgelegt werden, wenn über alle Vorschläge" in content
    draft.refresh_from_db()
    assert draft.status == VersionStatus.CONSULTATION_CLOSED
    assert not draft.is_frozen
    assert not draft.consultations.exists()


def test_an_undecided_amendment_to_the_version_drafted_from_also_blocks(
    officer_client, draft, bodies
):
    (open_amendment,) = _consultation_with(draft, AmendmentStatus.SUBMITTED)
    successor = version_create_next(version=draft)

    response = officer_client.post(
        move_url(successor, "council_review"), present_data(usual_rows(bodies))
    )

    assert response.status_code == 400
    assert admin_url(Amendment, "change", open_amendment.pk) in response.content.decode()
    successor.refresh_from_db()
    assert successor.status == VersionStatus.DRAFT


# --- the bodies -------------------------------------------------------------------------------


def body_data(body: Body, **changes) -> dict:
    return {
        "concept": body.concept_id,
        "name": body.name,
        "kind": body.kind,
        "position": body.position,
        "description": "",
        "default_step": "",
        "default_role": "",
        "_save": "Sichern",
        **changes,
    }


def test_body_admin_keeps_the_usual_step_and_role(officer_client, bodies):
    body = bodies["schule"]

    response = officer_client.post(
        admin_url(Body, "change", body.pk),
        body_data(body, default_step="2", default_role="preliminary", is_example="on"),
    )

    assert response.status_code == 302
    body.refresh_from_db()
    assert (body.default_step, body.default_role, body.is_example) == (2, "preliminary", True)


@pytest.mark.parametrize(
    ("key", "changes", "message"),
    [
        (
            "rat",
            {"default_step": "1", "default_role": "preliminary"},
            "Diese Rolle passt nicht zur Art des Gremiums.",
        ),
        (
            "ir",
            {"default_step": "1", "default_role": "decision"},
            "Diese Rolle passt nicht zur Art des Gremiums.",
        ),
        ("ir", {"default_step": "1"}, "Schritt und Rolle gehören zusammen: beide oder keins."),
    ],
    ids=["council-deliberating", "integrationsrat-deciding", "step-without-role"],
)
def test_body_admin_refuses_a_role_that_does_not_fit_at_the_field(
    officer_client, bodies, key, changes, message
):
    body = bodies[key]

    response = officer_client.post(admin_url(Body, "change", body.pk), body_data(body, **changes))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["default_role"] == [message]
    body.refresh_from_db()
    assert body.default_step is None
    assert body.default_role == ""
