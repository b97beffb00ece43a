from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Members' accounts: login, password, profile, invitations' landing page, throttling.

    One small model of its own, the member's visits to their account page (`ProfileVisit`):
    invitations and memberships belong to `workgroups`, users to `django.contrib.auth`, login
    attempts to django-axes.
    """

    name = "minden_integration.accounts"
    label = "accounts"
    verbose_name = _("Benutzerkonten")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from minden_integration.accounts.middleware import staff_session_started
        from minden_integration.core.links import portal_url
        from workgroups.services import invitation_link_register

        # Invitations are made in `workgroups`; the page that accepts them is ours.
        invitation_link_register(
            lambda token: portal_url("accounts:invitation-accept", token=token)
        )
        # A staff session's idle time counts from its sign-in.
        user_logged_in.connect(staff_session_started, dispatch_uid="accounts-staff-seen")
