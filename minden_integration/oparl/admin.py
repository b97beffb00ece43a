from django.contrib import admin

from minden_integration.core.admin_helpers import RegisterAdminMixin
from minden_integration.oparl.models import OParlTombstone


@admin.register(OParlTombstone)
class OParlTombstoneAdmin(RegisterAdminMixin, admin.ModelAdmin):
    """Read-only: the OParl endpoint's record of removed objects, written on deletion."""

    list_display = ["deleted_at", "kind", "object_pk", "label"]
    list_filter = ["kind", "deleted_at"]
    search_fields = ["label"]
    date_hierarchy = "deleted_at"
