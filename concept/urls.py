from django.urls import path, re_path

from concept import translation_views, views

app_name = "concept"

# The paths are cited in council papers: they must not change.
urlpatterns = [
    path("", views.version_current, name="version-current"),
    path("versionen/", views.version_list, name="version-list"),
    path("vergleich/", views.version_compare, name="version-compare"),
    path("v<int:number>/", views.version_detail, name="version-detail"),
    path("v<int:number>/vorschlaege/", views.amendment_list, name="amendment-list"),
    path("v<int:number>/synopse/", views.version_synopsis, name="version-synopsis"),
    # A non-binding translation of a version, by Django language code (/konzept/v1/tr/).
    re_path(
        r"^v(?P<number>[0-9]{1,9})/(?P<lang>[a-z]{2,3}(?:-[a-z0-9]+)?)/$",
        translation_views.version_translation,
        name="version-translation",
    ),
]
