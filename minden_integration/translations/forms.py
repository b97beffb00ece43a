"""The form a translator fills in for one section; it only validates (the service writes)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from concept.models import TEXT_MAX


class SectionTranslationForm(forms.Form):
    title = forms.CharField(
        label=_("Überschrift"),
        max_length=300,
        error_messages={"required": _("Bitte geben Sie die übersetzte Überschrift ein.")},
    )
    body = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        max_length=TEXT_MAX * 10,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    easy_language_summary = forms.CharField(
        label=_("Zusammenfassung in Leichter Sprache"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    seen_updated_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        if language is not None:
            for name in ("title", "body", "easy_language_summary"):
                self.fields[name].widget.attrs.update(
                    {"lang": language.code, "dir": language.direction}
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class MeasureTranslationForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        error_messages={"required": _("Bitte geben Sie den übersetzten Titel ein.")},
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=TEXT_MAX * 10,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    seen_updated_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        if language is not None:
            for name in ("title", "description"):
                self.fields[name].widget.attrs.update(
                    {"lang": language.code, "dir": language.direction}
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
