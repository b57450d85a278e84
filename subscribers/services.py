"""The write path for people, properties and accounts."""

from django.utils import timezone

from integrations.registry.base import Person
from subscribers.models import Account, Subscriber


def subscriber_from_registry(*, person: Person, actor, reason: str) -> Subscriber:
    """The subscriber with the person's FİN, created with the names exactly as the registry
    gives them if we have none yet. Call inside the caller's transaction."""
    subscriber = Subscriber.objects.filter(fin=person.fin).first()
    if subscriber is not None:
        return subscriber
    subscriber = Subscriber(
        fin=person.fin, last_name=person.last_name, first_name=person.first_name, patronymic=person.patronymic
    )
    _save_with_history(subscriber, actor=actor, reason=reason)
    return subscriber


def subscriber_rename(*, subscriber: Subscriber, person: Person, actor, reason: str) -> Subscriber:
    """Take the subscriber's names from the registry as they are now; the old names stay in
    the subscriber's history. Call inside a transaction."""
    subscriber.last_name = person.last_name
    subscriber.first_name = person.first_name
    subscriber.patronymic = person.patronymic
    _save_with_history(subscriber, actor=actor, reason=reason)
    return subscriber


def account_transfer(
    *,
    account: Account,
    person: Person,
    contract_number: str,
    contact_phone: str,
    contact_email: str,
    actor,
    reason: str,
) -> Account:
    """Move a locked account to `person`: close the current contract today, then issue
    `contract_number` from today to the new holder with their contacts. Each step is a
    history entry. Call inside a transaction holding the account's row lock."""
    today = timezone.localdate()
    account.contract_end = today
    _save_with_history(
        account, actor=actor, reason=f"{reason}: {account.contract_number} müqaviləsinə xitam verildi"
    )
    account.holder = subscriber_from_registry(person=person, actor=actor, reason=reason)
    account.contract_number = contract_number
    account.contract_start = today
    account.contract_end = None
    account.contact_phone = contact_phone
    account.contact_email = contact_email
    _save_with_history(account, actor=actor, reason=f"{reason}: yeni sahib, müqavilə {contract_number}")
    return account


def _save_with_history(instance, *, actor, reason: str) -> None:
    # django-simple-history reads these two attributes when it writes the history row.
    instance._history_user = actor
    instance._change_reason = reason[:100]
    instance.save()
