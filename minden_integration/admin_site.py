"""The admin site: Django's, with the officer's worklist on its start page."""

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from concept.moderation import officer_worklist


def open_feedback_for(user) -> list:
    """The accessibility feedback waiting for a reply, for whoever may reply (the officer);
    none where the site app is not installed (the bottom layers' own test settings)."""
    if not apps.is_installed("minden_integration.site"):
        return []
    if not user.has_perm("site.change_accessibilityfeedback"):
        return []
    from minden_integration.site.selectors import open_feedback

    return open_feedback()


class PortalAdminSite(admin.AdminSite):
    site_header = _("Integrationskonzept – Verwaltung")
    site_title = _("Integrationskonzept")
    index_title = _("Übersicht")

    def index(self, request, extra_context=None):
        """What waits: amendments to decide, consultations ending, versions waiting for a
        body's decision, accepted amendments to work in, and accessibility feedback to answer
        (§ 5 Abs. 2 BITV NRW)."""
        worklist = officer_worklist()
        feedback = open_feedback_for(request.user)
        context = {
            "worklist": worklist,
            "open_feedback": feedback,
            "nothing_waits": worklist.empty and not feedback,
            **(extra_context or {}),
        }
        return super().index(request, context)
