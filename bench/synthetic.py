"""The synthetic country of the benchmark: everything about account number `i` follows from `i`.

The data command writes it to the database, the bench registry answers for it, and the load
client walks the wizard with it, all without sharing state. No Django imports: the load client
uses this module too.

Account i is held by the person with FİN `Z…` and its flat or house was bought by the person with
FİN `Y…` (the six symbols encode i), who may transfer the account to themselves. Demo FİNs start
with a digit and demo codes with 1–3, so nothing here collides with the demo world.
"""

import datetime

# The symbols a FİN may use (no I, no O), DOMAIN.md.
FIN_SYMBOLS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
BUYER, HOLDER = "Y", "Z"
SUBSCRIBER_CODE_PREFIX = "9"
REGISTRY_PREFIX, REGISTRATION_PREFIX = "9", "8"

LAST_NAMES = (
    "Məmmədov",
    "Əliyev",
    "Həsənov",
    "Hüseynov",
    "Quliyev",
    "İsmayılov",
    "Babayev",
    "Rzayev",
    "Əhmədov",
    "Abbasov",
    "Cəfərov",
    "Nəsirov",
    "Səfərov",
    "Mustafayev",
    "Kərimov",
    "Orucov",
)
FIRST_NAMES = (
    ("Aysel", "f"),
    ("Rauf", "m"),
    ("Leyla", "f"),
    ("Tural", "m"),
    ("Nigar", "f"),
    ("Elçin", "m"),
    ("Günay", "f"),
    ("Kamran", "m"),
    ("Nərmin", "f"),
    ("Fuad", "m"),
    ("Səbinə", "f"),
    ("Orxan", "m"),
    ("Ülviyyə", "f"),
    ("Ramil", "m"),
    ("Şəbnəm", "f"),
    ("Vüqar", "m"),
    ("Aynur", "f"),
    ("İlqar", "m"),
)
FATHERS = ("Kamal", "Vaqif", "Tofiq", "Elşən", "Rövşən", "Əli", "Zaur", "Həsən", "Natiq", "İlham")
STREETS = ("Nizami", "Füzuli", "S. Vurğun", "Azadlıq pr.", "Cavadxan", "Şərifzadə", "Babək pr.", "Xətai")


def fin(i: int, role: str) -> str:
    """The FİN of account i's buyer (BUYER) or holder (HOLDER)."""
    symbols = []
    for _ in range(6):
        i, digit = divmod(i, len(FIN_SYMBOLS))
        symbols.append(FIN_SYMBOLS[digit])
    return role + "".join(reversed(symbols))


def index_of_fin(value: str) -> tuple[int, str] | None:
    """(i, role) for a synthetic FİN, None for any other."""
    if len(value) != 7 or value[0] not in (BUYER, HOLDER):
        return None
    i = 0
    for symbol in value[1:]:
        position = FIN_SYMBOLS.find(symbol)
        if position < 0:
            return None
        i = i * len(FIN_SYMBOLS) + position
    return i, value[0]


def subscriber_code(i: int) -> str:
    return f"{SUBSCRIBER_CODE_PREFIX}{i:014d}"


def registry_number(i: int) -> str:
    return f"{REGISTRY_PREFIX}{i:011d}"


def registration_number(i: int) -> str:
    return f"{REGISTRATION_PREFIX}{i:09d}"


def index_of_property(registry: str, registration: str) -> int | None:
    if len(registry) != 12 or not registry.startswith(REGISTRY_PREFIX) or not registry.isdigit():
        return None
    i = int(registry[1:])
    return i if registration == registration_number(i) else None


def property_kind(i: int) -> str:
    return "house" if i % 4 == 0 else "apartment"


def address(i: int) -> str:
    street = STREETS[i % len(STREETS)]
    if property_kind(i) == "house":
        return f"{street} küç. {i % 300 + 1}"
    return f"{street} küç. {i % 300 + 1}, m. {i % 97 + 1}"


def mobile_phone(i: int) -> str:
    """A valid Azercell mobile number unique to account i, as a citizen types it."""
    digits = f"{i:07d}"
    return f"050 {digits[:3]} {digits[3:5]} {digits[5:]}"


def mobile_e164(i: int) -> str:
    return f"+99450{i:07d}"


def person_fields(i: int, role: str) -> dict:
    """What the state registry holds about a synthetic person (subscribers Person's fields)."""
    seed = 2 * i + (role == HOLDER)
    first, sex = FIRST_NAMES[seed % len(FIRST_NAMES)]
    last = LAST_NAMES[(seed // len(FIRST_NAMES)) % len(LAST_NAMES)]
    if sex == "f":
        last += "a"
    father = FATHERS[(seed // 7) % len(FATHERS)]
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=(seed * 7919) % 18_000)
    return {
        "fin": fin(i, role),
        "last_name": last,
        "first_name": first,
        "patronymic": f"{father} {'qızı' if sex == 'f' else 'oğlu'}",
        "birth_date": born,
        "birth_place": "Bakı",
        "document_number": f"AA{seed % 10_000_000:07d}",
        "document_issued": datetime.date(2021, 3, 15),
        "document_valid_until": datetime.date(2031, 3, 15),
        "document_authority": "Azərbaycan Respublikasının Daxili İşlər Nazirliyi",
        "registered_address": address(i),
    }
