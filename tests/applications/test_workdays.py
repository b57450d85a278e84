"""Due dates: working days after submission, weekends and public holidays skipped."""

import datetime

import pytest
from django.utils import timezone

from applications.services import application_claim, application_request_info, application_resubmit
from applications.workdays import add_working_days, decision_due_date
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


def test_deadline_uses_the_configured_days_and_holidays(settings):
    settings.APPLICATION_DECISION_WORKING_DAYS = 3
    settings.PUBLIC_HOLIDAYS = ["2026-12-31", "2027-01-01"]

    assert decision_due_date(datetime.date(2026, 12, 29)) == datetime.date(2027, 1, 5)


def test_default_is_five_working_days_with_the_listed_holidays(settings):
    # Novruz 2026 (20–25 March) and the weekend: sent on Thursday 19 March, due 1 April.
    assert settings.APPLICATION_DECISION_WORKING_DAYS == 5
    assert decision_due_date(datetime.date(2026, 3, 19)) == datetime.date(2026, 4, 1)


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
