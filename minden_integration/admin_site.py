"""The admin site: Django's, with the officer's worklist on its start page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from concept.moderation import officer_worklist


class PortalAdminSite(admin.AdminSite):
    site_header = _("Integrationskonzept – Verwaltung")
    site_title = _("Integrationskonzept")
    index_title = _("Übersicht")

    def index(self, request, extra_context=None):
        """What waits: amendments to decide, consultations ending, versions waiting for a
        body's decision, accepted amendments to work in."""
        context = {"worklist": officer_worklist(), **(extra_context or {})}
        return super().index(request, context)
