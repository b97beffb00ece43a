"""Working an accepted amendment in with one click ("übernehmen"): the adopted text applied by
kind to the successor draft's section and the amendment linked, or a German reason and the
manual editor; the officer confirms a word diff in the admin, clerks cannot."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from concept.models import AmendmentKind, AmendmentStatus, Section, VersionStatus
from concept.services import (
    adoption_plan,
    amendment_adopt,
    amendment_decide,
    amendment_submit,
    section_delete,
    version_create,
    version_create_next,
    version_transition,
)
from concept.services.adopting import apply_amendment_text, body_digest
from tests.concept.conftest import bring_to
from tests.factories import AmendmentFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Die Stadt fördert Sprachkurse in Kitas.\n"
    "\n"
    "Elternarbeit ist ein Schwerpunkt der Integrationsarbeit.\n"
    "\n"
    "- Sprachcafés\n"
    "- Hausaufgabenhilfe\n"
)


@pytest.fixture
def consultation(concept):
    version = version_create(concept=concept, title="Entwurf")
    SectionFactory(version=version, position=1, number="1", key="bildung", body=BODY)
    SectionFactory(version=version, position=2, number="2", key="arbeit", body="Arbeit.")
    return bring_to(version, VersionStatus.CONSULTATION)


def adopting(consultation, *, kind, passage, text="", status="accepted", adopted="", key="bildung"):
    """An amendment against the consultation's section, submitted and decided."""
    author = UserFactory()
    amendment = AmendmentFactory(
        section=consultation.sections.get(key=key),
        author=author,
        kind=kind,
        passage=passage,
        proposed_text=text,
    )
    amendment_submit(
        amendment=amendment,
        by=author,
        organisation_name="Elternverein",
        working_group_name="Bildung und Erziehung",
    )
    officer = UserFactory()
    return amendment_decide(
        amendment=amendment,
        by=officer,
        status=status,
        reasoning="Begründet.",
        adopted_text=adopted,
    )


def draft_of(consultation):
    """The consultation ends, then the next version is drafted from it."""
    consultation.refresh_from_db()
    if consultation.status == VersionStatus.CONSULTATION:
        version_transition(version=consultation, to=VersionStatus.CONSULTATION_CLOSED)
    return version_create_next(version=consultation)


def draft_section(draft, key="bildung"):
    return draft.sections.get(key=key)


def adopt(amendment, section):
    return amendment_adopt(amendment=amendment, seen_digest=body_digest(section.body))


# --- the text applied by kind -----------------------------------------------------------------


SHORT = "Wir fördern Kurse in Kitas.\n\nZiel."
ADD, FIX, CUT = AmendmentKind.ADDITION, AmendmentKind.CORRECTION, AmendmentKind.DELETION


@pytest.mark.parametrize(
    ("kind", "passage", "text", "expected"),
    [
        # Korrektur: the passage replaced
        (FIX, "Kurse", "Lesekurse", "Wir fördern Lesekurse in Kitas.\n\nZiel."),
        # Ergänzung within a paragraph: after a space, in the sentence flow
        (ADD, "in Kitas", "und Schulen", "Wir fördern Kurse in Kitas und Schulen.\n\nZiel."),
        # Ergänzung after a whole paragraph: a new paragraph
        (
            ADD,
            "Wir fördern Kurse in Kitas.",
            "Neu.",
            "Wir fördern Kurse in Kitas.\n\nNeu.\n\nZiel.",
        ),
        # Ergänzung without a passage: a new paragraph at the end
        (ADD, "", "Neu.", "Wir fördern Kurse in Kitas.\n\nZiel.\n\nNeu."),
        # Streichung within a sentence: no double space, no space before the full stop
        (CUT, "in Kitas", "", "Wir fördern Kurse.\n\nZiel."),
        # Streichung of a whole paragraph: with its blank line
        (CUT, "Wir fördern Kurse in Kitas.", "", "Ziel."),
        # a partially accepted Streichung adopts a remaining wording
        (CUT, "Kurse in Kitas", "Kurse", "Wir fördern Kurse.\n\nZiel."),
    ],
)
def test_each_kind_applies_its_text(kind, passage, text, expected):
    assert apply_amendment_text(SHORT, kind=kind, passage=passage, text=text) == expected


def test_list_items_stay_one_list():
    body = "- Sprachcafés\n- Hausaufgabenhilfe\n- Elterncafés\n\nEnde."
    added = apply_amendment_text(
        body, kind=AmendmentKind.ADDITION, passage="- Hausaufgabenhilfe", text="- Lesepaten"
    )
    assert added == "- Sprachcafés\n- Hausaufgabenhilfe\n- Lesepaten\n- Elterncafés\n\nEnde."
    deleted = apply_amendment_text(
        body, kind=AmendmentKind.DELETION, passage="- Hausaufgabenhilfe", text=""
    )
    assert deleted == "- Sprachcafés\n- Elterncafés\n\nEnde."


# --- the service ------------------------------------------------------------------------------


def test_a_correction_replaces_the_passage_and_links_the_amendment(consultation):
    amendment = adopting(
        consultation,
        kind=AmendmentKind.CORRECTION,
        passage="ein Schwerpunkt",
        text="der wichtigste Schwerpunkt",
    )
    draft = draft_of(consultation)
    section = draft_section(draft)
    plan = adoption_plan(amendment)
    assert plan.applicable
    assert plan.section == section

    adopt(amendment, section)

    section.refresh_from_db()
    amendment.refresh_from_db()
    assert section.body == BODY.replace("ein Schwerpunkt", "der wichtigste Schwerpunkt")
    assert amendment.incorporated_in == draft
    assert Section.objects.get(pk=amendment.section_id).body == BODY  # the old version as it was


def test_an_addition_follows_the_passage_and_links_the_amendment(consultation):
    amendment = adopting(
        consultation,
        kind=AmendmentKind.ADDITION,
        passage="Elternarbeit ist ein Schwerpunkt der Integrationsarbeit.",
        text="Elterncafés gibt es in allen Stadtteilen.",
    )
    draft = draft_of(consultation)
    section = draft_section(draft)
    adopt(amendment, section)
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert section.body == BODY.replace(
        "Integrationsarbeit.\n",
        "Integrationsarbeit.\n\nElterncafés gibt es in allen Stadtteilen.\n",
    )
    assert amendment.incorporated_in == draft


def test_an_addition_without_a_passage_becomes_the_sections_last_paragraph(consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.ADDITION, passage="", text="Neu: Lesepaten."
    )
    section = draft_section(draft_of(consultation))
    adopt(amendment, section)
    section.refresh_from_db()
    assert section.body == BODY.rstrip() + "\n\nNeu: Lesepaten.\n"
    amendment.refresh_from_db()
    # and not a second time, should it have been linked elsewhere
    assert adoption_plan(amendment).reason.startswith("Der Vorschlag ist bereits")


def test_a_deletion_removes_the_passage_and_links_the_amendment(consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.DELETION, passage=" der Integrationsarbeit"
    )
    draft = draft_of(consultation)
    section = draft_section(draft)
    adopt(amendment, section)
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert section.body == BODY.replace(" der Integrationsarbeit", "")
    assert "Elternarbeit ist ein Schwerpunkt.\n" in section.body
    assert amendment.incorporated_in == draft


def test_a_partial_acceptance_applies_the_adopted_text_not_the_proposal(consultation):
    amendment = adopting(
        consultation,
        kind=AmendmentKind.CORRECTION,
        passage="Sprachkurse",
        text="kostenlose Sprachkurse für alle",
        status=AmendmentStatus.PARTIALLY_ACCEPTED,
        adopted="Sprachkurse für alle",
    )
    section = draft_section(draft_of(consultation))
    adopt(amendment, section)
    section.refresh_from_db()
    assert section.body.startswith("Die Stadt fördert Sprachkurse für alle in Kitas.")
    assert "kostenlose" not in section.body


def test_a_passage_occurring_twice_is_refused_with_the_reason(consultation):
    amendment = adopting(consultation, kind=AmendmentKind.CORRECTION, passage="Sprach", text="X")
    section = draft_section(draft_of(consultation))
    plan = adoption_plan(amendment)
    assert not plan.applicable
    assert plan.reason == (
        "Die Textstelle kommt im Abschnitt 2-mal vor; es ist nicht eindeutig, welche gemeint ist."
    )
    assert plan.section == section  # the manual editor has the section to offer
    with pytest.raises(ValidationError, match="2-mal"):
        adopt(amendment, section)
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert section.body == BODY
    assert amendment.incorporated_in is None


def test_a_passage_changed_in_the_draft_since_the_proposal_is_refused(consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="ein Schwerpunkt", text="zentral"
    )
    section = draft_section(draft_of(consultation))
    Section.objects.filter(pk=section.pk).update(body=BODY.replace("ein Schwerpunkt", "wichtig"))
    section.refresh_from_db()
    assert adoption_plan(amendment).reason == "Die Textstelle wurde seit dem Vorschlag geändert."
    with pytest.raises(ValidationError, match="seit dem Vorschlag geändert"):
        adopt(amendment, section)
    amendment.refresh_from_db()
    assert amendment.incorporated_in is None


def test_a_passage_that_was_never_in_the_section_is_refused(consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.DELETION, passage="Diesen Satz gibt es nicht."
    )
    draft_of(consultation)
    assert adoption_plan(amendment).reason == "Die Textstelle steht so nicht im Abschnitt."


def test_a_section_changed_between_confirmation_and_post_is_refused_and_nothing_lost(
    consultation,
):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    section = draft_section(draft_of(consultation))
    seen = body_digest(section.body)  # what the confirmation page showed
    elsewhere = BODY + "\nEin Satz, den jemand anderes ergänzt hat.\n"
    Section.objects.filter(pk=section.pk).update(body=elsewhere)
    with pytest.raises(ValidationError, match="Der Abschnitt wurde inzwischen geändert"):
        amendment_adopt(amendment=amendment, seen_digest=seen)
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert section.body == elsewhere
    assert amendment.incorporated_in is None
    # confirmed again on the section as it is now, it applies and keeps the other change
    adopt(amendment, section)
    section.refresh_from_db()
    assert section.body == elsewhere.replace("Sprachkurse", "Lesekurse")


@pytest.mark.parametrize("status", [AmendmentStatus.REJECTED, AmendmentStatus.SUBMITTED])
def test_an_amendment_that_was_not_adopted_is_refused(consultation, status):
    author = UserFactory()
    amendment = AmendmentFactory(
        section=consultation.sections.get(key="bildung"),
        author=author,
        kind=AmendmentKind.CORRECTION,
        passage="Sprachkurse",
        proposed_text="Lesekurse",
    )
    amendment = amendment_submit(
        amendment=amendment, by=author, organisation_name="", working_group_name=""
    )
    if status == AmendmentStatus.REJECTED:
        amendment_decide(amendment=amendment, by=author, status=status, reasoning="Nein.")
    section = draft_section(draft_of(consultation))
    reason = "Nur angenommene oder teilweise angenommene Vorschläge können übernommen werden."
    assert adoption_plan(amendment).reason == reason
    with pytest.raises(ValidationError, match="Nur angenommene"):
        adopt(amendment, section)
    section.refresh_from_db()
    assert section.body == BODY


def test_an_amendment_already_worked_in_is_refused(consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    draft = draft_of(consultation)
    section = draft_section(draft)
    adopt(amendment, section)
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert adoption_plan(amendment).reason == (
        f"Der Vorschlag ist bereits in Version {draft.number} eingearbeitet."
    )
    with pytest.raises(ValidationError, match="bereits"):
        adopt(amendment, section)
    section.refresh_from_db()
    assert section.body.count("Lesekurse") == 1


def test_without_a_draft_or_with_the_section_deleted_it_says_why(consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    assert adoption_plan(amendment).reason.startswith("Es gibt keinen Entwurf")
    draft = draft_of(consultation)
    section_delete(section=draft_section(draft))
    plan = adoption_plan(amendment)
    assert plan.reason.startswith("Der Abschnitt „1 ")
    assert plan.reason.endswith("“ wurde im Entwurf gelöscht.")
    assert plan.section is None
    with pytest.raises(ValidationError, match="im Entwurf gelöscht"):
        amendment_adopt(amendment=amendment, seen_digest=body_digest(BODY))


def test_text_already_in_the_draft_is_not_added_twice(consultation):
    amendment = adopting(
        consultation,
        kind=AmendmentKind.ADDITION,
        passage="in Kitas",
        text="und Schulen",
    )
    section = draft_section(draft_of(consultation))
    Section.objects.filter(pk=section.pk).update(
        body=BODY.replace("in Kitas", "in Kitas und Schulen")
    )
    assert adoption_plan(amendment).reason.startswith("Der Text steht bereits im Abschnitt")


# --- the admin --------------------------------------------------------------------------------


def adopt_url(amendment):
    return reverse("admin:concept_amendment_adopt", args=[amendment.pk])


def work_in_url(amendment):
    return reverse("admin:concept_amendment_work_in", args=[amendment.pk])


def test_the_change_page_and_the_draft_offer_uebernehmen(officer_client, consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    change = reverse("admin:concept_amendment_change", args=[amendment.pk])
    assert adopt_url(amendment) not in officer_client.get(change).content.decode()  # no draft
    draft = draft_of(consultation)
    assert adopt_url(amendment) in officer_client.get(change).content.decode()
    version_page = officer_client.get(
        reverse("admin:concept_conceptversion_change", args=[draft.pk])
    ).content.decode()
    assert adopt_url(amendment) in version_page
    assert work_in_url(amendment) in version_page


def test_the_confirmation_page_shows_the_word_diff_and_confirming_applies(
    officer_client, consultation
):
    amendment = adopting(
        consultation,
        kind=AmendmentKind.CORRECTION,
        passage="ein Schwerpunkt",
        text="der wichtigste Schwerpunkt",
    )
    draft = draft_of(consultation)
    section = draft_section(draft)
    page = officer_client.get(adopt_url(amendment))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<del><span class="visually-hidden">Gestrichen: </span>ein</del>' in html
    assert '<ins><span class="visually-hidden">Eingefügt: </span>der wichtigste</ins>' in html
    assert body_digest(section.body) in html
    section.refresh_from_db()
    assert section.body == BODY  # showing changes nothing

    response = officer_client.post(
        adopt_url(amendment), {"seen_digest": body_digest(section.body)}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "admin:concept_conceptversion_change", args=[draft.pk]
    )
    assert "ist in Version 2 übernommen" in response.content.decode()
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert "der wichtigste Schwerpunkt der Integrationsarbeit" in section.body
    assert amendment.incorporated_in == draft


def test_the_confirmation_page_shows_the_change_as_rendered_text(officer_client, consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachcafés", text="*Elterncafés*"
    )
    draft_of(consultation)
    html = officer_client.get(adopt_url(amendment)).content.decode()
    start = html.index('data-testid="adopt-diff"')
    change = html[start : html.index("</section>", start)]
    # The list stays a list, the emphasis is emphasis; no Markdown marker is left to read.
    assert "<ul>" in change
    assert '<li><del><span class="visually-hidden">Gestrichen: </span>Sprachcafés</del>' in change
    assert '<em><ins><span class="visually-hidden">Eingefügt: </span>Elterncafés</ins></em>' in (
        change
    )
    assert "- " not in change and "*" not in change
    assert "<li>Hausaufgabenhilfe</li>" in change


def test_when_it_cannot_apply_the_page_says_why_and_offers_the_manual_editor(
    officer_client, consultation
):
    amendment = adopting(consultation, kind=AmendmentKind.CORRECTION, passage="Sprach", text="X")
    draft = draft_of(consultation)
    section = draft_section(draft)
    page = officer_client.get(adopt_url(amendment))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Die Textstelle kommt im Abschnitt 2-mal vor" in html
    assert f'action="{work_in_url(amendment)}"' in html
    assert 'name="body"' in html
    assert "Elternarbeit ist ein Schwerpunkt der Integrationsarbeit." in html  # the textarea
    assert 'data-testid="adopted-text">X</div>' in html  # the adopted text beside it

    response = officer_client.post(
        work_in_url(amendment), {"body": "Von Hand.", "seen_body": section.body}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert section.body == "Von Hand."
    assert amendment.incorporated_in == draft


def test_a_section_changed_before_the_confirmation_is_posted_is_refused_in_the_admin(
    officer_client, consultation
):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    section = draft_section(draft_of(consultation))
    seen = body_digest(section.body)
    Section.objects.filter(pk=section.pk).update(body=BODY + "\nNeu von anderer Hand.\n")
    response = officer_client.post(adopt_url(amendment), {"seen_digest": seen}, follow=True)
    assert response.redirect_chain[0][0] == adopt_url(amendment)
    html = response.content.decode()
    assert "Der Abschnitt wurde inzwischen geändert." in html
    assert "Neu von anderer Hand." in html  # the diff shown again, over the text as it is now
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert section.body == BODY + "\nNeu von anderer Hand.\n"
    assert amendment.incorporated_in is None


def test_a_confirmation_without_what_was_seen_is_a_400(officer_client, consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    section = draft_section(draft_of(consultation))
    assert officer_client.post(adopt_url(amendment), {}).status_code == 400
    amendment.refresh_from_db()
    assert amendment.incorporated_in is None
    section.refresh_from_db()
    assert section.body == BODY


def test_the_manual_editor_keeps_the_officers_text_when_the_section_changed(
    officer_client, consultation
):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    section = draft_section(draft_of(consultation))
    Section.objects.filter(pk=section.pk).update(body="Von anderer Hand.")
    response = officer_client.post(
        work_in_url(amendment), {"body": "Meine lange Fassung.", "seen_body": section.body}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Der Abschnitt wurde inzwischen geändert." in html
    assert "Meine lange Fassung.</textarea>" in html
    assert "Von anderer Hand." in html  # the section as it is now, to compare
    section.refresh_from_db()
    assert section.body == "Von anderer Hand."


def test_clerks_cannot_adopt(clerk_client, consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    section = draft_section(draft_of(consultation))
    assert clerk_client.get(adopt_url(amendment)).status_code == 403
    response = clerk_client.post(adopt_url(amendment), {"seen_digest": body_digest(section.body)})
    assert response.status_code == 403
    section.refresh_from_db()
    amendment.refresh_from_db()
    assert section.body == BODY
    assert amendment.incorporated_in is None


def test_anonymous_visitors_and_members_are_sent_to_the_login(client, member, consultation):
    amendment = adopting(
        consultation, kind=AmendmentKind.CORRECTION, passage="Sprachkurse", text="Lesekurse"
    )
    draft_of(consultation)
    for who in (None, member):
        if who is not None:
            client.force_login(who)
        response = client.get(adopt_url(amendment))
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_the_adopt_page_of_a_rejected_amendment_says_why_and_offers_no_editor(
    officer_client, officer, consultation
):
    author = UserFactory()
    amendment = AmendmentFactory(
        section=consultation.sections.get(key="bildung"),
        author=author,
        kind=AmendmentKind.CORRECTION,
        passage="Sprachkurse",
        proposed_text="Lesekurse",
    )
    amendment_submit(amendment=amendment, by=author, organisation_name="", working_group_name="")
    amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Nein.")
    draft_of(consultation)
    response = officer_client.get(adopt_url(amendment), follow=True)
    change = reverse("admin:concept_amendment_change", args=[amendment.pk])
    assert response.redirect_chain == [(change, 302)]
    html = response.content.decode()
    assert "Nur angenommene oder teilweise angenommene Vorschläge" in html
    assert adopt_url(amendment) not in html
