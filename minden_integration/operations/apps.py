from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """What the city's IT runs the portal with: the health endpoint and the worker's heartbeat."""

    name = "minden_integration.operations"
    label = "operations"
    verbose_name = _("Betrieb")
