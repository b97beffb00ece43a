"""What the portal holds about a person, and how long: the interfaces through which every app
contributes to the report of Art. 15 DSGVO and to the daily deletion of what is past its
period, declared here so that no app has to name another.

An app that keeps personal data registers in its `AppConfig.ready()`:

- a `RetentionRule` (`retention_rule_register`): what it deletes, after which setting's number
  of days. `personal_data_purge()` runs every rule (`manage.py purge_personal_data`, daily);
- a `PersonalDataSource` (`personal_data_source_register`), when the accounts app cannot read
  the data itself (an app beside it, such as the site's accessibility feedback).

A new kind of personal data (say, subscriptions) registers both, and the report and the
deletion cover it without any other change.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import yesno
from django.utils import timezone
from django.utils.formats import date_format

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass
class Section:
    """One kind of data held about the person: its records as rows of plain values (text,
    numbers, booleans, dates), under column labels. `processing` is the key of the processing
    activity (`processing_register`) the data belong to."""

    key: str
    title: str
    processing: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": str(self.title),
            "processing": self.processing,
            "note": str(self.note),
            "columns": {column.key: str(column.label) for column in self.columns},
            "records": self.rows,
        }

    @property
    def records(self) -> list[list[Cell]]:
        """Each row as cells in the columns' order, its values as text: what the page shows."""
        return [
            [Cell.of(column, row.get(column.key)) for column in self.columns] for row in self.rows
        ]


@dataclass(frozen=True)
class Cell:
    label: str
    text: str
    # For a value that is a list (the replies to a feedback): one text per item.
    items: tuple[str, ...] = ()

    @classmethod
    def of(cls, column: Column, value: Any) -> Cell:
        if isinstance(value, list | tuple):
            return cls(str(column.label), "", tuple(display(item) for item in value))
        return cls(str(column.label), display(value))


def display(value: Any) -> str:
    """A value as the readable page shows it (dates in local time, yes/no, „–“ for none)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return yesno(value)
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, dict):
        return ", ".join(display(item) for item in value.values() if item not in (None, ""))
    return str(value)


@dataclass(frozen=True)
class DataSubject:
    """Whom a report is about: an account (with its memberships), or a participant without
    one (a membership only). `emails` are the addresses the person is known by."""

    user: Any | None
    memberships: Sequence[Any]
    emails: Sequence[str]


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    collect: Callable[[DataSubject], list[Section]]


@dataclass(frozen=True)
class RetentionRule:
    """Deletes what is past its period: `purge(now=…, days=…)` returns how many rows went.
    `setting` names the period in days; None where the data carry their own end (sessions)."""

    key: str
    label: str
    setting: str | None
    purge: Callable[..., int]

    @property
    def days(self) -> int | None:
        return getattr(settings, self.setting) if self.setting else None


_sources: dict[str, PersonalDataSource] = {}
_rules: dict[str, RetentionRule] = {}


def personal_data_source_register(source: PersonalDataSource) -> None:
    """Registering a key again replaces it (tests, reloads)."""
    _sources[source.key] = source


def personal_data_sources() -> list[PersonalDataSource]:
    return list(_sources.values())


def retention_rule_register(rule: RetentionRule) -> None:
    _rules[rule.key] = rule


def retention_rules() -> list[RetentionRule]:
    return list(_rules.values())


def personal_data_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Run every retention rule, each in its own transaction (one failing leaves the others
    done, and is raised after they ran); returns the rows deleted per rule."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    failed: Exception | None = None
    for rule in retention_rules():
        try:
            with transaction.atomic():
                counts[rule.key] = rule.purge(now=now, days=rule.days)
        except Exception as exc:  # the other periods must still be enforced
            logger.exception("Retention rule %s failed", rule.key)
            failed = failed or exc
    if failed is not None:
        raise failed
    return counts


def before(now: dt.datetime, days: int) -> dt.datetime:
    """The moment a period of `days` days that ends `now` began: a row dated earlier is past
    it, one dated exactly then or later is not."""
    return now - dt.timedelta(days=days)
