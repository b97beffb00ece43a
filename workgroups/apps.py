from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Arbeitsgruppen")

    def ready(self):
        from concept import events
        from minden_integration.core.personal_data import retention_rule_register
        from workgroups.notifications import (
            members_notify_consultation_ended_early,
            members_notify_consultation_opened,
        )
        from workgroups.retention import RULES

        events.register("workgroups-members", members_notify_consultation_opened)
        events.register_consultation_ended_early(
            "workgroups-members", members_notify_consultation_ended_early
        )
        for rule in RULES:
            retention_rule_register(rule)
