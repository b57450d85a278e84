"""The billing contract's JSON shapes (docs/integrations/billing.md): what the HTTP backend
reads from billing's answers and sends in its commands, and what the fake stores of its answers."""

import datetime
from dataclasses import asdict
from decimal import Decimal

from integrations.billing.base import (
    BillingAccount,
    FinalBill,
    Holder,
    Meter,
    MeterReading,
    RenameCommand,
    TransferCommand,
    TransferDone,
)


def to_json(value) -> dict:
    """A contract dataclass as JSON: amounts and readings as strings, dates in ISO form."""
    return _json_value(asdict(value))


def _json_value(value):
    """Dicts recursively; Decimal and date values as strings."""
    if isinstance(value, dict):
        return {name: _json_value(item) for name, item in value.items()}
    if isinstance(value, Decimal | datetime.date):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


def money(value) -> Decimal:
    """An amount in AZN as billing writes it ("45.20"); NaN and infinities are broken answers."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value}")
    return amount


def kwh(value) -> Decimal:
    reading = Decimal(str(value))
    if not reading.is_finite() or reading < 0:
        raise ValueError(f"not a reading: {value}")
    return reading


def account_from_json(data: dict) -> BillingAccount:
    holder, meter = data["holder"], data["meter"]
    return BillingAccount(
        subscriber_code=str(data["subscriber_code"]),
        status=str(data["status"]),
        holder=holder_from_json(holder),
        contract_number=str(data["contract_number"]),
        contract_start=datetime.date.fromisoformat(data["contract_start"]),
        address=str(data["address"]),
        district_code=str(data["district_code"]),
        registry_number=str(data["registry_number"]),
        registration_number=str(data["registration_number"]),
        property_kind=str(data["property_kind"]),
        meter=Meter(
            number=str(meter["number"]),
            kind=str(meter["kind"]),
            integer_digits=int(meter["integer_digits"]),
            decimal_digits=int(meter["decimal_digits"]),
            last_billed_kwh=kwh(meter["last_billed_kwh"]),
            last_billed_on=datetime.date.fromisoformat(meter["last_billed_on"]),
        ),
        balance=money(data["balance"]),
        contact_phone=str(data.get("contact_phone", "")),
        contact_email=str(data.get("contact_email", "")),
    )


def reading_from_json(data: dict) -> MeterReading:
    return MeterReading(
        kwh=kwh(data["kwh"]), on=datetime.date.fromisoformat(data["date"]), source=str(data["source"])
    )


def transfer_done_from_json(data: dict) -> TransferDone:
    return TransferDone(
        contract_number=str(data["contract_number"]), final_bill=final_bill_from_json(data["final_bill"])
    )


def final_bill_from_json(bill: dict) -> FinalBill:
    return FinalBill(
        contract_number=str(bill["contract_number"]),
        closing_kwh=kwh(bill["closing_kwh"]),
        consumption_kwh=kwh(bill["consumption_kwh"]),
        consumption_amount=money(bill["consumption_amount"]),
        balance_before=money(bill["balance_before"]),
        to_pay=money(bill["to_pay"]),
        refund=money(bill["refund"]),
    )


def holder_from_json(data: dict) -> Holder:
    return Holder(
        fin=str(data["fin"]),
        last_name=str(data["last_name"]),
        first_name=str(data["first_name"]),
        patronymic=str(data.get("patronymic", "")),
    )


def transfer_command_from_json(data: dict) -> TransferCommand:
    return TransferCommand(
        key=str(data["key"]),
        subscriber_code=str(data["subscriber_code"]),
        new_holder=holder_from_json(data["new_holder"]),
        handover_date=datetime.date.fromisoformat(data["handover_date"]),
        opening_kwh=kwh(data["opening_kwh"]),
        contact_phone=str(data.get("contact_phone", "")),
        contact_email=str(data.get("contact_email", "")),
    )


def rename_command_from_json(data: dict) -> RenameCommand:
    return RenameCommand(
        key=str(data["key"]),
        subscriber_code=str(data["subscriber_code"]),
        holder=holder_from_json(data["holder"]),
    )
