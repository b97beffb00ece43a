"""The URL parameters of OParl's external lists, validated with German messages."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ELEMENTS_PER_PAGE = 100
# OParl: a client must not expect the server to honour a larger page.
MAX_ELEMENTS_PER_PAGE = 500
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
# A literal "+" that was not URL-encoded arrives as a space: "...T10:00:00 01:00".
_UNENCODED_OFFSET = re.compile(r" (\d{2}(?::?\d{2})?)$")


class OParlDateTimeField(forms.Field):
    """An ISO 8601 date-time as OParl asks for; without an offset it is local (Europe/Berlin)."""

    default_error_messages = {
        "invalid": _(
            "Bitte Datum und Uhrzeit nach ISO 8601 angeben, z. B. 2011-04-07T00:00:00+02:00."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = _UNENCODED_OFFSET.sub(r"+\1", str(value).strip())
        try:
            parsed = dt.datetime.fromisoformat(text)
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed)
            # Out of range once in UTC (year 1 with a positive offset): not a usable time.
            parsed.astimezone(dt.UTC)
        except (ValueError, OverflowError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        return parsed


class ListParamsForm(forms.Form):
    created_since = OParlDateTimeField(required=False)
    created_until = OParlDateTimeField(required=False)
    modified_since = OParlDateTimeField(required=False)
    modified_until = OParlDateTimeField(required=False)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Die Seitenzahl muss eine ganze Zahl ab 1 sein."),
            "min_value": _("Die Seitenzahl muss eine ganze Zahl ab 1 sein."),
        },
    )
    elementsPerPage = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("elementsPerPage muss eine ganze Zahl ab 1 sein."),
            "min_value": _("elementsPerPage muss eine ganze Zahl ab 1 sein."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        for field in ("created", "modified"):
            since, until = cleaned.get(f"{field}_since"), cleaned.get(f"{field}_until")
            if since and until and since > until:
                self.add_error(
                    f"{field}_until",
                    _("%(until)s liegt vor %(since)s.")
                    % {"until": f"{field}_until", "since": f"{field}_since"},
                )
        return cleaned

    @property
    def per_page(self) -> int:
        wanted = self.cleaned_data.get("elementsPerPage") or ELEMENTS_PER_PAGE
        return min(wanted, MAX_ELEMENTS_PER_PAGE)

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    @property
    def kept_params(self) -> dict[str, str]:
        """What the page links must carry on: the filters (as read) and the page size."""
        kept = {
            name: self.cleaned_data[name].isoformat()
            for name in FILTERS
            if self.cleaned_data.get(name)
        }
        if self.cleaned_data.get("elementsPerPage"):
            kept["elementsPerPage"] = str(self.per_page)
        return kept
