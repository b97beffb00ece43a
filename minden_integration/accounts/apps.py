from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Members' accounts: login, password, profile, invitations' landing page, throttling.

    Two small models of its own, the member's visits to their account page (`ProfileVisit`)
    and an account's failed logins (`LoginFailures`, keyed hashes only): invitations and
    memberships belong to `workgroups`, users to `django.contrib.auth`, the addresses' failed
    logins to django-axes.
    """

    name = "minden_integration.accounts"
    label = "accounts"
    verbose_name = _("Benutzerkonten")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from minden_integration.accounts import throttling
        from minden_integration.accounts.middleware import staff_session_started
        from minden_integration.accounts.retention import RULES
        from minden_integration.core.links import portal_url
        from minden_integration.core.personal_data import retention_rule_register
        from workgroups.services import invitation_link_register

        # Django's signals are the only hook into every login (the portal's and the admin's).
        user_login_failed.connect(throttling.login_failed, dispatch_uid="portal_login_failed")
        user_logged_in.connect(throttling.logged_in, dispatch_uid="portal_logged_in")

        # What it deletes after its periods (`manage.py purge_personal_data`).
        for rule in RULES:
            retention_rule_register(rule)

        # Invitations are made in `workgroups`; the page that accepts them is ours.
        invitation_link_register(
            lambda token: portal_url("accounts:invitation-accept", token=token)
        )
        # A staff session's idle time counts from its sign-in.
        user_logged_in.connect(staff_session_started, dispatch_uid="accounts-staff-seen")
