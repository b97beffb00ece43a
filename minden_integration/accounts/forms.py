"""Forms of the members' account pages; they only validate."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from workgroups.consents import CONSENT_STATEMENTS, ConsentPurpose


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        # Members sign in with their address; staff accounts have plain user names.
        label=_("E-Mail-Adresse oder Benutzername"),
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Anmeldename oder Passwort stimmen nicht. Beim Passwort kommt es auf Groß- und "
            "Kleinschreibung an."
        ),
        "inactive": _("Dieses Konto ist deaktiviert."),
    }

    def clean_username(self) -> str:
        """Members' usernames are their email addresses in lower case; an address is accepted
        in any case. Other usernames (the admin's) stay as typed."""
        username = self.cleaned_data["username"].strip()
        return username.lower() if "@" in username else username


class ConsentForm(forms.Form):
    # The declaration's wording is the one the consent record copies (`CONSENT_STATEMENTS`).
    consent_to_name = forms.BooleanField(
        label=CONSENT_STATEMENTS[ConsentPurpose.NAME_PUBLIC][0],
        required=False,
        help_text=CONSENT_STATEMENTS[ConsentPurpose.NAME_PUBLIC][1],
    )


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, ich möchte mein Konto endgültig löschen."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.")},
    )


class SecondFactorCodeForm(forms.Form):
    """The six digits the authenticator app shows."""

    code = forms.CharField(
        label=_("Code aus der App"),
        max_length=20,
        help_text=_("Sechs Ziffern; Ihre App zeigt alle 30 Sekunden einen neuen Code."),
        error_messages={"required": _("Bitte geben Sie den Code aus Ihrer App ein.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, autofocus: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if autofocus:
            self.fields["code"].widget.attrs["autofocus"] = True


class RecoveryCodeForm(forms.Form):
    """One of the ten recovery codes, when the phone is not at hand."""

    recovery_code = forms.CharField(
        label=_("Wiederherstellungscode"),
        max_length=20,
        help_text=_("Acht Zeichen, zum Beispiel abcd-2345; jeder Code gilt nur einmal."),
        error_messages={"required": _("Bitte geben Sie einen Wiederherstellungscode ein.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
