from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """The member's side of amendments: propose, edit, submit, withdraw (the officer's side is
    in `concept.admin`)."""

    name = "minden_integration.participation"
    label = "participation"
    verbose_name = _("Mitmachen")

    def ready(self):
        from concept import proposing
        from minden_integration.participation.views import amendment_create_url
        from workgroups.selectors import is_member

        # The reading view offers members the link to the portal's proposing form.
        proposing.register(may_propose=is_member, url=amendment_create_url)
