from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Arbeitsgruppen")

    def ready(self):
        from concept import events
        from workgroups.services import members_notify_consultation_opened

        events.register("workgroups-members", members_notify_consultation_opened)
