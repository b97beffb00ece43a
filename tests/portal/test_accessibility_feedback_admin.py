"""Accessibility feedback handled as § 5 Abs. 2 BITV NRW asks: the officer replies from the
admin (an interim reply naming a date, or the answer), every reply mail points to the
Ombudsstelle of § 10d BGG NRW, and the start page lists what is still owed, with its due date."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from minden_integration.site.models import (
    AccessibilityFeedback,
    FeedbackReply,
    FeedbackStatus,
    ReplyKind,
)
from minden_integration.site.notifications import ombudsstelle_paragraph
from minden_integration.site.selectors import open_feedback
from minden_integration.site.services import feedback_reply

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def received(*, email="leser@example.org", name="", message="Der Kontrast im Menü ist zu schwach."):
    return AccessibilityFeedback.objects.create(
        message=message, page_url="/massnahmen/", name=name, email=email
    )


def reply_url(feedback):
    return reverse("admin:site_accessibilityfeedback_reply", args=[feedback.pk])


def change_url(feedback):
    return reverse("admin:site_accessibilityfeedback_change", args=[feedback.pk])


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.ACCESSIBILITY_FEEDBACK_REPLY_DAYS = 14
    settings.ACCESSIBILITY_FEEDBACK_INTERIM_DAYS = 28


# --- replying ---------------------------------------------------------------------------------


def test_the_answer_is_mailed_with_the_ombudsstelle_paragraph_and_recorded(
    officer_client, officer, django_capture_on_commit_callbacks
):
    feedback = received(name="Frau Schmidt")
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reply_url(feedback),
            {"kind": "answer", "text": "Wir haben den Kontrast im Menü verstärkt."},
        )
    assert response.status_code == 302
    assert response["Location"] == change_url(feedback)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["leser@example.org"]
    assert message.subject == "Antwort auf Ihre Rückmeldung zur Barrierefreiheit"
    assert message.body.startswith("Guten Tag Frau Schmidt,")
    assert "Wir haben den Kontrast im Menü verstärkt." in message.body
    assert "Der Kontrast im Menü ist zu schwach." in message.body  # what they wrote
    assert "voraussichtlich" not in message.body
    # The fixed paragraph closes every reply (§ 5 Abs. 2 Satz 4 BITV NRW).
    assert message.body.rstrip().endswith(ombudsstelle_paragraph())
    assert "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen" in (
        message.body
    )
    assert "§ 10d" in message.body
    assert "https://www.lbbp.nrw.de/ombudsstelle" in message.body
    assert "ombudsstelle-barrierefreie-it@mags.nrw.de" in message.body

    reply = FeedbackReply.objects.get()
    assert (reply.feedback, reply.kind, reply.sent_by) == (feedback, ReplyKind.ANSWER, officer)
    assert reply.to_address == "leser@example.org"
    assert reply.text == "Wir haben den Kontrast im Menü verstärkt."
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED
    assert feedback.answered_by == officer
    assert feedback.answered_at == reply.sent_at


def test_an_interim_reply_names_the_date_of_the_answer(
    officer_client, officer, django_capture_on_commit_callbacks
):
    feedback = received()
    answer_by = timezone.localdate() + dt.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reply_url(feedback),
            {
                "kind": "interim",
                "text": "Wir prüfen das Menü mit dem Dienstleister.",
                "answer_by": answer_by.isoformat(),
            },
        )
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.subject == "Zwischennachricht zu Ihrer Rückmeldung zur Barrierefreiheit"
    assert message.body.startswith("Guten Tag,")
    assert "Wir prüfen das Menü mit dem Dienstleister." in message.body
    day = f"{answer_by.day}. "
    assert f"voraussichtlich bis zum {day}" in message.body
    assert message.body.rstrip().endswith(ombudsstelle_paragraph())

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.INTERIM
    assert feedback.get_status_display() == "Zwischennachricht gesendet"
    assert (feedback.interim_sent_by, feedback.answer_due_on) == (officer, answer_by)
    assert feedback.answered_at is None
    assert feedback.due_on == answer_by  # the promised date is the new due date
    reply = FeedbackReply.objects.get()
    assert (reply.kind, reply.answer_by) == (ReplyKind.INTERIM, answer_by)

    # The answer follows; the interim reply's who and when stay.
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reply_url(feedback), {"kind": "answer", "text": "Erledigt."})
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED
    assert feedback.interim_sent_by == officer and feedback.answered_by == officer
    assert feedback.replies.count() == 2
    assert len(mail.outbox) == 2


def test_the_reply_leaves_only_once_it_has_committed(officer, django_capture_on_commit_callbacks):
    feedback = received()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        feedback_reply(feedback=feedback, by=officer, text="Danke!", interim=False)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_without_an_address_the_reply_is_recorded_not_sent(
    officer_client, django_capture_on_commit_callbacks
):
    feedback = received(email="")
    page = officer_client.get(reply_url(feedback)).content.decode()
    assert "keine E-Mail-Adresse" in page
    assert 'value="Vermerken"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reply_url(feedback),
            {"kind": "answer", "text": "Barriere behoben; keine Adresse für eine Antwort."},
            follow=True,
        )
    assert "vermerkt, nicht versandt (keine E-Mail-Adresse)" in response.content.decode()
    assert mail.outbox == []
    reply = FeedbackReply.objects.get()
    assert reply.to_address == "" and not reply.mailed
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED


def test_clerks_may_read_but_not_reply(clerk_client, officer):
    feedback = received()
    assert clerk_client.get(reply_url(feedback)).status_code == 403
    response = clerk_client.post(reply_url(feedback), {"kind": "answer", "text": "Antwort"})
    assert response.status_code == 403
    assert not FeedbackReply.objects.exists()
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED

    page = clerk_client.get(change_url(feedback))
    assert page.status_code == 200
    assert reply_url(feedback) not in page.content.decode()
    officer_client = Client()
    officer_client.force_login(officer)
    assert reply_url(feedback) in officer_client.get(change_url(feedback)).content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    feedback = received()
    response = client.get(reply_url(feedback))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_unknown_feedback_is_a_404(officer_client):
    assert officer_client.get(
        "/admin/site/accessibilityfeedback/999999/antworten/"
    ).status_code == (404)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "answer", "text": "   "}, "Bitte schreiben Sie den Text der Antwort."),
        ({"kind": "answer", "text": ""}, "Bitte schreiben Sie den Text der Antwort."),
        ({"text": "Danke"}, "Bitte wählen Sie: Zwischennachricht oder Antwort."),
        ({"kind": "weiss-nicht", "text": "Danke"}, "Bitte wählen Sie: Zwischennachricht oder"),
        ({"kind": "answer", "text": "x" * 10_001}, "höchstens 10000 Zeichen"),
        ({"kind": "interim", "text": "Wir prüfen das.", "answer_by": ""}, "bis wann die"),
        (
            {"kind": "interim", "text": "Wir prüfen das.", "answer_by": "2020-01-01"},
            "Das Datum muss nach dem heutigen Tag liegen.",
        ),
        (
            {"kind": "interim", "text": "Wir prüfen das.", "answer_by": "morgen"},
            "Bitte geben Sie ein gültiges Datum ein.",
        ),
    ],
)
def test_bad_input_gets_a_german_message_and_keeps_what_was_typed(officer_client, data, message):
    feedback = received()
    response = officer_client.post(reply_url(feedback), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    if data.get("text", "").strip() and len(data["text"]) < 100:
        assert data["text"] in content  # nothing typed is lost
    assert not FeedbackReply.objects.exists()
    assert mail.outbox == []
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_an_answered_feedback_takes_no_further_reply(officer_client, officer):
    feedback = received()
    feedback_reply(feedback=feedback, by=officer, text="Erledigt.", interim=False)
    with pytest.raises(ValidationError, match="bereits beantwortet"):
        feedback_reply(feedback=feedback, by=officer, text="Noch etwas.", interim=True)
    response = officer_client.post(reply_url(feedback), {"kind": "answer", "text": "Nochmal"})
    assert response.status_code == 302
    assert FeedbackReply.objects.count() == 1
    assert reply_url(feedback) not in officer_client.get(change_url(feedback)).content.decode()


def test_the_service_refuses_an_interim_date_that_is_not_ahead(officer):
    feedback = received()
    with pytest.raises(ValidationError) as refused:
        feedback_reply(
            feedback=feedback,
            by=officer,
            text="Wir prüfen das.",
            interim=True,
            answer_by=timezone.localdate(),
        )
    assert "answer_by" in refused.value.message_dict
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not FeedbackReply.objects.exists()


# --- the admin's list and change form ---------------------------------------------------------


def test_the_list_shows_status_and_due_date_and_filters_by_status(officer_client, officer):
    waiting = received(message="Die Tabelle hat keine Überschriften.")
    answered = received(message="Das PDF ist nicht getaggt.")
    feedback_reply(feedback=answered, by=officer, text="Erledigt.", interim=False)
    content = officer_client.get("/admin/site/accessibilityfeedback/").content.decode()
    assert "eingegangen" in content and "beantwortet" in content
    due = waiting.due_on
    assert f"{due.day}. " in content  # the due date in the list
    assert "0 Tagen" in content  # the age

    filtered = officer_client.get("/admin/site/accessibilityfeedback/?status__exact=received")
    text = filtered.content.decode()
    assert "Die Tabelle hat keine Überschriften." in text
    assert "Das PDF ist nicht getaggt." not in text


def test_the_list_marks_overdue_feedback(officer_client):
    feedback = received()
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(
        created_at=timezone.now() - dt.timedelta(days=20)
    )
    content = officer_client.get("/admin/site/accessibilityfeedback/").content.decode()
    assert "(überfällig)" in content
    assert 'class="overdue"' in content


def test_the_change_form_shows_the_replies_read_only(officer_client, officer):
    feedback = received()
    feedback_reply(
        feedback=feedback,
        by=officer,
        text="Wir prüfen das Menü.",
        interim=True,
        answer_by=timezone.localdate() + dt.timedelta(days=10),
    )
    content = officer_client.get(change_url(feedback)).content.decode()
    assert "Wir prüfen das Menü." in content
    assert "Zwischennachricht gesendet" in content
    assert 'name="_save"' not in content  # nothing on the form is edited
    assert 'name="replies-0-text"' not in content


# --- due dates and the start page -------------------------------------------------------------


def at(*args):
    return dt.datetime(*args, tzinfo=BERLIN)


def test_due_date_and_overdue_follow_the_reply_period_and_the_promised_date(officer):
    feedback = received()
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(created_at=at(2027, 1, 1, 10))
    feedback.refresh_from_db()
    assert feedback.due_on == dt.date(2027, 1, 15)  # 14 days (settings), § 5 Abs. 2 BITV NRW

    [row] = open_feedback(now=at(2027, 1, 15, 23, 30))
    assert (row.due_on, row.overdue, row.age_days) == (dt.date(2027, 1, 15), False, 14)
    [row] = open_feedback(now=at(2027, 1, 16, 0, 30))
    assert row.overdue is True

    feedback_reply(
        feedback=feedback,
        by=officer,
        text="Wir prüfen das.",
        interim=True,
        answer_by=dt.date(2027, 2, 10),
        now=at(2027, 1, 14, 9),
    )
    [row] = open_feedback(now=at(2027, 1, 16, 0, 30))
    assert (row.status, row.due_on, row.overdue) == ("interim", dt.date(2027, 2, 10), False)
    [row] = open_feedback(now=at(2027, 2, 11, 8))
    assert row.overdue is True

    feedback_reply(feedback=feedback, by=officer, text="Erledigt.", interim=False)
    assert open_feedback(now=at(2027, 2, 11, 8)) == []


def test_a_longer_reply_period_moves_the_due_date(settings):
    settings.ACCESSIBILITY_FEEDBACK_REPLY_DAYS = 42
    feedback = received()
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(created_at=at(2027, 1, 1, 10))
    [row] = open_feedback(now=at(2027, 1, 20, 12))
    assert (row.due_on, row.overdue) == (dt.date(2027, 2, 12), False)


def test_open_feedback_costs_one_query_whatever_its_number(django_assert_num_queries):
    received()
    with django_assert_num_queries(1):
        assert len(open_feedback()) == 1
    for n in range(5):
        received(message=f"Barriere {n}")
    with django_assert_num_queries(1):
        assert len(open_feedback()) == 6


def test_the_start_page_lists_the_feedback_until_it_is_answered(
    officer_client, officer, django_capture_on_commit_callbacks
):
    assert "Zurzeit wartet nichts auf Sie." in officer_client.get("/admin/").content.decode()
    feedback = received()
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(
        created_at=timezone.now() - dt.timedelta(days=3)
    )
    feedback.refresh_from_db()
    page = officer_client.get("/admin/").content.decode()
    assert "Rückmeldungen zur Barrierefreiheit" in page
    assert "Zurzeit wartet nichts auf Sie." not in page  # the feedback waits
    assert f'href="{reply_url(feedback)}"' in page
    assert "„Der Kontrast im Menü ist zu schwach.“ beantworten" in page
    assert "eingegangen vor 3 Tagen" in page
    assert f"fällig am {feedback.due_on.day}. " in page
    assert 'class="overdue"' not in page

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reply_url(feedback), {"kind": "answer", "text": "Erledigt."})
    page = officer_client.get("/admin/").content.decode()
    assert reply_url(feedback) not in page
    assert "Zurzeit wartet nichts auf Sie." in page


def test_the_start_page_highlights_overdue_feedback(officer_client):
    feedback = received()
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(
        created_at=timezone.now() - dt.timedelta(days=15)
    )
    feedback.refresh_from_db()
    page = officer_client.get("/admin/").content.decode()
    assert '<li class="overdue"><a href="' + reply_url(feedback) in page
    assert f"Frist am {feedback.due_on.day}. " in page
    assert "abgelaufen" in page


def test_clerks_start_page_offers_no_reply(clerk_client):
    received()
    page = clerk_client.get("/admin/").content.decode()
    assert "Was ansteht" not in page
    assert "beantworten" not in page
    assert "/antworten/" not in page


# --- the statement page -----------------------------------------------------------------------


def test_the_statement_links_the_ombudsstelle_from_the_settings(client, settings):
    from minden_integration.site.pages import pages_ensure

    pages_ensure()
    content = client.get("/barrierefreiheit/").content.decode()
    assert 'href="https://www.lbbp.nrw.de/ombudsstelle"' in content
    assert "mailto:ombudsstelle-barrierefreie-it@mags.nrw.de" in content
    settings.ACCESSIBILITY_OMBUDSSTELLE_EMAIL = "ombud@example.org"
    assert "mailto:ombud@example.org" in client.get("/barrierefreiheit/").content.decode()


# --- the migration ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_handled_into_answered(django_user_model):
    executor = MigrationExecutor(connection)
    executor.migrate([("site", "0001_initial")])
    old = executor.loader.project_state([("site", "0001_initial")]).apps
    Feedback = old.get_model("site", "AccessibilityFeedback")
    User = old.get_model("auth", "User")
    officer = User.objects.create(username="alt@minden.example")
    done = Feedback.objects.create(message="Erledigt", handled=True, handled_by=officer)
    open_ = Feedback.objects.create(message="Offen", handled=False, handled_by=officer)
    never = Feedback.objects.create(message="Nie angefasst")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    done_now = AccessibilityFeedback.objects.get(pk=done.pk)
    assert done_now.status == FeedbackStatus.ANSWERED
    assert done_now.answered_by_id == officer.pk
    assert done_now.answered_at == done_now.updated_at
    for pk in (open_.pk, never.pk):
        row = AccessibilityFeedback.objects.get(pk=pk)
        assert (row.status, row.answered_by_id, row.answered_at) == ("received", None, None)
