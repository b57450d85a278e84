"""The outgoing holder's and the co-owners' pages, reached from their SMS: what they see (the
number and a masked address, never the buyer's data), their answers, and links that no longer
work (tampered, expired, used) changing nothing."""

import re

import pytest
from django.utils import timezone

from applications.documents.models import Document
from applications.handover.links import co_owner_url, previous_holder_url
from applications.models import Application
from applications.services import application_approve, application_claim
from core.signing import short_token
from notifications.models import Notification
from tests.support.billing import demo_ledger
from tests.support.demo import AYGUN, AYSEL, NERIMANOV_FLAT, NICAT, OPERATOR_BAKI, RAUF_ACCOUNT, VUQAR_ACCOUNT
from tests.support.staff import submit, user
from tests.support.wizard import sign_in, visible_text


@pytest.fixture(autouse=True)
def staff(staff_world):
    """The office is there to decide."""


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def link_in(notification: Notification) -> str:
    return path_of(re.search(r"https?://\S+/[hr]/\S+/", notification.body).group(0))


def test_the_seller_is_told_at_billings_number_and_address(aysel_transfer):
    told = Notification.objects.filter(application=aysel_transfer, template="previous_holder_asked")

    ledger = demo_ledger(RAUF_ACCOUNT)
    assert {(n.channel, n.recipient) for n in told} == {
        ("sms", ledger["contact_phone"]),
        ("email", ledger["contact_email"]),
    }
    sms = told.get(channel="sms")
    assert aysel_transfer.number in sms.body and "/h/" in sms.body
    assert sms.addressee == Notification.Addressee.PREVIOUS_HOLDER


def test_the_sellers_page_shows_the_handover_and_nothing_of_the_buyer(client, aysel_transfer):
    page = client.get(path_of(previous_holder_url(aysel_transfer.handover)))

    assert page.status_code == 200
    text = visible_text(page)
    assert aysel_transfer.number in text and "20.11.2026" in text and "18 463,1" in text
    assert "S. Vurğun küç. **, m. **" in text  # the address, masked
    for personal in ("Aysel", "Məmmədova", AYSEL, "501234567"):
        assert personal not in text
    assert "no-store" in page["Cache-Control"]


def test_the_seller_confirms_once(client, aysel_transfer):
    url = path_of(previous_holder_url(aysel_transfer.handover))

    assert client.post(url, {"answer": "confirm"}).status_code == 302

    handover = Application.objects.get(pk=aysel_transfer.pk).handover
    assert handover.answer == "confirmed" and handover.answered_at is not None
    again = client.post(url, {"answer": "object", "objection": "fikrimi dəyişdim"})
    assert again.status_code == 400 and "cavab artıq verilib" in visible_text(again)
    assert Application.objects.get(pk=aysel_transfer.pk).handover.answer == "confirmed"


def test_an_objection_needs_a_reason_and_keeps_what_was_typed(client, aysel_transfer):
    url = path_of(previous_holder_url(aysel_transfer.handover))

    refused = client.post(url, {"answer": "object", "objection": "   "})

    assert refused.status_code == 400
    assert "Etirazınızın səbəbini yazın" in visible_text(refused)
    assert Application.objects.get(pk=aysel_transfer.pk).handover.answer == "pending"


def test_an_objection_flags_the_case_without_refusing_it(
    client, aysel_transfer, staff_client, citizen_client
):
    url = path_of(previous_holder_url(aysel_transfer.handover))

    client.post(url, {"answer": "object", "objection": "Mənzili satmamışam."})

    application = Application.objects.get(pk=aysel_transfer.pk)
    assert application.previous_holder_objected and application.status == Application.Status.SUBMITTED
    # First in the office's list, and in the case with the reason.
    office = staff_client(OPERATOR_BAKI)
    listing = office.get("/admin/applications/application/")
    assert "Əvvəlki sahib etiraz edib" in visible_text(listing) and application.number in visible_text(
        listing
    )
    case = office.get(f"/admin/applications/application/{application.pk}/change/")
    assert "Mənzili satmamışam." in visible_text(case)
    # The buyer's timeline says that there is an objection, not what the seller wrote.
    mine = citizen_client(AYSEL).get(f"/my/{application.number}/")
    assert "Əvvəlki sahib etiraz etdi" in visible_text(mine)
    assert "Mənzili satmamışam." not in visible_text(mine)


def test_a_tampered_link_is_a_clear_page_and_changes_nothing(client, aysel_transfer):
    url = path_of(previous_holder_url(aysel_transfer.handover))
    tampered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]

    page = client.post(tampered, {"answer": "confirm"})

    assert page.status_code == 404 and "Keçid düzgün deyil" in visible_text(page)
    assert Application.objects.get(pk=aysel_transfer.pk).handover.answer == "pending"


def test_an_expired_link_is_a_clear_page_and_changes_nothing(client, aysel_transfer):
    token = short_token(
        aysel_transfer.handover.link_key, salt="applications.handover.previous-holder", max_age_days=-1
    )

    page = client.post(f"/h/{token}/", {"answer": "confirm"})

    assert page.status_code == 410 and "Keçidin vaxtı bitib" in visible_text(page)
    assert Application.objects.get(pk=aysel_transfer.pk).handover.answer == "pending"


def test_after_billing_settles_the_seller_gets_his_final_bill_and_the_buyer_does_not_see_it(
    client, aysel_transfer, citizen_client, django_capture_on_commit_callbacks
):
    operator = user(OPERATOR_BAKI)
    application_claim(application=aysel_transfer, actor=operator)
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=aysel_transfer, actor=operator)
    application = Application.objects.get(pk=aysel_transfer.pk)
    assert application.status == Application.Status.DONE

    settled = Notification.objects.get(
        application=application, template="previous_holder_settled", channel="sms"
    )
    page = client.get(link_in(settled))
    text = visible_text(page)
    assert "Yekun hesab" in text and "4,88 AZN" in text  # his credit back, less what he used
    pdf = client.get(link_in(settled) + "final-bill.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    # The buyer's documents are hers: the seller's final bill is not among them.
    final_bill = Document.objects.get(bundle__application=application, kind=Document.Kind.FINAL_BILL)
    assert final_bill.language == "az"
    bundle = citizen_client(AYSEL).get(f"/my/{application.number}/")
    assert "Yekun hesab" not in visible_text(bundle)


def test_the_co_owner_signs_in_as_herself_to_answer(client, django_capture_on_commit_callbacks):
    application = submit(
        NICAT, "transfer", VUQAR_ACCOUNT, NERIMANOV_FLAT, co_owner_phones=((AYGUN, "+994552223344"),)
    )
    url = path_of(co_owner_url(application.co_owner_consents.get()))

    assert client.get(url).status_code == 302  # to ASAN Login first
    sign_in(client, NICAT, next_url=url)
    assert "başqa mülkiyyətçisi üçündür" in visible_text(client.get(url))
    client.post(url, {"answer": "consent"})
    assert application.co_owner_consents.get().answer == "pending"

    client.post("/signin/out/")
    sign_in(client, AYGUN, next_url=url)
    page = client.get(url)
    assert application.number in visible_text(page) and "N**** R******" in visible_text(page)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"answer": "consent"})

    consent = application.co_owner_consents.get()
    assert consent.answer == "consented" and consent.answered_at <= timezone.now()
    assert "Razılığınızı verdiniz" in visible_text(client.get(url))


def test_the_applicant_sees_who_has_answered_with_masked_names(citizen_client):
    application = submit(
        NICAT, "transfer", VUQAR_ACCOUNT, NERIMANOV_FLAT, co_owner_phones=((AYGUN, "+994552223344"),)
    )

    page = citizen_client(NICAT).get(f"/my/{application.number}/")

    text = visible_text(page)
    assert "Mülkiyyətçi A**** R*******" in text and "Cavab gözlənilir" in text
    assert "Aygün" not in text and "552223344" not in text
    # What was sent to the co-owner and the seller is not listed as the applicant's.
    assert "+994552223344" not in page.content.decode()
