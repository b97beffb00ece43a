"""The workflow pages beside a version's change form: a move along the table, the next
version, the frozen snapshot. Each calls a service; the admin's `get_urls` wires them up."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.admin.common import WORKFLOW_TEMPLATE
from concept.admin.forms import NextVersionForm, VersionMoveForm
from concept.models import VERSION_MOVES, ConceptVersion, VersionStatus, moves_from, version_move
from concept.services import version_create_next, version_transition
from minden_integration.core.admin_helpers import WorkflowPageMixin

MOVE_EXPLANATIONS = {
    VersionStatus.CONSULTATION: _(
        "Die Mitglieder der Arbeitsgruppen können bis zum Fristende Änderungen vorschlagen."
    ),
    VersionStatus.CONSULTATION_CLOSED: _(
        "Danach können keine Änderungsvorschläge mehr eingereicht werden."
    ),
    VersionStatus.COUNCIL_REVIEW: _(
        "Die Version wird eingefroren: Text und Abschnitte sind danach unveränderlich, ihre "
        "Momentaufnahme und Prüfsumme werden gespeichert."
    ),
    VersionStatus.APPROVED: _(
        "Eine bisher beschlossene Version dieses Konzepts wird als abgelöst markiert."
    ),
}


class VersionWorkflowMixin(WorkflowPageMixin):
    """Mixed into ConceptVersionAdmin: the move buttons, their pages and the next version."""

    workflow_template = WORKFLOW_TEMPLATE

    def _workflow_context(self, request, version: ConceptVersion) -> dict:
        """Buttons for the moves the table allows from here; none for view-only users."""
        moves = []
        if self.has_change_permission(request, version):
            moves = [
                {
                    "label": move.label,
                    "url": reverse(
                        "admin:concept_conceptversion_move", args=[version.pk, move.target]
                    ),
                }
                for move in moves_from(VERSION_MOVES, version.status)
            ]
        next_url = None
        if not version.text_editable and self.has_add_permission(request):
            next_url = reverse("admin:concept_conceptversion_next", args=[version.pk])
        return {"version_moves": moves, "next_version_url": next_url}

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/move/<str:target>/",
                view(self.move_view),
                name="{}_{}_move".format(*info),
            ),
            path("<path:object_id>/next/", view(self.next_view), name="{}_{}_next".format(*info)),
            path(
                "<path:object_id>/snapshot/",
                view(self.snapshot_view),
                name="{}_{}_snapshot".format(*info),
            ),
            *super().get_urls(),
        ]

    def _version_or_404(self, request, object_id) -> ConceptVersion:
        version = self.get_object(request, unquote(object_id))
        if version is None:
            raise Http404(gettext("Diese Version gibt es nicht."))
        return version

    def _change_url(self, version: ConceptVersion) -> str:
        return reverse("admin:concept_conceptversion_change", args=[version.pk])

    def move_view(self, request, object_id, target):
        version = self._version_or_404(request, object_id)
        if not self.has_change_permission(request, version):
            raise PermissionDenied
        if target not in VersionStatus.values:
            raise Http404(gettext("Diesen Status gibt es nicht."))
        try:
            move = version_move(version, target)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return HttpResponseRedirect(self._change_url(version))
        data = request.POST if request.method == "POST" else None
        form = VersionMoveForm(data, version=version, move=move)
        if request.method == "POST" and form.is_valid():
            try:
                version_transition(version=version, to=target, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                self.log_change(
                    request, version, gettext("Status: %s") % version.get_status_display()
                )
                messages.success(
                    request,
                    gettext("Version %(number)s: %(status)s.")
                    % {"number": version.number, "status": version.get_status_display()},
                )
            return HttpResponseRedirect(self._change_url(version))
        return self._workflow_page(
            request,
            version,
            title=gettext("%(version)s: %(move)s") % {"version": version, "move": move.label},
            form=form,
            submit_label=move.label,
            explanation=MOVE_EXPLANATIONS.get(target, ""),
        )

    def next_view(self, request, object_id):
        version = self._version_or_404(request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = NextVersionForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                created = version_create_next(version=version, title=form.cleaned_data["title"])
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                return HttpResponseRedirect(self._change_url(version))
            self.log_addition(request, created, [{"added": {}}])
            messages.success(
                request,
                gettext("Version %(number)s ist als Entwurf angelegt.")
                % {"number": created.number},
            )
            return HttpResponseRedirect(self._change_url(created))
        return self._workflow_page(
            request,
            version,
            title=gettext("Nächste Version nach %(version)s anlegen") % {"version": version},
            form=form,
            submit_label=gettext("Nächste Version anlegen"),
            explanation=gettext(
                "Der neue Entwurf übernimmt die Abschnitte und Zitate dieser Version; eine noch "
                "laufende Beteiligung wird beendet."
            ),
        )

    def snapshot_view(self, request, object_id):
        version = self._version_or_404(request, object_id)
        if not self.has_view_permission(request, version):
            raise PermissionDenied
        if version.snapshot is None:
            raise Http404(gettext("Diese Version ist nicht eingefroren."))
        response = HttpResponse(
            version.snapshot.encode("utf-8"), content_type="application/json; charset=utf-8"
        )
        filename = f"{version.concept.slug}-version-{version.number}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description=_("Nächste Version anlegen"), permissions=["add"])
    def create_next_version(self, request, queryset):
        for version in queryset.order_by("concept", "number"):
            try:
                created = version_create_next(version=version)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                self.log_addition(request, created, [{"added": {}}])
                messages.success(
                    request,
                    gettext("Version %(number)s ist als Entwurf angelegt.")
                    % {"number": created.number},
                )
