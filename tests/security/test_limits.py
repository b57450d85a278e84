"""Limits that hold: the debt check's limit counts every page that shows an account, keeps nothing
from a refused request; one-time codes cannot be used to lock a victim's number out; every limit
counts the client behind a trusted proxy, never a header the client wrote."""

import pytest

from applications.models import WizardDraft
from subscribers.models import Account
from tests.support.demo import AYSEL, GENCE_ACCOUNT, RAUF_ACCOUNT, TURAL_ACCOUNT
from tests.support.wizard import (
    application_fields,
    fill_until,
    page_text,
    post_step,
    step_url,
)


@pytest.fixture(autouse=True)
def _world(world):
    """The demo world (tests/security/conftest.py)."""


CODE_FIELD = "application-subscriber_code"


def _address(code: str) -> str:
    return Account.objects.select_related("property").get(subscriber_code=code).property.address


def _draft_codes() -> list[str]:
    return [
        value
        for draft in WizardDraft.objects.all()
        for value in draft.data.get("step_data", {})
        .get("application", {})
        .get("application-subscriber_code", [])
    ]


def test_a_refused_debt_check_keeps_nothing_and_no_page_shows_the_account(settings, citizen):
    settings.ACCOUNT_CHECK_RATE = "2/h"
    aysel = citizen(AYSEL)
    fill_until(aysel, "basic")
    for code in (TURAL_ACCOUNT, GENCE_ACCOUNT):
        post_step(aysel, "application", application_fields("transfer", code), check_account="1")

    refused = post_step(aysel, "application", application_fields("transfer", RAUF_ACCOUNT))
    pages = [aysel.get(step_url(step), follow=True) for step in ("property", "contact", "check")]

    assert refused.status_code == 429
    assert RAUF_ACCOUNT not in _draft_codes()
    for page in pages:
        assert _address(RAUF_ACCOUNT) not in page_text(page)


def test_going_back_with_a_new_code_past_the_limit_keeps_nothing_either(settings, citizen):
    settings.ACCOUNT_CHECK_RATE = "1/h"
    aysel = citizen(AYSEL)
    fill_until(aysel, "basic")
    post_step(aysel, "application", application_fields("transfer", TURAL_ACCOUNT), check_account="1")

    # "Geri" keeps what was typed without checking it: the next page would check it.
    back = post_step(
        aysel, "application", application_fields("transfer", RAUF_ACCOUNT), wizard_goto_step="basic"
    )
    later = aysel.get(step_url("property"), follow=True)

    assert back.status_code == 429
    assert RAUF_ACCOUNT not in _draft_codes()
    assert _address(RAUF_ACCOUNT) not in page_text(later)


def test_the_same_account_checked_again_does_not_use_up_the_limit(settings, citizen):
    settings.ACCOUNT_CHECK_RATE = "2/h"
    aysel = citizen(AYSEL)
    fill_until(aysel, "basic")
    answers = [
        post_step(aysel, "application", application_fields("transfer", RAUF_ACCOUNT), check_account="1")
        for _ in range(5)
    ]
    post_step(aysel, "application", application_fields("transfer", TURAL_ACCOUNT), check_account="1")
    over = post_step(aysel, "application", application_fields("transfer", GENCE_ACCOUNT), check_account="1")

    assert [answer.status_code for answer in answers] == [200] * 5
    assert _address(RAUF_ACCOUNT) in page_text(answers[-1])
    assert over.status_code == 429
