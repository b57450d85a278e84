"""One round trip, in two real browsers: the officer asks for the mobile number and a marriage
certificate; the citizen follows the SMS link, changes only those, is refused the EICAR file
(ClamAV) and an 11 MB one, uploads a PDF and sends; the officer sees the diff and the file."""

import re

import pytest

from applications.documents.models import Document
from applications.models import Application
from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from integrations.sms.fake import InMemorySmsGateway
from tests.browser.test_backoffice import OPERATOR, PASSWORD, staff_sign_in, take_step
from tests.support.applications import sent
from tests.support.clamd import EICAR
from tests.support.demo import AYSEL, MOBILE_E164
from tests.support.world import last_code_sent_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_MOBILE, NEW_MOBILE_E164 = "055 765 43 21", "+994557654321"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
BOX = "#id_document_marriage_certificate"


def upload(name: str, content: bytes) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": content}


def info_request_link() -> str:
    """The link in the newest "information requested" SMS to Aysel."""
    for message in reversed(InMemorySmsGateway.outbox):
        if message.to == MOBILE_E164 and "əlavə məlumat" in message.body:
            return re.search(r"https?://\S+", message.body).group(0)
    raise AssertionError("no information-requested SMS")


def error_at(page, field_id: str) -> str:
    return " ".join(page.locator(f"#{field_id}_error").inner_text().split())


def send_answer(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Cavabı göndər").click()


def test_the_office_asks_the_citizen_answers_in_place_and_the_officer_sees_what_changed(
    new_context, clamd_scanner
):
    roles_sync()
    staff_demo_load()
    application = sent(AYSEL, email="aysel@example.az")

    operator = new_context().new_page()
    staff_sign_in(operator, OPERATOR, PASSWORD)
    operator.goto(f"/admin/applications/application/{application.pk}/change/")
    take_step(operator, "Götür", "Müraciət sizə verildi.")
    operator.locator("a.step-link", has_text="Əlavə məlumat istə").click()
    operator.get_by_label("Vətəndaşa mesaj").fill("Yeni mobil nömrənizi və nikah şəhadətnaməsini göndərin.")
    operator.get_by_label("Mobil nömrə").check()
    operator.get_by_label("Nikah haqqında şəhadətnamə").check()
    with operator.expect_navigation():
        operator.locator("input[type=submit][value='Əlavə məlumat istə']").click()
    assert "Vətəndaşdan əlavə məlumat istənildi." in operator.locator(".messagelist").inner_text()

    citizen = new_context().new_page()
    citizen.goto(info_request_link())
    # The SMS's status link shows the stage to anyone; its applicant signs in to answer.
    assert "Əlavə məlumat tələb olunur" in citizen.locator("main").inner_text()
    citizen.get_by_role("link", name=re.compile("ASAN Login ilə daxil olub")).click()
    citizen.locator("#id_fin").fill(AYSEL)  # the emulated ASAN Login, then back to the full page
    citizen.locator("main form button[type=submit]").click()
    citizen.wait_for_url(re.compile(rf"/my/{application.number}/$"))
    assert "Yeni mobil nömrənizi və nikah şəhadətnaməsini göndərin." in citizen.locator("main").inner_text()
    citizen.get_by_role("link", name="Cavab ver").click()
    citizen.wait_for_url(re.compile(r"/answer/$"))
    # Only what was asked: the mobile and the certificate's box, not the e-mail or the property.
    assert citizen.locator("#id_contact-email").count() == 0
    assert citizen.locator("#id_property-registry_number").count() == 0

    citizen.locator("#id_contact-mobile_phone").fill(NEW_MOBILE)
    citizen.locator(BOX).set_input_files(upload("eicar.pdf", EICAR))
    send_answer(citizen)
    assert (
        error_at(citizen, "id_document_marriage_certificate")
        == "Faylda virus aşkarlandı: bu fayl qəbul edilmir."
    )
    assert citizen.locator("#id_contact-mobile_phone").input_value() == NEW_MOBILE

    citizen.locator("#id_contact-otp_code").fill(last_code_sent_to(NEW_MOBILE_E164))
    citizen.locator(BOX).set_input_files(upload("big.pdf", PDF + b"0" * (11 * 1024 * 1024)))
    send_answer(citizen)
    assert "Fayl çox böyükdür" in error_at(citizen, "id_document_marriage_certificate")
    assert citizen.locator("#id_contact-mobile_phone").input_value() == NEW_MOBILE

    assert citizen.locator("#id_contact-otp_code").count() == 0  # the new number is proven
    citizen.locator(BOX).set_input_files(upload("nikah.pdf", PDF))
    send_answer(citizen)
    citizen.wait_for_url(re.compile(rf"/my/{application.number}/$"))
    assert "Cavabınız göndərildi" in citizen.locator("main").inner_text()

    answered = Application.objects.get(pk=application.pk)
    assert answered.status == Application.Status.IN_REVIEW
    assert (answered.mobile_phone, answered.email) == (NEW_MOBILE_E164, "aysel@example.az")

    operator.reload()
    versions = operator.locator(".answer-versions")
    diff = " ".join(versions.locator(".answer-diff").first.inner_text().split())
    assert "Mobil nömrə +994 50 123 45 67 +994 55 765 43 21" in diff
    assert "E-poçt" not in diff
    link = versions.locator(".handed-in-files a").first
    assert "PDF" in link.inner_text()
    handed_in = operator.request.get(link.get_attribute("href"))
    assert handed_in.status == 200
    assert handed_in.headers["content-type"] == "application/pdf"
    assert handed_in.body() == PDF

    # The receipt printed the old number: issued again, the old one's code says it was replaced.
    first_receipt = Document.objects.get(
        bundle__application=application, kind="receipt", superseded_at__isnull=False
    )
    citizen.goto(f"/verify/{first_receipt.verification_code}/")
    assert "Sənəd həqiqidir, lakin artıq qüvvədə deyil" in citizen.locator("main").inner_text()
    with citizen.expect_navigation():
        citizen.locator("main dd a").click()
    assert re.search(r"Qüvvədədir\s+Bəli", citizen.locator("main").inner_text())
