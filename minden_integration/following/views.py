"""The subscription pages. Opening a link from a mail changes nothing: the confirmation and
the unsubscribe page each show a button that POSTs. The unsubscribe address also takes the
one-click POST of RFC 8058 from mail programs, without a CSRF token: the signed token in the
address is the authority. No page shows the address."""

from __future__ import annotations

import math

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as lazy
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from concept.models import Concept
from measures.models import Measure
from minden_integration.core.limits import client_ip, rate_hit
from minden_integration.following.forms import SubscribeForm
from minden_integration.following.services import (
    Outcome,
    subscription_cancel,
    subscription_confirm,
    subscription_find,
    subscription_request,
)
from minden_integration.following.tokens import (
    TokenError,
    TokenProblem,
    confirm_key,
    unsubscribe_key,
)
from workgroups.models import WorkingGroup


def _subject(slug: str | None, number: int | None):
    concept = Concept.objects.current()
    if concept is None:
        raise Http404
    if slug is not None:
        group = get_object_or_404(WorkingGroup, concept=concept, slug=slug)
        label = _("Arbeitsgruppe „%(name)s“") % {"name": group.name}
        return concept, group, None, label, group.get_absolute_url()
    if number is not None:
        measure = get_object_or_404(Measure, concept=concept, number=number)
        label = _("Maßnahme %(number)s: %(title)s") % {
            "number": measure.number,
            "title": measure.title,
        }
        return concept, None, measure, label, measure.get_absolute_url()
    label = _("Integrationskonzept „%(title)s“") % {"title": concept.title}
    return concept, None, None, label, reverse("home")


def _limited(request, form, context, verdict):
    minutes = max(1, math.ceil(verdict.retry_after / 60))
    form.add_error(
        None,
        ngettext(
            "Es wurden in kurzer Zeit zu viele Anmeldungen gesendet. Bitte versuchen Sie es "
            "in einer Minute noch einmal.",
            "Es wurden in kurzer Zeit zu viele Anmeldungen gesendet. Bitte versuchen Sie es "
            "in %(minutes)d Minuten noch einmal.",
            minutes,
        )
        % {"minutes": minutes},
    )
    response = render(request, "following/subscribe.html", context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request, slug: str | None = None, number: int | None = None):
    concept, group, measure, label, back_url = _subject(slug, number)
    form = SubscribeForm(request.POST or None)
    context = {
        "form": form,
        "subject_label": label,
        "back_url": back_url,
        "unconfirmed_days": _unconfirmed_days(),
    }
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "following/subscribe.html", context, status=400)
        email = form.cleaned_data["email"].strip().lower()
        # Per connection, and per address: the form must not serve to flood a mailbox.
        for scope, key in (("subscribe", client_ip(request)), ("subscribe-address", email)):
            verdict = rate_hit(scope=scope, key=key)
            if not verdict.allowed:
                return _limited(request, form, context, verdict)
        subscription_request(email=email, concept=concept, working_group=group, measure=measure)
        return redirect("following:subscribe-sent")
    return render(request, "following/subscribe.html", context)


def subscribe_sent(request):
    return render(
        request, "following/subscribe_sent.html", {"unconfirmed_days": _unconfirmed_days()}
    )


def _unconfirmed_days() -> int:
    return settings.PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS


PROBLEMS = {
    # (status, title, text)
    TokenProblem.ALTERED: (
        400,
        lazy("Dieser Link ist ungültig"),
        lazy(
            "Der Link ist unvollständig oder verändert. Bitte öffnen Sie ihn direkt aus der "
            "E-Mail oder kopieren Sie ihn vollständig in die Adresszeile."
        ),
    ),
    TokenProblem.EXPIRED: (
        410,
        lazy("Dieser Link ist abgelaufen"),
        lazy(
            "Der Link gilt nicht mehr. Es wurde nichts geändert. Bitte verwenden Sie den Link "
            "aus der neuesten E-Mail oder melden Sie sich erneut an."
        ),
    ),
}


def _problem(request, status: int, title, text):
    response = render(
        request,
        "following/link_problem.html",
        {"problem_title": title, "problem_text": text},
        status=status,
    )
    return response


def _token_problem(request, error: TokenError):
    return _problem(request, *PROBLEMS[error.problem])


def _gone(request):
    return _problem(
        request,
        410,
        _("Diese Anmeldung besteht nicht mehr"),
        _(
            "Die Benachrichtigungen sind bereits abbestellt, oder die Anmeldung wurde nicht "
            "rechtzeitig bestätigt und ist gelöscht. Es wurde nichts geändert."
        ),
    )


def _already_confirmed(request):
    return _problem(
        request,
        409,
        _("Diese Anmeldung ist bereits bestätigt"),
        _(
            "Der Link wurde schon verwendet. Es wurde nichts geändert; Sie erhalten die "
            "Zusammenfassungen weiterhin an die angegebene Adresse."
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    try:
        key = confirm_key(token)
    except TokenError as error:
        return _token_problem(request, error)
    subscription = subscription_find(key)
    if subscription is None:
        return _gone(request)
    if subscription.is_confirmed:
        return _already_confirmed(request)
    context = {
        "subject_label": subscription.subject_label,
        "token": token,
        "unconfirmed_days": _unconfirmed_days(),
    }
    if request.method == "POST":
        outcome = subscription_confirm(key=key)
        if outcome is Outcome.UNKNOWN:
            return _gone(request)
        if outcome is Outcome.ALREADY:
            return _already_confirmed(request)
        return render(request, "following/confirmed.html", context)
    return render(request, "following/confirm.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        key = unsubscribe_key(token)
    except TokenError as error:
        return _token_problem(request, error)
    subscription = subscription_find(key)
    if subscription is None:
        return _gone(request)
    context = {"subject_label": subscription.subject_label, "token": token}
    if request.method == "POST":
        if subscription_cancel(key=key) is Outcome.UNKNOWN:
            return _gone(request)
        return render(request, "following/unsubscribed.html", context)
    return render(request, "following/unsubscribe.html", context)
