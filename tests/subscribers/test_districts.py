import pytest

from core.collation import az_sort_key
from subscribers.models import District

# fmt: off
# Transcribed from DOMAIN.md ("Districts ... by economic region"): region -> (display name, ISO).
DOMAIN_DISTRICTS = {
    "Bakı": [("Bakı ş.", "AZ-BA")],
    "Naxçıvan": [
        ("Naxçıvan ş.", "AZ-NV"), ("Babək r.", "AZ-BAB"), ("Culfa r.", "AZ-CUL"),
        ("Kəngərli r.", "AZ-KAN"), ("Ordubad r.", "AZ-ORD"), ("Sədərək r.", "AZ-SAD"),
        ("Şahbuz r.", "AZ-SAH"), ("Şərur r.", "AZ-SAR"),
    ],
    "Abşeron–Xızı": [("Sumqayıt ş.", "AZ-SM"), ("Abşeron r.", "AZ-ABS"), ("Xızı r.", "AZ-XIZ")],
    "Dağlıq Şirvan": [
        ("Ağsu r.", "AZ-AGU"), ("İsmayıllı r.", "AZ-ISM"), ("Qobustan r.", "AZ-QOB"),
        ("Şamaxı r.", "AZ-SMI"),
    ],
    "Gəncə–Daşkəsən": [
        ("Gəncə ş.", "AZ-GA"), ("Naftalan ş.", "AZ-NA"), ("Daşkəsən r.", "AZ-DAS"),
        ("Goranboy r.", "AZ-GOR"), ("Göygöl r.", "AZ-GYG"), ("Samux r.", "AZ-SMX"),
    ],
    "Qarabağ": [
        ("Xankəndi ş.", "AZ-XA"), ("Ağcabədi r.", "AZ-AGC"), ("Ağdam r.", "AZ-AGM"),
        ("Bərdə r.", "AZ-BAR"), ("Füzuli r.", "AZ-FUZ"), ("Xocalı r.", "AZ-XCI"),
        ("Xocavənd r.", "AZ-XVD"), ("Şuşa r.", "AZ-SUS"), ("Tərtər r.", "AZ-TAR"),
        ("Ağdərə r.", None),
    ],
    "Qazax–Tovuz": [
        ("Ağstafa r.", "AZ-AGA"), ("Gədəbəy r.", "AZ-GAD"), ("Qazax r.", "AZ-QAZ"),
        ("Şəmkir r.", "AZ-SKR"), ("Tovuz r.", "AZ-TOV"),
    ],
    "Quba–Xaçmaz": [
        ("Xaçmaz r.", "AZ-XAC"), ("Quba r.", "AZ-QBA"), ("Qusar r.", "AZ-QUS"),
        ("Siyəzən r.", "AZ-SIY"), ("Şabran r.", "AZ-SBN"),
    ],
    "Lənkəran–Astara": [
        ("Lənkəran ş.", "AZ-LA"), ("Astara r.", "AZ-AST"), ("Cəlilabad r.", "AZ-CAL"),
        ("Lerik r.", "AZ-LER"), ("Lənkəran r.", "AZ-LAN"), ("Masallı r.", "AZ-MAS"),
        ("Yardımlı r.", "AZ-YAR"),
    ],
    "Mərkəzi Aran": [
        ("Mingəçevir ş.", "AZ-MI"), ("Yevlax ş.", "AZ-YE"), ("Ağdaş r.", "AZ-AGS"),
        ("Göyçay r.", "AZ-GOY"), ("Kürdəmir r.", "AZ-KUR"), ("Ucar r.", "AZ-UCA"),
        ("Yevlax r.", "AZ-YEV"), ("Zərdab r.", "AZ-ZAR"),
    ],
    "Mil–Muğan": [
        ("Beyləqan r.", "AZ-BEY"), ("İmişli r.", "AZ-IMI"), ("Saatlı r.", "AZ-SAT"),
        ("Sabirabad r.", "AZ-SAB"),
    ],
    "Şəki–Zaqatala": [
        ("Şəki ş.", "AZ-SA"), ("Balakən r.", "AZ-BAL"), ("Qax r.", "AZ-QAX"),
        ("Qəbələ r.", "AZ-QAB"), ("Oğuz r.", "AZ-OGU"), ("Şəki r.", "AZ-SAK"),
        ("Zaqatala r.", "AZ-ZAQ"),
    ],
    "Şərqi Zəngəzur": [
        ("Cəbrayıl r.", "AZ-CAB"), ("Kəlbəcər r.", "AZ-KAL"), ("Qubadlı r.", "AZ-QBI"),
        ("Laçın r.", "AZ-LAC"), ("Zəngilan r.", "AZ-ZAN"),
    ],
    "Şirvan–Salyan": [
        ("Şirvan ş.", "AZ-SR"), ("Biləsuvar r.", "AZ-BIL"), ("Hacıqabul r.", "AZ-HAC"),
        ("Neftçala r.", "AZ-NEF"), ("Salyan r.", "AZ-SAL"),
    ],
}

# Baku's city districts in Azerbaijani alphabetical order (X after H, Q after K).
BAKU_CITY_DISTRICTS = [
    "Binəqədi", "Xətai", "Xəzər", "Qaradağ", "Nərimanov", "Nəsimi",
    "Nizami", "Pirallahı", "Sabunçu", "Səbail", "Suraxanı", "Yasamal",
]

# Every other served city and rayon, in Azerbaijani alphabetical order, worked out by hand.
OTHER_SELECTABLE_IN_ORDER = [
    "Abşeron r.", "Ağcabədi r.", "Ağdam r.", "Ağdaş r.", "Ağdərə r.", "Ağstafa r.", "Ağsu r.",
    "Astara r.", "Balakən r.", "Beyləqan r.", "Bərdə r.", "Biləsuvar r.", "Cəbrayıl r.",
    "Cəlilabad r.", "Daşkəsən r.", "Füzuli r.", "Gədəbəy r.", "Gəncə ş.", "Goranboy r.",
    "Göyçay r.", "Göygöl r.", "Hacıqabul r.", "Xaçmaz r.", "Xankəndi ş.", "Xızı r.",
    "Xocalı r.", "Xocavənd r.", "İmişli r.", "İsmayıllı r.", "Kəlbəcər r.", "Kürdəmir r.",
    "Qax r.", "Qazax r.", "Qəbələ r.", "Qobustan r.", "Quba r.", "Qubadlı r.", "Qusar r.",
    "Laçın r.", "Lerik r.", "Lənkəran ş.", "Lənkəran r.", "Masallı r.", "Mingəçevir ş.",
    "Naftalan ş.", "Neftçala r.", "Oğuz r.", "Saatlı r.", "Sabirabad r.", "Salyan r.",
    "Samux r.", "Siyəzən r.", "Sumqayıt ş.", "Şabran r.", "Şamaxı r.", "Şəki ş.", "Şəki r.",
    "Şəmkir r.", "Şirvan ş.", "Şuşa r.", "Tərtər r.", "Tovuz r.", "Ucar r.", "Yardımlı r.",
    "Yevlax ş.", "Yevlax r.", "Zaqatala r.", "Zəngilan r.", "Zərdab r.",
]
# fmt: on


def names(districts):
    return [district.display_name for district in districts]


# The table


@pytest.mark.django_db
def test_every_city_and_rayon_of_the_domain_is_in_the_table():
    table = {
        (d.economic_region, d.display_name, d.iso_code)
        for d in District.objects.exclude(kind=District.Kind.CITY_DISTRICT)
    }
    expected = {(region, name, iso) for region, units in DOMAIN_DISTRICTS.items() for name, iso in units}

    assert table == expected
    assert len(table) == 78


@pytest.mark.django_db
def test_baku_has_its_twelve_city_districts_and_they_have_no_iso_code():
    baku = District.objects.get(iso_code="AZ-BA")

    assert sorted(baku.children.values_list("name", flat=True)) == sorted(BAKU_CITY_DISTRICTS)
    assert set(baku.children.values_list("kind", flat=True)) == {District.Kind.CITY_DISTRICT}
    assert set(baku.children.values_list("iso_code", flat=True)) == {None}
    assert District.objects.count() == 78 + 12


@pytest.mark.django_db
def test_lenkeran_city_and_rayon_are_distinct_units():
    city = District.objects.get(iso_code="AZ-LA")
    rayon = District.objects.get(iso_code="AZ-LAN")

    assert (city.name, city.kind) == ("Lənkəran", District.Kind.CITY)
    assert (rayon.name, rayon.kind) == ("Lənkəran", District.Kind.RAYON)
    assert city.code != rayon.code


@pytest.mark.django_db
def test_agdere_has_no_iso_code_and_every_other_unit_has_its_own():
    assert District.objects.get(name="Ağdərə").iso_code is None
    codes = list(
        District.objects.exclude(kind=District.Kind.CITY_DISTRICT)
        .exclude(name="Ağdərə")
        .values_list("iso_code", flat=True)
    )
    assert None not in codes
    assert len(codes) == len(set(codes)) == 77


@pytest.mark.django_db
def test_nakhchivan_is_not_served_and_has_no_office():
    nakhchivan = District.objects.filter(economic_region="Naxçıvan")

    assert nakhchivan.count() == 8
    assert not nakhchivan.filter(served_by_azerishiq=True).exists()
    assert not nakhchivan.filter(office__isnull=False).exists()
    assert set(District.objects.filter(served_by_azerishiq=False)) == set(nakhchivan)


@pytest.mark.django_db
def test_every_served_district_has_the_office_of_its_economic_region():
    served = District.objects.served().select_related("office")

    assert served.count() == 90 - 8
    for district in served:
        assert district.office is not None, district.display_name
        assert district.office.economic_region == district.economic_region


# What a citizen can choose, and how it reads


@pytest.mark.django_db
def test_selectable_excludes_baku_as_a_whole_and_nakhchivan():
    selectable = set(names(District.objects.selectable()))

    assert "Bakı ş." not in selectable
    assert "Bakı ş., Nəsimi r." in selectable
    assert not selectable & {name for name, _iso in DOMAIN_DISTRICTS["Naxçıvan"]}
    assert len(selectable) == 12 + len(OTHER_SELECTABLE_IN_ORDER)


@pytest.mark.django_db
def test_display_name_reads_as_people_write_it():
    assert District.objects.get(code="baki-nesimi").display_name == "Bakı ş., Nəsimi r."
    assert District.objects.get(iso_code="AZ-LA").display_name == "Lənkəran ş."
    assert District.objects.get(iso_code="AZ-LAN").display_name == "Lənkəran r."
    assert str(District.objects.get(iso_code="AZ-QBA")) == "Quba r."


@pytest.mark.django_db
def test_list_order_puts_baku_districts_first_then_azerbaijani_alphabetical_order():
    ordered = sorted(District.objects.selectable(), key=lambda d: d.list_order_key)

    assert (
        names(ordered) == [f"Bakı ş., {name} r." for name in BAKU_CITY_DISTRICTS] + OTHER_SELECTABLE_IN_ORDER
    )


@pytest.mark.django_db
def test_list_order_examples():
    ordered = names(sorted(District.objects.selectable(), key=lambda d: d.list_order_key))

    def before(first, second):
        return ordered.index(first) < ordered.index(second)

    assert before("Ağcabədi r.", "Bərdə r.")
    assert before("Cəbrayıl r.", "Cəlilabad r.")
    assert before("Saatlı r.", "Sabirabad r.") and before("Sabirabad r.", "Şabran r.")
    assert before("Hacıqabul r.", "Xaçmaz r.") and before("Xaçmaz r.", "İmişli r.")
    assert before("İmişli r.", "İsmayıllı r.")
    assert before("Kürdəmir r.", "Qax r.") and before("Qusar r.", "Laçın r.")
    assert before("Zaqatala r.", "Zərdab r.")


# The collation key


def test_az_sort_key_orders_by_the_azerbaijani_alphabet():
    # fmt: off
    shuffled = ["Zərdab", "Ağdam", "Şəki", "Ucar", "İsmayıllı", "Xaçmaz", "Qusar", "Çay", "Əli",
                "Ğ", "Öz", "Üz", "Hacı", "Ismar", "Kür", "Lerik", "Cəlil"]

    assert sorted(shuffled, key=az_sort_key) == [
        "Ağdam", "Cəlil", "Çay", "Əli", "Ğ", "Hacı", "Xaçmaz", "Ismar", "İsmayıllı", "Kür",
        "Qusar", "Lerik", "Öz", "Şəki", "Ucar", "Üz", "Zərdab",
    ]
    # fmt: on


def test_az_sort_key_matches_the_domain_alphabet_letter_by_letter():
    alphabet = list("ABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ")

    assert sorted(reversed(alphabet), key=az_sort_key) == alphabet


def test_dotless_i_comes_before_dotted_i():
    assert az_sort_key("ı") < az_sort_key("i")
    assert az_sort_key("I") < az_sort_key("İ")
    assert az_sort_key("Xızı") < az_sort_key("Xocalı")


def test_az_sort_key_ignores_case_the_azerbaijani_way():
    assert az_sort_key("I") == az_sort_key("ı")
    assert az_sort_key("İ") == az_sort_key("i")
    assert az_sort_key("ŞƏKİ") == az_sort_key("şəki")
    assert sorted(["ağsu", "Ağcabədi", "AĞDAM"], key=az_sort_key) == ["Ağcabədi", "AĞDAM", "ağsu"]


def test_az_sort_key_puts_shorter_prefix_first():
    assert az_sort_key("Quba") < az_sort_key("Qubadlı")
