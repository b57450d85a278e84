"""What each document says, built once and drawn twice: as a PDF and as accessible HTML.

Build it inside `translation.override(document.language)`: labels are gettext strings with
Azerbaijani sources. Person data comes from the registry snapshot the citizen confirmed at
submission; a final document takes the contract number and start date from the account as the
back office left it after approval.
"""

import dataclasses
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
from integrations.billing.base import CONVENTIONAL, SMART
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

    def as_json(self) -> dict:
        """What the document says, stored with it when issued (Document.content)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "DocumentContent":
        sections = tuple(
            Section(
                heading=section["heading"],
                fields=tuple(tuple(field) for field in section["fields"]),
                columns=tuple(section["columns"]),
                rows=tuple(tuple(row) for row in section["rows"]),
                items=tuple(section["items"]),
                note=section["note"],
            )
            for section in data["sections"]
        )
        return cls(**{**data, "sections": sections})

    def same_text_as(self, other: "DocumentContent") -> bool:
        """Whether the two say the same, apart from what only identifies an issue (its date,
        verification code and address): a re-issue that changed nothing is not needed."""
        unchanged = ("reference", "verification_code_line", "verification_url")
        fields = [field.name for field in dataclasses.fields(self) if field.name not in unchanged]
        return all(getattr(self, name) == getattr(other, name) for name in fields)

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
        Kind.CONTRACT: _("Elektrik enerjisinin alqı-satqı müqaviləsi"),
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
        issuer_line=_("%(address)s · VÖEN %(voen)s · azerishiq.az · Çağrı mərkəzi: 199")
        % {"address": settings.SUPPLIER_LEGAL_ADDRESS, "voen": settings.SUPPLIER_VOEN},
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


def document_content_stored(document: Document) -> DocumentContent | None:
    """What the document says as issued; None for one issued before its content was stored."""
    return DocumentContent.from_json(document.content) if document.content else None


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
                (
                    _("Gözlənilən qərar tarixi"),
                    format_date(application.due_date) if application.due_date else DASH,
                ),
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
                _(
                    "Qeydiyyat ofisi müraciətə adətən 1 iş günü ərzində, "
                    "əlavə yoxlama lazım olsa 5 iş gününədək baxır."
                ),
                _("Əlavə məlumat lazım olsa və qərar veriləndə sizə SMS ilə xəbər veriləcək."),
                _("Müraciət təsdiq edildikdən sonra yekun sənədlər eyni keçiddə görünəcək."),
            ),
        ),
    ]


def _contract_sections(application: Application, *, is_final: bool) -> list[Section]:
    person = _holder(application, is_final=is_final)
    return [
        Section(_("Tərəflər"), fields=(*_supplier_fields(), *_consumer_fields(person))),
        Section(_("Müqavilə"), fields=tuple(_contract_fields(application, is_final=is_final))),
        Section(_("Enerji verilən ünvan"), fields=tuple(_dwelling_fields(application))),
        *_meter_sections(application),
        tariff_section(),
        *_clauses(),
        Section(_("Tərəflərin imzaları"), fields=tuple(_signatures(application, person, is_final=is_final))),
    ]


def _supplier_fields() -> list[tuple[str, str]]:
    """The supplier as a party: its name, legal address, tax id and bank details (settings)."""
    bank = _("%(bank)s, kod %(code)s, SWIFT %(swift)s") % {
        "bank": settings.SUPPLIER_BANK_NAME,
        "code": settings.SUPPLIER_BANK_CODE,
        "swift": settings.SUPPLIER_BANK_SWIFT,
    }
    return [
        (_("Təchizatçı"), _("“Azərişıq” ASC")),
        (_("Hüquqi ünvan"), settings.SUPPLIER_LEGAL_ADDRESS),
        (_("VÖEN"), settings.SUPPLIER_VOEN),
        (_("Hesab (IBAN)"), settings.SUPPLIER_BANK_ACCOUNT),
        (_("Bank"), bank),
    ]


def _consumer_fields(person: dict) -> list[tuple[str, str]]:
    return [
        (_("İstehlakçı"), _full_name(person)),
        (_("FİN"), person["fin"]),
        (_("Şəxsiyyət vəsiqəsi"), person.get("document_number") or DASH),
        (_("Qeydiyyat ünvanı"), person.get("registered_address") or DASH),
    ]


def _meter_sections(application: Application) -> list[Section]:
    """The meter the contract is metered by, and the reading it opens with (the handover's)."""
    handover = getattr(application, "handover", None)
    if handover is None:
        return []
    kinds = {SMART: _("Ağıllı sayğac (məsafədən oxunur)"), CONVENTIONAL: _("Adi sayğac (nəzarətçi oxuyur)")}
    return [
        Section(
            _("Sayğac"),
            fields=(
                (_("Sayğacın nömrəsi"), handover.meter_number),
                (_("Sayğacın növü"), kinds.get(handover.meter_kind, handover.meter_kind)),
                (_("Başlanğıc göstərici"), _kwh(handover.reading_kwh, handover.handover_date)),
            ),
        )
    ]


def _clauses() -> list[Section]:
    """The terms of a household supply contract, numbered by heading."""
    return [
        Section(
            _("1. Müqavilənin predmeti"),
            items=(
                _(
                    "Təchizatçı istehlakçının bu müqavilədə göstərilən ünvanına məişət ehtiyacları üçün "
                    "elektrik enerjisi satır, istehlakçı onu qəbul edir və haqqını ödəyir."
                ),
                _(
                    "Müqavilə «Elektroenergetika haqqında» Azərbaycan Respublikasının Qanununa və elektrik "
                    "enerjisindən istifadə qaydalarına uyğun bağlanır; müqavilədə göstərilməyən məsələlər "
                    "onlarla tənzimlənir."
                ),
            ),
        ),
        Section(
            _("2. Təchizatçının hüquq və vəzifələri"),
            items=(
                _(
                    "Təchizatçı enerjini fasiləsiz və keyfiyyət standartlarına uyğun verir, planlı işlər "
                    "barədə istehlakçıya əvvəlcədən xəbər verir."
                ),
                _(
                    "Təchizatçının vəsiqəli əməkdaşı sayğacın göstəricisini yoxlamaq, sayğaca və qoşulmaya "
                    "baxmaq üçün ünvana daxil ola bilər."
                ),
                _(
                    "Təchizatçı istehlakçının müraciətlərinə 199 çağrı mərkəzi və elektron xidmətlər "
                    "vasitəsilə baxır."
                ),
            ),
        ),
        Section(
            _("3. İstehlakçının hüquq və vəzifələri"),
            items=(
                _(
                    "İstehlakçı enerjidən yalnız məişət ehtiyacları üçün istifadə edir, sayğacı və plombları "
                    "qoruyur, onlara müdaxilə etmir."
                ),
                _(
                    "İstehlakçı haqqı vaxtında ödəyir; ünvanı və ya əlaqə məlumatları dəyişərsə, 10 gün "
                    "ərzində təchizatçıya bildirir."
                ),
                _(
                    "İstehlakçı enerjinin keyfiyyəti və hesablaşma barədə məlumat almaq və hesabın "
                    "düzgünlüyünə etiraz etmək hüququna malikdir."
                ),
            ),
        ),
        Section(
            _("4. Uçot və hesablaşma"),
            items=(
                _(
                    "Sərf olunan enerji bu müqavilədə göstərilən sayğacla uçota alınır; başlanğıc göstərici "
                    "təhvil günündəki göstəricidir."
                ),
                _(
                    "Haqq hər ay sayğacın göstəricisinə görə qüvvədə olan məişət tarifi ilə hesablanır; "
                    "tarif dəyişərsə, yeni tarif Tarif Şurasının qərarında göstərilən tarixdən tətbiq olunur."
                ),
                _(
                    "Sayğac nasaz olarsa, dəyişdirilənədək istehlak son üç ayın orta aylıq istehlakına görə "
                    "hesablanır."
                ),
            ),
        ),
        Section(
            _("5. Ödəniş şərtləri"),
            items=(
                _("Ay üçün hesablanmış haqq növbəti ayın 20-dək ödənilir."),
                _(
                    "Ödəniş abonent kodu ilə ASAN xidmət mərkəzlərində, banklarda, poçtda, ödəniş "
                    "terminallarında və elektron ödəniş xidmətləri ilə edilir; artıq ödəniş növbəti "
                    "hesablara aid edilir."
                ),
            ),
        ),
        Section(
            _("6. Enerji verilişinin dayandırılması və bərpası"),
            items=(
                _(
                    "Təchizatçı istehlakçını yazılı və ya SMS ilə xəbərdar etdikdən sonra enerji verilişini "
                    "dayandıra bilər: haqq iki aydan çox ödənilmədikdə, sayğaca və ya şəbəkəyə icazəsiz "
                    "müdaxilə edildikdə."
                ),
                _("Qəza təhlükəsi yarandıqda enerji verilişi xəbərdarlıqsız dayandırıla bilər."),
                _(
                    "Dayandırmanın səbəbi aradan qaldırıldıqdan (borc ödənildikdən) sonra enerji verilişi "
                    "bir iş günü ərzində bərpa edilir."
                ),
            ),
        ),
        Section(
            _("7. Tərəflərin məsuliyyəti"),
            items=(
                _(
                    "Öhdəliklərini yerinə yetirməyən və ya lazımınca yerinə yetirməyən tərəf Azərbaycan "
                    "Respublikasının qanunvericiliyinə uyğun məsuliyyət daşıyır."
                ),
                _(
                    "Təchizatçının təqsiri ilə keyfiyyətsiz verilən enerjinin istehlakçının əmlakına vurduğu "
                    "zərər qanunvericiliyə uyğun ödənilir; fors-major hallarında tərəflər məsuliyyət daşımır."
                ),
            ),
        ),
        Section(
            _("8. Mübahisələrin həlli"),
            items=(
                _(
                    "Mübahisələr danışıqlar yolu ilə həll edilir: istehlakçının şikayətinə 15 iş günü "
                    "ərzində cavab verilir."
                ),
                _("Razılıq əldə edilmədikdə mübahisəyə Azərbaycan Respublikasının məhkəməsində baxılır."),
            ),
        ),
        Section(
            _("9. Müqavilənin müddəti və ləğvi"),
            items=(
                _("Müqavilə qüvvəyə mindiyi gündən müddətsiz bağlanır."),
                _(
                    "İstehlakçı son göstəriciyə görə hesablaşaraq müqaviləni istənilən vaxt ləğv edə bilər; "
                    "təchizatçı müqaviləni yalnız qanunvericilikdə nəzərdə tutulmuş hallarda ləğv edə bilər."
                ),
            ),
        ),
    ]


def _signatures(application: Application, person: dict, *, is_final: bool) -> list[tuple[str, str]]:
    supplier = _("“Azərişıq” ASC, elektron möhürlə") if is_final else _("Təsdiqdən sonra elektron möhürlə")
    consumer = _("%(name)s: müraciəti ASAN Login ilə göndərərək şərtləri qəbul edib (%(date)s)") % {
        "name": _full_name(person),
        "date": format_date(application.submitted_at),
    }
    return [(_("Təchizatçı"), supplier), (_("İstehlakçı"), consumer)]


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
        # Bands that do not overlap: each kVt·saat above `above_kwh`, up to and including `up_to_kwh`.
        if tier.up_to_kwh is None:
            consumption = _("%(low)s kVt·saatdan çox") % {"low": tier.above_kwh}
        elif tier.above_kwh == 0:
            consumption = _("%(high)s kVt·saatadək (daxil olmaqla)") % {"high": tier.up_to_kwh}
        else:
            consumption = _("%(low)s kVt·saatdan çox, %(high)s kVt·saatadək") % {
                "low": tier.above_kwh,
                "high": tier.up_to_kwh,
            }
        rows.append((consumption, _("%(price)s qəpik") % {"price": formats.number_format(tier.price_qepik)}))
    lines = bill_lines(kwh=TARIFF_EXAMPLE_KWH, tariff=tariff)
    example = _("Nümunə: ayda %(kwh)s kVt·saat = %(parts)s = %(total)s.") % {
        "kwh": TARIFF_EXAMPLE_KWH,
        "parts": " + ".join(format_azn(line.amount_azn, unit=False) for line in lines),
        "total": format_azn(monthly_bill(kwh=TARIFF_EXAMPLE_KWH, tariff=tariff)),
    }
    decision = _("Tarif Şurasının %(date)s tarixli qərarı, ƏDV daxil.") % {
        "date": format_date(tariff.decision_date)
    }
    return Section(
        _("Tarif (məişət abonentləri)"),
        columns=(_("Aylıq istehlak"), _("1 kVt·saatın qiyməti")),
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
        signed = format_date(application.account.contract_start)
    else:
        signed = _("təsdiq günü")
        number = _("Təsdiqdən sonra billinq verəcək")
        start = format_date(handover.handover_date) if handover else _("Təsdiq tarixindən")
    return [
        (_("Müqavilə nömrəsi"), number),
        (_("Bağlanma yeri və tarixi"), _("Bakı ş., %(date)s (elektron qaydada)") % {"date": signed}),
        (_("Qüvvəyə minir"), start),
        (_("Abonent kodu (şəxsi hesab)"), application.subscriber_code),
        (_("İstehlakçı qrupu"), _("Məişət")),
        (_("Müraciət nömrəsi"), application.number),
    ]


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
