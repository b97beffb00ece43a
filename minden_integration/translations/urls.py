from django.urls import path, re_path

from minden_integration.translations import measure_views, views

app_name = "translations"

LANG = r"(?P<lang>[a-z]{2,3}(?:-[a-z0-9]+)?)"

# Under /konto/uebersetzungen/.
urlpatterns = [
    path("", views.overview, name="overview"),
    re_path(rf"^massnahmen/{LANG}/$", measure_views.measure_list, name="measure-list"),
    re_path(
        rf"^massnahmen/{LANG}/(?P<number>[0-9]{{1,9}})/$",
        measure_views.measure_edit,
        name="measure-edit",
    ),
    re_path(rf"^v(?P<number>[0-9]{{1,9}})/{LANG}/$", views.section_list, name="section-list"),
    re_path(rf"^v(?P<number>[0-9]{{1,9}})/{LANG}/ausstellen/$", views.issue, name="issue"),
    re_path(
        rf"^v(?P<number>[0-9]{{1,9}})/{LANG}/(?P<key>[-a-zA-Z0-9_]+)/$",
        views.section_edit,
        name="section-edit",
    ),
]
