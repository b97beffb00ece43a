"""Everything a row may name, loaded once per import, and the matching of names to it:
whitespace and case are forgiven, a known name that contains a comma is still one name."""

from __future__ import annotations

import re
from typing import Any

from django.utils import translation

from concept.models import Concept
from measures.models import Goal, Measure, Priority, Recommendation, TargetGroup, Timeframe
from workgroups.models import Organisation, WorkingGroup


def match_key(value: str) -> str:
    return re.sub(r"\s*,\s*", ", ", " ".join(value.split())).casefold()


def split_values(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", value) if part.strip()]


def match_list(value: str, known: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """Comma-separated names; a known name may itself contain a comma ("Stadt Minden, FB 5")."""
    parts = split_values(value)
    found: list[Any] = []
    unknown: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            obj = known.get(match_key(", ".join(parts[start:end])))
            if obj is not None:
                if obj not in found:
                    found.append(obj)
                start = end
                break
        else:
            unknown.append(parts[start])
            start += 1
    return found, unknown


def _choice_lookup(choices: type) -> tuple[dict[str, str], list[str]]:
    """Accept the German labels (and the stored values) case-insensitively."""
    with translation.override("de"):
        labels = [str(choice.label) for choice in choices]
        lookup = {str(choice.label).casefold(): choice.value for choice in choices}
    lookup.update({str(choice.label).casefold(): choice.value for choice in choices})
    lookup.update({choice.value.casefold(): choice.value for choice in choices})
    return lookup, labels


class Lookups:
    """Everything a row may refer to, loaded once: the checks then cost no query per row."""

    def __init__(self, concept: Concept):
        self.groups: dict[str, WorkingGroup] = {}
        for group in WorkingGroup.objects.filter(concept=concept):
            self.groups[match_key(group.slug)] = group
            self.groups[match_key(group.name)] = group
        self.goals: dict[str, Goal] = {}
        for goal in Goal.objects.filter(concept=concept).order_by("-code"):
            self.goals[match_key(str(goal))] = goal
            self.goals[match_key(goal.code)] = goal
        self.goals_exact = {goal.code: goal for goal in self.goals.values()}
        self.organisations = {match_key(org.name): org for org in Organisation.objects.all()}
        self.target_groups: dict[str, TargetGroup] = {}
        for target_group in TargetGroup.objects.all():
            self.target_groups[match_key(target_group.slug)] = target_group
            self.target_groups[match_key(target_group.name)] = target_group
        self.recommendations = {
            match_key(rec.code): rec for rec in Recommendation.objects.filter(concept=concept)
        }
        self.measures = {
            measure.number: measure
            for measure in Measure.objects.filter(concept=concept)
            .select_related("origin_session__working_group")
            .select_for_update(no_key=True, of=("self",))
        }
        links = Recommendation.measures.through.objects.filter(
            recommendation__concept=concept
        ).values_list("recommendation_id", "measure__number")
        self.linked_numbers: dict[int, set[int]] = {}
        for recommendation_id, number in links:
            self.linked_numbers.setdefault(recommendation_id, set()).add(number)
        self.timeframes, self.timeframe_labels = _choice_lookup(Timeframe)
        self.priorities, self.priority_labels = _choice_lookup(Priority)
