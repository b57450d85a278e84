"""The office asks for named answers and documents; the citizen answers on one page with only
those, the rest kept; the eligibility checks run again; every refusal is at its field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from applications.corrections.views import handed_in_file_token
from applications.models import Application, ApplicationAccess, DocumentKind
from applications.services import application_claim, application_request_info
from tests.support.clamd import EICAR
from tests.support.demo import LEYLA, NESIMI_FLAT, OPERATOR_BAKI
from tests.support.staff import admin_url, refreshed, user
from tests.support.wizard import field_error, input_value, visible_text
from tests.support.world import last_code_sent_to

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NEW_MOBILE, NEW_MOBILE_E164 = "055 765 43 21", "+994557654321"


def pdf(name: str = "certificate.pdf", content: bytes = PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def asked(application, *, fields=(), documents=(), message="Nikah şəhadətnaməsini əlavə edin."):
    operator = user(OPERATOR_BAKI)
    application_claim(application=application, actor=operator)
    kinds = DocumentKind.objects.filter(code__in=documents)
    return application_request_info(
        application=application, actor=operator, message=message, fields=fields, document_kinds=kinds
    )


def answer_url(application) -> str:
    return f"/my/{application.number}/answer/"


@pytest.fixture
def aysel(citizen_client):
    return citizen_client("2AB3C4D")


@pytest.fixture
def marriage_asked(aysel_transfer):
    return asked(aysel_transfer, fields=["email"], documents=["marriage_certificate"])


def test_the_application_page_leads_to_the_answer_with_the_request_and_its_date(aysel, marriage_asked):
    page = aysel.get(f"/my/{marriage_asked.number}/")

    assert "Nikah şəhadətnaməsini əlavə edin." in visible_text(page)
    assert f'href="{answer_url(marriage_asked)}"' in page.content.decode()
    assert marriage_asked.info_requests.get().requested_at.astimezone().strftime("%d.%m.%Y") in visible_text(
        page
    )


def test_the_answer_page_shows_only_what_the_office_asked_for(aysel, marriage_asked):
    page = aysel.get(answer_url(marriage_asked))

    assert page.status_code == 200
    assert input_value(page, "contact-email") == "aysel@example.az"
    assert 'name="document_marriage_certificate"' in page.content.decode()
    for not_asked in ("contact-mobile_phone", "property-registry_number", "application-subscriber_code"):
        assert f'name="{not_asked}"' not in page.content.decode()
    assert page["Cache-Control"].startswith("private") or "no-store" in page["Cache-Control"]


def test_answering_changes_only_those_answers_and_hands_in_the_file(aysel, marriage_asked):
    before = refreshed(marriage_asked)

    sent = aysel.post(
        answer_url(marriage_asked),
        {"contact-email": "aysel.new@example.az", "document_marriage_certificate": pdf(), "send": "1"},
    )

    assert sent.status_code == 302, field_error(sent, "document_marriage_certificate")
    application = refreshed(marriage_asked)
    assert application.status == Application.Status.IN_REVIEW
    assert application.email == "aysel.new@example.az"
    assert (application.mobile_phone, application.registry_number) == (
        before.mobile_phone,
        before.registry_number,
    )
    versions = list(application.answer_versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].answers["email"] == "aysel.new@example.az"
    assert versions[0].answers["email"] == "aysel@example.az"
    handed_in = versions[1].files.get()
    assert (handed_in.document_kind.code, handed_in.content_type) == (
        "marriage_certificate",
        "application/pdf",
    )
    assert handed_in.file.read() == PDF
    assert "certificate" not in handed_in.file.name  # stored under a random name


def test_the_eicar_file_is_refused_at_its_box_and_what_was_typed_stays(aysel, marriage_asked):
    refused = aysel.post(
        answer_url(marriage_asked),
        {
            "contact-email": "aysel.new@example.az",
            "document_marriage_certificate": pdf("eicar.pdf", EICAR),
            "send": "1",
        },
    )

    assert refused.status_code == 200
    assert (
        field_error(refused, "document_marriage_certificate")
        == "Faylda virus aşkarlandı: bu fayl qəbul edilmir."
    )
    assert input_value(refused, "contact-email") == "aysel.new@example.az"
    assert refreshed(marriage_asked).status == Application.Status.INFO_REQUESTED
    assert not marriage_asked.handed_in_files.exists()


def test_an_11_mb_file_is_refused_at_its_box(aysel, marriage_asked):
    refused = aysel.post(
        answer_url(marriage_asked),
        {"document_marriage_certificate": pdf(content=PDF + b"0" * (11 * 1024 * 1024)), "send": "1"},
    )

    assert "Fayl çox böyükdür" in field_error(refused, "document_marriage_certificate")
    assert not marriage_asked.handed_in_files.exists()


def test_a_sixth_file_for_one_request_is_refused(aysel, marriage_asked):
    files = [pdf(f"page{n}.pdf") for n in range(6)]

    refused = aysel.post(answer_url(marriage_asked), {"document_marriage_certificate": files, "upload": "1"})

    assert field_error(refused, "document_marriage_certificate") == "Bir sorğuya ən çox 5 fayl yükləmək olar."
    assert marriage_asked.handed_in_files.count() == 5


def test_an_accepted_file_is_kept_while_another_answer_is_fixed(aysel, marriage_asked):
    first = aysel.post(
        answer_url(marriage_asked),
        {"contact-email": "not an address", "document_marriage_certificate": pdf(), "send": "1"},
    )
    assert "E-poçt ünvanı düzgün formatda deyil" in field_error(first, "contact-email")

    fixed = aysel.post(answer_url(marriage_asked), {"contact-email": "aysel.new@example.az", "send": "1"})

    assert fixed.status_code == 302
    assert refreshed(marriage_asked).answer_versions.get(number=2).files.count() == 1


def test_sending_without_the_document_asked_for_is_refused_at_its_box(aysel, marriage_asked):
    refused = aysel.post(answer_url(marriage_asked), {"contact-email": "aysel@example.az", "send": "1"})

    assert field_error(refused, "document_marriage_certificate") == "Bu sənədi yükləyin."
    assert refreshed(marriage_asked).status == Application.Status.INFO_REQUESTED


def test_a_new_mobile_number_is_proven_by_a_code_sent_to_it(aysel, aysel_transfer):
    application = asked(aysel_transfer, fields=["mobile_phone"], message="Mobil nömrənizi yeniləyin.")

    with TestCase.captureOnCommitCallbacks(execute=True):  # the SMS leaves after the commit
        asks = aysel.post(answer_url(application), {"contact-mobile_phone": NEW_MOBILE, "send": "1"})

    assert "6 rəqəmli kodu yazın" in field_error(asks, "contact-otp_code")
    assert input_value(asks, "contact-mobile_phone") == NEW_MOBILE
    sent = aysel.post(
        answer_url(application),
        {
            "contact-mobile_phone": NEW_MOBILE,
            "contact-otp_code": last_code_sent_to(NEW_MOBILE_E164),
            "send": "1",
        },
    )

    assert sent.status_code == 302
    assert refreshed(application).mobile_phone == NEW_MOBILE_E164


def test_a_corrected_answer_is_checked_again_and_refused_at_its_field(aysel, aysel_transfer):
    application = asked(aysel_transfer, fields=["registry_number"], message="Reyestr nömrəsini yoxlayın.")

    refused = aysel.post(answer_url(application), {"property-registry_number": "6080110017999", "send": "1"})

    assert refused.status_code == 200
    assert field_error(refused, "property-registry_number")
    assert input_value(refused, "property-registry_number") == "6080110017999"
    assert refreshed(application).registry_number == NESIMI_FLAT["registry_number"]
    assert refreshed(application).status == Application.Status.INFO_REQUESTED


def test_a_request_without_named_answers_keeps_the_whole_correction_wizard(aysel, aysel_transfer):
    application = asked(aysel_transfer, message="Zəng edin.")

    assert aysel.get(answer_url(application)).status_code == 302
    assert "Düzəliş et" in visible_text(aysel.get(f"/my/{application.number}/"))


def test_another_citizen_cannot_open_the_answer_page(citizen_client, marriage_asked):
    assert citizen_client(LEYLA).get(answer_url(marriage_asked)).status_code == 404


@pytest.fixture
def handed_in(aysel, marriage_asked):
    aysel.post(
        answer_url(marriage_asked),
        {"contact-email": "aysel@example.az", "document_marriage_certificate": pdf(), "send": "1"},
    )
    return marriage_asked.handed_in_files.get()


def test_the_citizen_and_the_office_open_the_file_and_each_staff_view_is_logged(
    aysel, staff_client, handed_in
):
    url = f"/files/{handed_in_file_token(handed_in)}/"

    mine = b"".join(aysel.get(url).streaming_content)
    officer = staff_client(OPERATOR_BAKI).get(url)

    assert mine == PDF
    assert b"".join(officer.streaming_content) == PDF
    assert officer["Content-Type"] == "application/pdf"
    assert "no-store" in officer["Cache-Control"]
    logged = ApplicationAccess.objects.filter(application=handed_in.application, page="handed_in_file")
    assert [access.viewer.username for access in logged] == [OPERATOR_BAKI]


def test_the_file_is_not_shown_to_others_or_by_a_forged_link(client, citizen_client, staff_client, handed_in):
    url = f"/files/{handed_in_file_token(handed_in)}/"

    assert client.get(url).status_code == 404
    assert citizen_client(LEYLA).get(url).status_code == 404
    assert staff_client("operator.sumqayit").get(url).status_code == 404
    assert citizen_client("2AB3C4D").get(url[:-3] + "AA/").status_code == 404


def test_the_case_page_shows_what_changed_and_the_file_with_who_and_when(staff_client, aysel, marriage_asked):
    aysel.post(
        answer_url(marriage_asked),
        {"contact-email": "aysel.new@example.az", "document_marriage_certificate": pdf(), "send": "1"},
    )

    page = staff_client(OPERATOR_BAKI).get(admin_url(marriage_asked))

    text = visible_text(page)
    assert "E-poçt ünvanı aysel@example.az aysel.new@example.az" in text
    assert "Versiya 2:" in text
    assert "Nikah haqqında şəhadətnamə: PDF" in text
    assert "/files/" in page.content.decode()


def test_a_file_handed_in_by_mistake_is_taken_back_before_sending(aysel, marriage_asked):
    aysel.post(answer_url(marriage_asked), {"document_marriage_certificate": pdf(), "upload": "1"})
    handed_in = marriage_asked.handed_in_files.get()

    page = aysel.post(
        answer_url(marriage_asked), {"contact-email": "typed@example.az", "remove_file": handed_in.key}
    )

    assert not marriage_asked.handed_in_files.exists()
    assert input_value(page, "contact-email") == "typed@example.az"


def test_the_page_and_its_refusals_are_in_the_citizens_language(aysel, marriage_asked):
    aysel.cookies["django_language"] = "en"

    refused = aysel.post(
        answer_url(marriage_asked),
        {"document_marriage_certificate": pdf("notes.pdf", b"plain text"), "send": "1"},
    )

    assert field_error(refused, "document_marriage_certificate") == "Upload a PDF, JPEG or PNG file only."
    assert "Marriage certificate" in visible_text(refused)
