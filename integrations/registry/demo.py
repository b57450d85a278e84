"""The demo world as the state registry knows it: the people and properties FakeStateRegistry
serves (subscribers/demo.py holds the accounts; README's demo table tells the scenarios).

| FİN     | person                             | scenario                                          |
|---------|------------------------------------|---------------------------------------------------|
| 2AB3C4D | Aysel Məmmədova                    | bought Rauf Əliyev's flat in Nəsimi -> transfer  |
| 3CD4E5F | Elçin Hüseynov                     | bought a house in Gəncə; account owes 45.20 AZN  |
| 4EF5G6H | Leyla Quliyeva (previously Həsənova)| holds an account under her old surname -> rename |
| 5GH6J7K | Tural Babayev                      | holds an account, no name change -> rename refused|
| 6QR5P4N | Səbinə Kərimova                    | bought Samir Qasımov's flat in Xətai (smart meter)|
| 8MN7L6K | Nicat Rəhimov                      | co-owns a flat in Nərimanov with Aygün Rəhimova   |
"""

import datetime

from integrations.registry.base import Person, PropertyRecord


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

DEMO_PEOPLE += (
    _person(
        "7ST6R5Q",
        "Qasımov",
        "Samir",
        "Fikrət oğlu",
        "1979-05-14",
        "Bakı",
        "AZE20481357",
        "Bakı ş., Binəqədi r., M. Əliyev küç. 3, m. 41",
    ),
    _person(
        "6QR5P4N",
        "Kərimova",
        "Səbinə",
        "Elxan qızı",
        "1995-12-03",
        "Şəki",
        "AA9081726",
        "Bakı ş., Xətai r., Xocalı pr. 55, m. 12",
    ),
    _person(
        "9JK8H7G",
        "Məmmədli",
        "Vüqar",
        "Sabir oğlu",
        "1961-08-27",
        "Quba",
        "AZE30571942",
        "Quba r., Fətəli xan küç. 9",
    ),
    _person(
        "8MN7L6K",
        "Rəhimov",
        "Nicat",
        "Rəşid oğlu",
        "1987-03-09",
        "Bakı",
        "AA5172839",
        "Bakı ş., Nərimanov r., Təbriz küç. 66, m. 20",
    ),
    _person(
        "6KL5J4H",
        "Rəhimova",
        "Aygün",
        "Vasif qızı",
        "1989-10-22",
        "Lənkəran",
        "AA6283940",
        "Bakı ş., Nərimanov r., Təbriz küç. 66, m. 20",
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
        datetime.date(2026, 11, 20),
    ),
    PropertyRecord(
        "gence-city",
        "512034007711",
        "2210457788",
        "house",
        "Gəncə ş., Nizami küç. 7",
        ("3CD4E5F",),
        datetime.date(2026, 10, 30),
    ),
    PropertyRecord(
        "sumqayit-city",
        "701122003344",
        "1509876543",
        "apartment",
        "Sumqayıt ş., 9-cu mkr., ev 14, m. 33",
        ("4EF5G6H",),
        datetime.date(2017, 8, 10),
    ),
    PropertyRecord(
        "baki-yasamal",
        "608022003311",
        "1725033344",
        "apartment",
        "Bakı ş., Yasamal r., Şərifzadə küç. 110, m. 8",
        ("5GH6J7K",),
        datetime.date(2015, 3, 20),
    ),
    PropertyRecord(
        "baki-xetai",
        "608033004422",
        "1725044455",
        "apartment",
        "Bakı ş., Xətai r., Xocalı pr. 55, m. 12",
        ("6QR5P4N",),
        datetime.date(2026, 11, 24),
    ),
    PropertyRecord(
        "baki-nerimanov",
        "608044005533",
        "1725055566",
        "apartment",
        "Bakı ş., Nərimanov r., Təbriz küç. 66, m. 20",
        ("8MN7L6K", "6KL5J4H"),
        datetime.date(2026, 11, 16),
    ),
)
