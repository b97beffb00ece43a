"""The audit trail in the admin: every object's "Änderungsverlauf" page (django-simple-history),
readable by a clerk: dates in local time, names instead of ids, labels instead of stored
choices, "—" for nothing, and long texts as a word diff instead of the library's cut strings.

Like all of `core`, it imports no app of ours: what a field holds is read from the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from minden_integration.core.diff import diff_in_context, diff_labels, render_diff, word_diff

EMPTY = "—"


def local_datetime(value: dt.datetime) -> str:
    """e.g. "02.12.2026, 03:30": the local time, as short as a table cell wants it."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return gettext("%(date)s, %(time)s") % {
        "date": date_format(local, "SHORT_DATE_FORMAT"),
        "time": date_format(local, "TIME_FORMAT"),
    }


def _plain(field: models.Field, value: Any) -> str:
    """One stored value as a reader says it."""
    if isinstance(value, DeletedObject):
        # The library's stand-in for a related row it did not find: none at all, or deleted.
        if value.pk is None:
            return EMPTY
        return gettext("gelöscht (Nr. %(pk)s)") % {"pk": value.pk}
    if value is None or value == "":
        return EMPTY
    if isinstance(value, list):  # a many-to-many field: the related objects
        return ", ".join(_plain(field, item) for item in value) or EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nein")
    if isinstance(value, dt.datetime):
        return local_datetime(value)
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def recorded_value(record, field: models.Field) -> Any:
    """A field's value on a historical record as the library's diff gives it: the related
    object for a foreign key (a `DeletedObject` when it is gone), else the stored value."""
    if not isinstance(field, models.ForeignKey):
        return getattr(record, field.attname)
    pk = getattr(record, field.attname)
    try:
        related = getattr(record, field.name)
    except ObjectDoesNotExist:
        related = None
    return related if related is not None or pk is None else DeletedObject(field.related_model, pk)


class ReadableChanges(HistoricalRecordContextHelper):
    """Each change as {"field", "old", "new"}, escaped; a long text (a TextField: section
    bodies, rationales, reasonings) as {"field", "diff"}: one word diff, its unchanged
    stretches shortened around the changes. Changes come in the order of the form."""

    def context_for_delta_changes(self, delta) -> list[dict[str, Any]]:
        order = {field.name: index for index, field in enumerate(self.model._meta.get_fields())}
        changes = sorted(delta.changes, key=lambda change: order.get(change.field, len(order)))
        return [self.change_context(change) for change in changes]

    def change_context(self, change: ModelChange) -> dict[str, Any]:
        field = self.model._meta.get_field(change.field)
        label = capfirst(field.verbose_name)
        if isinstance(field, models.TextField) and not field.choices:
            return {"field": label, "diff": self.text_diff(change.old, change.new)}
        old = self.prepare_delta_change_value(change, change.old)
        new = self.prepare_delta_change_value(change, change.new)
        return {
            "field": label,
            "old": conditional_escape(_plain(field, old)),
            "new": conditional_escape(_plain(field, new)),
        }

    @staticmethod
    def text_diff(old: str | None, new: str | None) -> SafeString:
        """Escaped by `render_diff`: a text is user input, never markup."""
        return render_diff(diff_in_context(word_diff(old, new)), **diff_labels())


class AuditTrailAdmin(SimpleHistoryAdmin):
    """Every object's "Änderungen" page: who changed what, when; readable by clerks, and
    never an undo button (SIMPLE_HISTORY_REVERT_DISABLED)."""

    object_history_template = "admin/audit_trail/object_history.html"
    object_history_list_template = "admin/audit_trail/object_history_list.html"

    # Bookkeeping columns that change with every save and say nothing to a reader; an admin
    # adds its model's own (e.g. stored search data).
    trail_ignores = frozenset({"created_at", "updated_at", "lock_version"})

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """As the library does, plus the fields only services change (status, decision,
        freezing), which its diff leaves out because forms cannot edit them."""
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current,
                    excluded_fields=self.trail_ignores,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                delta.changes.extend(
                    ModelChange(f.name, recorded_value(current, f), recorded_value(previous, f))
                    for f in previous.tracked_fields
                    if not f.editable
                    and f.name not in self.trail_ignores
                    and getattr(current, f.attname) != getattr(previous, f.attname)
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def render_history_view(self, request, template, context, **kwargs):
        page = context.get("page_obj")  # the list; the library renders one state with it too
        if page is not None:
            for record in page.object_list:
                record.history_date_display = local_datetime(record.history_date)
            # No service gives a reason yet; a column of dashes would say so on every row.
            context["show_change_reason"] = any(r.history_change_reason for r in page.object_list)
        return super().render_history_view(request, template, context, **kwargs)

    def history_view_title(self, request, obj):
        return gettext("Änderungsverlauf: %s") % obj

    def history_form_view_title(self, request, obj):
        return gettext("Stand von %s") % obj
