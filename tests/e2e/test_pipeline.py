"""After "Müraciəti göndər", with real processes: gunicorn, a Celery worker and beat, Redis.

Each test submits Aysel Məmmədova's transfer through HTTP and follows the receipt SMS to the
gateway stub (a file). They prove the outbox's promises: sent once, nothing lost when the
broker or a worker dies, retried when retrying helps, failed with a reason when it does not.
"""

import signal

import pytest

from tests.support.processes import BASE_URL, HTTP_TIMEOUT, Citizen, aysel_at_check_page, wait_for

pytestmark = pytest.mark.slow

RECEIPT = (
    "SELECT id, status, attempts, last_error FROM notifications_notification"
    " WHERE template = 'receipt' AND channel = 'sms'"
)


def _receipts_sent(e2e) -> list[dict]:
    return [sms for sms in e2e.sms_sent() if "qəbul edildi" in sms["body"]]


def _aysel_at_check_page(e2e) -> tuple[Citizen, str]:
    # These tests follow the applicant's receipt through a scripted gateway: billing knows no
    # contact for the outgoing holder here, so his message does not share its faults
    # (tests/e2e/test_billing.py resets the ledger; tests/applications/handover/ tell him).
    return aysel_at_check_page(e2e, seller_told=False)


def test_submission_hands_the_receipt_to_the_gateway_once(e2e):
    citizen, page = _aysel_at_check_page(e2e)
    response = citizen.submit(page)
    assert response.url == f"{BASE_URL}/apply/submitted/"
    assert "Müraciətiniz qəbul edildi" in response.text
    wait_for(lambda: _receipts_sent(e2e), timeout=120, what="the receipt SMS")
    e2e.wait_for_sweeps()  # a few sweeps later, still exactly one
    receipts = _receipts_sent(e2e)
    assert len(receipts) == 1
    assert receipts[0]["to"] == "+994501234567"
    assert f"{BASE_URL}/d/" in receipts[0]["body"]
    [(_, status, attempts, _)] = e2e.query(RECEIPT)
    assert (status, attempts) == ("sent", 1)


def test_redis_down_at_submit_keeps_the_application_and_sends_once_redis_is_back(e2e):
    citizen, page = _aysel_at_check_page(e2e)
    e2e.stop("redis")
    # The page answers (within the client's timeout) although the broker is down.
    response = citizen.submit(page)
    assert response.url == f"{BASE_URL}/apply/submitted/"
    assert "Müraciətiniz qəbul edildi" in response.text
    assert e2e.query("SELECT count(*) FROM applications_application") == [(1,)]
    [(_, status, _, _)] = e2e.query(RECEIPT)
    assert status == "pending"
    assert _receipts_sent(e2e) == []
    e2e.start_redis()
    wait_for(lambda: _receipts_sent(e2e), timeout=180, what="the receipt SMS after Redis came back")
    e2e.wait_for_sweeps()
    assert len(_receipts_sent(e2e)) == 1


@pytest.mark.parametrize("moment", ["before the gateway accepted it", "after the gateway accepted it"])
def test_worker_killed_mid_send_delivers_exactly_once_after_restart(e2e, moment):
    citizen, page = _aysel_at_check_page(e2e)
    e2e.control("delay" if moment.startswith("before") else "delay_after", "30")
    citizen.submit(page)
    wait_for(lambda: e2e.query(RECEIPT + " AND status = 'sending'"), timeout=120, what="the send to start")
    if moment.startswith("after"):
        wait_for(lambda: _receipts_sent(e2e), timeout=120, what="the gateway to accept the receipt")
    e2e.stop("sms_worker", signal.SIGKILL)
    e2e.control("delay", None)
    e2e.control("delay_after", None)
    e2e.start_sms_worker()
    wait_for(lambda: e2e.query(RECEIPT + " AND status = 'sent'"), timeout=180, what="the receipt to be sent")
    e2e.wait_for_sweeps()
    assert len(_receipts_sent(e2e)) == 1


def test_gateway_failing_three_times_then_succeeding_sends_one_sms(e2e):
    citizen, page = _aysel_at_check_page(e2e)
    e2e.control("fail", "3")
    citizen.submit(page)
    wait_for(lambda: e2e.query(RECEIPT + " AND status = 'sent'"), timeout=180, what="the receipt to be sent")
    [(_, _, attempts, _)] = e2e.query(RECEIPT)
    assert attempts == 4
    assert len(_receipts_sent(e2e)) == 1


def test_permanent_error_fails_at_once_and_falls_back_to_email(e2e):
    citizen, page = _aysel_at_check_page(e2e)
    e2e.control("permanent", "21211")
    citizen.submit(page)
    wait_for(lambda: e2e.query(RECEIPT + " AND status = 'failed'"), timeout=120, what="the receipt to fail")
    [(_, _, attempts, last_error)] = e2e.query(RECEIPT)
    assert attempts == 1
    assert "21211" in last_error
    # Other mail may reach the directory first (and a file may still be being written): wait
    # for the one addressed to Aysel, not for any file.
    wait_for(lambda: "aysel@example.az" in _mail_text(e2e), timeout=120, what="the fallback e-mail to Aysel")
    e2e.wait_for_sweeps()
    [(_, _, attempts, _)] = e2e.query(RECEIPT)
    assert attempts == 1, "a permanent error must not be retried"


def test_healthz_reports_the_database_the_broker_and_a_worker_heartbeat(e2e):
    import requests

    healthy = wait_for(
        lambda: (r := requests.get(f"{BASE_URL}/healthz", timeout=HTTP_TIMEOUT)).status_code == 200 and r,
        timeout=120,
        what="/healthz to report a worker heartbeat",
    )
    assert healthy.json() == {"database": "ok", "broker": "ok", "worker": "ok", "worker-sms": "ok"}
    e2e.stop("redis")
    response = requests.get(f"{BASE_URL}/healthz", timeout=HTTP_TIMEOUT)
    assert response.status_code == 503
    assert response.json()["broker"].startswith("down")
    assert response.json()["database"] == "ok"


def _mail_text(e2e) -> str:
    return "".join(path.read_text(encoding="utf-8", errors="replace") for path in e2e.mail_dir.glob("*.log"))
