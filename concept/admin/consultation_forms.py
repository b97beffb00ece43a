"""The forms of the way through the bodies: presenting a version with its planned
Beratungsfolge, and recording a Beratung's result. They validate what the officer enters and
offer only what fits (bodies that may take a role, results a role can come to); the services
in `concept.services.bodies` decide, lock and save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import (
    ROLE_BODY_KINDS,
    Body,
    ConceptVersion,
    Consultation,
    ConsultationResult,
    ConsultationRole,
    results_for,
)
from concept.services import PlannedStep

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, *, required: bool, help_text="") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_INPUT, help_text=help_text)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal on the form: its field errors at the fields the form has, the
    rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- presenting -------------------------------------------------------------------------------


def body_role_choices(bodies: list[Body]) -> list[tuple[str, str]]:
    """Every (body, role) pair that fits: "Integrationsrat der Stadt Minden – Vorberatung";
    the council never deliberates beforehand, the Integrationsrat never decides."""
    return [
        (f"{body.pk}:{role.value}", f"{body.name} – {role.label}")
        for body in bodies
        for role in ConsultationRole
        if body.kind in ROLE_BODY_KINDS[role]
    ]


class PresentForm(forms.Form):
    council_paper_reference = forms.CharField(
        label=_("Drucksache"),
        max_length=100,
        help_text=_("Die Nummer der Vorlage im Ratsinformationssystem, z. B. „DS 123/2011“."),
        error_messages={"required": _("Bitte die Nummer der Drucksache angeben.")},
    )
    paper_url = forms.URLField(
        label=_("Vorlage im Ratsinformationssystem"),
        max_length=500,
        required=False,
        help_text=_("Die Adresse der Vorlage, falls sie schon veröffentlicht ist."),
    )
    presented_on = date_field(
        _("vorgelegt am"),
        required=True,
        help_text=_("Der Tag, an dem die Vorlage den Gremien zugeleitet wurde."),
    )

    def clean_presented_on(self):
        presented_on = self.cleaned_data["presented_on"]
        if presented_on > timezone.localdate():
            raise ValidationError(
                gettext("Das Datum der Vorlage darf nicht in der Zukunft liegen.")
            )
        return presented_on


class PlannedStepForm(forms.Form):
    """One planned Beratung. A row without a body is left out (empty rows to add more, or a
    prefilled row the officer cleared)."""

    body_role = forms.ChoiceField(label=_("Gremium und Rolle"), required=False)
    step = forms.IntegerField(label=_("Schritt"), min_value=1, max_value=99, required=False)
    planned_on = date_field(_("geplant am"), required=False)
    agenda_item = forms.CharField(label=_("TOP"), max_length=50, required=False)
    agenda_item_url = forms.URLField(
        label=_("TOP im Ratsinformationssystem"), max_length=500, required=False
    )

    def __init__(self, *args, bodies: dict[str, Body], **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = bodies
        self.fields["body_role"].choices = [
            ("", "—"),
            *body_role_choices(list(bodies.values())),
        ]

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("body_role")
        if not choice:
            details = ("planned_on", "agenda_item", "agenda_item_url")
            if any(cleaned.get(name) for name in details):
                self.add_error("body_role", gettext("Bitte ein Gremium und seine Rolle wählen."))
            return cleaned
        if cleaned.get("step") is None and "step" not in self.errors:
            self.add_error("step", gettext("Bitte den Schritt angeben."))
        return cleaned

    def planned_step(self) -> PlannedStep | None:
        data = self.cleaned_data
        if not data.get("body_role"):
            return None
        body_pk, role = data["body_role"].split(":")
        return PlannedStep(
            body=self.bodies[body_pk],
            role=role,
            step=data["step"],
            planned_on=data.get("planned_on"),
            agenda_item=data.get("agenda_item", ""),
            agenda_item_url=data.get("agenda_item_url", ""),
        )


class BasePlanFormSet(forms.BaseFormSet):
    def planned_steps(self) -> list[PlannedStep]:
        return [step for form in self.forms if (step := form.planned_step()) is not None]


# A few empty rows to add Beratungen without JavaScript; more after saving a row is not needed
# since a plan is entered at once.
PlanFormSet = forms.formset_factory(PlannedStepForm, formset=BasePlanFormSet, extra=3)


def plan_formset(version: ConceptVersion, data=None, initial=None) -> BasePlanFormSet:
    bodies = {str(b.pk): b for b in version.concept.bodies.order_by("position", "name")}
    return PlanFormSet(data, initial=initial, prefix="plan", form_kwargs={"bodies": bodies})


def plan_initial(steps: list[PlannedStep]) -> list[dict]:
    return [{"body_role": f"{s.body.pk}:{s.role}", "step": s.step} for s in steps]


# --- recording a result -----------------------------------------------------------------------


class ReferralChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Body) -> str:
        return obj.name


class ConsultationRecordForm(forms.Form):
    """What a body's Beratung came to; only the results its role can come to are offered."""

    held_on = date_field(_("beraten am"), required=True)
    result = forms.ChoiceField(label=_("Ergebnis"), widget=forms.RadioSelect)
    decision_text = forms.CharField(
        label=_("Beschlusstext"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_(
            "Bei „geändert beschlossen“ erforderlich: was der Rat geändert hat. Die beschlossene "
            "Fassung wird daraus als neuer Entwurf angelegt."
        ),
    )
    agenda_item = forms.CharField(label=_("TOP"), max_length=50, required=False)
    agenda_item_url = forms.URLField(
        label=_("TOP im Ratsinformationssystem"), max_length=500, required=False
    )
    referred_to = ReferralChoiceField(
        label=_("verwiesen an"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Nur bei „verwiesen“: das Gremium, das vorberaten soll."),
    )
    next_planned_on = date_field(
        _("nächste Beratung geplant am"),
        required=False,
        help_text=_("Bei „verwiesen“ oder „vertagt“: wann die Vorlage wieder beraten wird."),
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "agenda_item": consultation.agenda_item,
                "agenda_item_url": consultation.agenda_item_url,
            },
        )
        super().__init__(*args, **kwargs)
        results = results_for(consultation.role)
        self.fields["result"].choices = [(r, ConsultationResult(r).label) for r in results]
        self.fields["referred_to"].queryset = consultation.version.concept.bodies.filter(
            kind__in=ROLE_BODY_KINDS[ConsultationRole.PRELIMINARY]
        ).order_by("position", "name")
