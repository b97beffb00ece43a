"""What every page's frame needs: the city, navigation, language links and the search box's
query."""

from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

MAIN_NAV = [
    ("concept", "concept:version-current", _("Konzept")),
    ("workgroups", "workgroups:group-list", _("Arbeitsgruppen")),
    ("measures", "measures:measure-list", _("Maßnahmen")),
    ("monitoring", "monitoring:overview", _("Umsetzung")),
    ("participate", "participate", _("Mitmachen")),
]


def _main_nav(request):
    match = getattr(request, "resolver_match", None)
    section = (match.namespace or match.url_name) if match else ""
    items = []
    for key, name, label in MAIN_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:  # an app whose pages are not wired up in this deployment
            continue
        items.append(
            {"url": url, "label": label, "active": section == key, "current": request.path == url}
        )
    return items


def _is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


# Where the site app is not installed (the bottom layers' own test settings) the frame shows
# no city: no name, coat of arms or style sheet of its own.
NO_CITY = SimpleNamespace(full_name="", sentence_name="", logo_url="", logo_alt="", css_url="")


def _city(request):
    if not apps.is_installed("minden_integration.site"):
        return NO_CITY
    from minden_integration.site.city_selectors import city_for_request

    return city_for_request(request)


def portal(request):
    # The other languages' links keep a short query string (a filtered list) but never echo
    # a long one back into every page's header.
    path = (
        request.get_full_path()
        if len(request.META.get("QUERY_STRING", "")) <= 300
        else request.path
    )
    return {
        # Read only when a template shows it (the admin's pages do not).
        "city": SimpleLazyObject(lambda: _city(request)),
        "main_nav": _main_nav(request),
        "language_links": [
            {
                "code": code,
                "name": name,
                "dir": "rtl" if get_language_info(code)["bidi"] else "ltr",
                "url": translate_url(path, code),
            }
            for code, name in settings.LANGUAGES
        ],
        "site_query": request.GET.get("q", "")[:200] if request.path.endswith("/suche/") else "",
        # Staff's way into their workplace, the admin; nobody else is shown the link.
        "staff_home_url": reverse("admin:index") if _is_staff(request) else "",
        # The lifetime of the templates' {% cache %} fragments (their keys name the content).
        "cache_seconds": settings.PORTAL_CACHE_SECONDS,
    }
