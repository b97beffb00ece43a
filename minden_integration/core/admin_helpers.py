"""Admin mixins and helpers every app's admin uses: service errors as German messages, workflow
pages beside the change form, and read-only registers (the audit trail: `admin_history`).

Not `admin.py`: Django's autodiscover imports that name, and this module registers nothing.
Like all of `core`, it imports no app of ours; what an app must decide, it passes in.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, router, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

# The SQLSTATE our database guards raise (`RAISE ... USING ERRCODE = '23000'`) with a text
# written for the officer; any other integrity error gets the general note.
GUARD_SQLSTATE = "23000"


def integrity_message(exc: IntegrityError) -> str:
    """The guard trigger's own (German) text when a guard refused, else a general note."""
    cause = exc.__cause__
    if getattr(cause, "pgcode", None) == GUARD_SQLSTATE:
        primary = getattr(getattr(cause, "diag", None), "message_primary", None)
        if primary:
            return primary
    return gettext(
        "Die Änderung wurde nicht gespeichert: Die Datenbank hat sie abgelehnt, weil sie gegen "
        "eine Regel verstößt. Bitte prüfen Sie Ihre Eingaben."
    )


def copy_columns(target, source) -> None:
    """Give the admin's unsaved instance the row a service created, so the admin's
    redirect and log entry point at it."""
    for field in type(source)._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db


def save_form_columns(obj, form, *extra: str) -> None:
    """Save only the columns the form edits, so a status or lock counter a service changed
    meanwhile is not overwritten with the copy loaded with the form."""
    names = [f.name for f in obj._meta.concrete_fields if f.name in form.fields]
    obj.save(update_fields=[*names, *extra, "updated_at"])


class FormRefusal(Exception):
    """Raised by `save_model` when a service refused what the form posted (e.g. the row was
    changed meanwhile): the change form is shown again, as posted, with the service's message
    on it, and nothing of the request is saved. The form itself only validates."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


def _refused_form(form_class, error: ValidationError):
    """The admin's form class, reporting the service's refusal as an error of its own (a
    message for the whole form, or errors of fields the form has)."""

    class RefusedForm(form_class):
        def clean(self):
            super().clean()
            raise error

    RefusedForm.__name__ = form_class.__name__
    return RefusedForm


class ServiceErrorsMixin:
    """A service's ValidationError or the database's IntegrityError becomes a German admin
    message and a redirect back, never a 500; every write of the request is rolled back.
    A `FormRefusal` from `save_model` shows the form again with the message on it."""

    def _guarded(self, request: HttpRequest, view, *args):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return view(request, *args)  # reads only; a redirect to itself could loop
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return view(request, *args)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        except IntegrityError as exc:
            messages.error(request, integrity_message(exc))
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = super().changeform_view
        try:
            return self._guarded(request, view, object_id, form_url, extra_context)
        except FormRefusal as refusal:
            # Rolled back already. The second pass validates the posted form against the rows
            # as they are now and renders it with the refusal, so it cannot save.
            request.form_refusal = refusal.error
            return self._guarded(request, view, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "form_refusal", None)
        return form if refusal is None else _refused_form(form, refusal)

    def delete_view(self, request, object_id, extra_context=None):
        return self._guarded(request, super().delete_view, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        return self._guarded(request, super().changelist_view, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            save_form_columns(obj, form)
        else:
            super().save_model(request, obj, form, change)


# --- pages of our own beside the change form --------------------------------------------------


class WorkflowPageMixin:
    """The admin's own pages beside the change form (a workflow step such as a move or a
    decision): one template, the form, and a way back. Subclasses give `workflow_template`
    (their app's template) and `_change_url(obj)`."""

    workflow_template: str
    # Shown above the form, with the object in the context under its model name.
    workflow_details_template: str | None = None

    def _workflow_page(
        self,
        request,
        original,
        *,
        title,
        form,
        submit_label,
        explanation="",
        cancel_url=None,
        **extra,
    ):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": original or title,
            self.opts.model_name: original,
            "title": title,
            "subtitle": None,
            "form": form,
            "submit_label": submit_label,
            "explanation": explanation,
            "details_template": self.workflow_details_template,
            "cancel_url": cancel_url or self._change_url(original),
            "has_view_permission": self.has_view_permission(request, original),
            **extra,
        }
        status = 400 if form.is_bound and form.errors else 200
        return TemplateResponse(request, self.workflow_template, context, status=status)


class RegisterAdminMixin:
    """A register the code writes and nobody edits: listed and shown, never added, changed or
    deleted in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def service_for_each(modeladmin, request: HttpRequest, objects, service, done: str) -> int:
    """An admin action's loop: `service(obj)` for each selected object in its own call, each
    refusal (a ValidationError) shown as an error, the successes counted in `done`
    ("%(count)d …")."""
    count = 0
    for obj in objects:
        try:
            service(obj)
        except ValidationError as exc:
            for message in exc.messages:
                modeladmin.message_user(request, message, messages.ERROR)
        else:
            count += 1
    if count:
        modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)
    return count
