"""The demo's people: example users in their roles, organisations, target groups and the
memberships that put them into the working groups. All labelled as examples."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group

from measures.models import TargetGroup
from minden_integration.loader import demo_data
from minden_integration.roles import MEMBER, OFFICER, roles_ensure
from workgroups.consents import ConsentHow
from workgroups.models import Membership, MembershipRole, Organisation, WorkingGroup
from workgroups.services import membership_consent_set


def _demo_user(*, username: str, first_name: str, last_name: str, group: Group) -> AbstractBaseUser:
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": username, "first_name": first_name, "last_name": last_name},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(group)
    return user


def demo_users_load() -> tuple[AbstractBaseUser, list[AbstractBaseUser]]:
    roles = roles_ensure()
    officer = _demo_user(**demo_data.OFFICER_USER, group=roles[OFFICER])
    members = [
        _demo_user(
            username=spec["username"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            group=roles[MEMBER],
        )
        for spec in demo_data.MEMBER_USERS
    ]
    return officer, members


def demo_organisations_load() -> dict[str, Organisation]:
    return {
        name: Organisation.objects.update_or_create(
            name=name, defaults={"sector": sector, "is_example": True}
        )[0]
        for name, sector in demo_data.ORGANISATIONS
    }


def demo_target_groups_load() -> dict[str, TargetGroup]:
    return {
        slug: TargetGroup.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in demo_data.TARGET_GROUPS
    }


def demo_memberships_load(
    *,
    groups: dict[str, WorkingGroup],
    organisations: dict[str, Organisation],
    members: list[AbstractBaseUser],
) -> dict[int, Membership]:
    """One example membership per group and organisation; returns those of the member users."""
    named = {(p["group"], p["organisation"]): p for p in demo_data.NAMED_PARTICIPANTS}
    accounts = {
        (spec["group"], spec["organisation"]): (user, spec)
        for user, spec in zip(members, demo_data.MEMBER_USERS, strict=True)
    }
    by_user = {}
    names = [name for name, _sector in demo_data.ORGANISATIONS]
    for slug, group in groups.items():
        absent = demo_data.ABSENT_ORGANISATIONS[slug]
        for index, org_name in enumerate(names):
            if index in absent:
                continue
            fields = {"role": MembershipRole.MEMBER, "name": "", "user": None}
            consent = False
            if (slug, org_name) in named:
                person = named[(slug, org_name)]
                fields.update(role=person["role"], name=person["name"])
                consent = person["consent"]
            elif (slug, org_name) in accounts:
                user, spec = accounts[(slug, org_name)]
                fields.update(user=user, name=f"{spec['first_name']} {spec['last_name']}")
                consent = spec["consent"]
            elif demo_data.GUEST_ORGANISATIONS[slug] == org_name:
                fields["role"] = MembershipRole.GUEST
            membership, _created = Membership.objects.update_or_create(
                working_group=group,
                organisation=organisations[org_name],
                is_example=True,
                defaults=fields,
            )
            if membership.consent_to_name != consent:
                # Recorded like every consent (Art. 7 Abs. 1 DSGVO), as taken over with the data.
                membership_consent_set(
                    membership=membership, consent=consent, how=ConsentHow.IMPORT, by=None
                )
            if membership.user_id:
                by_user[membership.user_id] = membership
    return by_user
