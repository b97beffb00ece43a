"""The forms of a progress update: a contact's report and the officer's correction, hiding.

They only validate; `measures.progress` writes. Each indicator of the measure gets a field of
its own (`indicator_<pk>`), empty when the update says nothing about it.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import TEXT_MAX
from measures.models import Indicator, MeasureStatus

NOTE_MAX = 2000
REASON_MAX = TEXT_MAX

TOO_LONG = _(
    "Der Text ist zu lang: erlaubt sind höchstens %(limit_value)s Zeichen, "
    "Ihr Text hat %(show_value)s Zeichen."
)


def _number(value) -> str:
    return number_format(value.normalize() if value == value.to_integral() else value)


class IndicatorValuesMixin:
    """One optional number field per indicator; `values()` maps each indicator to its value."""

    def indicator_fields(self, indicators: list[Indicator], initial: dict | None = None) -> None:
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=gettext("%(name)s (in %(unit)s)")
                % {"name": indicator.name, "unit": indicator.unit},
                help_text=gettext("Ausgangswert %(baseline)s, Ziel %(target)s %(unit)s.")
                % {
                    "baseline": _number(indicator.baseline),
                    "target": _number(indicator.target),
                    "unit": indicator.unit,
                },
                required=False,
                max_digits=12,
                decimal_places=2,
                localize=True,
                initial=(initial or {}).get(indicator.pk),
                error_messages={
                    "invalid": _("Bitte geben Sie eine Zahl ein, z. B. 12 oder 12,5."),
                    "max_digits": _("Die Zahl ist zu groß."),
                    "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen angeben."),
                    "max_whole_digits": _("Die Zahl ist zu groß."),
                },
            )

    def values(self) -> dict:
        return {i: self.cleaned_data.get(f"indicator_{i.pk}") for i in self.indicators}


class ProgressReportForm(IndicatorValuesMixin, forms.Form):
    """A contact's update of one measure."""

    date = forms.DateField(
        label=_("Stand vom"),
        help_text=_("Das Datum, zu dem der Bericht gilt, z. B. 15.03.2012."),
        initial=timezone.localdate,
        localize=True,
        error_messages={
            "required": _("Bitte geben Sie das Datum an."),
            "invalid": _("Bitte geben Sie ein Datum im Format TT.MM.JJJJ an."),
        },
    )
    status = forms.ChoiceField(
        label=_("Umsetzungsstand"),
        choices=MeasureStatus.choices,
        error_messages={
            "required": _("Bitte wählen Sie den Umsetzungsstand."),
            "invalid_choice": _("Bitte wählen Sie einen der angebotenen Umsetzungsstände."),
        },
    )
    note = forms.CharField(
        label=_("Kurzer Bericht"),
        help_text=_(
            "Was ist geschehen? Der Bericht wird mit Ihrer Organisation veröffentlicht, nie mit "
            "Ihrem Namen."
        ),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Bitte schreiben Sie einen kurzen Bericht."),
            "max_length": TOO_LONG,
        },
    )

    def __init__(self, *args, indicators: list[Indicator], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_fields(indicators)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Das Datum liegt in der Zukunft."))
        return date


class ProgressCorrectForm(IndicatorValuesMixin, forms.Form):
    """The officer's correction: what the update says, and why it was changed (public)."""

    status = forms.ChoiceField(label=_("Umsetzungsstand"), choices=MeasureStatus.choices)
    note = forms.CharField(
        label=_("Bericht"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )
    public_reason = forms.CharField(
        label=_("Öffentliche Begründung der Berichtigung"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Bitte geben Sie eine öffentliche Begründung an."),
            "max_length": TOO_LONG,
        },
    )

    def __init__(self, *args, indicators: list[Indicator], initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_fields(indicators, initial_values)


class ProgressHideForm(forms.Form):
    public_reason = forms.CharField(
        label=_("Öffentliche Begründung"),
        help_text=_("Erscheint auf der Seite der Maßnahme anstelle der Meldung."),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Bitte geben Sie eine öffentliche Begründung an."),
            "max_length": TOO_LONG,
        },
    )
