from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project package: settings, root URLs, the roles, and the migrations history of the
    tables that moved into the site apps."""

    name = "minden_integration"
    verbose_name = _("Portal")

    def ready(self):
        from minden_integration.roles import roles_ensure_after_migrate

        post_migrate.connect(roles_ensure_after_migrate, dispatch_uid="portal-roles")


class PortalAdminConfig(AdminConfig):
    """Django's admin with the portal's start page (`admin_site.PortalAdminSite`)."""

    default_site = "minden_integration.admin_site.PortalAdminSite"
