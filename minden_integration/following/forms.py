from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    """Only validates: `subscription_request` records and sends."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        help_text=_(
            "Sie erhalten zuerst eine E-Mail mit einem Link zur Bestätigung. Erst danach "
            "senden wir Ihnen höchstens einmal pro Woche eine Zusammenfassung."
        ),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein."),
            "max_length": _("Diese E-Mail-Adresse ist zu lang."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
