"""The request id a log reader follows, and the error reports that must not carry personal data."""

import contextvars
import logging

from django.test import Client

from core.error_reports import event_scrubbed
from core.request_id import RequestIdFilter


def test_a_well_formed_incoming_request_id_is_kept_and_answered(db):
    response = Client().get("/livez", HTTP_X_REQUEST_ID="edge-1234abcd")

    assert response["X-Request-ID"] == "edge-1234abcd"


def test_a_forged_request_id_is_replaced_by_a_fresh_one(db):
    response = Client().get("/livez", HTTP_X_REQUEST_ID="x\nFAKE LOG LINE")

    assert response["X-Request-ID"] != "x\nFAKE LOG LINE"
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_outside_a_request_say_so():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)

    contextvars.Context().run(RequestIdFilter().filter, record)

    assert record.request_id == "-"


def test_error_reports_drop_bodies_and_mask_personal_data():
    event = {
        "request": {
            "url": "https://e-xidmet.azerishiq.az/status/",
            "data": {"fin": "2AB3C4D"},
            "query_string": "q=2AB3C4D",
            "cookies": {"sessionid": "secret"},
            "headers": {"Cookie": "sessionid=secret"},
        },
        "exception": {"values": [{"value": "no account for FİN 2AB3C4D, phone +994501234567"}]},
        "logentry": {"message": "mail to aysel@example.az failed"},
    }

    scrubbed = event_scrubbed(event, {})

    assert set(scrubbed["request"]) == {"url"}
    text = str(scrubbed)
    for secret in ("2AB3C4D", "+994501234567", "aysel@example.az", "sessionid"):
        assert secret not in text
