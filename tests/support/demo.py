"""The demo world the fakes serve (integrations/registry/demo.py, subscribers/demo.py,
backoffice/demo.py), named for the tests."""

AYSEL = "2AB3C4D"  # buys Rauf's flat in Nəsimi: her transfer succeeds
RAUF = "9XY8Z7W"  # holds account 100100200300401 (Bakı office)
ELCIN = "3CD4E5F"  # the Gəncə account he takes over owes 45.20 AZN
LEYLA = "4EF5G6H"  # née Həsənova, Sumqayıt: her rename succeeds
TURAL = "5GH6J7K"  # no name change in the registry: his rename is refused
SAMIR = "7ST6R5Q"  # holds the Xətai flat's account (a smart meter), sold to Səbinə
SEBINE = "6QR5P4N"  # buys Samir's flat in Xətai: her reading comes from the smart meter
VUQAR = "9JK8H7G"  # holds the Nərimanov flat's account; the flat is now Nicat's and Aygün's
NICAT = "8MN7L6K"  # co-owns the Nərimanov flat with Aygün: his transfer needs her consent
AYGUN = "6KL5J4H"

RAUF_ACCOUNT = "100100200300401"
GENCE_ACCOUNT = "200200300400502"
LEYLA_ACCOUNT = "300300400500603"
TURAL_ACCOUNT = "100100200300714"
SAMIR_ACCOUNT = "100100200300825"
VUQAR_ACCOUNT = "100100200300936"

NESIMI_FLAT = {
    "property_kind": "apartment",
    "district": "baki-nesimi",
    "registry_number": "608011001798",
    "registration_number": "1725022423",
}
GENCE_HOUSE = {
    "property_kind": "house",
    "district": "gence-city",
    "registry_number": "512034007711",
    "registration_number": "2210457788",
}
SUMQAYIT_FLAT = {
    "property_kind": "apartment",
    "district": "sumqayit-city",
    "registry_number": "701122003344",
    "registration_number": "1509876543",
}
XETAI_FLAT = {
    "property_kind": "apartment",
    "district": "baki-xetai",
    "registry_number": "608033004422",
    "registration_number": "1725044455",
}
NERIMANOV_FLAT = {
    "property_kind": "apartment",
    "district": "baki-nerimanov",
    "registry_number": "608044005533",
    "registration_number": "1725055566",
}
YASAMAL_FLAT = {
    "property_kind": "apartment",
    "district": "baki-yasamal",
    "registry_number": "608022003311",
    "registration_number": "1725033344",
}

MOBILE = "050 123 45 67"  # as a citizen types it
MOBILE_E164 = "+994501234567"
EMAIL = "aysel@example.az"
CONTACT = {"mobile_phone": MOBILE, "email": ""}

OPERATOR_BAKI = "operator.baki"
OPERATOR_SUMQAYIT = "operator.sumqayit"
SUPERVISOR = "supervisor"
AUDITOR = "auditor"
STAFF_PASSWORDS = {
    OPERATOR_BAKI: "demo-operator-2026",
    OPERATOR_SUMQAYIT: "demo-operator-2026",
    SUPERVISOR: "demo-supervisor-2026",
    AUDITOR: "demo-auditor-2026",
}
