"""Values as the active language writes them: 34,30 AZN and 31.10.2025 in Azerbaijani."""

import datetime
from decimal import Decimal

import phonenumbers
from django.utils import formats, timezone

DASH = "—"  # a field the citizen left empty


def format_azn(amount: Decimal, *, unit: bool = True) -> str:
    number = formats.number_format(amount, decimal_pos=2, force_grouping=True)
    return f"{number} AZN" if unit else number


def format_date(value: datetime.date | datetime.datetime | str) -> str:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def format_datetime(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def format_phone(number: str) -> str:
    """+994501234567 -> +994 50 123 45 67; empty -> a dash."""
    if not number:
        return DASH
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(number, "AZ"), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except phonenumbers.NumberParseException:
        return number
