"""The Atom feeds (Django's syndication framework): what is new about the concept, and the
progress of the measures overall, per working group and per measure.

Anonymous GETs with no form and no cookie: the page cache stores them under the content
generation like any public page, so a new entry appears with the next write and a hit costs
no query beyond the generation.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from concept.models import Concept
from measures.models import Measure
from minden_integration.following.items import Item, concept_items, entry_id, progress_items
from workgroups.models import WorkingGroup


def _concept() -> Concept:
    concept = Concept.objects.current()
    if concept is None:
        raise Http404
    return concept


class PortalFeed(Feed):
    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def author_name(self, obj) -> str:
        return _("Stadt %(municipality)s") % {"municipality": self._concept_of(obj).municipality}

    def _concept_of(self, obj) -> Concept:
        return obj if isinstance(obj, Concept) else obj.concept

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary

    def item_link(self, item: Item) -> str:
        return item.path

    def item_guid(self, item: Item) -> str:
        return item.uid

    def item_updateddate(self, item: Item):
        return item.updated

    def item_pubdate(self, item: Item):
        return item.updated


class ConceptFeed(PortalFeed):
    def get_object(self, request):
        return _concept()

    def title(self, obj: Concept) -> str:
        return _("%(title)s: Neuigkeiten") % {"title": obj.title}

    def subtitle(self, obj: Concept) -> str:
        return _(
            "Neue Versionen und ihr Stand, Beteiligungen, entschiedene Änderungsvorschläge "
            "und die Ergebnisse der Gremien."
        )

    def link(self, obj: Concept) -> str:
        return reverse("home")

    def feed_guid(self, obj: Concept) -> str:
        return entry_id(f"feed/concept/{obj.slug}")

    def items(self, obj: Concept) -> list[Item]:
        return concept_items(obj)


class ProgressFeed(PortalFeed):
    def get_object(self, request):
        return _concept()

    def title(self, obj: Concept) -> str:
        return _("%(title)s: Fortschritt der Maßnahmen") % {"title": obj.title}

    def link(self, obj: Concept) -> str:
        return reverse("measures:measure-list")

    def feed_guid(self, obj: Concept) -> str:
        return entry_id(f"feed/progress/{obj.slug}")

    def items(self, obj: Concept) -> list[Item]:
        return progress_items(obj)


class WorkingGroupFeed(PortalFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(
            WorkingGroup.objects.select_related("concept"), concept=_concept(), slug=slug
        )

    def title(self, obj: WorkingGroup) -> str:
        return _("Arbeitsgruppe „%(name)s“: Fortschritt der Maßnahmen") % {"name": obj.name}

    def link(self, obj: WorkingGroup) -> str:
        return obj.get_absolute_url()

    def feed_guid(self, obj: WorkingGroup) -> str:
        return entry_id(f"feed/working-group/{obj.slug}")

    def items(self, obj: WorkingGroup) -> list[Item]:
        return progress_items(obj.concept, working_group=obj)


class MeasureFeed(PortalFeed):
    def get_object(self, request, number: int):
        return get_object_or_404(
            Measure.objects.select_related("concept"), concept=_concept(), number=number
        )

    def title(self, obj: Measure) -> str:
        return _("Maßnahme %(number)s: Fortschritt") % {"number": obj.number}

    def subtitle(self, obj: Measure) -> str:
        return obj.title

    def link(self, obj: Measure) -> str:
        return obj.get_absolute_url()

    def feed_guid(self, obj: Measure) -> str:
        return entry_id(f"feed/measure/{obj.number}")

    def items(self, obj: Measure) -> list[Item]:
        return progress_items(obj.concept, measure=obj)
