from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.admin.common import WORKFLOW_TEMPLATE
from minden_integration.core.admin_helpers import WorkflowPageMixin
from minden_integration.site.forms import FeedbackReplyForm
from minden_integration.site.models import (
    AccessibilityFeedback,
    FeedbackReply,
    FeedbackStatus,
    Page,
    ReplyKind,
)
from minden_integration.site.services import feedback_reply

# The city's settings and the explanations register themselves.
from minden_integration.site import city_admin  # noqa: E402, F401  isort: skip


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    fields = ["slug", "title", "body"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []


class FeedbackReplyInline(admin.TabularInline):
    """The replies as sent, read-only: they are written only by `feedback_reply`."""

    model = FeedbackReply
    fields = ["kind", "sent_at", "sent_by", "to_address", "answer_by", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sent_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def day(value) -> str:
    return date_format(value, "DATE_FORMAT")


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(WorkflowPageMixin, admin.ModelAdmin):
    """The reports of barriers. Read-only here; the officer replies on the reply page beside
    the change form (`feedback_reply`), which sets the status."""

    list_display = ["created_at", "short_message", "status", "age", "due", "email"]
    list_filter = ["status", "created_at"]
    search_fields = ["message", "page_url", "email", "name"]
    fieldsets = [
        (None, {"fields": ["created_at", "message", "page_url", "name", "email"]}),
        (
            _("Bearbeitung"),
            {
                "fields": [
                    "status",
                    "due",
                    "interim_sent_at",
                    "interim_sent_by",
                    "answer_due_on",
                    "answered_at",
                    "answered_by",
                ]
            },
        ),
    ]
    readonly_fields = [
        "created_at",
        "message",
        "page_url",
        "name",
        "email",
        "status",
        "due",
        "interim_sent_at",
        "interim_sent_by",
        "answer_due_on",
        "answered_at",
        "answered_by",
    ]
    inlines = [FeedbackReplyInline]
    date_hierarchy = "created_at"
    workflow_template = WORKFLOW_TEMPLATE
    workflow_details_template = "admin/site/accessibilityfeedback/details.html"

    @admin.display(description=_("Nachricht"))
    def short_message(self, obj):
        return obj.message[:80]

    @admin.display(description=_("Eingegangen vor"))
    def age(self, obj):
        days = (timezone.localdate() - timezone.localdate(obj.created_at)).days
        return ngettext("%(days)d Tag", "%(days)d Tagen", days) % {"days": days}

    @admin.display(description=_("Antwort fällig am"))
    def due(self, obj):
        if obj.due_on is None:
            return "–"
        if obj.is_overdue(timezone.localdate()):
            return format_html(
                '<strong class="overdue">{}</strong>',
                gettext("%(date)s (überfällig)") % {"date": day(obj.due_on)},
            )
        return day(obj.due_on)

    def has_add_permission(self, request):
        return False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Nothing on the form is edited; the reply page is the one way to act on a feedback.
        context.update(
            show_save=False, show_save_and_continue=False, show_save_and_add_another=False
        )
        if obj is not None and obj.is_open and self.has_change_permission(request, obj):
            context["feedback_reply_url"] = self._reply_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- the reply page ----------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/antworten/",
                self.admin_site.admin_view(self.reply_view),
                name="{}_{}_reply".format(*info),
            ),
            *super().get_urls(),
        ]

    def _change_url(self, feedback: AccessibilityFeedback) -> str:
        return reverse("admin:site_accessibilityfeedback_change", args=[feedback.pk])

    def _reply_url(self, feedback: AccessibilityFeedback) -> str:
        return reverse("admin:site_accessibilityfeedback_reply", args=[feedback.pk])

    def reply_view(self, request, object_id):
        """Only the officer (change permission) replies; clerks read the feedback only."""
        feedback = self.get_object(request, unquote(object_id))
        if feedback is None:
            raise Http404(gettext("Diese Rückmeldung gibt es nicht."))
        if not self.has_change_permission(request, feedback):
            raise PermissionDenied
        if not feedback.is_open:
            messages.info(request, gettext("Diese Rückmeldung ist bereits beantwortet."))
            return HttpResponseRedirect(self._change_url(feedback))
        today = timezone.localdate()
        form = FeedbackReplyForm(request.POST if request.method == "POST" else None, today=today)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                reply = feedback_reply(
                    feedback=feedback,
                    by=request.user,
                    text=data["text"],
                    interim=data["kind"] == ReplyKind.INTERIM,
                    answer_by=data["answer_by"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self._replied(request, feedback, reply)
                return HttpResponseRedirect(self._change_url(feedback))
        return self._workflow_page(
            request,
            feedback,
            title=gettext("Auf die Rückmeldung antworten"),
            form=form,
            submit_label=gettext("Senden") if feedback.email else gettext("Vermerken"),
            explanation=self._reply_explanation(feedback),
            replies=list(feedback.replies.select_related("sent_by")),
        )

    def _reply_explanation(self, feedback: AccessibilityFeedback) -> str:
        if not feedback.email:
            return gettext(
                "Die Rückmeldung enthält keine E-Mail-Adresse. Die Antwort wird nur vermerkt "
                "und nicht versandt; die Rückmeldung gilt danach als beantwortet (bei einer "
                "Zwischennachricht: mit dem genannten Datum als neuer Frist)."
            )
        return gettext(
            "Die Antwort geht per E-Mail an %(email)s. Antwort oder Zwischennachricht sind bis "
            "%(date)s fällig (§ 5 Abs. 2 BITV NRW); eine Zwischennachricht nennt, bis wann die "
            "abschließende Antwort kommt."
        ) % {"email": feedback.email, "date": day(feedback.due_on)}

    def _replied(self, request, feedback: AccessibilityFeedback, reply: FeedbackReply) -> None:
        self.log_change(
            request,
            feedback,
            gettext("%(kind)s; Status: %(status)s")
            % {"kind": reply.get_kind_display(), "status": feedback.get_status_display()},
        )
        if reply.mailed:
            text = gettext("%(kind)s an %(email)s gesendet. Status: %(status)s.")
        else:
            text = gettext(
                "%(kind)s vermerkt, nicht versandt (keine E-Mail-Adresse). Status: %(status)s."
            )
        messages.success(
            request,
            text
            % {
                "kind": reply.get_kind_display(),
                "email": reply.to_address,
                "status": FeedbackStatus(feedback.status).label,
            },
        )
