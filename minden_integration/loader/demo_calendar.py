"""When the example content happened: one fictional timeline of working days and clock times.

The timeline ends a few weeks into version 2's consultation, so a demo portal always shows a
running consultation. It is counted back from the *anchor*: the last working day up to the
first demo load whose day `V1_CREATED` days earlier is one too. The anchor is kept in the data
(version 1 was created exactly that many days before it), so a later load recomputes the same
dates and times. No event carries the load's clock time: each has its own time of day, from
the table below or from a generator seeded with the event's name. None of these dates claims
to be Minden's: the real dates are not public, and every row they are set on is labelled as an
example.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from concept.models import Concept

# Days before the anchor. A day that is no working day (weekend, public holiday in NRW) is
# moved back to the working day before, by at most five days: the gaps keep the order.
PORTAL_SET_UP = 448  # organisations, members and committees entered
MEASURES_ENTERED = {  # each group's sessions, goals and measures, one group a week
    "bildung-und-erziehung": 441,
    "arbeit-und-soziales": 434,
    "dialog-und-gesellschaftliche-teilhabe": 427,
}
RECOMMENDATIONS_ENTERED = 423
V1_CREATED = 420  # 60 weeks: the anchor is recovered from this one
V1_CONSULTATION_START = 406
V1_CONSULTATION_DAYS = 28
# Per amendment (in the order of `AMENDMENTS_V1`): when it was submitted, weekends included.
V1_SUBMITTED = [(404, 398), (399, 390), (392, 384), (388, 381)]
V1_DECIDED = (372, 368)  # amendments decided on working days between these
V1_PRESENTED = 357
V1_HELD = [350, 335, 330, 306]  # Integrationsrat, two committees, council: in Beratungsfolge order
PROGRESS_FIRST = (290, 150)  # first report per measure, after the council's decision
PROGRESS_SECOND = (140, 3)
V2_CREATED = 70
V2_EDITED = (68, 61)
V2_CONSULTATION_START = 21
V2_CONSULTATION_ENDS = 35  # days *after* the anchor, at END_OF_DAY
V2_SUBMITTED = [(19, 12), (16, 6), (11, 2), (8, 2)]  # as `AMENDMENTS_V2`; the third a draft

CONSULTATION_START_TIME = dt.time(10, 0)
END_OF_DAY = dt.time(23, 59)


def rng(*key: object) -> random.Random:
    """A generator seeded with the event's name: the same draws on every load and machine
    (string seeds are hashed with SHA-512, not with Python's per-process hash)."""
    return random.Random("minden-demo:" + ":".join(str(k) for k in key))


def office_time(r: random.Random) -> dt.time:
    """Working hours of the officer's office, with a lunch break."""
    hour = r.choice([8, 9, 9, 10, 10, 11, 11, 13, 14, 14, 15])
    return dt.time(hour, r.randrange(60))


def evening_time(r: random.Random) -> dt.time:
    """When volunteers write: after work, now and then at lunch."""
    if r.random() < 0.15:
        return dt.time(12, r.randrange(15, 60))
    return dt.time(r.choice([17, 18, 19, 19, 20, 20, 21, 21, 22]), r.randrange(60))


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (the anonymous algorithm in Meeus' form)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, except NRW's public holidays, Christmas Eve and New Year's Eve."""
    if day.weekday() >= 5:
        return False
    if (day.month, day.day) in {
        (1, 1),
        (5, 1),
        (10, 3),
        (11, 1),
        (12, 24),
        (12, 25),
        (12, 26),
        (12, 31),
    }:
        return False
    easter = easter_sunday(day.year)
    # Good Friday, Easter Monday, Ascension, Whit Monday, Corpus Christi.
    return (day - easter).days not in {-2, 1, 39, 50, 60}


def working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@dataclass(frozen=True)
class DemoCalendar:
    anchor: dt.date

    @classmethod
    def for_load(cls, *, concept: Concept, now: dt.datetime) -> DemoCalendar:
        """The anchor of the first demo load, recovered from version 1 on a later load."""
        first = concept.versions.filter(is_example=True).order_by("number").first()
        if first is not None:
            created = timezone.localtime(first.created_at, timezone.get_default_timezone())
            return cls(anchor=created.date() + dt.timedelta(days=V1_CREATED))
        anchor = working_day(timezone.localdate(now, timezone.get_default_timezone()))
        while not is_working_day(anchor - dt.timedelta(days=V1_CREATED)):
            anchor = working_day(anchor - dt.timedelta(days=1))
        return cls(anchor=anchor)

    def day(self, days_before: int) -> dt.date:
        """The working day `days_before` the anchor, or the last one before it."""
        return working_day(self.anchor - dt.timedelta(days=days_before))

    def any_day(self, days_before: int) -> dt.date:
        """Weekends included: members also write on Saturdays and Sundays."""
        return self.anchor - dt.timedelta(days=days_before)

    def at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())

    def office(self, days_before: int, *key: object) -> dt.datetime:
        """A working day's office time, drawn for the event `key`."""
        return self.at(self.day(days_before), office_time(rng(*key)))

    def next_office(self, after: dt.datetime, *key: object) -> dt.datetime:
        """The next working day's office time: when the office records what happened."""
        day = next_working_day(timezone.localtime(after, timezone.get_default_timezone()).date())
        return self.at(day, office_time(rng(*key)))

    def evening(self, span: tuple[int, int], *key: object) -> dt.datetime:
        """When a member wrote: a day drawn from `span`, weekends included, after work."""
        days_before = rng("day", *key).randint(span[1], span[0])
        return self.at(self.any_day(days_before), evening_time(rng(*key)))

    def between(self, span: tuple[int, int], *key: object) -> int:
        """Days before the anchor of a working day drawn for `key` from `span` (earliest,
        latest): every working day in it equally likely."""
        r = rng("day", *key)
        for _attempt in range(100):
            days_before = r.randint(span[1], span[0])
            if is_working_day(self.anchor - dt.timedelta(days=days_before)):
                return days_before
        raise ValueError(f"No working day between {span} days before {self.anchor}.")
