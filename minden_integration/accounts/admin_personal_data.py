"""The officer's report of Art. 15 DSGVO in the admin: „Auskunft (Art. 15)“ on a member's
account and on a membership, also of a participant without an account. Only who holds
`workgroups.dsgvo_report` (the officer, and superusers) produces it, never the clerks; each
report produced is logged on the object (who, when)."""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext

from minden_integration.accounts.personal_data import (
    PersonalDataReport,
    personal_data_response,
)
from minden_integration.core.roles import PERMISSION_REPORT

REPORT_PERMISSION = f"workgroups.{PERMISSION_REPORT}"


def can_report(request: HttpRequest) -> bool:
    return request.user.has_perm(REPORT_PERMISSION)


class PersonalDataReportMixin:
    """Adds `<id>/auskunft/` (the readable report) and `<id>/auskunft.json` (the copy) to a
    ModelAdmin, and the object tool linking to them. The admin says whom an object's report
    is about (`personal_data_report`) and whether the requester may see it (`check_object`)."""

    report_template = "admin/accounts/personal_data.html"

    def personal_data_report(self, obj) -> PersonalDataReport:
        raise NotImplementedError

    def check_object_id(self, request: HttpRequest, object_id: str) -> None:
        """Refuse (PermissionDenied) before the object is looked up, where the admin refuses
        rather than hides."""

    def check_object(self, request: HttpRequest, obj) -> None:
        """Refuse (PermissionDenied) where the object is not the requester's to report on."""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/auskunft/",
                self.admin_site.admin_view(self.personal_data_view),
                name=f"{name}_personal_data",
            ),
            path(
                "<path:object_id>/auskunft.json",
                self.admin_site.admin_view(self.personal_data_download_view),
                name=f"{name}_personal_data_download",
            ),
            *super().get_urls(),
        ]

    def _report_object(self, request: HttpRequest, object_id: str):
        if not can_report(request):
            raise PermissionDenied
        self.check_object_id(request, unquote(object_id))
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        self.check_object(request, obj)
        return obj

    def _log(self, request: HttpRequest, obj, message: str) -> None:
        self.log_change(request, obj, message)

    def personal_data_view(self, request: HttpRequest, object_id: str):
        obj = self._report_object(request, object_id)
        report = self.personal_data_report(obj)
        self._log(request, obj, gettext("Auskunft nach Art. 15 DSGVO angesehen."))
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Auskunft nach Art. 15 DSGVO: %(object)s") % {"object": obj},
            "subtitle": None,
            "opts": opts,
            "app_label": opts.app_label,
            "original": obj,
            "report": report,
            "download_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_personal_data_download",
                args=[obj.pk],
            ),
        }
        return TemplateResponse(request, self.report_template, context)

    def personal_data_download_view(self, request: HttpRequest, object_id: str):
        obj = self._report_object(request, object_id)
        report = self.personal_data_report(obj)
        self._log(request, obj, gettext("Kopie nach Art. 15 DSGVO heruntergeladen."))
        return personal_data_response(report)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if can_report(request):
            opts = self.model._meta
            extra_context["personal_data_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_personal_data",
                args=[unquote(object_id)],
            )
        return super().change_view(request, object_id, form_url, extra_context)
