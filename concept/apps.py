from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class ConceptConfig(AppConfig):
    name = "concept"
    verbose_name = _("Integrationskonzept")

    def ready(self):
        # A signal: accounts are deleted outside our code too (by a superuser in the accounts
        # admin, by cascade), and no name may stay behind whichever way.
        pre_delete.connect(
            _forget_deleted_author, sender=settings.AUTH_USER_MODEL, dispatch_uid="concept-author"
        )


def _forget_deleted_author(sender, instance, **kwargs) -> None:
    """A deleted account leaves no name behind on any amendment (DESIGN: consent)."""
    from concept.services import amendments_forget_author_name

    amendments_forget_author_name(user=instance)
