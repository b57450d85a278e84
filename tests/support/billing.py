"""The fake billing's ledger (integrations/billing/models.py), as tests change and read it:
billing is the truth, the portal's Account rows a copy of it."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from integrations.billing.demo import DEMO_LEDGER
from integrations.billing.models import FakeLedgerAccount, FakeLedgerContract
from subscribers.models import Account


def ledger_update(code: str, **fields) -> None:
    """Change the account in billing (say `balance="12.40"`), and let the portal's copy of it
    age past BILLING_ACCOUNT_CACHE_SECONDS, as if the change happened a while ago."""
    assert FakeLedgerAccount.objects.filter(subscriber_code=code).update(**fields) == 1
    aged = timezone.now() - datetime.timedelta(seconds=settings.BILLING_ACCOUNT_CACHE_SECONDS + 1)
    Account.objects.filter(subscriber_code=code).update(synced_at=aged)


def ledger_account(code: str) -> FakeLedgerAccount:
    return FakeLedgerAccount.objects.get(subscriber_code=code)


def ledger_contracts(code: str) -> list[FakeLedgerContract]:
    """The contracts billing opened on the account (one per transfer it carried out)."""
    return list(FakeLedgerContract.objects.filter(subscriber_code=code).order_by("pk"))


def demo_ledger(code: str) -> dict:
    """The demo account's fields as integrations/billing/demo.py seeds them."""
    return next(account for account in DEMO_LEDGER if account["subscriber_code"] == code)


def plausible_reading(code: str, *, more_kwh: str = "120.5") -> Decimal:
    """A reading a buyer could see on the demo account's meter: a little above the last bill."""
    return demo_ledger(code)["last_billed_kwh"] + Decimal(more_kwh)


def billing_answers(application):
    """Let billing carry out the approved application's command now, as the worker would (the
    tests' on-commit callbacks do not run by themselves); returns the application as it is then."""
    from applications.execution.services import billing_command_send
    from applications.models import Application, BillingCommand

    billing_command_send(command_id=BillingCommand.objects.get(application_id=application.pk).pk)
    return Application.objects.get(pk=application.pk)
