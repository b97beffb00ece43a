"""Where Django's admin markup fails axe-core or the Nu HTML checker, the portal's replacements:
autocomplete fields with a placeholder option and an accessible name, table rows of inlines whose
fields say what they are, and value filters without an empty link.

Like all of `core`, it imports no app of ours; the admins opt in by using these classes.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AdminFileWidget,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.utils.translation import gettext, gettext_lazy

PLACEHOLDER = gettext_lazy("– bitte wählen –")
# After Django's autocomplete.js (the order is declared, so merging the media keeps it).
NAMES_MEDIA = forms.Media(
    js=["admin/js/jquery.init.js", "admin/js/autocomplete.js", "js/admin-autocomplete-names.js"]
)


class PlaceholderAutocompleteSelect(AutocompleteSelect):
    """Always a first, empty-valued option with text: a required select needs one (HTML), an
    optional one must not be empty; select2 shows it as its placeholder, so the field is
    never nameless on screen."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = str(PLACEHOLDER)
        return attrs

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        options = groups[0][1]
        options[:] = [option for option in options if option["value"] != ""]
        chosen = any(option["selected"] for option in options)
        options.insert(0, self.create_option(name, "", str(PLACEHOLDER), not chosen, 0))
        for index, option in enumerate(options):
            option["index"] = index
        return groups

    @property
    def media(self):
        return super().media + NAMES_MEDIA


class NamedAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    """Without select2's "clear all" button, which it puts into its list as a non-item (each
    chosen entry keeps its own remove button)."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-allow-clear"] = json.dumps(False)
        return attrs

    @property
    def media(self):
        return super().media + NAMES_MEDIA


class AccessibleAutocompleteMixin:
    """For a ModelAdmin or inline with `autocomplete_fields`: the widgets above instead of
    Django's."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PlaceholderAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class LabelledTabularInline(AccessibleAutocompleteMixin, admin.TabularInline):
    """A tabular inline whose fields are named: the column header is not a label, so each
    visible field gets its column's name and row number as `aria-label`."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    if field.widget.is_hidden:
                        continue
                    label = str(field.label or "")
                    if index is not None:
                        label = gettext("%(label)s (Zeile %(row)s)") % {
                            "label": label,
                            "row": index + 1,
                        }
                    _inner(field.widget).attrs["aria-label"] = label

        LabelledFormSet.__name__ = formset.__name__
        return LabelledFormSet


def _inner(widget):
    """The widget that renders the field (the wrapper's attrs belong to the class's copy)."""
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


class LabelledFileWidget(AdminFileWidget):
    """Django's admin puts a file field into a fieldset whose legend is not the input's label;
    here the field's label names the input (the "clear" checkbox has its own)."""

    use_fieldset = False


class NonBlankValuesFieldListFilter(admin.AllValuesFieldListFilter):
    """Django's filter by each value of a text field, without the nameless link an empty
    string would give."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = [value for value in self.lookup_choices if value != ""]
