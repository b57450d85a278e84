import datetime

import pytest

from integrations.registry.base import Person, PropertyRecord, RegistryUnavailable, get_state_registry
from integrations.registry.fake import FakeStateRegistry
from integrations.registry.http import HttpStateRegistry

HTTP_BACKEND = "integrations.registry.http.HttpStateRegistry"
FAKE_BACKEND = "integrations.registry.fake.FakeStateRegistry"

LEYLA_JSON = {
    "fin": "4EF5G6H",
    "last_name": "Quliyeva",
    "first_name": "Leyla",
    "patronymic": "Tofiq qızı",
    "birth_date": "1993-09-05",
    "birth_place": "Sumqayıt",
    "document_number": "AA2468135",
    "document_issued": "2021-03-15",
    "document_valid_until": "2031-03-15",
    "document_authority": "Azərbaycan Respublikasının Daxili İşlər Nazirliyi",
    "registered_address": "Sumqayıt ş., 9-cu mkr., ev 14, m. 33",
    "previous_last_name": "Həsənova",
    # Fields the registry holds that the portal does not use.
    "sex": "F",
    "citizenship": "AZE",
}

GENCE_HOUSE_JSON = {
    "district_code": "gence-city",
    "registry_number": "512034007711",
    "registration_number": "2210457788",
    "kind": "house",
    "address": "Gəncə ş., Nizami küç. 7",
    "owner_fins": ["3CD4E5F"],
}


@pytest.fixture
def registry(settings, httpserver):
    settings.STATE_REGISTRY = {
        "BACKEND": HTTP_BACKEND,
        "base_url": httpserver.url_for(""),
        "api_key": "registry-key",
        "timeout": 0.5,
    }
    return get_state_registry()


# The HTTP backend


def test_find_person_posts_fin_in_body_with_api_key_and_parses_the_person(registry, httpserver):
    httpserver.expect_request(
        "/persons/lookup",
        method="POST",
        json={"fin": "4EF5G6H"},
        headers={"Authorization": "Bearer registry-key"},
    ).respond_with_json(LEYLA_JSON)

    person = registry.find_person("4EF5G6H")

    httpserver.check_assertions()
    assert person == Person(
        fin="4EF5G6H",
        last_name="Quliyeva",
        first_name="Leyla",
        patronymic="Tofiq qızı",
        birth_date=datetime.date(1993, 9, 5),
        birth_place="Sumqayıt",
        document_number="AA2468135",
        document_issued=datetime.date(2021, 3, 15),
        document_valid_until=datetime.date(2031, 3, 15),
        document_authority="Azərbaycan Respublikasının Daxili İşlər Nazirliyi",
        registered_address="Sumqayıt ş., 9-cu mkr., ev 14, m. 33",
        previous_last_name="Həsənova",
    )
    assert person.name_changed
    assert person.full_name == "Quliyeva Leyla Tofiq qızı"


def test_person_without_previous_names_has_no_name_change(registry, httpserver):
    answer = {key: value for key, value in LEYLA_JSON.items() if key != "previous_last_name"}
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_json(answer)

    person = registry.find_person("4EF5G6H")

    assert person.previous_last_name == ""
    assert not person.name_changed


def test_fin_never_appears_in_the_url(registry, httpserver):
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_json(LEYLA_JSON)

    registry.find_person("4EF5G6H")

    ((request, _response),) = httpserver.log
    assert request.path == "/persons/lookup"
    assert request.query_string == b""
    assert "4EF5G6H" not in request.url


def test_no_authorization_header_without_api_key(settings, httpserver):
    settings.STATE_REGISTRY = {"BACKEND": HTTP_BACKEND, "base_url": httpserver.url_for("")}
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_json(LEYLA_JSON)

    get_state_registry().find_person("4EF5G6H")

    ((request, _response),) = httpserver.log
    assert "Authorization" not in request.headers


def test_unknown_person_is_none(registry, httpserver):
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_data("", status=404)

    assert registry.find_person("7ZZ7ZZ7") is None


def test_server_error_is_registry_unavailable(registry, httpserver):
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_data("oops", status=500)

    with pytest.raises(RegistryUnavailable):
        registry.find_person("4EF5G6H")


def test_invalid_json_is_registry_unavailable(registry, httpserver):
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_data(
        "<html>maintenance</html>", content_type="application/json"
    )

    with pytest.raises(RegistryUnavailable):
        registry.find_person("4EF5G6H")


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param({"fin": "4EF5G6H", "last_name": "Quliyeva"}, id="no-dates"),
        pytest.param({**LEYLA_JSON, "birth_date": "05.09.1993"}, id="date-not-iso"),
        pytest.param({**LEYLA_JSON, "birth_date": None}, id="date-null"),
        pytest.param(
            {k: v for k, v in LEYLA_JSON.items() if k not in ("fin", "last_name", "first_name")},
            id="no-fin-or-names",
        ),
        pytest.param({**LEYLA_JSON, "last_name": ""}, id="empty-last-name"),
        pytest.param([LEYLA_JSON], id="list-not-object"),
        pytest.param("4EF5G6H", id="bare-string"),
        pytest.param(None, id="null"),
    ],
)
def test_malformed_person_answer_is_registry_unavailable(registry, httpserver, answer):
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_json(answer)

    with pytest.raises(RegistryUnavailable):
        registry.find_person("4EF5G6H")


def test_slow_answer_beyond_the_timeout_is_registry_unavailable(settings, httpserver, stalled_handler):
    settings.STATE_REGISTRY = {
        "BACKEND": HTTP_BACKEND,
        "base_url": httpserver.url_for(""),
        "timeout": 0.2,
    }
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_handler(stalled_handler)

    with pytest.raises(RegistryUnavailable):
        get_state_registry().find_person("4EF5G6H")
    assert not stalled_handler.answered.is_set(), "the client waited for the answer"


def test_closed_port_is_registry_unavailable(settings, closed_port_url):
    settings.STATE_REGISTRY = {"BACKEND": HTTP_BACKEND, "base_url": closed_port_url, "timeout": 0.5}

    with pytest.raises(RegistryUnavailable):
        get_state_registry().find_person("4EF5G6H")


def test_find_property_posts_the_extract_and_parses_the_record(registry, httpserver):
    httpserver.expect_request(
        "/properties/lookup",
        method="POST",
        json={
            "district": "gence-city",
            "registry_number": "512034007711",
            "registration_number": "2210457788",
        },
        headers={"Authorization": "Bearer registry-key"},
    ).respond_with_json(GENCE_HOUSE_JSON)

    record = registry.find_property("gence-city", "512034007711", "2210457788")

    httpserver.check_assertions()
    assert record == PropertyRecord(
        district_code="gence-city",
        registry_number="512034007711",
        registration_number="2210457788",
        kind="house",
        address="Gəncə ş., Nizami küç. 7",
        owner_fins=("3CD4E5F",),
    )


def test_unknown_property_is_none(registry, httpserver):
    httpserver.expect_request("/properties/lookup", method="POST").respond_with_data("", status=404)

    assert registry.find_property("gence-city", "000000000000", "0000000000") is None


def test_malformed_property_answer_is_registry_unavailable(registry, httpserver):
    httpserver.expect_request("/properties/lookup", method="POST").respond_with_json(
        {"district_code": "gence-city", "kind": "house"}
    )

    with pytest.raises(RegistryUnavailable):
        registry.find_property("gence-city", "512034007711", "2210457788")


# The fake


def test_fake_finds_demo_people():
    registry = FakeStateRegistry()

    leyla = registry.find_person("4EF5G6H")
    aysel = registry.find_person("2AB3C4D")

    assert (leyla.last_name, leyla.previous_last_name) == ("Quliyeva", "Həsənova")
    assert leyla.name_changed
    assert aysel.full_name == "Məmmədova Aysel Rövşən qızı"
    assert not aysel.name_changed


def test_fake_does_not_know_other_people():
    assert FakeStateRegistry().find_person("7ZZ7ZZ7") is None


def test_fake_finds_property_by_district_and_extract():
    registry = FakeStateRegistry()

    record = registry.find_property("baki-nesimi", "608011001798", "1725022423")

    assert record.kind == "apartment"
    assert record.owner_fins == ("2AB3C4D",)
    assert record.address == "Bakı ş., Nəsimi r., S. Vurğun küç. 24, m. 17"


def test_fake_does_not_find_property_in_another_district():
    registry = FakeStateRegistry()

    assert registry.find_property("baki-yasamal", "608011001798", "1725022423") is None
    assert registry.find_property("baki-nesimi", "608011001798", "1725022424") is None


# Selecting the backend


def test_get_state_registry_follows_the_setting_at_call_time(settings, httpserver):
    httpserver.expect_request("/persons/lookup", method="POST").respond_with_data("", status=404)

    settings.STATE_REGISTRY = {"BACKEND": FAKE_BACKEND}
    assert get_state_registry().find_person("4EF5G6H").last_name == "Quliyeva"

    settings.STATE_REGISTRY = {"BACKEND": HTTP_BACKEND, "base_url": httpserver.url_for("")}
    registry = get_state_registry()
    assert isinstance(registry, HttpStateRegistry)
    assert registry.find_person("4EF5G6H") is None
    assert len(httpserver.log) == 1
