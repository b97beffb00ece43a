"""The concept as a whole: its municipality, as the app that keeps the city's data names it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concept.models import Concept


@transaction.atomic
def concepts_municipality_set(*, municipality: str) -> int:
    """Give every concept of the deployment this municipality (see `concept.municipality`);
    returns how many changed. Frozen versions keep the name they were frozen with."""
    municipality = (municipality or "").strip()
    if not municipality:
        raise ValidationError(_("Bitte geben Sie den Namen der Kommune an."))
    max_length = Concept._meta.get_field("municipality").max_length
    if len(municipality) > max_length:
        raise ValidationError(
            _("Der Name der Kommune darf höchstens %(limit)d Zeichen lang sein.")
            % {"limit": max_length}
        )
    return (
        Concept.objects.select_for_update()
        .exclude(municipality=municipality)
        .update(municipality=municipality, updated_at=timezone.now())
    )
