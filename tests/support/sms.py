"""What an SMS costs, counted as a phone counts it: in GSM-7 septets when every character is in
GSM 03.38 (its extension table's characters take two, as the gsm0338 codec encodes them), else
in UCS-2 units (UTF-16 code units: a character beyond the BMP takes two)."""

import math

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


def gsm7_septets(text: str) -> int | None:
    """The septets `text` takes in GSM-7, or None when a character is outside GSM 03.38."""
    try:
        return len(text.encode("gsm03.38"))
    except UnicodeEncodeError:
        return None


def ucs2_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def sms_parts(text: str) -> int:
    """How many SMS parts `text` is sent in."""
    septets = gsm7_septets(text)
    if septets is not None:
        return 1 if septets <= GSM7_SINGLE else math.ceil(septets / GSM7_PART)
    units = ucs2_units(text)
    return 1 if units <= UCS2_SINGLE else math.ceil(units / UCS2_PART)


def is_gsm7(text: str) -> bool:
    return gsm7_septets(text) is not None
