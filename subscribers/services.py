"""The write path for people, properties and accounts.

Accounts are billing's: `account_refresh` copies what billing says into our Account row (with
when it said it); the changes billing confirms for an application (`account_transfer_record`,
`subscriber_rename`) are recorded with their history, never made here first.
"""

import datetime
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from integrations.billing.base import ACTIVE, BillingAccount, Holder, get_billing
from subscribers.models import Account, District, Property, Subscriber

logger = logging.getLogger(__name__)

# The Account fields a billing answer sets, and where in the answer each comes from.
BILLING_FIELDS = {
    "contract_number": lambda found: found.contract_number,
    "contract_start": lambda found: found.contract_start,
    "status": lambda found: Account.Status.ACTIVE if found.status == ACTIVE else Account.Status.CLOSED,
    "balance": lambda found: found.balance,
    "contact_phone": lambda found: found.contact_phone,
    "contact_email": lambda found: found.contact_email,
    "meter_number": lambda found: found.meter.number,
    "meter_kind": lambda found: found.meter.kind,
    "meter_integer_digits": lambda found: found.meter.integer_digits,
    "meter_decimal_digits": lambda found: found.meter.decimal_digits,
    "last_billed_kwh": lambda found: found.meter.last_billed_kwh,
    "last_billed_on": lambda found: found.meter.last_billed_on,
}


def account_refresh(*, subscriber_code: str, max_age: datetime.timedelta | None = None) -> Account | None:
    """Our copy of the account as billing holds it now (asked again unless our copy is younger
    than `max_age`); None when billing has no such account. Raises BillingUnavailable."""
    if max_age is not None:
        cached = (
            Account.objects.select_related("holder", "property__district__parent")
            .filter(subscriber_code=subscriber_code, synced_at__gte=timezone.now() - max_age)
            .first()
        )
        if cached is not None:
            return cached
    found = get_billing().account(subscriber_code)
    if found is None:
        return None
    district = District.objects.filter(code=found.district_code).first()
    if district is None:
        # Billing and our district list disagree: nothing to show the citizen but "not found".
        logger.error(
            "billing's account %s is in an unknown district %s", subscriber_code, found.district_code
        )
        return None
    with transaction.atomic():
        return _account_store(found, district)


def _account_store(found: BillingAccount, district: District) -> Account:
    dwelling = _property_store(found, district)
    holder = _holder_store(found)
    account = Account.objects.select_for_update().filter(subscriber_code=found.subscriber_code).first()
    values = {name: value(found) for name, value in BILLING_FIELDS.items()}
    values.update(holder_id=holder.pk, property_id=dwelling.pk, contract_end=None)
    if account is None:
        account = Account(subscriber_code=found.subscriber_code, **values)
    elif all(getattr(account, name) == value for name, value in values.items()):
        Account.objects.filter(pk=account.pk).update(synced_at=timezone.now())
        account.synced_at = timezone.now()
        account.holder, account.property = holder, dwelling  # already read: no second query
        return account
    else:
        for name, value in values.items():
            setattr(account, name, value)
    account.synced_at = timezone.now()
    _save_with_history(account, actor=None, reason="billinqdən yeniləndi")
    return account


def _property_store(found: BillingAccount, district: District) -> Property:
    """The property the account supplies, as billing describes it (written only when it changed)."""
    values = {"kind": found.property_kind, "district_id": district.pk, "address": found.address}
    dwelling, created = Property.objects.get_or_create(
        registry_number=found.registry_number, registration_number=found.registration_number, defaults=values
    )
    dwelling.district = district
    if not created and any(getattr(dwelling, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(dwelling, name, value)
        dwelling.save()
    return dwelling


def _holder_store(found: BillingAccount) -> Subscriber:
    """The holder as billing names them (a rename not yet carried out keeps the old names)."""
    names = {
        "last_name": found.holder.last_name,
        "first_name": found.holder.first_name,
        "patronymic": found.holder.patronymic,
    }
    subscriber = Subscriber.objects.filter(fin=found.holder.fin).first()
    if subscriber is not None and all(getattr(subscriber, name) == value for name, value in names.items()):
        return subscriber
    subscriber = subscriber or Subscriber(fin=found.holder.fin)
    for name, value in names.items():
        setattr(subscriber, name, value)
    _save_with_history(subscriber, actor=None, reason="billinqdən yeniləndi")
    return subscriber


def subscriber_for(*, holder: Holder, actor, reason: str) -> Subscriber:
    """The subscriber with the holder's FİN, created with the names exactly as given (the
    registry's, through billing's contract) if we have none yet. Call inside a transaction."""
    subscriber = Subscriber.objects.filter(fin=holder.fin).first()
    if subscriber is not None:
        return subscriber
    subscriber = Subscriber(
        fin=holder.fin, last_name=holder.last_name, first_name=holder.first_name, patronymic=holder.patronymic
    )
    _save_with_history(subscriber, actor=actor, reason=reason)
    return subscriber


def subscriber_rename(*, subscriber: Subscriber, holder: Holder, actor, reason: str) -> Subscriber:
    """Write the names billing now carries on the contract (the registry's, billing has confirmed
    the rename); the old names stay in the subscriber's history. Call inside a transaction."""
    subscriber.last_name = holder.last_name
    subscriber.first_name = holder.first_name
    subscriber.patronymic = holder.patronymic
    _save_with_history(subscriber, actor=actor, reason=reason)
    return subscriber


def account_transfer_record(
    *,
    account: Account,
    holder: Holder,
    contract_number: str,
    handover_date: datetime.date,
    opening_kwh: Decimal,
    contact_phone: str,
    contact_email: str,
    actor,
    reason: str,
) -> Account:
    """Record on a locked account the transfer billing confirmed: the holder's contract ended on
    `handover_date`, `contract_number` from that day for `holder` with their contacts, nothing
    owed or prepaid (the outgoing holder's money was settled in their final bill). Each step is
    a history entry. Call inside a transaction holding the account's row lock."""
    account.contract_end = handover_date
    _save_with_history(
        account, actor=actor, reason=f"{reason}: {account.contract_number} müqaviləsinə xitam verildi"
    )
    account.holder = subscriber_for(holder=holder, actor=actor, reason=reason)
    account.contract_number = contract_number
    account.contract_start = handover_date
    account.contract_end = None
    account.balance = 0
    # Billing's new contract starts at the handover reading.
    account.last_billed_kwh, account.last_billed_on = opening_kwh, handover_date
    account.contact_phone = contact_phone
    account.contact_email = contact_email
    account.synced_at = timezone.now()
    _save_with_history(account, actor=actor, reason=f"{reason}: yeni sahib, müqavilə {contract_number}")
    return account


def _save_with_history(instance, *, actor, reason: str) -> None:
    # django-simple-history reads these two attributes when it writes the history row.
    instance._history_user = actor
    instance._change_reason = reason[:100]
    instance.save()
