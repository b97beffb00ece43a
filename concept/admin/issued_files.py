"""The register of files issued for frozen versions."""

from __future__ import annotations

from django.contrib import admin

from concept.models import IssuedFile
from minden_integration.core.admin_helpers import RegisterAdminMixin


@admin.register(IssuedFile)
class IssuedFileAdmin(RegisterAdminMixin, admin.ModelAdmin):
    """The register of issued files: written once by `concept.issuing`, never edited."""

    list_display = ("version", "document", "format", "size", "sha256", "created_at")
    list_filter = ("document", "format", ("version", admin.RelatedOnlyFieldListFilter))
    search_fields = ("sha256", "sha512")
    list_select_related = ("version",)
    date_hierarchy = "created_at"
