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
        from minden_integration.core.personal_data import (
            personal_data_source_register,
            retention_rule_register,
        )
        from minden_integration.site import personal_data

        # Its accessibility feedback: in the Art. 15 report, and deleted after its period.
        personal_data_source_register(personal_data.SOURCE)
        retention_rule_register(personal_data.RULE)

        # The city's settings are the one place where the municipality's name is edited.
        municipality_source_register(
            MunicipalitySource(current=_current_municipality, help_text=MUNICIPALITY_HELP)
        )

        # Every page's frame shows the city: its ETags name what the frame shows of it.
        from minden_integration.core.revalidation import frame_part_register

        frame_part_register("city", _city_frame)


MUNICIPALITY_HELP = _(
    "Wird aus den Einstellungen der Kommune übernommen (Öffentliche Seiten › Einstellungen der "
    "Kommune) und dort geändert."
)


def _current_municipality() -> str:
    from minden_integration.site.city_selectors import city_settings

    return city_settings().name


def _city_frame(request) -> list[str]:
    from minden_integration.site.city_selectors import city_for_request

    city = city_for_request(request)
    return [city.full_name, city.sentence_name, city.logo_url, city.logo_alt, city.css_url]
