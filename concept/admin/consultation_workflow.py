"""The way through the bodies in the admin: presenting a version with its planned
Beratungsfolge, recording each Beratung's result, taking a Beratung out of the plan, and fixing
the beschlossene Fassung of a decision with changes. Each page calls one service of
`concept.services.bodies`; a refusal is shown at the field it concerns, never as a 500."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext

from concept.admin.consultation_forms import (
    ConsultationRecordForm,
    PresentForm,
    add_service_errors,
    plan_formset,
    plan_initial,
)
from concept.beratungsfolge import deciding_consultation, presentation_blockers
from concept.models import (
    RESULT_MOVES,
    ConceptVersion,
    Consultation,
    ConsultationResult,
    ConsultationRole,
    VersionStatus,
)
from concept.services import (
    consultation_record,
    consultation_unplan,
    default_plan,
    plan_errors,
    resolution_fix,
    version_present,
)

PRESENT_FIELDS_TEMPLATE = "admin/concept/conceptversion/present_plan.html"


def amendment_links(amendments) -> list[dict]:
    """Each amendment with the address of its admin page, for a list of links."""
    return [
        {
            "label": str(a),
            "status": a.get_status_display(),
            "url": reverse("admin:concept_amendment_change", args=[a.pk]),
        }
        for a in amendments
    ]


def _undecided_refusal(error: ValidationError) -> list | None:
    """The amendments a refused presentation names as undecided, if that was the reason."""
    for item in error.error_list if not hasattr(error, "error_dict") else []:
        if item.code == "undecided":
            return list(item.params["amendments"])
    return None


class ConsultationWorkflowMixin:
    """Mixed into ConceptVersionAdmin through `VersionWorkflowMixin`, which gives the version
    lookup, the way back and the workflow page."""

    def consultation_urls(self) -> list:
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/consultation/<int:consultation_id>/record/",
                view(self.consultation_record_view),
                name="{}_{}_consultation_record".format(*info),
            ),
            path(
                "<path:object_id>/consultation/<int:consultation_id>/unplan/",
                view(self.consultation_unplan_view),
                name="{}_{}_consultation_unplan".format(*info),
            ),
            path(
                "<path:object_id>/resolution/",
                view(self.resolution_fix_view),
                name="{}_{}_resolution_fix".format(*info),
            ),
        ]

    def _beratungsfolge(self, request, version: ConceptVersion) -> list[dict]:
        """The version's Beratungen in order, with the steps the officer may take on each."""
        may_record = version.status == VersionStatus.COUNCIL_REVIEW and self.has_change_permission(
            request, version
        )
        rows = []
        for c in version.consultations.in_order():
            args = [version.pk, c.pk]
            open_step = may_record and not c.is_held
            rows.append(
                {
                    "consultation": c,
                    "record_url": open_step
                    and reverse("admin:concept_conceptversion_consultation_record", args=args),
                    "unplan_url": open_step
                    and c.role != ConsultationRole.DECISION
                    and reverse("admin:concept_conceptversion_consultation_unplan", args=args),
                }
            )
        return rows

    def _changeable_version(self, request, object_id) -> ConceptVersion:
        version = self._version_or_404(request, object_id)
        if not self.has_change_permission(request, version):
            raise PermissionDenied
        return version

    def _consultation_or_404(self, version: ConceptVersion, consultation_id) -> Consultation:
        consultation = (
            version.consultations.select_related("body", "version__concept")
            .filter(pk=consultation_id)
            .first()
        )
        if consultation is None:
            raise Http404(gettext("Diese Beratung gibt es nicht."))
        return consultation

    # --- presenting ---------------------------------------------------------------------------

    def present_view(self, request, version: ConceptVersion):
        """The move to the bodies: Drucksache, date, and the planned Beratungsfolge."""
        blockers = presentation_blockers(version)
        errors_of_plan: list[str] = []
        if request.method == "POST":
            form = PresentForm(request.POST)
            formset = plan_formset(version, request.POST)
            if form.is_valid() and formset.is_valid():
                steps = formset.planned_steps()
                data = form.cleaned_data
                errors_of_plan = plan_errors(
                    version.concept, steps, presented_on=data["presented_on"]
                )
                if not errors_of_plan:
                    try:
                        version_present(version=version, steps=steps, **data)
                    except ValidationError as exc:
                        undecided = _undecided_refusal(exc)
                        if undecided is not None:
                            blockers = undecided
                        else:
                            add_service_errors(form, exc)
                    else:
                        return self._presented(request, version, len(steps))
        else:
            form = PresentForm(initial={"presented_on": timezone.localdate()})
            formset = plan_formset(version, initial=plan_initial(default_plan(version.concept)))
        response = self._workflow_page(
            request,
            version,
            title=gettext("%(version)s den Gremien vorlegen") % {"version": version},
            form=form,
            submit_label=gettext("Den Gremien vorlegen"),
            explanation=gettext(
                "Die Version wird eingefroren: Text und Abschnitte sind danach unveränderlich, "
                "ihre Momentaufnahme und Prüfsumme werden gespeichert. Planen Sie die "
                "Beratungsfolge: Gremien mit derselben Schrittnummer beraten parallel, die "
                "Entscheidung des Rates ist der letzte Schritt. Um eine Zeile zu entfernen, "
                "wählen Sie bei „Gremium und Rolle“ den Strich (—)."
            ),
            formset=formset,
            plan_errors=errors_of_plan,
            blockers=amendment_links(blockers),
            details_template="admin/concept/conceptversion/presentation_blockers.html",
            after_fields_template=PRESENT_FIELDS_TEMPLATE,
        )
        if request.method == "POST":
            response.status_code = 400  # only a refusal shows the page again
        return response

    def _presented(self, request, version: ConceptVersion, count: int):
        self.log_change(request, version, gettext("Den Gremien vorgelegt"))
        messages.success(
            request,
            gettext(
                "Version %(number)s ist den Gremien vorgelegt (Drucksache %(paper)s) und "
                "eingefroren; %(count)s Beratungen sind geplant."
            )
            % {
                "number": version.number,
                "paper": version.council_paper_reference,
                "count": count,
            },
        )
        return HttpResponseRedirect(self._change_url(version))

    # --- recording a result -------------------------------------------------------------------

    def consultation_record_view(self, request, object_id, consultation_id):
        version = self._changeable_version(request, object_id)
        consultation = self._consultation_or_404(version, consultation_id)
        if consultation.is_held or version.status != VersionStatus.COUNCIL_REVIEW:
            messages.error(
                request, gettext("Für diese Beratung ist kein Ergebnis mehr festzuhalten.")
            )
            return HttpResponseRedirect(self._change_url(version))
        data = request.POST if request.method == "POST" else None
        form = ConsultationRecordForm(data, consultation=consultation)
        if request.method == "POST" and form.is_valid():
            try:
                recorded = consultation_record(consultation=consultation, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self._recorded(request, version, recorded)
        return self._workflow_page(
            request,
            version,
            title=gettext("Ergebnis festhalten: %(consultation)s") % {"consultation": consultation},
            form=form,
            submit_label=gettext("Ergebnis festhalten"),
            explanation=gettext(
                "Das Datum der Sitzung liegt zwischen der Vorlage und heute; die Entscheidung ist "
                "die letzte Beratung. „Verwiesen“ und „vertagt“ planen eine weitere Beratung; "
                "„geändert beschlossen“ legt die beschlossene Fassung als neuen Entwurf an."
            ),
            consultation=consultation,
            details_template="admin/concept/conceptversion/consultation_details.html",
        )

    def _recorded(self, request, version: ConceptVersion, recorded: Consultation):
        version.refresh_from_db()
        self.log_change(
            request,
            version,
            gettext("Beratung festgehalten: %(consultation)s, %(result)s")
            % {"consultation": recorded, "result": recorded.get_result_display()},
        )
        text = gettext("%(consultation)s am %(date)s: %(result)s.") % {
            "consultation": recorded,
            "date": date_format(recorded.held_on, "SHORT_DATE_FORMAT"),
            "result": recorded.get_result_display(),
        }
        if RESULT_MOVES[recorded.result]:
            text += " " + gettext("Version %(number)s: %(status)s.") % {
                "number": version.number,
                "status": version.get_status_display(),
            }
        if recorded.result == ConsultationResult.DECIDED_AMENDED:
            draft = ConceptVersion.objects.get(resolution_of=version)
            messages.success(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    text,
                    self._change_url(draft),
                    gettext(
                        "Die beschlossene Fassung ist als Version %(number)s angelegt: bitte "
                        "gemäß Beschluss bearbeiten und festschreiben."
                    )
                    % {"number": draft.number},
                ),
            )
        else:
            messages.success(request, text)
        return HttpResponseRedirect(self._change_url(version))

    # --- out of the plan ----------------------------------------------------------------------

    def consultation_unplan_view(self, request, object_id, consultation_id):
        version = self._changeable_version(request, object_id)
        consultation = self._consultation_or_404(version, consultation_id)
        form = Form(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            try:
                consultation_unplan(consultation=consultation)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                self.log_change(
                    request,
                    version,
                    gettext("Aus der Planung genommen: %(consultation)s")
                    % {"consultation": consultation},
                )
                messages.success(
                    request,
                    gettext("%(consultation)s ist aus der Planung genommen.")
                    % {"consultation": consultation},
                )
            return HttpResponseRedirect(self._change_url(version))
        return self._workflow_page(
            request,
            version,
            title=gettext("Aus der Planung nehmen: %(consultation)s")
            % {"consultation": consultation},
            form=form,
            submit_label=gettext("Aus der Planung nehmen"),
            explanation=gettext(
                "Die Beratung hat nicht stattgefunden und wird nicht stattfinden: Sie wird aus "
                "der Beratungsfolge gelöscht. Festgehaltene Beratungen bleiben unverändert."
            ),
            consultation=consultation,
            details_template="admin/concept/conceptversion/consultation_details.html",
        )

    # --- the beschlossene Fassung -------------------------------------------------------------

    def resolution_fix_view(self, request, object_id):
        version = self._changeable_version(request, object_id)
        if version.resolution_of_id is None or version.status != VersionStatus.DRAFT:
            messages.error(
                request,
                gettext("Nur der Entwurf einer beschlossenen Fassung wird so festgeschrieben."),
            )
            return HttpResponseRedirect(self._change_url(version))
        form = Form(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            try:
                fixed = resolution_fix(version=version)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                self.log_change(request, fixed, gettext("Als beschlossene Fassung festgeschrieben"))
                messages.success(
                    request,
                    gettext(
                        "Version %(number)s ist als beschlossene Fassung festgeschrieben und "
                        "eingefroren."
                    )
                    % {"number": fixed.number},
                )
            return HttpResponseRedirect(self._change_url(version))
        decided = deciding_consultation(version)
        return self._workflow_page(
            request,
            version,
            title=gettext("%(version)s als beschlossene Fassung festschreiben")
            % {"version": version},
            form=form,
            submit_label=gettext("Als beschlossene Fassung festschreiben"),
            explanation=gettext(
                "Der Text dieses Entwurfs wird als die vom Rat beschlossene Fassung von Version "
                "%(number)s eingefroren: Er gilt dann als beschlossene Version des Konzepts, eine "
                "bisher beschlossene Version wird abgelöst, und der Text ist danach "
                "unveränderlich. Bitte prüfen Sie vorher, ob er dem Beschluss entspricht."
            )
            % {"number": version.resolution_of.number},
            consultation=decided,
            details_template="admin/concept/conceptversion/consultation_details.html",
        )
