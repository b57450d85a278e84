"""Working days: when an application must be decided by.

The deadline counts working days (DOMAIN.md: up to 5 for the comparable service), skipping
Saturdays, Sundays and the public holidays listed in settings.PUBLIC_HOLIDAYS.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings

SATURDAY = 5


def public_holidays() -> frozenset[datetime.date]:
    """settings.PUBLIC_HOLIDAYS ("YYYY-MM-DD" strings or dates), read at call time."""
    return frozenset(
        day if isinstance(day, datetime.date) else datetime.date.fromisoformat(day)
        for day in getattr(settings, "PUBLIC_HOLIDAYS", ())
    )


def is_working_day(day: datetime.date, holidays: Iterable[datetime.date] = ()) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(
    start: datetime.date, days: int, *, holidays: Iterable[datetime.date] = ()
) -> datetime.date:
    """The day `days` working days after `start` (the start day itself is not counted)."""
    holidays = frozenset(holidays)
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            days -= 1
    return day


def decision_due_date(received_on: datetime.date) -> datetime.date:
    """received_on + settings.APPLICATION_DECISION_WORKING_DAYS working days."""
    return add_working_days(
        received_on, settings.APPLICATION_DECISION_WORKING_DAYS, holidays=public_holidays()
    )
