"""The OParl 1.1 endpoint: public, read-only JSON with CORS; errors as JSON with a German
message and a 4xx status."""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from concept.models import Concept
from minden_integration.oparl.answers import list_page, object_answer, removed_concept_exists
from minden_integration.oparl.forms import FILTERS, ListParamsForm
from minden_integration.oparl.kinds import KINDS
from minden_integration.oparl.objects import OParlObjects
from minden_integration.oparl.pagination import Page, PageOutOfRange

CONTENT_TYPE = "application/json; charset=utf-8"


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )
    # OParl recommends it: browser clients on other hosts read the data too.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str, **extra: Any) -> JsonResponse:
    return _json({"status": status, "message": message, **extra}, status=status)


def _not_found() -> JsonResponse:
    return _error(404, _("Unter dieser Adresse gibt es kein OParl-Objekt."))


def oparl_view(view):
    """GET and HEAD only; answered in German whatever the client's language."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            if request.method not in ("GET", "HEAD"):
                response = _error(
                    405, _("Die OParl-Schnittstelle kann nur gelesen werden (GET oder HEAD).")
                )
                response["Allow"] = "GET, HEAD"
                return response
            return view(request, *args, **kwargs)

    return wrapper


def _page_links(request, form: ListParamsForm, page: Page) -> dict[str, str]:
    def link(number: int) -> str:
        params = {**form.kept_params, **({"page": number} if number > 1 else {})}
        query = f"?{urlencode(params)}" if params else ""
        return request.build_absolute_uri(request.path + query)

    links = {"first": link(1), "self": link(page.number), "last": link(page.total_pages)}
    if page.number > 1:
        links["prev"] = link(page.number - 1)
    if page.number < page.total_pages:
        links["next"] = link(page.number + 1)
    return links


def _list(request, concept: Concept | None, list_name: str) -> JsonResponse:
    form = ListParamsForm(request.GET)
    if not form.is_valid():
        return _error(
            400,
            _("Die Anfrage enthält ungültige Parameter."),
            errors={field: list(messages) for field, messages in form.errors.items()},
        )
    try:
        page = list_page(
            OParlObjects(request, concept),
            list_name,
            filters={name: form.cleaned_data[name] for name in FILTERS},
            number=form.page_number,
            per_page=form.per_page,
        )
    except PageOutOfRange:
        return _error(404, _("Diese Seite der Liste gibt es nicht."))
    return _json(
        {
            "data": page.data,
            "pagination": {
                "totalElements": page.total,
                "elementsPerPage": page.per_page,
                "currentPage": page.number,
                "totalPages": page.total_pages,
            },
            "links": _page_links(request, form, page),
        }
    )


@oparl_view
def system(request):
    return _json(OParlObjects(request, Concept.objects.current()).system())


@oparl_view
def body_list(request):
    return _list(request, Concept.objects.current(), "body-list")


@oparl_view
def body_items(request, pk: int, list_name: str):
    """One of the body's external lists (organisations, persons, meetings, papers ...)."""
    concept = Concept.objects.current()
    if concept is None or concept.pk != pk:
        if not removed_concept_exists(pk):
            return _error(404, _("Diese Körperschaft gibt es nicht."))
        # A removed body's lists hold only what was removed with it (with modified_since).
        concept = Concept(pk=pk)
    return _list(request, concept, list_name)


@oparl_view
def object_detail(request, pk: int, kind: str):
    answer = object_answer(OParlObjects(request, Concept.objects.current()), KINDS[kind], pk)
    return _not_found() if answer is None else _json(answer)


@oparl_view
def not_found(request):
    """Anything else under /oparl/v1.1/: a JSON 404, or the address with its missing slash."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return _not_found()
