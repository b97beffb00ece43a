"""Members' accounts under /konto/. There is no registration: the officer invites members."""

from django.urls import path

from minden_integration.accounts import progress_views, second_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path("passwort/", views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "passwort/geaendert/",
        views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "passwort-vergessen/gesendet/",
        views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "passwort-neu/fertig/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("einladung/<str:token>/", views.invitation_accept_view, name="invitation-accept"),
    path("einwilligung/<int:pk>/", views.consent_update, name="consent-update"),
    path("auskunft/", views.personal_data, name="personal-data"),
    path("auskunft.json", views.personal_data_download, name="personal-data-download"),
    path("loeschen/", views.account_delete_view, name="account-delete"),
    # A contact's measures and their progress reports.
    path("massnahmen/", progress_views.contact_measure_list, name="contact-measure-list"),
    path(
        "massnahmen/<int:number>/fortschritt/",
        progress_views.progress_create,
        name="progress-create",
    ),
    # The second factor of staff accounts.
    path("zweiter-faktor/", second_factor_views.second_factor_verify, name="second-factor"),
    path(
        "zweiter-faktor/einrichten/",
        second_factor_views.second_factor_setup,
        name="second-factor-setup",
    ),
    path(
        "zweiter-faktor/wiederherstellungscodes/",
        second_factor_views.recovery_codes,
        name="recovery-codes",
    ),
    path("gespeicherte-eingaben/", second_factor_views.saved_forms, name="saved-forms"),
    path(
        "gespeicherte-eingaben/verwerfen/",
        second_factor_views.saved_form_drop,
        name="saved-form-drop",
    ),
]
