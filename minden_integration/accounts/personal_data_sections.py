"""The sections of the Art. 15 report (`personal_data`): one function per kind of data the
accounts app can read itself, each a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Min
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from simple_history.models import registered_models

from concept.models import Amendment
from minden_integration.accounts.models import ProfileVisit
from minden_integration.core.personal_data import Column, Section
from workgroups.consents import ConsentRecord
from workgroups.models import Invitation, Membership
from workgroups.services import is_administration_account


def columns(model, *names: str, **extra: str) -> list[Column]:
    """Columns named by the model's own field labels, then `extra` ones (key=label)."""
    found = [Column(name, str(model._meta.get_field(name).verbose_name)) for name in names]
    return found + [Column(key, label) for key, label in extra.items()]


def who(by_id: int | None, subject_user_id: int | None) -> str:
    """Who entered a consent or sent an invitation, without naming staff: the person, the
    administration, or nobody recorded."""
    if by_id is None:
        return "–"
    return _("Sie selbst") if by_id == subject_user_id else _("die Verwaltung")


def account_section(user: AbstractBaseUser, roles: list[str]) -> Section:
    User = get_user_model()
    return Section(
        key="account",
        title=_("Benutzerkonto"),
        processing="staff" if is_administration_account(user) else "accounts",
        columns=columns(
            User,
            "username",
            "email",
            "first_name",
            "last_name",
            "is_active",
            "date_joined",
            "last_login",
            password=_("Passwort"),
            roles=_("Rollen"),
        ),
        rows=[
            {
                "username": user.get_username(),
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "is_active": user.is_active,
                "date_joined": user.date_joined,
                "last_login": user.last_login,
                "password": _("gespeichert nur als nicht umkehrbarer Prüfwert (Hash)")
                if user.has_usable_password()
                else _("keines gesetzt"),
                "roles": ", ".join(roles),
            }
        ],
    )


def memberships_section(memberships: list[Membership]) -> Section:
    return Section(
        key="memberships",
        title=_("Mitgliedschaften in Arbeitsgruppen"),
        processing="memberships",
        columns=columns(
            Membership,
            "working_group",
            "organisation",
            "role",
            "name",
            "consent_to_name",
            "created_at",
            "updated_at",
        ),
        rows=[
            {
                "working_group": membership.working_group.name,
                "organisation": membership.organisation.name if membership.organisation else "",
                "role": membership.get_role_display(),
                "name": membership.name,
                "consent_to_name": membership.consent_to_name,
                "created_at": membership.created_at,
                "updated_at": membership.updated_at,
            }
            for membership in memberships
        ],
    )


def consents_section(memberships: list[Membership], user_id: int | None) -> Section:
    groups = {membership.pk: membership.working_group.name for membership in memberships}
    records = ConsentRecord.objects.filter(membership__in=list(groups)).order_by("given_at", "pk")
    return Section(
        key="consent_records",
        title=_("Einwilligungen"),
        processing="memberships",
        columns=columns(
            ConsentRecord,
            "purpose",
            "text",
            "language",
            "given_at",
            "given_how",
            "withdrawn_at",
            "withdrawn_how",
            "note",
            working_group=_("Arbeitsgruppe"),
            given_by=_("erfasst von"),
        ),
        rows=[
            {
                "working_group": groups[record.membership_id],
                "purpose": record.get_purpose_display(),
                "text": record.text,
                "language": record.language,
                "given_at": record.given_at,
                "given_how": record.get_given_how_display(),
                "given_by": who(record.given_by_id, user_id),
                "withdrawn_at": record.withdrawn_at,
                "withdrawn_how": record.get_withdrawn_how_display() if record.withdrawn_at else "",
                "note": record.note,
            }
            for record in records
        ],
    )


def amendments_section(user: AbstractBaseUser) -> Section:
    rows = (
        Amendment.objects.filter(author=user)
        .for_author_list()
        .order_by("version_number", "number", "created_at", "pk")
    )
    return Section(
        key="amendments",
        title=_("Änderungsvorschläge"),
        processing="amendments",
        columns=columns(
            Amendment,
            "number",
            "status",
            "kind",
            "submitted_as",
            "passage",
            "proposed_text",
            "rationale",
            "author_name",
            "organisation_name",
            "working_group_name",
            "created_at",
            "submitted_at",
            "decided_at",
            "decision_reasoning",
            "adopted_text",
            version=_("Version"),
            section=_("Abschnitt"),
        ),
        rows=[
            {
                "number": amendment.label,
                "version": amendment.version_number,
                "section": f"{amendment.section_number} {amendment.section_title}".strip(),
                "status": amendment.get_status_display(),
                "kind": amendment.get_kind_display(),
                "submitted_as": amendment.get_submitted_as_display(),
                "passage": amendment.passage,
                "proposed_text": amendment.proposed_text,
                "rationale": amendment.rationale,
                "author_name": amendment.author_name,
                "organisation_name": amendment.organisation_name,
                "working_group_name": amendment.working_group_name,
                "created_at": amendment.created_at,
                "submitted_at": amendment.submitted_at,
                "decided_at": amendment.decided_at,
                "decision_reasoning": amendment.decision_reasoning,
                "adopted_text": amendment.adopted_text,
            }
            for amendment in rows
        ],
    )


def change_logs_section(user: AbstractBaseUser) -> Section:
    """How many entries each change log holds under the account: one query per log."""
    logs = [
        (model._meta.verbose_name_plural, model.history.model.objects.filter(history_user=user))
        for model in registered_models.values()
    ]
    logs.append((_("Aktionen im Verwaltungsbereich"), LogEntry.objects.filter(user=user)))
    rows = []
    for label, entries in logs:
        date = "history_date" if hasattr(entries.model, "history_date") else "action_time"
        found = entries.aggregate(count=Count("pk"), first=Min(date), last=Max(date))
        if found["count"]:
            rows.append({"log": str(label), **found})
    return Section(
        key="change_logs",
        title=_("Einträge in Änderungsprotokollen"),
        processing="amendments",
        columns=[
            Column("log", _("Protokoll")),
            Column("count", _("Einträge")),
            Column("first", _("erster")),
            Column("last", _("letzter")),
        ],
        rows=rows,
        note=_("Jeder Eintrag hält fest, was dieses Konto wann geändert hat."),
    )


def profile_visit_section(user: AbstractBaseUser) -> Section:
    visit = ProfileVisit.objects.filter(user=user).first()
    return Section(
        key="profile_visit",
        title=_("Besuche von „Mein Konto“"),
        processing="accounts",
        columns=columns(ProfileVisit, "seen_at", "previous_seen_at"),
        rows=[{"seen_at": visit.seen_at, "previous_seen_at": visit.previous_seen_at}]
        if visit
        else [],
    )


def invitations_section(user: AbstractBaseUser, now: dt.datetime) -> Section:
    invitations = (
        Invitation.objects.filter(user=user)
        .select_related("membership__working_group")
        .order_by("created_at", "pk")
    )
    return Section(
        key="invitations",
        title=_("Einladungen"),
        processing="accounts",
        columns=columns(
            Invitation,
            "created_at",
            "expires_at",
            "used_at",
            "revoked_at",
            working_group=_("Arbeitsgruppe"),
            state=_("Stand"),
            invited_by=_("eingeladen von"),
        ),
        rows=[
            {
                "working_group": invitation.membership.working_group.name,
                "created_at": invitation.created_at,
                "expires_at": invitation.expires_at,
                "used_at": invitation.used_at,
                "revoked_at": invitation.revoked_at,
                "state": Invitation.State(invitation.state(now)).label,
                "invited_by": who(invitation.invited_by_id, user.pk),
            }
            for invitation in invitations
        ],
        note=_("Vom Einladungslink ist nur eine nicht umkehrbare Prüfsumme gespeichert."),
    )


def throttling_section(user: AbstractBaseUser) -> Section:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    names = {name.lower() for name in (user.get_username(), user.email) if name}
    kinds = (
        (AccessAttempt, _("Fehlversuche (Zähler)")),
        (AccessFailureLog, _("Fehlgeschlagene Anmeldung")),
        (AccessLog, _("Anmeldung")),
    )
    rows = []
    for model, kind in kinds:
        for record in (
            model.objects.annotate(name=Lower("username"))
            .filter(name__in=names)
            .order_by("attempt_time", "pk")
        ):
            rows.append(
                {
                    "kind": str(kind),
                    "attempt_time": record.attempt_time,
                    "username": record.username,
                    "ip_address": record.ip_address,
                    "user_agent": record.user_agent,
                    "path_info": record.path_info,
                    "failures": getattr(record, "failures_since_start", None),
                }
            )
    return Section(
        key="throttling",
        title=_("Schutz der Anmeldung"),
        processing="throttling",
        columns=[
            Column("kind", _("Art")),
            Column("attempt_time", _("Zeitpunkt")),
            Column("username", _("eingegebener Benutzername")),
            Column("ip_address", _("IP-Adresse")),
            Column("user_agent", _("Browser (User-Agent)")),
            Column("path_info", _("aufgerufene Adresse")),
            Column("failures", _("Zahl der Fehlversuche")),
        ],
        rows=rows,
    )


def sessions_section(user: AbstractBaseUser, now: dt.datetime) -> Section:
    """Active sessions of the account: the session table keys them by a random id, so each
    session's data is decoded (one query)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    count = 0
    if hasattr(store, "get_model_class"):
        data = store.get_model_class().objects.filter(expire_date__gt=now)
        for session_data in data.values_list("session_data", flat=True).iterator():
            if store().decode(session_data).get("_auth_user_id") == str(user.pk):
                count += 1
    return Section(
        key="sessions",
        title=_("Angemeldete Sitzungen"),
        processing="cookies",
        columns=[Column("active", _("aktive Sitzungen"))],
        rows=[{"active": count}] if count else [],
        note=_("Eine Sitzung speichert die Kennung des Kontos, bis sie endet."),
    )
