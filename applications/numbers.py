"""Application numbers: `AZI-XXXXX-XXXXX`, random, readable aloud, with a check character.

The alphabet leaves out 0/O and 1/I/L, so nothing is ambiguous on paper or on the phone.
It has 31 symbols, a prime: the check character makes the weighted sum of all ten
symbols 0 (mod 31), with weights 1..10. Any single wrong symbol changes the sum by
weight * difference, and swapping neighbours by their difference; neither is a multiple
of 31, so every single typo and every swap of neighbours is caught.
Nine random symbols give 31**9 ≈ 2.6 * 10**13 numbers.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX = "AZI"
PAYLOAD_LENGTH = 9
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")


class InvalidApplicationNumber(ValueError):
    """The text is not an application number; `reason` is "format" or "checksum"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _checksum(symbols: str) -> int:
    return sum(weight * _VALUE[symbol] for weight, symbol in enumerate(symbols, start=1)) % 31


def _check_symbol(payload: str) -> str:
    # Solve payload_sum + 10 * c ≡ 0 (mod 31); 28 is the inverse of 10 modulo 31.
    return ALPHABET[(-_checksum(payload) * 28) % 31]


def _format(symbols: str) -> str:
    return f"{PREFIX}-{symbols[:5]}-{symbols[5:]}"


def generate() -> str:
    """A new random, well-formed number such as AZI-7KM4Q-PX9RC."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(PAYLOAD_LENGTH))
    return _format(payload + _check_symbol(payload))


def normalize(text: str) -> str:
    """The canonical form of a typed number (any case, spaces or dashes, prefix optional);
    raises InvalidApplicationNumber."""
    # str.upper() leaves the Azerbaijani dotted İ (Shift+i on an Azerbaijani keyboard) alone.
    compact = _SEPARATORS.sub("", text or "").replace("İ", "I").upper()
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != PAYLOAD_LENGTH + 1 or any(symbol not in _VALUE for symbol in compact):
        raise InvalidApplicationNumber("format")
    if _checksum(compact) != 0:
        raise InvalidApplicationNumber("checksum")
    return _format(compact)
