"""The write path for people, properties and accounts."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrations.registry.base import Person
from subscribers.demo_staff import DEMO_STAFF, DEMO_TOTP_SECRET
from subscribers.models import Account, RegionalOffice, Subscriber, User
from subscribers.two_factor import totp_key_from_secret


@transaction.atomic
def staff_demo_load() -> int:
    """Create or reset the demo staff users (subscribers/demo_staff.py) with their roles, offices
    and authenticators; returns how many. Development only: passwords and secret are published."""
    from applications.roles import roles_sync

    roles_sync()
    for demo in DEMO_STAFF:
        office = (
            RegionalOffice.objects.get(economic_region=demo.economic_region) if demo.economic_region else None
        )
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "is_staff": True,
                "is_superuser": False,
                "is_active": True,
                "office": office,
            },
        )
        user.set_password(demo.password)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=demo.role)])
        _demo_authenticator_reset(user)
    return len(DEMO_STAFF)


def _demo_authenticator_reset(user) -> None:
    """The demo staff member's only second factor: an authenticator with the published secret."""
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user, name="demo", key=totp_key_from_secret(DEMO_TOTP_SECRET), confirmed=True
    )


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
