"""Telling the audit trail's tables apart from the data they log."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalChanges


def is_audit_trail(model: type[models.Model]) -> bool:
    """The audit trail's tables (django-simple-history) log other rows; they hold no data of
    their own and have no admin of their own (each object's "Änderungen" page shows them)."""
    return issubclass(model, HistoricalChanges)
