from django.urls import path

from measures import views

app_name = "measures"

urlpatterns = [
    path("", views.MeasureListView.as_view(), name="measure-list"),
    path("export.csv", views.MeasureCsvView.as_view(), name="measure-csv"),
    # Cited in council papers: the path must not change.
    path("daten/<str:fmt>/", views.opendata_download, name="opendata-download"),
    path(
        "daten/<str:table>/<str:fmt>/",
        views.opendata_table_download,
        name="opendata-table-download",
    ),
    path("<int:number>/", views.MeasureDetailView.as_view(), name="measure-detail"),
]
