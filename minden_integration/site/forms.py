import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from minden_integration.site.colours import validate_colour
from minden_integration.site.models import (
    AccessibilityFeedback,
    CitySettings,
    Explanation,
    ExplanationTopic,
    ReplyKind,
)


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


class FeedbackReplyForm(forms.Form):
    """The officer's reply to a feedback: only validates; `feedback_reply` decides and sends."""

    kind = forms.ChoiceField(
        label=_("Art"),
        choices=ReplyKind.choices,
        initial=ReplyKind.ANSWER,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie: Zwischennachricht oder Antwort."),
            "invalid_choice": _("Bitte wählen Sie: Zwischennachricht oder Antwort."),
        },
    )
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=settings.PORTAL_TEXT_MAX_LENGTH,
        help_text=_(
            "Der Hinweis auf die Ombudsstelle für barrierefreie Informationstechnik wird "
            "automatisch angefügt."
        ),
        error_messages={
            "required": _("Bitte schreiben Sie den Text der Antwort."),
            "max_length": _("Bitte fassen Sie sich kürzer (höchstens %(limit_value)d Zeichen)."),
        },
    )
    answer_by = forms.DateField(
        label=_("Abschließende Antwort bis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Nur bei einer Zwischennachricht: bis wann die Person die abschließende Antwort "
            "erhält. Die Zwischennachricht nennt dieses Datum."
        ),
        error_messages={"invalid": _("Bitte geben Sie ein gültiges Datum ein.")},
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["answer_by"].initial = today + dt.timedelta(
            days=settings.ACCESSIBILITY_FEEDBACK_INTERIM_DAYS
        )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Bitte schreiben Sie den Text der Antwort."))
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != ReplyKind.INTERIM:
            cleaned["answer_by"] = None
            return cleaned
        answer_by = cleaned.get("answer_by")
        if answer_by is None and "answer_by" not in self.errors:
            self.add_error(
                "answer_by",
                _("Eine Zwischennachricht nennt, bis wann die abschließende Antwort kommt."),
            )
        elif answer_by is not None and answer_by <= self.today:
            self.add_error("answer_by", _("Das Datum muss nach dem heutigen Tag liegen."))
        return cleaned


class CitySettingsForm(forms.ModelForm):
    """The city's settings; a colour below 4.5:1 against white is refused here, and again by
    the model (`validate_colour`)."""

    class Meta:
        model = CitySettings
        fields = [
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
            "content_responsible",
            "content_responsible_address",
            "dpo_name",
            "dpo_contact",
            "hosting",
            "server_logs",
            "conformity",
            "known_barriers",
            "statement_date",
            "review_date",
            "method",
            "method_details",
            "accessibility_contact",
            "logo",
            "logo_alt",
            "colour_primary",
            "colour_accent",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "supervisory_authority": forms.Textarea(attrs={"rows": 3}),
            "content_responsible_address": forms.Textarea(attrs={"rows": 3}),
            "dpo_contact": forms.Textarea(attrs={"rows": 3}),
            "hosting": forms.Textarea(attrs={"rows": 3}),
            "server_logs": forms.Textarea(attrs={"rows": 3}),
            "known_barriers": forms.Textarea(attrs={"rows": 6}),
            "accessibility_contact": forms.Textarea(attrs={"rows": 3}),
            "statement_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "colour_primary": forms.TextInput(attrs={"size": 8, "spellcheck": "false"}),
            "colour_accent": forms.TextInput(attrs={"size": 8, "spellcheck": "false"}),
        }

    def _clean_colour(self, name: str) -> str:
        value = (self.cleaned_data.get(name) or "").strip().lower()
        validate_colour(value)
        return value

    def clean_colour_primary(self) -> str:
        return self._clean_colour("colour_primary")

    def clean_colour_accent(self) -> str:
        return self._clean_colour("colour_accent")


class ExplanationForm(forms.ModelForm):
    """One explanation; a new row offers only the topics that have none yet."""

    class Meta:
        model = Explanation
        fields = ["topic", "easy_text", "video", "captions", "duration"]
        widgets = {"easy_text": forms.Textarea(attrs={"rows": 12})}
        error_messages = {
            "duration": {"invalid": _("Bitte geben Sie die Dauer als Minuten:Sekunden an.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "topic" in self.fields:
            taken = set(Explanation.objects.values_list("topic", flat=True))
            self.fields["topic"].choices = [
                (value, label) for value, label in ExplanationTopic.choices if value not in taken
            ]
