"""The rules that decide whether an application may be made, shared by the wizard and submission.

Each check reads the external systems it needs and raises ApplicationRefused with a message the
citizen can act on. Submission runs them again with fresh data, so a form that passed an hour
ago cannot slip through after the situation changed.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from applications.answers import Answers
from applications.handover.rules import HandoverCheck, handover_check
from applications.models import Application
from applications.refusals import ApplicationRefused
from core.formats import format_azn, format_date
from core.personal_data import name_masked
from integrations.registry.base import Person, PropertyRecord, get_state_registry
from subscribers.models import Account, District
from subscribers.services import account_refresh


@dataclass(frozen=True)
class AccountCheck:
    """What the debt check found, enough to show the citizen which account they chose."""

    account: Account
    balance: Decimal

    @property
    def masked_holder_name(self) -> str:
        return name_masked(self.account.holder.first_name, self.account.holder.last_name)

    @property
    def address(self) -> str:
        return self.account.property.address

    @property
    def prepaid_amount(self) -> str:
        return format_azn(-self.balance)


def person_lookup(*, fin: str) -> Person:
    """The applicant as the state registry knows them; raises ApplicationRefused or RegistryUnavailable."""
    person = get_state_registry().find_person(fin)
    if person is None:
        raise ApplicationRefused(
            _(
                "Dövlət reyestrində bu FİN üzrə məlumat tapılmadı. "
                "Şəxsiyyət vəsiqənizlə ASAN xidmət mərkəzinə müraciət edin."
            )
        )
    return person


# Civil capacity (Civil Code): an adult may enter the electricity contract in their own name.
ADULT_AGE = 18


def adulthood_date(birth_date: datetime.date) -> datetime.date:
    """The day a person born on `birth_date` turns ADULT_AGE (29 February: 1 March, if not a leap year)."""
    try:
        return birth_date.replace(year=birth_date.year + ADULT_AGE)
    except ValueError:
        return datetime.date(birth_date.year + ADULT_AGE, 3, 1)


def applicant_check(*, person: Person, on: datetime.date) -> None:
    """Whether `person` may send an application on the day `on`: an adult with an identity
    document valid that day. Raises ApplicationRefused saying why and what to do."""
    adult_on = adulthood_date(person.birth_date)
    if on < adult_on:
        raise ApplicationRefused(
            _(
                "Müraciəti yalnız 18 yaşı tamam olmuş şəxs göndərə bilər; sizin 18 yaşınız "
                "%(date)s tarixində tamam olur. O vaxta qədər hesabı valideyniniz və ya qanuni "
                "nümayəndəniz öz adından müraciət edərək dəyişdirə bilər."
            )
            % {"date": format_date(adult_on)}
        )
    if person.document_valid_until < on:
        raise ApplicationRefused(
            _(
                "Şəxsiyyət vəsiqənizin etibarlılıq müddəti %(date)s tarixində bitib. Müraciət "
                "yalnız etibarlı sənədlə göndərilə bilər: ASAN xidmət mərkəzində yeni vəsiqə alın "
                "və sonra yenidən müraciət edin."
            )
            % {"date": format_date(person.document_valid_until)}
        )


def account_check(
    *,
    person: Person,
    kind: str,
    subscriber_code: str,
    made: Application | None = None,
    max_age: datetime.timedelta | None = None,
) -> AccountCheck:
    """Whether `person` may apply for `kind` on this account, as billing holds it now (or as it
    said within `max_age`); raises ApplicationRefused or BillingUnavailable. `made` re-checks an
    application already made (at approval, or when the citizen corrects it): it is then not a
    reason to refuse itself."""
    account = account_refresh(subscriber_code=subscriber_code, max_age=max_age)
    if account is None:
        raise ApplicationRefused(
            _("Bu abonent kodu ilə şəxsi hesab tapılmadı. Kodu hesab-fakturadan yoxlayın."),
            field="subscriber_code",
        )
    if account.status == Account.Status.CLOSED:
        raise ApplicationRefused(
            _("Bu şəxsi hesab bağlanıb. Yeni müqavilə üçün Azərişıq ofisinə müraciət edin."),
            field="subscriber_code",
        )
    _check_kind_rules(account=account, person=person, kind=kind)
    balance = _debt_check(account.balance)
    others = Application.objects.active().filter(account=account)
    if made is not None:
        others = others.exclude(pk=made.pk)
    # At most one open application per account (a database constraint): one short query.
    open_by = set(others.values_list("applicant_fin", flat=True))
    if open_by:
        raise open_application_refusal(own=person.fin in open_by)
    return AccountCheck(account=account, balance=balance)


def open_application_refusal(*, own: bool) -> ApplicationRefused:
    """The refusal for an account that already has an open application. Only its own applicant
    hears that there is one: to anyone else it is none of their business."""
    if own:
        return ApplicationRefused(
            _(
                "Bu şəxsi hesab üzrə artıq baxılan müraciət var. "
                "Onun nəticəsini gözləyin və ya statusunu yoxlayın."
            ),
            field="subscriber_code",
        )
    return ApplicationRefused(
        _(
            "Bu şəxsi hesab üzrə hazırda onlayn müraciət etmək mümkün deyil. "
            "Ətraflı məlumat üçün Azərişıq ofisinə müraciət edin."
        ),
        field="subscriber_code",
    )


def _check_kind_rules(*, account: Account, person: Person, kind: str) -> None:
    is_holder = account.holder.fin == person.fin
    if kind == Application.Kind.TRANSFER and is_holder:
        raise ApplicationRefused(
            _("Bu şəxsi hesab artıq sizin adınızadır: onu özünüzə keçirmək lazım deyil."),
            field="subscriber_code",
        )
    if kind == Application.Kind.RENAME and not is_holder:
        raise ApplicationRefused(
            _(
                "Ad, soyad dəyişikliyini yalnız hesabın sahibi edə bilər. "
                "Hesabı öz adınıza keçirmək üçün digər müraciət növünü seçin."
            ),
            field="kind",
        )
    if kind == Application.Kind.RENAME and not person.name_changed:
        raise ApplicationRefused(
            _(
                "Dövlət reyestrində adınızın və ya soyadınızın dəyişdiyi barədə məlumat yoxdur, "
                "ona görə dəyişiklik ediləcək bir şey yoxdur."
            ),
            field="kind",
        )
    holder = account.holder
    if kind == Application.Kind.RENAME and (holder.last_name, holder.first_name, holder.patronymic) == (
        person.last_name,
        person.first_name,
        person.patronymic,
    ):
        # Names compared exactly as the registry gives them (no case folding: İ/i and I/ı).
        raise ApplicationRefused(
            _(
                "Şəxsi hesab artıq dövlət reyestrindəki indiki adınızla (%(name)s) qeydə alınıb, "
                "ona görə dəyişiklik ediləcək bir şey yoxdur. Hesab-fakturada köhnə ad görünürsə, "
                "Azərişıq ofisinə müraciət edin."
            )
            % {"name": person.full_name},
            field="kind",
        )


def _debt_check(balance: Decimal) -> Decimal:
    if balance > 0:
        raise ApplicationRefused(
            _(
                "Bu şəxsi hesab üzrə %(amount)s borc var. Dəyişiklik yalnız borc ödənildikdən "
                "sonra edilir: borcu ödəyin (əvvəlki sahibdən borcu olmaması barədə arayış "
                "istəyin) və sonra yenidən müraciət edin."
            )
            % {"amount": format_azn(balance)},
            field="subscriber_code",
        )
    return balance


def property_check(
    *,
    person: Person,
    kind: str,
    account: Account,
    district: District,
    property_kind: str,
    registry_number: str,
    registration_number: str,
) -> PropertyRecord:
    """Whether the property exists, is the account's, and (for a transfer) is the applicant's;
    raises ApplicationRefused or RegistryUnavailable."""
    record = get_state_registry().find_property(district.code, registry_number, registration_number)
    if record is None:
        raise ApplicationRefused(
            _(
                "Daşınmaz əmlakın dövlət reyestrində bu rayonda belə reyestr və qeydiyyat nömrəsi "
                "olan əmlak tapılmadı. Nömrələri çıxarışdan yoxlayın."
            ),
            field="registry_number",
        )
    supplied = account.property
    if (supplied.district_id, supplied.registry_number, supplied.registration_number) != (
        district.pk,
        registry_number,
        registration_number,
    ):
        raise ApplicationRefused(
            _(
                "Bu əmlak seçdiyiniz şəxsi hesabın ünvanı deyil. Əmlakın çıxarışını və ya "
                "abonent kodunu yoxlayın."
            ),
            field="registry_number",
        )
    if record.kind != property_kind:
        raise ApplicationRefused(
            _("Reyestrdə bu əmlak “%(kind)s” kimi qeydə alınıb.")
            % {"kind": account.property.Kind(record.kind).label},
            field="property_kind",
        )
    if kind == Application.Kind.TRANSFER and person.fin not in record.owner_fins:
        raise ApplicationRefused(
            _(
                "Reyestrə görə siz bu əmlakın mülkiyyətçisi deyilsiniz. Hesabı yalnız "
                "mülkiyyətçi öz adına keçirə bilər."
            ),
            field="registry_number",
        )
    return record


@dataclass(frozen=True)
class Eligibility:
    """Everything the rules found for a set of answers: who applies, the account, the property,
    and for a transfer the handover (the reading to open the new contract at, who to ask)."""

    person: Person
    account: AccountCheck
    property_record: PropertyRecord
    handover: HandoverCheck | None = None


def eligibility_check(
    *,
    fin: str,
    answers: Answers,
    made: Application | None = None,
    with_handover: bool = True,
    sent_on: datetime.date | None = None,
) -> Eligibility:
    """Every rule for an application, with fresh data: the applicant in the registry (an adult
    with a valid document on `sent_on`, the day of sending, when given), the account and its
    debt in billing, the property and its owners, and (`with_handover`) a transfer's handover.
    Submission and correction run them all; approval re-checks all but the handover, which
    billing judges when it carries the transfer out. `made` is the application being
    re-checked, which does not block itself. Raises ApplicationRefused, RegistryUnavailable or
    BillingUnavailable."""
    person = person_lookup(fin=fin)
    if sent_on is not None:
        applicant_check(person=person, on=sent_on)
    checked = account_check(
        person=person, kind=answers.kind, subscriber_code=answers.subscriber_code, made=made
    )
    record = property_check(
        person=person,
        kind=answers.kind,
        account=checked.account,
        district=answers.district,
        property_kind=answers.property_kind,
        registry_number=answers.registry_number,
        registration_number=answers.registration_number,
    )
    handover = None
    if with_handover and answers.kind == Application.Kind.TRANSFER:
        if answers.handover is None:
            raise ApplicationRefused(_("Təhvil-təslim məlumatlarını doldurun."), field="handover_date")
        handover = handover_check(
            answers=answers.handover, account=checked.account, record=record, applicant=person
        )
    return Eligibility(person=person, account=checked, property_record=record, handover=handover)
