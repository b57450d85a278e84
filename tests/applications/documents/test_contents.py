"""What every document says, in each of the three languages, as a copy-paste of its PDF gives it:
the contract as a lawyer of Azərişıq would accept it (the supplier's legal details, place and date,
the parties and their documents, the supply address, the meter and its opening reading, the tariff
in kVt·saat with bands that do not overlap, every clause, the signatures), the receipt on one page
with the expected decision date, the subscriber card and the outgoing holder's final bill."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from applications.documents import content
from applications.documents.content import document_title, tariff_section
from applications.documents.generation import documents_generate
from applications.documents.models import Document
from core.formats import format_date, format_kwh
from subscribers.demo import demo_data_load
from tests.support.documents import (
    AYSEL,
    LEYLA,
    RENAME,
    TRANSFER,
    approve,
    document,
    page_texts,
    pdf_of,
    pdf_text,
    send,
)

Kind = Document.Kind
LANGUAGES = ("az", "en", "ru")
CONTRACT_NUMBER = "BK-2026-000123"


@pytest.fixture(autouse=True)
def demo_world(db):
    demo_data_load()


def carried_out(
    fin, answers, language, django_capture_on_commit_callbacks, *, contract_number=CONTRACT_NUMBER
):
    """The application sent in `language`, then carried out by billing: every document issued."""
    with django_capture_on_commit_callbacks(execute=True):
        application = send(fin, answers, language=language)
    approve(application, contract_number=contract_number)
    documents_generate(application_id=application.pk)
    application.refresh_from_db()
    return application


def assert_says(text: str, *expected: str):
    missing = [item for item in expected if " ".join(item.split()) not in text]
    assert missing == [], f"missing {missing} in {text!r}"


def supplier_details() -> list[str]:
    return [
        settings.SUPPLIER_LEGAL_ADDRESS,
        settings.SUPPLIER_VOEN,
        settings.SUPPLIER_BANK_ACCOUNT,
        settings.SUPPLIER_BANK_NAME,
        settings.SUPPLIER_BANK_CODE,
        settings.SUPPLIER_BANK_SWIFT,
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contract_carries_everything_a_supply_contract_needs(
    language, django_capture_on_commit_callbacks
):
    application = carried_out(AYSEL, TRANSFER, language, django_capture_on_commit_callbacks)
    handover, person = application.handover, application.registry_snapshot

    for is_final in (False, True):
        doc = document(application, Kind.CONTRACT, is_final=is_final)
        text = pdf_text(doc)
        with translation.override(language):
            title = document_title(kind=Kind.CONTRACT, is_final=is_final)
            assert_says(
                text,
                title,
                _("Təchizatçı"),
                _("“Azərişıq” ASC"),
                _("Hüquqi ünvan"),
                _("VÖEN"),
                *supplier_details(),
                _("Bağlanma yeri və tarixi"),
                _("İstehlakçı"),
                "Məmmədova Aysel Rövşən qızı",
                AYSEL,
                person["document_number"],
                person["registered_address"],
                _("Enerji verilən ünvan"),
                application.property_snapshot["address"],
                application.subscriber_code,
                _("Sayğacın nömrəsi"),
                handover.meter_number,
                _("Ağıllı sayğac (məsafədən oxunur)")
                if handover.meter_kind == "smart"
                else _("Adi sayğac (nəzarətçi oxuyur)"),
                _("Başlanğıc göstərici"),
                format_kwh(handover.reading_kwh),
                format_date(handover.handover_date),
                *(" ".join(row) for row in tariff_section().rows),
                *(section.heading for section in content._clauses()),
                _("Tərəflərin imzaları"),
            )
            signed = format_date(application.account.contract_start) if is_final else _("təsdiq günü")
            assert_says(text, _("Bakı ş., %(date)s (elektron qaydada)") % {"date": signed})
            if is_final:
                assert_says(text, CONTRACT_NUMBER)
        assert pdf_of(doc).metadata.title == title
    assert "alqı-satqısı" not in pdf_text(document(application, Kind.CONTRACT, is_final=True))


def test_the_tariff_bands_do_not_overlap_and_speak_of_kvt_saat():
    with translation.override("az"):
        rows = [consumption for consumption, _price in tariff_section().rows]
    assert rows == [
        "200 kVt·saatadək (daxil olmaqla)",
        "200 kVt·saatdan çox, 300 kVt·saatadək",
        "300 kVt·saatdan çox",
    ]
    assert not any("kWh" in row for row in rows)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("fin", "answers"), [(AYSEL, TRANSFER), (LEYLA, RENAME)])
def test_the_receipt_fits_one_page_with_the_expected_decision_date(
    fin, answers, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = send(fin, answers, language=language)
    receipt = document(application, Kind.RECEIPT)
    pages = page_texts(pdf_of(receipt))

    assert len(pages) == 1, f"{len(pages)} pages"
    with translation.override(language):
        assert_says(
            pages[0],
            _("Müraciət qəbzi"),
            application.number,
            _("Göndərilib"),
            _("Müraciətə baxacaq ofis"),
            application.office.display_name,
            _("Gözlənilən qərar tarixi"),
            format_date(application.due_date),
            settings.SUPPLIER_LEGAL_ADDRESS,
            settings.SUPPLIER_VOEN,
            f"/verify/{receipt.verification_code}/",
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_subscriber_card_and_the_final_bill_carry_the_supplier_and_the_facts(
    language, django_capture_on_commit_callbacks
):
    rename = carried_out(
        LEYLA, RENAME, language, django_capture_on_commit_callbacks, contract_number="SM-2026-1"
    )
    transfer = carried_out(AYSEL, TRANSFER, language, django_capture_on_commit_callbacks)
    card = pdf_text(document(rename, Kind.SUBSCRIBER_CARD, is_final=True))
    bill_document = document(transfer, Kind.FINAL_BILL, is_final=True)
    bill = pdf_text(bill_document)

    with translation.override(language):
        assert_says(
            card,
            _("Abonent kartı"),
            "Quliyeva",
            "Həsənova",
            LEYLA,
            rename.subscriber_code,
            settings.SUPPLIER_VOEN,
        )
    with translation.override(bill_document.language):  # the outgoing holder's, not the buyer's
        assert_says(
            bill,
            _("Yekun hesab"),
            "BK-2009-004017",
            transfer.handover.meter_number,
            transfer.subscriber_code,
            settings.SUPPLIER_LEGAL_ADDRESS,
            settings.SUPPLIER_VOEN,
        )
