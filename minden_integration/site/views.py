"""The public site's pages: each one of a kind, so functions."""

import datetime as dt
import math
from email.utils import parseaddr

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import condition, require_http_methods, require_safe

from minden_integration.core.generation import generation_current
from minden_integration.core.limits import client_ip, rate_hit
from minden_integration.site.city_selectors import (
    city_for_request,
    explanations_context,
    imprint_context,
    privacy_context,
    statement_context,
)
from minden_integration.site.colours import stylesheet_version
from minden_integration.site.forms import AccessibilityFeedbackForm
from minden_integration.site.notifications import ombudsstelle
from minden_integration.site.search import site_search
from minden_integration.site.selectors import home_context
from minden_integration.site.services import feedback_submit
from minden_integration.site.sitemaps import sitemap_xml
from minden_integration.site.uploads import logo_content_type


def home(request):
    return render(request, "home.html", home_context())


def imprint(request):
    return render(request, "pages/imprint.html", imprint_context(city_for_request(request)))


def privacy(request):
    return render(request, "pages/privacy.html", privacy_context(city_for_request(request)))


def easy_language(request):
    context = explanations_context(city_for_request(request))
    return render(request, "pages/easy_language.html", context)


def sign_language(request):
    context = explanations_context(city_for_request(request))
    return render(request, "pages/sign_language.html", context)


@require_http_methods(["GET", "POST"])
def accessibility(request):
    form = AccessibilityFeedbackForm(request.POST or None)
    context = statement_context(city_for_request(request)) | {
        "form": form,
        "ombudsstelle": ombudsstelle(),
    }
    if request.method == "POST":
        if form.is_valid():
            verdict = rate_hit(scope="feedback", key=client_ip(request))
            if not verdict.allowed:
                return _feedback_limited(request, form, context, verdict)
            feedback_submit(**form.cleaned_data)
            messages.success(
                request, _("Vielen Dank! Ihre Rückmeldung ist eingegangen und wird bearbeitet.")
            )
            return redirect("accessibility")
        return render(request, "pages/accessibility.html", context, status=400)
    return render(request, "pages/accessibility.html", context)


def _feedback_limited(request, form, context, verdict):
    """Too many reports from one address: the page again, the text still in the form (429)."""
    minutes = max(1, math.ceil(verdict.retry_after / 60))
    form.add_error(
        None,
        ngettext(
            "Von Ihrem Anschluss sind in kurzer Zeit schon mehrere Rückmeldungen gekommen. "
            "Bitte senden Sie Ihre Rückmeldung in einer Minute noch einmal; Ihr Text steht "
            "noch im Formular.",
            "Von Ihrem Anschluss sind in kurzer Zeit schon mehrere Rückmeldungen gekommen. "
            "Bitte senden Sie Ihre Rückmeldung in %(minutes)d Minuten noch einmal; Ihr Text "
            "steht noch im Formular.",
            minutes,
        )
        % {"minutes": minutes},
    )
    response = render(request, "pages/accessibility.html", context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


# --- the city's style sheet and coat of arms: their URLs carry a version (`?v=`), so a
# browser keeps them for a year and asks again only after a change.

LONG_CACHE = 365 * 24 * 3600
SHORT_CACHE = 300


def _versioned_cache(response, request, version: str) -> None:
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=LONG_CACHE, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=SHORT_CACHE)


def _css_etag(request) -> str:
    return stylesheet_version(city_for_request(request).stylesheet)


@condition(etag_func=_css_etag)
def city_css(request):
    """The city's colours as custom properties: a file, since the CSP allows no inline style."""
    stylesheet = city_for_request(request).stylesheet
    response = HttpResponse(stylesheet, content_type="text/css; charset=utf-8")
    _versioned_cache(response, request, stylesheet_version(stylesheet))
    return response


def _logo_etag(request) -> str | None:
    city = city_for_request(request)
    return stylesheet_version(city.logo.name) if city.logo else None


# An SVG opened on its own must not run anything, whatever slipped past the upload check.
LOGO_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"


@condition(etag_func=_logo_etag)
def city_logo(request):
    city = city_for_request(request)
    if not city.logo:
        raise Http404(_("Es ist kein Wappen hinterlegt."))
    try:
        handle = city.logo.open("rb")
    except OSError as exc:
        raise Http404(_("Es ist kein Wappen hinterlegt.")) from exc
    response = FileResponse(handle, content_type=logo_content_type(city.logo.name))
    response["Content-Security-Policy"] = LOGO_POLICY
    _versioned_cache(response, request, stylesheet_version(city.logo.name))
    return response


def search(request):
    return render(request, "search.html", site_search(request.GET.get("q", "")))


@require_safe
def sitemap(request):
    """It lists every measure and session, and crawlers ask often: kept under the content
    generation (read first), so it is rebuilt once after each change."""
    base_url = f"{request.scheme}://{request.get_host()}"
    key = f"sitemap:{generation_current()}:{base_url}"
    content = cache.get(key)
    if content is None:
        content = sitemap_xml(base_url)
        cache.set(key, content, settings.PORTAL_CACHE_SECONDS)
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


def robots(request):
    prefixes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return render(
        request,
        "robots.txt",
        {"language_prefixes": prefixes},
        content_type="text/plain; charset=utf-8",
    )


def security_contact(city) -> str:
    """PORTAL_SECURITY_CONTACT, else the city's address, else the portal's sender address."""
    explicit = settings.PORTAL_SECURITY_CONTACT
    if explicit:
        return explicit if ":" in explicit else f"mailto:{explicit}"
    address = city.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return f"mailto:{address}"


@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability. It expires
    within a year, at midnight UTC, so that it reads the same all day."""
    today = timezone.now().astimezone(dt.UTC).date()
    expires = today + dt.timedelta(days=settings.PORTAL_SECURITY_TXT_DAYS)
    lines = [
        f"Contact: {security_contact(city_for_request(request))}",
        f"Expires: {expires.isoformat()}T00:00:00Z",
        "Preferred-Languages: de, en",
        f"Canonical: {settings.PORTAL_BASE_URL}/.well-known/security.txt",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=SHORT_CACHE)
    return response


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    """500.html without the request's context (whatever failed may fail again there); and when
    even that fails, say a missing static file in the manifest, the same words without style."""
    try:
        return HttpResponseServerError(loader.get_template("500.html").render())
    except Exception:  # the error page must not fail
        pass
    title = _("Ein Fehler ist aufgetreten")
    return HttpResponseServerError(
        format_html(
            '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{} – {}</title>'
            '</head><body><main><h1>{}</h1><p>{}</p><p><a href="/">{}</a></p></main></body>'
            "</html>",
            title,
            _("Integrationskonzept"),
            title,
            _(
                "Beim Bearbeiten Ihrer Anfrage ist auf unserer Seite ein Fehler aufgetreten. "
                "Ihre Daten sind nicht verloren gegangen. Bitte versuchen Sie es später noch "
                "einmal."
            ),
            _("Zur Startseite"),
        )
    )
