"""The public site's pages: each one of a kind, so functions."""

from django.conf import settings
from django.contrib import messages
from django.contrib.sitemaps.views import sitemap as sitemap_response
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from minden_integration.core.generation import generation_current
from minden_integration.site.forms import AccessibilityFeedbackForm
from minden_integration.site.models import Page, PageSlug
from minden_integration.site.notifications import ombudsstelle
from minden_integration.site.search import site_search
from minden_integration.site.selectors import home_context
from minden_integration.site.services import feedback_submit
from minden_integration.site.sitemaps import SITEMAPS


def home(request):
    return render(request, "home.html", home_context())


def page(request, slug):
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, slug=slug)})


@require_http_methods(["GET", "POST"])
def accessibility(request):
    statement = Page.objects.filter(slug=PageSlug.ACCESSIBILITY).first()
    form = AccessibilityFeedbackForm(request.POST or None)
    context = {"page": statement, "form": form, "ombudsstelle": ombudsstelle()}
    if request.method == "POST":
        if form.is_valid():
            feedback_submit(**form.cleaned_data)
            messages.success(
                request, _("Vielen Dank! Ihre Rückmeldung ist eingegangen und wird bearbeitet.")
            )
            return redirect("accessibility")
        return render(request, "pages/accessibility.html", context, status=400)
    return render(request, "pages/accessibility.html", context)


def search(request):
    return render(request, "search.html", site_search(request.GET.get("q", "")))


def sitemap(request):
    """It lists every measure and session, and crawlers ask often: kept under the content
    generation, so it is rebuilt once after each change."""
    key = f"sitemap:{generation_current()}:{request.get_full_path()}"
    content = cache.get(key)
    if content is None:
        response = sitemap_response(request, sitemaps=SITEMAPS)
        response.render()
        if response.status_code != 200:
            return response
        content = response.content
        cache.set(key, content, settings.PORTAL_CACHE_SECONDS)
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


def robots(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
