"""Azerbaijan's cities and rayons by economic region (decree of 7 July 2021), with ISO 3166-2:AZ codes.

Source: ../shared/DOMAIN.md. This module is the seed for the District table (migration 0002);
the table, not this module, is what the code reads at run time.
"""

from dataclasses import dataclass

CITY = "city"
RAYON = "rayon"
CITY_DISTRICT = "city_district"


@dataclass(frozen=True)
class DistrictSeed:
    name: str
    kind: str
    iso_code: str | None = None


BAKU_CITY_DISTRICTS = (
    "Binəqədi",
    "Qaradağ",
    "Xətai",
    "Xəzər",
    "Nərimanov",
    "Nəsimi",
    "Nizami",
    "Pirallahı",
    "Sabunçu",
    "Səbail",
    "Suraxanı",
    "Yasamal",
)

# Economic region -> its cities and rayons. Nakhchivan has its own electricity supplier
# (assumed, DOMAIN.md), so Azərişıq does not serve it.
REGIONS: dict[str, tuple[DistrictSeed, ...]] = {
    "Bakı": (DistrictSeed("Bakı", CITY, "AZ-BA"),),
    "Naxçıvan": (
        DistrictSeed("Naxçıvan", CITY, "AZ-NV"),
        DistrictSeed("Babək", RAYON, "AZ-BAB"),
        DistrictSeed("Culfa", RAYON, "AZ-CUL"),
        DistrictSeed("Kəngərli", RAYON, "AZ-KAN"),
        DistrictSeed("Ordubad", RAYON, "AZ-ORD"),
        DistrictSeed("Sədərək", RAYON, "AZ-SAD"),
        DistrictSeed("Şahbuz", RAYON, "AZ-SAH"),
        DistrictSeed("Şərur", RAYON, "AZ-SAR"),
    ),
    "Abşeron–Xızı": (
        DistrictSeed("Sumqayıt", CITY, "AZ-SM"),
        DistrictSeed("Abşeron", RAYON, "AZ-ABS"),
        DistrictSeed("Xızı", RAYON, "AZ-XIZ"),
    ),
    "Dağlıq Şirvan": (
        DistrictSeed("Ağsu", RAYON, "AZ-AGU"),
        DistrictSeed("İsmayıllı", RAYON, "AZ-ISM"),
        DistrictSeed("Qobustan", RAYON, "AZ-QOB"),
        DistrictSeed("Şamaxı", RAYON, "AZ-SMI"),
    ),
    "Gəncə–Daşkəsən": (
        DistrictSeed("Gəncə", CITY, "AZ-GA"),
        DistrictSeed("Naftalan", CITY, "AZ-NA"),
        DistrictSeed("Daşkəsən", RAYON, "AZ-DAS"),
        DistrictSeed("Goranboy", RAYON, "AZ-GOR"),
        DistrictSeed("Göygöl", RAYON, "AZ-GYG"),
        DistrictSeed("Samux", RAYON, "AZ-SMX"),
    ),
    "Qarabağ": (
        DistrictSeed("Xankəndi", CITY, "AZ-XA"),
        DistrictSeed("Ağcabədi", RAYON, "AZ-AGC"),
        DistrictSeed("Ağdam", RAYON, "AZ-AGM"),
        DistrictSeed("Bərdə", RAYON, "AZ-BAR"),
        DistrictSeed("Füzuli", RAYON, "AZ-FUZ"),
        DistrictSeed("Xocalı", RAYON, "AZ-XCI"),
        DistrictSeed("Xocavənd", RAYON, "AZ-XVD"),
        DistrictSeed("Şuşa", RAYON, "AZ-SUS"),
        DistrictSeed("Tərtər", RAYON, "AZ-TAR"),
        DistrictSeed("Ağdərə", RAYON),  # new rayon, no ISO code yet; placement assumed
    ),
    "Qazax–Tovuz": (
        DistrictSeed("Ağstafa", RAYON, "AZ-AGA"),
        DistrictSeed("Gədəbəy", RAYON, "AZ-GAD"),
        DistrictSeed("Qazax", RAYON, "AZ-QAZ"),
        DistrictSeed("Şəmkir", RAYON, "AZ-SKR"),
        DistrictSeed("Tovuz", RAYON, "AZ-TOV"),
    ),
    "Quba–Xaçmaz": (
        DistrictSeed("Xaçmaz", RAYON, "AZ-XAC"),
        DistrictSeed("Quba", RAYON, "AZ-QBA"),
        DistrictSeed("Qusar", RAYON, "AZ-QUS"),
        DistrictSeed("Siyəzən", RAYON, "AZ-SIY"),
        DistrictSeed("Şabran", RAYON, "AZ-SBN"),
    ),
    "Lənkəran–Astara": (
        DistrictSeed("Lənkəran", CITY, "AZ-LA"),
        DistrictSeed("Astara", RAYON, "AZ-AST"),
        DistrictSeed("Cəlilabad", RAYON, "AZ-CAL"),
        DistrictSeed("Lerik", RAYON, "AZ-LER"),
        DistrictSeed("Lənkəran", RAYON, "AZ-LAN"),
        DistrictSeed("Masallı", RAYON, "AZ-MAS"),
        DistrictSeed("Yardımlı", RAYON, "AZ-YAR"),
    ),
    "Mərkəzi Aran": (
        DistrictSeed("Mingəçevir", CITY, "AZ-MI"),
        DistrictSeed("Yevlax", CITY, "AZ-YE"),
        DistrictSeed("Ağdaş", RAYON, "AZ-AGS"),
        DistrictSeed("Göyçay", RAYON, "AZ-GOY"),
        DistrictSeed("Kürdəmir", RAYON, "AZ-KUR"),
        DistrictSeed("Ucar", RAYON, "AZ-UCA"),
        DistrictSeed("Yevlax", RAYON, "AZ-YEV"),
        DistrictSeed("Zərdab", RAYON, "AZ-ZAR"),
    ),
    "Mil–Muğan": (
        DistrictSeed("Beyləqan", RAYON, "AZ-BEY"),
        DistrictSeed("İmişli", RAYON, "AZ-IMI"),
        DistrictSeed("Saatlı", RAYON, "AZ-SAT"),
        DistrictSeed("Sabirabad", RAYON, "AZ-SAB"),
    ),
    "Şəki–Zaqatala": (
        DistrictSeed("Şəki", CITY, "AZ-SA"),
        DistrictSeed("Balakən", RAYON, "AZ-BAL"),
        DistrictSeed("Qax", RAYON, "AZ-QAX"),
        DistrictSeed("Qəbələ", RAYON, "AZ-QAB"),
        DistrictSeed("Oğuz", RAYON, "AZ-OGU"),
        DistrictSeed("Şəki", RAYON, "AZ-SAK"),
        DistrictSeed("Zaqatala", RAYON, "AZ-ZAQ"),
    ),
    "Şərqi Zəngəzur": (
        DistrictSeed("Cəbrayıl", RAYON, "AZ-CAB"),
        DistrictSeed("Kəlbəcər", RAYON, "AZ-KAL"),
        DistrictSeed("Qubadlı", RAYON, "AZ-QBI"),
        DistrictSeed("Laçın", RAYON, "AZ-LAC"),
        DistrictSeed("Zəngilan", RAYON, "AZ-ZAN"),
    ),
    "Şirvan–Salyan": (
        DistrictSeed("Şirvan", CITY, "AZ-SR"),
        DistrictSeed("Biləsuvar", RAYON, "AZ-BIL"),
        DistrictSeed("Hacıqabul", RAYON, "AZ-HAC"),
        DistrictSeed("Neftçala", RAYON, "AZ-NEF"),
        DistrictSeed("Salyan", RAYON, "AZ-SAL"),
    ),
}

UNSERVED_REGIONS = frozenset({"Naxçıvan"})

# Azərişıq registration offices, one per economic region it serves (assumed: no public
# list; the table is data, so offices can be split or merged without code changes).
OFFICE_NAMES = {
    region: f"{region} regional qeydiyyat ofisi" for region in REGIONS if region not in UNSERVED_REGIONS
}

_ASCII = str.maketrans("əƏıİşŞçÇğĞöÖüÜ", "eEiIsScCgGoOuU")


def district_code(name: str, kind: str, parent_name: str | None = None) -> str:
    """A stable ASCII code: "baki-nesimi", "lenkeran-city", "lenkeran-rayon"."""
    if kind == CITY_DISTRICT:
        return f"{parent_name}-{name}".translate(_ASCII).lower()
    return f"{name}-{kind}".translate(_ASCII).lower()


# The established English and Russian forms (name_en, name_ru): Russian names a rayon or city
# district by its adjective, as «Насиминский р-н» and «Губинский р-н» are written; a city by its
# noun (г. Баку). Filled into the District table by migration 0005.
EXONYMS: dict[tuple[str, str], tuple[str, str]] = {
    # Baku's city districts
    ("Binəqədi", CITY_DISTRICT): ("Binagadi", "Бинагадинский"),
    ("Qaradağ", CITY_DISTRICT): ("Garadagh", "Гарадагский"),
    ("Xətai", CITY_DISTRICT): ("Khatai", "Хатаинский"),
    ("Xəzər", CITY_DISTRICT): ("Khazar", "Хазарский"),
    ("Nərimanov", CITY_DISTRICT): ("Narimanov", "Наримановский"),
    ("Nəsimi", CITY_DISTRICT): ("Nasimi", "Насиминский"),
    ("Nizami", CITY_DISTRICT): ("Nizami", "Низаминский"),
    ("Pirallahı", CITY_DISTRICT): ("Pirallahi", "Пираллахинский"),
    ("Sabunçu", CITY_DISTRICT): ("Sabunchu", "Сабунчинский"),
    ("Səbail", CITY_DISTRICT): ("Sabail", "Сабаильский"),
    ("Suraxanı", CITY_DISTRICT): ("Surakhani", "Сураханский"),
    ("Yasamal", CITY_DISTRICT): ("Yasamal", "Ясамальский"),
    # cities
    ("Bakı", CITY): ("Baku", "Баку"),
    ("Naxçıvan", CITY): ("Nakhchivan", "Нахчыван"),
    ("Sumqayıt", CITY): ("Sumgait", "Сумгайыт"),
    ("Gəncə", CITY): ("Ganja", "Гянджа"),
    ("Naftalan", CITY): ("Naftalan", "Нафталан"),
    ("Xankəndi", CITY): ("Khankendi", "Ханкенди"),
    ("Lənkəran", CITY): ("Lankaran", "Ленкорань"),
    ("Mingəçevir", CITY): ("Mingachevir", "Мингячевир"),
    ("Yevlax", CITY): ("Yevlakh", "Евлах"),
    ("Şəki", CITY): ("Shaki", "Шеки"),
    ("Şirvan", CITY): ("Shirvan", "Ширван"),
    # rayons
    ("Babək", RAYON): ("Babek", "Бабекский"),
    ("Culfa", RAYON): ("Julfa", "Джульфинский"),
    ("Kəngərli", RAYON): ("Kangarli", "Кенгерлинский"),
    ("Ordubad", RAYON): ("Ordubad", "Ордубадский"),
    ("Sədərək", RAYON): ("Sadarak", "Садаракский"),
    ("Şahbuz", RAYON): ("Shahbuz", "Шахбузский"),
    ("Şərur", RAYON): ("Sharur", "Шарурский"),
    ("Abşeron", RAYON): ("Absheron", "Абшеронский"),
    ("Xızı", RAYON): ("Khizi", "Хызынский"),
    ("Ağsu", RAYON): ("Agsu", "Агсуинский"),
    ("İsmayıllı", RAYON): ("Ismayilli", "Исмаиллинский"),
    ("Qobustan", RAYON): ("Gobustan", "Гобустанский"),
    ("Şamaxı", RAYON): ("Shamakhi", "Шамахинский"),
    ("Daşkəsən", RAYON): ("Dashkasan", "Дашкесанский"),
    ("Goranboy", RAYON): ("Goranboy", "Геранбойский"),
    ("Göygöl", RAYON): ("Goygol", "Гёйгёльский"),
    ("Samux", RAYON): ("Samukh", "Самухский"),
    ("Ağcabədi", RAYON): ("Aghjabadi", "Агджабединский"),
    ("Ağdam", RAYON): ("Aghdam", "Агдамский"),
    ("Bərdə", RAYON): ("Barda", "Бардинский"),
    ("Füzuli", RAYON): ("Fuzuli", "Физулинский"),
    ("Xocalı", RAYON): ("Khojaly", "Ходжалинский"),
    ("Xocavənd", RAYON): ("Khojavend", "Ходжавендский"),
    ("Şuşa", RAYON): ("Shusha", "Шушинский"),
    ("Tərtər", RAYON): ("Tartar", "Тертерский"),
    ("Ağdərə", RAYON): ("Aghdara", "Агдеринский"),
    ("Ağstafa", RAYON): ("Aghstafa", "Агстафинский"),
    ("Gədəbəy", RAYON): ("Gadabay", "Гедабекский"),
    ("Qazax", RAYON): ("Gazakh", "Газахский"),
    ("Şəmkir", RAYON): ("Shamkir", "Шамкирский"),
    ("Tovuz", RAYON): ("Tovuz", "Товузский"),
    ("Xaçmaz", RAYON): ("Khachmaz", "Хачмазский"),
    ("Quba", RAYON): ("Guba", "Губинский"),
    ("Qusar", RAYON): ("Gusar", "Гусарский"),
    ("Siyəzən", RAYON): ("Siyazan", "Сиазаньский"),
    ("Şabran", RAYON): ("Shabran", "Шабранский"),
    ("Astara", RAYON): ("Astara", "Астаринский"),
    ("Cəlilabad", RAYON): ("Jalilabad", "Джалилабадский"),
    ("Lerik", RAYON): ("Lerik", "Лерикский"),
    ("Lənkəran", RAYON): ("Lankaran", "Ленкоранский"),
    ("Masallı", RAYON): ("Masally", "Масаллинский"),
    ("Yardımlı", RAYON): ("Yardimli", "Ярдымлинский"),
    ("Ağdaş", RAYON): ("Aghdash", "Агдашский"),
    ("Göyçay", RAYON): ("Goychay", "Гёйчайский"),
    ("Kürdəmir", RAYON): ("Kurdamir", "Кюрдамирский"),
    ("Ucar", RAYON): ("Ujar", "Уджарский"),
    ("Yevlax", RAYON): ("Yevlakh", "Евлахский"),
    ("Zərdab", RAYON): ("Zardab", "Зардабский"),
    ("Beyləqan", RAYON): ("Beylagan", "Бейлаганский"),
    ("İmişli", RAYON): ("Imishli", "Имишлинский"),
    ("Saatlı", RAYON): ("Saatly", "Саатлинский"),
    ("Sabirabad", RAYON): ("Sabirabad", "Сабирабадский"),
    ("Balakən", RAYON): ("Balakan", "Балакенский"),
    ("Qax", RAYON): ("Gakh", "Гахский"),
    ("Qəbələ", RAYON): ("Gabala", "Габалинский"),
    ("Oğuz", RAYON): ("Oghuz", "Огузский"),
    ("Şəki", RAYON): ("Shaki", "Шекинский"),
    ("Zaqatala", RAYON): ("Zagatala", "Закатальский"),
    ("Cəbrayıl", RAYON): ("Jabrayil", "Джебраильский"),
    ("Kəlbəcər", RAYON): ("Kalbajar", "Кельбаджарский"),
    ("Qubadlı", RAYON): ("Gubadly", "Губадлинский"),
    ("Laçın", RAYON): ("Lachin", "Лачинский"),
    ("Zəngilan", RAYON): ("Zangilan", "Зангиланский"),
    ("Biləsuvar", RAYON): ("Bilasuvar", "Билясуварский"),
    ("Hacıqabul", RAYON): ("Hajigabul", "Гаджигабульский"),
    ("Neftçala", RAYON): ("Neftchala", "Нефтчалинский"),
    ("Salyan", RAYON): ("Salyan", "Сальянский"),
}
