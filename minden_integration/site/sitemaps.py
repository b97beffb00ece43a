"""sitemap.xml: every public page, so search engines and the city's own search find them."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from concept.models import Concept, ConceptVersion
from measures.models import Measure
from workgroups.models import Session, WorkingGroup


class StaticSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "concept:version-current",
            "concept:version-list",
            "workgroups:group-list",
            "measures:measure-list",
            "participate",
            "easy-language",
            "sign-language",
            "accessibility",
            "imprint",
            "privacy",
        ]

    def location(self, item):
        return reverse(item)


class VersionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ConceptVersion.objects.filter(concept=Concept.objects.current()).public()

    def lastmod(self, version):
        return version.updated_at


class WorkingGroupSitemap(Sitemap):
    def items(self):
        return WorkingGroup.objects.filter(concept=Concept.objects.current()).order_by("position")

    def lastmod(self, group):
        return group.updated_at


class SessionSitemap(Sitemap):
    def items(self):
        return (
            Session.objects.filter(working_group__concept=Concept.objects.current())
            .select_related("working_group")
            .order_by("working_group__position", "round")
        )

    def lastmod(self, session):
        return session.updated_at


class MeasureSitemap(Sitemap):
    def items(self):
        return Measure.objects.filter(concept=Concept.objects.current()).order_by("number")

    def lastmod(self, measure):
        return measure.updated_at


SITEMAPS = {
    "static": StaticSitemap,
    "versions": VersionSitemap,
    "groups": WorkingGroupSitemap,
    "sessions": SessionSitemap,
    "measures": MeasureSitemap,
}
