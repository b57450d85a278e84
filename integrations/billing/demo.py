"""The demo accounts as the fake billing holds them (README's demo table tells the scenarios).

| account         | holder                 | property                   | meter        | balance            |
|-----------------|------------------------|----------------------------|--------------|--------------------|
| 100100200300401 | Rauf Əliyev            | Bakı, Nəsimi (Aysel's)     | conventional | 15,00 AZN prepaid  |
| 200200300400502 | Nigar Abbasova         | Gəncə (Elçin's)            | conventional | 45,20 AZN debt     |
| 300300400500603 | Leyla Həsənova (old)   | Sumqayıt                   | smart        | 0                  |
| 100100200300714 | Tural Babayev          | Bakı, Yasamal              | smart        | 12,50 AZN prepaid  |
| 100100200300825 | Samir Qasımov          | Bakı, Xətai (Səbinə's)     | smart        | 0                  |
| 100100200300936 | Vüqar Məmmədli         | Bakı, Nərimanov (co-owned) | conventional | 0                  |
"""

import datetime
from decimal import Decimal

from django.db import transaction

from integrations.billing.models import FakeLedgerAccount

LAST_BILL = datetime.date(2026, 11, 1)


def _account(code, holder, contract, start, place, meter, balance, phone, **extra) -> dict:
    fin, last_name, first_name, patronymic = holder
    district, registry_number, registration_number, kind, address = place
    meter_number, meter_kind, last_kwh = meter
    return {
        "subscriber_code": code,
        "holder_fin": fin,
        "holder_last_name": last_name,
        "holder_first_name": first_name,
        "holder_patronymic": patronymic,
        "contract_number": contract,
        "contract_start": datetime.date.fromisoformat(start),
        "district_code": district,
        "registry_number": registry_number,
        "registration_number": registration_number,
        "property_kind": kind,
        "address": address,
        "meter_number": meter_number,
        "meter_kind": meter_kind,
        "last_billed_kwh": Decimal(last_kwh),
        "last_billed_on": LAST_BILL,
        "balance": Decimal(balance),
        "contact_phone": phone,
        **extra,
    }


DEMO_LEDGER = (
    _account(
        "100100200300401",
        ("9XY8Z7W", "Əliyev", "Rauf", "Kamal oğlu"),
        "BK-2009-004017",
        "2009-06-01",
        (
            "baki-nesimi",
            "608011001798",
            "1725022423",
            "apartment",
            "Bakı ş., Nəsimi r., S. Vurğun küç. 24, m. 17",
        ),
        ("AZ-0048213", "conventional", "18342.6"),
        "-15.00",
        "+994553216547",
        contact_email="rauf.aliyev@example.az",
    ),
    _account(
        "200200300400502",
        ("8WV7U6T", "Abbasova", "Nigar", "Əli qızı"),
        "GN-2014-005021",
        "2014-02-10",
        ("gence-city", "512034007711", "2210457788", "house", "Gəncə ş., Nizami küç. 7"),
        ("GN-0021377", "conventional", "30210.0"),
        "45.20",
        "+994502223344",
    ),
    _account(
        "300300400500603",
        ("4EF5G6H", "Həsənova", "Leyla", "Tofiq qızı"),
        "SM-2017-006033",
        "2017-08-23",
        ("sumqayit-city", "701122003344", "1509876543", "apartment", "Sumqayıt ş., 9-cu mkr., ev 14, m. 33"),
        ("SM-1104528", "smart", "9120.4"),
        "0.00",
        "+994557654321",
    ),
    _account(
        "100100200300714",
        ("5GH6J7K", "Babayev", "Tural", "Elşən oğlu"),
        "BK-2015-007142",
        "2015-04-04",
        (
            "baki-yasamal",
            "608022003311",
            "1725033344",
            "apartment",
            "Bakı ş., Yasamal r., Şərifzadə küç. 110, m. 8",
        ),
        ("BK-1187730", "smart", "12004.8"),
        "-12.50",
        "+994705556677",
    ),
    _account(
        "100100200300825",
        ("7ST6R5Q", "Qasımov", "Samir", "Fikrət oğlu"),
        "BK-2012-008253",
        "2012-09-17",
        (
            "baki-xetai",
            "608033004422",
            "1725044455",
            "apartment",
            "Bakı ş., Xətai r., Xocalı pr. 55, m. 12",
        ),
        ("BK-1203391", "smart", "21877.3"),
        "0.00",
        "+994517778899",
        daily_kwh=Decimal("7.4"),
    ),
    _account(
        "100100200300936",
        ("9JK8H7G", "Məmmədli", "Vüqar", "Sabir oğlu"),
        "BK-2006-009361",
        "2006-05-12",
        (
            "baki-nerimanov",
            "608044005533",
            "1725055566",
            "apartment",
            "Bakı ş., Nərimanov r., Təbriz küç. 66, m. 20",
        ),
        ("AZ-0031145", "conventional", "40455.0"),
        "0.00",
        "+994774445566",
    ),
)


@transaction.atomic
def fake_ledger_load() -> int:
    """Create or reset the demo accounts in the fake billing's ledger; returns how many."""
    for account in DEMO_LEDGER:
        fields = {name: value for name, value in account.items() if name != "subscriber_code"}
        FakeLedgerAccount.objects.update_or_create(
            subscriber_code=account["subscriber_code"], defaults={"status": "active", **fields}
        )
    return len(DEMO_LEDGER)
