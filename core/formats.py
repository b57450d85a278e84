"""Values as people read them, in the active language: money (34,30 AZN), dates (31.10.2025) and
phone numbers (+994 50 123 45 67). The one copy of each: pages, documents, SMS and the back office
all format through here."""

import datetime
from decimal import Decimal

import phonenumbers
from django.utils import formats, timezone

DASH = "—"  # a value the citizen left empty, in a table or a document


def format_azn(amount: Decimal, *, unit: bool = True) -> str:
    """45.2 -> "45,20 AZN" in Azerbaijani and Russian, "45.20 AZN" in English."""
    number = formats.number_format(amount, decimal_pos=2, force_grouping=True)
    return f"{number} AZN" if unit else number


def format_kwh(value: Decimal) -> str:
    """A meter reading or a consumption in kVt·saat, to a tenth: 18 342,6 (18,342.6 in English)."""
    return formats.number_format(value.quantize(Decimal("0.1")), decimal_pos=1, force_grouping=True)


def format_date(value: datetime.date | datetime.datetime | str) -> str:
    """A date (or the day of a moment, in Baku time) as the language writes it: 31.10.2025."""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def format_datetime(value: datetime.datetime) -> str:
    """A moment in Baku time as the language writes it: 31.10.2025 14:05."""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def format_phone(number: str) -> str:
    """+994501234567 -> "+994 50 123 45 67", as Azerbaijani numbers are written; "" stays "",
    and a number phonenumbers cannot read is shown as it was stored."""
    if not number:
        return ""
    try:
        parsed = phonenumbers.parse(number, "AZ")
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
