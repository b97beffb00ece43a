"""The form of the authenticity check: a file, or a checksum (whole or its first characters)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concept.issuing import PREFIX_MIN_LENGTH, SHA256_LENGTH, SHA512_LENGTH
from concept.upload_handlers import MAX_UPLOAD_BYTES

HEX = re.compile(r"[0-9a-f]+")
CHECKSUM_MAX_INPUT = 200
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)


class AuthenticityForm(forms.Form):
    """`upload_too_large`: the upload handler stopped the file past the limit, so it is missing
    from the data and the form says why."""

    datei = forms.FileField(
        label=_("Datei"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt,.json,.csv,.xlsx"}),
        error_messages={
            "empty": _("Die hochgeladene Datei ist leer."),
            "invalid": _("Die Datei konnte nicht gelesen werden. Bitte laden Sie sie erneut hoch."),
        },
    )
    pruefsumme = forms.CharField(
        label=_("oder Prüfsumme"),
        required=False,
        max_length=CHECKSUM_MAX_INPUT,
        help_text=_(
            "Die SHA-256-Prüfsumme einer Datei (64 Zeichen) oder die ersten mindestens 12 Zeichen "
            "der Prüfsumme, die in der Fußzeile jedes Dokuments steht."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "max_length": _("Eine Prüfsumme hat höchstens 128 Zeichen."),
        },
    )

    def __init__(self, *args, upload_too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_too_large = upload_too_large
        self.fields["datei"].help_text = _(
            "Eine Datei, die Sie aus diesem Portal oder aus einer Ratsvorlage haben (PDF, DOCX, "
            "ODT, JSON, CSV oder XLSX, höchstens %(limit)s MB). Sie wird nur geprüft, nicht "
            "gespeichert."
        ) % {"limit": MAX_UPLOAD_MB}

    def clean_pruefsumme(self) -> str:
        # Spaces and line breaks come with a checksum copied from a PDF's footer.
        value = "".join(self.cleaned_data["pruefsumme"].split()).lower()
        if not value:
            return ""
        if not HEX.fullmatch(value):
            raise ValidationError(
                _("Eine Prüfsumme besteht nur aus den Ziffern 0 bis 9 und den Buchstaben a bis f.")
            )
        if len(value) < PREFIX_MIN_LENGTH:
            raise ValidationError(_("Bitte geben Sie mindestens 12 Zeichen der Prüfsumme an."))
        if SHA256_LENGTH < len(value) != SHA512_LENGTH:
            raise ValidationError(
                _(
                    "Eine SHA-256-Prüfsumme hat 64 Zeichen, eine SHA-512-Prüfsumme 128. Bitte "
                    "prüfen Sie, ob beim Kopieren etwas hinzugekommen ist."
                )
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if self.upload_too_large:
            self.add_error(
                "datei",
                _(
                    "Die Datei ist größer als %(limit)s MB und wurde nicht angenommen. Die Stadt "
                    "stellt keine so großen Dateien aus."
                )
                % {"limit": MAX_UPLOAD_MB},
            )
            return cleaned
        if self.has_error("datei") or self.has_error("pruefsumme"):
            return cleaned
        if not cleaned.get("datei") and not cleaned.get("pruefsumme"):
            raise ValidationError(
                _("Bitte laden Sie eine Datei hoch oder geben Sie eine Prüfsumme an.")
            )
        if cleaned.get("datei") and cleaned.get("pruefsumme"):
            raise ValidationError(
                _(
                    "Bitte laden Sie entweder eine Datei hoch oder geben Sie eine Prüfsumme an, "
                    "nicht beides."
                )
            )
        return cleaned
