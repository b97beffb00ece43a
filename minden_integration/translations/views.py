"""Thin views: the role check, the reads from `concept.translations`, the form, the service."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concept import selectors, translations
from concept.models import Concept, Section
from concept.services import section_translation_save, translation_issue
from minden_integration.core.diff import diff_labels, render_diff, word_diff
from minden_integration.core.text import render_markdown
from minden_integration.roles import TRANSLATOR
from minden_integration.translations.forms import SectionTranslationForm


def translator_required(view):
    """Logged in (else the login) and in the group `Übersetzung` (else 403)."""

    @wraps(view)
    @login_required
    def checked(request, *args, **kwargs):
        if not request.user.groups.filter(name=TRANSLATOR).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def _version_and_language(number: str, lang: str):
    concept = Concept.objects.current()
    version = selectors.version_get(concept, int(number), include_drafts=False)
    language = translations.content_language_get(concept, lang)
    if version is None or language is None:
        raise Http404
    return version, language


@require_safe
@translator_required
def overview(request):
    """Every public version with, per configured language, what is translated."""
    concept = Concept.objects.current()
    languages = translations.content_languages(concept)
    versions = list(selectors.visible_versions(concept, include_drafts=False)) if concept else []
    rows = [
        {"version": v, "counts": translations.translation_counts(v, languages)} for v in versions
    ]
    return render(request, "translations/overview.html", {"rows": rows, "languages": languages})


@require_safe
@translator_required
def section_list(request, number: str, lang: str):
    version, language = _version_and_language(number, lang)
    return render(
        request,
        "translations/section_list.html",
        {
            "version": version,
            "language": language,
            "rows": translations.section_rows(version, language.code),
            "issued": translations.issued_translation(version, language.code),
        },
    )


@require_POST
@translator_required
def issue(request, number: str, lang: str):
    """Publish the translation of a frozen version as its own issued file."""
    version, language = _version_and_language(number, lang)
    try:
        translation_issue(version=version, language=language.code)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Die Übersetzung ist als eigene Datei ausgestellt."))
    return redirect("translations:section-list", number=version.number, lang=language.code)


def _changes(translation, section) -> list[dict]:
    """What changed in the German since the translation was made, field by field."""
    now = {
        "title": section.title,
        "body": section.body,
        "easy_language_summary": section.easy_language_summary,
    }
    labels = {
        "title": _("Überschrift"),
        "body": _("Text"),
        "easy_language_summary": _("Leichte Sprache"),
    }
    changes = []
    for field, label in labels.items():
        then = translation.source_text.get(field, "")
        if then != now[field]:
            changes.append(
                {"label": label, "diff": render_diff(word_diff(then, now[field]), **diff_labels())}
            )
    return changes


@require_http_methods(["GET", "HEAD", "POST"])
@translator_required
def section_edit(request, number: str, lang: str, key: str):
    version, language = _version_and_language(number, lang)
    section = get_object_or_404(Section.objects.filter(version=version), key=key)
    translation = section.translations.filter(language=language.code).first()
    initial = (
        {
            "title": translation.title,
            "body": translation.body,
            "easy_language_summary": translation.easy_language_summary,
            "seen_updated_at": translation.updated_at,
        }
        if translation
        else {}
    )
    status = 200
    if request.method == "POST":
        form = SectionTranslationForm(request.POST, language=language)
        if form.is_valid():
            data = form.cleaned_data
            try:
                section_translation_save(
                    section=section,
                    language=language.code,
                    title=data["title"],
                    body=data["body"],
                    easy_language_summary=data["easy_language_summary"],
                    by=request.user,
                    seen_updated_at=data["seen_updated_at"],
                )
            except ValidationError as error:
                for field, errors in getattr(error, "error_dict", {None: error}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Die Übersetzung ist gespeichert."))
                return redirect("translations:section-list", number=version.number, lang=lang)
        status = 400
    else:
        form = SectionTranslationForm(initial=initial, language=language)
    row = translations.SectionRow(section=section, translation=translation)
    return render(
        request,
        "translations/section_form.html",
        {
            "version": version,
            "language": language,
            "section": section,
            "form": form,
            "status": row.status,
            "german_html": render_markdown(section.body),
            "changes": _changes(translation, section)
            if row.status == translations.OUTDATED
            else [],
        },
        status=status,
    )
