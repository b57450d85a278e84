"""Rules the database itself enforces, whatever code writes the rows (bypassing validators)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from subscribers.models import Account, District, Property, Subscriber


@pytest.fixture
def holder():
    return Subscriber.objects.create(fin="2AB3C4D", last_name="Məmmədova", first_name="Aysel")


@pytest.fixture
def flat():
    return Property.objects.create(
        kind=Property.Kind.APARTMENT,
        district=District.objects.get(code="baki-nesimi"),
        registry_number="608011001798",
        registration_number="1725022423",
        address="Bakı ş., Nəsimi r., S. Vurğun küç. 24, m. 17",
    )


def create_account(holder, flat, subscriber_code):
    return Account.objects.create(
        subscriber_code=subscriber_code,
        holder=holder,
        property=flat,
        contract_number=f"BK-{subscriber_code}",
        contract_start=datetime.date(2020, 1, 1),
    )


@pytest.mark.django_db
def test_account_with_a_fifteen_digit_code_is_stored(holder, flat):
    create_account(holder, flat, "100100200300401")

    assert Account.objects.filter(subscriber_code="100100200300401").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "subscriber_code",
    ["10010020030040", "10010020030040A", "１００１００２００３００４０１", ""],
    ids=["14-digits", "letter", "fullwidth-digits", "empty"],
)
def test_database_refuses_an_account_code_that_is_not_fifteen_digits(holder, flat, subscriber_code):
    with pytest.raises(IntegrityError), transaction.atomic():
        create_account(holder, flat, subscriber_code)


@pytest.mark.django_db
def test_subscriber_with_a_valid_fin_is_stored():
    Subscriber.objects.create(fin="2AB3C4D", last_name="Məmmədova", first_name="Aysel")

    assert Subscriber.objects.filter(fin="2AB3C4D").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fin",
    ["2AB3C4", "2ab3c4d", "2AB3C4O", "2AB3C4I", "2AB 3C4", ""],
    ids=["6-chars", "lower-case", "letter-O", "letter-I", "space", "empty"],
)
def test_database_refuses_a_malformed_fin(fin):
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.create(fin=fin, last_name="Məmmədova", first_name="Aysel")


@pytest.mark.django_db
def test_database_refuses_a_served_district_without_an_office():
    with pytest.raises(IntegrityError), transaction.atomic():
        District.objects.create(
            code="yeni-rayon", name="Yeni", kind=District.Kind.RAYON, economic_region="Qarabağ"
        )


@pytest.mark.django_db
def test_unserved_district_may_have_no_office():
    District.objects.create(
        code="yeni-rayon",
        name="Yeni",
        kind=District.Kind.RAYON,
        economic_region="Naxçıvan",
        served_by_azerishiq=False,
    )

    assert District.objects.get(code="yeni-rayon").office is None


@pytest.mark.django_db
def test_database_refuses_a_second_district_of_the_same_name_and_kind():
    office = District.objects.get(iso_code="AZ-LAN").office

    with pytest.raises(IntegrityError), transaction.atomic():
        District.objects.create(
            code="lenkeran-rayon-2",
            name="Lənkəran",
            kind=District.Kind.RAYON,
            economic_region="Lənkəran–Astara",
            office=office,
        )
