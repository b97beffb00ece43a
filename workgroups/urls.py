from django.urls import path

from workgroups import views

app_name = "workgroups"

urlpatterns = [
    path("", views.GroupListView.as_view(), name="group-list"),
    path("<slug:slug>/", views.GroupDetailView.as_view(), name="group-detail"),
    path(
        "<slug:slug>/sitzungen/<int:pk>/",
        views.SessionDetailView.as_view(),
        name="session-detail",
    ),
]
