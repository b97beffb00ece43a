"""Keep the stored search data of measures current (``measures.search_index``).

One level only: each receiver refreshes exactly the measures a change affects (or notes them
inside ``search_index_deferred``), and the refresh's UPDATE sends no signals. Connected in
``MeasuresConfig.ready()``.
Writes that send no signals (``QuerySet.update``, ``bulk_create``, a through model's rows
saved directly, as the admin's recommendation inline does) call the refresh themselves.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from measures.models import Goal, Measure, Recommendation, TargetGroup
from measures.search_index import measures_search_affected
from workgroups.models import Organisation

# Per model: the fields whose text a measure's search data holds, and the lookup to its measures.
SEARCHED = {
    Measure: (
        {"title", "description", "goal", "goal_id", "lead_organisation", "lead_organisation_id"},
        "pk",
    ),
    Goal: ({"title"}, "goal"),
    Organisation: ({"name"}, "lead_organisation"),
    TargetGroup: ({"name"}, "target_groups"),
    Recommendation: ({"title", "text"}, "recommendations"),
}
# Deleting one of these unlinks its measures; the others are protected while in use.
UNLINKED_ON_DELETE = (TargetGroup, Recommendation)
THROUGH_MODELS = (Measure.target_groups.through, Recommendation.measures.through)
# Set on an instance between pre_delete/pre_clear and post_delete/post_clear.
LINKED = "_search_linked_measures"


def connect() -> None:
    # Signals, because the searched texts change outside our services too: the admin's forms and
    # many-to-many fields, cascade deletes, the organisations' admin in `workgroups`.
    for model in SEARCHED:
        post_save.connect(saved, sender=model, dispatch_uid=f"search-saved-{model.__name__}")
    for model in UNLINKED_ON_DELETE:
        uid = model.__name__
        pre_delete.connect(deleting, sender=model, dispatch_uid=f"search-deleting-{uid}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"search-deleted-{uid}")
    for through in THROUGH_MODELS:
        m2m_changed.connect(
            relinked, sender=through, dispatch_uid=f"search-relinked-{through.__name__}"
        )


def saved(
    sender: type[Model],
    instance: Model,
    created: bool,
    update_fields: Collection[str] | None,
    using: str,
    **kwargs,
) -> None:
    fields, lookup = SEARCHED[sender]
    if update_fields is not None and not fields.intersection(update_fields):
        return
    if sender is Measure:
        measures_search_affected([instance.pk], using=using)
    elif not created:  # a new row has no measures yet
        measures_search_affected(_linked(instance, lookup, using), using=using)


def deleting(sender: type[Model], instance: Model, using: str, **kwargs) -> None:
    setattr(instance, LINKED, _linked(instance, SEARCHED[sender][1], using))


def deleted(sender: type[Model], instance: Model, using: str, **kwargs) -> None:
    measures_search_affected(getattr(instance, LINKED, ()), using=using)


def relinked(
    sender: type[Model],
    instance: Model,
    action: str,
    model: type[Model],
    pk_set: set[int] | None,
    using: str,
    **kwargs,
) -> None:
    """A measure's target groups or recommendations changed, from either side."""
    if isinstance(instance, Measure):
        if action in {"post_add", "post_remove", "post_clear"} and pk_set != set():
            measures_search_affected([instance.pk], using=using)
    elif action == "pre_clear":
        deleting(type(instance), instance, using)
    elif action == "post_clear":
        deleted(type(instance), instance, using)
    elif action in {"post_add", "post_remove"}:
        measures_search_affected(pk_set or (), using=using)


def _linked(instance: Model, lookup: str, using: str) -> list[int]:
    return list(
        Measure.objects.using(using).filter(**{lookup: instance}).values_list("pk", flat=True)
    )
