import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from minden_integration.site.models import AccessibilityFeedback, ReplyKind


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
