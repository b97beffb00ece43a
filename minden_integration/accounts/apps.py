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
        from minden_integration.accounts.retention import RULES
        from minden_integration.core.links import portal_url
        from minden_integration.core.personal_data import retention_rule_register
        from workgroups.services import invitation_link_register

        # What it deletes after its periods (`manage.py purge_personal_data`).
        for rule in RULES:
            retention_rule_register(rule)

        # Invitations are made in `workgroups`; the page that accepts them is ours.
        invitation_link_register(
            lambda token: portal_url("accounts:invitation-accept", token=token)
        )
