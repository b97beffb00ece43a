from django.urls import path

from concept import views

app_name = "concept"

# The paths are cited in council papers: they must not change.
urlpatterns = [
    path("", views.version_current, name="version-current"),
    path("versionen/", views.version_list, name="version-list"),
    path("vergleich/", views.version_compare, name="version-compare"),
    path("v<int:number>/", views.version_detail, name="version-detail"),
    path("v<int:number>/vorschlaege/", views.amendment_list, name="amendment-list"),
    path("v<int:number>/synopse/", views.version_synopsis, name="version-synopsis"),
]
