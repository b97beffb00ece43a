from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: settings, root URLs, roles and pages that read across apps."""

    name = "minden_integration"
    verbose_name = _("Portal")

    def ready(self):
        from minden_integration.roles import roles_ensure_after_migrate

        post_migrate.connect(roles_ensure_after_migrate, sender=self)
