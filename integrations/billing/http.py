"""Billing's HTTP API: the JSON contract of docs/integrations/billing.md (OpenAPI:
docs/integrations/billing.openapi.yaml), a timeout on every call, every failure mapped to
BillingUnavailable and every refusal (409, 422) to BillingRefused with billing's reason."""

import datetime
from decimal import Decimal, InvalidOperation

from integrations.base import JsonHttpClient
from integrations.billing.base import (
    BillingAccount,
    BillingRefused,
    BillingUnavailable,
    MeterReading,
    RenameCommand,
    RenameDone,
    TransferCommand,
    TransferDone,
)
from integrations.billing.wire import (
    account_from_json,
    money,
    reading_from_json,
    to_json,
    transfer_done_from_json,
)

# Answers that are not what the contract promises: a broken answer, as unavailable as a 5xx.
_BROKEN = (KeyError, TypeError, ValueError, InvalidOperation)


class HttpBilling:
    """POST /accounts/lookup, /balances/lookup, /readings/lookup, /commands/transfer, /commands/rename."""

    def __init__(self, *, base_url: str, api_key: str = "", timeout: float = 3.0):
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = JsonHttpClient(
            base_url=base_url, timeout=timeout, unavailable=BillingUnavailable, headers=headers
        )

    def account(self, subscriber_code: str) -> BillingAccount | None:
        """The account billing holds, None on 404; raises BillingUnavailable."""
        data = self.client.post("/accounts/lookup", {"subscriber_code": subscriber_code})
        return None if data is None else _parse(account_from_json, data)

    def balance(self, subscriber_code: str) -> Decimal | None:
        """The balance billing reports, None on 404; raises BillingUnavailable."""
        data = self.client.post("/balances/lookup", {"subscriber_code": subscriber_code})
        return None if data is None else _parse(lambda body: money(body["balance"]), data)

    def meter_reading(self, subscriber_code: str, on: datetime.date) -> MeterReading | None:
        """The smart meter's reading on `on`, None on 404 (no such reading); raises BillingUnavailable."""
        data = self.client.post(
            "/readings/lookup", {"subscriber_code": subscriber_code, "date": on.isoformat()}
        )
        return None if data is None else _parse(reading_from_json, data)

    def transfer(self, command: TransferCommand) -> TransferDone:
        """Send the change of holder (Idempotency-Key: the application number); raises
        BillingRefused or BillingUnavailable (a 404 account is a refusal too)."""
        data = self._command("/commands/transfer", command)
        return _parse(transfer_done_from_json, data)

    def rename(self, command: RenameCommand) -> RenameDone:
        """Send the change of names; raises BillingRefused or BillingUnavailable."""
        data = self._command("/commands/rename", command)
        return _parse(lambda body: RenameDone(contract_number=str(body["contract_number"])), data)

    def _command(self, path: str, command) -> dict:
        payload = to_json(command)
        data = self.client.post(path, payload, headers={"Idempotency-Key": command.key}, refused=refusal)
        if data is None:
            raise BillingRefused(f"billing has no account {command.subscriber_code}", code="not_found")
        return data


def refusal(body: dict) -> BillingRefused:
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    return BillingRefused(
        str(error.get("reason") or "billing refused the command"), code=str(error.get("code", ""))
    )


def _parse(parser, data: dict):
    try:
        return parser(data)
    except _BROKEN as error:
        raise BillingUnavailable(f"unexpected billing answer: {error!r}") from error
