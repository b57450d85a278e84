from decimal import Decimal

import pytest

from integrations.billing.base import BillingUnavailable, get_billing
from integrations.billing.http import HttpBilling
from subscribers.billing import DatabaseBilling
from subscribers.demo import demo_data_load

HTTP_BACKEND = "integrations.billing.http.HttpBilling"


@pytest.fixture
def billing(settings, httpserver):
    settings.BILLING = {
        "BACKEND": HTTP_BACKEND,
        "base_url": httpserver.url_for(""),
        "api_key": "billing-key",
        "timeout": 0.5,
    }
    return get_billing()


# DatabaseBilling


@pytest.mark.usefixtures("demo_world")
def test_database_billing_reports_demo_balances():
    demo_data_load()
    billing = DatabaseBilling()

    assert billing.outstanding_debt("200200300400502") == Decimal("45.20")
    assert billing.outstanding_debt("100100200300714") == Decimal("-12.50")
    assert billing.outstanding_debt("100100200300401") == Decimal("0.00")


@pytest.mark.django_db
def test_database_billing_does_not_know_other_codes():
    demo_data_load()

    assert DatabaseBilling().outstanding_debt("999999999999999") is None


# HttpBilling


def test_http_billing_posts_the_code_in_the_body_and_reads_the_balance(billing, httpserver):
    httpserver.expect_request(
        "/balances/lookup",
        method="POST",
        json={"subscriber_code": "200200300400502"},
        headers={"Authorization": "Bearer billing-key"},
    ).respond_with_json({"balance": "45.20"})

    assert billing.outstanding_debt("200200300400502") == Decimal("45.20")
    httpserver.check_assertions()
    ((request, _response),) = httpserver.log
    assert request.path == "/balances/lookup"
    assert request.query_string == b""


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("45.2", "45.20"),
        (45.2, "45.20"),
        ("-12.5", "-12.50"),
        (0, "0.00"),
    ],
)
def test_http_billing_returns_the_balance_in_manat_and_qapik(billing, httpserver, answer, expected):
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_json({"balance": answer})

    balance = billing.outstanding_debt("200200300400502")

    assert balance == Decimal(expected)
    assert str(balance) == expected


def test_http_billing_unknown_code_is_none(billing, httpserver):
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_data("", status=404)

    assert billing.outstanding_debt("999999999999999") is None


def test_http_billing_error_status_is_billing_unavailable(billing, httpserver):
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_data("", status=503)

    with pytest.raises(BillingUnavailable):
        billing.outstanding_debt("200200300400502")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("<html>Service Unavailable</html>", id="html"),
        pytest.param('{"balance": "45.20"', id="truncated-json"),
        pytest.param("{}", id="no-balance"),
        pytest.param('{"balance": "qırx beş"}', id="not-a-number"),
        pytest.param('{"balance": null}', id="null-balance"),
        pytest.param('{"balance": "NaN"}', id="nan"),
        pytest.param('{"balance": "Infinity"}', id="infinity"),
        pytest.param('["45.20"]', id="list"),
        pytest.param("null", id="null"),
    ],
)
def test_http_billing_garbage_is_billing_unavailable(billing, httpserver, body):
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_data(
        body, content_type="application/json"
    )

    with pytest.raises(BillingUnavailable):
        billing.outstanding_debt("200200300400502")


def test_http_billing_slow_answer_is_billing_unavailable(settings, httpserver, stalled_handler):
    settings.BILLING = {"BACKEND": HTTP_BACKEND, "base_url": httpserver.url_for(""), "timeout": 0.2}
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_handler(stalled_handler)

    with pytest.raises(BillingUnavailable):
        get_billing().outstanding_debt("200200300400502")
    assert not stalled_handler.answered.is_set(), "the client waited for the answer"


def test_http_billing_closed_port_is_billing_unavailable(settings, closed_port_url):
    settings.BILLING = {"BACKEND": HTTP_BACKEND, "base_url": closed_port_url, "timeout": 0.5}

    with pytest.raises(BillingUnavailable):
        get_billing().outstanding_debt("200200300400502")


@pytest.mark.django_db
def test_get_billing_follows_the_setting_at_call_time(settings, httpserver):
    demo_data_load()
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_json({"balance": "7.00"})

    settings.BILLING = {"BACKEND": "subscribers.billing.DatabaseBilling"}
    assert get_billing().outstanding_debt("200200300400502") == Decimal("45.20")

    settings.BILLING = {"BACKEND": HTTP_BACKEND, "base_url": httpserver.url_for("")}
    assert isinstance(get_billing(), HttpBilling)
    assert get_billing().outstanding_debt("200200300400502") == Decimal("7.00")
