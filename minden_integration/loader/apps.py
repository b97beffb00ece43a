from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoaderConfig(AppConfig):
    """Minden's known facts and the labelled demo content (`manage.py load_minden`)."""

    name = "minden_integration.loader"
    label = "loader"
    verbose_name = _("Minden-Daten")
