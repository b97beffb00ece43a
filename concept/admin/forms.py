"""The forms of concept's admin. They only validate what the officer enters; the services
decide, lock and save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import (
    TEXT_MAX,
    Amendment,
    AmendmentStatus,
    ConceptVersion,
    Move,
    Section,
    VersionStatus,
)

# --- versions ---------------------------------------------------------------------------------


class ConceptVersionForm(forms.ModelForm):
    """Carries the lock counter the editor saw; `version_update` compares it under its row
    lock, so a move or another edit in between refuses the save instead of overwriting it."""

    seen_lock_version = forms.IntegerField(
        label=_("Bearbeitungsstand"), widget=forms.HiddenInput, required=False
    )

    class Meta:
        model = ConceptVersion
        fields = ("concept", "title", "is_example")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_lock_version"].initial = self.instance.lock_version


class VersionMoveForm(forms.Form):
    """Only the fields the move needs: a deadline to open consultation; the other moves the
    form offers are confirmed without input (presenting has its own page)."""

    def __init__(self, *args, version: ConceptVersion, move: Move, **kwargs):
        super().__init__(*args, **kwargs)
        if move.target == VersionStatus.CONSULTATION:
            self.fields["consultation_ends_at"] = forms.DateTimeField(
                label=_("Beteiligung bis"),
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
                help_text=_("Bis zu diesem Zeitpunkt können Mitglieder Änderungen vorschlagen."),
            )


class NextVersionForm(forms.Form):
    title = forms.CharField(
        label=_("Bezeichnung der neuen Version"), required=False, max_length=200
    )


# --- sections ---------------------------------------------------------------------------------


# What the section services change; the position follows from where a section is inserted.
SECTION_TEXT_FIELDS = ("number", "level", "title", "body", "easy_language_summary")


class DraftSectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return gettext("Version %(number)s: %(section)s") % {
            "number": obj.version.number,
            "section": obj,
        }


class SectionAddForm(forms.ModelForm):
    after = DraftSectionChoiceField(
        label=_("Einfügen nach"),
        queryset=Section.objects.filter(version__status=VersionStatus.DRAFT)
        .select_related("version")
        .order_by("version__number", "position"),
        required=False,
        empty_label=_("am Ende der Version"),
        help_text=_("Die folgenden Abschnitte rücken eine Position weiter."),
    )

    class Meta:
        model = Section
        fields = ("version", *SECTION_TEXT_FIELDS)

    def clean(self):
        cleaned = super().clean()
        after, version = cleaned.get("after"), cleaned.get("version")
        if after and version and after.version_id != version.pk:
            self.add_error("after", gettext("Der Abschnitt gehört nicht zu dieser Version."))
        return cleaned


# --- amendments -------------------------------------------------------------------------------


class AmendmentAddForm(forms.ModelForm):
    """The officer enters a proposal on a member's behalf (e.g. from the conference)."""

    class Meta:
        model = Amendment
        fields = (
            "section",
            "author",
            "kind",
            "passage",
            "proposed_text",
            "rationale",
            "is_example",
        )

    def clean_section(self):
        section = self.cleaned_data["section"]
        if not section.version.accepts_amendments(timezone.now()):
            raise ValidationError(
                gettext(
                    "Vorschläge sind nur zu Abschnitten einer Version in Beteiligung möglich, "
                    "solange die Frist läuft."
                )
            )
        return section


TEXTAREA = forms.Textarea(attrs={"rows": 6, "cols": 80})


class AmendmentDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[
            (s.value, s.label)
            for s in (
                AmendmentStatus.ACCEPTED,
                AmendmentStatus.PARTIALLY_ACCEPTED,
                AmendmentStatus.REJECTED,
            )
        ],
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(
        label=_("Begründung (öffentlich)"),
        widget=TEXTAREA,
        max_length=TEXT_MAX,
        help_text=_("Erscheint beim Vorschlag, in der Synopse und in der E-Mail an die Person."),
    )
    adopted_text = forms.CharField(
        label=_("Übernommene Fassung"),
        widget=TEXTAREA,
        required=False,
        max_length=TEXT_MAX,
        help_text=_("Nur bei teilweiser Annahme: der Text, der tatsächlich übernommen wird."),
    )
    seen_lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        partial = cleaned.get("status") == AmendmentStatus.PARTIALLY_ACCEPTED
        if partial and not cleaned.get("adopted_text", "").strip():
            self.add_error(
                "adopted_text",
                gettext("Bitte geben Sie bei teilweiser Annahme die übernommene Fassung an."),
            )
        if not cleaned.get("reasoning", "x").strip():
            self.add_error("reasoning", gettext("Bitte begründen Sie die Entscheidung."))
        return cleaned


class AmendmentBulkDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Entscheidung für alle"),
        choices=[(s.value, s.label) for s in (AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED)],
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(
        label=_("Gemeinsame Begründung (öffentlich)"), widget=TEXTAREA, max_length=TEXT_MAX
    )
    # "id:lock_version,…" as the officer saw the list: a change in between refuses all.
    seen = forms.CharField(widget=forms.HiddenInput)

    def clean_reasoning(self):
        reasoning = self.cleaned_data["reasoning"].strip()
        if not reasoning:
            raise ValidationError(gettext("Bitte begründen Sie die Entscheidung."))
        return reasoning

    def clean_seen(self):
        try:
            pairs = [item.split(":") for item in self.cleaned_data["seen"].split(",")]
            return {int(pk): int(lock) for pk, lock in pairs}
        except ValueError:
            raise ValidationError(
                gettext("Die Auswahl ist unvollständig. Bitte wählen Sie die Vorschläge erneut.")
            ) from None


class WorkInForm(forms.Form):
    body = forms.CharField(
        label=_("Neuer Text des Abschnitts (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 80}),
        required=False,
    )
    # The text the officer started from; browsers send line breaks as CRLF.
    seen_body = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    def clean_body(self):
        return self.cleaned_data["body"].replace("\r\n", "\n")

    def clean_seen_body(self):
        return self.cleaned_data["seen_body"].replace("\r\n", "\n")


class AdoptForm(forms.Form):
    """The confirmation of "übernehmen": only what the officer saw of the section."""

    seen_digest = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)
