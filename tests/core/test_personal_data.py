"""The log masker knows every valid FİN: 7 characters of the FİN alphabet (Latin capitals without
I and O, and digits), letters only included."""

import random
import string

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.personal_data import fins_masked, personal_data_masked

# DOMAIN.md: ^[A-HJ-NP-Z0-9]{7}$
FIN_ALPHABET = "".join(c for c in string.ascii_uppercase if c not in "IO") + string.digits
LETTERS = FIN_ALPHABET[:24]


def fins_with_every_symbol_at_every_place():
    """For each place and each symbol of the alphabet: a letters-only FİN, a digits-only one and
    a mixed one carrying that symbol there."""
    rng = random.Random(17)
    for place in range(7):
        for symbol in FIN_ALPHABET:
            for pool in (LETTERS, string.digits, FIN_ALPHABET):
                fin = [rng.choice(pool) for _ in range(7)]
                fin[place] = symbol
                yield "".join(fin)


def test_every_fin_of_the_alphabet_is_masked_in_a_log_line():
    line = "GET /admin/?q={} by {}, {}."
    missed = [
        fin
        for fin in fins_with_every_symbol_at_every_place()
        if personal_data_masked(line.format(fin, fin, fin)) != line.format("[FİN]", "[FİN]", "[FİN]")
    ]
    assert missed == []


@hypothesis_settings(max_examples=500, deadline=None, database=None)
@given(fin=st.text(alphabet=FIN_ALPHABET, min_size=7, max_size=7), before=st.sampled_from(" =-/(,"))
def test_any_fin_of_the_alphabet_is_masked(fin, before):
    assert personal_data_masked(f"holder{before}{fin} ok") == f"holder{before}[FİN] ok"


def test_letters_only_fins_are_masked_alone_and_among_words():
    assert personal_data_masked("ABCDEFG") == "[FİN]"
    assert personal_data_masked("holder RZKTPWM confirmed") == "holder [FİN] confirmed"
    assert personal_data_masked("citizen-XYZWVUT signed in") == "citizen-[FİN] signed in"
    assert fins_masked("citizen-XYZWVUT") == "citizen-•••••UT"


def test_what_is_not_a_fin_is_left_alone():
    ordinary = [
        "OPTIONS WARNING",  # capitals with I or O are no FİN
        "ABCDEFGH ABCDEF",  # eight and six characters
        "ABCDEFGƏ ƏABCDEFG",  # part of a longer word
        "request started handler",  # lowercase words without a digit
        "application AZI-7K3MP-Q9XZ2",
    ]
    assert [personal_data_masked(text) for text in ordinary] == ordinary


def test_a_lowercase_fin_with_a_digit_is_still_masked():
    assert personal_data_masked("/admin/?q=2ab3c4d") == "/admin/?q=[FİN]"
