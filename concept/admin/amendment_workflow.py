"""The moderation steps: take into review, decide one or many, work an accepted amendment
into the next draft. Each calls a service; the admin's `get_urls` wires up the pages."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.admin.adopting import AmendmentAdoptionMixin
from concept.admin.common import WORKFLOW_TEMPLATE
from concept.admin.forms import AmendmentBulkDecisionForm, AmendmentDecisionForm, WorkInForm
from concept.models import AMENDMENT_ADOPTING, AMENDMENT_UNDECIDED, Amendment
from concept.moderation import draft_section_for
from concept.services import (
    amendment_decide,
    amendment_review_start,
    amendment_work_in,
    amendments_decide,
)
from minden_integration.core.admin_helpers import WorkflowPageMixin


def seen_lock_versions(amendments) -> str:
    return ",".join(f"{a.pk}:{a.lock_version}" for a in amendments)


class AmendmentWorkflowMixin(AmendmentAdoptionMixin, WorkflowPageMixin):
    """Mixed into AmendmentAdmin: its actions and the pages beside its change form."""

    workflow_template = WORKFLOW_TEMPLATE
    workflow_details_template = "admin/concept/amendment/details.html"

    @admin.action(
        description=_("In Prüfung nehmen"),
        permissions=["change"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def review_start(self, request, queryset):
        started = 0
        for amendment in queryset:
            try:
                amendment_review_start(amendment=amendment, by=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, f"{amendment}: {message}")
            else:
                started += 1
        if started:
            messages.success(
                request,
                ngettext(
                    "%(count)s Vorschlag ist jetzt in Prüfung.",
                    "%(count)s Vorschläge sind jetzt in Prüfung.",
                    started,
                )
                % {"count": started},
            )

    @admin.action(description=_("Gemeinsam entscheiden …"), permissions=["change"])
    def decide_many(self, request, queryset):
        """An intermediate page: one decision, one public reasoning, for all selected."""
        amendments = list(queryset.select_related("section", "version").order_by("pk"))
        undecided = [a for a in amendments if a.status in AMENDMENT_UNDECIDED]
        if len(undecided) != len(amendments):
            messages.error(
                request,
                gettext(
                    "Gemeinsam entschieden werden können nur eingereichte oder in Prüfung "
                    "befindliche Vorschläge; bitte passen Sie die Auswahl an."
                ),
            )
            return None
        if "apply" in request.POST:
            form = AmendmentBulkDecisionForm(request.POST)
            if self._decide_many_apply(request, form, amendments):
                return None
        else:
            form = AmendmentBulkDecisionForm(initial={"seen": seen_lock_versions(amendments)})
        carry = [("action", "decide_many"), ("apply", "1")] + [
            (ACTION_CHECKBOX_NAME, a.pk) for a in amendments
        ]
        return self._workflow_page(
            request,
            None,
            title=gettext("Vorschläge gemeinsam entscheiden"),
            form=form,
            submit_label=gettext("Entscheidung speichern"),
            explanation=gettext(
                "Alle gewählten Vorschläge erhalten dieselbe Entscheidung und Begründung; die "
                "Einreichenden werden per E-Mail benachrichtigt."
            ),
            cancel_url=reverse("admin:concept_amendment_changelist"),
            amendments=amendments,
            carry=carry,
            details_template="admin/concept/amendment/list_details.html",
        )

    def _decide_many_apply(self, request, form, amendments) -> bool:
        """Decide all selected when the form is valid and the selection is the one the page
        showed; otherwise leave the reason on the form and decide nothing."""
        if not form.is_valid():
            return False
        if set(form.cleaned_data["seen"]) != {a.pk for a in amendments}:
            form.add_error(None, gettext("Die Auswahl hat sich geändert. Bitte erneut wählen."))
            return False
        decided = amendments_decide(
            seen=form.cleaned_data["seen"],
            by=request.user,
            status=form.cleaned_data["status"],
            reasoning=form.cleaned_data["reasoning"],
        )
        for amendment in decided:
            self.log_change(request, amendment, amendment.get_status_display())
        messages.success(
            request,
            ngettext(
                "%(count)s Vorschlag ist entschieden.",
                "%(count)s Vorschläge sind entschieden.",
                len(decided),
            )
            % {"count": len(decided)},
        )
        return True

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/entscheiden/",
                view(self.decide_view),
                name="{}_{}_decide".format(*info),
            ),
            path(
                "<path:object_id>/uebernehmen/",
                view(self.adopt_view),
                name="{}_{}_adopt".format(*info),
            ),
            path(
                "<path:object_id>/einarbeiten/",
                view(self.work_in_view),
                name="{}_{}_work_in".format(*info),
            ),
            *super().get_urls(),
        ]

    def _amendment_or_404(self, request, object_id) -> Amendment:
        amendment = self.get_object(request, unquote(object_id))
        if amendment is None:
            raise Http404(gettext("Diesen Vorschlag gibt es nicht."))
        if not self.has_change_permission(request, amendment):
            raise PermissionDenied
        return amendment

    def _change_url(self, amendment: Amendment) -> str:
        return reverse("admin:concept_amendment_change", args=[amendment.pk])

    def decide_view(self, request, object_id):
        amendment = self._amendment_or_404(request, object_id)
        if amendment.status not in AMENDMENT_UNDECIDED:
            messages.error(
                request,
                gettext("Über diesen Vorschlag ist bereits entschieden („%(status)s“).")
                % {"status": amendment.get_status_display()},
            )
            return HttpResponseRedirect(self._change_url(amendment))
        if request.method == "POST":
            form = AmendmentDecisionForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    decided = amendment_decide(
                        amendment=amendment,
                        by=request.user,
                        status=data["status"],
                        reasoning=data["reasoning"],
                        adopted_text=data["adopted_text"],
                        lock_version=data["seen_lock_version"],
                    )
                except ValidationError as exc:
                    for message in exc.messages:
                        messages.error(request, message)
                    return HttpResponseRedirect(self._change_url(amendment))
                self.log_change(request, decided, decided.get_status_display())
                messages.success(
                    request,
                    gettext("%(amendment)s: %(status)s. Die Person wird benachrichtigt.")
                    % {"amendment": decided, "status": decided.get_status_display()},
                )
                return HttpResponseRedirect(
                    reverse("admin:concept_amendment_changelist") + "?moderation=offen"
                )
        else:
            form = AmendmentDecisionForm(
                initial={
                    "seen_lock_version": amendment.lock_version,
                    "adopted_text": amendment.proposed_text,
                }
            )
        return self._workflow_page(
            request,
            amendment,
            title=gettext("%(amendment)s entscheiden") % {"amendment": amendment},
            form=form,
            submit_label=gettext("Entscheidung speichern"),
            explanation=gettext(
                "Ein eingereichter Vorschlag wird dabei in Prüfung genommen; sein Text ist "
                "danach gesperrt. Die Entscheidung und ihre Begründung sind öffentlich."
            ),
        )

    def work_in_view(self, request, object_id):
        amendment = self._amendment_or_404(request, object_id)
        section = draft_section_for(amendment)
        if section is None:
            messages.error(
                request,
                gettext(
                    "Es gibt keinen Entwurf mit diesem Abschnitt. Legen Sie zuerst die nächste "
                    "Version an."
                ),
            )
            return HttpResponseRedirect(self._change_url(amendment))
        if request.method == "POST":
            form = WorkInForm(request.POST)
            if form.is_valid():
                try:
                    amendment_work_in(
                        amendment=amendment,
                        section=section,
                        body=form.cleaned_data["body"],
                        seen_body=form.cleaned_data["seen_body"],
                    )
                except ValidationError as exc:
                    return self._work_in_refused(request, amendment, form, exc)
                self.log_change(
                    request,
                    amendment,
                    gettext("Eingearbeitet in Version %(number)s")
                    % {"number": section.version.number},
                )
                messages.success(
                    request,
                    gettext("%(amendment)s ist in Version %(number)s eingearbeitet.")
                    % {"amendment": amendment, "number": section.version.number},
                )
                return HttpResponseRedirect(
                    reverse("admin:concept_conceptversion_change", args=[section.version_id])
                )
        else:
            form = WorkInForm(initial={"body": section.body, "seen_body": section.body})
        return self._work_in_page(request, amendment, section, form)

    def _work_in_refused(self, request, amendment, form, error: ValidationError):
        """The editor again with the officer's text kept and the refusal on it; the section as
        it is now is shown beside it, and is what a second save would replace."""
        section = draft_section_for(amendment)
        if section is None:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(self._change_url(amendment))
        kept = WorkInForm({"body": form.cleaned_data["body"], "seen_body": section.body})
        kept.is_valid()
        kept.add_error(None, error)
        return self._work_in_page(request, amendment, section, kept, refused=True)

    def _workflow_tools(self, amendment: Amendment) -> list[tuple[str, str]]:
        """The change page's buttons to the workflow pages this amendment can use now."""
        tools = []
        if amendment.status in AMENDMENT_UNDECIDED:
            tools.append(
                (reverse("admin:concept_amendment_decide", args=[amendment.pk]), _("Entscheiden"))
            )
        if amendment.status in AMENDMENT_ADOPTING and draft_section_for(amendment) is not None:
            if amendment.incorporated_in_id is None:
                tools.append(
                    (reverse("admin:concept_amendment_adopt", args=[amendment.pk]), _("Übernehmen"))
                )
            tools.append(
                (
                    reverse("admin:concept_amendment_work_in", args=[amendment.pk]),
                    _("In den Entwurf einarbeiten"),
                )
            )
        return tools
