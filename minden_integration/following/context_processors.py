"""Which feeds a page advertises (`<link rel="alternate">` in the head of base.html) and where
its "follow" box sends a reader: chosen by the page's route, so that the templates of the
domain apps name nothing of this app. No query."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

CONCEPT_PAGES = {
    "home",
    "concept:version-current",
    "concept:version-detail",
    "concept:version-list",
}


def _links(name: str, kwargs: dict) -> tuple[list[dict], str]:
    if name in CONCEPT_PAGES:
        feeds = [
            {"title": _("Neuigkeiten zum Konzept"), "url": reverse("following:feed-concept")},
        ]
        if name == "home":
            feeds.append(
                {
                    "title": _("Fortschritt aller Maßnahmen"),
                    "url": reverse("following:feed-progress"),
                }
            )
        return feeds, reverse("following:subscribe-concept")
    if name == "workgroups:group-detail":
        slug = kwargs["slug"]
        return (
            [
                {
                    "title": _("Fortschritt der Maßnahmen dieser Arbeitsgruppe"),
                    "url": reverse("following:feed-group", kwargs={"slug": slug}),
                }
            ],
            reverse("following:subscribe-group", kwargs={"slug": slug}),
        )
    if name == "measures:measure-detail":
        number = kwargs["number"]
        return (
            [
                {
                    "title": _("Fortschritt dieser Maßnahme"),
                    "url": reverse("following:feed-measure", kwargs={"number": number}),
                }
            ],
            reverse("following:subscribe-measure", kwargs={"number": number}),
        )
    return [], ""


def following(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    try:
        feeds, subscribe_url = _links(match.view_name, match.kwargs)
    except NoReverseMatch:  # the following app's routes are not wired up here
        return {}
    return {"following_feeds": feeds, "following_subscribe_url": subscribe_url}
