from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Maßnahmen")

    def ready(self):
        from concept import contributors, issuing
        from measures import (
            contribution,
            document_parts,
            next_version,
            opendata,
            opendata_live,
            personal_data,
            signals,
        )
        from minden_integration.core.personal_data import personal_data_source_register

        contributors.register(
            "measures",
            contribute=contribution.contribute,
            copy=contribution.copy,
            reading=document_parts.reading,
            printed=document_parts.printed,
            drafting=next_version.drafting,
        )
        issuing.document_register(opendata.KIND)
        opendata_live.live_documents_register()
        signals.connect()
        personal_data_source_register(personal_data.SOURCE)
