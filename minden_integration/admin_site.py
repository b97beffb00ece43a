"""The admin site: Django's, open to staff only with their second factor, with the officer's
worklist and the clerk's files on its start page, and the officer's register of processing
activities (Art. 30 DSGVO)."""

from urllib.parse import urlencode

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import ConceptVersion
from concept.moderation import officer_worklist
from minden_integration.core.processing_register import (
    NO_AUTOMATED_DECISIONS,
    NO_THIRD_COUNTRIES,
    general_measures,
    processings,
)
from minden_integration.core.roles import PERMISSION_REGISTER

REGISTER_PERMISSION = f"workgroups.{PERMISSION_REGISTER}"

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


def progress_worklist_for(user):
    """The progress updates waiting for review and the measures gone quiet, for whoever may
    review them (the officer); None where the measures app is not installed."""
    if not apps.is_installed("measures") or not user.has_perm("measures.change_progressupdate"):
        return None
    from measures.progress_reads import progress_worklist

    return progress_worklist()


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


def controller():
    """The city's settings (controller and data protection officer), where the site keeps them."""
    if not apps.is_installed("minden_integration.site"):
        return None
    from minden_integration.site.city_selectors import city_settings

    return city_settings()


def _accounts_installed() -> bool:
    """The second factor's pages belong to the accounts app (left out in the bottom layers'
    own test settings)."""
    return apps.is_installed("minden_integration.accounts")


def _is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class PortalAdminSite(admin.AdminSite):
    site_header = _("Integrationskonzept – Verwaltung")
    site_title = _("Integrationskonzept")
    index_title = _("Übersicht")

    def has_permission(self, request):
        """Staff, and only once this session has passed the second factor (django-otp)."""
        return super().has_permission(request) and _is_verified(request.user)

    def login(self, request, extra_context=None):
        """Staff signed in with their password only are led to the second factor, not shown
        the login form again."""
        user = request.user
        if user.is_active and user.is_staff and not _is_verified(user) and _accounts_installed():
            next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
            return redirect(f"{reverse('accounts:second-factor')}?{urlencode({'next': next_url})}")
        return super().login(request, extra_context)

    def get_urls(self):
        urls = [
            path(
                "verarbeitungsverzeichnis/",
                self.admin_view(self.processing_register_view),
                name="processing-register",
            ),
            *super().get_urls(),
        ]
        if not _accounts_installed():
            return urls
        from minden_integration.accounts import second_factor_admin

        return [
            path(
                "zweiter-faktor/",
                self.admin_view(second_factor_admin.staff_list),
                name="second-factor-staff",
            ),
            path(
                "zweiter-faktor/<int:pk>/zuruecksetzen/",
                self.admin_view(second_factor_admin.staff_reset),
                name="second-factor-reset",
            ),
            *urls,
        ]

    def processing_register_view(self, request):
        """The register of processing activities (Art. 30 Abs. 1 DSGVO), built from the one
        declared in code with the periods of the settings; printable. The officer's only."""
        if not request.user.has_perm(REGISTER_PERMISSION):
            raise PermissionDenied
        context = {
            **self.each_context(request),
            "title": gettext("Verzeichnis der Verarbeitungstätigkeiten (Art. 30 DSGVO)"),
            "subtitle": None,
            "city": controller(),
            "processings": processings(),
            "general_measures": general_measures(),
            "third_countries": NO_THIRD_COUNTRIES,
            "automated_decisions": NO_AUTOMATED_DECISIONS,
            "today": timezone.localdate(),
        }
        return TemplateResponse(request, "admin/processing_register.html", context)

    def index(self, request, extra_context=None):
        """Who may act sees what waits: amendments to decide, consultations ending, versions
        waiting for a step, accepted amendments to work in, progress updates to review and
        measures without one for long, and accessibility feedback to answer (§ 5 Abs. 2 BITV
        NRW). Who only reads, as the clerks do, sees the versions
        whose files go into council papers."""
        context = {}
        if _accounts_installed():
            from minden_integration.accounts.second_factor_admin import index_links

            context |= index_links(request.user)
        if request.user.has_perm("concept.change_conceptversion"):
            worklist = officer_worklist()
            feedback = open_feedback_for(request.user)
            progress = progress_worklist_for(request.user)
            context |= {
                "worklist": worklist,
                "open_feedback": feedback,
                "progress": progress,
                "nothing_waits": worklist.empty
                and not feedback
                and (progress is None or progress.empty),
            }
        else:
            context |= {
                "clerk_versions": clerk_versions(),
                "issued_files_url": reverse("admin:concept_issuedfile_changelist"),
            }
        if request.user.has_perm(REGISTER_PERMISSION):
            context["processing_register_url"] = reverse("admin:processing-register")
        return super().index(request, {**context, **(extra_context or {})})
