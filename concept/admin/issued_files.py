"""The register of files issued for frozen versions."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from concept.issuing import document_keys, document_label
from concept.models import IssuedFile, RenderedFile
from minden_integration.core.admin_helpers import RegisterAdminMixin


class DocumentFilter(admin.SimpleListFilter):
    """The registered documents by name (the column stores their keys)."""

    title = _("Dokument")
    parameter_name = "document"

    def lookups(self, request, model_admin):
        return [(key, document_label(key)) for key in document_keys()]

    def queryset(self, request, queryset):
        return queryset.filter(document=self.value()) if self.value() else queryset


@admin.register(IssuedFile)
class IssuedFileAdmin(RegisterAdminMixin, admin.ModelAdmin):
    """The register of issued files: written once by `concept.issuing`, never edited."""

    list_display = ("version", "document_column", "format", "size", "sha256", "created_at")
    list_filter = (
        DocumentFilter,
        "format",
        ("version", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("sha256", "sha512")
    list_select_related = ("version",)
    date_hierarchy = "created_at"

    @admin.display(description=_("Dokument"), ordering="document")
    def document_column(self, obj: IssuedFile) -> str:
        return document_label(obj.document)


@admin.register(RenderedFile)
class RenderedFileAdmin(RegisterAdminMixin, admin.ModelAdmin):
    """The live documents' renderings (`concept.live_files`): a cache the task worker fills,
    shown so that operations can see a render that is waiting or failed."""

    list_display = (
        "version",
        "document",
        "format",
        "language",
        "generation",
        "claimed_at",
        "rendered_at",
        "size",
    )
    list_filter = ("document", "format", ("version", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("version",)
    exclude = ("params",)
