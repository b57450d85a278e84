"""What each document says, built once and drawn twice: as a PDF and as accessible HTML.

Build it inside `translation.override(document.language)`: labels are gettext strings with
Azerbaijani sources. Person data comes from the registry snapshot the citizen confirmed at
submission; a final document takes the contract number and start date from the account as the
back office left it after approval.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from applications.documents.models import Document
from applications.models import Application
from core.formats import DASH, format_azn, format_date, format_datetime, format_kwh, format_phone
from integrations.billing.tariffs import HOUSEHOLD_TARIFF, Tariff, bill_lines, monthly_bill
from integrations.billing.wire import final_bill_from_json

Kind = Document.Kind
TARIFF_EXAMPLE_KWH = 350
# Across every page of a draft, in all three languages whatever the document's own: a draft
# forwarded or printed is recognised as one by anyone.
DRAFT_WATERMARK = "LAYİHƏ / DRAFT / ПРОЕКТ"


@dataclass(frozen=True)
class Section:
    """A headed part of a document: label/value fields, a table, numbered items, a note."""

    heading: str
    fields: tuple[tuple[str, str], ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    items: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class DocumentContent:
    language: str
    issuer: str
    issuer_line: str
    title: str
    reference: str
    status_note: str
    sections: tuple[Section, ...]
    verify_prompt: str
    verification_code_line: str
    verification_url: str
    page_label: str
    # A draft: the watermark on every page, and no verification (nothing was issued yet).
    watermark: str = ""

    @property
    def is_draft(self) -> bool:
        return bool(self.watermark)

    def texts(self) -> Iterator[str]:
        """Every string the document prints, for the font coverage check."""
        yield from (self.issuer, self.issuer_line, self.title, self.reference, self.status_note)
        yield from (self.watermark, self.page_label)
        if not self.is_draft:
            yield from (self.verify_prompt, self.verification_code_line, self.verification_url)
        for section in self.sections:
            yield from (section.heading, section.note, *section.columns, *section.items)
            for row in (*section.fields, *section.rows):
                yield from row


def document_title(*, kind: str, is_final: bool) -> str:
    """The document's name as printed: a contract or card before approval is a draft (layihə)."""
    titles = {
        Kind.RECEIPT: _("Müraciət qəbzi"),
        Kind.CONTRACT: _("Elektrik enerjisinin alqı-satqısı müqaviləsi"),
        Kind.SUBSCRIBER_CARD: _("Abonent kartı"),
        Kind.FINAL_BILL: _("Yekun hesab"),
    }
    if kind in (Kind.RECEIPT, Kind.FINAL_BILL) or is_final:
        return titles[kind]
    return _("%(title)s (layihə)") % {"title": titles[kind]}


def verification_url(code: str) -> str:
    """The public page the document's QR code points to."""
    return f"{settings.PUBLIC_BASE_URL}{reverse('document_verify', args=[code])}"


def document_content(*, document: Document, application: Application) -> DocumentContent:
    """Everything `document` prints, in the active language."""
    builders = {
        Kind.RECEIPT: _receipt_sections,
        Kind.CONTRACT: _contract_sections,
        Kind.SUBSCRIBER_CARD: _card_sections,
        Kind.FINAL_BILL: _final_bill_sections,
    }
    sections = builders[document.kind](application, is_final=document.is_final)
    issued = document.created_at or timezone.now()
    url = verification_url(document.verification_code)
    return DocumentContent(
        language=document.language,
        issuer=_("“Azərişıq” ASC"),
        issuer_line=_("Elektron xidmətlər · azerishiq.az · Çağrı mərkəzi: 199"),
        title=document_title(kind=document.kind, is_final=document.is_final),
        reference=_("Müraciət № %(number)s · Verilmə tarixi: %(date)s")
        % {"number": application.number, "date": format_date(issued)},
        status_note=_status_note(document),
        sections=tuple(sections),
        verify_prompt=_("Sənədin həqiqiliyini yoxlamaq üçün QR kodu skan edin və ya bu ünvanı açın:"),
        verification_code_line=_("Yoxlama kodu: %(code)s") % {"code": document.verification_code},
        verification_url=url,
        page_label=_("Səhifə"),
        watermark=DRAFT_WATERMARK if document.is_draft else "",
    )


def _status_note(document: Document) -> str:
    if not document.is_draft:
        return ""
    return _("Layihə: müraciət təsdiq edildikdən sonra yekun sənəd nömrəsi və tarixi ilə sizə göndəriləcək.")


# --- the three documents ----------------------------------------------------------------


def _receipt_sections(application: Application, *, is_final: bool) -> list[Section]:
    return [
        Section(
            _("Müraciət"),
            fields=(
                (_("Müraciət nömrəsi"), application.number),
                (_("Göndərilib"), format_datetime(application.submitted_at)),
                (_("Müraciətin növü"), application.get_kind_display()),
                (_("Müraciətə baxacaq ofis"), application.office.display_name),
            ),
        ),
        Section(_("Əsas məlumatlar"), fields=tuple(_person_fields(application))),
        Section(
            _("Şəxsi hesab"),
            fields=(
                (_("Abonent kodu"), application.subscriber_code),
                (
                    _("Müraciət zamanı balans"),
                    _balance(application.debt_at_submission, kind=application.kind),
                ),
            ),
        ),
        Section(_("Fərdi yaşayış evi və ya mənzil"), fields=tuple(_dwelling_fields(application))),
        Section(
            _("Əlaqə məlumatları"),
            fields=(
                (_("Mobil nömrə"), format_phone(application.mobile_phone) or DASH),
                (_("E-poçt ünvanı"), application.email or DASH),
            ),
        ),
        Section(
            _("Bundan sonra nə olacaq"),
            items=(
                _("Qəbz və sənədlər göstərdiyiniz mobil nömrəyə SMS ilə göndəriləcək."),
                _(
                    "Qeydiyyat ofisi müraciətə adətən 1 iş günü ərzində, "
                    "əlavə yoxlama lazım olsa 5 iş gününədək baxır."
                ),
                _("Əlavə məlumat lazım olsa, sizə SMS ilə xəbər veriləcək."),
                _("Müraciət təsdiq edildikdən sonra yekun sənədlər eyni keçiddə görünəcək."),
            ),
        ),
    ]


def _contract_sections(application: Application, *, is_final: bool) -> list[Section]:
    person = _holder(application, is_final=is_final)
    return [
        Section(
            _("Tərəflər"),
            fields=(
                (_("Təchizatçı"), _("“Azərişıq” ASC")),
                (_("İstehlakçı"), _full_name(person)),
                (_("FİN"), person["fin"]),
            ),
        ),
        Section(_("Müqavilə"), fields=tuple(_contract_fields(application, is_final=is_final))),
        Section(_("Enerji verilən ünvan"), fields=tuple(_dwelling_fields(application))),
        tariff_section(),
        Section(
            _("Əsas şərtlər"),
            items=(
                _(
                    "Təchizatçı istehlakçının ünvanına elektrik enerjisi verir, istehlakçı "
                    "istifadə etdiyi enerjinin haqqını qüvvədə olan tarif üzrə ödəyir."
                ),
                _("Haqq hər ay sayğacın göstəricisinə əsasən hesablanır."),
                _("Tarif dəyişərsə, yeni tarif qərarda göstərilən tarixdən tətbiq olunur."),
            ),
        ),
    ]


def _final_bill_sections(application: Application, *, is_final: bool) -> list[Section]:
    """The outgoing holder's settlement at the handover (billing's FinalBill): no personal data
    of the buyer, none of theirs beyond the name the contract was in."""
    handover = application.handover
    bill = final_bill_from_json(handover.final_bill)
    settlement = [(_("İstehlakın haqqı (məişət tarifi ilə)"), format_azn(bill.consumption_amount))]
    if bill.balance_before < 0:
        settlement.append((_("Avansınız"), format_azn(-bill.balance_before)))
    elif bill.balance_before > 0:
        settlement.append((_("Əvvəlki borcunuz"), format_azn(bill.balance_before)))
    if bill.refund:
        settlement.append((_("Sizə qaytarılır"), format_azn(bill.refund)))
    settlement.append((_("Ödəniləcək"), format_azn(bill.to_pay)))
    return [
        Section(
            _("Bağlanan müqavilə"),
            fields=(
                (_("Abonent"), handover.previous_holder_name),
                (_("Müqavilə nömrəsi"), bill.contract_number),
                (_("Abonent kodu (şəxsi hesab)"), application.subscriber_code),
                (_("Bağlanma tarixi"), format_date(handover.handover_date)),
            ),
        ),
        Section(
            _("Sayğac"),
            fields=(
                (_("Sayğacın nömrəsi"), handover.meter_number),
                (_("Son hesablanmış göstərici"), _kwh(handover.last_billed_kwh, handover.last_billed_on)),
                (_("Təhvil günündəki göstərici"), _kwh(bill.closing_kwh, handover.handover_date)),
                (_("İstehlak"), _("%(kwh)s kVt·saat") % {"kwh": format_kwh(bill.consumption_kwh)}),
            ),
        ),
        Section(
            _("Hesablaşma"),
            fields=tuple(settlement),
            note=_(
                "Avans yeni sahibə keçmir: qaytarılan məbləğ billinqdə qeydə alınmış hesabınıza və ya "
                "ASAN xidmət mərkəzində sizə ödənilir. Sualınız olsa, 199-a zəng edin."
            ),
        ),
    ]


def _kwh(value: Decimal, on) -> str:
    return _("%(kwh)s kVt·saat (%(date)s)") % {"kwh": format_kwh(value), "date": format_date(on)}


def _card_sections(application: Application, *, is_final: bool) -> list[Section]:
    person = _holder(application, is_final=is_final)
    account = application.account
    return [
        Section(_("Abonent"), fields=(*_name_fields(person), (_("FİN"), person["fin"]))),
        Section(
            _("Şəxsi hesab"),
            fields=(
                (_("Abonent kodu"), application.subscriber_code),
                (_("Müqavilə nömrəsi"), account.contract_number),
                (_("Müqavilənin başlanğıcı"), format_date(account.contract_start)),
                (_("İstehlakçı qrupu"), _("Məişət")),
                (_("Mobil nömrə"), format_phone(application.mobile_phone) or DASH),
            ),
        ),
        Section(_("Ünvan"), fields=tuple(_dwelling_fields(application))),
        Section(
            _("Dəyişiklik"),
            fields=(
                (_("Müraciət nömrəsi"), application.number),
                (_("Əsas"), _("Ad, soyad dəyişikliyi (dövlət reyestrinin məlumatı)")),
                (_("Vəziyyət"), _("Qüvvədədir") if is_final else _("Təsdiq gözləyir")),
            ),
        ),
    ]


def tariff_section(tariff: Tariff = HOUSEHOLD_TARIFF) -> Section:
    """The household tariff table, with a worked example of a month's bill."""
    rows = []
    for tier in tariff.tiers:
        if tier.up_to_kwh is None:
            consumption = _("%(low)s kWh-dan çox") % {"low": tier.above_kwh}
        else:
            consumption = _("%(low)s–%(high)s kWh") % {"low": tier.above_kwh, "high": tier.up_to_kwh}
        rows.append((consumption, _("%(price)s qəpik") % {"price": formats.number_format(tier.price_qepik)}))
    lines = bill_lines(kwh=TARIFF_EXAMPLE_KWH, tariff=tariff)
    example = _("Nümunə: ayda %(kwh)s kWh = %(parts)s = %(total)s.") % {
        "kwh": TARIFF_EXAMPLE_KWH,
        "parts": " + ".join(format_azn(line.amount_azn, unit=False) for line in lines),
        "total": format_azn(monthly_bill(kwh=TARIFF_EXAMPLE_KWH, tariff=tariff)),
    }
    decision = _("Tarif Şurasının %(date)s tarixli qərarı, ƏDV daxil.") % {
        "date": format_date(tariff.decision_date)
    }
    return Section(
        _("Tarif (məişət abonentləri)"),
        columns=(_("Aylıq istehlak"), _("1 kWh-ın qiyməti")),
        rows=tuple(rows),
        note=f"{decision} {example}",
    )


# --- shared pieces ----------------------------------------------------------------------


def _holder(application: Application, *, is_final: bool) -> dict:
    """Whose contract or card it is: the applicant as the registry gave them at submission, or,
    once approved, the account's holder as the back office recorded them."""
    person = application.registry_snapshot
    if not is_final:
        return person
    holder = application.account.holder
    names = {"last_name": holder.last_name, "first_name": holder.first_name, "patronymic": holder.patronymic}
    return {**person, **names, "fin": holder.fin}


def _person_fields(application: Application) -> list[tuple[str, str]]:
    person = application.registry_snapshot
    return [
        *_name_fields(person),
        (_("FİN"), person["fin"]),
        (_("Şəxsiyyət vəsiqəsi"), person["document_number"]),
        (_("Doğum tarixi"), format_date(person["birth_date"])),
        (_("Qeydiyyat ünvanı"), person["registered_address"]),
    ]


def _name_fields(person: dict) -> list[tuple[str, str]]:
    """The names as the registry gives them, and the previous ones when they changed."""
    names = [
        (_("Soyadı"), person["last_name"]),
        (_("Adı"), person["first_name"]),
        (_("Atasının adı"), person.get("patronymic") or DASH),
    ]
    if person.get("previous_last_name"):
        names.append((_("Əvvəlki soyadı"), person["previous_last_name"]))
    if person.get("previous_first_name"):
        names.append((_("Əvvəlki adı"), person["previous_first_name"]))
    return names


def _dwelling_fields(application: Application) -> list[tuple[str, str]]:
    return [
        (_("Ünvan"), application.property_snapshot.get("address") or application.dwelling.address),
        (_("Əmlakın növü"), application.get_property_kind_display()),
        (_("Rayon"), application.district.display_name),
        (_("Reyestr nömrəsi"), application.registry_number),
        (_("Qeydiyyat nömrəsi"), application.registration_number),
    ]


def _contract_fields(application: Application, *, is_final: bool) -> list[tuple[str, str]]:
    handover = getattr(application, "handover", None)
    if is_final:
        # As billing confirmed it (the account records billing's contract after carrying out).
        number = application.account.contract_number
        start = format_date(application.account.contract_start)
    else:
        number = _("Təsdiqdən sonra billinq verəcək")
        start = format_date(handover.handover_date) if handover else _("Təsdiq tarixindən")
    fields = [
        (_("Müqavilə nömrəsi"), number),
        (_("Qüvvəyə minir"), start),
        (_("Abonent kodu (şəxsi hesab)"), application.subscriber_code),
        (_("İstehlakçı qrupu"), _("Məişət")),
        (_("Müraciət nömrəsi"), application.number),
    ]
    if handover is not None:
        fields += [
            (_("Sayğacın nömrəsi"), handover.meter_number),
            (_("Başlanğıc göstərici"), _kwh(handover.reading_kwh, handover.handover_date)),
        ]
    return fields


def _full_name(person: dict) -> str:
    return " ".join(person[part] for part in ("last_name", "first_name", "patronymic") if person.get(part))


def _balance(balance: Decimal, *, kind: str) -> str:
    if balance > 0:
        return _("Borc: %(amount)s") % {"amount": format_azn(balance)}
    if balance < 0 and kind == Application.Kind.TRANSFER:
        # The outgoing holder's credit is refunded to them at the handover: not the applicant's.
        return _("Borc yoxdur (əvvəlki sahibin avansı ona qaytarılır)")
    if balance < 0:
        return _("Artıq ödəniş: %(amount)s") % {"amount": format_azn(-balance)}
    return _("Borc yoxdur")
