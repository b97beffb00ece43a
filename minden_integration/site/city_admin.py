"""The admin of the city's settings (one record) and of the four explanations in Leichte
Sprache and Gebärdensprache. Imported by `admin`."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from minden_integration.core.admin_a11y import LabelledFileWidget
from minden_integration.core.admin_helpers import ServiceErrorsMixin
from minden_integration.site.city import CitySettings
from minden_integration.site.explanations import Explanation, ExplanationTopic
from minden_integration.site.forms import CitySettingsForm, ExplanationForm
from minden_integration.site.services import city_settings_save

# Django's admin leaves a file input unlabelled inside its own fieldset: the label comes back.
FILE_WIDGETS = {models.FileField: {"widget": LabelledFileWidget}}


@admin.register(CitySettings)
class CitySettingsAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    """One record: it can be added once (until then the pages show the defaults) and never
    deleted. Saving gives every concept the municipality's name (`city_settings_save`)."""

    form = CitySettingsForm
    formfield_overrides = FILE_WIDGETS
    list_display = ["__str__", "full_name", "updated_at"]
    fieldsets = [
        (
            _("Kommune"),
            {
                "fields": [
                    "designation",
                    "name",
                    "legal_form",
                    "represented_by",
                    "address",
                    "phone",
                    "email",
                    "contact_form_url",
                    "supervisory_authority",
                    "vat_id",
                ],
                "description": _(
                    "Für das Impressum (§ 5 DDG) und den Kopf jeder Seite. Leere Pflichtangaben "
                    "nennt die jeweilige Seite öffentlich als fehlend."
                ),
            },
        ),
        (
            _("Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV)"),
            {"fields": ["content_responsible", "content_responsible_address"]},
        ),
        (
            _("Datenschutz (Art. 13 DSGVO)"),
            {
                "fields": [
                    "dpo_name",
                    "dpo_contact",
                    "hosting",
                    "server_logs",
                ]
            },
        ),
        (
            _("Erklärung zur Barrierefreiheit (BITV NRW)"),
            {
                "fields": [
                    "conformity",
                    "known_barriers",
                    "statement_date",
                    "review_date",
                    "method",
                    "method_details",
                    "accessibility_contact",
                ],
                "description": _(
                    "Fehlende Videos in Gebärdensprache führt die Erklärung von selbst als "
                    "nicht barrierefreie Inhalte auf."
                ),
            },
        ),
        (
            _("Erscheinungsbild"),
            {"fields": ["logo", "logo_alt", "colour_primary", "colour_accent"]},
        ),
    ]

    @admin.display(description=_("Name"))
    def full_name(self, obj: CitySettings) -> str:
        return obj.full_name

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CitySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        city_settings_save(record=obj)


@admin.register(Explanation)
class ExplanationAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    """The four explanations BITV NRW asks for on the start page: one row per topic, none
    deleted. A topic without a row shows the built-in text and no video."""

    form = ExplanationForm
    formfield_overrides = FILE_WIDGETS
    list_display = ["topic", "has_own_text", "video_state", "duration", "updated_at"]
    fieldsets = [
        (None, {"fields": ["topic", "easy_text"]}),
        (
            _("Video in Deutscher Gebärdensprache"),
            {"fields": ["video", "captions", "duration"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return ["topic"] if obj else []

    @admin.display(description=_("Eigener Text"), boolean=True)
    def has_own_text(self, obj: Explanation) -> bool:
        return bool(obj.easy_text)

    @admin.display(description=_("Video"))
    def video_state(self, obj: Explanation) -> str:
        if obj.video:
            return format_html(
                '<a href="{}">{}</a>', obj.video.url, obj.video_filename or _("vorhanden")
            )
        return _("fehlt")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and (
            Explanation.objects.count() < len(ExplanationTopic)
        )

    def has_delete_permission(self, request, obj=None):
        return False
