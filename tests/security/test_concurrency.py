"""Simultaneous requests: fifty sends of one application make one application and one SMS;
two co-owners asking for the same account at the same moment leave one open application and
a clear refusal for the other; workers re-issuing one corrected receipt at once issue it once.
Row locks and unique indexes are PostgreSQL's: SQLite serialises whole transactions, so these
run on PostgreSQL (as CI does)."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from applications.documents.generation import documents_generate
from applications.documents.models import Document, DocumentBundle
from applications.eligibility import ApplicationRefused
from applications.models import Application
from applications.services import application_submit
from notifications.models import Notification
from tests.security.fakes import AYSEL, RESAD
from tests.support.applications import answers, citizen_user, handover_answers
from tests.support.concurrency import at_once
from tests.support.demo import RAUF_ACCOUNT
from tests.support.documents import NEW_MOBILE, TRANSFER, send, stored_files
from tests.support.wizard import (
    CONTACT,
    assert_refused_at,
    fill_until,
    step_payload,
    step_url,
    submission_key,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and unique indexes under concurrency; "
        "run with DATABASE_URL=postgres://… (CI does)",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("world"),
]


def same_browser(browser: Client) -> Client:
    """Another connection from the same browser: the same cookies, hence the same session."""
    twin = Client()
    twin.cookies = browser.cookies
    return twin


def test_fifty_simultaneous_sends_make_one_application_and_one_sms(citizen, sms_outbox):
    browser = citizen(AYSEL)
    fill_until(browser, "contact")
    payload = step_payload("check", {"declaration": "on"}, submission_key=submission_key(browser))
    tabs = [same_browser(browser) for _ in range(50)]

    responses = at_once([lambda tab=tab: tab.post(step_url("check"), payload) for tab in tabs])

    errors = [response for response in responses if isinstance(response, Exception)]
    assert errors == []
    assert {response.status_code for response in responses} == {302}
    # Each tab is shown the confirmation; one that arrives after the draft is gone sees step 1.
    assert {response["Location"] for response in responses} <= {"/apply/submitted/", step_url("basic")}
    application = Application.objects.get()
    assert Notification.objects.filter(template="receipt").count() == 1
    # One receipt to the applicant (the outgoing holder is told once too, at billing's number).
    receipts = [sms.to for sms in sms_outbox if application.number in sms.body and "/d/" in sms.body]
    assert receipts == ["+994501234567"]
    assert application.number in browser.get("/apply/submitted/").content.decode()


@pytest.fixture
def co_owners(settings, citizen):
    """Aysel and her husband Rəşad, co-owners of the flat whose account both may ask for, each
    at the check page of a transfer of it."""
    settings.STATE_REGISTRY = {"BACKEND": "tests.security.fakes.CoOwnedFlatRegistry"}
    browsers = {}
    mobiles = {AYSEL: CONTACT["mobile_phone"], RESAD: "055 765 43 21"}
    for fin, mobile in mobiles.items():
        browsers[fin] = citizen(fin)
        other = {owner: phone for owner, phone in mobiles.items() if owner != fin}  # must consent
        fill_until(
            browsers[fin], "contact", contact={**CONTACT, "mobile_phone": mobile}, co_owner_phones=other
        )
    return browsers


def test_two_co_owners_sending_at_once_leave_one_open_application_and_tell_the_other(co_owners):
    sends = {
        fin: step_payload("check", {"declaration": "on"}, submission_key=submission_key(browser))
        for fin, browser in co_owners.items()
    }

    responses = at_once([lambda fin=fin: co_owners[fin].post(step_url("check"), sends[fin]) for fin in sends])

    locations = sorted(response["Location"] for response in responses)
    assert locations == ["/apply/application/", "/apply/submitted/"]
    application = Application.objects.open().get(account__subscriber_code=RAUF_ACCOUNT)
    loser = next(fin for fin in co_owners if fin != application.applicant_fin)
    explained = co_owners[loser].get(step_url("application"))
    # The other co-owner's application is theirs: the loser is refused without being told of it.
    assert_refused_at(explained, "application", "subscriber_code", "onlayn müraciət etmək mümkün deyil")
    assert Notification.objects.filter(template="receipt").count() == 1


def test_many_submissions_for_one_account_at_once_leave_exactly_one_open(settings):
    settings.STATE_REGISTRY = {"BACKEND": "tests.security.fakes.CoOwnedFlatRegistry"}
    # Each co-owner names the other's mobile on the handover step (the other must consent).
    phones = ((AYSEL, "+994552223344"), (RESAD, "+994552223355"))
    flat = answers(handover=handover_answers(co_owner_phones=phones))
    applicants = [citizen_user(AYSEL), citizen_user(RESAD)] * 5

    def submission(applicant):
        return application_submit(applicant=applicant, submission_key=uuid.uuid4(), answers=flat)

    results = at_once([lambda applicant=applicant: submission(applicant) for applicant in applicants])

    sent = [result for result in results if isinstance(result, Application)]
    refused = [result for result in results if isinstance(result, ApplicationRefused)]
    assert len(sent) == 1 and len(refused) == len(applicants) - 1, results
    winner = sent[0].applicant_fin
    for applicant, result in zip(applicants, results, strict=True):
        if isinstance(result, ApplicationRefused):
            # Only the winner's own later tries hear of its application; the other co-owner does not.
            expected = "artıq baxılan müraciət var" if applicant.fin == winner else "mümkün deyil"
            assert expected in result.message, (applicant.fin, result.message)
    assert Application.objects.open().filter(account__subscriber_code=RAUF_ACCOUNT).count() == 1
    assert Notification.objects.filter(template="receipt").count() == 1


def test_workers_reissuing_a_corrected_receipt_at_once_leave_one_in_force_and_no_stray_file():
    application = send(AYSEL, TRANSFER)  # its documents issued after commit
    first = Document.objects.get(bundle__application=application, kind=Document.Kind.RECEIPT)
    files_before = stored_files()
    # A correction changed the mobile number the receipt prints; its own task was lost.
    Application.objects.filter(pk=application.pk).update(mobile_phone=NEW_MOBILE)
    DocumentBundle.objects.filter(application=application).update(reissue_requested_at=timezone.now())

    results = at_once([lambda: documents_generate(application_id=application.pk)] * 5)

    assert not [result for result in results if isinstance(result, Exception)], results
    assert sum(len(result) for result in results) == 1  # one worker re-issued it, the rest saw it done
    receipts = Document.objects.filter(bundle__application=application, kind=Document.Kind.RECEIPT)
    [in_force] = receipts.in_force()
    assert receipts.count() == 2
    assert receipts.get(pk=first.pk).superseded_by == in_force
    assert stored_files() - files_before == {in_force.file.name}
