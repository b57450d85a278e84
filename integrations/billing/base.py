"""Azərişıq's billing system: the truth about every account, its money and its meter.

The contract every backend keeps (`Billing`, with frozen dataclasses for what it answers and the
commands it takes); the fake keeps a ledger of its own (fake.py, models.py), the real backend
speaks the JSON contract of docs/integrations/billing.md (http.py). The portal's Account rows
are a cache of what billing said; approving an application sends billing a command, and billing's
answer (a new contract number, or a refusal with its reason) is what makes it done.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from integrations.base import ExternalSystemUnavailable, load_backend

# The abonent kodu billing gives every account: exactly 15 digits.
SUBSCRIBER_CODE_PATTERN = r"^[0-9]{15}$"

SMART = "smart"  # read remotely: billing knows the reading on any past day
CONVENTIONAL = "conventional"  # read by an inspector: only the last billed reading is known
ACTIVE = "active"
CLOSED = "closed"


class BillingUnavailable(ExternalSystemUnavailable):
    """The billing system could not be asked (timeout, 5xx, a broken answer); try again later."""


class BillingRefused(Exception):
    """Billing refused a command for good; `reason` is billing's own words, for staff."""

    def __init__(self, reason: str, *, code: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Holder:
    """The person a contract is in the name of, names as the contract carries them."""

    fin: str
    last_name: str
    first_name: str
    patronymic: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)


@dataclass(frozen=True)
class Meter:
    """The account's meter: its number, how it is read, its display and its last billed reading."""

    number: str
    kind: str  # SMART or CONVENTIONAL
    integer_digits: int  # on the display, before the decimal point
    decimal_digits: int  # after it (0 or 1 on household meters)
    last_billed_kwh: Decimal
    last_billed_on: datetime.date


@dataclass(frozen=True)
class BillingAccount:
    """An account as billing holds it."""

    subscriber_code: str
    status: str  # ACTIVE or CLOSED
    holder: Holder
    contract_number: str
    contract_start: datetime.date
    address: str
    district_code: str
    registry_number: str
    registration_number: str
    property_kind: str  # "house" or "apartment"
    meter: Meter
    balance: Decimal  # AZN: positive = the holder owes (debitor borc), negative = prepaid (kreditor)
    contact_phone: str = ""  # E.164, the holder's number billing sends bills to
    contact_email: str = ""


@dataclass(frozen=True)
class MeterReading:
    """A meter's reading at the end of a day, as billing knows it."""

    kwh: Decimal
    on: datetime.date
    source: str  # SMART: read remotely by billing


@dataclass(frozen=True)
class TransferCommand:
    """Close the holder's contract at `opening_kwh` on `handover_date` and open one for
    `new_holder` from the same reading. `key` (the application number) makes it idempotent."""

    key: str
    subscriber_code: str
    new_holder: Holder
    handover_date: datetime.date
    opening_kwh: Decimal
    contact_phone: str
    contact_email: str = ""


@dataclass(frozen=True)
class RenameCommand:
    """Write the holder's names as the state registry has them now; idempotent per `key`."""

    key: str
    subscriber_code: str
    holder: Holder


@dataclass(frozen=True)
class FinalBill:
    """The outgoing holder's settlement at the handover: the consumption since the last bill at
    the household tariff, against the balance they had. Exactly one of `to_pay` and `refund` is
    more than zero (or both are zero)."""

    contract_number: str  # the contract it closes
    closing_kwh: Decimal
    consumption_kwh: Decimal
    consumption_amount: Decimal  # AZN, at the household tariff's tiers
    balance_before: Decimal  # AZN, as `BillingAccount.balance`
    to_pay: Decimal  # AZN the outgoing holder still owes
    refund: Decimal  # AZN of prepaid credit paid back to them (never passed to the new holder)


@dataclass(frozen=True)
class TransferDone:
    contract_number: str  # the new holder's contract
    final_bill: FinalBill


@dataclass(frozen=True)
class RenameDone:
    contract_number: str  # the contract, which a rename keeps


class Billing(Protocol):
    def account(self, subscriber_code: str) -> BillingAccount | None:
        """The account with this code, None if billing has none; raises BillingUnavailable."""

    def balance(self, subscriber_code: str) -> Decimal | None:
        """The account's balance in AZN (+ debt, − prepaid), None for an unknown code; raises
        BillingUnavailable."""

    def meter_reading(self, subscriber_code: str, on: datetime.date) -> MeterReading | None:
        """The meter's reading at the end of `on`: smart meters answer for any past day, others
        None; raises BillingUnavailable."""

    def transfer(self, command: TransferCommand) -> TransferDone:
        """Carry out a change of holder; the same key answers the same result again. Raises
        BillingRefused (for good) or BillingUnavailable (try again)."""

    def rename(self, command: RenameCommand) -> RenameDone:
        """Carry out a change of the holder's names; the same key answers the same result again.
        Raises BillingRefused or BillingUnavailable."""


def get_billing() -> Billing:
    """The billing backend that settings.BILLING names."""
    return load_backend("BILLING")
