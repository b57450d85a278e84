import datetime
from decimal import Decimal

import pytest

from integrations.billing.base import (
    BillingRefused,
    BillingUnavailable,
    Holder,
    RenameCommand,
    TransferCommand,
    get_billing,
)
from integrations.billing.demo import fake_ledger_load
from integrations.billing.fake import FakeBilling
from integrations.billing.http import HttpBilling

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


# HttpBilling


def test_http_billing_posts_the_code_in_the_body_and_reads_the_balance(billing, httpserver):
    httpserver.expect_request(
        "/balances/lookup",
        method="POST",
        json={"subscriber_code": "200200300400502"},
        headers={"Authorization": "Bearer billing-key"},
    ).respond_with_json({"balance": "45.20"})

    assert billing.balance("200200300400502") == Decimal("45.20")
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

    balance = billing.balance("200200300400502")

    assert balance == Decimal(expected)
    assert str(balance) == expected


def test_http_billing_unknown_code_is_none(billing, httpserver):
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_data("", status=404)

    assert billing.balance("999999999999999") is None


def test_http_billing_error_status_is_billing_unavailable(billing, httpserver):
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_data("", status=503)

    with pytest.raises(BillingUnavailable):
        billing.balance("200200300400502")


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
        billing.balance("200200300400502")


def test_http_billing_slow_answer_is_billing_unavailable(settings, httpserver, stalled_handler):
    settings.BILLING = {"BACKEND": HTTP_BACKEND, "base_url": httpserver.url_for(""), "timeout": 0.2}
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_handler(stalled_handler)

    with pytest.raises(BillingUnavailable):
        get_billing().balance("200200300400502")
    assert not stalled_handler.answered.is_set(), "the client waited for the answer"


def test_http_billing_closed_port_is_billing_unavailable(settings, closed_port_url):
    settings.BILLING = {"BACKEND": HTTP_BACKEND, "base_url": closed_port_url, "timeout": 0.5}

    with pytest.raises(BillingUnavailable):
        get_billing().balance("200200300400502")


@pytest.mark.django_db
def test_get_billing_follows_the_setting_at_call_time(settings, httpserver):
    fake_ledger_load()
    httpserver.expect_request("/balances/lookup", method="POST").respond_with_json({"balance": "7.00"})

    settings.BILLING = {"BACKEND": "integrations.billing.fake.FakeBilling"}
    assert isinstance(get_billing(), FakeBilling)
    assert get_billing().balance("200200300400502") == Decimal("45.20")

    settings.BILLING = {"BACKEND": HTTP_BACKEND, "base_url": httpserver.url_for("")}
    assert isinstance(get_billing(), HttpBilling)
    assert get_billing().balance("200200300400502") == Decimal("7.00")


# --- the account, the reading, the commands --------------------------------------------------

ACCOUNT = {
    "subscriber_code": "100100200300401",
    "status": "active",
    "holder": {"fin": "9XY8Z7W", "last_name": "Əliyev", "first_name": "Rauf", "patronymic": "Kamal oğlu"},
    "contract_number": "BK-2009-004017",
    "contract_start": "2009-06-01",
    "address": "Bakı ş., Nəsimi r., S. Vurğun küç. 24, m. 17",
    "district_code": "baki-nesimi",
    "registry_number": "608011001798",
    "registration_number": "1725022423",
    "property_kind": "apartment",
    "meter": {
        "number": "AZ-0048213",
        "kind": "conventional",
        "integer_digits": 6,
        "decimal_digits": 1,
        "last_billed_kwh": "18342.6",
        "last_billed_on": "2026-11-01",
    },
    "balance": "-15.00",
    "contact_phone": "+994553216547",
    "contact_email": "rauf.aliyev@example.az",
}
TRANSFER = TransferCommand(
    key="AZI-7K3MQ-9XWPD",
    subscriber_code="100100200300401",
    new_holder=Holder("2AB3C4D", "Məmmədova", "Aysel", "Rövşən qızı"),
    handover_date=datetime.date(2026, 11, 20),
    opening_kwh=Decimal("18463.1"),
    contact_phone="+994501234567",
    contact_email="aysel@example.az",
)
TRANSFER_DONE = {
    "contract_number": "E-2026-7K3MQ9XWPD",
    "final_bill": {
        "contract_number": "BK-2009-004017",
        "closing_kwh": "18463.1",
        "consumption_kwh": "120.5",
        "consumption_amount": "10.12",
        "balance_before": "-15.00",
        "to_pay": "0.00",
        "refund": "4.88",
    },
}


def test_http_billing_reads_the_account_as_the_contract_describes_it(billing, httpserver):
    httpserver.expect_request(
        "/accounts/lookup", method="POST", json={"subscriber_code": "100100200300401"}
    ).respond_with_json(ACCOUNT)

    account = billing.account("100100200300401")

    assert account.holder.full_name == "Əliyev Rauf Kamal oğlu"
    assert (account.meter.kind, account.meter.last_billed_kwh) == ("conventional", Decimal("18342.6"))
    assert account.balance == Decimal("-15.00")
    assert account.contact_phone == "+994553216547"


def test_http_billing_unknown_account_is_none(billing, httpserver):
    httpserver.expect_request("/accounts/lookup", method="POST").respond_with_data("", status=404)

    assert billing.account("999999999999999") is None


def test_http_billing_asks_for_the_reading_of_a_day(billing, httpserver):
    httpserver.expect_request(
        "/readings/lookup", method="POST", json={"subscriber_code": "100100200300825", "date": "2026-11-24"}
    ).respond_with_json({"kwh": "22050.9", "date": "2026-11-24", "source": "smart"})

    reading = billing.meter_reading("100100200300825", datetime.date(2026, 11, 24))

    assert (reading.kwh, reading.on, reading.source) == (
        Decimal("22050.9"),
        datetime.date(2026, 11, 24),
        "smart",
    )


def test_http_billing_no_reading_is_none(billing, httpserver):
    httpserver.expect_request("/readings/lookup", method="POST").respond_with_data("", status=404)

    assert billing.meter_reading("100100200300401", datetime.date(2026, 11, 24)) is None


def test_http_billing_sends_the_transfer_with_its_idempotency_key(billing, httpserver):
    httpserver.expect_request(
        "/commands/transfer",
        method="POST",
        headers={"Idempotency-Key": "AZI-7K3MQ-9XWPD", "Authorization": "Bearer billing-key"},
        json={
            "key": "AZI-7K3MQ-9XWPD",
            "subscriber_code": "100100200300401",
            "new_holder": {
                "fin": "2AB3C4D",
                "last_name": "Məmmədova",
                "first_name": "Aysel",
                "patronymic": "Rövşən qızı",
            },
            "handover_date": "2026-11-20",
            "opening_kwh": "18463.1",
            "contact_phone": "+994501234567",
            "contact_email": "aysel@example.az",
        },
    ).respond_with_json(TRANSFER_DONE)

    done = billing.transfer(TRANSFER)

    httpserver.check_assertions()
    assert done.contract_number == "E-2026-7K3MQ9XWPD"
    assert (done.final_bill.refund, done.final_bill.to_pay) == (Decimal("4.88"), Decimal("0.00"))


def test_http_billing_a_duplicate_command_answers_the_first_result(billing, httpserver):
    """Billing answers a key it has carried out with that result (200), as the contract says."""
    httpserver.expect_request("/commands/transfer", method="POST").respond_with_json(TRANSFER_DONE)

    first, second = billing.transfer(TRANSFER), billing.transfer(TRANSFER)

    assert first == second
    assert [request.headers["Idempotency-Key"] for request, _ in httpserver.log] == [TRANSFER.key] * 2


@pytest.mark.parametrize("status", [409, 422])
def test_http_billing_refusal_carries_billings_reason(billing, httpserver, status):
    httpserver.expect_request("/commands/transfer", method="POST").respond_with_json(
        {"error": {"code": "reading", "reason": "the reading is below the last billed one"}}, status=status
    )

    with pytest.raises(BillingRefused) as refused:
        billing.transfer(TRANSFER)

    assert (refused.value.code, refused.value.reason) == (
        "reading",
        "the reading is below the last billed one",
    )


def test_http_billing_command_for_an_unknown_account_is_refused(billing, httpserver):
    httpserver.expect_request("/commands/rename", method="POST").respond_with_data("", status=404)

    with pytest.raises(BillingRefused):
        billing.rename(
            RenameCommand("AZI-7K3MQ-9XWPD", "999999999999999", Holder("4EF5G6H", "Quliyeva", "Leyla"))
        )


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_http_billing_command_5xx_is_unavailable_to_try_again(billing, httpserver, status):
    httpserver.expect_request("/commands/transfer", method="POST").respond_with_data("", status=status)

    with pytest.raises(BillingUnavailable):
        billing.transfer(TRANSFER)


def test_http_billing_command_broken_answer_is_unavailable(billing, httpserver):
    httpserver.expect_request("/commands/transfer", method="POST").respond_with_json({"contract_number": "X"})

    with pytest.raises(BillingUnavailable):
        billing.transfer(TRANSFER)


def test_http_billing_slow_command_is_unavailable(settings, httpserver, stalled_handler):
    settings.BILLING = {"BACKEND": HTTP_BACKEND, "base_url": httpserver.url_for(""), "timeout": 0.2}
    httpserver.expect_request("/commands/transfer", method="POST").respond_with_handler(stalled_handler)

    with pytest.raises(BillingUnavailable):
        get_billing().transfer(TRANSFER)
    assert not stalled_handler.answered.is_set(), "the client waited for the answer"
