"""The demo accounts our database holds (`manage.py load_demo_data`), over the people and properties
the fake state registry serves (integrations/registry/demo.py). README's demo table tells the
scenarios. Development only: the command refuses to run with DEBUG off."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from integrations.registry.demo import DEMO_PROPERTIES
from subscribers.models import Account, District, Property, Subscriber


@dataclass(frozen=True)
class DemoAccount:
    subscriber_code: str
    holder_fin: str
    # The holder's names as our records hold them (Leyla's still carry her old surname).
    holder_names: tuple[str, str, str]
    property_extract: tuple[str, str]
    contract_number: str
    contract_start: datetime.date
    balance: Decimal


DEMO_ACCOUNTS = (
    DemoAccount(
        "100100200300401",
        "9XY8Z7W",
        ("Əliyev", "Rauf", "Kamal oğlu"),
        ("608011001798", "1725022423"),
        "BK-2009-004017",
        datetime.date(2009, 6, 1),
        Decimal("0.00"),
    ),
    DemoAccount(
        "200200300400502",
        "8WV7U6T",
        ("Abbasova", "Nigar", "Əli qızı"),
        ("512034007711", "2210457788"),
        "GN-2014-005021",
        datetime.date(2014, 2, 10),
        Decimal("45.20"),
    ),
    DemoAccount(
        "300300400500603",
        "4EF5G6H",
        ("Həsənova", "Leyla", "Tofiq qızı"),
        ("701122003344", "1509876543"),
        "SM-2017-006033",
        datetime.date(2017, 8, 23),
        Decimal("0.00"),
    ),
    DemoAccount(
        "100100200300714",
        "5GH6J7K",
        ("Babayev", "Tural", "Elşən oğlu"),
        ("608022003311", "1725033344"),
        "BK-2015-007142",
        datetime.date(2015, 4, 4),
        Decimal("-12.50"),
    ),
)


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
