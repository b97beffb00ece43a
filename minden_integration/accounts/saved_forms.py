"""Forms sent when the staff session had already ended: kept in the new session, so that after
signing in again the text is shown and can be sent once more. Nothing is lost to a timeout.

Kept per path, for the account that sent it (another account signing in on the same browser
never sees it), without the CSRF token and without files, up to a size limit, for a day.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest

SESSION_KEY = "portal_saved_forms"
MAX_FORMS = 5
LIFETIME_SECONDS = 24 * 60 * 60
LEFT_OUT = {"csrfmiddlewaretoken"}
# Values shown for reading: longer ones, or with a space (text rather than a flag or a number).
SHOWN_MIN_LENGTH = 20


def form_pairs(request: HttpRequest) -> list[list[str]]:
    """The posted fields as (name, value) pairs, repeated names kept in order."""
    return [
        [name, value]
        for name, values in request.POST.lists()
        if name not in LEFT_OUT
        for value in values
    ]


def saved_form_keep(
    request: HttpRequest, *, user_pk: int, path: str, pairs: list[list[str]], had_files: bool
) -> bool:
    """Keep the form in the (new) session; False when it is too large to keep."""
    size = sum(len(name) + len(value) for name, value in pairs)
    if size > settings.PORTAL_STAFF_SAVED_FORM_MAX_CHARS:
        return False
    forms = dict(request.session.get(SESSION_KEY, {}))
    forms[path] = {"user": user_pk, "data": pairs, "files": had_files, "saved_at": time.time()}
    newest = sorted(forms.items(), key=lambda item: item[1]["saved_at"])[-MAX_FORMS:]
    request.session[SESSION_KEY] = dict(newest)
    return True


def saved_forms_for(request: HttpRequest) -> list[dict[str, Any]]:
    """This account's kept forms, newest first; those of other accounts and old ones are
    dropped."""
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return []
    now = time.time()
    mine = {
        path: form
        for path, form in stored.items()
        if form.get("user") == request.user.pk and now - form["saved_at"] < LIFETIME_SECONDS
    }
    if mine != stored:
        _store(request, mine)
    return [
        {
            "path": path,
            "data": form["data"],
            "had_files": form["files"],
            "shown": [
                (name, value)
                for name, value in form["data"]
                if len(value.strip()) >= SHOWN_MIN_LENGTH or " " in value.strip()
            ],
        }
        for path, form in sorted(mine.items(), key=lambda item: -item[1]["saved_at"])
    ]


def saved_form_discard(request: HttpRequest, path: str) -> None:
    stored = request.session.get(SESSION_KEY)
    if stored and path in stored:
        _store(request, {key: form for key, form in stored.items() if key != path})


def _store(request: HttpRequest, forms: dict) -> None:
    if forms:
        request.session[SESSION_KEY] = forms
    else:
        request.session.pop(SESSION_KEY, None)
