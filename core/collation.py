"""Sorting in the Azerbaijani alphabet.

Python's default ordering puts Ç, Ə, Ğ, İ, Ö, Ş, Ü after Z, and str.lower() maps I to i
(Azerbaijani maps I to ı and İ to i), so lists shown to people sort with this key instead.
PyICU would do it too, but needs the system ICU library and a compiler on every machine.
"""

ALPHABET = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz"
_UPPER = "ABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ"
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
_RANK.update({letter: rank for rank, letter in enumerate(_UPPER)})


def az_sort_key(text: str) -> tuple:
    """A sort key that orders `text` as the Azerbaijani alphabet does, case-insensitively."""
    # Characters outside the alphabet (digits, punctuation, other scripts) sort after it,
    # by code point, so the key stays total and deterministic.
    return tuple(_RANK.get(char, len(ALPHABET) + ord(char)) for char in text)
