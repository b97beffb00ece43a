"""Writes to working groups, memberships and members' accounts."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concept.services import amendments_forget_author_name
from minden_integration.core.roles import CLERK, MEMBER, OFFICER
from minden_integration.core.text import german_datetime
from workgroups.consents import ConsentHow, ConsentPurpose, ConsentRecord, consent_statement
from workgroups.models import Invitation, Membership, Organisation, WorkingGroup

logger = logging.getLogger(__name__)


# The page where an invited member sets a password belongs to the accounts app above this one:
# it registers how to link to it (`AccountsConfig.ready`), so no name of it appears here.
_invitation_link: Callable[[str], str] | None = None


# Accounts of the administration: staff, superusers, and any account holding the officer's or
# the clerk's role (even without staff status). Only superusers manage them, so no member
# service ever touches them.
ADMINISTRATION_ACCOUNTS = (
    Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name__in=[OFFICER, CLERK])
)


def is_administration_account(user: AbstractBaseUser) -> bool:
    return (
        user.is_staff or user.is_superuser or user.groups.filter(name__in=[OFFICER, CLERK]).exists()
    )


def invitation_link_register(build: Callable[[str], str]) -> None:
    global _invitation_link
    _invitation_link = build


# --- consent to be named (Art. 7 DSGVO) -------------------------------------------------------


def _membership_locked(membership: Membership) -> Membership:
    # Ordered by pk: the default ordering joins the nullable organisation, and FOR UPDATE
    # cannot lock the nullable side of an outer join.
    return Membership.objects.select_for_update().order_by("pk").get(pk=membership.pk)


@transaction.atomic
def membership_consent_give(
    *,
    membership: Membership,
    how: str,
    by: AbstractBaseUser | None,
    purpose: str = ConsentPurpose.NAME_PUBLIC,
    text: str | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> ConsentRecord:
    """Record the consent (the declaration's text as shown now, unless `text` says what was
    agreed to elsewhere) and set the membership's flag. A consent in force stays as it is."""
    locked = _membership_locked(membership)
    record = ConsentRecord.objects.in_force().filter(membership=locked, purpose=purpose).first()
    if record is None:
        record = ConsentRecord.objects.create(
            membership=locked,
            purpose=purpose,
            text=text or consent_statement(purpose),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            given_at=now or timezone.now(),
            given_how=how,
            given_by=by,
            note=note,
        )
    if not locked.consent_to_name:
        locked.consent_to_name = True
        locked.save(update_fields=["consent_to_name", "updated_at"])
    membership.consent_to_name = True
    return record


@transaction.atomic
def membership_consent_withdraw(
    *,
    membership: Membership,
    how: str,
    by: AbstractBaseUser | None,
    purpose: str = ConsentPurpose.NAME_PUBLIC,
    now: dt.datetime | None = None,
) -> int:
    """Record the withdrawal and clear the flag: the name goes from every amendment at once.
    Returns how many records were in force (0 or 1)."""
    locked = _membership_locked(membership)
    withdrawn = (
        ConsentRecord.objects.in_force()
        .filter(membership=locked, purpose=purpose)
        .update(withdrawn_at=now or timezone.now(), withdrawn_how=how, withdrawn_by=by)
    )
    if locked.consent_to_name:
        locked.consent_to_name = False
        locked.save(update_fields=["consent_to_name", "updated_at"])
    if locked.user_id:
        amendments_forget_author_name(user=locked.user)
    membership.consent_to_name = False
    return withdrawn


def membership_consent_set(
    *, membership: Membership, consent: bool, how: str, by: AbstractBaseUser | None
) -> None:
    """Give or withdraw the consent to be named, as a form's checkbox says."""
    if consent:
        membership_consent_give(membership=membership, how=how, by=by)
    else:
        membership_consent_withdraw(membership=membership, how=how, by=by)


# --- invitations ------------------------------------------------------------------------------


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().rpartition(" ")
    return (first, last) if first else (last, "")


def _member_user(*, email: str, name: str) -> AbstractBaseUser:
    """The account with this email as username or address, or a new one without a password."""
    User = get_user_model()
    user = (
        User.objects.select_for_update().filter(username=email).first()
        or User.objects.select_for_update().filter(email__iexact=email).order_by("pk").first()
    )
    if user is not None and is_administration_account(user):
        # An invitation sets the account's password: never for an account of the administration.
        raise ValidationError(
            {
                "email": _(
                    "%(email)s gehört zu einem Konto der Verwaltung. Konten der Verwaltung "
                    "werden nicht eingeladen; das verwalten nur Administratoren."
                )
                % {"email": email}
            }
        )
    if user is None:
        first_name, last_name = _split_name(name)
        user = User(
            username=email, email=email, first_name=first_name[:150], last_name=last_name[:150]
        )
        user.set_unusable_password()
        user.save()
    elif not user.is_active:
        raise ValidationError(
            _(
                "Das Konto %(email)s ist deaktiviert. Bitte aktivieren Sie es zuerst unter "
                "„Mitgliederkonten“ („Konto wieder aktivieren“), wenn die Person wieder "
                "mitwirken soll."
            )
            % {"email": email}
        )
    elif not user.email:
        user.email = email
        user.save(update_fields=["email"])
    group, _created = Group.objects.get_or_create(name=MEMBER)
    user.groups.add(group)
    return user


def _member_membership(
    *,
    user: AbstractBaseUser,
    name: str,
    working_group: WorkingGroup,
    organisation: Organisation | None,
) -> Membership:
    """The user's membership in the group; an account-less participant of the same name in the
    group gets the account, otherwise a new membership is created."""
    # Ordered by pk: the default ordering joins the nullable organisation, and FOR UPDATE
    # cannot lock the nullable side of an outer join.
    locked = Membership.objects.select_for_update().order_by("pk")
    membership = locked.filter(working_group=working_group, user=user).first()
    if membership is None and name:
        candidates = list(
            locked.filter(working_group=working_group, user__isnull=True, name__iexact=name)[:2]
        )
        if len(candidates) == 1:
            membership = candidates[0]
    if membership is None:
        membership = Membership(working_group=working_group)
    membership.user = user
    if name:
        membership.name = name
    if organisation is not None:
        membership.organisation = organisation
    membership.full_clean()
    membership.save()
    return membership


def _invitation_email(*, invitation: Invitation, link: str) -> tuple[str, str]:
    membership = invitation.membership
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": membership.name,
            "email": invitation.user.email,
            "working_group": membership.working_group.name,
            "municipality": membership.working_group.concept.municipality,
            "link": link,
            "expires": german_datetime(invitation.expires_at),
            "base_url": settings.PORTAL_BASE_URL,
        }
        subject = _("Einladung zum Beteiligungsportal Integrationskonzept %(municipality)s") % {
            "municipality": context["municipality"]
        }
        body = render_to_string("accounts/emails/invitation.txt", context)
    return subject, body


@transaction.atomic
def member_invite(
    *,
    email: str,
    name: str,
    working_group: WorkingGroup,
    organisation: Organisation | None,
    invited_by: AbstractBaseUser | None,
    now: dt.datetime | None = None,
) -> Invitation:
    """Create (or reuse) the member's account and membership and email a one-time link with
    which they set their password; an older open invitation of the account stops working."""
    now = now or timezone.now()
    email = email.strip().lower()
    name = name.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")}
        ) from None
    user = _member_user(email=email, name=name)
    membership = _member_membership(
        user=user, name=name, working_group=working_group, organisation=organisation
    )
    Invitation.objects.open().filter(user=user).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        membership=membership,
        user=user,
        token_hash=invitation_token_hash(token),
        expires_at=now + dt.timedelta(days=settings.PORTAL_INVITATION_VALID_DAYS),
        invited_by=invited_by,
    )
    subject, body = _invitation_email(invitation=invitation, link=_invitation_link(token))
    recipient = user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))
    return invitation


def invitation_find(*, token: str) -> Invitation | None:
    """The invitation a link's token belongs to, whatever its state."""
    return (
        Invitation.objects.select_related("user", "membership__working_group")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


@transaction.atomic
def invitation_accept(
    *, token: str, password: str, now: dt.datetime | None = None
) -> AbstractBaseUser:
    """Use the link once: set the (already validated) password and mark the invitation used."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("Diesen Einladungslink gibt es nicht."), code="unknown")
    state = invitation.state(now)
    if state != Invitation.State.OPEN:
        raise ValidationError(_("Dieser Einladungslink ist nicht mehr gültig."), code=state)
    user = invitation.user
    if not user.is_active:
        raise ValidationError(_("Dieses Konto ist deaktiviert."), code="inactive")
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    return user


@transaction.atomic
def invitation_resend(
    *, membership: Membership, invited_by: AbstractBaseUser | None, now: dt.datetime | None = None
) -> Invitation:
    """Send a new link to a membership's account (the old one stops working)."""
    membership = (
        Membership.objects.select_related("user", "working_group", "organisation")
        .order_by("pk")
        .get(pk=membership.pk)
    )
    if membership.user_id is None or not membership.user.email:
        raise ValidationError(
            _("%(member)s hat kein Konto mit E-Mail-Adresse; bitte laden Sie die Person ein.")
            % {"member": membership}
        )
    return member_invite(
        email=membership.user.email,
        name=membership.name,
        working_group=membership.working_group,
        organisation=membership.organisation,
        invited_by=invited_by,
        now=now,
    )


def _member_account(user: AbstractBaseUser) -> AbstractBaseUser:
    """The member's account, locked; the administration's accounts are not the officer's to
    manage (least privilege: only superusers manage staff)."""
    locked = get_user_model().objects.select_for_update().get(pk=user.pk)
    if is_administration_account(locked):
        raise ValidationError(
            _("%(user)s ist ein Konto der Verwaltung; das verwalten nur Administratoren.")
            % {"user": locked.get_username()}
        )
    return locked


@transaction.atomic
def member_deactivate(*, user: AbstractBaseUser, now: dt.datetime | None = None) -> None:
    """The member can no longer sign in; open invitations stop working. Memberships, consent
    and the public record stay as they are."""
    locked = _member_account(user)
    Invitation.objects.open().filter(user=locked).update(revoked_at=now or timezone.now())
    if locked.is_active:
        locked.is_active = False
        locked.save(update_fields=["is_active"])


@transaction.atomic
def member_reactivate(*, user: AbstractBaseUser) -> None:
    """The member may sign in again with the password they had (or after a new invitation)."""
    locked = _member_account(user)
    if not locked.is_active:
        locked.is_active = True
        locked.save(update_fields=["is_active"])


# --- deleting an account ----------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user: AbstractBaseUser, by_administrator: bool = False) -> list[int]:
    """Delete an account: the name goes from every amendment (concept's pre_delete handler)
    and from the person's memberships, which stay as anonymous participants of their groups;
    their consents are recorded as withdrawn with the account. Members delete their own; an
    account of the administration only an administrator. Returns the ids of those memberships.
    Called through `accounts.services.account_erase`, which also records the erasure outside
    the database."""
    if not by_administrator and is_administration_account(user):
        raise ValidationError(_("Konten der Verwaltung löschen nur Administratoren im Admin."))
    locked = get_user_model().objects.select_for_update().get(pk=user.pk)
    affected = list(
        Membership.objects.filter(user=locked).order_by("pk").values_list("pk", flat=True)
    )
    locked.delete()
    memberships_anonymise(membership_ids=affected)
    return affected


@transaction.atomic
def memberships_anonymise(
    *, membership_ids: list[int], created_before: dt.datetime | None = None
) -> list[int]:
    """Remove the name and the consent from an erased person's memberships without an account
    (those with one belong to someone); `created_before` leaves alone those created after the
    erasure. Idempotent. Returns the ids it changed."""
    memberships = Membership.objects.filter(pk__in=membership_ids, user__isnull=True).exclude(
        name="", consent_to_name=False
    )
    if created_before is not None:
        memberships = memberships.filter(created_at__lte=created_before)
    changed = list(memberships.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    ConsentRecord.objects.in_force().filter(membership__in=changed).update(
        withdrawn_at=now, withdrawn_how=ConsentHow.ACCOUNT_DELETED, withdrawn_by=None
    )
    Membership.objects.filter(pk__in=changed).update(name="", consent_to_name=False, updated_at=now)
    return changed
