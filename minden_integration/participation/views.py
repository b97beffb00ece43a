"""Members propose amendments: write a draft, change it, submit it, withdraw it.

Only members of a working group of the current concept get here: another account gets a 403,
a visitor the login. A member only ever reaches their own amendments: anyone else's is a 404,
like an id that does not exist, so nobody learns which ids exist. Every write goes through
`concept.services`; what a service refuses becomes a message next to the form (status 400).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from concept.models import (
    AMENDMENT_DECIDED,
    AMENDMENT_MOVES,
    TEXT_MAX,
    Amendment,
    AmendmentStatus,
    AmendmentSubmittedAs,
    Concept,
    Section,
    VersionStatus,
    find_move,
)
from concept.selectors import current_consultation
from concept.services import (
    amendment_create,
    amendment_submit,
    amendment_update,
    amendment_withdraw,
)
from minden_integration.participation.forms import (
    AmendmentEditForm,
    AmendmentForm,
    SubmitForm,
    proposer_preview,
)
from workgroups.models import Membership
from workgroups.selectors import is_member, memberships_of


def amendment_create_url(section_id: int) -> str:
    return reverse("participation:amendment-create", kwargs={"section_id": section_id})


def _edit_url(amendment: Amendment) -> str:
    return reverse("participation:amendment-edit", kwargs={"pk": amendment.pk})


def _public_url(amendment: Amendment) -> str:
    """Where the public record shows it: only once it has been submitted."""
    if amendment.submitted_at is None:
        return ""
    return f"{amendment.version.get_absolute_url()}#vorschlag-{amendment.pk}"


def add_service_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal as form errors: at its field if the form has one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def participate(request):
    """/mitmachen/: how to take part, and for a member where to propose right now."""
    concept = Concept.objects.current()
    consultation = current_consultation(concept)
    member = is_member(request.user, concept)
    context = {
        "concept": concept,
        "consultation": consultation,
        "is_member": member,
        "proposing_version": consultation if member else None,
    }
    return render(request, "pages/participate.html", context)


class MemberRequiredMixin(LoginRequiredMixin):
    """Logged in and a member of a working group of the current concept."""

    concept: Concept | None
    memberships: list[Membership]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.concept = Concept.objects.current()
            self.memberships = list(memberships_of(request.user, self.concept))
            if not self.memberships:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def own_amendments(self) -> QuerySet[Amendment]:
        return Amendment.objects.filter(author=self.request.user, version__concept=self.concept)

    def own_amendment_or_404(self) -> Amendment:
        return get_object_or_404(
            self.own_amendments().select_related("version", "section").defer("version__snapshot"),
            pk=self.kwargs["pk"],
        )


# --- proposing ----------------------------------------------------------------------------------


class AmendmentCreateView(MemberRequiredMixin, View):
    """A new amendment to one section, saved as the member's draft."""

    template_name = "participation/amendment_form.html"

    def section_or_404(self) -> Section:
        """A section of a public version of the current concept; drafts are not found."""
        return get_object_or_404(
            Section.objects.filter(version__concept=self.concept)
            .exclude(version__status=VersionStatus.DRAFT)
            .select_related("version")
            .defer("version__snapshot"),
            pk=self.kwargs["section_id"],
        )

    def form(self, section: Section, data=None) -> AmendmentForm:
        initial = {"passage": section.body if len(section.body) <= TEXT_MAX else ""}
        return AmendmentForm(data, initial=initial)

    def render(self, section: Section, form: AmendmentForm, *, status: int = 200):
        return render(
            self.request,
            self.template_name,
            {
                "section": section,
                "version": section.version,
                "form": form,
                "accepting": section.version.accepts_amendments(timezone.now()),
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        section = self.section_or_404()
        return self.render(section, self.form(section))

    def post(self, request, *args, **kwargs):
        section = self.section_or_404()
        form = self.form(section, request.POST)
        if form.is_valid():
            try:
                amendment = amendment_create(
                    section=section, author=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Ihr Entwurf ist gespeichert. Öffentlich wird er erst, wenn Sie ihn "
                        "einreichen."
                    ),
                )
                return redirect(_edit_url(amendment))
        return self.render(section, form, status=400)


# --- the member's own amendments ----------------------------------------------------------------


class AmendmentListView(MemberRequiredMixin, ListView):
    template_name = "participation/amendment_list.html"
    context_object_name = "amendments"
    paginate_by = 25
    page_kwarg = "seite"

    def get_queryset(self):
        return self.own_amendments().for_author_list()

    def paginate_queryset(self, queryset, page_size):
        """A page number that is no number gives the first page, one too high the last."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(
            consultation=current_consultation(self.concept),
            page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        )
        return context


def _withdrawable(amendment: Amendment) -> bool:
    return find_move(AMENDMENT_MOVES, amendment.status, AmendmentStatus.WITHDRAWN) is not None


def _locked_notice(amendment: Amendment, *, accepting: bool) -> str:
    if amendment.status == AmendmentStatus.WITHDRAWN:
        return _("Sie haben diesen Vorschlag zurückgezogen.")
    if amendment.status == AmendmentStatus.IN_REVIEW:
        return _(
            "Ihr Vorschlag ist in Prüfung. Sein Text ist gesperrt: Sie können ihn nicht mehr "
            "ändern oder zurückziehen."
        )
    if amendment.status in AMENDMENT_DECIDED:
        return _("Über Ihren Vorschlag ist entschieden. Sein Text kann nicht mehr geändert werden.")
    if not accepting:
        return _("Die Beteiligungsfrist ist abgelaufen. Der Text kann nicht mehr geändert werden.")
    return ""


class AmendmentPageMixin(MemberRequiredMixin):
    """The page of one own amendment: its form while it may change, else the text read-only."""

    template_name = "participation/amendment_edit.html"

    def edit_form(self, amendment: Amendment, data=None) -> AmendmentEditForm:
        initial = {
            "kind": amendment.kind,
            "passage": amendment.passage,
            "proposed_text": amendment.proposed_text,
            "rationale": amendment.rationale,
            "lock_version": amendment.lock_version,
        }
        return AmendmentEditForm(data, initial=initial)

    def render_page(
        self,
        amendment: Amendment,
        *,
        form: AmendmentEditForm | None = None,
        submit_form: SubmitForm | None = None,
        status: int = 200,
    ):
        accepting = amendment.version.accepts_amendments(timezone.now())
        can_edit = amendment.is_editable and accepting
        can_submit = amendment.status == AmendmentStatus.DRAFT and accepting
        # A refusal whose form is no longer shown (the amendment is locked, or no longer a
        # draft) stands above the text.
        choose_membership = len(self.memberships) > 1
        submit_form = submit_form or SubmitForm(memberships=self.memberships)
        errors: list[str] = []
        submit_errors: list[str] = []
        if form is not None and not can_edit:
            errors += [message for found in form.errors.values() for message in found]
        if submit_form.is_bound:
            # The choices show their own errors next to them, when they are offered at all.
            shown_at_field = set()
            if can_submit:
                shown_at_field = {"membership"} if choose_membership else set()
                if submit_form.offers_organisation:
                    shown_at_field.add("submitted_as")
            found = [
                message
                for field, messages_ in submit_form.errors.items()
                if field not in shown_at_field
                for message in messages_
            ]
            if can_submit:
                submit_errors = found
            else:
                errors += found
        context: dict[str, Any] = {
            "amendment": amendment,
            "version": amendment.version,
            "section": amendment.section,
            "form": (form or self.edit_form(amendment)) if can_edit else None,
            "errors": errors,
            "can_edit": can_edit,
            "can_submit": can_submit,
            "can_withdraw": _withdrawable(amendment),
            "is_draft": amendment.status == AmendmentStatus.DRAFT,
            "public_url": _public_url(amendment),
            "locked_notice": _locked_notice(amendment, accepting=accepting),
            "submit_form": submit_form,
            "submit_errors": submit_errors,
            "choose_membership": choose_membership,
            "proposer_preview": proposer_preview(self.memberships[0], AmendmentSubmittedAs.PERSON),
        }
        return render(self.request, self.template_name, context, status=status)


class AmendmentEditView(AmendmentPageMixin, View):
    def get(self, request, *args, **kwargs):
        return self.render_page(self.own_amendment_or_404())

    def post(self, request, *args, **kwargs):
        amendment = self.own_amendment_or_404()
        form = self.edit_form(amendment, request.POST)
        if form.is_valid():
            try:
                amendment_update(
                    amendment=amendment,
                    by=request.user,
                    lock_version=form.cleaned_data["lock_version"],
                    **form.service_arguments(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Ihre Änderungen sind gespeichert."))
                return redirect(_edit_url(amendment))
        return self.render_page(amendment, form=form, status=400)


class AmendmentSubmitView(AmendmentPageMixin, View):
    """Submits the saved draft: from now on it is public, with the group of the membership it
    is submitted for and, as the member chose, as a person (by name only with consent) or on
    behalf of their organisation (`amendment_submit` keeps only what the choice shows)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        amendment = self.own_amendment_or_404()
        submit_form = SubmitForm(request.POST, memberships=self.memberships)
        if submit_form.is_valid():
            membership = submit_form.chosen()
            try:
                amendment_submit(
                    amendment=amendment,
                    by=request.user,
                    submitted_as=submit_form.chosen_submitted_as(),
                    organisation_name=(
                        membership.organisation.name if membership.organisation_id else ""
                    ),
                    working_group_name=membership.working_group.name,
                    author_name=membership.public_name,
                )
            except ValidationError as error:
                add_service_errors(submit_form, error)
            else:
                messages.success(
                    request, _("Ihr Vorschlag ist eingereicht und ab jetzt öffentlich.")
                )
                return redirect(_edit_url(amendment))
        return self.render_page(amendment, submit_form=submit_form, status=400)


class AmendmentWithdrawView(MemberRequiredMixin, View):
    """Asks first (GET), withdraws on POST; possible until the officer takes it into review."""

    template_name = "participation/amendment_confirm_withdraw.html"

    def render_page(self, amendment: Amendment, *, errors=(), status: int = 200):
        can_withdraw = _withdrawable(amendment)
        return render(
            self.request,
            self.template_name,
            {
                "amendment": amendment,
                "can_withdraw": can_withdraw,
                "was_submitted": amendment.submitted_at is not None,
                "errors": list(errors),
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render_page(self.own_amendment_or_404())

    def post(self, request, *args, **kwargs):
        amendment = self.own_amendment_or_404()
        try:
            amendment_withdraw(amendment=amendment, by=request.user)
        except ValidationError as error:
            return self.render_page(amendment, errors=error.messages, status=400)
        messages.success(request, _("Ihr Vorschlag ist zurückgezogen."))
        return redirect("participation:amendment-list")
