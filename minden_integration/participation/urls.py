from django.urls import path

from minden_integration.participation import views as participation

app_name = "participation"

# Under /mitmachen/ (the page "participate" itself stays there).
urlpatterns = [
    path(
        "abschnitt/<int:section_id>/vorschlag/",
        participation.AmendmentCreateView.as_view(),
        name="amendment-create",
    ),
    path("vorschlaege/", participation.AmendmentListView.as_view(), name="amendment-list"),
    path(
        "vorschlaege/<int:pk>/",
        participation.AmendmentEditView.as_view(),
        name="amendment-edit",
    ),
    path(
        "vorschlaege/<int:pk>/einreichen/",
        participation.AmendmentSubmitView.as_view(),
        name="amendment-submit",
    ),
    path(
        "vorschlaege/<int:pk>/zurueckziehen/",
        participation.AmendmentWithdrawView.as_view(),
        name="amendment-withdraw",
    ),
]
