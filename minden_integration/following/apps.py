from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    """Following the concept without an account: Atom feeds, and email subscriptions to the
    concept, a working group or a measure with a weekly digest."""

    name = "minden_integration.following"
    label = "following"
    verbose_name = _("Benachrichtigungen")

    def ready(self):
        from minden_integration.core.personal_data import (
            personal_data_source_register,
            retention_rule_register,
        )
        from minden_integration.following import personal_data

        # The subscribers' addresses: in the Art. 15 report, and deleted after their period.
        personal_data_source_register(personal_data.SOURCE)
        retention_rule_register(personal_data.RULE)
