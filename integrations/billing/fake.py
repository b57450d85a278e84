"""The fake billing: a deterministic billing system over its own ledger (models.py), seeded with
the demo accounts (demo.py). Development, the demo and the tests only; production refuses it.

It behaves as the real one is specified to (docs/integrations/billing.md): smart meters answer
for any past day, a transfer closes the contract with a final bill at the household tariff and
refunds a prepaid credit to the outgoing holder, and a command's key makes it idempotent. For
end-to-end tests a `control_dir` scripts faults, as the file SMS gateway does: `fail` (a number of
calls that answer "unavailable"), `refuse` (a reason to refuse every command with), `delay_before`
and `delay_after` (seconds to wait before / after a command is carried out, to kill a worker).
"""

import datetime
import re
import time
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from integrations.billing.base import (
    ACTIVE,
    CLOSED,
    SMART,
    BillingAccount,
    BillingRefused,
    BillingUnavailable,
    FinalBill,
    Holder,
    Meter,
    MeterReading,
    RenameCommand,
    RenameDone,
    TransferCommand,
    TransferDone,
)
from integrations.billing.models import FakeLedgerAccount, FakeLedgerCommand, FakeLedgerContract
from integrations.billing.tariffs import monthly_bill
from integrations.billing.wire import to_json, transfer_done_from_json

ZERO = Decimal("0.00")


class FakeBilling:
    """Billing over the fake ledger's tables."""

    def __init__(self, *, control_dir: str = "", **options):
        self.control_dir = Path(control_dir) if control_dir else None

    def account(self, subscriber_code: str) -> BillingAccount | None:
        """The ledger's account with this code, or None."""
        self._maybe_unavailable()
        row = FakeLedgerAccount.objects.filter(subscriber_code=subscriber_code).first()
        return account_from_row(row) if row else None

    def balance(self, subscriber_code: str) -> Decimal | None:
        """The ledger's balance for this code, or None."""
        account = self.account(subscriber_code)
        return account.balance if account else None

    def meter_reading(self, subscriber_code: str, on: datetime.date) -> MeterReading | None:
        """A smart meter's reading at the end of `on`: the last billed reading plus the
        household's daily use since. None for other meters, unknown codes and future days."""
        self._maybe_unavailable()
        row = FakeLedgerAccount.objects.filter(subscriber_code=subscriber_code).first()
        if row is None or row.meter_kind != SMART or on > timezone.localdate() or on < row.last_billed_on:
            return None
        kwh = row.last_billed_kwh + row.daily_kwh * (on - row.last_billed_on).days
        return MeterReading(kwh=kwh, on=on, source=SMART)

    def transfer(self, command: TransferCommand) -> TransferDone:
        """Close the contract with a final bill, open the new holder's; idempotent per key."""
        return self._carry_out("transfer", command, self._transfer, transfer_done_from_json)

    def rename(self, command: RenameCommand) -> RenameDone:
        """Write the holder's new names on the contract; idempotent per key."""
        return self._carry_out("rename", command, self._rename, lambda data: RenameDone(**data))

    # --- commands ------------------------------------------------------------------------

    def _carry_out(self, kind: str, command, apply, from_json):
        self._maybe_unavailable()
        refusal = self._control("refuse")
        if refusal:
            raise BillingRefused(refusal, code="scripted")
        self._sleep("delay_before")
        payload = to_json(command)
        with transaction.atomic():
            done = FakeLedgerCommand.objects.select_for_update().filter(key=command.key).first()
            if done is not None:
                if done.kind != kind or done.payload != payload:
                    raise BillingRefused(f"the key {command.key} was used for another command", code="key")
                return from_json(done.result)
            row = FakeLedgerAccount.objects.select_for_update().filter(pk=command.subscriber_code).first()
            if row is None or row.status != ACTIVE:
                raise BillingRefused(
                    f"account {command.subscriber_code} is not an active account", code="account"
                )
            result = apply(row, command)
            FakeLedgerCommand.objects.create(
                key=command.key,
                kind=kind,
                subscriber_code=command.subscriber_code,
                payload=payload,
                result=to_json(result),
            )
        self._sleep("delay_after")
        return result

    def _transfer(self, row: FakeLedgerAccount, command: TransferCommand) -> TransferDone:
        if command.new_holder.fin == row.holder_fin:
            raise BillingRefused("the new holder already holds this contract", code="same_holder")
        if command.opening_kwh < row.last_billed_kwh:
            raise BillingRefused(
                f"the reading {command.opening_kwh} is below the last billed {row.last_billed_kwh}",
                code="reading",
            )
        if command.handover_date < row.last_billed_on:
            raise BillingRefused("the handover date is before the last bill", code="date")
        bill = final_bill(row, closing_kwh=command.opening_kwh)
        FakeLedgerContract.objects.create(
            subscriber_code=row.subscriber_code,
            contract_number=row.contract_number,
            holder_fin=row.holder_fin,
            started_on=row.contract_start,
            ended_on=command.handover_date,
            closing_kwh=command.opening_kwh,
            final_bill=to_json(bill),
        )
        holder = command.new_holder
        row.holder_fin, row.holder_last_name = holder.fin, holder.last_name
        row.holder_first_name, row.holder_patronymic = holder.first_name, holder.patronymic
        row.contract_number = contract_number_for(command.key, command.handover_date)
        row.contract_start = command.handover_date
        row.last_billed_kwh, row.last_billed_on = command.opening_kwh, command.handover_date
        # The outgoing holder's money is settled in the final bill: the new contract starts at zero.
        row.balance = ZERO
        row.contact_phone, row.contact_email = command.contact_phone, command.contact_email
        row.save()
        return TransferDone(contract_number=row.contract_number, final_bill=bill)

    def _rename(self, row: FakeLedgerAccount, command: RenameCommand) -> RenameDone:
        if command.holder.fin != row.holder_fin:
            raise BillingRefused("a rename must keep the holder", code="holder")
        row.holder_last_name, row.holder_first_name = command.holder.last_name, command.holder.first_name
        row.holder_patronymic = command.holder.patronymic
        row.save()
        return RenameDone(contract_number=row.contract_number)

    # --- scripted faults (end-to-end tests) ---------------------------------------------

    def _maybe_unavailable(self) -> None:
        failures = self._control("fail")
        if failures and int(failures) > 0:
            (self.control_dir / "fail").write_text(str(int(failures) - 1))
            raise BillingUnavailable("scripted 503 from the fake billing")

    def _sleep(self, name: str) -> None:
        seconds = self._control(name)
        if seconds:
            time.sleep(float(seconds))

    def _control(self, name: str) -> str:
        if self.control_dir is None:
            return ""
        control = self.control_dir / name
        return control.read_text().strip() if control.exists() else ""


def final_bill(row: FakeLedgerAccount, *, closing_kwh: Decimal) -> FinalBill:
    """The outgoing holder's final bill: what they used since the last bill at the household
    tariff, plus any debt, less any prepaid credit (which is refunded, never passed on)."""
    consumption = closing_kwh - row.last_billed_kwh
    amount = monthly_bill(kwh=consumption)
    owed = amount + row.balance
    return FinalBill(
        contract_number=row.contract_number,
        closing_kwh=closing_kwh,
        consumption_kwh=consumption,
        consumption_amount=amount,
        balance_before=row.balance,
        to_pay=max(owed, ZERO),
        refund=max(-owed, ZERO),
    )


def contract_number_for(key: str, start: datetime.date) -> str:
    """The new contract's number: "E-<year>-<the key's last ten letters and digits>"."""
    return f"E-{start.year}-{re.sub(r'[^0-9A-Z]', '', key.upper())[-10:]}"


def account_from_row(row: FakeLedgerAccount) -> BillingAccount:
    return BillingAccount(
        subscriber_code=row.subscriber_code,
        status=ACTIVE if row.status == ACTIVE else CLOSED,
        holder=Holder(row.holder_fin, row.holder_last_name, row.holder_first_name, row.holder_patronymic),
        contract_number=row.contract_number,
        contract_start=row.contract_start,
        address=row.address,
        district_code=row.district_code,
        registry_number=row.registry_number,
        registration_number=row.registration_number,
        property_kind=row.property_kind,
        meter=Meter(
            number=row.meter_number,
            kind=row.meter_kind,
            integer_digits=row.meter_integer_digits,
            decimal_digits=row.meter_decimal_digits,
            last_billed_kwh=row.last_billed_kwh,
            last_billed_on=row.last_billed_on,
        ),
        balance=row.balance,
        contact_phone=row.contact_phone,
        contact_email=row.contact_email,
    )
