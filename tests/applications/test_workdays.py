"""Due dates: working days after submission, weekends and public holidays skipped."""

import datetime

import pytest
from django.utils import timezone

from applications.services import application_claim, application_request_info, application_resubmit
from applications.workdays import add_working_days, decision_due_date, is_working_day, working_calendar
from tests.support.applications import citizen_user
from tests.support.demo import OPERATOR_BAKI
from tests.support.staff import user

pytestmark = pytest.mark.usefixtures("staff_world")

MONDAY = datetime.date(2026, 11, 30)
FRIDAY = datetime.date(2026, 12, 4)
SATURDAY = datetime.date(2026, 12, 5)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (MONDAY, 5, datetime.date(2026, 12, 7)),  # the next Monday
        (FRIDAY, 1, datetime.date(2026, 12, 7)),  # over the weekend
        (SATURDAY, 5, datetime.date(2026, 12, 11)),  # counting starts on Monday
        (MONDAY, 0, MONDAY),
    ],
)
def test_working_days_skip_weekends(start, days, due):
    assert add_working_days(start, days) == due


def test_working_days_skip_public_holidays():
    holidays = {datetime.date(2026, 12, 1), datetime.date(2026, 12, 2)}

    assert add_working_days(MONDAY, 5, holidays=holidays) == datetime.date(2026, 12, 9)


def test_deadline_uses_the_configured_days(settings):
    settings.APPLICATION_DECISION_WORKING_DAYS = 3

    # Wednesday 30 December; 31 December and 1 January are holidays, 2 January a Saturday
    # carried over to Monday 4 January.
    assert decision_due_date(datetime.date(2026, 12, 29)) == datetime.date(2027, 1, 6)


def test_default_is_five_working_days_over_novruz_and_ramazan(settings):
    # 2026: Novruz (20–24 March) and Ramazan bayramı (20–21 March) coincide; the days off run
    # to Monday 30 March (Labour Code art. 105.5–6). Sent on Thursday 19 March, due 6 April.
    assert settings.APPLICATION_DECISION_WORKING_DAYS == 5
    assert decision_due_date(datetime.date(2026, 3, 19)) == datetime.date(2026, 4, 6)


def test_sent_on_29_december_2026_is_due_after_the_new_year_holidays():
    # The case: the old 2026-only list made 1–2 January 2027 working days (due 6 January).
    assert decision_due_date(datetime.date(2026, 12, 29)) == datetime.date(2027, 1, 8)


@pytest.mark.parametrize(
    "day_off",
    [
        datetime.date(2026, 12, 31),  # Solidarity Day
        datetime.date(2027, 1, 1),  # New Year
        datetime.date(2027, 1, 4),  # New Year's 2 January (a Saturday) carried over
        datetime.date(2027, 3, 9),  # Ramazan bayramı (lunar)
        datetime.date(2027, 3, 22),  # Novruz
        datetime.date(2027, 3, 25),  # Novruz's 20–21 March (a weekend) carried over
        datetime.date(2027, 5, 17),  # Qurban bayramı (lunar)
        datetime.date(2027, 6, 28),  # Armed Forces Day (Saturday 26 June) carried over
        datetime.date(2027, 11, 8),  # Victory Day
        datetime.date(2028, 1, 3),  # New Year (1–2 January, a weekend) carried over
        datetime.date(2028, 1, 4),
        datetime.date(2028, 2, 28),  # Ramazan bayramı (a weekend) carried over
        datetime.date(2028, 3, 20),  # Novruz
        datetime.date(2028, 5, 5),  # Qurban bayramı
        datetime.date(2028, 5, 29),  # Independence Day (a Sunday) carried over
        datetime.date(2028, 11, 9),  # State Flag Day
    ],
)
def test_holidays_of_2026_to_2028_are_not_working_days(day_off):
    assert day_off.weekday() < 5
    assert not is_working_day(day_off, working_calendar())


@pytest.mark.parametrize(
    "working_day",
    [datetime.date(2027, 1, 5), datetime.date(2027, 3, 31), datetime.date(2028, 3, 27)],
)
def test_ordinary_weekdays_of_2027_and_2028_are_working_days(working_day):
    assert is_working_day(working_day, working_calendar())


def test_cabinet_decisions_override_the_calendar(settings):
    # A decision moves the day off from Saturday 9 January 2027 to Tuesday 5 January.
    settings.HOLIDAYS_DAYS_OFF = ["2027-01-05"]
    settings.HOLIDAYS_WORKING_DAYS = [datetime.date(2027, 1, 9)]

    assert not is_working_day(datetime.date(2027, 1, 5), working_calendar())
    assert is_working_day(datetime.date(2027, 1, 9), working_calendar())
    assert decision_due_date(datetime.date(2026, 12, 29)) == datetime.date(2027, 1, 9)


def test_submission_stores_the_due_date(aysel_transfer):
    assert aysel_transfer.due_date == decision_due_date(timezone.localdate(aysel_transfer.submitted_at))


def test_resubmission_restarts_the_clock_but_never_brings_it_forward(aysel_transfer, settings):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    application_request_info(application=aysel_transfer, actor=user(OPERATOR_BAKI), message="?")
    settings.APPLICATION_DECISION_WORKING_DAYS = 20

    resubmitted = application_resubmit(application=aysel_transfer, applicant=citizen_user("2AB3C4D"))

    assert resubmitted.due_date > aysel_transfer.due_date
    settings.APPLICATION_DECISION_WORKING_DAYS = 1
    application_request_info(application=resubmitted, actor=user(OPERATOR_BAKI), message="?")
    again = application_resubmit(application=resubmitted, applicant=citizen_user("2AB3C4D"))
    assert again.due_date == resubmitted.due_date
