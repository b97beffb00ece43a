from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Members' accounts: login, password, profile, invitations' landing page, throttling.

    No models of its own: invitations and memberships belong to `workgroups`, users to
    `django.contrib.auth`, login attempts to django-axes.
    """

    name = "minden_integration.accounts"
    label = "accounts"
    verbose_name = _("Benutzerkonten")
