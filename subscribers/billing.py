"""The billing backend that reads balances from our own Account table: the default in
development and the demo (the accounts `load_demo_data` seeds). Production names the real one
(integrations/billing/http.py)."""

from decimal import Decimal

from subscribers.models import Account


class DatabaseBilling:
    """Reads balances from our own Account table (the default, and the demo's billing)."""

    def __init__(self, **options):
        pass

    def outstanding_debt(self, subscriber_code: str) -> Decimal | None:
        """The account's balance, or None when no account has this code."""
        return (
            Account.objects.filter(subscriber_code=subscriber_code).values_list("balance", flat=True).first()
        )
