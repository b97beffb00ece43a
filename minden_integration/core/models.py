"""What every app's models build on: a queryset and a model base whose writes renew the
content generation, the timestamped model, and the generation counter itself."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from minden_integration.core.generation import generation_bump


class ContentQuerySet(models.QuerySet):
    """Bulk writes renew the content generation, like `save()` and `delete()` do."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        generation_bump(self.db)
        return rows

    def delete(self):
        result = super().delete()
        generation_bump(self.db)
        return result

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        generation_bump(self.db)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        generation_bump(self.db)
        return rows


def subquery_count(rows: QuerySet, field: str):
    """How many of `rows` point through `field` at the outer query's row, as a correlated
    subquery: joined `Count`s would multiply with every other relation joined."""
    counted = rows.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


class ContentModel(models.Model):
    """A row a page may show: its writes renew the content generation."""

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        generation_bump(self._state.db)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        generation_bump(self._state.db)
        return result


class TimeStampedModel(ContentModel):
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class ContentGeneration(models.Model):
    """One row: how many committed write transactions the content has seen (see `generation`)."""

    ROW = 1

    value = models.BigIntegerField(_("Generation"), default=0)

    class Meta:
        verbose_name = _("Inhaltsgeneration")
        verbose_name_plural = _("Inhaltsgenerationen")

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def increment(cls, *, using: str) -> None:
        # One autocommit statement; a flushed table (tests) gets its row back.
        if not cls.objects.using(using).filter(pk=cls.ROW).update(value=F("value") + 1):
            cls.objects.using(using).get_or_create(pk=cls.ROW, defaults={"value": 1})

    @classmethod
    def current(cls, *, using: str) -> int:
        return (
            cls.objects.using(using).filter(pk=cls.ROW).values_list("value", flat=True).first() or 0
        )


class RateCounter(models.Model):
    """How often one address (or everyone together) did one thing in one time window: the store
    of the rate limits (`minden_integration.core.limits`), shared by every process.

    Not content: no page shows it, so its writes renew no generation (a visitor's request must
    not empty every cache). The key is a keyed hash, never the address itself."""

    scope = models.CharField(_("Bereich"), max_length=40)
    key = models.CharField(_("Schlüssel"), max_length=64)
    window_start = models.DateTimeField(_("Zeitfenster ab"))
    expires_at = models.DateTimeField(_("läuft ab"), db_index=True)
    count = models.PositiveIntegerField(_("Anzahl"), default=0)

    class Meta:
        verbose_name = _("Zähler einer Begrenzung")
        verbose_name_plural = _("Zähler der Begrenzungen")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="rate_counter_once_per_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
