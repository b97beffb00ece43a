from django import forms
from django.utils.translation import gettext_lazy as _

from minden_integration.site.models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_url", "name", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "page_url": _("Adresse oder Name der Seite, auf der Sie eine Barriere bemerkt haben."),
            "name": _("Freiwillig."),
            "email": _("Freiwillig; nur wenn Sie eine Antwort wünschen."),
        }
        error_messages = {
            "message": {
                "required": _("Bitte beschreiben Sie die Barriere."),
                "max_length": _("Bitte fassen Sie sich kürzer (höchstens 5.000 Zeichen)."),
            },
            "email": {"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")},
        }

    def clean_message(self):
        message = self.cleaned_data["message"].replace("\x00", "").strip()
        if not message:
            raise forms.ValidationError(_("Bitte beschreiben Sie die Barriere."))
        return message
