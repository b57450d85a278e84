"""Working days: when an application must be decided by.

The deadline counts working days (DOMAIN.md: up to 5 for the comparable service), skipping
Saturdays, Sundays and Azerbaijan's non-working holidays. The holidays come from the maintained
`holidays` package (Labour Code art. 105: the fixed days, Novruz, the lunar Ramazan and Qurban
bayramı, and the days carried over when a holiday falls on a rest day), computed for any year;
settings.HOLIDAYS_DAYS_OFF and settings.HOLIDAYS_WORKING_DAYS carry the Cabinet of Ministers'
yearly decisions that the package does not know yet (moved days, confirmed lunar dates).
"""

import datetime
from collections.abc import Container

import holidays
from django.conf import settings

SATURDAY = 5


def _dates(values) -> frozenset[datetime.date]:
    return frozenset(
        value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value) for value in values
    )


class WorkingCalendar:
    """A country's non-working days, corrected by explicit days off and working days."""

    def __init__(self, *, country: str, days_off=(), working_days=()):
        # The package computes a year the first time a date in it is asked about, so the
        # calendar never runs out (lunar dates beyond the confirmed years are its estimates).
        self.country_holidays = holidays.country_holidays(country, observed=True)
        self.days_off = _dates(days_off)
        self.working_days = _dates(working_days)

    def __contains__(self, day: datetime.date) -> bool:
        """True when `day` is not a working day: a rest day or a holiday, unless worked by decision."""
        if day in self.working_days:
            return False
        return day.weekday() >= SATURDAY or day in self.days_off or day in self.country_holidays


def working_calendar() -> WorkingCalendar:
    """The calendar the settings describe, read at call time (tests switch the settings)."""
    return WorkingCalendar(
        country=settings.HOLIDAYS_COUNTRY,
        days_off=settings.HOLIDAYS_DAYS_OFF,
        working_days=settings.HOLIDAYS_WORKING_DAYS,
    )


def is_working_day(day: datetime.date, holidays: Container[datetime.date] = ()) -> bool:
    """Monday to Friday and not in `holidays`; a WorkingCalendar decides weekends itself."""
    if isinstance(holidays, WorkingCalendar):
        return day not in holidays
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(
    start: datetime.date, days: int, *, holidays: Container[datetime.date] = ()
) -> datetime.date:
    """The day `days` working days after `start` (the start day itself is not counted)."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            days -= 1
    return day


def decision_due_date(received_on: datetime.date) -> datetime.date:
    """received_on + settings.APPLICATION_DECISION_WORKING_DAYS working days of the calendar."""
    return add_working_days(
        received_on, settings.APPLICATION_DECISION_WORKING_DAYS, holidays=working_calendar()
    )
