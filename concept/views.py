"""The public pages of the concept: reading a version, the list of versions, the comparison,
and the public record of the amendments to a version.

Drafts are visible to staff only; everyone else gets the 404 an unknown version gets.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from concept import comparison, issuing, proposing, selectors, synopsis, translations
from concept.filters import VOCABULARIES, AmendmentFilter
from concept.models import Concept, ConceptVersion
from concept.revalidation import compare_etag, reading_etag
from minden_integration.core.facets import old_facet_redirect
from minden_integration.core.revalidation import not_modified, revalidated

AMENDMENTS_PER_PAGE = 20

# PositiveIntegerField's upper bound on every supported database.
MAX_VERSION_NUMBER = 2_147_483_647


class CompareForm(forms.Form):
    """Validates `von`/`zu`; whether the versions exist (404) is the view's question."""

    von = forms.IntegerField(
        label=_("Ältere Fassung (von)"),
        min_value=1,
        max_value=MAX_VERSION_NUMBER,
        error_messages={
            "required": _("Bitte wählen Sie die Version, von der aus verglichen wird."),
            "invalid": _("Bitte wählen Sie eine Version aus der Liste."),
            "min_value": _("Bitte wählen Sie eine Version aus der Liste."),
            "max_value": _("Bitte wählen Sie eine Version aus der Liste."),
        },
    )
    zu = forms.IntegerField(
        label=_("Neuere Fassung (zu)"),
        min_value=1,
        max_value=MAX_VERSION_NUMBER,
        error_messages={
            "required": _("Bitte wählen Sie die Version, mit der verglichen wird."),
            "invalid": _("Bitte wählen Sie eine Version aus der Liste."),
            "min_value": _("Bitte wählen Sie eine Version aus der Liste."),
            "max_value": _("Bitte wählen Sie eine Version aus der Liste."),
        },
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.number, _version_label(v)) for v in versions]
        for name in ("von", "zu"):
            self.fields[name].widget = forms.Select(choices=choices)
        if not self.is_bound and len(versions) >= 2:
            self.initial = {"von": versions[1].number, "zu": versions[0].number}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("von") is not None and cleaned.get("von") == cleaned.get("zu"):
            raise ValidationError(_("Bitte wählen Sie zwei verschiedene Versionen."))
        return cleaned


def _version_label(version) -> str:
    label = gettext("Version %(number)s") % {"number": version.number}
    if version.title:
        label = f"{label}: {version.title}"
    return f"{label} ({version.get_status_display()})"


def _include_drafts(request) -> bool:
    return bool(request.user.is_staff)


def _can_propose(request, version: ConceptVersion) -> bool:
    """Whether the reading view offers this visitor the link to propose an amendment."""
    return version.accepts_amendments(timezone.now()) and proposing.may_propose(
        request.user, version.concept
    )


def _reading_context(request, version: ConceptVersion) -> dict:
    context = selectors.reading_context(
        version,
        include_drafts=_include_drafts(request),
        can_propose=_can_propose(request, version),
    )
    context["downloads"] = issuing.version_downloads(version)
    context["resolution_downloads"] = issuing.resolution_downloads(version)
    context["translations"] = translations.available_translations(version)
    return context


def _visible_version_or_404(request, number: int) -> ConceptVersion:
    version = selectors.version_get(
        Concept.objects.current(), number, include_drafts=_include_drafts(request)
    )
    if version is None:
        raise Http404
    return version


@require_safe
def version_current(request):
    """/konzept/: the approved version (or the newest public one) without a redirect."""
    version = selectors.version_current(Concept.objects.current())
    if version is None:
        return render(request, "concept/version_none.html")
    context = _reading_context(request, version)
    context["canonical_url"] = request.build_absolute_uri(
        reverse("concept:version-detail", kwargs={"number": version.number})
    )
    return _reading_page(request, version, context)


@require_safe
def version_detail(request, number: int):
    version = _visible_version_or_404(request, number)
    return _reading_page(request, version, _reading_context(request, version))


def _reading_page(request, version: ConceptVersion, context: dict):
    """A frozen version's page answers 304 while nothing it shows has changed."""
    etag = reading_etag(request, version, context)
    if unchanged := not_modified(request, etag):
        return unchanged
    return revalidated(render(request, "concept/version_detail.html", context), etag)


@require_safe
def amendment_list(request, number: int):
    """Every submitted amendment to a version, filtered and paginated.

    Unknown filter values are ignored and explained next to their field, with status 400;
    old English ones move to their German slugs.
    """
    version = _visible_version_or_404(request, number)
    if moved := old_facet_redirect(request, VOCABULARIES):
        return moved
    filterset = AmendmentFilter(request.GET or None, version=version, request=request)
    paginator = Paginator(filterset.qs, AMENDMENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("seite"))
    return render(
        request,
        "concept/amendment_list.html",
        {
            "version": version,
            "filter": filterset,
            "page_obj": page,
            "paginator": paginator,
            "amendments": list(page.object_list),
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "is_filtered": filterset.is_bound and any(filterset.form.cleaned_data.values()),
        },
        status=400 if filterset.invalid else 200,
    )


@require_safe
def version_synopsis(request, number: int):
    """The synopsis of a version's amendments: per section, proposal beside text and decision."""
    version = _visible_version_or_404(request, number)
    context = synopsis.synopsis_page(version)
    context["version"] = version
    context["downloads"] = issuing.synopsis_downloads(version)
    return render(request, "concept/synopsis.html", context)


@require_safe
def version_list(request):
    versions = list(
        selectors.visible_versions(
            Concept.objects.current(), include_drafts=_include_drafts(request)
        )
    )
    return render(
        request,
        "concept/version_list.html",
        {
            "rows": selectors.version_rows(versions),
            "form": CompareForm(versions=versions),
            "can_compare": len(versions) >= 2,
        },
    )


@require_safe
def version_compare(request):
    concept = Concept.objects.current()
    include_drafts = _include_drafts(request)
    versions = list(selectors.visible_versions(concept, include_drafts=include_drafts))
    context = {"can_compare": len(versions) >= 2}
    if "von" not in request.GET and "zu" not in request.GET:
        context["form"] = CompareForm(versions=versions)
        return render(request, "concept/version_compare.html", context)

    form = CompareForm(request.GET, versions=versions)
    context["form"] = form
    if not form.is_valid():
        return render(request, "concept/version_compare.html", context, status=400)

    numbers = [form.cleaned_data["von"], form.cleaned_data["zu"]]
    found = selectors.versions_pair(concept, numbers, include_drafts=include_drafts)
    missing = [(name, n) for name, n in zip(("von", "zu"), numbers, strict=True) if n not in found]
    if missing:
        for name, number in missing:
            form.add_error(
                name,
                gettext("Version %(number)s gibt es nicht oder sie ist nicht öffentlich.")
                % {"number": number},
            )
        return render(request, "concept/version_compare.html", context, status=404)

    old, new = found[numbers[0]], found[numbers[1]]
    context.update(comparison.compare_context(old, new))
    etag = compare_etag(request, old, new, versions, context)
    if unchanged := not_modified(request, etag):
        return unchanged
    return revalidated(render(request, "concept/version_compare.html", context), etag)
