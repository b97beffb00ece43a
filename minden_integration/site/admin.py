from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from minden_integration.core.admin_a11y import LabelledFileWidget
from minden_integration.site.models import AccessibilityFeedback, Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    formfield_overrides = {models.FileField: {"widget": LabelledFileWidget}}
    fieldsets = [
        (None, {"fields": ["slug", "title", "body"]}),
        (_("Video in Deutscher Gebärdensprache"), {"fields": ["video", "video_captions"]}),
        (_("Nur Erklärung zur Barrierefreiheit"), {"fields": ["conformity", "statement_date"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "short_message", "page_url", "email", "handled"]
    list_filter = ["handled", "created_at"]
    search_fields = ["message", "page_url", "email", "name"]
    readonly_fields = ["message", "page_url", "name", "email", "created_at"]
    fields = ["created_at", "message", "page_url", "name", "email", "handled"]
    date_hierarchy = "created_at"

    @admin.display(description=_("Nachricht"))
    def short_message(self, obj):
        return obj.message[:80]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "handled" in form.changed_data and obj.handled:
            obj.handled_by = request.user
        super().save_model(request, obj, form, change)
