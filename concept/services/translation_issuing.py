"""Publishing a translation of a frozen version: its own issued file, naming the German.

The German version's checksum, snapshot and files never change because of a translation: the
translation is issued as a document of its own (`translation-<code>`, JSON) in the register of
issued files, so `/echtheit/` can check a copy of it like any other issued file.
"""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from concept.issuing import TRANSLATION_PREFIX
from concept.models import ConceptVersion, IssuedFile, SectionTranslation, source_digest
from concept.models.translations import section_source
from concept.services._common import lock_version_row
from concept.services.translations import refuse_unless_configured

NOTICE = "Nichtamtliche Übersetzung – maßgeblich ist die deutsche Fassung"
FORMAT = "json"
MIME_TYPE = "application/json"


def translation_document_key(language: str) -> str:
    return f"{TRANSLATION_PREFIX}{language}"


def translation_document(version: ConceptVersion, language: str) -> dict:
    """The translation as issued: the sections translated from the German as it stands in the
    frozen version (an outdated one is left out), with the German checksum."""
    translations = SectionTranslation.objects.filter(
        section__version=version, language=language
    ).select_related("section")
    sections = [
        {
            "key": t.section.key,
            "number": t.section.number,
            "title": t.title,
            "body": t.body,
            "easy_language_summary": t.easy_language_summary,
            "source_digest": t.source_digest,
        }
        for t in sorted(translations, key=lambda t: t.section.position)
        if t.source_digest == source_digest(section_source(t.section))
    ]
    return {
        "document": "translation",
        "language": language,
        "notice": NOTICE,
        "concept": version.concept.slug,
        "version": version.number,
        "german_checksum": version.checksum,
        "sections": sections,
    }


def canonical_json(document: dict) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


@transaction.atomic
def translation_issue(*, version: ConceptVersion, language: str) -> IssuedFile:
    """Issue the translation into `language` of a frozen version, once."""
    locked = lock_version_row(version)
    if not locked.is_frozen:
        raise ValidationError(
            _("Nur Übersetzungen eingefrorener Versionen werden als Datei ausgestellt.")
        )
    refuse_unless_configured(locked.concept_id, language)
    key = translation_document_key(language)
    if IssuedFile.objects.filter(version=locked, document=key, format=FORMAT).exists():
        raise ValidationError(
            _("Diese Übersetzung von Version %(number)s ist bereits ausgestellt.")
            % {"number": locked.number}
        )
    document = translation_document(locked, language)
    if not document["sections"]:
        raise ValidationError(_("Es gibt noch keinen aktuell übersetzten Abschnitt."))
    content = canonical_json(document)
    storage = IssuedFile._meta.get_field("file").storage
    name = storage.save(
        f"issued/{locked.concept.slug}-v{locked.number}-{key}.{FORMAT}", ContentFile(content)
    )
    try:
        return IssuedFile.objects.create(
            version=locked,
            document=key,
            format=FORMAT,
            file=name,
            mime_type=MIME_TYPE,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            sha512=hashlib.sha512(content).hexdigest(),
        )
    except BaseException:
        storage.delete(name)
        raise
