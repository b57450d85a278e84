import phonenumbers


def format_phone(e164: str) -> str:
    """+994501234567 -> "+994 50 123 45 67", as Azerbaijani numbers are written; "" stays ""."""
    if not e164:
        return ""
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask_phone(e164: str) -> str:
    """+994501234567 -> "+994 50 *** ** 67": enough to recognise your own number."""
    written = format_phone(e164)
    return f"{written[:-9]}*** ** {written[-2:]}" if len(written) > 9 else written
