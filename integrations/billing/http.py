"""Billing's HTTP API (JSON over HTTPS, a timeout on every call)."""

from decimal import Decimal, InvalidOperation

from integrations.base import JsonHttpClient
from integrations.billing.base import BillingUnavailable


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
