"""The billing system: how much a subscriber code owes right now."""

from decimal import Decimal, InvalidOperation
from typing import Protocol

from subscribers.adapters.base import ExternalSystemUnavailable, JsonHttpClient, load_backend


class BillingUnavailable(ExternalSystemUnavailable):
    """The billing system could not be asked."""


class Billing(Protocol):
    def outstanding_debt(self, subscriber_code: str) -> Decimal | None:
        """The balance in AZN (positive = debt, negative = prepaid), None for an unknown code;
        raises BillingUnavailable."""


class DatabaseBilling:
    """Reads balances from our own Account table (the default, and the demo's billing)."""

    def __init__(self, **options):
        pass

    def outstanding_debt(self, subscriber_code: str) -> Decimal | None:
        """The account's balance, or None when no account has this code."""
        from subscribers.models import Account

        return (
            Account.objects.filter(subscriber_code=subscriber_code).values_list("balance", flat=True).first()
        )


class HttpBilling:
    """The billing system's HTTP API (JSON; POST /balances/lookup -> {"balance": "45.20"})."""

    def __init__(self, *, base_url: str, api_key: str = "", timeout: float = 3.0):
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = JsonHttpClient(
            base_url=base_url, timeout=timeout, unavailable=BillingUnavailable, headers=headers
        )

    def outstanding_debt(self, subscriber_code: str) -> Decimal | None:
        """The balance billing reports, None on 404; raises BillingUnavailable."""
        data = self.client.post("/balances/lookup", {"subscriber_code": subscriber_code})
        if data is None:
            return None
        try:
            balance = Decimal(str(data["balance"])).quantize(Decimal("0.01"))
        except (KeyError, TypeError, InvalidOperation) as error:
            raise BillingUnavailable(f"unexpected billing answer: {error!r}") from error
        # "NaN" quantizes without complaint, then raises on the first `balance > 0`.
        if not balance.is_finite():
            raise BillingUnavailable(f"unexpected billing answer: {balance}")
        return balance


def get_billing() -> Billing:
    """The billing backend that settings.BILLING names."""
    return load_backend("BILLING")
