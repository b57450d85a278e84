"""The write path for people, properties and accounts."""

from django.db import transaction

from .demo import DEMO_ACCOUNTS, DEMO_PROPERTIES
from .models import Account, District, Property, Subscriber


@transaction.atomic
def demo_data_load() -> int:
    """Create or reset the demo subscribers, properties and accounts; returns how many accounts."""
    properties = {}
    for record in DEMO_PROPERTIES:
        properties[(record.registry_number, record.registration_number)], _ = (
            Property.objects.update_or_create(
                registry_number=record.registry_number,
                registration_number=record.registration_number,
                defaults={
                    "kind": record.kind,
                    "district": District.objects.get(code=record.district_code),
                    "address": record.address,
                },
            )
        )
    for demo in DEMO_ACCOUNTS:
        last_name, first_name, patronymic = demo.holder_names
        holder, _ = Subscriber.objects.update_or_create(
            fin=demo.holder_fin,
            defaults={"last_name": last_name, "first_name": first_name, "patronymic": patronymic},
        )
        Account.objects.update_or_create(
            subscriber_code=demo.subscriber_code,
            defaults={
                "holder": holder,
                "property": properties[demo.property_extract],
                "contract_number": demo.contract_number,
                "contract_start": demo.contract_start,
                "contract_end": None,
                "status": Account.Status.ACTIVE,
                "balance": demo.balance,
            },
        )
    return len(DEMO_ACCOUNTS)
