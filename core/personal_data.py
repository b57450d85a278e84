"""Keeping personal identifiers (FİN, phone numbers, e-mail addresses) and secrets (the signed
links sent by SMS, one-time codes) out of logs and lists.

`PersonalDataFilter` sits on every handler in settings.LOGGING (and Celery's): whatever a log
record says, the line written has the identifiers and signed links masked. What the
development gateways print (the console SMS and e-mail) has the one-time codes masked too
(`message_secrets_masked`): a terminal's output ends up in log files. The `*_masked` helpers
shorten identifiers for lists, where staff recognise a row without reading the whole identifier
(detail pages show it all).
"""

import logging
import re

from core.formats import format_phone

# A FİN: 7 Latin capitals (no I, no O) and digits, standing alone — letters only is a valid FİN
# too, so every such capital word is masked (a log's "SUCCESS" included: privacy wins). Typed in
# lowercase (people and URLs do) it is masked once it has a digit, so ordinary words are left alone.
# "Alone" means no letter of any alphabet beside it: ABCDEFG inside ABCDEFGƏ is not a FİN.
FIN = re.compile(
    r"(?<![^\W_])"
    r"(?:[0-9A-HJ-NP-Z]{7}|(?=[0-9A-Za-z]{0,6}[0-9])[0-9A-HJ-NP-Za-hj-np-z]{7})"
    r"(?![^\W_])"
)
_SEP = r"[\s\-()]*"
# Azerbaijani numbers as people and systems write them: +994 50 123 45 67, 994501234567,
# 00994…, %2B994… (URL-encoded), 050 123 45 67, (050) 123-45-67, 0501234567, and a mobile
# number without its leading zero (50 123 45 67).
PHONE = re.compile(
    rf"(?<![0-9])(?:(?:\+|%2[Bb]|00)?994{_SEP}\d{{2}}"
    rf"|0{_SEP}\d{{2}}"
    rf"|(?:10|50|51|55|60|70|77|99))"
    rf"{_SEP}\d{{3}}[\s\-]*\d{{2}}[\s\-]*\d{{2}}(?![0-9])"
)
EMAIL = re.compile(r"[0-9A-Za-z._%+\-]+(?:@|%40)[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*\.[A-Za-z]{2,}")
# A one-time code as the SMS gives it: six digits standing alone (not in a date, amount or number).
ONE_TIME_CODE = re.compile(r"(?<![0-9.,:/\-])[0-9]{6}(?![0-9])(?![.,:/\-][0-9])")


# The token of a link sent by SMS, also URL-encoded inside a ?next=: a document link (/d/), the
# outgoing holder's (/h/) and a co-owner's (/r/) handover pages, an application's status (/s/).
# Whoever reads one in a log could open what the link opens.
SIGNED_LINK = re.compile(r"((?:/|%2[Ff])[dhrs](?:/|%2[Ff]))[^/\s?#&\"'%]+")


def link_tokens_masked(text: str) -> str:
    """`text` with the token of every signed link replaced by a placeholder."""
    return SIGNED_LINK.sub(r"\1[token]", text)


def personal_data_masked(text: str) -> str:
    """`text` with every signed link's token, e-mail address, phone number and FİN replaced
    by a placeholder."""
    text = link_tokens_masked(text)
    text = EMAIL.sub("[e-mail]", text)
    text = PHONE.sub("[phone]", text)
    return FIN.sub("[FİN]", text)


def message_secrets_masked(text: str) -> str:
    """An SMS or e-mail text as a terminal may show it: links, codes and identifiers masked."""
    return ONE_TIME_CODE.sub("[code]", personal_data_masked(text))


class PersonalDataFilter(logging.Filter):
    """Masks personal identifiers and signed links in a record's message, arguments and
    traceback (never drops it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler's own error path
            return True
        masked = personal_data_masked(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = personal_data_masked(record.exc_text)
        if record.stack_info:
            record.stack_info = personal_data_masked(record.stack_info)
        return True


# --- shortened for lists -------------------------------------------------------------------------


def fin_masked(fin: str) -> str:
    """2AB3C4D -> "•••••4D"."""
    return f"•••••{fin[-2:]}" if fin else ""


def fins_masked(text: str) -> str:
    """`text` with every FİN in it shortened as fin_masked does (citizen-2AB3C4D -> citizen-•••••4D)."""
    return FIN.sub(lambda found: fin_masked(found.group(0)), text)


def phone_masked(phone: str) -> str:
    """+994501234567 -> "+994 50 ••• •• 67": the operator and the last two digits, enough for
    a citizen to recognise their own number and for staff to tell rows apart."""
    written = format_phone(phone)
    if len(written) <= 9:
        return "•••" if phone else ""
    return f"{written[:-9]}••• •• {written[-2:]}"


def email_masked(email: str) -> str:
    """aysel@example.az -> "a•••@example.az"."""
    local, at, domain = (email or "").partition("@")
    return f"{local[:1]}•••@{domain}" if at else ""


def address_masked(address: str) -> str:
    """ "Bakı, Nəsimi r., Füzuli küç., ev 12, mənzil 34" -> "…, ev **, mənzil **": the street
    to recognise it by, not the door to find it by."""
    return re.sub(r"[0-9]", "*", address or "")


def name_masked(*names: str) -> str:
    """ "Rauf", "Əliyev" -> "R*** Ə*****": enough to recognise, not enough to learn a name."""
    return " ".join(name[:1] + "*" * (len(name) - 1) for name in names if name)
