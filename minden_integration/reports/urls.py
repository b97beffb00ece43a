from django.urls import path

from minden_integration.reports import views

app_name = "reports"

# Under /umsetzung/: the annual reports. Cited in council papers: the paths must not change.
urlpatterns = [
    path("berichte/", views.report_list, name="report-list"),
    path("bericht/<int:year>/", views.report_detail, name="report-detail"),
    path("bericht/<int:year>/fassung/<int:edition>/", views.report_edition, name="report-edition"),
    path(
        "bericht/<int:year>/fassung/<int:edition>/download/<str:fmt>/",
        views.report_download,
        name="report-download",
    ),
]
