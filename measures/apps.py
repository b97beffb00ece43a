from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Maßnahmen")

    def ready(self):
        from concept import contributors
        from measures import contribution, signals

        contributors.register(
            "measures",
            contribute=contribution.contribute,
            copy=contribution.copy,
        )
        signals.connect()
