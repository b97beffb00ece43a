from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared base below every app: the timestamped model, the content generation that
    names cached pages. Imports no app of ours."""

    name = "minden_integration.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self):
        from minden_integration.core.generation import relations_connect

        relations_connect()
