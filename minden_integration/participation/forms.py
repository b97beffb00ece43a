"""The forms members fill in to propose amendments; they only validate (the services write)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concept.models import TEXT_MAX, Amendment, AmendmentKind, AmendmentSubmittedAs

TOO_LONG = _(
    "Der Text ist zu lang: erlaubt sind höchstens %(limit_value)s Zeichen, "
    "Ihr Text hat %(show_value)s Zeichen."
)


class LongTextField(forms.CharField):
    """Free text up to TEXT_MAX characters, line breaks counted as one character each."""

    def __init__(self, *, label, help_text="", required=True, required_message=None, **kwargs):
        messages = {"max_length": TOO_LONG}
        if required_message:
            messages["required"] = required_message
        super().__init__(
            label=label,
            help_text=help_text,
            required=required,
            max_length=TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 6}),
            error_messages=messages,
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art des Vorschlags"),
        choices=AmendmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie, ob Sie ergänzen, korrigieren oder streichen möchten."),
            "invalid_choice": _("Bitte wählen Sie eine der angebotenen Arten."),
        },
    )
    passage = LongTextField(
        label=_("Betroffene Textstelle"),
        help_text=_(
            "Vorausgefüllt mit dem Text des Abschnitts: Kürzen Sie ihn auf die Stelle, um die es "
            "Ihnen geht."
        ),
        required_message=_(
            "Bitte geben Sie die Textstelle an, auf die sich Ihr Vorschlag bezieht."
        ),
    )
    proposed_text = LongTextField(
        label=_("Vorgeschlagener Text"),
        help_text=_("Bei einer Streichung kann das Feld leer bleiben."),
        required=False,
    )
    rationale = LongTextField(
        label=_("Begründung"),
        help_text=_("Warum schlagen Sie die Änderung vor? Die Begründung wird mit veröffentlicht."),
        required_message=_("Bitte begründen Sie Ihren Vorschlag."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The template writes the <form> tag and its button: crispy-bootstrap5 would copy the
        # tag's id and action onto the radio group's <div> as well.
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind")
            and cleaned["kind"] != AmendmentKind.DELETION
            and not cleaned.get("proposed_text")
            and "proposed_text" not in self.errors
        ):
            self.add_error("proposed_text", _("Bitte geben Sie den vorgeschlagenen Text an."))
        return cleaned

    def service_arguments(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name]
            for name in ("kind", "passage", "proposed_text", "rationale")
        }


class AmendmentEditForm(AmendmentForm):
    """The amendment's lock_version travels with the form: a change made meanwhile (in another
    tab, or by the officer taking it into review) is refused instead of overwritten."""

    lock_version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."),
            "invalid": _("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."),
            "min_value": _("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."),
        },
    )


class SubmitForm(forms.Form):
    """On whose behalf the member submits: for which of their groups (the first if none is
    chosen), and as a person or for their organisation (as a person if none is chosen)."""

    membership = forms.TypedChoiceField(
        label=_("Einreichen als Mitglied der Arbeitsgruppe"),
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Ihrer Arbeitsgruppen.")},
    )
    submitted_as = forms.ChoiceField(
        label=_("Wer reicht ein?"),
        choices=AmendmentSubmittedAs.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "Bitte wählen Sie, ob Sie als Person oder für Ihre Organisation einreichen."
            )
        },
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {m.pk: m for m in memberships}
        self.fields["membership"].choices = [
            (m.pk, _membership_label(m)) for m in self.memberships.values()
        ]
        if self.memberships and not self.is_bound:
            self.initial["membership"] = next(iter(self.memberships))
        if any(m.organisation_id for m in self.memberships.values()):
            self.fields["submitted_as"].choices = _submitted_as_choices(
                list(self.memberships.values())
            )
            self.initial.setdefault("submitted_as", AmendmentSubmittedAs.PERSON)
        else:
            del self.fields["submitted_as"]  # nobody to speak for but themselves

    @property
    def offers_organisation(self) -> bool:
        return "submitted_as" in self.fields

    def chosen(self):
        pk = self.cleaned_data.get("membership")
        if pk in self.memberships:
            return self.memberships[pk]
        return next(iter(self.memberships.values()))

    def chosen_submitted_as(self) -> str:
        return self.cleaned_data.get("submitted_as") or AmendmentSubmittedAs.PERSON

    def clean(self):
        cleaned = super().clean()
        if not self.memberships:
            raise ValidationError(_("Sie sind keiner Arbeitsgruppe zugeordnet."))
        if (
            self.chosen_submitted_as() == AmendmentSubmittedAs.ORGANISATION
            and not self.chosen().organisation_id
        ):
            self.add_error(
                "submitted_as",
                _(
                    "Sie sind in dieser Arbeitsgruppe keiner Organisation zugeordnet. Bitte "
                    "reichen Sie als Person ein."
                ),
            )
        return cleaned


def proposer_preview(membership, submitted_as: str) -> str:
    """How the public record will name the amendment, by the model's one rule."""
    on_behalf = submitted_as == AmendmentSubmittedAs.ORGANISATION
    return Amendment(
        submitted_as=submitted_as,
        organisation_name=membership.organisation.name if on_behalf else "",
        author_name="" if on_behalf else membership.public_name,
        working_group_name=membership.working_group.name,
    ).proposer_label


def _submitted_as_choices(memberships) -> list[tuple[str, str]]:
    """With one group the choices say exactly how the record will name the amendment."""
    if len(memberships) > 1:
        return [
            (
                AmendmentSubmittedAs.PERSON,
                _(
                    "Als Person: genannt als Mitglied der gewählten Arbeitsgruppe (mit Ihrem "
                    "Namen nur, wenn Sie eingewilligt haben), ohne Ihre Organisation"
                ),
            ),
            (
                AmendmentSubmittedAs.ORGANISATION,
                _(
                    "Im Namen Ihrer Organisation: genannt wird die Organisation mit der "
                    "Arbeitsgruppe, nicht Ihr Name"
                ),
            ),
        ]
    membership = memberships[0]
    choices = [
        (
            AmendmentSubmittedAs.PERSON,
            _("Als Person: genannt als „%(label)s“, ohne Ihre Organisation")
            % {"label": proposer_preview(membership, AmendmentSubmittedAs.PERSON)},
        )
    ]
    if membership.organisation_id:
        choices.append(
            (
                AmendmentSubmittedAs.ORGANISATION,
                _("Im Namen Ihrer Organisation: genannt als „%(label)s“, ohne Ihren Namen")
                % {"label": proposer_preview(membership, AmendmentSubmittedAs.ORGANISATION)},
            )
        )
    return choices


def _membership_label(membership) -> str:
    if membership.organisation_id:
        return f"{membership.working_group.name} ({membership.organisation.name})"
    return membership.working_group.name
