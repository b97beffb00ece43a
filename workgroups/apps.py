from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Arbeitsgruppen")

    def ready(self):
        from concept import events
        from workgroups.notifications import (
            members_notify_consultation_ended_early,
            members_notify_consultation_opened,
        )

        events.register("workgroups-members", members_notify_consultation_opened)
        events.register_consultation_ended_early(
            "workgroups-members", members_notify_consultation_ended_early
        )
