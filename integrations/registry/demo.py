"""The demo world: the people and properties the fake registry knows, and the accounts in our
database. `manage.py load_demo_data` loads the accounts; FakeStateRegistry serves the rest.

| FİN     | person                             | scenario                                          |
|---------|------------------------------------|---------------------------------------------------|
| 2AB3C4D | Aysel Məmmədova                    | bought Rauf Əliyev's flat in Nəsimi -> transfer  |
| 3CD4E5F | Elçin Hüseynov                     | bought a house in Gəncə; account owes 45.20 AZN  |
| 4EF5G6H | Leyla Quliyeva (previously Həsənova)| holds an account under her old surname -> rename |
| 5GH6J7K | Tural Babayev                      | holds an account, no name change -> rename refused|
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from subscribers.adapters.registry import Person, PropertyRecord


def _person(fin, last, first, patronymic, birth, place, document, address, **previous):
    born = datetime.date.fromisoformat(birth)
    return Person(
        fin=fin,
        last_name=last,
        first_name=first,
        patronymic=patronymic,
        birth_date=born,
        birth_place=place,
        document_number=document,
        document_issued=datetime.date(2021, 3, 15),
        document_valid_until=datetime.date(2031, 3, 15),
        document_authority="Azərbaycan Respublikasının Daxili İşlər Nazirliyi",
        registered_address=address,
        **previous,
    )


DEMO_PEOPLE = (
    _person(
        "2AB3C4D",
        "Məmmədova",
        "Aysel",
        "Rövşən qızı",
        "1990-04-12",
        "Bakı",
        "AA1234567",
        "Bakı ş., Nəsimi r., S. Vurğun küç. 24, m. 17",
    ),
    _person(
        "9XY8Z7W",
        "Əliyev",
        "Rauf",
        "Kamal oğlu",
        "1968-11-02",
        "Şamaxı",
        "AZE10293847",
        "Bakı ş., Xətai r., Babək pr. 12, m. 5",
    ),
    _person(
        "3CD4E5F",
        "Hüseynov",
        "Elçin",
        "Vaqif oğlu",
        "1985-07-30",
        "Gəncə",
        "AA7654321",
        "Gəncə ş., Nizami küç. 7",
    ),
    _person(
        "8WV7U6T",
        "Abbasova",
        "Nigar",
        "Əli qızı",
        "1972-01-19",
        "Gəncə",
        "AZE56473829",
        "Gəncə ş., Cavadxan küç. 41",
    ),
    _person(
        "4EF5G6H",
        "Quliyeva",
        "Leyla",
        "Tofiq qızı",
        "1993-09-05",
        "Sumqayıt",
        "AA2468135",
        "Sumqayıt ş., 9-cu mkr., ev 14, m. 33",
        previous_last_name="Həsənova",
    ),
    _person(
        "5GH6J7K",
        "Babayev",
        "Tural",
        "Elşən oğlu",
        "1988-02-21",
        "Bakı",
        "AA1357924",
        "Bakı ş., Yasamal r., Şərifzadə küç. 110, m. 8",
    ),
)

DEMO_PROPERTIES = (
    PropertyRecord(
        "baki-nesimi",
        "608011001798",
        "1725022423",
        "apartment",
        "Bakı ş., Nəsimi r., S. Vurğun küç. 24, m. 17",
        ("2AB3C4D",),
    ),
    PropertyRecord(
        "gence-city", "512034007711", "2210457788", "house", "Gəncə ş., Nizami küç. 7", ("3CD4E5F",)
    ),
    PropertyRecord(
        "sumqayit-city",
        "701122003344",
        "1509876543",
        "apartment",
        "Sumqayıt ş., 9-cu mkr., ev 14, m. 33",
        ("4EF5G6H",),
    ),
    PropertyRecord(
        "baki-yasamal",
        "608022003311",
        "1725033344",
        "apartment",
        "Bakı ş., Yasamal r., Şərifzadə küç. 110, m. 8",
        ("5GH6J7K",),
    ),
)


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
