"""Downloads and the authenticity check. Included at the root (their paths span several
address spaces), so they carry their own namespace."""

from django.urls import path

from concept import authenticity, export_views

app_name = "exports"

# Cited in council papers and OParl: the paths must not change.
urlpatterns = [
    path(
        "konzept/v<int:number>/download/<str:fmt>/",
        export_views.version_download,
        name="version-download",
    ),
    path(
        "konzept/v<int:number>/synopse/download/<str:fmt>/",
        export_views.synopsis_download,
        name="synopsis-download",
    ),
    path(
        "konzept/v<int:number>/beschlossene-fassung/download/<str:fmt>/",
        export_views.resolution_download,
        name="resolution-download",
    ),
    path("dateien/<int:pk>/", export_views.issued_file_download, name="issued-file"),
    path("echtheit/", authenticity.authenticity_check, name="authenticity"),
]
