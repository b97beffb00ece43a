"""How values look in OParl: its schema address, date-times with their offset, dates."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

SCHEMA = "https://schema.oparl.org/1.1/"


def datetime_value(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def date_value(value: dt.date | dt.datetime | None) -> str | None:
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return value.isoformat() if value else None


def day_start(value: dt.date | None) -> str | None:
    """A meeting whose day is known but not its hour starts, for OParl, at midnight (local
    time: Europe/Berlin). OParl's `start` is a date-time; a date alone does not validate."""
    if value is None:
        return None
    return datetime_value(timezone.make_aware(dt.datetime.combine(value, dt.time())))


def dated_name(name: str, date: dt.date | None, date_text: str) -> str:
    """Without a day the name carries what is known of the date ("Herbst 2010")."""
    return f"{name} – {date_text}" if date is None and date_text else name
