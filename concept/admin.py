"""The officer's admin for the concept.

Versions move only through the buttons on their change page, which call `concept.services`;
text is editable only in draft, and frozen versions are shown read-only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.models import (
    AMENDMENT_ADOPTING,
    AMENDMENT_DECIDED,
    AMENDMENT_UNDECIDED,
    TEXT_MAX,
    VERSION_MOVES,
    Amendment,
    AmendmentStatus,
    Body,
    Concept,
    ConceptVersion,
    IssuedFile,
    Milestone,
    Move,
    Section,
    VersionStatus,
    moves_from,
    version_move,
)
from concept.moderation import accepted_for_draft, draft_section_for
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_review_start,
    amendment_work_in,
    amendments_decide,
    section_create,
    section_delete,
    section_update,
    version_create,
    version_create_next,
    version_transition,
    version_update,
)
from minden_integration.core.admin_helpers import (
    AuditTrailAdmin,
    FormRefusal,
    RegisterAdminMixin,
    ServiceErrorsMixin,
    WorkflowPageMixin,
    copy_columns,
)

# The page of every workflow step beside a change form (a move, a decision, working in).
WORKFLOW_TEMPLATE = "admin/concept/workflow_form.html"


# --- text lock --------------------------------------------------------------------------------


def locked_message(version: ConceptVersion) -> str:
    if version.is_frozen:
        return gettext(
            "Version %(number)s ist eingefroren; ihr Text und ihre Abschnitte können nicht "
            "mehr geändert werden."
        ) % {"number": version.number}
    return gettext(
        "Version %(number)s ist kein Entwurf mehr; ihr Text und ihre Abschnitte können nicht "
        "mehr geändert werden."
    ) % {"number": version.number}


LOCKED_CONTEXT = {
    "show_save": False,
    "show_save_and_continue": False,
    "show_save_and_add_another": False,
}


# --- concept and bodies -----------------------------------------------------------------------


class BodyInline(admin.TabularInline):
    model = Body
    fields = ("name", "kind", "position")
    extra = 0
    ordering = ("position", "name")
    show_change_link = True


@admin.register(Concept)
class ConceptAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("title", "municipality", "slug", "version_count", "updated_at")
    search_fields = ("title", "municipality", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    ordering = ("title",)
    inlines = [BodyInline]
    actions = ["create_version"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "municipality", "officer_title")}),
        (_("Beschreibung"), {"fields": ("summary", "moderated_by", "funded_by")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_version_count=Count("versions"))

    @admin.display(description=_("Versionen"), ordering="_version_count")
    def version_count(self, obj: Concept) -> int:
        return obj._version_count

    @admin.action(description=_("Neue Version (leerer Entwurf) anlegen"), permissions=["change"])
    def create_version(self, request, queryset):
        for concept in queryset:
            try:
                version = version_create(concept=concept)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    gettext("%(concept)s: Version %(number)s als Entwurf angelegt.")
                    % {"concept": concept, "number": version.number},
                )


@admin.register(Body)
class BodyAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "concept", "position")
    list_filter = ("kind", "concept")
    search_fields = ("name", "description")
    list_select_related = ("concept",)
    ordering = ("concept", "position", "name")
    fields = ("concept", "name", "kind", "position", "description")


# --- versions and sections --------------------------------------------------------------------


# What the section services change; the position follows from where a section is inserted.
SECTION_TEXT_FIELDS = ("number", "level", "title", "body", "easy_language_summary")


def section_text(section: Section, names=SECTION_TEXT_FIELDS) -> dict:
    return {name: getattr(section, name) for name in names if name in SECTION_TEXT_FIELDS}


def save_section_formset(formset, *, version: ConceptVersion) -> None:
    """Deletions, edits and additions of a draft's sections, each through its service;
    new sections are appended in the order entered."""
    formset.save(commit=False)
    for section in formset.deleted_objects:
        section_delete(section=Section.objects.get(pk=section.pk))
    for section, changed in formset.changed_objects:
        if changes := section_text(section, changed):
            section_update(section=section, **changes)
    formset.new_objects = [
        section_create(version=version, **section_text(section)) for section in formset.new_objects
    ]


class SectionInline(admin.StackedInline):
    model = Section
    fields = (("number", "level", "position"), "title", "body", "easy_language_summary", "key")
    readonly_fields = ("position", "key", "accepted_amendments")
    ordering = ("position",)
    extra = 0
    show_change_link = True

    def get_fields(self, request, obj=None):
        """A draft shows, beside each section, the accepted amendments to work into it."""
        if obj is not None and obj.text_editable:
            self._accepted = accepted_for_draft(obj)
            if self._accepted:
                return (*self.fields, "accepted_amendments")
        return self.fields

    @admin.display(description=_("Angenommene Vorschläge"))
    def accepted_amendments(self, section: Section) -> str:
        amendments = getattr(self, "_accepted", {}).get(section.key, [])
        if not amendments:
            return "–"
        items = format_html_join(
            "",
            '<li>{} ({}, {}): {} – <a href="{}">{}</a></li>',
            (
                (
                    amendment,
                    amendment.get_status_display(),
                    gettext("Version %(number)s") % {"number": amendment.version.number},
                    Truncator(amendment.adopted_text or amendment.proposed_text).words(30),
                    reverse(
                        "admin:concept_amendment_work_in"
                        if amendment.incorporated_in_id is None
                        else "admin:concept_amendment_change",
                        args=[amendment.pk],
                    ),
                    gettext("einarbeiten")
                    if amendment.incorporated_in_id is None
                    else gettext("eingearbeitet"),
                )
                for amendment in amendments
            ),
        )
        return format_html('<ul class="accepted-amendments">{}</ul>', items)

    def _editable(self, request, obj) -> bool:
        return obj is None or obj.text_editable

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_delete_permission(request, obj)


class ConceptVersionForm(forms.ModelForm):
    """Carries the lock counter the editor saw; `version_update` compares it under its row
    lock, so a move or another edit in between refuses the save instead of overwriting it."""

    seen_lock_version = forms.IntegerField(
        label=_("Bearbeitungsstand"), widget=forms.HiddenInput, required=False
    )

    class Meta:
        model = ConceptVersion
        fields = ("concept", "title", "is_example")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_lock_version"].initial = self.instance.lock_version


class VersionMoveForm(forms.Form):
    """Only the fields the move needs: a deadline to open consultation, the body's decision
    data for decision moves."""

    def __init__(self, *args, version: ConceptVersion, move: Move, **kwargs):
        super().__init__(*args, **kwargs)
        if move.target == VersionStatus.CONSULTATION:
            self.fields["consultation_ends_at"] = forms.DateTimeField(
                label=_("Beteiligung bis"),
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
                help_text=_("Bis zu diesem Zeitpunkt können Mitglieder Änderungen vorschlagen."),
            )
        if move.decision:
            self.fields["body"] = forms.ModelChoiceField(
                label=_("Gremium"),
                queryset=version.concept.bodies.order_by("position", "name"),
                required=False,
                empty_label=gettext("automatisch (das zuständige Gremium)"),
            )
            self.fields["decided_on"] = forms.DateField(
                label=_("Datum"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields["date_text"] = forms.CharField(
                label=_("Datum (Freitext)"),
                required=False,
                max_length=100,
                help_text=_("Wenn das genaue Datum nicht bekannt ist, z. B. „Frühjahr 2011“."),
            )
            self.fields["council_paper_reference"] = forms.CharField(
                label=_("Drucksache"),
                required=False,
                max_length=100,
                help_text=_("z. B. „DS 123/2011“"),
            )
            self.fields["note"] = forms.CharField(
                label=_("Notiz"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )


class NextVersionForm(forms.Form):
    title = forms.CharField(
        label=_("Bezeichnung der neuen Version"), required=False, max_length=200
    )


MOVE_EXPLANATIONS = {
    VersionStatus.CONSULTATION: _(
        "Die Mitglieder der Arbeitsgruppen können bis zum Fristende Änderungen vorschlagen."
    ),
    VersionStatus.CONSULTATION_CLOSED: _(
        "Danach können keine Änderungsvorschläge mehr eingereicht werden."
    ),
    VersionStatus.COUNCIL_REVIEW: _(
        "Die Version wird eingefroren: Text und Abschnitte sind danach unveränderlich, ihre "
        "Momentaufnahme und Prüfsumme werden gespeichert."
    ),
    VersionStatus.APPROVED: _(
        "Eine bisher beschlossene Version dieses Konzepts wird als abgelöst markiert."
    ),
}


@admin.register(ConceptVersion)
class ConceptVersionAdmin(ServiceErrorsMixin, WorkflowPageMixin, AuditTrailAdmin):
    form = ConceptVersionForm
    workflow_template = WORKFLOW_TEMPLATE
    list_display = (
        "__str__",
        "concept",
        "status",
        "status_changed_at",
        "consultation_ends_at",
        "frozen",
        "checksum_short",
        "section_count",
        "is_example",
    )
    list_filter = ("status", "concept", "is_example")
    search_fields = ("title", "=number", "council_paper_reference", "checksum")
    list_select_related = ("concept",)
    ordering = ("concept", "-number")
    inlines = [SectionInline]
    actions = ["create_next_version"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("snapshot")
            .annotate(_section_count=Count("sections"))
        )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return ((None, {"fields": ("concept", "title", "is_example")}),)
        main = ["concept", "number", "title", "is_example"]
        if obj.text_editable and self.has_change_permission(request, obj):
            main.append("seen_lock_version")
        return (
            (None, {"fields": main}),
            (
                _("Status und Beschluss"),
                {
                    "fields": (
                        "status",
                        "status_changed_at",
                        "consultation_ends_at",
                        "council_paper_reference",
                        "amendment_summary",
                    )
                },
            ),
            (_("Einfrieren"), {"fields": ("frozen_at", "checksum", "snapshot_info")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        fields = [
            "concept",
            "number",
            "status",
            "status_changed_at",
            "consultation_ends_at",
            "council_paper_reference",
            "amendment_summary",
            "frozen_at",
            "checksum",
            "snapshot_info",
        ]
        if not obj.text_editable:
            fields += ["title", "is_example"]
        return fields

    def has_delete_permission(self, request, obj=None):
        """Only a draft may go: later versions carry amendments, decisions or a snapshot."""
        if obj is not None and not obj.text_editable:
            return False
        return super().has_delete_permission(request, obj)

    # --- columns and read-only fields ---

    @admin.display(description=_("eingefroren"), boolean=True, ordering="frozen_at")
    def frozen(self, obj: ConceptVersion) -> bool:
        return obj.is_frozen

    @admin.display(description=_("Prüfsumme"))
    def checksum_short(self, obj: ConceptVersion) -> str:
        return obj.checksum_prefix

    @admin.display(description=_("Abschnitte"), ordering="_section_count")
    def section_count(self, obj: ConceptVersion) -> int:
        return obj._section_count

    @admin.display(description=_("Momentaufnahme"))
    def snapshot_info(self, obj: ConceptVersion) -> str:
        if obj.snapshot is None:
            return gettext("Noch keine: Sie entsteht bei der Vorlage im Integrationsrat.")
        size = len(obj.snapshot.encode("utf-8"))
        url = reverse("admin:concept_conceptversion_snapshot", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a>',
            url,
            gettext("Kanonisches JSON herunterladen (%(size)s)") % {"size": filesizeformat(size)},
        )

    @admin.display(description=_("Änderungsvorschläge"))
    def amendment_summary(self, obj: ConceptVersion) -> str:
        total = obj.amendments.exclude(status=AmendmentStatus.DRAFT).count()
        url = reverse("admin:concept_amendment_changelist") + f"?version__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">{}</a>',
            url,
            ngettext(
                "%(count)s eingereichter Vorschlag", "%(count)s eingereichte Vorschläge", total
            )
            % {"count": total},
        )

    # --- saving: through the services ---

    def save_model(self, request, obj, form, change):
        if not change:
            created = version_create(
                concept=obj.concept, title=obj.title, is_example=obj.is_example
            )
            copy_columns(obj, created)
            return
        try:
            saved = version_update(
                version=obj,
                title=obj.title,
                is_example=obj.is_example,
                seen_lock_version=form.cleaned_data.get("seen_lock_version"),
            )
        except ValidationError as exc:
            raise FormRefusal(exc) from exc
        copy_columns(obj, saved)

    def save_formset(self, request, form, formset, change):
        if formset.model is Section:
            save_section_formset(formset, version=form.instance)
        else:
            super().save_formset(request, form, formset, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            version = self.get_object(request, unquote(object_id))
            if (
                version is not None
                and not version.text_editable
                and self.has_change_permission(request, version)
            ):
                messages.error(request, locked_message(version))
                return HttpResponseRedirect(request.get_full_path())
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            context.update(self._workflow_context(request, obj))
            if not obj.text_editable:
                context.update(LOCKED_CONTEXT, locked_notice=locked_message(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _workflow_context(self, request, version: ConceptVersion) -> dict:
        """Buttons for the moves the table allows from here; none for view-only users."""
        moves = []
        if self.has_change_permission(request, version):
            moves = [
                {
                    "label": move.label,
                    "url": reverse(
                        "admin:concept_conceptversion_move", args=[version.pk, move.target]
                    ),
                }
                for move in moves_from(VERSION_MOVES, version.status)
            ]
        next_url = None
        if not version.text_editable and self.has_add_permission(request):
            next_url = reverse("admin:concept_conceptversion_next", args=[version.pk])
        return {"version_moves": moves, "next_version_url": next_url}

    # --- workflow pages ---

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/move/<str:target>/",
                view(self.move_view),
                name="{}_{}_move".format(*info),
            ),
            path("<path:object_id>/next/", view(self.next_view), name="{}_{}_next".format(*info)),
            path(
                "<path:object_id>/snapshot/",
                view(self.snapshot_view),
                name="{}_{}_snapshot".format(*info),
            ),
            *super().get_urls(),
        ]

    def _version_or_404(self, request, object_id) -> ConceptVersion:
        version = self.get_object(request, unquote(object_id))
        if version is None:
            raise Http404(gettext("Diese Version gibt es nicht."))
        return version

    def _change_url(self, version: ConceptVersion) -> str:
        return reverse("admin:concept_conceptversion_change", args=[version.pk])

    def move_view(self, request, object_id, target):
        version = self._version_or_404(request, object_id)
        if not self.has_change_permission(request, version):
            raise PermissionDenied
        if target not in VersionStatus.values:
            raise Http404(gettext("Diesen Status gibt es nicht."))
        try:
            move = version_move(version, target)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return HttpResponseRedirect(self._change_url(version))
        data = request.POST if request.method == "POST" else None
        form = VersionMoveForm(data, version=version, move=move)
        if request.method == "POST" and form.is_valid():
            try:
                version_transition(version=version, to=target, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                self.log_change(
                    request, version, gettext("Status: %s") % version.get_status_display()
                )
                messages.success(
                    request,
                    gettext("Version %(number)s: %(status)s.")
                    % {"number": version.number, "status": version.get_status_display()},
                )
            return HttpResponseRedirect(self._change_url(version))
        return self._workflow_page(
            request,
            version,
            title=gettext("%(version)s: %(move)s") % {"version": version, "move": move.label},
            form=form,
            submit_label=move.label,
            explanation=MOVE_EXPLANATIONS.get(target, ""),
        )

    def next_view(self, request, object_id):
        version = self._version_or_404(request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = NextVersionForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                created = version_create_next(version=version, title=form.cleaned_data["title"])
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                return HttpResponseRedirect(self._change_url(version))
            self.log_addition(request, created, [{"added": {}}])
            messages.success(
                request,
                gettext("Version %(number)s ist als Entwurf angelegt.")
                % {"number": created.number},
            )
            return HttpResponseRedirect(self._change_url(created))
        return self._workflow_page(
            request,
            version,
            title=gettext("Nächste Version nach %(version)s anlegen") % {"version": version},
            form=form,
            submit_label=gettext("Nächste Version anlegen"),
            explanation=gettext(
                "Der neue Entwurf übernimmt die Abschnitte und Zitate dieser Version; eine noch "
                "laufende Beteiligung wird beendet."
            ),
        )

    def snapshot_view(self, request, object_id):
        version = self._version_or_404(request, object_id)
        if not self.has_view_permission(request, version):
            raise PermissionDenied
        if version.snapshot is None:
            raise Http404(gettext("Diese Version ist nicht eingefroren."))
        response = HttpResponse(
            version.snapshot.encode("utf-8"), content_type="application/json; charset=utf-8"
        )
        filename = f"{version.concept.slug}-version-{version.number}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description=_("Nächste Version anlegen"), permissions=["add"])
    def create_next_version(self, request, queryset):
        for version in queryset.order_by("concept", "number"):
            try:
                created = version_create_next(version=version)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                self.log_addition(request, created, [{"added": {}}])
                messages.success(
                    request,
                    gettext("Version %(number)s ist als Entwurf angelegt.")
                    % {"number": created.number},
                )


class DraftSectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return gettext("Version %(number)s: %(section)s") % {
            "number": obj.version.number,
            "section": obj,
        }


class SectionAddForm(forms.ModelForm):
    after = DraftSectionChoiceField(
        label=_("Einfügen nach"),
        queryset=Section.objects.filter(version__status=VersionStatus.DRAFT)
        .select_related("version")
        .order_by("version__number", "position"),
        required=False,
        empty_label=_("am Ende der Version"),
        help_text=_("Die folgenden Abschnitte rücken eine Position weiter."),
    )

    class Meta:
        model = Section
        fields = ("version", *SECTION_TEXT_FIELDS)

    def clean(self):
        cleaned = super().clean()
        after, version = cleaned.get("after"), cleaned.get("version")
        if after and version and after.version_id != version.pk:
            self.add_error("after", gettext("Der Abschnitt gehört nicht zu dieser Version."))
        return cleaned


@admin.register(Section)
class SectionAdmin(ServiceErrorsMixin, AuditTrailAdmin):
    list_display = ("number", "title", "version", "level", "position")
    list_filter = (("version", admin.RelatedOnlyFieldListFilter), "level")
    search_fields = ("number", "title", "body", "key")
    list_select_related = ("version",)
    ordering = ("version__concept", "-version__number", "position")

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            head = ("version", "after", ("number", "level"), "title")
        else:
            head = ("version", ("number", "level", "position"), "title", "key")
        return (
            (None, {"fields": head}),
            (_("Text"), {"fields": ("body", "easy_language_summary")}),
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = SectionAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if not obj.version.text_editable:
            return (
                "version",
                "number",
                "position",
                "level",
                "title",
                "key",
                "body",
                "easy_language_summary",
            )
        return ("version", "position", "key")

    def save_model(self, request, obj, form, change):
        if change:
            saved = section_update(section=obj, **section_text(obj, form.changed_data))
        else:
            saved = section_create(
                version=obj.version, after=form.cleaned_data.get("after"), **section_text(obj)
            )
        copy_columns(obj, saved)

    def delete_model(self, request, obj):
        section_delete(section=obj)

    def delete_queryset(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            section_delete(section=Section.objects.get(pk=pk))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = ConceptVersion.objects.filter(status=VersionStatus.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """Autocomplete offers only sections that can take the relation: a measure cites
        sections of the draft, an amendment targets a section in consultation."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        source = (request.GET.get("app_label"), request.GET.get("model_name"))
        field = request.GET.get("field_name")
        if source == ("measures", "measure") and field == "cited_sections":
            queryset = queryset.filter(version__status=VersionStatus.DRAFT)
        elif source == ("concept", "amendment") and field == "section":
            queryset = queryset.filter(version__status=VersionStatus.CONSULTATION)
        return queryset, may_have_duplicates

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.version.text_editable:
            return False
        return super().has_delete_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            section = self.get_object(request, unquote(object_id))
            if (
                section is not None
                and not section.version.text_editable
                and self.has_change_permission(request, section)
            ):
                messages.error(request, locked_message(section.version))
                return HttpResponseRedirect(request.get_full_path())
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and not obj.version.text_editable:
            context.update(LOCKED_CONTEXT)
        return super().render_change_form(request, context, add, change, form_url, obj)


# --- amendments and milestones ----------------------------------------------------------------


class AmendmentAddForm(forms.ModelForm):
    """The officer enters a proposal on a member's behalf (e.g. from the conference)."""

    class Meta:
        model = Amendment
        fields = (
            "section",
            "author",
            "kind",
            "passage",
            "proposed_text",
            "rationale",
            "is_example",
        )

    def clean_section(self):
        section = self.cleaned_data["section"]
        if not section.version.accepts_amendments(timezone.now()):
            raise ValidationError(
                gettext(
                    "Vorschläge sind nur zu Abschnitten einer Version in Beteiligung möglich, "
                    "solange die Frist läuft."
                )
            )
        return section


class ModerationFilter(admin.SimpleListFilter):
    title = _("Moderation")
    parameter_name = "moderation"

    def lookups(self, request, model_admin):
        return (
            ("offen", _("zu entscheiden")),
            ("entschieden", _("entschieden")),
            ("einzuarbeiten", _("angenommen, noch nicht eingearbeitet")),
        )

    def queryset(self, request, queryset):
        match self.value():
            case "offen":
                return queryset.undecided()
            case "entschieden":
                return queryset.filter(status__in=AMENDMENT_DECIDED)
            case "einzuarbeiten":
                return queryset.filter(status__in=AMENDMENT_ADOPTING, incorporated_in__isnull=True)
        return queryset


TEXTAREA = forms.Textarea(attrs={"rows": 6, "cols": 80})


class AmendmentDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[
            (s.value, s.label)
            for s in (
                AmendmentStatus.ACCEPTED,
                AmendmentStatus.PARTIALLY_ACCEPTED,
                AmendmentStatus.REJECTED,
            )
        ],
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(
        label=_("Begründung (öffentlich)"),
        widget=TEXTAREA,
        max_length=TEXT_MAX,
        help_text=_("Erscheint beim Vorschlag, in der Synopse und in der E-Mail an die Person."),
    )
    adopted_text = forms.CharField(
        label=_("Übernommene Fassung"),
        widget=TEXTAREA,
        required=False,
        max_length=TEXT_MAX,
        help_text=_("Nur bei teilweiser Annahme: der Text, der tatsächlich übernommen wird."),
    )
    seen_lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        partial = cleaned.get("status") == AmendmentStatus.PARTIALLY_ACCEPTED
        if partial and not cleaned.get("adopted_text", "").strip():
            self.add_error(
                "adopted_text",
                gettext("Bitte geben Sie bei teilweiser Annahme die übernommene Fassung an."),
            )
        if not cleaned.get("reasoning", "x").strip():
            self.add_error("reasoning", gettext("Bitte begründen Sie die Entscheidung."))
        return cleaned


class AmendmentBulkDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Entscheidung für alle"),
        choices=[(s.value, s.label) for s in (AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED)],
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(
        label=_("Gemeinsame Begründung (öffentlich)"), widget=TEXTAREA, max_length=TEXT_MAX
    )
    # "id:lock_version,…" as the officer saw the list: a change in between refuses all.
    seen = forms.CharField(widget=forms.HiddenInput)

    def clean_reasoning(self):
        reasoning = self.cleaned_data["reasoning"].strip()
        if not reasoning:
            raise ValidationError(gettext("Bitte begründen Sie die Entscheidung."))
        return reasoning

    def clean_seen(self):
        try:
            pairs = [item.split(":") for item in self.cleaned_data["seen"].split(",")]
            return {int(pk): int(lock) for pk, lock in pairs}
        except ValueError:
            raise ValidationError(
                gettext("Die Auswahl ist unvollständig. Bitte wählen Sie die Vorschläge erneut.")
            ) from None


class WorkInForm(forms.Form):
    body = forms.CharField(
        label=_("Neuer Text des Abschnitts (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 80}),
        required=False,
    )
    # The text the officer started from; browsers send line breaks as CRLF.
    seen_body = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    def clean_body(self):
        return self.cleaned_data["body"].replace("\r\n", "\n")

    def clean_seen_body(self):
        return self.cleaned_data["seen_body"].replace("\r\n", "\n")


def seen_lock_versions(amendments) -> str:
    return ",".join(f"{a.pk}:{a.lock_version}" for a in amendments)


@admin.register(Amendment)
class AmendmentAdmin(ServiceErrorsMixin, WorkflowPageMixin, AuditTrailAdmin):
    """The moderation queue: filter "Moderation: zu entscheiden", sorted by version, section
    and age; decisions through `amendment_decide` / `amendments_decide`."""

    workflow_template = WORKFLOW_TEMPLATE
    workflow_details_template = "admin/concept/amendment/details.html"
    list_display = (
        "proposal",
        "version",
        "section",
        "status",
        "kind",
        "working_group_name",
        "proposer",
        "age",
    )
    list_filter = (
        ModerationFilter,
        "status",
        "kind",
        ("version", admin.RelatedOnlyFieldListFilter),
        "working_group_name",
        "is_example",
    )
    search_fields = (
        "proposed_text",
        "passage",
        "rationale",
        "section__number",
        "section__title",
        "working_group_name",
        "organisation_name",
        "author_name",
        "decision_reasoning",
    )
    ordering = ("-version__number", "section__position", "submitted_at")
    date_hierarchy = "submitted_at"
    list_select_related = ("version", "section")
    autocomplete_fields = ("section", "author")
    actions = ["review_start", "decide_many"]
    change_fieldsets = (
        (None, {"fields": ("version", "section", "kind", "status", "author", "proposer_label")}),
        (_("Vorschlag"), {"fields": ("passage", "proposed_text", "rationale")}),
        (
            _("Angaben bei Einreichung"),
            {"fields": ("organisation_name", "working_group_name", "author_name", "submitted_at")},
        ),
        (
            _("Entscheidung"),
            {
                "fields": (
                    "decided_at",
                    "decided_by",
                    "decision_reasoning",
                    "adopted_text",
                    "incorporated_in",
                )
            },
        ),
        (_("Verwaltung"), {"fields": ("is_example", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (None, {"fields": ("section", "author", "kind")}),
        (_("Vorschlag"), {"fields": ("passage", "proposed_text", "rationale")}),
        (_("Verwaltung"), {"fields": ("is_example",)}),
    )

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else self.change_fieldsets

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = AmendmentAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        """The member's text is theirs; status changes only through the workflow pages."""
        if obj is None:
            return ()
        return [
            name
            for fieldset in self.change_fieldsets
            for name in fieldset[1]["fields"]
            if name != "is_example"
        ]

    @admin.display(description=_("Vorschlag"), ordering="pk")
    def proposal(self, obj: Amendment) -> str:
        return gettext("Vorschlag %(id)s") % {"id": obj.pk}

    @admin.display(description=_("Vorgeschlagen von"))
    def proposer(self, obj: Amendment) -> str:
        return obj.proposer_label

    @admin.display(description=_("Öffentlich angezeigt als"))
    def proposer_label(self, obj: Amendment) -> str:
        return obj.proposer_label

    @admin.display(description=_("Eingereicht"), ordering="submitted_at")
    def age(self, obj: Amendment) -> str:
        if obj.submitted_at is None:
            return "–"
        days = (timezone.now() - obj.submitted_at).days
        if days < 1:
            return gettext("heute")
        return ngettext("vor %(days)s Tag", "vor %(days)s Tagen", days) % {"days": days}

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = amendment_create(
            section=obj.section,
            author=obj.author or request.user,
            kind=obj.kind,
            passage=obj.passage,
            proposed_text=obj.proposed_text,
            rationale=obj.rationale,
            is_example=obj.is_example,
        )
        copy_columns(obj, created)

    # --- workflow: review, decide (one or many), work into the next draft ---

    @admin.action(
        description=_("In Prüfung nehmen"),
        permissions=["change"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def review_start(self, request, queryset):
        started = 0
        for amendment in queryset:
            try:
                amendment_review_start(amendment=amendment, by=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, f"{amendment}: {message}")
            else:
                started += 1
        if started:
            messages.success(
                request,
                ngettext(
                    "%(count)s Vorschlag ist jetzt in Prüfung.",
                    "%(count)s Vorschläge sind jetzt in Prüfung.",
                    started,
                )
                % {"count": started},
            )

    @admin.action(description=_("Gemeinsam entscheiden …"), permissions=["change"])
    def decide_many(self, request, queryset):
        """An intermediate page: one decision, one public reasoning, for all selected."""
        amendments = list(queryset.select_related("section", "version").order_by("pk"))
        undecided = [a for a in amendments if a.status in AMENDMENT_UNDECIDED]
        if len(undecided) != len(amendments):
            messages.error(
                request,
                gettext(
                    "Gemeinsam entschieden werden können nur eingereichte oder in Prüfung "
                    "befindliche Vorschläge; bitte passen Sie die Auswahl an."
                ),
            )
            return None
        if "apply" in request.POST:
            form = AmendmentBulkDecisionForm(request.POST)
            if form.is_valid() and set(form.cleaned_data["seen"]) == {a.pk for a in amendments}:
                decided = amendments_decide(
                    seen=form.cleaned_data["seen"],
                    by=request.user,
                    status=form.cleaned_data["status"],
                    reasoning=form.cleaned_data["reasoning"],
                )
                for amendment in decided:
                    self.log_change(request, amendment, amendment.get_status_display())
                messages.success(
                    request,
                    ngettext(
                        "%(count)s Vorschlag ist entschieden.",
                        "%(count)s Vorschläge sind entschieden.",
                        len(decided),
                    )
                    % {"count": len(decided)},
                )
                return None
            if form.is_valid():
                form.add_error(None, gettext("Die Auswahl hat sich geändert. Bitte erneut wählen."))
        else:
            form = AmendmentBulkDecisionForm(initial={"seen": seen_lock_versions(amendments)})
        carry = [("action", "decide_many"), ("apply", "1")] + [
            (ACTION_CHECKBOX_NAME, a.pk) for a in amendments
        ]
        return self._workflow_page(
            request,
            None,
            title=gettext("Vorschläge gemeinsam entscheiden"),
            form=form,
            submit_label=gettext("Entscheidung speichern"),
            explanation=gettext(
                "Alle gewählten Vorschläge erhalten dieselbe Entscheidung und Begründung; die "
                "Einreichenden werden per E-Mail benachrichtigt."
            ),
            cancel_url=reverse("admin:concept_amendment_changelist"),
            amendments=amendments,
            carry=carry,
            details_template="admin/concept/amendment/list_details.html",
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/entscheiden/",
                view(self.decide_view),
                name="{}_{}_decide".format(*info),
            ),
            path(
                "<path:object_id>/einarbeiten/",
                view(self.work_in_view),
                name="{}_{}_work_in".format(*info),
            ),
            *super().get_urls(),
        ]

    def _amendment_or_404(self, request, object_id) -> Amendment:
        amendment = self.get_object(request, unquote(object_id))
        if amendment is None:
            raise Http404(gettext("Diesen Vorschlag gibt es nicht."))
        if not self.has_change_permission(request, amendment):
            raise PermissionDenied
        return amendment

    def _change_url(self, amendment: Amendment) -> str:
        return reverse("admin:concept_amendment_change", args=[amendment.pk])

    def decide_view(self, request, object_id):
        amendment = self._amendment_or_404(request, object_id)
        if amendment.status not in AMENDMENT_UNDECIDED:
            messages.error(
                request,
                gettext("Über diesen Vorschlag ist bereits entschieden („%(status)s“).")
                % {"status": amendment.get_status_display()},
            )
            return HttpResponseRedirect(self._change_url(amendment))
        if request.method == "POST":
            form = AmendmentDecisionForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    decided = amendment_decide(
                        amendment=amendment,
                        by=request.user,
                        status=data["status"],
                        reasoning=data["reasoning"],
                        adopted_text=data["adopted_text"],
                        lock_version=data["seen_lock_version"],
                    )
                except ValidationError as exc:
                    for message in exc.messages:
                        messages.error(request, message)
                    return HttpResponseRedirect(self._change_url(amendment))
                self.log_change(request, decided, decided.get_status_display())
                messages.success(
                    request,
                    gettext("%(amendment)s: %(status)s. Die Person wird benachrichtigt.")
                    % {"amendment": decided, "status": decided.get_status_display()},
                )
                return HttpResponseRedirect(
                    reverse("admin:concept_amendment_changelist") + "?moderation=offen"
                )
        else:
            form = AmendmentDecisionForm(
                initial={
                    "seen_lock_version": amendment.lock_version,
                    "adopted_text": amendment.proposed_text,
                }
            )
        return self._workflow_page(
            request,
            amendment,
            title=gettext("%(amendment)s entscheiden") % {"amendment": amendment},
            form=form,
            submit_label=gettext("Entscheidung speichern"),
            explanation=gettext(
                "Ein eingereichter Vorschlag wird dabei in Prüfung genommen; sein Text ist "
                "danach gesperrt. Die Entscheidung und ihre Begründung sind öffentlich."
            ),
        )

    def work_in_view(self, request, object_id):
        amendment = self._amendment_or_404(request, object_id)
        section = draft_section_for(amendment)
        if section is None:
            messages.error(
                request,
                gettext(
                    "Es gibt keinen Entwurf mit diesem Abschnitt. Legen Sie zuerst die nächste "
                    "Version an."
                ),
            )
            return HttpResponseRedirect(self._change_url(amendment))
        if request.method == "POST":
            form = WorkInForm(request.POST)
            if form.is_valid():
                try:
                    amendment_work_in(
                        amendment=amendment,
                        section=section,
                        body=form.cleaned_data["body"],
                        seen_body=form.cleaned_data["seen_body"],
                    )
                except ValidationError as exc:
                    for message in exc.messages:
                        messages.error(request, message)
                    return HttpResponseRedirect(request.get_full_path())
                self.log_change(
                    request,
                    amendment,
                    gettext("Eingearbeitet in Version %(number)s")
                    % {"number": section.version.number},
                )
                messages.success(
                    request,
                    gettext("%(amendment)s ist in Version %(number)s eingearbeitet.")
                    % {"amendment": amendment, "number": section.version.number},
                )
                return HttpResponseRedirect(
                    reverse("admin:concept_conceptversion_change", args=[section.version_id])
                )
        else:
            form = WorkInForm(initial={"body": section.body, "seen_body": section.body})
        return self._workflow_page(
            request,
            amendment,
            title=gettext("%(amendment)s in Version %(number)s einarbeiten")
            % {"amendment": amendment, "number": section.version.number},
            form=form,
            submit_label=gettext("Text speichern und als eingearbeitet vermerken"),
            explanation=gettext(
                "Abschnitt %(section)s im Entwurf. Der Vorschlag wird mit der Version verknüpft, "
                "die ihn eingearbeitet hat; der öffentliche Vergleich zeigt ihn dann bei der "
                "Änderung."
            )
            % {"section": section},
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            tools = []
            if obj.status in AMENDMENT_UNDECIDED:
                tools.append(
                    (reverse("admin:concept_amendment_decide", args=[obj.pk]), _("Entscheiden"))
                )
            if obj.status in AMENDMENT_ADOPTING and draft_section_for(obj) is not None:
                tools.append(
                    (
                        reverse("admin:concept_amendment_work_in", args=[obj.pk]),
                        _("In den Entwurf einarbeiten"),
                    )
                )
            context["amendment_tools"] = tools
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Milestone)
class MilestoneAdmin(ServiceErrorsMixin, AuditTrailAdmin):
    list_display = (
        "title",
        "date_column",
        "kind",
        "body",
        "outcome",
        "version",
        "council_paper_reference",
    )
    list_filter = ("kind", "outcome", "body", "concept", "is_example")
    search_fields = ("title", "description", "place", "council_paper_reference", "date_text")
    date_hierarchy = "date"
    list_select_related = ("body", "version")
    ordering = ("concept", "position", "date")
    fieldsets = (
        (None, {"fields": ("concept", "title", "kind", "body", "version")}),
        (_("Wann und wo"), {"fields": ("date", "date_text", "place", "position")}),
        (_("Ergebnis"), {"fields": ("outcome", "council_paper_reference", "description")}),
        (_("Verwaltung"), {"fields": ("is_example",)}),
    )

    @admin.display(description=_("Datum"), ordering="date")
    def date_column(self, obj: Milestone) -> str:
        return obj.date_label


@admin.register(IssuedFile)
class IssuedFileAdmin(RegisterAdminMixin, admin.ModelAdmin):
    """The register of issued files: written once by `concept.issuing`, never edited."""

    list_display = ("version", "document", "format", "size", "sha256", "created_at")
    list_filter = ("document", "format", ("version", admin.RelatedOnlyFieldListFilter))
    search_fields = ("sha256", "sha512")
    list_select_related = ("version",)
    date_hierarchy = "created_at"
