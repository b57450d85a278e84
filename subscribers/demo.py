"""The demo world in our database (`manage.py load_demo_data`): the fake billing's ledger seeded with
the demo accounts (integrations/billing/demo.py), and our copy of each taken from it as any lookup
would. The fake state registry serves the people and properties (integrations/registry/demo.py).
README's demo table tells the scenarios. Development only: the command refuses to run with DEBUG off."""

from integrations.billing.demo import DEMO_LEDGER, fake_ledger_load
from subscribers.services import account_refresh


def demo_data_load() -> int:
    """Create or reset the demo accounts in the fake billing and our copies of them; returns how
    many accounts."""
    fake_ledger_load()
    for account in DEMO_LEDGER:
        account_refresh(subscriber_code=account["subscriber_code"])
    return len(DEMO_LEDGER)
