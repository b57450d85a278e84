import phonenumbers


def format_phone(e164: str) -> str:
    """+994501234567 -> "+994 50 123 45 67", as Azerbaijani numbers are written; "" stays ""."""
    if not e164:
        return ""
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
