"""Working an accepted amendment in with one click: "Übernehmen" shows the change to the
draft's section as rendered text and applies it on confirmation; where it cannot, the page says
why and offers the manual editor (the work-in page's form) with both texts side by side."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from concept.admin.forms import AdoptForm, WorkInForm
from concept.diff import diff_labels, markdown_diff
from concept.models import AMENDMENT_ADOPTING, Amendment
from concept.services.adopting import (
    Adoption,
    adopted_text,
    adoption_plan,
    amendment_adopt,
    body_digest,
)
from minden_integration.core.admin_helpers import integrity_message

ADOPT_TEMPLATE = "admin/concept/amendment/adopt.html"
WORK_IN_TEMPLATE = "admin/concept/amendment/work_in.html"


class AmendmentAdoptionMixin:
    """Mixed into the amendment admin's workflow: the "Übernehmen" page and the manual editor
    it falls back to. Uses `_amendment_or_404`, `_change_url` and `_workflow_page` context."""

    def adopt_view(self, request, object_id):
        amendment = self._amendment_or_404(request, object_id)
        form = AdoptForm(request.POST) if request.method == "POST" else AdoptForm()
        if request.method == "POST" and form.is_valid():
            try:
                done = amendment_adopt(
                    amendment=amendment, seen_digest=form.cleaned_data["seen_digest"]
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                return HttpResponseRedirect(request.get_full_path())
            except IntegrityError as exc:
                messages.error(request, integrity_message(exc))
                return HttpResponseRedirect(request.get_full_path())
            number = done.section.version.number
            self.log_change(
                request,
                amendment,
                gettext("Übernommen in Version %(number)s") % {"number": number},
            )
            messages.success(
                request,
                gettext(
                    "%(amendment)s ist in Version %(number)s übernommen (Abschnitt %(section)s)."
                )
                % {"amendment": amendment, "number": number, "section": done.section},
            )
            return HttpResponseRedirect(
                reverse("admin:concept_conceptversion_change", args=[done.section.version_id])
            )
        plan = adoption_plan(amendment)
        if plan.applicable:
            return self._adopt_page(request, plan, form)
        if plan.section is None or amendment.status not in AMENDMENT_ADOPTING:
            messages.error(request, plan.reason)
            return HttpResponseRedirect(self._change_url(amendment))
        form = WorkInForm(initial={"body": plan.section.body, "seen_body": plan.section.body})
        return self._work_in_page(request, amendment, plan.section, form, reason=plan.reason)

    def _adopt_page(self, request, plan: Adoption, form: AdoptForm):
        amendment, section = plan.amendment, plan.section
        if not form.is_bound:
            form = AdoptForm(initial={"seen_digest": body_digest(section.body)})
        # Below the page's h2, like the section text in the reading view.
        change = markdown_diff(
            plan.old_body, plan.new_body, **diff_labels(), top_heading=3, in_context=True
        )
        title = gettext("%(amendment)s in Version %(number)s übernehmen") % {
            "amendment": amendment,
            "number": section.version.number,
        }
        return self._page(
            ADOPT_TEMPLATE,
            request,
            amendment,
            title=title,
            form=form,
            submit_label=gettext("Übernehmen und als eingearbeitet vermerken"),
            explanation=gettext(
                "Prüfen Sie die Änderung in Abschnitt %(section)s des Entwurfs. Mit der "
                "Bestätigung wird der Text geändert und der Vorschlag mit Version %(number)s "
                "verknüpft."
            )
            % {"section": section, "number": section.version.number},
            section=section,
            adopted=plan.text,
            diff=change.html,
            changed=change.changed,
            new_body=plan.new_body,
            work_in_url=reverse("admin:concept_amendment_work_in", args=[amendment.pk]),
        )

    def _work_in_page(
        self, request, amendment: Amendment, section, form, *, reason="", refused=False
    ):
        """The manual editor: the section's text to edit beside the adopted text to read."""
        return self._page(
            WORK_IN_TEMPLATE,
            request,
            amendment,
            title=gettext("%(amendment)s in Version %(number)s einarbeiten")
            % {"amendment": amendment, "number": section.version.number},
            form=form,
            submit_label=gettext("Text speichern und als eingearbeitet vermerken"),
            explanation=gettext(
                "Abschnitt %(section)s im Entwurf. Der Vorschlag wird mit der Version verknüpft, "
                "die ihn eingearbeitet hat; der öffentliche Vergleich zeigt ihn dann bei der "
                "Änderung."
            )
            % {"section": section},
            reason=reason,
            refused=refused,
            section=section,
            adopted=adopted_text(amendment),
            work_in_url=reverse("admin:concept_amendment_work_in", args=[amendment.pk]),
        )

    def _page(self, template: str, request, amendment: Amendment, **kwargs) -> TemplateResponse:
        """A workflow page (`WorkflowPageMixin`) in a template of its own."""
        response = self._workflow_page(request, amendment, **kwargs)
        response.template_name = template
        return response
