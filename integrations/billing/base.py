"""The billing system: how much a subscriber code owes right now.

The contract (`Billing`); the real HTTP backend is http.py.
"""

from decimal import Decimal
from typing import Protocol

from integrations.base import ExternalSystemUnavailable, load_backend

# The abonent kodu billing gives every account: exactly 15 digits.
SUBSCRIBER_CODE_PATTERN = r"^[0-9]{15}$"


class BillingUnavailable(ExternalSystemUnavailable):
    """The billing system could not be asked."""


class Billing(Protocol):
    def outstanding_debt(self, subscriber_code: str) -> Decimal | None:
        """The balance in AZN (positive = debt, negative = prepaid), None for an unknown code;
        raises BillingUnavailable."""


def get_billing() -> Billing:
    """The billing backend that settings.BILLING names."""
    return load_backend("BILLING")
