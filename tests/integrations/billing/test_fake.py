"""The fake billing behaves as billing's contract says (docs/integrations/billing.md): the demo
and every test that approves an application rely on it."""

import datetime
from decimal import Decimal

import pytest

from integrations.billing.base import (
    BillingRefused,
    BillingUnavailable,
    Holder,
    RenameCommand,
    TransferCommand,
)
from integrations.billing.demo import fake_ledger_load
from integrations.billing.fake import FakeBilling
from integrations.billing.models import FakeLedgerAccount, FakeLedgerContract

pytestmark = pytest.mark.django_db
RAUF_ACCOUNT, GENCE_ACCOUNT, SAMIR_ACCOUNT = "100100200300401", "200200300400502", "100100200300825"
AYSEL = Holder("2AB3C4D", "Məmmədova", "Aysel", "Rövşən qızı")


@pytest.fixture
def billing():
    fake_ledger_load()
    return FakeBilling()


def transfer(code=RAUF_ACCOUNT, *, key="AZI-7K3MQ-9XWPD", reading="18463.1", day=datetime.date(2026, 11, 20)):
    return TransferCommand(
        key=key,
        subscriber_code=code,
        new_holder=AYSEL,
        handover_date=day,
        opening_kwh=Decimal(reading),
        contact_phone="+994501234567",
    )


def test_the_ledger_answers_for_its_accounts_only(billing):
    account = billing.account(RAUF_ACCOUNT)

    assert account.holder.fin == "9XY8Z7W" and account.balance == Decimal("-15.00")
    assert account.meter.kind == "conventional"
    assert billing.account("999999999999999") is None
    assert billing.balance(GENCE_ACCOUNT) == Decimal("45.20")


def test_a_smart_meter_answers_for_a_past_day_and_a_conventional_one_does_not(billing):
    day = datetime.date(2026, 11, 24)

    reading = billing.meter_reading(SAMIR_ACCOUNT, day)

    # 21 877,3 at the last bill (1 November) and 7,4 a day since.
    assert (reading.kwh, reading.on, reading.source) == (Decimal("22047.5"), day, "smart")
    assert billing.meter_reading(RAUF_ACCOUNT, day) is None
    assert billing.meter_reading(SAMIR_ACCOUNT, datetime.date.today() + datetime.timedelta(days=1)) is None


def test_a_transfer_refunds_the_prepaid_credit_to_the_seller_and_starts_the_buyer_at_zero(billing):
    done = billing.transfer(transfer())

    bill = done.final_bill
    assert (bill.consumption_kwh, bill.consumption_amount) == (Decimal("120.5"), Decimal("10.12"))
    assert (bill.balance_before, bill.refund, bill.to_pay) == (
        Decimal("-15.00"),
        Decimal("4.88"),
        Decimal("0.00"),
    )
    row = FakeLedgerAccount.objects.get(pk=RAUF_ACCOUNT)
    assert (row.holder_fin, row.balance, row.contract_number) == ("2AB3C4D", 0, done.contract_number)
    assert (row.contract_start, row.last_billed_kwh) == (datetime.date(2026, 11, 20), Decimal("18463.1"))


def test_a_transfer_of_an_account_in_debt_bills_the_seller_for_both(billing):
    done = billing.transfer(transfer(GENCE_ACCOUNT, reading="30310.0", day=datetime.date(2026, 11, 5)))

    # 100 kVt·saat at 8,4 qəpik = 8,40 AZN, on top of the 45,20 AZN debt.
    assert (done.final_bill.to_pay, done.final_bill.refund) == (Decimal("53.60"), Decimal("0.00"))


def test_the_same_key_is_carried_out_once_and_answered_the_same(billing):
    first = billing.transfer(transfer())
    second = billing.transfer(transfer())

    assert first == second
    assert FakeLedgerContract.objects.filter(subscriber_code=RAUF_ACCOUNT).count() == 1


def test_a_key_used_for_another_command_is_refused(billing):
    billing.transfer(transfer())

    with pytest.raises(BillingRefused) as refused:
        billing.transfer(transfer(reading="18500.0"))

    assert refused.value.code == "key"


def test_a_reading_below_the_last_bill_is_refused_and_changes_nothing(billing):
    with pytest.raises(BillingRefused) as refused:
        billing.transfer(transfer(reading="18000.0"))

    assert refused.value.code == "reading"
    assert FakeLedgerAccount.objects.get(pk=RAUF_ACCOUNT).holder_fin == "9XY8Z7W"


def test_a_rename_keeps_the_contract(billing):
    done = billing.rename(
        RenameCommand(
            "AZI-4LEYL-AQULI", "300300400500603", Holder("4EF5G6H", "Quliyeva", "Leyla", "Tofiq qızı")
        )
    )

    row = FakeLedgerAccount.objects.get(pk="300300400500603")
    assert (done.contract_number, row.holder_last_name) == ("SM-2017-006033", "Quliyeva")


def test_scripted_failures_answer_unavailable_then_recover(tmp_path):
    fake_ledger_load()
    (tmp_path / "fail").write_text("2")
    billing = FakeBilling(control_dir=str(tmp_path))

    for _ in range(2):
        with pytest.raises(BillingUnavailable):
            billing.account(RAUF_ACCOUNT)
    assert billing.account(RAUF_ACCOUNT) is not None
