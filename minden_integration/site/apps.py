from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The public site: home, site search, the service pages (Impressum, Datenschutz, Leichte
    Sprache, Gebärdensprache, Barrierefreiheit with its feedback form), the city's settings and
    the sitemap."""

    name = "minden_integration.site"
    label = "site"
    verbose_name = _("Öffentliche Seiten")

    def ready(self):
        from concept.municipality import MunicipalitySource, municipality_source_register

        # The city's settings are the one place where the municipality's name is edited.
        municipality_source_register(
            MunicipalitySource(current=_current_municipality, help_text=MUNICIPALITY_HELP)
        )


MUNICIPALITY_HELP = _(
    "Wird aus den Einstellungen der Kommune übernommen (Öffentliche Seiten › Einstellungen der "
    "Kommune) und dort geändert."
)


def _current_municipality() -> str:
    from minden_integration.site.city_selectors import city_settings

    return city_settings().name
