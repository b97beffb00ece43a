from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: settings, root URLs, roles and pages that read across apps."""

    name = "minden_integration"
    verbose_name = _("Portal")

    def ready(self):
        from concept import proposing
        from minden_integration.oparl.tombstones import tombstones_connect
        from minden_integration.participation import amendment_create_url
        from minden_integration.roles import roles_ensure_after_migrate
        from workgroups.selectors import is_member

        post_migrate.connect(roles_ensure_after_migrate, sender=self)
        # The reading view offers members the link to the portal's proposing form.
        proposing.register(may_propose=is_member, url=amendment_create_url)
        # OParl answers removed objects with `deleted: true`: deletions leave a tombstone.
        tombstones_connect()


class PortalAdminConfig(AdminConfig):
    """Django's admin with the portal's start page (`admin_site.PortalAdminSite`)."""

    default_site = "minden_integration.admin_site.PortalAdminSite"
