from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The public site: home, site search, the service pages (Impressum, Datenschutz, Leichte
    Sprache, Barrierefreiheit with its feedback form) and the sitemap."""

    name = "minden_integration.site"
    label = "site"
    verbose_name = _("Öffentliche Seiten")
