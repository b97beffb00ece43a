"""Writes of the accounts app: the account page's visits, and the accounts of the
administration (the officer's and the clerks'), made from the command line.

Members are invited by the officer (`workgroups.services.member_invite`); staff accounts are
not a role's to make: a superuser (or whoever runs the server) makes them with
`manage.py create_staff`. The account never gets a password from us: its holder sets one
through an emailed link, so no password passes through a terminal, a shell history or a log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from minden_integration.accounts.erasures import Erasure, email_sha256, erasure_log_open
from minden_integration.accounts.models import ProfileVisit
from minden_integration.core.links import portal_url
from minden_integration.core.text import german_datetime
from minden_integration.roles import CLERK, MEMBER, OFFICER, roles_ensure
from workgroups.services import account_delete

# The roles a staff account can have, by the names the command takes.
STAFF_ROLES = {"officer": OFFICER, "clerk": CLERK}


@dataclass(frozen=True)
class StaffAccount:
    user: AbstractBaseUser
    role: str  # the group's name
    created: bool
    reactivated: bool
    # The link is emailed after the commit; None when none was sent.
    link_expires: dt.datetime | None


def staff_role_group_name(role: str) -> str:
    try:
        return STAFF_ROLES[role.strip().lower()]
    except KeyError:
        raise ValidationError(
            _("Unbekannte Rolle „%(role)s“. Möglich sind: %(roles)s.")
            % {"role": role, "roles": ", ".join(STAFF_ROLES)}
        ) from None


@transaction.atomic
def staff_account_ensure(*, email: str, role: str, send_link: bool = False) -> StaffAccount:
    """Make the account with this address a staff account with exactly this role (an officer
    or a clerk), creating it if need be; never a superuser. Idempotent. While the account has
    no password, or when `send_link` asks for it, its holder is emailed a link to set one."""
    group_name = staff_role_group_name(role)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("„%(email)s“ ist keine gültige E-Mail-Adresse.") % {"email": email}
        ) from None
    groups = roles_ensure()
    User = get_user_model()
    user = (
        User.objects.select_for_update().filter(username=email).first()
        or User.objects.select_for_update().filter(email__iexact=email).order_by("pk").first()
    )
    created = user is None
    if created:
        user = User(username=email, email=email)
        user.set_unusable_password()
    elif user.is_superuser:
        raise ValidationError(
            _(
                "%(email)s gehört zu einem Superuser-Konto. Es hat ohnehin alle Rechte; eine "
                "Rolle wird ihm nicht zugewiesen."
            )
            % {"email": email}
        )
    elif user.groups.filter(name=MEMBER).exists():
        # The converse of member_invite, which never invites an account of the administration.
        raise ValidationError(
            _(
                "%(email)s gehört zum Konto eines Mitglieds einer Arbeitsgruppe. Konten der "
                "Verwaltung und der Arbeitsgruppen bleiben getrennt: bitte eine andere "
                "Adresse verwenden."
            )
            % {"email": email}
        )
    reactivated = not created and not user.is_active
    user.is_staff = True
    user.is_active = True
    user.email = user.email or email
    user.save()
    user.groups.remove(*(groups[name] for name in STAFF_ROLES.values() if name != group_name))
    user.groups.add(groups[group_name])

    link_expires = None
    if send_link or not user.has_usable_password():
        link_expires = timezone.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        subject, body = _staff_email(user=user, role=group_name, expires=link_expires)
        recipient = user.email
        transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))
    return StaffAccount(
        user=user,
        role=group_name,
        created=created,
        reactivated=reactivated,
        link_expires=link_expires,
    )


def _staff_email(*, user: AbstractBaseUser, role: str, expires: dt.datetime) -> tuple[str, str]:
    """The email with the link that sets the password (Django's password reset link: it works
    once, until PASSWORD_RESET_TIMEOUT has passed or the password has changed)."""
    link = portal_url(
        "accounts:password-reset-confirm",
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "username": user.get_username(),
            "role": role,
            "link": link,
            "expires": german_datetime(expires),
            "admin_url": portal_url("admin:index"),
        }
        subject = _("Ihr Zugang zur Verwaltung des Beteiligungsportals Integrationskonzept")
        body = render_to_string("accounts/emails/staff_account.txt", context)
    return subject, body


# --- erasing a person -----------------------------------------------------------------------


@transaction.atomic
def account_erase(*, user: AbstractBaseUser, by: AbstractBaseUser | None) -> Erasure:
    """Erase a person's account: the one way an account is deleted. Their name goes from every
    amendment and membership (`workgroups.services.account_delete`), and the erasure is appended
    to the erasure log once it has committed, so that a restored backup erases them again.

    `by` is the person themselves (the account page; never an account of the administration),
    a superuser (the accounts admin), or None: `manage.py restore` erasing again what the log
    lists. The log is opened first: if it cannot be written, nothing is erased.
    """
    if by is not None and by.pk != user.pk and not by.is_superuser:
        raise PermissionDenied
    try:
        log = erasure_log_open()
    except OSError as error:
        raise ValidationError(
            _(
                "Das Löschprotokoll kann nicht geschrieben werden (%(error)s); das Konto bleibt "
                "deshalb bestehen. Bitte wenden Sie sich an die Betreiber des Portals."
            )
            % {"error": error.strerror or error}
        ) from error
    user_id, email, date_joined = user.pk, user.email, user.date_joined
    memberships = account_delete(user=user, by_administrator=by is None or by.is_superuser)
    erasure = Erasure(
        user_id=user_id,
        email_sha256=email_sha256(email),
        date_joined=date_joined,
        memberships=tuple(memberships),
    )
    transaction.on_commit(lambda: log.append(erasure))
    return erasure


# --- the account page's visits ------------------------------------------------------------

# Loads of the account page closer together than this are one visit.
VISIT_GAP = dt.timedelta(minutes=30)


@transaction.atomic
def profile_visit_register(
    *, user: AbstractBaseUser, now: dt.datetime | None = None
) -> dt.datetime | None:
    """Records a load of "Mein Konto" and returns when the member's previous visit ended (None
    before their first): what was decided after it is new to them. A load within `VISIT_GAP`
    of the last one continues the visit, so reloading does not hide what is new."""
    now = now or timezone.now()
    visit, created = ProfileVisit.objects.select_for_update().get_or_create(
        user=user, defaults={"seen_at": now}
    )
    if created:
        return None
    if now - visit.seen_at >= VISIT_GAP:
        visit.previous_seen_at = visit.seen_at
    visit.seen_at = max(now, visit.seen_at)
    visit.save(update_fields=["seen_at", "previous_seen_at"])
    return visit.previous_seen_at
