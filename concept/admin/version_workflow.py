"""The workflow pages beside a version's change form: a move along the table, ending a
consultation early, the next version, the frozen snapshot; the way through the bodies is in
`consultation_workflow`. Each calls a service; the admin's `get_urls` wires them up."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.admin.common import WORKFLOW_TEMPLATE
from concept.admin.consultation_workflow import ConsultationWorkflowMixin, amendment_links
from concept.admin.forms import NextVersionForm, VersionMoveForm
from concept.models import (
    VERSION_MOVES,
    Amendment,
    ConceptVersion,
    VersionStatus,
    moves_from,
    version_move,
)
from concept.services import version_create_next, version_transition
from minden_integration.core.admin_helpers import WorkflowPageMixin

MOVE_EXPLANATIONS = {
    VersionStatus.CONSULTATION: _(
        "Die Mitglieder der Arbeitsgruppen können bis zum Fristende Änderungen vorschlagen."
    ),
}


def local_day(value) -> str:
    """e.g. "27. Januar 2027": the local day of a moment."""
    return date_format(timezone.localtime(value), "DATE_FORMAT")


def consultation_period(version: ConceptVersion) -> str:
    """The consultation as it ran: "bis …", or once closed "beendet am X, vorgesehen bis Y"
    (ended early) or "beendet am Y" (at its deadline)."""
    ends, closed = version.consultation_ends_at, version.consultation_closed_at
    if closed is None:
        if ends is None or version.status != VersionStatus.CONSULTATION:
            return ""
        return gettext("bis %(date)s") % {"date": local_day(ends)}
    if ends is not None and closed < ends:
        return gettext("beendet am %(closed)s, vorgesehen bis %(planned)s") % {
            "closed": local_day(closed),
            "planned": local_day(ends),
        }
    return gettext("beendet am %(closed)s") % {"closed": local_day(closed)}


class VersionWorkflowMixin(ConsultationWorkflowMixin, WorkflowPageMixin):
    """Mixed into ConceptVersionAdmin: the move buttons, their pages and the next version."""

    workflow_template = WORKFLOW_TEMPLATE

    def _workflow_context(self, request, version: ConceptVersion) -> dict:
        """Buttons for the moves the table allows from here (a body's decision is recorded
        as a Beratung's result, never a button); none for view-only users."""
        may_change = self.has_change_permission(request, version)
        moves = []
        # The beschlossene Fassung of a decision with changes is fixed, not presented again.
        if may_change and version.resolution_of_id is None:
            moves = [
                {
                    "label": move.label,
                    "url": reverse(
                        "admin:concept_conceptversion_move", args=[version.pk, move.target]
                    ),
                }
                for move in moves_from(VERSION_MOVES, version.status)
                if not move.decision
            ]
        resolution_url = None
        if may_change and version.resolution_of_id and version.text_editable:
            resolution_url = reverse(
                "admin:concept_conceptversion_resolution_fix", args=[version.pk]
            )
        next_url = None
        if not version.text_editable and self.has_add_permission(request):
            next_url = reverse("admin:concept_conceptversion_next", args=[version.pk])
        return {
            "version_moves": moves,
            "resolution_fix_url": resolution_url,
            "next_version_url": next_url,
            "beratungsfolge": self._beratungsfolge(request, version),
        }

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
            *self.consultation_urls(),
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
        if target == VersionStatus.COUNCIL_REVIEW:
            return self.present_view(request, version)
        if target == VersionStatus.CONSULTATION_CLOSED:
            return self.end_early_view(request, version)
        data = request.POST if request.method == "POST" else None
        form = VersionMoveForm(data, version=version, move=move)
        if request.method == "POST" and form.is_valid():
            try:
                version_transition(version=version, to=target, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                self._moved(request, version)
            return HttpResponseRedirect(self._change_url(version))
        return self._workflow_page(
            request,
            version,
            title=gettext("%(version)s: %(move)s") % {"version": version, "move": move.label},
            form=form,
            submit_label=move.label,
            explanation=MOVE_EXPLANATIONS.get(target, ""),
        )

    def _moved(self, request, version: ConceptVersion, extra: str = "") -> None:
        self.log_change(request, version, gettext("Status: %s") % version.get_status_display())
        text = gettext("Version %(number)s: %(status)s.") % {
            "number": version.number,
            "status": version.get_status_display(),
        }
        messages.success(request, f"{text} {extra}".strip())

    # --- ending the consultation early ---------------------------------------------------------

    def end_early_view(self, request, version: ConceptVersion):
        """Its own confirmed step: the days left and the undecided amendments are named before
        the officer ends it; the members hear of it once, after commit."""
        if request.method == "POST":
            try:
                version_transition(version=version, to=VersionStatus.CONSULTATION_CLOSED)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                self._moved(
                    request,
                    version,
                    gettext("Beteiligung %(period)s.") % {"period": consultation_period(version)},
                )
            return HttpResponseRedirect(self._change_url(version))
        ends = version.consultation_ends_at
        days_left = max((timezone.localdate(ends) - timezone.localdate()).days, 0)
        if ends > timezone.now():
            explanation = ngettext(
                "Die Beteiligung läuft noch %(days)s Tag, bis %(date)s. Wenn Sie sie jetzt "
                "beenden, können keine Vorschläge mehr eingereicht werden; die Mitglieder "
                "werden einmal per E-Mail benachrichtigt (beendet am heutigen Tag, vorgesehen "
                "bis %(date)s).",
                "Die Beteiligung läuft noch %(days)s Tage, bis %(date)s. Wenn Sie sie jetzt "
                "beenden, können keine Vorschläge mehr eingereicht werden; die Mitglieder "
                "werden einmal per E-Mail benachrichtigt (beendet am heutigen Tag, vorgesehen "
                "bis %(date)s).",
                days_left,
            ) % {"days": days_left, "date": local_day(ends)}
        else:
            explanation = gettext(
                "Die Frist ist am %(date)s abgelaufen; die Beteiligung wird zu diesem Tag "
                "beendet. Die Mitglieder wurden bei der Eröffnung über die Frist informiert und "
                "erhalten keine weitere E-Mail."
            ) % {"date": local_day(ends)}
        undecided = (
            Amendment.objects.undecided()
            .filter(version=version)
            .select_related("version")
            .defer("version__snapshot")
            .order_by("number", "pk")
        )
        return self._workflow_page(
            request,
            version,
            title=gettext("%(version)s: Beteiligung vorzeitig beenden") % {"version": version},
            form=Form(),
            submit_label=gettext("Beteiligung vorzeitig beenden"),
            explanation=explanation,
            days_left=days_left,
            undecided=amendment_links(undecided),
            details_template="admin/concept/conceptversion/end_early_details.html",
        )

    # --- the next version ---------------------------------------------------------------------

    def _running_message(self, version: ConceptVersion):
        """Why there is no next version yet, with the way to the step that ends the
        consultation."""
        return format_html(
            '{} <a href="{}">{}</a>',
            gettext(
                "Die Beteiligung zu Version %(number)s läuft noch bis %(date)s. Eine nächste "
                "Version kann erst angelegt werden, wenn sie beendet ist:"
            )
            % {"number": version.number, "date": local_day(version.consultation_ends_at)},
            reverse(
                "admin:concept_conceptversion_move",
                args=[version.pk, VersionStatus.CONSULTATION_CLOSED],
            ),
            gettext("Beteiligung vorzeitig beenden"),
        )

    def _refused_next(self, request, version: ConceptVersion, exc: ValidationError) -> None:
        if any(e.code == "consultation_running" for e in exc.error_list):
            version.refresh_from_db()
            messages.warning(request, self._running_message(version))
            return
        for message in exc.messages:
            messages.error(request, message)

    def next_view(self, request, object_id):
        version = self._version_or_404(request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        if version.status == VersionStatus.CONSULTATION:
            messages.warning(request, self._running_message(version))
            return HttpResponseRedirect(self._change_url(version))
        form = NextVersionForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                created = version_create_next(version=version, title=form.cleaned_data["title"])
            except ValidationError as exc:
                self._refused_next(request, version, exc)
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
                "Der neue Entwurf übernimmt die Abschnitte und Zitate dieser Version."
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
                self._refused_next(request, version, exc)
            else:
                self.log_addition(request, created, [{"added": {}}])
                messages.success(
                    request,
                    gettext("Version %(number)s ist als Entwurf angelegt.")
                    % {"number": created.number},
                )
