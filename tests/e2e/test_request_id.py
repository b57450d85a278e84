"""One id follows a citizen's request from the edge into the worker that sent her SMS: the web
process's log line and the SMS worker's carry the id the proxy gave the request."""

import uuid

import pytest

from tests.support.processes import AYSEL, BASE_URL, aysel_at_check_page, wait_for

pytestmark = pytest.mark.slow


def test_the_request_id_is_in_the_web_log_and_the_sms_task_log(e2e):
    citizen, page = aysel_at_check_page(e2e, seller_told=False)
    request_id = f"edge-{uuid.uuid4().hex}"
    citizen.http.headers["X-Request-ID"] = request_id  # as nginx sets it (deploy/nginx/)
    response = citizen.submit(page)
    assert response.url == f"{BASE_URL}/apply/submitted/"
    assert response.history[0].headers["X-Request-ID"] == request_id

    web_line = wait_for(
        lambda: _line(e2e.log("web"), request_id, "submitted to office"), timeout=30, what="the web log line"
    )
    sms_line = wait_for(
        lambda: _line(e2e.log("sms_worker"), request_id, "(sms, receipt) sent"),
        timeout=120,
        what="the SMS task's log line",
    )
    assert "AZI-" in web_line and AYSEL["fin"] not in web_line + sms_line


def _line(log: str, request_id: str, text: str) -> str | None:
    return next((line for line in log.splitlines() if request_id in line and text in line), None)
