"""The city that publishes the portal: its one settings record (name, coat of arms, colours and
what the law pages need). Imported by `models`; the table belongs to the site app.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from minden_integration.core.models import TimeStampedModel
from minden_integration.site.colours import (
    city_stylesheet,
    stylesheet_version,
    validate_colour,
)
from minden_integration.site.uploads import validate_logo

DEFAULT_DESIGNATION = "Stadt"
DEFAULT_NAME = "Minden"
DEFAULT_LEGAL_FORM = "Körperschaft des öffentlichen Rechts"
DEFAULT_COLOUR = "#004f8b"
# How an English sentence names a German municipality ("the City of Minden", not "the Stadt
# Minden"); a designation not listed keeps its German form.
ENGLISH_DESIGNATIONS = {
    "Stadt": "City of %s",
    "Gemeinde": "Municipality of %s",
    "Hansestadt": "Hanseatic City of %s",
    "Kreisstadt": "District Town of %s",
    "Große Kreisstadt": "Major District Town of %s",
    "Landeshauptstadt": "State Capital %s",
    "Bundesstadt": "Federal City of %s",
}


class Conformity(models.TextChoices):
    FULL = "full", _("vollständig vereinbar")
    PARTIAL = "partial", _("teilweise vereinbar")
    NONE = "none", _("nicht vereinbar")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("Selbstbewertung")
    THIRD_PARTY = "third_party", _("Prüfung durch Dritte")


class CitySettings(TimeStampedModel):
    """One row (`ROW`): the city's identity and the facts its law pages state. Empty facts are
    never filled in by the portal; each page names what is still missing."""

    ROW = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW, editable=False)

    # --- the municipality (Impressum, header, every page's title)
    designation = models.CharField(
        _("Bezeichnung"),
        max_length=40,
        default=DEFAULT_DESIGNATION,
        help_text=_("Wie sich die Kommune nennt, z. B. „Stadt“, „Gemeinde“ oder „Hansestadt“."),
    )
    name = models.CharField(
        _("Name der Kommune"),
        max_length=120,
        default=DEFAULT_NAME,
        help_text=_(
            "Ohne Bezeichnung, z. B. „Minden“. Erscheint auf jeder Seite und gilt für alle "
            "Konzepte des Portals."
        ),
    )
    legal_form = models.CharField(
        _("Rechtsform"),
        max_length=120,
        default=DEFAULT_LEGAL_FORM,
        help_text=_("Für das Impressum (§ 5 DDG)."),
    )
    represented_by = models.CharField(
        _("Vertreten durch"),
        max_length=200,
        blank=True,
        help_text=_(
            "Die vertretungsberechtigte Person mit Funktion, z. B. „Bürgermeisterin Erika "
            "Mustermann“."
        ),
    )
    address = models.TextField(
        _("Anschrift"),
        blank=True,
        help_text=_("Straße und Hausnummer, Postleitzahl und Ort; eine Angabe je Zeile."),
    )
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(
        _("E-Mail-Adresse"), blank=True, help_text=_("Für das Impressum und den Datenschutz.")
    )
    contact_form_url = models.URLField(
        _("Adresse des Kontaktformulars"),
        blank=True,
        help_text=_("Optional: ein Kontaktformular auf der Website der Kommune."),
    )
    supervisory_authority = models.TextField(
        _("Aufsichtsbehörde"),
        blank=True,
        help_text=_("Name und Anschrift der Behörde, die die Kommunalaufsicht führt."),
    )
    vat_id = models.CharField(
        _("Umsatzsteuer-Identifikationsnummer"),
        max_length=20,
        blank=True,
        help_text=_("Nur wenn die Kommune eine hat (§ 27a Umsatzsteuergesetz)."),
    )
    content_responsible = models.CharField(
        _("Verantwortlich für den Inhalt"),
        max_length=200,
        blank=True,
        help_text=_(
            "Name der Person, die nach § 18 Abs. 2 MStV für den Inhalt verantwortlich ist."
        ),
    )
    content_responsible_address = models.TextField(
        _("Anschrift der für den Inhalt verantwortlichen Person"),
        blank=True,
        help_text=_("Leer lassen, wenn es die Anschrift der Kommune ist."),
    )

    # --- data protection (Datenschutzerklärung, Art. 13 DSGVO)
    dpo_name = models.CharField(
        _("Datenschutzbeauftragte oder Datenschutzbeauftragter"),
        max_length=200,
        blank=True,
        help_text=_("Name oder Funktion, z. B. „Behördlicher Datenschutzbeauftragter“."),
    )
    dpo_contact = models.TextField(
        _("Kontakt der oder des Datenschutzbeauftragten"),
        blank=True,
        help_text=_("Anschrift und E-Mail-Adresse."),
    )
    hosting = models.TextField(
        _("Technischer Betrieb"),
        blank=True,
        help_text=_(
            "Wer den Server des Portals betreibt, mit Anschrift: die IT der Kommune oder ein "
            "Dienstleister in ihrem Auftrag (Auftragsverarbeitung, Art. 28 DSGVO)."
        ),
    )
    server_logs = models.TextField(
        _("Protokolle des Webservers"),
        blank=True,
        help_text=_(
            "Was der Webserver vor dem Portal bei jedem Aufruf protokolliert (z. B. IP-Adresse, "
            "Zeitpunkt, aufgerufene Adresse) und nach wie vielen Tagen die Protokolle gelöscht "
            "werden. Das Portal selbst schreibt keine Zugriffsprotokolle."
        ),
    )

    # --- the accessibility statement (§ 10b BGG NRW, BITV NRW)
    conformity = models.CharField(
        _("Stand der Vereinbarkeit mit BITV NRW"),
        max_length=10,
        choices=Conformity.choices,
        blank=True,
    )
    known_barriers = models.TextField(
        _("Nicht barrierefreie Inhalte"),
        blank=True,
        help_text=_(
            "Markdown. Welche Inhalte nicht barrierefrei sind, warum, und welche barrierefreie "
            "Alternative es gibt. Fehlende Videos in Gebärdensprache nennt die Erklärung selbst."
        ),
    )
    statement_date = models.DateField(_("Erklärung erstellt am"), null=True, blank=True)
    review_date = models.DateField(
        _("Erklärung zuletzt überprüft am"),
        null=True,
        blank=True,
        help_text=_("Die Erklärung ist regelmäßig zu überprüfen, mindestens einmal im Jahr."),
    )
    method = models.CharField(
        _("Methode der Bewertung"), max_length=20, choices=AssessmentMethod.choices, blank=True
    )
    method_details = models.CharField(
        _("Angaben zur Bewertung"),
        max_length=300,
        blank=True,
        help_text=_("Optional, z. B. wer geprüft hat und nach welchem Prüfverfahren."),
    )
    accessibility_contact = models.TextField(
        _("Kontakt zur Barrierefreiheit"),
        blank=True,
        help_text=_(
            "Die Stelle, an die man sich bei Barrieren wendet, mit Telefon und E-Mail-Adresse."
        ),
    )

    # --- the look: coat of arms or logo, colours
    logo = models.FileField(
        _("Wappen oder Logo"),
        upload_to="stadt/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png"]), validate_logo],
        help_text=_("SVG oder PNG, höchstens 512 KB; erscheint im Kopf jeder Seite."),
    )
    logo_alt = models.CharField(
        _("Alternativtext des Wappens oder Logos"),
        max_length=200,
        blank=True,
        help_text=_("Was das Bild zeigt, z. B. „Wappen der Stadt Minden“."),
    )
    colour_primary = models.CharField(
        _("Hauptfarbe"),
        max_length=7,
        default=DEFAULT_COLOUR,
        validators=[validate_colour],
        help_text=_(
            "Hex-Wert, z. B. #004f8b: Links, Navigation, Schaltflächen. Mindestens 4,5:1 "
            "Kontrast zu Weiß."
        ),
    )
    colour_accent = models.CharField(
        _("Akzentfarbe"),
        max_length=7,
        default=DEFAULT_COLOUR,
        validators=[validate_colour],
        help_text=_(
            "Hex-Wert: Kopfleiste, Zeitstrahl, Kennzahlen. Mindestens 4,5:1 Kontrast zu Weiß."
        ),
    )

    class Meta:
        verbose_name = _("Einstellungen der Kommune")
        verbose_name_plural = _("Einstellungen der Kommune")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="citysettings_single_row"),
            models.CheckConstraint(condition=~Q(name=""), name="citysettings_name_given"),
            models.CheckConstraint(
                condition=Q(colour_primary__regex=r"^#[0-9a-fA-F]{6}$")
                & Q(colour_accent__regex=r"^#[0-9a-fA-F]{6}$"),
                name="citysettings_colours_hex",
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True)
                | Q(statement_date__isnull=True)
                | Q(review_date__gte=models.F("statement_date")),
                name="citysettings_review_after_statement",
            ),
            models.CheckConstraint(
                condition=Q(logo="") | ~Q(logo_alt=""), name="citysettings_logo_has_alt"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Einstellungen der Kommune"))

    def clean(self):
        super().clean()
        errors = {}
        for field in ("designation", "name", "legal_form"):
            setattr(self, field, (getattr(self, field) or "").strip())
        if not self.name:
            errors["name"] = _("Bitte geben Sie den Namen der Kommune an.")
        if self.logo and not self.logo_alt.strip():
            errors["logo_alt"] = _(
                "Bitte beschreiben Sie das Wappen oder Logo in einem Alternativtext."
            )
        if self.statement_date and self.review_date and self.review_date < self.statement_date:
            errors["review_date"] = _(
                "Die Überprüfung kann nicht vor der Erstellung der Erklärung liegen."
            )
        if errors:
            raise ValidationError(errors)

    # --- what the pages show

    @property
    def full_name(self) -> str:
        return f"{self.designation} {self.name}".strip()

    @property
    def sentence_name(self) -> str:
        """The name a sentence of the page's language uses: "Stadt Minden" in German, "City of
        Minden" in English."""
        pattern = ENGLISH_DESIGNATIONS.get(self.designation.strip())
        if pattern and (get_language() or "").startswith("en"):
            return pattern % self.name
        return self.full_name

    @property
    def responsible_address(self) -> str:
        return self.content_responsible_address or self.address

    @property
    def stylesheet(self) -> str:
        return city_stylesheet(primary=self.colour_primary, accent=self.colour_accent)

    @property
    def css_url(self) -> str:
        return f"{reverse('city-css')}?v={stylesheet_version(self.stylesheet)}"

    @property
    def logo_url(self) -> str:
        if not self.logo:
            return ""
        return f"{reverse('city-logo')}?v={stylesheet_version(self.logo.name)}"

    def _missing(self, fields: list[str]) -> list[str]:
        return [str(self._meta.get_field(f).verbose_name) for f in fields if not getattr(self, f)]

    def missing_for_imprint(self) -> list[str]:
        """What § 5 DDG and § 18 Abs. 2 MStV ask for and is still empty."""
        missing = self._missing(["legal_form", "represented_by", "address", "email"])
        if not (self.phone or self.contact_form_url):
            missing.append(str(_("Telefon oder Kontaktformular")))
        return missing + self._missing(["supervisory_authority", "content_responsible"])

    def missing_for_privacy(self) -> list[str]:
        """What Art. 13 DSGVO asks for and only the city can say."""
        return self._missing(
            ["address", "email", "dpo_name", "dpo_contact", "hosting", "server_logs"]
        )

    def missing_for_statement(self, *, automatic_barriers: list[str]) -> list[str]:
        """What § 10b BGG NRW asks of the statement and is still empty."""
        missing = self._missing(["conformity", "statement_date", "review_date", "method"])
        if self.conformity != Conformity.FULL and not (self.known_barriers or automatic_barriers):
            missing.append(str(self._meta.get_field("known_barriers").verbose_name))
        return missing + self._missing(["accessibility_contact"])

    def statement_contradictions(self, *, automatic_barriers: list[str]) -> list[str]:
        if self.conformity == Conformity.FULL and automatic_barriers:
            return [
                str(
                    _(
                        "Der Stand „vollständig vereinbar“ passt nicht zu den bekannten "
                        "Barrieren unten (fehlende Videos in Gebärdensprache)."
                    )
                )
            ]
        return []
