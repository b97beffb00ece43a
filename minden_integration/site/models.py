"""The site's own tables: pages the officer edits, accessibility feedback, and the city's
settings with the explanations in Leichte Sprache and Gebärdensprache (`city`).

Pages and feedback moved from the project package; their tables keep their names.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from minden_integration.core.models import ContentModel, ContentQuerySet, TimeStampedModel
from minden_integration.site.city import (  # noqa: F401 - the app's models, and where they were
    AssessmentMethod,
    CitySettings,
    Conformity,
)
from minden_integration.site.explanations import Explanation, ExplanationTopic  # noqa: F401


class PageSlug(models.TextChoices):
    IMPRINT = "impressum", _("Impressum")
    PRIVACY = "datenschutz", _("Datenschutzerklärung")
    ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
    EASY_LANGUAGE = "leichte-sprache", _("Leichte Sprache")


class Page(TimeStampedModel):
    """A text the officer edits in the admin: the introduction in Leichte Sprache, and what a
    city adds below the generated Impressum, Datenschutzerklärung and Erklärung zur
    Barrierefreiheit (those are built from `CitySettings`)."""

    slug = models.CharField(_("Seite"), max_length=30, choices=PageSlug.choices, unique=True)
    title = models.CharField(_("Überschrift"), max_length=200)
    body = models.TextField(
        _("Text (Markdown)"),
        blank=True,
        help_text=_(
            "Bei Impressum, Datenschutzerklärung und Erklärung zur Barrierefreiheit: ergänzende "
            "Angaben unter den Pflichtangaben, die das Portal aus den Einstellungen der Kommune "
            "zusammenstellt."
        ),
    )

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        db_table = "minden_integration_page"
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__in=[s.value for s in PageSlug]), name="page_slug_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("eingegangen")
    INTERIM = "interim", _("Zwischennachricht gesendet")
    ANSWERED = "answered", _("beantwortet")


class ReplyKind(models.TextChoices):
    INTERIM = "interim", _("Zwischennachricht")
    ANSWER = "answer", _("Antwort")


# What a reply does to the feedback (§ 5 Abs. 2 BITV NRW): an interim reply while it cannot be
# answered yet (again, to put the date off), the answer once. An answered feedback takes none.
FEEDBACK_REPLY_MOVES: dict[str, dict[str, str]] = {
    FeedbackStatus.RECEIVED: {
        ReplyKind.INTERIM: FeedbackStatus.INTERIM,
        ReplyKind.ANSWER: FeedbackStatus.ANSWERED,
    },
    FeedbackStatus.INTERIM: {
        ReplyKind.INTERIM: FeedbackStatus.INTERIM,
        ReplyKind.ANSWER: FeedbackStatus.ANSWERED,
    },
    FeedbackStatus.ANSWERED: {},
}
FEEDBACK_OPEN = (FeedbackStatus.RECEIVED, FeedbackStatus.INTERIM)


class AccessibilityFeedbackQuerySet(ContentQuerySet):
    def open(self):
        """Not answered yet: what the officer still owes a reply (or the promised answer)."""
        return self.filter(status__in=FEEDBACK_OPEN)


class AccessibilityFeedback(TimeStampedModel):
    """A report of a barrier through the statement's electronic contact form (BITV NRW).

    Its steps, each with who and when: received (`created_at`), interim reply sent
    (`interim_sent_at`/`_by`, the promised `answer_due_on`), answered (`answered_at`/`_by`).
    The replies themselves are `FeedbackReply` rows."""

    message = models.TextField(_("Ihre Nachricht"), validators=[MaxLengthValidator(5000)])
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse für eine Antwort"), blank=True)
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.RECEIVED,
        db_index=True,
    )
    interim_sent_at = models.DateTimeField(
        _("Zwischennachricht gesendet am"), null=True, blank=True
    )
    interim_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Zwischennachricht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answer_due_on = models.DateField(
        _("Antwort zugesagt bis"),
        null=True,
        blank=True,
        help_text=_("Das Datum, das die letzte Zwischennachricht genannt hat."),
    )
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwortet von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AccessibilityFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        db_table = "minden_integration_accessibilityfeedback"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FeedbackStatus.values), name="feedback_status_valid"
            ),
            # Each step keeps its time: answered exactly when it has an answer's time, and an
            # interim reply's time and promised date once one was sent.
            models.CheckConstraint(
                condition=Q(status=FeedbackStatus.ANSWERED, answered_at__isnull=False)
                | (~Q(status=FeedbackStatus.ANSWERED) & Q(answered_at__isnull=True)),
                name="feedback_answered_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=FeedbackStatus.INTERIM)
                | Q(interim_sent_at__isnull=False, answer_due_on__isnull=False),
                name="feedback_interim_has_time_and_date",
            ),
        ]

    def __str__(self) -> str:
        day = date_format(timezone.localtime(self.created_at), "SHORT_DATE_FORMAT")
        return f"{day}: {self.message[:60]}"

    @property
    def is_open(self) -> bool:
        return self.status in FEEDBACK_OPEN

    @property
    def due_on(self) -> dt.date | None:
        """The day by which the next reply is owed: the date an interim reply promised, else
        the reply period of § 5 Abs. 2 BITV NRW from the day it came in; none once answered."""
        if not self.is_open:
            return None
        if self.status == FeedbackStatus.INTERIM and self.answer_due_on:
            return self.answer_due_on
        received = timezone.localdate(self.created_at)
        return received + dt.timedelta(days=settings.ACCESSIBILITY_FEEDBACK_REPLY_DAYS)

    def is_overdue(self, today: dt.date) -> bool:
        due = self.due_on
        return due is not None and today > due


class FeedbackReply(ContentModel):
    """What the officer replied to a feedback, as sent (or, with no address, as recorded)."""

    feedback = models.ForeignKey(
        AccessibilityFeedback,
        verbose_name=_("Rückmeldung"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    kind = models.CharField(_("Art"), max_length=10, choices=ReplyKind.choices)
    text = models.TextField(
        _("Text"), validators=[MaxLengthValidator(settings.PORTAL_TEXT_MAX_LENGTH)]
    )
    answer_by = models.DateField(
        _("Antwort zugesagt bis"),
        null=True,
        blank=True,
        help_text=_("Nur bei einer Zwischennachricht."),
    )
    to_address = models.EmailField(
        _("gesendet an"),
        blank=True,
        help_text=_("Leer, wenn die Rückmeldung keine E-Mail-Adresse hatte: dann nur vermerkt."),
    )
    sent_at = models.DateTimeField(_("gesendet am"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesendet von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Antwort auf eine Rückmeldung")
        verbose_name_plural = _("Antworten auf Rückmeldungen")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReplyKind.values), name="feedbackreply_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=ReplyKind.INTERIM, answer_by__isnull=False)
                | Q(kind=ReplyKind.ANSWER, answer_by__isnull=True),
                name="feedbackreply_interim_names_a_date",
            ),
        ]

    def __str__(self) -> str:
        day = date_format(timezone.localtime(self.sent_at), "SHORT_DATE_FORMAT")
        return f"{self.get_kind_display()} {day}"

    @property
    def mailed(self) -> bool:
        return bool(self.to_address)
