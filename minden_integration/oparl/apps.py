from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OParlConfig(AppConfig):
    """The read-only OParl 1.1 endpoint at /oparl/v1.1/ and its record of removed objects."""

    name = "minden_integration.oparl"
    label = "oparl"
    verbose_name = _("OParl")

    def ready(self):
        from minden_integration.oparl.tombstones import tombstones_connect

        # OParl answers removed objects with `deleted: true`: deletions leave a tombstone.
        # A signal, because rows also go by cascade and by the admin's delete actions.
        tombstones_connect()
