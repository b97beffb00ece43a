from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from minden_integration.operations import views as operations
from minden_integration.participation import views as participation
from minden_integration.site import public_media, views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("robots.txt", views.robots, name="robots"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    # The city's colours and coat of arms (Einstellungen der Kommune), the same in every language.
    path("stadt.css", views.city_css, name="city-css"),
    path("stadt-wappen/", views.city_logo, name="city-logo"),
    path("oparl/v1.1/", include("minden_integration.oparl.urls")),
    # For the load balancer and monitoring only (token or address), in every language the same.
    path("health/", operations.health, name="health"),
    # The public uploads (the sign-language videos and their captions) at their MEDIA_URL;
    # issued files are served by their own views, with their access rules.
    path(
        f"{settings.MEDIA_URL.strip('/')}/{public_media.PUBLIC_DIRECTORY}<path:name>",
        public_media.explanation_file,
        name="explanation-file",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("concept.export_urls")),
    path("konzept/", include("concept.urls")),
    path("arbeitsgruppen/", include("minden_integration.site.groups")),
    path("massnahmen/", include("measures.urls")),
    path("umsetzung/", include("minden_integration.site.monitoring_views")),
    path("umsetzung/", include("minden_integration.reports.urls")),
    path("mitmachen/", participation.participate, name="participate"),
    path("mitmachen/", include("minden_integration.participation.urls")),
    path("konto/uebersetzungen/", include("minden_integration.translations.urls")),
    path("konto/", include("minden_integration.accounts.urls")),
    path("", include("minden_integration.following.urls")),
    path("suche/", views.search, name="search"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("leichte-sprache/", views.easy_language, name="easy-language"),
    path("gebaerdensprache/", views.sign_language, name="sign-language"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler400 = "minden_integration.site.views.bad_request"
handler403 = "minden_integration.site.views.permission_denied"
handler404 = "minden_integration.site.views.page_not_found"
handler500 = "minden_integration.site.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
