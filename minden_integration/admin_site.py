"""The admin site: Django's, with the officer's worklist and the clerk's files on its start
page."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concept.models import ConceptVersion
from concept.moderation import officer_worklist

# How many versions the clerk's block lists, newest first.
CLERK_VERSIONS = 5


class PortalAdminSite(admin.AdminSite):
    site_header = _("Integrationskonzept – Verwaltung")
    site_title = _("Integrationskonzept")
    index_title = _("Übersicht")

    def index(self, request, extra_context=None):
        """Who may act sees what waits (amendments to decide, consultations ending, versions
        waiting for a step, accepted amendments to work in); who only reads, as the clerks do,
        sees the versions whose files go into council papers."""
        context = {}
        if request.user.has_perm("concept.change_conceptversion"):
            context["worklist"] = officer_worklist()
        else:
            context["clerk_versions"] = [
                {
                    "version": version,
                    "url": reverse("concept:version-detail", args=[version.number])
                    + "#herunterladen",
                }
                for version in ConceptVersion.objects.public()
                .defer("snapshot")
                .order_by("-number")[:CLERK_VERSIONS]
            ]
            context["issued_files_url"] = reverse("admin:concept_issuedfile_changelist")
        return super().index(request, {**context, **(extra_context or {})})
