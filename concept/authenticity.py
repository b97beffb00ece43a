"""The public page "Echtheit prüfen" (`/echtheit/`): is this file one the city issued?

The uploaded file is hashed while it streams and never stored (`HashingUploadHandler`); the
answer is a lookup of its hashes, so any file, a document or not, gets one.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from concept import issuing
from concept.authenticity_forms import AuthenticityForm
from concept.models import Concept
from concept.upload_handlers import HashingUploadHandler
from minden_integration.core.limits import client_ip, rate_hit

TEMPLATE = "concept/authenticity.html"


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def authenticity_check(request):
    """Swaps the upload handlers before anything reads the request body; Django's CSRF
    middleware would read it first, hence exempt here and protected in the inner view. Checks
    are limited per address (PORTAL_RATE_LIMITS["authenticity"]), before the body is read."""
    if request.method == "POST":
        verdict = rate_hit(scope="authenticity", key=client_ip(request))
        if not verdict.allowed:
            return _limited(request, verdict.retry_after)
    handler = HashingUploadHandler(request)
    request.upload_handlers = [handler]
    return _authenticity_check(request, handler)


def _limited(request, retry_after: int):
    concept = Concept.objects.current()
    context = {
        "municipality": concept.municipality if concept else "",
        "form": AuthenticityForm(),
        "limited_seconds": retry_after,
    }
    response = render(request, TEMPLATE, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@csrf_protect
def _authenticity_check(request, handler: HashingUploadHandler):
    concept = Concept.objects.current()
    context = {"municipality": concept.municipality if concept else ""}
    if request.method != "POST":
        context["form"] = AuthenticityForm()
        return render(request, TEMPLATE, context)

    form = AuthenticityForm(request.POST, request.FILES, upload_too_large=handler.too_large)
    context["form"] = form
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=413 if handler.too_large else 400)

    upload = form.cleaned_data["datei"]
    if upload:
        lookup = issuing.issued_file_lookup(sha256=upload.sha256, sha512=upload.sha512)
        context.update(upload=upload, checked=upload.sha256)
    else:
        checksum = form.cleaned_data["pruefsumme"]
        lookup = issuing.checksum_lookup(checksum)
        context.update(checked=checksum, is_prefix=len(checksum) < issuing.SHA256_LENGTH)
    # The answer above, a fresh form below for the next check.
    context.update(lookup=lookup, form=AuthenticityForm())
    return render(request, TEMPLATE, context)
