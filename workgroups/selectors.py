"""Reads for the public working-group pages, shaped for their templates.

The querysets (`WorkingGroup.objects.for_list()/for_detail()`, `Session.objects.for_detail()`)
fetch the rows; these functions only arrange rows already loaded, so they add no queries. The
pages themselves, which also show the groups' measures, are composed by the site
(`minden_integration.site.groups`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.models import Concept
from workgroups.models import (
    Membership,
    Organisation,
    Sector,
    WorkingGroup,
)


@dataclass
class OrganisationParticipants:
    """One organisation in a group with the people named by their consent."""

    organisation: Organisation | None
    participant_count: int = 0
    # Only names given with consent (`Membership.public_name`); the others are counted.
    named: list[Membership] = field(default_factory=list)
    is_example: bool = False


@dataclass
class SectorParticipants:
    label: str
    organisations: list[OrganisationParticipants] = field(default_factory=list)

    @property
    def participant_count(self) -> int:
        return sum(entry.participant_count for entry in self.organisations)


def has_example_content(*rows: Iterable[Any]) -> bool:
    """Whether any of the given rows is invented example content (`is_example`)."""
    return any(getattr(row, "is_example", False) for group in rows for row in group)


def participants_by_sector(memberships: Iterable[Membership]) -> list[SectorParticipants]:
    """Memberships grouped by their organisation's sector, in the order of `Sector`.

    Participants without an organisation come last. A name is carried only through
    `public_name`, so a name given without consent never reaches the page.
    """
    order = {value: index for index, value in enumerate(Sector.values)}
    sectors: dict[str | None, SectorParticipants] = {}
    entries: dict[tuple[str | None, int | None], OrganisationParticipants] = {}
    for membership in memberships:
        organisation = membership.organisation
        sector_key = organisation.sector if organisation else None
        if sector_key not in sectors:
            label = organisation.get_sector_display() if organisation else _("Ohne Organisation")
            sectors[sector_key] = SectorParticipants(label=label)
        entry_key = (sector_key, organisation.pk if organisation else None)
        entry = entries.get(entry_key)
        if entry is None:
            entry = OrganisationParticipants(
                organisation=organisation,
                is_example=bool(organisation and organisation.is_example),
            )
            entries[entry_key] = entry
            sectors[sector_key].organisations.append(entry)
        entry.participant_count += 1
        entry.is_example = entry.is_example or membership.is_example
        if membership.public_name:
            entry.named.append(membership)
    return [sectors[key] for key in sorted(sectors, key=lambda key: order.get(key, len(order)))]


def _people(count: int) -> str:
    return ngettext("%(n)s Teilnehmende/r", "%(n)s Teilnehmende", count) % {"n": count}


def participants_sentence(group: WorkingGroup, memberships: list[Membership]) -> str:
    """The line above the list of participants: the recorded number (`participant_figure`)
    where there is one, else what the list holds; never a number the list contradicts."""
    listed = len(memberships)
    figure = group.participant_figure(listed)
    if figure is None:
        if not listed:
            return gettext("Es sind noch keine Teilnehmenden erfasst.")
        organisations = len({m.organisation_id for m in memberships if m.organisation_id})
        if not organisations:
            return gettext("Hier verzeichnet: %(people)s.") % {"people": _people(listed)}
        return gettext("Hier verzeichnet: %(people)s aus %(organisations)s.") % {
            "people": _people(listed),
            "organisations": ngettext("%(n)s Organisation", "%(n)s Organisationen", organisations)
            % {"n": organisations},
        }
    if figure == listed:
        return _people(figure)
    if not listed:
        return gettext("%(people)s; einzeln verzeichnet ist noch niemand.") % {
            "people": _people(figure)
        }
    return gettext("%(people)s, davon hier verzeichnet: %(listed)s.") % {
        "people": _people(figure),
        "listed": listed,
    }


def participants_short(group: WorkingGroup, listed: int) -> str:
    """The same, for the list of groups (`listed` from `for_list()`)."""
    figure = group.participant_figure(listed)
    if figure is None:
        if not listed:
            return gettext("noch keine verzeichnet")
        return gettext("%(listed)s verzeichnet") % {"listed": listed}
    if figure == listed or not listed:
        return str(figure)
    return gettext("%(figure)s (%(listed)s verzeichnet)") % {"figure": figure, "listed": listed}


def group_page(group: WorkingGroup) -> dict[str, Any]:
    """What a group's page shows of the group itself, from a group fetched with
    `for_detail()`."""
    memberships = list(group.memberships.all())
    organisations = [m.organisation for m in memberships if m.organisation is not None]
    return {
        "participants": participants_sentence(group, memberships),
        "sectors": participants_by_sector(memberships),
        "sessions": group.sessions.all(),
        "shows_examples": has_example_content(memberships, organisations),
    }


# --- members ----------------------------------------------------------------------------------


def memberships_of(user, concept: Concept | None) -> QuerySet[Membership]:
    """The user's memberships in the concept's groups, in the groups' order (the first one is
    the default the user proposes for)."""
    if concept is None or not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, working_group__concept=concept)
        .select_related("working_group", "organisation")
        .order_by("working_group__position", "working_group__name", "pk")
    )


def is_member(user, concept: Concept | None) -> bool:
    """A member of any working group of the concept: the people who may propose amendments."""
    if concept is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, working_group__concept=concept).exists()


def is_group_member(user, working_group_id: int) -> bool:
    """A member of this very group: they read its minutes before they are published."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, working_group_id=working_group_id).exists()
