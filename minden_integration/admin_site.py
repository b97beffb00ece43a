"""The admin site: Django's, with the officer's worklist and the clerk's files on its start
page."""

from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concept.models import ConceptVersion
from concept.moderation import officer_worklist

# How many versions the clerk's block lists, newest first.
CLERK_VERSIONS = 5


def open_feedback_for(user) -> list:
    """The accessibility feedback waiting for a reply, for whoever may reply (the officer);
    none where the site app is not installed (the bottom layers' own test settings)."""
    if not apps.is_installed("minden_integration.site"):
        return []
    if not user.has_perm("site.change_accessibilityfeedback"):
        return []
    from minden_integration.site.selectors import open_feedback

    return open_feedback()


def clerk_versions() -> list[dict]:
    """The published versions, newest first, with the way to their files."""
    return [
        {
            "version": version,
            "url": reverse("concept:version-detail", args=[version.number]) + "#herunterladen",
        }
        for version in ConceptVersion.objects.public()
        .defer("snapshot")
        .order_by("-number")[:CLERK_VERSIONS]
    ]


class PortalAdminSite(admin.AdminSite):
    site_header = _("Integrationskonzept – Verwaltung")
    site_title = _("Integrationskonzept")
    index_title = _("Übersicht")

    def index(self, request, extra_context=None):
        """Who may act sees what waits: amendments to decide, consultations ending, versions
        waiting for a step, accepted amendments to work in, and accessibility feedback to
        answer (§ 5 Abs. 2 BITV NRW). Who only reads, as the clerks do, sees the versions
        whose files go into council papers."""
        context = {}
        if request.user.has_perm("concept.change_conceptversion"):
            worklist = officer_worklist()
            feedback = open_feedback_for(request.user)
            context |= {
                "worklist": worklist,
                "open_feedback": feedback,
                "nothing_waits": worklist.empty and not feedback,
            }
        else:
            context |= {
                "clerk_versions": clerk_versions(),
                "issued_files_url": reverse("admin:concept_issuedfile_changelist"),
            }
        return super().index(request, {**context, **(extra_context or {})})
