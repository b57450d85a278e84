"""An approved transfer reaches billing exactly once, whatever fails on the way: a worker killed
after billing carried the command out, Redis stopped when the office approved, billing answering
"unavailable" for a while. Real gunicorn, Celery worker and beat, a private Redis, PostgreSQL, and
the fake billing scripted through its control files."""

import signal

import pytest

from tests.support.processes import AYSEL, BASE_URL, aysel_at_check_page, wait_for

pytestmark = pytest.mark.slow
RAUF = "100100200300401"

APPROVE = """
from applications.models import Application
from applications.services import application_approve, application_claim
from django.contrib.auth import get_user_model
operator = get_user_model().objects.get(username="operator.baki")
application = Application.objects.get()
application = application_claim(application=application, actor=operator)
application_approve(application=application, actor=operator)
"""


@pytest.fixture
def sent(e2e):
    """Aysel's transfer, sent through the wizard, with the demo staff and a fresh ledger."""
    e2e.reset_billing()  # and the demo staff, with the demo data
    citizen, page = aysel_at_check_page(e2e)
    assert citizen.submit(page).url == f"{BASE_URL}/apply/submitted/"
    yield e2e
    e2e.reset_billing()  # the account back to Rauf, for the tests that follow


def status(e2e) -> str:
    return e2e.query("SELECT status FROM applications_application")[0][0]


def transfers_in_billing(e2e) -> int:
    """How many times billing closed Rauf's contract: must end at exactly one."""
    return e2e.query("SELECT count(*) FROM fake_billing_contract WHERE subscriber_code = '100100200300401'")[
        0
    ][0]


def done_sms(e2e) -> list[dict]:
    return [sms for sms in e2e.sms_sent() if "müraciətiniz icra edildi" in sms["body"]]


def assert_carried_out_once(e2e):
    wait_for(lambda: status(e2e) == "done", timeout=120, what="the application to be done")
    wait_for(lambda: done_sms(e2e), timeout=120, what="the citizen's SMS")
    e2e.wait_for_sweeps()  # a few sweeps later, still once
    assert transfers_in_billing(e2e) == 1
    assert e2e.query("SELECT count(*) FROM fake_billing_command")[0][0] == 1
    holder, contract = e2e.query(
        "SELECT holder_fin, contract_number FROM fake_billing_account WHERE subscriber_code = %s", RAUF
    )[0]
    assert holder == AYSEL["fin"]
    assert (
        e2e.query(
            "SELECT contract_number FROM subscribers_account WHERE subscriber_code = '100100200300401'"
        )[0][0]
        == contract
    )
    assert len(done_sms(e2e)) == 1


def test_the_worker_killed_after_billing_carried_it_out_changes_billing_once(sent):
    sent.billing_control("delay_after", "8")  # billing has done it; the worker has not recorded it
    sent.run_python(APPROVE)
    wait_for(lambda: transfers_in_billing(sent) == 1, timeout=120, what="billing to carry the transfer out")

    sent.stop("worker", signal.SIGKILL)
    sent.billing_control("delay_after", None)
    assert status(sent) == "approved"
    sent.start_worker()

    assert_carried_out_once(sent)


def test_redis_stopped_at_approval_the_sweeper_sends_it_once_redis_is_back(sent):
    sent.stop("redis")
    sent.run_python(APPROVE)  # the decision is recorded; the command waits in its outbox row
    assert status(sent) == "approved"
    assert transfers_in_billing(sent) == 0

    sent.start_redis()

    assert_carried_out_once(sent)


def test_billing_unavailable_for_a_while_is_retried_until_it_is_carried_out_once(sent):
    sent.stop("worker")
    sent.run_python(APPROVE)  # approval's own re-check finds billing up
    sent.billing_control("fail", "4")  # then billing answers "unavailable" four times
    sent.start_worker()

    assert_carried_out_once(sent)
    attempts = sent.query("SELECT attempts FROM applications_billingcommand")[0][0]
    assert attempts >= 2
