"""The bench's synthetic country: identifiers valid where the portal checks them, and the bench
registry answering for them while the demo people stay as the fake registry has them."""

import re

import phonenumbers
import pytest

from bench import synthetic
from bench.registry import BenchStateRegistry
from integrations.billing.base import SUBSCRIBER_CODE_PATTERN
from integrations.registry.base import FIN_PATTERN

SAMPLE = [0, 1, 33, 34, 999_999, 1_234_567]


@pytest.mark.parametrize("i", SAMPLE)
def test_identifiers_are_valid_and_decode_to_their_account(i):
    for role in (synthetic.BUYER, synthetic.HOLDER):
        fin = synthetic.fin(i, role)
        assert re.fullmatch(FIN_PATTERN, fin)
        assert synthetic.index_of_fin(fin) == (i, role)
    assert re.fullmatch(SUBSCRIBER_CODE_PATTERN, synthetic.subscriber_code(i))
    assert synthetic.index_of_property(synthetic.registry_number(i), synthetic.registration_number(i)) == i
    number = phonenumbers.parse(synthetic.mobile_phone(i), "AZ")
    assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == synthetic.mobile_e164(i)


def test_synthetic_identifiers_never_collide_with_the_demo_world():
    assert synthetic.index_of_fin("2AB3C4D") is None
    assert synthetic.index_of_property("608011001798", "1725022423") is None


def test_bench_registry_knows_the_buyer_as_the_owner_of_the_property():
    registry = BenchStateRegistry()
    i = 4242
    buyer = registry.find_person(synthetic.fin(i, synthetic.BUYER))
    extract = (synthetic.registry_number(i), synthetic.registration_number(i))
    record = registry.find_property("baki-nesimi", *extract)
    assert buyer.fin in record.owner_fins
    assert record.kind == synthetic.property_kind(i)
    assert registry.find_property("baki-nesimi", synthetic.registry_number(i), "8000000000") is None


def test_bench_registry_answers_for_the_demo_people_as_the_fake_does():
    registry = BenchStateRegistry()
    assert registry.find_person("2AB3C4D").last_name == "Məmmədova"
    assert registry.find_person("AAAAAAA") is None
