"""The translators' pages for the measures' titles and descriptions (per language)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concept import translations
from concept.models import Concept
from measures.models import Measure, MeasureTranslation, measure_source
from measures.services import measure_translation_save
from minden_integration.core.diff import diff_labels, render_diff, word_diff
from minden_integration.translations.forms import MeasureTranslationForm
from minden_integration.translations.views import translator_required


def _language(lang: str):
    concept = Concept.objects.current()
    language = translations.content_language_get(concept, lang)
    if language is None:
        raise Http404
    return concept, language


def _status(translation: MeasureTranslation | None) -> str:
    if translation is None:
        return translations.MISSING
    return translations.OUTDATED if translation.is_outdated else translations.TRANSLATED


@require_safe
@translator_required
def measure_list(request, lang: str):
    concept, language = _language(lang)
    measures = list(Measure.objects.filter(concept=concept).order_by("number"))
    by_measure = {
        t.measure_id: t
        for t in MeasureTranslation.objects.filter(measure__concept=concept, language=lang)
    }
    rows = []
    for measure in measures:
        translation = by_measure.get(measure.pk)
        if translation is not None:
            translation.measure = measure
        rows.append({"measure": measure, "status": _status(translation)})
    return render(request, "translations/measure_list.html", {"language": language, "rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
@translator_required
def measure_edit(request, lang: str, number: int):
    concept, language = _language(lang)
    measure = get_object_or_404(Measure.objects.filter(concept=concept), number=number)
    translation = measure.translations.filter(language=lang).first()
    status = 200
    if request.method == "POST":
        form = MeasureTranslationForm(request.POST, language=language)
        if form.is_valid():
            try:
                measure_translation_save(
                    measure=measure,
                    language=lang,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    by=request.user,
                    seen_updated_at=form.cleaned_data["seen_updated_at"],
                )
            except ValidationError as error:
                for field, errors in getattr(error, "error_dict", {None: error}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Die Übersetzung ist gespeichert."))
                return redirect("translations:measure-list", lang=lang)
        status = 400
    else:
        initial = (
            {
                "title": translation.title,
                "description": translation.description,
                "seen_updated_at": translation.updated_at,
            }
            if translation
            else {}
        )
        form = MeasureTranslationForm(initial=initial, language=language)
    changes = []
    if _status(translation) == translations.OUTDATED:
        now = measure_source(measure)
        for field, label in (("title", _("Titel")), ("description", _("Beschreibung"))):
            then = translation.source_text.get(field, "")
            if then != now[field]:
                changes.append(
                    {
                        "label": label,
                        "diff": render_diff(word_diff(then, now[field]), **diff_labels()),
                    }
                )
    return render(
        request,
        "translations/measure_form.html",
        {"language": language, "measure": measure, "form": form, "changes": changes},
        status=status,
    )
