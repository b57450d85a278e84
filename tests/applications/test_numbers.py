import re

import pytest

from applications import numbers
from applications.numbers import InvalidApplicationNumber, generate, normalize

NUMBER_FORMAT = re.compile(r"^AZI-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$")
SYMBOLS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# Valid numbers (check symbols worked out once), fixed so that failures are reproducible.
KNOWN_NUMBERS = ["AZI-7KM4Q-PX9R5", "AZI-22222-22222", "AZI-ZZZZZ-ZZZZP"]


@pytest.fixture(scope="module")
def many_numbers():
    return [generate() for _ in range(10_000)]


def compact(number):
    return number.replace("AZI-", "").replace("-", "")


def test_known_numbers_are_valid():
    for number in KNOWN_NUMBERS:
        assert normalize(number) == number


def test_generated_numbers_have_the_published_format(many_numbers):
    assert all(NUMBER_FORMAT.match(number) for number in many_numbers)


def test_generated_numbers_never_contain_ambiguous_characters(many_numbers):
    used = set("".join(compact(number) for number in many_numbers))

    assert not used & set("0O1IL")
    assert used == set(SYMBOLS)


def test_generated_numbers_pass_their_own_check(many_numbers):
    assert all(normalize(number) == number for number in many_numbers)


def test_generated_numbers_do_not_repeat(many_numbers):
    assert len(set(many_numbers)) == len(many_numbers)


def test_number_space_has_at_least_a_trillion_numbers(many_numbers):
    # Each of the nine payload positions takes every symbol freely (only the tenth is a check).
    for position in range(9):
        assert {compact(number)[position] for number in many_numbers} == set(SYMBOLS)
    assert len(numbers.ALPHABET) ** numbers.PAYLOAD_LENGTH >= 10**12


@pytest.mark.parametrize(
    "typed",
    [
        "azi-7km4q-px9r5",
        "AZI 7KM4Q PX9R5",
        "AZI7KM4QPX9R5",
        "7KM4Q-PX9R5",
        "7km4qpx9r5",
        "  AZI–7KM4Q—PX9R5 ",
        "azı-7km4q-px9r5",  # lower-case dotless ı, as typed on an Azerbaijani keyboard
        "AZİ-7KM4Q-PX9R5",  # upper-case dotted İ, the same keyboard's Shift+i
    ],
)
def test_normalize_accepts_how_people_type_a_number(typed):
    assert normalize(typed) == "AZI-7KM4Q-PX9R5"


@pytest.mark.parametrize("number", KNOWN_NUMBERS)
def test_every_single_wrong_symbol_is_caught_by_the_check(number):
    symbols = compact(number)
    for position, original in enumerate(symbols):
        for replacement in SYMBOLS.replace(original, ""):
            typo = symbols[:position] + replacement + symbols[position + 1 :]
            with pytest.raises(InvalidApplicationNumber) as caught:
                normalize(typo)
            assert caught.value.reason == "checksum", typo


@pytest.mark.parametrize("number", [*KNOWN_NUMBERS, "AZI-23456-789A9"])
def test_every_swap_of_neighbouring_symbols_is_caught_by_the_check(number):
    symbols = compact(number)
    swaps = 0
    for position in range(len(symbols) - 1):
        left, right = symbols[position], symbols[position + 1]
        if left == right:
            continue
        swapped = symbols[:position] + right + left + symbols[position + 2 :]
        with pytest.raises(InvalidApplicationNumber) as caught:
            normalize(swapped)
        assert caught.value.reason == "checksum", swapped
        swaps += 1
    assert swaps > 0 or len(set(symbols)) == 1


@pytest.mark.parametrize(
    "typed",
    [
        "AZI-7KM4Q-PX9R",  # one symbol short
        "AZI-7KM4Q-PX9R5T",  # one symbol too many
        "AZI-7KM4Q-PX9R0",  # zero
        "AZI-7KM4Q-PX9RO",  # letter O
        "AZI-7KM4Q-PX9R1",  # one
        "AZI-7KM4Q-PX9RI",  # letter I
        "AZI-7KM4Q-PX9RL",  # letter L
        "AZI-7KM4Q-PX9R!",
        "AZE-7KM4Q-PX9R5",
        "",
        None,
    ],
)
def test_text_that_is_not_a_number_is_a_format_error(typed):
    with pytest.raises(InvalidApplicationNumber) as caught:
        normalize(typed)

    assert caught.value.reason == "format"


def test_invalid_number_is_a_value_error():
    with pytest.raises(ValueError):
        normalize("AZI-7KM4Q-PX9RS")
