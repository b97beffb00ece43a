"""A contact's side of implementation monitoring under "Mein Konto": their measures and the
form to report progress on one. Everyone else's measures are 404, as if they did not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from concept.models import Concept
from measures.models import Measure, ReviewState
from measures.progress import progress_report, review_required
from measures.progress_forms import ProgressReportForm
from measures.progress_reads import contact_measure, contact_measures


def _measures():
    concept = Concept.objects.current()
    if concept is None:
        return Measure.objects.none()
    return Measure.objects.for_concept(concept)


@never_cache
@login_required
def contact_measure_list(request):
    measures = list(contact_measures(request.user, _measures()))
    return render(
        request,
        "accounts/contact_measure_list.html",
        {"measures": measures, "review_required": review_required()},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def progress_create(request, number: int):
    measure = contact_measure(request.user, _measures(), number)
    if measure is None:
        raise Http404(_("Für diese Maßnahme melden Sie keinen Fortschritt."))
    indicators = list(measure.indicators.all())
    contact = measure.own_contacts[0]
    form = ProgressReportForm(
        request.POST if request.method == "POST" else None,
        indicators=indicators,
        initial={"status": measure.status},
    )
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                update = progress_report(
                    contact=contact,
                    status=data["status"],
                    note=data["note"],
                    date=data["date"],
                    values=form.values(),
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                if update.review == ReviewState.PENDING:
                    messages.success(
                        request,
                        _(
                            "Danke! Ihre Meldung ist gespeichert. Sie erscheint auf der Seite der "
                            "Maßnahme, sobald die Integrationsbeauftragte sie geprüft hat."
                        ),
                    )
                else:
                    messages.success(
                        request, _("Danke! Ihre Meldung ist gespeichert und veröffentlicht.")
                    )
                return redirect("accounts:contact-measure-list")
    context = {
        "measure": measure,
        "contact": contact,
        "form": form,
        "indicators": indicators,
        "review_required": review_required(),
    }
    return render(request, "accounts/progress_form.html", context, status=status)
