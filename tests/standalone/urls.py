"""The concept's own pages and downloads, and the admin, without the site apps. The page frame
links to the site's pages; here those names answer with a plain placeholder."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.i18n import set_language


def elsewhere(request, *args, **kwargs):
    return HttpResponse("Diese Seite gehört zu einer App, die hier nicht installiert ist.")


frame = [
    path("", elsewhere, name="home"),
    path("suche/", elsewhere, name="search"),
    path("impressum/", elsewhere, name="imprint"),
    path("datenschutz/", elsewhere, name="privacy"),
    path("leichte-sprache/", elsewhere, name="easy-language"),
    path("gebaerdensprache/", elsewhere, name="sign-language"),
    path("barrierefreiheit/", elsewhere, name="accessibility"),
]
accounts = (
    [
        path("anmelden/", elsewhere, name="login"),
        path("abmelden/", elsewhere, name="logout"),
        path("", elsewhere, name="profile"),
    ],
    "accounts",
)

urlpatterns = [path("i18n/setlang/", set_language, name="set_language")]
urlpatterns += i18n_patterns(
    *frame,
    path("konto/", include(accounts)),
    path("", include("concept.export_urls")),
    path("konzept/", include("concept.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
