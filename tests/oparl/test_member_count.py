"""A working group's `memberCount` says what its page says: a recorded count only, and none
the list of its participants contradicts."""

from tests.oparl.crawl import ROOT, get_json
from workgroups.models import WorkingGroup


def organization(client, group):
    return get_json(client, f"{ROOT}organization/arbeitsgruppe/{group.pk}/")


def test_member_count_only_when_recorded_and_never_below_the_list(client, demo):
    group = WorkingGroup.objects.filter(concept=demo["concept"]).order_by("pk").first()
    listed = group.memberships.count()
    assert listed > 1, "the demo lists participants in every group"

    # The report gives no count per group: none is published.
    assert group.participant_count is None
    assert "memberCount" not in organization(client, group)

    WorkingGroup.objects.filter(pk=group.pk).update(participant_count=listed + 3)
    assert organization(client, group)["memberCount"] == listed + 3

    # Recorded before more participants were listed: out of date, not published.
    WorkingGroup.objects.filter(pk=group.pk).update(participant_count=listed - 1)
    assert "memberCount" not in organization(client, group)
