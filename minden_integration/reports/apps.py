from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The annual implementation report (Umsetzungsbericht): its public pages and downloads,
    and the officer's issuing in the admin (the data and the services are in `measures`)."""

    name = "minden_integration.reports"
    label = "reports"
    verbose_name = _("Umsetzungsberichte")

    def ready(self):
        from concept import issuing
        from measures.report_issuing import issued_reports_find

        # The report's files are checked at /echtheit/ like the concept's.
        issuing.issued_elsewhere_register(issued_reports_find)
