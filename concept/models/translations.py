"""Translations of the concept's text into the languages a city chooses: our own tables, each
translation remembering the German it was made from, so a changed German text shows it outdated.

Not covered by the freeze guard: a frozen version's text stays as it is, but translations of it
may still be added.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from concept.models.sections import Section
from minden_integration.core.models import ContentQuerySet, TimeStampedModel


def source_digest(source: dict[str, str]) -> str:
    """The SHA-256 of a German source text (a mapping of field to text), canonical JSON."""
    canonical = json.dumps(source, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def section_source(section: Section) -> dict[str, str]:
    """The German of a section that a translation renders."""
    return {
        "title": section.title,
        "body": section.body,
        "easy_language_summary": section.easy_language_summary,
    }


def language_info(code: str) -> dict | None:
    try:
        return get_language_info(code)
    except KeyError:
        return None


def validate_language_code(code: str) -> None:
    if code == "de" or language_info(code) is None:
        raise ValidationError(
            _("„%(code)s“ ist kein bekannter Sprachcode (z. B. tr, ar, ru, uk, en)."),
            params={"code": code},
        )


class ContentLanguageQuerySet(ContentQuerySet):
    def in_order(self):
        return self.order_by("position", "code")


class ContentLanguage(TimeStampedModel):
    """A language the concept's text is translated into (chosen by the city)."""

    concept = models.ForeignKey(
        "concept.Concept",
        verbose_name=_("Konzept"),
        on_delete=models.CASCADE,
        related_name="content_languages",
    )
    code = models.CharField(
        _("Sprachcode"),
        max_length=10,
        validators=[validate_language_code],
        help_text=_("Ein Sprachcode nach Django, z. B. tr, ar, ru, uk, pl, fa, en."),
    )
    position = models.PositiveIntegerField(_("Position"), default=1)

    objects = ContentLanguageQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sprache der Übersetzungen")
        verbose_name_plural = _("Sprachen der Übersetzungen")
        ordering = ["concept", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "code"], name="contentlanguage_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.own_name} ({self.code})"

    @property
    def own_name(self) -> str:
        info = language_info(self.code)
        return info["name_local"] if info else self.code

    @property
    def bidi(self) -> bool:
        info = language_info(self.code)
        return bool(info and info["bidi"])

    @property
    def direction(self) -> str:
        return "rtl" if self.bidi else "ltr"


class TranslationBase(TimeStampedModel):
    """What every translation row holds: its language, the German it was made from (digest and
    text, for the word diff) and who made it."""

    language = models.CharField(_("Sprache"), max_length=10, validators=[validate_language_code])
    source_digest = models.CharField(_("Prüfsumme der deutschen Vorlage"), max_length=64)
    source_text = models.JSONField(_("Deutsche Vorlage"), default=dict)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("übersetzt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    class Meta:
        abstract = True

    def current_source(self) -> dict[str, str]:
        raise NotImplementedError

    @property
    def is_outdated(self) -> bool:
        return self.source_digest != source_digest(self.current_source())


class SectionTranslation(TranslationBase):
    section = models.ForeignKey(
        Section,
        verbose_name=_("Abschnitt"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    title = models.CharField(_("Überschrift"), max_length=300)
    body = models.TextField(_("Text (Markdown)"), blank=True)
    easy_language_summary = models.TextField(_("Zusammenfassung in Leichter Sprache"), blank=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Übersetzung eines Abschnitts")
        verbose_name_plural = _("Übersetzungen von Abschnitten")
        ordering = ["section", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "language"], name="sectiontranslation_unique_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section} [{self.language}]"

    def current_source(self) -> dict[str, str]:
        return section_source(self.section)
