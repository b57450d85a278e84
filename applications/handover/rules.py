"""The rules of a handover, shared by the wizard's handover step and submission: the day (not
before the buyer's ownership or the last bill, not in the future), the meter reading (the smart
meter's where billing has one, else the buyer's, plausible against the last bill), and the
other owners (each the registry lists must be asked, at a mobile number)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.answers import HandoverAnswers
from applications.refusals import ApplicationRefused
from core.formats import format_date, format_kwh
from integrations.billing.base import SMART, get_billing
from integrations.registry.base import Person, PropertyRecord, get_state_registry
from subscribers.models import Account


@dataclass(frozen=True)
class CoOwner:
    fin: str
    name: str  # as the registry has it
    mobile_phone: str


@dataclass(frozen=True)
class HandoverCheck:
    """A handover the rules accept: the reading to open the new contract at, and who to ask."""

    handover_date: datetime.date
    reading_kwh: Decimal
    reading_source: str  # "smart" or "buyer"
    co_owners: tuple[CoOwner, ...]


def co_owners_of(*, record: PropertyRecord, applicant: Person) -> tuple[Person, ...]:
    """The other owners the registry lists, as the registry knows them; raises RegistryUnavailable."""
    registry = get_state_registry()
    people = (registry.find_person(fin) for fin in record.other_owners(applicant.fin))
    return tuple(person for person in people if person is not None)


def handover_check(
    *, answers: HandoverAnswers, account: Account, record: PropertyRecord, applicant: Person
) -> HandoverCheck:
    """Whether the handover can be made as answered; raises ApplicationRefused (at the field it
    is about), BillingUnavailable or RegistryUnavailable."""
    _check_date(answers.handover_date, account=account, record=record)
    reading, source = _reading(answers, account=account)
    phones = dict(answers.co_owner_phones)
    co_owners = []
    for person in co_owners_of(record=record, applicant=applicant):
        if not phones.get(person.fin):
            raise ApplicationRefused(
                _("Əmlakın digər mülkiyyətçisinin mobil nömrəsini yazın: onun razılığı lazımdır."),
                field=f"coowner_{person.fin}",
            )
        co_owners.append(CoOwner(fin=person.fin, name=person.full_name, mobile_phone=phones[person.fin]))
    return HandoverCheck(answers.handover_date, reading, source, tuple(co_owners))


def _check_date(day: datetime.date, *, account: Account, record: PropertyRecord) -> None:
    if day > timezone.localdate():
        raise ApplicationRefused(
            _("Təhvil tarixi gələcəkdə ola bilməz: əmlakı artıq təhvil aldığınız günü yazın."),
            field="handover_date",
        )
    earliest = max(filter(None, (record.owner_since, account.last_billed_on)), default=None)
    if earliest is not None and day < earliest:
        raise ApplicationRefused(
            _(
                "Təhvil tarixi %(date)s tarixindən əvvəl ola bilməz (mülkiyyətin qeydiyyatı və ya son "
                "hesablama tarixi)."
            )
            % {"date": format_date(earliest)},
            field="handover_date",
        )


def _reading(answers: HandoverAnswers, *, account: Account) -> tuple[Decimal, str]:
    """The smart meter's reading on the day, or the buyer's if it is plausible."""
    if account.meter_kind == SMART:
        found = get_billing().meter_reading(account.subscriber_code, answers.handover_date)
        if found is not None:
            return found.kwh, "smart"
    if answers.reading_kwh is None:
        raise ApplicationRefused(
            _("Sayğacın təhvil günündəki göstəricisini yazın (sayğacın ekranındakı rəqəmlər)."),
            field="meter_reading",
        )
    reading_refusal(answers.reading_kwh, account=account, on=answers.handover_date)
    return answers.reading_kwh, "buyer"


def reading_refusal(reading: Decimal, *, account: Account, on: datetime.date) -> None:
    """A reading must fit the meter's display, not be below the last billed one, and not mean
    more use a day since the last bill than a household has; raises ApplicationRefused."""
    integer_digits, decimals = account.meter_integer_digits, account.meter_decimal_digits
    if (
        reading < 0
        or reading != reading.quantize(Decimal(1).scaleb(-decimals))
        or reading >= 10**integer_digits
    ):
        raise ApplicationRefused(
            _(
                "Sayğacın ekranındakı kimi yazın: vergüldən əvvəl ən çox %(integer)d, sonra ən çox "
                "%(decimals)d rəqəm."
            )
            % {"integer": integer_digits, "decimals": decimals},
            field="meter_reading",
        )
    last = account.last_billed_kwh
    if last is None:
        return
    if reading < last:
        raise ApplicationRefused(
            _(
                "Göstərici son hesablanmış göstəricidən (%(last)s kVt·saat, %(date)s) az ola bilməz. "
                "Sayğacın ekranındakı rəqəmləri yenidən yoxlayın."
            )
            % {"last": format_kwh(last), "date": format_date(account.last_billed_on)},
            field="meter_reading",
        )
    days = max((on - account.last_billed_on).days, 1)
    if (reading - last) / days > settings.HANDOVER_READING_MAX_KWH_PER_DAY:
        raise ApplicationRefused(
            _(
                "Bu göstərici son hesablamadan bəri gündə %(daily)s kVt·saat istehlak deməkdir: bu, "
                "ev üçün mümkün deyil. Rəqəmləri yenidən yoxlayın (vergülü unutmayın)."
            )
            % {"daily": format_kwh((reading - last) / days)},
            field="meter_reading",
        )
